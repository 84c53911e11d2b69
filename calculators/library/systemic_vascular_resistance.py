"""Systemic vascular resistance from MAP, CVP and cardiac output."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="systemic_vascular_resistance",
    name="Systemic Vascular Resistance",
    synonyms=("SVR", "Systemic vascular resistance (SVR)"),
    category="cardiology",
    source="SVR = 80 × (MAP − CVP) / CO, the haemodynamic definition as given with the "
    "American Society of Echocardiography guidance by resuspocus.com "
    "(https://resuspocus.com/Education/vascular_resistance/vasc_svr/).",
    output_type="decimal",
    unit="dyn·s·cm⁻⁵",
    description="SVR (dyn·s·cm⁻⁵) = 80 × (MAP − CVP) / cardiac output; ÷ 80 for Wood units.",
)

#: 1 Wood unit (mmHg·min/L) = 80 dyn·s·cm⁻⁵ (CGS conversion).
_WU_TO_DYN = 80


class Inputs(QuantityInputs):
    """Inputs of the SVR."""

    mean_arterial_pressure: float = quantity(
        "pressure", "mmHg", ge=10, le=250, description="Mean arterial pressure"
    )
    central_venous_pressure: float = quantity(
        "pressure", "mmHg", ge=-10, le=60, description="Central venous (right atrial) pressure"
    )
    cardiac_output: float = quantity("flow", "L/min", ge=0.3, le=30, description="Cardiac output")


def compute(inputs: Inputs) -> CalcResult:
    """SVR = 80 × (MAP − CVP) / CO."""
    gradient = inputs.mean_arterial_pressure - inputs.central_venous_pressure
    wood = gradient / inputs.cardiac_output
    svr = _WU_TO_DYN * wood
    # Normal 800-1200 dyn·s·cm⁻⁵ (calculatorlib.com and droracle.ai SVR pages).
    if svr < 800:
        label = "low (< 800): vasodilated"
    elif svr > 1200:
        label = "high (> 1200): vasoconstricted"
    else:
        label = "normal (800-1200)"
    warnings = []
    if gradient <= 0:
        warnings.append("CVP is not below MAP: check the pressures.")
    return CalcResult(
        calculator=META.id,
        value=round(svr, 1),
        unit="dyn·s·cm⁻⁵",
        interpretation=f"SVR {svr:.0f} dyn·s·cm⁻⁵ ({wood:.1f} Wood units): {label}.",
        steps=[
            Step(label="MAP − CVP", value=round(gradient, 1), detail="[mmHg]"),
            Step(label="SVR (Wood units)", value=round(wood, 2), detail="(MAP − CVP) / CO"),
            Step(label="SVR", value=round(svr, 1), detail="80 × Wood units [dyn·s·cm⁻⁵]"),
        ],
        warnings=warnings,
        extra={"wood_units": round(wood, 2)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (MAP, CVP, cardiac output) → kwargs (SVR in dyn·s·cm⁻⁵)."""
    f = Fields(inputs, META.id)
    return {
        "mean_arterial_pressure": f.quantity("mean arterial", "map", default_unit="mmHg"),
        "central_venous_pressure": f.quantity("central venous", "cvp", default_unit="mmHg"),
        "cardiac_output": f.quantity("cardiac output", default_unit="L/min"),
    }
