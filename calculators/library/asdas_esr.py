"""Ankylosing Spondylitis Disease Activity Score with ESR (ASDAS-ESR)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="asdas_esr",
    name="Ankylosing Spondylitis Disease Activity Score with ESR (ASDAS-ESR)",
    synonyms=("ASDAS-ESR", "ASDAS ESR"),
    category="rheumatology",
    source="Lukas C, et al. Development of an ASAS-endorsed disease activity score (ASDAS) in "
    "patients with ankylosing spondylitis. Ann Rheum Dis. 2009;68(1):18-24; cut-offs "
    "Machado P, et al. Ann Rheum Dis. 2011;70(1):47-53.",
    doi="10.1136/ard.2008.094870",
    output_type="decimal",
    unit=None,
    description="0.08 × back pain + 0.07 × morning stiffness duration + 0.11 × patient global "
    "+ 0.09 × peripheral pain/swelling + 0.29 × √ESR.",
)


def _vas(description: str) -> Any:
    return Field(ge=0, le=10, description=f"{description} [0–10]")


class Inputs(QuantityInputs):
    """Inputs of the ASDAS-ESR (patient questions on a 0–10 scale)."""

    back_pain: float = _vas("Total back pain (BASDAI question 2)")
    morning_stiffness_duration: float = _vas("Duration of morning stiffness (BASDAI question 6)")
    patient_global: float = _vas("Patient global assessment of disease activity")
    peripheral_pain_swelling: float = _vas("Peripheral pain/swelling (BASDAI question 3)")
    esr: float = Field(ge=0, le=200, description="Erythrocyte sedimentation rate [mm/h]")


def compute(inputs: Inputs) -> CalcResult:
    """ASDAS-ESR = 0.08 BP + 0.07 DMS + 0.11 PtGl + 0.09 P/S + 0.29 √ESR (Lukas 2009)."""
    terms = [
        ("Back pain × 0.08", 0.08 * inputs.back_pain),
        ("Morning stiffness duration × 0.07", 0.07 * inputs.morning_stiffness_duration),
        ("Patient global × 0.11", 0.11 * inputs.patient_global),
        ("Peripheral pain/swelling × 0.09", 0.09 * inputs.peripheral_pain_swelling),
        ("√ESR × 0.29", 0.29 * math.sqrt(inputs.esr)),
    ]
    total = 0.0
    steps = []
    for label, value in terms:
        total += value
        steps.append(Step(label=label, value=round(value, 3), total=round(total, 3)))
    # Machado 2011 (updated 2018): <1.3 inactive; 1.3 to <2.1 low; 2.1–3.5 high; >3.5 very high.
    if total < 1.3:
        label = "Inactive disease (<1.3)"
    elif total < 2.1:
        label = "Low disease activity (1.3–2.1)"
    elif total <= 3.5:
        label = "High disease activity (2.1–3.5)"
    else:
        label = "Very high disease activity (>3.5)"
    return CalcResult(calculator=META.id, value=round(total, 2), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (four 0–10 answers and ESR) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "back_pain": f.number("back pain"),
        "morning_stiffness_duration": f.number("morning stiffness"),
        "patient_global": f.number("global"),
        "peripheral_pain_swelling": f.number("peripheral"),
        "esr": f.number("esr", "sedimentation"),
    }
