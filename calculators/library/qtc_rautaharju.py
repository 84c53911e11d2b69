"""Corrected QT interval by the QTc Rautaharju formula."""

from __future__ import annotations

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _qtc

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


class Inputs(_qtc.QTcInputs):
    """Inputs of the QTc."""


def compute(inputs: Inputs) -> CalcResult:
    """QTc = QT × (120 + heart rate) / 180 (QT in ms)."""
    rr = _qtc.rr_seconds(inputs.heart_rate)
    return _qtc.qtc_result(
        META.id, inputs.qt * (120 + inputs.heart_rate) / 180, rr, "QT × (120 + HR) / 180"
    )


# The benchmark rows name the QT and heart rate alike for every QTc formula.
from_medcalc = _qtc.from_medcalc
from_medmcp = _qtc.from_medmcp
