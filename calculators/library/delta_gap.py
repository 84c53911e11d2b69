"""Delta Gap."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _adapters as ad
from m3agent.calculators.library._common import (
    NORMAL_ANION_GAP,
    anion_gap,
)

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


class Inputs(QuantityInputs):
    """Inputs of the delta gap."""

    sodium: float = quantity("electrolyte", "mEq/L", ge=90, le=200, description="Sodium")
    chloride: float = quantity("electrolyte", "mEq/L", ge=50, le=160, description="Chloride")
    bicarbonate: float = quantity("electrolyte", "mEq/L", ge=1, le=60, description="Bicarbonate")


def compute(inputs: Inputs) -> CalcResult:
    """AG − 12."""
    ag = anion_gap(inputs.sodium, inputs.chloride, inputs.bicarbonate)
    steps = [Step(label="Anion gap", value=round(ag, 3), detail="Na − (Cl + HCO3)")]
    corrected = ag
    value = corrected - NORMAL_ANION_GAP
    interp = f"Delta gap {value:.1f} mEq/L: " + (
        "a rise in anion gap beyond normal" if value > 0 else "no anion gap excess"
    )
    steps.append(Step(label="delta gap", value=round(value, 3), detail="AG − 12"))
    return CalcResult(
        calculator=META.id, value=round(value, 3), unit="mEq/L", interpretation=interp, steps=steps
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "sodium": ad.quantity(entities, "Sodium"),
        "chloride": ad.quantity(entities, "Chloride"),
        "bicarbonate": ad.quantity(entities, "Bicarbonate"),
    }
