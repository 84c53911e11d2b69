"""Urine output rate and fluid balance."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="urine_output_fluid_balance",
    name="Urine Output and Fluid Balance",
    synonyms=("Urine output calculator", "urine output per kg per hour"),
    category="renal",
    source=(
        "Urine output (mL/kg/h) = volume / weight / hours; oliguria <0.5 mL/kg/h: KDIGO "
        "Clinical Practice Guideline for Acute Kidney Injury. Kidney Int Suppl. 2012;2:1-138."
    ),
    doi="10.1038/kisup.2012.1",
    output_type="decimal",
    unit="mL/kg/h",
    description="Urine output per kilogram per hour over a collection period, and fluid "
    "balance as intake minus urine output.",
)


class Inputs(QuantityInputs):
    """Inputs of urine output and fluid balance."""

    weight: float = quantity("weight", "kg", ge=0.3, le=400, description="Body weight")
    urine_output: float = quantity("volume", "mL", ge=0, le=50000, description="Total urine output")
    hours: float = Field(gt=0, le=240, description="Collection period [hours]")
    fluid_intake: float | None = quantity(
        "volume",
        "mL",
        ge=0,
        le=50000,
        default=None,
        description="Fluid intake over the same period",
    )


def compute(inputs: Inputs) -> CalcResult:
    """UO = volume / weight / hours; balance = intake - urine output."""
    i = inputs
    rate = i.urine_output / i.weight / i.hours
    steps = [Step(label="Urine output", value=round(rate, 3), detail="mL / kg / h")]
    extra: dict[str, Any] = {}
    if i.fluid_intake is not None:
        balance = i.fluid_intake - i.urine_output
        steps.append(
            Step(
                label="Fluid balance", value=round(balance, 1), detail="intake - urine output (mL)"
            )
        )
        extra["fluid_balance_ml"] = round(balance, 1)
    label = (
        "Oliguria (<0.5 mL/kg/h in adults)"
        if rate < 0.5
        else "Normal adult output (0.5-1.0 mL/kg/h)"
        if rate <= 1.0
        else "Above 1.0 mL/kg/h"
    )
    return CalcResult(
        calculator=META.id,
        value=round(rate, 3),
        unit="mL/kg/h",
        interpretation=label,
        steps=steps,
        extra=extra,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc urine output inputs → Inputs."""
    out: dict[str, Any] = {
        "weight": mm.quantity(mm.get(inputs, r"weight"), "kg"),
        "urine_output": mm.quantity(mm.get(inputs, r"urine"), "mL"),
        "hours": mm.number(mm.get(inputs, r"hours|period|duration")),
    }
    intake = mm.opt(inputs, r"intake")
    if intake is not None:
        out["fluid_intake"] = mm.quantity(intake, "mL")
    return out
