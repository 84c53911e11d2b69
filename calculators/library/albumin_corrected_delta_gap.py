"""Albumin Corrected Delta Gap."""

from __future__ import annotations

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _anion_gap

META = CalculatorMeta(
    id="albumin_corrected_delta_gap",
    name="Albumin Corrected Delta Gap",
    synonyms=("albumin-corrected delta gap", "corrected delta gap"),
    category="electrolytes",
    source="Figge J, Jabor A, Kazda A, Fencl V. Anion gap and hypoalbuminemia. Crit Care Med. "
    "1998;26(11):1807-1810.",
    doi="10.1097/00003246-199811000-00019",
    pmid="9824071",
    output_type="decimal",
    unit="mEq/L",
    medcalc_id=66,
    description="(AG + 2.5 × (4 − albumin g/dL)) − 12, with AG = Na − (Cl + HCO3) in mEq/L.",
)


class Inputs(_anion_gap.AlbuminGapInputs):
    """Inputs of the albumin corrected delta gap."""


def compute(inputs: Inputs) -> CalcResult:
    """(AG + 2.5 × (4 − albumin)) − 12."""
    return _anion_gap.gap_result(
        META.id,
        inputs,
        "delta gap",
        label="Albumin-corrected delta gap",
        detail="(AG + 2.5 × (4 − albumin)) − 12",
    )


from_medcalc = _anion_gap.from_medcalc_with_albumin
