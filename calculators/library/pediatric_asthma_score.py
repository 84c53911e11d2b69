"""Pediatric Asthma Score (PAS) for acute asthma severity in children aged 2-18."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="pediatric_asthma_score",
    name="Pediatric Asthma Score (PAS)",
    synonyms=("PAS", "Pediatric Asthma Score", "Kelly asthma score"),
    category="pediatrics",
    source="Kelly CS, Andersen CL, Pestian JP, et al. Improved outcomes for hospitalized "
    "asthmatic children using a clinical pathway. Ann Allergy Asthma Immunol. "
    "2000;84(5):509-516; scoring table after Qureshi F, Pestian J, Davis P, Zaritsky A. Effect "
    "of nebulized ipratropium on the hospitalization rates of children with asthma. N Engl J "
    "Med. 1998;339(15):1030-1035.",
    output_type="integer",
    description="Respiratory rate for age, oxygen requirement, auscultation, retractions and "
    "dyspnoea, each 1-3 (total 5-15): 5-7 mild, 8-11 moderate, 12-15 severe.",
)

Oxygen = Literal["gt95_room_air", "90_95_room_air", "lt90_or_supplemental_o2"]
Auscultation = Literal["normal_or_end_expiratory", "expiratory_wheeze", "insp_exp_or_diminished"]
Retractions = Literal[
    "none_or_intercostal", "intercostal_and_substernal", "intercostal_substernal_supraclavicular"
]
Dyspnea = Literal["sentences", "partial_sentences", "single_words"]

# 1/2/3 points per finding: Kelly 2000 (Children's Mercy pathway "Severity of Asthma
# Exacerbation" table; same table as Qureshi 1998, Table 1).
_OXYGEN = {"gt95_room_air": 1, "90_95_room_air": 2, "lt90_or_supplemental_o2": 3}
_AUSCULTATION = {"normal_or_end_expiratory": 1, "expiratory_wheeze": 2, "insp_exp_or_diminished": 3}
_RETRACTIONS = {
    "none_or_intercostal": 1,
    "intercostal_and_substernal": 2,
    "intercostal_substernal_supraclavicular": 3,
}
_DYSPNEA = {"sentences": 1, "partial_sentences": 2, "single_words": 3}

# Respiratory rate bands by age (Qureshi 1998, Table 1): (age upper bound exclusive, highest
# rate for 1 point, highest rate for 2 points); above that 3 points.
# 2-3 y: ≤34 / 35-39 / ≥40; 4-5 y: ≤30 / 31-35 / ≥36; 6-12 y: ≤26 / 27-30 / ≥31;
# >12 y: ≤23 / 24-27 / ≥28.
_RR_BANDS = ((4, 34, 39, "2-3 y"), (6, 30, 35, "4-5 y"), (13, 26, 30, "6-12 y"))
_RR_ADULT = (23, 27, ">12 y")


def rr_points(age: float, rate: float) -> tuple[int, str]:
    """Points for the respiratory rate at this age, with the age band used."""
    one, two, band = _RR_ADULT
    for upper, lo, mid, name in _RR_BANDS:
        if age < upper:
            one, two, band = lo, mid, name
            break
    # Rates are whole breaths; a fractional rate falls in the band it rounds up into.
    if rate < one + 1:
        return 1, band
    return (2, band) if rate < two + 1 else (3, band)


class Inputs(QuantityInputs):
    """The five PAS findings."""

    age: float = quantity("age", "years", ge=2, le=18, description="Age (PAS is for 2-18 years)")
    respiratory_rate: float = quantity(
        "rate", "/min", ge=5, le=120, description="Respiratory rate (banded by age)"
    )
    oxygen: Oxygen = Field(
        description="gt95_room_air: SpO2 > 95% on room air (1); 90_95_room_air: 90-95% on room "
        "air (2); lt90_or_supplemental_o2: < 90% on room air or on any supplemental oxygen (3)"
    )
    auscultation: Auscultation = Field(
        description="normal_or_end_expiratory: normal or end-expiratory wheeze only (1); "
        "expiratory_wheeze (2); insp_exp_or_diminished: inspiratory and expiratory wheeze, "
        "diminished breath sounds, or both (3)"
    )
    retractions: Retractions = Field(
        description="none_or_intercostal (1); intercostal_and_substernal (2); "
        "intercostal_substernal_supraclavicular (3)"
    )
    dyspnea: Dyspnea = Field(
        description="sentences: speaks in sentences, coos and babbles (1); partial_sentences: "
        "partial sentences, short cries (2); single_words: single words or short phrases, "
        "grunts (3)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five findings (5-15) and the severity band (Kelly 2000)."""
    s = Score()
    pts, band = rr_points(inputs.age, inputs.respiratory_rate)
    s.add("Respiratory rate", inputs.respiratory_rate, pts, f"age band {band}")
    s.add("Oxygen requirement", inputs.oxygen, _OXYGEN[inputs.oxygen])
    s.add("Auscultation", inputs.auscultation, _AUSCULTATION[inputs.auscultation])
    s.add("Retractions", inputs.retractions, _RETRACTIONS[inputs.retractions])
    s.add("Dyspnea", inputs.dyspnea, _DYSPNEA[inputs.dyspnea])
    total = int(s.total)
    # Kelly 2000: 5-7 mild, 8-11 moderate, 12-15 severe.
    severity = "Mild" if total <= 7 else "Moderate" if total <= 11 else "Severe"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{severity} exacerbation (PAS {total}; 5-7 mild, 8-11 moderate, "
        "12-15 severe).",
        steps=s.steps,
        extra={"severity": severity.lower()},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PAS inputs (rate, age and option texts) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "respiratory_rate": f.number("respiratory rate"),
        "oxygen": f.option(
            "oxygen",
            "saturation",
            options={
                "gt95_room_air": ("gt 95 on room air", ">95% on room air"),
                "90_95_room_air": ("90 95 on room air", "90-95% on room air"),
                "lt90_or_supplemental_o2": ("lt 90", "supplemental oxygen", "supplemental"),
            },
        ),
        "auscultation": f.option(
            "auscultation",
            options={
                "normal_or_end_expiratory": ("normal", "end expiratory"),
                "expiratory_wheeze": ("expiratory wheezing", "expiratory wheeze"),
                "insp_exp_or_diminished": ("inspiratory", "diminished"),
            },
        ),
        "retractions": f.option(
            "retraction",
            options={
                "none_or_intercostal": ("none or intercostal", "none", "intercostal"),
                "intercostal_and_substernal": ("intercostal and substernal", "substernal"),
                "intercostal_substernal_supraclavicular": ("supraclavicular",),
            },
        ),
        "dyspnea": f.option(
            "dyspnea",
            "dyspnoea",
            options={
                "sentences": ("speaks in sentences", "sentences", "coos and babbles"),
                "partial_sentences": ("partial sentences", "short cry", "short cries"),
                "single_words": ("single words", "short phrases", "grunts"),
            },
        ),
    }
