"""Fatty Liver Index (FLI) for hepatic steatosis."""

from __future__ import annotations

import math
from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="fatty_liver_index",
    name="Fatty Liver Index",
    synonyms=("FLI", "Fatty Liver Index (FLI)", "Bedogni fatty liver index"),
    category="hepatology",
    source="Bedogni G, Bellentani S, Miglioli L, et al. The Fatty Liver Index: a simple and "
    "accurate predictor of hepatic steatosis in the general population. BMC Gastroenterol. "
    "2006;6:33.",
    doi="10.1186/1471-230X-6-33",
    output_type="decimal",
    description="Logistic model of triglycerides, BMI, GGT and waist (0-100): < 30 rules out "
    "(LR− 0.2), ≥ 60 rules in (LR+ 4.3) fatty liver.",
)

# Bedogni 2006: y = 0.953 ln(TG mg/dL) + 0.139 BMI + 0.718 ln(GGT U/L) + 0.053 waist cm − 15.745.
_B_TG, _B_BMI, _B_GGT, _B_WAIST, _B0 = 0.953, 0.139, 0.718, 0.053, -15.745


class Inputs(QuantityInputs):
    """Inputs of the FLI."""

    triglycerides: float = quantity(
        "triglycerides", "mg/dL", ge=10, le=5000, description="Triglycerides"
    )
    bmi: float = quantity("bmi", "kg/m²", ge=10, le=90, description="Body mass index")
    ggt: float = quantity("enzyme", "U/L", ge=1, le=5000, description="Gamma-glutamyl transferase")
    waist: float = quantity("height", "cm", ge=40, le=250, description="Waist circumference")


def compute(inputs: Inputs) -> CalcResult:
    """FLI = e^y / (1 + e^y) × 100 (Bedogni 2006)."""
    i = inputs
    terms = [
        ("0.953 × ln(triglycerides)", _B_TG * math.log(i.triglycerides)),
        ("0.139 × BMI", _B_BMI * i.bmi),
        ("0.718 × ln(GGT)", _B_GGT * math.log(i.ggt)),
        ("0.053 × waist", _B_WAIST * i.waist),
        ("constant", _B0),
    ]
    y = sum(v for _, v in terms)
    fli = 100 / (1 + math.exp(-y))
    steps = [Step(label=label, value=round(v, 4)) for label, v in terms]
    steps.append(Step(label="FLI", value=round(fli, 2), detail="100 × e^y / (1 + e^y)"))
    if fli < 30:
        reading = "Low risk (< 30): fatty liver ruled out (LR− = 0.2)"
    elif fli < 60:
        reading = "Intermediate (30-59): fatty liver neither ruled in nor out"
    else:
        reading = "High risk (≥ 60): fatty liver ruled in (LR+ = 4.3)"
    return CalcResult(
        calculator=META.id,
        value=round(fli, 2),
        interpretation=reading,
        steps=steps,
        extra={"linear_predictor": round(y, 4)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (BMI, waist, GGT, triglycerides) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "triglycerides": f.quantity("triglyceride", default_unit="mg/dL"),
        "bmi": f.quantity("bmi", "body mass", default_unit="kg/m²"),
        "ggt": f.quantity("ggt", "gamma", default_unit="U/L"),
        "waist": f.quantity("waist", default_unit="cm"),
    }
