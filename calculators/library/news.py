"""National Early Warning Score (NEWS), Royal College of Physicians 2012."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import news2
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="news",
    name="National Early Warning Score (NEWS)",
    synonyms=("NEWS", "National Early Warning Score 2012", "NEWS (2012)"),
    category="critical care",
    source=(
        "Royal College of Physicians. National Early Warning Score (NEWS): Standardising the "
        "assessment of acute-illness severity in the NHS. Report of a working party. London: "
        "RCP, 2012."
    ),
    output_type="integer",
    description="The original 2012 aggregate early warning score (single SpO2 scale, AVPU "
    "consciousness); superseded by NEWS2.",
)


class Inputs(QuantityInputs):
    """Inputs of NEWS (2012)."""

    respiratory_rate: float = quantity("rate", "/min", ge=0, le=80, description="Respiratory rate")
    spo2: float = Field(ge=40, le=100, description="Oxygen saturation SpO2 [%]")
    supplemental_oxygen: bool = Field(description="On supplemental oxygen (rather than room air)")
    temperature: float = quantity("temperature", "°C", ge=25, le=45, description="Temperature")
    systolic_bp: float = quantity("pressure", "mmHg", ge=20, le=300, description="Systolic BP")
    heart_rate: float = quantity("rate", "/min", ge=0, le=300, description="Pulse rate")
    consciousness: Literal["alert", "voice", "pain", "unresponsive"] = Field(
        description="AVPU: alert, responds to voice, to pain, or unresponsive"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum the NEWS parameter points (RCP 2012 chart)."""
    i = inputs
    steps, total = tally(
        [
            (
                "Respiratory rate",
                i.respiratory_rate,
                news2.band(i.respiratory_rate, *news2.RR_BANDS),
            ),
            ("SpO2", i.spo2, news2.band(i.spo2, *news2.SPO2_SCALE1)),
            ("Supplemental oxygen", i.supplemental_oxygen, 2 if i.supplemental_oxygen else 0),
            ("Temperature", i.temperature, news2.band(i.temperature, *news2.TEMP_BANDS)),
            ("Systolic BP", i.systolic_bp, news2.band(i.systolic_bp, *news2.SBP_BANDS)),
            ("Heart rate", i.heart_rate, news2.band(i.heart_rate, *news2.HR_BANDS)),
            ("Level of consciousness", i.consciousness, 0 if i.consciousness == "alert" else 3),
        ]
    )
    score = int(total)
    any_three = any(s.points == 3 for s in steps)
    steps.append(Step(label="Total", value=score, total=score))
    return CalcResult(
        calculator=META.id, value=score, interpretation=news2.risk(score, any_three), steps=steps
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc NEWS inputs → Inputs (new confusion is not an AVPU level: counted as V)."""
    out = news2.vitals(inputs)
    if out["consciousness"] == "new confusion":
        out["consciousness"] = "voice"
    t = out["temperature"]
    if t[1] in ("C", "c"):
        out["temperature"] = [t[0], "°C"]
    return out
