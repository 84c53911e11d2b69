"""Overall Neuropathy Limitations Scale (ONLS)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="onls",
    name="Overall Neuropathy Limitations Scale (ONLS)",
    synonyms=("ONLS", "Overall Neuropathy Limitations Scale"),
    category="neurology",
    source="Graham RC, Hughes RAC. A modified peripheral neuropathy scale: the Overall "
    "Neuropathy Limitations Scale. J Neurol Neurosurg Psychiatry. 2006;77(8):973-976.",
    output_type="integer",
    description="Arm grade 0-5 plus leg grade 0-7 (0-12) for activity limitation in "
    "peripheral neuropathy; 0 is no limitation, 12 no purposeful limb movement.",
)

# Graham & Hughes 2006 grades (arm grades as reprinted in J Korean Neurol Assoc 2021;39(2
# Suppl); leg grades as in open ONLS implementations that reprint the appendix). The arm
# functions are: dressing the upper body, washing and brushing hair, turning a key in a lock,
# using a knife and fork (or spoon), doing up buttons and zips.
ITEMS: dict[str, ri.RatedItem] = {
    "arm_grade": ri.RatedItem(
        "Arm grade",
        {
            0: ("Normal",),
            1: (
                "Minor symptoms or signs in one or both arms but not affecting any of the "
                "functions listed",
            ),
            2: (
                "Moderate symptoms or signs in one or both arms affecting but not preventing "
                "any of the functions listed",
            ),
            3: (
                "Severe symptoms or signs in one or both arms preventing at least one but not "
                "all functions listed",
            ),
            4: (
                "Severe symptoms or signs in both arms preventing all functions listed but "
                "some purposeful movements still possible",
            ),
            5: ("Severe symptoms and signs in both arms preventing all purposeful movements",),
        },
        ("arm", "upper limb", "upper extremit"),
    ),
    "leg_grade": ri.RatedItem(
        "Leg grade",
        {
            0: ("Walking, climbing stairs and running not affected",),
            1: ("Walking, climbing stairs or running affected, but gait does not look abnormal",),
            2: ("Walks independently but gait looks abnormal",),
            3: ("Requires unilateral support to walk 10 m (stick, single crutch, one arm)",),
            4: (
                "Requires bilateral support to walk 10 m (sticks, crutches, crutch and arm, frame)",
            ),
            5: (
                "Requires wheelchair to travel 10 m but able to stand and walk 1 m with the "
                "help of one person",
            ),
            6: (
                "Restricted to wheelchair, unable to stand and walk 1 m with the help of one "
                "person, but able to make some purposeful leg movements",
            ),
            7: (
                "Restricted to wheelchair or bed most of the day, unable to make any "
                "purposeful movements of the legs",
            ),
        },
        ("leg", "lower limb", "lower extremit"),
    ),
}


class Inputs(CalcInputs):
    """The ONLS arm grade (0-5) and leg grade (0-7)."""

    arm_grade: int = ri.item_field(ITEMS["arm_grade"])
    leg_grade: int = ri.item_field(ITEMS["leg_grade"])


def compute(inputs: Inputs) -> CalcResult:
    """Arm grade plus leg grade (0-12)."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"ONLS {total}/12 (arm {inputs.arm_grade}/5, leg {inputs.leg_grade}/7): "
        "0 is no limitation, higher scores mean more activity limitation.",
        steps=steps,
        extra={"arm_grade": inputs.arm_grade, "leg_grade": inputs.leg_grade},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ONLS inputs ('Arm grade: 2 (...)', 'Leg grade: 3 (...)') → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
