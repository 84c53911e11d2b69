"""Informant Questionnaire on Cognitive Decline in the Elderly (IQCODE), 16-item short form."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields, first_number
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="iqcode",
    name="Informant Questionnaire on Cognitive Decline in the Elderly (IQCODE)",
    synonyms=("IQCODE", "IQCODE short form", "IQCODE-16"),
    category="geriatrics",
    source="Jorm AF. A short form of the Informant Questionnaire on Cognitive Decline in the "
    "Elderly (IQCODE): development and cross-validation. Psychol Med. 1994;24(1):145-53; "
    "cut-offs as given with the copyright-free form (normal < 3.31, probably impaired "
    "3.31-3.38, significantly impaired > 3.38).",
    output_type="decimal",
    description="An informant rates 16 everyday cognitive tasks against 10 years ago (1 much "
    "improved ... 5 much worse); the score is the mean (1-5).",
)

#: MedMCP-Calc answers that depart from the published scoring (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_051_a4f9642d", 6): (
        "IQCODE: the 16 recorded ratings (3,4,4,3,4,3,4,3,4,4,4,4,3,4,3,3) sum to 57, so the "
        "short-form score (the mean, Jorm 1994) is 57/16 = 3.56, not the task's 3.4; both "
        "are 'significantly impaired' (> 3.38)."
    ),
}

#: Input name → (question, MedMCP key phrases); Jorm 1994 short-form order.
ITEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "family_friends": ("Remembering things about family and friends", ("family and friends",)),
    "recent_events": ("Remembering things that have happened recently", ("happened recently",)),
    "conversations": ("Recalling conversations a few days later", ("conversations",)),
    "address_phone": ("Remembering his/her address and telephone number", ("address",)),
    "day_month": ("Remembering what day and month it is", ("day and month",)),
    "where_kept": ("Remembering where things are usually kept", ("usually kept",)),
    "moved_things": (
        "Remembering where to find things put in a different place",
        ("different place",),
    ),
    "familiar_machines": ("Knowing how to work familiar machines", ("familiar machines",)),
    "new_gadget": ("Learning to use a new gadget or machine", ("new gadget",)),
    "learning": ("Learning new things in general", ("new things",)),
    "story": ("Following a story in a book or on TV", ("story",)),
    "decisions": ("Making decisions on everyday matters", ("decisions",)),
    "money_shopping": ("Handling money for shopping", ("money",)),
    "financial": ("Handling financial matters (pension, bank)", ("financial",)),
    "arithmetic": ("Handling other everyday arithmetic problems", ("arithmetic",)),
    "reasoning": ("Using intelligence to understand and reason", ("intelligence",)),
}


def _item(question: str) -> Any:
    return Field(
        ge=1,
        le=5,
        description=f"{question}, compared with 10 years ago (1 much improved, 2 a bit "
        "improved, 3 not much change, 4 a bit worse, 5 much worse)",
    )


class Inputs(CalcInputs):
    """The 16 short-form items, each 1-5."""

    family_friends: int = _item(ITEMS["family_friends"][0])
    recent_events: int = _item(ITEMS["recent_events"][0])
    conversations: int = _item(ITEMS["conversations"][0])
    address_phone: int = _item(ITEMS["address_phone"][0])
    day_month: int = _item(ITEMS["day_month"][0])
    where_kept: int = _item(ITEMS["where_kept"][0])
    moved_things: int = _item(ITEMS["moved_things"][0])
    familiar_machines: int = _item(ITEMS["familiar_machines"][0])
    new_gadget: int = _item(ITEMS["new_gadget"][0])
    learning: int = _item(ITEMS["learning"][0])
    story: int = _item(ITEMS["story"][0])
    decisions: int = _item(ITEMS["decisions"][0])
    money_shopping: int = _item(ITEMS["money_shopping"][0])
    financial: int = _item(ITEMS["financial"][0])
    arithmetic: int = _item(ITEMS["arithmetic"][0])
    reasoning: int = _item(ITEMS["reasoning"][0])


def compute(inputs: Inputs) -> CalcResult:
    """Mean of the 16 ratings (1-5) with the screening reading."""
    steps, total = tally((q, getattr(inputs, k), getattr(inputs, k)) for k, (q, _) in ITEMS.items())
    mean = total / len(ITEMS)
    if mean > 3.38:
        reading = "Significant cognitive impairment likely"
    elif mean >= 3.31:
        reading = "Cognitive impairment probable"
    else:
        reading = "Normal (no cognitive decline)"
    return CalcResult(
        calculator=META.id,
        value=round(mean, 2),
        interpretation=f"{reading} (IQCODE {mean:.2f}; sum {int(total)}/80).",
        steps=steps,
        extra={"sum": int(total)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (one 1-5 rating per question) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {}
    for name, (_, keys) in ITEMS.items():
        field, value = f.raw(*keys)
        out[name] = int(first_number(value, field=field))
    return out
