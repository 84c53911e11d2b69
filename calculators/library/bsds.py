"""Bipolar Spectrum Diagnostic Scale (BSDS)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields, parse_yes
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="bsds",
    name="Bipolar Spectrum Diagnostic Scale (BSDS)",
    synonyms=("BSDS", "Bipolar Spectrum Diagnostic Scale"),
    category="psychiatry",
    source="Ghaemi SN, Miller CJ, Berv DA, Klugman J, Rosenquist KJ, Pies RW. Sensitivity and "
    "specificity of a new bipolar spectrum diagnostic scale. J Affect Disord. 2005;84(2-3):"
    "273-277 (scoring and probability bands as published by the scale's author R. Pies, "
    "https://psycheducation.org/scoring-the-bsds/).",
    pmid="15708426",
    output_type="integer",
    description="A story of 19 sentences on mood swings (1 point each sentence that applies) "
    "plus how well the whole story fits (0, 2, 4 or 6): 0-25, higher means bipolar spectrum "
    "disorder is more likely.",
)

#: The 19 sentences of the story, in order (short forms of the form's wording).
SENTENCES: tuple[str, ...] = (
    "Mood and/or energy levels shift drastically from time to time",
    "At times mood and/or energy is very low, at other times very high",
    "During low phases: lack of energy, need to stay in bed or extra sleep, little motivation",
    "Often put on weight during low phases",
    "During low phases often feel blue, sad all the time, or depressed",
    "During low phases sometimes feel hopeless or even suicidal",
    "Ability to function at work or socially is impaired during low phases",
    "Low phases last a few weeks, sometimes only a few days",
    "A period of normal mood between mood swings",
    "A marked shift or switch in the way they feel",
    "Energy increases above normal; get many things done they ordinarily could not",
    "During high periods feel as if they have too much energy or feel hyper",
    "During high periods may feel irritable, on edge, or aggressive",
    "During high periods take on too many activities at once",
    "During high periods may spend money in ways that cause trouble",
    "During high periods more talkative, outgoing, or sexual",
    "Behaviour during high periods seems strange or annoying to others",
    "Get into difficulty with co-workers or the police during high periods",
    "Sometimes increase alcohol or non-prescription drug use during high periods",
)

Fit = Literal["very_well", "fairly_well", "some_degree", "not_at_all"]

# Ghaemi 2005 / Pies scoring key: add 6 if the story fits "very well, or almost perfectly",
# 4 "fairly well", 2 "to some degree, but not in most respects", 0 "doesn't really describe me".
FIT_POINTS: dict[str, int] = {"very_well": 6, "fairly_well": 4, "some_degree": 2, "not_at_all": 0}
FIT_TEXT: dict[str, tuple[str, ...]] = {
    "very_well": ("This story fits me very well, or almost perfectly", "very well"),
    "fairly_well": ("This story fits me fairly well", "fairly well"),
    "some_degree": ("This story fits me to some degree, but not in most respects", "some degree"),
    "not_at_all": ("This story doesn't really describe me at all", "not at all"),
}

# Ghaemi 2005: a total of 13 or more was the threshold studied (sensitivity 0.75-0.79,
# specificity 0.85).
POSITIVE_THRESHOLD = 13


class Inputs(CalcInputs):
    """How many of the 19 sentences apply, and how well the whole story fits."""

    sentences_checked: int = Field(
        ge=0,
        le=19,
        description="Number of the 19 story sentences the patient checked as applying (0-19)",
    )
    story_fit: Fit = Field(
        description="How well the story fits overall: very_well (6), fairly_well (4), "
        "some_degree (2), not_at_all (0)"
    )


def _band(total: int) -> str:
    # Pies's scoring key (psycheducation.org): 19 or higher highly likely, 11-18 moderate
    # probability, 6-10 low probability, below 6 very unlikely.
    if total >= 19:
        return "Bipolar spectrum disorder highly likely"
    if total >= 11:
        return "Moderate probability of bipolar spectrum disorder"
    if total >= 6:
        return "Low probability of bipolar spectrum disorder"
    return "Bipolar spectrum disorder very unlikely"


def compute(inputs: Inputs) -> CalcResult:
    """Sentences checked plus the story-fit points (0-25) with the probability band."""
    score = Score()
    score.add(
        "Story sentences that apply (1 each)", inputs.sentences_checked, inputs.sentences_checked
    )
    fit = inputs.story_fit
    score.add("How well the story fits", FIT_TEXT[fit][0], FIT_POINTS[fit])
    total = int(score.value)
    positive = total >= POSITIVE_THRESHOLD
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{_band(total)} (BSDS {total}/25).",
        steps=score.steps,
        warnings=[
            f"Screen {'positive' if positive else 'negative'} at the validated threshold of "
            f"{POSITIVE_THRESHOLD} (Ghaemi 2005); a screen, not a diagnosis."
        ],
        extra={"positive_at_13": positive},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc BSDS inputs → kwargs.

    Accepts either a count field ('Number of sentences checked: 12') or one yes/no field per
    sentence, plus the story-fit answer.
    """
    f = Fields(inputs, META.id)
    if f.has("sentences checked", "number of sentences", "sentences", "checked"):
        count = int(f.number("sentences checked", "number of sentences", "sentences", "checked"))
    else:
        count = 0
        for _, field, value in f.items:
            # Every field but the story-fit question is one sentence answered yes/no.
            if "fit" in field.lower() or "describe" in field.lower():
                continue
            count += parse_yes(value, field=field)
    fit = f.option("fits", "fit", "describe", "story", options=FIT_TEXT)
    return {"sentences_checked": count, "story_fit": fit}
