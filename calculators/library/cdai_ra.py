"""Clinical Disease Activity Index (CDAI) for rheumatoid arthritis."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _ra_activity as ra
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="cdai_ra",
    name="Clinical Disease Activity Index (CDAI) for Rheumatoid Arthritis",
    synonyms=("CDAI for RA", "Clinical Disease Activity Index", "RA CDAI"),
    category="rheumatology",
    source="Aletaha D, Nell VP, Stamm T, et al. Acute phase reactants add little to composite "
    "disease activity indices for rheumatoid arthritis: validation of a clinical activity "
    "score. Arthritis Res Ther. 2005;7(4):R796-R806; bands per ACR (Anderson J, et al. "
    "Arthritis Care Res. 2012;64(5):640-647).",
    output_type="decimal",
    description="RA disease activity (0-76): 28 tender + swollen joints + patient and evaluator "
    "global assessments (0-10 each).",
)


class Inputs(CalcInputs):
    """Inputs of the CDAI."""

    tender_joints: int = ra.joints("Tender")
    swollen_joints: int = ra.joints("Swollen")
    patient_global: float = Field(ge=0, le=10, description="Patient global assessment, 0-10")
    evaluator_global: float = Field(ge=0, le=10, description="Evaluator global assessment, 0-10")


def compute(inputs: Inputs) -> CalcResult:
    """CDAI = TJC28 + SJC28 + patient global + evaluator global."""
    i = inputs
    s = Score()
    s.add("Tender joints (28)", i.tender_joints, i.tender_joints)
    s.add("Swollen joints (28)", i.swollen_joints, i.swollen_joints)
    s.add("Patient global (0-10)", i.patient_global, i.patient_global)
    s.add("Evaluator global (0-10)", i.evaluator_global, i.evaluator_global)
    total = round(s.total, 1)
    band = ra.upper_band(total, 2.8, 10.0, 22.0)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band} disease activity (CDAI {total:g}; remission ≤ 2.8, low ≤ 10, "
        "moderate ≤ 22, high > 22).",
        steps=s.steps,
        extra={"category": band},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {
        **ra.read_joints(f),
        "patient_global": ra.global_0_10(f, "patient global", "patient"),
        "evaluator_global": ra.global_0_10(f, "evaluator", "provider", "physician"),
    }
