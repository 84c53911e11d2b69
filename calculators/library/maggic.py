"""MAGGIC risk score for chronic heart failure (Pocock 2013)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, first_number, norm
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="maggic",
    name="MAGGIC Risk Calculator for Heart Failure",
    synonyms=(
        "MAGGIC",
        "MAGGIC score",
        "MAGGIC heart failure risk score",
        "Meta-Analysis Global Group in Chronic Heart Failure risk score",
    ),
    category="cardiology",
    source="Pocock SJ, Ariti CA, McMurray JJV, et al. Predicting survival in heart failure: a "
    "risk score based on 39 372 patients from 30 studies. Eur Heart J. 2013;34(19):1404-13.",
    doi="10.1093/eurheartj/ehs337",
    output_type="integer",
    unit="points",
    description="Integer score from 13 routine variables (EF, age and systolic BP by EF band, BMI, "
    "creatinine, NYHA class, sex, smoking, diabetes, COPD, HF duration, beta-blocker, ACEI/ARB); "
    "gives 1- and 3-year all-cause mortality in HF with reduced or preserved EF.",
)

# Every point below is Pocock 2013, Figure 2 (the integer score chart), as reproduced on the
# official calculator www.heartfailurerisk.org (its scoring script) and in MDCalc's table; the
# three agree. Bands are half-open on the integer scale the chart prints ("25-29" = 25 ≤ x < 30).

#: (upper bound exclusive, points) for ejection fraction in %; ≥40 scores 0.
_EF = ((20, 7), (25, 6), (30, 5), (35, 3), (40, 2))
#: Upper bounds (exclusive) of the age bands <55, 55-59, 60-64, 65-69, 70-74, 75-79; then ≥80.
_AGE_BANDS = (55, 60, 65, 70, 75, 80)
#: Extra points for age by EF band (EF <30, 30-39, ≥40), one row per age band incl. ≥80.
_AGE_POINTS = (
    (0, 0, 0),
    (1, 2, 3),
    (2, 4, 5),
    (4, 6, 7),
    (6, 8, 9),
    (8, 10, 12),
    (10, 13, 15),
)
#: Upper bounds (exclusive) of the systolic BP bands <110 ... 140-149; then ≥150.
_SBP_BANDS = (110, 120, 130, 140, 150)
#: Extra points for systolic BP by EF band (EF <30, 30-39, ≥40).
_SBP_POINTS = (
    (5, 3, 2),
    (4, 2, 1),
    (3, 1, 1),
    (2, 1, 0),
    (1, 0, 0),
    (0, 0, 0),
)
#: (upper bound exclusive, points) for BMI in kg/m²; ≥30 scores 0.
_BMI = ((15, 6), (20, 5), (25, 3), (30, 2))
#: (upper bound exclusive, points) for creatinine in µmol/L; ≥250 scores 8.
_CREATININE = ((90, 0), (110, 1), (130, 2), (150, 3), (170, 4), (210, 5), (250, 6))
_NYHA = {1: 0, 2: 2, 3: 6, 4: 8}

# Probability of death by integer score 0-50 (index = score), from the official calculator's
# lookup (www.heartfailurerisk.org; the curves of Pocock 2013, Figure 3).
_RISK_1Y = (
    0.015, 0.016, 0.018, 0.020, 0.022, 0.024, 0.027, 0.029, 0.032, 0.036,
    0.039, 0.043, 0.048, 0.052, 0.058, 0.063, 0.070, 0.077, 0.084, 0.093,
    0.102, 0.111, 0.122, 0.134, 0.147, 0.160, 0.175, 0.191, 0.209, 0.227,
    0.248, 0.269, 0.292, 0.316, 0.342, 0.369, 0.398, 0.427, 0.458, 0.490,
    0.523, 0.557, 0.591, 0.625, 0.659, 0.692, 0.725, 0.757, 0.787, 0.816,
    0.842,
)  # fmt: skip
_RISK_3Y = (
    0.039, 0.043, 0.048, 0.052, 0.058, 0.063, 0.070, 0.077, 0.084, 0.092,
    0.102, 0.111, 0.122, 0.134, 0.146, 0.160, 0.175, 0.191, 0.209, 0.227,
    0.247, 0.269, 0.292, 0.316, 0.342, 0.369, 0.397, 0.427, 0.458, 0.490,
    0.523, 0.556, 0.590, 0.625, 0.658, 0.692, 0.725, 0.756, 0.787, 0.815,
    0.842, 0.866, 0.889, 0.908, 0.926, 0.941, 0.953, 0.964, 0.973, 0.980,
    0.985,
)  # fmt: skip


class Inputs(QuantityInputs):
    """Inputs of the MAGGIC score (all 13 variables are required)."""

    age: float = quantity("age", "years", ge=18, le=110, description="Age")
    male: bool = Field(description="Male sex (+1)")
    ejection_fraction: float = quantity(
        "percent", "%", ge=1, le=95, description="Left ventricular ejection fraction"
    )
    systolic_bp: float = quantity("pressure", "mmHg", ge=50, le=250, description="Systolic BP")
    bmi: float = quantity("bmi", "kg/m²", ge=10, le=50, description="Body mass index")
    creatinine: float = quantity(
        "creatinine", "µmol/L", ge=20, le=1400, description="Serum creatinine"
    )
    nyha_class: int = Field(ge=1, le=4, description="NYHA class 1-4 (I 0, II +2, III +6, IV +8)")
    current_smoker: bool = Field(description="Current smoker (+1)")
    diabetes: bool = Field(description="Diabetes (+3)")
    copd: bool = Field(description="Chronic obstructive pulmonary disease (+2)")
    hf_diagnosed_18_months_ago: bool = Field(
        description="Heart failure first diagnosed ≥18 months ago (+2)"
    )
    on_beta_blocker: bool = Field(description="Prescribed a beta-blocker (not on one: +3)")
    on_acei_arb: bool = Field(description="Prescribed an ACE inhibitor or ARB (not on one: +1)")


def _band(value: float, bounds: tuple[int, ...]) -> int:
    for i, upper in enumerate(bounds):
        if value < upper:
            return i
    return len(bounds)


def _from_cuts(value: float, cuts: tuple[tuple[int, int], ...], last: int) -> int:
    for upper, pts in cuts:
        if value < upper:
            return pts
    return last


def compute(inputs: Inputs) -> CalcResult:
    """Sum the MAGGIC integer points and read 1- and 3-year mortality (Pocock 2013)."""
    i = inputs
    ef = i.ejection_fraction
    ef_col = 0 if ef < 30 else 1 if ef < 40 else 2
    ef_label = ("EF <30", "EF 30-39", "EF ≥40")[ef_col]
    s = Score()
    s.add("Ejection fraction", ef, _from_cuts(ef, _EF, 0), "<20 +7; 20-24 +6; 25-29 +5; ...")
    s.add(
        f"Age ({ef_label})",
        i.age,
        _AGE_POINTS[_band(i.age, _AGE_BANDS)][ef_col],
        "extra points for age, by EF band",
    )
    s.add(
        f"Systolic BP ({ef_label})",
        i.systolic_bp,
        _SBP_POINTS[_band(i.systolic_bp, _SBP_BANDS)][ef_col],
        "extra points for systolic BP, by EF band",
    )
    s.add("BMI", round(i.bmi, 1), _from_cuts(i.bmi, _BMI, 0), "<15 +6; 15-19 +5; 20-24 +3; ...")
    s.add(
        "Creatinine (µmol/L)",
        round(i.creatinine, 1),
        _from_cuts(i.creatinine, _CREATININE, 8),
        "<90 0; 90-109 +1; ...; ≥250 +8",
    )
    s.add("NYHA class", i.nyha_class, _NYHA[i.nyha_class])
    s.flag("Male", i.male, 1)
    s.flag("Current smoker", i.current_smoker, 1)
    s.flag("Diabetes", i.diabetes, 3)
    s.flag("COPD", i.copd, 2)
    s.flag("HF first diagnosed ≥18 months ago", i.hf_diagnosed_18_months_ago, 2)
    s.flag("Not on beta-blocker", not i.on_beta_blocker, 3)
    s.flag("Not on ACEI/ARB", not i.on_acei_arb, 1)
    total = int(s.total)
    warnings = []
    row = total
    if total > len(_RISK_1Y) - 1:
        row = len(_RISK_1Y) - 1
        warnings.append(f"Score {total} is above the published table (0-50); risks shown for 50.")
    p1, p3 = round(100 * _RISK_1Y[row], 1), round(100 * _RISK_3Y[row], 1)
    return CalcResult(
        calculator=META.id,
        value=total,
        unit="points",
        interpretation=f"{total} points: 1-year mortality {p1:g}%, 3-year mortality {p3:g}%.",
        steps=s.steps,
        warnings=warnings,
        extra={"one_year_mortality_percent": p1, "three_year_mortality_percent": p3},
    )


def _nyha(value: Any, field: str) -> int:
    text = str(value).strip().upper()
    for roman, n in (("IV", 4), ("III", 3), ("II", 2), ("I", 1)):
        if text.startswith(roman) or f"CLASS {roman}" in text:
            return n
    n = int(first_number(value, field=field))
    if n not in _NYHA:
        raise MedMCPInputError(f"{field}: expected NYHA class I-IV, found {value!r}.")
    return n


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc MAGGIC inputs → Inputs.

    Treatments may be recorded either way round ("Beta blocker: Yes" or "Not on beta blocker:
    No"); creatinine takes its unit from the value or the field name (µmol/L when absent).
    """
    f = Fields(inputs, META.id)

    def on_drug(*keys: str) -> bool:
        field, value = f.raw(*keys)
        taking = f.yes(*keys)
        return not taking if "not" in norm(field).split() else taking

    hf_field, _ = f.raw("18 months", "18 mo", "diagnosed", "duration")
    hf_flag = f.yes("18 months", "18 mo", "diagnosed", "duration")
    # "First diagnosis in the past / within 18 months" is the opposite of the scored item.
    recent = any(w in norm(hf_field).split() for w in ("past", "within", "less", "lt", "last"))
    male = f.sex("sex", "gender") == "male" if f.has("sex", "gender") else f.yes("male")
    nyha_field, nyha_value = f.raw("nyha")
    return {
        "age": f.quantity("age", default_unit="years"),
        "male": male,
        "ejection_fraction": f.quantity("ejection fraction", "ef", "lvef", default_unit="%"),
        "systolic_bp": f.quantity("systolic", "sbp", default_unit="mmHg"),
        "bmi": f.quantity("bmi", "body mass", default_unit="kg/m²"),
        "creatinine": f.quantity("creatinine", default_unit="µmol/L"),
        "nyha_class": _nyha(nyha_value, nyha_field),
        "current_smoker": f.yes("smok"),
        "diabetes": f.yes("diabet"),
        "copd": f.yes("copd", "chronic obstructive"),
        "hf_diagnosed_18_months_ago": not hf_flag if recent else hf_flag,
        "on_beta_blocker": on_drug("beta"),
        "on_acei_arb": on_drug("acei", "ace", "arb"),
    }
