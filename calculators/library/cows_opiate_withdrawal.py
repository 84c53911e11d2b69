"""Clinical Opiate Withdrawal Scale (COWS)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields, first_number
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="cows_opiate_withdrawal",
    name="COWS Score for Opiate Withdrawal",
    synonyms=("COWS", "Clinical Opiate Withdrawal Scale", "COWS score"),
    category="toxicology",
    source="Wesson DR, Ling W. The Clinical Opiate Withdrawal Scale (COWS). J Psychoactive "
    "Drugs. 2003;35(2):253-9.",
    doi="10.1080/02791072.2003.10400007",
    output_type="integer",
    unit=None,
    description="Eleven signs and symptoms of opioid withdrawal (0–48): mild 5–12, moderate "
    "13–24, moderately severe 25–36, severe >36.",
)

# Wesson & Ling 2003: option texts by points for each item.
ITEMS: dict[str, tuple[str, dict[int, tuple[str, ...]]]] = {
    "sweating": (
        "Sweating (past 30 min, not from room temperature or activity)",
        {
            0: ("no report of chills or flushing",),
            1: ("subjective report of chills or flushing",),
            2: ("flushed or observable moistness on face",),
            3: ("beads of sweat on brow or face", "beads of sweat"),
            4: ("sweat streaming off face",),
        },
    ),
    "restlessness": (
        "Restlessness during assessment",
        {
            0: ("able to sit still",),
            1: ("reports difficulty sitting still, but is able to do so",),
            3: ("frequent shifting or extraneous movements of legs/arms", "frequent shifting"),
            5: ("unable to sit still for more than a few seconds",),
        },
    ),
    "pupil_size": (
        "Pupil size",
        {
            0: ("pupils pinned or normal size for room light",),
            1: ("pupils possibly larger than normal for room light", "possibly larger"),
            2: ("pupils moderately dilated", "moderately dilated"),
            5: ("pupils so dilated that only the rim of the iris is visible", "rim of the iris"),
        },
    ),
    "bone_joint_aches": (
        "Bone or joint aches (new since withdrawal)",
        {
            0: ("not present",),
            1: ("mild diffuse discomfort",),
            2: ("patient reports severe diffuse aching of joints/muscles", "severe diffuse aching"),
            4: (
                "patient is rubbing joints or muscles and is unable to sit still because of "
                "discomfort",
                "rubbing joints",
            ),
        },
    ),
    "runny_nose_tearing": (
        "Runny nose or tearing (not from cold or allergies)",
        {
            0: ("not present",),
            1: ("nasal stuffiness or unusually moist eyes",),
            2: ("nose running or tearing",),
            4: ("nose constantly running or tears streaming down cheeks", "constantly running"),
        },
    ),
    "gi_upset": (
        "GI upset over the last 30 minutes",
        {
            0: ("no GI symptoms",),
            1: ("stomach cramps",),
            2: ("nausea or loose stool",),
            3: ("vomiting or diarrhea",),
            5: ("multiple episodes of diarrhea or vomiting",),
        },
    ),
    "tremor": (
        "Tremor of outstretched hands",
        {
            0: ("no tremor",),
            1: ("tremor can be felt, but not observed",),
            2: ("slight tremor observable",),
            4: ("gross tremor or muscle twitching",),
        },
    ),
    "yawning": (
        "Yawning during assessment",
        {
            0: ("no yawning",),
            1: ("yawning once or twice during assessment", "once or twice"),
            2: ("yawning three or more times during assessment", "three or more times"),
            4: ("yawning several times/minute", "several times"),
        },
    ),
    "anxiety_irritability": (
        "Anxiety or irritability",
        {
            0: ("none",),
            1: ("patient reports increasing irritability or anxiousness",),
            2: ("patient obviously irritable or anxious", "obviously irritable"),
            4: (
                "patient so irritable or anxious that participation in the assessment is difficult",
                "participation in the assessment is difficult",
            ),
        },
    ),
    "gooseflesh": (
        "Gooseflesh skin",
        {
            0: ("skin is smooth",),
            3: (
                "piloerection of skin can be felt or hairs standing up on arms",
                "piloerection felt",
                "hairs standing up",
            ),
            5: ("prominent piloerection",),
        },
    ),
}


def _item(key: str) -> Any:
    label, options = ITEMS[key]
    return Field(description=f"{label}: " + "; ".join(f"{k} {v[0]}" for k, v in options.items()))


class Inputs(QuantityInputs):
    """Inputs of the COWS (resting pulse measured after 1 minute seated)."""

    resting_pulse: float = quantity(
        "rate",
        "/min",
        ge=20,
        le=250,
        description="Resting pulse rate (≤80: 0; 81–100: 1; 101–120: 2; >120: 4)",
    )
    sweating: Literal[0, 1, 2, 3, 4] = _item("sweating")
    restlessness: Literal[0, 1, 3, 5] = _item("restlessness")
    pupil_size: Literal[0, 1, 2, 5] = _item("pupil_size")
    bone_joint_aches: Literal[0, 1, 2, 4] = _item("bone_joint_aches")
    runny_nose_tearing: Literal[0, 1, 2, 4] = _item("runny_nose_tearing")
    gi_upset: Literal[0, 1, 2, 3, 5] = _item("gi_upset")
    tremor: Literal[0, 1, 2, 4] = _item("tremor")
    yawning: Literal[0, 1, 2, 4] = _item("yawning")
    anxiety_irritability: Literal[0, 1, 2, 4] = _item("anxiety_irritability")
    gooseflesh: Literal[0, 3, 5] = _item("gooseflesh")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the eleven items (Wesson & Ling 2003)."""
    hr = inputs.resting_pulse
    pulse_pts = 0 if hr <= 80 else 1 if hr <= 100 else 2 if hr <= 120 else 4
    items = [("Resting pulse rate", hr, pulse_pts)]
    items += [(ITEMS[k][0], getattr(inputs, k), getattr(inputs, k)) for k in ITEMS]
    steps, total = tally(items)
    label = (
        "No active withdrawal (<5)"
        if total < 5
        else "Mild withdrawal (5–12)"
        if total <= 12
        else "Moderate withdrawal (13–24)"
        if total <= 24
        else "Moderately severe withdrawal (25–36)"
        if total <= 36
        else "Severe withdrawal (>36)"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


_FIELD_KEYS = {
    "sweating": ("sweating",),
    "restlessness": ("restlessness",),
    "pupil_size": ("pupil",),
    "bone_joint_aches": ("bone", "joint"),
    "runny_nose_tearing": ("runny", "tearing"),
    "gi_upset": ("gi",),
    "tremor": ("tremor",),
    "yawning": ("yawning",),
    "anxiety_irritability": ("anxiety", "irritability"),
    "gooseflesh": ("gooseflesh",),
}


def _pulse(text: str) -> float:
    # "108 bpm (+2)" or "101-120 (measured 108 bpm)": prefer the number next to bpm.
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:bpm|/min|beats)", text, re.IGNORECASE)
    return float(m.group(1)) if m else first_number(text, field="resting pulse rate")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (eleven COWS items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {"resting_pulse": _pulse(f.text("pulse"))}
    for key, keys in _FIELD_KEYS.items():
        out[key] = f.option(*keys, options=ITEMS[key][1])
    return out
