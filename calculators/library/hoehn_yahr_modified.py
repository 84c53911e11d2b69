"""Modified Hoehn and Yahr staging of Parkinson's disease."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields, match_option

META = CalculatorMeta(
    id="hoehn_yahr_modified",
    name="Modified Hoehn and Yahr Scale for Parkinson's Disease",
    synonyms=(
        "Modified Hoehn and Yahr Scale for Parkinson’s Disease",
        "Modified Hoehn and Yahr",
        "Hoehn and Yahr",
        "Hoehn & Yahr stage",
    ),
    category="neurology",
    source="Goetz CG, Poewe W, Rascol O, et al. Movement Disorder Society Task Force report on "
    "the Hoehn and Yahr staging scale: status and recommendations. Mov Disord. "
    "2004;19(9):1020-8 (modified scale with stages 1.5 and 2.5); original: Hoehn MM, Yahr MD. "
    "Parkinsonism: onset, progression and mortality. Neurology. 1967;17(5):427-42.",
    output_type="decimal",
    description="Stage 0-5 of Parkinson's disease by laterality, axial involvement, postural "
    "instability and independence; higher stages mean more disability.",
)

# The modified stages as reprinted from Goetz 2004 (Mov Disord 19:1020, table of the modified
# scale; the same wording is on MDCalc and Medscape).
STAGES: dict[float, tuple[str, ...]] = {
    0: ("No signs of disease",),
    1: ("Unilateral disease", "Unilateral involvement only"),
    1.5: ("Unilateral plus axial involvement", "Unilateral and axial involvement"),
    2: ("Bilateral disease, without impairment of balance", "Bilateral disease"),
    2.5: ("Mild bilateral disease, with recovery on pull test", "recovery on pull test"),
    3: (
        "Mild to moderate bilateral disease; some postural instability; physically independent",
        "some postural instability",
    ),
    4: ("Severe disability; still able to walk or stand unassisted", "Severe disability"),
    5: ("Wheelchair bound or bedridden unless aided", "Wheelchair bound", "bedridden"),
}


class Inputs(CalcInputs):
    """Inputs of the modified Hoehn and Yahr scale."""

    stage: float = Field(
        description="Stage: " + "; ".join(f"{k:g} {v[0]}" for k, v in STAGES.items())
    )

    @field_validator("stage")
    @classmethod
    def _known_stage(cls, v: float) -> float:
        if v not in STAGES:
            allowed = ", ".join(f"{k:g}" for k in STAGES)
            raise ValueError(f"expected a stage of {allowed}, found {v:g}")
        return v


def compute(inputs: Inputs) -> CalcResult:
    """Return the stage with its description."""
    stage = inputs.stage
    value: int | float = int(stage) if float(stage).is_integer() else stage
    text = STAGES[stage][0]
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"Stage {value}: {text}",
        steps=[Step(label="Hoehn and Yahr stage", value=value, detail=text)],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the stage description, maybe with '(Stage 3)') → kwargs."""
    f = Fields(inputs, META.id)
    field, value = f.raw("severity", "stage", "hoehn", "description")
    options = {k: (*v, f"stage {k:g}") for k, v in STAGES.items()}
    return {"stage": match_option(value, options, field=f"{META.id}: {field}")}
