"""Glucose Infusion Rate (GIR) in mg/kg/min."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="glucose_infusion_rate",
    name="Glucose Infusion Rate (GIR)",
    synonyms=("GIR", "dextrose infusion rate", "glucose infusion rate"),
    category="nutrition",
    source="Unit arithmetic: dextrose % (g/dL) × 10 mg/mL × rate (mL/h) / 60 / weight (kg); "
    "reference ranges from Adamkin DH, Committee on Fetus and Newborn. Postnatal glucose "
    "homeostasis in late-preterm and term infants. Pediatrics. 2011;127(3):575-9.",
    doi="10.1542/peds.2010-3851",
    output_type="decimal",
    unit="mg/kg/min",
    description="Glucose delivered per kilogram per minute by a dextrose infusion.",
)


class Inputs(QuantityInputs):
    """Inputs of the GIR."""

    dextrose_percent: float = Field(
        gt=0, le=70, description="Dextrose concentration [% = g/dL], e.g. 10"
    )
    rate: float = quantity("infusion_rate", "mL/h", ge=0.1, le=2000, description="Infusion rate")
    weight: float = quantity("weight", "kg", ge=0.3, le=400, description="Body weight")


def compute(inputs: Inputs) -> CalcResult:
    """GIR (mg/kg/min) = dextrose % × 10 × rate (mL/h) / 60 / weight (kg)."""
    mg_per_ml = inputs.dextrose_percent * 10  # g/dL → mg/mL: × 1000 mg/g ÷ 100 mL/dL
    gir = mg_per_ml * inputs.rate / 60 / inputs.weight
    return CalcResult(
        calculator=META.id,
        value=round(gir, 2),
        unit="mg/kg/min",
        interpretation="Newborns need about 4–8 mg/kg/min to match hepatic glucose output; "
        "adults on parenteral nutrition rarely exceed 4–5 mg/kg/min.",
        steps=[
            Step(label="Dextrose concentration", value=mg_per_ml, detail="mg/mL"),
            Step(
                label="GIR",
                value=round(gir, 2),
                detail=f"{mg_per_ml:g} mg/mL × {inputs.rate:g} mL/h ÷ 60 ÷ {inputs.weight:g} kg",
            ),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (dextrose g/dL, rate mL/h, weight) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "dextrose_percent": f.number("dextrose"),
        "rate": f.quantity("rate", default_unit="mL/h"),
        "weight": f.quantity("weight", default_unit="kg"),
    }
