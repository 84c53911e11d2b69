"""ALBI (albumin-bilirubin) score and grade for liver function in hepatocellular carcinoma."""

from __future__ import annotations

import math
from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="albi_grade",
    name="ALBI (Albumin-Bilirubin) Grade for Hepatocellular Carcinoma (HCC)",
    synonyms=("ALBI", "ALBI grade", "ALBI score", "albumin-bilirubin grade"),
    category="hepatology",
    source="Johnson PJ, Berhane S, Kagebayashi C, et al. Assessment of liver function in "
    "patients with hepatocellular carcinoma: a new evidence-based approach - the ALBI grade. "
    "J Clin Oncol. 2015;33(6):550-558.",
    output_type="decimal",
    description="ALBI = 0.66 × log10(bilirubin µmol/L) − 0.085 × albumin (g/L); grade 1 "
    "≤ −2.60, grade 2 > −2.60 to ≤ −1.39, grade 3 > −1.39.",
)

# Johnson 2015 coefficients and cut-offs (confirmed against the aihaoyisheng.com and
# calculator.city ALBI pages): 0.66, −0.085; grades at −2.60 and −1.39.
_BILIRUBIN_COEF = 0.66
_ALBUMIN_COEF = -0.085
_GRADE_1_MAX = -2.60
_GRADE_2_MAX = -1.39


class Inputs(QuantityInputs):
    """Inputs of the ALBI score."""

    bilirubin: float = quantity("bilirubin", "umol/L", ge=1, le=1000, description="Total bilirubin")
    albumin: float = quantity("albumin", "g/L", ge=5, le=70, description="Serum albumin")


def compute(inputs: Inputs) -> CalcResult:
    """ALBI score and grade (Johnson 2015)."""
    bili_term = _BILIRUBIN_COEF * math.log10(inputs.bilirubin)
    alb_term = _ALBUMIN_COEF * inputs.albumin
    score = bili_term + alb_term
    grade = 1 if score <= _GRADE_1_MAX else 2 if score <= _GRADE_2_MAX else 3
    return CalcResult(
        calculator=META.id,
        value=round(score, 3),
        interpretation=f"ALBI grade {grade} (score {score:.2f}; grade 1 ≤ −2.60, grade 3 > −1.39)",
        steps=[
            Step(
                label="Bilirubin term",
                value=round(bili_term, 4),
                detail="0.66 × log10(bilirubin µmol/L)",
            ),
            Step(label="Albumin term", value=round(alb_term, 4), detail="−0.085 × albumin g/L"),
            Step(label="ALBI score", value=round(score, 3), detail="sum of the two terms"),
        ],
        extra={"grade": grade},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (bilirubin, albumin) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "bilirubin": f.quantity("bilirubin", default_unit="mg/dL"),
        "albumin": f.quantity("albumin", default_unit="g/dL"),
    }
