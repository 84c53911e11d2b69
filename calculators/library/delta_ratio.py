"""Delta Ratio."""

from __future__ import annotations

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _anion_gap

META = CalculatorMeta(
    id="delta_ratio",
    name="Delta Ratio",
    synonyms=("delta ratio", "delta-delta", "ΔAG/ΔHCO3"),
    category="electrolytes",
    source="Rastegar A. Use of the DeltaAG/DeltaHCO3- ratio in the diagnosis of mixed "
    "acid-base disorders. J Am Soc Nephrol. 2007;18(9):2429-2431.",
    doi="10.1681/ASN.2006121408",
    pmid="17656477",
    output_type="decimal",
    unit=None,
    medcalc_id=64,
    description="Delta Ratio: (AG − 12) / (24 − HCO3), with AG = Na − (Cl + HCO3) in mEq/L.",
)


class Inputs(_anion_gap.GapInputs):
    """Inputs of the delta ratio."""

    requires_bicarbonate_fall = True


def compute(inputs: Inputs) -> CalcResult:
    """(AG − 12) / (24 − HCO3)."""
    return _anion_gap.gap_result(
        META.id, inputs, "delta ratio", label="delta ratio", detail="(AG − 12) / (24 − HCO3)"
    )


from_medcalc = _anion_gap.from_medcalc
