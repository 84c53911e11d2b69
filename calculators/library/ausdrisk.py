"""Australian Type 2 Diabetes Risk (AUSDRISK) Assessment Tool."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields, first_number
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="ausdrisk",
    name="Australian Type 2 Diabetes Risk (AUSDRISK) Assessment Tool",
    synonyms=("AUSDRISK", "Australian diabetes risk score", "AUSDRISK score"),
    category="endocrinology",
    source="Chen L, Magliano DJ, Balkau B, et al. AUSDRISK: an Australian Type 2 Diabetes Risk "
    "Assessment Tool based on demographic, lifestyle and simple anthropometric measures. Med J "
    "Aust. 2010;192(4):197-202. Points as in the AUSDRISK form (Commonwealth of Australia 2010) "
    "and MDCalc's AUSDRISK page (waist categories by ethnicity).",
    output_type="integer",
    description="5-year risk of type 2 diabetes in adults without diabetes from age, sex, "
    "ethnicity, family history, high glucose history, BP medication, smoking, physical "
    "inactivity and waist circumference; ≥ 12 points is high risk.",
)

AgeGroup = Literal["<35", "35-44", "45-54", "55-64", ">=65"]
Ethnicity = Literal[
    "aboriginal_torres_strait_islander", "asian", "pacific_islander", "southern_european", "other"
]

# AUSDRISK form items 1-10 (Commonwealth of Australia 2010; also MDCalc): age 0/2/4/6/8,
# male 3, ethnicity 2, parent or sibling with diabetes 3, ever high blood glucose 6, BP
# medication 2, daily smoking 2, vegetables/fruit not every day 1, < 2.5 h activity a week 2,
# waist 0/4/7.
_AGE_POINTS = {"<35": 0, "35-44": 2, "45-54": 4, "55-64": 6, ">=65": 8}
# Waist cut-offs (cm), MDCalc's AUSDRISK formula (from Chen 2010): Aboriginal/Torres Strait
# Islander or Asian: men < 90 / 90-99 / ≥ 100, women < 80 / 80-89 / ≥ 90; others: men
# < 102 / 102-109 / ≥ 110, women < 88 / 88-99 / ≥ 100.
_WAIST_CUTS = {
    (True, "male"): (90.0, 100.0),
    (True, "female"): (80.0, 90.0),
    (False, "male"): (102.0, 110.0),
    (False, "female"): (88.0, 100.0),
}


class Inputs(QuantityInputs):
    """Inputs of AUSDRISK (the vegetable/fruit item of the paper form is optional)."""

    age_group: AgeGroup = Field(description="Age group: '<35', '35-44', '45-54', '55-64', '>=65'")
    sex: Literal["male", "female"] = Field(description="Sex (male +3)")
    ethnicity: Ethnicity = Field(
        description="Aboriginal/Torres Strait Islander, Asian (incl. Indian subcontinent), "
        "Pacific Islander or Southern European background +2; 'other' 0"
    )
    family_history: bool = Field(description="Parent or sibling with diabetes (type 1 or 2) (+3)")
    high_glucose_history: bool = Field(
        description="Ever found to have high blood glucose (health check, illness, pregnancy) (+6)"
    )
    bp_medication: bool = Field(description="Currently taking blood-pressure medication (+2)")
    smoker: bool = Field(description="Smokes cigarettes or other tobacco daily (+2)")
    physically_inactive: bool = Field(
        description="Less than 2.5 hours of physical activity a week (+2)"
    )
    waist: float = quantity(
        "height", "cm", ge=40, le=250, description="Waist circumference below the ribs"
    )
    vegetables_fruit_daily: bool | None = Field(
        None,
        description="Eats vegetables or fruit every day (the paper form's item 8; not every day "
        "+1); omitted in MDCalc's version, so optional",
    )


def _waist_points(waist: float, ethnicity: str, sex: str) -> int:
    lower_cuts = ethnicity in ("aboriginal_torres_strait_islander", "asian")
    mid, high = _WAIST_CUTS[(lower_cuts, sex)]
    return 0 if waist < mid else 4 if waist < high else 7


def _band(total: int) -> str:
    # AUSDRISK form (Baker IDI): ≤ 5 low (~1 in 100 over 5 years); 6-8 (~1 in 50) and 9-11
    # (~1 in 30) intermediate; 12-15 (~1 in 14), 16-19 (~1 in 7), ≥ 20 (~1 in 3) high.
    if total <= 5:
        return "Low risk: about 1 in 100 will develop diabetes within 5 years"
    if total <= 8:
        return "Intermediate risk: about 1 in 50 will develop diabetes within 5 years"
    if total <= 11:
        return "Intermediate risk: about 1 in 30 will develop diabetes within 5 years"
    odds = "1 in 14" if total <= 15 else "1 in 7" if total <= 19 else "1 in 3"
    return (
        f"High risk: about {odds} will develop diabetes within 5 years; investigate for possible "
        "diabetes (fasting glucose or HbA1c)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the AUSDRISK items (Chen 2010)."""
    i = inputs
    s = Score()
    s.add("Age group", i.age_group, _AGE_POINTS[i.age_group])
    s.add("Male sex", i.sex, 3 if i.sex == "male" else 0)
    s.add("Ethnicity / background", i.ethnicity, 0 if i.ethnicity == "other" else 2)
    s.flag("Parent or sibling with diabetes", i.family_history, 3)
    s.flag("History of high blood glucose", i.high_glucose_history, 6)
    s.flag("Blood-pressure medication", i.bp_medication, 2)
    s.flag("Daily smoking", i.smoker, 2)
    warnings = []
    if i.vegetables_fruit_daily is None:
        warnings.append(
            "Vegetable/fruit intake not given: scored as MDCalc does (item left out); the paper "
            "form adds 1 point when not eaten every day."
        )
    else:
        s.flag("Vegetables or fruit not every day", not i.vegetables_fruit_daily, 1)
    s.flag("Physical activity < 2.5 h/week", i.physically_inactive, 2)
    s.add(
        "Waist circumference",
        round(i.waist, 1),
        _waist_points(i.waist, i.ethnicity, i.sex),
        "sex- and ethnicity-specific categories: 0 / 4 / 7",
    )
    total = int(s.total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{_band(total)} (AUSDRISK {total}).",
        steps=s.steps,
        warnings=warnings,
    )


def _age_group(value: Any) -> str:
    """Read an age group ('45-54', '65+', '≥65') or an age in years (52) as a group key."""
    text = str(value).strip().replace("–", "-")
    for group in ("35-44", "45-54", "55-64"):
        if text.startswith(group):
            return group
    if text.startswith(("<", "under", "Under")):
        return "<35"
    age = first_number(text, field="age")
    if age < 35:
        return "<35"
    return "35-44" if age < 45 else "45-54" if age < 55 else "55-64" if age < 65 else ">=65"


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → kwargs (waist is required; a BMI-only item cannot be scored)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "age_group": _age_group(f.value("age")),
        "sex": f.sex(),
        "ethnicity": f.option(
            "ethnicity",
            options={
                "aboriginal_torres_strait_islander": ("aboriginal", "torres strait islander"),
                "asian": ("asian", "asia", "indian"),
                "pacific_islander": ("pacific islander", "maori"),
                "southern_european": ("southern european",),
                "other": ("other", "none", "caucasian", "white", "australian"),
            },
        ),
        "family_history": f.yes("parental", "family history", "parent"),
        "high_glucose_history": f.yes("high blood glucose", "glucose"),
        "bp_medication": f.yes("antihypertensive", "blood pressure medication"),
        "smoker": f.yes("smoker", "smoking"),
        "physically_inactive": f.yes("physical inactivity", "inactiv"),
        "waist": f.quantity("waist", default_unit="cm"),
    }
    if f.has("vegetables", "fruit"):
        out["vegetables_fruit_daily"] = f.yes("vegetables", "fruit")
    return out
