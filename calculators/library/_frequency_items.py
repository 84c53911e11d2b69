"""What the PHQ/GAD questionnaires share: the 0-3 frequency answers and their MedMCP reading.

The PHQ-9 (Kroenke 2001), GAD-7 (Spitzer 2006) and PHQ-4 (Kroenke 2009) score every item by how
often the problem bothered the patient over the last 2 weeks: "Not at all" 0, "Several days" 1,
"More than half the days" 2, "Nearly every day" 3 (the PHQ/GAD scoring instructions, as reprinted
with the GAD-7 and PHQ-4 scoring keys). The PHQ-9 and GAD-7 end with one unscored question on how
difficult the problems made daily life.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, Step
from m3agent.calculators.library._medmcp_fields import Fields

#: Points of each answer (PHQ / GAD-7 scoring key).
FREQUENCY: dict[int, tuple[str, ...]] = {
    0: ("Not at all",),
    1: ("Several days",),
    2: ("More than half the days", "More than half of the days"),
    3: ("Nearly every day",),
}

Difficulty = Literal[
    "not_difficult_at_all", "somewhat_difficult", "very_difficult", "extremely_difficult"
]

#: The unscored functional question, with the answers as printed on the forms.
DIFFICULTY: dict[str, tuple[str, ...]] = {
    "not_difficult_at_all": ("Not difficult at all",),
    "somewhat_difficult": ("Somewhat difficult",),
    "very_difficult": ("Very difficult",),
    "extremely_difficult": ("Extremely difficult",),
}


def item(question: str) -> Any:
    """A 0-3 frequency item field whose description names the question and the answers."""
    return Field(
        ge=0,
        le=3,
        description=f"{question} (0 not at all, 1 several days, 2 more than half the days, "
        "3 nearly every day)",
    )


def difficulty_field() -> Any:
    """The optional, unscored 'how difficult have these problems made it' question."""
    return Field(
        None,
        description="How difficult the problems made work, home life or getting along with "
        "people (unscored): not_difficult_at_all, somewhat_difficult, very_difficult, "
        "extremely_difficult",
    )


def item_steps(values: Sequence[tuple[str, int]]) -> tuple[list[Step], int]:
    """One Step per item with its points and the running total."""
    steps: list[Step] = []
    total = 0
    for label, points in values:
        total += points
        steps.append(Step(label=label, value=points, points=points, total=total))
    return steps, total


def read_items(
    fields: Fields, keys: Mapping[str, tuple[str, ...]], options: Mapping[Any, Any] = FREQUENCY
) -> dict[str, Any]:
    """Read each item's answer text (e.g. 'Nearly every day') as its points.

    Args:
        fields: The item's inputs.
        keys: Input name → key phrases that find its question among the fields.
        options: Points → answer texts.
    """
    return {name: fields.option(*phrases, options=options) for name, phrases in keys.items()}


def read_difficulty(fields: Fields) -> str | None:
    """Read the unscored difficulty question when the item lists it."""
    if not fields.has("difficult"):
        return None
    return fields.option("difficult", options=DIFFICULTY)


#: Input name → (question, MedMCP key phrases), in questionnaire order.
Items = Mapping[str, tuple[str, tuple[str, ...]]]


def score_items(inputs: Any, items: Items) -> tuple[list[Step], int]:
    """:func:`item_steps` over every item of ``items``, read from the inputs by name."""
    return item_steps([(question, getattr(inputs, name)) for name, (question, _) in items.items()])


def difficulty_note(difficulty: str | None) -> str:
    """``" Functional difficulty: very difficult."``, or nothing when it was not answered."""
    if not difficulty:
        return ""
    return f" Functional difficulty: {difficulty.replace('_', ' ')}."


def questionnaire_result(
    calculator: str,
    inputs: Any,
    steps: list[Step],
    total: int,
    severity: str,
    reading: str,
    warnings: Sequence[str] = (),
) -> CalcResult:
    """The PHQ-9/GAD-7 result: the total, ``reading`` plus the difficulty note, the severity.

    Args:
        calculator: The calculator id.
        inputs: Inputs with the optional ``difficulty`` answer.
        steps: One Step per item (:func:`score_items`).
        total: The item sum.
        severity: The severity band, also given as ``extra["severity"]``.
        reading: The interpretation before the functional-difficulty note.
        warnings: Caveats to show whatever the total.
    """
    return CalcResult(
        calculator=calculator,
        value=total,
        interpretation=reading + difficulty_note(inputs.difficulty),
        steps=steps,
        warnings=list(warnings),
        extra={"severity": severity, "difficulty": inputs.difficulty},
    )


def read_questionnaire(
    inputs: list[dict[str, Any]], calculator: str, items: Items
) -> dict[str, Any]:
    """MedMCP-Calc question → answer-text inputs → every item's points and the difficulty."""
    f = Fields(inputs, calculator)
    out = read_items(f, {name: keys for name, (_, keys) in items.items()})
    out["difficulty"] = read_difficulty(f)
    return out
