"""Brief Psychiatric Rating Scale (BPRS), 18-item version."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="bprs",
    name="Brief Psychiatric Rating Scale (BPRS)",
    synonyms=("BPRS", "Brief Psychiatric Rating Scale"),
    category="psychiatry",
    source="Overall JE, Gorham DR. The Brief Psychiatric Rating Scale. Psychol Rep. "
    "1962;10:799-812; severity anchors: Leucht S, Kane JM, Kissling W, Hamann J, Etschel E, "
    "Engel R. Clinical implications of Brief Psychiatric Rating Scale scores. Br J "
    "Psychiatry. 2005;187:366-371.",
    doi="10.1192/bjp.187.4.366",
    output_type="integer",
    description="Eighteen symptom constructs each rated 1 (not present) to 7 (extremely "
    "severe), 18-126; Leucht 2005 linked about 31, 41 and 53 to CGI mildly, moderately and "
    "markedly ill.",
)

#: The seven rating levels (Overall & Gorham 1962).
LEVELS: dict[int, tuple[str, ...]] = {
    1: ("Not present", "absent"),
    2: ("Very mild",),
    3: ("Mild",),
    4: ("Moderate",),
    5: ("Moderately severe", "moderate to severe"),
    6: ("Severe",),
    7: ("Extremely severe",),
}

#: The 18 items in form order (input name → label, MedMCP key phrases), as in the 18-item
#: BPRS (the 16 items of 1962 plus excitement and disorientation).
ITEM_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "somatic_concern": ("1. Somatic concern", ("somatic",)),
    "anxiety": ("2. Anxiety", ("anxiety",)),
    "emotional_withdrawal": ("3. Emotional withdrawal", ("emotional withdrawal",)),
    "conceptual_disorganization": (
        "4. Conceptual disorganization",
        ("conceptual", "disorganization", "disorganisation"),
    ),
    "guilt_feelings": ("5. Guilt feelings", ("guilt",)),
    "tension": ("6. Tension", ("tension",)),
    "mannerisms_posturing": ("7. Mannerisms and posturing", ("mannerism", "posturing")),
    "grandiosity": ("8. Grandiosity", ("grandiosity",)),
    "depressive_mood": ("9. Depressive mood", ("depressive", "depression")),
    "hostility": ("10. Hostility", ("hostility",)),
    "suspiciousness": ("11. Suspiciousness", ("suspicious",)),
    "hallucinatory_behavior": ("12. Hallucinatory behavior", ("hallucinat",)),
    "motor_retardation": ("13. Motor retardation", ("motor retardation", "retardation")),
    "uncooperativeness": ("14. Uncooperativeness", ("uncooperative",)),
    "unusual_thought_content": (
        "15. Unusual thought content",
        ("unusual thought", "thought content"),
    ),
    "blunted_affect": ("16. Blunted affect", ("blunted",)),
    "excitement": ("17. Excitement", ("excitement",)),
    "disorientation": ("18. Disorientation", ("disorientation",)),
}

ITEMS: dict[str, ri.RatedItem] = {
    name: ri.RatedItem(label, LEVELS, keys) for name, (label, keys) in ITEM_NAMES.items()
}


def _item() -> Any:
    return Field(
        ge=1,
        le=7,
        description="1 not present, 2 very mild, 3 mild, 4 moderate, 5 moderately severe, "
        "6 severe, 7 extremely severe",
    )


class Inputs(CalcInputs):
    """The 18 BPRS ratings, each 1-7."""

    somatic_concern: int = _item()
    anxiety: int = _item()
    emotional_withdrawal: int = _item()
    conceptual_disorganization: int = _item()
    guilt_feelings: int = _item()
    tension: int = _item()
    mannerisms_posturing: int = _item()
    grandiosity: int = _item()
    depressive_mood: int = _item()
    hostility: int = _item()
    suspiciousness: int = _item()
    hallucinatory_behavior: int = _item()
    motor_retardation: int = _item()
    uncooperativeness: int = _item()
    unusual_thought_content: int = _item()
    blunted_affect: int = _item()
    excitement: int = _item()
    disorientation: int = _item()


def _severity(total: int) -> str:
    # Leucht 2005 (equipercentile linking with CGI-S): "mildly ill" corresponded to a BPRS total
    # of about 31, "moderately ill" about 41, "markedly ill" about 53.
    if total >= 53:
        return "Markedly ill or worse (BPRS about 53 corresponds to CGI 'markedly ill')"
    if total >= 41:
        return "Moderately ill (BPRS about 41 corresponds to CGI 'moderately ill')"
    if total >= 31:
        return "Mildly ill (BPRS about 31 corresponds to CGI 'mildly ill')"
    return "Below the level linked to CGI 'mildly ill' (about 31)"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the 18 ratings (18-126) with the Leucht 2005 CGI correspondence."""
    steps, total = ri.item_steps(inputs.model_dump(), ITEMS)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{_severity(total)}; BPRS {total}/126.",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc BPRS inputs ('4 (Moderate)' or 'Moderate' per item) → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
