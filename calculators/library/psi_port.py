"""Pneumonia Severity Index (PSI / PORT score) for community-acquired pneumonia."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._patient import Sex
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="psi_port",
    name="PSI Score: Pneumonia Severity Index for CAP",
    synonyms=(
        "PSI/PORT Score: Pneumonia Severity Index for CAP",
        "PSI",
        "PORT score",
        "Pneumonia Severity Index",
        "PSI/PORT",
    ),
    category="pulmonology",
    source="Fine MJ, Auble TE, Yealy DM, et al. A prediction rule to identify low-risk patients "
    "with community-acquired pneumonia. N Engl J Med. 1997;336(4):243-250.",
    doi="10.1056/NEJM199701233360402",
    pmid="8995086",
    output_type="integer",
    medcalc_id=29,
    description="30-day mortality risk class (I-V) in community-acquired pneumonia.",
)


class Inputs(QuantityInputs):
    """Inputs of the PSI."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age (points = years)")
    sex: Sex = Field(description="Sex (female: −10)")
    nursing_home: bool = Field(description="Nursing home resident (+10)")
    neoplastic_disease: bool = Field(description="Neoplastic disease (+30)")
    liver_disease: bool = Field(description="Liver disease history (+20)")
    chf: bool = Field(description="Congestive heart failure history (+10)")
    cerebrovascular_disease: bool = Field(description="Cerebrovascular disease history (+10)")
    renal_disease: bool = Field(description="Renal disease history (+10)")
    altered_mental_status: bool = Field(description="Altered mental status (+20)")
    respiratory_rate: float = quantity(
        "rate", "/min", ge=0, le=100, description="Respiratory rate (≥ 30: +20)"
    )
    systolic: float = quantity(
        "pressure", "mmHg", ge=30, le=300, description="Systolic BP (< 90: +20)"
    )
    temperature: float = quantity(
        "temperature", "°C", ge=25, le=45, description="Temperature (< 35 or ≥ 40 °C: +15)"
    )
    heart_rate: float = quantity("rate", "/min", ge=0, le=300, description="Pulse (≥ 125: +10)")
    ph: float = Field(ge=6.5, le=8.0, description="Arterial pH (< 7.35: +30)")
    bun: float = quantity("bun", "mg/dL", ge=1, le=300, description="BUN (≥ 30 mg/dL: +20)")
    sodium: float = quantity(
        "electrolyte", "mmol/L", ge=90, le=200, description="Sodium (< 130: +20)"
    )
    glucose: float = quantity(
        "glucose", "mg/dL", ge=10, le=3000, description="Glucose (≥ 250 mg/dL: +10)"
    )
    hematocrit: float = quantity("percent", "%", ge=5, le=80, description="Hematocrit (< 30%: +10)")
    pao2: float = quantity(
        "pressure",
        "mmHg",
        ge=10,
        le=700,
        description="PaO2 (< 60 mmHg: +10; SpO2 < 90% is equivalent)",
    )
    pleural_effusion: bool = Field(description="Pleural effusion on x-ray (+10)")


def compute(inputs: Inputs) -> CalcResult:
    """PSI points (Fine 1997, Table 2) and risk class."""
    s = Score()
    s.add(
        "Age",
        inputs.age,
        int(inputs.age) - (10 if inputs.sex == "female" else 0),
        "years; women − 10",
    )
    s.flag("Nursing home resident", inputs.nursing_home, 10)
    s.flag("Neoplastic disease", inputs.neoplastic_disease, 30)
    s.flag("Liver disease", inputs.liver_disease, 20)
    s.flag("Congestive heart failure", inputs.chf, 10)
    s.flag("Cerebrovascular disease", inputs.cerebrovascular_disease, 10)
    s.flag("Renal disease", inputs.renal_disease, 10)
    s.flag("Altered mental status", inputs.altered_mental_status, 20)
    s.add(
        "Respiratory rate ≥ 30", inputs.respiratory_rate, 20 if inputs.respiratory_rate >= 30 else 0
    )
    s.add("Systolic BP < 90", inputs.systolic, 20 if inputs.systolic < 90 else 0)
    t = inputs.temperature
    s.add("Temperature < 35 or ≥ 40 °C", round(t, 2), 15 if t < 35 or t >= 40 else 0)
    s.add("Pulse ≥ 125", inputs.heart_rate, 10 if inputs.heart_rate >= 125 else 0)
    s.add("pH < 7.35", inputs.ph, 30 if inputs.ph < 7.35 else 0)
    s.add("BUN ≥ 30 mg/dL", inputs.bun, 20 if inputs.bun >= 30 else 0)
    s.add("Sodium < 130", inputs.sodium, 20 if inputs.sodium < 130 else 0)
    s.add("Glucose ≥ 250 mg/dL", round(inputs.glucose, 1), 10 if inputs.glucose >= 250 else 0)
    s.add("Hematocrit < 30%", inputs.hematocrit, 10 if inputs.hematocrit < 30 else 0)
    s.add("PaO2 < 60 mmHg", inputs.pao2, 10 if inputs.pao2 < 60 else 0)
    s.flag("Pleural effusion", inputs.pleural_effusion, 10)
    total = int(s.total)
    # Risk classes and 30-day mortality (Fine 1997): II ≤ 70 (0.6%), III 71-90 (0.9-2.8%),
    # IV 91-130 (8.2-9.3%), V > 130 (27-31%). Class I needs age ≤ 50 and no risk factor.
    if total <= 70:
        cls = "class II (≤ 70): mortality 0.6%; outpatient care"
    elif total <= 90:
        cls = "class III (71-90): mortality 0.9-2.8%; outpatient or brief observation"
    elif total <= 130:
        cls = "class IV (91-130): mortality 8.2-9.3%; inpatient"
    else:
        cls = "class V (> 130): mortality 27-31%; inpatient, consider ICU"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{total} points: {cls}.",
        steps=s.steps,
        warnings=[
            "Class I (no points assigned) applies to patients ≤ 50 years "
            "without comorbidity or abnormal findings in step 1."
        ],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (unmentioned history is absent)."""
    e = entities
    f = mc.flag
    return {
        "age": mc.quantity(e, "age"),
        "sex": mc.sex(e),
        "nursing_home": f(e, "Nursing home resident"),
        "neoplastic_disease": f(e, "Neoplastic disease"),
        "liver_disease": f(e, "Liver disease severity"),
        "chf": f(e, "Congestive Heart Faliure", "Congestive Heart Failure"),
        "cerebrovascular_disease": f(e, "Cerebrovascular disease history"),
        "renal_disease": f(e, "Renal disease"),
        "altered_mental_status": f(e, "Altered mental status"),
        "respiratory_rate": mc.quantity(e, "respiratory rate"),
        "systolic": mc.quantity(e, "Systolic Blood Pressure"),
        "temperature": mc.quantity(e, "Temperature"),
        "heart_rate": mc.quantity(e, "Heart Rate or Pulse"),
        "ph": mc.number(e, "pH"),
        "bun": mc.quantity(e, "Blood Urea Nitrogen (BUN)"),
        "sodium": mc.quantity(e, "Sodium"),
        "glucose": mc.quantity(e, "Glucose"),
        "hematocrit": mc.quantity(e, "Hematocrit"),
        "pao2": mc.quantity(e, "Partial pressure of oxygen (PaO₂) for Apache II"),
        "pleural_effusion": f(e, "Pleural effusion on x-ray"),
    }


# MedMCP-Calc records the PSI findings as Yes/No against MDCalc's thresholds; a finding
# recorded only as Yes/No gets a stand-in value on the recorded side of the threshold.
_MEDMCP_THRESHOLDS: dict[str, tuple[str, float, float]] = {
    "respiratory_rate": ("respiratory rate", 32, 16),
    "systolic": ("systolic", 80, 120),
    "temperature": ("temperature", 34, 37),
    "heart_rate": ("pulse", 130, 80),
    "ph": ("ph", 7.30, 7.40),
    "bun": ("bun", 35, 15),
    "sodium": ("sodium", 125, 140),
    "glucose": ("glucose", 300, 100),
    "hematocrit": ("hematocrit", 25, 40),
    "pao2": ("partial pressure oxygen", 55, 80),
}
_MEDMCP_FLAGS = {
    "nursing_home": "nursing home",
    "neoplastic_disease": "neoplastic",
    "liver_disease": "liver",
    "chf": "chf",
    "cerebrovascular_disease": "cerebrovascular",
    "renal_disease": "renal",
    "altered_mental_status": "mental",
    "pleural_effusion": "pleural",
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Pulse ≥125 beats/min': 'No') → inputs."""
    m = kw.KeywordInputs(inputs)
    out: dict[str, Any] = {
        "age": kw.parse_quantity(m.find("age"), "years"),
        "sex": str(m.find("sex")).split()[0].lower(),
    }
    for name, key in _MEDMCP_FLAGS.items():
        out[name] = kw.parse_yes(m.find(key))
    for name, (key, yes, no) in _MEDMCP_THRESHOLDS.items():
        raw = m.find(key)
        try:
            out[name] = kw.parse_number(raw)
        except AdapterError:
            out[name] = yes if kw.parse_yes(raw) else no
    return out
