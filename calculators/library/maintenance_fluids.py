"""Maintenance IV fluid rate by the Holliday-Segar 4-2-1 rule."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="maintenance_fluids",
    name="Maintenance Fluids Calculations",
    synonyms=("4-2-1 rule", "Holliday-Segar", "maintenance fluid rate", "maintenance IV fluids"),
    category="fluids",
    source="Holliday MA, Segar WE. The maintenance need for water in parenteral fluid therapy. "
    "Pediatrics. 1957;19(5):823-832.",
    pmid="13431307",
    output_type="decimal",
    unit="mL/h",
    medcalc_id=22,
    description="Hourly maintenance fluid: 4 mL/kg for the first 10 kg, 2 mL/kg for the next "
    "10 kg, 1 mL/kg for each kg above 20.",
)


class Inputs(QuantityInputs):
    """Inputs of the 4-2-1 rule."""

    weight: float = quantity("weight", "kg", ge=0.5, le=400, description="Body weight")


def compute(inputs: Inputs) -> CalcResult:
    """4 mL/kg/h × first 10 kg + 2 mL/kg/h × next 10 kg + 1 mL/kg/h × the rest."""
    w = inputs.weight
    first, second, rest = min(w, 10), min(max(w - 10, 0), 10), max(w - 20, 0)
    rate = 4 * first + 2 * second + 1 * rest
    return CalcResult(
        calculator=META.id,
        value=round(rate, 3),
        unit="mL/h",
        interpretation=f"Maintenance fluid {rate:.0f} mL/h ({rate * 24:.0f} mL/day).",
        steps=[
            Step(label="First 10 kg × 4 mL/kg/h", value=round(4 * first, 3)),
            Step(label="Next 10 kg × 2 mL/kg/h", value=round(2 * second, 3)),
            Step(label="Each kg above 20 × 1 mL/kg/h", value=round(rest, 3)),
            Step(label="Maintenance rate", value=round(rate, 3), detail="mL/h"),
        ],
        extra={"ml_per_day": round(rate * 24, 1), "rate_x1_5_ml_h": round(rate * 1.5, 1)},
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {"weight": mc.quantity(entities, "weight")}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Weight (lbs)': 156) → inputs."""
    m = kw.KeywordInputs(inputs)
    unit = "lb" if any("lb" in n for n, _ in m.items) else "kg"
    return {"weight": kw.parse_quantity(m.find("weight"), unit)}
