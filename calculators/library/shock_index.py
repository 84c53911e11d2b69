"""Shock Index: heart rate divided by systolic blood pressure."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="shock_index",
    name="Shock Index",
    synonyms=("SI", "shock index (HR/SBP)"),
    category="critical care",
    source="Allgöwer M, Burri C. 'Schockindex'. Dtsch Med Wochenschr. 1967;92(43):1947-50.",
    output_type="decimal",
    unit=None,
    description="Heart rate over systolic pressure; above 0.7–0.9 suggests occult shock even when "
    "each vital sign alone looks acceptable.",
)


class Inputs(QuantityInputs):
    """Inputs of the Shock Index."""

    heart_rate: float = quantity("rate", "/min", ge=10, le=300, description="Heart rate")
    systolic_bp: float = quantity(
        "pressure", "mmHg", ge=20, le=300, description="Systolic blood pressure"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Shock index = heart rate / systolic blood pressure."""
    si = inputs.heart_rate / inputs.systolic_bp
    # Normal range 0.5–0.7 (Allgöwer 1967; Rady MY et al. Ann Emerg Med 1994;24:685-90 used
    # ≥0.9 as abnormal). Values ≥1.0 are associated with transfusion need and mortality.
    if si < 0.5:
        label = "Below the normal range (0.5–0.7)"
    elif si <= 0.7:
        label = "Normal (0.5–0.7)"
    elif si < 1.0:
        label = "Elevated: possible occult shock"
    else:
        label = "Markedly elevated (≥1.0): shock likely; assess for hemorrhage/hypovolemia"
    return CalcResult(
        calculator=META.id,
        value=round(si, 3),
        unit=None,
        interpretation=label,
        steps=[
            Step(
                label="Shock index",
                value=round(si, 3),
                detail=f"{inputs.heart_rate:g} /min ÷ {inputs.systolic_bp:g} mmHg",
            )
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (heart rate, systolic BP) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {"heart_rate": f.quantity("heart rate", "pulse"), "systolic_bp": f.quantity("systolic")}
