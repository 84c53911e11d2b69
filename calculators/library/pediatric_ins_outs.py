"""Pediatric ins and outs: a fluid volume per kilogram and per kilogram per hour."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="pediatric_ins_outs",
    name="Pediatric Ins and Outs",
    synonyms=("Pediatric I&O", "Pediatric intake and output", "Ins and outs mL/kg/hr"),
    category="pediatrics",
    source="Weight-normalised fluid volume: mL/kg = V / W and mL/kg/h = V / W / T (the "
    "formulas of the 'Pediatric Ins and Outs' calculator, calcmd.com/calculators/pediatric-"
    "ins-outs, as on MDCalc); arithmetic definitions, no fitted constants.",
    output_type="decimal",
    unit="mL/kg/h",
    description="Expresses an intake or output volume (urine, drain, feeds) measured over a "
    "period as mL/kg and mL/kg/h for a child's weight.",
)


class Inputs(QuantityInputs):
    """Inputs: the volume, the child's weight and the hours the volume accrued over."""

    volume: float = quantity("volume", "mL", ge=0, le=50000, description="Fluid volume")
    weight: float = quantity("weight", "kg", ge=0.3, le=150, description="Body weight")
    hours: float = quantity(
        "duration",
        "h",
        ge=0.1,
        le=168,
        description="Period the volume accrued over (the same span as the volume)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """mL/kg = volume / weight; mL/kg/h = volume / weight / hours."""
    i = inputs
    per_kg = i.volume / i.weight
    per_kg_h = per_kg / i.hours
    return CalcResult(
        calculator=META.id,
        value=round(per_kg_h, 3),
        unit="mL/kg/h",
        interpretation=(
            f"{per_kg_h:.2f} mL/kg/h ({per_kg:.1f} mL/kg over {i.hours:g} h, "
            f"{round(i.volume, 1):g} mL at {round(i.weight, 2):g} kg)."
        ),
        steps=[
            Step(label="Volume per kg", value=round(per_kg, 3), detail="mL / kg"),
            Step(label="Volume per kg per hour", value=round(per_kg_h, 3), detail="mL/kg / h"),
        ],
        extra={"ml_per_kg": round(per_kg, 3)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (volume or output, weight, hours) → kwargs."""
    f = Fields(inputs, META.id)
    volume = f.quantity(
        "volume", "urine output", "output", "intake", "fluid", default_unit="mL", exclude=("rate",)
    )
    return {
        "volume": volume,
        "weight": f.quantity("weight", default_unit="kg"),
        "hours": f.quantity("hours", "period", "duration", "time", default_unit="h"),
    }
