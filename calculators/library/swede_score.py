"""Swede score for colposcopic findings."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="swede_score",
    name="Swede Score",
    synonyms=("Swede colposcopy score", "Swede colposcopic score"),
    category="gynecology",
    source="Strander B, Ellström-Andersson A, Franzén S, Milsom I, Rådberg T. The performance "
    "of a new scoring system for colposcopy in detecting high-grade dysplasia in the uterine "
    "cervix. Acta Obstet Gynecol Scand. 2005;84(10):1013-7. Score bands as in the IARC Atlas "
    "of Colposcopy (screening.iarc.fr).",
    output_type="integer",
    description="Five colposcopic findings scored 0-2 (total 0-10): aceto uptake, margins and "
    "surface, vessels, lesion size and iodine staining.",
)

#: Each item's answers and points, as printed in the Swede score (IARC Atlas of Colposcopy).
ITEMS: dict[str, tuple[str, dict[int, tuple[str, ...]]]] = {
    "aceto_uptake": (
        "Aceto uptake",
        {
            0: ("Zero or transparent", "Nil or transparent"),
            1: ("Shady, milky (not transparent, not opaque)", "Thin, milky", "Shady milky"),
            2: ("Distinct, opaque white", "Distinct, stearin"),
        },
    ),
    "margins_surface": (
        "Margins/surface",
        {
            0: ("Diffuse", "Nil or diffuse"),
            1: ("Sharp but irregular, jagged, geographical, satellites",),
            2: ("Sharp and even, difference in surface level including cuffing",),
        },
    ),
    "vessels": (
        "Vessels",
        {0: ("Fine, regular",), 1: ("Absent",), 2: ("Coarse or atypical",)},
    ),
    "lesion_size": (
        "Lesion size",
        {
            0: ("< 5 mm",),
            1: ("5-15 mm or 2 quadrants",),
            2: (">15 mm or 3-4 quadrants or endocervically undefined",),
        },
    ),
    "iodine_staining": (
        "Iodine staining",
        {0: ("Brown",), 1: ("Faintly or patchy yellow",), 2: ("Distinct yellow",)},
    ),
}


def _item(name: str) -> Any:
    label, answers = ITEMS[name]
    choices = "; ".join(f"{pts} {texts[0]}" for pts, texts in answers.items())
    return Field(ge=0, le=2, description=f"{label}: {choices}")


class Inputs(CalcInputs):
    """Inputs of the Swede score (each item 0-2)."""

    aceto_uptake: int = _item("aceto_uptake")
    margins_surface: int = _item("margins_surface")
    vessels: int = _item("vessels")
    lesion_size: int = _item("lesion_size")
    iodine_staining: int = _item("iodine_staining")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five items (0-10)."""
    s = Score()
    for name, (label, answers) in ITEMS.items():
        pts = getattr(inputs, name)
        s.add(label, answers[pts][0], pts)
    total = int(s.total)
    # Bands of the IARC Atlas of Colposcopy: 0-4 normal/CIN1, 5-6 CIN2/CIN3, 7-10 CIN3/cancer;
    # Strander 2005: a score ≥ 8 had 90% specificity for high-grade lesions (CIN2+).
    if total <= 4:
        text = "Low risk: findings suggest normal or CIN1 (score 0-4)"
    elif total <= 6:
        text = "Intermediate: findings suggest CIN2/CIN3 (score 5-6)"
    else:
        text = "High risk: findings suggest CIN3 or cancer (score 7-10)"
    if total >= 8:
        text += "; ≥ 8 is highly specific for a high-grade lesion (Strander 2005)"
    return CalcResult(calculator=META.id, value=total, interpretation=text, steps=s.steps)


_KEYS: dict[str, tuple[str, ...]] = {
    "aceto_uptake": ("aceto",),
    "margins_surface": ("margins", "surface"),
    "vessels": ("vessels",),
    "lesion_size": ("lesion size", "size"),
    "iodine_staining": ("iodine",),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (answer texts) → Inputs."""
    f = Fields(inputs, META.id)
    return {name: f.option(*keys, options=ITEMS[name][1]) for name, keys in _KEYS.items()}
