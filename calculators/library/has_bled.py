"""HAS-BLED score for major bleeding risk on anticoagulation."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="has_bled",
    name="HAS-BLED Score for Major Bleeding Risk",
    synonyms=("HAS-BLED", "HASBLED", "HAS BLED"),
    category="cardiology",
    source="Pisters R, Lane DA, Nieuwlaat R, de Vos CB, Crijns HJGM, Lip GYH. A novel "
    "user-friendly score (HAS-BLED) to assess 1-year risk of major bleeding in patients "
    "with atrial fibrillation: the Euro Heart Survey. Chest. 2010;138(5):1093-1100.",
    doi="10.1378/chest.10-0134",
    pmid="20299623",
    output_type="integer",
    medcalc_id=25,
    description="1-year major bleeding risk in atrial fibrillation patients on anticoagulation.",
)


class Inputs(QuantityInputs):
    """Inputs of HAS-BLED."""

    hypertension: bool = Field(description="Uncontrolled hypertension, systolic > 160 mmHg (+1)")
    renal_disease: bool = Field(
        description="Renal disease: dialysis, transplant, Cr > 2.26 mg/dL or > 200 µmol/L (+1)"
    )
    liver_disease: bool = Field(
        description="Liver disease: cirrhosis or bilirubin > 2× normal "
        "with AST/ALT/AP > 3× normal (+1)"
    )
    stroke: bool = Field(description="Stroke history (+1)")
    prior_bleeding: bool = Field(
        description="Prior major bleeding or predisposition to bleeding (+1)"
    )
    labile_inr: bool = Field(description="Labile INR (time in therapeutic range < 60%) (+1)")
    age: float = quantity("age", "years", ge=18, le=120, description="Age (> 65: +1)")
    bleeding_drugs: bool = Field(
        description="Medication predisposing to bleeding: antiplatelet agents, NSAIDs (+1)"
    )
    alcohol: bool = Field(description="Alcohol use ≥ 8 drinks/week (+1)")


# Major bleeds per 100 patient-years by score (Pisters 2010, Euro Heart Survey).
_RATE = {0: "1.13", 1: "1.02", 2: "1.88", 3: "3.74", 4: "8.70", 5: "12.50"}


def compute(inputs: Inputs) -> CalcResult:
    """Count of HAS-BLED criteria (0-9)."""
    s = Score()
    s.flag("Hypertension (uncontrolled)", inputs.hypertension, 1)
    s.flag("Abnormal renal function", inputs.renal_disease, 1)
    s.flag("Abnormal liver function", inputs.liver_disease, 1)
    s.flag("Stroke", inputs.stroke, 1)
    s.flag("Bleeding history or predisposition", inputs.prior_bleeding, 1)
    s.flag("Labile INR", inputs.labile_inr, 1)
    s.add("Elderly (> 65)", inputs.age, 1 if inputs.age > 65 else 0, "+1 if age > 65")
    s.flag("Drugs predisposing to bleeding", inputs.bleeding_drugs, 1)
    s.flag("Alcohol ≥ 8 drinks/week", inputs.alcohol, 1)
    total = int(s.total)
    rate = _RATE.get(total)
    rate_text = (
        f"{rate} major bleeds per 100 patient-years"
        if rate
        else "too few patients in the derivation cohort for a rate"
    )
    risk = "high risk (≥ 3): caution and regular review" if total >= 3 else "low to moderate risk"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{total} points: {risk}; {rate_text} (Pisters 2010).",
        steps=s.steps,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (drinks per week ≥ 8 counts as alcohol use)."""
    e = entities
    drinks = mc.number(e, "Number of Alcoholic Drinks Per Week", default=0)
    return {
        "hypertension": mc.flag(e, "Hypertension history"),
        "renal_disease": mc.flag(e, "Renal disease criteria for the HAS-BLED rule"),
        "liver_disease": mc.flag(e, "Liver disease criteria for the HAS-BLED rule"),
        "stroke": mc.flag(e, "Stroke"),
        "prior_bleeding": mc.flag(e, "Prior major bleeding or predisposition to bleeding"),
        "labile_inr": mc.flag(e, "Labile international normalized ratio"),
        "age": mc.quantity(e, "age"),
        "bleeding_drugs": mc.flag(e, "Medication usage predisposing to bleeding"),
        "alcohol": float(drinks) >= 8,
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs ('Age >65': 'Yes (78 years)')."""
    m = kw.KeywordInputs(inputs)
    age_raw = m.find("age")
    try:
        age = kw.parse_number(age_raw)  # 'Yes (78 years)' → 78
    except AdapterError:
        # Only the "> 65" criterion is recorded: stand in an age on the recorded side.
        age = 66.0 if kw.parse_yes(age_raw) else 60.0
    return {
        "hypertension": kw.parse_yes(m.find("hypertension")),
        "renal_disease": kw.parse_yes(m.find("renal")),
        "liver_disease": kw.parse_yes(m.find("liver")),
        "stroke": kw.parse_yes(m.find("stroke")),
        "prior_bleeding": kw.parse_yes(m.find("bleeding predisposition", "prior major bleeding")),
        "labile_inr": kw.parse_yes(m.find("labile")),
        "age": age,
        "bleeding_drugs": kw.parse_yes(m.find("medication")),
        "alcohol": kw.parse_yes(m.find("alcohol")),
    }
