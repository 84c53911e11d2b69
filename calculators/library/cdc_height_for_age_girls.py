"""CDC stature-for-age percentile for girls, 2 to 20 years (CDC 2000 growth charts)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _cdc_growth as cdc

META = CalculatorMeta(
    id="cdc_height_for_age_girls",
    name="CDC Height for Age Percentiles for Girls (2 - 20 years)",
    synonyms=("CDC stature-for-age percentile, girls", "CDC height for age girls 2-20 years"),
    category="pediatrics",
    source=cdc.source("statage.csv"),
    output_type="decimal",
    unit="%",
    description="Percentile and z-score of standing height for age in girls aged 2 to 20 years, "
    "from the CDC 2000 LMS parameters.",
)


class Inputs(cdc.StatureForAgeInputs):
    """Inputs of the percentile (the sex is the chart's: female)."""


def compute(inputs: Inputs) -> CalcResult:
    """Z = ((X/M)^L - 1)/(L·S) with the CDC statage L, M, S for females; percentile = Φ(Z)."""
    return cdc.stature_for_age(META.id, "female", inputs)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (Age in months, the measurement with its unit) → inputs."""
    return cdc.stature_from_medmcp(inputs, META.id)
