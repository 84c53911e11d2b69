"""CDC/NCHS infant head circumference-for-age percentile (birth to 36 months), CDC 2000."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _cdc_growth as cdc
from m3agent.calculators.library import _cdc_lms
from m3agent.calculators.library._patient import Sex

META = CalculatorMeta(
    id="cdc_infant_head_circumference_for_age",
    name="CDC/NCHS Infant Head Circumference for Age Percentiles (<36 months)",
    synonyms=(
        "CDC infant head circumference-for-age percentile",
        "CDC head circumference for age 0-36 months",
        "hcageinf",
    ),
    category="pediatrics",
    source=cdc.source("hcageinf.csv"),
    output_type="decimal",
    unit="%",
    description="Percentile and z-score of head circumference for age and sex, birth to 36 "
    "months, from the CDC 2000 LMS parameters.",
)

#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = cdc.rounded_z_errata(
    (
        ("medmcp-calc_118_6d2f5cfd", 3, "-0.80", "21.186%"),
        ("medmcp-calc_118_6d2f5cfd", 6, "-0.69", "24.51%"),
        ("medmcp-calc_118_6d2f5cfd", 9, "-0.04", "48.405%"),
        ("medmcp-calc_118_6d2f5cfd", 12, "0.27", "60.642%"),
        ("medmcp-calc_118_6d2f5cfd", 15, "0.19", "57.535%"),
    )
)

# The bands MDCalc's tool displays ("Percentile ≥3 and <97: Normal head circumference"); the
# 3rd and 97th are the outermost curves of CDC's infant charts.
_READING = cdc.band_reading(
    3,
    97,
    below="small head circumference (below the 3rd percentile)",
    normal="Normal head circumference",
    above="large head circumference (at or above the 97th percentile)",
)


class Inputs(QuantityInputs):
    """Inputs of the infant head circumference-for-age percentile."""

    sex: Sex = Field(description="Sex: male or female")
    age: float = quantity("age", "months", ge=0, le=36, description="Age (birth to 36 months)")
    head_circumference: float = quantity(
        "height", "cm", ge=20, le=65, description="Occipitofrontal head circumference"
    )
    interpolate: bool = cdc.interpolate_field()


def compute(inputs: Inputs) -> CalcResult:
    """Z = ((HC/M)^L - 1)/(L·S) with the CDC hcageinf L, M, S; percentile = Φ(Z)."""
    return cdc.infant_for_age(
        META.id,
        inputs,
        table=_cdc_lms.HEAD_CIRCUMFERENCE_FOR_AGE_INFANT,
        chart="hcageinf",
        measurement="Head circumference",
        value=inputs.head_circumference,
        interpret=_READING,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (Sex, Age '9.0 months', Head Circumference '44.6 cm') → inputs."""
    f = cdc.medmcp_fields(inputs, META.id)
    return {
        "sex": f.sex(),
        "age": f.quantity("age", default_unit="months"),
        "head_circumference": f.quantity("head circumference", "head", default_unit="cm"),
    }
