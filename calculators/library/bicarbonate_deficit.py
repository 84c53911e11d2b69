"""Bicarbonate deficit: the bicarbonate needed to raise serum HCO₃⁻ to a target."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="bicarbonate_deficit",
    name="Bicarbonate Deficit",
    synonyms=("HCO3 deficit", "bicarb deficit", "sodium bicarbonate deficit"),
    category="nephrology",
    source="Fernandez PC, Cohen RM, Feldman GM. The concept of bicarbonate distribution space: "
    "the crucial role of body buffers. Kidney Int. 1989;36(5):747-52.",
    output_type="decimal",
    unit="mEq",
    description="Bicarbonate deficit = 0.4 × weight × (target − measured HCO₃⁻); an estimate "
    "that guides, never replaces, titrated replacement with repeat gases.",
)


class Inputs(QuantityInputs):
    """Inputs of the bicarbonate deficit."""

    weight: float = quantity("weight", "kg", ge=0.5, le=400, description="Body weight")
    bicarbonate: float = quantity(
        "electrolyte", "mEq/L", ge=1, le=60, description="Measured serum bicarbonate"
    )
    target_bicarbonate: float = quantity(
        "electrolyte",
        "mEq/L",
        ge=5,
        le=40,
        default=24.0,
        description="Target bicarbonate (the formula's default is the normal 24 mEq/L)",
    )


# Apparent bicarbonate space of 0.4 L/kg body weight (Fernandez 1989: ~0.4–0.5 L/kg at
# moderate acidaemia; larger in severe acidaemia, so the deficit is a lower bound then).
_SPACE_L_PER_KG = 0.4


def compute(inputs: Inputs) -> CalcResult:
    """Deficit (mEq) = 0.4 × weight (kg) × (target − measured HCO₃⁻)."""
    gap = inputs.target_bicarbonate - inputs.bicarbonate
    deficit = _SPACE_L_PER_KG * inputs.weight * gap
    warnings = []
    if gap <= 0:
        warnings.append("Measured bicarbonate is at or above the target: there is no deficit.")
    if inputs.bicarbonate < 8:
        warnings.append(
            "In severe acidaemia the bicarbonate space exceeds 0.4 L/kg "
            "(Fernandez 1989): the deficit is underestimated."
        )
    return CalcResult(
        calculator=META.id,
        value=round(max(deficit, 0.0), 1),
        unit="mEq",
        interpretation="Estimated total bicarbonate deficit; replace part (often half) and "
        "recheck.",
        steps=[
            Step(label="HCO₃⁻ gap", value=gap, detail="target − measured (mEq/L)"),
            Step(
                label="Bicarbonate deficit",
                value=round(deficit, 1),
                detail=f"0.4 × {inputs.weight:g} kg × {gap:g}",
            ),
        ],
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (weight, bicarbonate) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "weight": f.quantity("weight", default_unit="kg"),
        "bicarbonate": f.quantity("bicarbonate", "hco3", exclude=("target",)),
    }
    if f.has("target"):
        out["target_bicarbonate"] = f.quantity("target")
    return out
