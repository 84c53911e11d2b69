"""Serum anion gap."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, Step, quantity
from m3agent.calculators.library import _anion_gap
from m3agent.calculators.library import _medmcp_keywords as kw

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


class Inputs(_anion_gap.GapInputs):
    """Inputs of the anion gap."""

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
    ag = _anion_gap.anion_gap(inputs.sodium, inputs.chloride, inputs.bicarbonate)
    steps = [Step(label="Anion gap", value=round(ag, 3), detail="Na − (Cl + HCO3)")]
    extra: dict[str, Any] = {"delta_gap": round(ag - _anion_gap.NORMAL_ANION_GAP, 3)}
    if inputs.bicarbonate != _anion_gap.NORMAL_BICARBONATE:
        extra["delta_ratio"] = round(_anion_gap.delta_ratio(ag, inputs.bicarbonate), 3)
    if inputs.albumin is not None:
        corrected = _anion_gap.albumin_corrected_anion_gap(ag, inputs.albumin)
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
        interpretation=_anion_gap.anion_gap_interpretation(ag),
        steps=steps,
        extra=extra,
    )


from_medcalc = _anion_gap.from_medcalc


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    out: dict[str, Any] = {
        "sodium": kw.parse_quantity(m.find("sodium"), "mEq/L"),
        "chloride": kw.parse_quantity(m.find("chloride"), "mEq/L"),
        "bicarbonate": kw.parse_quantity(m.find("bicarbonate", "hco3"), "mEq/L"),
    }
    if m.has("albumin"):
        out["albumin"] = kw.parse_quantity(m.find("albumin"), "g/dL")
    return out
