"""ASCVD risk algorithm including known ASCVD (2013 ACC/AHA statin benefit groups)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _pooled_cohort as pce
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._patient import Sex
from m3agent.calculators.library.ascvd_pce_2013 import pce_fields

META = CalculatorMeta(
    id="ascvd_known_algorithm",
    name="ASCVD (Atherosclerotic Cardiovascular Disease) Risk Algorithm including Known ASCVD "
    "from AHA/ACC",
    synonyms=("ASCVD Risk Algorithm including Known ASCVD", "ACC/AHA statin benefit groups"),
    category="cardiology",
    source=(
        "Stone NJ, Robinson JG, Lichtenstein AH, et al. 2013 ACC/AHA Guideline on the "
        "Treatment of Blood Cholesterol to Reduce Atherosclerotic Cardiovascular Risk in "
        "Adults. Circulation. 2014;129(25 Suppl 2):S1-S45 (four statin benefit groups); "
        "10-year risk: Goff DC Jr, et al. Circulation. 2014;129(25 Suppl 2):S49-S73."
    ),
    output_type="decimal",
    unit="%",
    description="Walks the 2013 ACC/AHA statin benefit groups: clinical ASCVD, LDL-C ≥190 "
    "mg/dL, diabetes aged 40-75 with LDL-C 70-189, then the Pooled Cohort 10-year risk "
    "(≥7.5% favours a statin).",
)

# Stone 2013 statin benefit groups: LDL-C ≥190 mg/dL; the diabetes and primary-prevention groups
# cover ages 40-75 with LDL-C 70-189 mg/dL; the 10-year risk threshold is 7.5%; clinical ASCVD
# over 75 gets moderate- rather than high-intensity statin.
_LDL_PRIMARY = 190.0
_LDL_LOW = 70.0
_AGE_LOW, _AGE_HIGH = 40.0, 75.0
_RISK_THRESHOLD = 7.5
# Stone 2013 recommendation (IIa): 5 to <7.5% 10-year risk, age 40-75, LDL-C 70-189 mg/dL →
# reasonable to offer a moderate-intensity statin.
_RISK_REASONABLE = 5.0
_PCE_FIELDS = ("sex", "race", "total_cholesterol", "hdl", "systolic_bp", "bp_treated", "smoker")


class Inputs(QuantityInputs):
    """Inputs of the algorithm; the risk-equation inputs are needed only when it reaches them."""

    known_ascvd: bool = Field(
        description="Clinical ASCVD: ACS, MI, stable/unstable angina, coronary or other "
        "arterial revascularisation, stroke, TIA or atherosclerotic PAD"
    )
    age: float = quantity("age", "years", ge=21, le=120, description="Age")
    ldl: float = quantity("cholesterol", "mg/dL", ge=10, le=1000, description="LDL cholesterol")
    diabetes: bool = Field(description="Diabetes mellitus (type 1 or 2)")
    sex: Sex | None = Field(None, description="Sex (needed for the 10-year risk)")
    race: pce.Race | None = Field(
        None, description="Race: white, african_american or other (for the 10-year risk)"
    )
    total_cholesterol: float | None = quantity(
        "cholesterol", "mg/dL", ge=50, le=600, default=None, description="Total cholesterol"
    )
    hdl: float | None = quantity(
        "cholesterol", "mg/dL", ge=5, le=200, default=None, description="HDL cholesterol"
    )
    systolic_bp: float | None = quantity(
        "pressure", "mmHg", ge=60, le=300, default=None, description="Systolic blood pressure"
    )
    bp_treated: bool | None = Field(None, description="On treatment for hypertension")
    smoker: bool | None = Field(None, description="Current smoker")

    @model_validator(mode="after")
    def _risk_inputs_when_needed(self) -> Inputs:
        if _needs_risk(self):
            missing = [f for f in _PCE_FIELDS if getattr(self, f) is None]
            if missing:
                raise ValueError(
                    "the algorithm reaches the 10-year risk step (no clinical ASCVD, LDL-C "
                    f"< 190 mg/dL, age 40-79): {', '.join(missing)} required"
                )
        return self


def _needs_risk(i: Inputs) -> bool:
    # The Pooled Cohort Equations are defined for ages 40-79 (Goff 2013).
    return not i.known_ascvd and i.ldl < _LDL_PRIMARY and 40 <= i.age <= 79


def compute(inputs: Inputs) -> CalcResult:
    """Statin benefit group (Stone 2013), with the PCE risk where the algorithm uses it."""
    i = inputs
    steps = [Step(label="Clinical ASCVD", value=i.known_ascvd)]
    if i.known_ascvd:
        rec = (
            "High-intensity statin"
            if i.age <= _AGE_HIGH
            else "Moderate-intensity statin (age > 75)"
        )
        return CalcResult(
            calculator=META.id,
            value=rec,
            interpretation=f"{rec}: clinical ASCVD (secondary prevention statin benefit group).",
            steps=steps,
            extra={"group": "clinical ASCVD"},
        )
    steps.append(Step(label="LDL-C ≥ 190 mg/dL", value=round(i.ldl, 1)))
    if i.ldl >= _LDL_PRIMARY:
        rec = "High-intensity statin"
        return CalcResult(
            calculator=META.id,
            value=rec,
            interpretation=f"{rec}: primary LDL-C ≥190 mg/dL (evaluate secondary causes).",
            steps=steps,
            extra={"group": "LDL-C ≥190 mg/dL"},
        )
    in_band = _AGE_LOW <= i.age <= _AGE_HIGH and i.ldl >= _LDL_LOW
    risk: float | None = None
    warnings: list[str] = []
    if _needs_risk(i):
        assert i.sex and i.race and i.total_cholesterol and i.hdl and i.systolic_bp
        risk, risk_steps, warnings = pce.pce_risk(
            sex=i.sex,
            race=i.race,
            age=i.age,
            total_cholesterol=i.total_cholesterol,
            hdl=i.hdl,
            systolic_bp=i.systolic_bp,
            bp_treated=bool(i.bp_treated),
            smoker=bool(i.smoker),
            diabetes=i.diabetes,
        )
        steps.extend(risk_steps)
    steps.append(Step(label="Age 40-75 and LDL-C 70-189 mg/dL", value=in_band))
    high = risk is not None and risk >= _RISK_THRESHOLD
    if in_band and i.diabetes:
        group = "diabetes, age 40-75"
        rec = (
            "High-intensity statin (10-year risk ≥7.5%)"
            if high
            else "Moderate-intensity statin (10-year risk <7.5%)"
        )
    elif in_band:
        group = "primary prevention, age 40-75"
        if high:
            rec = "Moderate- to high-intensity statin (10-year risk ≥7.5%)"
        elif risk is not None and risk >= _RISK_REASONABLE:
            rec = (
                "No statin benefit group (10-year risk 5 to <7.5%): reasonable to offer a "
                "moderate-intensity statin"
            )
        else:
            rec = (
                "No statin benefit group (10-year risk <5%): lifestyle; consider other risk factors"
            )
    else:
        group = "none"
        rec = (
            "Outside the statin benefit groups (age outside 40-75 or LDL-C <70 mg/dL): "
            "individual clinical judgement"
        )
    value: float | str = round(risk, 1) if risk is not None else rec
    lead = f"10-year ASCVD risk {risk:.1f}%: " if risk is not None else ""
    return CalcResult(
        calculator=META.id,
        value=value,
        unit="%" if risk is not None else None,
        interpretation=f"{lead}{rec}.",
        steps=steps,
        warnings=warnings,
        extra={"group": group, "recommendation": rec, "risk": risk},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (known ASCVD, LDL, age, diabetes and the PCE risk factors)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "known_ascvd": f.yes("known ascvd", "history of ascvd", "clinical ascvd", "ascvd"),
        "age": f.quantity("age", default_unit="years"),
        "ldl": f.quantity("ldl", default_unit="mg/dL"),
        "diabetes": f.yes("diabet"),
    }
    if f.has("hdl"):
        risk = pce_fields(f)
        risk.pop("age")
        risk.pop("diabetes")
        out.update(risk)
    return out
