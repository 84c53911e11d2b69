"""Geneva Risk Score for VTE prophylaxis in hospitalised medical patients."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="geneva_vte_prophylaxis",
    name="Geneva Risk Score for Venous Thromboembolism (VTE) Prophylaxis",
    synonyms=(
        "Geneva Risk Score",
        "Geneva VTE risk score",
        "Geneva risk score for VTE prophylaxis",
    ),
    category="hematology",
    source="Nendaz M, et al. Multicentre validation of the Geneva Risk Score for hospitalised "
    "medical patients at risk of venous thromboembolism. Explicit ASsessment of "
    "Thromboembolic RIsk and Prophylaxis for Medical PATients in SwitzErland (ESTIMATE). "
    "Thromb Haemost. 2014;111(3):531-8.",
    output_type="integer",
    unit=None,
    description="Two-point and one-point risk factors for VTE in medical inpatients; ≥3 is "
    "high risk and prophylaxis is indicated unless contraindicated.",
)

# Nendaz 2014: 2 points each.
TWO_POINTS = {
    "cardiac_failure": "Cardiac failure",
    "respiratory_failure": "Respiratory failure",
    "recent_stroke": "Recent stroke (<3 months)",
    "recent_myocardial_infarction": "Recent myocardial infarction (<4 weeks)",
    "acute_infection": "Acute infectious disease (including sepsis)",
    "acute_rheumatic_disease": "Acute rheumatic disease",
    "active_malignancy": "Active malignancy",
    "myeloproliferative_syndrome": "Myeloproliferative syndrome",
    "nephrotic_syndrome": "Nephrotic syndrome",
    "prior_vte": "Prior VTE",
    "hypercoagulable_state": "Known hypercoagulable state",
}
# Nendaz 2014: 1 point each.
ONE_POINT = {
    "immobilization": "Immobilization ≥3 days (<30 min walking a day)",
    "recent_travel": "Recent travel >6 h",
    "age_over_60": "Age >60 years",
    "bmi_over_30": "BMI >30 kg/m²",
    "chronic_venous_insufficiency": "Chronic venous insufficiency",
    "pregnancy": "Pregnancy",
    "hormonal_therapy": "Hormonal therapy (contraceptive or replacement)",
    "dehydration": "Dehydration",
}


class Inputs(CalcInputs):
    """Inputs of the Geneva Risk Score (each factor present or not)."""

    cardiac_failure: bool = Field(description="Cardiac failure (2)")
    respiratory_failure: bool = Field(description="Respiratory failure (2)")
    recent_stroke: bool = Field(description="Recent stroke, <3 months (2)")
    recent_myocardial_infarction: bool = Field(description="Recent MI, <4 weeks (2)")
    acute_infection: bool = Field(description="Acute infectious disease incl. sepsis (2)")
    acute_rheumatic_disease: bool = Field(description="Acute rheumatic disease (2)")
    active_malignancy: bool = Field(description="Active malignancy (2)")
    myeloproliferative_syndrome: bool = Field(description="Myeloproliferative syndrome (2)")
    nephrotic_syndrome: bool = Field(description="Nephrotic syndrome (2)")
    prior_vte: bool = Field(description="Any prior VTE (2)")
    hypercoagulable_state: bool = Field(description="Known hypercoagulable state (2)")
    immobilization: bool = Field(description="Immobilization ≥3 days (1)")
    recent_travel: bool = Field(description="Recent travel >6 hours (1)")
    age_over_60: bool = Field(description="Age >60 years (1)")
    bmi_over_30: bool = Field(description="BMI >30 kg/m² (1)")
    chronic_venous_insufficiency: bool = Field(description="Chronic venous insufficiency (1)")
    pregnancy: bool = Field(description="Pregnancy (1)")
    hormonal_therapy: bool = Field(description="Hormonal therapy (1)")
    dehydration: bool = Field(description="Dehydration (1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum 2-point and 1-point factors (Nendaz 2014)."""
    items = [
        (label, getattr(inputs, k), 2 if getattr(inputs, k) else 0)
        for k, label in TWO_POINTS.items()
    ]
    items += [
        (label, getattr(inputs, k), 1 if getattr(inputs, k) else 0)
        for k, label in ONE_POINT.items()
    ]
    steps, total = tally(items)
    # Nendaz 2014: ≥3 high risk (3.2% 90-day VTE without prophylaxis), <3 low risk (0.6%).
    label = (
        "High risk (≥3): VTE prophylaxis indicated unless contraindicated"
        if total >= 3
        else "Low risk (<3): prophylaxis not indicated"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


_KEYS = {
    "cardiac_failure": ("cardiac failure", "heart failure"),
    "respiratory_failure": ("respiratory failure",),
    "recent_stroke": ("stroke",),
    "recent_myocardial_infarction": ("myocardial infarction",),
    "acute_infection": ("infectious", "infection", "sepsis"),
    "acute_rheumatic_disease": ("rheumatic",),
    "active_malignancy": ("malignancy",),
    "myeloproliferative_syndrome": ("myeloproliferative",),
    "nephrotic_syndrome": ("nephrotic",),
    "prior_vte": ("prior vte", "previous vte"),
    "hypercoagulable_state": ("hypercoagulable", "thrombophilia"),
    "immobilization": ("immobili",),
    "recent_travel": ("travel",),
    "age_over_60": ("age",),
    "bmi_over_30": ("bmi",),
    "chronic_venous_insufficiency": ("venous insufficiency",),
    "pregnancy": ("pregnan",),
    "hormonal_therapy": ("hormon",),
    "dehydration": ("dehydration",),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (nineteen yes/no factors) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {name: f.yes(*keys) for name, keys in _KEYS.items()}
