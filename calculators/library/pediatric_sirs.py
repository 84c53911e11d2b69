"""Pediatric SIRS and sepsis criteria (Goldstein 2005 age-specific thresholds).

Pediatric SIRS is two or more of four criteria, one of which must be an abnormal temperature or
leukocyte count; sepsis is SIRS with a suspected or proven infection.

Sources read for the constants:

- Age-specific heart rate, respiratory rate and leukocyte thresholds: Goldstein 2005 table 3 as
  reproduced in Fisher/Minerva Pediatr 2015 (PMC4395852, table 2, "adapted from Goldstein
  2005") and UpToDate's pediatric SIRS table (which also states the "two or more criteria, one of
  which must be an abnormal temperature or leukocyte count" rule). Bradycardia counts only in the
  three groups under 1 year, as in both tables (NA for older children).
- Temperature > 38.5 °C or < 36 °C (core), mechanical ventilation for an acute process as the
  respiratory criterion and > 10% bands as the leukocyte criterion: the criteria list of the
  pediatric SIRS calculator at thecalculator.co, which restates Goldstein 2005.

Not implemented: Goldstein's severe sepsis and septic shock rungs (organ-dysfunction rules); the
text of those definitions could not be read in a source during this session, so this module
stops at SIRS / sepsis rather than guess them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.library._medmcp_fields import Fields, first_number
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="pediatric_sirs",
    name="Pediatric SIRS, Sepsis, and Septic Shock Criteria",
    synonyms=(
        "Pediatric SIRS",
        "pediatric SIRS criteria",
        "Goldstein pediatric SIRS",
        "pSIRS",
    ),
    category="pediatrics",
    source="Goldstein B, Giroir B, Randolph A; International Consensus Conference on Pediatric "
    "Sepsis. International pediatric sepsis consensus conference: definitions for sepsis and "
    "organ dysfunction in pediatrics. Pediatr Crit Care Med. 2005;6(1):2-8.",
    pmid="15636651",
    output_type="integer",
    description="Number of pediatric SIRS criteria met (0-4) with Goldstein's age-specific "
    "thresholds; SIRS needs ≥ 2 including temperature or leukocytes, sepsis adds infection.",
)

AgeGroup = Literal[
    "newborn",
    "neonate",
    "infant",
    "toddler_preschool",
    "school_age",
    "adolescent",
]


class Thresholds(BaseModel):
    """One age group's row of the Goldstein table (leukocytes in 10³/µL)."""

    label: str
    hr_high: float
    hr_low: float | None
    rr_high: float
    wbc_high: float
    wbc_low: float | None


#: Goldstein 2005 table 3 (see the module docstring for where each row was read).
THRESHOLDS: dict[str, Thresholds] = {
    "newborn": Thresholds(
        label="newborn, 0 days to 1 week",
        hr_high=180,
        hr_low=100,
        rr_high=50,
        wbc_high=34,
        wbc_low=None,
    ),
    "neonate": Thresholds(
        label="neonate, 1 week to 1 month",
        hr_high=180,
        hr_low=100,
        rr_high=40,
        wbc_high=19.5,
        wbc_low=5,
    ),
    "infant": Thresholds(
        label="infant, 1 month to 1 year",
        hr_high=180,
        hr_low=90,
        rr_high=34,
        wbc_high=17.5,
        wbc_low=5,
    ),
    "toddler_preschool": Thresholds(
        label="toddler/preschool, > 1 to 5 years",
        hr_high=140,
        hr_low=None,
        rr_high=22,
        wbc_high=15.5,
        wbc_low=6,
    ),
    "school_age": Thresholds(
        label="school age, > 5 to 12 years",
        hr_high=130,
        hr_low=None,
        rr_high=18,
        wbc_high=13.5,
        wbc_low=4.5,
    ),
    "adolescent": Thresholds(
        label="adolescent, > 12 to < 18 years",
        hr_high=110,
        hr_low=None,
        rr_high=14,
        wbc_high=11,
        wbc_low=4.5,
    ),
}

# Core temperature criterion (> 38.5 or < 36 °C) and immature neutrophils (> 10%).
TEMP_HIGH_C = 38.5
TEMP_LOW_C = 36.0
BANDS_MAX_PERCENT = 10.0


class Inputs(QuantityInputs):
    """Inputs of the pediatric SIRS criteria."""

    age_group: AgeGroup = Field(
        description="Goldstein age group: newborn (0 days-1 week), neonate (1 week-1 month), "
        "infant (1 month-1 year), toddler_preschool (> 1-5 years), school_age (> 5-12 years), "
        "adolescent (> 12-< 18 years)"
    )
    temperature: float = quantity(
        "temperature", "°C", ge=25, le=45, description="Core temperature (> 38.5 or < 36 °C)"
    )
    heart_rate: float = quantity("rate", "/min", ge=0, le=350, description="Heart rate")
    respiratory_rate: float = quantity("rate", "/min", ge=0, le=150, description="Resp. rate")
    mechanical_ventilation: bool = Field(
        False, description="Mechanical ventilation for an acute pulmonary process (meets)"
    )
    wbc: float = quantity("thousand_per_ul", "10^3/uL", ge=0, le=500, description="Leukocyte count")
    bands_percent: float | None = Field(
        None, ge=0, le=100, description="Immature neutrophils (bands) in % (> 10% meets)"
    )
    suspected_infection: bool | None = Field(
        None, description="Suspected or proven infection (sepsis)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Count Goldstein's four pediatric SIRS criteria and call SIRS / sepsis."""
    i = inputs
    t = THRESHOLDS[i.age_group]
    s = Score()
    temp = i.temperature > TEMP_HIGH_C or i.temperature < TEMP_LOW_C
    s.add("Core temperature > 38.5 or < 36 °C", round(i.temperature, 2), 1 if temp else 0)
    brady = t.hr_low is not None and i.heart_rate < t.hr_low
    hr = i.heart_rate > t.hr_high or brady
    hr_label = f"Heart rate > {t.hr_high:g}" + (f" or < {t.hr_low:g}" if t.hr_low else "")
    s.add(hr_label, i.heart_rate, 1 if hr else 0)
    rr = i.respiratory_rate > t.rr_high or i.mechanical_ventilation
    s.add(
        f"Respiratory rate > {t.rr_high:g} or mechanical ventilation",
        f"RR {i.respiratory_rate:g}, ventilated {i.mechanical_ventilation}",
        1 if rr else 0,
    )
    low = t.wbc_low is not None and i.wbc < t.wbc_low
    bands = i.bands_percent is not None and i.bands_percent > BANDS_MAX_PERCENT
    wbc = i.wbc > t.wbc_high or low or bands
    wbc_label = f"WBC > {t.wbc_high:g}" + (f" or < {t.wbc_low:g}" if t.wbc_low else "")
    s.add(f"{wbc_label} ×10³/µL or bands > 10%", i.wbc, 1 if wbc else 0)
    count = int(s.total)
    sirs = count >= 2 and (temp or wbc)
    if not sirs:
        why = "fewer than 2 criteria" if count < 2 else "neither temperature nor leukocytes met"
        category = "SIRS criteria not met"
        text = f"{category} ({count} of 4; {why})."
    elif i.suspected_infection:
        category = "Sepsis"
        text = f"Sepsis: pediatric SIRS ({count} of 4 criteria) with suspected infection."
    else:
        category = "SIRS"
        text = f"SIRS: {count} of 4 pediatric criteria, including temperature or leukocytes."
        if i.suspected_infection is None:
            text += " Sepsis if an infection is suspected."
    steps = [
        *s.steps,
        Step(label="Temperature or leukocytes among the criteria", value=temp or wbc),
        Step(label="Suspected or proven infection", value=i.suspected_infection),
        Step(label="Category", value=category, detail=f"Age group {t.label}"),
    ]
    return CalcResult(
        calculator=META.id,
        value=count,
        interpretation=text,
        steps=steps,
        warnings=[
            "Severe sepsis and septic shock (Goldstein organ-dysfunction criteria) are not "
            "assessed by this calculator."
        ],
        extra={"category": category, "sirs": sirs},
    )


# ----------------------------------------------------------------------------- MedMCP-Calc


def age_group_from_days(days: float) -> str:
    """The Goldstein age group of an age in days.

    Boundaries as UpToDate words the groups: < 7 days, < 1 month, < 1 year, then whole years
    1-5, 6-12 and 13-17 (">1 to 5", ">5 to 12", ">12 to < 18 years").
    """
    years = days / 365.25
    if days < 7:
        return "newborn"
    if days < 30.4375:  # one month = 365.25 / 12 days
        return "neonate"
    if years < 1:
        return "infant"
    if years < 6:
        return "toddler_preschool"
    return "school_age" if years < 13 else "adolescent"


_PER_DAY = (("day", 1.0), ("week", 7.0), ("month", 30.4375), ("year", 365.25))


def _age_group(f: Fields) -> str:
    field, value = f.raw("age")
    text = str(value).lower()
    n = first_number(value, field=field)
    for word, days in _PER_DAY:
        if word in text:
            return age_group_from_days(n * days)
    if "(" not in text and text.replace(".", "").strip().isdigit():
        return age_group_from_days(n * 365.25)  # a bare number is years
    raise MedMCPInputError(f"{META.id}: {field}: expected an age like '3 years', found {value!r}.")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (raw vital signs and labs) → Inputs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "age_group": _age_group(f),
        "temperature": f.quantity("temperature", "temp"),
        "heart_rate": f.quantity("heart rate", "pulse"),
        "respiratory_rate": f.quantity("respiratory rate", "resp rate"),
        "wbc": f.quantity("wbc", "white", "leukocyte"),
    }
    if not isinstance(out["wbc"], list) and out["wbc"] > 500:
        out["wbc"] = [out["wbc"], "/uL"]  # a bare count like '18,500' is per µL
    if f.has("mechanical ventilation", "ventilat"):
        out["mechanical_ventilation"] = f.yes("mechanical ventilation", "ventilat")
    if f.has("band"):
        out["bands_percent"] = f.number("band")
    if f.has("infection"):
        out["suspected_infection"] = f.yes("infection")
    return out
