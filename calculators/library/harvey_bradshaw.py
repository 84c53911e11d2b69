"""Harvey-Bradshaw Index (HBI) for Crohn's disease activity."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="harvey_bradshaw",
    name="Harvey-Bradshaw Index (HBI) for Crohn's Disease",
    synonyms=("Harvey-Bradshaw Index", "HBI", "Harvey Bradshaw index"),
    category="gastroenterology",
    source=(
        "Harvey RF, Bradshaw JM. A simple index of Crohn's-disease activity. Lancet. "
        "1980;1(8167):514; activity bands: Best WR. Predicting the Crohn's disease activity "
        "index from the Harvey-Bradshaw Index. Inflamm Bowel Dis. 2006;12(4):304-310."
    ),
    output_type="integer",
    description="Crohn's disease activity from the previous day's well-being, abdominal pain, "
    "liquid stools, abdominal mass and complications.",
)

#: The eight complications scored 1 point each (Harvey & Bradshaw 1980).
COMPLICATIONS = (
    "arthralgia",
    "uveitis",
    "erythema_nodosum",
    "aphthous_ulcers",
    "pyoderma_gangrenosum",
    "anal_fissure",
    "new_fistula",
    "abscess",
)


class Inputs(CalcInputs):
    """Inputs of the Harvey-Bradshaw Index (previous day)."""

    general_wellbeing: int = Field(
        ge=0,
        le=4,
        description="General well-being: 0 very well, 1 slightly below par, 2 poor, "
        "3 very poor, 4 terrible",
    )
    abdominal_pain: int = Field(
        ge=0, le=3, description="Abdominal pain: 0 none, 1 mild, 2 moderate, 3 severe"
    )
    liquid_stools: int = Field(
        ge=0, le=50, description="Number of liquid or soft stools in the previous day (1 each)"
    )
    abdominal_mass: int = Field(
        ge=0,
        le=3,
        description="Abdominal mass: 0 none, 1 dubious, 2 definite, 3 definite and tender",
    )
    arthralgia: bool = Field(False, description="Complication: arthralgia (+1)")
    uveitis: bool = Field(False, description="Complication: uveitis (+1)")
    erythema_nodosum: bool = Field(False, description="Complication: erythema nodosum (+1)")
    aphthous_ulcers: bool = Field(False, description="Complication: aphthous ulcers (+1)")
    pyoderma_gangrenosum: bool = Field(False, description="Complication: pyoderma gangrenosum (+1)")
    anal_fissure: bool = Field(False, description="Complication: anal fissure (+1)")
    new_fistula: bool = Field(False, description="Complication: new fistula (+1)")
    abscess: bool = Field(False, description="Complication: abscess (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five items; complications count 1 point each."""
    s = Score()
    s.add("General well-being", inputs.general_wellbeing, inputs.general_wellbeing)
    s.add("Abdominal pain", inputs.abdominal_pain, inputs.abdominal_pain)
    s.add("Liquid or soft stools", inputs.liquid_stools, inputs.liquid_stools, "1 per stool")
    s.add("Abdominal mass", inputs.abdominal_mass, inputs.abdominal_mass)
    for name in COMPLICATIONS:
        s.flag(name.replace("_", " ").capitalize(), getattr(inputs, name), 1)
    total = int(s.total)
    # Best 2006: < 5 remission, 5-7 mild, 8-16 moderate, > 16 severe disease.
    if total < 5:
        band = "Remission"
    elif total <= 7:
        band = "Mild disease"
    elif total <= 16:
        band = "Moderate disease"
    else:
        band = "Severe disease"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band} (HBI {total}).",
        steps=s.steps,
        extra={"category": band},
    )


_WELL = {
    0: ("very well", "well"),
    1: ("slightly below par", "below par", "below average"),
    2: ("poor",),
    3: ("very poor",),
    4: ("terrible",),
}
_PAIN = {0: ("none", "no"), 1: ("mild",), 2: ("moderate",), 3: ("severe",)}
_MASS = {
    0: ("none", "no"),
    1: ("dubious", "questionable", "possible"),
    2: ("definite",),
    3: ("definite and tender", "tender"),
}
_COMPLICATION_KEYS = {
    "arthralgia": ("arthralgia", "joint pain"),
    "uveitis": ("uveitis",),
    "erythema_nodosum": ("erythema nodosum",),
    "aphthous_ulcers": ("aphthous",),
    "pyoderma_gangrenosum": ("pyoderma",),
    "anal_fissure": ("anal fissure", "fissure"),
    "new_fistula": ("fistula",),
    "abscess": ("abscess",),
}


def _graded(f: Fields, keys: tuple[str, ...], options: dict[int, tuple[str, ...]]) -> int:
    text = f.text(*keys).strip()
    if text[:1].isdigit():
        return int(f.number(*keys))
    return int(f.option(*keys, options=options))


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs.

    Complications come as separate yes/no fields, or as one 'Complications' field listing them
    ('Arthralgia, anal fissure'; 'None').
    """
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "general_wellbeing": _graded(f, ("well being", "wellbeing", "well"), _WELL),
        "abdominal_pain": _graded(f, ("abdominal pain", "pain"), _PAIN),
        "liquid_stools": int(f.number("liquid", "stools")),
        "abdominal_mass": _graded(f, ("mass",), _MASS),
    }
    listed = ""
    if f.has("complication"):
        listed = f.text("complication").lower()
    for name, keys in _COMPLICATION_KEYS.items():
        if f.has(*keys, exclude=("complication",)):
            out[name] = f.yes(*keys, exclude=("complication",))
        else:
            out[name] = any(k in listed for k in keys)
    return out
