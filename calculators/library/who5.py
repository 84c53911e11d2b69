"""WHO-Five Well-Being Index (WHO-5)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _frequency_items as fq
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="who5",
    name="Who Five Well Being Index (WHO-5)",
    synonyms=("WHO-5", "WHO5", "WHO-Five Well-Being Index", "WHO-5 Well-Being Index"),
    category="psychiatry",
    source="Topp CW, Østergaard SD, Søndergaard S, Bech P. The WHO-5 Well-Being Index: a "
    "systematic review of the literature. Psychother Psychosom. 2015;84(3):167-176.",
    doi="10.1159/000376585",
    pmid="25831962",
    output_type="integer",
    unit="%",
    description="Five positively worded items rated 0-5 over the last 2 weeks; the raw score "
    "(0-25) times 4 is the percentage score (0-100); a raw score below 13 is poor well-being.",
)

#: Points of each answer (WHO-5 scoring: 'At no time' 0 ... 'All of the time' 5).
ANSWERS: dict[int, tuple[str, ...]] = {
    5: ("All of the time",),
    4: ("Most of the time",),
    3: ("More than half of the time", "More than half the time"),
    2: ("Less than half of the time", "Less than half the time"),
    1: ("Some of the time",),
    0: ("At no time",),
}

ITEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "cheerful": ("I have felt cheerful and in good spirits", ("cheerful",)),
    "calm": ("I have felt calm and relaxed", ("calm",)),
    "active": ("I have felt active and vigorous", ("active", "vigorous")),
    "rested": ("I woke up feeling fresh and rested", ("fresh", "rested")),
    "interest": ("My daily life has been filled with things that interest me", ("interest",)),
}


def _item(question: str) -> Any:
    return Field(
        ge=0,
        le=5,
        description=f"{question} (0 at no time, 1 some of the time, 2 less than half of the "
        "time, 3 more than half of the time, 4 most of the time, 5 all of the time)",
    )


class Inputs(CalcInputs):
    """WHO-5 items (0-5 each)."""

    cheerful: int = _item(ITEMS["cheerful"][0])
    calm: int = _item(ITEMS["calm"][0])
    active: int = _item(ITEMS["active"][0])
    rested: int = _item(ITEMS["rested"][0])
    interest: int = _item(ITEMS["interest"][0])


def compute(inputs: Inputs) -> CalcResult:
    """Raw score (0-25) and percentage score (raw × 4, 0-100)."""
    steps, raw = fq.item_steps([(q, getattr(inputs, k)) for k, (q, _) in ITEMS.items()])
    percent = raw * 4  # WHO-5 scoring: the raw score multiplied by 4 gives 0-100.
    # WHO-5 scoring (Topp 2015): a raw score below 13 (percentage ≤ 48) indicates poor
    # well-being and is an indication for testing for depression.
    if raw < 13:
        reading = "poor well-being (raw score < 13): screen for depression"
    else:
        reading = "no indication of poor well-being (raw score ≥ 13)"
    return CalcResult(
        calculator=META.id,
        value=percent,
        unit="%",
        interpretation=f"WHO-5 {percent}% (raw {raw}/25): {reading}.",
        steps=steps,
        extra={"raw_score": raw, "percentage_score": percent},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc WHO-5 inputs (statement → 'At no time' ... 'All of the time') → kwargs."""
    f = Fields(inputs, META.id)
    return fq.read_items(f, {k: keys for k, (_, keys) in ITEMS.items()}, options=ANSWERS)
