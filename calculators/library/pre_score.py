"""Pittsburgh Response to Endovascular therapy (PRE) score."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="pre_score",
    name="Pittsburgh Response to Endovascular therapy (PRE) Score",
    synonyms=("PRE score", "Pittsburgh Response to Endovascular therapy score"),
    category="neurology",
    source=(
        "Rangaraju S, Aghaebrahim A, Streib C, et al. Pittsburgh Response to Endovascular "
        "therapy (PRE) score: optimizing patient selection for endovascular therapy for large "
        "vessel occlusion strokes. J Neurointerv Surg. 2015;7(11):783-8."
    ),
    doi="10.1136/neurintsurg-2014-011351",
    pmid="25320054",
    output_type="integer",
    description="PRE = age + 2 x NIHSS - 10 x ASPECTS; lower scores predict good 90-day "
    "outcome after endovascular therapy for anterior large vessel occlusion.",
)


class Inputs(CalcInputs):
    """Inputs of the PRE score."""

    age: float = Field(ge=18, le=110, description="Age [years]")
    nihss: int = Field(ge=0, le=42, description="NIH Stroke Scale")
    aspects: int = Field(ge=0, le=10, description="ASPECTS (0-10)")


def compute(inputs: Inputs) -> CalcResult:
    """PRE = age + 2 x NIHSS - 10 x ASPECTS."""
    i = inputs
    pre = i.age + 2 * i.nihss - 10 * i.aspects
    return CalcResult(
        calculator=META.id,
        value=round(pre),
        interpretation="Lower PRE scores predict a higher chance of a good "
        "90-day outcome (mRS 0-2) after endovascular therapy",
        steps=[Step(label="PRE", value=pre, detail="age + 2 NIHSS - 10 ASPECTS")],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PRE inputs → Inputs."""
    return {
        "age": mm.number(mm.get(inputs, r"^age")),
        "nihss": int(mm.number(mm.get(inputs, r"nihss"))),
        "aspects": int(mm.number(mm.get(inputs, r"aspects"))),
    }
