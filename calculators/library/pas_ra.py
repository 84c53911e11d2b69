"""Patient Activity Scale (PAS) for rheumatoid arthritis: HAQ-DI, pain and patient global."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _pas as pas
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="pas_ra",
    name="Patient Activity Scale (PAS) for RA",
    synonyms=("Patient Activity Scale", "PAS for RA", "PAS rheumatoid arthritis"),
    category="rheumatology",
    source="Wolfe F, Michaud K, Pincus T. A composite disease activity scale for clinical "
    "practice, observational studies, and clinical trials: the patient activity scale "
    "(PAS/PAS-II). J Rheumatol. 2005;32(12):2410-2415. HAQ-DI scoring: Bruce B, Fries JF. The "
    "Stanford Health Assessment Questionnaire: dimensions and practical applications. Health "
    "Qual Life Outcomes. 2003;1:20.",
    pmid="16331773",
    output_type="decimal",
    description="Patient-reported RA disease activity (0-10) from the HAQ disability index, pain "
    "and patient global assessment.",
)

#: HAQ-DI categories → their items (field, question), in the questionnaire's order.
CATEGORIES: dict[str, tuple[tuple[str, str], ...]] = {
    "dressing": (
        ("dress", "Dress yourself, including tying shoelaces and doing buttons"),
        ("shampoo", "Shampoo your hair"),
    ),
    "arising": (
        ("stand_from_chair", "Stand up from a straight chair"),
        ("in_out_of_bed", "Get in and out of bed"),
    ),
    "eating": (
        ("cut_meat", "Cut your meat"),
        ("lift_cup", "Lift a full cup or glass to your mouth"),
        ("open_milk_carton", "Open a new milk carton"),
    ),
    "walking": (
        ("walk_outdoors", "Walk outdoors on flat ground"),
        ("climb_five_steps", "Climb up five steps"),
    ),
    "hygiene": (
        ("wash_dry_body", "Wash and dry your body"),
        ("tub_bath", "Take a tub bath"),
        ("toilet", "Get on and off the toilet"),
    ),
    "reach": (
        ("reach_5lb_object", "Reach and get down a 5-pound object from just above your head"),
        ("pick_up_clothing", "Bend down to pick up clothing from the floor"),
    ),
    "grip": (
        ("open_car_doors", "Open car doors"),
        ("open_jars", "Open jars which have been previously opened"),
        ("turn_faucets", "Turn faucets on and off"),
    ),
    "activities": (
        ("errands_shopping", "Run errands and shop"),
        ("in_out_of_car", "Get in and out of a car"),
        ("chores", "Do chores such as vacuuming or yardwork"),
    ),
}

#: The HAQ lists aids or devices for 7 categories (none for activities) and help for all 8.
DEVICE_CATEGORIES = ("dressing", "arising", "eating", "walking", "hygiene", "reach", "grip")
DeviceCategory = Literal["dressing", "arising", "eating", "walking", "hygiene", "reach", "grip"]
Category = Literal[
    "dressing", "arising", "eating", "walking", "hygiene", "reach", "grip", "activities"
]


class Inputs(CalcInputs):
    """The 20 HAQ-DI items, the aids/help checkboxes, pain and patient global."""

    dress: int = pas.ability_item("Dress yourself, including tying shoelaces and doing buttons")
    shampoo: int = pas.ability_item("Shampoo your hair")
    stand_from_chair: int = pas.ability_item("Stand up from a straight chair")
    in_out_of_bed: int = pas.ability_item("Get in and out of bed")
    cut_meat: int = pas.ability_item("Cut your meat")
    lift_cup: int = pas.ability_item("Lift a full cup or glass to your mouth")
    open_milk_carton: int = pas.ability_item("Open a new milk carton")
    walk_outdoors: int = pas.ability_item("Walk outdoors on flat ground")
    climb_five_steps: int = pas.ability_item("Climb up five steps")
    wash_dry_body: int = pas.ability_item("Wash and dry your body")
    tub_bath: int = pas.ability_item("Take a tub bath")
    toilet: int = pas.ability_item("Get on and off the toilet")
    reach_5lb_object: int = pas.ability_item("Reach and get down a 5-pound object above the head")
    pick_up_clothing: int = pas.ability_item("Bend down to pick up clothing from the floor")
    open_car_doors: int = pas.ability_item("Open car doors")
    open_jars: int = pas.ability_item("Open jars which have been previously opened")
    turn_faucets: int = pas.ability_item("Turn faucets on and off")
    errands_shopping: int = pas.ability_item("Run errands and shop")
    in_out_of_car: int = pas.ability_item("Get in and out of a car")
    chores: int = pas.ability_item("Do chores such as vacuuming or yardwork")
    devices: tuple[DeviceCategory, ...] = Field(
        (),
        description="Categories for which aids or devices are usually used (HAQ checkboxes; "
        f"unchecked = none): any of {', '.join(DEVICE_CATEGORIES)}",
    )
    help_from_person: tuple[Category, ...] = Field(
        (),
        description="Categories for which help from another person is usually needed (HAQ "
        f"checkboxes; unchecked = none): any of {', '.join(CATEGORIES)}",
    )
    pain: float = pas.vas_field("Pain visual analogue scale")
    patient_global: float = pas.vas_field("Patient global assessment of disease activity")


def haq_di(inputs: Inputs) -> tuple[float, list[Step]]:
    """HAQ-DI: each category scores its worst item, raised to 2 when aids or help are used.

    Bruce & Fries 2003: "the highest sub-category score determines the value for each
    category"; "if aids/devices and/or help from another person are checked for a category,
    the score for that category is set to 2 (if already 2 or 3, it stays)". The index is the
    sum of the 8 category scores divided by 8 (all categories are required here).
    """
    steps: list[Step] = []
    total = 0
    for cat, items in CATEGORIES.items():
        worst = max(getattr(inputs, field) for field, _ in items)
        aided = cat in inputs.devices or cat in inputs.help_from_person
        score = max(worst, 2) if aided else worst
        total += score
        steps.append(
            Step(
                label=f"HAQ category: {cat}",
                value=score,
                points=score,
                total=total,
                detail=f"worst item {worst}" + ("; aids/help → at least 2" if aided else ""),
            )
        )
    haq = total / len(CATEGORIES)
    steps.append(Step(label="HAQ-DI", value=haq, detail=f"{total} / {len(CATEGORIES)}"))
    return haq, steps


def compute(inputs: Inputs) -> CalcResult:
    """PAS = (HAQ-DI × 3.33 + pain + patient global) / 3 (Wolfe 2005)."""
    haq, steps = haq_di(inputs)
    value, more = pas.composite(haq, inputs.pain, inputs.patient_global, "HAQ-DI")
    band = pas.category(value)
    return CalcResult(
        calculator=META.id,
        value=round(value, 2),
        interpretation=f"{band} disease activity (PAS {value:.2f}; remission ≤ 0.25, low ≤ 3.7, "
        "moderate < 8.0, high ≥ 8.0).",
        steps=steps + more,
        extra={"haq_di": haq, "category": band},
    )


#: Key phrases of each HAQ item among MedMCP-Calc field names.
_ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "dress": ("dress",),
    "shampoo": ("shampoo",),
    "stand_from_chair": ("stand up", "chair"),
    "in_out_of_bed": ("bed",),
    "cut_meat": ("meat",),
    "lift_cup": ("cup", "glass"),
    "open_milk_carton": ("milk",),
    "walk_outdoors": ("walk outdoors", "flat ground"),
    "climb_five_steps": ("five steps", "5 steps"),
    "wash_dry_body": ("wash",),
    "tub_bath": ("tub",),
    "toilet": ("toilet",),
    "reach_5lb_object": ("5 lb", "5 pound", "reach"),
    "pick_up_clothing": ("clothing", "bend"),
    "open_car_doors": ("car doors",),
    "open_jars": ("jars",),
    "turn_faucets": ("faucet",),
    "errands_shopping": ("errands",),
    "in_out_of_car": ("out of car", "in out of car", "get in and out of a car"),
    "chores": ("chores",),
}

#: Key phrases of each category among the aids/help field names.
_CATEGORY_KEYS: dict[str, tuple[str, ...]] = {
    "dressing": ("dressing",),
    "arising": ("arising",),
    "eating": ("eating",),
    "walking": ("walking",),
    "hygiene": ("hygiene",),
    "reach": ("reaching", "reach"),
    "grip": ("gripping", "grip"),
    "activities": ("errands", "chores", "activities"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PAS inputs → Inputs (answer texts such as 'With some difficulty')."""
    f = Fields(inputs, META.id)
    excl = ("devices", "help")
    out: dict[str, Any] = {
        name: f.option(*keys, options=pas.ABILITY, exclude=excl)
        for name, keys in _ITEM_KEYS.items()
    }
    out["devices"] = tuple(
        cat
        for cat, keys in _CATEGORY_KEYS.items()
        if cat in DEVICE_CATEGORIES
        and any(f.has(f"devices {k}") for k in keys)
        and f.yes(*(f"devices {k}" for k in keys))
    )
    out["help_from_person"] = tuple(
        cat
        for cat, keys in _CATEGORY_KEYS.items()
        if any(f.has(f"help {k}") for k in keys) and f.yes(*(f"help {k}" for k in keys))
    )
    out["pain"] = f.number("pain")
    out["patient_global"] = f.number("global")
    return out
