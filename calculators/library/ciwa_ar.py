"""Clinical Institute Withdrawal Assessment for Alcohol, revised (CIWA-Ar)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="ciwa_ar",
    name="CIWA-Ar for Alcohol Withdrawal",
    synonyms=("CIWA-Ar", "CIWA", "CIWA-Ar score", "Clinical Institute Withdrawal Assessment"),
    category="toxicology",
    source="Sullivan JT, Sykora K, Schneiderman J, Naranjo CA, Sellers EM. Assessment of "
    "alcohol withdrawal: the revised clinical institute withdrawal assessment for alcohol "
    "scale (CIWA-Ar). Br J Addict. 1989;84(11):1353-1357.",
    doi="10.1111/j.1360-0443.1989.tb00737.x",
    pmid="2597811",
    output_type="integer",
    description="Ten withdrawal signs and symptoms, nine scored 0-7 and orientation 0-4 "
    "(0-67): severity of alcohol withdrawal.",
)

#: Item → (label, maximum). Sullivan 1989: nine items 0-7, orientation 0-4.
ITEMS: dict[str, tuple[str, int]] = {
    "nausea_vomiting": ("Nausea and vomiting", 7),
    "tremor": ("Tremor", 7),
    "paroxysmal_sweats": ("Paroxysmal sweats", 7),
    "anxiety": ("Anxiety", 7),
    "agitation": ("Agitation", 7),
    "tactile_disturbances": ("Tactile disturbances", 7),
    "auditory_disturbances": ("Auditory disturbances", 7),
    "visual_disturbances": ("Visual disturbances", 7),
    "headache": ("Headache, fullness in head", 7),
    "orientation": ("Orientation and clouding of sensorium", 4),
}


class Inputs(CalcInputs):
    """CIWA-Ar items as rated (0-7; orientation 0-4)."""

    nausea_vomiting: int = Field(
        ge=0,
        le=7,
        description="0 none, 1 mild nausea, 4 intermittent "
        "nausea with dry heaves, 7 constant nausea and vomiting",
    )
    tremor: int = Field(
        ge=0,
        le=7,
        description="0 none, 1 felt fingertip to fingertip, "
        "4 moderate with arms extended, 7 severe even with arms not extended",
    )
    paroxysmal_sweats: int = Field(
        ge=0,
        le=7,
        description="0 none, 1 barely perceptible / palms "
        "moist, 4 beads of sweat on forehead, 7 drenching sweats",
    )
    anxiety: int = Field(
        ge=0,
        le=7,
        description="0 at ease, 1 mildly anxious, 4 moderately "
        "anxious or guarded, 7 acute panic state",
    )
    agitation: int = Field(
        ge=0,
        le=7,
        description="0 normal activity, 1 somewhat more than "
        "normal, 4 moderately fidgety and restless, 7 paces or thrashes about",
    )
    tactile_disturbances: int = Field(
        ge=0,
        le=7,
        description="0 none, 1 very mild, 2 mild, "
        "3 moderate itching/pins and needles, 4-7 hallucinations",
    )
    auditory_disturbances: int = Field(
        ge=0,
        le=7,
        description="0 none, 1 very mild, 2 mild, 3 moderate harshness, 4-7 hallucinations",
    )
    visual_disturbances: int = Field(
        ge=0,
        le=7,
        description="0 none, 1 very mild, 2 mild, "
        "3 moderate sensitivity to light, 4-7 hallucinations",
    )
    headache: int = Field(
        ge=0,
        le=7,
        description="0 none, 1 very mild, 2 mild, 3 moderate, "
        "4 moderately severe, 5 severe, 6 very severe, 7 extremely severe",
    )
    orientation: int = Field(
        ge=0,
        le=4,
        description="0 oriented and can do serial additions, "
        "1 cannot do serial additions, 2-3 disoriented for date, "
        "4 disoriented for place or person",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the ten items (0-67) with the severity band."""
    s = Score()
    for name, (label, _) in ITEMS.items():
        s.add(label, getattr(inputs, name), getattr(inputs, name))
    total = int(s.total)
    # Sullivan 1989 as tabulated in the literature: < 8 mild, 8-15 moderate, > 15 severe
    # withdrawal.
    if total < 8:
        band = "mild withdrawal"
    elif total <= 15:
        band = "moderate withdrawal"
    else:
        band = "severe withdrawal"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"CIWA-Ar {total}/67: {band}.",
        steps=s.steps,
        extra={"severity": band},
    )


# Sullivan 1989 descriptors → rating; more specific patterns first. Items 1-5 describe only
# 0, 1, 4 and 7; their other ratings are given as numbers.
_HALLUCINATION_SCALE = [
    (r"continuous", 7),
    (r"extremely severe", 6),
    (r"moderately severe", 4),
    (r"severe", 5),
    (r"moderate", 3),
    (r"very mild", 1),
    (r"mild", 2),
    (r"^(none|not present|no)\b", 0),
]
_OPTIONS: dict[str, list[tuple[str, int]]] = {
    "nausea_vomiting": [
        (r"^(no|none|neither)\b", 0),
        (r"constant", 7),
        (r"intermittent|dry heaves", 4),
        (r"mild nausea", 1),
    ],
    "tremor": [
        (r"felt|fingertip", 1),
        (r"severe|not extended", 7),
        (r"moderate", 4),
        (r"^(no|none)\b", 0),
    ],
    "paroxysmal_sweats": [
        (r"barely|palms", 1),
        (r"drenching", 7),
        (r"beads", 4),
        (r"^(no|none)\b", 0),
    ],
    "anxiety": [
        (r"panic", 7),
        (r"moderately|guarded", 4),
        (r"mild", 1),
        (r"^(no|none)\b|at ease", 0),
    ],
    "agitation": [
        (r"paces|thrash", 7),
        (r"moderately|fidgety", 4),
        (r"somewhat", 1),
        (r"normal activity|^(no|none)\b", 0),
    ],
    "tactile_disturbances": _HALLUCINATION_SCALE,
    "auditory_disturbances": _HALLUCINATION_SCALE,
    "visual_disturbances": _HALLUCINATION_SCALE,
    "headache": [
        (r"extremely severe", 7),
        (r"very severe", 6),
        (r"moderately severe", 4),
        (r"severe", 5),
        (r"moderate", 3),
        (r"very mild", 1),
        (r"mild", 2),
        (r"^(none|not present|no)\b", 0),
    ],
    "orientation": [
        (r"place|person", 4),
        (r"more than 2", 3),
        (r"no more than 2|disoriented for date", 2),
        (r"cannot|can't|uncertain", 1),
        (r"oriented", 0),
    ],
}
_FIELDS: dict[str, str] = {
    "nausea_vomiting": r"nausea",
    "tremor": r"tremor",
    "paroxysmal_sweats": r"sweat",
    "anxiety": r"anxiety",
    "agitation": r"agitation",
    "tactile_disturbances": r"tactile",
    "auditory_disturbances": r"auditory",
    "visual_disturbances": r"visual",
    "headache": r"headache",
    "orientation": r"orientation|sensorium",
}


def _rating(name: str, value: Any) -> int:
    """A descriptor's rating; a bare number is taken as the rating itself."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = re.sub(r"\(\s*\d+\s*\)\s*$", "", str(value)).strip()
    if re.fullmatch(r"\d+", text):
        return int(text)
    try:
        return int(mm.choose(text, _OPTIONS[name]))
    except AdapterError as e:
        raise AdapterError(f"{ITEMS[name][0]}: {e.message}") from None


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc CIWA-Ar inputs (descriptor text per item) → item ratings."""
    return {name: _rating(name, mm.get(inputs, pattern)) for name, pattern in _FIELDS.items()}
