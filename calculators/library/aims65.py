"""AIMS65 score for in-hospital mortality in upper GI bleeding."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="aims65",
    name="AIMS65 Score for Upper GI Bleeding Mortality",
    synonyms=("AIMS65", "AIMS65 score"),
    category="gastroenterology",
    source="Saltzman JR, et al. A simple risk score accurately predicts in-hospital mortality, "
    "length of stay, and cost in acute upper GI bleeding. Gastrointest Endosc. "
    "2011;74(6):1215-24.",
    doi="10.1016/j.gie.2011.06.024",
    output_type="integer",
    unit=None,
    description="Albumin, INR, mental status, systolic BP and age ≥65 predict in-hospital "
    "mortality in upper GI bleeding (0–5).",
)

# Saltzman 2011 validation cohort: in-hospital mortality by score.
_MORTALITY = {0: "0.3%", 1: "1.2%", 2: "5.3%", 3: "10.3%", 4: "16.5%", 5: "24.5%"}


class Inputs(QuantityInputs):
    """Inputs of AIMS65."""

    albumin: float = quantity("albumin", "g/dL", ge=0.5, le=7, description="Albumin (<3.0)")
    inr: float = quantity("inr", "", ge=0.5, le=20, description="INR (>1.5)")
    altered_mental_status: bool = Field(
        description="Altered mental status (GCS <14, disorientation, lethargy, stupor, coma)"
    )
    systolic_bp: float = quantity(
        "pressure", "mmHg", ge=20, le=300, description="Systolic BP (≤90)"
    )
    age: float = quantity("age", "years", ge=16, le=120, description="Age (≥65)")


def compute(inputs: Inputs) -> CalcResult:
    """One point each: albumin <3.0, INR >1.5, altered mentation, SBP ≤90, age ≥65."""
    steps, total = tally(
        [
            ("Albumin <3.0 g/dL", inputs.albumin, 1 if inputs.albumin < 3.0 else 0),
            ("INR >1.5", inputs.inr, 1 if inputs.inr > 1.5 else 0),
            (
                "Altered mental status",
                inputs.altered_mental_status,
                1 if inputs.altered_mental_status else 0,
            ),
            ("Systolic BP ≤90 mmHg", inputs.systolic_bp, 1 if inputs.systolic_bp <= 90 else 0),
            ("Age ≥65", inputs.age, 1 if inputs.age >= 65 else 0),
        ]
    )
    score = int(total)
    label = f"In-hospital mortality {_MORTALITY[score]} (Saltzman 2011); " + (
        "high risk (≥2)" if score >= 2 else "low risk (0–1)"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (albumin, INR, mentation, SBP, age) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "albumin": f.quantity("albumin", default_unit="g/dL"),
        "inr": f.number("inr"),
        "altered_mental_status": f.yes("mental"),
        "systolic_bp": f.quantity("systolic", default_unit="mmHg"),
        "age": f.quantity("age", default_unit="years"),
    }
