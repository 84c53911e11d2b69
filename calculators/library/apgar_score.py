"""APGAR score of the newborn."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields, match_option
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="apgar_score",
    name="APGAR Score",
    synonyms=("Apgar score", "APGAR", "Apgar"),
    category="neonatology",
    source="Apgar V. A proposal for a new method of evaluation of the newborn infant. Curr Res "
    "Anesth Analg. 1953;32(4):260-267; score bands: American Academy of Pediatrics Committee "
    "on Fetus and Newborn, ACOG Committee on Obstetric Practice. The Apgar Score. Pediatrics. "
    "2015;136(4):819-822.",
    output_type="integer",
    description="Newborn condition at 1 and 5 minutes from five signs scored 0-2 (total 0-10).",
)

_SIGN = "0, 1 or 2"


class Inputs(CalcInputs):
    """The five signs, each 0-2 (Apgar 1953)."""

    appearance: int = Field(
        ge=0,
        le=2,
        description=f"Skin colour ({_SIGN}): 0 blue/pale all over; 1 acrocyanosis "
        "(pink body, blue extremities); 2 pink all over",
    )
    pulse: int = Field(
        ge=0, le=2, description=f"Heart rate ({_SIGN}): 0 absent; 1 < 100/min; 2 ≥ 100/min"
    )
    grimace: int = Field(
        ge=0,
        le=2,
        description=f"Reflex irritability ({_SIGN}): 0 no response to stimulation; "
        "1 grimace/feeble cry when stimulated; 2 cry or pull away when stimulated",
    )
    activity: int = Field(
        ge=0,
        le=2,
        description=f"Muscle tone ({_SIGN}): 0 none (limp); 1 some flexion; "
        "2 flexed arms and legs that resist extension (active motion)",
    )
    respiration: int = Field(
        ge=0,
        le=2,
        description=f"Breathing ({_SIGN}): 0 absent; 1 weak, irregular, gasping; "
        "2 strong, lusty cry",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five signs; 7-10 reassuring, 4-6 moderately abnormal, 0-3 low (AAP 2015)."""
    i = inputs
    s = Score()
    s.add("Appearance (skin colour)", i.appearance, i.appearance)
    s.add("Pulse (heart rate)", i.pulse, i.pulse)
    s.add("Grimace (reflex irritability)", i.grimace, i.grimace)
    s.add("Activity (muscle tone)", i.activity, i.activity)
    s.add("Respiration", i.respiration, i.respiration)
    total = int(s.total)
    # AAP/ACOG 2015: 7-10 reassuring, 4-6 moderately abnormal, 0-3 low in the term and late
    # preterm infant.
    band = (
        "Reassuring (7-10)"
        if total >= 7
        else "Moderately abnormal (4-6)"
        if total >= 4
        else "Low (0-3)"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band}: APGAR {total}.",
        steps=s.steps,
        warnings=[
            "The score describes the infant's condition at one time point; it is not used alone "
            "to decide on resuscitation or to diagnose asphyxia (AAP/ACOG 2015)."
        ],
    )


# Option texts per sign (Apgar 1953 criteria as tabulated by AAP/ACOG 2015).
_OPTIONS: dict[str, dict[int, tuple[str, ...]]] = {
    "appearance": {
        0: ("blue", "pale", "blue or pale", "cyanotic", "pale all over", "blue all over"),
        1: ("acrocyanosis", "pink body blue extremities", "blue extremities", "body pink"),
        2: ("pink", "completely pink", "pink all over", "no cyanosis"),
    },
    "pulse": {
        0: ("absent", "none", "no heart rate"),
        1: ("lt 100", "below 100", "less than 100", "slow"),
        2: ("ge 100", "gt 100", "100 or more", "above 100", "over 100", "normal"),
    },
    "grimace": {
        0: ("no response", "none", "absent", "floppy"),
        1: ("grimace", "feeble cry", "some flexion", "weak cry"),
        2: ("cry", "cries", "sneeze", "cough", "pulls away", "vigorous cry", "pull away"),
    },
    "activity": {
        0: ("none", "limp", "absent", "flaccid"),
        1: ("some flexion", "some flexion of extremities", "minimal flexion"),
        2: ("active", "flexed", "active motion", "flexed arms and legs", "well flexed"),
    },
    "respiration": {
        0: ("absent", "none", "apneic", "not breathing"),
        1: ("weak", "irregular", "gasping", "slow irregular", "weak cry"),
        2: ("strong", "good", "strong cry", "lusty cry", "crying", "regular"),
    },
}

_KEYS = {
    "appearance": ("appearance", "color", "colour", "skin"),
    "pulse": ("pulse", "heart rate"),
    "grimace": ("grimace", "reflex", "irritability"),
    "activity": ("activity", "muscle tone", "tone"),
    "respiration": ("respiration", "respiratory", "breathing", "effort"),
}


def _sign(f: Fields, name: str) -> int:
    field, raw = f.raw(*_KEYS[name])
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    text = str(raw).strip()
    # A score written with the finding: '2 (pink)' / 'Pink (+2)' / '(2 points)'.
    for pattern in (r"^\s*([0-2])\b", r"\(\s*\+?([0-2])\s*(?:points?|pts?)?\s*\)"):
        m = re.search(pattern, text)
        if m:
            return int(m.group(1))
    if name == "pulse":
        num = re.search(r"\d+", text)
        if num:
            return 0 if int(num.group(0)) == 0 else 1 if int(num.group(0)) < 100 else 2
    return int(match_option(raw, _OPTIONS[name], field=f"{META.id}: {field}"))


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc APGAR inputs ('Pink body, blue extremities (+1)', '120 bpm') → Inputs."""
    f = Fields(inputs, META.id)
    return {name: _sign(f, name) for name in _KEYS}
