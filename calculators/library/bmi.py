"""Body Mass Index (BMI): weight divided by height squared."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="bmi",
    name="Body Mass Index (BMI)",
    synonyms=(
        "BMI",
        "Quetelet index",
        "body mass index",
        "BMI Calculator (Body Mass Index and BSA)",
    ),
    category="physical",
    source="Keys A, et al. Indices of relative weight and obesity. J Chronic Dis. 1972;25:329-43.",
    doi="10.1016/0021-9681(72)90027-6",
    pmid="4650929",
    output_type="decimal",
    unit="kg/m²",
    medcalc_id=6,
    description="Weight relative to height; WHO adult categories classify under- and overweight.",
)


class Inputs(QuantityInputs):
    """Inputs of the BMI."""

    weight: float = quantity("weight", "kg", ge=0.3, le=500, description="Body weight")
    height: float = quantity("height", "cm", ge=20, le=280, description="Body height")


# WHO adult BMI classification (WHO Technical Report Series 894, 2000).
_CATEGORIES = (
    (18.5, "Underweight"),
    (25.0, "Normal weight"),
    (30.0, "Overweight"),
    (35.0, "Obesity class I"),
    (40.0, "Obesity class II"),
)


def compute(inputs: Inputs) -> CalcResult:
    """BMI = weight (kg) / height (m)²."""
    h_m = inputs.height / 100
    bmi = inputs.weight / (h_m * h_m)
    label = next((name for bound, name in _CATEGORIES if bmi < bound), "Obesity class III")
    return CalcResult(
        calculator=META.id,
        value=round(bmi, 3),
        unit="kg/m²",
        interpretation=f"{label} (WHO adult categories)",
        steps=[
            Step(label="Height in metres", value=round(h_m, 4), detail="height cm / 100"),
            Step(label="BMI", value=round(bmi, 3), detail="weight kg / height m²"),
        ],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench Relevant Entities → inputs (weight and height with their units)."""
    return {"weight": entities["weight"], "height": entities["height"]}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Weight': '238 lb', 'Height (in)': 69) → inputs."""
    m = kw.KeywordInputs(inputs)
    # Field names such as 'Weight (lbs)' / 'Height (in)' carry the unit of a bare number.
    names = " ".join(n for n, _ in m.items)
    weight_unit = "lb" if "weight lbs" in names else "kg"
    height_unit = "in" if "height in" in names else "cm"
    return {
        "weight": kw.parse_quantity(m.find("weight"), weight_unit),
        "height": kw.parse_quantity(m.find("height"), height_unit),
    }
