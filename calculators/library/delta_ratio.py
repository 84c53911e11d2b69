"""Delta Ratio."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _adapters as ad
from m3agent.calculators.library._common import (
    anion_gap,
    delta_ratio,
    delta_ratio_interpretation,
)

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


class Inputs(QuantityInputs):
    """Inputs of the delta ratio."""

    sodium: float = quantity("electrolyte", "mEq/L", ge=90, le=200, description="Sodium")
    chloride: float = quantity("electrolyte", "mEq/L", ge=50, le=160, description="Chloride")
    bicarbonate: float = quantity("electrolyte", "mEq/L", ge=1, le=60, description="Bicarbonate")

    @model_validator(mode="after")
    def _bicarbonate_not_24(self) -> Inputs:
        if self.bicarbonate == 24:
            raise ValueError(
                "the delta ratio is undefined when bicarbonate is 24 mEq/L "
                "(no fall in bicarbonate to compare the anion gap rise with)"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """(AG − 12) / (24 − HCO3)."""
    ag = anion_gap(inputs.sodium, inputs.chloride, inputs.bicarbonate)
    steps = [Step(label="Anion gap", value=round(ag, 3), detail="Na − (Cl + HCO3)")]
    corrected = ag
    value = delta_ratio(corrected, inputs.bicarbonate)
    interp = delta_ratio_interpretation(value)
    steps.append(Step(label="delta ratio", value=round(value, 3), detail="(AG − 12) / (24 − HCO3)"))
    return CalcResult(
        calculator=META.id, value=round(value, 3), unit=None, interpretation=interp, steps=steps
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "sodium": ad.quantity(entities, "Sodium"),
        "chloride": ad.quantity(entities, "Chloride"),
        "bicarbonate": ad.quantity(entities, "Bicarbonate"),
    }
