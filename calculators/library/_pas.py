"""What the Patient Activity Scales (PAS, PAS-II) share: the 0-3 answers and the composite.

PAS = (HAQ × 3.33 + pain VAS 0-10 + patient global VAS 0-10) / 3, on 0-10 (Wolfe F, Michaud
K, Pincus T. J Rheumatol. 2005;32(12):2410-2415, PMID 16331773; the LOINC 75840-9 formula
reads the same). PAS-II uses the HAQ-II in place of the HAQ. The disease-activity bands are
the ACR-endorsed ones for "PAS or PAS-II" (Anderson J, Caplan L, Yazdany J, et al. Rheumatoid
arthritis disease activity measures: American College of Rheumatology recommendations for use
in clinical practice. Arthritis Care Res. 2012;64(5):640-647, Table 3 as reprinted in the ACR
RA guideline pocket card): remission 0-0.25, low > 0.25-3.7, moderate > 3.7-< 8.0, high ≥ 8.0.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import Step

#: HAQ / HAQ-II answer → points (both questionnaires print the same four answers).
ABILITY: dict[int, tuple[str, ...]] = {
    0: ("Without any difficulty", "No difficulty"),
    1: ("With some difficulty", "Some difficulty"),
    2: ("With much difficulty", "Much difficulty"),
    3: ("Unable to do", "Unable"),
}

#: The HAQ is multiplied by 3.33 to put its 0-3 range on 0-10 (Wolfe 2005).
HAQ_SCALE = 3.33


def ability_item(question: str) -> Any:
    """A 0-3 HAQ item field whose description names the question and the answers."""
    return Field(
        ge=0,
        le=3,
        description=f"{question} (0 without any difficulty, 1 with some difficulty, "
        "2 with much difficulty, 3 unable to do)",
    )


def vas_field(what: str) -> Any:
    """A required 0-10 patient visual analogue scale field."""
    return Field(ge=0, le=10, description=f"{what}, 0-10 (10 worst)")


def category(pas: float) -> str:
    """The ACR disease-activity band of a PAS / PAS-II value (Anderson 2012)."""
    if pas <= 0.25:
        return "Remission"
    if pas <= 3.7:
        return "Low"
    if pas < 8.0:
        return "Moderate"
    return "High"


def composite(haq: float, pain: float, global_: float, label: str) -> tuple[float, list[Step]]:
    """Return the PAS value and its three component steps.

    Args:
        haq: The HAQ (PAS) or HAQ-II (PAS-II) score, 0-3.
        pain: Pain VAS, 0-10.
        global_: Patient global assessment, 0-10.
        label: ``"HAQ-DI"`` or ``"HAQ-II"`` for the step labels.
    """
    function = haq * HAQ_SCALE
    total = (function + pain + global_) / 3
    steps = [
        Step(label=f"{label} × 3.33", value=round(function, 4), detail=f"{haq:g} × 3.33"),
        Step(label="Pain VAS", value=pain),
        Step(label="Patient global assessment", value=global_),
        Step(
            label="PAS",
            value=round(total, 4),
            detail=f"({function:.4f} + {pain:g} + {global_:g}) / 3",
        ),
    ]
    return total, steps
