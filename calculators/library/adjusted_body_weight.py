"""Adjusted body weight (IBW + 0.4 × excess weight)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._patient import Sex, adjusted_body_weight_kg, ideal_body_weight_kg

META = CalculatorMeta(
    id="adjusted_body_weight",
    name="Adjusted Body Weight",
    synonyms=("ABW", "AdjBW", "dosing weight", "adjusted body weight (0.4)"),
    category="physical",
    source="Pai MP, Paloucek FP. The origin of the 'ideal' body weight equations. Ann "
    "Pharmacother. 2000;34(9):1066-1069 (IBW: Devine 1974; adjusted weight IBW + 0.4 × "
    "(TBW − IBW)).",
    doi="10.1345/aph.19381",
    pmid="10981254",
    output_type="decimal",
    unit="kg",
    medcalc_id=62,
    description="ABW = IBW + 0.4 × (actual weight − IBW), with Devine's IBW.",
)


class Inputs(QuantityInputs):
    """Inputs of the adjusted body weight."""

    sex: Sex = Field(description="Sex")
    height: float = quantity("height", "cm", ge=50, le=250, description="Height")
    weight: float = quantity("weight", "kg", ge=1, le=500, description="Actual body weight")


def compute(inputs: Inputs) -> CalcResult:
    """ABW = IBW + 0.4 × (weight − IBW)."""
    ibw = ideal_body_weight_kg(inputs.sex, inputs.height)
    abw = adjusted_body_weight_kg(ibw, inputs.weight)
    warnings = (
        []
        if inputs.weight > ibw
        else [
            "Actual weight is not above the ideal body weight: dosing normally uses the actual "
            "weight then; the formula is applied as asked."
        ]
    )
    return CalcResult(
        calculator=META.id,
        value=round(abw, 3),
        unit="kg",
        interpretation=f"Adjusted body weight {abw:.1f} kg (IBW {ibw:.1f} kg).",
        steps=[
            Step(label="Ideal body weight (Devine)", value=round(ibw, 3)),
            Step(
                label="Adjusted body weight",
                value=round(abw, 3),
                detail="IBW + 0.4 × (weight − IBW)",
            ),
        ],
        warnings=warnings,
        extra={"ibw_kg": round(ibw, 3)},
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "sex": mc.sex(entities),
        "height": mc.quantity(entities, "height"),
        "weight": mc.quantity(entities, "weight"),
    }
