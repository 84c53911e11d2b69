"""Injury Severity Score (ISS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="injury_severity_score",
    name="Injury Severity Score (ISS)",
    synonyms=("ISS", "Baker Injury Severity Score"),
    category="trauma",
    source=(
        "Baker SP, O'Neill B, Haddon W Jr, Long WB. The injury severity score: a method for "
        "describing patients with multiple injuries and evaluating emergency care. J Trauma. "
        "1974;14(3):187-96."
    ),
    pmid="4814394",
    output_type="integer",
    description="Sum of the squares of the highest Abbreviated Injury Scale (AIS) grades in the "
    "three most severely injured of six body regions; any AIS 6 gives 75.",
)

_REGIONS = ("head_neck", "face", "chest", "abdomen", "extremity", "external")


class Inputs(CalcInputs):
    """Worst AIS grade per ISS body region (0 no injury, 1 minor ... 6 unsurvivable)."""

    head_neck: int = Field(ge=0, le=6, description="Head and neck worst AIS (0-6)")
    face: int = Field(ge=0, le=6, description="Face worst AIS (0-6)")
    chest: int = Field(ge=0, le=6, description="Chest worst AIS (0-6)")
    abdomen: int = Field(ge=0, le=6, description="Abdomen/pelvic contents worst AIS (0-6)")
    extremity: int = Field(ge=0, le=6, description="Extremities/pelvic girdle worst AIS (0-6)")
    external: int = Field(ge=0, le=6, description="External (skin) worst AIS (0-6)")


def compute(inputs: Inputs) -> CalcResult:
    """ISS = a² + b² + c² of the three highest regional AIS; 75 if any AIS is 6."""
    grades = {r: getattr(inputs, r) for r in _REGIONS}
    top = sorted(grades.values(), reverse=True)[:3]
    iss = 75 if 6 in grades.values() else sum(g * g for g in top)
    steps = [Step(label=f"{r} AIS", value=g) for r, g in grades.items()]
    steps.append(Step(label="ISS", value=iss, detail=f"squares of {top}"))
    label = (
        "Major trauma (ISS > 15)"
        if iss > 15
        else "Moderate (ISS 9-15)"
        if iss >= 9
        else "Minor (ISS < 9)"
    )
    return CalcResult(calculator=META.id, value=iss, interpretation=label, steps=steps)


_AIS = [
    (r"no injury|^none", 0),
    (r"minor", 1),
    (r"moderate", 2),
    (r"serious", 3),
    (r"severe", 4),
    (r"critical", 5),
    (r"unsurviv|maximal|maximum", 6),
]


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ISS inputs (severity words) → AIS grades."""
    pats = {
        "head_neck": r"head",
        "face": r"face",
        "chest": r"chest|thorax",
        "abdomen": r"abdomen",
        "extremity": r"extremit",
        "external": r"external|skin",
    }
    return {k: mm.choose(mm.get(inputs, p), _AIS) for k, p in pats.items()}
