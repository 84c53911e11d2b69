"""Risk of Paradoxical Embolism (RoPE) score for cryptogenic stroke with a PFO."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields, parse_yes
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="rope_score",
    name="Risk of Paradoxical Embolism (RoPE) Score",
    synonyms=("RoPE score", "RoPE", "Risk of Paradoxical Embolism score"),
    category="neurology",
    source="Kent DM, Ruthazer R, Weimar C, et al. An index to identify stroke-related vs "
    "incidental patent foramen ovale in cryptogenic stroke. Neurology. 2013;81(7):619-625.",
    output_type="integer",
    description="0-10 points from age and the absence of vascular risk factors, plus a cortical "
    "infarct: the higher the score, the likelier a PFO found after a cryptogenic stroke is "
    "stroke-related rather than incidental.",
)

# Kent 2013: 1 point each for no history of hypertension, no diabetes, no prior stroke or TIA,
# being a nonsmoker and a cortical infarct on imaging; age 18-29: 5, 30-39: 4, 40-49: 3,
# 50-59: 2, 60-69: 1, ≥ 70: 0 (the score table as reproduced by MDCalc's input list and the
# open-source "spec-v850" RoPE tile, which quotes the paper).
_AGE_BANDS: tuple[tuple[float, int], ...] = ((30, 5), (40, 4), (50, 3), (60, 2), (70, 1))

# Kent 2013 results table (reproduced by mdapp.co and the spec-v850 tile): RoPE score →
# PFO-attributable fraction (%) and estimated 2-year stroke/TIA recurrence (%).
_STRATA: tuple[tuple[int, int, int, str], ...] = (
    (3, 0, 20, "0-3"),
    (4, 38, 12, "4"),
    (5, 34, 7, "5"),
    (6, 62, 8, "6"),
    (7, 72, 6, "7"),
    (8, 84, 6, "8"),
    (10, 88, 2, "9-10"),
)


class Inputs(QuantityInputs):
    """Inputs of the RoPE score (history as recorded before the index stroke)."""

    age: float = quantity(
        "age",
        "years",
        ge=18,
        le=120,
        description="Age (18-29: +5; 30-39: +4; 40-49: +3; 50-59: +2; 60-69: +1; ≥ 70: 0)",
    )
    hypertension: bool = Field(description="History of hypertension (absent: +1)")
    diabetes: bool = Field(description="History of diabetes (absent: +1)")
    prior_stroke_or_tia: bool = Field(description="History of stroke or TIA (absent: +1)")
    smoker: bool = Field(description="Current smoker (nonsmoker: +1)")
    cortical_infarct: bool = Field(description="Cortical infarct on imaging (+1)")


def age_points(age: float) -> int:
    """RoPE points for age: 5 below 30 years, one fewer per decade, 0 from 70."""
    for upper, points in _AGE_BANDS:
        if age < upper:
            return points
    return 0


def stratum(score: int) -> tuple[int, int, str]:
    """The PFO-attributable fraction (%), 2-year recurrence (%) and band label of a score."""
    for upper, fraction, recurrence, label in _STRATA:
        if score <= upper:
            return fraction, recurrence, label
    raise ValueError(f"RoPE score must be 0-10, found {score}.")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the RoPE points (Kent 2013)."""
    i = inputs
    s = Score()
    s.flag("No history of hypertension", not i.hypertension, 1)
    s.flag("No history of diabetes", not i.diabetes, 1)
    s.flag("No history of stroke or TIA", not i.prior_stroke_or_tia, 1)
    s.flag("Nonsmoker", not i.smoker, 1)
    s.flag("Cortical infarct on imaging", i.cortical_infarct, 1)
    s.add("Age", i.age, age_points(i.age), "18-29: 5; 30-39: 4; 40-49: 3; 50-59: 2; 60-69: 1")
    total = int(s.total)
    fraction, recurrence, band = stratum(total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=(
            f"RoPE {total} (stratum {band}): PFO-attributable fraction {fraction}%, estimated "
            f"2-year stroke/TIA recurrence {recurrence}%."
        ),
        steps=s.steps,
        warnings=[
            "For cryptogenic stroke with a PFO found and no other compelling cause; a high score "
            "means a likelier PFO-related stroke, not a higher recurrence risk."
        ],
        extra={"attributable_fraction_percent": fraction, "recurrence_2y_percent": recurrence},
    )


def _history(f: Fields, *keys: str) -> bool:
    """A yes/no item, whether its field asks 'History of X' / 'Smoker' or 'No X' / 'Nonsmoker'."""
    field, value = f.raw(*keys)
    present = parse_yes(value, field=field)
    negated = field.strip().lower().startswith(("no ", "no history", "non", "absence"))
    return not present if negated else present


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, the four history items, cortical infarct) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "age": f.quantity("age", default_unit="years"),
        "hypertension": _history(f, "hypertension", "htn"),
        "diabetes": _history(f, "diabetes"),
        "prior_stroke_or_tia": _history(f, "stroke or tia", "prior stroke", "tia"),
        "cortical_infarct": f.yes("cortical"),
    }
    out["smoker"] = _history(f, "smok", "nonsmoker", "tobacco")
    return out
