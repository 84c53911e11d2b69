"""Corrected QT Interval (QTc): one calculator, the correction formula chosen as an input.

The formulas are not re-derived here: each choice runs the existing module (``qtc_bazett``,
``qtc_fridericia``, ``qtc_framingham``, ``qtc_hodges``, ``qtc_rautaharju``), which holds its
formula and citation. This module adds what MDCalc's "Corrected QT Interval (QTc)" page asks
for beyond them: the formula as a choice and the QT measured in small boxes at a paper speed.

Small boxes: ECG paper is ruled in 1-mm squares, so one small box lasts 1 / paper speed
seconds: 40 ms at the standard 25 mm/s and 20 ms at 50 mm/s (Romanò M, "The Normal
Electrocardiogram", Springer, doi:10.1007/978-88-470-5741-8_3: "The electrocardiogram (ECG) is
recorded on graph paper divided into small 1-mm squares. At the standard paper speed of
25 mm/s, each small square corresponds to 40 ms").
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library import (
    qtc_bazett,
    qtc_framingham,
    qtc_fridericia,
    qtc_hodges,
    qtc_rautaharju,
)
from m3agent.calculators.library._adapter_errors import AdapterError

META = CalculatorMeta(
    id="qtc_corrected",
    name="Corrected QT Interval (QTc)",
    synonyms=("QTc calculator", "corrected QT interval", "QTc (choose formula)"),
    category="cardiology",
    source="Corrected QT Interval (QTc), MDCalc (https://www.mdcalc.com/corrected-qt-interval-qtc)."
    " Formulas: Bazett HC, Heart 1920;7:353-370; Fridericia LS, Acta "
    "Med Scand 1920;53:469-486; Sagie A et al., Am J Cardiol 1992;70:797-801 (Framingham); "
    "Hodges M et al., J Am Coll Cardiol 1983;1:694; Rautaharju PM et al., Int J Cardiol "
    "2014;174:535-540.",
    output_type="decimal",
    unit="ms",
    description="QTc by the chosen formula (Bazett, Fridericia, Framingham, Hodges or "
    "Rautaharju) from the QT in ms or in small boxes at 25 or 50 mm/s, and the heart rate.",
)

Formula = Literal["bazett", "fridericia", "framingham", "hodges", "rautaharju"]

#: The module that holds each formula (and its citation).
FORMULA_MODULES: dict[str, ModuleType] = {
    "bazett": qtc_bazett,
    "fridericia": qtc_fridericia,
    "framingham": qtc_framingham,
    "hodges": qtc_hodges,
    "rautaharju": qtc_rautaharju,
}

# The QT range the formula modules accept (``_qtc.QTcInputs.qt``), checked here too so that a
# QT given in boxes fails with the same clear message as one given in ms.
_QT_MIN_MS = 150.0
_QT_MAX_MS = 800.0


def ms_per_small_box(paper_speed_mm_s: float) -> float:
    """Milliseconds one 1-mm small box spans at ``paper_speed_mm_s`` (25 mm/s → 40 ms)."""
    return 1000.0 / paper_speed_mm_s


class Inputs(QuantityInputs):
    """Inputs of the QTc: the formula, the heart rate, and the QT in ms or in small boxes."""

    formula: Formula = Field(
        description="Correction formula: bazett, fridericia, framingham, hodges or rautaharju"
    )
    heart_rate: float = quantity("rate", "/min", ge=20, le=300, description="Heart rate")
    qt: float | None = quantity(
        "time_ms",
        "ms",
        ge=_QT_MIN_MS,
        le=_QT_MAX_MS,
        default=None,
        description="Measured QT interval (give this or qt_small_boxes)",
    )
    qt_small_boxes: float | None = Field(
        None, gt=0, le=40, description="QT interval in 1-mm small boxes (needs paper_speed)"
    )
    paper_speed: Literal[25, 50] | None = Field(
        None, description="ECG paper speed in mm/s (25 or 50), for a QT in small boxes"
    )

    @field_validator("formula", mode="before")
    @classmethod
    def _fold_formula(cls, v: Any) -> Any:
        return v.strip().lower() if isinstance(v, str) else v

    @model_validator(mode="after")
    def _one_qt(self) -> Inputs:
        if (self.qt is None) == (self.qt_small_boxes is None):
            found = "both" if self.qt is not None else "neither"
            raise ValueError(f"give the QT either in ms (qt) or in small boxes, found {found}.")
        if self.qt_small_boxes is not None:
            if self.paper_speed is None:
                raise ValueError(
                    "qt_small_boxes needs paper_speed (25 or 50 mm/s) to convert boxes to ms."
                )
            ms = self.qt_small_boxes * ms_per_small_box(self.paper_speed)
            if not _QT_MIN_MS <= ms <= _QT_MAX_MS:
                raise ValueError(
                    f"{self.qt_small_boxes:g} small boxes at {self.paper_speed} mm/s is a QT of "
                    f"{ms:g} ms; expected {_QT_MIN_MS:g}-{_QT_MAX_MS:g} ms."
                )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """QTc by the chosen formula, after converting a QT in small boxes to ms."""
    if inputs.qt is not None:
        qt_ms = inputs.qt
        detail = "measured, ms"
    elif inputs.qt_small_boxes is not None and inputs.paper_speed is not None:
        per_box = ms_per_small_box(inputs.paper_speed)
        qt_ms = inputs.qt_small_boxes * per_box
        detail = (
            f"{inputs.qt_small_boxes:g} small boxes × {per_box:g} ms "
            f"(1 mm at {inputs.paper_speed} mm/s)"
        )
    else:  # Inputs._one_qt rejects this; kept so a bypassed model cannot compute nonsense.
        raise ValueError("the QT is missing: give qt (ms) or qt_small_boxes with paper_speed.")
    steps = [Step(label="QT interval", value=round(qt_ms, 3), detail=detail)]
    module = FORMULA_MODULES[inputs.formula]
    inner = module.compute(module.Inputs(qt=qt_ms, heart_rate=inputs.heart_rate))
    return CalcResult(
        calculator=META.id,
        value=inner.value,
        unit=inner.unit,
        interpretation=inner.interpretation,
        steps=[*steps, *inner.steps],
        warnings=inner.warnings,
        extra={
            "formula": inputs.formula,
            "formula_calculator": module.META.id,
            "formula_source": module.META.source,
            "qt_ms": round(qt_ms, 3),
        },
    )


_FORMULA_WORDS: tuple[tuple[str, Formula], ...] = (
    (r"bazett", "bazett"),
    (r"fridericia|fredericia", "fridericia"),
    (r"framingham|sagie", "framingham"),
    (r"hodges", "hodges"),
    (r"rautaharju", "rautaharju"),
)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (QT as "9 small boxes" with the paper speed, or in ms)."""
    out: dict[str, Any] = {
        "formula": mm.choose(mm.get(inputs, r"formula|correction"), _FORMULA_WORDS),
        "heart_rate": mm.quantity(mm.get(inputs, r"heart rate|pulse"), "/min"),
    }
    qt = mm.get(inputs, r"\bqt\b(?!c)")
    if re.search(r"box|square|\bmm\b", str(qt), re.IGNORECASE):
        out["qt_small_boxes"] = mm.number(qt)
        speed = mm.number(mm.get(inputs, r"paper speed|mm/s"))
        if speed not in (25, 50):
            raise AdapterError(f"expected a paper speed of 25 or 50 mm/s, found {speed:g}.")
        out["paper_speed"] = int(speed)
    else:
        out["qt"] = mm.quantity(qt, "ms")
    return out
