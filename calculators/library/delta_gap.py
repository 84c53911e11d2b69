"""Delta Gap."""

from __future__ import annotations

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _anion_gap

META = CalculatorMeta(
    id="delta_gap",
    name="Delta Gap",
    synonyms=("delta gap", "ΔAG", "anion gap excess"),
    category="electrolytes",
    source="Wrenn K. The delta (delta) gap: an approach to mixed acid-base disorders. Ann "
    "Emerg Med. 1990;19(11):1310-1313.",
    doi="10.1016/s0196-0644(05)82292-9",
    pmid="2240729",
    output_type="decimal",
    unit="mEq/L",
    medcalc_id=63,
    description="Delta Gap: AG − 12, with AG = Na − (Cl + HCO3) in mEq/L.",
)


class Inputs(_anion_gap.GapInputs):
    """Inputs of the delta gap."""


def compute(inputs: Inputs) -> CalcResult:
    """AG − 12."""
    return _anion_gap.gap_result(META.id, inputs, "delta gap", label="delta gap", detail="AG − 12")


from_medcalc = _anion_gap.from_medcalc
