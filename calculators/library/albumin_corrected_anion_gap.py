"""Albumin Corrected Anion Gap."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _adapters as ad
from m3agent.calculators.library._common import (
    albumin_corrected_anion_gap,
    anion_gap,
    anion_gap_interpretation,
)

META = CalculatorMeta(
    id="albumin_corrected_anion_gap",
    name="Albumin Corrected Anion Gap",
    synonyms=("albumin-corrected anion gap", "corrected anion gap"),
    category="electrolytes",
    source="Figge J, Jabor A, Kazda A, Fencl V. Anion gap and hypoalbuminemia. Crit Care Med. "
    "1998;26(11):1807-1810.",
    doi="10.1097/00003246-199811000-00019",
    pmid="9824071",
    output_type="decimal",
    unit="mEq/L",
    medcalc_id=65,
    description="AG + 2.5 × (4 − albumin g/dL), with AG = Na − (Cl + HCO3) in mEq/L.",
)


class Inputs(QuantityInputs):
    """Inputs of the albumin corrected anion gap."""

    sodium: float = quantity("electrolyte", "mEq/L", ge=90, le=200, description="Sodium")
    chloride: float = quantity("electrolyte", "mEq/L", ge=50, le=160, description="Chloride")
    bicarbonate: float = quantity("electrolyte", "mEq/L", ge=1, le=60, description="Bicarbonate")
    albumin: float = quantity("albumin", "g/dL", ge=0.3, le=10, description="Serum albumin")


def compute(inputs: Inputs) -> CalcResult:
    """AG + 2.5 × (4 − albumin)."""
    ag = anion_gap(inputs.sodium, inputs.chloride, inputs.bicarbonate)
    steps = [Step(label="Anion gap", value=round(ag, 3), detail="Na − (Cl + HCO3)")]
    steps.append(Step(label="Albumin", value=inputs.albumin, detail="g/dL"))
    value = albumin_corrected_anion_gap(ag, inputs.albumin)
    interp = anion_gap_interpretation(value)
    steps.append(
        Step(
            label="Albumin-corrected anion gap",
            value=round(value, 3),
            detail="AG + 2.5 × (4 − albumin g/dL)",
        )
    )
    return CalcResult(
        calculator=META.id, value=round(value, 3), unit="mEq/L", interpretation=interp, steps=steps
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "sodium": ad.quantity(entities, "Sodium"),
        "chloride": ad.quantity(entities, "Chloride"),
        "bicarbonate": ad.quantity(entities, "Bicarbonate"),
        "albumin": ad.quantity(entities, "Albumin"),
    }
