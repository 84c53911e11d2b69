"""2010 ACR/EULAR classification criteria for rheumatoid arthritis."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="acr_eular_2010_ra",
    name="ACR/EULAR 2010 Rheumatoid Arthritis Classification Criteria",
    synonyms=(
        "2010 ACR/EULAR rheumatoid arthritis classification criteria",
        "ACR/EULAR 2010 RA criteria",
        "2010 RA classification criteria",
    ),
    category="rheumatology",
    source=(
        "Aletaha D, Neogi T, Silman AJ, et al. 2010 Rheumatoid arthritis classification "
        "criteria: an American College of Rheumatology/European League Against Rheumatism "
        "collaborative initiative. Ann Rheum Dis. 2010;69(9):1580-1588 (Table 3); also "
        "Arthritis Rheum. 2010;62(9):2569-2581."
    ),
    output_type="integer",
    description="Score 0-10 over joint involvement, serology, acute-phase reactants and symptom "
    "duration; ≥ 6 classifies definite RA in a patient with unexplained synovitis.",
)

Joints = Literal["1_large", "2_10_large", "1_3_small", "4_10_small", "over_10"]
Serology = Literal["negative", "low_positive", "high_positive"]

# Points per category (Aletaha 2010, Table 3).
_JOINT_POINTS = {"1_large": 0, "2_10_large": 1, "1_3_small": 2, "4_10_small": 3, "over_10": 5}
_SEROLOGY_POINTS = {"negative": 0, "low_positive": 2, "high_positive": 3}


class Inputs(CalcInputs):
    """Inputs of the 2010 ACR/EULAR criteria (score categories A-D)."""

    joint_involvement: Joints = Field(
        description="A. Joints: 1 large (0), 2-10 large (1), 1-3 small with or without large "
        "(2), 4-10 small with or without large (3), > 10 joints with at least one small (5)"
    )
    serology: Serology = Field(
        description="B. RF / ACPA: both negative (0), low-positive (≤ 3 × ULN) (2), "
        "high-positive (> 3 × ULN) (3)"
    )
    abnormal_acute_phase: bool = Field(
        description="C. Abnormal CRP or abnormal ESR (1); normal CRP and ESR (0)"
    )
    duration_6_weeks_or_more: bool = Field(description="D. Symptoms lasting ≥ 6 weeks (1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of categories A-D; ≥ 6/10 is definite RA."""
    s = Score()
    s.add("A. Joint involvement", inputs.joint_involvement, _JOINT_POINTS[inputs.joint_involvement])
    s.add("B. Serology (RF/ACPA)", inputs.serology, _SEROLOGY_POINTS[inputs.serology])
    s.flag("C. Abnormal CRP or ESR", inputs.abnormal_acute_phase, 1)
    s.flag("D. Symptoms ≥ 6 weeks", inputs.duration_6_weeks_or_more, 1)
    total = int(s.total)
    if total >= 6:
        text = f"Definite RA: score {total}/10 (≥ 6 classifies rheumatoid arthritis)."
    else:
        text = (
            f"Not classified as RA: score {total}/10 (< 6); the patient may be re-assessed "
            "and may fulfil the criteria cumulatively over time."
        )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=text,
        steps=s.steps,
        warnings=[
            "Apply only to patients with at least one joint with definite clinical synovitis "
            "not better explained by another disease."
        ],
        extra={"classified_ra": total >= 6},
    )


_JOINT_OPTIONS = {
    "1_large": ("1 large joint", "one large joint"),
    "2_10_large": ("2-10 large joints", "2 10 large joints"),
    "1_3_small": ("1-3 small joints", "1 3 small joints"),
    "4_10_small": ("4-10 small joints", "4 10 small joints"),
    "over_10": (">10 joints", "gt 10 joints", "more than 10 joints", "over 10 joints"),
}
_SEROLOGY_OPTIONS = {
    "negative": ("negative", "negative rf and negative acpa", "negative rf and acpa"),
    "low_positive": ("low positive", "low-positive rf or low-positive acpa", "low"),
    "high_positive": ("high positive", "high-positive rf or high-positive acpa", "high"),
}


def _joints_from_counts(large: int, small: int) -> str:
    # Table 3 footnotes: count a joint at its highest category; > 10 joints needs ≥ 1 small.
    if large + small > 10 and small >= 1:
        return "over_10"
    if small >= 4:
        return "4_10_small"
    if small >= 1:
        return "1_3_small"
    return "2_10_large" if large >= 2 else "1_large"


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (joint category text, or large/small joint counts)."""
    f = Fields(inputs, META.id)
    if f.has("large joints") and f.has("small joints"):
        joints = _joints_from_counts(int(f.number("large joints")), int(f.number("small joints")))
    else:
        joints = f.option("joint", options=_JOINT_OPTIONS)
    return {
        "joint_involvement": joints,
        "serology": f.option("serology", "rf", "acpa", options=_SEROLOGY_OPTIONS),
        "abnormal_acute_phase": f.yes("acute phase", "crp", "esr"),
        "duration_6_weeks_or_more": f.yes("duration", "6 weeks", "weeks"),
    }
