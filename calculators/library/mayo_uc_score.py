"""Mayo score (Disease Activity Index) for ulcerative colitis."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="mayo_uc_score",
    name="Mayo Score/Disease Activity Index (DAI) for Ulcerative Colitis",
    synonyms=("Mayo score for UC", "Mayo score ulcerative colitis", "UC Disease Activity Index"),
    category="gastroenterology",
    source=(
        "Schroeder KW, Tremaine WJ, Ilstrup DM. Coated oral 5-aminosalicylic acid therapy for "
        "mildly to moderately active ulcerative colitis. A randomized study. N Engl J Med. "
        "1987;317(26):1625-1629; remission definition: Rutgeerts P, Sandborn WJ, Feagan BG, "
        "et al. Infliximab for induction and maintenance therapy for ulcerative colitis. N Engl "
        "J Med. 2005;353(23):2462-2476."
    ),
    output_type="integer",
    description="Ulcerative colitis activity (0-12) from stool frequency, rectal bleeding, "
    "endoscopic findings and the physician's global assessment, each 0-3.",
)

_STOOL = "0 normal; 1: 1-2 more than normal; 2: 3-4 more; 3: ≥ 5 more stools/day"
_BLEED = (
    "0 none; 1 streaks of blood < half the time; 2 obvious blood most of the time; "
    "3 blood alone passed"
)
_ENDO = (
    "0 normal/inactive; 1 mild (erythema, decreased vascular pattern, mild friability); "
    "2 moderate (marked erythema, absent vascular pattern, friability, erosions); "
    "3 severe (spontaneous bleeding, ulceration)"
)
_PGA = "0 normal; 1 mild; 2 moderate; 3 severe disease"


class Inputs(CalcInputs):
    """Inputs of the Mayo score: four subscores of 0-3."""

    stool_frequency: int = Field(ge=0, le=3, description=f"Stool frequency subscore: {_STOOL}")
    rectal_bleeding: int = Field(ge=0, le=3, description=f"Rectal bleeding subscore: {_BLEED}")
    endoscopy: int = Field(ge=0, le=3, description=f"Endoscopic findings subscore: {_ENDO}")
    physician_global: int = Field(ge=0, le=3, description=f"Physician's global assessment: {_PGA}")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the four subscores (0-12) with the activity band."""
    s = Score()
    s.add("Stool frequency", inputs.stool_frequency, inputs.stool_frequency, _STOOL)
    s.add("Rectal bleeding", inputs.rectal_bleeding, inputs.rectal_bleeding, _BLEED)
    s.add("Endoscopic findings", inputs.endoscopy, inputs.endoscopy, _ENDO)
    s.add("Physician's global assessment", inputs.physician_global, inputs.physician_global, _PGA)
    total = int(s.total)
    subs = (
        inputs.stool_frequency,
        inputs.rectal_bleeding,
        inputs.endoscopy,
        inputs.physician_global,
    )
    # Remission: total ≤ 2 with no subscore > 1 (Rutgeerts 2005); activity bands mild 3-5,
    # moderate 6-10, severe 11-12 (as tabulated with the Mayo score, e.g. BSG 2019 guideline).
    if total <= 2 and max(subs) <= 1:
        band = "Clinical remission"
    elif total <= 5:
        band = "Mild activity"
    elif total <= 10:
        band = "Moderate activity"
    else:
        band = "Severe activity"
    text = f"{band} (Mayo score {total}/12)."
    if total <= 2 and max(subs) > 1:
        text = f"{band}: a subscore > 1 excludes remission (Mayo score {total}/12)."
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=text,
        steps=s.steps,
        extra={"category": band, "mucosal_healing": inputs.endoscopy <= 1},
    )


_STOOL_OPTIONS = {
    0: ("normal", "normal number of stools"),
    1: ("1-2 stools more than normal", "1 2 more", "1-2 more"),
    2: ("3-4 stools more than normal", "3 4 more", "3-4 more"),
    3: ("5 or more stools more than normal", "5 more", "ge 5 more", "5+ more"),
}
_BLEED_OPTIONS = {
    0: ("none", "no blood seen", "no blood"),
    1: ("streaks of blood with stool less than half the time", "streaks"),
    2: ("obvious blood with stool most of the time", "obvious blood"),
    3: ("blood alone passes", "blood alone", "passing of blood alone"),
}
_ENDO_OPTIONS = {
    0: ("normal or inactive disease", "normal", "inactive"),
    1: ("mild disease", "mild"),
    2: ("moderate disease", "moderate"),
    3: ("severe disease", "severe"),
}
_PGA_OPTIONS = {0: ("normal",), 1: ("mild",), 2: ("moderate",), 3: ("severe",)}


def _subscore(f: Fields, keys: tuple[str, ...], options: dict[int, tuple[str, ...]]) -> int:
    """A subscore given as a number (``2``, ``"2 (obvious blood)"``) or as its option text."""
    m = re.match(r"([0-3])\s*(?:$|\(|:|-\s|points?\b|pts?\b)", f.text(*keys).strip())
    if m:
        return int(m.group(1))
    return int(f.option(*keys, options=options))


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (subscores as numbers or option texts)."""
    f = Fields(inputs, META.id)
    return {
        "stool_frequency": _subscore(f, ("stool",), _STOOL_OPTIONS),
        "rectal_bleeding": _subscore(f, ("rectal bleeding", "bleeding"), _BLEED_OPTIONS),
        "endoscopy": _subscore(f, ("endoscop", "mucosa"), _ENDO_OPTIONS),
        "physician_global": _subscore(f, ("physician", "global"), _PGA_OPTIONS),
    }
