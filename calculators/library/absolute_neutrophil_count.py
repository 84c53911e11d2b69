"""Absolute neutrophil count (ANC)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="absolute_neutrophil_count",
    name="Absolute Neutrophil Count (ANC)",
    synonyms=("ANC", "absolute neutrophil count"),
    category="hematology",
    source=(
        "ANC = WBC x (% segmented neutrophils + % bands) / 100; severity bands (mild 1000-1500, "
        "moderate 500-1000, severe <500 /µL): Freifeld AG, et al. Clinical practice guideline "
        "for the use of antimicrobial agents in neutropenic patients with cancer: 2010 update "
        "by the IDSA. Clin Infect Dis. 2011;52(4):e56-93."
    ),
    doi="10.1093/cid/cir073",
    pmid="21258094",
    output_type="decimal",
    unit="cells/µL",
    description="Neutrophils (segmented plus bands) per microlitre; grades neutropenia.",
)


class Inputs(QuantityInputs):
    """Inputs of the ANC."""

    wbc: float = quantity("count_per_ul", "/uL", ge=0, le=500000, description="White cell count")
    segs_percent: float = Field(ge=0, le=100, description="Segmented neutrophils [%]")
    bands_percent: float = Field(ge=0, le=100, description="Band neutrophils [%]")

    @model_validator(mode="after")
    def _percent(self) -> Inputs:
        if self.segs_percent + self.bands_percent > 100:
            raise ValueError("segmented neutrophils plus bands exceed 100%")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """ANC = WBC x (segs% + bands%) / 100."""
    i = inputs
    anc = i.wbc * (i.segs_percent + i.bands_percent) / 100
    label = (
        "Severe neutropenia (<500/µL)"
        if anc < 500
        else "Moderate neutropenia (500-1000/µL)"
        if anc < 1000
        else "Mild neutropenia (1000-1500/µL)"
        if anc < 1500
        else "No neutropenia (≥1500/µL)"
    )
    return CalcResult(
        calculator=META.id,
        value=round(anc, 1),
        unit="cells/µL",
        interpretation=label,
        steps=[Step(label="ANC", value=round(anc, 1), detail="WBC x (segs% + bands%) / 100")],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ANC inputs → Inputs (WBC with its unit)."""
    return {
        "wbc": mm.cell_count(mm.get(inputs, r"wbc|white"), "10^3/uL"),
        "segs_percent": mm.number(mm.get(inputs, r"seg|neutrophil|pmn|poly")),
        "bands_percent": mm.number(mm.get(inputs, r"band")),
    }
