"""Estimated due date by Naegele's rule, adjusted for cycle length."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medcalc_entities as mc

META = CalculatorMeta(
    id="estimated_due_date",
    name="Estimated Due Date",
    synonyms=(
        "Naegele's rule",
        "EDD",
        "due date",
        "estimated date of delivery",
        "Pregnancy due date (Naegele)",
    ),
    category="obstetrics",
    source="American College of Obstetricians and Gynecologists. Committee Opinion No. 700: "
    "Methods for estimating the due date. Obstet Gynecol. 2017;129(5):e150-e154 "
    "(Naegele's rule: LMP + 280 days for a 28-day cycle).",
    doi="10.1097/AOG.0000000000002046",
    pmid="28426621",
    output_type="date",
    medcalc_id=13,
    description="EDD = first day of the last menstrual period + 280 days + (cycle length − 28).",
)


class Inputs(CalcInputs):
    """Inputs of the estimated due date."""

    lmp: date = Field(description="First day of the last menstrual period (YYYY-MM-DD)")
    cycle_length: int | None = Field(
        None,
        ge=20,
        le=45,
        description="Usual menstrual cycle length in days (the rule assumes 28 when not given)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """EDD = LMP + 280 days, shifted by (cycle length − 28) days.

    Ovulation falls about 14 days before the next menses, i.e. on day (cycle − 14); a cycle
    longer or shorter than 28 days moves ovulation, conception and the due date by the same
    number of days (ACOG CO 700; Naegele 1812).
    """
    cycle = inputs.cycle_length if inputs.cycle_length is not None else 28
    base = inputs.lmp + timedelta(days=280)
    edd = base + timedelta(days=cycle - 28)
    warnings = (
        []
        if inputs.cycle_length is not None
        else ["Cycle length not given: Naegele's rule assumes a 28-day cycle."]
    )
    return CalcResult(
        calculator=META.id,
        value=edd.isoformat(),
        interpretation=f"Estimated due date {edd:%B %d, %Y} (40 weeks 0 days of gestation).",
        steps=[
            Step(label="LMP + 280 days", value=base.isoformat()),
            Step(
                label="Cycle adjustment",
                value=cycle - 28,
                detail=f"cycle {cycle} days − 28 = {cycle - 28:+d} days",
            ),
            Step(label="Estimated due date", value=edd.isoformat()),
        ],
        warnings=warnings,
        extra={"conception_date": (edd - timedelta(days=266)).isoformat()},
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (dates as MM/DD/YYYY)."""
    return {
        "lmp": mc.mdy(mc.get(entities, "Last menstrual date")),
        "cycle_length": mc.get(entities, "cycle length"),
    }
