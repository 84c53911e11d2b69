"""Cytokine release syndrome (CRS) grading and management (Lee 2014)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="crs_grading",
    name="Cytokine Release Syndrome (CRS) Grading",
    synonyms=("CRS grading", "Lee CRS grading", "CRS grade"),
    category="oncology",
    source="Lee DW, Gardner R, Porter DL, et al. Current concepts in the diagnosis and "
    "management of cytokine release syndrome. Blood. 2014;124(2):188-95.",
    output_type="text",
    description="CRS grade 1-5 by the Lee 2014 criteria, with the Lee 2014 treatment algorithm.",
)

Severity = Literal["mild", "moderate", "severe", "life_threatening", "death"]

#: Severity → (grade, the Lee 2014 grade definition).
GRADES: dict[str, tuple[int, str]] = {
    "mild": (
        1,
        "Symptoms are not life threatening and require symptomatic treatment only (fever, "
        "nausea, fatigue, headache, myalgias, malaise)",
    ),
    "moderate": (
        2,
        "Symptoms require and respond to moderate intervention: oxygen requirement < 40%, or "
        "hypotension responsive to fluids or low dose of one vasopressor, or grade 2 organ "
        "toxicity",
    ),
    "severe": (
        3,
        "Symptoms require and respond to aggressive intervention: oxygen requirement ≥ 40%, or "
        "hypotension requiring high dose or multiple vasopressors, or grade 3 organ toxicity "
        "or grade 4 transaminitis",
    ),
    "life_threatening": (
        4,
        "Life-threatening symptoms: requirement for ventilator support or grade 4 organ "
        "toxicity (excluding transaminitis)",
    ),
    "death": (5, "Death"),
}


class Inputs(CalcInputs):
    """Inputs of the CRS grading."""

    severity: Severity = Field(
        description="The Lee 2014 grade the findings meet: "
        + "; ".join(f"{k} (grade {g}): {t}" for k, (g, t) in GRADES.items())
    )
    extensive_comorbidities_or_older_age: bool = Field(
        description="Extensive comorbidities or older age (changes grade 2 management)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Grade and the Lee 2014 treatment algorithm."""
    grade, definition = GRADES[inputs.severity]
    # Lee 2014 treatment algorithm: grade 1 and grade 2 without comorbidity or older age,
    # vigilant supportive care; grade 2 with extensive comorbidities or older age and grades
    # 3-4, vigilant supportive care plus tocilizumab ± corticosteroids.
    if grade == 5:
        plan = "Death attributed to CRS"
    elif grade == 1 or (grade == 2 and not inputs.extensive_comorbidities_or_older_age):
        plan = "Vigilant supportive care (monitor cardiac and other organ function closely)"
    else:
        plan = "Vigilant supportive care plus tocilizumab ± corticosteroids"
    return CalcResult(
        calculator=META.id,
        value=f"Grade {grade} CRS",
        interpretation=f"Grade {grade} CRS: {plan}",
        steps=[
            Step(label="Lee 2014 grade", value=grade, detail=definition),
            Step(
                label="Extensive comorbidities or older age",
                value=inputs.extensive_comorbidities_or_older_age,
            ),
        ],
        extra={"management": plan},
    )


_OPTIONS: dict[str, tuple[str, ...]] = {
    "mild": ("Symptoms not life threatening", "symptomatic treatment only", "mild"),
    "moderate": ("Moderate intervention required", "oxygen requirement <40%", "moderate"),
    "severe": ("Aggressive intervention required", "oxygen requirement ≥40%", "severe"),
    "life_threatening": ("Life-threatening", "ventilator support"),
    "death": ("Death",),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the chosen Lee 2014 grade description) → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "severity": f.option("toxicity", "severity", "symptoms", options=_OPTIONS),
        "extensive_comorbidities_or_older_age": f.yes("comorbidities", "older age"),
    }
