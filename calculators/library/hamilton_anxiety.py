"""Hamilton Anxiety Rating Scale (HAM-A)."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="hamilton_anxiety",
    name="Hamilton Anxiety Scale",
    synonyms=("HAM-A", "HAMA", "Hamilton Anxiety Rating Scale", "Hamilton Anxiety Scale (HAM-A)"),
    category="psychiatry",
    source="Hamilton M. The assessment of anxiety states by rating. Br J Med Psychol. "
    "1959;32(1):50-5; severity bands as given on MDCalc by Per Bech (≤ 17 mild, 18-24 mild to "
    "moderate, 25-30 moderate to severe, > 30 severe).",
    output_type="integer",
    description="Fourteen anxiety symptom groups rated 0 (not present) to 4 (very severe) by a "
    "clinician (0-56).",
)

# Hamilton 1959: each item 0 not present, 1 mild, 2 moderate, 3 severe, 4 very severe.
_LEVELS = {
    0: ("Not present",),
    1: ("Mild",),
    2: ("Moderate",),
    3: ("Severe",),
    4: ("Very severe",),
}

_NAMES = (
    ("anxious_mood", "Anxious mood", ("anxious mood",)),
    ("tension", "Tension", ("tension",)),
    ("fears", "Fears", ("fears",)),
    ("insomnia", "Insomnia", ("insomnia",)),
    ("intellectual", "Intellectual (difficulty concentrating, poor memory)", ("intellectual",)),
    ("depressed_mood", "Depressed mood", ("depressed mood",)),
    ("somatic_muscular", "Somatic (muscular)", ("muscular",)),
    ("somatic_sensory", "Somatic (sensory)", ("sensory",)),
    ("cardiovascular", "Cardiovascular symptoms", ("cardiovascular",)),
    ("respiratory", "Respiratory symptoms", ("respiratory",)),
    ("gastrointestinal", "Gastrointestinal symptoms", ("gastrointestinal",)),
    ("genitourinary", "Genitourinary symptoms", ("genitourinary",)),
    ("autonomic", "Autonomic symptoms", ("autonomic",)),
    ("behavior", "Behavior at interview", ("behavior", "behaviour")),
)
ITEMS: dict[str, ri.RatedItem] = {
    k: ri.RatedItem(label, _LEVELS, keys) for k, label, keys in _NAMES
}


class Inputs(CalcInputs):
    """The 14 HAM-A items, each 0-4."""

    anxious_mood: int = ri.item_field(ITEMS["anxious_mood"])
    tension: int = ri.item_field(ITEMS["tension"])
    fears: int = ri.item_field(ITEMS["fears"])
    insomnia: int = ri.item_field(ITEMS["insomnia"])
    intellectual: int = ri.item_field(ITEMS["intellectual"])
    depressed_mood: int = ri.item_field(ITEMS["depressed_mood"])
    somatic_muscular: int = ri.item_field(ITEMS["somatic_muscular"])
    somatic_sensory: int = ri.item_field(ITEMS["somatic_sensory"])
    cardiovascular: int = ri.item_field(ITEMS["cardiovascular"])
    respiratory: int = ri.item_field(ITEMS["respiratory"])
    gastrointestinal: int = ri.item_field(ITEMS["gastrointestinal"])
    genitourinary: int = ri.item_field(ITEMS["genitourinary"])
    autonomic: int = ri.item_field(ITEMS["autonomic"])
    behavior: int = ri.item_field(ITEMS["behavior"])

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), ITEMS)
        return self


def _band(total: int) -> str:
    # MDCalc (Per Bech): ≤ 17 mild, 18-24 mild to moderate, 25-30 moderate to severe, > 30
    # severe anxiety.
    if total <= 17:
        return "Mild anxiety"
    if total <= 24:
        return "Mild to moderate anxiety"
    if total <= 30:
        return "Moderate to severe anxiety"
    return "Severe anxiety"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the 14 items (0-56) with the severity band."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{_band(total)} (HAM-A {total}/56).",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Severe (3)' per item) → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
