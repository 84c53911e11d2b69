"""NUTRIC score (Nutrition Risk in the Critically Ill), with or without IL-6."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="nutric_score",
    name="Nutrition Risk in the Critically Ill (NUTRIC) Score",
    synonyms=("NUTRIC", "NUTRIC score", "mNUTRIC", "modified NUTRIC score"),
    category="critical care",
    source="Heyland DK, Dhaliwal R, Jiang X, Day AG. Identifying critically ill patients who "
    "benefit the most from nutrition therapy: the development and initial validation of a "
    "novel risk assessment tool. Crit Care. 2011;15(6):R268. Modified (no IL-6): Rahman A, "
    "et al. Clin Nutr. 2016;35(1):158-162.",
    pmid="22085763",
    output_type="integer",
    description="Age, APACHE II, SOFA, comorbidities, days from hospital to ICU admission and "
    "optionally IL-6; high risk ≥ 6 of 10 with IL-6, ≥ 5 of 9 without.",
)


class Inputs(CalcInputs):
    """Inputs of the NUTRIC score (IL-6 optional, as in the published modified score)."""

    age: float = Field(ge=16, le=120, description="Age in years (< 50: 0; 50-74: 1; ≥ 75: 2)")
    apache_ii: int = Field(
        ge=0, le=71, description="APACHE II (< 15: 0; 15-19: 1; 20-28: 2; > 28: 3)"
    )
    sofa: int = Field(ge=0, le=24, description="SOFA (< 6: 0; 6-9: 1; ≥ 10: 2)")
    comorbidities: int = Field(ge=0, le=30, description="Number of comorbidities (≥ 2: +1)")
    days_hospital_to_icu: float = Field(
        ge=0, le=365, description="Days from hospital to ICU admission (≥ 1: +1)"
    )
    il6: float | None = Field(
        default=None, ge=0, le=100000, description="Interleukin-6 in pg/mL (≥ 400: +1; optional)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """NUTRIC points (Heyland 2011 table; mNUTRIC without IL-6, Rahman 2016)."""
    i = inputs
    s = Score()
    # Heyland 2011 bands as tabulated in the ACCP critical-care review read
    # (critical-care-platform.pages.dev): age < 50 / 50-74 / > 74; APACHE II < 15 / 15-19 /
    # 20-28 / > 28; SOFA < 6 / 6-9 / > 9; comorbidities 0-1 / > 1; days 0-< 1 / ≥ 1;
    # IL-6 0-< 400 / ≥ 400.
    s.add("Age", i.age, 0 if i.age < 50 else 1 if i.age < 75 else 2)
    s.add(
        "APACHE II",
        i.apache_ii,
        0 if i.apache_ii < 15 else 1 if i.apache_ii < 20 else 2 if i.apache_ii <= 28 else 3,
    )
    s.add("SOFA", i.sofa, 0 if i.sofa < 6 else 1 if i.sofa < 10 else 2)
    s.add("Comorbidities ≥ 2", i.comorbidities, 1 if i.comorbidities >= 2 else 0)
    s.add(
        "Days hospital → ICU ≥ 1", i.days_hospital_to_icu, 1 if i.days_hospital_to_icu >= 1 else 0
    )
    if i.il6 is not None:
        s.add("IL-6 ≥ 400 pg/mL", i.il6, 1 if i.il6 >= 400 else 0)
        high_from, version = 6, "NUTRIC with IL-6 (0-10)"
    else:
        high_from, version = 5, "modified NUTRIC without IL-6 (0-9)"
    total = int(s.total)
    if total >= high_from:
        label = (
            "High risk: associated with worse outcomes (mortality, ventilation); most likely "
            "to benefit from aggressive nutrition therapy"
        )
    else:
        label = "Low risk: low malnutrition risk"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{label} ({version}, high risk ≥ {high_from}).",
        steps=s.steps,
        extra={"with_il6": i.il6 is not None},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, APACHE II, SOFA, comorbidities, days to ICU, IL-6?) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "age": f.number("age"),
        "apache_ii": int(f.number("apache")),
        "sofa": int(f.number("sofa")),
        "comorbidities": int(f.number("comorbid")),
        "days_hospital_to_icu": f.number("days", "hospital to icu"),
    }
    if f.has("il 6", "il6", "interleukin"):
        out["il6"] = f.number("il 6", "il6", "interleukin")
    return out
