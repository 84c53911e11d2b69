"""Cardiac Power Output (CPO)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="cardiac_power_output",
    name="Cardiac Power Output (CPO)",
    synonyms=("CPO", "cardiac power output", "cardiac power"),
    category="cardiology",
    source="Fincke R, et al. Cardiac power is the strongest hemodynamic correlate of "
    "mortality in cardiogenic shock: a report from the SHOCK trial registry. J Am Coll "
    "Cardiol. 2004;44(2):340-8.",
    doi="10.1016/j.jacc.2004.03.060",
    output_type="decimal",
    unit="W",
    description="CPO = MAP × CO / 451 (watts); below 0.6 W predicts death in cardiogenic shock.",
)


class Inputs(QuantityInputs):
    """Inputs of the CPO."""

    mean_arterial_pressure: float = quantity(
        "pressure", "mmHg", ge=10, le=250, description="Mean arterial pressure"
    )
    cardiac_output: float = quantity("flow", "L/min", ge=0.2, le=25, description="Cardiac output")


def compute(inputs: Inputs) -> CalcResult:
    """CPO (W) = MAP (mmHg) × CO (L/min) / 451."""
    # 451 converts mmHg·L/min to watts (1 mmHg = 133.3 Pa; 1 L/min = 1/60000 m³/s).
    cpo = inputs.mean_arterial_pressure * inputs.cardiac_output / 451
    label = (
        "CPO <0.6 W: associated with high mortality in cardiogenic shock (Fincke 2004)"
        if cpo < 0.6
        else "CPO ≥0.6 W"
    )
    return CalcResult(
        calculator=META.id,
        value=round(cpo, 3),
        unit="W",
        interpretation=label,
        steps=[
            Step(
                label="CPO",
                value=round(cpo, 3),
                detail=f"{inputs.mean_arterial_pressure:g} × {inputs.cardiac_output:g} / 451",
            )
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (MAP, cardiac output) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "mean_arterial_pressure": f.quantity("mean arterial", "map", default_unit="mmHg"),
        "cardiac_output": f.quantity("cardiac output", default_unit="L/min"),
    }
