"""Altman Self-Rating Mania Scale (ASRM)."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="asrm",
    name="Altman Self-Rating Mania Scale (ASRM)",
    synonyms=("ASRM", "Altman Self-Rating Mania Scale", "Altman Mania Rating Scale"),
    category="psychiatry",
    source="Altman EG, Hedeker D, Peterson JL, Davis JM. The Altman Self-Rating Mania Scale. "
    "Biol Psychiatry. 1997;42(10):948-955.",
    output_type="integer",
    description="Five self-rated items on the past week (mood, self-confidence, sleep, speech, "
    "activity), each 0-4 (0-20); 6 or more suggests a manic or hypomanic condition.",
)


def _item(label: str, stem: str, keys: tuple[str, ...], top: str) -> ri.RatedItem:
    # Altman 1997: each item offers five statements scored 0 (no change from usual) to 4;
    # "occasionally" = once or twice, "often" = several times or more, "frequently" = most of
    # the time (the frequency word is kept as a short form for reading answers).
    return ri.RatedItem(
        label,
        {
            0: (f"I do not {stem} than usual", "do not"),
            1: (f"I occasionally {stem} than usual", "occasionally"),
            2: (f"I often {stem} than usual", "often"),
            3: (f"I frequently {stem} than usual", "frequently"),
            4: (top,),
        },
        keys,
    )


ITEMS: dict[str, ri.RatedItem] = {
    "positive_mood": ri.RatedItem(
        "1. Positive mood",
        {
            0: ("I do not feel happier or more cheerful than usual", "do not"),
            1: ("I occasionally feel happier or more cheerful than usual", "occasionally"),
            2: ("I often feel happier or more cheerful than usual", "often"),
            3: ("I feel happier or more cheerful than usual most of the time", "most of the time"),
            4: ("I feel happier or more cheerful than usual all of the time", "all of the time"),
        },
        ("happier", "cheerful", "mood"),
    ),
    # Item 2, level 3 is printed "I frequently feel ..." on most copies of the form and "I feel
    # more self-confident than usual most of the time" on others; both are read as 3.
    "self_confidence": ri.RatedItem(
        "2. Self-confidence",
        {
            0: ("I do not feel more self-confident than usual", "do not"),
            1: ("I occasionally feel more self-confident than usual", "occasionally"),
            2: ("I often feel more self-confident than usual", "often"),
            3: (
                "I frequently feel more self-confident than usual",
                "frequently",
                "most of the time",
            ),
            4: ("I feel extremely self-confident all of the time", "extremely"),
        },
        ("self confident", "self confidence", "confiden"),
    ),
    "sleep": _item(
        "3. Sleep",
        "need less sleep",
        ("sleep",),
        "I can go all day and all night without any sleep and still not feel tired",
    ),
    "speech": _item(
        "4. Speech",
        "talk more",
        ("speech", "talk"),
        "I talk constantly and cannot be interrupted",
    ),
    "activity": ri.RatedItem(
        "5. Activity level",
        {
            0: (
                "I have not been more active (either socially, sexually, at work, home or "
                "school) than usual",
                "not been more active",
            ),
            1: ("I have occasionally been more active than usual", "occasionally"),
            2: ("I have often been more active than usual", "often"),
            3: ("I have frequently been more active than usual", "frequently"),
            4: ("I am constantly more active or on the go all the time", "constantly"),
        },
        ("activity", "active"),
    ),
}

# Altman 1997: a total of 6 or higher suggests a high probability of a manic or hypomanic
# condition (scores of 5 or less: unlikely).
CUTOFF = 6


class Inputs(CalcInputs):
    """The five ASRM items, each 0-4."""

    positive_mood: int = ri.item_field(ITEMS["positive_mood"])
    self_confidence: int = ri.item_field(ITEMS["self_confidence"])
    sleep: int = ri.item_field(ITEMS["sleep"])
    speech: int = ri.item_field(ITEMS["speech"])
    activity: int = ri.item_field(ITEMS["activity"])

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), ITEMS)
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five items (0-20) against the cut-off of 6."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    if total >= CUTOFF:
        interpretation = (
            f"High probability of a manic or hypomanic condition (ASRM {total}, cut-off {CUTOFF})."
        )
    else:
        interpretation = (
            f"Low probability of a manic or hypomanic condition (ASRM {total}, below the "
            f"cut-off of {CUTOFF})."
        )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=interpretation,
        steps=steps,
        extra={"above_cutoff": total >= CUTOFF},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ASRM inputs (statement text or its score per item) → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
