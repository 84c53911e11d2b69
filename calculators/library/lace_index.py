"""LACE index: 30-day death or unplanned readmission after discharge."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_fields as mf
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="lace_index",
    name="LACE Index for Readmission",
    synonyms=("LACE", "LACE index", "LACE score"),
    category="general medicine",
    source="van Walraven C, Dhalla IA, Bell C, et al. Derivation and validation of an index to "
    "predict early death or unplanned readmission after discharge from hospital to the "
    "community. CMAJ. 2010;182(6):551-557.",
    doi="10.1503/cmaj.091117",
    output_type="integer",
    description="Length of stay, acuity of admission, Charlson comorbidity index and emergency "
    "visits in the previous 6 months, 0-19 points.",
)


class Inputs(CalcInputs):
    """Inputs of the LACE index."""

    length_of_stay: int = Field(ge=0, le=1000, description="Length of stay in days")
    acute_admission: bool = Field(description="Acute (emergent) admission (+3)")
    charlson: int = Field(ge=0, le=40, description="Charlson comorbidity index score")
    ed_visits: int = Field(
        ge=0, le=100, description="Emergency department visits in the previous 6 months"
    )


def _los_points(days: int) -> int:
    # van Walraven 2010: < 1 day 0, 1: 1, 2: 2, 3: 3, 4-6: 4, 7-13: 5, ≥ 14: 7.
    if days <= 3:
        return days
    return 4 if days <= 6 else 5 if days <= 13 else 7


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the L, A, C and E points."""
    i = inputs
    s = Score()
    s.add("L: length of stay (days)", i.length_of_stay, _los_points(i.length_of_stay))
    s.flag("A: acute (emergent) admission", i.acute_admission, 3)
    # Charlson 0-3 score as such; ≥ 4 scores 5.
    s.add("C: Charlson comorbidity index", i.charlson, i.charlson if i.charlson <= 3 else 5)
    s.add("E: ED visits in previous 6 months (max 4)", i.ed_visits, min(i.ed_visits, 4))
    total = int(s.total)
    # A total of 10 or more is the cut-off commonly used for high risk (van Walraven 2010
    # reported expected 30-day risk rising from 2% at 0 to over 40% at 19).
    risk = "High risk" if total >= 10 else "Lower risk"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{risk} of death or unplanned readmission within 30 days "
        f"(LACE {total}; ≥ 10 is high risk).",
        steps=s.steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Length of stay': '5 days', 'Acute admission': 'Yes', ...)."""
    f = mf.Fields(inputs, META.id)
    return {
        "length_of_stay": int(f.number("length of stay", "los")),
        "acute_admission": f.yes("acute", "acuity", "emergent"),
        "charlson": int(f.number("charlson", "comorbidit")),
        "ed_visits": int(f.number("emergency", "ed visits", "ed use")),
    }
