"""NIH Stroke Scale/Score (NIHSS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="nihss",
    name="NIH Stroke Scale/Score (NIHSS)",
    synonyms=("NIHSS", "NIH Stroke Scale", "National Institutes of Health Stroke Scale"),
    category="neurology",
    source=(
        "Brott T, Adams HP Jr, Olinger CP, et al. Measurements of acute cerebral infarction: a "
        "clinical examination scale. Stroke. 1989;20(7):864-70."
    ),
    doi="10.1161/01.str.20.7.864",
    pmid="2749846",
    output_type="integer",
    description="Sum of 15 examination items (0-42) quantifying stroke-related neurological "
    "deficit.",
)

# (field, label, maximum points) in the order of the scale.
ITEMS = (
    ("loc", "1a Level of consciousness", 3),
    ("loc_questions", "1b LOC questions", 2),
    ("loc_commands", "1c LOC commands", 2),
    ("gaze", "2 Best gaze", 2),
    ("visual", "3 Visual fields", 3),
    ("facial_palsy", "4 Facial palsy", 3),
    ("motor_arm_left", "5a Motor arm, left", 4),
    ("motor_arm_right", "5b Motor arm, right", 4),
    ("motor_leg_left", "6a Motor leg, left", 4),
    ("motor_leg_right", "6b Motor leg, right", 4),
    ("limb_ataxia", "7 Limb ataxia", 2),
    ("sensory", "8 Sensory", 2),
    ("language", "9 Best language", 3),
    ("dysarthria", "10 Dysarthria", 2),
    ("extinction", "11 Extinction and inattention", 2),
)


class Inputs(CalcInputs):
    """Points of each NIHSS item (untestable items score 0, as the scale instructs)."""

    loc: int = Field(ge=0, le=3, description="1a Level of consciousness (0-3)")
    loc_questions: int = Field(ge=0, le=2, description="1b Month and age questions (0-2)")
    loc_commands: int = Field(ge=0, le=2, description="1c Blink eyes and squeeze hands (0-2)")
    gaze: int = Field(ge=0, le=2, description="2 Horizontal extraocular movements (0-2)")
    visual: int = Field(ge=0, le=3, description="3 Visual fields (0-3)")
    facial_palsy: int = Field(ge=0, le=3, description="4 Facial palsy (0-3)")
    motor_arm_left: int = Field(ge=0, le=4, description="5a Left arm motor drift (0-4)")
    motor_arm_right: int = Field(ge=0, le=4, description="5b Right arm motor drift (0-4)")
    motor_leg_left: int = Field(ge=0, le=4, description="6a Left leg motor drift (0-4)")
    motor_leg_right: int = Field(ge=0, le=4, description="6b Right leg motor drift (0-4)")
    limb_ataxia: int = Field(ge=0, le=2, description="7 Limb ataxia (0-2)")
    sensory: int = Field(ge=0, le=2, description="8 Sensation (0-2)")
    language: int = Field(ge=0, le=3, description="9 Language/aphasia (0-3)")
    dysarthria: int = Field(ge=0, le=2, description="10 Dysarthria (0-2)")
    extinction: int = Field(ge=0, le=2, description="11 Extinction/inattention (0-2)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the 15 items."""
    steps, total = tally((label, getattr(inputs, f), getattr(inputs, f)) for f, label, _ in ITEMS)
    score = int(total)
    label = (
        "No stroke symptoms"
        if score == 0
        else "Minor stroke"
        if score <= 4
        else "Moderate stroke"
        if score <= 15
        else "Moderate to severe stroke"
        if score <= 20
        else "Severe stroke"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


_PATTERNS = {
    "loc": r"^1a",
    "loc_questions": r"^1b",
    "loc_commands": r"^1c",
    "gaze": r"^2\b",
    "visual": r"^3\b",
    "facial_palsy": r"^4\b",
    "motor_arm_left": r"^5a",
    "motor_arm_right": r"^5b",
    "motor_leg_left": r"^6a",
    "motor_leg_right": r"^6b",
    "limb_ataxia": r"^7\b",
    "sensory": r"^8\b",
    "language": r"^9\b",
    "dysarthria": r"^10\b",
    "extinction": r"^11\b",
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc NIHSS options (``"No movement (+4)"``) → item points."""
    return {k: int(mm.points(mm.get(inputs, p))) for k, p in _PATTERNS.items()}
