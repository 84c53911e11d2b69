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

from m3agent.calculators.base import CalcResult, Step
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score


def joints(what: str) -> Any:
    """A 0-28 joint count field."""
    return Field(ge=0, le=28, description=f"{what} joint count (of 28)")


def global_health_mm() -> Any:
    """The DAS28 patient global assessment of health field (0-100 mm VAS)."""
    return Field(ge=0, le=100, description="Patient global assessment of health, 0-100 mm VAS")


def global_0_10_field(who: str) -> Any:
    """A CDAI/SDAI 0-10 global assessment field; ``who`` is 'Patient' or 'Evaluator'."""
    return Field(ge=0, le=10, description=f"{who} global assessment, 0-10")


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


def das28_result(
    calculator: str, index: str, inputs: Any, marker_term: float, marker_label: str, const: float
) -> CalcResult:
    """The DAS28 result: the score to 2 decimals with its das-score.nl band.

    Args:
        calculator: The calculator id.
        index: The index's name in the interpretation (``"DAS28-CRP"``).
        inputs: Inputs with ``tender_joints``, ``swollen_joints`` and ``patient_global``.
        marker_term: The acute-phase marker's term (already weighted).
        marker_label: How the marker's step is labelled (``"0.70 × ln ESR"``).
        const: The formula's constant (0 when it has none).
    """
    total, steps = das28(
        inputs.tender_joints,
        inputs.swollen_joints,
        marker_term,
        marker_label,
        inputs.patient_global,
        const,
    )
    band = das28_band(total)
    return CalcResult(
        calculator=calculator,
        value=round(total, 2),
        interpretation=f"{band} disease activity ({index} {total:.2f}; remission < 2.6, "
        "low < 3.2, moderate ≤ 5.1, high > 5.1).",
        steps=steps,
        extra={"category": band},
    )


def clinical_score(inputs: Any) -> Score:
    """The CDAI sum, one step per component: TJC28 + SJC28 + patient + evaluator global."""
    s = Score()
    s.add("Tender joints (28)", inputs.tender_joints, inputs.tender_joints)
    s.add("Swollen joints (28)", inputs.swollen_joints, inputs.swollen_joints)
    s.add("Patient global (0-10)", inputs.patient_global, inputs.patient_global)
    s.add("Evaluator global (0-10)", inputs.evaluator_global, inputs.evaluator_global)
    return s


def clinical_result(
    calculator: str, index: str, s: Score, remission: float, low: float, moderate: float
) -> CalcResult:
    """The CDAI/SDAI result: the sum to 1 decimal with its ACR band (:func:`upper_band`)."""
    total = round(s.total, 1)
    band = upper_band(total, remission, low, moderate)
    return CalcResult(
        calculator=calculator,
        value=total,
        interpretation=f"{band} disease activity ({index} {total:g}; remission ≤ {remission:g}, "
        f"low ≤ {low:g}, moderate ≤ {moderate:g}, high > {moderate:g}).",
        steps=s.steps,
        extra={"category": band},
    )


def read_joints(f: Fields) -> dict[str, float]:
    """Tender and swollen joint counts from a MedMCP-Calc item."""
    return {
        "tender_joints": f.number("tender"),
        "swollen_joints": f.number("swollen"),
    }


def read_das28_global(f: Fields) -> float:
    """The DAS28 patient global health (0-100 mm) from a MedMCP-Calc item."""
    return global_0_100(f, "patient global", "global health", "global")


def read_globals_0_10(f: Fields) -> dict[str, float]:
    """The CDAI/SDAI patient and evaluator global assessments (0-10) from a MedMCP-Calc item."""
    return {
        "patient_global": global_0_10(f, "patient global", "patient"),
        "evaluator_global": global_0_10(f, "evaluator", "provider", "physician"),
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
