"""Braden Scale for predicting pressure ulcer risk."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="braden_score",
    name="Braden Score for Pressure Ulcers",
    synonyms=("Braden scale", "Braden score", "Braden Scale for Predicting Pressure Sore Risk"),
    category="nursing",
    source="Bergstrom N, Braden BJ, Laguzza A, Holman V. The Braden Scale for Predicting "
    "Pressure Sore Risk. Nurs Res. 1987;36(4):205-10.",
    pmid="3299278",
    output_type="integer",
    unit=None,
    description="Six subscales (6–23); lower totals mean higher pressure-injury risk.",
)

ITEMS: dict[str, tuple[str, dict[int, tuple[str, ...]]]] = {
    "sensory_perception": (
        "Sensory perception",
        {
            1: ("Completely limited",),
            2: ("Very limited",),
            3: ("Slightly limited",),
            4: ("No impairment",),
        },
    ),
    "moisture": (
        "Moisture",
        {
            1: ("Constantly moist",),
            2: ("Often moist", "very moist"),
            3: ("Occasionally moist",),
            4: ("Rarely moist",),
        },
    ),
    "activity": (
        "Activity",
        {1: ("Bedfast",), 2: ("Chairfast",), 3: ("Walks occasionally",), 4: ("Walks frequently",)},
    ),
    "mobility": (
        "Mobility",
        {
            1: ("Completely immobile",),
            2: ("Very limited",),
            3: ("Slightly limited",),
            4: ("No limitation",),
        },
    ),
    "nutrition": (
        "Nutrition",
        {1: ("Very poor",), 2: ("Probably inadequate",), 3: ("Adequate",), 4: ("Excellent",)},
    ),
    "friction_shear": (
        "Friction and shear",
        {1: ("Problem",), 2: ("Potential problem",), 3: ("No apparent problem",)},
    ),
}


def _item(key: str, high: int) -> Any:
    label, options = ITEMS[key]
    return Field(
        ge=1,
        le=high,
        description=f"{label}: " + "; ".join(f"{k} {v[0]}" for k, v in options.items()),
    )


class Inputs(CalcInputs):
    """Inputs of the Braden scale."""

    sensory_perception: int = _item("sensory_perception", 4)
    moisture: int = _item("moisture", 4)
    activity: int = _item("activity", 4)
    mobility: int = _item("mobility", 4)
    nutrition: int = _item("nutrition", 4)
    friction_shear: int = _item("friction_shear", 3)


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the six subscales (Bergstrom 1987)."""
    steps, total = tally((ITEMS[k][0], getattr(inputs, k), getattr(inputs, k)) for k in ITEMS)
    # Risk bands in common use (Ayello & Braden 2002): ≤9 very high, 10–12 high, 13–14
    # moderate, 15–18 mild (at risk), 19–23 no risk.
    label = (
        "Very high risk (≤9)"
        if total <= 9
        else "High risk (10–12)"
        if total <= 12
        else "Moderate risk (13–14)"
        if total <= 14
        else "Mild risk (15–18)"
        if total <= 18
        else "No risk (19–23)"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (six subscales) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    keys = {
        "sensory_perception": ("sensory",),
        "moisture": ("moisture",),
        "activity": ("activity",),
        "mobility": ("mobility",),
        "nutrition": ("nutrition",),
        "friction_shear": ("friction", "shear"),
    }
    return {k: f.option(*v, options=ITEMS[k][1]) for k, v in keys.items()}
