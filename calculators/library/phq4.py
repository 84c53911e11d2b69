"""Patient Health Questionnaire-4 (PHQ-4): ultra-brief anxiety and depression screen."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _frequency_items as fq
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="phq4",
    name="Patient Health Questionnaire-4 (PHQ-4)",
    synonyms=("PHQ-4", "PHQ4", "Patient Health Questionnaire 4"),
    category="psychiatry",
    source="Kroenke K, Spitzer RL, Williams JB, Löwe B. An ultra-brief screening scale for "
    "anxiety and depression: the PHQ-4. Psychosomatics. 2009;50(6):613-621.",
    doi="10.1176/appi.psy.50.6.613",
    pmid="19996233",
    output_type="integer",
    description="The GAD-2 and PHQ-2 items (0-3 each, total 0-12): psychological distress band "
    "and anxiety / depression subscales positive at ≥ 3.",
)

#: The anxiety (GAD-2) items come first, then the depression (PHQ-2) items.
ITEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "nervous": ("Feeling nervous, anxious or on edge", ("feeling nervous", "nervous")),
    "uncontrolled_worry": (
        "Not being able to stop or control worrying",
        ("stop or control", "control worrying"),
    ),
    "interest": ("Little interest or pleasure in doing things", ("little interest",)),
    "depressed": ("Feeling down, depressed, or hopeless", ("feeling down",)),
}


class Inputs(CalcInputs):
    """PHQ-4 items (0-3 each)."""

    nervous: int = fq.item(ITEMS["nervous"][0])
    uncontrolled_worry: int = fq.item(ITEMS["uncontrolled_worry"][0])
    interest: int = fq.item(ITEMS["interest"][0])
    depressed: int = fq.item(ITEMS["depressed"][0])


def _distress(total: int) -> str:
    # Kroenke 2009: total 0-2 none, 3-5 mild, 6-8 moderate, 9-12 severe psychological distress.
    if total >= 9:
        return "severe"
    if total >= 6:
        return "moderate"
    if total >= 3:
        return "mild"
    return "none"


def compute(inputs: Inputs) -> CalcResult:
    """Total (0-12) with the distress band and the two subscales (positive at ≥ 3)."""
    steps, total = fq.item_steps([(q, getattr(inputs, k)) for k, (q, _) in ITEMS.items()])
    anxiety = inputs.nervous + inputs.uncontrolled_worry
    depression = inputs.interest + inputs.depressed
    # Kroenke 2009: on each subscale (items 1-2 anxiety, 3-4 depression; 0-6) a score ≥ 3
    # is positive for screening purposes.
    likely = [name for name, sub in (("Anxiety", anxiety), ("Depression", depression)) if sub >= 3]
    screen = (
        " and ".join(likely) + " likely (subscale ≥ 3)" if likely else "Neither subscale positive"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"PHQ-4 {total}: {_distress(total)} psychological distress; {screen} "
        f"(anxiety {anxiety}/6, depression {depression}/6).",
        steps=steps,
        extra={
            "distress": _distress(total),
            "anxiety_subscale": anxiety,
            "depression_subscale": depression,
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PHQ-4 inputs (question → answer text) → kwargs."""
    f = Fields(inputs, META.id)
    return fq.read_items(f, {k: keys for k, (_, keys) in ITEMS.items()})
