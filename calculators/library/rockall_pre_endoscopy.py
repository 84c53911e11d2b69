"""Rockall score for upper GI bleeding, pre-endoscopy (clinical) part."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="rockall_pre_endoscopy",
    name="Rockall Score for Upper GI Bleeding (Pre-Endoscopy)",
    synonyms=("Pre-endoscopy Rockall score", "Clinical Rockall score", "Admission Rockall score"),
    category="gastroenterology",
    source=(
        "Rockall TA, Logan RF, Devlin HB, Northfield TC. Risk assessment after acute upper "
        "gastrointestinal haemorrhage. Gut. 1996;38(3):316-21."
    ),
    doi="10.1136/gut.38.3.316",
    pmid="8675081",
    output_type="integer",
    description="Age, shock and comorbidity (0-7 points) before endoscopy; 0 identifies very "
    "low risk of death.",
)

Comorbidity = Literal["none", "cardiac or other major", "renal/liver failure or malignancy"]


class Inputs(QuantityInputs):
    """Inputs of the pre-endoscopy Rockall score."""

    age: float = quantity("age", "years", ge=16, le=120, description="Age")
    heart_rate: float = quantity("rate", "/min", ge=20, le=250, description="Heart rate")
    systolic_bp: float = quantity("pressure", "mmHg", ge=30, le=300, description="Systolic BP")
    comorbidity: Comorbidity = Field(
        description="none; cardiac failure, ischaemic heart disease or other major "
        "comorbidity (2); renal failure, liver failure or disseminated malignancy (3)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Age <60/60-79/≥80 → 0/1/2; shock none/HR>100/SBP<100 → 0/1/2; comorbidity 0/2/3."""
    i = inputs
    age_pts = 0 if i.age < 60 else 1 if i.age < 80 else 2
    shock = 2 if i.systolic_bp < 100 else 1 if i.heart_rate > 100 else 0
    comorb = {"none": 0, "cardiac or other major": 2, "renal/liver failure or malignancy": 3}[
        i.comorbidity
    ]
    steps, total = tally(
        [
            ("Age", i.age, age_pts),
            ("Shock (HR, SBP)", f"{i.heart_rate:g}/{i.systolic_bp:g}", shock),
            ("Comorbidity", i.comorbidity, comorb),
        ]
    )
    score = int(total)
    label = (
        "Very low risk (score 0)"
        if score == 0
        else "Further risk stratification after endoscopy (complete Rockall)"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)
