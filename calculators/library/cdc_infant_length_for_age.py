"""CDC/NCHS infant length-for-age percentile (birth to 36 months), CDC 2000 growth charts."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _cdc_growth as cdc
from m3agent.calculators.library import _cdc_lms
from m3agent.calculators.library._patient import Sex

META = CalculatorMeta(
    id="cdc_infant_length_for_age",
    name="CDC/NCHS Infant Length for Age Percentiles (<36 months)",
    synonyms=(
        "CDC infant length-for-age percentile",
        "CDC length for age 0-36 months",
        "lenageinf",
    ),
    category="pediatrics",
    source=cdc.source("lenageinf.csv"),
    output_type="decimal",
    unit="%",
    description="Percentile and z-score of recumbent length for age and sex, birth to 36 "
    "months, from the CDC 2000 LMS parameters.",
)

#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = cdc.rounded_z_errata(
    (
        ("medmcp-calc_118_6d2f5cfd", 2, "-1.32", "9.342%"),
        ("medmcp-calc_118_6d2f5cfd", 5, "-0.49", "31.207%"),
        ("medmcp-calc_118_6d2f5cfd", 8, "-0.28", "38.974%"),
        ("medmcp-calc_118_6d2f5cfd", 11, "-0.24", "40.517%"),
        ("medmcp-calc_118_6d2f5cfd", 14, "0.10", "53.983%"),
    )
)


class Inputs(QuantityInputs):
    """Inputs of the infant length-for-age percentile."""

    sex: Sex = Field(description="Sex: male or female")
    age: float = quantity("age", "months", ge=0, le=36, description="Age (birth to 36 months)")
    length: float = quantity(
        "height", "cm", ge=30, le=130, description="Recumbent length (lying down)"
    )
    interpolate: bool = cdc.interpolate_field()


def compute(inputs: Inputs) -> CalcResult:
    """Z = ((length/M)^L - 1)/(L·S) with the CDC lenageinf L, M, S; percentile = Φ(Z)."""
    return cdc.infant_for_age(
        META.id,
        inputs,
        table=_cdc_lms.LENGTH_FOR_AGE_INFANT,
        chart="lenageinf",
        measurement="Length",
        value=inputs.length,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (Sex, Age '2.0 months', Length '56.5 cm') → inputs."""
    f = cdc.medmcp_fields(inputs, META.id)
    return {
        "sex": f.sex(),
        "age": f.quantity("age", default_unit="months"),
        "length": f.quantity("length", "height", default_unit="cm"),
    }
