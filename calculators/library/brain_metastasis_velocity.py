"""Brain metastasis velocity (BMV) after upfront stereotactic radiosurgery."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields, first_number

META = CalculatorMeta(
    id="brain_metastasis_velocity",
    name="Brain Metastasis Velocity (BMV) Model",
    synonyms=("BMV", "Brain metastasis velocity"),
    category="oncology",
    source="Farris M, McTyre ER, Cramer CK, et al. Brain metastasis velocity: a novel "
    "prognostic metric predictive of overall survival and freedom from whole-brain radiation "
    "therapy after distant brain failure following upfront radiosurgery alone. Int J Radiat "
    "Oncol Biol Phys. 2017;98(1):131-141.",
    doi="10.1016/j.ijrobp.2017.01.201",
    pmid="28586952",
    output_type="decimal",
    unit="per year",
    description="New brain metastases per year since the first SRS: low < 4, intermediate "
    "4-13, high > 13, with median overall survival 12.4, 8.2 and 4.3 months.",
)


class Inputs(CalcInputs):
    """Inputs of the BMV."""

    new_metastases: int = Field(
        ge=1, le=500, description="Cumulative number of new brain metastases since first SRS"
    )
    years_since_srs: float = Field(
        gt=0, le=30, description="Time from first SRS to the new metastases [years]"
    )


def compute(inputs: Inputs) -> CalcResult:
    """BMV = new metastases / years since first SRS; risk groups of Farris 2017."""
    bmv = inputs.new_metastases / inputs.years_since_srs
    # Farris 2017: low < 4, intermediate 4-13, high > 13 per year; median OS after first
    # distant brain failure 12.4, 8.2 and 4.3 months.
    if bmv < 4:
        group, os_months = "Low risk", 12.4
    elif bmv <= 13:
        group, os_months = "Intermediate risk", 8.2
    else:
        group, os_months = "High risk", 4.3
    return CalcResult(
        calculator=META.id,
        value=round(bmv, 2),
        unit="per year",
        interpretation=f"{group} (BMV {bmv:.1f}/year): median overall survival {os_months} months",
        steps=[
            Step(label="New brain metastases", value=inputs.new_metastases),
            Step(label="Years since first SRS", value=inputs.years_since_srs),
            Step(label="BMV", value=round(bmv, 2), detail="new metastases / years"),
        ],
        extra={"risk_group": group, "median_os_months": os_months},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (time in years, or months converted)."""
    f = Fields(inputs, META.id)
    field, value = f.raw("time interval", "time")
    years = first_number(value, field=field)
    if "month" in str(value).lower():
        years /= 12
    return {"new_metastases": int(f.number("number of new", "new brain")), "years_since_srs": years}
