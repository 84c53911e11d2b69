"""Clinical Disease Activity Index (CDAI) for rheumatoid arthritis."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _ra_activity as ra
from m3agent.calculators.library._medmcp_fields import Fields

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
    patient_global: float = ra.global_0_10_field("Patient")
    evaluator_global: float = ra.global_0_10_field("Evaluator")


def compute(inputs: Inputs) -> CalcResult:
    """CDAI = TJC28 + SJC28 + patient global + evaluator global."""
    # ACR (Anderson 2012) bands: remission ≤ 2.8, low ≤ 10, moderate ≤ 22, high > 22.
    return ra.clinical_result(META.id, "CDAI", ra.clinical_score(inputs), 2.8, 10.0, 22.0)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {
        **ra.read_joints(f),
        **ra.read_globals_0_10(f),
    }
