"""CRB-65 score for pneumonia severity."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="crb65",
    name="CRB-65 Score for Pneumonia Severity",
    synonyms=("CRB-65", "CRB65"),
    category="pulmonology",
    source=(
        "Lim WS, van der Eerden MM, Laing R, et al. Defining community acquired pneumonia "
        "severity on presentation to hospital: an international derivation and validation "
        "study. Thorax. 2003;58(5):377-82; Bauer TT, et al. J Intern Med. 2006;260(1):93-101."
    ),
    doi="10.1136/thorax.58.5.377",
    pmid="12728155",
    output_type="integer",
    description="CURB-65 without urea for use outside hospital: confusion, respiratory rate "
    "≥30, low blood pressure, age ≥65.",
)


class Inputs(CalcInputs):
    """Inputs of CRB-65."""

    confusion: bool = Field(description="New confusion")
    respiratory_rate_ge_30: bool = Field(description="Respiratory rate ≥30/min")
    low_blood_pressure: bool = Field(description="SBP <90 mmHg or DBP ≤60 mmHg")
    age_ge_65: bool = Field(description="Age ≥65 years")


def compute(inputs: Inputs) -> CalcResult:
    """One point per criterion."""
    i = inputs
    steps, total = tally(
        [
            (lbl, v, 1 if v else 0)
            for lbl, v in (
                ("Confusion", i.confusion),
                ("RR ≥30", i.respiratory_rate_ge_30),
                ("SBP <90 or DBP ≤60", i.low_blood_pressure),
                ("Age ≥65", i.age_ge_65),
            )
        ]
    )
    score = int(total)
    label = (
        "Low risk (mortality ~1%): consider home treatment"
        if score == 0
        else "Intermediate risk (mortality 1-10%): consider hospital referral"
        if score <= 2
        else "High risk (mortality >10%): urgent hospital admission"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc CRB-65 inputs → Inputs."""
    return {
        "confusion": mm.yes(mm.get(inputs, r"confusion")),
        "respiratory_rate_ge_30": mm.yes(mm.get(inputs, r"respiratory")),
        "low_blood_pressure": mm.yes(mm.get(inputs, r"blood pressure|sbp")),
        "age_ge_65": mm.yes(mm.get(inputs, r"^age")),
    }
