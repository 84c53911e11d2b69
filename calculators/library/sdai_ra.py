"""Simple Disease Activity Index (SDAI) for rheumatoid arthritis."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _ra_activity as ra
from m3agent.calculators.library._medmcp_fields import Fields

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
    patient_global: float = ra.global_0_10_field("Patient")
    evaluator_global: float = ra.global_0_10_field("Evaluator")
    crp: float = quantity("crp", "mg/dL", ge=0, le=50, description="C-reactive protein")


def compute(inputs: Inputs) -> CalcResult:
    """SDAI = TJC28 + SJC28 + patient global + evaluator global + CRP (mg/dL)."""
    s = ra.clinical_score(inputs)
    s.add("CRP (mg/dL)", round(inputs.crp, 2), inputs.crp)
    # ACR (Anderson 2012) bands: remission ≤ 3.3, low ≤ 11, moderate ≤ 26, high > 26.
    return ra.clinical_result(META.id, "SDAI", s, 3.3, 11.0, 26.0)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (CRP with its unit, mg/dL when bare)."""
    f = Fields(inputs, META.id)
    return {
        **ra.read_joints(f),
        **ra.read_globals_0_10(f),
        "crp": f.quantity("crp", "c reactive", default_unit="mg/dL"),
    }
