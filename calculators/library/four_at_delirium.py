"""4 'A's Test (4AT) for delirium screening."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="four_at_delirium",
    name="4 A’s Test for Delirium Screening",
    synonyms=("4AT", "4 A's Test", "4 A's Test for Delirium Screening", "4AT delirium test"),
    category="geriatrics",
    source="Bellelli G, et al. Validation of the 4AT, a new instrument for rapid delirium "
    "screening: a study in 234 hospitalised older people. Age Ageing. "
    "2014;43(4):496-502.",
    doi="10.1093/ageing/afu021",
    output_type="integer",
    unit=None,
    description="Alertness, AMT4, attention (months backwards) and acute change: ≥4 suggests "
    "delirium.",
)

ALERTNESS = {
    0: ("Normal", "fully alert but not agitated", "mild sleepiness for lt 10 seconds"),
    4: ("Clearly abnormal",),
}
AMT4 = {
    0: ("No mistakes",),
    1: ("1 mistake", "one mistake"),
    2: ("2 or more mistakes or untestable", "ge 2 mistakes", "2 mistakes", "untestable"),
}
ATTENTION = {
    0: ("Achieves 7 months or more correctly", "7 months or more", "ge 7 months"),
    1: ("Starts but scores <7 months / refuses to start", "lt 7 months", "refuses"),
    2: ("Untestable (cannot start because unwell, drowsy, inattentive)", "untestable"),
}
ACUTE = {0: ("No",), 4: ("Yes",)}


class Inputs(CalcInputs):
    """Inputs of the 4AT."""

    alertness: Literal[0, 4] = Field(description="0 normal; 4 clearly abnormal")
    amt4: Literal[0, 1, 2] = Field(
        description="AMT4 (age, date of birth, place, year): "
        "0 no mistakes; 1 one mistake; 2 ≥2 or untestable"
    )
    attention: Literal[0, 1, 2] = Field(
        description="Months of the year backwards: 0 ≥7 correct; 1 starts but <7 or refuses; "
        "2 untestable"
    )
    acute_change: Literal[0, 4] = Field(
        description="Acute change or fluctuating course (past 2 weeks, still present in the "
        "last 24 h): 0 no; 4 yes"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum the four items (Bellelli 2014)."""
    steps, total = tally(
        [
            ("Alertness", inputs.alertness, inputs.alertness),
            ("AMT4", inputs.amt4, inputs.amt4),
            ("Attention (months backwards)", inputs.attention, inputs.attention),
            ("Acute change or fluctuating course", inputs.acute_change, inputs.acute_change),
        ]
    )
    label = (
        "Possible delirium and/or cognitive impairment (≥4)"
        if total >= 4
        else "Possible cognitive impairment (1–3)"
        if total >= 1
        else "Delirium or severe cognitive impairment unlikely (0)"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (four items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "alertness": f.option("alertness", options=ALERTNESS),
        "amt4": f.option("amt4", options=AMT4),
        "attention": f.option("attention", options=ATTENTION),
        "acute_change": 4 if f.yes("acute change", "fluctuating") else 0,
    }
