"""LDL cholesterol calculated by the Friedewald equation."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc

META = CalculatorMeta(
    id="ldl_friedewald",
    name="LDL Calculated",
    synonyms=(
        "Friedewald LDL",
        "calculated LDL",
        "LDL cholesterol (Friedewald)",
        "Friedewald equation",
    ),
    category="cardiology",
    source="Friedewald WT, Levy RI, Fredrickson DS. Estimation of the concentration of "
    "low-density lipoprotein cholesterol in plasma, without use of the preparative "
    "ultracentrifuge. Clin Chem. 1972;18(6):499-502.",
    pmid="4337382",
    output_type="decimal",
    unit="mg/dL",
    medcalc_id=44,
    description="LDL = total cholesterol − HDL − triglycerides/5 (mg/dL); invalid at "
    "triglycerides ≥ 400 mg/dL.",
)


class Inputs(QuantityInputs):
    """Inputs of the Friedewald LDL."""

    total_cholesterol: float = quantity(
        "cholesterol", "mg/dL", ge=30, le=1500, description="Total cholesterol"
    )
    hdl: float = quantity("cholesterol", "mg/dL", ge=5, le=250, description="HDL cholesterol")
    triglycerides: float = quantity(
        "triglycerides", "mg/dL", ge=5, le=10000, description="Triglycerides"
    )


def compute(inputs: Inputs) -> CalcResult:
    """LDL = TC − HDL − TG/5 (TG/5 estimates VLDL cholesterol, Friedewald 1972)."""
    vldl = inputs.triglycerides / 5
    ldl = inputs.total_cholesterol - inputs.hdl - vldl
    warnings = (
        ["Triglycerides ≥ 400 mg/dL: the Friedewald equation is not valid; measure LDL directly."]
        if inputs.triglycerides >= 400
        else []
    )
    # ATP III LDL categories (NCEP 2002).
    interp = (
        "optimal (< 100 mg/dL)"
        if ldl < 100
        else "near optimal (100-129 mg/dL)"
        if ldl < 130
        else "borderline high (130-159 mg/dL)"
        if ldl < 160
        else "high (160-189 mg/dL)"
        if ldl < 190
        else "very high (≥ 190 mg/dL)"
    )
    return CalcResult(
        calculator=META.id,
        value=round(ldl, 3),
        unit="mg/dL",
        interpretation=f"LDL {ldl:.0f} mg/dL: {interp} (ATP III).",
        steps=[
            Step(label="VLDL (TG / 5)", value=round(vldl, 3)),
            Step(label="LDL", value=round(ldl, 3), detail="TC − HDL − TG/5"),
        ],
        warnings=warnings,
        extra={"ldl_mmol_l": round(ldl / 38.67, 3)},
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    e = entities
    return {
        "total_cholesterol": mc.quantity(e, "Total cholesterol"),
        "hdl": mc.quantity(e, "high-density lipoprotein cholesterol"),
        "triglycerides": mc.quantity(e, "Triglycerides"),
    }
