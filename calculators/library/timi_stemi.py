"""TIMI risk score for ST-elevation myocardial infarction."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="timi_stemi",
    name="TIMI Risk Score for STEMI",
    synonyms=("TIMI STEMI", "TIMI risk score for ST-elevation MI", "TIMI STEMI score"),
    category="cardiology",
    source="Morrow DA, et al. TIMI risk score for ST-elevation myocardial infarction: a "
    "convenient, bedside, clinical score for risk assessment at presentation. "
    "Circulation. 2000;102(17):2031-7.",
    doi="10.1161/01.cir.102.17.2031",
    output_type="integer",
    unit=None,
    description="30-day mortality risk at presentation with STEMI (0–14).",
)

# Morrow 2000 (InTIME II): 30-day mortality by score; 9–14 pooled.
_MORTALITY = {
    0: "0.8%",
    1: "1.6%",
    2: "2.2%",
    3: "4.4%",
    4: "7.3%",
    5: "12.4%",
    6: "16.1%",
    7: "23.4%",
    8: "26.8%",
}


class Inputs(QuantityInputs):
    """Inputs of the TIMI STEMI score."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age (65–74: 2; ≥75: 3)")
    diabetes_hypertension_or_angina: bool = Field(
        description="History of diabetes, hypertension or angina (1)"
    )
    systolic_bp: float = quantity(
        "pressure", "mmHg", ge=20, le=300, description="Systolic BP (<100: 3)"
    )
    heart_rate: float = quantity("rate", "/min", ge=20, le=250, description="Heart rate (>100: 2)")
    killip_class_2_to_4: bool = Field(description="Killip class II–IV (2)")
    weight: float = quantity("weight", "kg", ge=20, le=400, description="Weight (<67 kg: 1)")
    anterior_ste_or_lbbb: bool = Field(description="Anterior ST elevation or LBBB (1)")
    time_to_treatment_over_4h: bool = Field(description="Time to treatment >4 hours (1)")


def compute(inputs: Inputs) -> CalcResult:
    """Points from Morrow 2000 (table 2)."""
    age_pts = 3 if inputs.age >= 75 else 2 if inputs.age >= 65 else 0
    steps, total = tally(
        [
            ("Age (65–74: 2; ≥75: 3)", inputs.age, age_pts),
            (
                "Diabetes, hypertension or angina",
                inputs.diabetes_hypertension_or_angina,
                1 if inputs.diabetes_hypertension_or_angina else 0,
            ),
            ("Systolic BP <100", inputs.systolic_bp, 3 if inputs.systolic_bp < 100 else 0),
            ("Heart rate >100", inputs.heart_rate, 2 if inputs.heart_rate > 100 else 0),
            (
                "Killip class II–IV",
                inputs.killip_class_2_to_4,
                2 if inputs.killip_class_2_to_4 else 0,
            ),
            ("Weight <67 kg", inputs.weight, 1 if inputs.weight < 67 else 0),
            (
                "Anterior ST elevation or LBBB",
                inputs.anterior_ste_or_lbbb,
                1 if inputs.anterior_ste_or_lbbb else 0,
            ),
            (
                "Time to treatment >4 h",
                inputs.time_to_treatment_over_4h,
                1 if inputs.time_to_treatment_over_4h else 0,
            ),
        ]
    )
    mortality = _MORTALITY.get(int(total), "35.9%")
    return CalcResult(
        calculator=META.id,
        value=as_int(total),
        interpretation=f"30-day mortality {mortality} (Morrow 2000)",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the eight TIMI STEMI items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "diabetes_hypertension_or_angina": f.yes("diabetes", "angina"),
        "systolic_bp": f.quantity("systolic", "sbp", default_unit="mmHg"),
        "heart_rate": f.quantity("heart rate", default_unit="/min"),
        "killip_class_2_to_4": f.yes("killip"),
        "weight": f.quantity("weight", default_unit="kg"),
        "anterior_ste_or_lbbb": f.yes("anterior", "lbbb"),
        "time_to_treatment_over_4h": f.yes("time to treatment"),
    }
