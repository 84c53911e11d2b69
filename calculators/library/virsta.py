"""VIRSTA score: risk of infective endocarditis in Staphylococcus aureus bacteraemia."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="virsta",
    name="VIRSTA Score",
    synonyms=("VIRSTA", "VIRSTA score for endocarditis"),
    category="infectious disease",
    source="Tubiana S, et al. The VIRSTA score, a prediction score to estimate risk of "
    "infective endocarditis and determine priority for echocardiography in patients "
    "with Staphylococcus aureus bacteremia. J Infect. 2016;72(5):544-53.",
    doi="10.1016/j.jinf.2016.02.003",
    output_type="integer",
    unit=None,
    description="Bedside risk of endocarditis in S. aureus bacteraemia; ≥3 warrants "
    "echocardiography (TEE).",
)


class Inputs(QuantityInputs):
    """Inputs of the VIRSTA score."""

    emboli: bool = Field(description="Cerebral or peripheral emboli (5)")
    meningitis: bool = Field(description="Meningitis (5)")
    intracardiac_device_or_prior_ie: bool = Field(
        description="Permanent intracardiac device or previous infective endocarditis (4)"
    )
    native_valve_disease: bool = Field(description="Pre-existing native valve disease (3)")
    intravenous_drug_use: bool = Field(description="Intravenous drug use (4)")
    persistent_bacteremia: bool = Field(description="Persistent bacteraemia ≥48 h (3)")
    vertebral_osteomyelitis: bool = Field(description="Vertebral osteomyelitis (2)")
    community_acquisition: bool = Field(
        description="Community or non-nosocomial healthcare-associated acquisition (2)"
    )
    severe_sepsis_or_shock: bool = Field(description="Severe sepsis or septic shock (1)")
    crp: float = quantity(
        "crp", "mg/L", ge=0, le=1000, description="C-reactive protein (>190 mg/L: 1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Weights from Tubiana 2016."""
    items = [
        ("Cerebral or peripheral emboli", inputs.emboli, 5),
        ("Meningitis", inputs.meningitis, 5),
        ("Intracardiac device or previous IE", inputs.intracardiac_device_or_prior_ie, 4),
        ("Native valve disease", inputs.native_valve_disease, 3),
        ("Intravenous drug use", inputs.intravenous_drug_use, 4),
        ("Persistent bacteraemia", inputs.persistent_bacteremia, 3),
        ("Vertebral osteomyelitis", inputs.vertebral_osteomyelitis, 2),
        ("Community or non-nosocomial acquisition", inputs.community_acquisition, 2),
        ("Severe sepsis or shock", inputs.severe_sepsis_or_shock, 1),
    ]
    crit = [(label, v, pts if v else 0) for label, v, pts in items]
    crit.append(("CRP >190 mg/L", inputs.crp, 1 if inputs.crp > 190 else 0))
    steps, total = tally(crit)
    # Tubiana 2016: score ≤2 had a negative predictive value of ~98.8% for endocarditis.
    label = (
        "High risk (≥3): perform echocardiography (TEE)"
        if total >= 3
        else "Low risk (≤2): endocarditis unlikely; TEE may be deferred"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the ten VIRSTA items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "emboli": f.yes("emboli"),
        "meningitis": f.yes("meningitis"),
        "intracardiac_device_or_prior_ie": f.yes("intracardiac", "previous ie", "prior ie"),
        "native_valve_disease": f.yes("native valve"),
        "intravenous_drug_use": f.yes("drug use", "ivdu"),
        "persistent_bacteremia": f.yes("persistent"),
        "vertebral_osteomyelitis": f.yes("vertebral"),
        "community_acquisition": f.yes("community", "acquisition"),
        "severe_sepsis_or_shock": f.yes("sepsis", "shock"),
        "crp": f.quantity("crp", "c reactive", default_unit="mg/L"),
    }
