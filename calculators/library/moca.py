"""Montreal Cognitive Assessment (MoCA)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="moca",
    name="Montreal Cognitive Assessment (MoCA)",
    synonyms=("MoCA", "Montreal Cognitive Assessment"),
    category="neurology",
    source=(
        "Nasreddine ZS, Phillips NA, Bédirian V, et al. The Montreal Cognitive Assessment, "
        "MoCA: a brief screening tool for mild cognitive impairment. J Am Geriatr Soc. "
        "2005;53(4):695-9."
    ),
    doi="10.1111/j.1532-5415.2005.53221.x",
    pmid="15817019",
    output_type="integer",
    description="30-point cognitive screen over eight domains, +1 point for ≤12 years of "
    "education; <26 suggests cognitive impairment.",
)

DOMAINS = (
    ("visuospatial", "Visuospatial/executive", 5),
    ("naming", "Naming", 3),
    ("attention", "Attention", 6),
    ("language", "Language", 3),
    ("abstraction", "Abstraction", 2),
    ("delayed_recall", "Delayed recall", 5),
    ("orientation", "Orientation", 6),
)


class Inputs(CalcInputs):
    """MoCA domain points."""

    visuospatial: int = Field(ge=0, le=5, description="Trail, cube, clock (0-5)")
    naming: int = Field(ge=0, le=3, description="Lion, rhinoceros, camel (0-3)")
    attention: int = Field(ge=0, le=6, description="Digit spans, letter tapping, serial 7s (0-6)")
    language: int = Field(ge=0, le=3, description="Sentence repetition and fluency (0-3)")
    abstraction: int = Field(ge=0, le=2, description="Similarities (0-2)")
    delayed_recall: int = Field(ge=0, le=5, description="Words recalled uncued (0-5)")
    orientation: int = Field(ge=0, le=6, description="Date, month, year, day, place, city (0-6)")
    education_12_years_or_less: bool = Field(description="12 years of education or less (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the domains; add 1 for ≤12 years of education (total capped at 30)."""
    items = [(label, getattr(inputs, f), getattr(inputs, f)) for f, label, _ in DOMAINS]
    items.append(
        (
            "Education ≤12 years",
            inputs.education_12_years_or_less,
            1 if inputs.education_12_years_or_less else 0,
        )
    )
    steps, total = tally(items)
    score = min(int(total), 30)
    label = (
        "Normal (≥26)" if score >= 26 else "Below the 26-point cut-off: cognitive impairment likely"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


_FIELD_DOMAINS = (
    (r"^read|two trials|registration", None),
    (r"trail|cube|clock|visuospatial", "visuospatial"),
    (r"naming|lion|rhino|camel", "naming"),
    (r"sentence|language|fluency|phonemic", "language"),
    (r"digit|vigilance|tapping|letter a\b|serial", "attention"),
    (r"abstraction", "abstraction"),
    (r"recall", "delayed_recall"),
    (r"orientation", "orientation"),
)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc MoCA items (one field per task, option text with points) → domain sums."""
    out: dict[str, Any] = {f: 0 for f, _, _ in DOMAINS}
    education = None
    for item in inputs:
        name = mm.norm(item.get("field", ""))
        if "education" in name:
            value = str(item.get("value"))
            if re.search(r"\(", value):
                education = mm.points(value) > 0
            else:
                more = re.search(r"> ?12|more than 12|over 12", name)
                education = not mm.yes(value) if more else mm.yes(value)
            continue
        domain = next((d for p, d in _FIELD_DOMAINS if re.search(p, name)), "unknown")
        if domain is None:
            continue
        if domain == "unknown":
            raise AdapterError(f"unrecognised MoCA item {item.get('field')!r}")
        out[domain] += int(mm.points(item.get("value")))
    if education is None:
        raise AdapterError("the MoCA item has no education field")
    out["education_12_years_or_less"] = education
    return out
