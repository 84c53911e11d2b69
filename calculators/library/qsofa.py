"""qSOFA (quick SOFA) score for sepsis."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="qsofa",
    name="qSOFA (Quick SOFA) Score for Sepsis",
    synonyms=("qSOFA", "quick SOFA", "quickSOFA"),
    category="critical care",
    source="Seymour CW, et al. Assessment of clinical criteria for sepsis: for the Third "
    "International Consensus Definitions for Sepsis and Septic Shock (Sepsis-3). JAMA. "
    "2016;315(8):762-74.",
    doi="10.1001/jama.2016.0288",
    output_type="integer",
    unit=None,
    description="Bedside prompt (0–3) for infected patients outside the ICU likely to have "
    "poor outcomes: ≥2 is high risk.",
)


class Inputs(CalcInputs):
    """Inputs of qSOFA."""

    altered_mentation: bool = Field(description="Altered mental status (GCS <15)")
    respiratory_rate_22_or_more: bool = Field(description="Respiratory rate ≥22 /min")
    systolic_bp_100_or_less: bool = Field(description="Systolic blood pressure ≤100 mmHg")


def compute(inputs: Inputs) -> CalcResult:
    """One point per criterion (Seymour 2016)."""
    steps, total = tally(
        [
            (
                "Altered mentation (GCS <15)",
                inputs.altered_mentation,
                1 if inputs.altered_mentation else 0,
            ),
            (
                "Respiratory rate ≥22",
                inputs.respiratory_rate_22_or_more,
                1 if inputs.respiratory_rate_22_or_more else 0,
            ),
            (
                "Systolic BP ≤100",
                inputs.systolic_bp_100_or_less,
                1 if inputs.systolic_bp_100_or_less else 0,
            ),
        ]
    )
    label = (
        "High risk (≥2): 3- to 14-fold higher in-hospital mortality; assess for organ "
        "dysfunction (full SOFA, lactate)"
        if total >= 2
        else "Not high risk (<2): keep monitoring if sepsis is still suspected"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (three yes/no criteria) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "altered_mentation": f.yes("mental", "gcs"),
        "respiratory_rate_22_or_more": f.yes("respiratory"),
        "systolic_bp_100_or_less": f.yes("systolic"),
    }
