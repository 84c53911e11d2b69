"""GCS-Pupils score: Glasgow Coma Scale minus the pupil reactivity score."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="gcs_pupils",
    name="GCS-Pupils Score",
    synonyms=("GCS-P", "Glasgow Coma Scale-Pupils score"),
    category="neurology",
    source=(
        "Brennan PM, Murray GD, Teasdale GM. Simplifying the use of prognostic information in "
        "traumatic brain injury. Part 1: The GCS-Pupils score. J Neurosurg. 2018;128(6):1612-20."
    ),
    doi="10.3171/2017.12.JNS172780",
    pmid="29631516",
    output_type="integer",
    description="Combines the Glasgow Coma Scale (3-15) with pupil reactivity (0-2) into a 1-15 "
    "prognostic score after traumatic brain injury.",
)


class Inputs(CalcInputs):
    """Inputs of the GCS-Pupils score."""

    eye: int = Field(ge=1, le=4, description="GCS eye response, 1 (none) to 4 (spontaneous)")
    verbal: int = Field(ge=1, le=5, description="GCS verbal response, 1 (none/intubated) to 5")
    motor: int = Field(ge=1, le=6, description="GCS motor response, 1 (none) to 6 (obeys)")
    pupils_unreactive: Literal[0, 1, 2] = Field(
        description="Pupils unreactive to light: 0 (both react), 1 (one), 2 (neither)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """GCS-P = E + V + M - pupil reactivity score (Brennan 2018)."""
    i = inputs
    steps, total = tally(
        [
            ("Eye response", i.eye, i.eye),
            ("Verbal response", i.verbal, i.verbal),
            ("Motor response", i.motor, i.motor),
            ("Pupil reactivity score (subtracted)", i.pupils_unreactive, -i.pupils_unreactive),
        ]
    )
    score = int(total)
    label = (
        "Severe injury range (GCS-P ≤ 8)"
        if score <= 8
        else "Moderate injury range (GCS-P 9-12)"
        if score <= 12
        else "Mild injury range (GCS-P 13-15)"
    )
    return CalcResult(
        calculator=META.id,
        value=score,
        interpretation=f"{label}; lower scores carry higher 6-month mortality",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc GCS-Pupils options (``"Localizes pain (+5)"``) → Inputs."""
    pupil = mm.get(inputs, r"pupil")
    return {
        "eye": int(mm.points(mm.get(inputs, r"\beye"))),
        "verbal": int(mm.points(mm.get(inputs, r"verbal"))),
        "motor": int(mm.points(mm.get(inputs, r"motor"))),
        "pupils_unreactive": mm.choose(
            pupil,
            [
                (r"both pupils unreactive|neither", 2),
                (r"one pupil", 1),
                (r"both pupils reactive", 0),
            ],
        ),
    }
