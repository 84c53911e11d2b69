"""Framingham risk score for hard coronary heart disease (ATP III, 10-year risk)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._patient import Sex

META = CalculatorMeta(
    id="framingham_hard_chd",
    name="Framingham Risk Score for Hard Coronary Heart Disease",
    synonyms=(
        "Framingham Risk Score",
        "Framingham hard CHD",
        "ATP III Framingham risk",
        "Framingham 10-year CHD risk",
    ),
    category="cardiology",
    source="National Cholesterol Education Program (NCEP) Expert Panel. Third Report of the "
    "NCEP Expert Panel on Detection, Evaluation, and Treatment of High Blood Cholesterol "
    "in Adults (Adult Treatment Panel III) final report. Circulation. "
    "2002;106(25):3143-3421 (Framingham hard CHD model, as coded by MDCalc).",
    doi="10.1161/circ.106.25.3143",
    pmid="12485966",
    output_type="decimal",
    unit="%",
    medcalc_id=46,
    description="10-year risk (%) of myocardial infarction or coronary death in adults "
    "without diabetes or known CHD.",
)


class Inputs(QuantityInputs):
    """Inputs of the Framingham hard CHD score."""

    sex: Sex = Field(description="Sex")
    age: float = quantity("age", "years", ge=20, le=79, description="Age (model range 20-79)")
    total_cholesterol: float = quantity(
        "cholesterol", "mg/dL", ge=50, le=600, description="Total cholesterol"
    )
    hdl: float = quantity("cholesterol", "mg/dL", ge=5, le=200, description="HDL cholesterol")
    systolic: float = quantity(
        "pressure", "mmHg", ge=60, le=300, description="Systolic blood pressure"
    )
    bp_treated: bool = Field(description="Blood pressure treated with medication")
    smoker: bool = Field(description="Current smoker")


# Cox model coefficients (natural logs; TC and HDL in mg/dL) and baseline survival at 10
# years: men S0 = 0.9402, women S0 = 0.98767 (ATP III, as implemented by MDCalc). The age in
# the smoking interaction is capped at 70 (men) and 78 (women).
_MEN = {
    "ln_age": 52.00961,
    "ln_tc": 20.014077,
    "ln_hdl": -0.905964,
    "ln_sbp": 1.305784,
    "bp_treated": 0.241549,
    "smoker": 12.096316,
    "ln_age_ln_tc": -4.605038,
    "ln_age_smoker": -2.84367,
    "ln_age_sq": -2.93323,
    "constant": -172.300168,
    "s0": 0.9402,
    "age_cap": 70,
}
_WOMEN = {
    "ln_age": 31.764001,
    "ln_tc": 22.465206,
    "ln_hdl": -1.187731,
    "ln_sbp": 2.552905,
    "bp_treated": 0.420251,
    "smoker": 13.07543,
    "ln_age_ln_tc": -5.060998,
    "ln_age_smoker": -2.996945,
    "ln_age_sq": 0.0,
    "constant": -146.5933061,
    "s0": 0.98767,
    "age_cap": 78,
}


def compute(inputs: Inputs) -> CalcResult:
    """10-year hard CHD risk (%) = (1 − S0^exp(Σβx)) × 100."""
    b = _MEN if inputs.sex == "male" else _WOMEN
    ln_age = math.log(inputs.age)
    ln_tc = math.log(inputs.total_cholesterol)
    smoker = 1.0 if inputs.smoker else 0.0
    ln_age_smoke = math.log(min(inputs.age, b["age_cap"]))
    xb = (
        b["ln_age"] * ln_age
        + b["ln_tc"] * ln_tc
        + b["ln_hdl"] * math.log(inputs.hdl)
        + b["ln_sbp"] * math.log(inputs.systolic)
        + b["bp_treated"] * float(inputs.bp_treated)
        + b["smoker"] * smoker
        + b["ln_age_ln_tc"] * ln_age * ln_tc
        + b["ln_age_smoker"] * ln_age_smoke * smoker
        + b["ln_age_sq"] * ln_age * ln_age
        + b["constant"]
    )
    risk = (1 - b["s0"] ** math.exp(xb)) * 100
    cat = "low (< 10%)" if risk < 10 else "intermediate (10-20%)" if risk <= 20 else "high (> 20%)"
    return CalcResult(
        calculator=META.id,
        value=round(risk, 3),
        unit="%",
        interpretation=f"10-year hard CHD risk {risk:.1f}%: {cat} (ATP III).",
        steps=[
            Step(label="Linear predictor Σβx", value=round(xb, 4)),
            Step(
                label="10-year risk", value=round(risk, 3), detail=f"(1 − {b['s0']}^exp(Σβx)) × 100"
            ),
        ],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (unreported smoking / BP treatment are absent)."""
    e = entities
    return {
        "sex": mc.sex(e),
        "age": mc.quantity(e, "age"),
        "total_cholesterol": mc.quantity(e, "Total cholesterol"),
        "hdl": mc.quantity(e, "high-density lipoprotein cholesterol"),
        "systolic": mc.quantity(e, "Systolic Blood Pressure"),
        "bp_treated": mc.flag(e, "Blood pressure being treated with medicines"),
        "smoker": mc.flag(e, "Smoker"),
    }
