"""Patient Health Questionnaire-9 (PHQ-9) for depression severity."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _frequency_items as fq

META = CalculatorMeta(
    id="phq9",
    name="PHQ-9 (Patient Health Questionnaire-9)",
    synonyms=("PHQ-9", "PHQ9", "Patient Health Questionnaire-9", "PHQ-9 depression score"),
    category="psychiatry",
    source="Kroenke K, Spitzer RL, Williams JB. The PHQ-9: validity of a brief depression "
    "severity measure. J Gen Intern Med. 2001;16(9):606-613.",
    doi="10.1046/j.1525-1497.2001.016009606.x",
    pmid="11556941",
    output_type="integer",
    description="Nine DSM-IV depression criteria scored 0-3 by frequency over 2 weeks (0-27); "
    "5, 10, 15 and 20 mark mild, moderate, moderately severe and severe depression.",
)

#: Input name → (question, MedMCP key phrases), in questionnaire order.
ITEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "interest": ("Little interest or pleasure in doing things", ("little interest",)),
    "depressed": ("Feeling down, depressed, or hopeless", ("feeling down",)),
    "sleep": ("Trouble falling or staying asleep, or sleeping too much", ("asleep", "sleep")),
    "tired": ("Feeling tired or having little energy", ("tired", "little energy")),
    "appetite": ("Poor appetite or overeating", ("appetite",)),
    "failure": ("Feeling bad about yourself, or that you are a failure", ("feeling bad",)),
    "concentration": ("Trouble concentrating on things", ("concentrating",)),
    "psychomotor": (
        "Moving or speaking so slowly that others noticed, or being fidgety or restless",
        ("moving or speaking", "fidgety"),
    ),
    "self_harm": (
        "Thoughts that you would be better off dead, or of hurting yourself",
        ("better off dead", "hurting yourself"),
    ),
}


class Inputs(CalcInputs):
    """PHQ-9 items (0-3 each) and the unscored difficulty question."""

    interest: int = fq.item(ITEMS["interest"][0])
    depressed: int = fq.item(ITEMS["depressed"][0])
    sleep: int = fq.item(ITEMS["sleep"][0])
    tired: int = fq.item(ITEMS["tired"][0])
    appetite: int = fq.item(ITEMS["appetite"][0])
    failure: int = fq.item(ITEMS["failure"][0])
    concentration: int = fq.item(ITEMS["concentration"][0])
    psychomotor: int = fq.item(ITEMS["psychomotor"][0])
    self_harm: int = fq.item(ITEMS["self_harm"][0])
    difficulty: fq.Difficulty | None = fq.difficulty_field()


def _severity(total: int) -> str:
    # Kroenke 2001: scores of 5, 10, 15 and 20 are the cut points for mild, moderate,
    # moderately severe and severe depression (0-4 none/minimal).
    if total >= 20:
        return "severe depression"
    if total >= 15:
        return "moderately severe depression"
    if total >= 10:
        return "moderate depression"
    if total >= 5:
        return "mild depression"
    return "none to minimal depression"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the nine items (0-27) with the Kroenke 2001 severity band."""
    steps, total = fq.score_items(inputs, ITEMS)
    warnings = []
    if inputs.self_harm > 0:
        # Item 9 asks about thoughts of death or self-harm: any positive answer needs a
        # suicide risk assessment whatever the total (PHQ-9 instructions).
        warnings.append(
            "Item 9 (thoughts of death or self-harm) is positive: assess suicide risk now, "
            "whatever the total."
        )
    severity = _severity(total)
    reading = f"PHQ-9 {total}: {severity}."
    return fq.questionnaire_result(META.id, inputs, steps, total, severity, reading, warnings)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PHQ-9 inputs (question → answer text such as 'Several days') → kwargs."""
    return fq.read_questionnaire(inputs, META.id, ITEMS)
