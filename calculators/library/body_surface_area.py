"""Body surface area by the Mosteller formula."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc

META = CalculatorMeta(
    id="body_surface_area",
    name="Body Surface Area Calculator",
    synonyms=("BSA", "Mosteller BSA", "body surface area", "Mosteller formula"),
    category="physical",
    source="Mosteller RD. Simplified calculation of body-surface area. N Engl J Med. "
    "1987;317(17):1098.",
    doi="10.1056/NEJM198710223171717",
    pmid="3657876",
    output_type="decimal",
    unit="m²",
    medcalc_id=60,
    description="BSA (m²) = √(height cm × weight kg / 3600).",
)


class Inputs(QuantityInputs):
    """Inputs of the BSA."""

    weight: float = quantity("weight", "kg", ge=0.3, le=500, description="Body weight")
    height: float = quantity("height", "cm", ge=20, le=280, description="Height")


def compute(inputs: Inputs) -> CalcResult:
    """Mosteller: √(height × weight / 3600)."""
    bsa = (inputs.height * inputs.weight / 3600) ** 0.5
    return CalcResult(
        calculator=META.id,
        value=round(bsa, 3),
        unit="m²",
        interpretation=f"Body surface area {bsa:.2f} m² (adult average ≈ 1.7-1.9).",
        steps=[Step(label="BSA", value=round(bsa, 3), detail="√(height cm × weight kg / 3600)")],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {"weight": mc.quantity(entities, "weight"), "height": mc.quantity(entities, "height")}
