"""H2FPEF score for heart failure with preserved ejection fraction."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="h2fpef",
    name="H2FPEF Score for Heart Failure with Preserved Ejection Fraction",
    synonyms=("H2FPEF", "H₂FPEF", "H2FPEF score"),
    category="cardiology",
    source="Reddy YNV, Carter RE, Obokata M, Redfield MM, Borlaug BA. A simple, evidence-based "
    "approach to help guide diagnosis of heart failure with preserved ejection fraction. "
    "Circulation. 2018;138(9):861-870.",
    output_type="integer",
    description="Points score (0-9) for HFpEF in unexplained dyspnoea: 0-1 low, 2-5 "
    "intermediate (further testing), 6-9 high probability.",
)


class Inputs(QuantityInputs):
    """Inputs of the H2FPEF points score."""

    bmi: float = quantity("bmi", "kg/m²", ge=10, le=100, description="BMI (>30 kg/m²: +2)")
    antihypertensives_2_or_more: bool = Field(
        description="Treated with ≥2 antihypertensive medicines (+1)"
    )
    atrial_fibrillation: bool = Field(description="Paroxysmal or persistent AF (+3)")
    pasp: float = quantity(
        "pressure",
        "mmHg",
        ge=5,
        le=150,
        description="Doppler echo pulmonary artery systolic pressure (>35 mmHg: +1)",
    )
    age: float = quantity("age", "years", ge=18, le=120, description="Age (>60 years: +1)")
    e_e_prime: float = Field(ge=1, le=60, description="Doppler echo E/e' ratio (>9: +1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the H2FPEF points (Reddy 2018, figure 3)."""
    i = inputs
    s = Score()
    s.add("Heavy: BMI >30 kg/m²", round(i.bmi, 1), 2 if i.bmi > 30 else 0, "+2")
    s.flag("Hypertensive: ≥2 antihypertensive medicines", i.antihypertensives_2_or_more, 1)
    s.flag("Atrial fibrillation (paroxysmal or persistent)", i.atrial_fibrillation, 3)
    s.add("Pulmonary hypertension: PASP >35 mmHg", i.pasp, 1 if i.pasp > 35 else 0, "+1")
    s.add("Elder: age >60", i.age, 1 if i.age > 60 else 0, "+1")
    s.add("Filling pressure: E/e' >9", i.e_e_prime, 1 if i.e_e_prime > 9 else 0, "+1")
    total = int(s.total)
    # Reddy 2018: scores 0-1 make HFpEF unlikely, 6-9 highly likely, 2-5 need further testing.
    if total <= 1:
        text = "Low probability of HFpEF: consider alternative causes of dyspnea"
    elif total <= 5:
        text = "Intermediate probability of HFpEF: further testing (e.g. exercise hemodynamics)"
    else:
        text = "High probability of HFpEF"
    return CalcResult(
        calculator=META.id, value=total, interpretation=f"{text} (H2FPEF {total}).", steps=s.steps
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc H2FPEF inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "bmi": f.quantity("bmi", "body mass"),
        "antihypertensives_2_or_more": f.yes("antihypertensive", "hypertensi"),
        "atrial_fibrillation": f.yes("atrial fibrillation", "af"),
        "pasp": f.quantity("pasp", "pulmonary artery systolic", "pulmonary", default_unit="mmHg"),
        "age": f.quantity("age", default_unit="years"),
        "e_e_prime": f.number("e e", "filling"),
    }
