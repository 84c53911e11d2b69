"""Quick Inventory of Depressive Symptomatology, 16 items (QIDS-C16 / QIDS-SR16)."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="qids",
    name="Quick Inventory of Depressive Symptomatology (QIDS)",
    synonyms=("QIDS", "QIDS-SR16", "QIDS-C16", "QIDS-SR", "Quick Inventory of Depressive Symptoms"),
    category="psychiatry",
    source="Rush AJ, Trivedi MH, Ibrahim HM, et al. The 16-Item Quick Inventory of Depressive "
    "Symptomatology (QIDS), clinician rating (QIDS-C), and self-report (QIDS-SR): a "
    "psychometric evaluation in patients with chronic major depression. Biol Psychiatry. "
    "2003;54(5):573-83.",
    output_type="integer",
    description="Sixteen items (0-3) scored over the nine DSM criterion domains: the highest "
    "of the four sleep items, of the four appetite/weight items and of the two psychomotor "
    "items, plus five single items (0-27).",
)


def _item(label: str, *keys: str) -> ri.RatedItem:
    # Every QIDS item is anchored 0-3; the anchors differ by item, so the levels are named by
    # number here and the MedMCP answers carry the number.
    return ri.RatedItem(label, {0: ("0",), 1: ("1",), 2: ("2",), 3: ("3",)}, keys)


ITEMS: dict[str, ri.RatedItem] = {
    "sleep_onset": _item("1. Sleep onset insomnia", "sleep onset", "falling asleep"),
    "mid_nocturnal": _item("2. Mid-nocturnal insomnia", "mid nocturnal", "during the night"),
    "early_morning": _item("3. Early morning insomnia", "early morning", "waking up too early"),
    "hypersomnia": _item("4. Hypersomnia", "hypersomnia", "sleeping too much"),
    "mood": _item("5. Mood (sad)", "mood", "feeling sad"),
    "appetite_decreased": _item("6. Appetite (decreased)", "appetite decreased", "decreased"),
    "appetite_increased": _item("7. Appetite (increased)", "appetite increased", "increased"),
    "weight_decrease": _item("8. Weight (decrease)", "weight decrease"),
    "weight_increase": _item("9. Weight (increase)", "weight increase"),
    "concentration": _item("10. Concentration / decision making", "concentration"),
    "self_view": _item("11. Outlook (view of myself)", "outlook", "view of myself"),
    "suicidal_ideation": _item("12. Suicidal ideation", "suicid", "death or suicide"),
    "interest": _item("13. Involvement (general interest)", "involvement", "interest"),
    "energy": _item("14. Energy / fatigability", "energy"),
    "slowed": _item("15. Psychomotor slowing", "slowing", "slowed down"),
    "restless": _item("16. Psychomotor agitation", "agitation", "restless"),
}

#: The nine scored domains (Rush 2003): the highest item of each group counts.
DOMAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Sleep (highest of items 1-4)",
        ("sleep_onset", "mid_nocturnal", "early_morning", "hypersomnia"),
    ),
    ("Sad mood (item 5)", ("mood",)),
    (
        "Appetite/weight (highest of items 6-9)",
        ("appetite_decreased", "appetite_increased", "weight_decrease", "weight_increase"),
    ),
    ("Concentration (item 10)", ("concentration",)),
    ("Self-view (item 11)", ("self_view",)),
    ("Suicidal ideation (item 12)", ("suicidal_ideation",)),
    ("Interest (item 13)", ("interest",)),
    ("Energy (item 14)", ("energy",)),
    ("Psychomotor (highest of items 15-16)", ("slowed", "restless")),
)


class Inputs(CalcInputs):
    """The 16 QIDS items, each 0-3."""

    sleep_onset: int = ri.item_field(ITEMS["sleep_onset"])
    mid_nocturnal: int = ri.item_field(ITEMS["mid_nocturnal"])
    early_morning: int = ri.item_field(ITEMS["early_morning"])
    hypersomnia: int = ri.item_field(ITEMS["hypersomnia"])
    mood: int = ri.item_field(ITEMS["mood"])
    appetite_decreased: int = ri.item_field(ITEMS["appetite_decreased"])
    appetite_increased: int = ri.item_field(ITEMS["appetite_increased"])
    weight_decrease: int = ri.item_field(ITEMS["weight_decrease"])
    weight_increase: int = ri.item_field(ITEMS["weight_increase"])
    concentration: int = ri.item_field(ITEMS["concentration"])
    self_view: int = ri.item_field(ITEMS["self_view"])
    suicidal_ideation: int = ri.item_field(ITEMS["suicidal_ideation"])
    interest: int = ri.item_field(ITEMS["interest"])
    energy: int = ri.item_field(ITEMS["energy"])
    slowed: int = ri.item_field(ITEMS["slowed"])
    restless: int = ri.item_field(ITEMS["restless"])

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), ITEMS)
        return self


def _severity(total: int) -> str:
    # Rush 2003 / QIDS scoring key: 0-5 none, 6-10 mild, 11-15 moderate, 16-20 severe,
    # 21-27 very severe depression.
    if total <= 5:
        return "No depression"
    if total <= 10:
        return "Mild depression"
    if total <= 15:
        return "Moderate depression"
    if total <= 20:
        return "Severe depression"
    return "Very severe depression"


def compute(inputs: Inputs) -> CalcResult:
    """Total over the nine domains (0-27) with the severity band."""
    steps: list[Step] = []
    total = 0
    for label, names in DOMAINS:
        pts = max(getattr(inputs, n) for n in names)
        total += pts
        shown = ", ".join(f"{n} {getattr(inputs, n)}" for n in names)
        steps.append(Step(label=label, value=shown, points=pts, total=total))
    warnings = []
    if inputs.suicidal_ideation > 0:
        warnings.append("Item 12 (suicidal ideation) is positive: assess suicide risk.")
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{_severity(total)} (QIDS {total}/27).",
        steps=steps,
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (answer text ending in '(2)') → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
