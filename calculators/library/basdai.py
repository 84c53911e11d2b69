"""Bath Ankylosing Spondylitis Disease Activity Index (BASDAI)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="basdai",
    name="BASDAI",
    synonyms=("Bath Ankylosing Spondylitis Disease Activity Index",),
    category="rheumatology",
    source=(
        "Garrett S, Jenkinson T, Kennedy LG, et al. A new approach to defining disease status "
        "in ankylosing spondylitis: the Bath Ankylosing Spondylitis Disease Activity Index. "
        "J Rheumatol. 1994;21(12):2286-91."
    ),
    pmid="7699630",
    output_type="decimal",
    description="Mean of five 0-10 symptom items, morning stiffness items averaged; ≥4 "
    "suggests active disease.",
)


class Inputs(CalcInputs):
    """The six BASDAI questions (0-10)."""

    fatigue: float = Field(ge=0, le=10, description="Q1 fatigue/tiredness (0-10)")
    spinal_pain: float = Field(ge=0, le=10, description="Q2 neck, back or hip pain (0-10)")
    peripheral_joints: float = Field(ge=0, le=10, description="Q3 other joint pain/swelling")
    enthesitis: float = Field(ge=0, le=10, description="Q4 areas tender to touch or pressure")
    stiffness_severity: float = Field(ge=0, le=10, description="Q5 morning stiffness severity")
    stiffness_duration: float = Field(
        ge=0, le=10, description="Q6 morning stiffness duration (0 = none, 10 = 2 hours or more)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """BASDAI = (Q1 + Q2 + Q3 + Q4 + (Q5 + Q6)/2) / 5."""
    i = inputs
    stiff = (i.stiffness_severity + i.stiffness_duration) / 2
    score = (i.fatigue + i.spinal_pain + i.peripheral_joints + i.enthesitis + stiff) / 5
    label = "Active disease (≥4)" if score >= 4 else "Inactive/controlled disease (<4)"
    return CalcResult(
        calculator=META.id,
        value=round(score, 2),
        interpretation=label,
        steps=[
            Step(label="Morning stiffness mean", value=stiff),
            Step(label="BASDAI", value=round(score, 2), detail="(Q1+Q2+Q3+Q4+(Q5+Q6)/2)/5"),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc BASDAI inputs (``q1_fatigue_0_10`` ...) → Inputs."""
    return {
        "fatigue": mm.number(mm.get(inputs, r"q1|fatigue")),
        "spinal_pain": mm.number(mm.get(inputs, r"q2|spinal|back pain")),
        "peripheral_joints": mm.number(mm.get(inputs, r"q3|peripheral")),
        "enthesitis": mm.number(mm.get(inputs, r"q4|tender")),
        "stiffness_severity": mm.number(mm.get(inputs, r"q5|stiffness severity")),
        "stiffness_duration": mm.number(mm.get(inputs, r"q6|stiffness duration")),
    }
