"""Gestational age from the last menstrual period (or from the due date)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="gestational_age",
    name="Estimated Gestational Age",
    synonyms=("Gestational Age", "gestational age by LMP", "GA"),
    category="obstetrics",
    source="American College of Obstetricians and Gynecologists. Committee Opinion No. 700: "
    "Methods for estimating the due date. Obstet Gynecol. 2017;129(5):e150-e154.",
    doi="10.1097/AOG.0000000000002046",
    pmid="28426621",
    output_type="tuple",
    medcalc_id=69,
    description="Weeks and days since the first day of the last menstrual period (or 280 days "
    "minus the days left to the due date).",
)


class Inputs(CalcInputs):
    """Inputs of the gestational age: the current date and either the LMP or the due date."""

    current_date: date = Field(description="The date to compute the age at (YYYY-MM-DD)")
    lmp: date | None = Field(None, description="First day of the last menstrual period")
    due_date: date | None = Field(None, description="Estimated due date (instead of the LMP)")

    @model_validator(mode="after")
    def _one_reference(self) -> Inputs:
        if (self.lmp is None) == (self.due_date is None):
            raise ValueError("give exactly one of lmp or due_date")
        start = self.lmp if self.lmp is not None else self.due_date - timedelta(days=280)
        if self.current_date < start:
            raise ValueError(
                f"current_date {self.current_date} is before the start of pregnancy ({start})"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """GA = current date − LMP (LMP = due date − 280 days when the due date is given)."""
    lmp = inputs.lmp if inputs.lmp is not None else inputs.due_date - timedelta(days=280)
    days = (inputs.current_date - lmp).days
    weeks, rest = divmod(days, 7)
    value = f"({weeks} week{'' if weeks == 1 else 's'}, {rest} day{'' if rest == 1 else 's'})"
    trimester = "first" if days < 14 * 7 else "second" if days < 28 * 7 else "third"
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"{value[1:-1]} ({trimester} trimester).",
        steps=[
            Step(
                label="LMP",
                value=lmp.isoformat(),
                detail="given" if inputs.lmp else "due date − 280 days",
            ),
            Step(label="Days since LMP", value=days),
            Step(label="Gestational age", value=value),
        ],
        extra={"weeks": weeks, "days": rest, "total_days": days},
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "current_date": mc.mdy(mc.get(entities, "Current Date")),
        "lmp": mc.mdy(mc.get(entities, "Last menstrual date")),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (current date and due date) → inputs."""
    m = kw.KeywordInputs(inputs)
    out = {"current_date": kw.parse_date(m.find("current date", "current"))}
    if m.has("due date", "due"):
        out["due_date"] = kw.parse_date(m.find("due date", "due"))
    else:
        out["lmp"] = kw.parse_date(m.find("menstrual", "lmp"))
    return out
