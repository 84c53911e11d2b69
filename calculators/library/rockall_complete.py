"""Complete (post-endoscopy) Rockall score for upper GI bleeding."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="rockall_complete",
    name="Rockall Score for Upper GI Bleeding (Complete)",
    synonyms=(
        "complete Rockall score",
        "full Rockall score",
        "post-endoscopy Rockall score",
        "Rockall (complete)",
    ),
    category="gastroenterology",
    source="Rockall TA, Logan RF, Devlin HB, Northfield TC. Risk assessment after acute upper "
    "gastrointestinal haemorrhage. Gut. 1996;38(3):316-21.",
    doi="10.1136/gut.38.3.316",
    output_type="integer",
    unit=None,
    description="Age, shock, comorbidity, endoscopic diagnosis and stigmata of recent "
    "haemorrhage predict rebleeding and death (0–11).",
)

Comorbidity = Literal["none", "major", "renal_liver_failure_or_malignancy"]
Diagnosis = Literal["mallory_weiss_or_none", "other", "upper_gi_malignancy"]
Stigmata = Literal["none_or_dark_spot", "blood_clot_or_visible_vessel"]


class Inputs(QuantityInputs):
    """Inputs of the complete Rockall score."""

    age: float = quantity("age", "years", ge=16, le=120, description="Age")
    heart_rate: float = quantity("rate", "/min", ge=20, le=250, description="Pulse")
    systolic_bp: float = quantity("pressure", "mmHg", ge=20, le=300, description="Systolic BP")
    comorbidity: Comorbidity = Field(
        description="none; major (heart failure, ischaemic heart disease, any major "
        "comorbidity); renal_liver_failure_or_malignancy (renal failure, liver "
        "failure, disseminated malignancy)"
    )
    diagnosis: Diagnosis = Field(
        description="Endoscopic diagnosis: mallory_weiss_or_none (no lesion, no stigmata), "
        "other, upper_gi_malignancy"
    )
    stigmata: Stigmata = Field(
        description="Major stigmata of recent haemorrhage: none_or_dark_spot, or "
        "blood_clot_or_visible_vessel (blood in upper GI tract, adherent clot, "
        "visible or spurting vessel)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Points from Rockall 1996 (table 4)."""
    age_pts = 0 if inputs.age < 60 else 1 if inputs.age < 80 else 2
    if inputs.systolic_bp < 100:
        shock_pts, shock = 2, "hypotension (SBP <100)"
    elif inputs.heart_rate >= 100:
        shock_pts, shock = 1, "tachycardia (pulse ≥100, SBP ≥100)"
    else:
        shock_pts, shock = 0, "no shock"
    comorbidity_pts = {"none": 0, "major": 2, "renal_liver_failure_or_malignancy": 3}[
        inputs.comorbidity
    ]
    diagnosis_pts = {"mallory_weiss_or_none": 0, "other": 1, "upper_gi_malignancy": 2}[
        inputs.diagnosis
    ]
    stigmata_pts = 0 if inputs.stigmata == "none_or_dark_spot" else 2
    steps, total = tally(
        [
            ("Age (<60: 0; 60–79: 1; ≥80: 2)", inputs.age, age_pts),
            ("Shock", shock, shock_pts),
            ("Comorbidity", inputs.comorbidity, comorbidity_pts),
            ("Diagnosis", inputs.diagnosis, diagnosis_pts),
            ("Major stigmata of recent haemorrhage", inputs.stigmata, stigmata_pts),
        ]
    )
    # Rockall 1996: a complete score ≤2 identified patients at low risk of rebleeding and
    # death (candidates for early discharge); mortality rose steeply with higher scores.
    label = (
        "Low risk (≤2): candidate for early discharge"
        if total <= 2
        else "High risk (≥8)"
        if total >= 8
        else "Intermediate risk (3–7)"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


COMORBIDITY = {
    "none": ("No major comorbidity", "none"),
    "major": (
        "Heart failure, ischemic heart disease, or any major comorbidity",
        "major comorbidity",
        "heart failure",
        "ischemic heart disease",
    ),
    "renal_liver_failure_or_malignancy": (
        "Renal failure, liver failure, or disseminated malignancy",
        "renal failure",
        "liver failure",
        "disseminated malignancy",
    ),
}
DIAGNOSIS = {
    "mallory_weiss_or_none": (
        "Mallory-Weiss tear or no lesion identified",
        "mallory weiss",
        "no lesion",
    ),
    "other": ("All other diagnoses", "other"),
    "upper_gi_malignancy": ("Malignancy of upper GI tract", "malignancy"),
}
STIGMATA = {
    "none_or_dark_spot": ("None or dark spot only", "none", "dark spot"),
    "blood_clot_or_visible_vessel": (
        "Blood in upper GI tract, adherent clot, visible or spurting vessel",
        "adherent clot",
        "visible vessel",
        "spurting",
        "blood in upper",
    ),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, pulse, SBP, comorbidity, diagnosis, stigmata) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "heart_rate": f.quantity("heart rate", "pulse", default_unit="/min"),
        "systolic_bp": f.quantity("systolic", default_unit="mmHg"),
        "comorbidity": f.option("comorbidit", options=COMORBIDITY),
        "diagnosis": f.option("diagnosis", options=DIAGNOSIS),
        "stigmata": f.option("stigmata", options=STIGMATA),
    }
