"""Pulmonary vascular resistance from right-heart catheterisation."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="pulmonary_vascular_resistance",
    name="Pulmonary Vascular Resistance",
    synonyms=("Pulmonary Resistance", "PVR", "pulmonary vascular resistance (PVR)"),
    category="cardiology",
    source="Humbert M, et al. 2022 ESC/ERS Guidelines for the diagnosis and treatment of "
    "pulmonary hypertension. Eur Heart J. 2022;43(38):3618-731 (PVR >2 WU in the "
    "haemodynamic definition).",
    doi="10.1093/eurheartj/ehac237",
    output_type="decimal",
    unit="WU",
    description="PVR = (mean PA pressure − PA wedge pressure) / cardiac output, in Wood units "
    "(× 80 for dyn·s·cm⁻⁵).",
)


class Inputs(QuantityInputs):
    """Inputs of the PVR."""

    mean_pa_pressure: float = quantity(
        "pressure", "mmHg", ge=5, le=120, description="Mean pulmonary artery pressure"
    )
    wedge_pressure: float = quantity(
        "pressure", "mmHg", ge=0, le=60, description="Pulmonary artery wedge (capillary) pressure"
    )
    cardiac_output: float = quantity("flow", "L/min", ge=0.5, le=25, description="Cardiac output")


def compute(inputs: Inputs) -> CalcResult:
    """PVR (WU) = (mPAP − PAWP) / CO; dyn·s·cm⁻⁵ = WU × 80."""
    tpg = inputs.mean_pa_pressure - inputs.wedge_pressure
    wu = tpg / inputs.cardiac_output
    dyn = wu * 80  # 1 WU = 80 dyn·s·cm⁻⁵ (mmHg·min/L to CGS units)
    # ESC/ERS 2022: precapillary PH needs mPAP >20 mmHg, PAWP ≤15 and PVR >2 WU.
    label = "PVR >2 WU: elevated (ESC/ERS 2022)" if wu > 2 else "PVR ≤2 WU: normal"
    warnings = []
    if tpg < 0:
        warnings.append("Wedge pressure exceeds mean PA pressure: check the measurements.")
    return CalcResult(
        calculator=META.id,
        value=round(wu, 2),
        unit="WU",
        interpretation=label,
        steps=[
            Step(label="Transpulmonary gradient", value=round(tpg, 1), detail="mPAP − PAWP [mmHg]"),
            Step(label="PVR", value=round(wu, 2), detail="TPG / CO [Wood units]"),
            Step(label="PVR (CGS)", value=round(dyn), detail="WU × 80 [dyn·s·cm⁻⁵]"),
        ],
        warnings=warnings,
        extra={"pvr_dyn_s_cm5": round(dyn, 0)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (mean PA pressure, wedge pressure, cardiac output) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "mean_pa_pressure": f.quantity(
            "pulmonary artery", "mpap", "pa pressure", default_unit="mmHg", exclude=("wedge",)
        ),
        "wedge_pressure": f.quantity("wedge", "pcwp", "pawp", default_unit="mmHg"),
        "cardiac_output": f.quantity("cardiac output", default_unit="L/min"),
    }
