"""Behavioral Pain Scale (BPS) for pain in intubated, sedated patients."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="behavioral_pain_scale",
    name="Behavioral Pain Scale (BPS) for Pain Assessment in Intubated Patients",
    synonyms=("BPS", "Behavioral Pain Scale", "Behavioural Pain Scale"),
    category="critical care",
    source="Payen JF, Bru O, Bosson JL, et al. Assessing pain in critically ill sedated "
    "patients by using a behavioral pain scale. Crit Care Med. 2001;29(12):2258-2263.",
    doi="10.1097/00003246-200112000-00004",
    pmid="11801819",
    output_type="integer",
    description="Facial expression, upper limb movements and compliance with ventilation, each "
    "1-4 (3 no pain to 12 maximum pain).",
)

# Payen 2001 descriptors, 1 to 4.
FACE: dict[int, tuple[str, ...]] = {
    1: ("Relaxed",),
    2: ("Partially tightened", "brow lowering"),
    3: ("Fully tightened", "eyelid closing"),
    4: ("Grimacing",),
}
UPPER_LIMBS: dict[int, tuple[str, ...]] = {
    1: ("No movement",),
    2: ("Partially bent",),
    3: ("Fully bent with finger flexion",),
    4: ("Permanently retracted",),
}
VENTILATION: dict[int, tuple[str, ...]] = {
    1: ("Tolerating movement",),
    2: ("Coughing but tolerating ventilation for most of the time", "coughing"),
    3: ("Fighting ventilator",),
    4: ("Unable to control ventilation",),
}


def _describe(table: dict[int, tuple[str, ...]]) -> str:
    return "; ".join(f"{k} {v[0]}" for k, v in table.items())


class Inputs(CalcInputs):
    """BPS items (1-4 each)."""

    facial_expression: int = Field(ge=1, le=4, description="Facial expression: " + _describe(FACE))
    upper_limbs: int = Field(
        ge=1, le=4, description="Upper limb movements: " + _describe(UPPER_LIMBS)
    )
    ventilation_compliance: int = Field(
        ge=1, le=4, description="Compliance with mechanical ventilation: " + _describe(VENTILATION)
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the three items (3-12)."""
    s = Score()
    s.add(
        "Facial expression",
        inputs.facial_expression,
        inputs.facial_expression,
        FACE[inputs.facial_expression][0],
    )
    s.add(
        "Upper limb movements",
        inputs.upper_limbs,
        inputs.upper_limbs,
        UPPER_LIMBS[inputs.upper_limbs][0],
    )
    s.add(
        "Compliance with ventilation",
        inputs.ventilation_compliance,
        inputs.ventilation_compliance,
        VENTILATION[inputs.ventilation_compliance][0],
    )
    total = int(s.total)
    return CalcResult(
        calculator=META.id,
        value=total,
        # Payen 2001: the score ranges from 3 (no pain behaviour) to 12 (maximum).
        interpretation=f"BPS {total}/12 (3 = no pain, 12 = maximum pain behaviour).",
        steps=s.steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc BPS inputs (descriptor per item) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "facial_expression": f.option("facial", "face", options=FACE),
        "upper_limbs": f.option("upper limb", "limb", options=UPPER_LIMBS),
        "ventilation_compliance": f.option("compliance", "ventilation", options=VENTILATION),
    }
