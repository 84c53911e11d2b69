"""Modified Aldrete score for recovery after anaesthesia."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="aldrete_score",
    name="Aldrete Score",
    synonyms=("Modified Aldrete score", "Aldrete", "Post-anesthesia recovery score"),
    category="anesthesiology",
    source="Aldrete JA. The post-anesthesia recovery score revisited. J Clin Anesth. "
    "1995;7(1):89-91.",
    doi="10.1016/0952-8180(94)00001-k",
    pmid="7772368",
    output_type="integer",
    description="Activity, respiration, circulation, consciousness and SpO2, each 0-2 (0-10); "
    "≥ 9 allows discharge from phase I recovery.",
)

# Aldrete 1995 (oximetry in place of colour) descriptors, 2 to 0.
ITEMS: dict[str, tuple[str, dict[int, str]]] = {
    "activity": (
        "Activity",
        {
            2: "Able to move 4 extremities voluntarily or on command",
            1: "Able to move 2 extremities voluntarily or on command",
            0: "Not able to move extremities voluntarily or on command",
        },
    ),
    "respiration": (
        "Respiration",
        {
            2: "Able to breathe deeply and cough freely",
            1: "Dyspnea, shallow or limited breathing",
            0: "Apneic",
        },
    ),
    "circulation": (
        "Circulation",
        {
            2: "BP ± 20% of pre-anesthetic level",
            1: "BP ± 20-49% of pre-anesthetic level",
            0: "BP ± 50% or more of pre-anesthetic level",
        },
    ),
    "consciousness": (
        "Consciousness",
        {2: "Fully awake", 1: "Arousable on calling", 0: "Not responding"},
    ),
    "oxygen_saturation": (
        "O2 saturation",
        {
            2: "Able to maintain SpO2 > 92% on room air",
            1: "Needs O2 inhalation to maintain SpO2 > 90%",
            0: "SpO2 < 90% even with O2 supplement",
        },
    ),
}


def _field(name: str) -> Any:
    label, answers = ITEMS[name]
    return Field(
        ge=0, le=2, description=f"{label}: " + "; ".join(f"{k} {v}" for k, v in answers.items())
    )


class Inputs(CalcInputs):
    """Modified Aldrete items (0-2 each)."""

    activity: int = _field("activity")
    respiration: int = _field("respiration")
    circulation: int = _field("circulation")
    consciousness: int = _field("consciousness")
    oxygen_saturation: int = _field("oxygen_saturation")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five items (0-10); ≥ 9 meets the recovery criterion."""
    s = Score()
    for name, (label, answers) in ITEMS.items():
        pts = getattr(inputs, name)
        s.add(label, pts, pts, answers[pts])
    total = int(s.total)
    # Aldrete 1995: a score of 9 or more is required for discharge from the post-anaesthesia
    # care unit (phase I) to phase II or the ward.
    reading = (
        "ready for transfer from phase I recovery (score ≥ 9)"
        if total >= 9
        else "not ready for transfer from phase I recovery (score < 9)"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"Aldrete {total}/10: {reading}.",
        steps=s.steps,
    )


# Descriptor → points (MDCalc-style texts included); more specific patterns first.
_OPTIONS: dict[str, list[tuple[str, int]]] = {
    "activity": [
        (r"\b(not able|unable|no)\b.*\bmove|zero extremit|\b0 extremit", 0),
        (r"\b(2|two)\b extremit", 1),
        (r"\b(4|four|all)\b extremit", 2),
    ],
    "respiration": [
        (r"apne", 0),
        (r"dyspn|shallow|limited", 1),
        (r"deep|cough freely", 2),
    ],
    "circulation": [
        (r"20\s*[-–]\s*(49|50)", 1),
        (r"(≥|>=|>|more than|over)\s*50|\b50\s*%", 0),
        (r"20\s*%|20 mm", 2),
    ],
    "consciousness": [
        (r"not respond|unresponsive", 0),
        (r"arousable", 1),
        (r"fully awake|awake", 2),
    ],
    "oxygen_saturation": [
        (r"even with|despite|<\s*90", 0),
        (r"needs o2|needs oxygen|supplement", 1),
        (r"room air", 2),
    ],
}
_FIELDS: dict[str, str] = {
    "activity": r"activity",
    "respiration": r"respiration|breathing",
    "circulation": r"circulation|blood pressure",
    "consciousness": r"consciousness",
    "oxygen_saturation": r"saturation|spo2|o2",
}


def _points(name: str, value: Any) -> int:
    # A leading '2 - ' repeats the points MDCalc shows; the descriptor after it is what is read.
    text = re.sub(r"^\s*\d\s*[-–:]\s*", "", str(value))
    try:
        return int(mm.choose(text, _OPTIONS[name]))
    except AdapterError as e:
        raise AdapterError(f"{ITEMS[name][0]}: {e.message}") from None


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Aldrete inputs (descriptor per item; the transition goal is context) → kwargs."""
    return {name: _points(name, mm.get(inputs, pattern)) for name, pattern in _FIELDS.items()}
