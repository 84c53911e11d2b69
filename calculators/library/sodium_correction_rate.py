"""Infusion rate for a target sodium correction rate (Adrogué-Madias formula)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields, MedMCPInputError, norm
from m3agent.calculators.library._patient import TBW_FRACTION

META = CalculatorMeta(
    id="sodium_correction_rate",
    name="Sodium Correction Rate in Hyponatremia and Hypernatremia",
    synonyms=(
        "Adrogue-Madias formula",
        "Adrogué-Madias formula",
        "sodium correction rate",
        "hyponatremia infusion rate",
        "hypernatremia infusion rate",
    ),
    category="nephrology",
    source="Adrogué HJ, Madias NE. Hyponatremia. N Engl J Med. 2000;342(21):1581-9; "
    "Adrogué HJ, Madias NE. Hypernatremia. N Engl J Med. 2000;342(20):1493-9.",
    doi="10.1056/NEJM200005253422107",
    output_type="decimal",
    unit="mL/h",
    description="Change in serum Na per litre of infusate = (infusate Na + K − serum Na) / "
    "(total body water + 1); the infusion rate that achieves a chosen mmol/L/h.",
)

AgeGroup = Literal["child", "adult", "elderly"]


class Inputs(QuantityInputs):
    """Inputs of the Adrogué-Madias infusion rate."""

    sex: Literal["male", "female"] = Field(description="Sex")
    age_group: AgeGroup = Field(description="child, adult, or elderly (≥65 years)")
    weight: float = quantity("weight", "kg", ge=1, le=400, description="Body weight")
    serum_sodium: float = quantity(
        "electrolyte", "mEq/L", ge=90, le=200, description="Serum sodium"
    )
    infusate_sodium: float = quantity(
        "electrolyte",
        "mEq/L",
        ge=0,
        le=1000,
        description="Infusate sodium (0 D5W, 34 0.2% NaCl, 77 0.45% NaCl, 130 Ringer's "
        "lactate, 154 0.9% NaCl, 513 3% NaCl, 855 5% NaCl)",
    )
    infusate_potassium: float = quantity(
        "electrolyte",
        "mEq/L",
        ge=0,
        le=200,
        default=0.0,
        description="Infusate potassium (the formula adds it to the sodium; 0 if none)",
    )
    target_rate: float = Field(
        gt=0, le=2, description="Desired change in serum Na [mmol/L per hour]"
    )

    @model_validator(mode="after")
    def _fluid_changes_sodium(self) -> Inputs:
        if abs(self.infusate_sodium + self.infusate_potassium - self.serum_sodium) < 1e-9:
            raise ValueError(
                "the infusate Na + K equals the serum sodium, so no infusion rate "
                "can change it; choose another fluid"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Rate (mL/h) = target rate ÷ |(Na_inf + K_inf − Na_serum) / (TBW + 1)| × 1000."""
    fraction = TBW_FRACTION[(inputs.age_group, inputs.sex)]
    tbw = fraction * inputs.weight
    per_litre = (inputs.infusate_sodium + inputs.infusate_potassium - inputs.serum_sodium) / (
        tbw + 1
    )
    rate = inputs.target_rate / abs(per_litre) * 1000
    direction = "increase" if per_litre > 0 else "decrease"
    warnings = []
    if inputs.serum_sodium < 135 and per_litre < 0:
        warnings.append("This fluid lowers the sodium of a hyponatremic patient.")
    if inputs.serum_sodium > 145 and per_litre > 0:
        warnings.append("This fluid raises the sodium of a hypernatremic patient.")
    # Limits of correction: 10–12 mmol/L in 24 h for chronic hyponatremia (8 in high-risk
    # patients) to avoid osmotic demyelination; ≤0.5 mmol/L/h (10–12/day) in hypernatremia.
    if inputs.target_rate * 24 > 12:
        warnings.append(
            "The chosen rate exceeds 12 mmol/L in 24 h: risk of osmotic "
            "demyelination (hyponatremia) or cerebral edema (hypernatremia)."
        )
    warnings.append(
        "The formula ignores ongoing losses and intake: recheck sodium every 2–4 hours."
    )
    return CalcResult(
        calculator=META.id,
        value=round(rate, 1),
        unit="mL/h",
        interpretation=f"Infuse at {rate:.0f} mL/h to {direction} Na by "
        f"{inputs.target_rate:g} mmol/L/h",
        steps=[
            Step(
                label="Total body water",
                value=round(tbw, 2),
                detail=f"{fraction} × {inputs.weight:g} kg",
            ),
            Step(
                label="ΔNa per litre of infusate",
                value=round(per_litre, 3),
                detail="(Na_inf + K_inf − Na_serum) / (TBW + 1)",
            ),
            Step(
                label="Infusion rate",
                value=round(rate, 1),
                detail=f"{inputs.target_rate:g} / |ΔNa per L| × 1000 mL/h",
            ),
        ],
        warnings=warnings,
        extra={"delta_na_per_litre": round(per_litre, 3)},
    )


_FLUIDS = {
    "d5w": 0.0,
    "dextrose": 0.0,
    "0 2": 34.0,
    "0 45": 77.0,
    "ringer": 130.0,
    "lactated": 130.0,
    "0 9": 154.0,
    "normal saline": 154.0,
    "3": 513.0,
    "5": 855.0,
}


def _infusate_sodium(text: str) -> float:
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:mmol|meq)", text, re.IGNORECASE)
    if m:
        return float(m.group(1))
    t = norm(text)
    for key, na in _FLUIDS.items():
        if key in t:
            return na
    raise MedMCPInputError(
        f"sodium_correction_rate: cannot read the infusate sodium from "
        f"{text!r}; expected e.g. '3% saline (513 mmol/L Na)'."
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (sex, age range, weight, Na, fluid type, rate) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "sex": f.sex(),
        "age_group": f.option(
            "age",
            options={
                "child": ("child", "pediatric"),
                "adult": "adult",
                "elderly": ("elderly", "older adult"),
            },
        ),
        "weight": f.quantity("weight", default_unit="kg"),
        "serum_sodium": f.quantity("serum sodium", "sodium", exclude=("rate", "fluid")),
        "infusate_sodium": _infusate_sodium(f.text("fluid", "infusate")),
        "target_rate": f.number("rate"),
    }
