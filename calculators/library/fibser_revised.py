"""Frequency, Intensity and Burden of Side Effects Rating (FIBSER), revised."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields, match_option

META = CalculatorMeta(
    id="fibser_revised",
    name="Frequency, Intensity and Burden of Side Effects Rating Scale (FIBSER) Revised",
    synonyms=("FIBSER", "FIBSER revised", "Frequency, Intensity, and Burden of Side Effects"),
    category="psychiatry",
    source="Wisniewski SR, Rush AJ, Balasubramani GK, Trivedi MH, Nierenberg AA; STAR*D "
    "Investigators. Self-rated global measure of the frequency, intensity, and burden of side "
    "effects. J Psychiatr Pract. 2006;12(2):71-9; revised wording and scoring guidance: Lam RW, "
    "UBC Working with Depression, 'FIBSER revised, 2018' "
    "(https://workingwithdepression.psychiatry.ubc.ca).",
    output_type="integer",
    description="Self-rated antidepressant side effects; the burden item (0-6) drives action: "
    "0-2 no change, 3-4 address the side effects, 5-6 lower the dose or switch.",
)

#: Burden levels as the revised FIBSER groups them (UBC guidance: 0-2 'None to Mild', 3-4
#: 'Moderate to Marked', 5-6 'Severe ... or Unable to Function' interference).
BURDEN: dict[int, tuple[str, ...]] = {
    0: ("No interference", "None"),
    2: ("Mild interference", "Mild"),
    3: ("Moderate interference", "Moderate"),
    4: ("Marked interference", "Marked"),
    5: ("Severe interference", "Severe"),
    6: ("Unable to function",),
}


class Inputs(CalcInputs):
    """The burden item (scored) and, optionally, the frequency and intensity items."""

    burden: int = Field(
        ge=0,
        le=6,
        description="Item 3, interference of side effects with day-to-day activities in the "
        "past week: 0 none ... 2 mild, 3 moderate, 4 marked, 5 severe, 6 unable to function",
    )
    frequency: int | None = Field(
        None, ge=0, le=6, description="Item 1, frequency of side effects (0-6; unscored)"
    )
    intensity: int | None = Field(
        None, ge=0, le=6, description="Item 2, intensity of side effects (0-6; unscored)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """The burden score with the STAR*D / revised-FIBSER action."""
    b = inputs.burden
    # UBC revised FIBSER guidance (from the STAR*D protocol): burden 0-2 no change in
    # medication, 3-4 address the side effects, 5-6 decrease the dose or switch medication.
    if b <= 2:
        action = "No change in medication needed for side effects"
    elif b <= 4:
        action = "Side effects should be addressed (dose change, side-effect antidote)"
    else:
        action = "Decrease the dose or switch the medication"
    return CalcResult(
        calculator=META.id,
        value=b,
        interpretation=f"{action} (FIBSER burden {b}/6).",
        steps=[
            Step(label="Frequency (unscored)", value=inputs.frequency),
            Step(label="Intensity (unscored)", value=inputs.intensity),
            Step(label="Burden (scored)", value=b, points=b, total=b),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (burden as 'Marked interference ...') → kwargs.

    The frequency and intensity items are unscored and their revised wording is not mapped
    to levels here, so they are left out.
    """
    f = Fields(inputs, META.id)
    field, value = f.raw("interference", "burden")
    return {"burden": match_option(value, BURDEN, field=f"{META.id}: {field}")}
