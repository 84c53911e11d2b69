"""Estimated date of conception from the last menstrual period and cycle length."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medcalc_entities as mc

META = CalculatorMeta(
    id="estimated_conception_date",
    name="Estimated of Conception",
    synonyms=("Estimated Conception Date", "Estimated date of conception", "conception date"),
    category="obstetrics",
    source="American College of Obstetricians and Gynecologists. Committee Opinion No. 700: "
    "Methods for estimating the due date. Obstet Gynecol. 2017;129(5):e150-e154; "
    "ovulation ≈ 14 days before the next menses: Wilcox AJ, Dunson D, Baird DD. BMJ. "
    "2000;321:1259-62.",
    doi="10.1097/AOG.0000000000002046",
    pmid="28426621",
    output_type="date",
    medcalc_id=68,
    description="Conception ≈ LMP + (cycle length − 14) days (LMP + 14 days for a 28-day cycle).",
)


class Inputs(CalcInputs):
    """Inputs of the estimated conception date."""

    lmp: date = Field(description="First day of the last menstrual period (YYYY-MM-DD)")
    cycle_length: int | None = Field(
        None,
        ge=20,
        le=45,
        description="Usual menstrual cycle length in days (28 assumed when not given)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Conception date = LMP + (cycle − 14) days; consistent with EDD = conception + 266 days."""
    cycle = inputs.cycle_length if inputs.cycle_length is not None else 28
    # The luteal phase lasts about 14 days, so ovulation (and conception) is on day cycle − 14.
    conception = inputs.lmp + timedelta(days=cycle - 14)
    warnings = (
        []
        if inputs.cycle_length is not None
        else ["Cycle length not given: a 28-day cycle (ovulation on day 14) is assumed."]
    )
    return CalcResult(
        calculator=META.id,
        value=conception.isoformat(),
        interpretation=f"Estimated conception {conception:%B %d, %Y} (cycle day {cycle - 14}).",
        steps=[
            Step(label="Ovulation day", value=cycle - 14, detail="cycle length − 14"),
            Step(label="Estimated conception", value=conception.isoformat()),
        ],
        warnings=warnings,
        extra={"due_date": (conception + timedelta(days=266)).isoformat()},
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "lmp": mc.mdy(mc.get(entities, "Last menstrual date")),
        "cycle_length": mc.get(entities, "cycle length", default=None),
    }
