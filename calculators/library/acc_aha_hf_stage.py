"""ACC/AHA stages of heart failure (A-D)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="acc_aha_hf_stage",
    name="ACC/AHA Heart Failure Staging",
    synonyms=("ACC/AHA HF stage", "ACC/AHA heart failure stages", "AHA heart failure stage"),
    category="cardiology",
    source="Hunt SA, Baker DW, Chin MH, et al. ACC/AHA guidelines for the evaluation and "
    "management of chronic heart failure in the adult. Circulation. 2001;104(24):2996-3007; "
    "stage names as updated in Heidenreich PA, et al. 2022 AHA/ACC/HFSA Guideline for the "
    "Management of Heart Failure. Circulation. 2022;145(18):e895-e1032.",
    output_type="text",
    description="Stage A (at risk), B (structural disease, no symptoms), C (structural "
    "disease with prior or current symptoms) or D (refractory/advanced heart failure).",
)

# Stage definitions (Hunt 2001; names per the 2022 AHA/ACC/HFSA guideline).
_STAGES = {
    "A": "At risk for heart failure: risk factors (hypertension, CAD, diabetes, obesity, "
    "cardiotoxins, family history of cardiomyopathy) without structural heart disease or symptoms",
    "B": "Pre-heart failure: structural heart disease or abnormal function/filling pressures "
    "without signs or symptoms of heart failure",
    "C": "Symptomatic heart failure: structural heart disease with current or prior symptoms "
    "of heart failure",
    "D": "Advanced heart failure: marked symptoms that interfere with daily life and recurrent "
    "hospitalisations despite guideline-directed therapy",
}


class Inputs(CalcInputs):
    """The findings that place a patient on the ACC/AHA staging ladder."""

    risk_factors: bool = Field(
        description="Risk factors for HF (hypertension, atherosclerotic disease, diabetes, "
        "obesity, metabolic syndrome, cardiotoxin exposure, family history of cardiomyopathy)"
    )
    structural_heart_disease: bool = Field(
        description="Structural heart disease, abnormal cardiac function or raised filling "
        "pressures / natriuretic peptides or troponin"
    )
    hf_symptoms_current_or_prior: bool = Field(
        description="Current or prior symptoms or signs of heart failure"
    )
    refractory_symptoms: bool = Field(
        description="Marked symptoms at rest or recurrent hospitalisation despite maximal "
        "guideline-directed therapy (advanced HF)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Place the patient at the highest stage whose defining finding is present."""
    i = inputs
    if i.refractory_symptoms:
        stage = "D"
    elif i.hf_symptoms_current_or_prior:
        stage = "C"
    elif i.structural_heart_disease:
        stage = "B"
    elif i.risk_factors:
        stage = "A"
    else:
        stage = ""
    steps = [
        Step(label="Risk factors for HF", value=i.risk_factors),
        Step(label="Structural heart disease", value=i.structural_heart_disease),
        Step(label="Current or prior HF symptoms", value=i.hf_symptoms_current_or_prior),
        Step(label="Refractory / advanced HF", value=i.refractory_symptoms),
    ]
    if not stage:
        return CalcResult(
            calculator=META.id,
            value="No stage",
            interpretation="No stage: no heart-failure risk factor, structural disease or "
            "symptoms recorded.",
            steps=steps,
        )
    return CalcResult(
        calculator=META.id,
        value=f"Stage {stage}",
        interpretation=f"Stage {stage}: {_STAGES[stage]}.",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc staging inputs (yes/no per stage-defining finding) → Inputs."""
    f = Fields(inputs, META.id)

    def flag(*keys: str) -> bool:
        return f.yes(*keys) if f.has(*keys) else False

    return {
        "risk_factors": flag("risk factor", "at risk", "stage a"),
        "structural_heart_disease": flag("structural", "stage b"),
        "hf_symptoms_current_or_prior": flag("hf symptom", "current or prior", "stage c"),
        "refractory_symptoms": flag("refractory", "advanced", "stage d"),
    }
