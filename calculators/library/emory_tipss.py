"""Emory score: early mortality after transjugular intrahepatic portosystemic shunt (TIPS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="emory_tipss",
    name="Emory Model (TIPSS)",
    synonyms=("Emory score", "Emory TIPS score", "Emory model for TIPS mortality"),
    category="hepatology",
    source=(
        "Chalasani N, Clark WS, Martin LG, et al. Determinants of mortality in patients with "
        "advanced cirrhosis after transjugular intrahepatic portosystemic shunting. "
        "Gastroenterology. 2000;118(1):138-44."
    ),
    doi="10.1016/s0016-5085(00)70422-7",
    pmid="10611162",
    output_type="integer",
    description="Predicts 3-month mortality after TIPS from bilirubin, ALT, encephalopathy and "
    "urgency.",
)


#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_037_efed038e", 3): (
        "Emory TIPSS: bilirubin 2.3 mg/dL (not >3), ALT 38 U/L (not >100), no pre-TIPS "
        "encephalopathy, elective TIPS meet no criterion, so the published score is 0; the task "
        "gives 2 (its notes repeat 2 without a contributing criterion)."
    ),
}


class Inputs(QuantityInputs):
    """Inputs of the Emory score."""

    bilirubin: float = quantity("bilirubin", "mg/dL", ge=0, le=80, description="Total bilirubin")
    alt: float = quantity("enzyme", "U/L", ge=0, le=20000, description="ALT")
    pre_tips_encephalopathy: bool = Field(description="Hepatic encephalopathy before TIPS")
    urgent: bool = Field(description="Urgent/emergent TIPS (rather than elective)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the four criteria (Chalasani 2000): 1, 1, 1 and 2 points."""
    i = inputs
    steps, total = tally(
        [
            ("Total bilirubin > 3 mg/dL", i.bilirubin, 1 if i.bilirubin > 3 else 0),
            ("ALT > 100 U/L", i.alt, 1 if i.alt > 100 else 0),
            (
                "Pre-TIPS hepatic encephalopathy",
                i.pre_tips_encephalopathy,
                1 if i.pre_tips_encephalopathy else 0,
            ),
            ("Urgent TIPS", i.urgent, 2 if i.urgent else 0),
        ]
    )
    score = int(total)
    # Risk groups of the derivation cohort: 0 low, 1-3 moderate (medium), 4-5 high.
    if score == 0:
        label = "Low risk (3-month mortality ~10%)"
    elif score <= 3:
        label = "Moderate risk (3-month mortality ~25%)"
    else:
        label = "High risk (highest early mortality group)"
    return CalcResult(calculator=META.id, value=score, interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Emory inputs → Inputs."""
    return {
        "bilirubin": mm.quantity(mm.get(inputs, r"bilirubin"), "mg/dL"),
        "alt": mm.quantity(mm.get(inputs, r"\balt\b"), "U/L"),
        "pre_tips_encephalopathy": mm.yes(mm.get(inputs, r"encephalopathy")),
        "urgent": mm.choose(
            mm.get(inputs, r"urgency"), [(r"elective", False), (r"urgent|emergen", True)]
        ),
    }
