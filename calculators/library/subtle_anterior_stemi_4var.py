"""Subtle anterior STEMI calculator, 4-variable formula (LAD occlusion vs early repolarisation)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="subtle_anterior_stemi_4var",
    name="Subtle Anterior STEMI Calculator (4-Variable)",
    synonyms=("4-variable subtle anterior STEMI formula", "Subtle anterior STEMI 4-variable"),
    category="cardiology",
    source="Driver BE, Khalil A, Henry T, Kazmi F, Adil A, Smith SW. A new 4-variable formula "
    "to differentiate normal variant ST segment elevation in V2-V4 (early repolarization) from "
    "subtle left anterior descending coronary occlusion: adding QRS amplitude of V2 improves "
    "the model. J Electrocardiol. 2017;50(5):561-569. Formula and 18.2 cut-point as given by "
    "the senior author (Smith SW, Dr. Smith's ECG Blog, 3 Nov 2017 and 17 Jun 2019).",
    output_type="decimal",
    description="(1.062 × STE60 V3) + (0.052 × QTc) − (0.151 × QRS amplitude V2) − "
    "(0.268 × R-wave amplitude V4); ≥18.2 suggests LAD occlusion.",
)

# Coefficients of the 4-variable formula (Driver 2017, as published on Dr. Smith's ECG blog).
_B_STE60_V3, _B_QTC, _B_QRS_V2, _B_R_V4 = 1.062, 0.052, 0.151, 0.268
_CUTPOINT = 18.2


class Inputs(QuantityInputs):
    """ECG measurements of the 4-variable formula (mm at 10 mm/mV calibration)."""

    ste60_v3: float = quantity(
        "ecg_amplitude",
        "mm",
        ge=0,
        le=10,
        description="ST elevation 60 ms after the J point in V3, relative to the PR segment",
    )
    qtc: float = quantity(
        "time_ms", "ms", ge=250, le=700, description="Computerised QTc (Bazett), ms"
    )
    qrs_amplitude_v2: float = quantity(
        "ecg_amplitude", "mm", ge=0, le=80, description="QRS amplitude in V2 (R + S), mm"
    )
    r_amplitude_v4: float = quantity(
        "ecg_amplitude", "mm", ge=0, le=60, description="R-wave amplitude in V4, mm"
    )
    exclusion_features: bool = Field(
        False,
        description="Obvious-STEMI features the study excluded (STE >5 mm, non-concave STE, "
        "reciprocal ST depression, terminal QRS distortion, Q waves or T inversion V2-V6)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Apply the 4-variable formula and its 18.2 cut-point."""
    i = inputs
    t_ste = _B_STE60_V3 * i.ste60_v3
    t_qtc = _B_QTC * i.qtc
    t_qrs = _B_QRS_V2 * i.qrs_amplitude_v2
    t_r = _B_R_V4 * i.r_amplitude_v4
    value = t_ste + t_qtc - t_qrs - t_r
    steps = [
        Step(label="1.062 × STE60 V3", value=round(t_ste, 3), total=round(t_ste, 3)),
        Step(label="+ 0.052 × QTc", value=round(t_qtc, 3), total=round(t_ste + t_qtc, 3)),
        Step(
            label="− 0.151 × QRS V2", value=round(t_qrs, 3), total=round(t_ste + t_qtc - t_qrs, 3)
        ),
        Step(label="− 0.268 × R V4", value=round(t_r, 3), total=round(value, 3)),
    ]
    warnings = []
    if i.exclusion_features:
        warnings.append(
            "ECG shows features of obvious LAD occlusion that the derivation study excluded; "
            "the formula does not apply."
        )
    if value >= _CUTPOINT:
        text = f"Likely LAD occlusion / anterior STEMI: value {value:.2f} ≥ 18.2"
    else:
        text = (
            f"Likely normal variant ST elevation (early repolarization): value {value:.2f} < 18.2"
        )
    return CalcResult(
        calculator=META.id,
        value=round(value, 2),
        interpretation=text,
        steps=steps,
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc 4-variable inputs (mm and ms values) → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "ste60_v3": f.quantity("st elevation", "ste", default_unit="mm"),
        "qtc": f.quantity("qtc", default_unit="ms"),
        "qrs_amplitude_v2": f.quantity("qrs", default_unit="mm"),
        "r_amplitude_v4": f.quantity("r wave", "r amplitude", "rv4", default_unit="mm"),
    }
