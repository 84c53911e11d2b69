"""National Early Warning Score 2 (NEWS2), Royal College of Physicians 2017."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="news2",
    name="National Early Warning Score (NEWS) 2",
    synonyms=("NEWS2", "NEWS 2", "National Early Warning Score 2"),
    category="critical care",
    source=(
        "Royal College of Physicians. National Early Warning Score (NEWS) 2: Standardising the "
        "assessment of acute-illness severity in the NHS. Updated report of a working party. "
        "London: RCP, 2017. https://www.rcplondon.ac.uk/projects/outputs/national-early-warning-score-news-2"
    ),
    output_type="integer",
    description="Aggregate score of six physiological parameters plus supplemental oxygen that "
    "triggers escalation of care; SpO2 scale 2 for hypercapnic respiratory failure.",
)

Consciousness = Literal["alert", "new confusion", "voice", "pain", "unresponsive"]


class Inputs(QuantityInputs):
    """Inputs of NEWS2."""

    respiratory_rate: float = quantity("rate", "/min", ge=0, le=80, description="Respiratory rate")
    spo2: float = Field(ge=40, le=100, description="Oxygen saturation SpO2 [%]")
    hypercapnic_failure: bool = Field(
        description="Hypercapnic respiratory failure with a prescribed 88-92% target (scale 2)"
    )
    supplemental_oxygen: bool = Field(description="On supplemental oxygen (rather than room air)")
    temperature: float = quantity("temperature", "°C", ge=25, le=45, description="Temperature")
    systolic_bp: float = quantity("pressure", "mmHg", ge=20, le=300, description="Systolic BP")
    heart_rate: float = quantity("rate", "/min", ge=0, le=300, description="Pulse rate")
    consciousness: Consciousness = Field(
        description="ACVPU: alert, new confusion, responds to voice, to pain, or unresponsive"
    )


def band(value: float, cuts: list[tuple[float, int]], last: int) -> int:
    """Points of the first band whose inclusive upper bound holds ``value``."""
    for upper, pts in cuts:
        if value <= upper:
            return pts
    return last


# RCP 2012 and 2017 charts (identical bands for these five parameters).
RR_BANDS = [(8, 3), (11, 1), (20, 0), (24, 2)], 3
TEMP_BANDS = [(35.0, 3), (36.0, 1), (38.0, 0), (39.0, 1)], 2
SBP_BANDS = [(90, 3), (100, 2), (110, 1), (219, 0)], 3
HR_BANDS = [(40, 3), (50, 1), (90, 0), (110, 1), (130, 2)], 3
SPO2_SCALE1 = [(91, 3), (93, 2), (95, 1)], 0


def spo2_scale2(spo2: float, oxygen: bool) -> int:
    """Score SpO2 on NEWS2 scale 2 (hypercapnic respiratory failure).

    ≤83 → 3, 84-85 → 2, 86-87 → 1, 88-92 (or ≥93 on air) → 0, then on oxygen 93-94 → 1,
    95-96 → 2, ≥97 → 3.
    """
    if spo2 <= 83:
        return 3
    if spo2 <= 85:
        return 2
    if spo2 <= 87:
        return 1
    if spo2 <= 92 or not oxygen:
        return 0
    return 1 if spo2 <= 94 else 2 if spo2 <= 96 else 3


def risk(total: int, any_three: bool) -> str:
    """RCP clinical risk: ≥7 high, 5-6 medium, a single 3 low-medium, else low."""
    if total >= 7:
        return "High risk: emergency assessment by a critical care team; continuous monitoring"
    if total >= 5:
        return "Medium risk: urgent ward-based response; monitor at least hourly"
    if any_three:
        return "Low-medium risk: urgent ward-based review (a single parameter scores 3)"
    return "Low risk: ward-based response; monitor 4-12 hourly"


def compute(inputs: Inputs) -> CalcResult:
    """Sum the NEWS2 parameter points (RCP 2017 chart)."""
    i = inputs
    spo2_pts = (
        spo2_scale2(i.spo2, i.supplemental_oxygen)
        if i.hypercapnic_failure
        else band(i.spo2, *SPO2_SCALE1)
    )
    steps, total = tally(
        [
            ("Respiratory rate", i.respiratory_rate, band(i.respiratory_rate, *RR_BANDS)),
            ("SpO2 (scale 2)" if i.hypercapnic_failure else "SpO2 (scale 1)", i.spo2, spo2_pts),
            ("Supplemental oxygen", i.supplemental_oxygen, 2 if i.supplemental_oxygen else 0),
            ("Systolic BP", i.systolic_bp, band(i.systolic_bp, *SBP_BANDS)),
            ("Pulse", i.heart_rate, band(i.heart_rate, *HR_BANDS)),
            ("Consciousness", i.consciousness, 0 if i.consciousness == "alert" else 3),
            ("Temperature", i.temperature, band(i.temperature, *TEMP_BANDS)),
        ]
    )
    score = int(total)
    any_three = any(s.points == 3 for s in steps)
    steps.append(Step(label="Total", value=score, total=score))
    return CalcResult(
        calculator=META.id, value=score, interpretation=risk(score, any_three), steps=steps
    )


def consciousness(value: Any) -> str:
    """Map ACVPU text to the input literal."""
    return mm.choose(
        value,
        [
            (r"confus", "new confusion"),
            (r"^alert", "alert"),
            (r"voice|verbal", "voice"),
            (r"pain", "pain"),
            (r"unrespons", "unresponsive"),
        ],
    )


def vitals(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """Read the NEWS/NEWS2 fields shared by both adapters."""
    return {
        "respiratory_rate": mm.number(mm.get(inputs, r"respiratory rate")),
        "spo2": mm.number(mm.get(inputs, r"spo2")),
        "supplemental_oxygen": mm.choose(
            mm.get(inputs, r"room air|supplemental|oxygen"),
            [(r"^room air|^no\b|^air", False), (r"supplemental|^yes|o2|oxygen", True)],
        ),
        "temperature": mm.quantity(mm.get(inputs, r"temperature"), "°C"),
        "systolic_bp": mm.number(mm.get(inputs, r"systolic")),
        "heart_rate": mm.number(mm.get(inputs, r"pulse|heart rate")),
        "consciousness": consciousness(mm.get(inputs, r"conscious")),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc NEWS2 inputs → Inputs."""
    out = vitals(inputs)
    out["hypercapnic_failure"] = mm.yes(mm.get(inputs, r"hypercapnic"))
    t = out["temperature"]
    if t[1] in ("C", "c"):
        out["temperature"] = [t[0], "°C"]
    return out
