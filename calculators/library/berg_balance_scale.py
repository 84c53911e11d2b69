"""Berg Balance Scale (BBS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="berg_balance_scale",
    name="Berg Balance Scale (BBS)",
    synonyms=("BBS", "Berg Balance Scale", "Berg balance test"),
    category="geriatrics",
    source="Berg KO, Wood-Dauphinee SL, Williams JI, Maki B. Measuring balance in the elderly: "
    "validation of an instrument. Can J Public Health. 1992;83 Suppl 2:S7-11.",
    pmid="1468055",
    output_type="integer",
    unit=None,
    description="Fourteen balance tasks scored 0–4 (total 0–56); lower totals mean higher "
    "fall risk.",
)

# Berg 1992 item descriptions (the scale's own wording, with common paraphrases).
ITEMS: dict[str, tuple[str, dict[int, tuple[str, ...]]]] = {
    "sitting_to_standing": (
        "Sitting to standing",
        {
            4: ("able to stand without using hands and stabilize independently",),
            3: ("able to stand independently using hands",),
            2: ("able to stand using hands after several tries",),
            1: ("needs minimal aid to stand or stabilize",),
            0: ("needs moderate or maximal assist to stand",),
        },
    ),
    "standing_unsupported": (
        "Standing unsupported",
        {
            4: ("able to stand safely for 2 minutes",),
            3: ("able to stand 2 minutes with supervision",),
            2: ("able to stand 30 seconds unsupported",),
            1: ("needs several tries to stand 30 seconds unsupported",),
            0: ("unable to stand 30 seconds unsupported",),
        },
    ),
    "sitting_unsupported": (
        "Sitting with back unsupported",
        {
            4: ("able to sit safely and securely for 2 minutes",),
            3: (
                "able to sit 2 minutes under supervision",
                "able to sit 2 minutes with supervision",
            ),
            2: ("able to sit 30 seconds",),
            1: ("able to sit 10 seconds",),
            0: ("unable to sit without support 10 seconds",),
        },
    ),
    "standing_to_sitting": (
        "Standing to sitting",
        {
            4: ("sits safely with minimal use of hands",),
            3: ("controls descent by using hands",),
            2: ("uses back of legs against chair to control descent",),
            1: ("sits independently but has uncontrolled descent",),
            0: ("needs assist to sit",),
        },
    ),
    "transfers": (
        "Transfers",
        {
            4: ("able to transfer safely with minor use of hands",),
            3: (
                "able to transfer safely with definite need of hands",
                "able to transfer safely definite need of hands",
            ),
            2: ("able to transfer with verbal cuing and/or supervision",),
            1: ("needs one person to assist",),
            0: ("needs two people to assist or supervise to be safe",),
        },
    ),
    "standing_eyes_closed": (
        "Standing unsupported with eyes closed",
        {
            4: ("able to stand 10 seconds safely",),
            3: ("able to stand 10 seconds with supervision",),
            2: ("able to stand 3 seconds",),
            1: ("unable to keep eyes closed 3 seconds but stays safely",),
            0: ("needs help to keep from falling",),
        },
    ),
    "standing_feet_together": (
        "Standing unsupported with feet together",
        {
            4: ("able to place feet together independently and stand 1 minute safely",),
            3: ("able to place feet together independently and stand 1 minute with supervision",),
            2: ("able to place feet together independently but unable to hold for 30 seconds",),
            1: ("needs help to attain position but able to stand 15 seconds feet together",),
            0: ("needs help to attain position and unable to hold for 15 seconds",),
        },
    ),
    "reaching_forward": (
        "Reaching forward with outstretched arm while standing",
        {
            4: (
                "can reach forward confidently >25 cm (10 inches)",
                "can reach forward 25 cm 10 inches confidently",
            ),
            3: (
                "can reach forward >12.5 cm (5 inches) safely",
                "can reach forward 12 cm 5 inches safely",
            ),
            2: (
                "can reach forward >5 cm (2 inches) safely",
                "can reach forward 5 cm 2 inches safely",
            ),
            1: ("reaches forward but needs supervision",),
            0: ("loses balance while trying/requires external support",),
        },
    ),
    "pick_up_object": (
        "Pick up object from the floor from a standing position",
        {
            4: ("able to pick up slipper safely and easily",),
            3: ("able to pick up slipper but needs supervision",),
            2: (
                "unable to pick up but reaches 2-5 cm (1-2 inches) from slipper and keeps balance "
                "independently",
            ),
            1: ("unable to pick up and needs supervision while trying",),
            0: ("unable to try/needs assist to keep from losing balance or falling",),
        },
    ),
    "turning_to_look_behind": (
        "Turning to look behind over left and right shoulders",
        {
            4: ("looks behind from both sides and weight shifts well",),
            3: ("looks behind one side only other side shows less weight shift",),
            2: ("turns sideways only but maintains balance",),
            1: ("needs supervision when turning",),
            0: ("needs assist to keep from losing balance or falling while turning",),
        },
    ),
    "turn_360": (
        "Turn 360 degrees",
        {
            4: ("able to turn 360 degrees safely in 4 seconds or less",),
            3: ("able to turn 360 degrees safely one side only in 4 seconds or less",),
            2: ("able to turn 360 degrees safely but slowly",),
            1: ("needs close supervision or verbal cuing",),
            0: ("needs assistance while turning",),
        },
    ),
    "alternate_foot_on_stool": (
        "Placing alternate foot on step or stool while standing unsupported",
        {
            4: ("able to stand independently and safely and complete 8 steps in 20 seconds",),
            3: ("able to stand independently and complete 8 steps in >20 seconds",),
            2: ("able to complete 4 steps without aid with supervision",),
            1: ("able to complete >2 steps needs minimal assist",),
            0: ("needs assistance to keep from falling/unable to try",),
        },
    ),
    "one_foot_in_front": (
        "Standing unsupported one foot in front",
        {
            4: ("able to place foot tandem independently and hold 30 seconds",),
            3: (
                "able to place foot ahead independently and hold 30 seconds",
                "able to place foot ahead of other independently and hold 30 seconds",
            ),
            2: ("able to take small step independently and hold 30 seconds",),
            1: ("needs help to step but can hold 15 seconds",),
            0: ("loses balance while stepping or standing",),
        },
    ),
    "standing_on_one_leg": (
        "Standing on one leg",
        {
            4: ("able to lift leg independently and hold >10 seconds",),
            3: ("able to lift leg independently and hold 5-10 seconds",),
            2: ("able to lift leg independently and hold ≥3 seconds",),
            1: ("tries to lift leg unable to hold 3 seconds but remains standing independently",),
            0: ("unable to try or needs assist to prevent fall",),
        },
    ),
}


def _item(key: str) -> Any:
    return Field(
        ge=0,
        le=4,
        description=f"{ITEMS[key][0]}: "
        + "; ".join(f"{k} {v[0]}" for k, v in ITEMS[key][1].items()),
    )


class Inputs(CalcInputs):
    """Inputs of the Berg Balance Scale: each task scored 0–4."""

    sitting_to_standing: int = _item("sitting_to_standing")
    standing_unsupported: int = _item("standing_unsupported")
    sitting_unsupported: int = _item("sitting_unsupported")
    standing_to_sitting: int = _item("standing_to_sitting")
    transfers: int = _item("transfers")
    standing_eyes_closed: int = _item("standing_eyes_closed")
    standing_feet_together: int = _item("standing_feet_together")
    reaching_forward: int = _item("reaching_forward")
    pick_up_object: int = _item("pick_up_object")
    turning_to_look_behind: int = _item("turning_to_look_behind")
    turn_360: int = _item("turn_360")
    alternate_foot_on_stool: int = _item("alternate_foot_on_stool")
    one_foot_in_front: int = _item("one_foot_in_front")
    standing_on_one_leg: int = _item("standing_on_one_leg")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the fourteen tasks (Berg 1992)."""
    steps, total = tally(
        (label, getattr(inputs, key), getattr(inputs, key)) for key, (label, _) in ITEMS.items()
    )
    # Berg 1992 / Shumway-Cook 1997: 41–56 low, 21–40 medium, 0–20 high fall risk; <45
    # predicted multiple falls.
    label = (
        "Low fall risk (41–56)"
        if total >= 41
        else "Increased (medium) fall risk (21–40)"
        if total >= 21
        else "High fall risk (0–20)"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


_FIELD_KEYS = {
    "sitting_to_standing": ("sitting to standing",),
    "standing_unsupported": ("standing unsupported",),
    "sitting_unsupported": ("sitting with back", "sitting unsupported"),
    "standing_to_sitting": ("standing to sitting",),
    "transfers": ("transfers",),
    "standing_eyes_closed": ("eyes closed",),
    "standing_feet_together": ("feet together",),
    "reaching_forward": ("reach",),
    "pick_up_object": ("pick up",),
    "turning_to_look_behind": ("look behind",),
    "turn_360": ("360",),
    "alternate_foot_on_stool": ("alternate foot",),
    "one_foot_in_front": ("one foot in front", "foot in front"),
    "standing_on_one_leg": ("one leg",),
}
_EXCLUDE = {"standing_unsupported": ("eyes", "feet", "foot", "leg")}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (fourteen task descriptions) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        key: f.option(*keys, options=ITEMS[key][1], exclude=_EXCLUDE.get(key, ()))
        for key, keys in _FIELD_KEYS.items()
    }


#: MedMCP-Calc dev items whose answer disagrees with the published score (read by the scorer).
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_011_9ebfb77e", 5): (
        "two option texts carry point notes that contradict the Berg Balance Scale (Berg "
        "1992: 39, task 37)"
    ),
}
