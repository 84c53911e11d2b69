"""Body Roundness Index (BRI)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="body_roundness_index",
    name="Body Roundness Index (BRI)",
    synonyms=("Body Roundness Index", "BRI"),
    category="anthropometry",
    source="Thomas DM, Bredlau C, Bosy-Westphal A, et al. Relationships between body roundness "
    "with body fat and visceral adipose tissue emerging from a new geometrical model. Obesity "
    "(Silver Spring). 2013;21(11):2264-2271.",
    doi="10.1002/oby.20408",
    pmid="23519954",
    output_type="decimal",
    description="BRI = 364.2 − 365.5 × √(1 − (waist / 2π)² / (height / 2)²): the body as an "
    "ellipse; typical adult values 1-16, higher is rounder (more body and visceral fat).",
)


class Inputs(QuantityInputs):
    """Inputs of the BRI."""

    waist: float = quantity("height", "cm", ge=30, le=250, description="Waist circumference")
    height: float = quantity("height", "cm", ge=50, le=250, description="Height")

    @model_validator(mode="after")
    def _waist_radius_below_half_height(self) -> Inputs:
        if self.waist / (2 * math.pi) >= self.height / 2:
            raise ValueError(
                f"waist {self.waist:g} cm is too large for height {self.height:g} cm: the "
                "waist radius (waist / 2π) must be below half the height"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """BRI from the eccentricity of the body ellipse (Thomas 2013)."""
    b = inputs.waist / (2 * math.pi)  # semi-minor axis: waist radius
    a = inputs.height / 2  # semi-major axis: half the height
    ecc = math.sqrt(1 - (b * b) / (a * a))
    # Thomas 2013: BRI = 364.2 − 365.5 × eccentricity.
    bri = 364.2 - 365.5 * ecc
    return CalcResult(
        calculator=META.id,
        value=round(bri, 2),
        interpretation=f"BRI {bri:.2f}: higher values mean a rounder body shape with more total "
        "and visceral fat (typical adults 1-16).",
        steps=[
            Step(label="Waist radius", value=round(b, 3), detail="waist / 2π, cm"),
            Step(label="Half height", value=round(a, 3), detail="cm"),
            Step(label="Eccentricity", value=round(ecc, 5), detail="√(1 − (b/a)²)"),
            Step(label="BRI", value=round(bri, 2), detail="364.2 − 365.5 × eccentricity"),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (waist circumference, height) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "waist": f.quantity("waist", default_unit="cm"),
        "height": f.quantity("height", default_unit="cm"),
    }
