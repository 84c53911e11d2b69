"""Corrected QT interval by the QTc Hodges formula."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _adapters as ad
from m3agent.calculators.library._common import qtc_interpretation

META = CalculatorMeta(
    id="qtc_hodges",
    name="QTc Hodges Calculator",
    synonyms=("QTc Hodges", "Hodges QTc", "QTcH"),
    category="cardiology",
    source=(
        "Hodges M, Salerno D, Erlien D. Bazett's QT correction reviewed: evidence that a "
        "linear QT correction for heart rate is better. J Am Coll Cardiol. 1983;1:694 "
        "(abstract)."
    ),
    doi=None,
    pmid=None,
    output_type="decimal",
    unit="ms",
    medcalc_id=58,
    description="QTc = QT + 1.75 × (heart rate − 60) (QT in ms).",
)


class Inputs(QuantityInputs):
    """Inputs of the QTc."""

    qt: float = quantity("time_ms", "ms", ge=150, le=800, description="Measured QT interval")
    heart_rate: float = quantity("rate", "/min", ge=20, le=300, description="Heart rate")


def compute(inputs: Inputs) -> CalcResult:
    """QTc = QT + 1.75 × (heart rate − 60) (QT in ms)."""
    rr = 60 / inputs.heart_rate  # RR interval in seconds
    qtc = inputs.qt + 1.75 * (inputs.heart_rate - 60)
    return CalcResult(
        calculator=META.id,
        value=round(qtc, 3),
        unit="ms",
        interpretation=qtc_interpretation(qtc),
        steps=[
            Step(label="RR interval", value=round(rr, 4), detail="60 / heart rate, seconds"),
            Step(label="QTc", value=round(qtc, 3), detail="QT + 1.75 × (HR − 60)"),
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
