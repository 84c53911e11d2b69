"""Positive and Negative Syndrome Scale (PANSS) for schizophrenia."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="panss",
    name="Positive and Negative Syndrome Scale (PANSS) for Schizophrenia",
    synonyms=("PANSS", "Positive and Negative Syndrome Scale", "PANSS for Schizophrenia"),
    category="psychiatry",
    source="Kay SR, Fiszbein A, Opler LA. The positive and negative syndrome scale (PANSS) for "
    "schizophrenia. Schizophr Bull. 1987;13(2):261-276; severity anchors: Leucht S, Kane JM, "
    "Kissling W, Hamann J, Etschel E, Engel RR. What does the PANSS mean? Schizophr Res. "
    "2005;79(2-3):231-238.",
    output_type="integer",
    description="Thirty items rated 1 (absent) to 7 (extreme): positive (7 items, 7-49), "
    "negative (7, 7-49) and general psychopathology (16, 16-112) scales, total 30-210, and "
    "the composite positive minus negative.",
)

#: The seven rating levels (Kay 1987).
LEVELS: dict[int, tuple[str, ...]] = {
    1: ("Absent",),
    2: ("Minimal",),
    3: ("Mild",),
    4: ("Moderate",),
    5: ("Moderate severe", "Moderately severe"),
    6: ("Severe",),
    7: ("Extreme",),
}

# Kay 1987 item lists (P1-P7, N1-N7, G1-G16): input name → (label, MedMCP key phrases).
POSITIVE: dict[str, tuple[str, tuple[str, ...]]] = {
    "p1_delusions": ("P1 Delusions", ("delusions", "p1")),
    "p2_conceptual_disorganization": (
        "P2 Conceptual disorganization",
        ("conceptual disorganization", "conceptual disorganisation", "p2"),
    ),
    "p3_hallucinatory_behavior": ("P3 Hallucinatory behavior", ("hallucinatory", "p3")),
    "p4_excitement": ("P4 Excitement", ("excitement", "p4")),
    "p5_grandiosity": ("P5 Grandiosity", ("grandiosity", "p5")),
    "p6_suspiciousness": ("P6 Suspiciousness/persecution", ("suspiciousness", "p6")),
    "p7_hostility": ("P7 Hostility", ("hostility", "p7")),
}
NEGATIVE: dict[str, tuple[str, tuple[str, ...]]] = {
    "n1_blunted_affect": ("N1 Blunted affect", ("blunted affect", "n1")),
    "n2_emotional_withdrawal": ("N2 Emotional withdrawal", ("emotional withdrawal", "n2")),
    "n3_poor_rapport": ("N3 Poor rapport", ("poor rapport", "n3")),
    "n4_social_withdrawal": (
        "N4 Passive/apathetic social withdrawal",
        ("apathetic social withdrawal", "passive", "n4"),
    ),
    "n5_abstract_thinking": ("N5 Difficulty in abstract thinking", ("abstract thinking", "n5")),
    "n6_lack_of_spontaneity": (
        "N6 Lack of spontaneity and flow of conversation",
        ("spontaneity", "n6"),
    ),
    "n7_stereotyped_thinking": ("N7 Stereotyped thinking", ("stereotyped", "n7")),
}
GENERAL: dict[str, tuple[str, tuple[str, ...]]] = {
    "g1_somatic_concern": ("G1 Somatic concern", ("somatic concern", "g1")),
    "g2_anxiety": ("G2 Anxiety", ("anxiety", "g2")),
    "g3_guilt_feelings": ("G3 Guilt feelings", ("guilt", "g3")),
    "g4_tension": ("G4 Tension", ("tension", "g4")),
    "g5_mannerisms_posturing": ("G5 Mannerisms and posturing", ("mannerisms", "g5")),
    "g6_depression": ("G6 Depression", ("depression", "g6")),
    "g7_motor_retardation": ("G7 Motor retardation", ("motor retardation", "g7")),
    "g8_uncooperativeness": ("G8 Uncooperativeness", ("uncooperativeness", "g8")),
    "g9_unusual_thought_content": ("G9 Unusual thought content", ("unusual thought", "g9")),
    "g10_disorientation": ("G10 Disorientation", ("disorientation", "g10")),
    "g11_poor_attention": ("G11 Poor attention", ("poor attention", "g11")),
    "g12_lack_of_judgment_insight": (
        "G12 Lack of judgment and insight",
        ("judgment", "judgement", "insight", "g12"),
    ),
    "g13_disturbance_of_volition": ("G13 Disturbance of volition", ("volition", "g13")),
    "g14_poor_impulse_control": ("G14 Poor impulse control", ("impulse control", "g14")),
    "g15_preoccupation": ("G15 Preoccupation", ("preoccupation", "g15")),
    "g16_active_social_avoidance": (
        "G16 Active social avoidance",
        ("active social avoidance", "g16"),
    ),
}
SCALES: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "positive": POSITIVE,
    "negative": NEGATIVE,
    "general": GENERAL,
}
ITEMS: dict[str, ri.RatedItem] = {
    name: ri.RatedItem(label, LEVELS, keys)
    for scale in SCALES.values()
    for name, (label, keys) in scale.items()
}


def _item() -> Any:
    return Field(
        ge=1,
        le=7,
        description="1 absent, 2 minimal, 3 mild, 4 moderate, 5 moderate severe, 6 severe, "
        "7 extreme",
    )


class Inputs(CalcInputs):
    """The 30 PANSS ratings, each 1-7."""

    p1_delusions: int = _item()
    p2_conceptual_disorganization: int = _item()
    p3_hallucinatory_behavior: int = _item()
    p4_excitement: int = _item()
    p5_grandiosity: int = _item()
    p6_suspiciousness: int = _item()
    p7_hostility: int = _item()
    n1_blunted_affect: int = _item()
    n2_emotional_withdrawal: int = _item()
    n3_poor_rapport: int = _item()
    n4_social_withdrawal: int = _item()
    n5_abstract_thinking: int = _item()
    n6_lack_of_spontaneity: int = _item()
    n7_stereotyped_thinking: int = _item()
    g1_somatic_concern: int = _item()
    g2_anxiety: int = _item()
    g3_guilt_feelings: int = _item()
    g4_tension: int = _item()
    g5_mannerisms_posturing: int = _item()
    g6_depression: int = _item()
    g7_motor_retardation: int = _item()
    g8_uncooperativeness: int = _item()
    g9_unusual_thought_content: int = _item()
    g10_disorientation: int = _item()
    g11_poor_attention: int = _item()
    g12_lack_of_judgment_insight: int = _item()
    g13_disturbance_of_volition: int = _item()
    g14_poor_impulse_control: int = _item()
    g15_preoccupation: int = _item()
    g16_active_social_avoidance: int = _item()


def _severity(total: int) -> str:
    # Leucht 2005 (equipercentile linking with CGI-S): "mildly ill" corresponded to a PANSS
    # total of about 58, "moderately ill" 75, "markedly ill" 95 and "severely ill" 116.
    if total >= 116:
        return "Severely ill (PANSS about 116 corresponds to CGI 'severely ill')"
    if total >= 95:
        return "Markedly ill (PANSS about 95 corresponds to CGI 'markedly ill')"
    if total >= 75:
        return "Moderately ill (PANSS about 75 corresponds to CGI 'moderately ill')"
    if total >= 58:
        return "Mildly ill (PANSS about 58 corresponds to CGI 'mildly ill')"
    return "Below the level linked to CGI 'mildly ill' (about 58)"


def compute(inputs: Inputs) -> CalcResult:
    """The three scale sums, the total (30-210) and the composite (positive - negative)."""
    values = inputs.model_dump()
    steps, total = ri.item_steps(values, ITEMS)
    sums = {scale: sum(values[k] for k in items) for scale, items in SCALES.items()}
    composite = sums["positive"] - sums["negative"]
    steps.append(
        Step(
            label="Composite scale (positive - negative)",
            value=composite,
            detail=f"{sums['positive']} - {sums['negative']}",
        )
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{_severity(total)}; PANSS total {total}/210 (positive {sums['positive']}"
        f", negative {sums['negative']}, general {sums['general']}, composite {composite:+d}).",
        steps=steps,
        extra={
            "positive_scale": sums["positive"],
            "negative_scale": sums["negative"],
            "general_psychopathology_scale": sums["general"],
            "composite": composite,
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PANSS inputs ('P1 Delusions: 4 (Moderate)' per item) → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
