"""CSHA Clinical Frailty Scale (CFS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="clinical_frailty_scale",
    name="CSHA Clinical Frailty Scale (CFS)",
    synonyms=("Clinical Frailty Scale", "CFS", "Rockwood Clinical Frailty Scale"),
    category="geriatrics",
    source=(
        "Rockwood K, Song X, MacKnight C, et al. A global clinical measure of fitness and "
        "frailty in elderly people. CMAJ. 2005;173(5):489-95; level names of CFS version 2.0 "
        "(Rockwood K, Theou O. Can Geriatr J. 2020;23(3):210-5)."
    ),
    doi="10.1503/cmaj.050051",
    pmid="16129869",
    output_type="integer",
    description="Judgement-based 9-level scale of fitness and frailty in older adults.",
)

LEVELS = {
    1: "Very fit",
    2: "Fit",
    3: "Managing well",
    4: "Living with very mild frailty",
    5: "Living with mild frailty",
    6: "Living with moderate frailty",
    7: "Living with severe frailty",
    8: "Living with very severe frailty",
    9: "Terminally ill",
}


class Inputs(CalcInputs):
    """Inputs of the CFS."""

    level: int = Field(ge=1, le=9, description="CFS level, 1 (very fit) to 9 (terminally ill)")


def compute(inputs: Inputs) -> CalcResult:
    """Return the CFS level as the score, named as on the scale."""
    name = LEVELS[inputs.level]
    return CalcResult(
        calculator=META.id,
        value=inputs.level,
        interpretation=name,
        steps=[Step(label="CFS level", value=inputs.level, detail=name)],
    )


# Level descriptions of the scale (CFS 2.0 wording and the original CSHA wording).
_TEXT = [
    (r"terminal", 9),
    (r"very severe|approaching the end of life", 8),
    (r"severe|completely dependent", 7),
    (r"moderate|help with all outside activities|help with bathing", 6),
    (r"very mild|vulnerable|slowed up|not dependent on others", 4),
    (r"mild frail|mildly frail|limited dependence|instrumental activities", 5),
    (r"managing well|well controlled", 3),
    (r"very fit|robust", 1),
    (r"\bfit\b|\bwell\b|no active disease", 2),
]


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc CFS inputs → Inputs (a level number or its description)."""
    value = mm.get(inputs, r"frailty scale level|cfs|clinical frailty")
    if isinstance(value, int | float) or str(value).strip().isdigit():
        return {"level": int(mm.number(value))}
    return {"level": mm.choose(value, _TEXT)}
