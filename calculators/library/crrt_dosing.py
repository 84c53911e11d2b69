"""CRRT dosing: the effluent rate that delivers a weight-based dialysis dose."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="crrt_dosing",
    name="CRRT Dosing Calculator",
    synonyms=("CRRT dose", "continuous renal replacement therapy dosing", "CRRT effluent rate"),
    category="nephrology",
    source="KDIGO Clinical Practice Guideline for Acute Kidney Injury. Kidney Int Suppl. "
    "2012;2(1):1-138 (recommendation 5.8.4: effluent 20–25 mL/kg/h).",
    output_type="decimal",
    unit="mL/h",
    description="Prescribed effluent rate = weight × target dose (mL/kg/h); KDIGO recommends "
    "delivering 20–25 mL/kg/h, which usually needs a higher prescription.",
)


class Inputs(QuantityInputs):
    """Inputs of the CRRT dose."""

    weight: float = quantity("weight", "kg", ge=1, le=400, description="Body weight")
    dose_ml_kg_h: float = Field(ge=5, le=80, description="Target effluent dose [mL/kg/h]")


def compute(inputs: Inputs) -> CalcResult:
    """Effluent rate (mL/h) = weight (kg) × dose (mL/kg/h)."""
    rate = inputs.weight * inputs.dose_ml_kg_h
    warnings = []
    if not 20 <= inputs.dose_ml_kg_h <= 25:
        # KDIGO 2012, 5.8.4 (1A): deliver 20–25 mL/kg/h for CRRT in AKI.
        warnings.append(
            "KDIGO recommends a delivered effluent of 20–25 mL/kg/h; higher doses "
            "showed no benefit (RENAL, ATN trials)."
        )
    return CalcResult(
        calculator=META.id,
        value=round(rate, 1),
        unit="mL/h",
        interpretation="Prescribed total effluent rate",
        steps=[
            Step(
                label="Effluent rate",
                value=round(rate, 1),
                detail=f"{inputs.weight:g} kg × {inputs.dose_ml_kg_h:g} mL/kg/h",
            )
        ],
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (weight, desired dose) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {"weight": f.quantity("weight", default_unit="kg"), "dose_ml_kg_h": f.number("dose")}
