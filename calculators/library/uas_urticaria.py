"""Urticaria Activity Score (UAS), the once-daily version."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="uas_urticaria",
    name="Urticaria Activity Score (UAS)",
    synonyms=("UAS", "Urticaria Activity Score", "daily UAS"),
    category="dermatology",
    source="Zuberbier T, Aberer W, Asero R, et al. The EAACI/GA²LEN/EDF/WAO guideline for the "
    "definition, classification, diagnosis and management of urticaria. Allergy. "
    "2018;73(7):1393-1414 (UAS table); UAS7 change threshold from Hawro T, Ohanyan T, Schoepke "
    "N, et al. J Allergy Clin Immunol Pract. 2018;6(4):1185-1191.",
    output_type="integer",
    description="Daily wheal count (0-3) plus itch intensity (0-3), 0-6 per day; the weekly "
    "UAS7 is the sum over 7 consecutive days (0-42).",
)

Wheals = Literal["none", "mild", "moderate", "intense"]
Pruritus = Literal["none", "mild", "moderate", "intense"]

# Zuberbier 2018 (EAACI guideline UAS table): wheals none 0, < 20/24 h 1, 20-50/24 h 2,
# > 50/24 h or large confluent areas 3; itch none 0, mild (present, not annoying) 1,
# moderate (troublesome, not interfering with daily activity or sleep) 2, intense
# (interferes with daily activity or sleep) 3.
_POINTS = {"none": 0, "mild": 1, "moderate": 2, "intense": 3}


class Inputs(CalcInputs):
    """The two daily UAS items."""

    wheals: Wheals = Field(
        description="Wheals in 24 h: none (0); mild < 20 (1); moderate 20-50 (2); intense > 50 "
        "or large confluent areas (3)"
    )
    pruritus: Pruritus = Field(
        description="Itch in 24 h: none (0); mild, present but not annoying (1); moderate, "
        "troublesome but not interfering with daily activity or sleep (2); intense, interferes "
        "with daily activity or sleep (3)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Daily UAS = wheal score + itch score (0-6)."""
    s = Score()
    s.add("Wheals (24 h)", inputs.wheals, _POINTS[inputs.wheals])
    s.add("Pruritus (24 h)", inputs.pruritus, _POINTS[inputs.pruritus])
    total = int(s.total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"Daily UAS {total}/6. Sum 7 consecutive days for the UAS7 (0-42); a "
        "UAS7 change of 11 points was the best cut-off for a meaningful change (Hawro 2018).",
        steps=s.steps,
    )


_OPTIONS = {
    "none": ("none", "no wheals", "absent"),
    "mild": ("mild", "lt 20"),
    "moderate": ("moderate", "20 50"),
    "intense": ("intense", "severe", "gt 50"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc UAS inputs ('Wheals': 'Intense (>50 wheals/24 hrs ...)') → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "wheals": f.option("wheal", "hives", options=_OPTIONS),
        "pruritus": f.option("pruritus", "itch", options=_OPTIONS),
    }
