"""Rapid Shallow Breathing Index (RSBI, Yang-Tobin index) for weaning from ventilation."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_fields as mf

META = CalculatorMeta(
    id="rsbi",
    name="Rapid Shallow Breathing Index (RSBI)",
    synonyms=("RSBI", "Yang-Tobin index", "f/VT", "Tobin index", "rapid shallow breathing index"),
    category="critical care",
    source="Yang KL, Tobin MJ. A prospective study of indexes predicting the outcome of trials "
    "of weaning from mechanical ventilation. N Engl J Med. 1991;324(21):1445-1450.",
    output_type="decimal",
    unit="breaths/min/L",
    description="Respiratory rate divided by tidal volume (L) during spontaneous breathing; "
    "below 105 predicts a successful weaning trial.",
)

# Yang & Tobin 1991: f/VT < 105 breaths/min/L predicted weaning success, above it failure.
THRESHOLD = 105


class Inputs(QuantityInputs):
    """Inputs of the RSBI."""

    respiratory_rate: float = quantity(
        "rate", "/min", ge=1, le=100, description="Spontaneous respiratory rate"
    )
    tidal_volume: float = quantity(
        "volume", "mL", ge=20, le=3000, description="Spontaneous tidal volume"
    )


def compute(inputs: Inputs) -> CalcResult:
    """RSBI = respiratory rate / tidal volume in litres."""
    vt_l = inputs.tidal_volume / 1000
    rsbi = inputs.respiratory_rate / vt_l
    if rsbi < THRESHOLD:
        reading = "weaning likely to succeed (RSBI < 105)"
    else:
        reading = "weaning likely to fail (RSBI ≥ 105)"
    return CalcResult(
        calculator=META.id,
        value=round(rsbi, 1),
        unit="breaths/min/L",
        interpretation=f"RSBI {rsbi:.0f}: {reading}.",
        steps=[
            Step(label="Tidal volume in litres", value=round(vt_l, 4), detail="mL / 1000"),
            Step(label="RSBI", value=round(rsbi, 2), detail="respiratory rate / tidal volume (L)"),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Respiratory rate': '28 breaths/min', 'Tidal volume': '350 mL')."""
    f = mf.Fields(inputs, META.id)
    return {
        "respiratory_rate": f.number("respiratory rate", "rr", "frequency"),
        "tidal_volume": f.quantity("tidal volume", "vt", default_unit="mL"),
    }
