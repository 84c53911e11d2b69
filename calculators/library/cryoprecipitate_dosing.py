"""Cryoprecipitate dosing for fibrinogen replacement."""

from __future__ import annotations

import math

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity

META = CalculatorMeta(
    id="cryoprecipitate_dosing",
    name="Cryoprecipitate Dosing for Fibrinogen Replacement",
    synonyms=("Cryoprecipitate dosing", "cryo dose for fibrinogen"),
    category="hematology",
    source=(
        "Fibrinogen needed (mg) = (target - current, mg/dL) x plasma volume (dL); plasma "
        "volume = weight x 70 mL/kg x (1 - haematocrit); units = mg needed / fibrinogen per "
        "unit (≈250 mg): AABB Technical Manual, 18th ed. Bethesda: AABB; 2014 (Method 6-"
        "cryoprecipitate dose calculation)."
    ),
    output_type="integer",
    unit="units",
    description="Number of cryoprecipitate units to raise plasma fibrinogen to a target, from "
    "plasma volume and the fibrinogen content of a unit.",
)


class Inputs(QuantityInputs):
    """Inputs of cryoprecipitate dosing."""

    weight: float = quantity("weight", "kg", ge=1, le=300, description="Body weight")
    hematocrit: float = Field(ge=10, le=70, description="Haematocrit [%]")
    current_fibrinogen: float = quantity(
        "fibrinogen", "mg/dL", ge=0, le=1000, description="Current fibrinogen"
    )
    target_fibrinogen: float = quantity(
        "fibrinogen", "mg/dL", ge=50, le=1000, description="Target fibrinogen"
    )
    fibrinogen_per_unit_mg: float = Field(
        default=250,
        ge=100,
        le=1000,
        description="Fibrinogen content of one unit [mg] (product-specific; AABB average 250)",
    )

    @model_validator(mode="after")
    def _target(self) -> Inputs:
        if self.target_fibrinogen <= self.current_fibrinogen:
            raise ValueError("target fibrinogen must exceed the current fibrinogen")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Units = ceil[(target - current) x plasma volume (dL) / mg per unit]."""
    i = inputs
    plasma_dl = i.weight * 70 * (1 - i.hematocrit / 100) / 100
    needed = (i.target_fibrinogen - i.current_fibrinogen) * plasma_dl
    units = needed / i.fibrinogen_per_unit_mg
    return CalcResult(
        calculator=META.id,
        value=math.ceil(units),
        unit="units",
        interpretation=f"{math.ceil(units)} units of cryoprecipitate ({units:.1f} before "
        "rounding up)",
        steps=[
            Step(
                label="Plasma volume",
                value=round(plasma_dl, 2),
                detail="weight x 70 mL/kg x (1 - Hct), in dL",
            ),
            Step(label="Fibrinogen needed", value=round(needed), detail="mg"),
            Step(label="Units", value=round(units, 2), detail="mg / mg per unit"),
        ],
    )
