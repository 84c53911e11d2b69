"""Epworth Sleepiness Scale (ESS)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="epworth_sleepiness",
    name="Epworth Sleepiness Scale",
    synonyms=("ESS", "Epworth Sleepiness Scale (ESS)", "Epworth score"),
    category="pulmonology",
    source="Johns MW. A new method for measuring daytime sleepiness: the Epworth sleepiness "
    "scale. Sleep. 1991;14(6):540-545; score bands as given with the ESS (0-5 lower normal, "
    "6-10 higher normal, 11-12 mild, 13-15 moderate, 16-24 severe excessive daytime "
    "sleepiness).",
    output_type="integer",
    description="Chance of dozing in eight everyday situations, each 0-3 (0-24).",
)

# Johns 1991: 0 would never doze, 1 slight, 2 moderate, 3 high chance of dozing.
_CHANCE = {
    0: ("Would never doze", "Never doze", "No chance"),
    1: ("Slight chance of dozing", "Slight chance"),
    2: ("Moderate chance of dozing", "Moderate chance"),
    3: ("High chance of dozing", "High chance"),
}

ITEMS: dict[str, ri.RatedItem] = {
    k: ri.RatedItem(label, _CHANCE, keys)
    for k, label, keys in (
        ("reading", "Sitting and reading", ("reading",)),
        ("tv", "Watching TV", ("watching tv", "tv")),
        ("public_place", "Sitting inactive in a public place", ("public place", "inactive")),
        ("passenger", "As a passenger in a car for an hour without a break", ("passenger",)),
        ("afternoon_rest", "Lying down to rest in the afternoon", ("lying down", "afternoon")),
        ("talking", "Sitting and talking to someone", ("talking",)),
        ("after_lunch", "Sitting quietly after lunch without alcohol", ("lunch",)),
        ("traffic", "In a car, while stopped for a few minutes in traffic", ("traffic",)),
    )
}


class Inputs(CalcInputs):
    """The eight ESS situations, each 0-3."""

    reading: int = ri.item_field(ITEMS["reading"])
    tv: int = ri.item_field(ITEMS["tv"])
    public_place: int = ri.item_field(ITEMS["public_place"])
    passenger: int = ri.item_field(ITEMS["passenger"])
    afternoon_rest: int = ri.item_field(ITEMS["afternoon_rest"])
    talking: int = ri.item_field(ITEMS["talking"])
    after_lunch: int = ri.item_field(ITEMS["after_lunch"])
    traffic: int = ri.item_field(ITEMS["traffic"])


def band(total: int) -> str:
    """ESS band: 0-5 lower normal, 6-10 higher normal, 11-12 mild, 13-15 moderate, 16-24 severe."""
    if total <= 5:
        return "Lower normal daytime sleepiness"
    if total <= 10:
        return "Higher normal daytime sleepiness"
    if total <= 12:
        return "Mild excessive daytime sleepiness"
    if total <= 15:
        return "Moderate excessive daytime sleepiness"
    return "Severe excessive daytime sleepiness"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the eight situations (0-24) with the ESS band."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band(total)} (ESS {total}/24).",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Moderate chance of dozing (2)' per situation) → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
