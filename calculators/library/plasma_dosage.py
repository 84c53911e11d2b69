"""Plasma dosage: the plasma volume needed to raise a coagulation factor level."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="plasma_dosage",
    name="Plasma Dosage",
    synonyms=("FFP dose", "fresh frozen plasma dosing", "plasma dose for factor replacement"),
    category="hematology",
    source="Factor replacement: units needed = plasma volume × desired rise, with plasma "
    "holding about 1 IU/mL of each factor and blood volume about 70 mL/kg (Roback JD, "
    "et al., eds. AABB Technical Manual. 17th ed. 2011, chapter on plasma "
    "transfusion; Nadler SB, et al. Surgery. 1962;51(2):224-32 for blood volume).",
    output_type="decimal",
    unit="mL",
    description="Plasma volume (mL) = weight × 70 mL/kg × (1 − hematocrit) × (target − current "
    "factor activity); 1 mL of plasma carries about 1 IU of each factor.",
)


class Inputs(QuantityInputs):
    """Inputs of the plasma dose."""

    weight: float = quantity("weight", "kg", ge=1, le=400, description="Body weight")
    hematocrit: float = quantity("percent", "%", ge=5, le=75, description="Hematocrit")
    current_factor_level: float = Field(
        ge=0, le=200, description="Current factor activity [% of normal]"
    )
    target_factor_level: float = Field(
        ge=1, le=200, description="Target factor activity [% of normal]"
    )

    @model_validator(mode="after")
    def _target_above_current(self) -> Inputs:
        if self.target_factor_level <= self.current_factor_level:
            raise ValueError(
                f"target factor level ({self.target_factor_level:g}%) must exceed "
                f"the current level ({self.current_factor_level:g}%)"
            )
        return self


# 70 mL/kg adult blood volume (Nadler 1962 averages ~70 mL/kg); plasma contains ~1 IU/mL of
# each coagulation factor (AABB Technical Manual), so 1% of activity per mL of plasma volume.
_BLOOD_ML_PER_KG = 70.0


def compute(inputs: Inputs) -> CalcResult:
    """Plasma (mL) = weight × 70 × (1 − Hct) × (target − current) / 100."""
    blood_volume = inputs.weight * _BLOOD_ML_PER_KG
    plasma_volume = blood_volume * (1 - inputs.hematocrit / 100)
    rise = (inputs.target_factor_level - inputs.current_factor_level) / 100
    dose = plasma_volume * rise
    return CalcResult(
        calculator=META.id,
        value=round(dose, 0),
        unit="mL",
        interpretation=f"About {dose:.0f} mL of plasma ({dose / inputs.weight:.1f} mL/kg); the "
        f"usual dose is 10–20 mL/kg",
        steps=[
            Step(label="Blood volume", value=round(blood_volume), detail="70 mL/kg × weight"),
            Step(
                label="Plasma volume",
                value=round(plasma_volume),
                detail="blood volume × (1 − hematocrit)",
            ),
            Step(
                label="Plasma dose",
                value=round(dose),
                detail=f"plasma volume × ({inputs.target_factor_level:g} − "
                f"{inputs.current_factor_level:g})%",
            ),
        ],
        warnings=[
            "In vivo recovery is below 100% and factor half-lives differ (factor VII "
            "about 6 h): recheck levels after infusion."
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (weight, hematocrit, current and target factor level) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "weight": f.quantity("weight", default_unit="kg"),
        "hematocrit": f.quantity("hematocrit", "hct", default_unit="%"),
        "current_factor_level": f.number("current", "initial"),
        "target_factor_level": f.number("target", "desired"),
    }
