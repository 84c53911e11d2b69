"""Intracerebral Hemorrhage (ICH) Score for 30-day mortality."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields, first_number, parse_yes
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="ich_score",
    name="Intracerebral Hemorrhage (ICH) Score",
    synonyms=("ICH score", "ICH Score", "Hemphill ICH score", "Intracerebral hemorrhage score"),
    category="neurology",
    source="Hemphill JC 3rd, Bonovich DC, Besmertis L, Manley GT, Johnston SC. The ICH score: "
    "a simple, reliable grading scale for intracerebral hemorrhage. Stroke. "
    "2001;32(4):891-897.",
    doi="10.1161/01.str.32.4.891",
    pmid="11283388",
    output_type="integer",
    description="GCS, age ≥ 80, ICH volume ≥ 30 mL, intraventricular extension and "
    "infratentorial origin (0-6): 30-day mortality after spontaneous ICH.",
)


class Inputs(CalcInputs):
    """Inputs of the ICH score."""

    gcs: int = Field(ge=3, le=15, description="Glasgow Coma Scale (3-4: +2; 5-12: +1; 13-15: 0)")
    age_80_or_older: bool = Field(description="Age ≥ 80 years (+1)")
    volume_30_ml_or_more: bool = Field(
        description="ICH volume ≥ 30 mL on the initial CT, by ABC/2 (+1)"
    )
    intraventricular_hemorrhage: bool = Field(description="Intraventricular hemorrhage (+1)")
    infratentorial_origin: bool = Field(description="Infratentorial origin of the hemorrhage (+1)")


# Hemphill 2001, 30-day mortality by ICH score (UCSF cohort): 0: 0%, 1: 13%, 2: 26%,
# 3: 72%, 4: 97%, 5: 100%; no patient scored 6 (expected 100%).
MORTALITY = {0: "0%", 1: "13%", 2: "26%", 3: "72%", 4: "97%", 5: "100%", 6: "100% (estimated)"}


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five ICH score items (0-6) and the Hemphill 2001 30-day mortality."""
    s = Score()
    g = inputs.gcs
    # Hemphill 2001: GCS 3-4 = 2 points, 5-12 = 1, 13-15 = 0.
    s.add("GCS", g, 2 if g <= 4 else 1 if g <= 12 else 0, "3-4: +2; 5-12: +1; 13-15: 0")
    s.flag("Age ≥ 80 years", inputs.age_80_or_older, 1)
    s.flag("ICH volume ≥ 30 mL", inputs.volume_30_ml_or_more, 1)
    s.flag("Intraventricular hemorrhage", inputs.intraventricular_hemorrhage, 1)
    s.flag("Infratentorial origin", inputs.infratentorial_origin, 1)
    total = int(s.total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"ICH score {total}: 30-day mortality {MORTALITY[total]} (Hemphill 2001).",
        steps=s.steps,
        warnings=[
            "The ICH score is a grading and communication tool; it should not be the primary "
            "basis for prognosis or limiting care."
        ],
        extra={"mortality_30_day": MORTALITY[total]},
    )


def _yes_with_measure(value: Any, unit: str, threshold: float) -> bool:
    """'No (56 years; 0)' → 56 ≥ threshold when a measure is written; else the yes/no answer."""
    m = re.search(rf"(\d+(?:\.\d+)?)\s*{unit}", str(value), re.IGNORECASE)
    if m:
        return float(m.group(1)) >= threshold
    return parse_yes(value)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ICH score inputs → kwargs (the GCS from 'GCS = 10' or its category)."""
    f = Fields(inputs, META.id)
    gcs_text = f.text("glasgow", "gcs")
    m = re.search(r"gcs\s*=?\s*(\d+)", gcs_text, re.IGNORECASE)
    # Without the exact GCS, the category's lower bound ('5-12 (+1)' → 5) scores the same.
    gcs = int(m.group(1)) if m else int(first_number(gcs_text, field="GCS"))
    return {
        "gcs": gcs,
        "age_80_or_older": _yes_with_measure(f.value("age"), r"(?:years?|yrs?|y\b)", 80),
        "volume_30_ml_or_more": _yes_with_measure(f.value("volume"), r"(?:ml|cm3|cm³|cc)", 30),
        "intraventricular_hemorrhage": f.yes("intraventricular"),
        "infratentorial_origin": f.yes("infratentorial"),
    }
