"""Postmenstrual age of an infant (gestational age at birth + chronological age)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _perinatal_age as pa

META = CalculatorMeta(
    id="postmenstrual_age",
    name="Postmenstrual Age Calculator",
    synonyms=("Postmenstrual age", "PMA"),
    category="neonatology",
    source=pa.SOURCE,
    doi=pa.DOI,
    pmid=pa.PMID,
    output_type="tuple",
    description="Postmenstrual age = gestational age at birth + chronological age, in weeks "
    "and days.",
)


class Inputs(pa.PerinatalInputs):
    """Inputs of the postmenstrual age."""


def compute(inputs: Inputs) -> CalcResult:
    """PMA = GA at birth + days since birth (AAP 2004)."""
    chrono = inputs.chronological_days
    pma = inputs.ga_days + chrono
    value = pa.weeks_days(pma)
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"Postmenstrual age {value[1:-1]}.",
        steps=[
            Step(label="Gestational age at birth", value=pa.weeks_days(inputs.ga_days)),
            Step(label="Chronological age", value=pa.weeks_days(chrono), detail=f"{chrono} days"),
            Step(label="Postmenstrual age", value=value, detail="GA at birth + chronological age"),
        ],
        extra={"total_days": pma, "weeks": pma // 7, "days": pma % 7},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (date of birth, GA at birth, current date) → kwargs."""
    return pa.from_medmcp_common(inputs, META.id)
