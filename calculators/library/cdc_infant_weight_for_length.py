"""CDC/NCHS infant weight-for-length percentile (45 to 103.9 cm), CDC 2000 growth charts."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _cdc_growth as cdc
from m3agent.calculators.library import _cdc_lms
from m3agent.calculators.library._patient import Sex

META = CalculatorMeta(
    id="cdc_infant_weight_for_length",
    name="CDC/NCHS Infant Weight for Length Percentiles (< 36 months)",
    synonyms=(
        "CDC infant weight-for-length percentile",
        "CDC weight for length 0-36 months",
        "wtleninf",
    ),
    category="pediatrics",
    source=cdc.source("wtleninf.csv"),
    output_type="decimal",
    unit="%",
    description="Percentile and z-score of weight for recumbent length (45-103.9 cm) and sex, "
    "from the CDC 2000 LMS parameters.",
)

#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = cdc.rounded_z_errata(
    (
        ("medmcp-calc_118_6d2f5cfd", 4, "0.65", "74.215%"),
        ("medmcp-calc_118_6d2f5cfd", 7, "-0.28", "38.974%"),
        ("medmcp-calc_118_6d2f5cfd", 10, "0.21", "58.317%"),
        ("medmcp-calc_118_6d2f5cfd", 13, "0.58", "71.904%"),
        ("medmcp-calc_118_6d2f5cfd", 16, "0.53", "70.194%"),
    )
)

# The bands MDCalc's tool displays ("Percentile ≥5 and <95: Healthy weight").
_READING = cdc.band_reading(
    5,
    95,
    below="low weight-for-length (below the 5th percentile)",
    normal="Healthy weight",
    above="high weight-for-length (at or above the 95th percentile)",
)


class Inputs(QuantityInputs):
    """Inputs of the infant weight-for-length percentile."""

    sex: Sex = Field(description="Sex: male or female")
    length: float = quantity(
        "height", "cm", ge=45, le=104, description="Recumbent length (CDC table 45-103.9 cm)"
    )
    weight: float = quantity("weight", "kg", ge=0.5, le=40, description="Body weight")
    interpolate: bool = cdc.interpolate_field("length", "whole centimetre")


def compute(inputs: Inputs) -> CalcResult:
    """Z = ((weight/M)^L - 1)/(L·S) with the CDC wtleninf L, M, S; percentile = Φ(Z)."""
    lms = cdc.lms_at(
        _cdc_lms.WEIGHT_FOR_LENGTH_INFANT,
        inputs.sex,
        inputs.length,
        interpolate=inputs.interpolate,
        birth_row=False,
    )
    return cdc.growth_result(
        META.id,
        measurement="Weight",
        value=inputs.weight,
        unit="kg",
        lms=lms,
        chart=f"wtleninf, {inputs.sex}, length {inputs.length:g} cm",
        interpret=_READING,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (Sex, Length '56.5 cm', Weight '5.3 kg') → inputs."""
    f = cdc.medmcp_fields(inputs, META.id)
    return {
        "sex": f.sex(),
        "length": f.quantity("length", "height", default_unit="cm"),
        "weight": f.quantity("weight", default_unit="kg"),
    }
