"""Body-surface-area-based drug dosing (dose per m² × BSA)."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields, norm

META = CalculatorMeta(
    id="bsa_based_dosing",
    name="Body Surface Area Based Dosing",
    synonyms=("BSA-based dosing", "BSA dose", "dose per m2", "body surface area dosing"),
    category="dosing",
    source="Mosteller RD. Simplified calculation of body-surface area. N Engl J Med. "
    "1987;317(17):1098; Du Bois D, Du Bois EF. A formula to estimate the approximate "
    "surface area if height and weight be known. Arch Intern Med. 1916;17:863-71.",
    doi="10.1056/NEJM198710223171717",
    output_type="decimal",
    unit="mg",
    description="Dose = dose per m² × body surface area (Mosteller or Du Bois).",
)


class Inputs(QuantityInputs):
    """Inputs of the BSA-based dose."""

    dose_per_m2: float = Field(
        gt=0, le=100000, description="Prescribed dose per m² (in the chosen dose unit)"
    )
    dose_unit: Literal["mg", "mcg", "g", "units"] = Field(description="Unit of the dose")
    weight: float = quantity("weight", "kg", ge=1, le=400, description="Dosing weight")
    height: float = quantity("height", "cm", ge=30, le=250, description="Height")
    formula: Literal["mosteller", "du_bois"] = Field(
        description="BSA formula: Mosteller √(cm × kg / 3600) or Du Bois "
        "0.007184 × kg^0.425 × cm^0.725"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Dose = dose/m² × BSA."""
    if inputs.formula == "mosteller":
        bsa = math.sqrt(inputs.height * inputs.weight / 3600)  # Mosteller 1987
        how = "√(height cm × weight kg / 3600)"
    else:
        bsa = 0.007184 * inputs.weight**0.425 * inputs.height**0.725  # Du Bois 1916
        how = "0.007184 × kg^0.425 × cm^0.725"
    dose = inputs.dose_per_m2 * bsa
    warnings = []
    if bsa > 2.2:
        warnings.append(
            "BSA above 2.2 m²: many protocols cap BSA at 2.0–2.2 m²; check the "
            "regimen (ASCO 2012 advises full weight-based dosing in obesity)."
        )
    return CalcResult(
        calculator=META.id,
        value=round(dose, 2),
        unit=inputs.dose_unit,
        interpretation=f"Dose for BSA {bsa:.3f} m² at {inputs.dose_per_m2:g} {inputs.dose_unit}/m²",
        steps=[
            Step(label=f"BSA ({inputs.formula})", value=round(bsa, 4), detail=how),
            Step(label="Dose", value=round(dose, 2), detail=f"{inputs.dose_per_m2:g} × {bsa:.4f}"),
        ],
        warnings=warnings,
        extra={"bsa_m2": round(bsa, 4)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (BSA based dose, weight, height, formula, dose unit) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    unit = f.text("dose unit", "unit") if f.has("dose unit", "desired") else "mg"
    unit_key = {
        "mg": "mg",
        "mcg": "mcg",
        "ug": "mcg",
        "g": "g",
        "units": "units",
        "unit": "units",
    }.get(norm(unit).split()[0] if norm(unit) else "mg", "mg")
    return {
        "dose_per_m2": f.number("bsa based dose", "dose per", "dose", exclude=("unit",)),
        "dose_unit": unit_key,
        "weight": f.quantity("weight", default_unit="kg"),
        "height": f.quantity("height", default_unit="cm"),
        "formula": f.option(
            "select",
            "formula",
            "method",
            options={"mosteller": "mosteller", "du_bois": ("du bois", "dubois")},
        ),
    }
