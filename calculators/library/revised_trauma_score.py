"""Revised Trauma Score (RTS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="revised_trauma_score",
    name="Revised Trauma Score",
    synonyms=("RTS", "Revised Trauma Score (RTS)"),
    category="trauma",
    source=(
        "Champion HR, Sacco WJ, Copes WS, et al. A revision of the Trauma Score. J Trauma. "
        "1989;29(5):623-9."
    ),
    doi="10.1097/00005373-198905000-00017",
    pmid="2657085",
    output_type="decimal",
    description="Weighted sum of coded GCS, systolic BP and respiratory rate (0-7.84); lower "
    "values predict lower survival.",
)


class Inputs(QuantityInputs):
    """Inputs of the RTS."""

    gcs: int = Field(ge=3, le=15, description="Glasgow Coma Scale (3-15)")
    systolic_bp: float = quantity("pressure", "mmHg", ge=0, le=300, description="Systolic BP")
    respiratory_rate: float = quantity("rate", "/min", ge=0, le=80, description="Respiratory rate")


def _code(value: float, cuts: list[tuple[float, int]]) -> int:
    for lower, code in cuts:
        if value >= lower:
            return code
    return 0


def compute(inputs: Inputs) -> CalcResult:
    """RTS = 0.9368 GCSc + 0.7326 SBPc + 0.2908 RRc (Champion 1989)."""
    i = inputs
    gcs_c = _code(i.gcs, [(13, 4), (9, 3), (6, 2), (4, 1)])
    sbp_c = _code(i.systolic_bp, [(90, 4), (76, 3), (50, 2), (1, 1)])
    rr_c = 3 if i.respiratory_rate > 29 else _code(i.respiratory_rate, [(10, 4), (6, 2), (1, 1)])
    rts = 0.9368 * gcs_c + 0.7326 * sbp_c + 0.2908 * rr_c
    steps = [
        Step(label="GCS coded", value=gcs_c, detail=f"GCS {i.gcs}"),
        Step(label="SBP coded", value=sbp_c, detail=f"SBP {i.systolic_bp:g}"),
        Step(label="RR coded", value=rr_c, detail=f"RR {i.respiratory_rate:g}"),
        Step(label="RTS", value=round(rts, 4), detail="0.9368 G + 0.7326 S + 0.2908 R"),
    ]
    label = "RTS < 4: trauma-centre care recommended by many protocols" if rts < 4 else "RTS ≥ 4"
    return CalcResult(
        calculator=META.id,
        value=round(rts, 4),
        interpretation=label,
        steps=steps,
        extra={"coded": [gcs_c, sbp_c, rr_c]},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc RTS inputs → Inputs."""
    return {
        "gcs": int(mm.number(mm.get(inputs, r"glasgow|gcs"))),
        "systolic_bp": mm.number(mm.get(inputs, r"systolic")),
        "respiratory_rate": mm.number(mm.get(inputs, r"respiratory")),
    }
