"""Vascular protection checklist for people living with diabetes (Diabetes Canada 2018)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="diabetes_vascular_protection",
    name="Reducing Vascular Risk in Patients Living with Diabetes",
    synonyms=(
        "Diabetes Canada vascular protection",
        "vascular protection in diabetes",
        "statin ACE inhibitor indication in diabetes",
    ),
    category="endocrinology",
    source="Diabetes Canada Clinical Practice Guidelines Expert Committee; Stone JA, et al. "
    "Vascular protection in people with diabetes. Can J Diabetes. 2018;42 Suppl "
    "1:S162-S169.",
    output_type="text",
    unit=None,
    description="Which vascular-protective drugs (statin, ACE inhibitor/ARB, ASA, SGLT2 "
    "inhibitor/GLP-1 agonist) the Diabetes Canada 2018 guideline recommends.",
)


class Inputs(QuantityInputs):
    """Inputs of the vascular protection checklist."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    diabetes_type: Literal["type_1", "type_2"] = Field(description="type_1 or type_2")
    diabetes_duration_years: float = Field(ge=0, le=100, description="Duration of diabetes [years]")
    macrovascular_disease: bool = Field(
        description="Clinical macrovascular disease (coronary, cerebrovascular or peripheral "
        "arterial disease)"
    )
    microvascular_disease: bool = Field(
        description="Microvascular complications (retinopathy, nephropathy, neuropathy)"
    )
    additional_risk_factor_or_end_organ_damage: bool = Field(
        description="Another cardiovascular risk factor or end-organ damage (albuminuria, "
        "retinopathy, left ventricular hypertrophy)"
    )
    a1c_above_target: bool = Field(description="A1C not at the individual target")


def compute(inputs: Inputs) -> CalcResult:
    """Apply Stone 2018 recommendations 1–6 (statin, ACEi/ARB, ASA) and the CVD add-on."""
    recs: list[str] = []
    steps: list[Step] = []
    statin = (
        inputs.macrovascular_disease
        or inputs.age >= 40
        or inputs.microvascular_disease
        or (inputs.age >= 30 and inputs.diabetes_duration_years > 15)
    )
    steps.append(
        Step(
            label="Statin indicated",
            value=statin,
            detail="macrovascular disease, age ≥40, microvascular disease, or age "
            "≥30 with diabetes >15 years",
        )
    )
    if statin:
        recs.append("Statin")
    acei = (
        inputs.macrovascular_disease
        or inputs.microvascular_disease
        or (inputs.age >= 55 and inputs.additional_risk_factor_or_end_organ_damage)
    )
    steps.append(
        Step(
            label="ACE inhibitor or ARB indicated",
            value=acei,
            detail="macrovascular disease, microvascular disease, or age ≥55 with "
            "another risk factor or end-organ damage",
        )
    )
    if acei:
        recs.append("ACE inhibitor or ARB at vascular-protective doses")
    asa = inputs.macrovascular_disease
    steps.append(
        Step(
            label="ASA indicated",
            value=asa,
            detail="secondary prevention only (not routine for primary prevention)",
        )
    )
    if asa:
        recs.append("ASA 81–162 mg daily")
    # Diabetes Canada 2018 (Lipscombe L, et al. Can J Diabetes 2018;42:S88-S103): type 2 with
    # clinical CVD and A1C not at target → SGLT2 inhibitor or GLP-1 agonist with CV benefit.
    add_on = (
        inputs.diabetes_type == "type_2"
        and inputs.macrovascular_disease
        and inputs.a1c_above_target
    )
    steps.append(Step(label="SGLT2 inhibitor or GLP-1 agonist with CV benefit", value=add_on))
    if add_on:
        recs.append("SGLT2 inhibitor or GLP-1 receptor agonist with proven CV benefit")
    value = "; ".join(recs) if recs else "No vascular-protective drug indicated"
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation="Also: A1C, BP and lipid targets, smoking cessation and exercise (ABCDESSS)",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "diabetes_type": f.option("type", options={"type_1": ("type 1",), "type_2": ("type 2",)}),
        "diabetes_duration_years": f.number("duration"),
        "macrovascular_disease": f.yes("macrovascular"),
        "microvascular_disease": f.yes("microvascular"),
        "additional_risk_factor_or_end_organ_damage": f.yes("risk factor", "end organ"),
        "a1c_above_target": f.yes("a1c"),
    }
