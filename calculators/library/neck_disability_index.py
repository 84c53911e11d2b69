"""Neck Disability Index (NDI)."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="neck_disability_index",
    name="Neck Disability Index (NDI)",
    synonyms=("NDI", "Neck Disability Index", "Vernon-Mior NDI"),
    category="musculoskeletal",
    source="Vernon H, Mior S. The Neck Disability Index: a study of reliability and validity. "
    "J Manipulative Physiol Ther. 1991;14(7):409-15; scoring intervals as restated by H. "
    "Vernon (0-4 none, 5-14 mild, 15-24 moderate, 25-34 severe, > 34 complete).",
    output_type="integer",
    description="Ten sections of neck-pain disability, each 0 (no limitation) to 5 (worst); "
    "raw total 0-50 (× 2 for a percentage).",
)


def _section(label: str, *keys: str) -> ri.RatedItem:
    # Vernon 1991: each section offers six statements scored 0 (least) to 5 (most disabling);
    # the statements differ by section, so levels are named by number and the MedMCP answers
    # carry the points ('... (+3)').
    return ri.RatedItem(label, {k: (f"statement {k}",) for k in range(6)}, keys)


ITEMS: dict[str, ri.RatedItem] = {
    "pain_intensity": _section("Pain intensity", "pain intensity"),
    "personal_care": _section("Personal care (washing, dressing)", "personal care"),
    "lifting": _section("Lifting", "lifting"),
    "reading": _section("Reading", "reading"),
    "headaches": _section("Headaches", "headache"),
    "concentration": _section("Concentration", "concentration"),
    "work": _section("Work", "work"),
    "driving": _section("Driving", "driving"),
    "sleeping": _section("Sleeping", "sleeping", "sleep"),
    "recreation": _section("Recreation", "recreation"),
}


class Inputs(CalcInputs):
    """The ten NDI sections, each 0-5."""

    pain_intensity: int = ri.item_field(ITEMS["pain_intensity"])
    personal_care: int = ri.item_field(ITEMS["personal_care"])
    lifting: int = ri.item_field(ITEMS["lifting"])
    reading: int = ri.item_field(ITEMS["reading"])
    headaches: int = ri.item_field(ITEMS["headaches"])
    concentration: int = ri.item_field(ITEMS["concentration"])
    work: int = ri.item_field(ITEMS["work"])
    driving: int = ri.item_field(ITEMS["driving"])
    sleeping: int = ri.item_field(ITEMS["sleeping"])
    recreation: int = ri.item_field(ITEMS["recreation"])

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), ITEMS)
        return self


def _band(total: int) -> str:
    # Vernon & Mior 1991 intervals (raw score out of 50).
    if total <= 4:
        return "No disability"
    if total <= 14:
        return "Mild disability"
    if total <= 24:
        return "Moderate disability"
    if total <= 34:
        return "Severe disability"
    return "Complete disability"


def compute(inputs: Inputs) -> CalcResult:
    """Raw total (0-50), its percentage, and the Vernon-Mior band."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{_band(total)} (NDI {total}/50 = {2 * total}%); a change of 5 points "
        "is clinically important.",
        steps=steps,
        extra={"percent": 2 * total},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (statement text ending in '(+3)') → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
