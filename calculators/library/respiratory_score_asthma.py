"""Respiratory Score (RS) for asthma (Seattle Children's Hospital)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="respiratory_score_asthma",
    name="Respiratory Score for Asthma",
    synonyms=("Respiratory Score", "RS asthma", "Seattle Children's Respiratory Score"),
    category="pediatrics",
    source="Liu LL, Gallaher MM, Davis RL, Rutter CM, Lewis TC, Marcuse EK. Use of a "
    "respiratory clinical score among different providers. Pediatr Pulmonol. "
    "2004;37(3):243-248; point table of the Seattle Children's Hospital 'Pediatric Asthma: "
    "Criteria and Respiratory Score' pathway.",
    output_type="integer",
    description="Respiratory rate for age (1-3), retractions (0-3), dyspnoea (0-3) and "
    "auscultation (0-3), total 1-12; higher scores mean more respiratory distress.",
)

AgeGroup = Literal[
    "lt_2_months", "2_12_months", "1_2_years", "2_3_years", "4_5_years", "6_12_years", "gt_12_years"
]
Level = Literal[0, 1, 2, 3]

# Respiratory-rate bands (Seattle Children's RS table): highest rate scoring 1 and highest
# scoring 2; above that 3 points. <2 mo: <60 / 61-69 / >70; 2-12 mo: <50 / 51-59 / >60;
# 1-2 y: <40 / 41-44 / >45; 2-3 y: <34 / 35-39 / >40; 4-5 y: <30 / 31-35 / >36;
# 6-12 y: <26 / 27-30 / >31; >12 y: <23 / 24-27 / >28. The table leaves each boundary rate
# (e.g. 60 and 70) unassigned; a boundary rate here takes the lower band, as in the PAS table
# (Qureshi 1998) that uses the same numbers with ≤ and ≥.
_RR = {
    "lt_2_months": (60, 69),
    "2_12_months": (50, 59),
    "1_2_years": (40, 44),
    "2_3_years": (34, 39),
    "4_5_years": (30, 35),
    "6_12_years": (26, 30),
    "gt_12_years": (23, 27),
}


def rr_points(age_group: str, rate: float) -> int:
    """1-3 points for the respiratory rate in this age group."""
    one, two = _RR[age_group]
    if rate < one + 1:
        return 1
    return 2 if rate < two + 1 else 3


class Inputs(QuantityInputs):
    """The four Respiratory Score findings."""

    age_group: AgeGroup = Field(description="Age group for the respiratory-rate bands")
    respiratory_rate: float = quantity("rate", "/min", ge=5, le=150, description="Respiratory rate")
    retractions: Level = Field(
        description="0 none; 1 subcostal or intercostal; 2 two of subcostal, intercostal, "
        "substernal or nasal flaring (infant); 3 three of subcostal, intercostal, substernal, "
        "suprasternal, supraclavicular or nasal flaring/head bobbing (infant)"
    )
    dyspnea: Level = Field(
        description="Age-specific: 0 normal feeding/vocalisation/activity (0-2 y), normal play "
        "(2-4 y), counts to >10 in one breath (>4 y); 1 one of difficulty feeding, decreased "
        "vocalisation or agitated (0-2 y) / decreased appetite, more coughing after play, "
        "hyperactivity (2-4 y) / counts to 7-9; 2 two of those / counts to 4-6; 3 stops "
        "feeding or playing, no vocalisation, drowsy or confused / counts to < 3"
    )
    auscultation: Level = Field(
        description="0 normal, no wheeze; 1 end-expiratory wheeze only; 2 expiratory wheeze "
        "only (more than end-expiratory); 3 inspiratory and expiratory wheeze, diminished "
        "breath sounds, or both"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the four findings (1-12)."""
    s = Score()
    s.add(
        "Respiratory rate",
        inputs.respiratory_rate,
        rr_points(inputs.age_group, inputs.respiratory_rate),
        f"age group {inputs.age_group}",
    )
    s.add("Retractions", inputs.retractions, inputs.retractions)
    s.add("Dyspnea", inputs.dyspnea, inputs.dyspnea)
    s.add("Auscultation", inputs.auscultation, inputs.auscultation)
    total = int(s.total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"Respiratory Score {total}/12: higher scores mean more respiratory "
        "distress; used to guide and trend bronchodilator treatment.",
        steps=s.steps,
    )


_AGE = {
    "lt_2_months": ("lt 2 months", "less than 2 months", "under 2 months"),
    "2_12_months": ("2 to 12 months", "2 12 months", "2-12 months"),
    "1_2_years": ("1 to 2 years", "1 2 years", "1-2 years"),
    "2_3_years": ("2 to 3 years", "2 3 years", "2-3 years"),
    "4_5_years": ("4 to 5 years", "4 5 years", "4-5 years"),
    "6_12_years": ("6 to 12 years", "6 12 years", "6-12 years"),
    "gt_12_years": ("gt 12 years", "over 12 years", "more than 12 years"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc RS inputs (age category, rate and option texts) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age_group": f.option("age", options=_AGE),
        "respiratory_rate": f.number("respiratory rate"),
        "retractions": f.option(
            "retraction",
            options={
                0: ("none",),
                1: ("subcostal or intercostal",),
                2: ("2 of the following", "intercostal and substernal", "two of"),
                3: ("3 of the following", "supraclavicular", "three of", "head bobbing"),
            },
        ),
        "dyspnea": f.option(
            "dyspnea",
            "dyspnoea",
            options={
                0: ("normal feeding", "normal", "counts to gt 10"),
                1: ("1 of the following", "counts to 7 9", "one of"),
                2: ("2 of the following", "counts to 4 6", "two of"),
                3: ("stops feeding", "stops eating", "drowsy", "counts to lt 3"),
            },
        ),
        "auscultation": f.option(
            "wheez",
            "auscultation",
            options={
                0: ("normal breathing", "no wheezing", "none"),
                1: ("end expiratory wheeze only", "end expiratory"),
                2: ("expiratory wheeze only",),
                3: ("inspiratory and expiratory", "diminished breath sounds"),
            },
        ),
    }
