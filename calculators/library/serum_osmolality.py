"""Calculated serum osmolality (and the osmolal gap when the measured value is given)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="serum_osmolality",
    name="Serum Osmolality",
    synonyms=(
        "Serum Osmolality/Osmolarity",
        "calculated osmolality",
        "osmolal gap",
        "calculated serum osmolarity",
    ),
    category="electrolytes",
    source="Rasouli M. Basic concepts and practical equations on osmolality: biochemical "
    "approach. Clin Biochem. 2016;49(12):936-941 (2 Na + BUN/2.8 + glucose/18; ethanol "
    "/3.7: Purssell RA, et al. Ann Emerg Med. 2001;38:653-9).",
    doi="10.1016/j.clinbiochem.2016.06.001",
    pmid="27343561",
    output_type="decimal",
    unit="mOsm/kg",
    medcalc_id=30,
    description="2 × Na + BUN/2.8 + glucose/18 (+ ethanol/3.7), in mOsm/kg.",
)


class Inputs(QuantityInputs):
    """Inputs of the calculated osmolality."""

    sodium: float = quantity("electrolyte", "mmol/L", ge=90, le=200, description="Serum sodium")
    bun: float = quantity("bun", "mg/dL", ge=0.5, le=300, description="Blood urea nitrogen")
    glucose: float = quantity("glucose", "mg/dL", ge=10, le=3000, description="Serum glucose")
    ethanol: float | None = Field(
        None, ge=0, le=1500, description="Serum ethanol in mg/dL (optional)"
    )
    measured_osmolality: float | None = quantity(
        "osmolality",
        "mOsm/kg",
        ge=150,
        le=500,
        default=None,
        description="Measured serum osmolality (optional: gives the osmolal gap)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Compute 2 Na + BUN/2.8 + glucose/18 (molar masses of BUN 28 and glucose 180, /10)."""
    calc = 2 * inputs.sodium + inputs.bun / 2.8 + inputs.glucose / 18
    steps = [
        Step(label="2 × Na", value=round(2 * inputs.sodium, 3)),
        Step(label="BUN / 2.8", value=round(inputs.bun / 2.8, 3)),
        Step(label="Glucose / 18", value=round(inputs.glucose / 18, 3)),
    ]
    if inputs.ethanol:
        calc += inputs.ethanol / 3.7
        steps.append(Step(label="Ethanol / 3.7", value=round(inputs.ethanol / 3.7, 3)))
    steps.append(Step(label="Calculated osmolality", value=round(calc, 3), detail="mOsm/kg"))
    extra: dict[str, Any] = {}
    interp = (
        "within the normal 275-295 mOsm/kg"
        if 275 <= calc <= 295
        else "below 275 mOsm/kg (hypo-osmolar)"
        if calc < 275
        else "above 295 mOsm/kg (hyperosmolar)"
    )
    interp = f"Calculated osmolality {calc:.0f} mOsm/kg: {interp}"
    if inputs.measured_osmolality is not None:
        gap = inputs.measured_osmolality - calc
        extra["osmolal_gap"] = round(gap, 3)
        steps.append(Step(label="Osmolal gap", value=round(gap, 3), detail="measured − calculated"))
        interp += f"; osmolal gap {gap:.0f} (> 10 suggests unmeasured osmoles)"
    return CalcResult(
        calculator=META.id,
        value=round(calc, 3),
        unit="mOsm/kg",
        interpretation=interp,
        steps=steps,
        extra=extra,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "sodium": mc.quantity(entities, "Sodium"),
        "bun": mc.quantity(entities, "Blood Urea Nitrogen (BUN)"),
        "glucose": mc.quantity(entities, "Glucose"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    out: dict[str, Any] = {
        "sodium": kw.parse_quantity(m.find("sodium"), "mmol/L"),
        "bun": kw.parse_quantity(m.find("bun", "urea"), "mg/dL"),
        "glucose": kw.parse_quantity(m.find("glucose"), "mg/dL"),
    }
    if m.has("alcohol", "ethanol"):
        out["ethanol"] = kw.parse_number(m.find("alcohol", "ethanol"))
    if m.has("measured"):
        out["measured_osmolality"] = kw.parse_quantity(m.find("measured"), "mOsm/kg")
    return out
