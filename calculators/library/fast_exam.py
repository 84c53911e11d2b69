"""Focused Assessment with Sonography for Trauma (FAST): reading of the four views."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="fast_exam",
    name="Focused Assessment with Sonography for Trauma (FAST)",
    synonyms=("FAST exam", "FAST ultrasound", "focused abdominal sonography for trauma"),
    category="trauma",
    source="Scalea TM, Rodriguez A, Chiu WC, et al. Focused Assessment with Sonography for "
    "Trauma (FAST): results from an international consensus conference. J Trauma. "
    "1999;46(3):466-472.",
    output_type="text",
    description="Free fluid in any of the four views (pericardial, right upper quadrant / "
    "Morison's pouch, left upper quadrant / splenorenal, suprapubic / pelvic) makes the FAST "
    "positive; all views adequate and without fluid make it negative.",
)

Finding = Literal["absent", "present", "indeterminate"]

_VIEWS = (
    ("pericardial", "Pericardial (subxiphoid) view"),
    ("right_upper_quadrant", "Right upper quadrant (Morison's pouch)"),
    ("left_upper_quadrant", "Left upper quadrant (splenorenal recess)"),
    ("suprapubic", "Suprapubic (pelvic) view"),
)


class Inputs(CalcInputs):
    """Free fluid in each FAST view ('indeterminate' for an inadequate view)."""

    pericardial: Finding = Field(description="Pericardial fluid: absent, present, indeterminate")
    right_upper_quadrant: Finding = Field(
        description="Right upper quadrant (Morison's pouch) fluid: absent, present, indeterminate"
    )
    left_upper_quadrant: Finding = Field(
        description="Left upper quadrant (splenorenal recess) fluid: absent, present, indeterminate"
    )
    suprapubic: Finding = Field(
        description="Suprapubic (pelvic) fluid: absent, present, indeterminate"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Positive when any view shows free fluid; negative only when every view is clear."""
    findings = {name: getattr(inputs, name) for name, _ in _VIEWS}
    steps = [Step(label=label, value=findings[name]) for name, label in _VIEWS]
    positive = [label for name, label in _VIEWS if findings[name] == "present"]
    if positive:
        sites = []
        if findings["pericardial"] == "present":
            sites.append("hemopericardium")
        if any(findings[n] == "present" for n, _ in _VIEWS[1:]):
            sites.append("hemoperitoneum")
        value = "Positive FAST"
        reading = (
            f"Positive FAST: free fluid in {', '.join(positive)}; suspected "
            f"{' and '.join(sites)}. In an unstable patient this supports emergent operative "
            "exploration."
        )
    elif any(v == "indeterminate" for v in findings.values()):
        value = "Indeterminate FAST"
        reading = (
            "Indeterminate FAST: no free fluid seen but at least one view is inadequate; repeat "
            "the scan or use another test (CT, DPL)."
        )
    else:
        value = "Negative FAST"
        reading = (
            "Negative FAST: no free fluid in the four views; it does not exclude injury, so "
            "repeat the scan or image further as the clinical picture requires."
        )
    return CalcResult(calculator=META.id, value=value, interpretation=reading, steps=steps)


_FINDING_WORDS = {
    "absent": ("absent", "no", "none", "negative", "no free fluid"),
    "present": ("present", "yes", "positive", "free fluid"),
    "indeterminate": ("indeterminate", "inadequate", "equivocal", "not visualized"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (one Present/Absent answer per view) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "pericardial": f.option("pericardial", "subxiphoid", options=_FINDING_WORDS),
        "right_upper_quadrant": f.option(
            "right upper quadrant", "morison", "ruq", options=_FINDING_WORDS
        ),
        "left_upper_quadrant": f.option(
            "left upper quadrant", "splenorenal", "luq", options=_FINDING_WORDS
        ),
        "suprapubic": f.option("suprapubic", "pelvic", "pelvis", options=_FINDING_WORDS),
    }
