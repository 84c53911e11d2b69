"""Osteoporosis Index of Risk (OSIRIS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="osiris",
    name="Osteoporosis Index of Risk (OSIRIS)",
    synonyms=("OSIRIS", "osteoporosis index of risk"),
    category="rheumatology",
    source="Sedrine WB, Chevallier T, Zegels B, et al. Development and assessment of the "
    "Osteoporosis Index of Risk (OSIRIS) to facilitate selection of women for bone "
    "densitometry. Gynecol Endocrinol. 2002;16(3):245-50.",
    output_type="integer",
    unit=None,
    description="Prescreening index for low BMD in postmenopausal women from age, weight, "
    "hormone therapy and prior low-impact fracture.",
)


class Inputs(QuantityInputs):
    """Inputs of OSIRIS."""

    age: float = quantity("age", "years", ge=40, le=110, description="Age")
    weight: float = quantity("weight", "kg", ge=25, le=250, description="Body weight")
    current_hrt: bool = Field(description="Current hormone replacement therapy")
    prior_low_impact_fracture: bool = Field(description="History of low-impact fracture")


def _round_half_away(x: float) -> int:
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def compute(inputs: Inputs) -> CalcResult:
    """OSIRIS = round(0.2 × (weight − age)) + 2 if HRT − 2 if prior low-impact fracture."""
    raw = 0.2 * (inputs.weight - inputs.age)
    # Sedrine 2002 keeps the weighted term as a whole number; it is rounded to the nearest
    # integer here (half away from zero).
    base = _round_half_away(raw)
    steps, total = tally(
        [
            ("0.2 × (weight − age), rounded", round(raw, 2), base),
            (
                "Current hormone replacement therapy",
                inputs.current_hrt,
                2 if inputs.current_hrt else 0,
            ),
            (
                "Prior low-impact fracture",
                inputs.prior_low_impact_fracture,
                -2 if inputs.prior_low_impact_fracture else 0,
            ),
        ]
    )
    score = int(total)
    # Sedrine 2002: >+1 low risk, −3 to +1 intermediate, < −3 high; the validation study
    # (Reginster JY, et al. Gynecol Endocrinol 2004;18:3-8) puts −3 itself in the high group.
    if score > 1:
        label = "Low risk (>+1): BMD measurement can be postponed"
    elif score > -3:
        label = "Intermediate risk (−2 to +1): consider BMD measurement"
    else:
        label = "High risk (≤ −3): BMD measurement recommended"
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, weight, current HRT, prior fracture) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "weight": f.quantity("weight", default_unit="kg"),
        "current_hrt": f.yes("hrt", "hormone"),
        "prior_low_impact_fracture": f.yes("fracture"),
    }
