"""Mentzer index: iron deficiency versus thalassemia trait in microcytosis."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library.reticulocyte_production_index import rbc_count_quantity

META = CalculatorMeta(
    id="mentzer_index",
    name="Mentzer Index",
    synonyms=("Mentzer", "MCV/RBC ratio"),
    category="hematology",
    source="Mentzer WC Jr. Differentiation of iron deficiency from thalassaemia trait. "
    "Lancet. 1973;1(7808):882.",
    doi="10.1016/S0140-6736(73)91446-3",
    pmid="4123424",
    output_type="decimal",
    description="MCV (fL) / RBC count (10⁶/µL): > 13 favours iron deficiency anemia, < 13 "
    "favours thalassemia trait.",
)


class Inputs(QuantityInputs):
    """Inputs of the Mentzer index."""

    mcv: float = quantity("cell_volume", "fl", ge=40, le=150, description="Mean corpuscular volume")
    rbc_count: float = quantity(
        "million_per_ul", "10^6/ul", ge=0.5, le=10, description="Red blood cell count"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Mentzer index = MCV / RBC count (Mentzer 1973)."""
    index = inputs.mcv / inputs.rbc_count
    # Mentzer 1973: above 13 iron deficiency is more likely, below 13 thalassemia trait.
    if index > 13:
        reading = "Iron deficiency anemia more likely (index > 13)"
    elif index < 13:
        reading = "Thalassemia trait more likely (index < 13)"
    else:
        reading = "Indeterminate (index = 13)"
    warnings = (
        ["The index is meant for microcytic red cells (MCV < 80 fL)."] if inputs.mcv >= 80 else []
    )
    return CalcResult(
        calculator=META.id,
        value=round(index, 2),
        interpretation=reading,
        steps=[
            Step(
                label="MCV / RBC",
                value=round(index, 2),
                detail=f"{inputs.mcv:g} fL / {inputs.rbc_count:g} × 10⁶/µL",
            )
        ],
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (MCV, RBC count) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "mcv": f.quantity("mcv", "mean corpuscular", default_unit="fl"),
        "rbc_count": rbc_count_quantity(f.value("rbc", "red blood cell")),
    }
