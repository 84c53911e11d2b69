"""SMART-COP score for intensive respiratory or vasopressor support in pneumonia."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="smart_cop",
    name="SMART-COP Score for Pneumonia Severity",
    synonyms=("SMART-COP", "SMARTCOP", "SMART-COP score"),
    category="pulmonology",
    source="Charles PG, et al. SMART-COP: a tool for predicting the need for intensive "
    "respiratory or vasopressor support in community-acquired pneumonia. Clin Infect "
    "Dis. 2008;47(3):375-84.",
    doi="10.1086/589754",
    output_type="integer",
    unit=None,
    description="Predicts intensive respiratory or vasopressor support (IRVS) in "
    "community-acquired pneumonia (0–11).",
)


class Inputs(CalcInputs):
    """Inputs of SMART-COP (respiratory rate and oxygenation thresholds depend on age)."""

    low_systolic_bp: bool = Field(description="Systolic BP <90 mmHg (2)")
    multilobar_infiltrates: bool = Field(description="Multilobar chest X-ray involvement (1)")
    low_albumin: bool = Field(description="Albumin <3.5 g/dL (1)")
    high_respiratory_rate: bool = Field(
        description="Respiratory rate ≥25 if age ≤50, ≥30 if age >50 (1)"
    )
    tachycardia: bool = Field(description="Heart rate ≥125 /min (1)")
    confusion: bool = Field(description="New confusion (1)")
    low_oxygenation: bool = Field(
        description="Age ≤50: PaO₂ <70 mmHg, SaO₂ ≤93% or P/F <333; age >50: PaO₂ <60 mmHg, "
        "SaO₂ ≤90% or P/F <250 (2)"
    )
    low_ph: bool = Field(description="Arterial pH <7.35 (2)")


def compute(inputs: Inputs) -> CalcResult:
    """Weights from Charles 2008."""
    items = [
        ("Systolic BP <90", inputs.low_systolic_bp, 2),
        ("Multilobar involvement", inputs.multilobar_infiltrates, 1),
        ("Albumin <3.5 g/dL", inputs.low_albumin, 1),
        ("Respiratory rate high for age", inputs.high_respiratory_rate, 1),
        ("Tachycardia ≥125", inputs.tachycardia, 1),
        ("Confusion", inputs.confusion, 1),
        ("Low oxygenation for age", inputs.low_oxygenation, 2),
        ("Arterial pH <7.35", inputs.low_ph, 2),
    ]
    steps, total = tally((label, v, pts if v else 0) for label, v, pts in items)
    # Charles 2008: 0–2 low, 3–4 moderate (1 in 8), 5–6 high (1 in 3), ≥7 very high (2 in 3).
    label = (
        "Low risk of needing IRVS (0–2)"
        if total <= 2
        else "Moderate risk (3–4): 1 in 8 need IRVS"
        if total <= 4
        else "High risk (5–6): 1 in 3 need IRVS"
        if total <= 6
        else "Very high risk (≥7): 2 in 3 need IRVS"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (eight yes/no criteria; age is informational) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "low_systolic_bp": f.yes("sbp", "systolic"),
        "multilobar_infiltrates": f.yes("multi lobar", "multilobar"),
        "low_albumin": f.yes("albumin"),
        "high_respiratory_rate": f.yes("respiratory"),
        "tachycardia": f.yes("tachycardia", "heart rate"),
        "confusion": f.yes("confusion"),
        "low_oxygenation": f.yes("pao", "oxygen", "sao"),
        "low_ph": f.yes("ph"),
    }
