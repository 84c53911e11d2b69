"""Pediatric Crohn's Disease Activity Index (PCDAI)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="pcdai",
    name="Pediatric Crohn’s Disease Activity Index (PCDAI)",
    synonyms=(
        "Pediatric Crohn's Disease Activity Index (PCDAI)",
        "Pediatric Crohn's Disease Activity Index",
        "PCDAI",
    ),
    category="gastroenterology",
    source=(
        "Hyams JS, Ferry GD, Mandel FS, et al. Development and validation of a pediatric "
        "Crohn's disease activity index. J Pediatr Gastroenterol Nutr. 1991;12(4):439-447 "
        "(item table as reproduced by UpToDate and the Cincinnati Children's PCDAI form); "
        "severity bands from Turner D, Griffiths AM, Walters TD, et al. Appraisal of the "
        "pediatric Crohn's disease activity index on four prospectively collected datasets. "
        "Am J Gastroenterol. 2010;105(9):2085-2092 (PMID 20372111)."
    ),
    output_type="decimal",
    description="11 items (history, examination, growth, haematocrit, ESR, albumin), 0-100; "
    "< 10 remission, 10-27.5 mild, 30-37.5 moderate, ≥ 40 severe.",
)

ThreeLevel = Literal["none", "mild", "severe"]

# Hyams 1991: every history/examination item scores 0 / 5 / 10.
_LEVEL = {"none": 0, "mild": 5, "severe": 10}


class Inputs(QuantityInputs):
    """Inputs of the PCDAI (history over the past week; labs within the past week)."""

    abdominal_pain: ThreeLevel = Field(
        description="none; mild (brief, does not interfere with activities); severe "
        "(moderate/severe: daily, longer lasting, affects activities, nocturnal)"
    )
    stools: ThreeLevel = Field(
        description="none (0-1 liquid stools, no blood); mild (up to 2 semi-formed with small "
        "blood, or 2-5 liquid); severe (gross bleeding, ≥ 6 liquid, or nocturnal diarrhoea)"
    )
    well_being: ThreeLevel = Field(
        description="none (no limitation, well); mild (occasional difficulty maintaining "
        "age-appropriate activities, below par); severe (frequent limitation, very poor)"
    )
    weight: ThreeLevel = Field(
        description="none (weight gain or voluntary weight stable/loss); mild (involuntary "
        "weight stable, weight loss 1-9%); severe (weight loss ≥ 10%)"
    )
    height: ThreeLevel = Field(
        description="none (height velocity ≥ -1 SD, or < 1 channel decrease at diagnosis); "
        "mild (-1 to -2 SD, or 1-2 channel decrease); severe (≤ -2 SD, or ≥ 2 channels)"
    )
    abdomen: ThreeLevel = Field(
        description="none (no tenderness, no mass); mild (tenderness, or mass without "
        "tenderness); severe (tenderness, involuntary guarding, definite mass)"
    )
    perirectal: ThreeLevel = Field(
        description="none (none, asymptomatic tags); mild (1-2 indolent fistulae, scant "
        "drainage, no tenderness); severe (active fistula, drainage, tenderness or abscess)"
    )
    extraintestinal_count: int = Field(
        ge=0,
        le=6,
        description="Extra-intestinal manifestations present (fever ≥ 38.5 °C for 3 days in "
        "the past week, definite arthritis, uveitis, erythema nodosum, pyoderma gangrenosum)",
    )
    sex: Literal["male", "female"] = Field(description="Sex (haematocrit bands differ)")
    age: float = quantity("age", "years", ge=0, le=19, description="Age (PCDAI: ≤ 19 years)")
    hematocrit: float = quantity("percent", "%", ge=5, le=70, description="Haematocrit")
    esr: float = Field(ge=0, le=200, description="ESR [mm/h]")
    albumin: float = quantity("albumin", "g/dL", ge=0.5, le=7, description="Serum albumin")


def hematocrit_points(hct: float, age: float, sex: str) -> tuple[float, str]:
    """Haematocrit points (Hyams 1991): 0 / 2.5 / 5 by age- and sex-specific bands.

    Bands (% haematocrit, 0 / 2.5 / 5 points): < 10 years ≥ 33 / 28-32 / < 28; girls 11-19
    ≥ 34 / 29-33 / < 29; boys 11-14 ≥ 35 / 30-34 / < 30; boys 15-19 ≥ 37 / 32-36 / < 32.
    """
    # The published bands jump from "< 10 years" to "11-19 years"; a 10-year-old is scored
    # on the childhood band (no adolescent band covers age 10).
    if age < 11:
        low, normal, band = 28, 33, "< 11 years"
    elif sex == "female":
        low, normal, band = 29, 34, "girls 11-19 years"
    elif age < 15:
        low, normal, band = 30, 35, "boys 11-14 years"
    else:
        low, normal, band = 32, 37, "boys 15-19 years"
    if hct >= normal:
        return 0, band
    return (2.5 if hct >= low else 5), band


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the 11 PCDAI items (Hyams 1991)."""
    i = inputs
    s = Score()
    s.add("Abdominal pain", i.abdominal_pain, _LEVEL[i.abdominal_pain])
    s.add("Stools", i.stools, _LEVEL[i.stools])
    s.add("General well-being", i.well_being, _LEVEL[i.well_being])
    hct_pts, band = hematocrit_points(i.hematocrit, i.age, i.sex)
    s.add("Haematocrit", i.hematocrit, hct_pts, band)
    # ESR < 20 → 0, 20-50 → 2.5, > 50 mm/h → 5 (Hyams 1991).
    esr_pts = 0 if i.esr < 20 else (2.5 if i.esr <= 50 else 5)
    s.add("ESR", i.esr, esr_pts, "mm/h")
    # Albumin ≥ 3.5 → 0, 3.1-3.4 → 5, ≤ 3.0 g/dL → 10 (Hyams 1991).
    alb_pts = 0 if i.albumin >= 3.5 else (5 if i.albumin > 3.0 else 10)
    s.add("Albumin", i.albumin, alb_pts, "g/dL")
    s.add("Weight", i.weight, _LEVEL[i.weight])
    s.add("Height", i.height, _LEVEL[i.height])
    s.add("Abdomen", i.abdomen, _LEVEL[i.abdomen])
    s.add("Perirectal disease", i.perirectal, _LEVEL[i.perirectal])
    # Extra-intestinal manifestations: none 0, one 5, two or more 10 (Hyams 1991).
    eim = i.extraintestinal_count
    s.add("Extra-intestinal manifestations", eim, 0 if eim == 0 else (5 if eim == 1 else 10))
    total = s.value
    # Turner 2010 bands (as on MDCalc/MDApp): < 10 remission, 10-27.5 mild, 30-37.5 moderate,
    # ≥ 40 severe (scores move in steps of 2.5).
    if total < 10:
        reading = "Remission (PCDAI < 10)"
    elif total < 30:
        reading = "Mild disease (PCDAI 10-27.5)"
    elif total < 40:
        reading = "Moderate disease (PCDAI 30-37.5)"
    else:
        reading = "Severe disease (PCDAI ≥ 40)"
    return CalcResult(calculator=META.id, value=total, interpretation=reading, steps=s.steps)


_OPTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "abdominal_pain": {
        "none": ("none",),
        "mild": ("mild", "brief does not interfere"),
        "severe": ("moderate", "severe", "daily", "moderate severe"),
    },
    "stools": {
        "none": ("0 1 liquid stools no blood", "formed", "none", "normal"),
        "mild": ("up to 2 semi formed", "2 5 liquid", "semi formed"),
        "severe": ("gross bleeding", "ge 6 liquid", "nocturnal diarrhea", "nocturnal"),
    },
    "well_being": {
        "none": ("no limitation", "well"),
        "mild": ("occasional difficulty", "below par"),
        "severe": ("frequent limitation", "very poor"),
    },
    "weight": {
        "none": ("weight gain", "voluntary", "gain", "stable"),
        "mild": ("involuntary weight stable", "1 9", "weight loss 1 9"),
        "severe": ("ge 10", "10 or more", "weight loss ge 10"),
    },
    "height": {
        "none": ("ge 1 sd", "lt 1 channel", "normal"),
        "mild": ("between 1 and 2 sd", "1 2 channel", "lt 1sd gt 2sd"),
        "severe": ("le 2 sd", "ge 2 channel", "gt 2 channel"),
    },
    "abdomen": {
        "none": ("no tenderness no mass", "no tenderness", "none", "normal"),
        "mild": ("tenderness or mass without tenderness", "mass without tenderness"),
        "severe": ("involuntary guarding", "definite mass", "guarding"),
    },
    "perirectal": {
        "none": ("none", "asymptomatic tags"),
        "mild": ("indolent", "scant drainage", "1 2 indolent fistula"),
        "severe": ("active fistula", "abscess", "drainage tenderness"),
    },
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PCDAI inputs (MDCalc option texts, lab values) → kwargs."""
    f = Fields(inputs, META.id)
    keys = {
        "abdominal_pain": ("abdominal pain", "pain"),
        "stools": ("stool",),
        "well_being": ("well being", "wellbeing", "general well", "functioning"),
        "weight": ("weight",),
        "height": ("height",),
        "abdomen": ("abdomen", "abdominal exam", "abdominal tenderness"),
        "perirectal": ("perirectal", "perianal"),
    }
    out: dict[str, Any] = {
        field: f.option(*keys[field], options=_OPTIONS[field]) for field in _OPTIONS
    }
    eim = f.text("extra intestinal", "extraintestinal", "extra-intestinal")
    words = eim.strip().lower()
    if words.startswith(("none", "no", "0")):
        out["extraintestinal_count"] = 0
    elif words.startswith(("one", "1", "yes")):
        out["extraintestinal_count"] = 1
    else:
        out["extraintestinal_count"] = 2 if ("two" in words or "2" in words) else 1
    out.update(
        sex=f.sex(),
        age=f.number("age"),
        hematocrit=f.number("hematocrit", "haematocrit", "hct"),
        esr=f.number("esr", "sedimentation"),
        albumin=f.quantity("albumin", default_unit="g/dL"),
    )
    return out
