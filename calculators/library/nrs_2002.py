"""Nutrition Risk Screening 2002 (NRS-2002)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="nrs_2002",
    name="Nutrition Risk Screening 2002 (NRS-2002)",
    synonyms=("NRS-2002", "NRS 2002"),
    category="nutrition",
    source=(
        "Kondrup J, Rasmussen HH, Hamberg O, Stanga Z; Ad Hoc ESPEN Working Group. Nutritional "
        "risk screening (NRS 2002): a new method based on an analysis of controlled clinical "
        "trials. Clin Nutr. 2003;22(3):321-36."
    ),
    doi="10.1016/s0261-5614(02)00214-5",
    pmid="12765673",
    output_type="integer",
    description="Impaired nutritional status (0-3) plus severity of disease (0-3) plus 1 for "
    "age ≥70; ≥3 means nutritional risk and a nutrition care plan.",
)


class Inputs(CalcInputs):
    """Inputs of the NRS-2002 final screening."""

    nutritional_status: int = Field(
        ge=0,
        le=3,
        description="Impaired nutritional status: 0 normal; 1 weight loss >5% in "
        "3 mo or intake 50-75%; 2 >5% in 2 mo or BMI 18.5-20.5 + impaired condition or intake "
        "25-60%; 3 >5% in 1 mo or BMI <18.5 + impaired condition or intake 0-25%",
    )
    disease_severity: int = Field(
        ge=0,
        le=3,
        description="Severity of disease: 0 normal needs; 1 hip fracture, chronic "
        "disease with complications; 2 major abdominal surgery, stroke, severe pneumonia, "
        "haematological malignancy; 3 head injury, bone marrow transplant, ICU (APACHE >10)",
    )
    age_70_or_older: bool = Field(description="Age ≥70 years")


def compute(inputs: Inputs) -> CalcResult:
    """Total = nutritional status + disease severity + 1 if age ≥70."""
    i = inputs
    steps, total = tally(
        [
            ("Nutritional status", i.nutritional_status, i.nutritional_status),
            ("Severity of disease", i.disease_severity, i.disease_severity),
            ("Age ≥70", i.age_70_or_older, 1 if i.age_70_or_older else 0),
        ]
    )
    score = int(total)
    label = (
        "At nutritional risk (≥3): start a nutrition care plan"
        if score >= 3
        else "Not at risk (<3): rescreen weekly"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc NRS-2002 inputs (options with their points) → Inputs."""
    age = mm.get(inputs, r"^age")
    return {
        "nutritional_status": int(mm.points(mm.get(inputs, r"nutritional status"))),
        "disease_severity": int(mm.points(mm.get(inputs, r"severity|disease"))),
        "age_70_or_older": mm.yes(age) if not re.search(r"\d", str(age)) else mm.number(age) >= 70,
    }
