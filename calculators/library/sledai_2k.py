"""Systemic Lupus Erythematosus Disease Activity Index 2000 (SLEDAI-2K)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="sledai_2k",
    name="Systemic Lupus Erythematosus Disease Activity Index 2000 (SLEDAI-2K)",
    synonyms=("SLEDAI-2K", "SLEDAI 2K", "SLEDAI-2000"),
    category="rheumatology",
    source=(
        "Gladman DD, Ibañez D, Urowitz MB. Systemic lupus erythematosus disease activity "
        "index 2000. J Rheumatol. 2002;29(2):288-291."
    ),
    output_type="integer",
    description="Lupus activity (0-105) from 24 weighted descriptors present at the visit or in "
    "the preceding 10 days.",
)

#: (field, label, weight): the 24 SLEDAI-2K descriptors and their weights (Gladman 2002).
DESCRIPTORS: tuple[tuple[str, str, int], ...] = (
    ("seizure", "Seizure (recent onset)", 8),
    ("psychosis", "Psychosis", 8),
    ("organic_brain_syndrome", "Organic brain syndrome", 8),
    ("visual_disturbance", "Visual disturbance (retinal changes of SLE)", 8),
    ("cranial_nerve_disorder", "Cranial nerve disorder (new onset)", 8),
    ("lupus_headache", "Lupus headache", 8),
    ("cva", "Cerebrovascular accident (new onset)", 8),
    ("vasculitis", "Vasculitis", 8),
    ("arthritis", "Arthritis (≥ 2 joints with inflammation)", 4),
    ("myositis", "Myositis", 4),
    ("urinary_casts", "Urinary casts (heme-granular or RBC)", 4),
    ("hematuria", "Haematuria (> 5 RBC/hpf)", 4),
    ("proteinuria", "Proteinuria (> 0.5 g/24 h)", 4),
    ("pyuria", "Pyuria (> 5 WBC/hpf)", 4),
    ("rash", "Rash (inflammatory type)", 2),
    ("alopecia", "Alopecia (abnormal, patchy or diffuse)", 2),
    ("mucosal_ulcers", "Mucosal ulcers (oral or nasal)", 2),
    ("pleurisy", "Pleurisy", 2),
    ("pericarditis", "Pericarditis", 2),
    ("low_complement", "Low complement (CH50, C3 or C4)", 2),
    ("increased_dna_binding", "Increased DNA binding (anti-dsDNA)", 2),
    ("fever", "Fever (> 38 °C)", 1),
    ("thrombocytopenia", "Thrombocytopenia (< 100 × 10⁹/L)", 1),
    ("leukopenia", "Leukopenia (< 3 × 10⁹/L)", 1),
)


def _field(name: str, label: str, weight: int) -> Any:
    return Field(description=f"{label}, attributable to SLE (+{weight})")


class Inputs(CalcInputs):
    """Inputs of the SLEDAI-2K: each descriptor present at the visit or in the past 10 days."""

    seizure: bool = _field(*DESCRIPTORS[0])
    psychosis: bool = _field(*DESCRIPTORS[1])
    organic_brain_syndrome: bool = _field(*DESCRIPTORS[2])
    visual_disturbance: bool = _field(*DESCRIPTORS[3])
    cranial_nerve_disorder: bool = _field(*DESCRIPTORS[4])
    lupus_headache: bool = _field(*DESCRIPTORS[5])
    cva: bool = _field(*DESCRIPTORS[6])
    vasculitis: bool = _field(*DESCRIPTORS[7])
    arthritis: bool = _field(*DESCRIPTORS[8])
    myositis: bool = _field(*DESCRIPTORS[9])
    urinary_casts: bool = _field(*DESCRIPTORS[10])
    hematuria: bool = _field(*DESCRIPTORS[11])
    proteinuria: bool = _field(*DESCRIPTORS[12])
    pyuria: bool = _field(*DESCRIPTORS[13])
    rash: bool = _field(*DESCRIPTORS[14])
    alopecia: bool = _field(*DESCRIPTORS[15])
    mucosal_ulcers: bool = _field(*DESCRIPTORS[16])
    pleurisy: bool = _field(*DESCRIPTORS[17])
    pericarditis: bool = _field(*DESCRIPTORS[18])
    low_complement: bool = _field(*DESCRIPTORS[19])
    increased_dna_binding: bool = _field(*DESCRIPTORS[20])
    fever: bool = _field(*DESCRIPTORS[21])
    thrombocytopenia: bool = _field(*DESCRIPTORS[22])
    leukopenia: bool = _field(*DESCRIPTORS[23])


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the weights of the descriptors present."""
    s = Score()
    for name, label, weight in DESCRIPTORS:
        s.flag(label, getattr(inputs, name), weight)
    total = int(s.total)
    # Activity grading as tabulated for SLEDAI-2K in the Ann Rheum Dis review of SLE indices
    # (Table 1): 0 remission, 1-4 low, 5-10 moderate, > 10 high activity.
    if total == 0:
        band = "Remission (no activity)"
    elif total <= 4:
        band = "Low activity"
    elif total <= 10:
        band = "Moderate activity"
    else:
        band = "High activity"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band} (SLEDAI-2K {total}).",
        steps=s.steps,
        extra={"category": band},
    )


#: Key phrases of MedMCP-Calc field names for each descriptor.
_KEYS: dict[str, tuple[str, ...]] = {
    "seizure": ("seizure",),
    "psychosis": ("psychosis",),
    "organic_brain_syndrome": ("organic brain",),
    "visual_disturbance": ("visual",),
    "cranial_nerve_disorder": ("cranial nerve",),
    "lupus_headache": ("headache",),
    "cva": ("cva", "cerebrovascular", "stroke"),
    "vasculitis": ("vasculitis",),
    "arthritis": ("arthritis",),
    "myositis": ("myositis",),
    "urinary_casts": ("casts",),
    "hematuria": ("hematuria", "haematuria"),
    "proteinuria": ("proteinuria",),
    "pyuria": ("pyuria",),
    "rash": ("rash",),
    "alopecia": ("alopecia",),
    "mucosal_ulcers": ("mucosal", "ulcers"),
    "pleurisy": ("pleurisy", "pleuritic"),
    "pericarditis": ("pericarditis",),
    "low_complement": ("complement",),
    "increased_dna_binding": ("dna", "dsdna"),
    "fever": ("fever",),
    "thrombocytopenia": ("thrombocytopenia", "platelet"),
    "leukopenia": ("leukopenia", "leucopenia"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs.

    Tasks list only some descriptors; one not listed is taken as absent (the index scores
    descriptors documented as present).
    """
    f = Fields(inputs, META.id)
    return {name: (f.yes(*keys) if f.has(*keys) else False) for name, keys in _KEYS.items()}
