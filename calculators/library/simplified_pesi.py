"""Simplified Pulmonary Embolism Severity Index (sPESI)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="simplified_pesi",
    name="Simplified PESI (Pulmonary Embolism Severity Index)",
    synonyms=("sPESI", "simplified PESI", "simplified pulmonary embolism severity index"),
    category="pulmonology",
    source="Jiménez D, et al. Simplification of the pulmonary embolism severity index for "
    "prognostication in patients with acute symptomatic pulmonary embolism. Arch Intern "
    "Med. 2010;170(15):1383-9.",
    doi="10.1001/archinternmed.2010.199",
    output_type="integer",
    unit=None,
    description="Six one-point criteria; 0 is low risk of 30-day mortality after acute PE.",
)


class Inputs(QuantityInputs):
    """Inputs of the sPESI."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age (>80 scores 1)")
    cancer: bool = Field(description="History of cancer (active or recent)")
    chronic_cardiopulmonary_disease: bool = Field(
        description="Chronic cardiopulmonary disease (heart failure or chronic lung disease)"
    )
    heart_rate: float = quantity(
        "rate", "/min", ge=20, le=250, description="Heart rate (≥110 scores 1)"
    )
    systolic_bp: float = quantity(
        "pressure", "mmHg", ge=30, le=300, description="Systolic BP (<100 scores 1)"
    )
    oxygen_saturation: float = quantity(
        "percent", "%", ge=40, le=100, description="Arterial oxygen saturation (<90% scores 1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """One point for each criterion (Jiménez 2010)."""
    steps, total = tally(
        [
            ("Age >80", inputs.age, 1 if inputs.age > 80 else 0),
            ("History of cancer", inputs.cancer, 1 if inputs.cancer else 0),
            (
                "Chronic cardiopulmonary disease",
                inputs.chronic_cardiopulmonary_disease,
                1 if inputs.chronic_cardiopulmonary_disease else 0,
            ),
            ("Heart rate ≥110", inputs.heart_rate, 1 if inputs.heart_rate >= 110 else 0),
            ("Systolic BP <100", inputs.systolic_bp, 1 if inputs.systolic_bp < 100 else 0),
            (
                "O₂ saturation <90%",
                inputs.oxygen_saturation,
                1 if inputs.oxygen_saturation < 90 else 0,
            ),
        ]
    )
    # Jiménez 2010: 0 points low risk (30-day mortality 1.1%); ≥1 high risk (8.9%).
    label = (
        "Low risk (0): 30-day mortality 1.1%"
        if total == 0
        else "High risk (≥1): 30-day mortality 8.9%"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, cancer, cardiopulmonary disease, HR, SBP, SpO2) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "cancer": f.yes("cancer"),
        "chronic_cardiopulmonary_disease": f.yes("cardiopulmonary"),
        "heart_rate": f.quantity("heart rate", default_unit="/min"),
        "systolic_bp": f.quantity("systolic", default_unit="mmHg"),
        "oxygen_saturation": f.quantity("saturation", "o2", default_unit="%"),
    }
