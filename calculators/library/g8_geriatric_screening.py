"""G8 geriatric screening tool for older patients with cancer."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="g8_geriatric_screening",
    name="G8 Geriatric Screening Tool",
    synonyms=("G8", "G8 screening tool", "G-8 geriatric screening"),
    category="geriatrics",
    source="Bellera CA, et al. Screening older cancer patients: first evaluation of the G-8 "
    "geriatric screening tool. Ann Oncol. 2012;23(8):2166-72.",
    doi="10.1093/annonc/mdr587",
    output_type="decimal",
    unit=None,
    description="Seven Mini Nutritional Assessment items plus age (0–17); ≤14 calls for a "
    "full geriatric assessment.",
)

FOOD = {
    "severe_decrease": ("Severe decrease in food intake", "severe decrease"),
    "moderate_decrease": ("Moderate decrease in food intake", "moderate decrease"),
    "no_decrease": ("No decrease in food intake", "normal food intake", "no decrease"),
}
WEIGHT_LOSS = {
    "over_3kg": ("Weight loss >3 kg", "gt 3 kg"),
    "unknown": ("Does not know", "unknown"),
    "1_to_3kg": ("Weight loss between 1 and 3 kg", "1 3 kg", "1 to 3 kg"),
    "none": ("No weight loss",),
}
MOBILITY = {
    "bed_or_chair_bound": ("Bed or chair bound",),
    "does_not_go_out": ("Able to get out of bed/chair but does not go out", "does not go out"),
    "goes_out": ("Goes out",),
}
NEURO = {
    "severe": ("Severe dementia or depression", "severe"),
    "mild": ("Mild dementia or depression", "mild"),
    "none": ("No psychological problems", "no problems", "none"),
}
HEALTH = {
    "not_as_good": ("Not as good",),
    "does_not_know": ("Does not know",),
    "as_good": ("As good",),
    "better": ("Better",),
}

_POINTS = {
    "severe_decrease": 0,
    "moderate_decrease": 1,
    "no_decrease": 2,
    "over_3kg": 0,
    "unknown": 1,
    "1_to_3kg": 2,
    "none": 3,
    "bed_or_chair_bound": 0,
    "does_not_go_out": 1,
    "goes_out": 2,
}


class Inputs(QuantityInputs):
    """Inputs of the G8 (Bellera 2012)."""

    food_intake: Literal["severe_decrease", "moderate_decrease", "no_decrease"] = Field(
        description="Food intake declined over the past 3 months"
    )
    weight_loss: Literal["over_3kg", "unknown", "1_to_3kg", "none"] = Field(
        description="Weight loss during the last 3 months"
    )
    mobility: Literal["bed_or_chair_bound", "does_not_go_out", "goes_out"] = Field(
        description="Mobility"
    )
    neuropsychological_problems: Literal["severe", "mild", "none"] = Field(
        description="Dementia or depression: severe, mild, none"
    )
    bmi: float = Field(ge=8, le=80, description="Body mass index [kg/m²]")
    more_than_3_drugs: bool = Field(description="Takes more than 3 prescription drugs a day")
    self_rated_health: Literal["not_as_good", "does_not_know", "as_good", "better"] = Field(
        description="Health compared with other people of the same age"
    )
    age: float = quantity("age", "years", ge=18, le=120, description="Age")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the eight items (Bellera 2012, table 1)."""
    neuro_pts = {"severe": 0, "mild": 1, "none": 2}[inputs.neuropsychological_problems]
    bmi = inputs.bmi
    bmi_pts = 0 if bmi < 19 else 1 if bmi < 21 else 2 if bmi < 23 else 3
    health_pts = {"not_as_good": 0.0, "does_not_know": 0.5, "as_good": 1.0, "better": 2.0}[
        inputs.self_rated_health
    ]
    age_pts = 0 if inputs.age > 85 else 1 if inputs.age >= 80 else 2
    steps, total = tally(
        [
            ("Food intake", inputs.food_intake, _POINTS[inputs.food_intake]),
            ("Weight loss", inputs.weight_loss, _POINTS[inputs.weight_loss]),
            ("Mobility", inputs.mobility, _POINTS[inputs.mobility]),
            ("Neuropsychological problems", inputs.neuropsychological_problems, neuro_pts),
            ("BMI (<19: 0; 19–<21: 1; 21–<23: 2; ≥23: 3)", bmi, bmi_pts),
            (
                ">3 prescription drugs a day",
                inputs.more_than_3_drugs,
                0 if inputs.more_than_3_drugs else 1,
            ),
            ("Self-rated health", inputs.self_rated_health, health_pts),
            ("Age (>85: 0; 80–85: 1; <80: 2)", inputs.age, age_pts),
        ]
    )
    label = (
        "Abnormal (≤14): full geriatric evaluation recommended" if total <= 14 else "Normal (>14)"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (eight G8 questions) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "food_intake": f.option("food intake", options=FOOD),
        "weight_loss": f.option("weight loss", options=WEIGHT_LOSS),
        "mobility": f.option("mobility", options=MOBILITY),
        "neuropsychological_problems": f.option("neuropsychological", options=NEURO),
        "bmi": f.number("bmi", "body mass index"),
        "more_than_3_drugs": f.yes("prescription drugs", "drugs"),
        "self_rated_health": f.option("health status", "consider", options=HEALTH),
        "age": f.quantity("age", default_unit="years"),
    }
