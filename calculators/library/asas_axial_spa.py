"""ASAS classification criteria for axial spondyloarthritis (SpA)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="asas_axial_spa",
    name="ASAS Criteria for Axial Spondyloarthritis (SpA)",
    synonyms=(
        "ASAS axial SpA criteria",
        "ASAS classification criteria for axial spondyloarthritis",
    ),
    category="rheumatology",
    source=(
        "Rudwaleit M, van der Heijde D, Landewé R, et al. The development of Assessment of "
        "SpondyloArthritis international Society classification criteria for axial "
        "spondyloarthritis (part II): validation and final selection. Ann Rheum Dis. "
        "2009;68(6):777-83."
    ),
    doi="10.1136/ard.2009.108233",
    pmid="19297344",
    output_type="text",
    description="In back pain ≥3 months with onset <45 years: sacroiliitis on imaging plus ≥1 "
    "SpA feature, or HLA-B27 plus ≥2 other SpA features.",
)

FEATURES = (
    "inflammatory_back_pain",
    "arthritis",
    "enthesitis_heel",
    "uveitis",
    "dactylitis",
    "psoriasis",
    "ibd",
    "good_nsaid_response",
    "family_history",
    "elevated_crp",
)


class Inputs(CalcInputs):
    """Inputs of the ASAS axial SpA criteria."""

    back_pain_3_months_onset_under_45: bool = Field(
        description="Back pain ≥3 months with age at onset <45 years (entry criterion)"
    )
    sacroiliitis_on_imaging: bool = Field(
        description="Active inflammation on MRI or definite radiographic sacroiliitis"
    )
    hla_b27: bool = Field(description="HLA-B27 positive")
    inflammatory_back_pain: bool = Field(description="Inflammatory back pain")
    arthritis: bool = Field(description="Arthritis (past or present)")
    enthesitis_heel: bool = Field(description="Enthesitis (heel)")
    uveitis: bool = Field(description="Uveitis")
    dactylitis: bool = Field(description="Dactylitis")
    psoriasis: bool = Field(description="Psoriasis")
    ibd: bool = Field(description="Crohn's disease or ulcerative colitis")
    good_nsaid_response: bool = Field(description="Good response to NSAIDs")
    family_history: bool = Field(description="Family history of SpA")
    elevated_crp: bool = Field(description="Elevated CRP")


def compute(inputs: Inputs) -> CalcResult:
    """Imaging arm (sacroiliitis + ≥1 feature) or clinical arm (HLA-B27 + ≥2 other features)."""
    i = inputs
    n = sum(getattr(i, f) for f in FEATURES)
    imaging = i.sacroiliitis_on_imaging and (n + int(i.hla_b27)) >= 1
    clinical = i.hla_b27 and n >= 2
    met = i.back_pain_3_months_onset_under_45 and (imaging or clinical)
    steps = [
        Step(label="Entry: back pain ≥3 mo, onset <45", value=i.back_pain_3_months_onset_under_45),
        Step(
            label="Imaging arm",
            value=imaging,
            detail=f"sacroiliitis {i.sacroiliitis_on_imaging}; SpA features {n}"
            f"{' + HLA-B27' if i.hla_b27 else ''}",
        ),
        Step(
            label="Clinical arm",
            value=clinical,
            detail=f"HLA-B27 {i.hla_b27}; other SpA features {n}",
        ),
    ]
    value = "Axial SpA" if met else "Does not meet ASAS axial SpA criteria"
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=("Meets ASAS criteria for axial SpA classification" if met else value),
        steps=steps,
    )


_FIELDS = {
    "inflammatory_back_pain": r"inflammatory back",
    "arthritis": r"arthritis",
    "enthesitis_heel": r"enthesitis",
    "uveitis": r"uveitis",
    "dactylitis": r"dactylitis",
    "psoriasis": r"psoriasis",
    "ibd": r"bowel|crohn|colitis|ibd",
    "good_nsaid_response": r"nsaid",
    "family_history": r"family",
    "elevated_crp": r"\bcrp\b",
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ASAS inputs → Inputs (MRI or radiographic sacroiliitis)."""
    mri = mm.opt(inputs, r"sacroiliitis.*mri|mri")
    xr = mm.opt(inputs, r"sacroiliitis.*radiograph|radiograph")
    imaging = any(v is not None and mm.yes(v) for v in (mri, xr))
    out: dict[str, Any] = {
        "back_pain_3_months_onset_under_45": mm.yes(mm.get(inputs, r"entry|3 months")),
        "sacroiliitis_on_imaging": imaging,
        "hla_b27": mm.choose(
            mm.get(inputs, r"hla"), [(r"positive|^yes", True), (r"negative|^no", False)]
        ),
    }
    for key, pattern in _FIELDS.items():
        out[key] = mm.yes(mm.get(inputs, pattern))
    return out
