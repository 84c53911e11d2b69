"""Shortened (5-item) Modified Fatigue Impact Scale (MFIS-5)."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="mfis5",
    name="Shortened Modified Fatigue Impact Scale (MFIS)",
    synonyms=(
        "MFIS-5",
        "MFIS5",
        "Shortened MFIS",
        "5-item Modified Fatigue Impact Scale",
        "Abbreviated Modified Fatigue Impact Scale",
    ),
    category="neurology",
    source="Multiple Sclerosis Council for Clinical Practice Guidelines. Fatigue and Multiple "
    "Sclerosis: Evidence-Based Management Strategies for Fatigue in Multiple Sclerosis. "
    "Washington, DC: Paralyzed Veterans of America; 1998 (MFIS, derived from Fisk JD, et al. "
    "Can J Neurol Sci. 1994;21(1):9-14); 5-item version in the MSQLI User's Manual "
    "(National MS Society, 1997).",
    output_type="integer",
    description="Five MFIS items (1, 9, 10, 17, 19) on how often fatigue affected the patient "
    "over the past 4 weeks, each 0 (never) to 4 (almost always), 0-20; higher means more "
    "impact of fatigue.",
)

#: How often (MFIS answers): 0 never ... 4 almost always.
HOW_OFTEN: dict[int, tuple[str, ...]] = {
    0: ("Never",),
    1: ("Rarely",),
    2: ("Sometimes",),
    3: ("Often",),
    4: ("Almost always",),
}

# MFIS-5 uses full-MFIS items 1, 9, 10, 17 and 19 ("Because of my fatigue during the past
# 4 weeks ...").
ITEMS: dict[str, ri.RatedItem] = {
    "less_alert": ri.RatedItem("1. I have been less alert", HOW_OFTEN, ("alert",)),
    "limited_away_from_home": ri.RatedItem(
        "2. I have been limited in my ability to do things away from home",
        HOW_OFTEN,
        ("away from home", "home"),
    ),
    "trouble_maintaining_effort": ri.RatedItem(
        "3. I have had trouble maintaining physical effort for long periods",
        HOW_OFTEN,
        ("maintaining physical effort", "long periods", "maintaining"),
    ),
    "less_able_physical_tasks": ri.RatedItem(
        "4. I have been less able to complete tasks that require physical effort",
        HOW_OFTEN,
        ("complete tasks", "less able"),
    ),
    "trouble_concentrating": ri.RatedItem(
        "5. I have had trouble concentrating", HOW_OFTEN, ("concentrating", "concentrat")
    ),
}


class Inputs(CalcInputs):
    """The five MFIS-5 items, each 0 (never) to 4 (almost always)."""

    less_alert: int = ri.item_field(ITEMS["less_alert"])
    limited_away_from_home: int = ri.item_field(ITEMS["limited_away_from_home"])
    trouble_maintaining_effort: int = ri.item_field(ITEMS["trouble_maintaining_effort"])
    less_able_physical_tasks: int = ri.item_field(ITEMS["less_able_physical_tasks"])
    trouble_concentrating: int = ri.item_field(ITEMS["trouble_concentrating"])

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), ITEMS)
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five items (0-20)."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"MFIS-5 {total}/20: higher scores mean a greater impact of fatigue "
        "(no published cut-off; follow the change over time).",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc MFIS-5 inputs ('Often (3)' per item) → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
