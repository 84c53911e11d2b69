"""Metabolic syndrome by the International Diabetes Federation (IDF) worldwide definition."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="metabolic_syndrome_idf",
    name="Metabolic Syndrome (IDF)",
    synonyms=("IDF metabolic syndrome", "metabolic syndrome IDF criteria"),
    category="endocrinology",
    source="Alberti KG, Zimmet P, Shaw J; IDF Epidemiology Task Force Consensus Group. The "
    "metabolic syndrome—a new worldwide definition. Lancet. 2005;366(9491):1059-1062.",
    output_type="text",
    description="Central obesity (ethnicity-specific waist, or BMI > 30 kg/m²) plus ≥ 2 of: "
    "raised triglycerides, reduced HDL, raised blood pressure, raised fasting glucose.",
)


class Inputs(QuantityInputs):
    """Inputs of the IDF definition (treatment flags count a criterion as met)."""

    central_obesity: bool = Field(
        description="Waist ≥ ethnicity-specific cut-off (Europid ≥ 94 cm men, ≥ 80 cm women) "
        "or BMI > 30 kg/m² (central obesity then assumed)"
    )
    sex: Literal["male", "female"] = Field(description="Sex (HDL cut-off 40 men, 50 women)")
    triglycerides: float = quantity(
        "triglycerides", "mg/dL", ge=10, le=5000, description="Triglycerides (≥ 150 meets)"
    )
    hdl: float = quantity(
        "cholesterol", "mg/dL", ge=5, le=200, description="HDL cholesterol (< 40 men, < 50 women)"
    )
    systolic_bp: float = quantity(
        "pressure", "mmHg", ge=50, le=300, description="Systolic BP (≥ 130 meets)"
    )
    diastolic_bp: float = quantity(
        "pressure", "mmHg", ge=20, le=200, description="Diastolic BP (≥ 85 meets)"
    )
    fasting_glucose: float = quantity(
        "glucose", "mg/dL", ge=20, le=1000, description="Fasting plasma glucose (≥ 100 meets)"
    )
    type2_diabetes: bool = Field(description="Previously diagnosed type 2 diabetes")
    triglyceride_treatment: bool = Field(
        False, description="Specific treatment for raised triglycerides (optional)"
    )
    hdl_treatment: bool = Field(False, description="Specific treatment for low HDL (optional)")
    hypertension_treatment: bool = Field(
        False, description="Treatment of previously diagnosed hypertension (optional)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Central obesity plus two of four criteria (Alberti 2005, IDF)."""
    i = inputs
    hdl_cut = 40 if i.sex == "male" else 50  # mg/dL (1.03 / 1.29 mmol/L)
    criteria = [
        (
            "Raised triglycerides (≥ 150 mg/dL or treated)",
            i.triglycerides,
            i.triglycerides >= 150 or i.triglyceride_treatment,
        ),
        (
            f"Reduced HDL (< {hdl_cut} mg/dL in {'men' if i.sex == 'male' else 'women'} "
            "or treated)",
            i.hdl,
            i.hdl < hdl_cut or i.hdl_treatment,
        ),
        (
            "Raised BP (SBP ≥ 130 or DBP ≥ 85 mmHg or treated)",
            f"{i.systolic_bp:g}/{i.diastolic_bp:g}",
            i.systolic_bp >= 130 or i.diastolic_bp >= 85 or i.hypertension_treatment,
        ),
        (
            "Raised fasting glucose (≥ 100 mg/dL or type 2 diabetes)",
            i.fasting_glucose,
            i.fasting_glucose >= 100 or i.type2_diabetes,
        ),
    ]
    steps = [Step(label="Central obesity (required)", value=i.central_obesity)]
    met = 0
    for label, value, ok in criteria:
        met += ok
        steps.append(Step(label=label, value=value, points=int(ok), total=met))
    present = i.central_obesity and met >= 2
    if present:
        reading = f"Diagnosis established: central obesity plus {met} of 4 criteria"
    elif not i.central_obesity:
        reading = f"Diagnosis not established: no central obesity ({met} of 4 other criteria)"
    else:
        reading = f"Diagnosis not established: central obesity but only {met} of 4 criteria"
    return CalcResult(
        calculator=META.id,
        value="Metabolic syndrome" if present else "No metabolic syndrome",
        interpretation=reading + " (IDF 2005).",
        steps=steps,
        extra={"criteria_met": met},
    )


def _blood_pressure(f: Fields) -> tuple[float, float]:
    field, value = f.raw("blood pressure", "bp")
    m = re.search(r"(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)", str(value))
    if not m:
        raise MedMCPInputError(
            f"{META.id}: {field}: expected systolic/diastolic such as '136/88', found {value!r}."
        )
    return float(m.group(1)), float(m.group(2))


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (central obesity, sex, lipids, 'SBP/DBP', glucose, diabetes)."""
    f = Fields(inputs, META.id)
    sbp, dbp = _blood_pressure(f)
    return {
        "central_obesity": f.yes("central obesity", "obesity"),
        "sex": f.sex(),
        "triglycerides": f.quantity("triglyceride", default_unit="mg/dL"),
        "hdl": f.quantity("hdl", default_unit="mg/dL"),
        "systolic_bp": sbp,
        "diastolic_bp": dbp,
        "fasting_glucose": f.quantity("glucose", default_unit="mg/dL"),
        "type2_diabetes": f.yes("diabetes"),
    }
