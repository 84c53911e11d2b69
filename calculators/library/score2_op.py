"""SCORE2-Older Persons (SCORE2-OP): 10-year cardiovascular risk at age 70 and over (Europe)."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._patient import Sex

META = CalculatorMeta(
    id="score2_op",
    name="Systematic Coronary Risk Evaluation 2-Older Persons (SCORE2-OP)",
    synonyms=("SCORE2-OP", "SCORE2 OP", "SCORE2 older persons"),
    category="cardiology",
    source=(
        "SCORE2-OP Working Group and ESC Cardiovascular Risk Collaboration. SCORE2-OP risk "
        "prediction algorithms: estimating incident cardiovascular event risk in older persons "
        "in four geographical risk regions. Eur Heart J. 2021;42(25):2455-2467 (supplementary "
        "formula); risk groups: Visseren FLJ, et al. 2021 ESC Guidelines on cardiovascular "
        "disease prevention in clinical practice. Eur Heart J. 2021;42:3227-3337."
    ),
    output_type="decimal",
    unit="%",
    description="Competing-risk-adjusted 10-year risk of fatal and non-fatal CVD for "
    "apparently healthy people aged 70 and over, recalibrated to four European risk regions.",
)

Region = Literal["low", "moderate", "high", "very high"]

# Sex-specific log sub-distribution hazard ratios, centred at age 73, SBP 150 mmHg, TC 6 and
# HDL-C 1.4 mmol/L; baseline survival S0 and the mean linear predictor subtracted (SCORE2-OP
# supplement, as transcribed identically by several open-source implementations read here).
_COEF = {
    "male": dict(
        age=0.0634,
        diabetes=0.4245,
        smoking=0.3524,
        sbp=0.0094,
        tchol=0.0850,
        hdl=-0.3564,
        diabetes_age=-0.0174,
        smoking_age=-0.0247,
        sbp_age=-0.0005,
        tchol_age=0.0073,
        hdl_age=0.0091,
        s0=0.7576,
        mean=0.0929,
    ),
    "female": dict(
        age=0.0789,
        diabetes=0.6010,
        smoking=0.4921,
        sbp=0.0102,
        tchol=0.0605,
        hdl=-0.3040,
        diabetes_age=-0.0107,
        smoking_age=-0.0255,
        sbp_age=-0.0004,
        tchol_age=-0.0009,
        hdl_age=0.0154,
        s0=0.8082,
        mean=0.229,
    ),
}
# Region- and sex-specific recalibration scales (scale1, scale2) of SCORE2-OP.
_SCALE = {
    ("low", "male"): (-0.34, 1.19),
    ("moderate", "male"): (0.01, 1.25),
    ("high", "male"): (0.08, 1.15),
    ("very high", "male"): (0.05, 0.70),
    ("low", "female"): (-0.52, 1.01),
    ("moderate", "female"): (-0.10, 1.10),
    ("high", "female"): (0.38, 1.09),
    ("very high", "female"): (0.38, 0.69),
}


class Inputs(QuantityInputs):
    """Inputs of SCORE2-OP."""

    sex: Sex = Field(description="Sex (male/female)")
    age: float = quantity("age", "years", ge=70, le=89, description="Age (model range 70-89)")
    region: Region = Field(description="ESC cardiovascular risk region")
    current_smoker: bool = Field(description="Current smoker")
    diabetes: bool = Field(description="Diabetes mellitus")
    systolic_bp: float = quantity("pressure", "mmHg", ge=70, le=250, description="Systolic BP")
    total_cholesterol: float = quantity(
        "cholesterol", "mmol/L", ge=1, le=20, description="Total cholesterol"
    )
    hdl: float = quantity("cholesterol", "mmol/L", ge=0.2, le=5, description="HDL cholesterol")


def risk_group(risk: float) -> str:
    """ESC 2021 prevention guideline risk group for age ≥ 70 years (10-year CVD risk)."""
    if risk < 7.5:
        return "Low-to-moderate risk (<7.5%)"
    if risk < 15:
        return "High risk (7.5-<15%)"
    return "Very high risk (≥15%)"


def compute(inputs: Inputs) -> CalcResult:
    """Risk: raw = 1 − S0^exp(x − mean), then 1 − exp(−exp(s1 + s2·ln(−ln(1 − raw))))."""
    i = inputs
    c = _COEF[i.sex]
    age = i.age - 73
    sbp = i.systolic_bp - 150
    tchol = i.total_cholesterol - 6
    hdl = i.hdl - 1.4
    dm = 1.0 if i.diabetes else 0.0
    smoke = 1.0 if i.current_smoker else 0.0
    x = (
        c["age"] * age
        + c["diabetes"] * dm
        + c["smoking"] * smoke
        + c["sbp"] * sbp
        + c["tchol"] * tchol
        + c["hdl"] * hdl
        + c["diabetes_age"] * age * dm
        + c["smoking_age"] * age * smoke
        + c["sbp_age"] * age * sbp
        + c["tchol_age"] * age * tchol
        + c["hdl_age"] * age * hdl
    )
    raw = 1 - c["s0"] ** math.exp(x - c["mean"])
    s1, s2 = _SCALE[(i.region, i.sex)]
    risk = (1 - math.exp(-math.exp(s1 + s2 * math.log(-math.log(1 - raw))))) * 100
    label = risk_group(risk)
    return CalcResult(
        calculator=META.id,
        value=round(risk, 1),
        unit="%",
        interpretation=f"{label}: 10-year risk of fatal and non-fatal CVD {risk:.1f}%.",
        steps=[
            Step(label="Linear predictor", value=round(x, 4)),
            Step(
                label="Uncalibrated 10-year risk",
                value=round(raw * 100, 2),
                detail=f"1 − {c['s0']}^exp(x − {c['mean']})",
            ),
            Step(
                label="Recalibrated risk",
                value=round(risk, 2),
                detail=f"{i.region} risk region: scales {s1}, {s2}",
            ),
        ],
        extra={"risk_group": label},
    )


_REGIONS = {
    "low": ("low",),
    "moderate": ("moderate",),
    "high": ("high",),
    "very high": ("very high",),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (sex, age, region, smoking, diabetes, SBP, TC, HDL; mmol/L default)."""
    f = Fields(inputs, META.id)
    return {
        "sex": f.sex(),
        "age": f.quantity("age", default_unit="years"),
        "region": f.option("region", "risk region", options=_REGIONS),
        "current_smoker": f.yes("smok"),
        "diabetes": f.yes("diabet"),
        "systolic_bp": f.quantity("systolic", "sbp", default_unit="mmHg"),
        "total_cholesterol": f.quantity(
            "total cholesterol", "total chol", "cholesterol", default_unit="mmol/L", exclude=["hdl"]
        ),
        "hdl": f.quantity("hdl", default_unit="mmol/L"),
    }
