"""Osteoporosis Risk Assessment Instrument (ORAI)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._criterion_answers import criterion
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="orai",
    name="Osteoporosis Risk Assessment Instrument (ORAI)",
    synonyms=("ORAI", "ORAI score"),
    category="endocrinology",
    source="Cadarette SM, Jaglal SB, Kreiger N, McIsaac WJ, Darlington GA, Tu JV. Development "
    "and validation of the Osteoporosis Risk Assessment Instrument to facilitate selection of "
    "women for bone densitometry. CMAJ. 2000;162(9):1289-1294.",
    output_type="integer",
    description="Age, weight and current estrogen use in women aged 45 or more; a score ≥ 9 "
    "selects women for bone densitometry.",
)

# Points (Cadarette 2000; tabulated by the University of Washington Osteoporosis Education
# tools page): age 45-54: 0, 55-64: 5, 65-74: 9, ≥ 75: 15; weight < 60 kg: 9, 60-69.9 kg: 3,
# ≥ 70 kg: 0; not currently taking estrogen: 2. Score ≥ 9: bone densitometry recommended.
BMD_THRESHOLD = 9


class Inputs(QuantityInputs):
    """Inputs of ORAI (women aged 45 years or more)."""

    age: float = quantity("age", "years", ge=45, le=120, description="Age (ORAI is for ≥ 45)")
    weight: float = quantity("weight", "kg", ge=20, le=300, description="Body weight")
    current_estrogen: bool = Field(description="Currently taking estrogen (no: +2)")


def _age_points(age: float) -> int:
    if age >= 75:
        return 15
    if age >= 65:
        return 9
    return 5 if age >= 55 else 0


def _weight_points(weight: float) -> int:
    if weight < 60:
        return 9
    return 3 if weight < 70 else 0


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the ORAI points."""
    s = Score()
    s.add("Age", inputs.age, _age_points(inputs.age), "45-54: 0; 55-64: 5; 65-74: 9; ≥ 75: 15")
    s.add("Weight", inputs.weight, _weight_points(inputs.weight), "< 60 kg: 9; 60-69.9: 3")
    s.add("Not on estrogen", not inputs.current_estrogen, 0 if inputs.current_estrogen else 2)
    total = int(s.total)
    if total >= BMD_THRESHOLD:
        reading = f"ORAI {total} (≥ 9): bone densitometry recommended"
    else:
        reading = f"ORAI {total} (< 9): bone densitometry not indicated by ORAI"
    return CalcResult(calculator=META.id, value=total, interpretation=reading, steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, weight, estrogen use) → kwargs."""
    m = kw.KeywordInputs(inputs)
    return {
        "age": kw.parse_number(m.find("age")),
        "weight": kw.parse_quantity(m.find("weight"), "kg"),
        "current_estrogen": criterion(m.find("estrogen", "hormone")),
    }
