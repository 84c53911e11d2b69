"""ASCVD 2013 risk calculator from AHA/ACC: the Pooled Cohort Equations, 10-year risk."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _pooled_cohort as pce
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._patient import Sex

META = CalculatorMeta(
    id="ascvd_pce_2013",
    name="ASCVD (Atherosclerotic Cardiovascular Disease) 2013 Risk Calculator from AHA/ACC",
    synonyms=(
        "ASCVD 2013 Risk Calculator",
        "ASCVD risk calculator",
        "Pooled Cohort Equations",
        "PCE 10-year ASCVD risk",
        "ACC/AHA ASCVD risk",
    ),
    category="cardiology",
    source=(
        "Goff DC Jr, Lloyd-Jones DM, Bennett G, et al. 2013 ACC/AHA Guideline on the "
        "Assessment of Cardiovascular Risk. Circulation. 2014;129(25 Suppl 2):S49-S73 "
        "(equations); risk categories: Grundy SM, Stone NJ, et al. 2018 AHA/ACC Guideline on "
        "the Management of Blood Cholesterol. Circulation. 2019;139:e1082-e1143."
    ),
    doi="10.1161/01.cir.0000437741.48606.98",
    pmid="24222018",
    output_type="decimal",
    unit="%",
    description="10-year risk of a first hard ASCVD event (nonfatal MI, CHD death, fatal or "
    "nonfatal stroke) for adults 40-79 without clinical ASCVD, by sex- and race-specific "
    "Pooled Cohort Equations.",
)


class Inputs(QuantityInputs):
    """Inputs of the Pooled Cohort Equations."""

    sex: Sex = Field(description="Sex (male/female)")
    race: pce.Race = Field(
        description="Race: white, african_american, or other (other uses the white equations)"
    )
    age: float = quantity("age", "years", ge=40, le=79, description="Age (equations: 40-79)")
    total_cholesterol: float = quantity(
        "cholesterol", "mg/dL", ge=50, le=600, description="Total cholesterol"
    )
    hdl: float = quantity("cholesterol", "mg/dL", ge=5, le=200, description="HDL cholesterol")
    systolic_bp: float = quantity(
        "pressure", "mmHg", ge=60, le=300, description="Systolic blood pressure"
    )
    bp_treated: bool = Field(description="On treatment for hypertension")
    smoker: bool = Field(description="Current smoker")
    diabetes: bool = Field(description="History of diabetes")


def compute(inputs: Inputs) -> CalcResult:
    """10-year ASCVD risk = (1 − S10^exp(Σβx − mean)) × 100 (Goff 2013, Table A)."""
    i = inputs
    risk, steps, warnings = pce.pce_risk(
        sex=i.sex,
        race=i.race,
        age=i.age,
        total_cholesterol=i.total_cholesterol,
        hdl=i.hdl,
        systolic_bp=i.systolic_bp,
        bp_treated=i.bp_treated,
        smoker=i.smoker,
        diabetes=i.diabetes,
    )
    category = pce.risk_category(risk)
    return CalcResult(
        calculator=META.id,
        value=round(risk, 1),
        unit="%",
        interpretation=f"{category}: 10-year risk of a first hard ASCVD event {risk:.1f}%.",
        steps=steps,
        warnings=warnings,
        extra={"category": category, "risk_unrounded": risk},
    )


def pce_fields(f: Fields) -> dict[str, Any]:
    """Read the PCE inputs of a MedMCP-Calc item (shared with the known-ASCVD algorithm)."""
    race = (
        f.option("race", "ethnicity", options=pce.RACE_OPTIONS)
        if f.has("race", "ethnicity")
        else "white"
    )
    return {
        "sex": f.sex(),
        "race": race,
        "age": f.quantity("age", default_unit="years"),
        "total_cholesterol": f.quantity(
            "total cholesterol", "total chol", "cholesterol", default_unit="mg/dL", exclude=["hdl"]
        ),
        "hdl": f.quantity("hdl", default_unit="mg/dL"),
        "systolic_bp": f.quantity("systolic", "sbp", default_unit="mmHg"),
        "bp_treated": f.yes("hypertension treatment", "treatment", "treated", "antihypertensive"),
        "smoker": f.yes("smok"),
        "diabetes": f.yes("diabet"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, sex, race, TC, HDL, SBP, BP treatment, smoker, diabetes).

    MDCalc makes race optional; without it the white/other equations are used, as MDCalc does.
    """
    return pce_fields(Fields(inputs, META.id))
