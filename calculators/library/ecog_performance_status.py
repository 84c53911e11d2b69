"""Eastern Cooperative Oncology Group (ECOG) Performance Status."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="ecog_performance_status",
    name="Eastern Cooperative Oncology Group (ECOG) Performance Status",
    synonyms=("ECOG", "ECOG performance status", "Zubrod score", "WHO performance status"),
    category="oncology",
    source="Oken MM, et al. Toxicity and response criteria of the Eastern Cooperative Oncology "
    "Group. Am J Clin Oncol. 1982;5(6):649-55.",
    pmid="7165009",
    output_type="integer",
    unit=None,
    description="Grade 0–5 of a patient's level of functioning and self-care.",
)

# Oken 1982 grades, with the short labels used by MDCalc.
GRADES: dict[int, tuple[str, ...]] = {
    0: (
        "Fully active, able to carry on all pre-disease performance without restriction",
        "Asymptomatic",
        "fully active",
    ),
    1: (
        "Restricted in physically strenuous activity but ambulatory and able to carry out work "
        "of a light or sedentary nature",
        "Symptomatic but completely ambulatory",
        "restricted in strenuous activity",
    ),
    2: (
        "Ambulatory and capable of all selfcare but unable to carry out any work activities; "
        "up and about more than 50% of waking hours",
        "Symptomatic, <50% in bed during the day",
        "capable of all self care but no work activities",
    ),
    3: (
        "Capable of only limited selfcare; confined to bed or chair more than 50% of waking hours",
        "Symptomatic, >50% in bed, but not bedbound",
        "limited self care",
    ),
    4: (
        "Completely disabled; cannot carry on any selfcare; totally confined to bed or chair",
        "Bedbound",
        "completely disabled",
    ),
    5: ("Dead", "Death"),
}


class Inputs(CalcInputs):
    """Inputs of the ECOG performance status."""

    grade: int = Field(
        ge=0, le=5, description="ECOG grade: " + "; ".join(f"{k} {v[0]}" for k, v in GRADES.items())
    )


def compute(inputs: Inputs) -> CalcResult:
    """Return the ECOG grade with its definition."""
    text = GRADES[inputs.grade][0]
    return CalcResult(
        calculator=META.id,
        value=inputs.grade,
        interpretation=text,
        steps=[
            Step(
                label="ECOG grade",
                value=inputs.grade,
                points=inputs.grade,
                total=inputs.grade,
                detail=text,
            )
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (patient description) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {"grade": f.option("description", "ecog", "patient", options=GRADES)}
