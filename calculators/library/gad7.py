"""Generalized Anxiety Disorder-7 (GAD-7) scale."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _frequency_items as fq

META = CalculatorMeta(
    id="gad7",
    name="GAD-7 (General Anxiety Disorder-7)",
    synonyms=("GAD-7", "GAD7", "Generalized Anxiety Disorder 7", "GAD-7 anxiety score"),
    category="psychiatry",
    source="Spitzer RL, Kroenke K, Williams JB, Löwe B. A brief measure for assessing "
    "generalized anxiety disorder: the GAD-7. Arch Intern Med. 2006;166(10):1092-1097.",
    doi="10.1001/archinte.166.10.1092",
    pmid="16717171",
    output_type="integer",
    description="Seven anxiety symptoms scored 0-3 by frequency over 2 weeks (0-21); 5, 10 and "
    "15 mark mild, moderate and severe anxiety; ≥ 10 warrants further evaluation.",
)

ITEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "nervous": ("Feeling nervous, anxious, or on edge", ("feeling nervous", "nervous")),
    "uncontrolled_worry": (
        "Not being able to stop or control worrying",
        ("stop or control", "control worrying"),
    ),
    "worry_too_much": ("Worrying too much about different things", ("worrying too much",)),
    "trouble_relaxing": ("Trouble relaxing", ("trouble relaxing", "relaxing")),
    "restless": ("Being so restless that it is hard to sit still", ("restless",)),
    "irritable": ("Becoming easily annoyed or irritable", ("annoyed", "irritable")),
    "afraid": ("Feeling afraid, as if something awful might happen", ("afraid",)),
}


class Inputs(CalcInputs):
    """GAD-7 items (0-3 each) and the unscored difficulty question."""

    nervous: int = fq.item(ITEMS["nervous"][0])
    uncontrolled_worry: int = fq.item(ITEMS["uncontrolled_worry"][0])
    worry_too_much: int = fq.item(ITEMS["worry_too_much"][0])
    trouble_relaxing: int = fq.item(ITEMS["trouble_relaxing"][0])
    restless: int = fq.item(ITEMS["restless"][0])
    irritable: int = fq.item(ITEMS["irritable"][0])
    afraid: int = fq.item(ITEMS["afraid"][0])
    difficulty: fq.Difficulty | None = fq.difficulty_field()


def _severity(total: int) -> str:
    # Spitzer 2006: 5, 10 and 15 are the cut points for mild, moderate and severe anxiety.
    if total >= 15:
        return "severe anxiety"
    if total >= 10:
        return "moderate anxiety"
    if total >= 5:
        return "mild anxiety"
    return "minimal anxiety"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the seven items (0-21) with the Spitzer 2006 severity band."""
    steps, total = fq.score_items(inputs, ITEMS)
    # Spitzer 2006: a score ≥ 10 is the recommended cut point for further evaluation
    # (sensitivity 89%, specificity 82% for GAD).
    evaluate = "; ≥ 10: evaluate further for an anxiety disorder" if total >= 10 else ""
    severity = _severity(total)
    reading = f"GAD-7 {total}: {severity}{evaluate}."
    return fq.questionnaire_result(META.id, inputs, steps, total, severity, reading)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc GAD-7 inputs (question → answer text) → kwargs."""
    return fq.read_questionnaire(inputs, META.id, ITEMS)
