"""APACHE II severity-of-disease score."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="apache_ii",
    name="APACHE II Score",
    synonyms=("APACHE II", "APACHE 2", "Acute Physiology and Chronic Health Evaluation II"),
    category="critical care",
    source="Knaus WA, Draper EA, Wagner DP, Zimmerman JE. APACHE II: a severity of disease "
    "classification system. Crit Care Med. 1985;13(10):818-829.",
    pmid="3928249",
    output_type="integer",
    medcalc_id=28,
    description="ICU severity score from the worst physiology of the first 24 h, age and chronic "
    "health (0-71).",
)

AdmissionType = Literal["nonoperative", "emergency_postoperative", "elective_postoperative"]


class Inputs(QuantityInputs):
    """Inputs of APACHE II (worst values in the first 24 hours)."""

    age: float = quantity("age", "years", ge=16, le=120, description="Age")
    temperature: float = quantity(
        "temperature", "°C", ge=20, le=45, description="Rectal temperature"
    )
    mean_arterial_pressure: float = quantity(
        "pressure", "mmHg", ge=10, le=250, description="Mean arterial pressure"
    )
    heart_rate: float = quantity("rate", "/min", ge=0, le=300, description="Heart rate")
    respiratory_rate: float = quantity("rate", "/min", ge=0, le=100, description="Respiratory rate")
    fio2: float = quantity("fio2", "fraction", ge=0.21, le=1.0, description="FiO2")
    pao2: float | None = quantity(
        "pressure", "mmHg", ge=10, le=700, default=None, description="PaO2 (scored when FiO2 < 0.5)"
    )
    aa_gradient: float | None = quantity(
        "pressure",
        "mmHg",
        ge=0,
        le=700,
        default=None,
        description="A-a gradient (scored when FiO2 ≥ 0.5)",
    )
    ph: float = Field(ge=6.5, le=8.0, description="Arterial pH")
    sodium: float = quantity("electrolyte", "mmol/L", ge=90, le=200, description="Serum sodium")
    potassium: float = quantity("electrolyte", "mmol/L", ge=1, le=10, description="Serum potassium")
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Serum creatinine"
    )
    acute_renal_failure: bool = Field(description="Acute renal failure (creatinine points doubled)")
    hematocrit: float = quantity("percent", "%", ge=5, le=80, description="Hematocrit")
    wbc: float = quantity(
        "thousand_per_ul", "10^3/uL", ge=0, le=500, description="White blood cell count"
    )
    gcs: int = Field(ge=3, le=15, description="Glasgow Coma Scale (points = 15 − GCS)")
    chronic_health: bool = Field(
        description="History of severe organ insufficiency (cirrhosis, NYHA IV heart failure, "
        "severe COPD, dialysis) or immunocompromise"
    )
    admission_type: AdmissionType | None = Field(
        None,
        description="nonoperative or emergency postoperative (+5) / elective "
        "postoperative (+2); needed when chronic_health is true",
    )

    @model_validator(mode="after")
    def _oxygenation_and_admission(self) -> Inputs:
        if self.fio2 >= 0.5 and self.aa_gradient is None:
            raise ValueError("FiO2 ≥ 0.5: APACHE II scores the A-a gradient; give aa_gradient")
        if self.fio2 < 0.5 and self.pao2 is None:
            raise ValueError("FiO2 < 0.5: APACHE II scores the PaO2; give pao2")
        if self.chronic_health and self.admission_type is None:
            raise ValueError(
                "chronic_health is true: give admission_type (nonoperative, "
                "emergency_postoperative or elective_postoperative)"
            )
        return self


def _temp(t: float) -> int:
    if t >= 41:
        return 4
    if t >= 39:
        return 3
    if t >= 38.5:
        return 1
    if t >= 36:
        return 0
    if t >= 34:
        return 1
    if t >= 32:
        return 2
    if t >= 30:
        return 3
    return 4


def _map(m: float) -> int:
    return (
        4
        if m >= 160
        else 3
        if m >= 130
        else 2
        if m >= 110
        else 0
        if m >= 70
        else 2
        if m >= 50
        else 4
    )


def _hr(h: float) -> int:
    return (
        4
        if h >= 180
        else 3
        if h >= 140
        else 2
        if h >= 110
        else 0
        if h >= 70
        else 2
        if h >= 55
        else 3
        if h >= 40
        else 4
    )


def _rr(r: float) -> int:
    return (
        4
        if r >= 50
        else 3
        if r >= 35
        else 1
        if r >= 25
        else 0
        if r >= 12
        else 1
        if r >= 10
        else 2
        if r >= 6
        else 4
    )


def _oxygen(inputs: Inputs) -> tuple[str, float, int]:
    if inputs.fio2 >= 0.5:
        g = float(inputs.aa_gradient or 0)
        return (
            "A-a gradient (FiO2 ≥ 0.5)",
            g,
            4 if g >= 500 else 3 if g >= 350 else 2 if g >= 200 else 0,
        )
    p = float(inputs.pao2 or 0)
    return "PaO2 (FiO2 < 0.5)", p, 0 if p > 70 else 1 if p >= 61 else 3 if p >= 55 else 4


def _ph(v: float) -> int:
    return (
        4
        if v >= 7.7
        else 3
        if v >= 7.6
        else 1
        if v >= 7.5
        else 0
        if v >= 7.33
        else 2
        if v >= 7.25
        else 3
        if v >= 7.15
        else 4
    )


def _na(v: float) -> int:
    return (
        4
        if v >= 180
        else 3
        if v >= 160
        else 2
        if v >= 155
        else 1
        if v >= 150
        else 0
        if v >= 130
        else 2
        if v >= 120
        else 3
        if v >= 111
        else 4
    )


def _k(v: float) -> int:
    return (
        4
        if v >= 7
        else 3
        if v >= 6
        else 1
        if v >= 5.5
        else 0
        if v >= 3.5
        else 1
        if v >= 3
        else 2
        if v >= 2.5
        else 4
    )


def _cr(v: float) -> int:
    return 4 if v >= 3.5 else 3 if v >= 2 else 2 if v >= 1.5 else 0 if v >= 0.6 else 2


def _hct(v: float) -> int:
    return (
        4 if v >= 60 else 2 if v >= 50 else 1 if v >= 46 else 0 if v >= 30 else 2 if v >= 20 else 4
    )


def _wbc(v: float) -> int:
    return 4 if v >= 40 else 2 if v >= 20 else 1 if v >= 15 else 0 if v >= 3 else 2 if v >= 1 else 4


def compute(inputs: Inputs) -> CalcResult:
    """Acute physiology (12 variables) + age points + chronic health points (Knaus 1985)."""
    s = Score()
    s.add("Temperature (rectal)", inputs.temperature, _temp(inputs.temperature), "°C")
    s.add(
        "Mean arterial pressure",
        round(inputs.mean_arterial_pressure, 2),
        _map(inputs.mean_arterial_pressure),
        "mmHg",
    )
    s.add("Heart rate", inputs.heart_rate, _hr(inputs.heart_rate))
    s.add("Respiratory rate", inputs.respiratory_rate, _rr(inputs.respiratory_rate))
    label, value, pts = _oxygen(inputs)
    s.add(label, value, pts, "mmHg")
    s.add("Arterial pH", inputs.ph, _ph(inputs.ph))
    s.add("Sodium", inputs.sodium, _na(inputs.sodium), "mmol/L")
    s.add("Potassium", inputs.potassium, _k(inputs.potassium), "mmol/L")
    cr_pts = _cr(inputs.creatinine) * (2 if inputs.acute_renal_failure else 1)
    s.add(
        "Creatinine",
        inputs.creatinine,
        cr_pts,
        "mg/dL; doubled for acute renal failure" if inputs.acute_renal_failure else "mg/dL",
    )
    s.add("Hematocrit", inputs.hematocrit, _hct(inputs.hematocrit), "%")
    s.add("White blood cells", inputs.wbc, _wbc(inputs.wbc), "× 10³/µL")
    s.add("Glasgow Coma Scale", inputs.gcs, 15 - inputs.gcs, "15 − GCS")
    a = inputs.age
    s.add(
        "Age",
        a,
        6 if a >= 75 else 5 if a >= 65 else 3 if a >= 55 else 2 if a >= 45 else 0,
        "≤ 44: 0; 45-54: 2; 55-64: 3; 65-74: 5; ≥ 75: 6",
    )
    chronic = 0
    if inputs.chronic_health:
        chronic = 2 if inputs.admission_type == "elective_postoperative" else 5
    s.add(
        "Chronic health",
        inputs.admission_type if inputs.chronic_health else "none",
        chronic,
        "nonoperative or emergency postoperative: 5; elective postoperative: 2",
    )
    total = int(s.total)
    # Approximate hospital mortality by score band (Knaus 1985, Figure/Table for
    # nonoperative patients, as summarised by MDCalc).
    mort = (
        "≈ 4%"
        if total <= 4
        else "≈ 8%"
        if total <= 9
        else "≈ 15%"
        if total <= 14
        else "≈ 25%"
        if total <= 19
        else "≈ 40%"
        if total <= 24
        else "≈ 55%"
        if total <= 29
        else "≈ 75%"
        if total <= 34
        else "≈ 85%"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"APACHE II {total}: estimated hospital mortality {mort} "
        "(nonoperative patients).",
        steps=s.steps,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs.

    MAP from systolic and diastolic pressure; 'Surgery Type' Elective → elective
    postoperative, Emergency → emergency postoperative, Nonelective or not given →
    nonoperative (the published scoring gives both non-elective categories 5 points).
    """
    e = entities
    sbp = mc.number(e, "Systolic Blood Pressure")
    dbp = mc.number(e, "Diastolic Blood Pressure")
    surgery = str(mc.get(e, "Surgery Type", default="")).strip().lower()
    admission = (
        "elective_postoperative"
        if surgery == "elective"
        else "emergency_postoperative"
        if surgery == "emergency"
        else "nonoperative"
    )
    out: dict[str, Any] = {
        "age": mc.quantity(e, "age"),
        "temperature": mc.quantity(e, "Temperature"),
        "mean_arterial_pressure": 2 / 3 * float(dbp) + 1 / 3 * float(sbp),
        "heart_rate": mc.quantity(e, "Heart Rate or Pulse"),
        "respiratory_rate": mc.quantity(e, "respiratory rate"),
        "fio2": mc.quantity(e, "FiO₂"),
        "ph": mc.number(e, "pH"),
        "sodium": mc.quantity(e, "Sodium"),
        "potassium": mc.quantity(e, "Potassium"),
        "creatinine": mc.quantity(e, "creatinine"),
        "acute_renal_failure": mc.flag(e, "Acute renal failure"),
        "hematocrit": mc.quantity(e, "Hematocrit"),
        "wbc": mc.quantity(e, "White blood cell count"),
        "gcs": int(mc.number(e, "Glasgow Coma Score")),
        "chronic_health": mc.flag(e, "History of severe organ failure or immunocompromise"),
        "admission_type": admission,
    }
    if mc.has(e, "A-a gradient"):
        out["aa_gradient"] = mc.number(e, "A-a gradient")
    if mc.has(e, "Partial pressure of oxygen (PaO₂) for Apache II"):
        out["pao2"] = mc.quantity(e, "Partial pressure of oxygen (PaO₂) for Apache II")
    return out
