"""Disease Activity Score-28 for rheumatoid arthritis with CRP (DAS28-CRP)."""

from __future__ import annotations

import math
from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _ra_activity as ra
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="das28_crp",
    name="Disease Activity Score-28 for Rheumatoid Arthritis with CRP (DAS28-CRP)",
    synonyms=("DAS28-CRP", "DAS28 CRP"),
    category="rheumatology",
    source="DAS28-CRP(4) = 0.56 √TJC28 + 0.28 √SJC28 + 0.36 ln(CRP + 1) + 0.014 GH + 0.96, "
    "as published by the DAS authors (das-score.nl, 'alternative validated formulae', "
    "Radboud University Nijmegen); DAS28: Prevoo ML, et al. Arthritis Rheum. "
    "1995;38(1):44-48.",
    output_type="decimal",
    description="RA disease activity from 28 tender/swollen joint counts, CRP (mg/L) and "
    "patient global health (0-100 mm).",
)


class Inputs(QuantityInputs):
    """Inputs of DAS28-CRP."""

    tender_joints: int = ra.joints("Tender")
    swollen_joints: int = ra.joints("Swollen")
    crp: float = quantity("crp", "mg/L", ge=0, le=500, description="C-reactive protein")
    patient_global: float = ra.global_health_mm()


def compute(inputs: Inputs) -> CalcResult:
    """DAS28-CRP = 0.56 √TJC + 0.28 √SJC + 0.36 ln(CRP mg/L + 1) + 0.014 × GH + 0.96."""
    term = 0.36 * math.log(inputs.crp + 1)
    return ra.das28_result(META.id, "DAS28-CRP", inputs, term, "0.36 × ln(CRP + 1)", 0.96)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (CRP with its unit, mg/L when bare)."""
    f = Fields(inputs, META.id)
    return {
        **ra.read_joints(f),
        "crp": f.quantity("crp", "c reactive", default_unit="mg/L"),
        "patient_global": ra.read_das28_global(f),
    }
