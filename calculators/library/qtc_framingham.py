"""Corrected QT interval by the QTc Framingham formula."""

from __future__ import annotations

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _qtc

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


class Inputs(_qtc.QTcInputs):
    """Inputs of the QTc."""


def compute(inputs: Inputs) -> CalcResult:
    """QTc = QT + 154 × (1 − RR) (QT in ms, RR in seconds)."""
    rr = _qtc.rr_seconds(inputs.heart_rate)
    return _qtc.qtc_result(META.id, inputs.qt + 154 * (1 - rr), rr, "QT + 154 × (1 − RR)")


# The benchmark rows name the QT and heart rate alike for every QTc formula.
from_medcalc = _qtc.from_medcalc
from_medmcp = _qtc.from_medmcp
