"""Right ventricular systolic pressure from the tricuspid regurgitant jet (echo)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="rvsp_tr_jet",
    name="RV Systolic Pressure (TR Jet)",
    synonyms=("RVSP", "RVSP (TR)", "right ventricular systolic pressure", "RVSP from TR jet"),
    category="cardiology",
    source="Yock PG, Popp RL. Noninvasive estimation of right ventricular systolic pressure by "
    "Doppler ultrasound in patients with tricuspid regurgitation. Circulation. "
    "1984;70(4):657-662.",
    output_type="decimal",
    unit="mmHg",
    description="Modified Bernoulli: RVSP = 4 × (peak TR velocity)² + right atrial pressure.",
)


class Inputs(QuantityInputs):
    """Inputs of the TR-jet RVSP estimate."""

    tr_velocity: float = quantity(
        "velocity", "m/s", ge=0.5, le=7, description="Peak tricuspid regurgitant jet velocity"
    )
    rap: float = quantity(
        "pressure", "mmHg", ge=0, le=40, description="Right atrial pressure (estimated or CVP)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """RVSP = 4V² + RAP (simplified Bernoulli equation, gradient in mmHg with V in m/s)."""
    gradient = 4 * inputs.tr_velocity**2
    rvsp = gradient + inputs.rap
    return CalcResult(
        calculator=META.id,
        value=round(rvsp, 1),
        unit="mmHg",
        interpretation=f"RVSP {rvsp:.1f} mmHg (equals PA systolic pressure without RVOT or "
        "pulmonic obstruction).",
        steps=[
            Step(label="RV-RA gradient", value=round(gradient, 1), detail="4 × V² [mmHg]"),
            Step(label="RVSP", value=round(rvsp, 1), detail="gradient + RAP [mmHg]"),
        ],
        extra={"rv_ra_gradient_mmhg": round(gradient, 1)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc RVSP inputs (TR velocity, RA pressure) → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "tr_velocity": f.quantity("tr", "tricuspid", "velocity", default_unit="m/s"),
        "rap": f.quantity("right atrial", "rap", "ra pressure", "cvp", default_unit="mmHg"),
    }
