"""Doppler echo hemodynamics: stroke volume, cardiac output and index from the LVOT."""

from __future__ import annotations

import math
from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="echo_hemodynamics",
    name="Hemodynamics (Echo)",
    synonyms=(
        "echo cardiac output",
        "LVOT VTI cardiac output",
        "Doppler stroke volume",
        "echocardiographic hemodynamics",
    ),
    category="cardiology",
    source="Quiñones MA, et al. Recommendations for quantification of Doppler "
    "echocardiography: a report from the Doppler Quantification Task Force of the ASE. "
    "J Am Soc Echocardiogr. 2002;15(2):167-84. BSA by Mosteller RD. N Engl J Med. "
    "1987;317(17):1098.",
    output_type="decimal",
    unit="L/min",
    description="Stroke volume = LVOT area × LVOT VTI; cardiac output = SV × heart rate; "
    "indexed to Mosteller body surface area.",
)


class Inputs(QuantityInputs):
    """Inputs of the echo hemodynamics."""

    lvot_diameter: float = quantity(
        "length", "cm", ge=1.0, le=4.0, description="LVOT diameter (mid-systole)"
    )
    lvot_vti: float = quantity(
        "length", "cm", ge=2, le=60, description="LVOT velocity-time integral (pulsed Doppler)"
    )
    heart_rate: float = quantity("rate", "/min", ge=20, le=250, description="Heart rate")
    weight: float = quantity("weight", "kg", ge=2, le=400, description="Body weight")
    height: float = quantity("height", "cm", ge=40, le=250, description="Height")


def compute(inputs: Inputs) -> CalcResult:
    """SV = π(D/2)² × VTI; CO = SV × HR; CI = CO / BSA; SVI = SV / BSA."""
    area = math.pi * (inputs.lvot_diameter / 2) ** 2  # cm²
    sv = area * inputs.lvot_vti  # cm³ = mL
    co = sv * inputs.heart_rate / 1000  # L/min
    bsa = math.sqrt(inputs.height * inputs.weight / 3600)  # Mosteller 1987, m²
    ci = co / bsa
    svi = sv / bsa
    # Normal resting values: CI 2.5–4.0 L/min/m²; CI <2.2 with congestion defines low output.
    label = (
        "Low cardiac index (<2.2 L/min/m²)"
        if ci < 2.2
        else "Cardiac index 2.2–2.5 L/min/m² (borderline)"
        if ci < 2.5
        else "Normal cardiac index (2.5–4.0 L/min/m²)"
        if ci <= 4.0
        else "High cardiac index (>4.0 L/min/m²)"
    )
    return CalcResult(
        calculator=META.id,
        value=round(co, 2),
        unit="L/min",
        interpretation=label,
        steps=[
            Step(label="LVOT area", value=round(area, 3), detail="π × (D/2)² [cm²]"),
            Step(label="Stroke volume", value=round(sv, 1), detail="area × VTI [mL/beat]"),
            Step(label="Cardiac output", value=round(co, 2), detail="SV × HR / 1000 [L/min]"),
            Step(label="BSA (Mosteller)", value=round(bsa, 3), detail="√(cm × kg / 3600)"),
            Step(label="Cardiac index", value=round(ci, 2), detail="CO / BSA [L/min/m²]"),
        ],
        extra={
            "stroke_volume_ml": round(sv, 1),
            "cardiac_index_l_min_m2": round(ci, 2),
            "stroke_volume_index_ml_m2": round(svi, 1),
            "bsa_m2": round(bsa, 3),
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (LVOT diameter, VTI, HR, weight, height) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "lvot_diameter": f.quantity("lvot diameter", default_unit="mm"),
        "lvot_vti": f.quantity("velocity time integral", "vti", default_unit="cm"),
        "heart_rate": f.quantity("heart rate"),
        "weight": f.quantity("weight", default_unit="kg"),
        "height": f.quantity("height", default_unit="cm"),
    }
