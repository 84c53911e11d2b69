"""Pediatric endotracheal tube (ETT) size from age."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="pediatric_ett_size",
    name="Pediatric Endotracheal Tube (ETT) Size",
    synonyms=("Pediatric ETT size", "Paediatric endotracheal tube size", "Cole formula"),
    category="pediatrics",
    source="Cole F. Pediatric formulas for the anesthesiologist. AMA J Dis Child. "
    "1957;94(6):672-673 (uncuffed: age/4 + 4); Khine HH, Corddry DH, Kettrick RG, et al. "
    "Comparison of cuffed and uncuffed endotracheal tubes in young children during general "
    "anesthesia. Anesthesiology. 1997;86(3):627-631 (cuffed: age/4 + 3); as applied by "
    "MDCalc's Pediatric ETT Size calculator.",
    output_type="decimal",
    unit="mm",
    description="Internal diameter of the uncuffed (age/4 + 4) and cuffed (age/4 + 3) tube for "
    "children aged 1 to 12 years.",
)


class Inputs(QuantityInputs):
    """Age of the child."""

    # The age formulas apply to children aged 1-12 years (MDCalc: below, use a reference
    # card; above, adult sizes 6.5-8.0).
    age: float = quantity("age", "years", ge=1, le=12, description="Age (1 to 12 years)")


def compute(inputs: Inputs) -> CalcResult:
    """Uncuffed ID = age/4 + 4 mm (Cole 1957); cuffed ID = age/4 + 3 mm (Khine 1997)."""
    age = inputs.age
    uncuffed = age / 4 + 4
    cuffed = age / 4 + 3
    steps = [
        Step(label="Uncuffed tube ID", value=round(uncuffed, 2), detail="age/4 + 4 mm (Cole)"),
        Step(label="Cuffed tube ID", value=round(cuffed, 2), detail="age/4 + 3 mm (Khine)"),
    ]
    return CalcResult(
        calculator=META.id,
        value=round(uncuffed, 2),
        unit="mm",
        interpretation=f"Uncuffed ETT {uncuffed:.2f} mm ID; cuffed ETT {cuffed:.2f} mm ID "
        "(round to the nearest available half size; have 0.5 mm smaller and larger ready).",
        steps=steps,
        extra={"uncuffed_mm": round(uncuffed, 2), "cuffed_mm": round(cuffed, 2)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('6 years') → Inputs."""
    f = Fields(inputs, META.id)
    return {"age": f.quantity("age", default_unit="years")}
