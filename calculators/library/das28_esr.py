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
    patient_global: float = Field(
        ge=0, le=100, description="Patient global assessment of health, 0-100 mm VAS"
    )


def compute(inputs: Inputs) -> CalcResult:
    """DAS28-ESR = 0.56 √TJC + 0.28 √SJC + 0.70 ln ESR + 0.014 × GH (das-score.nl)."""
    i = inputs
    total, steps = ra.das28(
        i.tender_joints,
        i.swollen_joints,
        0.70 * math.log(i.esr),
        "0.70 × ln ESR",
        i.patient_global,
        0.0,
    )
    band = ra.das28_band(total)
    return CalcResult(
        calculator=META.id,
        value=round(total, 2),
        interpretation=f"{band} disease activity (DAS28-ESR {total:.2f}; remission < 2.6, "
        "low < 3.2, moderate ≤ 5.1, high > 5.1).",
        steps=steps,
        extra={"category": band},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {
        **ra.read_joints(f),
        "esr": f.number("esr", "sedimentation"),
        "patient_global": ra.global_0_100(f, "patient global", "global health", "global"),
    }
