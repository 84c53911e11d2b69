"""Edinburgh Postnatal Depression Scale (EPDS)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="epds",
    name="Edinburgh Postnatal Depression Scale (EPDS)",
    synonyms=("EPDS", "Edinburgh Postnatal Depression Scale", "Edinburgh Depression Scale"),
    category="obstetrics",
    source="Cox JL, Holden JM, Sagovsky R. Detection of postnatal depression. Development of "
    "the 10-item Edinburgh Postnatal Depression Scale. Br J Psychiatry. 1987;150:782-786.",
    doi="10.1192/bjp.150.6.782",
    pmid="3651732",
    output_type="integer",
    description="Ten self-report items on the past 7 days, each 0-3 (0-30), screening for "
    "depression in pregnancy and after birth; item 10 asks about self-harm.",
)

# Cox 1987: every item is scored 0-3 (items 3 and 5-10 reverse-ordered on the form; the
# points below are already the scored values).
ITEMS: dict[str, ri.RatedItem] = {
    "laugh": ri.RatedItem(
        "1. I have been able to laugh and see the funny side of things",
        {
            0: ("As much as I always could",),
            1: ("Not quite so much now",),
            2: ("Definitely not so much now",),
            3: ("Not at all",),
        },
        ("laugh", "funny side"),
    ),
    "enjoyment": ri.RatedItem(
        "2. I have looked forward with enjoyment to things",
        {
            0: ("As much as I ever did",),
            1: ("Rather less than I used to",),
            2: ("Definitely less than I used to",),
            3: ("Hardly at all",),
        },
        ("enjoyment", "looked forward"),
    ),
    "self_blame": ri.RatedItem(
        "3. I have blamed myself unnecessarily when things went wrong",
        {
            0: ("No, never",),
            1: ("Not very often",),
            2: ("Yes, some of the time",),
            3: ("Yes, most of the time",),
        },
        ("blamed", "blame"),
    ),
    "anxious": ri.RatedItem(
        "4. I have been anxious or worried for no good reason",
        {
            0: ("No, not at all",),
            1: ("Hardly ever",),
            2: ("Yes, sometimes",),
            3: ("Yes, very often",),
        },
        ("anxious", "worried"),
    ),
    "scared": ri.RatedItem(
        "5. I have felt scared or panicky for no very good reason",
        {
            0: ("No, not at all",),
            1: ("No, not much",),
            2: ("Yes, sometimes",),
            3: ("Yes, quite a lot",),
        },
        ("scared", "panicky"),
    ),
    "coping": ri.RatedItem(
        "6. Things have been getting on top of me",
        {
            0: ("No, I have been coping as well as ever",),
            1: ("No, most of the time I have coped quite well",),
            2: ("Yes, sometimes I haven't been coping as well as usual",),
            3: ("Yes, most of the time I haven't been able to cope at all",),
        },
        ("on top of me", "coping", "cope"),
    ),
    "sleep": ri.RatedItem(
        "7. I have been so unhappy that I have had difficulty sleeping",
        {
            0: ("No, not at all",),
            1: ("Not very often",),
            2: ("Yes, sometimes",),
            3: ("Yes, most of the time",),
        },
        ("sleeping", "sleep"),
    ),
    "sad": ri.RatedItem(
        "8. I have felt sad or miserable",
        {
            0: ("No, not at all",),
            1: ("Not very often",),
            2: ("Yes, quite often",),
            3: ("Yes, most of the time",),
        },
        ("sad", "miserable"),
    ),
    "crying": ri.RatedItem(
        "9. I have been so unhappy that I have been crying",
        {
            0: ("No, never",),
            1: ("Only occasionally",),
            2: ("Yes, quite often",),
            3: ("Yes, most of the time",),
        },
        ("crying",),
    ),
    "self_harm": ri.RatedItem(
        "10. The thought of harming myself has occurred to me",
        {
            0: ("Never",),
            1: ("Hardly ever",),
            2: ("Sometimes",),
            3: ("Yes, quite often",),
        },
        ("harming myself", "self harm", "harming"),
    ),
}


class Inputs(CalcInputs):
    """The ten EPDS items as scored points (0-3 each)."""

    laugh: int = ri.item_field(ITEMS["laugh"])
    enjoyment: int = ri.item_field(ITEMS["enjoyment"])
    self_blame: int = ri.item_field(ITEMS["self_blame"])
    anxious: int = ri.item_field(ITEMS["anxious"])
    scared: int = ri.item_field(ITEMS["scared"])
    coping: int = ri.item_field(ITEMS["coping"])
    sleep: int = ri.item_field(ITEMS["sleep"])
    sad: int = ri.item_field(ITEMS["sad"])
    crying: int = ri.item_field(ITEMS["crying"])
    self_harm: int = ri.item_field(ITEMS["self_harm"])


def band(total: int) -> str:
    """Screen result: ≥ 13 probable depression (Cox 1987 cut-off 12/13), 10-12 possible."""
    if total >= 13:
        return "Probable depression"
    if total >= 10:
        return "Possible depression"
    return "Depression unlikely"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the ten items (0-30) with the screening band."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    warnings = []
    if inputs.self_harm > 0:
        warnings.append(
            "Item 10 (thoughts of self-harm) is positive: assess suicide risk now, whatever "
            "the total."
        )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band(total)} (EPDS {total}/30); the screen does not diagnose "
        "depression: confirm by clinical assessment.",
        steps=steps,
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Yes, most of the time (3)' per item) → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
