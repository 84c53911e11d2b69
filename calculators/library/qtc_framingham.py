"""Corrected QT interval by the QTc Framingham formula."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _adapters as ad
from m3agent.calculators.library._common import qtc_interpretation

META = CalculatorMeta(
    id="qtc_framingham",
    name="QTc Framingham Calculator",
    synonyms=("QTc Framingham", "Framingham QTc", "Sagie QTc", "QTcFra"),
    category="cardiology",
    source=(
        "Sagie A, Larson MG, Goldberg RJ, Bengtson JR, Levy D. An improved method for "
        "adjusting the QT interval for heart rate (the Framingham Heart Study). Am J "
        "Cardiol. 1992;70(7):797-801."
    ),
    doi="10.1016/0002-9149(92)90562-d",
    pmid="1519533",
    output_type="decimal",
    unit="ms",
    medcalc_id=57,
    description="QTc = QT + 154 × (1 − RR) (QT in ms, RR in seconds).",
)


class Inputs(QuantityInputs):
    """Inputs of the QTc."""

    qt: float = quantity("time_ms", "ms", ge=150, le=800, description="Measured QT interval")
    heart_rate: float = quantity("rate", "/min", ge=20, le=300, description="Heart rate")


def compute(inputs: Inputs) -> CalcResult:
    """QTc = QT + 154 × (1 − RR) (QT in ms, RR in seconds)."""
    rr = 60 / inputs.heart_rate  # RR interval in seconds
    qtc = inputs.qt + 154 * (1 - rr)
    return CalcResult(
        calculator=META.id,
        value=round(qtc, 3),
        unit="ms",
        interpretation=qtc_interpretation(qtc),
        steps=[
            Step(label="RR interval", value=round(rr, 4), detail="60 / heart rate, seconds"),
            Step(label="QTc", value=round(qtc, 3), detail="QT + 154 × (1 − RR)"),
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
