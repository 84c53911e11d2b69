"""What the RA disease-activity indices share: joint-count fields and the activity bands.

Bands (the ACR-endorsed thresholds, Anderson J, et al. Arthritis Care Res. 2012;64(5):640-647,
Table 3 as reprinted in the ACR RA guideline; DAS28 bands also on the DAS authors' site
das-score.nl, which applies them to DAS28-ESR and DAS28-CRP alike):

- DAS28: remission < 2.6, low ≥ 2.6-< 3.2, moderate ≥ 3.2-≤ 5.1, high > 5.1;
- CDAI: remission ≤ 2.8, low > 2.8-10, moderate > 10-22, high > 22;
- SDAI: remission ≤ 3.3, low > 3.3-11, moderate > 11-26, high > 26.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import Step
from m3agent.calculators.library._medmcp_fields import Fields


def joints(what: str) -> Any:
    """A 0-28 joint count field."""
    return Field(ge=0, le=28, description=f"{what} joint count (of 28)")


def das28_band(das: float) -> str:
    """DAS28 band (remission < 2.6, low < 3.2, moderate ≤ 5.1, high > 5.1)."""
    if das < 2.6:
        return "Remission"
    if das < 3.2:
        return "Low"
    if das <= 5.1:
        return "Moderate"
    return "High"


def upper_band(value: float, remission: float, low: float, moderate: float) -> str:
    """CDAI/SDAI band: each threshold is the inclusive upper end of its band."""
    if value <= remission:
        return "Remission"
    if value <= low:
        return "Low"
    if value <= moderate:
        return "Moderate"
    return "High"


def das28(
    tender: int, swollen: int, marker_term: float, marker_label: str, global_mm: float, const: float
) -> tuple[float, list[Step]]:
    """0.56 √TJC28 + 0.28 √SJC28 + marker term + 0.014 × global (mm) + constant (das-score.nl)."""
    terms = [
        ("0.56 × √tender", 0.56 * math.sqrt(tender)),
        ("0.28 × √swollen", 0.28 * math.sqrt(swollen)),
        (marker_label, marker_term),
        ("0.014 × patient global (mm)", 0.014 * global_mm),
    ]
    if const:
        terms.append(("Constant", const))
    steps: list[Step] = []
    total = 0.0
    for label, term in terms:
        total += term
        steps.append(Step(label=label, value=round(term, 4), total=round(total, 4)))
    return total, steps


def read_joints(f: Fields) -> dict[str, float]:
    """Tender and swollen joint counts from a MedMCP-Calc item."""
    return {
        "tender_joints": f.number("tender"),
        "swollen_joints": f.number("swollen"),
    }


def global_0_10(f: Fields, *keys: str) -> float:
    """A 0-10 global assessment; a value above 10 is taken as written on a 100 mm scale."""
    v = f.number(*keys)
    return v / 10 if v > 10 else v


def global_0_100(f: Fields, *keys: str) -> float:
    """A 0-100 mm global assessment; a value written 'x/10' or 'cm' is scaled to mm."""
    field, raw = f.raw(*keys)
    v = f.number(*keys)
    text = f"{field} {raw}".lower()
    return v * 10 if ("/10" in text and "/100" not in text) or "cm" in text else v
