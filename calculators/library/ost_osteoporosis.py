"""Osteoporosis Self-Assessment Tool (OST), in the original publication's version (Koh 2001)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="ost_osteoporosis",
    name="Osteoporosis Self Assessment Tool (OST)",
    synonyms=(
        "OST",
        "OSTA",
        "Osteoporosis Self-Assessment Tool",
        "Osteoporosis Self-Assessment Tool for Asians",
        "OST score",
    ),
    category="endocrinology",
    source="Koh LK, Sedrine WB, Torralba TP, et al. A simple tool to identify Asian women at "
    "increased risk of osteoporosis. Osteoporos Int. 2001;12(8):699-705.",
    doi="10.1007/s001980170070",
    pmid="11580084",
    output_type="integer",
    description="0.2 × (weight in kg − age in years), truncated to an integer; the original "
    "risk groups are high (< −4), intermediate (−4 to −1) and low (> −1).",
)

# Koh 2001 (the OSTA research group's classification, as restated by the Taiwanese QUS
# validation and the OSTA summaries read for this module): index < −4 high risk, −4 to −1
# intermediate, > −1 low risk of osteoporosis.
HIGH_BELOW = -4
LOW_ABOVE = -1


class Inputs(QuantityInputs):
    """Inputs of the OST (derived in postmenopausal women)."""

    age: float = quantity("age", "years", ge=40, le=120, description="Age")
    weight: float = quantity("weight", "kg", ge=20, le=300, description="Body weight")


def compute(inputs: Inputs) -> CalcResult:
    """OST = 0.2 × (weight − age), truncated toward zero (Koh 2001)."""
    difference = inputs.weight - inputs.age
    raw = 0.2 * difference
    # Truncated, not rounded: −4.3 → −4 and 1.8 → 1 (int() truncates toward zero).
    index = int(raw)
    if index < HIGH_BELOW:
        reading = "High risk of osteoporosis (OST < −4): bone densitometry recommended"
    elif index <= LOW_ABOVE:
        reading = "Intermediate risk of osteoporosis (OST −4 to −1): consider bone densitometry"
    else:
        reading = "Low risk of osteoporosis (OST > −1)"
    return CalcResult(
        calculator=META.id,
        value=index,
        interpretation=f"{reading}.",
        steps=[
            Step(label="Weight − age", value=round(difference, 2), detail="kg − years"),
            Step(label="× 0.2", value=round(raw, 3)),
            Step(label="OST (truncated)", value=index, detail="decimals dropped toward zero"),
        ],
        warnings=[
            "Derived in postmenopausal Asian women (Koh 2001); later validations use other "
            "cut-offs (e.g. < 2 in US women, < 4 in men)."
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, weight) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "weight": f.quantity("weight", default_unit="kg"),
    }
