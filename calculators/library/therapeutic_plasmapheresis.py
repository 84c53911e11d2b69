"""Therapeutic plasmapheresis: substance remaining after plasma volume exchanges (e^-x)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError

META = CalculatorMeta(
    id="therapeutic_plasmapheresis",
    name="Therapeutic Plasmapheresis Calculator",
    synonyms=(
        "Therapeutic plasma exchange calculator",
        "TPE substance remaining",
        "Plasma exchange removal e^-x",
    ),
    category="hematology",
    source="MDCalc. Therapeutic Plasmapheresis Calculator (calc/10013): amount of an "
    "intravascular substance remaining = initial amount × e^(-x), x = plasma volumes "
    "exchanged; https://www.mdcalc.com/calc/10013/therapeutic-plasmapheresis-calculator. "
    "Estimated plasma volume = weight × 70 mL/kg × (1 - Hct) as in standard therapeutic "
    "plasma exchange practice notes (circulating blood volume 70 mL/kg).",
    output_type="decimal",
    unit="%",
    description="Percent (and, with an initial amount, the amount) of a strictly intravascular "
    "substance left after x plasma volumes are exchanged, from a one-compartment model with "
    "immediate mixing and no synthesis or redistribution.",
)

#: Circulating blood volume per kg of body weight in adults (70 mL/kg), the figure of the
#: therapeutic plasma exchange notes cited in META.source (blood volume = weight × 70 mL/kg;
#: plasma volume = blood volume × (1 - Hct)).
BLOOD_VOLUME_ML_PER_KG = 70.0


class Inputs(QuantityInputs):
    """Either the plasma volumes exchanged, or weight + Hct + exchanged volume and count."""

    plasma_volumes_exchanged: float | None = Field(
        default=None,
        gt=0,
        le=20,
        description="x: total number of plasma volumes exchanged (e.g. 1.5); give this or the "
        "weight, hematocrit, exchange volume and number of exchanges",
    )
    weight: float | None = quantity(
        "weight", "kg", ge=2, le=350, default=None, description="Body weight"
    )
    hematocrit: float | None = quantity(
        "percent", "%", ge=5, le=80, default=None, description="Hematocrit"
    )
    exchange_volume: float | None = quantity(
        "volume",
        "mL",
        ge=1,
        le=20000,
        default=None,
        description="Plasma volume removed (and replaced) per procedure",
    )
    exchanges: int | None = Field(
        default=None, ge=1, le=50, description="Number of procedures performed"
    )
    initial_amount: float | None = Field(
        default=None,
        ge=0,
        description="Optional: initial amount or level of the substance (any unit); the result "
        "then also gives the amount remaining in the same unit",
    )

    @model_validator(mode="after")
    def _one_route(self) -> Inputs:
        parts = {
            "weight": self.weight,
            "hematocrit": self.hematocrit,
            "exchange_volume": self.exchange_volume,
            "exchanges": self.exchanges,
        }
        given = [k for k, v in parts.items() if v is not None]
        if self.plasma_volumes_exchanged is not None:
            if given:
                raise ValueError(
                    "give either plasma_volumes_exchanged or weight/hematocrit/"
                    f"exchange_volume/exchanges, not both (found also {', '.join(given)})"
                )
            return self
        missing = [k for k, v in parts.items() if v is None]
        if missing:
            raise ValueError(
                "expected plasma_volumes_exchanged, or all of weight, hematocrit, "
                f"exchange_volume and exchanges; missing {', '.join(missing)}"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Fraction remaining = e^(-x); x from the estimated plasma volume when not given."""
    steps: list[Step] = []
    if inputs.plasma_volumes_exchanged is not None:
        x = inputs.plasma_volumes_exchanged
        steps.append(Step(label="Plasma volumes exchanged (x)", value=x, detail="as given"))
    else:
        assert inputs.weight is not None and inputs.hematocrit is not None
        assert inputs.exchange_volume is not None and inputs.exchanges is not None
        blood = inputs.weight * BLOOD_VOLUME_ML_PER_KG
        plasma = blood * (1 - inputs.hematocrit / 100)
        removed = inputs.exchange_volume * inputs.exchanges
        x = removed / plasma
        steps += [
            Step(label="Estimated blood volume", value=round(blood, 1), detail="weight × 70 mL/kg"),
            Step(
                label="Estimated plasma volume",
                value=round(plasma, 1),
                detail="blood volume × (1 - Hct), mL",
            ),
            Step(
                label="Plasma exchanged",
                value=round(removed, 1),
                detail=f"{inputs.exchange_volume:g} mL × {inputs.exchanges} procedures",
            ),
            Step(label="Plasma volumes exchanged (x)", value=round(x, 4), detail="exchanged / PV"),
        ]
    fraction = math.exp(-x)
    percent = 100 * fraction
    steps.append(Step(label="Fraction remaining", value=round(fraction, 4), detail="e^(-x)"))
    extra: dict[str, Any] = {
        "plasma_volumes_exchanged": round(x, 4),
        "percent_removed": round(100 - percent, 2),
    }
    reading = f"{percent:.1f}% of the substance remains ({100 - percent:.1f}% removed)"
    if inputs.initial_amount is not None:
        amount = inputs.initial_amount * fraction
        extra["amount_remaining"] = round(amount, 4)
        steps.append(
            Step(label="Amount remaining", value=round(amount, 4), detail="initial × e^(-x)")
        )
        reading += f"; amount remaining {amount:.4g} (from {inputs.initial_amount:g})"
    return CalcResult(
        calculator=META.id,
        value=round(percent, 2),
        unit="%",
        interpretation=reading,
        steps=steps,
        warnings=[
            "Theoretical: assumes a strictly intravascular substance with immediate mixing and "
            "no synthesis or redistribution; IgG (largely extravascular) is removed less "
            "efficiently."
        ],
        extra=extra,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('1.5 plasma volumes', '70 kg', 'Hct 40%', '3000 mL') → kwargs."""
    m = kw.KeywordInputs(inputs)
    out: dict[str, Any] = {}
    pv = m.find(
        "plasma volumes exchanged", "volumes exchanged", "number plasma volumes", default=None
    )
    if pv is not None:
        out["plasma_volumes_exchanged"] = kw.parse_number(pv)
    else:
        out["weight"] = kw.parse_quantity(m.find("weight"), "kg")
        hct = kw.parse_number(m.find("hematocrit", "hct", "haematocrit"))
        out["hematocrit"] = hct * 100 if hct <= 1 else hct  # '0.40' is a fraction
        volume = kw.parse_quantity(m.find("volume exchanged", "exchange volume", "volume"), "mL")
        out["exchange_volume"] = volume
        n = kw.parse_number(m.find("number exchanges", "exchanges", "procedures", "sessions"))
        if not n.is_integer():
            raise AdapterError(f"expected a whole number of exchanges, found {n:g}.")
        out["exchanges"] = int(n)
    amount = m.find("initial", "amount", "level", default=None)
    if amount is not None:
        out["initial_amount"] = kw.parse_number(amount)
    return out
