"""Webster Rating Scale for Parkinson's disease."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="webster_parkinson",
    name="Webster Rating Scale for Parkinson's Disease",
    synonyms=("Webster Rating Scale for Parkinson’s Disease", "Webster rating scale", "WRS"),
    category="neurology",
    source="Webster DD. Critical analysis of the disability in Parkinson's disease. Mod Treat. "
    "1968;5(2):257-82.",
    output_type="integer",
    description="Ten signs of Parkinson's disease rated 0-3 (0-30): 1-10 early illness, 11-20 "
    "moderate disability, 21-30 severe or advanced disease.",
)

# Webster 1968 anchors (0 none ... 3 severe), in the short wording MDCalc reprints.
ITEMS: dict[str, ri.RatedItem] = {
    "bradykinesia_hands": ri.RatedItem(
        "Bradykinesia of hands",
        {
            0: ("None",),
            1: (
                "Detectable slowing of supination-pronation rate; beginning difficulty in hand "
                "dexterity",
            ),
            2: (
                "Moderate slowing of supination-pronation rate; moderately impaired hand "
                "function; micrographia present",
            ),
            3: (
                "Severe slowing of supination-pronation rate; unable to write; marked "
                "difficulty with utensils",
            ),
        },
        ("bradykinesia",),
    ),
    "rigidity": ri.RatedItem(
        "Rigidity",
        {
            0: ("Non-detectable",),
            1: ("Detectable rigidity in neck and shoulders; activation phenomenon present",),
            2: (
                "Moderate rigidity in neck and shoulders; resting rigidity present if not on "
                "medication",
            ),
            3: (
                "Severe rigidity in neck and shoulders; resting rigidity cannot be reversed by "
                "medication",
            ),
        },
        ("rigidity",),
    ),
    "posture": ri.RatedItem(
        "Posture",
        {
            0: ("Normal posture; head flexed forward less than 4 inches",),
            1: ("Beginning poker spine; head flexed forward up to 5 inches",),
            2: (
                "Beginning arm flexion; head flexed forward up to 6 inches; one or both arms "
                "raised but still below waist",
            ),
            3: (
                "Onset of simian posture; head flexed forward more than 6 inches; one or both "
                "hands elevated above the waist; sharp flexion of hands; knees flexed",
            ),
        },
        ("posture",),
    ),
    "arm_swing": ri.RatedItem(
        "Upper extremity swing",
        {
            0: ("Swings both arms well",),
            1: ("One arm swing definitely decreased",),
            2: ("One arm fails to swing",),
            3: ("Both arms fail to swing",),
        },
        ("swing",),
    ),
    "gait": ri.RatedItem(
        "Gait",
        {
            0: ("Steps out well with 18-30 inch stride; turns about effortlessly",),
            1: (
                "Gait shortened to 12-18 inch stride; beginning to strike one heel; turn-around "
                "time slowing",
            ),
            2: (
                "Stride moderately shortened to 6-12 inches; both heels starting to strike "
                "floor forcefully",
            ),
            3: (
                "Onset of shuffling gait; steps less than 3 inches; occasional stuttering-type "
                "or blocking gait; walks on toes; turns around very slowly",
            ),
        },
        ("gait",),
    ),
    "tremor": ri.RatedItem(
        "Tremor",
        {
            0: ("No detectable tremor",),
            1: (
                "Less than 1 inch of peak-to-peak tremor movement in limbs or head at rest or "
                "in either hand while walking or during finger-to-nose testing",
            ),
            2: (
                "Maximum tremor envelope fails to exceed 4 inches; tremor severe but not "
                "constant; patient retains some control of hands",
            ),
            3: (
                "Tremor envelope exceeds 4 inches; tremor constant and severe; writing and "
                "feeding self impossible",
            ),
        },
        ("tremor",),
    ),
    "facies": ri.RatedItem(
        "Facies",
        {
            0: ("Normal; full animation; no stare",),
            1: (
                "Detectable immobility; mouth remains closed; beginning features of anxiety or "
                "depression",
            ),
            2: (
                "Moderate immobility; emotion breaks through at markedly increased threshold; "
                "lips parted some of the time",
            ),
            3: ("Frozen facies; mouth open 1/4 inch or more; drooling may be severe",),
        },
        ("facies", "facial"),
    ),
    "seborrhea": ri.RatedItem(
        "Seborrhea",
        {
            0: ("None",),
            1: ("Increased perspiration; secretion remaining thin",),
            2: ("Obvious oiliness present; secretion much thicker",),
            3: ("Marked seborrhea; entire face and head covered by thick secretion",),
        },
        ("seborrhea", "seborrhoea"),
    ),
    "speech": ri.RatedItem(
        "Speech",
        {
            0: ("Clear, loud, resonant, easily understood",),
            1: (
                "Beginning of hoarseness with loss of inflection and resonance; good volume "
                "and still easily understood",
            ),
            2: (
                "Moderate hoarseness and weakness; constant monotone; beginning of dysarthria; "
                "difficult to understand",
            ),
            3: ("Marked harshness and weakness; very difficult to hear and to understand",),
        },
        ("speech",),
    ),
    "self_care": ri.RatedItem(
        "Self-care",
        {
            0: ("No impairment",),
            1: (
                "Still provides full self-care but rate of dressing definitely impeded; able to "
                "live alone",
            ),
            2: (
                "Requires help in certain critical areas; very slow in performing most "
                "activities but manages by taking much time",
            ),
            3: ("Continuously disabled; unable to dress, feed self or walk alone",),
        },
        ("self care", "self-care"),
    ),
}


class Inputs(CalcInputs):
    """The ten Webster items, each 0-3."""

    bradykinesia_hands: int = ri.item_field(ITEMS["bradykinesia_hands"])
    rigidity: int = ri.item_field(ITEMS["rigidity"])
    posture: int = ri.item_field(ITEMS["posture"])
    arm_swing: int = ri.item_field(ITEMS["arm_swing"])
    gait: int = ri.item_field(ITEMS["gait"])
    tremor: int = ri.item_field(ITEMS["tremor"])
    facies: int = ri.item_field(ITEMS["facies"])
    seborrhea: int = ri.item_field(ITEMS["seborrhea"])
    speech: int = ri.item_field(ITEMS["speech"])
    self_care: int = ri.item_field(ITEMS["self_care"])

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        ri.check_levels(self.model_dump(), ITEMS)
        return self


def _band(total: int) -> str:
    # Webster 1968 bands: 1-10 early illness, 11-20 moderate disability, 21-30 severe or
    # advanced disease (as MDCalc reports them).
    if total == 0:
        return "No signs of Parkinson's disease"
    if total <= 10:
        return "Early illness"
    if total <= 20:
        return "Moderate disability"
    return "Severe or advanced disease"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the ten items (0-30) with the Webster severity band."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{_band(total)} (Webster {total}/30)",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('2 (Moderate slowing ...)' per item) → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
