"""Glasgow-Blatchford bleeding score for upper GI bleeding."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._patient import Sex
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="glasgow_blatchford",
    name="Glasgow-Blatchford Bleeding Score (GBS)",
    synonyms=("Glasgow-Blatchford", "GBS", "Blatchford score", "Glasgow Blatchford score"),
    category="gastroenterology",
    source="Blatchford O, Murray WR, Blatchford M. A risk score to predict need for treatment "
    "for upper-gastrointestinal haemorrhage. Lancet. 2000;356(9238):1318-1321.",
    doi="10.1016/S0140-6736(00)02816-6",
    pmid="11073021",
    output_type="integer",
    medcalc_id=27,
    description="Need for intervention in upper GI bleeding; 0 identifies very low-risk patients.",
)


class Inputs(QuantityInputs):
    """Inputs of the Glasgow-Blatchford score."""

    bun: float = quantity("bun", "mg/dL", ge=1, le=300, description="Blood urea nitrogen")
    hemoglobin: float = quantity("hemoglobin", "g/dL", ge=1, le=25, description="Hemoglobin")
    sex: Sex = Field(description="Sex (hemoglobin bands differ)")
    systolic: float = quantity(
        "pressure", "mmHg", ge=30, le=300, description="Systolic blood pressure"
    )
    heart_rate: float = quantity("rate", "/min", ge=20, le=300, description="Heart rate")
    melena: bool = Field(description="Melena present (+1)")
    syncope: bool = Field(description="Presented with syncope (+2)")
    hepatic_disease: bool = Field(description="Hepatic disease history (+2)")
    cardiac_failure: bool = Field(description="Cardiac failure present (+2)")


def compute(inputs: Inputs) -> CalcResult:
    """Blatchford 2000 points (0-23)."""
    s = Score()
    # Blood urea 6.5-<8: 2; 8-<10: 3; 10-<25: 4; ≥ 25 mmol/L: 6 (Blatchford 2000, Table 1),
    # expressed as BUN (urea mmol/L ÷ 0.357): 18.2, 22.4, 28 and 70 mg/dL, as MDCalc does.
    bun = inputs.bun
    s.add(
        "BUN",
        bun,
        6 if bun >= 70 else 4 if bun >= 28 else 3 if bun >= 22.4 else 2 if bun >= 18.2 else 0,
        "18.2-22.3: 2; 22.4-27.9: 3; 28-69.9: 4; ≥ 70 mg/dL: 6",
    )
    hb = inputs.hemoglobin
    if inputs.sex == "male":
        hb_pts = 6 if hb < 10 else 3 if hb < 12 else 1 if hb < 13 else 0
        rule = "men: 12-13: 1; 10-12: 3; < 10 g/dL: 6"
    else:
        hb_pts = 6 if hb < 10 else 1 if hb < 12 else 0
        rule = "women: 10-12: 1; < 10 g/dL: 6"
    s.add("Hemoglobin", hb, hb_pts, rule)
    sbp = inputs.systolic
    s.add(
        "Systolic BP",
        sbp,
        3 if sbp < 90 else 2 if sbp < 100 else 1 if sbp < 110 else 0,
        "100-109: 1; 90-99: 2; < 90 mmHg: 3",
    )
    s.add("Pulse ≥ 100", inputs.heart_rate, 1 if inputs.heart_rate >= 100 else 0)
    s.flag("Melena", inputs.melena, 1)
    s.flag("Syncope", inputs.syncope, 2)
    s.flag("Hepatic disease", inputs.hepatic_disease, 2)
    s.flag("Cardiac failure", inputs.cardiac_failure, 2)
    total = int(s.total)
    interp = (
        "0 points: very low risk; consider outpatient management"
        if total == 0
        else f"{total} points: not low risk; higher scores predict need for transfusion, "
        "endoscopic intervention or surgery"
    )
    return CalcResult(calculator=META.id, value=total, interpretation=interp, steps=s.steps)


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    e = entities
    return {
        "bun": mc.quantity(e, "Blood Urea Nitrogen (BUN)"),
        "hemoglobin": mc.quantity(e, "Hemoglobin"),
        "sex": mc.sex(e),
        "systolic": mc.quantity(e, "Systolic Blood Pressure"),
        "heart_rate": mc.quantity(e, "Heart Rate or Pulse"),
        "melena": mc.flag(e, "Melena present"),
        "syncope": mc.flag(e, "Recent syncope"),
        "hepatic_disease": mc.flag(e, "Hepatic disease history"),
        "cardiac_failure": mc.flag(e, "Cardiac failure present"),
    }
