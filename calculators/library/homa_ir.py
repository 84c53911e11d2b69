"""HOMA-IR (homeostatic model assessment of insulin resistance)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="homa_ir",
    name="HOMA-IR (Homeostatic Model Assessment for Insulin Resistance)",
    synonyms=("HOMA-IR", "HOMA", "homeostatic model assessment"),
    category="endocrinology",
    source="Matthews DR, Hosker JP, Rudenski AS, et al. Homeostasis model assessment: insulin "
    "resistance and beta-cell function from fasting plasma glucose and insulin "
    "concentrations in man. Diabetologia. 1985;28(7):412-419.",
    doi="10.1007/BF00280883",
    pmid="3899825",
    output_type="decimal",
    medcalc_id=31,
    description="Fasting insulin (µIU/mL) × fasting glucose (mg/dL) / 405.",
)


class Inputs(QuantityInputs):
    """Inputs of HOMA-IR."""

    insulin: float = quantity("insulin", "uIU/mL", ge=0.1, le=1000, description="Fasting insulin")
    glucose: float = quantity("glucose", "mg/dL", ge=20, le=1500, description="Fasting glucose")


def compute(inputs: Inputs) -> CalcResult:
    """HOMA-IR = insulin × glucose / 405 (405 = 22.5 × 18 for glucose in mg/dL)."""
    value = inputs.insulin * inputs.glucose / 405
    interp = (
        "HOMA-IR > 2: suggests insulin resistance (cut-offs vary by population)"
        if value > 2
        else "HOMA-IR ≤ 2: insulin resistance unlikely"
    )
    return CalcResult(
        calculator=META.id,
        value=round(value, 3),
        interpretation=interp,
        steps=[
            Step(
                label="HOMA-IR",
                value=round(value, 3),
                detail="insulin µIU/mL × glucose mg/dL / 405",
            )
        ],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "insulin": mc.quantity(entities, "Insulin"),
        "glucose": mc.quantity(entities, "Glucose"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    return {
        "insulin": kw.parse_quantity(m.find("insulin"), "uIU/mL"),
        "glucose": kw.parse_quantity(m.find("glucose"), "mg/dL"),
    }
