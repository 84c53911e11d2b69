"""Immune-related hyperglycaemia / diabetes grading (ASCO 2018)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _irae
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="irae_diabetes",
    name="Immune-Related Adverse Events for Endocrine Toxicities - Diabetes Mellitus",
    synonyms=("irAE hyperglycemia grade", "checkpoint inhibitor diabetes grading"),
    category="oncology",
    source=_irae.SOURCE,
    doi=_irae.DOI,
    pmid=_irae.PMID,
    output_type="text",
    description="Hyperglycaemia grade G1-G4 of immune checkpoint inhibitor therapy from fasting "
    "glucose, symptoms and ketosis / evidence of type 1 diabetes.",
)

Symptoms = Literal["asymptomatic_or_mild", "moderate", "severe", "life_threatening"]
SYMPTOM_GRADE = {"asymptomatic_or_mild": 1, "moderate": 2, "severe": 3, "life_threatening": 4}


class Inputs(QuantityInputs):
    """Inputs of the hyperglycaemia grading."""

    fasting_glucose: float = quantity(
        "glucose", "mg/dL", ge=20, le=3000, description="Fasting glucose (above normal)"
    )
    symptoms: Symptoms = Field(
        description="Symptoms: asymptomatic or mild (G1); moderate, able to perform ADL (G2); "
        "severe, unable to perform ADL, medically significant (G3); life-threatening (G4)"
    )
    ketosis_or_t1dm: bool = Field(
        description="Ketosis or evidence of type 1 diabetes at any glucose level (G2)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Highest grade met: glucose ≤ 160 G1; > 160-250 G2; > 250-500 G3; > 500 mg/dL G4."""
    g = inputs.fasting_glucose
    criteria = [
        ("Fasting glucose", g, 4 if g > 500 else 3 if g > 250 else 2 if g > 160 else 1),
        ("Symptoms", inputs.symptoms, SYMPTOM_GRADE[inputs.symptoms]),
        ("Ketosis or evidence of T1DM", inputs.ketosis_or_t1dm, 2 if inputs.ketosis_or_t1dm else 0),
    ]
    return _irae.graded_result(META.id, "Hyperglycemia", criteria)


_SYMPTOMS: dict[str, tuple[str, ...]] = {
    "asymptomatic_or_mild": ("Asymptomatic", "Mild symptoms", "None"),
    "moderate": ("able to perform ADLs", "Moderate symptoms", "moderate"),
    "severe": ("unable to perform ADLs", "Severe symptoms", "severe"),
    "life_threatening": ("Life-threatening", "life threatening"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "fasting_glucose": f.quantity("fasting glucose", "glucose", default_unit="mg/dL"),
        "symptoms": f.option("symptoms", options=_SYMPTOMS),
        "ketosis_or_t1dm": f.yes("ketosis", "t1dm"),
    }
