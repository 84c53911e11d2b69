"""Immune-related colitis / diarrhoea grading (ASCO 2018 / CTCAE v5)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _irae
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="irae_colitis",
    name="Immune-Related Adverse Events for GI Toxicity - Colitis",
    synonyms=("irAE colitis grade", "checkpoint inhibitor colitis grading"),
    category="oncology",
    source=_irae.SOURCE,
    doi=_irae.DOI,
    pmid=_irae.PMID,
    output_type="text",
    description="Diarrhoea/colitis grade G1-G4 of immune checkpoint inhibitor therapy from the "
    "increase in stools over baseline, incontinence, hospitalisation, self-care ADL limitation "
    "and life-threatening consequences.",
)


class Inputs(CalcInputs):
    """Inputs of the colitis grading."""

    stool_increase_per_day: int = Field(
        ge=0, le=50, description="Increase in stools per day over baseline [stools/day]"
    )
    incontinence: bool = Field(description="Incontinence (G3)")
    hospitalization_indicated: bool = Field(description="Hospitalisation indicated (G3)")
    limiting_self_care_adl: bool = Field(description="Limiting self-care ADL (G3)")
    life_threatening: bool | None = Field(
        None, description="Life-threatening consequences; urgent intervention indicated (G4)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Highest grade met: < 4 stools/day G1, 4-6 G2, ≥ 7 G3 (CTCAE v5 diarrhoea)."""
    i = inputs
    n = i.stool_increase_per_day
    criteria = [
        ("Stools over baseline per day", n, 0 if n == 0 else 1 if n < 4 else 2 if n <= 6 else 3),
        ("Incontinence", i.incontinence, 3 if i.incontinence else 0),
        (
            "Hospitalisation indicated",
            i.hospitalization_indicated,
            3 if i.hospitalization_indicated else 0,
        ),
        ("Limiting self-care ADL", i.limiting_self_care_adl, 3 if i.limiting_self_care_adl else 0),
        ("Life-threatening", i.life_threatening, 4 if i.life_threatening else 0),
    ]
    return _irae.graded_result(
        META.id, "Colitis", criteria, _irae.not_assessed(i.life_threatening, "Life threat")
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (the increase, else current minus baseline stools)."""
    f = Fields(inputs, META.id)
    if f.has("increase in stools", "increase"):
        n = f.number("increase in stools", "increase")
    else:
        n = f.number("current stools") - f.number("baseline stools")
    out: dict[str, Any] = {
        "stool_increase_per_day": int(n),
        "incontinence": f.yes("incontinence"),
        "hospitalization_indicated": f.yes("hospitalization"),
        "limiting_self_care_adl": f.yes("self care", "adl"),
    }
    if f.has("life threatening"):
        out["life_threatening"] = f.yes("life threatening")
    return out
