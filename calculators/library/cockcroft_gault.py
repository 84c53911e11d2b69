"""Creatinine clearance by the Cockcroft-Gault equation."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._patient import Sex, adjusted_body_weight_kg, ideal_body_weight_kg

META = CalculatorMeta(
    id="cockcroft_gault",
    name="Creatinine Clearance (Cockcroft-Gault Equation)",
    synonyms=(
        "Cockcroft-Gault",
        "Cockroft-Gault",
        "CrCl",
        "CrCl Cockroft-Gault",
        "creatinine clearance",
        "Cockcroft-Gault creatinine clearance",
    ),
    category="renal",
    source="Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine. "
    "Nephron. 1976;16(1):31-41.",
    doi="10.1159/000180580",
    pmid="1244564",
    output_type="decimal",
    unit="mL/min",
    medcalc_id=2,
    description="Estimates creatinine clearance from age, weight, sex and serum creatinine; "
    "used for renal drug dosing.",
)

WeightBasis = Literal["actual", "ideal", "adjusted", "bmi_adjusted"]


class Inputs(QuantityInputs):
    """Inputs of the Cockcroft-Gault equation."""

    sex: Sex = Field(description="Sex (the published equation multiplies by 0.85 for women)")
    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    weight: float = quantity("weight", "kg", ge=20, le=400, description="Actual body weight")
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Serum creatinine (stable)"
    )
    height: float | None = quantity(
        "height",
        "cm",
        ge=100,
        le=250,
        default=None,
        description="Height (needed for any weight basis but actual)",
    )
    weight_basis: WeightBasis = Field(
        "actual",
        description="Weight in the equation: 'actual' (the 1976 equation), 'ideal' (Devine IBW), "
        "'adjusted' (IBW + 0.4 × excess) or 'bmi_adjusted' (actual if BMI < 18.5, "
        "min(IBW, actual) if 18.5-24.9, adjusted if ≥ 25)",
    )

    @model_validator(mode="after")
    def _height_when_needed(self) -> Inputs:
        if self.weight_basis != "actual" and self.height is None:
            raise ValueError(
                f"weight_basis {self.weight_basis!r} needs the height; "
                "give height or use weight_basis='actual'"
            )
        return self


def _dosing_weight(inputs: Inputs) -> tuple[float, str, list[Step]]:
    if inputs.weight_basis == "actual" or inputs.height is None:
        return inputs.weight, "actual body weight", []
    ibw = ideal_body_weight_kg(inputs.sex, inputs.height)
    abw = adjusted_body_weight_kg(ibw, inputs.weight)
    bmi = inputs.weight / (inputs.height / 100) ** 2
    steps = [
        Step(label="Ideal body weight (Devine)", value=round(ibw, 3), detail="kg"),
        Step(
            label="Adjusted body weight",
            value=round(abw, 3),
            detail="IBW + 0.4 × (actual − IBW), kg",
        ),
        Step(label="BMI", value=round(bmi, 2), detail="kg/m²"),
    ]
    if inputs.weight_basis == "ideal":
        return ibw, "ideal body weight", steps
    if inputs.weight_basis == "adjusted":
        return abw, "adjusted body weight", steps
    # bmi_adjusted: WHO BMI bands (18.5 and 25 kg/m²) choose the weight.
    if bmi < 18.5:
        return inputs.weight, "actual body weight (BMI < 18.5)", steps
    if bmi < 25:
        chosen = min(ibw, inputs.weight)
        return chosen, "min(ideal, actual) body weight (BMI 18.5-24.9)", steps
    return abw, "adjusted body weight (BMI ≥ 25)", steps


def compute(inputs: Inputs) -> CalcResult:
    """CrCl = (140 − age) × weight × (0.85 if female) / (72 × serum creatinine)."""
    weight, basis, steps = _dosing_weight(inputs)
    sex_factor = 0.85 if inputs.sex == "female" else 1.0
    crcl = (140 - inputs.age) * weight * sex_factor / (72 * inputs.creatinine)
    steps.append(Step(label="Weight used", value=round(weight, 3), detail=f"kg, {basis}"))
    steps.append(Step(label="Sex factor", value=sex_factor, detail="0.85 for women"))
    steps.append(
        Step(
            label="Creatinine clearance",
            value=round(crcl, 3),
            detail="(140 − age) × weight × sex factor / (72 × creatinine)",
        )
    )
    warnings = []
    if inputs.weight_basis == "actual" and inputs.height is not None:
        bmi = inputs.weight / (inputs.height / 100) ** 2
        if bmi >= 30:
            warnings.append(
                "BMI ≥ 30: actual body weight overestimates clearance; consider "
                "weight_basis='adjusted'."
            )
    return CalcResult(
        calculator=META.id,
        value=round(crcl, 3),
        unit="mL/min",
        interpretation=_interpret(crcl),
        steps=steps,
        warnings=warnings,
        extra={"weight_used_kg": round(weight, 3), "weight_basis": basis},
    )


def _interpret(crcl: float) -> str:
    if crcl >= 90:
        return "Creatinine clearance ≥ 90 mL/min"
    if crcl >= 60:
        return "Creatinine clearance 60-89 mL/min (mildly reduced)"
    if crcl >= 30:
        return "Creatinine clearance 30-59 mL/min (moderately reduced)"
    if crcl >= 15:
        return "Creatinine clearance 15-29 mL/min (severely reduced)"
    return "Creatinine clearance < 15 mL/min (kidney failure range)"


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs.

    The benchmark's question chooses the weight: adjusted body weight if overweight or obese,
    min(ideal, actual) if normal BMI, actual if underweight — ``weight_basis='bmi_adjusted'``.
    """
    return {
        "sex": mc.sex(entities),
        "age": mc.quantity(entities, "age"),
        "weight": mc.quantity(entities, "weight"),
        "height": mc.quantity(entities, "height"),
        "creatinine": mc.quantity(entities, "creatinine"),
        "weight_basis": "bmi_adjusted",
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs; its answer is the original equation with the weight given."""
    m = kw.KeywordInputs(inputs)
    out: dict[str, Any] = {
        "sex": str(m.find("sex", "gender")).split()[0].lower(),
        "age": kw.parse_quantity(m.find("age"), "years"),
        "weight": kw.parse_quantity(m.find("weight"), "kg"),
        "creatinine": kw.parse_quantity(m.find("creatinine"), "mg/dL"),
        "weight_basis": "actual",
    }
    if m.has("height"):
        out["height"] = kw.parse_quantity(m.find("height"), "cm")
    return out
