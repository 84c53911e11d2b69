"""Severe Community-Acquired Pneumonia (SCAP) score (España 2006)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._criterion_answers import criterion
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="scap_score",
    name="Severe Community-Acquired Pneumonia (SCAP) Score",
    synonyms=("SCAP score", "SCAP", "Severe CAP score"),
    category="pulmonology",
    source="España PP, Capelastegui A, Gorordo I, et al. Development and validation of a "
    "clinical prediction rule for severe community-acquired pneumonia. Am J Respir Crit Care "
    "Med. 2006;174(11):1249-1256.",
    output_type="integer",
    description="Weighted major (pH < 7.30, SBP < 90) and minor criteria; a score ≥ 10 "
    "predicts severe CAP (ICU admission, mechanical ventilation, septic shock, death).",
)

# Weights (España 2006; as tabulated by QxMD and by the AFP summary of Yandiola 2009):
# major: arterial pH < 7.30 = 13, SBP < 90 mmHg = 11; minor: RR > 30 = 9,
# PaO2 < 54 mmHg or PaO2/FiO2 < 250 = 6, BUN > 30 mg/dL = 5, altered mental status = 5,
# age ≥ 80 = 5, multilobar/bilateral infiltrates = 5.
WEIGHTS = {
    "ph_below_7_30": 13,
    "sbp_below_90": 11,
    "rr_above_30": 9,
    "low_pao2": 6,
    "bun_above_30": 5,
    "altered_mental_status": 5,
    "age_80_or_more": 5,
    "multilobar_infiltrates": 5,
}
#: SCAP ≥ 10 predicts severe CAP (España 2006).
SEVERE_THRESHOLD = 10


class Inputs(CalcInputs):
    """Inputs of the SCAP score (each criterion present or absent)."""

    ph_below_7_30: bool = Field(description="Arterial pH < 7.30 (major, +13)")
    sbp_below_90: bool = Field(description="Systolic blood pressure < 90 mmHg (major, +11)")
    rr_above_30: bool = Field(description="Respiratory rate > 30 /min (+9)")
    low_pao2: bool = Field(description="PaO2 < 54 mmHg or PaO2/FiO2 < 250 mmHg (+6)")
    bun_above_30: bool = Field(description="BUN > 30 mg/dL (10.7 mmol/L urea) (+5)")
    altered_mental_status: bool = Field(description="Altered mental status (+5)")
    age_80_or_more: bool = Field(description="Age ≥ 80 years (+5)")
    multilobar_infiltrates: bool = Field(
        description="Multilobar or bilateral infiltrates on chest radiograph (+5)"
    )


_LABELS = {
    "ph_below_7_30": "Arterial pH < 7.30",
    "sbp_below_90": "Systolic BP < 90 mmHg",
    "rr_above_30": "Respiratory rate > 30",
    "low_pao2": "PaO2 < 54 mmHg or PaO2/FiO2 < 250",
    "bun_above_30": "BUN > 30 mg/dL",
    "altered_mental_status": "Altered mental status",
    "age_80_or_more": "Age ≥ 80",
    "multilobar_infiltrates": "Multilobar/bilateral infiltrates",
}


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the SCAP weights."""
    s = Score()
    for key, points in WEIGHTS.items():
        s.flag(_LABELS[key], getattr(inputs, key), points)
    total = int(s.total)
    major = inputs.ph_below_7_30 or inputs.sbp_below_90
    if total >= SEVERE_THRESHOLD:
        reading = f"High risk: SCAP {total} (≥ 10) predicts severe CAP; consider ICU-level care"
    else:
        reading = f"Low risk: SCAP {total} (< 10) for severe CAP"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=reading,
        steps=s.steps,
        extra={"major_criterion_present": major},
    )


def _low_pao2(m: kw.KeywordInputs) -> bool:
    """PaO2 < 54 mmHg, or a PaO2/FiO2 ratio < 250 when the field is the ratio (España 2006)."""
    ratio = m.find("pao2 fio2", "p f ratio", "pf ratio", default=None)
    if ratio is not None:
        return criterion(ratio, lambda v: v < 250)
    return criterion(m.find("pao2", "pao₂"), lambda v: v < 54)


def _bun_above_30(value: Any) -> bool:
    """BUN > 30 mg/dL; a value in mmol/L is tested against 10.7 (30 mg/dL × 0.357, AFP 2009)."""
    cutoff = 30 * 0.357 if "mmol" in str(value).lower() else 30
    return criterion(value, lambda v: v > cutoff)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Yes (pH 7.25)' / 'No' or raw values) → kwargs."""
    m = kw.KeywordInputs(inputs)
    return {
        "ph_below_7_30": criterion(m.find("ph"), lambda v: v < 7.30),
        "sbp_below_90": criterion(m.find("systolic", "sbp"), lambda v: v < 90),
        "rr_above_30": criterion(m.find("respiratory rate", "rr"), lambda v: v > 30),
        "low_pao2": _low_pao2(m),
        "bun_above_30": _bun_above_30(m.find("bun", "urea")),
        "altered_mental_status": criterion(m.find("mental", "confusion")),
        "age_80_or_more": criterion(m.find("age"), lambda v: v >= 80),
        "multilobar_infiltrates": criterion(m.find("multilobar", "bilateral", "infiltrat")),
    }
