"""Immune-related hypothyroidism grading (ASCO 2018)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _irae
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="irae_hypothyroidism",
    name="Immune-Related Adverse Events for Endocrine Toxicities - Hypothyroidism",
    synonyms=("irAE hypothyroidism grade", "checkpoint inhibitor hypothyroidism grading"),
    category="oncology",
    source=_irae.SOURCE,
    doi=_irae.DOI,
    pmid=_irae.PMID,
    output_type="text",
    description="Hypothyroidism grade G1-G4 of immune checkpoint inhibitor therapy from TSH and "
    "symptoms.",
)

Symptoms = Literal["asymptomatic", "moderate", "severe", "life_threatening"]
SYMPTOM_GRADE = {"asymptomatic": 1, "moderate": 2, "severe": 3, "life_threatening": 4}


class Inputs(CalcInputs):
    """Inputs of the hypothyroidism grading."""

    tsh: float = Field(gt=0, le=1000, description="TSH, persistent value [mIU/L]")
    symptoms: Symptoms = Field(
        description="Symptoms: asymptomatic (G1); moderate, able to perform ADL (G2); severe, "
        "unable to perform ADL, medically significant (G3); life-threatening (G4)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Highest grade met: TSH < 10 and asymptomatic G1; TSH persistently > 10 G2; symptoms."""
    t = inputs.tsh
    criteria = [
        ("TSH", t, 2 if t > 10 else 1),
        ("Symptoms", inputs.symptoms, SYMPTOM_GRADE[inputs.symptoms]),
    ]
    return _irae.graded_result(META.id, "Hypothyroidism", criteria)


_SYMPTOMS: dict[str, tuple[str, ...]] = {
    "asymptomatic": ("Asymptomatic", "None"),
    "moderate": ("able to perform ADLs", "Moderate symptoms", "moderate"),
    "severe": ("unable to perform ADLs", "Severe symptoms", "severe"),
    "life_threatening": ("Life-threatening", "life threatening"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {"tsh": f.number("tsh"), "symptoms": f.option("symptoms", options=_SYMPTOMS)}
