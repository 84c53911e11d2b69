"""Serum anion gap."""

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
    id="anion_gap",
    name="Anion Gap",
    synonyms=("Serum Anion Gap", "AG", "anion gap (serum)"),
    category="electrolytes",
    source="Kraut JA, Madias NE. Serum anion gap: its uses and limitations in clinical "
    "medicine. Clin J Am Soc Nephrol. 2007;2(1):162-174.",
    doi="10.2215/CJN.03020906",
    pmid="17699401",
    output_type="decimal",
    unit="mEq/L",
    medcalc_id=39,
    description="Na − (Cl + HCO3): unmeasured anions, for metabolic acidosis work-up.",
)


class Inputs(QuantityInputs):
    """Inputs of the anion gap."""

    sodium: float = quantity("electrolyte", "mEq/L", ge=90, le=200, description="Sodium")
    chloride: float = quantity("electrolyte", "mEq/L", ge=50, le=160, description="Chloride")
    bicarbonate: float = quantity("electrolyte", "mEq/L", ge=1, le=60, description="Bicarbonate")
    albumin: float | None = quantity(
        "albumin",
        "g/dL",
        ge=0.3,
        le=10,
        default=None,
        description="Albumin (optional: adds the corrected gap)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """AG = Na − (Cl + HCO3); with albumin, the albumin-corrected gap in ``extra``."""
    ag = anion_gap(inputs.sodium, inputs.chloride, inputs.bicarbonate)
    steps = [Step(label="Anion gap", value=round(ag, 3), detail="Na − (Cl + HCO3)")]
    extra: dict[str, Any] = {"delta_gap": round(ag - 12, 3)}
    if inputs.bicarbonate != 24:
        extra["delta_ratio"] = round((ag - 12) / (24 - inputs.bicarbonate), 3)
    if inputs.albumin is not None:
        corrected = albumin_corrected_anion_gap(ag, inputs.albumin)
        extra["albumin_corrected_anion_gap"] = round(corrected, 3)
        steps.append(
            Step(
                label="Albumin-corrected anion gap",
                value=round(corrected, 3),
                detail="AG + 2.5 × (4 − albumin)",
            )
        )
    return CalcResult(
        calculator=META.id,
        value=round(ag, 3),
        unit="mEq/L",
        interpretation=anion_gap_interpretation(ag),
        steps=steps,
        extra=extra,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    return {
        "sodium": ad.quantity(entities, "Sodium"),
        "chloride": ad.quantity(entities, "Chloride"),
        "bicarbonate": ad.quantity(entities, "Bicarbonate"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = ad.MedmcpInputs(inputs)
    out: dict[str, Any] = {
        "sodium": ad.parse_quantity(m.find("sodium"), "mEq/L"),
        "chloride": ad.parse_quantity(m.find("chloride"), "mEq/L"),
        "bicarbonate": ad.parse_quantity(m.find("bicarbonate", "hco3"), "mEq/L"),
    }
    if m.has("albumin"):
        out["albumin"] = ad.parse_quantity(m.find("albumin"), "g/dL")
    return out
