"""Modified Rankin Score by the nine-question interview (mRS-9Q)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="mrs_9q",
    name="Modified Rankin Score-9Q (mRS-9Q)",
    synonyms=("mRS-9Q", "Modified Rankin Scale 9 questions", "mRS 9Q"),
    category="neurology",
    source="Patel N, Rao VA, Heilman-Espinoza ER, Lai R, Quesada RA, Flint AC. Simple and "
    "reliable determination of the modified Rankin Scale score in neurosurgical and "
    "neurological patients: the mRS-9Q. Neurosurgery. 2012;71(5):971-5; grades: van Swieten "
    "JC, et al. Interobserver agreement for the assessment of handicap in stroke patients. "
    "Stroke. 1988;19(5):604-7.",
    output_type="integer",
    description="Nine yes/no questions walked from the most severe disability down give the "
    "modified Rankin Scale grade 0-5.",
)

# Modified Rankin grades (van Swieten 1988 wording).
GRADES: dict[int, str] = {
    0: "No symptoms",
    1: "No significant disability despite symptoms; able to carry out all usual duties and "
    "activities",
    2: "Slight disability; unable to carry out all previous activities, but able to look after "
    "own affairs without assistance",
    3: "Moderate disability; requiring some help, but able to walk without assistance",
    4: "Moderately severe disability; unable to walk without assistance and unable to attend "
    "to own bodily needs without assistance",
    5: "Severe disability; bedridden, incontinent and requiring constant nursing care and "
    "attention",
}


class Inputs(CalcInputs):
    """The nine mRS-9Q answers."""

    symptoms: bool = Field(description="Q1: any symptoms bothering you (from the illness)?")
    same_work: bool = Field(description="Q2: able to do the same work as before?")
    hobbies: bool = Field(description="Q3: able to keep up with hobbies and leisure?")
    social_ties: bool = Field(description="Q4: maintained ties to friends and family?")
    help_meals_chores_money: bool = Field(
        description="Q5: need help making a simple meal, doing household chores or keeping a "
        "checkbook?"
    )
    help_shopping_travel: bool = Field(
        description="Q6: need help with shopping or travelling close to home?"
    )
    help_walking: bool = Field(description="Q7: need another person to help you walk?")
    help_bodily_needs: bool = Field(
        description="Q8: need help with eating, going to the toilet or bathing?"
    )
    bedbound_constant_care: bool = Field(
        description="Q9: stay in bed most of the day and need constant nursing care?"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Walk the questions from grade 5 down; the first grade whose question applies wins.

    The questions follow the grade definitions (van Swieten 1988) in the order of the
    structured interview: constant care (5), help walking or with bodily needs (4), help
    looking after own affairs (3), unable to do all previous activities (2), symptoms (1).
    """
    i = inputs
    ladder = [
        (5, "Q9 bedridden, constant nursing care", i.bedbound_constant_care),
        (4, "Q7/Q8 help walking or with bodily needs", i.help_walking or i.help_bodily_needs),
        (
            3,
            "Q5/Q6 help with meals, chores, finances, shopping or travel",
            i.help_meals_chores_money or i.help_shopping_travel,
        ),
        (
            2,
            "Q2-Q4 unable to do all previous work, hobbies or social activities",
            not (i.same_work and i.hobbies and i.social_ties),
        ),
        (1, "Q1 symptoms present", i.symptoms),
    ]
    steps: list[Step] = []
    grade = 0
    for level, label, met in ladder:
        steps.append(Step(label=label, value=bool(met), detail=f"grade {level} if met"))
        if met:
            grade = level
            break
    return CalcResult(
        calculator=META.id,
        value=grade,
        interpretation=f"mRS {grade}: {GRADES[grade]}.",
        steps=steps,
        extra={"description": GRADES[grade]},
    )


_KEYS: dict[str, tuple[str, ...]] = {
    "symptoms": ("q1", "symptoms"),
    "same_work": ("q2", "same work"),
    "hobbies": ("q3", "hobbies"),
    "social_ties": ("q4", "ties"),
    "help_meals_chores_money": ("q5", "simple meal"),
    "help_shopping_travel": ("q6", "shopping"),
    "help_walking": ("q7", "help you walk"),
    "help_bodily_needs": ("q8", "toilet"),
    "bedbound_constant_care": ("q9", "constant nursing"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Q1: Any symptoms bothering you?' → Yes/No) → kwargs."""
    f = Fields(inputs, META.id)
    return {name: f.yes(*keys) for name, keys in _KEYS.items()}
