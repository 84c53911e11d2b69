"""STOP-BANG questionnaire for obstructive sleep apnea."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="stop_bang",
    name="STOP-BANG Score for Obstructive Sleep Apnea",
    synonyms=("STOP-BANG", "STOP-Bang questionnaire", "STOPBANG"),
    category="pulmonology",
    source="Chung F, et al. STOP questionnaire: a tool to screen patients for obstructive "
    "sleep apnea. Anesthesiology. 2008;108(5):812-21; risk tiers Chung F, et al. Chest. "
    "2016;149(3):631-8.",
    doi="10.1097/ALN.0b013e31816d83e4",
    output_type="integer",
    unit=None,
    description="Eight yes/no items (0–8) screening for moderate-to-severe obstructive sleep "
    "apnea.",
)

ITEMS = {
    "snoring": "Snoring loudly",
    "tired": "Tired, fatigued or sleepy during the day",
    "observed_apnea": "Observed stopping breathing or choking during sleep",
    "high_blood_pressure": "High blood pressure (treated or not)",
    "bmi_over_35": "BMI >35 kg/m²",
    "age_over_50": "Age >50 years",
    "neck_over_40cm": "Neck circumference >40 cm",
    "male": "Male sex",
}


class Inputs(CalcInputs):
    """Inputs of STOP-BANG."""

    snoring: bool = Field(description=ITEMS["snoring"])
    tired: bool = Field(description=ITEMS["tired"])
    observed_apnea: bool = Field(description=ITEMS["observed_apnea"])
    high_blood_pressure: bool = Field(description=ITEMS["high_blood_pressure"])
    bmi_over_35: bool = Field(description=ITEMS["bmi_over_35"])
    age_over_50: bool = Field(description=ITEMS["age_over_50"])
    neck_over_40cm: bool = Field(description=ITEMS["neck_over_40cm"])
    male: bool = Field(description=ITEMS["male"])


def compute(inputs: Inputs) -> CalcResult:
    """One point per item; Chung 2016 tiers, with the STOP ≥2 refinement for intermediate."""
    steps, total = tally(
        (label, getattr(inputs, k), 1 if getattr(inputs, k) else 0) for k, label in ITEMS.items()
    )
    stop = sum(
        bool(getattr(inputs, k))
        for k in ("snoring", "tired", "observed_apnea", "high_blood_pressure")
    )
    # Chung 2016: 0–2 low, 5–8 high; 3–4 high if STOP ≥2 plus male, BMI >35 or neck >40 cm.
    if total <= 2:
        label = "Low risk of moderate-to-severe OSA (0–2)"
    elif total >= 5 or (stop >= 2 and (inputs.male or inputs.bmi_over_35 or inputs.neck_over_40cm)):
        label = "High risk of moderate-to-severe OSA"
    else:
        label = "Intermediate risk of moderate-to-severe OSA (3–4)"
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


_KEYS = {
    "snoring": ("snor",),
    "tired": ("tired", "fatigue"),
    "observed_apnea": ("observed",),
    "high_blood_pressure": ("pressure", "hypertension"),
    "bmi_over_35": ("bmi",),
    "age_over_50": ("age",),
    "neck_over_40cm": ("neck",),
    "male": ("male", "gender", "sex"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (eight yes/no items; sex may be given as Male/Female) → kwargs."""
    f = Fields(inputs, META.id)
    out = {k: f.yes(*keys) for k, keys in _KEYS.items() if k != "male"}
    if f.has("gender", "sex"):
        out["male"] = f.sex() == "male"
    else:
        out["male"] = f.yes("male")
    return out
