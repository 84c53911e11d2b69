"""Basal energy expenditure by the Harris-Benedict equations."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="basal_energy_expenditure",
    name="Basal Energy Expenditure",
    synonyms=(
        "BEE",
        "Harris-Benedict equation",
        "Harris-Benedict basal energy expenditure",
        "basal metabolic rate (Harris-Benedict)",
    ),
    category="nutrition",
    source="Harris JA, Benedict FG. A biometric study of human basal metabolism. Proc Natl "
    "Acad Sci U S A. 1918;4(12):370-3.",
    doi="10.1073/pnas.4.12.370",
    output_type="decimal",
    unit="kcal/day",
    description="Resting energy need from sex, weight, height and age (Harris-Benedict 1918); "
    "an activity factor gives the recommended daily intake.",
)

Activity = Literal["sedentary", "light", "moderate", "very_active", "extra_active"]

# Activity factors commonly paired with Harris-Benedict (sedentary 1.2 … extra active 1.9).
_ACTIVITY = {
    "sedentary": 1.2,
    "light": 1.375,
    "moderate": 1.55,
    "very_active": 1.725,
    "extra_active": 1.9,
}


# MDCalc shows the BEE truncated to a whole kcal (its "recommended intake" is the truncated BEE
# × 1.2: 1856 × 1.2 = 2227 in the first item, where 1856.67 × 1.2 would give 2228), while we
# round; both items' notes show the truncated figure and the product.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_105_2cfb1b50", 9): (
        "Harris-Benedict gives 1856.67 kcal/day (89.99 kg, 175.26 cm, 48 y); MDCalc truncates to "
        "1856 (its 2227 = 1856 × 1.2 confirms it); we round to 1857."
    ),
    ("medmcp-calc_111_a11ef0f2", 4): (
        "Harris-Benedict gives 1767.9 kcal/day (88.45 kg, 175.26 cm, 58 y); MDCalc truncates to "
        "1767 (its 2120 = 1767 × 1.2 confirms it); we round to 1768."
    ),
}


class Inputs(QuantityInputs):
    """Inputs of the Harris-Benedict BEE."""

    sex: Literal["male", "female"] = Field(description="Sex")
    weight: float = quantity("weight", "kg", ge=20, le=400, description="Body weight")
    height: float = quantity("height", "cm", ge=100, le=250, description="Height")
    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    activity: Activity | None = Field(
        default=None,
        description="Activity level for the recommended intake (optional: "
        "sedentary, light, moderate, very_active, extra_active)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Harris-Benedict: men 66.473 + 13.7516 W + 5.0033 H − 6.755 A; women 655.0955 + ...

    Women: 655.0955 + 9.5634 W + 1.8496 H − 4.6756 A (W kg, H cm, A years).
    """
    w, h, a = inputs.weight, inputs.height, inputs.age
    if inputs.sex == "male":
        bee = 66.4730 + 13.7516 * w + 5.0033 * h - 6.7550 * a  # Harris & Benedict 1918
        how = "66.473 + 13.7516 × kg + 5.0033 × cm − 6.755 × years"
    else:
        bee = 655.0955 + 9.5634 * w + 1.8496 * h - 4.6756 * a  # Harris & Benedict 1918
        how = "655.0955 + 9.5634 × kg + 1.8496 × cm − 4.6756 × years"
    steps = [Step(label="Basal energy expenditure", value=round(bee, 1), detail=how)]
    extra: dict[str, Any] = {}
    interpretation = "Basal energy expenditure (stress, illness, burns raise the need)"
    if inputs.activity is not None:
        factor = _ACTIVITY[inputs.activity]
        need = bee * factor
        steps.append(
            Step(
                label="Recommended intake",
                value=round(need, 1),
                detail=f"BEE × {factor} ({inputs.activity})",
            )
        )
        extra["recommended_intake_kcal_day"] = round(need, 1)
        interpretation += f"; recommended intake {need:.0f} kcal/day"
    return CalcResult(
        calculator=META.id,
        value=round(bee, 1),
        unit="kcal/day",
        interpretation=interpretation,
        steps=steps,
        extra=extra,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (sex, weight, height, age, activity level) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "sex": f.sex(),
        "weight": f.quantity("weight", default_unit="kg"),
        "height": f.quantity("height", default_unit="cm"),
        "age": f.quantity("age", default_unit="years"),
    }
    if f.has("activity"):
        out["activity"] = f.option(
            "activity",
            options={
                "sedentary": ("sedentary", "little to no exercise"),
                "light": ("lightly active", "light exercise"),
                "moderate": ("moderately active", "moderate exercise"),
                "very_active": ("very active", "hard exercise"),
                "extra_active": ("extra active", "extremely active", "very hard exercise"),
            },
        )
    return out
