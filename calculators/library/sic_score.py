"""Sepsis-Induced Coagulopathy (SIC) score."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="sic_score",
    name="Sepsis-Induced Coagulopathy (SIC) Score",
    synonyms=("SIC score", "sepsis-induced coagulopathy"),
    category="hematology",
    source=(
        "Iba T, Nisio MD, Levy JH, Kitamura N, Thachil J. New criteria for sepsis-induced "
        "coagulopathy (SIC) following the revised sepsis definition: a retrospective analysis "
        "of a nationwide survey. BMJ Open. 2017;7(9):e017046."
    ),
    doi="10.1136/bmjopen-2017-017046",
    pmid="28963294",
    output_type="integer",
    description="Identifies sepsis-induced coagulopathy from INR, platelets and the SOFA score "
    "(respiratory, cardiovascular, hepatic, renal).",
)


class Inputs(QuantityInputs):
    """Inputs of the SIC score."""

    inr: float = Field(ge=0.5, le=20, description="PT-INR")
    platelets: float = quantity(
        "thousand_per_ul", "10^9/L", ge=0, le=2000, description="Platelet count"
    )
    sofa_four_item: int = Field(
        ge=0,
        le=16,
        description="SOFA sum of the respiratory, "
        "cardiovascular, hepatic and renal components (0-16)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Points: INR >1.2/>1.4 → 1/2; platelets <150/<100 → 1/2; SOFA 1/≥2 → 1/2 (Iba 2017)."""
    i = inputs
    inr_pts = 2 if i.inr > 1.4 else 1 if i.inr > 1.2 else 0
    plt_pts = 2 if i.platelets < 100 else 1 if i.platelets < 150 else 0
    sofa_pts = min(i.sofa_four_item, 2)
    steps, total = tally(
        [
            ("PT-INR", i.inr, inr_pts),
            ("Platelets (10^9/L)", i.platelets, plt_pts),
            ("SOFA (4 items)", i.sofa_four_item, sofa_pts),
        ]
    )
    score = int(total)
    # SIC: total ≥ 4 with INR + platelet points > 2 (Iba 2017).
    sic = score >= 4 and inr_pts + plt_pts > 2
    return CalcResult(
        calculator=META.id,
        value=score,
        interpretation="SIC likely" if sic else "SIC criteria not met",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc SIC inputs → Inputs."""
    return {
        "inr": mm.number(mm.get(inputs, r"\binr\b")),
        "platelets": mm.cell_count(mm.get(inputs, r"platelet"), "10^9/L"),
        "sofa_four_item": int(mm.number(mm.get(inputs, r"sofa"))),
    }
