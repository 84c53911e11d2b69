"""Barthel Index for Activities of Daily Living (ADL)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="barthel_index",
    name="Barthel Index for Activities of Daily Living (ADL)",
    synonyms=("Barthel Index", "Barthel ADL", "Barthel ADL index"),
    category="geriatrics",
    source="Mahoney FI, Barthel DW. Functional evaluation: the Barthel Index. Md State Med J. "
    "1965;14:61-65. Item wording: Collin C, Wade DT, Davies S, Horne V. The Barthel ADL "
    "Index: a reliability study. Int Disabil Stud. 1988;10(2):61-63.",
    pmid="14258950",
    output_type="integer",
    description="Ten activities of daily living scored in steps of 5 (0-100); higher is more "
    "independent.",
)

#: Item → (label, allowed points, answers by points). Mahoney & Barthel 1965 weights (0-100);
#: the answer wording is Collin 1988's (whose 0-20 scores are these points divided by 5).
ITEMS: dict[str, tuple[str, tuple[int, ...], dict[int, tuple[str, ...]]]] = {
    "feeding": (
        "Feeding",
        (0, 5, 10),
        {0: ("Unable",), 5: ("Needs help",), 10: ("Independent",)},
    ),
    "bathing": ("Bathing", (0, 5), {0: ("Dependent", "Unable"), 5: ("Independent",)}),
    "grooming": (
        "Grooming",
        (0, 5),
        {0: ("Needs help with personal care", "Unable"), 5: ("Independent",)},
    ),
    "dressing": (
        "Dressing",
        (0, 5, 10),
        {0: ("Dependent", "Unable"), 5: ("Needs help",), 10: ("Independent",)},
    ),
    "bowels": (
        "Bowel control",
        (0, 5, 10),
        {0: ("Incontinent",), 5: ("Occasional accident",), 10: ("Continent",)},
    ),
    "bladder": (
        "Bladder control",
        (0, 5, 10),
        {0: ("Incontinent",), 5: ("Occasional accident",), 10: ("Continent",)},
    ),
    "toilet_use": (
        "Toilet use",
        (0, 5, 10),
        {0: ("Dependent", "Unable"), 5: ("Needs help",), 10: ("Independent",)},
    ),
    "transfers": (
        "Transfers (bed to chair and back)",
        (0, 5, 10, 15),
        {
            0: ("Unable, no sitting balance", "Unable"),
            5: ("Needs major help (one or two people, physical), can sit", "Major help"),
            10: ("Needs minor help (verbal or physical)", "Minor help"),
            15: ("Independent",),
        },
    ),
    "mobility": (
        "Mobility on level surfaces",
        (0, 5, 10, 15),
        {
            0: ("Immobile", "Immobile or < 50 yards"),
            5: ("Wheelchair independent", "Wheelchair"),
            10: ("Walks with help of one person", "Walks with help"),
            15: ("Independent",),
        },
    ),
    "stairs": (
        "Stairs",
        (0, 5, 10),
        {0: ("Unable",), 5: ("Needs help",), 10: ("Independent",)},
    ),
}


class Inputs(CalcInputs):
    """Barthel items, each as the points of its answer."""

    feeding: int = Field(description="Feeding: 0 unable, 5 needs help, 10 independent")
    bathing: int = Field(description="Bathing: 0 dependent, 5 independent")
    grooming: int = Field(description="Grooming: 0 needs help, 5 independent")
    dressing: int = Field(description="Dressing: 0 dependent, 5 needs help, 10 independent")
    bowels: int = Field(description="Bowels: 0 incontinent, 5 occasional accident, 10 continent")
    bladder: int = Field(description="Bladder: 0 incontinent, 5 occasional accident, 10 continent")
    toilet_use: int = Field(description="Toilet use: 0 dependent, 5 needs help, 10 independent")
    transfers: int = Field(
        description="Transfers: 0 unable, 5 major help (can sit), 10 minor help, 15 independent"
    )
    mobility: int = Field(
        description="Mobility on level surfaces: 0 immobile, 5 wheelchair independent, "
        "10 walks with help of one person, 15 independent"
    )
    stairs: int = Field(description="Stairs: 0 unable, 5 needs help, 10 independent")

    @model_validator(mode="after")
    def _allowed_points(self) -> Inputs:
        bad = [
            f"{name} must be one of {allowed}, found {getattr(self, name)}"
            for name, (_, allowed, _) in ITEMS.items()
            if getattr(self, name) not in allowed
        ]
        if bad:
            raise ValueError("; ".join(bad))
        return self


def _dependency(total: int) -> str:
    # Shah, Vanclay & Cooper 1989 (J Clin Epidemiol 42:703) bands for the 0-100 index:
    # 0-20 total, 21-60 severe, 61-90 moderate, 91-99 slight dependency, 100 independent.
    if total <= 20:
        return "total dependency"
    if total <= 60:
        return "severe dependency"
    if total <= 90:
        return "moderate dependency"
    if total <= 99:
        return "slight dependency"
    return "independent"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the ten items (0-100)."""
    s = Score()
    for name, (label, _, answers) in ITEMS.items():
        pts = getattr(inputs, name)
        s.add(label, pts, pts, answers[pts][0])
    total = int(s.total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"Barthel Index {total}/100: {_dependency(total)}.",
        steps=s.steps,
        extra={"dependency": _dependency(total)},
    )


_FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "feeding": ("feeding",),
    "bathing": ("bathing",),
    "grooming": ("grooming",),
    "dressing": ("dressing",),
    "bowels": ("bowel",),
    "bladder": ("bladder",),
    "toilet_use": ("toilet",),
    "transfers": ("transfer",),
    "mobility": ("mobility", "walking"),
    "stairs": ("stairs",),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Barthel inputs (answer text per activity) → kwargs."""
    f = Fields(inputs, META.id)
    return {name: f.option(*_FIELD_KEYS[name], options=ITEMS[name][2]) for name in ITEMS}
