"""Winters' formula: expected PaCO2 in metabolic acidosis."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="winters_formula",
    name="Winters' Formula for Metabolic Acidosis Compensation",
    synonyms=("Winters formula", "Winters' formula", "expected PaCO2"),
    category="lab test",
    source=(
        "Albert MS, Dell RB, Winters RW. Quantitative displacement of acid-base equilibrium in "
        "metabolic acidosis. Ann Intern Med. 1967;66(2):312-22."
    ),
    doi="10.7326/0003-4819-66-2-312",
    pmid="6016545",
    output_type="decimal",
    unit="mmHg",
    description="Expected PaCO2 = 1.5 x HCO3- + 8 ± 2 mmHg; a measured PaCO2 outside the range "
    "points to a concurrent respiratory disorder.",
)


class Inputs(QuantityInputs):
    """Inputs of Winters' formula."""

    hco3: float = quantity("electrolyte", "mmol/L", ge=1, le=40, description="Serum HCO3-")
    paco2: float | None = quantity(
        "pressure",
        "mmHg",
        ge=5,
        le=200,
        default=None,
        description="Measured PaCO2 (optional, for comparison)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Compute the expected PaCO2 = 1.5 x HCO3- + 8 (range ± 2)."""
    i = inputs
    expected = 1.5 * i.hco3 + 8
    lo, hi = expected - 2, expected + 2
    if i.paco2 is None:
        interp = f"Expected PaCO2 {lo:.0f}-{hi:.0f} mmHg"
    elif i.paco2 > hi:
        interp = "Measured PaCO2 above range: concomitant respiratory acidosis"
    elif i.paco2 < lo:
        interp = "Measured PaCO2 below range: concomitant respiratory alkalosis"
    else:
        interp = "Appropriately compensated metabolic acidosis"
    return CalcResult(
        calculator=META.id,
        value=round(expected, 2),
        unit="mmHg",
        interpretation=interp,
        steps=[
            Step(label="Expected PaCO2", value=round(expected, 2), detail="1.5 x HCO3- + 8 ± 2")
        ],
        extra={"range": [round(lo, 2), round(hi, 2)]},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Winters inputs → Inputs."""
    out: dict[str, Any] = {"hco3": mm.number(mm.get(inputs, r"bicarbonate|hco3"))}
    paco2 = mm.opt(inputs, r"paco2")
    if paco2 is not None:
        out["paco2"] = mm.number(paco2)
    return out
