"""CDC stature-for-age percentile for boys, 2 to 20 years (CDC 2000 growth charts)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _cdc_growth as cdc

META = CalculatorMeta(
    id="cdc_height_for_age_boys",
    name="CDC Height for Age Percentiles for Boys (2 - 20 years)",
    synonyms=("CDC stature-for-age percentile, boys", "CDC height for age boys 2-20 years"),
    category="pediatrics",
    source=cdc.source("statage.csv"),
    output_type="decimal",
    unit="%",
    description="Percentile and z-score of standing height for age in boys aged 2 to 20 years, "
    "from the CDC 2000 LMS parameters.",
)

#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = cdc.rounded_z_errata(
    (
        ("medmcp-calc_118_6d2f5cfd", 18, "-0.22", "41.294%"),
        ("medmcp-calc_118_6d2f5cfd", 21, "0.12", "54.776%"),
    )
)


class Inputs(cdc.StatureForAgeInputs):
    """Inputs of the percentile (the sex is the chart's: male)."""


def compute(inputs: Inputs) -> CalcResult:
    """Z = ((X/M)^L - 1)/(L·S) with the CDC statage L, M, S for males; percentile = Φ(Z)."""
    return cdc.stature_for_age(META.id, "male", inputs)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (Age in months, the measurement with its unit) → inputs."""
    return cdc.stature_from_medmcp(inputs, META.id)
