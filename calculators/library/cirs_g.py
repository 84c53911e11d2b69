"""Cumulative Illness Rating Scale-Geriatric (CIRS-G)."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="cirs_g",
    name="Cumulative Illness Rating Scale-Geriatric (CIRS-G)",
    synonyms=("CIRS-G", "CIRS Geriatric", "Cumulative Illness Rating Scale for Geriatrics"),
    category="geriatrics",
    source="Miller MD, Paradis CF, Houck PR, et al. Rating chronic medical illness burden in "
    "geropsychiatric practice and research: application of the Cumulative Illness Rating "
    "Scale. Psychiatry Res. 1992;41(3):237-48.",
    output_type="integer",
    description="Fourteen organ systems each rated 0 (no problem) to 4 (extremely severe); "
    "the total (0-56) measures chronic illness burden.",
)

# Miller 1992 rating levels, the same for every system.
_LEVELS = {
    0: ("No problem",),
    1: ("Current mild problem or past significant problem", "Mild"),
    2: ("Moderate disability or morbidity; requires first-line therapy", "Moderate"),
    3: (
        "Severe or constant significant disability; uncontrollable chronic problems",
        "Severe",
    ),
    4: (
        "Extremely severe; immediate treatment required; end-organ failure; severe impairment "
        "in function",
        "Extremely severe",
    ),
}


def _system(label: str, *keys: str) -> ri.RatedItem:
    return ri.RatedItem(label, _LEVELS, keys)


ITEMS: dict[str, ri.RatedItem] = {
    "heart": _system("Heart", "heart"),
    "vascular": _system("Vascular", "vascular"),
    "hematopoietic": _system("Hematopoietic", "hematopoietic", "haematopoietic"),
    "respiratory": _system("Respiratory", "respiratory"),
    "eent": _system("Eyes, ears, nose, throat and larynx", "eyes", "ears", "eent"),
    "upper_gi": _system("Upper GI", "upper gi", "upper"),
    "lower_gi": _system("Lower GI", "lower gi", "lower"),
    "liver": _system("Liver, pancreas and biliary", "liver"),
    "renal": _system("Renal", "renal"),
    "genitourinary": _system("Genitourinary", "genitourinary"),
    "musculoskeletal_skin": _system(
        "Musculoskeletal and integument", "musculoskeletal", "integument"
    ),
    "neurologic": _system("Neurologic", "neurolog"),
    "endocrine_breast": _system("Endocrine, metabolic and breast", "endocrine"),
    "psychiatric": _system("Psychiatric illness", "psychiatric"),
}


class Inputs(CalcInputs):
    """The 14 organ systems, each 0-4."""

    heart: int = ri.item_field(ITEMS["heart"])
    vascular: int = ri.item_field(ITEMS["vascular"])
    hematopoietic: int = ri.item_field(ITEMS["hematopoietic"])
    respiratory: int = ri.item_field(ITEMS["respiratory"])
    eent: int = ri.item_field(ITEMS["eent"])
    upper_gi: int = ri.item_field(ITEMS["upper_gi"])
    lower_gi: int = ri.item_field(ITEMS["lower_gi"])
    liver: int = ri.item_field(ITEMS["liver"])
    renal: int = ri.item_field(ITEMS["renal"])
    genitourinary: int = ri.item_field(ITEMS["genitourinary"])
    musculoskeletal_skin: int = ri.item_field(ITEMS["musculoskeletal_skin"])
    neurologic: int = ri.item_field(ITEMS["neurologic"])
    endocrine_breast: int = ri.item_field(ITEMS["endocrine_breast"])
    psychiatric: int = ri.item_field(ITEMS["psychiatric"])

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), ITEMS)
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Total score (0-56) with Miller 1992's summary counts."""
    values = inputs.model_dump()
    steps, total = ri.item_steps(values, ITEMS)
    endorsed = sum(1 for v in values.values() if v > 0)
    # Miller 1992 summary measures: categories endorsed, severity index (total / endorsed
    # categories) and the number of categories at level 3 and at level 4.
    severity_index = round(total / endorsed, 2) if endorsed else 0.0
    level3 = sum(1 for v in values.values() if v == 3)
    level4 = sum(1 for v in values.values() if v == 4)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"CIRS-G {total}/56: {endorsed} systems affected, severity index "
        f"{severity_index}, {level3} at level 3 and {level4} at level 4; higher scores mean "
        "a greater chronic illness burden.",
        steps=steps,
        extra={
            "categories_endorsed": endorsed,
            "severity_index": severity_index,
            "level_3_count": level3,
            "level_4_count": level4,
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('2 - Daily antihypertensive meds' per system) → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
