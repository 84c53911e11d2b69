"""Corrected QT interval by the QTc Fridericia formula."""

from __future__ import annotations

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _qtc

META = CalculatorMeta(
    id="qtc_fridericia",
    name="QTc Fridericia Calculator",
    synonyms=(
        "QTc Fridericia",
        "Fridericia QTc",
        "QTcF",
        "QTc (Fridericia) Correction Calculator",
        "QTc Fredericia",
    ),
    category="cardiology",
    source=(
        "Fridericia LS. Die Systolendauer im Elektrokardiogramm bei normalen Menschen und "
        "bei Herzkranken. Acta Med Scand. 1920;53:469-486."
    ),
    doi=None,
    pmid=None,
    output_type="decimal",
    unit="ms",
    medcalc_id=56,
    description="QTc = QT / RR^(1/3) (RR in seconds).",
)


class Inputs(_qtc.QTcInputs):
    """Inputs of the QTc."""


def compute(inputs: Inputs) -> CalcResult:
    """QTc = QT / RR^(1/3) (RR in seconds)."""
    rr = _qtc.rr_seconds(inputs.heart_rate)
    return _qtc.qtc_result(META.id, inputs.qt / rr ** (1 / 3), rr, "QT / RR^(1/3)")


# The benchmark rows name the QT and heart rate alike for every QTc formula.
from_medcalc = _qtc.from_medcalc
from_medmcp = _qtc.from_medmcp
