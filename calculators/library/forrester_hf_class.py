"""Forrester hemodynamic class of heart failure after acute myocardial infarction."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="forrester_hf_class",
    name="Forrester HF Class",
    synonyms=("Forrester classification", "Forrester hemodynamic subsets"),
    category="cardiology",
    source="Forrester JS, Diamond G, Chatterjee K, Swan HJ. Medical therapy of acute "
    "myocardial infarction by application of hemodynamic subsets (first of two parts). N Engl "
    "J Med. 1976;295(24):1356-62.",
    output_type="integer",
    description="Class I-IV from pulmonary capillary wedge pressure (> 18 mmHg: congestion) and "
    "cardiac index (≤ 2.2 L/min/m²: hypoperfusion).",
)


class Inputs(QuantityInputs):
    """Inputs of the Forrester class."""

    pcwp: float = quantity(
        "pressure", "mmHg", ge=0, le=60, description="Pulmonary capillary wedge pressure"
    )
    cardiac_index: float = quantity(
        "dimensionless", "", ge=0.2, le=10, description="Cardiac index, L/min/m²"
    )


_CLASSES = {
    (False, False): (1, "normal perfusion, no pulmonary congestion"),
    (True, False): (2, "pulmonary congestion with normal perfusion"),
    (False, True): (3, "peripheral hypoperfusion without pulmonary congestion"),
    (True, True): (4, "pulmonary congestion and peripheral hypoperfusion"),
}


def compute(inputs: Inputs) -> CalcResult:
    """Class from PCWP > 18 mmHg and CI ≤ 2.2 L/min/m² (Forrester 1976)."""
    # Thresholds of Forrester 1976: PCWP 18 mmHg (pulmonary oedema) and CI 2.2 L/min/m²
    # (hypoperfusion).
    congested = inputs.pcwp > 18
    hypoperfused = inputs.cardiac_index <= 2.2
    cls, text = _CLASSES[(congested, hypoperfused)]
    return CalcResult(
        calculator=META.id,
        value=cls,
        interpretation=f"Forrester class {cls}: {text}",
        steps=[
            Step(label="PCWP > 18 mmHg", value=inputs.pcwp, detail=f"congestion: {congested}"),
            Step(
                label="Cardiac index ≤ 2.2 L/min/m²",
                value=inputs.cardiac_index,
                detail=f"hypoperfusion: {hypoperfused}",
            ),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "pcwp": f.quantity("pcwp", "wedge", default_unit="mmHg"),
        "cardiac_index": f.number("cardiac index"),
    }
