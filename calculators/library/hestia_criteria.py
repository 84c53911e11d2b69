"""Hestia criteria for outpatient treatment of pulmonary embolism."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="hestia_criteria",
    name="Hestia Criteria for Outpatient Pulmonary Embolism Treatment",
    synonyms=("Hestia criteria", "Hestia rule", "Hestia exclusion criteria"),
    category="pulmonology",
    source="Zondag W, et al. Outpatient treatment in patients with acute pulmonary embolism: "
    "the Hestia Study. J Thromb Haemost. 2011;9(8):1500-7.",
    doi="10.1111/j.1538-7836.2011.04388.x",
    output_type="integer",
    unit=None,
    description="Eleven exclusion criteria; a patient with none is eligible for outpatient "
    "PE treatment.",
)

CRITERIA = {
    "hemodynamically_unstable": "Hemodynamically unstable",
    "thrombolysis_or_embolectomy_needed": "Thrombolysis or embolectomy needed",
    "active_bleeding_or_high_risk": "Active bleeding or high risk for bleeding",
    "oxygen_over_24h": ">24 h of supplemental oxygen to keep SaO₂ >90%",
    "pe_on_anticoagulation": "PE diagnosed during anticoagulant treatment",
    "severe_pain_iv_analgesia": "Severe pain needing IV pain medication >24 h",
    "medical_or_social_reason": "Medical or social reason for admission >24 h",
    "crcl_below_30": "Creatinine clearance <30 mL/min (Cockcroft-Gault)",
    "severe_liver_impairment": "Severe liver impairment",
    "pregnant": "Pregnant",
    "history_of_hit": "Documented history of heparin-induced thrombocytopenia",
}


class Inputs(CalcInputs):
    """Inputs of the Hestia criteria (each present or not)."""

    hemodynamically_unstable: bool = Field(description=CRITERIA["hemodynamically_unstable"])
    thrombolysis_or_embolectomy_needed: bool = Field(
        description=CRITERIA["thrombolysis_or_embolectomy_needed"]
    )
    active_bleeding_or_high_risk: bool = Field(description=CRITERIA["active_bleeding_or_high_risk"])
    oxygen_over_24h: bool = Field(description=CRITERIA["oxygen_over_24h"])
    pe_on_anticoagulation: bool = Field(description=CRITERIA["pe_on_anticoagulation"])
    severe_pain_iv_analgesia: bool = Field(description=CRITERIA["severe_pain_iv_analgesia"])
    medical_or_social_reason: bool = Field(description=CRITERIA["medical_or_social_reason"])
    crcl_below_30: bool = Field(description=CRITERIA["crcl_below_30"])
    severe_liver_impairment: bool = Field(description=CRITERIA["severe_liver_impairment"])
    pregnant: bool = Field(description=CRITERIA["pregnant"])
    history_of_hit: bool = Field(description=CRITERIA["history_of_hit"])


def compute(inputs: Inputs) -> CalcResult:
    """Count the criteria present; any one excludes outpatient treatment (Zondag 2011)."""
    steps, total = tally(
        (label, getattr(inputs, k), 1 if getattr(inputs, k) else 0) for k, label in CRITERIA.items()
    )
    label = (
        "Low risk: no Hestia criterion; eligible for outpatient treatment (Hestia study: "
        "2% 3-month VTE recurrence, no fatal PE)"
        if total == 0
        else "Not eligible for outpatient treatment: at least one Hestia criterion present"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


_KEYS = {
    "hemodynamically_unstable": ("hemodynamic", "haemodynamic"),
    "thrombolysis_or_embolectomy_needed": ("thrombolysis", "embolectomy"),
    "active_bleeding_or_high_risk": ("bleeding",),
    "oxygen_over_24h": ("oxygen",),
    "pe_on_anticoagulation": ("while on anticoag", "during anticoag", "on anticoagulation"),
    "severe_pain_iv_analgesia": ("pain",),
    "medical_or_social_reason": ("social",),
    "crcl_below_30": ("creatinine clearance", "crcl"),
    "severe_liver_impairment": ("liver",),
    "pregnant": ("pregnan",),
    "history_of_hit": ("heparin induced", "hit"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (eleven yes/no criteria) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {name: f.yes(*keys) for name, keys in _KEYS.items()}
