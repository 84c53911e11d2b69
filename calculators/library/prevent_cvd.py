"""AHA PREVENT equations (base model): 10-year risk of total CVD, ASCVD and heart failure."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._patient import Sex

META = CalculatorMeta(
    id="prevent_cvd",
    name="Predicting Risk of Cardiovascular Disease EVENTs (PREVENT)",
    synonyms=("PREVENT", "AHA PREVENT equations", "PREVENT 10-year CVD risk"),
    category="cardiology",
    source=(
        "Khan SS, Matsushita K, Sang Y, et al. Development and Validation of the American "
        "Heart Association's PREVENT Equations. Circulation. 2024;149(6):430-449 (base "
        "10-year model, supplement Table S12A)."
    ),
    pmid="37947085",
    output_type="decimal",
    unit="%",
    description="Sex-specific, race-free logistic equations for adults 30-79 without known "
    "CVD: 10-year risk of total CVD (value), ASCVD and heart failure (extra).",
)

# Base 10-year model, Khan 2024 supplement Table S12A, as transcribed in several independent
# open-source implementations read for this module (all agree to 7 decimals). Terms:
# age (per 10 y from 55), non-HDL-C (mmol/L − 3.5), HDL-C ((mmol/L − 1.3)/0.3), SBP spline
# ((min(SBP,110) − 110)/20, (max(SBP,110) − 130)/20), diabetes, smoking, BMI spline
# ((min(BMI,30) − 25)/5, (max(BMI,30) − 30)/5; HF only), eGFR spline ((min(eGFR,60) − 60)/−15,
# (max(eGFR,60) − 90)/−15), antihypertensive, statin, and the interactions listed.
_B: dict[tuple[str, str], dict[str, float]] = {
    ("female", "cvd"): dict(
        age=0.7939329,
        non_hdl=0.0305239,
        hdl=-0.1606857,
        sbp_lt=-0.2394003,
        sbp_ge=0.3600781,
        dm=0.8667604,
        smoke=0.5360739,
        egfr_lt=0.6045917,
        egfr_ge=0.0433769,
        bp_tx=0.3151672,
        statin=-0.1477655,
        tx_sbp=-0.0663612,
        statin_non_hdl=0.1197879,
        age_non_hdl=-0.0819715,
        age_hdl=0.0306769,
        age_sbp=-0.0946348,
        age_dm=-0.27057,
        age_smoke=-0.078715,
        age_egfr=-0.1637806,
        const=-3.307728,
    ),
    ("female", "ascvd"): dict(
        age=0.719883,
        non_hdl=0.1176967,
        hdl=-0.151185,
        sbp_lt=-0.0835358,
        sbp_ge=0.3592852,
        dm=0.8348585,
        smoke=0.4831078,
        egfr_lt=0.4864619,
        egfr_ge=0.0397779,
        bp_tx=0.2265309,
        statin=-0.0592374,
        tx_sbp=-0.0395762,
        statin_non_hdl=0.0844423,
        age_non_hdl=-0.0567839,
        age_hdl=0.0325692,
        age_sbp=-0.1035985,
        age_dm=-0.2417542,
        age_smoke=-0.0791142,
        age_egfr=-0.1671492,
        const=-3.819975,
    ),
    ("female", "hf"): dict(
        age=0.8998235,
        sbp_lt=-0.4559771,
        sbp_ge=0.3576505,
        dm=1.038346,
        smoke=0.583916,
        bmi_lt=-0.0072294,
        bmi_ge=0.2997706,
        egfr_lt=0.7451638,
        egfr_ge=0.0557087,
        bp_tx=0.3534442,
        tx_sbp=-0.0981511,
        age_sbp=-0.0946663,
        age_dm=-0.3581041,
        age_smoke=-0.1159453,
        age_bmi=-0.003878,
        age_egfr=-0.1884289,
        const=-4.310409,
    ),
    ("male", "cvd"): dict(
        age=0.7688528,
        non_hdl=0.0736174,
        hdl=-0.0954431,
        sbp_lt=-0.4347345,
        sbp_ge=0.3362658,
        dm=0.7692857,
        smoke=0.4386871,
        egfr_lt=0.5378979,
        egfr_ge=0.0164827,
        bp_tx=0.288879,
        statin=-0.1337349,
        tx_sbp=-0.0475924,
        statin_non_hdl=0.150273,
        age_non_hdl=-0.0517874,
        age_hdl=0.0191169,
        age_sbp=-0.1049477,
        age_dm=-0.2251948,
        age_smoke=-0.0895067,
        age_egfr=-0.1543702,
        const=-3.031168,
    ),
    ("male", "ascvd"): dict(
        age=0.7099847,
        non_hdl=0.1658663,
        hdl=-0.1144285,
        sbp_lt=-0.2837212,
        sbp_ge=0.3239977,
        dm=0.7189597,
        smoke=0.3956973,
        egfr_lt=0.3690075,
        egfr_ge=0.0203619,
        bp_tx=0.2036522,
        statin=-0.0865581,
        tx_sbp=-0.0322916,
        statin_non_hdl=0.114563,
        age_non_hdl=-0.0300005,
        age_hdl=0.0232747,
        age_sbp=-0.0927024,
        age_dm=-0.2018525,
        age_smoke=-0.0970527,
        age_egfr=-0.1217081,
        const=-3.500655,
    ),
    ("male", "hf"): dict(
        age=0.8972642,
        sbp_lt=-0.6811466,
        sbp_ge=0.3634461,
        dm=0.923776,
        smoke=0.5023736,
        bmi_lt=-0.0485841,
        bmi_ge=0.3726929,
        egfr_lt=0.6926917,
        egfr_ge=0.0251827,
        bp_tx=0.2980922,
        tx_sbp=-0.0497731,
        age_sbp=-0.1289201,
        age_dm=-0.3040924,
        age_smoke=-0.1401688,
        age_bmi=0.0068126,
        age_egfr=-0.1797778,
        const=-3.946391,
    ),
}
_OUTCOMES = {"cvd": "Total CVD", "ascvd": "ASCVD", "hf": "Heart failure"}
# mg/dL → mmol/L for cholesterol: 1 mmol/L = 38.67 mg/dL (molar mass 386.65 g/mol).
_MG_PER_MMOL = 38.67


class Inputs(QuantityInputs):
    """Inputs of the PREVENT base model."""

    sex: Sex = Field(description="Sex (male/female)")
    age: float = quantity("age", "years", ge=30, le=79, description="Age (equations: 30-79)")
    total_cholesterol: float = quantity(
        "cholesterol", "mg/dL", ge=130, le=320, description="Total cholesterol (130-320)"
    )
    hdl: float = quantity("cholesterol", "mg/dL", ge=20, le=100, description="HDL-C (20-100)")
    systolic_bp: float = quantity(
        "pressure", "mmHg", ge=90, le=200, description="Systolic blood pressure (90-200)"
    )
    bmi: float = quantity("bmi", "kg/m²", ge=18.5, le=39.9, description="BMI (18.5-39.9)")
    egfr: float = quantity(
        "egfr", "mL/min/1.73m²", ge=15, le=140, description="eGFR (15-140 mL/min/1.73 m²)"
    )
    diabetes: bool = Field(description="Diabetes mellitus")
    smoker: bool = Field(description="Current smoker (cigarette use within the last 30 days)")
    bp_treated: bool = Field(description="On antihypertensive medication")
    statin: bool = Field(description="On a statin")


def _terms(i: Inputs) -> dict[str, float]:
    age = (i.age - 55) / 10
    non_hdl = (i.total_cholesterol - i.hdl) / _MG_PER_MMOL - 3.5
    hdl = (i.hdl / _MG_PER_MMOL - 1.3) / 0.3
    sbp_ge = (max(i.systolic_bp, 110) - 130) / 20
    bmi_ge = (max(i.bmi, 30) - 30) / 5
    egfr_lt = (min(i.egfr, 60) - 60) / -15
    dm, smoke = float(i.diabetes), float(i.smoker)
    tx, statin = float(i.bp_treated), float(i.statin)
    return {
        "age": age,
        "non_hdl": non_hdl,
        "hdl": hdl,
        "sbp_lt": (min(i.systolic_bp, 110) - 110) / 20,
        "sbp_ge": sbp_ge,
        "dm": dm,
        "smoke": smoke,
        "bmi_lt": (min(i.bmi, 30) - 25) / 5,
        "bmi_ge": bmi_ge,
        "egfr_lt": egfr_lt,
        "egfr_ge": (max(i.egfr, 60) - 90) / -15,
        "bp_tx": tx,
        "statin": statin,
        "tx_sbp": tx * sbp_ge,
        "statin_non_hdl": statin * non_hdl,
        "age_non_hdl": age * non_hdl,
        "age_hdl": age * hdl,
        "age_sbp": age * sbp_ge,
        "age_dm": age * dm,
        "age_smoke": age * smoke,
        "age_bmi": age * bmi_ge,
        "age_egfr": age * egfr_lt,
        "const": 1.0,
    }


def compute(inputs: Inputs) -> CalcResult:
    """Risk = exp(x) / (1 + exp(x)), x = Σβ·term (Khan 2024, Table S12A), per outcome."""
    x = _terms(inputs)
    risks: dict[str, float] = {}
    steps: list[Step] = []
    for outcome, label in _OUTCOMES.items():
        b = _B[(inputs.sex, outcome)]
        lp = sum(coef * x[name] for name, coef in b.items())
        risks[outcome] = 100 * math.exp(lp) / (1 + math.exp(lp))
        steps.append(Step(label=f"{label}: log-odds", value=round(lp, 4)))
        steps.append(
            Step(label=f"{label}: 10-year risk", value=round(risks[outcome], 1), detail="%")
        )
    cvd = risks["cvd"]
    return CalcResult(
        calculator=META.id,
        value=round(cvd, 1),
        unit="%",
        interpretation=(
            f"10-year total CVD risk {cvd:.1f}%; ASCVD {risks['ascvd']:.1f}%; "
            f"heart failure {risks['hf']:.1f}% (PREVENT base model)."
        ),
        steps=steps,
        extra={
            "total_cvd_10y": round(cvd, 1),
            "ascvd_10y": round(risks["ascvd"], 1),
            "heart_failure_10y": round(risks["hf"], 1),
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (sex, age, TC, HDL, SBP, BMI, eGFR, diabetes, smoking, BP/statin)."""
    f = Fields(inputs, META.id)
    return {
        "sex": f.sex(),
        "age": f.quantity("age", default_unit="years"),
        "total_cholesterol": f.quantity(
            "total cholesterol", "total chol", "cholesterol", default_unit="mg/dL", exclude=["hdl"]
        ),
        "hdl": f.quantity("hdl", default_unit="mg/dL"),
        "systolic_bp": f.quantity("systolic", "sbp", default_unit="mmHg"),
        "bmi": f.quantity("bmi", "body mass", default_unit="kg/m²"),
        "egfr": f.number("egfr", "gfr"),
        "diabetes": f.yes("diabet"),
        "smoker": f.yes("smok"),
        "bp_treated": f.yes("antihypertensive", "hypertension treatment", "bp treatment"),
        "statin": f.yes("statin"),
    }
