"""World Federation of Neurosurgical Societies (WFNS) grade of subarachnoid hemorrhage."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="wfns_sah",
    name="WFNS SAH Scale",
    synonyms=("WFNS", "WFNS grade", "WFNS scale", "World Federation of Neurosurgical Societies"),
    category="neurology",
    source="Teasdale GM, Drake CG, Hunt W, et al. A universal subarachnoid hemorrhage scale: "
    "report of a committee of the World Federation of Neurosurgical Societies. J Neurol "
    "Neurosurg Psychiatry. 1988;51(11):1457.",
    doi="10.1136/jnnp.51.11.1457",
    pmid="3236024",
    output_type="integer",
    description="Grade I-V of aneurysmal subarachnoid hemorrhage from the Glasgow Coma Scale "
    "and the presence of a major motor deficit.",
)


class Inputs(CalcInputs):
    """Inputs of the WFNS grade."""

    gcs: int = Field(ge=3, le=15, description="Glasgow Coma Scale (3-15)")
    motor_deficit: bool = Field(
        description="Major focal motor deficit (hemiparesis); decides grade II vs III at GCS 13-14"
    )


def compute(inputs: Inputs) -> CalcResult:
    """WFNS grade (Teasdale 1988): I GCS 15; II/III 13-14 without/with deficit; IV 7-12; V 3-6."""
    g = inputs.gcs
    warnings = []
    if g == 15:
        grade = 1
        if inputs.motor_deficit:
            warnings.append(
                "WFNS grade I is defined as GCS 15 without motor deficit; the scale does not "
                "grade GCS 15 with a deficit separately (graded I by GCS here)."
            )
    elif g >= 13:
        grade = 3 if inputs.motor_deficit else 2
    elif g >= 7:
        grade = 4
    else:
        grade = 5
    roman = ["I", "II", "III", "IV", "V"][grade - 1]
    return CalcResult(
        calculator=META.id,
        value=grade,
        interpretation=f"WFNS grade {roman} (GCS {g}, motor deficit "
        f"{'present' if inputs.motor_deficit else 'absent'}).",
        steps=[
            Step(
                label="Glasgow Coma Scale", value=g, detail="15: I; 13-14: II/III; 7-12: IV; 3-6: V"
            ),
            Step(
                label="Motor deficit",
                value=inputs.motor_deficit,
                detail="separates grade II (absent) from III (present) at GCS 13-14",
            ),
            Step(label="WFNS grade", value=grade),
        ],
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc WFNS inputs (GCS value, motor deficit yes/no) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "gcs": int(f.number("glasgow", "gcs")),
        "motor_deficit": f.yes("motor deficit", "motor"),
    }
