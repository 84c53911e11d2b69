"""Modified Mallampati classification of the oropharyngeal view (Samsoon and Young)."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields, match_option

META = CalculatorMeta(
    id="modified_mallampati",
    name="Modified Mallampati Classification",
    synonyms=("Modified Mallampati", "Mallampati classification", "Mallampati score"),
    category="anesthesiology",
    source="Samsoon GL, Young JR. Difficult tracheal intubation: a retrospective study. "
    "Anaesthesia. 1987;42(5):487-490 (class IV added to Mallampati SR, et al. A clinical sign "
    "to predict difficult tracheal intubation: a prospective study. Can Anaesth Soc J. "
    "1985;32(4):429-434).",
    doi="10.1111/j.1365-2044.1987.tb04039.x",
    pmid="3592174",
    output_type="text",
    description="Class I-IV from the pharyngeal structures seen with the mouth wide open and the "
    "tongue protruded, seated, without phonation; classes III-IV predict difficult laryngoscopy.",
)

View = Literal[
    "pillars_visible",
    "uvula_visible",
    "base_of_uvula",
    "soft_palate_not_visible",
]

# Samsoon & Young 1987: the structures that define each class.
_CLASSES: dict[str, tuple[str, str]] = {
    "pillars_visible": ("Class I", "soft palate, fauces, uvula and anterior/posterior pillars"),
    "uvula_visible": ("Class II", "soft palate, fauces and uvula (pillars hidden by the tongue)"),
    "base_of_uvula": ("Class III", "soft palate and the base of the uvula only"),
    "soft_palate_not_visible": ("Class IV", "soft palate not visible (hard palate only)"),
}


class Inputs(CalcInputs):
    """The best oropharyngeal view."""

    view: View = Field(
        description="Structures visible: 'pillars_visible' (soft palate, fauces, uvula, pillars); "
        "'uvula_visible' (soft palate, fauces, uvula); 'base_of_uvula' (soft palate, base of "
        "uvula); 'soft_palate_not_visible' (hard palate only)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Map the view to its class; III-IV flag a predicted difficult laryngoscopy."""
    label, seen = _CLASSES[inputs.view]
    difficult = inputs.view in ("base_of_uvula", "soft_palate_not_visible")
    reading = (
        "predicts difficult laryngoscopy/intubation"
        if difficult
        else "difficult laryngoscopy not predicted"
    )
    return CalcResult(
        calculator=META.id,
        value=label,
        interpretation=f"{label}: {reading} (view: {seen}).",
        steps=[Step(label="Oropharyngeal view", value=inputs.view, detail=seen)],
        warnings=[
            "Low sensitivity alone: combine with other airway findings (thyromental "
            "distance, mouth opening, neck mobility)."
        ],
    )


_BY_CLASS = {
    "i": "pillars_visible",
    "ii": "uvula_visible",
    "iii": "base_of_uvula",
    "iv": "soft_palate_not_visible",
    "1": "pillars_visible",
    "2": "uvula_visible",
    "3": "base_of_uvula",
    "4": "soft_palate_not_visible",
}
_CLASS = re.compile(
    r"(?i)^\s*(?:modified\s+)?(?:mallampati\s+)?(?:class|grade)?\s*(iv|iii|ii|i|[1-4])\b"
)
# Free-text views (no class number written): the defining structures of each class.
_OPTIONS = {
    "pillars_visible": ("pillars visible", "tonsillar pillars", "faucial pillars"),
    "uvula_visible": ("uvula visible", "fauces and uvula", "entire uvula"),
    "base_of_uvula": ("base of uvula", "base of the uvula"),
    "soft_palate_not_visible": ("soft palate not visible", "hard palate only", "only hard palate"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Mallampati input ('Class III (soft palate, base of uvula)') → Inputs."""
    f = Fields(inputs, META.id)
    field, raw = f.raw("mallampati", "class", "view", "visible", "oropharyn", "structures")
    m = _CLASS.match(str(raw))
    if m:
        return {"view": _BY_CLASS[m.group(1).lower()]}
    return {"view": match_option(raw, _OPTIONS, field=f"{META.id}: {field}")}
