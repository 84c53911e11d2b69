"""What the corrected-QT calculators share: inputs, result layout, interpretation, adapters.

Each QTc module (Bazett, Fridericia, Framingham, Hodges, Rautaharju) keeps its own formula,
``META`` and citation; all of them take the measured QT and the heart rate, report the RR
interval and the QTc as steps, and read the same benchmark fields.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw


class QTcInputs(QuantityInputs):
    """Inputs of the QTc."""

    qt: float = quantity("time_ms", "ms", ge=150, le=800, description="Measured QT interval")
    heart_rate: float = quantity("rate", "/min", ge=20, le=300, description="Heart rate")


def rr_seconds(heart_rate: float) -> float:
    """The RR interval in seconds: 60 / heart rate (beats per minute)."""
    return 60 / heart_rate


def qtc_interpretation(qtc_ms: float) -> str:
    """Interpret a corrected QT against the AHA/ACCF/HRS 2009 limits.

    Source: Rautaharju PM, et al. AHA/ACCF/HRS recommendations for the standardization and
    interpretation of the electrocardiogram, part IV. Circulation. 2009;119:e241-50.
    """
    if qtc_ms >= 500:
        return f"QTc {qtc_ms:.0f} ms: markedly prolonged (≥ 500 ms, torsades risk)"
    if qtc_ms > 460:
        return f"QTc {qtc_ms:.0f} ms: prolonged (> 450 ms in men, > 460 ms in women)"
    if qtc_ms > 450:
        return f"QTc {qtc_ms:.0f} ms: prolonged in men (> 450 ms); normal in women (≤ 460 ms)"
    if qtc_ms < 350:
        return f"QTc {qtc_ms:.0f} ms: short (< 350 ms)"
    return f"QTc {qtc_ms:.0f} ms: within normal limits"


def qtc_result(calculator: str, qtc: float, rr: float, formula: str) -> CalcResult:
    """The result of a QTc calculator: the QTc in ms, its reading, and the RR and QTc steps.

    Args:
        calculator: The calculator id.
        qtc: The corrected QT in ms.
        rr: The RR interval in seconds.
        formula: The formula as shown in the QTc step (``QT / √RR``).
    """
    return CalcResult(
        calculator=calculator,
        value=round(qtc, 3),
        unit="ms",
        interpretation=qtc_interpretation(qtc),
        steps=[
            Step(label="RR interval", value=round(rr, 4), detail="60 / heart rate, seconds"),
            Step(label="QTc", value=round(qtc, 3), detail=formula),
        ],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "qt": mc.quantity(entities, "QT interval"),
        "heart_rate": mc.quantity(entities, "Heart Rate or Pulse"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    return {
        "qt": kw.parse_quantity(m.find("qt interval", "qt"), "ms"),
        "heart_rate": kw.parse_number(m.find("heart rate", "pulse")),
    }
