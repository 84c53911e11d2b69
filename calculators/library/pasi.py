"""Psoriasis Area and Severity Index (PASI)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _skin_regions as sk
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="pasi",
    name="Psoriasis Area and Severity Index (PASI)",
    synonyms=("PASI", "PASI score", "Psoriasis Area and Severity Index"),
    category="dermatology",
    source="Fredriksson T, Pettersson U. Severe psoriasis--oral therapy with a new retinoid. "
    "Dermatologica. 1978;157(4):238-244.",
    output_type="decimal",
    description="Per region (head/neck 0.1, upper limbs 0.2, trunk 0.3, lower limbs 0.4): "
    "(erythema + induration + desquamation, each 0-4) × area score (0-6) × weight; total 0-72.",
)

# Region weights: Fredriksson 1978 (head 0.1, upper extremities 0.2, trunk 0.3, lower
# extremities 0.4: the share of body surface of each region).
WEIGHTS = {"head_neck": 0.1, "upper_limbs": 0.2, "trunk": 0.3, "lower_limbs": 0.4}
SIGNS = ("erythema", "induration", "desquamation")


def _sign(region: str, sign: str) -> Any:
    return Field(
        ge=0,
        le=4,
        description=f"{sk.LABELS[region]} {sign}: 0 none, 1 slight, 2 moderate, 3 severe, "
        "4 very severe",
    )


def _area(region: str) -> Any:
    return Field(
        ge=0,
        le=6,
        description=f"{sk.LABELS[region]} area score: 0 none, 1 = < 10%, 2 = 10-29%, "
        "3 = 30-49%, 4 = 50-69%, 5 = 70-89%, 6 = 90-100%",
    )


class Inputs(CalcInputs):
    """Severity of the three signs and the area score in each of the four regions."""

    head_neck_erythema: int = _sign("head_neck", "erythema")
    head_neck_induration: int = _sign("head_neck", "induration/thickness")
    head_neck_desquamation: int = _sign("head_neck", "desquamation/scaling")
    head_neck_area: int = _area("head_neck")
    upper_limbs_erythema: int = _sign("upper_limbs", "erythema")
    upper_limbs_induration: int = _sign("upper_limbs", "induration/thickness")
    upper_limbs_desquamation: int = _sign("upper_limbs", "desquamation/scaling")
    upper_limbs_area: int = _area("upper_limbs")
    trunk_erythema: int = _sign("trunk", "erythema")
    trunk_induration: int = _sign("trunk", "induration/thickness")
    trunk_desquamation: int = _sign("trunk", "desquamation/scaling")
    trunk_area: int = _area("trunk")
    lower_limbs_erythema: int = _sign("lower_limbs", "erythema")
    lower_limbs_induration: int = _sign("lower_limbs", "induration/thickness")
    lower_limbs_desquamation: int = _sign("lower_limbs", "desquamation/scaling")
    lower_limbs_area: int = _area("lower_limbs")


def compute(inputs: Inputs) -> CalcResult:
    """Sum over regions of (sum of sign severities) × area score × weight (Fredriksson 1978)."""
    steps, total, regions = sk.region_scores(inputs, SIGNS, WEIGHTS, "PASI")
    value = round(total, 1)
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"PASI {value} of 72 (0 no disease, 72 maximal severity).",
        steps=steps,
        extra={"regions": regions},
    )


_SEVERITY = {
    0: ("none", "absent", "clear"),
    1: ("slight", "mild"),
    2: ("moderate",),
    3: ("severe", "marked"),
    4: ("very severe", "very marked"),
}
_SIGN_KEYS = {
    "erythema": ("erythema", "redness"),
    "induration": ("induration", "thickness"),
    "desquamation": ("desquamation", "scaling"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PASI inputs ('Trunk - Erythema': 'Slight', '... Percentage': '1-9%')."""
    return sk.read_regions(Fields(inputs, META.id), _SIGN_KEYS, _SEVERITY)
