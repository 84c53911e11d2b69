"""IMPROVE bleeding risk score for hospitalised medical patients."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="improve_bleeding",
    name="IMPROVE Bleeding Risk Score",
    synonyms=("IMPROVE bleeding score", "IMPROVE bleeding risk"),
    category="hematology",
    source="Decousus H, et al. Factors at admission associated with bleeding risk in medical "
    "patients: findings from the IMPROVE investigators. Chest. 2011;139(1):69-79.",
    doi="10.1378/chest.09-3081",
    output_type="decimal",
    unit=None,
    description="In-hospital bleeding risk of acutely ill medical patients; ≥7 marks high risk "
    "when weighing pharmacological VTE prophylaxis.",
)


class Inputs(QuantityInputs):
    """Inputs of the IMPROVE bleeding score."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    sex: Literal["male", "female"] = Field(description="Sex (male +1)")
    gfr: float = Field(ge=0, le=200, description="Renal function, GFR [mL/min/1.73 m²]")
    current_cancer: bool = Field(description="Current cancer (+2)")
    rheumatic_disease: bool = Field(description="Rheumatic disease (+2)")
    central_venous_catheter: bool = Field(description="Central venous catheter (+2)")
    icu_ccu: bool = Field(description="ICU/CCU stay (+2.5)")
    hepatic_failure: bool = Field(description="Hepatic failure, INR >1.5 (+2.5)")
    platelets: float = quantity(
        "thousand_per_ul", "10^3/uL", ge=0, le=2000, description="Platelet count at admission"
    )
    bleeding_3_months: bool = Field(description="Bleeding in the 3 months before admission (+4)")
    active_gastroduodenal_ulcer: bool = Field(description="Active gastroduodenal ulcer (+4.5)")


def compute(inputs: Inputs) -> CalcResult:
    """Weights from Decousus 2011 (table 4)."""
    age_pts = 3.5 if inputs.age >= 85 else 1.5 if inputs.age >= 40 else 0.0
    gfr_pts = 2.5 if inputs.gfr < 30 else 1.0 if inputs.gfr < 60 else 0.0
    items = [
        ("Age (40–84: 1.5; ≥85: 3.5)", inputs.age, age_pts),
        ("Male sex", inputs.sex, 1.0 if inputs.sex == "male" else 0.0),
        ("GFR (30–59: 1; <30: 2.5)", inputs.gfr, gfr_pts),
        ("Current cancer", inputs.current_cancer, 2.0 if inputs.current_cancer else 0.0),
        ("Rheumatic disease", inputs.rheumatic_disease, 2.0 if inputs.rheumatic_disease else 0.0),
        (
            "Central venous catheter",
            inputs.central_venous_catheter,
            2.0 if inputs.central_venous_catheter else 0.0,
        ),
        ("ICU/CCU", inputs.icu_ccu, 2.5 if inputs.icu_ccu else 0.0),
        (
            "Hepatic failure (INR >1.5)",
            inputs.hepatic_failure,
            2.5 if inputs.hepatic_failure else 0.0,
        ),
        ("Platelets <50 ×10³/µL", inputs.platelets, 4.0 if inputs.platelets < 50 else 0.0),
        (
            "Bleeding in the previous 3 months",
            inputs.bleeding_3_months,
            4.0 if inputs.bleeding_3_months else 0.0,
        ),
        (
            "Active gastroduodenal ulcer",
            inputs.active_gastroduodenal_ulcer,
            4.5 if inputs.active_gastroduodenal_ulcer else 0.0,
        ),
    ]
    steps, total = tally(items)
    # Decousus 2011: score ≥7 identified patients with a higher risk of major bleeding.
    label = "High bleeding risk (≥7)" if total >= 7 else "No increased risk of bleeding (<7)"
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (eleven items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "sex": f.sex("gender", "sex"),
        "gfr": f.number("gfr", "renal function"),
        "current_cancer": f.yes("cancer"),
        "rheumatic_disease": f.yes("rheumatic"),
        "central_venous_catheter": f.yes("catheter"),
        "icu_ccu": f.yes("icu"),
        "hepatic_failure": f.yes("hepatic"),
        "platelets": f.quantity("platelet", default_unit="10^3/uL"),
        "bleeding_3_months": f.yes("bleeding"),
        "active_gastroduodenal_ulcer": f.yes("ulcer"),
    }
