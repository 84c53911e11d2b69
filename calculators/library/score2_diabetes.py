"""SCORE2-Diabetes: 10-year cardiovascular risk in type 2 diabetes (Europe)."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity

META = CalculatorMeta(
    id="score2_diabetes",
    name="Systematic Coronary Risk Evaluation 2-Diabetes (SCORE2-Diabetes)",
    synonyms=("SCORE2-Diabetes", "SCORE2 Diabetes"),
    category="cardiology",
    source=(
        "SCORE2-Diabetes Working Group and the ESC Cardiovascular Risk Collaboration. "
        "SCORE2-Diabetes: 10-year cardiovascular risk estimation in type 2 diabetes in Europe. "
        "Eur Heart J. 2023;44(28):2544-56; risk groups: Marx N, et al. 2023 ESC Guidelines for "
        "CVD in diabetes. Eur Heart J. 2023;44:4043-140."
    ),
    doi="10.1093/eurheartj/ehad260",
    pmid="37247330",
    output_type="decimal",
    unit="%",
    description="Sex-specific competing-risk model with age interactions, recalibrated to four "
    "European risk regions; for type 2 diabetes without ASCVD or severe target-organ damage, "
    "age 40-69.",
)

Region = Literal["low", "moderate", "high", "very high"]

# Sex-specific log sub-distribution hazard ratios (Eur Heart J 2023, supplementary formula).
_COEF = {
    "male": dict(
        age=0.5368,
        smoking=0.4774,
        sbp=0.1322,
        diabetes=0.6457,
        tchol=0.1102,
        hdl=-0.1087,
        smoking_age=-0.0672,
        sbp_age=-0.0268,
        diabetes_age=-0.0983,
        tchol_age=-0.0181,
        hdl_age=0.0095,
        agediab=-0.0998,
        a1c=0.0955,
        egfr=-0.0591,
        egfr2=0.0058,
        a1c_age=-0.0134,
        egfr_age=0.0115,
        s0=0.9605,
    ),
    "female": dict(
        age=0.6624,
        smoking=0.6139,
        sbp=0.1421,
        diabetes=0.8096,
        tchol=0.1127,
        hdl=-0.1568,
        smoking_age=-0.1122,
        sbp_age=-0.0167,
        diabetes_age=-0.1272,
        tchol_age=-0.0200,
        hdl_age=0.0186,
        agediab=-0.1180,
        a1c=0.1173,
        egfr=-0.0640,
        egfr2=0.0062,
        a1c_age=-0.0196,
        egfr_age=0.0169,
        s0=0.9776,
    ),
}
# Region- and sex-specific recalibration scales (scale1, scale2).
_SCALE = {
    ("low", "male"): (-0.5699, 0.7476),
    ("moderate", "male"): (-0.1565, 0.8009),
    ("high", "male"): (0.3207, 0.9360),
    ("very high", "male"): (0.5836, 0.8294),
    ("low", "female"): (-0.7380, 0.7019),
    ("moderate", "female"): (-0.3143, 0.7701),
    ("high", "female"): (0.5710, 0.9369),
    ("very high", "female"): (0.9412, 0.8329),
}


class Inputs(QuantityInputs):
    """Inputs of SCORE2-Diabetes."""

    sex: Literal["male", "female"] = Field(description="Sex")
    age: float = Field(ge=40, le=69, description="Age [years] (model range 40-69)")
    region: Region = Field(description="ESC cardiovascular risk region")
    current_smoker: bool = Field(description="Current smoker")
    systolic_bp: float = quantity("pressure", "mmHg", ge=70, le=250, description="Systolic BP")
    total_cholesterol: float = quantity(
        "cholesterol", "mmol/L", ge=1, le=20, description="Total cholesterol"
    )
    hdl: float = quantity("cholesterol", "mmol/L", ge=0.2, le=5, description="HDL cholesterol")
    age_at_diabetes_diagnosis: float = Field(
        ge=0, le=69, description="Age at diabetes diagnosis [years]"
    )
    hba1c_mmol_mol: float = Field(ge=15, le=200, description="HbA1c [mmol/mol]")
    egfr: float = Field(ge=5, le=200, description="eGFR [mL/min/1.73 m²]")


def compute(inputs: Inputs) -> CalcResult:
    """Linear predictor → uncalibrated risk 1 - S0^exp(x) → regional recalibration."""
    i = inputs
    c = _COEF[i.sex]
    cage = (i.age - 60) / 5
    csbp = (i.systolic_bp - 120) / 20
    ctchol = i.total_cholesterol - 6
    chdl = (i.hdl - 1.3) / 0.5
    smoke = 1.0 if i.current_smoker else 0.0
    cagediab = (i.age_at_diabetes_diagnosis - 50) / 5
    ca1c = (i.hba1c_mmol_mol - 31) / 9.34
    cegfr = (math.log(i.egfr) - 4.5) / 0.15
    x = (
        c["age"] * cage
        + c["smoking"] * smoke
        + c["sbp"] * csbp
        + c["diabetes"]
        + c["tchol"] * ctchol
        + c["hdl"] * chdl
        + c["smoking_age"] * smoke * cage
        + c["sbp_age"] * csbp * cage
        + c["diabetes_age"] * cage
        + c["tchol_age"] * ctchol * cage
        + c["hdl_age"] * chdl * cage
        + c["agediab"] * cagediab
        + c["a1c"] * ca1c
        + c["egfr"] * cegfr
        + c["egfr2"] * cegfr**2
        + c["a1c_age"] * ca1c * cage
        + c["egfr_age"] * cegfr * cage
    )
    raw = 1 - c["s0"] ** math.exp(x)
    s1, s2 = _SCALE[(i.region, i.sex)]
    risk = (1 - math.exp(-math.exp(s1 + s2 * math.log(-math.log(1 - raw))))) * 100
    label = (
        "Low risk (<5%)"
        if risk < 5
        else "Moderate risk (5-<10%)"
        if risk < 10
        else "High risk (10-<20%)"
        if risk < 20
        else "Very high risk (≥20%)"
    )
    return CalcResult(
        calculator=META.id,
        value=round(risk, 2),
        unit="%",
        interpretation=label,
        steps=[
            Step(label="Linear predictor", value=round(x, 4)),
            Step(label="Uncalibrated 10-year risk", value=round(raw * 100, 2)),
            Step(label="Recalibrated risk", value=round(risk, 2), detail=f"{i.region} risk region"),
        ],
    )
