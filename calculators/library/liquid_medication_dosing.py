"""Weight-based liquid medication dosing: dose per administration and volume to give."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields, MedMCPInputError, norm

META = CalculatorMeta(
    id="liquid_medication_dosing",
    name="Weight-based liquid medication dosing",
    synonyms=(
        "weight-based liquid dosing",
        "liquid medication dose volume",
        "mg/kg/day liquid dosing",
    ),
    category="dosing",
    source="Unit arithmetic for weight-based dosing (dose/kg/day × weight ÷ doses per day; "
    "volume = dose ÷ concentration); see WHO Model Formulary for Children 2010, "
    "section on dose calculation.",
    output_type="decimal",
    unit="mg",
    description="Single dose = weight × daily dose per kg ÷ doses per day; liquid volume = "
    "single dose ÷ (amount per volume).",
)


class Inputs(QuantityInputs):
    """Inputs of the weight-based liquid dose."""

    weight: float = quantity("weight", "kg", ge=0.3, le=400, description="Dosing weight")
    dose_mg_per_kg_per_day: float = Field(gt=0, le=1000, description="Daily dose [mg/kg/day]")
    doses_per_day: float = Field(gt=0, le=24, description="Number of doses per day")
    concentration_mg: float = Field(
        gt=0, le=100000, description="Liquid formulation: medication amount [mg]"
    )
    concentration_ml: float = Field(
        gt=0, le=1000, description="Liquid formulation: per volume [mL]"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Single dose = weight × mg/kg/day ÷ doses/day; volume = dose × mL / mg."""
    daily = inputs.weight * inputs.dose_mg_per_kg_per_day
    single = daily / inputs.doses_per_day
    volume = single * inputs.concentration_ml / inputs.concentration_mg
    return CalcResult(
        calculator=META.id,
        value=round(single, 2),
        unit="mg",
        interpretation=f"Give {single:.2f} mg ({volume:.2f} mL) per dose, "
        f"{inputs.doses_per_day:g} times a day; total {daily:.2f} mg/day",
        steps=[
            Step(
                label="Total daily dose",
                value=round(daily, 2),
                detail=f"{inputs.weight:g} kg × {inputs.dose_mg_per_kg_per_day:g} mg/kg/day",
            ),
            Step(
                label="Single dose",
                value=round(single, 2),
                detail=f"daily ÷ {inputs.doses_per_day:g}",
            ),
            Step(
                label="Liquid volume per dose",
                value=round(volume, 2),
                detail=f"dose × {inputs.concentration_ml:g} mL / {inputs.concentration_mg:g} mg",
            ),
        ],
        extra={"daily_dose_mg": round(daily, 2), "volume_per_dose_ml": round(volume, 2)},
    )


def _doses_per_day(text: str) -> float:
    t = norm(text)
    named = {"once": 1, "daily": 1, "twice": 2, "bid": 2, "tid": 3, "qid": 4}
    m = re.search(r"every (\d+(?:\.\d+)?) (?:hours?|h|hrs?)", t)
    if m:
        return 24 / float(m.group(1))
    m = re.search(r"q ?(\d+) ?h", t)
    if m:
        return 24 / float(m.group(1))
    m = re.search(r"(\d+) (?:times|x)", t)
    if m:
        return float(m.group(1))
    for word, n in named.items():
        if word in t.split():
            return n
    raise MedMCPInputError(
        f"liquid_medication_dosing: cannot read a dosing frequency from "
        f"{text!r}; expected e.g. 'Every 8 hours' or '3 times a day'."
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (weight, mg/kg/day, frequency, formulation) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "weight": f.quantity("weight", default_unit="kg"),
        "dose_mg_per_kg_per_day": f.number("dosage", "dose per day"),
        "doses_per_day": _doses_per_day(f.text("frequency")),
        "concentration_mg": f.number("medication amount"),
        "concentration_ml": f.number("per volume"),
    }
