"""Nonverbal Pain Scale (NVPS), revised version."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="nvps",
    name="Nonverbal Pain Scale (NVPS) for Nonverbal Patients",
    synonyms=("NVPS", "Nonverbal Pain Scale", "revised nonverbal pain scale"),
    category="critical care",
    source="Odhner M, et al. Assessing pain control in nonverbal critically ill adults. Dimens "
    "Crit Care Nurs. 2003;22(6):260-7; revised by Kabes AM, et al. Further validation "
    "of the nonverbal pain scale in intensive care patients. Crit Care Nurse. "
    "2009;29(1):59-66.",
    output_type="integer",
    unit=None,
    description="Five behavioural and physiological items scored 0–2 (total 0–10) for "
    "patients who cannot report pain.",
)

# Kabes 2009 (revised NVPS, physiology II replaced by respiratory).
FACE = {
    0: ("No particular expression or smile",),
    1: ("Occasional grimace, tearing, frowning, wrinkled forehead", "occasional grimace"),
    2: ("Frequent grimace, tearing, frowning, wrinkled forehead", "frequent grimace"),
}
ACTIVITY = {
    0: ("Lying quietly, normal position",),
    1: ("Seeking attention through movement or slow, cautious movement", "seeking attention"),
    2: ("Restless, excessive activity and/or withdrawal reflexes", "restless"),
}
GUARDING = {
    0: ("Lying quietly, no positioning of hands over areas of body",),
    1: ("Splinting areas of the body, tense", "splinting"),
    2: ("Rigid, stiff",),
}
PHYSIOLOGY = {
    0: ("Stable vital signs", "no change in vital signs"),
    1: (
        "Change in any of the following: SBP >20 mmHg or HR >20/min",
        "change in sbp gt 20 mmhg or hr gt 20 bpm",
        "sbp gt 20",
        "hr gt 20",
    ),
    2: ("Change in any of the following: SBP >30 mmHg or HR >25/min", "sbp gt 30", "hr gt 25"),
}
RESPIRATORY = {
    0: ("Baseline RR/SpO2, compliant with ventilator", "baseline rr"),
    1: (
        "RR >10 above baseline, or 5% decrease SpO2, mild asynchrony with ventilator",
        "rr gt 10",
        "5 decrease",
        "mild ventilator asynchrony",
        "mild asynchrony",
    ),
    2: (
        "RR >20 above baseline, or 10% decrease SpO2, severe asynchrony with ventilator",
        "rr gt 20",
        "10 decrease",
        "severe ventilator asynchrony",
        "severe asynchrony",
    ),
}


def _item(options: dict[int, tuple[str, ...]], what: str) -> Any:
    return Field(
        ge=0, le=2, description=f"{what}: " + "; ".join(f"{k} {v[0]}" for k, v in options.items())
    )


class Inputs(CalcInputs):
    """Inputs of the NVPS."""

    face: int = _item(FACE, "Face")
    activity: int = _item(ACTIVITY, "Activity (movement)")
    guarding: int = _item(GUARDING, "Guarding")
    physiology: int = _item(PHYSIOLOGY, "Physiology (vital signs)")
    respiratory: int = _item(RESPIRATORY, "Respiratory")


def compute(inputs: Inputs) -> CalcResult:
    """Sum five items (0–2 each)."""
    steps, total = tally(
        [
            (name.capitalize(), getattr(inputs, name), getattr(inputs, name))
            for name in ("face", "activity", "guarding", "physiology", "respiratory")
        ]
    )
    # Odhner 2003: 0–2 no/minimal pain, 3–6 moderate pain, 7–10 severe pain.
    label = (
        "No or minimal pain (0–2)"
        if total <= 2
        else "Moderate pain (3–6): consider analgesia"
        if total <= 6
        else "Severe pain (7–10): treat pain"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (five items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "face": f.option("face", options=FACE),
        "activity": f.option("activity", "movement", options=ACTIVITY),
        "guarding": f.option("guarding", options=GUARDING),
        "physiology": f.option("physiology", "vital", options=PHYSIOLOGY),
        "respiratory": f.option("respiratory", options=RESPIRATORY),
    }
