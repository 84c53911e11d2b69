"""Corrected QT interval by the QTc Rautaharju formula."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _adapters as ad
from m3agent.calculators.library._common import qtc_interpretation

META = CalculatorMeta(
    id="qtc_rautaharju",
    name="QTc Rautaharju Calculator",
    synonyms=("QTc Rautaharju", "Rautaharju QTc", "QTcRTHa"),
    category="cardiology",
    source=(
        "Rautaharju PM, Mason JW, Akiyama T. New age- and sex-specific criteria for QT "
        "prolongation based on rate correction formulas that minimize bias at the upper "
        "normal limits. Int J Cardiol. 2014;174(3):535-540."
    ),
    doi="10.1016/j.ijcard.2014.04.133",
    pmid="24825030",
    output_type="decimal",
    unit="ms",
    medcalc_id=59,
    description="QTc = QT × (120 + heart rate) / 180 (QT in ms).",
)


class Inputs(QuantityInputs):
    """Inputs of the QTc."""

    qt: float = quantity("time_ms", "ms", ge=150, le=800, description="Measured QT interval")
    heart_rate: float = quantity("rate", "/min", ge=20, le=300, description="Heart rate")


def compute(inputs: Inputs) -> CalcResult:
    """QTc = QT × (120 + heart rate) / 180 (QT in ms)."""
    rr = 60 / inputs.heart_rate  # RR interval in seconds
    qtc = inputs.qt * (120 + inputs.heart_rate) / 180
    return CalcResult(
        calculator=META.id,
        value=round(qtc, 3),
        unit="ms",
        interpretation=qtc_interpretation(qtc),
        steps=[
            Step(label="RR interval", value=round(rr, 4), detail="60 / heart rate, seconds"),
            Step(label="QTc", value=round(qtc, 3), detail="QT × (120 + HR) / 180"),
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
