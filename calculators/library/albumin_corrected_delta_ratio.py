"""Albumin Corrected Delta Ratio."""

from __future__ import annotations

from pydantic import model_validator

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

    @model_validator(mode="after")
    def _bicarbonate_not_24(self) -> Inputs:
        _anion_gap.require_bicarbonate_fall(self.bicarbonate)
        return self


def compute(inputs: Inputs) -> CalcResult:
    """(corrected AG − 12) / (24 − HCO3)."""
    corrected, steps = _anion_gap.gap_steps(inputs)
    value = _anion_gap.delta_ratio(corrected, inputs.bicarbonate)
    return _anion_gap.gap_result(
        META.id,
        value,
        steps,
        unit=None,
        interpretation=_anion_gap.delta_ratio_interpretation(value),
        label="Albumin-corrected delta ratio",
        detail="(corrected AG − 12) / (24 − HCO3)",
    )


from_medcalc = _anion_gap.from_medcalc_with_albumin
