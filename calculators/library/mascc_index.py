"""MASCC risk index for febrile neutropenia."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="mascc_index",
    name="MASCC Risk Index for Febrile Neutropenia",
    synonyms=(
        "MASCC score",
        "MASCC risk index",
        "Multinational Association for Supportive Care in Cancer risk index",
    ),
    category="oncology",
    source=(
        "Klastersky J, Paesmans M, Rubenstein EB, et al. The Multinational Association for "
        "Supportive Care in Cancer risk index: a multinational scoring system for identifying "
        "low-risk febrile neutropenic cancer patients. J Clin Oncol. 2000;18(16):3038-51."
    ),
    doi="10.1200/JCO.2000.18.16.3038",
    pmid="10944139",
    output_type="integer",
    description="Identifies low-risk febrile neutropenia (score ≥21 of 26) suitable for "
    "outpatient or oral therapy.",
)


class Inputs(CalcInputs):
    """Inputs of the MASCC index (burden of illness points are not cumulative)."""

    burden: Literal["none or mild", "moderate", "severe"] = Field(
        description="Burden of febrile neutropenia (symptoms)"
    )
    hypotension: bool = Field(description="Hypotension (SBP <90 mmHg)")
    copd: bool = Field(description="Active chronic obstructive pulmonary disease")
    solid_tumor_or_no_prior_fungal: bool = Field(
        description="Solid tumour, or haematological malignancy without previous fungal infection"
    )
    dehydration_needing_iv: bool = Field(description="Dehydration requiring parenteral fluids")
    outpatient: bool = Field(description="Outpatient at onset of fever")
    age_under_60: bool = Field(description="Age <60 years")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the MASCC points (Klastersky 2000)."""
    i = inputs
    steps, total = tally(
        [
            (
                "Burden of illness",
                i.burden,
                {"none or mild": 5, "moderate": 3, "severe": 0}[i.burden],
            ),
            ("No hypotension", not i.hypotension, 0 if i.hypotension else 5),
            ("No COPD", not i.copd, 0 if i.copd else 4),
            (
                "Solid tumour / no prior fungal infection",
                i.solid_tumor_or_no_prior_fungal,
                4 if i.solid_tumor_or_no_prior_fungal else 0,
            ),
            ("No dehydration", not i.dehydration_needing_iv, 0 if i.dehydration_needing_iv else 3),
            ("Outpatient status", i.outpatient, 3 if i.outpatient else 0),
            ("Age <60", i.age_under_60, 2 if i.age_under_60 else 0),
        ]
    )
    score = int(total)
    label = (
        "Low risk (≥21): candidate for outpatient/oral therapy"
        if score >= 21
        else "High risk (<21): inpatient IV empirical therapy"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)
