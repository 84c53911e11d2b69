"""Neutrophil-Lymphocyte Ratio (NLR)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="neutrophil_lymphocyte_ratio",
    name="Neutrophil-Lymphocyte Ratio (NLR) Calculator",
    synonyms=("NLR", "neutrophil-lymphocyte ratio", "neutrophil to lymphocyte ratio"),
    category="hematology",
    source="Zahorec R. Ratio of neutrophil to lymphocyte counts--rapid and simple parameter of "
    "systemic inflammation and stress in critically ill. Bratisl Lek Listy. "
    "2001;102(1):5-14. Normal range: Forget P, et al. BMC Res Notes. 2017;10:12.",
    pmid="11723675",
    output_type="decimal",
    unit=None,
    description="Absolute neutrophils over absolute lymphocytes; a cheap marker of systemic "
    "inflammation and physiological stress.",
)


class Inputs(QuantityInputs):
    """Inputs of the NLR."""

    neutrophils: float = quantity(
        "thousand_per_ul", "10^3/uL", ge=0, le=200, description="Absolute neutrophil count"
    )
    lymphocytes: float = quantity(
        "thousand_per_ul", "10^3/uL", ge=0.01, le=500, description="Absolute lymphocyte count"
    )


def compute(inputs: Inputs) -> CalcResult:
    """NLR = absolute neutrophil count / absolute lymphocyte count."""
    nlr = inputs.neutrophils / inputs.lymphocytes
    # Forget 2017 (healthy adults): normal NLR 0.78–3.53; Zahorec 2001 graded stress by NLR.
    if nlr < 0.78:
        label = "Below the healthy-adult range (0.78–3.53)"
    elif nlr <= 3.53:
        label = "Within the healthy-adult range (0.78–3.53)"
    elif nlr < 9:
        label = "Elevated: mild-to-moderate systemic inflammation or stress"
    else:
        label = "Markedly elevated (≥9): severe inflammation, sepsis or physiological stress"
    return CalcResult(
        calculator=META.id,
        value=round(nlr, 2),
        unit=None,
        interpretation=label,
        steps=[
            Step(
                label="NLR",
                value=round(nlr, 2),
                detail=f"{inputs.neutrophils:g} ÷ {inputs.lymphocytes:g} (×10³/µL)",
            )
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (absolute neutrophils, absolute lymphocytes) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "neutrophils": f.quantity("neutrophil", default_unit="10^3/uL"),
        "lymphocytes": f.quantity("lymphocyte", default_unit="10^3/uL"),
    }
