"""Corrected QT interval by the QTc Hodges formula."""

from __future__ import annotations

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _qtc

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


class Inputs(_qtc.QTcInputs):
    """Inputs of the QTc."""


def compute(inputs: Inputs) -> CalcResult:
    """QTc = QT + 1.75 × (heart rate − 60) (QT in ms)."""
    rr = _qtc.rr_seconds(inputs.heart_rate)
    return _qtc.qtc_result(
        META.id, inputs.qt + 1.75 * (inputs.heart_rate - 60), rr, "QT + 1.75 × (HR − 60)"
    )


# The benchmark rows name the QT and heart rate alike for every QTc formula.
from_medcalc = _qtc.from_medcalc
from_medmcp = _qtc.from_medmcp
