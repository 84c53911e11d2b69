"""Exercise capacity in METs from Bruce-protocol treadmill time."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="exercise_capacity_mets",
    name="Exercise Capacity (METs)",
    synonyms=("Bruce protocol METs", "treadmill METs", "METs from treadmill time"),
    category="cardiology",
    source="Foster C, et al. Generalized equations for predicting functional capacity from "
    "treadmill performance. Am Heart J. 1984;107(6):1229-34 (men); Bruce RA, Kusumi F, "
    "Hosmer D. Maximal oxygen intake and nomographic assessment of functional aerobic "
    "impairment in cardiovascular disease. Am Heart J. 1973;85(4):546-62 (women).",
    doi="10.1016/0002-8703(84)90282-5",
    output_type="decimal",
    unit="METs",
    description="Peak VO₂ estimated from total Bruce-protocol exercise time, expressed in METs "
    "(1 MET = 3.5 mL O₂/kg/min).",
)


class Inputs(QuantityInputs):
    """Inputs of the treadmill METs."""

    sex: Literal["male", "female"] = Field(description="Sex")
    exercise_time: float = quantity(
        "duration", "min", ge=0.5, le=27, description="Total Bruce-protocol exercise time"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Men VO₂ = 14.8 − 1.379T + 0.451T² − 0.012T³; women VO₂ = 4.38T − 3.9; METs = VO₂/3.5."""
    t = inputs.exercise_time
    if inputs.sex == "male":
        vo2 = 14.8 - 1.379 * t + 0.451 * t**2 - 0.012 * t**3  # Foster 1984
        how = "14.8 − 1.379T + 0.451T² − 0.012T³"
    else:
        vo2 = 4.38 * t - 3.9  # Bruce 1973, women
        how = "4.38T − 3.9"
    mets = vo2 / 3.5  # 1 MET = 3.5 mL O₂/kg/min
    # Functional capacity bands used in perioperative and stress-test reports: <4 METs poor,
    # 4–10 moderate to good, >10 excellent.
    label = (
        "Poor functional capacity (<4 METs)"
        if mets < 4
        else "Moderate-to-good functional capacity (4–10 METs)"
        if mets <= 10
        else "Excellent functional capacity (>10 METs)"
    )
    return CalcResult(
        calculator=META.id,
        value=round(mets, 1),
        unit="METs",
        interpretation=label,
        steps=[
            Step(label="Estimated VO₂", value=round(vo2, 1), detail=f"{how} [mL/kg/min]"),
            Step(label="METs", value=round(mets, 1), detail="VO₂ / 3.5"),
        ],
        extra={"vo2_ml_kg_min": round(vo2, 1)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (sex, exercise time) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {"sex": f.sex(), "exercise_time": f.quantity("time", "duration", default_unit="min")}
