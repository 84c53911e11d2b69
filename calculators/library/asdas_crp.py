"""Ankylosing Spondylitis Disease Activity Score with CRP (ASDAS-CRP)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="asdas_crp",
    name="Ankylosing Spondylitis Disease Activity Score with CRP (ASDAS-CRP)",
    synonyms=("ASDAS-CRP", "ASDAS CRP"),
    category="rheumatology",
    source=(
        "Lukas C, Landewé R, Sieper J, et al. Development of an ASAS-endorsed disease activity "
        "score (ASDAS) in patients with ankylosing spondylitis. Ann Rheum Dis. 2009;68(1):18-24; "
        "cut-offs: Machado P, et al. Ann Rheum Dis. 2011;70(1):47-53."
    ),
    doi="10.1136/ard.2008.094870",
    pmid="18625618",
    output_type="decimal",
    description="0.12 back pain + 0.06 morning stiffness + 0.11 patient global + 0.07 "
    "peripheral pain/swelling + 0.58 ln(CRP mg/L + 1).",
)


class Inputs(CalcInputs):
    """Inputs of ASDAS-CRP (patient-reported items on 0-10 scales)."""

    back_pain: float = Field(ge=0, le=10, description="Total back pain (0-10)")
    morning_stiffness: float = Field(
        ge=0, le=10, description="Duration of morning stiffness (0-10)"
    )
    patient_global: float = Field(ge=0, le=10, description="Patient global disease activity (0-10)")
    peripheral: float = Field(ge=0, le=10, description="Peripheral pain/swelling (0-10)")
    crp_mg_l: float = Field(ge=0, le=500, description="C-reactive protein [mg/L]")


def compute(inputs: Inputs) -> CalcResult:
    """Apply the ASDAS-CRP formula (Lukas 2009) and the Machado 2011 cut-offs."""
    i = inputs
    terms = [
        ("Back pain x 0.12", 0.12 * i.back_pain),
        ("Morning stiffness x 0.06", 0.06 * i.morning_stiffness),
        ("Patient global x 0.11", 0.11 * i.patient_global),
        ("Peripheral pain/swelling x 0.07", 0.07 * i.peripheral),
        ("0.58 x ln(CRP + 1)", 0.58 * math.log(i.crp_mg_l + 1)),
    ]
    score = sum(v for _, v in terms)
    label = (
        "Inactive disease"
        if score < 1.3
        else "Low disease activity"
        if score < 2.1
        else "High disease activity"
        if score <= 3.5
        else "Very high disease activity"
    )
    warnings = []
    if i.crp_mg_l < 2:
        alt = score - terms[-1][1] + 0.58 * math.log(3)
        warnings.append(
            f"CRP below 2 mg/L: ASAS advises using 2 mg/L as a constant (score would be {alt:.2f})."
        )
    return CalcResult(
        calculator=META.id,
        value=round(score, 2),
        interpretation=label,
        steps=[Step(label=lbl, value=round(v, 3)) for lbl, v in terms],
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ASDAS-CRP inputs → Inputs (CRP in mg/L)."""
    crp = mm.quantity(mm.get(inputs, r"\bcrp\b"), "mg/L")
    value = crp[0] * 10 if crp[1].lower() == "mg/dl" else crp[0]
    return {
        "back_pain": mm.number(mm.get(inputs, r"back pain")),
        "morning_stiffness": mm.number(mm.get(inputs, r"stiffness")),
        "patient_global": mm.number(mm.get(inputs, r"global")),
        "peripheral": mm.number(mm.get(inputs, r"peripheral")),
        "crp_mg_l": value,
    }
