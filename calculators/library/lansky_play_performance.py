"""Lansky Play-Performance Scale for pediatric functional status."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _performance_scale as ps

META = CalculatorMeta(
    id="lansky_play_performance",
    name="Lansky Play-Performance Scale for Pediatric Functional Status",
    synonyms=("Lansky", "Lansky scale", "Lansky play-performance scale", "LPPS"),
    category="oncology",
    source="Lansky SB, List MA, Lansky LL, Ritter-Sterr C, Miller DR. The measurement of "
    "performance in childhood cancer patients. Cancer. 1987;60(7):1651-1656.",
    doi="10.1002/1097-0142(19871001)60:7<1651::aid-cncr2820600738>3.0.co;2-j",
    pmid="3621134",
    output_type="integer",
    description="Parent-rated usual play activity of children < 16 years, from 100 (fully "
    "active) to 0 (unresponsive) in steps of 10.",
)

#: Lansky 1987 levels, worded as on MDCalc's Lansky page.
LEVELS: dict[int, tuple[str, ...]] = {
    100: ("Fully active, normal",),
    90: ("Minor restrictions in strenuous physical activity",),
    80: ("Active, but gets tired more quickly", "Active, but tires more quickly"),
    70: ("Greater restriction of play and less time spent in play activity",),
    60: (
        "Up and around, but active play minimal; keeps busy by being involved in quieter "
        "activities",
        "Up and around, but minimal active play",
    ),
    50: (
        "Lying around much of the day, but gets dressed; no active playing; participates in "
        "all quiet play and activities",
        "Gets dressed, but lies around much of the day",
    ),
    40: ("Mainly in bed; participates in quiet activities",),
    30: ("Bedbound; needing assistance even for quiet play", "In bed; needs assistance"),
    20: ("Sleeping often; play entirely limited to very passive activities",),
    10: ("Doesn't play; does not get out of bed", "No play; does not get out of bed"),
    0: ("Unresponsive",),
}


class Inputs(ps.LevelInputs):
    """Inputs of the Lansky scale."""

    score: int = ps.level_field("Lansky", LEVELS)


def compute(inputs: Inputs) -> CalcResult:
    """Return the Lansky level with its description."""
    return ps.level_result(
        META.id,
        "Lansky",
        inputs.score,
        LEVELS,
        warnings=["Validated in children with cancer (Lansky 1987); for patients < 16 years."],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Lansky input (patient description) → kwargs."""
    return {"score": ps.read_level(inputs, META.id, "lansky", LEVELS)}
