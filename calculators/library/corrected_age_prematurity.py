"""Corrected age of an infant born preterm."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _perinatal_age as pa
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="corrected_age_prematurity",
    name="Corrected Age (Prematurity)",
    synonyms=("Corrected age", "adjusted age", "corrected age for prematurity"),
    category="neonatology",
    source=pa.SOURCE,
    doi=pa.DOI,
    pmid=pa.PMID,
    output_type="tuple",
    description="Corrected age = chronological age − (40 weeks − gestational age at birth), "
    "in weeks and days; used for children born preterm up to about 3 years.",
)

#: Term reference of the AAP definition: 40 weeks 0 days.
TERM_DAYS = 40 * 7


class Inputs(pa.PerinatalInputs):
    """Inputs of the corrected age."""

    @model_validator(mode="after")
    def _past_term_equivalent(self) -> Inputs:
        deficit = max(TERM_DAYS - self.ga_days, 0)
        if self.chronological_days < deficit:
            term = self.date_of_birth + timedelta(days=deficit)
            raise ValueError(
                f"current_date {self.current_date} is before the term-equivalent date {term} "
                "(40 weeks postmenstrual); corrected age starts there, use the postmenstrual "
                "age before it"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Corrected age = chronological age − (40 w − GA) (AAP 2004)."""
    chrono = inputs.chronological_days
    deficit = max(TERM_DAYS - inputs.ga_days, 0)
    corrected = chrono - deficit
    value = pa.weeks_days(corrected)
    warnings = (
        ["Born at or after 40 weeks: no correction for prematurity applies."]
        if deficit == 0
        else []
    )
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"Corrected age {value[1:-1]} ({corrected} days).",
        steps=[
            Step(label="Chronological age", value=pa.weeks_days(chrono), detail=f"{chrono} days"),
            Step(
                label="Weeks born before term",
                value=pa.weeks_days(deficit),
                detail=f"40 weeks 0 days − GA {pa.weeks_days(inputs.ga_days)}",
            ),
            Step(label="Corrected age", value=value, detail="chronological − prematurity"),
        ],
        warnings=warnings,
        extra={"total_days": corrected, "chronological_days": chrono},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (dates, GA at birth; a term reference other than 40w0d is refused)."""
    f = Fields(inputs, META.id)
    if f.has("term"):
        ref = pa.parse_weeks_days(f.value("term"), field=f"{META.id}: term reference")
        if ref != (40, 0):
            raise MedMCPInputError(
                f"{META.id}: term reference: the AAP definition uses 40 weeks 0 days, "
                f"found {f.value('term')!r}."
            )
    return pa.from_medmcp_common(inputs, META.id)
