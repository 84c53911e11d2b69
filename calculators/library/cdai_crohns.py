"""Crohn's Disease Activity Index (CDAI; Best 1976)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="cdai_crohns",
    name="Crohn's Disease Activity Index (CDAI)",
    synonyms=("Crohn's Disease Activity Index", "CDAI for Crohn's disease", "Best CDAI"),
    category="gastroenterology",
    source=(
        "Best WR, Becktel JM, Singleton JW, Kern F Jr. Development of a Crohn's disease activity "
        "index. National Cooperative Crohn's Disease Study. Gastroenterology. "
        "1976;70(3):439-444."
    ),
    output_type="decimal",
    description="Crohn's disease activity over 7 days from a symptom diary (stools, pain, "
    "well-being), complications, antidiarrhoeal use, abdominal mass, haematocrit and weight.",
)

# The eight variables and their multipliers (Best 1976): liquid stools ×2, abdominal pain
# ×5, general well-being ×7, complications ×20, antidiarrhoeal opiates ×30, abdominal mass
# ×10 (none 0, questionable 2, definite 5), haematocrit deficit ×6 (from 47% in men, 42% in
# women), percentage below standard weight ×1.
_MASS = {"none": 0, "questionable": 2, "definite": 5}
_HCT_STANDARD = {"male": 47.0, "female": 42.0}

#: The six complication categories, 20 points each (Best 1976).
COMPLICATIONS = (
    "arthritis_arthralgia",
    "iritis_uveitis",
    "skin_mouth_lesions",
    "perianal_disease",
    "other_fistula",
    "fever",
)


class Inputs(QuantityInputs):
    """Inputs of the CDAI (7-day diary plus examination and laboratory)."""

    liquid_stools_7d: int = Field(
        ge=0, le=300, description="Total number of liquid or very soft stools over 7 days (×2)"
    )
    abdominal_pain_7d: int = Field(
        ge=0,
        le=21,
        description="Sum of 7 daily abdominal pain ratings (0 none, 1 mild, 2 moderate, "
        "3 severe) (×5)",
    )
    wellbeing_7d: int = Field(
        ge=0,
        le=28,
        description="Sum of 7 daily general well-being ratings (0 generally well, 1 slightly "
        "under par, 2 poor, 3 very poor, 4 terrible) (×7)",
    )
    arthritis_arthralgia: bool = Field(description="Arthritis or arthralgia (+20)")
    iritis_uveitis: bool = Field(description="Iritis or uveitis (+20)")
    skin_mouth_lesions: bool = Field(
        description="Erythema nodosum, pyoderma gangrenosum or aphthous stomatitis (+20)"
    )
    perianal_disease: bool = Field(description="Anal fissure, fistula or perirectal abscess (+20)")
    other_fistula: bool = Field(description="Other fistula (+20)")
    fever: bool = Field(description="Fever over 37.8 °C (100 °F) during the past week (+20)")
    antidiarrheal: bool = Field(
        description="Taking diphenoxylate/loperamide or opiates for diarrhoea (+30)"
    )
    abdominal_mass: Literal["none", "questionable", "definite"] = Field(
        description="Abdominal mass: none (0), questionable (2), definite (5) (×10)"
    )
    sex: Literal["male", "female"] = Field(description="Sex (standard haematocrit 47% / 42%)")
    hematocrit: float = quantity("percent", "%", ge=10, le=70, description="Haematocrit")
    weight: float = quantity("weight", "kg", ge=20, le=300, description="Current body weight")
    standard_weight: float = quantity(
        "weight", "kg", ge=20, le=300, description="Standard (ideal) body weight"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Weighted sum of the eight variables."""
    s = Score()
    s.add("Liquid/soft stools (7 days) × 2", inputs.liquid_stools_7d, 2 * inputs.liquid_stools_7d)
    s.add(
        "Abdominal pain ratings (7 days) × 5",
        inputs.abdominal_pain_7d,
        5 * inputs.abdominal_pain_7d,
    )
    s.add("General well-being ratings (7 days) × 7", inputs.wellbeing_7d, 7 * inputs.wellbeing_7d)
    for name in COMPLICATIONS:
        s.flag(name.replace("_", " ").capitalize(), getattr(inputs, name), 20)
    s.flag("Antidiarrhoeal (opiate) use", inputs.antidiarrheal, 30)
    s.add("Abdominal mass × 10", inputs.abdominal_mass, 10 * _MASS[inputs.abdominal_mass])
    standard = _HCT_STANDARD[inputs.sex]
    hct_points = 6 * (standard - inputs.hematocrit)
    s.add(
        "Haematocrit deficit × 6",
        inputs.hematocrit,
        round(hct_points, 2),
        f"6 × ({standard:g} − {inputs.hematocrit:g})",
    )
    # Source conflict (review): some calculators (e.g. igibdscores.it) floor this term at -10
    # for weight above standard; Merck/Best apply it with its sign, as done here.
    weight_pct = 100 * (1 - inputs.weight / inputs.standard_weight)
    s.add(
        "Percent below standard weight × 1",
        round(inputs.weight, 2),
        round(weight_pct, 2),
        f"100 × (1 − {inputs.weight:g}/{inputs.standard_weight:g})",
    )
    total = round(s.total, 1)
    warnings = []
    if hct_points < 0 or weight_pct < 0:
        warnings.append(
            "A haematocrit above the standard or a weight above standard weight subtracts "
            "points: each term enters with its sign (Merck Manual CDAI definition)."
        )
    # Best 1976: ≤ 150 quiescent, > 450 extremely severe; the 150/220/450 bands as used in
    # trials (Merck Manual CDAI calculator wording). Source conflict (review): 150 itself is
    # "quiescent" in Best 1976 (≤ 150) but active in Merck (0-149 remission); Merck kept.
    if total < 150:
        band = "Asymptomatic remission"
    elif total <= 220:
        band = "Mildly to moderately active Crohn's disease"
    elif total <= 450:
        band = "Moderately to severely active Crohn's disease"
    else:
        band = "Severely active to fulminant disease"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band} (CDAI {total:g}).",
        steps=s.steps,
        warnings=warnings,
        extra={"category": band},
    )


_MASS_OPTIONS = {
    "none": ("none", "no", "absent"),
    "questionable": ("questionable", "possible", "dubious"),
    "definite": ("definite", "present", "yes"),
}
_COMPLICATION_KEYS = {
    "arthritis_arthralgia": ("arthritis", "arthralgia"),
    "iritis_uveitis": ("iritis", "uveitis"),
    "skin_mouth_lesions": ("erythema nodosum", "pyoderma", "aphthous"),
    "perianal_disease": ("anal fissure", "perianal", "perirectal"),
    "other_fistula": ("other fistula",),
    "fever": ("fever", "temperature"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (complications as yes/no fields or one listed field)."""
    f = Fields(inputs, META.id)
    listed = f.text("complication").lower() if f.has("complication") else ""
    out: dict[str, Any] = {
        "liquid_stools_7d": int(f.number("liquid", "stools")),
        "abdominal_pain_7d": int(f.number("abdominal pain", "pain")),
        "wellbeing_7d": int(f.number("well being", "wellbeing", "well")),
        "antidiarrheal": f.yes("antidiarr", "lomotil", "opiate", "loperamide"),
        "abdominal_mass": f.option("mass", options=_MASS_OPTIONS),
        "sex": f.sex(),
        "hematocrit": f.number("hematocrit", "haematocrit", "hct"),
        "weight": f.quantity(
            "current weight", "weight", default_unit="kg", exclude=("standard", "ideal")
        ),
        "standard_weight": f.quantity("standard weight", "ideal", default_unit="kg"),
    }
    for name, keys in _COMPLICATION_KEYS.items():
        if f.has(*keys, exclude=("complication",)):
            out[name] = f.yes(*keys, exclude=("complication",))
        else:
            out[name] = any(k in listed for k in keys)
    return out
