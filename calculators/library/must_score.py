"""Malnutrition Universal Screening Tool (MUST)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="must_score",
    name="Malnutrition Universal Screening Tool (MUST)",
    synonyms=("MUST", "MUST score", "Malnutrition Universal Screening Tool"),
    category="nutrition",
    source=(
        "Elia M. The 'MUST' report. Nutritional screening of adults: a multidisciplinary "
        "responsibility. Redditch: BAPEN, 2003; Stratton RJ, et al. Br J Nutr. "
        "2004;92(5):799-808."
    ),
    doi="10.1079/bjn20041258",
    pmid="15533269",
    output_type="integer",
    description="BMI, unplanned weight loss and acute disease effect give 0-6 points; ≥2 is "
    "high risk of malnutrition.",
)


class Inputs(CalcInputs):
    """Inputs of MUST."""

    bmi: float = Field(ge=8, le=80, description="Body mass index [kg/m²]")
    weight_loss_percent: float = Field(
        ge=0, le=80, description="Unplanned weight loss in 3-6 months [%]"
    )
    acute_disease_no_intake: bool = Field(
        description="Acutely ill with no (or likely no) nutritional intake for >5 days"
    )


def compute(inputs: Inputs) -> CalcResult:
    """BMI >20/18.5-20/<18.5 → 0/1/2; loss <5/5-10/>10% → 0/1/2; acute disease → 2."""
    i = inputs
    bmi_pts = 0 if i.bmi > 20 else 1 if i.bmi >= 18.5 else 2
    loss_pts = 0 if i.weight_loss_percent < 5 else 1 if i.weight_loss_percent <= 10 else 2
    steps, total = tally(
        [
            ("BMI", i.bmi, bmi_pts),
            ("Weight loss %", i.weight_loss_percent, loss_pts),
            (
                "Acute disease effect",
                i.acute_disease_no_intake,
                2 if i.acute_disease_no_intake else 0,
            ),
        ]
    )
    score = int(total)
    label = (
        "Low risk: routine clinical care"
        if score == 0
        else "Medium risk: observe"
        if score == 1
        else "High risk: treat (refer to dietitian, improve intake, monitor)"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc MUST inputs → Inputs."""
    return {
        "bmi": mm.number(mm.get(inputs, r"\bbmi\b")),
        "weight_loss_percent": mm.number(mm.get(inputs, r"weight loss")),
        "acute_disease_no_intake": mm.yes(mm.get(inputs, r"acute")),
    }
