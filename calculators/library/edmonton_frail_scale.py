"""Edmonton Frail Scale (EFS)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="edmonton_frail_scale",
    name="Edmonton Frail Scale",
    synonyms=("EFS", "Edmonton Frail Scale (EFS)"),
    category="geriatrics",
    source=(
        "Rolfson DB, Majumdar SR, Tsuyuki RT, Tahir A, Rockwood K. Validity and reliability of "
        "the Edmonton Frail Scale. Age Ageing. 2006;35(5):526-9 (items and scoring; severity "
        "bands of the EFS form: 0-5 not frail, 6-7 vulnerable, 8-9 mild, 10-11 moderate, "
        "12-17 severe)."
    ),
    doi="10.1093/ageing/afl041",
    pmid="16757522",
    output_type="integer",
    description="17-point frailty scale over cognition, health status, function, social "
    "support, medication, nutrition, mood, continence and the timed up-and-go test.",
)


class Inputs(CalcInputs):
    """Inputs of the EFS."""

    clock_test: Literal["no errors", "minor spacing errors", "other errors"] = Field(
        description="Clock drawing: no errors (0), minor spacing errors (1), other errors (2)"
    )
    admissions_past_year: int = Field(
        ge=0, le=50, description="Hospital admissions in the past year"
    )
    health_description: Literal["excellent", "very good", "good", "fair", "poor"] = Field(
        description="Self-described health"
    )
    iadl_help_count: int = Field(ge=0, le=8, description="IADLs needing help (of 8)")
    social_support: Literal["always", "sometimes", "never"] = Field(
        description="Can count on someone willing and able to help"
    )
    five_or_more_medications: bool = Field(description="Five or more prescription medications")
    forgets_medications: bool = Field(description="At times forgets to take medications")
    weight_loss: bool = Field(description="Recent weight loss (clothes looser)")
    often_sad: bool = Field(description="Often feels sad or depressed")
    incontinence: bool = Field(description="Problem with losing control of urine")
    tug_seconds: float | None = Field(default=None, ge=1, le=600, description="Timed up-and-go [s]")
    tug_unable: bool = Field(
        default=False, description="Unable, unwilling or needs assistance for the timed up-and-go"
    )

    @model_validator(mode="after")
    def _tug(self) -> Inputs:
        if self.tug_seconds is None and not self.tug_unable:
            raise ValueError("give tug_seconds or tug_unable=true")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Sum the EFS items (Rolfson 2006)."""
    i = inputs
    adm = 0 if i.admissions_past_year == 0 else 1 if i.admissions_past_year <= 2 else 2
    health = {"excellent": 0, "very good": 0, "good": 0, "fair": 1, "poor": 2}
    iadl = 0 if i.iadl_help_count <= 1 else 1 if i.iadl_help_count <= 4 else 2
    tug = (
        2 if i.tug_unable or (i.tug_seconds or 0) > 20 else (1 if (i.tug_seconds or 0) > 10 else 0)
    )
    steps, total = tally(
        [
            (
                "Cognition (clock)",
                i.clock_test,
                {"no errors": 0, "minor spacing errors": 1, "other errors": 2}[i.clock_test],
            ),
            ("Hospital admissions", i.admissions_past_year, adm),
            ("Self-rated health", i.health_description, health[i.health_description]),
            ("Functional independence (IADLs)", i.iadl_help_count, iadl),
            (
                "Social support",
                i.social_support,
                {"always": 0, "sometimes": 1, "never": 2}[i.social_support],
            ),
            ("≥5 medications", i.five_or_more_medications, int(i.five_or_more_medications)),
            ("Forgets medications", i.forgets_medications, int(i.forgets_medications)),
            ("Weight loss", i.weight_loss, int(i.weight_loss)),
            ("Low mood", i.often_sad, int(i.often_sad)),
            ("Incontinence", i.incontinence, int(i.incontinence)),
            ("Timed up-and-go", i.tug_seconds if not i.tug_unable else "unable", tug),
        ]
    )
    score = int(total)
    label = (
        "Not frail"
        if score <= 5
        else "Vulnerable"
        if score <= 7
        else "Mild frailty"
        if score <= 9
        else "Moderate frailty"
        if score <= 11
        else "Severe frailty"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc EFS inputs → Inputs."""
    clock = mm.choose(
        mm.get(inputs, r"clock"),
        [
            (r"minor", "minor spacing errors"),
            (r"^no error|^correct|^normal", "no errors"),
            (r"incorrect|other|error", "other errors"),
        ],
    )
    tug = str(mm.get(inputs, r"up and go|tug"))
    sometimes_yes = [(r"^(yes|sometimes|often)", True), (r"^(no|never|rarely)", False)]
    out: dict[str, Any] = {
        "clock_test": clock,
        "admissions_past_year": int(mm.number(mm.get(inputs, r"admi"))),
        "health_description": mm.choose(
            mm.get(inputs, r"health"),
            [
                (r"excellent", "excellent"),
                (r"very good", "very good"),
                (r"^good", "good"),
                (r"fair", "fair"),
                (r"poor", "poor"),
            ],
        ),
        "iadl_help_count": int(mm.number(mm.get(inputs, r"activities|iadl"))),
        "social_support": mm.choose(
            mm.get(inputs, r"count on|social support"),
            [(r"always|^yes", "always"), (r"sometimes", "sometimes"), (r"never|^no", "never")],
        ),
        "five_or_more_medications": mm.yes(mm.get(inputs, r"five or more|5 prescription")),
        "forgets_medications": mm.choose(mm.get(inputs, r"forget"), sometimes_yes),
        "weight_loss": mm.yes(mm.get(inputs, r"weight")),
        "often_sad": mm.choose(mm.get(inputs, r"sad|depress"), sometimes_yes),
        "incontinence": mm.yes(mm.get(inputs, r"urine|incontinence")),
    }
    if re.search(r"unable|assist|unwilling", tug, re.I):
        out["tug_unable"] = True
    else:
        out["tug_seconds"] = mm.number(tug)
    return out
