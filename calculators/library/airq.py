"""Asthma Impairment and Risk Questionnaire (AIRQ)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="airq",
    name="Asthma Impairment and Risk Questionnaire (AIRQ)",
    synonyms=("AIRQ", "AIRQ score", "Asthma Impairment and Risk Questionnaire"),
    category="pulmonology",
    source="Murphy KR, Chipps B, Beuther DA, et al. Development of the Asthma Impairment and "
    "Risk Questionnaire (AIRQ): a composite control measure. J Allergy Clin Immunol Pract. "
    "2020;8(7):2263-2274.e5.",
    output_type="integer",
    description="Ten equally weighted yes/no questions (7 impairment over the past 2 weeks, 3 "
    "risk over the past 12 months), ages ≥12: 0-1 well controlled, 2-4 not well controlled, "
    "5-10 very poorly controlled asthma.",
)

#: The ten questions (Murphy 2020; wording as on airqscore.com), field → label.
QUESTIONS = {
    "daytime_symptoms": "Past 2 weeks: symptoms during the day on more than 4 days",
    "night_awakenings": "Past 2 weeks: woken from sleep more than 1 time",
    "activities_limited_daily": "Past 2 weeks: limited the activities you want to do every day",
    "rescue_inhaler_daily": "Past 2 weeks: rescue inhaler or nebulizer used every day",
    "social_activities_limited": "Past 2 weeks: had to limit social activities",
    "exercise_limited": "Past 2 weeks: symptoms limited ability to exercise",
    "difficult_to_control": "Past 2 weeks: felt it was difficult to control asthma",
    "steroid_pills_or_shots": "Past 12 months: steroid pills or shots (e.g. prednisone)",
    "er_or_unplanned_visit": "Past 12 months: ER or unplanned health care visit",
    "hospital_overnight": "Past 12 months: stayed in the hospital overnight",
}


class Inputs(CalcInputs):
    """The ten AIRQ answers (yes = 1 point each)."""

    daytime_symptoms: bool = Field(description=QUESTIONS["daytime_symptoms"])
    night_awakenings: bool = Field(description=QUESTIONS["night_awakenings"])
    activities_limited_daily: bool = Field(description=QUESTIONS["activities_limited_daily"])
    rescue_inhaler_daily: bool = Field(description=QUESTIONS["rescue_inhaler_daily"])
    social_activities_limited: bool = Field(description=QUESTIONS["social_activities_limited"])
    exercise_limited: bool = Field(description=QUESTIONS["exercise_limited"])
    difficult_to_control: bool = Field(description=QUESTIONS["difficult_to_control"])
    steroid_pills_or_shots: bool = Field(description=QUESTIONS["steroid_pills_or_shots"])
    er_or_unplanned_visit: bool = Field(description=QUESTIONS["er_or_unplanned_visit"])
    hospital_overnight: bool = Field(description=QUESTIONS["hospital_overnight"])


def compute(inputs: Inputs) -> CalcResult:
    """Count of yes answers (0-10) and the control level (Murphy 2020 cut points)."""
    s = Score()
    for name, label in QUESTIONS.items():
        s.flag(label, getattr(inputs, name), 1)
    total = int(s.total)
    # Murphy 2020: 0-1 well-controlled, 2-4 not well-controlled, 5-10 very poorly controlled.
    level = (
        "Well controlled"
        if total <= 1
        else "Not well controlled"
        if total <= 4
        else "Very poorly controlled"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{level} asthma (AIRQ {total}/10; 0-1 well, 2-4 not well, 5-10 very "
        "poorly controlled).",
        steps=s.steps,
        extra={"control": level.lower()},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc AIRQ inputs (ten yes/no questions) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "daytime_symptoms": f.yes("daytime"),
        "night_awakenings": f.yes("night", "woken", "awaken"),
        "activities_limited_daily": f.yes("activities limited", "activities", exclude=("social",)),
        "rescue_inhaler_daily": f.yes("rescue"),
        "social_activities_limited": f.yes("social"),
        "exercise_limited": f.yes("exercise"),
        "difficult_to_control": f.yes("difficult"),
        "steroid_pills_or_shots": f.yes("steroid"),
        "er_or_unplanned_visit": f.yes("er", "emergency", "unplanned"),
        "hospital_overnight": f.yes("hospital overnight", "overnight"),
    }
