"""TIMI risk score for unstable angina / non-ST-elevation myocardial infarction."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="timi_ua_nstemi",
    name="TIMI Risk Score for UA/NSTEMI",
    synonyms=(
        "TIMI UA/NSTEMI",
        "TIMI risk score for unstable angina/NSTEMI",
        "TIMI NSTEMI score",
        "TIMI risk score for unstable angina",
    ),
    category="cardiology",
    source="Antman EM, Cohen M, Bernink PJ, et al. The TIMI risk score for unstable angina/"
    "non-ST elevation MI: a method for prognostication and therapeutic decision making. "
    "JAMA. 2000;284(7):835-842.",
    output_type="integer",
    description="Seven one-point predictors (0-7) of death, new or recurrent MI or severe "
    "recurrent ischaemia needing urgent revascularisation within 14 days of UA/NSTEMI.",
)

# Antman 2000 (TIMI 11B test cohort): 14-day rate of all-cause death, new/recurrent MI or
# severe recurrent ischaemia requiring urgent revascularisation by score (0-1 and 6-7 pooled).
_EVENT_RATE = {0: "4.7%", 1: "4.7%", 2: "8.3%", 3: "13.2%", 4: "19.9%", 5: "26.2%", 6: "40.9%"}


class Inputs(QuantityInputs):
    """Inputs of the TIMI UA/NSTEMI score (one point each)."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age (≥65 years: +1)")
    cad_risk_factors_3_or_more: bool = Field(
        description="≥3 CAD risk factors: family history of CAD, hypertension, "
        "hypercholesterolaemia, diabetes, current smoker (+1)"
    )
    known_cad_stenosis_50: bool = Field(description="Known CAD (prior stenosis ≥50%) (+1)")
    aspirin_past_7_days: bool = Field(description="Aspirin use in the past 7 days (+1)")
    severe_angina: bool = Field(description="≥2 anginal episodes in the past 24 hours (+1)")
    st_deviation: bool = Field(description="ST deviation ≥0.5 mm on the presenting ECG (+1)")
    positive_cardiac_marker: bool = Field(
        description="Elevated cardiac marker (CK-MB or troponin) (+1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the seven TIMI UA/NSTEMI predictors (Antman 2000, table 2)."""
    s = Score()
    s.add("Age ≥65", inputs.age, 1 if inputs.age >= 65 else 0, "+1 if age ≥65")
    s.flag("≥3 CAD risk factors", inputs.cad_risk_factors_3_or_more, 1)
    s.flag("Known CAD (stenosis ≥50%)", inputs.known_cad_stenosis_50, 1)
    s.flag("Aspirin use in past 7 days", inputs.aspirin_past_7_days, 1)
    s.flag("Severe angina (≥2 episodes in 24 h)", inputs.severe_angina, 1)
    s.flag("ST deviation ≥0.5 mm", inputs.st_deviation, 1)
    s.flag("Positive cardiac marker", inputs.positive_cardiac_marker, 1)
    total = int(s.total)
    rate = _EVENT_RATE[min(total, 6)]
    band = "Low" if total <= 2 else "Intermediate" if total <= 4 else "High"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band} risk: {total} points; {rate} risk of all-cause mortality, new "
        "or recurrent MI, or severe recurrent ischemia requiring urgent revascularization "
        "through 14 days (Antman 2000).",
        steps=s.steps,
        extra={"event_rate_14_day": rate},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the seven TIMI items, as yes/no or the age in years) → Inputs."""
    f = Fields(inputs, META.id)
    if f.has("age 65", "age ge 65"):
        age: Any = 70 if f.yes("age 65", "age ge 65") else 50
    else:
        age = f.quantity("age", default_unit="years")
    return {
        "age": age,
        "cad_risk_factors_3_or_more": f.yes("risk factor"),
        "known_cad_stenosis_50": f.yes("known cad", "stenosis", "known coronary"),
        "aspirin_past_7_days": f.yes("asa", "aspirin"),
        "severe_angina": f.yes("severe angina", "anginal", "angina"),
        "st_deviation": f.yes("st deviation", "st change", "ekg st", "ecg st", "st segment"),
        "positive_cardiac_marker": f.yes("marker", "troponin", "biomarker"),
    }
