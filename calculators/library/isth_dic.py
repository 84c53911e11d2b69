"""ISTH criteria for overt disseminated intravascular coagulation (DIC)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="isth_dic",
    name="ISTH Criteria for Disseminated Intravascular Coagulation (DIC)",
    synonyms=("ISTH DIC score", "ISTH overt DIC score"),
    category="hematology",
    source=(
        "Taylor FB Jr, Toh CH, Hoots WK, Wada H, Levi M. Towards definition, clinical and "
        "laboratory criteria, and a scoring system for disseminated intravascular coagulation. "
        "Thromb Haemost. 2001;86(5):1327-30."
    ),
    pmid="11816725",
    output_type="integer",
    description="Platelets, fibrin-related marker, PT prolongation and fibrinogen; ≥5 is "
    "compatible with overt DIC.",
)


class Inputs(QuantityInputs):
    """Inputs of the ISTH overt DIC score."""

    platelets: float = quantity(
        "thousand_per_ul", "10^9/L", ge=0, le=2000, description="Platelet count"
    )
    fibrin_marker: Literal["no increase", "moderate increase", "strong increase"] = Field(
        description="Fibrin-related marker (e.g. D-dimer) elevation"
    )
    pt_prolongation_s: float = Field(
        ge=0, le=200, description="PT prolongation above the upper limit [s]"
    )
    fibrinogen: float = quantity("fibrinogen", "g/L", ge=0, le=15, description="Fibrinogen")


def compute(inputs: Inputs) -> CalcResult:
    """Platelets ≥100/50-100/<50 → 0/1/2; marker 0/2/3; PT <3/3-6/>6 s → 0/1/2; Fib <1 g/L → 1."""
    i = inputs
    steps, total = tally(
        [
            (
                "Platelets (10^9/L)",
                i.platelets,
                0 if i.platelets >= 100 else 1 if i.platelets >= 50 else 2,
            ),
            (
                "Fibrin-related marker",
                i.fibrin_marker,
                {"no increase": 0, "moderate increase": 2, "strong increase": 3}[i.fibrin_marker],
            ),
            (
                "PT prolongation (s)",
                i.pt_prolongation_s,
                0 if i.pt_prolongation_s < 3 else 1 if i.pt_prolongation_s <= 6 else 2,
            ),
            ("Fibrinogen (g/L)", i.fibrinogen, 1 if i.fibrinogen < 1 else 0),
        ]
    )
    score = int(total)
    label = (
        "Compatible with overt DIC; repeat daily"
        if score >= 5
        else "Not suggestive of overt DIC (may be non-overt); repeat within 1-2 days"
    )
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ISTH DIC inputs → Inputs."""
    return {
        "platelets": mm.cell_count(mm.get(inputs, r"platelet"), "10^9/L"),
        "fibrin_marker": mm.choose(
            mm.get(inputs, r"fibrin.*marker|d-?dimer"),
            [
                (r"strong", "strong increase"),
                (r"moderate", "moderate increase"),
                (r"no increase|normal|^no\b", "no increase"),
            ],
        ),
        "pt_prolongation_s": mm.number(mm.get(inputs, r"\bpt\b|prothrombin")),
        "fibrinogen": mm.quantity(mm.get(inputs, r"fibrinogen"), "g/L"),
    }
