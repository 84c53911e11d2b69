"""Shock Index, Pediatric Age-Adjusted (SIPA) for children 4-16 years old after blunt trauma."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="sipa",
    name="Shock Index, Pediatric Age-Adjusted (SIPA)",
    synonyms=("SIPA", "Pediatric age-adjusted shock index", "Shock index pediatric age adjusted"),
    category="trauma",
    source=(
        "Acker SN, Ross JT, Partrick DA, Tong S, Bensard DD. Pediatric specific shock index "
        "accurately identifies severely injured children. J Pediatr Surg. 2015;50(2):331-334."
    ),
    output_type="decimal",
    unit=None,
    description="Heart rate over systolic pressure compared with an age-specific upper limit "
    "(4-6 y: 1.22; 7-12 y: 1.0; 13-16 y: 0.9); above it flags the more severely injured "
    "children after blunt trauma.",
)

# Age band → upper limit of a normal shock index (Acker 2015, the maximum normal heart rate
# over the minimum normal systolic pressure for the band): elevated when SI exceeds it.
# (lowest age in the band, highest age in the band, cutoff).
CUTOFFS: tuple[tuple[int, int, float], ...] = ((4, 6, 1.22), (7, 12, 1.0), (13, 16, 0.9))


class Inputs(QuantityInputs):
    """Inputs of SIPA (validated for blunt trauma at ages 4-16 years)."""

    age: float = quantity(
        "age", "years", ge=4, le=16.999, description="Age (the published bands cover 4-16 years)"
    )
    heart_rate: float = quantity("rate", "/min", ge=10, le=300, description="Heart rate")
    systolic_bp: float = quantity(
        "pressure", "mmHg", ge=20, le=300, description="Systolic blood pressure"
    )


def cutoff_for(age_years: float) -> float:
    """The SIPA cutoff for an age in completed years (4-16)."""
    whole = int(age_years)
    for low, high, cut in CUTOFFS:
        if low <= whole <= high:
            return cut
    raise ValueError(f"age {age_years:g} years is outside the SIPA bands (4-16 years)")


def compute(inputs: Inputs) -> CalcResult:
    """Shock index (HR / SBP) against the age band's cutoff."""
    si = inputs.heart_rate / inputs.systolic_bp
    cut = cutoff_for(inputs.age)
    elevated = si > cut
    band = next(f"{lo}-{hi} y" for lo, hi, c in CUTOFFS if c == cut)
    verdict = "Elevated" if elevated else "Not elevated"
    meaning = (
        "associated with severe injury, blood transfusion, ICU admission and in-hospital death"
        if elevated
        else "shock index within the normal limit for age"
    )
    return CalcResult(
        calculator=META.id,
        value=round(si, 2),
        interpretation=f"{verdict} SIPA ({si:.2f} {'>' if elevated else '≤'} {cut:g} for "
        f"{band}): {meaning}.",
        steps=[
            Step(
                label="Shock index",
                value=round(si, 3),
                detail=f"{inputs.heart_rate:g} /min ÷ {inputs.systolic_bp:g} mmHg",
            ),
            Step(
                label=f"Cutoff for age {band}",
                value=cut,
                detail=f"elevated when SI > {cut:g}; {verdict.lower()}",
            ),
        ],
        extra={"cutoff": cut, "elevated": elevated},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, heart rate, systolic BP) → inputs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "heart_rate": f.quantity("heart rate", "pulse"),
        "systolic_bp": f.quantity("systolic", "sbp"),
    }
