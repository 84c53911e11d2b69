"""Pregnancy due dates from the last menstrual period: due date, conception, gestational age."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _perinatal_age as pa
from m3agent.calculators.library import estimated_conception_date, estimated_due_date
from m3agent.calculators.library._medmcp_keywords import KeywordInputs, parse_date, parse_number

META = CalculatorMeta(
    id="pregnancy_due_dates",
    name="Pregnancy Due Dates Calculator",
    synonyms=("Pregnancy due dates", "due date, conception and gestational age from LMP"),
    category="obstetrics",
    source="American College of Obstetricians and Gynecologists. Committee Opinion No. 700: "
    "Methods for estimating the due date. Obstet Gynecol. 2017;129(5):e150-e154 (Naegele's "
    "rule, LMP + 280 days for a 28-day cycle); ovulation about 14 days before the next menses: "
    "Wilcox AJ, Dunson D, Baird DD. BMJ. 2000;321:1259-62.",
    doi="10.1097/AOG.0000000000002046",
    pmid="28426621",
    output_type="date",
    description="Due date = LMP + 280 days + (cycle − 28); conception = LMP + (cycle − 14); "
    "with a current date, the gestational age counted from the cycle-adjusted LMP.",
)

#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_085_857eb2ac", 1): (
        "Pregnancy Due Dates: the answer is the gestational age (39 weeks 3 days) on the day "
        "MDCalc was run, which the item does not record (inputs: LMP 2025-03-18 and a 31-day "
        "cycle only). Its notes' due date (Dec 25, 2025) and conception (Mar 31, 2025) also "
        "differ from Naegele's rule for a 31-day cycle: LMP + 283 days = 2025-12-26, "
        "conception LMP + 17 days = 2025-04-04."
    ),
}


class Inputs(CalcInputs):
    """Inputs of the pregnancy due dates."""

    lmp: date = Field(description="First day of the last menstrual period (YYYY-MM-DD)")
    cycle_length: int = Field(
        28, ge=20, le=45, description="Usual cycle length in days (Naegele's rule assumes 28)"
    )
    current_date: date | None = Field(
        None, description="Date for the current gestational age (optional)"
    )

    @model_validator(mode="after")
    def _current_after_lmp(self) -> Inputs:
        if self.current_date is not None and self.current_date < self.lmp:
            raise ValueError(f"current_date {self.current_date} is before the LMP {self.lmp}")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Naegele's rule adjusted for cycle length (ACOG CO 700), as the MDCalc tool shows it.

    The due date and the conception date are those of the ``estimated_due_date`` and
    ``estimated_conception_date`` calculators (one rule, one place); this tool adds the
    gestational age on a given day.
    """
    i = inputs
    shift = i.cycle_length - 28  # a longer cycle moves ovulation, conception and EDD later
    due = estimated_due_date.compute(
        estimated_due_date.Inputs(lmp=i.lmp, cycle_length=i.cycle_length)
    )
    conceived = estimated_conception_date.compute(
        estimated_conception_date.Inputs(lmp=i.lmp, cycle_length=i.cycle_length)
    )
    edd, conception = date.fromisoformat(due.value), date.fromisoformat(conceived.value)
    steps = [
        Step(label="Cycle adjustment", value=shift, detail=f"cycle {i.cycle_length} − 28 days"),
        Step(label="Estimated due date", value=edd.isoformat(), detail="LMP + 280 days + shift"),
        Step(label="Estimated conception", value=conception.isoformat(), detail="LMP + cycle − 14"),
    ]
    extra: dict[str, Any] = {"conception_date": conception.isoformat()}
    text = f"Due date {edd:%B %d, %Y}; conception about {conception:%B %d, %Y}"
    if i.current_date is not None:
        ga = (i.current_date - i.lmp).days - shift
        shown = pa.weeks_days(max(ga, 0))
        steps.append(Step(label="Gestational age", value=shown, detail="from cycle-adjusted LMP"))
        extra["gestational_age"] = shown
        text += f"; gestational age {shown[1:-1]}"
    warnings = (
        [] if "cycle_length" in i.model_fields_set else ["Cycle length not given: 28 days assumed."]
    )
    return CalcResult(
        calculator=META.id,
        value=edd.isoformat(),
        interpretation=text + ".",
        steps=steps,
        warnings=warnings,
        extra=extra,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (last menstrual period, cycle length, current date if given)."""
    m = KeywordInputs(inputs)
    out: dict[str, Any] = {"lmp": parse_date(m.find("menstrual", "lmp"))}
    if m.has("cycle"):
        out["cycle_length"] = int(parse_number(m.find("cycle")))
    if m.has("current date", "today"):
        out["current_date"] = parse_date(m.find("current date", "today"))
    return out
