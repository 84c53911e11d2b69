"""Mirels' criteria for prophylactic fixation of long-bone metastases."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields, match_option
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="mirels_criteria",
    name="Mirels’ Criteria for Prophylactic Fixation",
    synonyms=(
        "Mirels' Criteria for Prophylactic Fixation",
        "Mirels score",
        "Mirels criteria",
        "Mirels' score",
    ),
    category="orthopedics",
    source="Mirels H. Metastatic disease in long bones. A proposed scoring system for "
    "diagnosing impending pathologic fractures. Clin Orthop Relat Res. 1989;(249):256-264.",
    output_type="integer",
    description="Site, pain, lesion type and size each scored 1-3 (total 4-12): ≤ 7 low "
    "fracture risk, 8 borderline, ≥ 9 prophylactic fixation indicated.",
)

Site = Literal["upper_limb", "lower_limb", "peritrochanteric"]
Pain = Literal["mild", "moderate", "functional"]
Lesion = Literal["blastic", "mixed", "lytic"]
Size = Literal["lt_one_third", "one_third_to_two_thirds", "gt_two_thirds"]


class Inputs(CalcInputs):
    """The four Mirels variables (1-3 points each)."""

    site: Site = Field(description="Site: 'upper_limb' 1, 'lower_limb' 2, 'peritrochanteric' 3")
    pain: Pain = Field(description="Pain: 'mild' 1, 'moderate' 2, 'functional' 3")
    lesion: Lesion = Field(description="Lesion type: 'blastic' 1, 'mixed' 2, 'lytic' 3")
    size: Size = Field(
        description="Size as a fraction of the bone's diameter: 'lt_one_third' 1, "
        "'one_third_to_two_thirds' 2, 'gt_two_thirds' 3"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the four variables (Mirels 1989 table, 1-3 points each)."""
    i = inputs
    s = Score()
    s.add("Site", i.site, ("upper_limb", "lower_limb", "peritrochanteric").index(i.site) + 1)
    s.add("Pain", i.pain, ("mild", "moderate", "functional").index(i.pain) + 1)
    s.add("Lesion", i.lesion, ("blastic", "mixed", "lytic").index(i.lesion) + 1)
    s.add(
        "Size (fraction of diameter)",
        i.size,
        ("lt_one_third", "one_third_to_two_thirds", "gt_two_thirds").index(i.size) + 1,
    )
    total = int(s.total)
    # Mirels 1989 (as tabulated by MDApp and Epomedicine): ≤ 7 fracture risk 0-4%
    # (radiotherapy and observation), 8: 15% (clinical judgement), ≥ 9: 33-100% (fixation).
    if total <= 7:
        reading = "Low fracture risk (≤ 7, 0-4%): radiotherapy and observation"
    elif total == 8:
        reading = "Borderline (8, ~15% fracture risk): use clinical judgement"
    else:
        reading = "Impending fracture (≥ 9, ≥ 33% fracture risk): prophylactic fixation indicated"
    return CalcResult(calculator=META.id, value=total, interpretation=f"{reading}.", steps=s.steps)


_SITE = {
    "upper_limb": ("upper limb", "upper extremity", "humerus", "arm"),
    "lower_limb": ("lower limb", "lower extremity", "femoral shaft", "tibia", "leg"),
    "peritrochanteric": ("peritrochanteric", "trochanteric", "intertrochanteric"),
}
_PAIN = {
    "mild": ("mild",),
    "moderate": ("moderate",),
    "functional": ("functional", "severe", "mechanical"),
}
_LESION = {"blastic": ("blastic",), "mixed": ("mixed",), "lytic": ("lytic",)}
_SIZE = {
    "lt_one_third": ("lt 1 3", "less than 1 3", "less than one third", "lt one third"),
    "one_third_to_two_thirds": ("1 3 2 3", "1 3 to 2 3", "one third to two thirds", "between"),
    "gt_two_thirds": ("gt 2 3", "more than 2 3", "greater than 2 3", "more than two thirds"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Mirels inputs ('Lower limb (+2)', 'Lytic', '>2/3 of cortex') → Inputs."""
    f = Fields(inputs, META.id)

    def opt(
        keys: tuple[str, ...], table: dict[str, tuple[str, ...]], exclude: tuple[str, ...] = ()
    ) -> str:
        field, raw = f.raw(*keys, exclude=exclude)
        return str(match_option(raw, table, field=f"{META.id}: {field}"))

    return {
        "site": opt(("site", "location"), _SITE),
        "pain": opt(("pain",), _PAIN),
        "lesion": opt(("type", "nature", "lesion"), _LESION, exclude=("size", "site")),
        "size": opt(("size",), _SIZE),
    }
