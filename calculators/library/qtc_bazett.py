"""Corrected QT interval by the QTc Bazett formula."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _adapters as ad
from m3agent.calculators.library._common import qtc_interpretation

META = CalculatorMeta(
    id="qtc_bazett",
    name="QTc Bazett Calculator",
    synonyms=("Bazett QTc", "QTc Bazett", "Bazett formula", "QTcB"),
    category="cardiology",
    source=(
        "Bazett HC. An analysis of the time-relations of electrocardiograms. Heart. 1920;7:353-370."
    ),
    doi=None,
    pmid=None,
    output_type="decimal",
    unit="ms",
    medcalc_id=11,
    description="QTc = QT / √RR (RR in seconds).",
)


class Inputs(QuantityInputs):
    """Inputs of the QTc."""

    qt: float = quantity("time_ms", "ms", ge=150, le=800, description="Measured QT interval")
    heart_rate: float = quantity("rate", "/min", ge=20, le=300, description="Heart rate")


def compute(inputs: Inputs) -> CalcResult:
    """QTc = QT / √RR (RR in seconds)."""
    rr = 60 / inputs.heart_rate  # RR interval in seconds
    qtc = inputs.qt / rr**0.5
    return CalcResult(
        calculator=META.id,
        value=round(qtc, 3),
        unit="ms",
        interpretation=qtc_interpretation(qtc),
        steps=[
            Step(label="RR interval", value=round(rr, 4), detail="60 / heart rate, seconds"),
            Step(label="QTc", value=round(qtc, 3), detail="QT / √RR"),
        ],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "qt": ad.quantity(entities, "QT interval"),
        "heart_rate": ad.quantity(entities, "Heart Rate or Pulse"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = ad.MedmcpInputs(inputs)
    return {
        "qt": ad.parse_quantity(m.find("qt interval", "qt"), "ms"),
        "heart_rate": ad.parse_number(m.find("heart rate", "pulse")),
    }
