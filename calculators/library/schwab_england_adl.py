"""Schwab and England Activities of Daily Living (ADL) Scale."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="schwab_england_adl",
    name="Schwab and England Activities of Daily Living (ADL) Scale",
    synonyms=("Schwab and England ADL", "Schwab and England scale", "Schwab & England"),
    category="neurology",
    source="Schwab RS, England AC. Projection technique for evaluating surgery in Parkinson's "
    "disease. In: Gillingham FJ, Donaldson IML, eds. Third Symposium on Parkinson's Disease. "
    "Edinburgh: E & S Livingstone; 1969:152-157.",
    output_type="integer",
    unit="%",
    description="Global percentage of independence in daily chores, 100% (normal) to 0% "
    "(bedridden, vegetative functions impaired), in steps of 10%.",
)

# The eleven levels of Schwab & England 1969 as commonly reprinted (e.g. the Modified Schwab
# and England ADL scale in the UPDRS packet); the later wording names each level.
LEVELS: dict[int, tuple[str, ...]] = {
    100: (
        "Completely independent; able to do all chores without slowness, difficulty or "
        "impairment; essentially normal; unaware of any difficulty",
        "able to do all chores without difficulty",
    ),
    90: (
        "Completely independent; able to do all chores with some degree of slowness, "
        "difficulty and impairment; might take twice as long; beginning to be aware of difficulty",
        "able to do all chores with some difficulty",
    ),
    80: (
        "Completely independent in most chores; takes twice as long; conscious of difficulty "
        "and slowness",
        "Mostly independent: chores takes twice as long; conscious of difficulty",
    ),
    70: (
        "Not completely independent; more difficulty with some chores; three to four times as "
        "long in some; must spend a large part of the day with chores",
        "Not completely independent",
    ),
    60: (
        "Some dependency; can do most chores, but exceedingly slowly and with much effort; "
        "errors; some impossible",
        "Some dependency",
    ),
    50: (
        "More dependent; help with half; slower, etc.; difficulty with everything",
        "More dependent",
    ),
    40: ("Very dependent; can assist with all chores, but few alone", "Heavily dependent"),
    30: (
        "With effort, now and then does a few chores alone or begins alone; much help needed",
        "Mostly dependent",
    ),
    20: (
        "Nothing alone; can be a slight help with some chores; severe invalid",
        "Severely dependent",
    ),
    10: ("Totally dependent, helpless; complete invalid", "Completely dependent"),
    0: (
        "Vegetative functions such as swallowing, bladder and bowel functions are not "
        "functioning; bedridden",
        "Bedridden",
    ),
}


class Inputs(CalcInputs):
    """Inputs of the Schwab and England ADL scale."""

    percent: int = Field(
        ge=0,
        le=100,
        description="Level of independence in % (0-100 in steps of 10): "
        + "; ".join(f"{k}% {v[0]}" for k, v in LEVELS.items()),
    )

    @field_validator("percent")
    @classmethod
    def _step_of_ten(cls, v: int) -> int:
        if v not in LEVELS:
            raise ValueError(f"expected a multiple of 10 from 0 to 100, found {v}")
        return v


def compute(inputs: Inputs) -> CalcResult:
    """Return the level as a percentage with its description."""
    text = LEVELS[inputs.percent][0]
    return CalcResult(
        calculator=META.id,
        value=inputs.percent,
        unit="%",
        interpretation=f"{inputs.percent}%: {text}. Higher scores mean greater independence.",
        steps=[Step(label="Schwab and England level", value=inputs.percent, detail=text)],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the level description) → kwargs."""
    f = Fields(inputs, META.id)
    return {"percent": f.option("independence", "level", "schwab", "adl", options=LEVELS)}
