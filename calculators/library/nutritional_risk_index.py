"""Nutritional Risk Index (NRI, Buzby)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="nutritional_risk_index",
    name="Nutritional Risk Index (NRI)",
    synonyms=("NRI", "Buzby nutritional risk index"),
    category="nutrition",
    source="Buzby GP, et al. Study protocol: a randomized clinical trial of total parenteral "
    "nutrition in malnourished surgical patients. Am J Clin Nutr. 1988;47(2 "
    "Suppl):366-81; Veterans Affairs TPN Cooperative Study Group. N Engl J Med. "
    "1991;325(8):525-32.",
    doi="10.1093/ajcn/47.2.366",
    output_type="decimal",
    unit=None,
    description="NRI = 1.519 × albumin (g/L) + 41.7 × current/usual weight; grades "
    "malnutrition risk before surgery.",
)


class Inputs(QuantityInputs):
    """Inputs of the NRI."""

    albumin: float = quantity("albumin", "g/L", ge=5, le=60, description="Serum albumin")
    current_weight: float = quantity(
        "weight", "kg", ge=10, le=400, description="Current body weight"
    )
    usual_weight: float = quantity(
        "weight", "kg", ge=10, le=400, description="Usual (pre-illness) body weight"
    )


def compute(inputs: Inputs) -> CalcResult:
    """NRI = 1.519 × albumin (g/L) + 41.7 × (current / usual weight)."""
    ratio = inputs.current_weight / inputs.usual_weight
    nri = 1.519 * inputs.albumin + 41.7 * ratio
    # Buzby 1988 / VA TPN 1991 grades: >100 not malnourished; 97.5–100 borderline (mild);
    # 83.5 to <97.5 moderate; <83.5 severe.
    if nri > 100:
        label = "No malnutrition risk (>100)"
    elif nri >= 97.5:
        label = "Mild (borderline) malnutrition risk (97.5–100)"
    elif nri >= 83.5:
        label = "Moderate malnutrition risk (83.5–97.5)"
    else:
        label = "Severe malnutrition risk (<83.5)"
    return CalcResult(
        calculator=META.id,
        value=round(nri, 1),
        unit=None,
        interpretation=label,
        steps=[
            Step(
                label="Albumin term",
                value=round(1.519 * inputs.albumin, 2),
                detail="1.519 × albumin g/L",
            ),
            Step(
                label="Weight term",
                value=round(41.7 * ratio, 2),
                detail="41.7 × current / usual weight",
            ),
            Step(label="NRI", value=round(nri, 1)),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (albumin, current weight, usual weight) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    albumin = f.quantity("albumin")
    if isinstance(albumin, float):  # a bare number: g/dL if ≤10, otherwise g/L
        albumin = [albumin, "g/dL" if albumin <= 10 else "g/L"]
    return {
        "albumin": albumin,
        "current_weight": f.quantity("current", "present", default_unit="kg"),
        "usual_weight": f.quantity("usual", default_unit="kg"),
    }
