"""Revised Fibromyalgia Impact Questionnaire (FIQR)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="fiqr",
    name="REVISED FIBROMYALGIA IMPACT QUESTIONNAIRE (FIQR)",
    synonyms=("FIQR", "Revised Fibromyalgia Impact Questionnaire", "FIQ-R"),
    category="rheumatology",
    source="Bennett RM, Friend R, Jones KD, Ward R, Han BK, Ross RL. The Revised Fibromyalgia "
    "Impact Questionnaire (FIQR): validation and psychometric properties. Arthritis Res Ther. "
    "2009;11(4):R120.",
    doi="10.1186/ar2783",
    pmid="19664287",
    output_type="decimal",
    description="Fibromyalgia impact (0-100): function (9 items) / 3 + overall impact (2 items) "
    "+ symptoms (10 items) / 2, every item 0-10.",
)

#: The three domains with their items (field, question) as printed on the FIQR (Bennett 2009).
DOMAINS: dict[str, tuple[tuple[str, str], ...]] = {
    "function": (
        ("brush_comb_hair", "Brush or comb your hair"),
        ("walk_20_min", "Walk continuously for 20 minutes"),
        ("prepare_meal", "Prepare a homemade meal"),
        ("vacuum_scrub_sweep", "Vacuum, scrub, or sweep floors"),
        ("lift_carry_groceries", "Lift and carry a bag full of groceries"),
        ("climb_stairs", "Climb one flight of stairs"),
        ("change_bedsheets", "Change bed sheets"),
        ("sit_45_min", "Sit in a chair for 45 minutes"),
        ("shop_groceries", "Go shopping for groceries"),
    ),
    "overall": (
        ("goals_prevented", "Fibromyalgia prevented me from accomplishing goals for the week"),
        ("overwhelmed", "I was completely overwhelmed by my fibromyalgia symptoms"),
    ),
    "symptoms": (
        ("pain", "Level of pain"),
        ("energy", "Level of energy"),
        ("stiffness", "Level of stiffness"),
        ("sleep_quality", "Quality of sleep"),
        ("depression", "Level of depression"),
        ("memory", "Level of memory problems"),
        ("anxiety", "Level of anxiety"),
        ("tenderness", "Level of tenderness to touch"),
        ("balance", "Level of balance problems"),
        ("environmental_sensitivity", "Sensitivity to loud noises, bright lights, odors, cold"),
    ),
}

#: Each domain's sum is divided by this before adding (FIQR scoring, Bennett 2009 and the
#: authors' scoring guidelines at myalgia.com: function ÷ 3, overall ÷ 1, symptoms ÷ 2).
DIVISORS: dict[str, int] = {"function": 3, "overall": 1, "symptoms": 2}


def _item(question: str) -> Any:
    return Field(ge=0, le=10, description=f"{question} (0-10 numeric scale, 10 worst)")


class Inputs(CalcInputs):
    """The 21 FIQR items, each 0-10."""

    brush_comb_hair: int = _item("Brush or comb your hair")
    walk_20_min: int = _item("Walk continuously for 20 minutes")
    prepare_meal: int = _item("Prepare a homemade meal")
    vacuum_scrub_sweep: int = _item("Vacuum, scrub, or sweep floors")
    lift_carry_groceries: int = _item("Lift and carry a bag full of groceries")
    climb_stairs: int = _item("Climb one flight of stairs")
    change_bedsheets: int = _item("Change bed sheets")
    sit_45_min: int = _item("Sit in a chair for 45 minutes")
    shop_groceries: int = _item("Go shopping for groceries")
    goals_prevented: int = _item("Fibromyalgia prevented me from accomplishing goals")
    overwhelmed: int = _item("I was completely overwhelmed by my fibromyalgia symptoms")
    pain: int = _item("Level of pain")
    energy: int = _item("Level of energy")
    stiffness: int = _item("Level of stiffness")
    sleep_quality: int = _item("Quality of sleep (10 = awoke very tired)")
    depression: int = _item("Level of depression")
    memory: int = _item("Level of memory problems")
    anxiety: int = _item("Level of anxiety")
    tenderness: int = _item("Level of tenderness to touch")
    balance: int = _item("Level of balance problems")
    environmental_sensitivity: int = _item("Sensitivity to noises, lights, odors and cold")


def compute(inputs: Inputs) -> CalcResult:
    """FIQR total = function sum / 3 + overall sum + symptom sum / 2 (0-100)."""
    steps: list[Step] = []
    total = 0.0
    extra: dict[str, float] = {}
    for domain, items in DOMAINS.items():
        raw = sum(getattr(inputs, field) for field, _ in items)
        score = raw / DIVISORS[domain]
        total += score
        extra[f"{domain}_score"] = round(score, 2)
        steps.append(
            Step(
                label=f"{domain.capitalize()} domain",
                value=raw,
                points=round(score, 4),
                total=round(total, 4),
                detail=f"sum of {len(items)} items {raw} / {DIVISORS[domain]}",
            )
        )
    return CalcResult(
        calculator=META.id,
        value=round(total, 1),
        interpretation=f"FIQR total {total:.1f} of 100 (higher = greater impact of fibromyalgia).",
        steps=steps,
        extra=extra,
    )


_KEYS: dict[str, tuple[str, ...]] = {
    "brush_comb_hair": ("brush", "comb"),
    "walk_20_min": ("walk",),
    "prepare_meal": ("meal",),
    "vacuum_scrub_sweep": ("vacuum", "sweep"),
    "lift_carry_groceries": ("lift", "carry"),
    "climb_stairs": ("climb", "stairs"),
    "change_bedsheets": ("bedsheets", "bed sheets"),
    "sit_45_min": ("sit",),
    "shop_groceries": ("shop",),
    "goals_prevented": ("goals",),
    "overwhelmed": ("overwhelmed",),
    "pain": ("pain",),
    "energy": ("energy",),
    "stiffness": ("stiffness",),
    "sleep_quality": ("sleep",),
    "depression": ("depression",),
    "memory": ("memory",),
    "anxiety": ("anxiety",),
    "tenderness": ("tenderness",),
    "balance": ("balance",),
    "environmental_sensitivity": ("environmental", "sensitivity"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc FIQR inputs → Inputs (each item a 0-10 number)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {}
    for name, keys in _KEYS.items():
        value = f.number(*keys)
        out[name] = int(value) if float(value).is_integer() else value
    return out
