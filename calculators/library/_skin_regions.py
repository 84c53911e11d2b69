"""Shared parts of the EASI and PASI: body regions, their weights and the area score.

Both indices (PASI: Fredriksson 1978; EASI: Hanifin 2001, modelled on the PASI) split the body
into head/neck, upper limbs, trunk and lower limbs and grade the involved area of each region
0-6: 0 none, 1 = 1-9% (< 10%), 2 = 10-29%, 3 = 30-49%, 4 = 50-69%, 5 = 70-89%, 6 = 90-100%.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from m3agent.calculators.base import CalcInputs, Step
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields

REGIONS = ("head_neck", "upper_limbs", "trunk", "lower_limbs")
LABELS = {
    "head_neck": "Head/neck",
    "upper_limbs": "Upper limbs",
    "trunk": "Trunk",
    "lower_limbs": "Lower limbs",
}
#: Field-name prefixes MedMCP-Calc uses for each region.
REGION_KEYS = {
    "head_neck": ("head neck", "head"),
    "upper_limbs": ("upper limbs", "upper extremities", "arms"),
    "trunk": ("trunk",),
    "lower_limbs": ("lower limbs", "lower extremities", "legs"),
}

#: Lower bound (%) of each area score 1-6.
_AREA_BOUNDS = ((90, 6), (70, 5), (50, 4), (30, 3), (10, 2))


def area_score(percent: float) -> int:
    """Area score 0-6 for the percentage of a region involved."""
    if percent <= 0:
        return 0
    for lower, score in _AREA_BOUNDS:
        if percent >= lower:
            return score
    return 1


def read_area(value: Any, *, field: str) -> int:
    """Read an area score from MedMCP text: '10-29% [+2]', '1-9%', 'None', '35%' or '3'."""
    text = str(value).strip()
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*%", text)
    if m:
        return area_score(float(m.group(1)))
    m = re.search(r"(\d+(?:\.\d+)?)\s*%", text)
    if m:
        return area_score(float(m.group(1)))
    if re.match(r"(?i)\s*(none|no|0\b|nil)", text):
        return 0
    m = re.fullmatch(r"[0-6]", text)
    if m:
        return int(text)
    raise MedMCPInputError(
        f"{field}: expected an involved-area range such as '10-29%', found {value!r}."
    )


def region_scores(
    inputs: CalcInputs, signs: Sequence[str], weights: Mapping[str, float], index: str
) -> tuple[list[Step], float, dict[str, float]]:
    """Score each region as (sum of its sign grades) × area score × region weight.

    Args:
        inputs: Inputs with fields ``{region}_{sign}`` and ``{region}_area`` for every region.
        signs: The index's signs (field-name suffixes).
        weights: Region → weight.
        index: The index's name for the step labels ("PASI", "EASI").

    Returns:
        One Step per region (score rounded to 2 decimals, running total), the unrounded total
        and region → score rounded to 2 decimals.
    """
    steps: list[Step] = []
    total = 0.0
    regions: dict[str, float] = {}
    for region in REGIONS:
        severity = sum(getattr(inputs, f"{region}_{sign}") for sign in signs)
        area = getattr(inputs, f"{region}_area")
        score = severity * area * weights[region]
        total += score
        regions[region] = round(score, 2)
        steps.append(
            Step(
                label=f"{LABELS[region]} {index}",
                value=round(score, 2),
                points=round(score, 2),
                total=round(total, 2),
                detail=f"severity {severity:g} × area {area} × weight {weights[region]}",
            )
        )
    return steps, total, regions


def read_regions(
    fields: Fields,
    sign_keys: Mapping[str, tuple[str, ...]],
    severity: Mapping[int, tuple[str, ...]],
) -> dict[str, Any]:
    """Read every region's sign grades and area from MedMCP fields ('Trunk - Erythema').

    Args:
        fields: The item's inputs.
        sign_keys: Sign → words that name it in a field after the region prefix.
        severity: Grade → answer texts.

    Returns:
        kwargs ``{region}_{sign}`` and ``{region}_area`` for every region.
    """
    out: dict[str, Any] = {}
    for region in REGIONS:
        prefixes = REGION_KEYS[region]
        for sign, words in sign_keys.items():
            keys = [f"{p} {w}" for p in prefixes for w in words]
            out[f"{region}_{sign}"] = fields.option(*keys, options=severity)
        keys = [f"{p} {w}" for p in prefixes for w in ("percentage", "area")]
        field, value = fields.raw(*keys)
        out[f"{region}_area"] = read_area(value, field=field)
    return out
