"""Estimated due date from the gestational age measured at an ultrasound."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _perinatal_age as pa
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._medmcp_keywords import parse_date

META = CalculatorMeta(
    id="due_date_ultrasound",
    name="Estimated Due Date by Ultrasound",
    synonyms=(
        "Due Date by Ultrasound",
        "EDD by ultrasound",
        "ultrasound due date",
        "due date from ultrasound dating",
    ),
    category="obstetrics",
    source="American College of Obstetricians and Gynecologists. Committee Opinion No. 700: "
    "Methods for estimating the due date. Obstet Gynecol. 2017;129(5):e150-e154 (the "
    "gestational age assigned at the dating ultrasound fixes the EDD at 40 weeks 0 days).",
    doi="10.1097/AOG.0000000000002046",
    pmid="28426621",
    output_type="date",
    description="EDD = ultrasound date + (280 days − gestational age at the scan); with a "
    "current date, also the current gestational age.",
)

#: Days from the first day of the LMP to the due date (40 weeks 0 days; ACOG CO 700).
TERM_DAYS = 280


class Inputs(CalcInputs):
    """Inputs of the ultrasound due date."""

    ultrasound_date: date = Field(description="Date of the dating ultrasound (YYYY-MM-DD)")
    ga_weeks: int = Field(ge=4, le=44, description="Gestational age at the scan, weeks")
    ga_days: int = Field(0, ge=0, le=6, description="Gestational age at the scan, extra days")
    current_date: date | None = Field(
        None, description="Date for the current gestational age (optional)"
    )

    @model_validator(mode="after")
    def _current_after_start(self) -> Inputs:
        start = self.ultrasound_date - timedelta(days=self.ga_weeks * 7 + self.ga_days)
        if self.current_date is not None and self.current_date < start:
            raise ValueError(
                f"current_date {self.current_date} is before the start of pregnancy ({start}) "
                "implied by the ultrasound"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """EDD = scan date − GA at scan + 280 days (ACOG CO 700)."""
    i = inputs
    ga_scan = i.ga_weeks * 7 + i.ga_days
    lmp_equivalent = i.ultrasound_date - timedelta(days=ga_scan)
    edd = lmp_equivalent + timedelta(days=TERM_DAYS)
    steps = [
        Step(label="Gestational age at scan", value=pa.weeks_days(ga_scan), detail=f"{ga_scan} d"),
        Step(
            label="LMP-equivalent date",
            value=lmp_equivalent.isoformat(),
            detail="ultrasound date − GA at scan",
        ),
        Step(label="Estimated due date", value=edd.isoformat(), detail="+ 280 days"),
    ]
    extra: dict[str, Any] = {"lmp_equivalent": lmp_equivalent.isoformat()}
    text = f"Estimated due date {edd:%B %d, %Y} (from ultrasound dating)"
    if i.current_date is not None:
        ga_now = (i.current_date - lmp_equivalent).days
        steps.append(Step(label="Current gestational age", value=pa.weeks_days(ga_now)))
        extra["current_gestational_age"] = pa.weeks_days(ga_now)
        text += f"; current gestational age {pa.weeks_days(ga_now)[1:-1]}"
    return CalcResult(
        calculator=META.id,
        value=edd.isoformat(),
        interpretation=text + ".",
        steps=steps,
        extra=extra,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (ultrasound date, GA by ultrasound, current date) → kwargs."""
    f = Fields(inputs, META.id)
    weeks, days = pa.parse_weeks_days(
        f.value("gestational age", "ga"), field=f"{META.id}: gestational age by ultrasound"
    )
    out: dict[str, Any] = {
        "ultrasound_date": parse_date(f.value("ultrasound date")),
        "ga_weeks": weeks,
        "ga_days": days,
    }
    if f.has("current date"):
        out["current_date"] = parse_date(f.value("current date"))
    return out
