"""Modified Rankin Scale (mRS) for neurologic disability."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library.mrs_9q import GRADES as LIVING_GRADES

META = CalculatorMeta(
    id="modified_rankin",
    name="Modified Rankin Scale for Neurologic Disability",
    synonyms=("Modified Rankin Scale", "mRS", "Modified Rankin Score", "Rankin Scale"),
    category="neurology",
    source="van Swieten JC, Koudstaal PJ, Visser MC, Schouten HJ, van Gijn J. Interobserver "
    "agreement for the assessment of handicap in stroke patients. Stroke. 1988;19(5):604-607; "
    "after Rankin J. Cerebral vascular accidents in patients over the age of 60. II. "
    "Prognosis. Scott Med J. 1957;2(5):200-215.",
    pmid="3363593",
    output_type="integer",
    description="Global disability or dependence after stroke or other neurological illness, "
    "graded 0 (no symptoms) to 5 (severe disability), with 6 for death.",
)

# Grades 0-5: van Swieten 1988 wording (shared with mRS-9Q); grade 6 "Dead" was added for
# trial outcomes and is part of the scale as used today.
GRADES: dict[int, str] = {**LIVING_GRADES, 6: "Dead"}

GRADE_ITEM = ri.RatedItem(
    "Modified Rankin grade",
    {k: (v, v.split(";")[0]) if ";" in v else (v,) for k, v in GRADES.items()},
    ("rankin", "mrs", "grade", "disability", "functional status"),
)


class Inputs(CalcInputs):
    """The grade that best describes the patient."""

    grade: int = Field(
        ge=0,
        le=6,
        description="mRS grade: " + "; ".join(f"{k} {v.split(';')[0]}" for k, v in GRADES.items()),
    )


def compute(inputs: Inputs) -> CalcResult:
    """The grade with its published description."""
    g = inputs.grade
    return CalcResult(
        calculator=META.id,
        value=g,
        interpretation=f"mRS {g}: {GRADES[g]}.",
        steps=[Step(label="Modified Rankin grade", value=g, detail=GRADES[g])],
        extra={"description": GRADES[g]},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc mRS input ('3 (Moderate disability ...)' or the grade's text) → kwargs."""
    f = Fields(inputs, META.id)
    field, value = f.raw(*GRADE_ITEM.keys)
    return {"grade": ri.level_of(value, GRADE_ITEM, field=f"{META.id}: {field}")}
