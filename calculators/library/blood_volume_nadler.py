"""Estimated total blood volume by the Nadler equations."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_fields as mf

META = CalculatorMeta(
    id="blood_volume_nadler",
    name="Blood Volume Calculation",
    synonyms=("Nadler blood volume", "total blood volume", "Nadler equation", "blood volume"),
    category="hematology",
    source="Nadler SB, Hidalgo JU, Bloch T. Prediction of blood volume in normal human adults. "
    "Surgery. 1962;51(2):224-232.",
    output_type="decimal",
    unit="L",
    description="Total blood volume of an adult from sex, height and weight (Nadler 1962).",
)


class Inputs(QuantityInputs):
    """Inputs of the Nadler blood volume."""

    sex: Literal["male", "female"] = Field(description="Sex (the equations differ)")
    height: float = quantity("height", "cm", ge=100, le=250, description="Height")
    weight: float = quantity("weight", "kg", ge=20, le=350, description="Weight")


# Nadler 1962: BV (L) = a × height (m)³ + b × weight (kg) + c.
_COEF = {"male": (0.3669, 0.03219, 0.6041), "female": (0.3561, 0.03308, 0.1833)}


def compute(inputs: Inputs) -> CalcResult:
    """BV = a × H³ + b × W + c with the sex's coefficients."""
    a, b, c = _COEF[inputs.sex]
    h_m = inputs.height / 100
    bv = a * h_m**3 + b * inputs.weight + c
    warnings = []
    if inputs.weight < 35:
        warnings.append("The Nadler equations are for adults and children over 35 kg.")
    return CalcResult(
        calculator=META.id,
        value=round(bv, 3),
        unit="L",
        interpretation=f"Estimated total blood volume {bv:.2f} L ({bv * 1000:.0f} mL).",
        steps=[
            Step(label="Height in metres", value=round(h_m, 3)),
            Step(
                label="Blood volume",
                value=round(bv, 3),
                detail=f"{a} × H³ + {b} × W + {c} ({inputs.sex})",
            ),
        ],
        warnings=warnings,
        extra={"blood_volume_ml": round(bv * 1000)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Sex', 'Height': '170 cm', 'Weight': '70 kg')."""
    f = mf.Fields(inputs, META.id)
    return {
        "sex": f.sex(),
        "height": f.quantity("height", default_unit="cm"),
        "weight": f.quantity("weight", default_unit="kg"),
    }
