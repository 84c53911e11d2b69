"""MELD score, original (pre-2016 UNOS version, without sodium)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library.meld_na import _round_half_up

META = CalculatorMeta(
    id="meld_original",
    name="MELD Score (Original, Pre-2016, Model for End-Stage Liver Disease)",
    synonyms=("MELD", "MELD score", "Original MELD", "MELD (pre-2016)"),
    category="hepatology",
    source="Kamath PS, Wiesner RH, Malinchoc M, et al. A model to predict survival in patients "
    "with end-stage liver disease. Hepatology. 2001;33(2):464-470; UNOS/OPTN bounds (values < 1 "
    "set to 1, creatinine capped at 4 and set to 4 on dialysis, score capped at 40); "
    "3-month mortality bands from Wiesner R, et al. Gastroenterology. 2003;124(1):91-96.",
    output_type="integer",
    description="Severity of chronic liver disease from creatinine, bilirubin and INR, as used "
    "for liver allocation before MELD-Na (2016).",
)


class Inputs(QuantityInputs):
    """Inputs of the original MELD."""

    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Serum creatinine"
    )
    bilirubin: float = quantity("bilirubin", "mg/dL", ge=0.1, le=80, description="Total bilirubin")
    inr: float = Field(ge=0.5, le=20, description="INR")
    dialysis: bool = Field(
        description="Dialysis at least twice, or CVVHD ≥ 24 h, in the past week (creatinine set "
        "to 4)"
    )


def mortality(score: int) -> str:
    """Estimated 3-month mortality by MELD band (Wiesner 2003), as the MELD-Na module uses."""
    if score <= 9:
        return "1.9%"
    if score <= 19:
        return "6.0%"
    if score <= 29:
        return "19.6%"
    if score <= 39:
        return "52.6%"
    return "71.3%"


def compute(inputs: Inputs) -> CalcResult:
    """MELD = 10 × (0.957 ln Cr + 0.378 ln bili + 1.120 ln INR + 0.643), bounded (Kamath 2001).

    The coefficients are Kamath 2001's (the UNOS MELD(i) that :mod:`meld_na` also uses); UNOS
    rounds the bracket to the tenth before × 10 and the score to an integer, capped at 40.
    """
    cr = 4.0 if inputs.dialysis else min(max(inputs.creatinine, 1.0), 4.0)
    bili = max(inputs.bilirubin, 1.0)
    inr = max(inputs.inr, 1.0)
    raw = 0.957 * math.log(cr) + 0.378 * math.log(bili) + 1.120 * math.log(inr) + 0.643
    meld_i = _round_half_up(raw, 1) * 10
    score = min(int(_round_half_up(meld_i, 0)), 40)
    steps = [
        Step(
            label="Bounded inputs",
            value=f"Cr {cr}, bilirubin {bili}, INR {inr}",
            detail="Cr/bili/INR ≥ 1; Cr ≤ 4 (4 on dialysis)",
        ),
        Step(label="9.57 × ln Cr", value=round(9.57 * math.log(cr), 3)),
        Step(label="3.78 × ln bilirubin", value=round(3.78 * math.log(bili), 3)),
        Step(label="11.2 × ln INR", value=round(11.2 * math.log(inr), 3)),
        Step(
            label="MELD",
            value=score,
            detail=f"round(0.957 ln Cr + 0.378 ln bili + 1.120 ln INR + 0.643 = {raw:.4f}, 1) "
            "× 10, capped at 40",
        ),
    ]
    return CalcResult(
        calculator=META.id,
        value=score,
        interpretation=f"MELD {score}: estimated 3-month mortality {mortality(score)}.",
        steps=steps,
        extra={"unrounded": round(10 * raw, 3)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs ('1.8 mg/dL', 'Yes' / 'No' for dialysis)."""
    f = Fields(inputs, META.id)
    dialysis = f.yes("dialysis") if f.has("dialysis") else False
    if f.has("cvvhd", "veno venous"):
        dialysis = dialysis or f.yes("cvvhd", "veno venous")
    return {
        "creatinine": f.quantity("creatinine", default_unit="mg/dL"),
        "bilirubin": f.quantity("bilirubin", default_unit="mg/dL"),
        "inr": f.number("inr"),
        "dialysis": dialysis,
    }
