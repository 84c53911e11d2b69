"""ABIC score (Age, Bilirubin, INR, Creatinine) for alcoholic hepatitis."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _alcoholic_hepatitis as ah
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="abic_score",
    name="ABIC Score for Alcoholic Hepatitis",
    synonyms=("ABIC score", "ABIC"),
    category="hepatology",
    source="Dominguez M, Rincón D, Abraldes JG, et al. A new scoring system for prognostic "
    "stratification of patients with alcoholic hepatitis. Am J Gastroenterol. "
    "2008;103(11):2747-2756.",
    doi="10.1111/j.1572-0241.2008.02104.x",
    pmid="18721242",
    output_type="decimal",
    description="90-day mortality risk in alcoholic hepatitis: low (< 6.71), intermediate "
    "(6.71-8.99) or high (≥ 9).",
)

#: Cut-offs of the three risk groups (Dominguez 2008 abstract: 90-day survival 100%, 70%, 25%).
LOW, HIGH = 6.71, 9.0


class Inputs(QuantityInputs):
    """Inputs of the ABIC score."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    bilirubin: float = quantity("bilirubin", "mg/dL", ge=0.1, le=80, description="Total bilirubin")
    inr: float = Field(ge=0.5, le=20, description="INR")
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Serum creatinine"
    )


def compute(inputs: Inputs) -> CalcResult:
    """ABIC = age × 0.1 + bilirubin (mg/dL) × 0.08 + creatinine (mg/dL) × 0.3 + INR × 0.8."""
    i = inputs
    terms = [
        ("Age × 0.1", i.age * 0.1),
        ("Bilirubin (mg/dL) × 0.08", i.bilirubin * 0.08),
        ("Creatinine (mg/dL) × 0.3", i.creatinine * 0.3),
        ("INR × 0.8", i.inr * 0.8),
    ]
    steps: list[Step] = []
    total = 0.0
    for label, term in terms:
        total += term
        steps.append(Step(label=label, value=round(term, 4), total=round(total, 4)))
    if total < LOW:
        interp = "Low risk (< 6.71): 90-day survival 100% in the derivation cohort."
    elif total < HIGH:
        interp = "Intermediate risk (6.71-8.99): 90-day survival 70%."
    else:
        interp = "High risk (≥ 9): 90-day survival 25%."
    return CalcResult(calculator=META.id, value=round(total, 2), interpretation=interp, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.number("age"),
        "bilirubin": ah.bilirubin(f),
        "inr": f.number("inr"),
        "creatinine": f.quantity("creatinine", default_unit="mg/dL"),
    }
