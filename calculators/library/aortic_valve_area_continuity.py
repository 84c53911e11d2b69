"""Aortic valve area by the continuity equation."""

from __future__ import annotations

import math
from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="aortic_valve_area_continuity",
    name="AS: Aortic Valve Area (Cont)",
    synonyms=("Aortic valve area continuity equation", "AVA continuity equation", "AVA"),
    category="cardiology",
    source="Baumgartner H, Hung J, Bermejo J, et al. Echocardiographic assessment of valve "
    "stenosis: EAE/ASE recommendations for clinical practice. J Am Soc Echocardiogr. "
    "2009;22(1):1-23. Severity grades: ACC/AHA 2006 valvular heart disease guideline (as "
    "displayed by MDCalc).",
    output_type="decimal",
    unit="cm²",
    description="AVA = LVOT area × VTI(LVOT) / VTI(AV), LVOT area = π (D/2)²; severe ≤ 1.0 "
    "cm², moderate 1.0-1.5 cm², mild > 1.5 cm².",
)

#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_079_93de714f", 8): (
        "AVA: the task enters the LVOT diameter as 19 mm but its answer 29.76 cm² equals "
        "0.785 × 19² × 8.4 / 80, i.e. the millimetres taken as centimetres (100× too large); "
        "with D = 1.9 cm the continuity equation gives 0.30 cm² (severe stenosis)."
    ),
}


class Inputs(QuantityInputs):
    """Inputs of the continuity equation."""

    lvot_diameter: float = quantity(
        "length", "cm", ge=1.0, le=4.0, description="LV outflow tract diameter"
    )
    lvot_vti: float = quantity("length", "cm", ge=2, le=60, description="LVOT VTI (pulsed Doppler)")
    av_vti: float = quantity(
        "length", "cm", ge=5, le=300, description="Aortic valve VTI (continuous-wave Doppler)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """AVA = π (D/2)² × VTI_LVOT / VTI_AV (Baumgartner 2009)."""
    area = math.pi * (inputs.lvot_diameter / 2) ** 2
    ava = area * inputs.lvot_vti / inputs.av_vti
    # ACC/AHA 2006 grades: mild > 1.5 cm², moderate 1.0-1.5 cm², severe ≤ 1.0 cm².
    grade = "Severe" if ava <= 1.0 else "Moderate" if ava <= 1.5 else "Mild"
    return CalcResult(
        calculator=META.id,
        value=round(ava, 2),
        unit="cm²",
        interpretation=f"{grade} aortic stenosis by valve area (AVA {ava:.2f} cm²)",
        steps=[
            Step(label="LVOT area", value=round(area, 3), detail="π (D/2)², cm²"),
            Step(label="AVA", value=round(ava, 3), detail="LVOT area × VTI(LVOT) / VTI(AV)"),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (units as written: '19 mm', '8.4 cm')."""
    f = Fields(inputs, META.id)
    return {
        "lvot_diameter": f.quantity("outflow tract diameter", "lvot diameter", default_unit="cm"),
        "lvot_vti": f.quantity("outflow tract vti", "lvot vti", default_unit="cm"),
        "av_vti": f.quantity("aortic valve vti", default_unit="cm"),
    }
