"""BMI and body surface area (Mosteller) together, from one weight and height."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import bmi, body_surface_area

META = CalculatorMeta(
    id="bmi_bsa_mosteller",
    name="BMI and BSA (Mosteller)",
    synonyms=("BMI and BSA", "BMI BSA Mosteller"),
    category="physical",
    source="BMI: Keys A, et al. Indices of relative weight and obesity. J Chronic Dis. "
    "1972;25:329-43. BSA: Mosteller RD. Simplified calculation of body-surface area. "
    "N Engl J Med. 1987;317(17):1098.",
    doi="10.1056/NEJM198710223171717",
    pmid="3657876",
    output_type="decimal",
    unit="kg/m²",
    description="Body mass index (the value) and Mosteller body surface area (in extra) from "
    "the same weight and height.",
)


class Inputs(bmi.Inputs):
    """Inputs: weight and height (the BMI module's)."""


def compute(inputs: Inputs) -> CalcResult:
    """Run the BMI and the Mosteller BSA calculators on the same inputs."""
    b = bmi.compute(bmi.Inputs(weight=inputs.weight, height=inputs.height))
    a = body_surface_area.compute(
        body_surface_area.Inputs(weight=inputs.weight, height=inputs.height)
    )
    return CalcResult(
        calculator=META.id,
        value=b.value,
        unit="kg/m²",
        interpretation=f"BMI {float(b.value):.1f} kg/m², {b.interpretation}; "
        f"BSA {float(a.value):.2f} m² (Mosteller).",
        steps=[*b.steps, Step(label="BSA (Mosteller)", value=a.value, detail=a.steps[0].detail)],
        extra={"bmi": b.value, "bsa": a.value},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (the BMI adapter reads the same weight and height)."""
    return bmi.from_medmcp(inputs)
