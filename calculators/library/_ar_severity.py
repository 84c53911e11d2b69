"""Aortic regurgitation severity from quantitative echo parameters (ASE 2017 grading).

Shared by the AR PISA and AR volumetric calculators. Thresholds: Zoghbi WA, Adams D, Bonow RO,
et al. Recommendations for Noninvasive Evaluation of Native Valvular Regurgitation. J Am Soc
Echocardiogr. 2017;30(4):303-371 (doi 10.1016/j.echo.2017.01.007), AR table: EROA < 0.10 /
0.10-0.19 / 0.20-0.29 / ≥ 0.30 cm²; regurgitant volume < 30 / 30-44 / 45-59 / ≥ 60 mL/beat;
regurgitant fraction < 30 / 30-39 / 40-49 / ≥ 50 % for mild / mild-to-moderate /
moderate-to-severe / severe (the quantitative parameters subdivide moderate AR).

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, Step, quantity

#: The guideline both AR calculators follow (their META source, DOI and PMID).
SOURCE = (
    "Zoghbi WA, Adams D, Bonow RO, et al. Recommendations for Noninvasive Evaluation of "
    "Native Valvular Regurgitation: A Report from the American Society of Echocardiography "
    "Developed in Collaboration with the Society for Cardiovascular Magnetic Resonance. "
    "J Am Soc Echocardiogr. 2017;30(4):303-371."
)
DOI = "10.1016/j.echo.2017.01.007"
PMID = "28314623"

GRADES = ("Mild", "Moderate (mild-to-moderate)", "Moderate (moderate-to-severe)", "Severe")

#: Lower bounds of the mild-to-moderate, moderate-to-severe and severe grades (ASE 2017).
EROA_CUTS = (0.10, 0.20, 0.30)
RVOL_CUTS = (30.0, 45.0, 60.0)
RF_CUTS = (30.0, 40.0, 50.0)


def grade(value: float, cuts: tuple[float, float, float]) -> str:
    """The ASE 2017 AR grade of ``value`` given the three lower bounds ``cuts``."""
    level = sum(value >= c for c in cuts)
    return GRADES[level]


def eroa_grade(eroa_cm2: float) -> str:
    """Grade an effective regurgitant orifice area (cm²)."""
    return grade(eroa_cm2, EROA_CUTS)


def rvol_grade(rvol_ml: float) -> str:
    """Grade a regurgitant volume (mL/beat)."""
    return grade(rvol_ml, RVOL_CUTS)


def rf_grade(rf_percent: float) -> str:
    """Grade a regurgitant fraction (%)."""
    return grade(rf_percent, RF_CUTS)


def reading(parameter: str, value: str, grade_text: str) -> str:
    """``"Severe AR by EROA (0.35 cm²)"``: the grade first, so category answers match it."""
    return f"{grade_text} AR by {parameter} ({value})"


def also(parameter: str, value: str, grade_text: str) -> str:
    """``"regurgitant fraction 42%: moderate (moderate-to-severe)"``: a further reading."""
    return f"{parameter} {value}: {grade_text.lower()}"


def ar_vti_field(gives: str) -> Any:
    """The optional AR velocity-time integral (cm) input; ``gives`` names what it adds."""
    return quantity(
        "length",
        "cm",
        ge=10,
        le=600,
        default=None,
        description=f"AR velocity-time integral by CW Doppler (optional: {gives})",
    )


def ar_result(
    calculator: str,
    *,
    value: float,
    unit: str,
    readings: list[str],
    steps: list[Step],
    extra: dict[str, Any],
) -> CalcResult:
    """The AR quantification result, its readings joined by "; " as the interpretation."""
    return CalcResult(
        calculator=calculator,
        value=value,
        unit=unit,
        interpretation="; ".join(readings),
        steps=steps,
        extra=extra,
    )
