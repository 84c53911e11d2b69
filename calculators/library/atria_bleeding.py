"""ATRIA bleeding risk score for patients on warfarin."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="atria_bleeding",
    name="ATRIA Bleeding Risk Score",
    synonyms=("ATRIA bleeding score", "ATRIA hemorrhage score"),
    category="hematology",
    source="Fang MC, et al. A new risk scheme to predict warfarin-associated hemorrhage: The "
    "ATRIA (Anticoagulation and Risk Factors in Atrial Fibrillation) Study. J Am Coll "
    "Cardiol. 2011;58(4):395-401.",
    doi="10.1016/j.jacc.2011.03.031",
    output_type="integer",
    unit=None,
    description="Risk of major hemorrhage on warfarin in atrial fibrillation (0–10).",
)


class Inputs(CalcInputs):
    """Inputs of the ATRIA bleeding score."""

    anemia: bool = Field(description="Anemia: hemoglobin <13 g/dL (men) or <12 g/dL (women)")
    severe_renal_disease: bool = Field(description="eGFR <30 mL/min or dialysis-dependent")
    age_75_or_older: bool = Field(description="Age ≥75 years")
    prior_hemorrhage: bool = Field(description="Any prior hemorrhage diagnosis")
    hypertension: bool = Field(description="Diagnosed hypertension")


def compute(inputs: Inputs) -> CalcResult:
    """Anemia 3, severe renal disease 3, age ≥75 2, prior hemorrhage 1, hypertension 1."""
    items = [
        ("Anemia", inputs.anemia, 3),
        ("Severe renal disease", inputs.severe_renal_disease, 3),
        ("Age ≥75", inputs.age_75_or_older, 2),
        ("Prior hemorrhage", inputs.prior_hemorrhage, 1),
        ("Hypertension", inputs.hypertension, 1),
    ]
    steps, total = tally((label, v, pts if v else 0) for label, v, pts in items)
    # Fang 2011: 0–3 low (0.76%/yr), 4 intermediate (2.6%/yr), 5–10 high (5.8%/yr).
    label = (
        "Low risk (0–3): 0.76% annual major hemorrhage"
        if total <= 3
        else "Intermediate risk (4): 2.6% annual major hemorrhage"
        if total == 4
        else "High risk (5–10): 5.8% annual major hemorrhage"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (five yes/no items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "anemia": f.yes("anemia", "anaemia"),
        "severe_renal_disease": f.yes("renal"),
        "age_75_or_older": f.yes("age"),
        "prior_hemorrhage": f.yes("hemorrhage"),
        "hypertension": f.yes("hypertension"),
    }
