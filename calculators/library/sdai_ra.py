"""Simple Disease Activity Index (SDAI) for rheumatoid arthritis."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _ra_activity as ra
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="sdai_ra",
    name="Simple Disease Activity Index (SDAI) for Rheumatoid Arthritis",
    synonyms=("SDAI", "Simplified Disease Activity Index", "SDAI for RA"),
    category="rheumatology",
    source="Smolen JS, Breedveld FC, Schiff MH, et al. A simplified disease activity index for "
    "rheumatoid arthritis for use in clinical practice. Rheumatology (Oxford). "
    "2003;42(2):244-257; bands per ACR (Anderson J, et al. Arthritis Care Res. "
    "2012;64(5):640-647).",
    output_type="decimal",
    description="RA disease activity (0-86): CDAI components plus CRP in mg/dL.",
)


class Inputs(QuantityInputs):
    """Inputs of the SDAI."""

    tender_joints: int = ra.joints("Tender")
    swollen_joints: int = ra.joints("Swollen")
    patient_global: float = Field(ge=0, le=10, description="Patient global assessment, 0-10")
    evaluator_global: float = Field(ge=0, le=10, description="Evaluator global assessment, 0-10")
    crp: float = quantity("crp", "mg/dL", ge=0, le=50, description="C-reactive protein")


def compute(inputs: Inputs) -> CalcResult:
    """SDAI = TJC28 + SJC28 + patient global + evaluator global + CRP (mg/dL)."""
    i = inputs
    s = Score()
    s.add("Tender joints (28)", i.tender_joints, i.tender_joints)
    s.add("Swollen joints (28)", i.swollen_joints, i.swollen_joints)
    s.add("Patient global (0-10)", i.patient_global, i.patient_global)
    s.add("Evaluator global (0-10)", i.evaluator_global, i.evaluator_global)
    s.add("CRP (mg/dL)", round(i.crp, 2), i.crp)
    total = round(s.total, 1)
    band = ra.upper_band(total, 3.3, 11.0, 26.0)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band} disease activity (SDAI {total:g}; remission ≤ 3.3, low ≤ 11, "
        "moderate ≤ 26, high > 26).",
        steps=s.steps,
        extra={"category": band},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (CRP with its unit, mg/dL when bare)."""
    f = Fields(inputs, META.id)
    return {
        **ra.read_joints(f),
        "patient_global": ra.global_0_10(f, "patient global", "patient"),
        "evaluator_global": ra.global_0_10(f, "evaluator", "provider", "physician"),
        "crp": f.quantity("crp", "c reactive", default_unit="mg/dL"),
    }
