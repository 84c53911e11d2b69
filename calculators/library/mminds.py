"""Modified Minnesota Detoxification Scale (mMINDS) for alcohol withdrawal."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._adapter_errors import AdapterError, MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, match_option
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="mminds",
    name="Modified Minnesota Detoxification Scale (mMINDS)",
    synonyms=("mMINDS", "Modified MINDS", "Modified Minnesota Detoxification Scale"),
    category="critical care",
    source="DeCarolis DD, Rice KL, Ho L, Willenbring ML, Cassaro S. Symptom-driven lorazepam "
    "protocol for treatment of severe alcohol withdrawal delirium in the intensive care unit. "
    "Pharmacotherapy. 2007;27(4):510-8; modified scale as on MDCalc (Hack JB, Hoffmann RS, "
    "Nelson LS. J Med Toxicol. 2006;2(2):55-60; Awissi DK, et al. Crit Care Med. "
    "2013;41(9 Suppl 1):S57-68), item points as reimplemented in danielxmed/nobra_calculator.",
    doi="10.1592/phco.27.4.510",
    output_type="integer",
    description="Objective alcohol withdrawal score for ICU patients (pulse, diastolic BP, "
    "tremor, sweat, hallucinations, agitation, orientation, delusions, seizures), 0-46.",
)

# Item points (MDCalc mMINDS, as reimplemented in nobra_calculator's
# modified_minnesota_detoxification_scale.py): pulse and diastolic BP < 90 → 0, 90-110 → 1,
# > 110 → 2; the categorical items below.
Tremor = Literal["absent", "slightly_visible", "moderate_arms_extended", "severe"]
Sweat = Literal["absent", "moist_palms", "beads_visible", "drenching"]
Hallucinations = Literal["absent", "mild", "moderate", "severe"]
Agitation = Literal["normal_or_sedated", "somewhat_increased", "moderately_fidgety", "pacing"]
Orientation = Literal["oriented_x3", "oriented_x2", "oriented_x1", "disoriented"]

TREMOR: dict[str, tuple[int, tuple[str, ...]]] = {
    "absent": (0, ("Absent",)),
    "slightly_visible": (2, ("Slightly visible",)),
    "moderate_arms_extended": (
        4,
        ("Moderate - noticeably visible with arms extended", "Moderate with arms extended"),
    ),
    "severe": (6, ("Severe - visible without extending arms", "Severe without extending arms")),
}
SWEAT: dict[str, tuple[int, tuple[str, ...]]] = {
    "absent": (0, ("Absent",)),
    "moist_palms": (2, ("Barely moist palms", "Moist palms")),
    "beads_visible": (4, ("Beads visible",)),
    "drenching": (6, ("Drenching",)),
}
HALLUCINATIONS: dict[str, tuple[int, tuple[str, ...]]] = {
    "absent": (0, ("Absent",)),
    "mild": (1, ("Mild - mostly lucid, sporadic/rare", "Mild", "sporadic")),
    "moderate": (2, ("Moderate - intermittent", "Moderate", "intermittent")),
    "severe": (3, ("Severe - continuous", "Severe", "continuous")),
}
AGITATION: dict[str, tuple[int, tuple[str, ...]]] = {
    "normal_or_sedated": (0, ("Normal or sedated", "Normal", "sedated")),
    "somewhat_increased": (3, ("Somewhat increased activity", "Somewhat increased")),
    "moderately_fidgety": (6, ("Moderately fidgety/restless", "Moderately fidgety")),
    "pacing": (9, ("Pacing, thrashing", "Pacing", "thrashing")),
}
ORIENTATION: dict[str, tuple[int, tuple[str, ...]]] = {
    "oriented_x3": (0, ("Oriented x3",)),
    "oriented_x2": (2, ("Oriented x2",)),
    "oriented_x1": (4, ("Oriented x1",)),
    "disoriented": (6, ("Disoriented", "Not oriented")),
}
DELUSION_POINTS = 6  # delusions present
SEIZURE_POINTS = 6  # actively seizing


def vital_points(value: float) -> int:
    """Pulse or diastolic BP points: < 90 → 0, 90-110 → 1, > 110 → 2 (mMINDS)."""
    if value < 90:
        return 0
    if value <= 110:
        return 1
    return 2


class Inputs(QuantityInputs):
    """mMINDS observations."""

    pulse: float = quantity(
        "rate", "/min", ge=20, le=300, description="Pulse (< 90, 90-110, > 110)"
    )
    diastolic_bp: float = quantity(
        "pressure",
        "mmHg",
        ge=20,
        le=200,
        description="Diastolic blood pressure (< 90, 90-110, > 110)",
    )
    tremor: Tremor = Field(
        description="absent 0; slightly_visible 2; moderate_arms_extended 4 (visible with arms "
        "extended); severe 6 (visible without extending arms)"
    )
    sweat: Sweat = Field(description="absent 0; moist_palms 2; beads_visible 4; drenching 6")
    hallucinations: Hallucinations = Field(
        description="absent 0; mild 1 (mostly lucid, sporadic); moderate 2 (intermittent); "
        "severe 3 (continuous)"
    )
    agitation: Agitation = Field(
        description="normal_or_sedated 0; somewhat_increased 3; moderately_fidgety 6 (RASS +2); "
        "pacing 9 (pacing, thrashing)"
    )
    orientation: Orientation = Field(
        description="oriented_x3 0; oriented_x2 2; oriented_x1 4; disoriented 6"
    )
    delusions: bool = Field(description="Delusions present (+6); absent or unable to assess 0")
    actively_seizing: bool = Field(description="Actively seizing (+6)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the nine mMINDS items (0-46)."""
    i = inputs
    s = Score()
    s.add("Pulse", i.pulse, vital_points(i.pulse), "< 90 → 0, 90-110 → 1, > 110 → 2")
    s.add(
        "Diastolic BP",
        i.diastolic_bp,
        vital_points(i.diastolic_bp),
        "< 90 → 0, 90-110 → 1, > 110 → 2",
    )
    for label, key, table in (
        ("Tremor", i.tremor, TREMOR),
        ("Sweat", i.sweat, SWEAT),
        ("Hallucinations", i.hallucinations, HALLUCINATIONS),
        ("Agitation", i.agitation, AGITATION),
        ("Orientation", i.orientation, ORIENTATION),
    ):
        points, names = table[key]
        s.add(label, key, points, names[0])
    s.flag("Delusions present", i.delusions, DELUSION_POINTS)
    s.flag("Actively seizing", i.actively_seizing, SEIZURE_POINTS)
    total = int(s.total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"mMINDS {total}/46: higher scores mean more severe alcohol withdrawal; "
        "the score drives the symptom-triggered benzodiazepine protocol in use.",
        steps=s.steps,
    )


def _option(value: Any, table: Mapping[str, tuple[int, tuple[str, ...]]], *, field: str) -> str:
    text = str(value)
    # 'RASS +2 (Moderately fidgety/restless, +6)': the anchor text may sit in the brackets.
    parts = [p.strip(" ,") for p in re.split(r"[()]", text) if p.strip(" ,")]
    options = {k: names for k, (_, names) in table.items()}
    for part in [text, *parts]:
        cleaned = re.sub(r",?\s*[+]\d+\s*$", "", part).strip()
        try:
            return str(match_option(cleaned, options, field=field))
        except AdapterError:
            continue
    return str(match_option(text, options, field=field))


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('108 bpm (90-110 category, +1)', 'Beads visible (+4)') → kwargs."""
    f = Fields(inputs, META.id)

    def option(keys: tuple[str, ...], table: Mapping[str, tuple[int, tuple[str, ...]]]) -> str:
        field, value = f.raw(*keys)
        return _option(value, table, field=f"{META.id}: {field}")

    delusions_field, delusions = f.raw("delusion")
    seizure_field, seizures = f.raw("seizure")
    return {
        "pulse": f.number("pulse", "heart rate"),
        "diastolic_bp": f.number("diastolic"),
        "tremor": option(("tremor",), TREMOR),
        "sweat": option(("sweat", "diaphoresis"), SWEAT),
        "hallucinations": option(("hallucination",), HALLUCINATIONS),
        "agitation": option(("agitation",), AGITATION),
        "orientation": option(("orientation", "oriented"), ORIENTATION),
        "delusions": _present(delusions, field=delusions_field, yes=("present",)),
        "actively_seizing": _present(seizures, field=seizure_field, yes=("actively seizing",)),
    }


def _present(value: Any, *, field: str, yes: tuple[str, ...]) -> bool:
    text = str(value).strip().lower()
    if text.startswith(("not ", "no", "absent", "unable")):
        return False
    if text.startswith(("yes", *yes)):
        return True
    raise MedMCPInputError(f"{META.id}: {field}: expected present/absent, found {value!r}.")
