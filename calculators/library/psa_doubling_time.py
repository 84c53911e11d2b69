"""PSA doubling time (PSADT) by log-linear regression of serial PSA values."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, first_number

META = CalculatorMeta(
    id="psa_doubling_time",
    name="PSA Doubling Time (PSADT) Calculator",
    synonyms=("PSADT", "PSA doubling time", "prostate-specific antigen doubling time"),
    category="urology",
    source="Pound CR, Partin AW, Eisenberger MA, Chan DW, Pearson JD, Walsh PC. Natural history "
    "of progression after PSA elevation following radical prostatectomy. JAMA. "
    "1999;281(17):1591-7 (PSADT = ln 2 / slope of the least-squares line of ln PSA on time).",
    output_type="decimal",
    unit="months",
    description="Doubling time of PSA from two or more measurements: ln 2 divided by the slope "
    "of the least-squares regression of ln(PSA) on time.",
)

#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_003_e6075da9", 2): (
        "PSADT: the task's final answer 0.0 is the regression slope MDCalc displays first "
        "(ln PSA per month, 0.0077 → '0.0'), not the doubling time; its notes give the "
        "doubling time as 90.0 months, which is what this calculator returns (slope in extra)."
    ),
}


class Inputs(CalcInputs):
    """Serial PSA values and the time between consecutive measurements."""

    psa: list[float] = Field(
        min_length=2, description="PSA values in ng/mL, oldest first (each > 0) [ng/mL]"
    )
    intervals_months: list[float] = Field(
        min_length=1,
        description="Months between consecutive PSA measurements (one fewer than the PSA "
        "values, each > 0) [months]",
    )

    @model_validator(mode="after")
    def _shapes(self) -> Inputs:
        if len(self.intervals_months) != len(self.psa) - 1:
            raise ValueError(
                f"intervals_months needs one interval fewer than the {len(self.psa)} PSA "
                f"values ({len(self.psa) - 1}), found {len(self.intervals_months)}"
            )
        for i, v in enumerate(self.psa):
            if not 0 < v <= 10000:
                raise ValueError(f"psa[{i}] must be > 0 and ≤ 10000 ng/mL, found {v}")
        for i, t in enumerate(self.intervals_months):
            if not 0 < t <= 600:
                raise ValueError(f"intervals_months[{i}] must be > 0 and ≤ 600, found {t}")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """PSADT = ln 2 / slope of ln(PSA) against time in months (least squares)."""
    times = [0.0]
    for dt in inputs.intervals_months:
        times.append(times[-1] + dt)
    logs = [math.log(v) for v in inputs.psa]
    n = len(times)
    t_mean, y_mean = sum(times) / n, sum(logs) / n
    sxx = sum((t - t_mean) ** 2 for t in times)
    sxy = sum((t - t_mean) * (y - y_mean) for t, y in zip(times, logs, strict=True))
    slope = sxy / sxx
    steps = [
        Step(label=f"PSA {i + 1}", value=v, detail=f"month {t:g}; ln PSA {y:.4f}")
        for i, (v, t, y) in enumerate(zip(inputs.psa, times, logs, strict=True))
    ]
    steps.append(Step(label="Slope of ln(PSA) per month", value=round(slope, 6)))
    if slope <= 0:
        return CalcResult(
            calculator=META.id,
            value="No doubling (PSA stable or falling)",
            interpretation="PSA is not rising (slope ≤ 0): no doubling time.",
            steps=steps,
            extra={"slope_per_month": slope},
        )
    psadt = math.log(2) / slope
    steps.append(Step(label="PSADT", value=round(psadt, 2), detail="ln 2 / slope, months"))
    return CalcResult(
        calculator=META.id,
        value=round(psadt, 2),
        unit="months",
        interpretation=f"PSA doubling time {psadt:.1f} months ({psadt / 12:.1f} years).",
        steps=steps,
        extra={"slope_per_month": slope, "psadt_years": psadt / 12},
    )


def _months(value: Any, field: str) -> float:
    text = str(value).lower()
    num = first_number(value, field=field)
    if "year" in text:
        return num * 12
    if "week" in text:
        return num * 7 / 30.4375
    if "day" in text:
        return num / 30.4375
    return num


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (PSA1..PSAn, 'Time between PSAi and PSAj measurement') → Inputs."""
    f = Fields(inputs, META.id)
    psa: list[float] = []
    intervals: list[float] = []
    i = 1
    while f.has(f"psa{i}"):
        psa.append(f.number(f"psa{i}"))
        if i > 1:
            field, value = f.raw(f"between psa{i - 1} and psa{i}")
            intervals.append(_months(value, field))
        i += 1
    if len(psa) < 2:
        raise MedMCPInputError(f"{META.id}: expected at least PSA1 and PSA2, found {len(psa)}.")
    return {"psa": psa, "intervals_months": intervals}
