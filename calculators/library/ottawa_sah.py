"""Ottawa Subarachnoid Hemorrhage (SAH) Rule for acute headache."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="ottawa_sah",
    name="Ottawa Subarachnoid Hemorrhage (SAH) Rule for Headache Evaluation",
    synonyms=("Ottawa SAH rule", "Ottawa SAH", "Ottawa subarachnoid hemorrhage rule"),
    category="neurology",
    source="Perry JJ, Stiell IG, Sivilotti ML, et al. Clinical decision rules to rule out "
    "subarachnoid hemorrhage for acute headache. JAMA. 2013;310(12):1248-1255.",
    doi="10.1001/jama.2013.278018",
    pmid="24065011",
    output_type="text",
    description="For alert patients > 15 years with a new severe atraumatic headache peaking "
    "within 1 hour: SAH is ruled out only when none of six high-risk findings is present.",
)

#: Input name → (criterion as published, MedMCP key phrases).
CRITERIA: dict[str, tuple[str, tuple[str, ...]]] = {
    "age_40_or_older": ("Age ≥ 40 years", ("age",)),
    "neck_pain_or_stiffness": ("Neck pain or stiffness", ("neck pain", "stiffness")),
    "witnessed_loss_of_consciousness": (
        "Witnessed loss of consciousness",
        ("loss of consciousness", "witnessed"),
    ),
    "onset_during_exertion": ("Onset during exertion", ("exertion",)),
    "thunderclap": ("Thunderclap headache (instantly peaking pain)", ("thunderclap", "instantly")),
    "limited_neck_flexion": ("Limited neck flexion on examination", ("neck flexion", "flexion")),
}


class Inputs(CalcInputs):
    """The six Ottawa SAH Rule findings."""

    age_40_or_older: bool = Field(description="Age ≥ 40 years")
    neck_pain_or_stiffness: bool = Field(description="Neck pain or stiffness")
    witnessed_loss_of_consciousness: bool = Field(description="Witnessed loss of consciousness")
    onset_during_exertion: bool = Field(description="Onset during exertion")
    thunderclap: bool = Field(description="Thunderclap headache (instantly peaking pain)")
    limited_neck_flexion: bool = Field(description="Limited neck flexion on examination")


def compute(inputs: Inputs) -> CalcResult:
    """Perry 2013: investigate for SAH when any of the six findings is present."""
    steps = []
    present = []
    for name, (label, _) in CRITERIA.items():
        value = getattr(inputs, name)
        steps.append(Step(label=label, value=value, points=1 if value else 0))
        if value:
            present.append(label)
    if present:
        value, reading = (
            "Cannot rule out",
            f"SAH cannot be ruled out by the Ottawa SAH Rule ({len(present)} of 6 findings: "
            + "; ".join(present)
            + "): investigate further.",
        )
    else:
        value, reading = (
            "Rule out",
            "No high-risk finding: the Ottawa SAH Rule rules out subarachnoid hemorrhage.",
        )
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=reading,
        steps=steps,
        warnings=[
            "Applies only to alert patients older than 15 with a new, severe, atraumatic "
            "headache peaking within 1 hour; not to new neurological deficits, prior aneurysm, "
            "SAH or brain tumour, or recurrent similar headaches (≥ 3 episodes over ≥ 6 months)."
        ],
        extra={"findings_present": len(present)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Ottawa SAH inputs (six yes/no findings) → kwargs."""
    f = Fields(inputs, META.id)
    return {name: f.yes(*keys) for name, (_, keys) in CRITERIA.items()}
