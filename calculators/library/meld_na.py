"""MELD-Na score (UNOS/OPTN 2016 policy)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="meld_na",
    name="MELD Na (UNOS/OPTN)",
    synonyms=(
        "MELD-Na",
        "MELDNa",
        "MELD sodium",
        "MELDNa/MELD-Na Score for Liver Cirrhosis",
        "MELD Na",
    ),
    category="hepatology",
    source="Kim WR, Biggins SW, Kremers WK, et al. Hyponatremia and mortality among patients on "
    "the liver-transplant waiting list. N Engl J Med. 2008;359(10):1018-1026; "
    "OPTN/UNOS policy 9.1 (MELD(i) rounded to the tenth, 2016).",
    doi="10.1056/NEJMoa0801209",
    pmid="18768945",
    output_type="integer",
    medcalc_id=23,
    description="MELD with serum sodium, as used for liver allocation since 2016.",
)


class Inputs(QuantityInputs):
    """Inputs of MELD-Na."""

    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Serum creatinine"
    )
    bilirubin: float = quantity("bilirubin", "mg/dL", ge=0.1, le=80, description="Total bilirubin")
    inr: float = Field(ge=0.5, le=20, description="INR")
    sodium: float = quantity("electrolyte", "mmol/L", ge=90, le=200, description="Serum sodium")
    dialysis: bool = Field(
        description="Dialysis at least twice, or CVVHD ≥ 24 h, in the past "
        "week (creatinine set to 4)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """UNOS MELD-Na.

    Bounds: creatinine, bilirubin and INR below 1 are set to 1; creatinine above 4, or any
    dialysis, is set to 4; sodium is bounded to 125-137 mEq/L. MELD(i) = 0.957 ln(Cr) + 0.378
    ln(bili) + 1.120 ln(INR) + 0.643, rounded to the tenth and × 10; if MELD(i) > 11,
    MELD = MELD(i) + 1.32 × (137 − Na) − 0.033 × MELD(i) × (137 − Na). Capped at 40.
    """
    cr = 4.0 if inputs.dialysis else min(max(inputs.creatinine, 1.0), 4.0)
    bili = max(inputs.bilirubin, 1.0)
    inr = max(inputs.inr, 1.0)
    na = min(max(inputs.sodium, 125.0), 137.0)
    raw = 0.957 * math.log(cr) + 0.378 * math.log(bili) + 1.120 * math.log(inr) + 0.643
    meld_i = _round_half_up(raw, 1) * 10
    steps = [
        Step(
            label="Bounded inputs",
            value=f"Cr {cr}, bilirubin {bili}, INR {inr}, Na {na}",
            detail="Cr/bili/INR ≥ 1; Cr ≤ 4 (4 on dialysis); Na 125-137",
        ),
        Step(
            label="MELD(i)",
            value=round(meld_i, 1),
            detail=f"round(0.957 ln Cr + 0.378 ln bili + 1.120 ln INR + 0.643 = {raw:.4f}, 1) × 10",
        ),
    ]
    if meld_i > 11:
        meld = meld_i + 1.32 * (137 - na) - 0.033 * meld_i * (137 - na)
        steps.append(
            Step(
                label="Sodium adjustment",
                value=round(meld, 3),
                detail="MELD(i) + 1.32 × (137 − Na) − 0.033 × MELD(i) × (137 − Na)",
            )
        )
    else:
        meld = meld_i
        steps.append(
            Step(
                label="Sodium adjustment", value=round(meld, 3), detail="not applied (MELD(i) ≤ 11)"
            )
        )
    score = min(int(_round_half_up(meld, 0)), 40)
    # 3-month mortality by MELD (Wiesner R, et al. Gastroenterology. 2003;124:91-96).
    mort = (
        "1.9%"
        if score <= 9
        else "6.0%"
        if score <= 19
        else "19.6%"
        if score <= 29
        else "52.6%"
        if score <= 39
        else "71.3%"
    )
    return CalcResult(
        calculator=META.id,
        value=score,
        interpretation=f"MELD-Na {score}: estimated 3-month mortality {mort}.",
        steps=steps,
        extra={"meld_i": round(meld_i, 1), "unrounded": round(meld, 3)},
    )


def _round_half_up(x: float, digits: int) -> float:
    q = 10**digits
    return math.floor(x * q + 0.5) / q


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (either dialysis criterion counts)."""
    e = entities
    return {
        "creatinine": mc.quantity(e, "creatinine"),
        "bilirubin": mc.quantity(e, "Bilirubin"),
        "inr": mc.number(e, "international normalized ratio"),
        "sodium": mc.quantity(e, "Sodium"),
        "dialysis": mc.flag(
            e,
            "Dialysis at least twice in the past week",
            "Continuous veno-venous hemodialysis for ≥24 hours in the past week",
        ),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    dialysis = kw.parse_yes(m.find("dialysis", default="No"))
    if m.has("cvvhd", "veno venous"):
        dialysis = dialysis or kw.parse_yes(m.find("cvvhd", "veno venous"))
    return {
        "creatinine": kw.parse_quantity(m.find("creatinine"), "mg/dL"),
        "bilirubin": kw.parse_quantity(m.find("bilirubin"), "mg/dL"),
        "inr": kw.parse_number(m.find("inr")),
        "sodium": kw.parse_quantity(m.find("sodium"), "mmol/L"),
        "dialysis": dialysis,
    }
