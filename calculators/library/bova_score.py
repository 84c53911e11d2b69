"""Bova score for pulmonary embolism complications."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="bova_score",
    name="Bova Score for Pulmonary Embolism Complications",
    synonyms=("Bova score", "Bova risk score"),
    category="pulmonology",
    source=(
        "Bova C, Sanchez O, Prandoni P, et al. Identification of intermediate-risk patients "
        "with acute symptomatic pulmonary embolism. Eur Respir J. 2014;44(3):694-703."
    ),
    doi="10.1183/09031936.00006114",
    pmid="24696111",
    output_type="integer",
    description="Stages normotensive PE by systolic BP 90-100, elevated troponin, RV "
    "dysfunction and heart rate ≥110 (30-day PE-related complications).",
)


class Inputs(QuantityInputs):
    """Inputs of the Bova score."""

    systolic_bp: float = quantity("pressure", "mmHg", ge=40, le=300, description="Systolic BP")
    elevated_troponin: bool = Field(description="Cardiac troponin above the upper limit")
    rv_dysfunction: bool = Field(description="RV dysfunction on echocardiography or CT")
    heart_rate: float = quantity("rate", "/min", ge=20, le=250, description="Heart rate")


def compute(inputs: Inputs) -> CalcResult:
    """SBP 90-100 → 2; troponin → 2; RV dysfunction → 2; HR ≥110 → 1 (Bova 2014)."""
    i = inputs
    steps, total = tally(
        [
            ("SBP 90-100 mmHg", i.systolic_bp, 2 if 90 <= i.systolic_bp <= 100 else 0),
            ("Elevated troponin", i.elevated_troponin, 2 if i.elevated_troponin else 0),
            ("RV dysfunction", i.rv_dysfunction, 2 if i.rv_dysfunction else 0),
            ("Heart rate ≥110", i.heart_rate, 1 if i.heart_rate >= 110 else 0),
        ]
    )
    score = int(total)
    label = (
        "Stage I: low risk of 30-day PE-related complications"
        if score <= 2
        else "Stage II: intermediate risk"
        if score <= 4
        else "Stage III: high risk"
    )
    warnings = []
    if i.systolic_bp < 90:
        warnings.append("SBP < 90 mmHg is high-risk (unstable) PE: the Bova score does not apply.")
    return CalcResult(
        calculator=META.id, value=score, interpretation=label, steps=steps, warnings=warnings
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Bova inputs → Inputs."""
    return {
        "systolic_bp": mm.number(mm.get(inputs, r"systolic")),
        "elevated_troponin": mm.yes(mm.get(inputs, r"troponin")),
        "rv_dysfunction": mm.yes(mm.get(inputs, r"\brv\b|right ventric")),
        "heart_rate": mm.number(mm.get(inputs, r"heart rate")),
    }
