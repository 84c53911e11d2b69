"""Field Assessment Stroke Triage for Emergency Destination (FAST-ED)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="fast_ed",
    name="Field Assessment Stroke Triage for Emergency Destination (FAST-ED)",
    synonyms=("FAST-ED", "FAST-ED score"),
    category="neurology",
    source="Lima FO, et al. Field Assessment Stroke Triage for Emergency Destination: a simple "
    "and accurate prehospital scale to detect large vessel occlusion strokes. Stroke. "
    "2016;47(8):1997-2002.",
    doi="10.1161/STROKEAHA.116.013301",
    output_type="integer",
    unit=None,
    description="Prehospital scale (0–9) for large-vessel occlusion; ≥4 suggests LVO and a "
    "thrombectomy-capable destination.",
)

FACIAL = {0: ("Normal or minor paralysis", "normal"), 1: ("Partial or complete paralysis",)}
ARM = {
    0: ("No drift",),
    1: ("Drift or some effort against gravity", "drift"),
    2: ("No effort against gravity or no movement", "no effort against gravity"),
}
SPEECH = {
    0: ("Absent",),
    1: ("Mild to moderate", "mild"),
    2: ("Severe, global aphasia or mute", "severe", "global aphasia", "mute"),
}
EYES = {0: ("Absent",), 1: ("Partial",), 2: ("Forced deviation", "forced")}
NEGLECT = {
    0: ("Absent",),
    1: (
        "Extinction to bilateral simultaneous stimulation in only one sensory modality",
        "extinction",
    ),
    2: (
        "Does not recognize own hand or orients only to one side of the body",
        "does not recognize",
    ),
}


def _item(options: dict[int, tuple[str, ...]], what: str) -> Any:
    return Field(description=f"{what}: " + "; ".join(f"{k} {v[0]}" for k, v in options.items()))


class Inputs(CalcInputs):
    """Inputs of FAST-ED."""

    facial_palsy: Literal[0, 1] = _item(FACIAL, "Facial palsy")
    arm_weakness: Literal[0, 1, 2] = _item(ARM, "Arm weakness")
    speech_changes: Literal[0, 1, 2] = _item(SPEECH, "Speech changes")
    eye_deviation: Literal[0, 1, 2] = _item(EYES, "Eye deviation")
    denial_neglect: Literal[0, 1, 2] = _item(NEGLECT, "Denial/neglect")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the five items (Lima 2016)."""
    steps, total = tally(
        [
            ("Facial palsy", inputs.facial_palsy, inputs.facial_palsy),
            ("Arm weakness", inputs.arm_weakness, inputs.arm_weakness),
            ("Speech changes", inputs.speech_changes, inputs.speech_changes),
            ("Eye deviation", inputs.eye_deviation, inputs.eye_deviation),
            ("Denial/neglect", inputs.denial_neglect, inputs.denial_neglect),
        ]
    )
    # Lima 2016: FAST-ED ≥4 detected LVO with sensitivity 0.60 and specificity 0.89.
    label = (
        "Large vessel occlusion likely (≥4): consider a thrombectomy-capable centre"
        if total >= 4
        else "Large vessel occlusion less likely (<4)"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (five items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "facial_palsy": f.option("facial", options=FACIAL),
        "arm_weakness": f.option("arm", options=ARM),
        "speech_changes": f.option("speech", options=SPEECH),
        "eye_deviation": f.option("eye", options=EYES),
        "denial_neglect": f.option("denial", "neglect", options=NEGLECT),
    }
