"""Target body weight for a target BMI."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc

META = CalculatorMeta(
    id="target_weight",
    name="Target weight",
    synonyms=("Target body weight", "weight for target BMI", "goal weight"),
    category="physical",
    source="Keys A, Fidanza F, Karvonen MJ, Kimura N, Taylor HL. Indices of relative weight and "
    "obesity. J Chronic Dis. 1972;25(6):329-343 (BMI = weight / height², rearranged).",
    doi="10.1016/0021-9681(72)90027-6",
    pmid="4650929",
    output_type="decimal",
    unit="kg",
    medcalc_id=61,
    description="Weight that gives the target BMI at the patient's height: BMI × height².",
)


class Inputs(QuantityInputs):
    """Inputs of the target weight."""

    target_bmi: float = quantity("bmi", "kg/m²", ge=10, le=60, description="Target BMI")
    height: float = quantity("height", "cm", ge=20, le=280, description="Height")


def compute(inputs: Inputs) -> CalcResult:
    """Target weight (kg) = target BMI × height (m)²."""
    h_m = inputs.height / 100
    weight = inputs.target_bmi * h_m * h_m
    return CalcResult(
        calculator=META.id,
        value=round(weight, 3),
        unit="kg",
        interpretation=f"Target weight {weight:.1f} kg "
        f"({weight / 0.45359237:.1f} lb) for BMI "
        f"{inputs.target_bmi:g}.",
        steps=[
            Step(label="Height in metres", value=round(h_m, 4)),
            Step(label="Target weight", value=round(weight, 3), detail="target BMI × height²"),
        ],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "target_bmi": mc.quantity(entities, "Body Mass Index (BMI)"),
        "height": mc.quantity(entities, "height"),
    }
