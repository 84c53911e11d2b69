"""Physical activity decision tool for people living with diabetes (Diabetes Canada)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="physical_activity_diabetes",
    name="Physical Activity Decision Tool for Patients Living with Diabetes",
    synonyms=(
        "Diabetes Canada physical activity tool",
        "MVPA calculator for diabetes",
        "physical activity decision tool",
    ),
    category="endocrinology",
    source="Diabetes Canada Clinical Practice Guidelines Expert Committee; Sigal RJ, et al. "
    "Physical activity and diabetes. Can J Diabetes. 2018;42 Suppl 1:S54-S63.",
    output_type="decimal",
    unit="min/week",
    description="Weekly moderate-to-vigorous physical activity (MVPA) against the 150 min/week "
    "target and resistance training against 2–3 sessions/week.",
)


class Inputs(CalcInputs):
    """Inputs of the physical activity tool."""

    limiting_angina: bool = Field(
        description="Symptoms of angina that would limit physical activity"
    )
    mvpa_days_per_week: int = Field(
        ge=0, le=7, description="Days per week of moderate to vigorous activity"
    )
    mvpa_minutes_per_day: float = Field(
        ge=0, le=1440, description="Minutes per day of moderate to vigorous activity"
    )
    resistance_days_per_week: int = Field(
        ge=0, le=7, description="Days per week of resistance training"
    )


def compute(inputs: Inputs) -> CalcResult:
    """MVPA (min/week) = days × minutes; compared with Sigal 2018 targets."""
    mvpa = inputs.mvpa_days_per_week * inputs.mvpa_minutes_per_day
    advice = []
    if inputs.limiting_angina:
        advice.append(
            "Angina limiting activity: evaluate (e.g. exercise ECG stress test) "
            "before starting more than low-intensity activity"
        )
    # Sigal 2018: ≥150 min/week of MVPA over ≥3 days, no more than 2 consecutive days without.
    if mvpa >= 150 and inputs.mvpa_days_per_week >= 3:
        advice.append("Meets the 150 min/week MVPA target")
    else:
        advice.append(
            "Below the target of 150 min/week MVPA over at least 3 days: set an MVPA goal"
        )
    # Sigal 2018: resistance exercise at least 2 (ideally 3) sessions a week.
    if inputs.resistance_days_per_week < 2:
        advice.append("Resistance training needed (at least 2 sessions a week)")
    return CalcResult(
        calculator=META.id,
        value=mvpa,
        unit="min/week",
        interpretation=f"{mvpa:g} mins/week of moderate-vigorous physical activity (MVPA); "
        + "; ".join(advice),
        steps=[
            Step(
                label="MVPA",
                value=mvpa,
                detail=f"{inputs.mvpa_days_per_week} days × {inputs.mvpa_minutes_per_day:g} min",
            )
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (angina, MVPA days and minutes, resistance days) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "limiting_angina": f.yes("angina"),
        "mvpa_days_per_week": int(f.number("days week of moderate", "days week moderate")),
        "mvpa_minutes_per_day": f.number("minutes day", "minutes"),
        "resistance_days_per_week": int(f.number("resistance")),
    }
