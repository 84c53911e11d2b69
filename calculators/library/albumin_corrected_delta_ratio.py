"""Albumin Corrected Delta Ratio."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _adapters as ad
from m3agent.calculators.library._common import (
    albumin_corrected_anion_gap,
    anion_gap,
    delta_ratio,
    delta_ratio_interpretation,
)

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


class Inputs(QuantityInputs):
    """Inputs of the albumin corrected delta ratio."""

    sodium: float = quantity("electrolyte", "mEq/L", ge=90, le=200, description="Sodium")
    chloride: float = quantity("electrolyte", "mEq/L", ge=50, le=160, description="Chloride")
    bicarbonate: float = quantity("electrolyte", "mEq/L", ge=1, le=60, description="Bicarbonate")
    albumin: float = quantity("albumin", "g/dL", ge=0.3, le=10, description="Serum albumin")

    @model_validator(mode="after")
    def _bicarbonate_not_24(self) -> Inputs:
        if self.bicarbonate == 24:
            raise ValueError(
                "the delta ratio is undefined when bicarbonate is 24 mEq/L "
                "(no fall in bicarbonate to compare the anion gap rise with)"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """(corrected AG − 12) / (24 − HCO3)."""
    ag = anion_gap(inputs.sodium, inputs.chloride, inputs.bicarbonate)
    steps = [Step(label="Anion gap", value=round(ag, 3), detail="Na − (Cl + HCO3)")]
    steps.append(Step(label="Albumin", value=inputs.albumin, detail="g/dL"))
    corrected = albumin_corrected_anion_gap(ag, inputs.albumin)
    value = delta_ratio(corrected, inputs.bicarbonate)
    interp = delta_ratio_interpretation(value)
    steps.append(
        Step(
            label="Albumin-corrected delta ratio",
            value=round(value, 3),
            detail="(corrected AG − 12) / (24 − HCO3)",
        )
    )
    return CalcResult(
        calculator=META.id, value=round(value, 3), unit=None, interpretation=interp, steps=steps
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "sodium": ad.quantity(entities, "Sodium"),
        "chloride": ad.quantity(entities, "Chloride"),
        "bicarbonate": ad.quantity(entities, "Bicarbonate"),
        "albumin": ad.quantity(entities, "Albumin"),
    }
