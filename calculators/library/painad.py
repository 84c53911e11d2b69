"""Pain Assessment in Advanced Dementia (PAINAD) scale."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="painad",
    name="Pain Assessment in Advanced Dementia Scale (PAINAD)",
    synonyms=("PAINAD", "PAINAD scale"),
    category="geriatrics",
    source=(
        "Warden V, Hurley AC, Volicer L. Development and psychometric evaluation of the Pain "
        "Assessment in Advanced Dementia (PAINAD) scale. J Am Med Dir Assoc. 2003;4(1):9-15."
    ),
    doi="10.1097/01.JAM.0000043422.31640.F7",
    pmid="12807591",
    output_type="integer",
    description="Five observed behaviours scored 0-2 (total 0-10) to rate pain in people who "
    "cannot report it.",
)

ITEMS = (
    ("breathing", "Breathing"),
    ("vocalization", "Negative vocalization"),
    ("facial_expression", "Facial expression"),
    ("body_language", "Body language"),
    ("consolability", "Consolability"),
)


class Inputs(CalcInputs):
    """PAINAD item scores (0-2 each)."""

    breathing: int = Field(ge=0, le=2, description="Breathing independent of vocalization")
    vocalization: int = Field(ge=0, le=2, description="Negative vocalization")
    facial_expression: int = Field(ge=0, le=2, description="Facial expression")
    body_language: int = Field(ge=0, le=2, description="Body language")
    consolability: int = Field(ge=0, le=2, description="Consolability")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the five items; 1-3 mild, 4-6 moderate, 7-10 severe pain."""
    steps, total = tally((label, getattr(inputs, f), getattr(inputs, f)) for f, label in ITEMS)
    score = int(total)
    label = (
        "No pain"
        if score == 0
        else "Mild pain"
        if score <= 3
        else "Moderate pain"
        if score <= 6
        else "Severe pain"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


# Item descriptors of the scale (Warden 2003), score 2 first so "occasional" does not hide them.
_OPTIONS = {
    "breathing": [
        (r"noisy|long period|cheyne", 2),
        (r"occasional|short period", 1),
        (r"normal", 0),
    ],
    "vocalization": [
        (r"repeated|troubled|crying", 2),
        (r"occasional|low.level", 1),
        (r"^none|^no\b", 0),
    ],
    "facial_expression": [(r"grimac", 2), (r"sad|frighten|frown", 1), (r"smil|inexpressive", 0)],
    "body_language": [
        (r"rigid|fists|knees|pulling|striking", 2),
        (r"tense|pacing|fidget", 1),
        (r"relaxed", 0),
    ],
    "consolability": [
        (r"unable to console|distract or reassure", 2),
        (r"distracted|reassured", 1),
        (r"no need", 0),
    ],
}
_FIELDS = {
    "breathing": r"breath",
    "vocalization": r"negative vocal|^vocal",
    "facial_expression": r"facial",
    "body_language": r"body",
    "consolability": r"consol",
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PAINAD inputs (descriptor text, points optional) → item scores."""
    out = {}
    for key, pattern in _FIELDS.items():
        value = mm.get(inputs, pattern)
        out[key] = mm.choose(value, _OPTIONS[key])
    return out
