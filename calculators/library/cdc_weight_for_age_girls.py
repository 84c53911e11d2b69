"""CDC weight-for-age percentile for girls, 2 to 20 years (CDC 2000 growth charts)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _cdc_growth as cdc

META = CalculatorMeta(
    id="cdc_weight_for_age_girls",
    name="CDC Weight for Age Percentiles for Girls (2 - 20 years)",
    synonyms=("CDC weight-for-age percentile, girls", "CDC weight for age girls 2-20 years"),
    category="pediatrics",
    source=cdc.source("wtage.csv"),
    output_type="decimal",
    unit="%",
    description="Percentile and z-score of weight for age in girls aged 2 to 20 years, "
    "from the CDC 2000 LMS parameters.",
)


class Inputs(cdc.WeightForAgeInputs):
    """Inputs of the percentile (the sex is the chart's: female)."""


def compute(inputs: Inputs) -> CalcResult:
    """Z = ((X/M)^L - 1)/(L·S) with the CDC wtage L, M, S for females; percentile = Φ(Z)."""
    return cdc.weight_for_age(META.id, "female", inputs)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (Age in months, the measurement with its unit) → inputs."""
    return cdc.weight_from_medmcp(inputs, META.id)
