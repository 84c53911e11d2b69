"""Serum-ascites albumin gradient (SAAG)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="saag",
    name="Serum Ascites Albumin Gradient (SAAG)",
    synonyms=("SAAG", "Serum-ascites albumin gradient"),
    category="hepatology",
    source=(
        "Runyon BA, Montano AA, Akriviadis EA, et al. The serum-ascites albumin gradient is "
        "superior to the exudate-transudate concept in the differential diagnosis of ascites. "
        "Ann Intern Med. 1992;117(3):215-20."
    ),
    doi="10.7326/0003-4819-117-3-215",
    pmid="1616215",
    output_type="decimal",
    unit="g/dL",
    description="Serum albumin minus ascitic albumin; ≥1.1 g/dL indicates portal hypertension "
    "with about 97% accuracy.",
)


class Inputs(QuantityInputs):
    """Inputs of the SAAG."""

    serum_albumin: float = quantity("albumin", "g/dL", ge=0.5, le=7, description="Serum albumin")
    ascites_albumin: float = quantity(
        "albumin", "g/dL", ge=0, le=7, description="Ascitic fluid albumin"
    )


def compute(inputs: Inputs) -> CalcResult:
    """SAAG = serum albumin - ascitic albumin."""
    saag = inputs.serum_albumin - inputs.ascites_albumin
    label = (
        "Portal hypertension likely (SAAG ≥1.1 g/dL)"
        if saag >= 1.1
        else "Portal hypertension unlikely (SAAG <1.1 g/dL): consider peritoneal causes"
    )
    return CalcResult(
        calculator=META.id,
        value=round(saag, 2),
        unit="g/dL",
        interpretation=label,
        steps=[Step(label="SAAG", value=round(saag, 2), detail="serum - ascitic albumin")],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc SAAG inputs → Inputs."""
    return {
        "serum_albumin": mm.quantity(mm.get(inputs, r"albumin.*serum|serum albumin"), "g/dL"),
        "ascites_albumin": mm.quantity(mm.get(inputs, r"ascit"), "g/dL"),
    }
