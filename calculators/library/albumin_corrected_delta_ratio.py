"""Albumin Corrected Delta Ratio."""

from __future__ import annotations

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import _anion_gap

META = CalculatorMeta(
    id="albumin_corrected_delta_ratio",
    name="Albumin Corrected Delta Ratio",
    synonyms=("albumin-corrected delta ratio", "corrected delta ratio"),
    category="electrolytes",
    source="Figge J, Jabor A, Kazda A, Fencl V. Anion gap and hypoalbuminemia. Crit Care Med. "
    "1998;26(11):1807-1810.",
    doi="10.1097/00003246-199811000-00019",
    pmid="9824071",
    output_type="decimal",
    unit=None,
    medcalc_id=67,
    description="(albumin-corrected AG − 12) / (24 − HCO3), all in mEq/L.",
)


class Inputs(_anion_gap.AlbuminGapInputs):
    """Inputs of the albumin corrected delta ratio."""

    requires_bicarbonate_fall = True


def compute(inputs: Inputs) -> CalcResult:
    """(corrected AG − 12) / (24 − HCO3)."""
    return _anion_gap.gap_result(
        META.id,
        inputs,
        "delta ratio",
        label="Albumin-corrected delta ratio",
        detail="(corrected AG − 12) / (24 − HCO3)",
    )


from_medcalc = _anion_gap.from_medcalc_with_albumin
