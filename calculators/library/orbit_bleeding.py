"""ORBIT bleeding risk score for atrial fibrillation."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="orbit_bleeding",
    name="ORBIT Bleeding Risk Score for Atrial Fibrillation",
    synonyms=("ORBIT score", "ORBIT bleeding score"),
    category="cardiology",
    source=(
        "O'Brien EC, Simon DN, Thomas LE, et al. The ORBIT bleeding score: a simple bedside "
        "score to assess bleeding risk in atrial fibrillation. Eur Heart J. "
        "2015;36(46):3258-64."
    ),
    doi="10.1093/eurheartj/ehv476",
    pmid="26424865",
    output_type="integer",
    description="Older age, Reduced haemoglobin, Bleeding history, Insufficient kidney "
    "function, Treatment with antiplatelets: 0-7 points for major bleeding on anticoagulation.",
)


class Inputs(CalcInputs):
    """Inputs of the ORBIT score."""

    reduced_hemoglobin: bool = Field(
        description="Hb <13 g/dL (men) / <12 g/dL (women), or Hct <40% / <36%, or anaemia"
    )
    age_over_74: bool = Field(description="Age >74 years")
    bleeding_history: bool = Field(
        description="Bleeding history (GI, intracranial, haemorrhagic stroke)"
    )
    gfr_below_60: bool = Field(description="eGFR <60 mL/min/1.73 m²")
    antiplatelet: bool = Field(description="Treatment with antiplatelet agents")


def compute(inputs: Inputs) -> CalcResult:
    """Hb 2, age 1, bleeding 2, renal 1, antiplatelet 1 (O'Brien 2015)."""
    i = inputs
    steps, total = tally(
        [
            (
                "Reduced haemoglobin/haematocrit",
                i.reduced_hemoglobin,
                2 if i.reduced_hemoglobin else 0,
            ),
            ("Age >74", i.age_over_74, 1 if i.age_over_74 else 0),
            ("Bleeding history", i.bleeding_history, 2 if i.bleeding_history else 0),
            ("eGFR <60", i.gfr_below_60, 1 if i.gfr_below_60 else 0),
            ("Antiplatelet treatment", i.antiplatelet, 1 if i.antiplatelet else 0),
        ]
    )
    score = int(total)
    label = (
        "Low risk (2.4 bleeds/100 patient-years)"
        if score <= 2
        else "Medium risk (4.7 bleeds/100 patient-years)"
        if score == 3
        else "High risk (8.1 bleeds/100 patient-years)"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ORBIT inputs → Inputs."""
    return {
        "reduced_hemoglobin": mm.yes(mm.get(inputs, r"hemoglobin|haemoglobin")),
        "age_over_74": mm.yes(mm.get(inputs, r"^age")),
        "bleeding_history": mm.yes(mm.get(inputs, r"bleeding")),
        "gfr_below_60": mm.yes(mm.get(inputs, r"gfr")),
        "antiplatelet": mm.yes(mm.get(inputs, r"antiplatelet")),
    }
