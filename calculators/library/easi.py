"""Eczema Area and Severity Index (EASI)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _skin_regions as sk
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="easi",
    name="Eczema Area and Severity Index (EASI)",
    synonyms=("EASI", "EASI score", "Eczema Area and Severity Index"),
    category="dermatology",
    source="Hanifin JM, Thurston M, Omoto M, Cherill R, Tofte SJ, Graeber M. The eczema area "
    "and severity index (EASI): assessment of reliability in atopic dermatitis. Exp Dermatol. "
    "2001;10(1):11-18.",
    output_type="decimal",
    description="Per region (head/neck, upper limbs, trunk, lower limbs): (erythema + "
    "thickness + excoriation + lichenification, each 0-3) × area score (0-6) × region weight; "
    "total 0-72.",
)

Intensity = float
AgeGroup = Literal["8_or_older", "0_to_7"]

# Region weights (Hanifin 2001; DermNet NZ EASI page): ≥ 8 years head/neck 0.1, upper limbs
# 0.2, trunk 0.3, lower limbs 0.4; children 0-7 years head/neck 0.2 and lower limbs 0.3.
WEIGHTS = {
    "8_or_older": {"head_neck": 0.1, "upper_limbs": 0.2, "trunk": 0.3, "lower_limbs": 0.4},
    "0_to_7": {"head_neck": 0.2, "upper_limbs": 0.2, "trunk": 0.3, "lower_limbs": 0.3},
}
SIGNS = ("erythema", "thickness", "excoriation", "lichenification")


def _sign(region: str, sign: str) -> Any:
    return Field(
        ge=0,
        le=3,
        multiple_of=0.5,
        description=f"{sk.LABELS[region]} {sign}: 0 none, 1 mild, 2 moderate, 3 severe "
        "(half points allowed)",
    )


def _area(region: str) -> Any:
    return Field(
        ge=0,
        le=6,
        description=f"{sk.LABELS[region]} area score: 0 none, 1 = 1-9%, 2 = 10-29%, "
        "3 = 30-49%, 4 = 50-69%, 5 = 70-89%, 6 = 90-100%",
    )


class Inputs(CalcInputs):
    """Intensity of the four signs and the area score in each of the four regions."""

    age_group: AgeGroup = Field(description="8_or_older or 0_to_7 years (changes two weights)")
    head_neck_erythema: Intensity = _sign("head_neck", "erythema")
    head_neck_thickness: Intensity = _sign("head_neck", "thickness (oedema/papulation)")
    head_neck_excoriation: Intensity = _sign("head_neck", "excoriation")
    head_neck_lichenification: Intensity = _sign("head_neck", "lichenification")
    head_neck_area: int = _area("head_neck")
    upper_limbs_erythema: Intensity = _sign("upper_limbs", "erythema")
    upper_limbs_thickness: Intensity = _sign("upper_limbs", "thickness (oedema/papulation)")
    upper_limbs_excoriation: Intensity = _sign("upper_limbs", "excoriation")
    upper_limbs_lichenification: Intensity = _sign("upper_limbs", "lichenification")
    upper_limbs_area: int = _area("upper_limbs")
    trunk_erythema: Intensity = _sign("trunk", "erythema")
    trunk_thickness: Intensity = _sign("trunk", "thickness (oedema/papulation)")
    trunk_excoriation: Intensity = _sign("trunk", "excoriation")
    trunk_lichenification: Intensity = _sign("trunk", "lichenification")
    trunk_area: int = _area("trunk")
    lower_limbs_erythema: Intensity = _sign("lower_limbs", "erythema")
    lower_limbs_thickness: Intensity = _sign("lower_limbs", "thickness (oedema/papulation)")
    lower_limbs_excoriation: Intensity = _sign("lower_limbs", "excoriation")
    lower_limbs_lichenification: Intensity = _sign("lower_limbs", "lichenification")
    lower_limbs_area: int = _area("lower_limbs")


def compute(inputs: Inputs) -> CalcResult:
    """Sum over regions of (sum of sign intensities) × area score × weight (Hanifin 2001)."""
    weights = WEIGHTS[inputs.age_group]
    steps, total, regions = sk.region_scores(inputs, SIGNS, weights, "EASI")
    value = round(total, 1)
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"EASI {value} of 72 (higher is more severe atopic dermatitis).",
        steps=steps,
        extra={"regions": regions},
    )


_SEVERITY = {
    0: ("none", "absent", "clear"),
    1: ("mild", "just perceptible"),
    2: ("moderate", "obvious"),
    3: ("severe",),
}
_SIGN_KEYS = {
    "erythema": ("redness", "erythema"),
    "thickness": ("thickness", "papulation", "induration", "edema", "oedema"),
    "excoriation": ("scratching", "excoriation"),
    "lichenification": ("lichenification",),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc EASI inputs ('Head/neck - Redness': 'Moderate (obvious) [+2]') → kwargs.

    Items give no age: the adult weights (≥ 8 years) apply unless an age field says 0-7.
    """
    f = Fields(inputs, META.id)
    age_group = "8_or_older"
    if f.has("age"):
        age_group = "0_to_7" if f.number("age") < 8 else "8_or_older"
    out: dict[str, Any] = {"age_group": age_group}
    out.update(sk.read_regions(f, _SIGN_KEYS, _SEVERITY))
    return out
