"""Pediatric NEXUS II head CT decision instrument for blunt head trauma (Oman 2006).

A child with blunt head trauma is at low risk of clinically important intracranial injury when
none of seven criteria is present; any one of them means imaging is indicated by the instrument.

The seven criteria (and their definitions in the field descriptions) were read in the AHRQ
research summary of Oman 2006 (archive.ahrq.gov/research/jun06/0606RA15.htm: evidence of
significant skull fracture, altered level of alertness, neurologic deficit, persistent vomiting,
scalp hematoma, abnormal behavior, coagulopathy) and the medicalalgorithms.com summary of the
same paper (definitions: GCS ≤ 14 or other altered alertness, ≥ 2 episodes of forceful emesis,
scalp hematoma over the calvarium, etc.). Adults' eighth criterion (age ≥ 65) does not apply.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="pediatric_nexus_ii_head_ct",
    name="Pediatric NEXUS II Head CT Decision Instrument for Blunt Trauma",
    synonyms=("Pediatric NEXUS II", "NEXUS II pediatric head CT", "NEXUS II head CT children"),
    category="pediatrics",
    source="Oman JA, Cooper RJ, Holmes JF, et al; NEXUS II Investigators. Performance of a "
    "decision rule to predict need for computed tomography among children with blunt head "
    "trauma. Pediatrics. 2006;117(2):e238-e246.",
    output_type="integer",
    description="Seven criteria; a child with none is at low risk of clinically important "
    "intracranial injury, any one indicates head CT by the instrument.",
)

#: (field, label) of the seven criteria, in the paper's order.
CRITERIA: tuple[tuple[str, str], ...] = (
    ("skull_fracture", "Evidence of significant skull fracture"),
    ("altered_alertness", "Altered level of alertness"),
    ("neurologic_deficit", "Neurologic deficit"),
    ("persistent_vomiting", "Persistent vomiting"),
    ("scalp_hematoma", "Scalp hematoma"),
    ("abnormal_behavior", "Abnormal behavior"),
    ("coagulopathy", "Coagulopathy"),
)


class Inputs(CalcInputs):
    """The seven yes/no criteria (all required)."""

    skull_fracture: bool = Field(
        description="Evidence of significant skull fracture (basilar, depressed, diastatic...)"
    )
    altered_alertness: bool = Field(
        description="Altered level of alertness (GCS ≤ 14, delayed response, somnolence, "
        "disorientation, perseveration)"
    )
    neurologic_deficit: bool = Field(description="Neurologic deficit (motor, sensory, gait...)")
    persistent_vomiting: bool = Field(
        description="Persistent vomiting (≥ 2 episodes of forceful or projectile emesis)"
    )
    scalp_hematoma: bool = Field(description="Scalp hematoma over the calvarium (not face or neck)")
    abnormal_behavior: bool = Field(
        description="Abnormal behavior (agitation, inconsolability, refusal to cooperate...)"
    )
    coagulopathy: bool = Field(description="Coagulopathy (impaired clotting)")


def compute(inputs: Inputs) -> CalcResult:
    """Count the criteria present; none present is low risk."""
    s = Score()
    for name, label in CRITERIA:
        s.flag(label, getattr(inputs, name), 1)
    count = int(s.total)
    if count == 0:
        text = (
            "Low risk: no NEXUS II criterion present; clinically important intracranial injury "
            "is unlikely and the instrument does not call for head CT."
        )
    else:
        text = (
            f"Not low risk: {count} NEXUS II criteria present; head CT is indicated by the "
            "instrument."
        )
    return CalcResult(
        calculator=META.id,
        value=count,
        interpretation=text,
        steps=s.steps,
        extra={"low_risk": count == 0},
    )


_KEYS: dict[str, tuple[str, ...]] = {
    "skull_fracture": ("skull fracture", "fracture"),
    "altered_alertness": ("alertness", "altered level", "mental status", "consciousness"),
    "neurologic_deficit": ("neurologic deficit", "neurological deficit", "focal"),
    "persistent_vomiting": ("vomiting", "emesis"),
    "scalp_hematoma": ("scalp hematoma", "hematoma", "haematoma"),
    "abnormal_behavior": ("behavior", "behaviour"),
    "coagulopathy": ("coagulopathy", "anticoag", "bleeding disorder"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc NEXUS II inputs ('Yes (GCS 14)', 'No') → Inputs."""
    f = Fields(inputs, META.id)
    return {name: f.yes(*keys) for name, keys in _KEYS.items()}
