"""ATRIA stroke risk score for atrial fibrillation."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._patient import Sex
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="atria_stroke",
    name="ATRIA Stroke Risk Score",
    synonyms=("ATRIA stroke", "ATRIA stroke risk", "ATRIA stroke risk score for AF"),
    category="cardiology",
    source="Singer DE, Chang Y, Borowsky LH, et al. A new risk scheme to predict ischemic "
    "stroke and other thromboembolism in atrial fibrillation: the ATRIA study stroke risk "
    "score. J Am Heart Assoc. 2013;2(3):e000250.",
    doi="10.1161/JAHA.113.000250",
    output_type="integer",
    description="Thromboembolism risk in atrial fibrillation (0-15): age points depend on "
    "prior stroke; 0-5 low, 6 intermediate, 7-15 high.",
)

# Singer 2013 (as tabulated by MDCalc): age points without / with prior stroke.
# (upper age bound exclusive, points without prior stroke, points with prior stroke)
_AGE_POINTS = ((65, 0, 8), (75, 3, 7), (85, 5, 7))
_AGE_85_PLUS = (6, 9)


class Inputs(QuantityInputs):
    """Inputs of the ATRIA stroke score."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    prior_stroke: bool = Field(description="Prior ischaemic stroke (changes the age points)")
    sex: Sex = Field(description="Sex (female +1)")
    diabetes: bool = Field(description="Diabetes mellitus (+1)")
    chf: bool = Field(description="Congestive heart failure (+1)")
    hypertension: bool = Field(description="Hypertension (+1)")
    proteinuria: bool = Field(description="Proteinuria on dipstick (+1)")
    egfr_lt_45_or_esrd: bool = Field(description="eGFR <45 mL/min/1.73 m² or ESRD (+1)")


def _age_points(age: float, prior_stroke: bool) -> int:
    for upper, without, with_stroke in _AGE_POINTS:
        if age < upper:
            return with_stroke if prior_stroke else without
    return _AGE_85_PLUS[1] if prior_stroke else _AGE_85_PLUS[0]


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the ATRIA stroke points (Singer 2013)."""
    i = inputs
    s = Score()
    s.add(
        "Age (by prior stroke)",
        i.age,
        _age_points(i.age, i.prior_stroke),
        "no prior stroke <65: 0, 65-74: 3, 75-84: 5, ≥85: 6; prior stroke <65: 8, 65-84: 7, ≥85: 9",
    )
    s.add("Female sex", i.sex, 1 if i.sex == "female" else 0, "+1 if female")
    s.flag("Diabetes", i.diabetes, 1)
    s.flag("Congestive heart failure", i.chf, 1)
    s.flag("Hypertension", i.hypertension, 1)
    s.flag("Proteinuria", i.proteinuria, 1)
    s.flag("eGFR <45 or ESRD", i.egfr_lt_45_or_esrd, 1)
    total = int(s.total)
    # Singer 2013 risk groups: annual thromboembolism rate <1% (0-5), 1-<2% (6), ≥2% (7-15).
    if total <= 5:
        text = "Low risk: annual thromboembolism rate <1%"
    elif total == 6:
        text = "Intermediate risk: annual thromboembolism rate 1 to <2%"
    else:
        text = "High risk: annual thromboembolism rate ≥2%"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{text} (ATRIA {total} points, without anticoagulation).",
        steps=s.steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ATRIA stroke inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "prior_stroke": f.yes("prior stroke", "history of stroke", "stroke"),
        "sex": f.sex(),
        "diabetes": f.yes("diabetes"),
        "chf": f.yes("heart failure", "chf"),
        "hypertension": f.yes("hypertension"),
        "proteinuria": f.yes("proteinuria"),
        "egfr_lt_45_or_esrd": f.yes("egfr", "esrd", "renal"),
    }
