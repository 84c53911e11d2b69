"""ABC/2 formula for intracerebral hemorrhage volume."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="abc2_ich_volume",
    name="ABC/2 Formula for Intracerebral Hemorrhage Volume",
    synonyms=("ABC/2", "ABC/2 formula", "ABC/2 ICH volume", "ICH volume ABC/2"),
    category="neurology",
    source="Kothari RU, Brott T, Broderick JP, et al. The ABCs of measuring intracerebral "
    "hemorrhage volumes. Stroke. 1996;27(8):1304-1305. Irregular shapes: Huttner HB, et al. "
    "Stroke. 2006;37(2):404-408 (doi:10.1161/01.STR.0000198806.67472.5c).",
    doi="10.1161/01.str.27.8.1304",
    pmid="8711791",
    output_type="decimal",
    unit="mL",
    description="Hemorrhage volume = A × B × C / 2 (A largest diameter, B the diameter at 90°, "
    "C slices with hemorrhage × slice thickness); / 3 for irregular or multinodular shapes.",
)

Shape = Literal["round_ellipsoid", "irregular"]


class Inputs(QuantityInputs):
    """Inputs of the ABC/2 volume."""

    shape: Shape = Field(
        description="Hemorrhage shape: round_ellipsoid (ABC/2) or irregular / multinodular "
        "(ABC/3, Huttner 2006)"
    )
    length_a: float = quantity(
        "length", "cm", ge=0.1, le=20, description="A: greatest hemorrhage diameter on CT"
    )
    width_b: float = quantity(
        "length", "cm", ge=0.1, le=20, description="B: diameter perpendicular (90°) to A"
    )
    slices: float = Field(
        gt=0,
        le=100,
        description="Number of CT slices with hemorrhage (half slices allowed, e.g. 4.5)",
    )
    slice_thickness: float = quantity(
        "length", "mm", ge=0.5, le=20, description="CT slice thickness"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Volume = A × B × C / 2 (round) or / 3 (irregular), in mL (cm³)."""
    c_cm = inputs.slices * inputs.slice_thickness / 10  # slice thickness mm → cm
    # Kothari 1996: ABC/2 approximates an ellipsoid (4/3·π·a·b·c ≈ ABC/2). Huttner 2006: for
    # irregular and separated/multinodular hematomas ABC/3 estimated the volume more closely.
    divisor = 2 if inputs.shape == "round_ellipsoid" else 3
    volume = inputs.length_a * inputs.width_b * c_cm / divisor
    steps = [
        Step(label="A (greatest diameter)", value=round(inputs.length_a, 2), detail="cm"),
        Step(label="B (diameter at 90° to A)", value=round(inputs.width_b, 2), detail="cm"),
        Step(
            label="C (slices × thickness)",
            value=round(c_cm, 3),
            detail=f"{inputs.slices:g} slices × {inputs.slice_thickness:g} mm, in cm",
        ),
        Step(label=f"Volume = A × B × C / {divisor}", value=round(volume, 2), detail="mL (cm³)"),
    ]
    # Hemphill 2001 ICH score: a volume ≥ 30 mL adds a point.
    note = "≥ 30 mL (scores 1 point in the ICH score)" if volume >= 30 else "< 30 mL"
    return CalcResult(
        calculator=META.id,
        value=round(volume, 2),
        unit="mL",
        interpretation=f"Estimated hemorrhage volume {volume:.1f} mL ({note}).",
        steps=steps,
    )


_SHAPES = {
    "round_ellipsoid": ("Round or ellipsoid", "round", "ellipsoid", "ABC/2"),
    "irregular": ("Irregular", "multinodular", "irregular or multinodular", "ABC/3"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ABC/2 inputs (shape, A, B, slices, slice thickness) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "shape": f.option("shape", options=_SHAPES),
        "length_a": f.quantity("length", "(a)", default_unit="cm"),
        "width_b": f.quantity("width", "(b)", default_unit="cm"),
        "slices": f.number("number of ct slices", "slices", exclude=("thickness",)),
        "slice_thickness": f.quantity("thickness", default_unit="mm"),
    }
