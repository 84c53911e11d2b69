"""Corrected QT interval by the QTc Bazett formula."""

from __future__ import annotations

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _qtc

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


class Inputs(_qtc.QTcInputs):
    """Inputs of the QTc."""


def compute(inputs: Inputs) -> CalcResult:
    """QTc = QT / √RR (RR in seconds)."""
    rr = _qtc.rr_seconds(inputs.heart_rate)
    return _qtc.qtc_result(META.id, inputs.qt / rr**0.5, rr, "QT / √RR")


# The benchmark rows name the QT and heart rate alike for every QTc formula.
from_medcalc = _qtc.from_medcalc
from_medmcp = _qtc.from_medmcp
