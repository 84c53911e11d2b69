"""International Index of Erectile Function (IIEF-5 / SHIM)."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="iief5",
    name="International Index of Erectile Function (IIEF-5)",
    synonyms=(
        "IIEF-5",
        "IIEF5",
        "SHIM",
        "Sexual Health Inventory for Men",
        "International Index of Erectile Function",
    ),
    category="urology",
    source="Rosen RC, Cappelleri JC, Smith MD, Lipsky J, Peña BM. Development and evaluation "
    "of an abridged, 5-item version of the International Index of Erectile Function (IIEF-5) "
    "as a diagnostic tool for erectile dysfunction. Int J Impot Res. 1999;11(6):319-326.",
    pmid="10637462",
    output_type="integer",
    description="Five questions on erectile function over the past 6 months, each 1-5 (5-25); "
    "21 or less indicates erectile dysfunction, graded severe, moderate, mild to moderate "
    "or mild.",
)

_FREQUENCY: dict[int, tuple[str, ...]] = {
    1: ("Almost never or never", "almost never", "never"),
    2: ("A few times (much less than half the time)", "a few times"),
    3: ("Sometimes (about half the time)", "sometimes"),
    4: ("Most times (much more than half the time)", "most times"),
    5: ("Almost always or always", "almost always", "always"),
}

# Rosen 1999 (SHIM form): every answer scores 1-5 as printed next to it.
# Source conflict (review): the IIEF-derived version also offers 0 ("no sexual activity" /
# "did not attempt intercourse") on items 2-5 (range 1-25); the 1-5 SHIM clinic form is kept.
ITEMS: dict[str, ri.RatedItem] = {
    "confidence": ri.RatedItem(
        "1. Confidence that you could get and keep an erection",
        {1: ("Very low",), 2: ("Low",), 3: ("Moderate",), 4: ("High",), 5: ("Very high",)},
        ("confidence",),
    ),
    "hard_enough": ri.RatedItem(
        "2. Erections hard enough for penetration with sexual stimulation",
        _FREQUENCY,
        ("hard enough", "penetration"),
    ),
    "maintain_after_penetration": ri.RatedItem(
        "3. Able to maintain the erection after penetration",
        _FREQUENCY,
        ("maintain your erection after", "after you had penetrated", "able to maintain"),
    ),
    "difficulty_to_completion": ri.RatedItem(
        "4. Difficulty maintaining the erection to completion of intercourse",
        {
            1: ("Extremely difficult",),
            2: ("Very difficult",),
            3: ("Difficult",),
            4: ("Slightly difficult",),
            5: ("Not difficult",),
        },
        ("completion", "how difficult"),
    ),
    "satisfactory": ri.RatedItem(
        "5. Intercourse satisfactory when attempted",
        _FREQUENCY,
        ("satisfactory", "satisf"),
    ),
}


class Inputs(CalcInputs):
    """The five IIEF-5 answers, each 1-5."""

    confidence: int = ri.item_field(ITEMS["confidence"])
    hard_enough: int = ri.item_field(ITEMS["hard_enough"])
    maintain_after_penetration: int = ri.item_field(ITEMS["maintain_after_penetration"])
    difficulty_to_completion: int = ri.item_field(ITEMS["difficulty_to_completion"])
    satisfactory: int = ri.item_field(ITEMS["satisfactory"])

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), ITEMS)
        return self


def _severity(total: int) -> str:
    # Rosen 1999 severity classes: 22-25 no ED, 17-21 mild, 12-16 mild to moderate,
    # 8-11 moderate, 5-7 severe; 21 or less is the diagnostic cut-off for ED.
    if total >= 22:
        return "No erectile dysfunction"
    if total >= 17:
        return "Mild erectile dysfunction"
    if total >= 12:
        return "Mild to moderate erectile dysfunction"
    if total >= 8:
        return "Moderate erectile dysfunction"
    return "Severe erectile dysfunction"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five answers (5-25) with the Rosen 1999 severity class."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{_severity(total)} (IIEF-5 {total}/25).",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc IIEF-5 inputs (answer text or its score per question) → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
