"""Disease Activity Score-28 for rheumatoid arthritis with ESR (DAS28-ESR)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _ra_activity as ra
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="das28_esr",
    name="Disease Activity Score-28 for Rheumatoid Arthritis with ESR (DAS28-ESR)",
    synonyms=("DAS28-ESR", "DAS28 ESR", "DAS28"),
    category="rheumatology",
    source="Prevoo ML, van 't Hof MA, Kuper HH, et al. Modified disease activity scores that "
    "include twenty-eight-joint counts. Arthritis Rheum. 1995;38(1):44-48; formula and bands "
    "as given by the DAS authors (das-score.nl) and ACR (Anderson 2012).",
    output_type="decimal",
    description="RA disease activity from 28 tender/swollen joint counts, ESR and patient "
    "global health (0-100 mm).",
)


class Inputs(CalcInputs):
    """Inputs of DAS28-ESR."""

    tender_joints: int = ra.joints("Tender")
    swollen_joints: int = ra.joints("Swollen")
    esr: float = Field(gt=0, le=200, description="ESR, mm/h (> 0: the formula takes ln ESR)")
    patient_global: float = ra.global_health_mm()


def compute(inputs: Inputs) -> CalcResult:
    """DAS28-ESR = 0.56 √TJC + 0.28 √SJC + 0.70 ln ESR + 0.014 × GH (das-score.nl)."""
    term = 0.70 * math.log(inputs.esr)
    return ra.das28_result(META.id, "DAS28-ESR", inputs, term, "0.70 × ln ESR", 0.0)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {
        **ra.read_joints(f),
        "esr": f.number("esr", "sedimentation"),
        "patient_global": ra.read_das28_global(f),
    }
