"""Glasgow Modified Alcohol Withdrawal Scale (GMAWS)."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="gmaws",
    name="Glasgow Modified Alcohol Withdrawal Scale (GMAWS)",
    synonyms=("GMAWS", "Glasgow Modified Alcohol Withdrawal Score"),
    category="toxicology",
    source="NHS Greater Glasgow and Clyde. Glasgow Modified Alcohol Withdrawal Scale, "
    "clinical guideline (Glasgow Assessment and Management of Alcohol), version 4, approved "
    "28 February 2020, lead author E. Forrest.",
    output_type="integer",
    description="Five withdrawal features (tremor, sweating, hallucinations, orientation, "
    "agitation) each 0-2 (0-10); the score drives symptom-triggered diazepam by the local "
    "GMAWS protocol.",
)

# Five items scored 0-2 each (total 0-10; NHS GGC GMAWS chart). The anchors are the chart's
# short wording; the MedMCP answers carry the points ('Moist skin (1)').
ITEMS: dict[str, ri.RatedItem] = {
    "tremor": ri.RatedItem(
        "Tremor",
        {0: ("No tremor",), 1: ("On movement",), 2: ("Present at rest", "with arms at rest")},
        ("tremor",),
    ),
    "sweating": ri.RatedItem(
        "Sweating",
        {0: ("No sweat visible",), 1: ("Moist skin",), 2: ("Drenching sweats",)},
        ("sweat",),
    ),
    "hallucinations": ri.RatedItem(
        "Hallucinations",
        {
            0: ("None",),
            1: ("Uncertain or patient reports but not distressed",),
            2: ("Visual or tactile hallucinations, distressed",),
        },
        ("hallucination",),
    ),
    "orientation": ri.RatedItem(
        "Orientation",
        {0: ("Orientated", "Oriented"), 1: ("Vague or detached",), 2: ("Disorientated",)},
        ("orientation",),
    ),
    "agitation": ri.RatedItem(
        "Agitation",
        {0: ("Calm",), 1: ("Anxious",), 2: ("Distressed or pacing",)},
        ("agitation",),
    ),
}


class Inputs(CalcInputs):
    """The five GMAWS items, each 0-2."""

    tremor: int = ri.item_field(ITEMS["tremor"])
    sweating: int = ri.item_field(ITEMS["sweating"])
    hallucinations: int = ri.item_field(ITEMS["hallucinations"])
    orientation: int = ri.item_field(ITEMS["orientation"])
    agitation: int = ri.item_field(ITEMS["agitation"])

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), ITEMS)
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five items (0-10)."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    reading = (
        "no withdrawal features scored; reassess per protocol"
        if total == 0
        else "give symptom-triggered diazepam as the local GMAWS protocol sets for this score "
        "and reassess"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"GMAWS {total}/10: {reading}.",
        steps=steps,
        warnings=["Dose bands differ between local GMAWS protocols; none is hard-coded here."],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Present with arms at rest (2)') → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
