"""The 2013 ACC/AHA Pooled Cohort Equations (PCE), shared by the two ASCVD calculators.

Source: Goff DC Jr, Lloyd-Jones DM, Bennett G, et al. 2013 ACC/AHA Guideline on the Assessment
of Cardiovascular Risk. Circulation. 2014;129(25 Suppl 2):S49-S73 (PMID 24222018,
DOI 10.1161/01.cir.0000437741.48606.98), Table A in the Work Group report: sex- and
race-specific Cox coefficients, the group mean of the linear predictor and the 10-year baseline
survival. Risk = 1 − S10^exp(Σβx − mean). The numbers below were checked against two
independent public transcriptions of that table (a clinical calculator reference table and two
open-source implementations); the mean for African-American women is 86.61 (one transcription
prints 86.16, a typo: the worked examples of Goff 2013 only reproduce with 86.61).

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

import math
from typing import Literal

from m3agent.calculators.base import Step

Race = Literal["white", "african_american", "other"]

# Keys: ln_age, ln_age_sq, ln_tc, ln_age_ln_tc, ln_hdl, ln_age_ln_hdl, ln_sbp_treated,
# ln_age_ln_sbp_treated, ln_sbp_untreated, ln_age_ln_sbp_untreated, smoker, ln_age_smoker,
# diabetes; then the mean of Σβx and the 10-year baseline survival (Goff 2013, Table A).
_ZERO = dict.fromkeys(
    (
        "ln_age_sq",
        "ln_age_ln_tc",
        "ln_age_ln_hdl",
        "ln_age_ln_sbp_treated",
        "ln_age_ln_sbp_untreated",
        "ln_age_smoker",
    ),
    0.0,
)
COEFFICIENTS: dict[tuple[str, str], dict[str, float]] = {
    ("white", "female"): {
        **_ZERO,
        "ln_age": -29.799,
        "ln_age_sq": 4.884,
        "ln_tc": 13.540,
        "ln_age_ln_tc": -3.114,
        "ln_hdl": -13.578,
        "ln_age_ln_hdl": 3.149,
        "ln_sbp_treated": 2.019,
        "ln_sbp_untreated": 1.957,
        "smoker": 7.574,
        "ln_age_smoker": -1.665,
        "diabetes": 0.661,
        "mean": -29.18,
        "s10": 0.9665,
    },
    ("african_american", "female"): {
        **_ZERO,
        "ln_age": 17.114,
        "ln_tc": 0.940,
        "ln_hdl": -18.920,
        "ln_age_ln_hdl": 4.475,
        "ln_sbp_treated": 29.291,
        "ln_age_ln_sbp_treated": -6.432,
        "ln_sbp_untreated": 27.820,
        "ln_age_ln_sbp_untreated": -6.087,
        "smoker": 0.691,
        "diabetes": 0.874,
        "mean": 86.61,
        "s10": 0.9533,
    },
    ("white", "male"): {
        **_ZERO,
        "ln_age": 12.344,
        "ln_tc": 11.853,
        "ln_age_ln_tc": -2.664,
        "ln_hdl": -7.990,
        "ln_age_ln_hdl": 1.769,
        "ln_sbp_treated": 1.797,
        "ln_sbp_untreated": 1.764,
        "smoker": 7.837,
        "ln_age_smoker": -1.795,
        "diabetes": 0.658,
        "mean": 61.18,
        "s10": 0.9144,
    },
    ("african_american", "male"): {
        **_ZERO,
        "ln_age": 2.469,
        "ln_tc": 0.302,
        "ln_hdl": -0.307,
        "ln_sbp_treated": 1.916,
        "ln_sbp_untreated": 1.809,
        "smoker": 0.549,
        "diabetes": 0.645,
        "mean": 19.54,
        "s10": 0.8954,
    },
}

#: Ranges the equations were derived over (ACC/AHA ASCVD Risk Estimator input limits, as
#: reproduced by the open-source implementations read for this module): outside them the
#: estimate is an extrapolation, which is flagged as a warning.
DERIVATION_RANGES = {
    "total_cholesterol": (130.0, 320.0),
    "hdl": (20.0, 100.0),
    "systolic_bp": (90.0, 200.0),
}


def pce_risk(
    *,
    sex: str,
    race: Race,
    age: float,
    total_cholesterol: float,
    hdl: float,
    systolic_bp: float,
    bp_treated: bool,
    smoker: bool,
    diabetes: bool,
) -> tuple[float, list[Step], list[str]]:
    """10-year risk (%) of a first hard ASCVD event by the Pooled Cohort Equations.

    Args:
        sex: ``male`` or ``female``.
        race: ``white``, ``african_american`` or ``other`` (other uses the white equations,
            as Goff 2013 recommends).
        age: Age in years (40-79).
        total_cholesterol: Total cholesterol in mg/dL.
        hdl: HDL cholesterol in mg/dL.
        systolic_bp: Systolic blood pressure in mmHg.
        bp_treated: Whether the blood pressure is treated with medication.
        smoker: Current smoker.
        diabetes: Diabetes mellitus.

    Returns:
        The risk in percent (unrounded), the steps and the warnings.
    """
    group = "african_american" if race == "african_american" else "white"
    b = COEFFICIENTS[(group, sex)]
    la, ltc, lhdl, lsbp = (
        math.log(age),
        math.log(total_cholesterol),
        math.log(hdl),
        math.log(systolic_bp),
    )
    smoke = 1.0 if smoker else 0.0
    if bp_treated:
        sbp_terms = b["ln_sbp_treated"] * lsbp + b["ln_age_ln_sbp_treated"] * la * lsbp
    else:
        sbp_terms = b["ln_sbp_untreated"] * lsbp + b["ln_age_ln_sbp_untreated"] * la * lsbp
    terms = [
        ("Age terms (ln age, ln age²)", b["ln_age"] * la + b["ln_age_sq"] * la * la),
        ("Total cholesterol terms", b["ln_tc"] * ltc + b["ln_age_ln_tc"] * la * ltc),
        ("HDL terms", b["ln_hdl"] * lhdl + b["ln_age_ln_hdl"] * la * lhdl),
        (f"Systolic BP terms ({'treated' if bp_treated else 'untreated'})", sbp_terms),
        ("Smoking terms", b["smoker"] * smoke + b["ln_age_smoker"] * la * smoke),
        ("Diabetes", b["diabetes"] * (1.0 if diabetes else 0.0)),
    ]
    steps: list[Step] = []
    total = 0.0
    for label, part in terms:
        total += part
        steps.append(Step(label=label, value=round(part, 4), total=round(total, 4)))
    risk = (1 - b["s10"] ** math.exp(total - b["mean"])) * 100
    eq = f"{group.replace('_', '-')} {sex}"
    steps.append(
        Step(
            label="10-year risk",
            value=round(risk, 2),
            detail=f"{eq} equation: (1 − {b['s10']}^exp(Σβx − {b['mean']})) × 100",
        )
    )
    warnings: list[str] = []
    if race == "other":
        warnings.append(
            "Race other than white or African American: the white equations are used, which "
            "may over- or underestimate risk (Goff 2013)."
        )
    values = {"total_cholesterol": total_cholesterol, "hdl": hdl, "systolic_bp": systolic_bp}
    for name, (lo, hi) in DERIVATION_RANGES.items():
        if not lo <= values[name] <= hi:
            warnings.append(
                f"{name} {values[name]:g} is outside the {lo:g}-{hi:g} range the equations "
                "were built on: the estimate is an extrapolation."
            )
    return risk, steps, warnings


def risk_category(risk: float) -> str:
    """The 2018 AHA/ACC cholesterol guideline 10-year risk category (Grundy 2019, Figure 2).

    Low < 5%; borderline 5 to < 7.5%; intermediate 7.5 to < 20%; high ≥ 20%.
    """
    if risk < 5:
        return "Low risk (<5%)"
    if risk < 7.5:
        return "Borderline risk (5-7.4%)"
    if risk < 20:
        return "Intermediate risk (7.5-19.9%)"
    return "High risk (≥20%)"


RACE_OPTIONS: dict[str, tuple[str, ...]] = {
    "white": ("white", "caucasian", "white or other"),
    "african_american": ("african american", "black", "african-american"),
    "other": ("other", "asian", "hispanic", "latino", "unknown"),
}
