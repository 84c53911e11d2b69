"""Thrombolysis in Cerebral Infarction (TICI) perfusion grade."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields, match_option

META = CalculatorMeta(
    id="tici_score",
    name="TICI Score",
    synonyms=(
        "TICI",
        "Thrombolysis in Cerebral Infarction",
        "TICI perfusion grade",
        "Thrombolysis in Cerebral Infarction (TICI) Scale",
    ),
    category="neurology",
    source="Higashida RT, Furlan AJ, Roberts H, et al. Trial design and reporting standards for "
    "intra-arterial cerebral thrombolysis for acute ischemic stroke. Stroke. "
    "2003;34(8):e109-e137; definitions reviewed in Fugate JE, Klunder AM, Kallmes DF. What is "
    "meant by 'TICI'? AJNR Am J Neuroradiol. 2013;34(9):1792-1797.",
    output_type="text",
    description="Angiographic perfusion grade after intra-arterial stroke therapy: 0, 1, 2a, "
    "2b or 3.",
)

Grade = Literal["0", "1", "2a", "2b", "3"]

# Higashida 2003 grade definitions.
_DEFINITIONS: dict[str, str] = {
    "0": "no perfusion: no antegrade flow beyond the point of occlusion",
    "1": "penetration with minimal perfusion: contrast passes the obstruction but fails to "
    "opacify the entire distal vascular bed",
    "2a": "partial perfusion: only partial filling (< 2/3) of the entire vascular territory",
    "2b": "partial perfusion: complete filling of the expected vascular territory, but slower "
    "than normal",
    "3": "complete perfusion: antegrade flow into the bed distal to the obstruction as fast as "
    "into the obstruction, with prompt clearance",
}


class Inputs(CalcInputs):
    """The angiographic appearance, as its TICI grade."""

    grade: Grade = Field(
        description="'0' no perfusion; '1' penetration with minimal perfusion; '2a' partial "
        "filling (< 2/3) of the territory; '2b' complete but slower filling; '3' complete "
        "perfusion"
    )


def compute(inputs: Inputs) -> CalcResult:
    """The grade with its definition; 2b-3 is the usual threshold of successful reperfusion."""
    g = inputs.grade
    text = _DEFINITIONS[g]
    # Successful reperfusion is conventionally TICI ≥ 2b (Zaidat OO, et al. Stroke
    # 2013;44:2650-63 consensus on angiographic revascularization grading).
    success = "successful reperfusion" if g in ("2b", "3") else "not successful reperfusion"
    return CalcResult(
        calculator=META.id,
        value=f"Grade {g}",
        interpretation=f"TICI grade {g}: {text} ({success}, threshold ≥ 2b).",
        steps=[Step(label="Perfusion grade", value=g, detail=text)],
    )


_OPTIONS = {
    "0": ("no perfusion", "no antegrade flow"),
    "1": ("minimal perfusion", "penetration with minimal perfusion"),
    "2a": ("partial filling", "less than 2 3", "lt 2 3"),
    "2b": ("complete filling but slower", "complete but slower", "slower than normal"),
    "3": ("complete perfusion", "full perfusion", "normal flow"),
}
_GRADE = re.compile(r"(?i)(?:grade|tici)?\s*\b(2a|2b|[0-3])\b")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc TICI input ('Grade 2b (complete filling, slower)') → Inputs."""
    f = Fields(inputs, META.id)
    field, raw = f.raw("tici", "grade", "perfusion", "reperfusion", "angiographic")
    m = _GRADE.match(str(raw).strip())
    if m:
        return {"grade": m.group(1).lower()}
    return {"grade": match_option(raw, _OPTIONS, field=f"{META.id}: {field}")}
