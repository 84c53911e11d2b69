"""Cancer and Aging Research Group Chemotherapy Toxicity Tool (CARG-TT)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields, norm, parse_yes, split_quantity
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="carg_chemotherapy_toxicity",
    name="Cancer and Aging Research Group Chemotherapy Toxicity Tool (CARG-TT)",
    synonyms=(
        "CARG-TT",
        "CARG toxicity score",
        "CARG chemotherapy toxicity calculator",
        "Hurria score",
    ),
    category="oncology",
    source="Hurria A, et al. Predicting chemotherapy toxicity in older adults with cancer: a "
    "prospective multicenter study. J Clin Oncol. 2011;29(25):3457-65.",
    doi="10.1200/JCO.2011.34.7625",
    output_type="integer",
    unit=None,
    description="Risk of grade 3–5 chemotherapy toxicity in adults ≥65 from 11 geriatric, "
    "tumour, treatment and laboratory items (0–19).",
)


class Inputs(QuantityInputs):
    """Inputs of the CARG-TT."""

    sex: Literal["male", "female"] = Field(description="Sex (sets the hemoglobin threshold)")
    age: float = quantity("age", "years", ge=18, le=120, description="Age (≥72 scores 2)")
    gi_or_gu_cancer: bool = Field(description="Gastrointestinal or genitourinary cancer (2)")
    standard_dose: bool = Field(description="Chemotherapy at standard (not reduced) dose (2)")
    polychemotherapy: bool = Field(description="More than one chemotherapy drug (2)")
    hemoglobin: float = quantity(
        "hemoglobin", "g/dL", ge=2, le=25, description="Hemoglobin (<11 men, <10 women scores 3)"
    )
    creatinine_clearance: float = quantity(
        "flow",
        "mL/min",
        ge=1,
        le=250,
        description="Creatinine clearance (Jelliffe, ideal weight; <34 scores 3)",
    )
    hearing_fair_or_poor: bool = Field(description="Hearing fair, poor or deaf (2)")
    falls_past_6_months: int = Field(
        ge=0, le=100, description="Falls in the past 6 months (≥1 scores 3)"
    )
    needs_help_with_medications: bool = Field(
        description="Needs some help or cannot take own medications (1)"
    )
    walking_one_block_limited: bool = Field(description="Limited in walking one block (2)")
    decreased_social_activity: bool = Field(
        description="Social activities decreased because of physical or emotional health (1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Weights from Hurria 2011 (table 3)."""
    hb_low = inputs.hemoglobin < (11 if inputs.sex == "male" else 10)
    items = [
        ("Age ≥72", inputs.age, 2 if inputs.age >= 72 else 0),
        ("GI or GU cancer", inputs.gi_or_gu_cancer, 2 if inputs.gi_or_gu_cancer else 0),
        ("Standard dose", inputs.standard_dose, 2 if inputs.standard_dose else 0),
        ("Polychemotherapy", inputs.polychemotherapy, 2 if inputs.polychemotherapy else 0),
        ("Hemoglobin <11 (men) / <10 (women) g/dL", inputs.hemoglobin, 3 if hb_low else 0),
        (
            "Creatinine clearance <34 mL/min",
            inputs.creatinine_clearance,
            3 if inputs.creatinine_clearance < 34 else 0,
        ),
        (
            "Hearing fair or worse",
            inputs.hearing_fair_or_poor,
            2 if inputs.hearing_fair_or_poor else 0,
        ),
        (
            "≥1 fall in 6 months",
            inputs.falls_past_6_months,
            3 if inputs.falls_past_6_months >= 1 else 0,
        ),
        (
            "Needs help taking medications",
            inputs.needs_help_with_medications,
            1 if inputs.needs_help_with_medications else 0,
        ),
        (
            "Limited walking one block",
            inputs.walking_one_block_limited,
            2 if inputs.walking_one_block_limited else 0,
        ),
        (
            "Decreased social activity",
            inputs.decreased_social_activity,
            1 if inputs.decreased_social_activity else 0,
        ),
    ]
    steps, total = tally(items)
    # Hurria 2011: 0–5 low (30%), 6–9 intermediate (52%), 10–19 high (83%) grade ≥3 toxicity.
    label = (
        "Low risk (0–5): 30% risk of grade ≥3 toxicity"
        if total <= 5
        else "Intermediate risk (6–9): 52% risk of grade ≥3 toxicity"
        if total <= 9
        else "High risk (10–19): 83% risk of grade ≥3 toxicity"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def _bound_value(text: Any, unit: str) -> list[Any]:
    # Category answers such as "≥10 g/dL" or "<34" carry only a bound: "≥x" maps to x (not
    # below the cut-off) and "<x" to just under x.
    num, u = split_quantity(text)
    t = norm(text)
    if t.startswith("lt "):
        num -= 0.01
    return [num, u or unit]


def _social_decreased(field: str, value: Any) -> bool:
    # Either "Social activity decreased due to health": "Yes", or "Social activity":
    # "Decreased due to health".
    if "decreased" in norm(field):
        return parse_yes(value, field=field)
    return norm(value).startswith("decreased")


def _gi_or_gu(text: str) -> bool:
    words = norm(text).split()
    return (
        bool(words)
        and words[0] != "other"
        and any(w in words for w in ("gi", "gu", "gastrointestinal", "genitourinary"))
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the eleven CARG items, sex) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    dose = norm(f.text("dosage", "dose"))
    falls = norm(f.text("falls"))
    walking = norm(f.text("walking"))
    return {
        "sex": f.sex(),
        "age": f.quantity("age", default_unit="years"),
        "gi_or_gu_cancer": _gi_or_gu(f.text("cancer type")),
        "standard_dose": "standard" in dose and "reduced" not in dose,
        "polychemotherapy": f.number("number of chemotherapy", "drugs") > 1,
        "hemoglobin": _bound_value(f.text("hemoglobin"), "g/dL"),
        "creatinine_clearance": _bound_value(f.text("creatinine clearance"), "mL/min"),
        "hearing_fair_or_poor": any(
            w in norm(f.text("hearing")).split() for w in ("fair", "poor", "deaf")
        ),
        "falls_past_6_months": 0 if falls.startswith("none") else int(f.number("falls")),
        "needs_help_with_medications": f.yes("meds", "medication"),
        "walking_one_block_limited": walking.startswith(("limited", "yes")),
        "decreased_social_activity": _social_decreased(*f.raw("social")),
    }
