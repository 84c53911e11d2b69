"""Pediatric Glasgow Coma Scale (pGCS) for preverbal children."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields, match_option
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="pediatric_gcs",
    name="Pediatric Glasgow Coma Scale (pGCS)",
    synonyms=("Pediatric Glasgow Coma Scale", "pGCS", "Paediatric Glasgow Coma Scale"),
    category="pediatrics",
    source="James HE. Neurologic evaluation and support in the child with an acute brain "
    "insult. Pediatr Ann. 1986;15(1):16-22; validation: Holmes JF, Palchak MJ, MacFarlane T, "
    "Kuppermann N. Performance of the pediatric Glasgow coma scale in children with blunt head "
    "trauma. Acad Emerg Med. 2005;12(9):814-819.",
    doi="10.3928/0090-4481-19860101-05",
    output_type="integer",
    description="Eye (1-4) + verbal (1-5) + motor (1-6) responses with infant/preverbal "
    "descriptors; 3-15, head injury mild 13-15, moderate 9-12, severe ≤ 8.",
)


class Inputs(CalcInputs):
    """The three best responses, as preverbal-child scores."""

    eye: int = Field(
        ge=1, le=4, description="Eye opening: 4 spontaneous; 3 to speech/sound; 2 to pain; 1 none"
    )
    verbal: int = Field(
        ge=1,
        le=5,
        description="Verbal: 5 coos/babbles (smiles, interacts); 4 irritable cry "
        "(consolable); 3 cries to pain; 2 moans to pain; 1 none",
    )
    motor: int = Field(
        ge=1,
        le=6,
        description="Motor: 6 moves spontaneously and purposefully; 5 withdraws to "
        "touch; 4 withdraws to pain; 3 abnormal flexion (decorticate); 2 abnormal extension "
        "(decerebrate); 1 none",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Total = E + V + M; severity bands as for the adult GCS in head injury."""
    s = Score()
    s.add("Eye opening", inputs.eye, inputs.eye)
    s.add("Verbal response", inputs.verbal, inputs.verbal)
    s.add("Motor response", inputs.motor, inputs.motor)
    total = int(s.total)
    # Head-injury severity bands (GCS convention, used for the pGCS by Holmes 2005).
    band = "Severe (≤ 8)" if total <= 8 else "Moderate (9-12)" if total <= 12 else "Mild (13-15)"
    notation = f"E{inputs.eye} V{inputs.verbal} M{inputs.motor}"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band} head injury range: pGCS {total} ({notation}).",
        steps=s.steps,
        extra={"components": notation},
    )


# Descriptor texts (infant columns of the modified GCS: James 1986; Merck Manual table).
_EYE = {
    4: ("spontaneous", "spontaneously", "open spontaneously"),
    3: ("to speech", "to sound", "to voice", "to verbal", "verbal stimuli"),
    2: ("to pain", "pain only"),
    1: ("none", "no response", "no eye opening"),
}
_VERBAL = {
    5: ("coos", "babbles", "coos and babbles", "smiles", "interacts"),
    4: ("irritable cry", "irritable cries", "irritable", "consolable"),
    3: ("cries to pain", "cries in response to pain"),
    2: ("moans to pain", "moans", "moans in response to pain"),
    1: ("none", "no response", "no verbal response"),
}
_MOTOR = {
    6: ("spontaneous", "moves spontaneously", "purposefully", "normal spontaneous movements"),
    5: ("withdraws to touch", "withdraws from touch"),
    4: ("withdraws to pain", "withdraws from pain", "withdraws in response to pain"),
    3: ("abnormal flexion", "decorticate", "flexion"),
    2: ("abnormal extension", "decerebrate", "extension"),
    1: ("none", "no response", "no motor response", "flaccid"),
}


def _component(f: Fields, keys: tuple[str, ...], table: dict[int, tuple[str, ...]]) -> int:
    field, raw = f.raw(*keys)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    text = str(raw)
    # A score written with the response: '4 (spontaneous)' / 'Withdraws to touch (+5)'.
    for pattern in (r"^\s*([1-6])\b", r"\(\s*\+?([1-6])\s*(?:points?|pts?)?\s*\)"):
        m = re.search(pattern, text)
        if m:
            return int(m.group(1))
    return int(match_option(raw, table, field=f"{META.id}: {field}"))


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc pGCS inputs ('Withdraws to touch (+5)') → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "eye": _component(f, ("eye",), _EYE),
        "verbal": _component(f, ("verbal",), _VERBAL),
        "motor": _component(f, ("motor",), _MOTOR),
    }
