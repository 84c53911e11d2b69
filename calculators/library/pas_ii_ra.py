"""Patient Activity Scale II (PAS-II) for rheumatoid arthritis: HAQ-II, pain and global."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _pas as pas
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="pas_ii_ra",
    name="Patient Activity Scale II (PAS II) for RA",
    synonyms=("PAS-II", "PAS II", "Patient Activity Scale II"),
    category="rheumatology",
    source="Wolfe F, Michaud K, Pincus T. A composite disease activity scale for clinical "
    "practice, observational studies, and clinical trials: the patient activity scale "
    "(PAS/PAS-II). J Rheumatol. 2005;32(12):2410-2415. HAQ-II: Wolfe F, Michaud K, Pincus T. "
    "Development and validation of the health assessment questionnaire II. Arthritis Rheum. "
    "2004;50(10):3296-3305.",
    pmid="16331773",
    output_type="decimal",
    description="Patient-reported RA disease activity (0-10) from the 10-item HAQ-II, pain and "
    "patient global assessment.",
)

#: The 10 HAQ-II items (field, question), as MDCalc's PAS II page lists them.
ITEMS: tuple[tuple[str, str], ...] = (
    ("stand_from_chair", "Stand up from a straight chair"),
    ("walk_outdoors", "Walk outdoors on flat ground"),
    ("toilet", "Get on and off the toilet"),
    ("reach_5lb_object", "Reach and get down a 5-pound object from just above the head"),
    ("open_car_doors", "Open car doors"),
    ("outside_work", "Do outside work (such as yard work)"),
    ("wait_in_line", "Wait in a line for 15 minutes"),
    ("lift_heavy", "Lift heavy objects"),
    ("move_heavy", "Move heavy objects"),
    ("climb_stairs", "Go up 2 or more flights of stairs"),
)


class Inputs(CalcInputs):
    """The 10 HAQ-II items, pain and patient global."""

    stand_from_chair: int = pas.ability_item("Stand up from a straight chair")
    walk_outdoors: int = pas.ability_item("Walk outdoors on flat ground")
    toilet: int = pas.ability_item("Get on and off the toilet")
    reach_5lb_object: int = pas.ability_item("Reach and get down a 5-pound object above the head")
    open_car_doors: int = pas.ability_item("Open car doors")
    outside_work: int = pas.ability_item("Do outside work (such as yard work)")
    wait_in_line: int = pas.ability_item("Wait in a line for 15 minutes")
    lift_heavy: int = pas.ability_item("Lift heavy objects")
    move_heavy: int = pas.ability_item("Move heavy objects")
    climb_stairs: int = pas.ability_item("Go up 2 or more flights of stairs")
    pain: float = pas.vas_field("Pain visual analogue scale")
    patient_global: float = pas.vas_field("Patient global assessment of disease activity")


def compute(inputs: Inputs) -> CalcResult:
    """PAS-II = (HAQ-II × 3.33 + pain + patient global) / 3; HAQ-II = mean of its 10 items."""
    steps: list[Step] = []
    total = 0
    for field, question in ITEMS:
        pts = getattr(inputs, field)
        total += pts
        steps.append(Step(label=question, value=pts, points=pts, total=total))
    haq2 = total / len(ITEMS)
    steps.append(Step(label="HAQ-II", value=haq2, detail=f"{total} / {len(ITEMS)}"))
    value, more = pas.composite(haq2, inputs.pain, inputs.patient_global, "HAQ-II")
    band = pas.category(value)
    return CalcResult(
        calculator=META.id,
        value=round(value, 2),
        interpretation=f"{band} disease activity (PAS-II {value:.2f}; remission ≤ 0.25, low ≤ "
        "3.7, moderate < 8.0, high ≥ 8.0).",
        steps=steps + more,
        extra={"haq_ii": haq2, "category": band},
    )


_KEYS: dict[str, tuple[str, ...]] = {
    "stand_from_chair": ("stand up", "chair"),
    "walk_outdoors": ("walk outdoors", "flat ground"),
    "toilet": ("toilet",),
    "reach_5lb_object": ("5 lb", "5 pound", "reach"),
    "open_car_doors": ("car doors",),
    "outside_work": ("outside work", "yard"),
    "wait_in_line": ("line", "15 min"),
    "lift_heavy": ("lift heavy", "lift"),
    "move_heavy": ("move heavy", "move"),
    "climb_stairs": ("flights", "stairs"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PAS-II inputs → Inputs (answer texts such as 'With much difficulty')."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        name: f.option(*keys, options=pas.ABILITY) for name, keys in _KEYS.items()
    }
    out["pain"] = f.number("pain")
    out["patient_global"] = f.number("global")
    return out
