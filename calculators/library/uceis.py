"""Ulcerative Colitis Endoscopic Index of Severity (UCEIS)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="uceis",
    name="Ulcerative Colitis Endoscopic Index of Severity (UCEIS)",
    synonyms=("UCEIS", "UCEIS score"),
    category="gastroenterology",
    source=(
        "Travis SPL, Schnell D, Krzeski P, et al. Developing an instrument to assess the "
        "endoscopic severity of ulcerative colitis: the Ulcerative Colitis Endoscopic Index of "
        "Severity (UCEIS). Gut. 2012;61(4):535-542."
    ),
    output_type="integer",
    description="Endoscopic severity of ulcerative colitis (0-8) from vascular pattern, bleeding "
    "and erosions/ulcers in the worst affected area.",
)

Vascular = Literal["normal", "patchy_obliteration", "obliterated"]
Bleeding = Literal["none", "mucosal", "luminal_mild", "luminal_moderate_severe"]
Ulceration = Literal["none", "erosions", "superficial_ulcer", "deep_ulcer"]

# Likert anchors scored 0-2 / 0-3 / 0-3 (Travis 2012; ECCO e-Guide UCEIS table).
_VASCULAR = {"normal": 0, "patchy_obliteration": 1, "obliterated": 2}
_BLEEDING = {"none": 0, "mucosal": 1, "luminal_mild": 2, "luminal_moderate_severe": 3}
_ULCER = {"none": 0, "erosions": 1, "superficial_ulcer": 2, "deep_ulcer": 3}


class Inputs(CalcInputs):
    """Inputs of the UCEIS (score the most severe lesions)."""

    vascular_pattern: Vascular = Field(
        description="Vascular pattern: normal (0), patchy obliteration (1), complete "
        "obliteration (2)"
    )
    bleeding: Bleeding = Field(
        description="Bleeding: none (0), mucosal - coagulated blood that washes away (1), "
        "luminal mild - some free liquid blood (2), luminal moderate or severe - frank blood or "
        "oozing after washing (3)"
    )
    erosions_ulcers: Ulceration = Field(
        description="Erosions and ulcers: none (0), erosions ≤ 5 mm (1), superficial ulcer "
        "> 5 mm (2), deep ulcer with raised edge (3)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the three descriptors (0-8)."""
    s = Score()
    s.add("Vascular pattern", inputs.vascular_pattern, _VASCULAR[inputs.vascular_pattern])
    s.add("Bleeding", inputs.bleeding, _BLEEDING[inputs.bleeding])
    s.add("Erosions and ulcers", inputs.erosions_ulcers, _ULCER[inputs.erosions_ulcers])
    total = int(s.total)
    # Remission ≤ 1 (Travis 2012, as tabulated in the BSG 2019 IBD guideline, Gut); the
    # mild 2-4 / moderate 5-6 / severe 7-8 bands are those listed with the score by MDApp's
    # UCEIS calculator page (mdapp.co), from later validation work.
    if total <= 1:
        band = "Remission"
    elif total <= 4:
        band = "Mild"
    elif total <= 6:
        band = "Moderate"
    else:
        band = "Severe"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band} endoscopic activity (UCEIS {total}/8).",
        steps=s.steps,
        extra={"category": band},
    )


_VASCULAR_OPTIONS = {
    "normal": ("normal", "normal vascular pattern"),
    "patchy_obliteration": ("patchy", "patchy obliteration"),
    "obliterated": ("obliterated", "complete obliteration", "complete loss", "absent"),
}
_BLEEDING_OPTIONS = {
    "none": ("none", "no visible blood", "no bleeding"),
    "mucosal": ("mucosal",),
    "luminal_mild": ("luminal mild", "mild luminal", "some free liquid blood"),
    "luminal_moderate_severe": (
        "luminal moderate or severe",
        "luminal moderate",
        "luminal severe",
        "frank blood",
    ),
}
_ULCER_OPTIONS = {
    "none": ("none", "normal mucosa", "no erosions"),
    "erosions": ("erosions", "erosion"),
    "superficial_ulcer": ("superficial ulcer", "superficial"),
    "deep_ulcer": ("deep ulcer", "deep"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (option texts such as 'Patchy obliteration')."""
    f = Fields(inputs, META.id)
    return {
        "vascular_pattern": f.option("vascular", options=_VASCULAR_OPTIONS),
        "bleeding": f.option("bleeding", options=_BLEEDING_OPTIONS),
        "erosions_ulcers": f.option("erosion", "ulcer", options=_ULCER_OPTIONS),
    }
