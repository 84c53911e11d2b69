"""IV drip rate (drops per minute) for gravity infusions."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="iv_drip_rate",
    name="IV Drip Rate Calculator",
    synonyms=("IV drip rate", "drops per minute", "gtt/min calculator", "infusion drip rate"),
    category="dosing",
    source="Unit arithmetic: drops/min = volume (mL) × drop factor (gtt/mL) ÷ time (min); "
    "see Potter PA, Perry AG. Fundamentals of Nursing, chapter on IV therapy.",
    output_type="decimal",
    unit="gtt/min",
    description="Drip rate of a gravity infusion from the volume, the administration set's drop "
    "factor and the infusion time.",
)


class Inputs(QuantityInputs):
    """Inputs of the IV drip rate."""

    volume: float = quantity("volume", "mL", ge=1, le=10000, description="Volume to infuse")
    drop_factor: float = Field(
        gt=0, le=100, description="Drop factor of the set [gtt/mL] (10, 15, 20 or 60)"
    )
    duration: float = quantity("duration", "h", ge=0.01, le=72, description="Infusion time")


def compute(inputs: Inputs) -> CalcResult:
    """Drops/min = mL × gtt/mL ÷ minutes."""
    minutes = inputs.duration * 60
    rate = inputs.volume * inputs.drop_factor / minutes
    return CalcResult(
        calculator=META.id,
        value=round(rate, 1),
        unit="gtt/min",
        interpretation=f"{round(rate):.0f} drops per minute "
        f"({inputs.volume / inputs.duration:.1f} mL/h)",
        steps=[
            Step(label="Minutes", value=minutes),
            Step(
                label="Drip rate",
                value=round(rate, 1),
                detail=f"{inputs.volume:g} mL × {inputs.drop_factor:g} gtt/mL ÷ {minutes:g} min",
            ),
        ],
        extra={"ml_per_hour": round(inputs.volume / inputs.duration, 1)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (volume, drop factor, time) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "volume": f.quantity("volume", default_unit="mL"),
        "drop_factor": f.number("drop factor", "drip factor", "gtt"),
        "duration": f.quantity("time", "duration", "hours", default_unit="h"),
    }
