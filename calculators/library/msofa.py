"""Modified Sequential Organ Failure Assessment (mSOFA) score for critical care triage."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import sofa
from m3agent.calculators.library._medmcp_fields import Fields, first_number, parse_yes
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="msofa",
    name="Modified Sequential Organ Failure Assessment (mSOFA) Score",
    synonyms=("mSOFA", "MSOFA", "modified SOFA"),
    category="critical care",
    source="Grissom CK, Brown SM, Kuttler KG, et al. A modified sequential organ failure "
    "assessment score for critical care triage. Disaster Med Public Health Prep. "
    "2010;4(4):277-284.",
    doi="10.1001/dmp.2010.40",
    output_type="integer",
    description="SOFA with one laboratory value: SpO2/FiO2, jaundice, hypotension/vasopressors, "
    "GCS and creatinine (0-20); day-1 30-day mortality 4.5% (0-7), 31% (8-11), 58% (12-20).",
)


class Inputs(QuantityInputs):
    """Inputs of the mSOFA (worst values of the day)."""

    spo2_fio2_ratio: float | None = Field(
        None, ge=20, le=500, description="SpO2/FiO2 ratio (or give spo2 and fio2)"
    )
    spo2: float | None = quantity(
        "percent", "%", ge=50, le=100, default=None, description="SpO2 (with fio2)"
    )
    fio2: float | None = quantity(
        "fio2", "fraction", ge=0.21, le=1.0, default=None, description="FiO2 (with spo2)"
    )
    jaundice: bool = Field(description="Scleral icterus or jaundice present (+3)")
    mean_arterial_pressure: float | None = sofa.mean_arterial_pressure_field()
    map_below_70: bool | None = sofa.map_below_70_field()
    dopamine: float = sofa.vasopressor_field("Dopamine", le=100)
    dobutamine: float = sofa.vasopressor_field("Dobutamine", le=100)
    epinephrine: float = sofa.vasopressor_field("Epinephrine", le=10)
    norepinephrine: float = sofa.vasopressor_field("Norepinephrine", le=10)
    gcs: int = Field(ge=3, le=15, description="Glasgow Coma Scale")
    creatinine: float = quantity("creatinine", "mg/dL", ge=0.1, le=30, description="Creatinine")

    @model_validator(mode="after")
    def _needs(self) -> Inputs:
        if self.spo2_fio2_ratio is None and (self.spo2 is None or self.fio2 is None):
            raise ValueError("respiratory mSOFA needs spo2_fio2_ratio, or both spo2 and fio2")
        sofa.check_cardiovascular(self, "mSOFA")
        return self


def _respiratory(ratio: float) -> int:
    # Grissom 2010, Table 1: SpO2/FiO2 > 400: 0; 316-400: 1; 236-315: 2; 151-235: 3; ≤ 150: 4.
    if ratio > 400:
        return 0
    if ratio > 315:
        return 1
    if ratio > 235:
        return 2
    return 3 if ratio > 150 else 4


def _cns(gcs: int) -> int:
    # GCS 15: 0; 13-14: 1; 10-12: 2; 6-9: 3; < 6: 4.
    if gcs == 15:
        return 0
    if gcs >= 13:
        return 1
    if gcs >= 10:
        return 2
    return 3 if gcs >= 6 else 4


def _renal(cr: float) -> int:
    # Creatinine mg/dL: < 1.2: 0; 1.2-1.9: 1; 2.0-3.4: 2; 3.5-4.9: 3; ≥ 5.0: 4.
    if cr < 1.2:
        return 0
    if cr < 2.0:
        return 1
    if cr < 3.5:
        return 2
    return 3 if cr < 5.0 else 4


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five organ scores (0-20) and the day-1 mortality band (Grissom 2010)."""
    i = inputs
    ratio = i.spo2_fio2_ratio
    if ratio is None:
        assert i.spo2 is not None and i.fio2 is not None
        ratio = i.spo2 / i.fio2
    s = Score()
    s.add("Respiratory: SpO2/FiO2", round(ratio, 1), _respiratory(ratio))
    s.flag("Liver: scleral icterus or jaundice", i.jaundice, 3)
    # As in SOFA (Vincent 1996), which Grissom 2010 keeps unchanged (doses in µg/kg/min).
    cv, why = sofa.cardiovascular(i)
    s.add("Cardiovascular", why, cv)
    s.add("CNS: GCS", i.gcs, _cns(i.gcs))
    s.add("Renal: creatinine", i.creatinine, _renal(i.creatinine))
    total = int(s.total)
    # Grissom 2010: day-1 mSOFA 0-7 → 30-day mortality 4.5%; 8-11 → 31%; 12-20 → 58%.
    mortality = "4.5%" if total <= 7 else "31%" if total <= 11 else "58%"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"mSOFA {total}: 30-day mortality {mortality} (Grissom 2010, day-1 score).",
        steps=s.steps,
        extra={"mortality_30d": mortality, "spo2_fio2_ratio": round(ratio, 1)},
    )


_DRUGS = {
    "norepinephrine": r"nor ?epinephrine|noradrenaline|levophed",
    "epinephrine": r"(?<!nor)(?<!nor )epinephrine|(?<!nor)adrenaline",
    "dopamine": r"dopamine",
    "dobutamine": r"dobutamine",
}


def _cardiovascular_text(text: str) -> dict[str, Any]:
    """Read vasopressor doses and a MAP from free text ('Norepinephrine 0.08 mcg/kg/min')."""
    out: dict[str, Any] = {}
    low = text.lower()
    for name, pattern in _DRUGS.items():
        m = re.search(rf"(?:{pattern})\D{{0,15}}?(\d+(?:\.\d+)?)", low)
        if m:
            out[name] = float(m.group(1))
    m = re.search(r"map\D{0,10}?(\d+(?:\.\d+)?)", low)
    if m:
        out["mean_arterial_pressure"] = float(m.group(1))
    return out


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc mSOFA inputs → kwargs (SpO2/FiO2 from 'SpO2 91% on FiO2 0.36' if given)."""
    f = Fields(inputs, META.id)
    field, resp = f.raw("spo2", "respiratory")
    text = str(resp)
    out: dict[str, Any] = {}
    spo2 = re.search(r"spo2\D{0,5}(\d+(?:\.\d+)?)", text, re.IGNORECASE)
    fio2 = re.search(r"fio2\D{0,5}(\d*\.?\d+)", text, re.IGNORECASE)
    if spo2 and fio2:
        out["spo2"] = float(spo2.group(1))
        fi = float(fio2.group(1))
        out["fio2"] = [fi, "%"] if fi > 1 else fi
    else:
        out["spo2_fio2_ratio"] = first_number(resp, field=field)
    out["jaundice"] = f.yes("jaundice", "icterus", "liver")
    cv_field, cv = f.raw("cardiovascular", "hypotension", "vasopressor")
    cv_out = _cardiovascular_text(str(cv))
    if not cv_out:
        cv_out = {"map_below_70": parse_yes(cv, field=cv_field)}
    out.update(cv_out)
    out["gcs"] = int(f.number("gcs", "glasgow", "cns"))
    out["creatinine"] = f.quantity("creatinine", "renal", default_unit="mg/dL")
    return out
