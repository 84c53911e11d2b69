"""Recognition of Stroke in the Emergency Room (ROSIER) scale."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="rosier_scale",
    name="Recognition of Stroke in the Emergency Room (ROSIER) Scale",
    synonyms=("ROSIER", "ROSIER scale", "ROSIER score"),
    category="neurology",
    source="Nor AM, et al. The Recognition of Stroke in the Emergency Room (ROSIER) scale: "
    "development and validation of a stroke recognition instrument. Lancet Neurol. "
    "2005;4(11):727-34.",
    doi="10.1016/S1474-4422(05)70201-5",
    output_type="integer",
    unit=None,
    description="Distinguishes stroke from mimics in the emergency room (−2 to +5); >0 makes "
    "stroke likely.",
)


class Inputs(CalcInputs):
    """Inputs of the ROSIER scale (findings of new onset)."""

    loss_of_consciousness: bool = Field(description="Loss of consciousness or syncope (−1)")
    seizure: bool = Field(description="Seizure activity (−1)")
    facial_weakness: bool = Field(description="Asymmetric facial weakness (+1)")
    arm_weakness: bool = Field(description="Asymmetric arm weakness (+1)")
    leg_weakness: bool = Field(description="Asymmetric leg weakness (+1)")
    speech_disturbance: bool = Field(description="Speech disturbance (+1)")
    visual_field_defect: bool = Field(description="Visual field defect (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of −1 (LOC, seizure) and +1 (five deficits) items (Nor 2005)."""
    items = [
        ("Loss of consciousness or syncope", inputs.loss_of_consciousness, -1),
        ("Seizure activity", inputs.seizure, -1),
        ("Asymmetric facial weakness", inputs.facial_weakness, 1),
        ("Asymmetric arm weakness", inputs.arm_weakness, 1),
        ("Asymmetric leg weakness", inputs.leg_weakness, 1),
        ("Speech disturbance", inputs.speech_disturbance, 1),
        ("Visual field defect", inputs.visual_field_defect, 1),
    ]
    steps, total = tally((label, v, pts if v else 0) for label, v, pts in items)
    label = "Stroke possible/likely (>0)" if total > 0 else "Stroke unlikely (≤0), but not excluded"
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (seven yes/no items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "loss_of_consciousness": f.yes("consciousness", "syncope"),
        "seizure": f.yes("seizure"),
        "facial_weakness": f.yes("facial"),
        "arm_weakness": f.yes("arm"),
        "leg_weakness": f.yes("leg"),
        "speech_disturbance": f.yes("speech"),
        "visual_field_defect": f.yes("visual"),
    }
