"""Serum sodium corrected for hyperglycaemia (Hillier)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="sodium_correction_hyperglycemia",
    name="Sodium Correction for Hyperglycemia",
    synonyms=(
        "corrected sodium",
        "Hillier corrected sodium",
        "sodium correction",
        "Katz corrected sodium",
    ),
    category="electrolytes",
    source="Hillier TA, Abbott RD, Barrett EJ. Hyponatremia: evaluating the correction factor "
    "for hyperglycemia. Am J Med. 1999;106(4):399-403.",
    doi="10.1016/S0002-9343(99)00055-8",
    pmid="10225241",
    output_type="decimal",
    unit="mEq/L",
    medcalc_id=26,
    description="Sodium expected once glucose normalises: Na + 0.024 × (glucose − 100).",
)


class Inputs(QuantityInputs):
    """Inputs of the corrected sodium."""

    sodium: float = quantity("electrolyte", "mEq/L", ge=90, le=200, description="Serum sodium")
    glucose: float = quantity("glucose", "mg/dL", ge=10, le=3000, description="Serum glucose")


def compute(inputs: Inputs) -> CalcResult:
    """Hillier: Na + 2.4 mEq/L per 100 mg/dL of glucose above 100; Katz (1.6) in ``extra``."""
    excess = inputs.glucose - 100
    hillier = inputs.sodium + 0.024 * excess
    katz = inputs.sodium + 0.016 * excess  # Katz MA. N Engl J Med. 1973;289:843-4.
    if hillier < 135:
        interp = "Corrected sodium < 135 mEq/L: true hyponatraemia"
    elif hillier > 145:
        interp = "Corrected sodium > 145 mEq/L: hypernatraemia once glucose is corrected"
    else:
        interp = "Corrected sodium 135-145 mEq/L"
    return CalcResult(
        calculator=META.id,
        value=round(hillier, 3),
        unit="mEq/L",
        interpretation=interp,
        steps=[
            Step(label="Glucose above 100 mg/dL", value=round(excess, 3)),
            Step(
                label="Corrected sodium (Hillier)",
                value=round(hillier, 3),
                detail="Na + 0.024 × (glucose − 100)",
            ),
        ],
        extra={"katz_mEq_L": round(katz, 3)},
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {"sodium": mc.quantity(entities, "Sodium"), "glucose": mc.quantity(entities, "Glucose")}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    return {
        "sodium": kw.parse_quantity(m.find("sodium"), "mEq/L"),
        "glucose": kw.parse_quantity(m.find("glucose"), "mg/dL"),
    }
