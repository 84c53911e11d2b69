"""Pediatric Asthma Severity Score (PASS) for asthma exacerbation severity."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="pass_asthma",
    name="Pediatric Asthma Severity Score (PASS) for Asthma Exacerbation Severity",
    synonyms=("PASS", "Pediatric Asthma Severity Score", "PASS asthma"),
    category="pediatrics",
    source="Gorelick MH, Stevens MW, Schultz TR, Scribano PV. Performance of a novel clinical "
    "score, the Pediatric Asthma Severity Score (PASS), in the evaluation of acute asthma. "
    "Acad Emerg Med. 2004;11(1):10-18.",
    doi="10.1197/j.aem.2003.07.015",
    pmid="14709423",
    output_type="integer",
    description="Wheezing, work of breathing and prolongation of expiration, each 0-2 "
    "(total 0-6); higher scores mean a more severe exacerbation (ages 1-18).",
)

Level = Literal["none_or_mild", "moderate", "severe"]

# Gorelick 2004: each finding 0 (normal/mild), 1 (moderate), 2 (severe).
_POINTS = {"none_or_mild": 0, "moderate": 1, "severe": 2}


class Inputs(CalcInputs):
    """The three PASS findings."""

    wheezing: Level = Field(
        description="none_or_mild (0); moderate (1); severe: severe wheezing or absent "
        "because of poor air movement (2)"
    )
    work_of_breathing: Level = Field(
        description="Accessory muscle use, retractions: none_or_mild: normal or mildly "
        "increased (0); moderate (1); severe (2)"
    )
    prolonged_expiration: Level = Field(
        description="Expiration-to-inspiration ratio: none_or_mild: normal or mildly "
        "prolonged (0); moderate (1); severe (2)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the three findings (0-6), Gorelick 2004."""
    s = Score()
    s.add("Wheezing", inputs.wheezing, _POINTS[inputs.wheezing])
    s.add("Work of breathing", inputs.work_of_breathing, _POINTS[inputs.work_of_breathing])
    s.add(
        "Prolongation of expiration",
        inputs.prolonged_expiration,
        _POINTS[inputs.prolonged_expiration],
    )
    total = int(s.total)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"PASS {total}/6: higher scores indicate a more severe exacerbation "
        "(discriminated admission, AUC 0.82, in Gorelick 2004); trend it before and after "
        "treatment.",
        steps=s.steps,
    )


_OPTIONS = {
    "none_or_mild": ("none or mild", "normal or mildly", "normal", "none", "mild"),
    "moderate": ("moderate", "moderately"),
    "severe": ("severe", "severely", "absent due to poor air movement"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PASS inputs (three option texts) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "wheezing": f.option("wheez", options=_OPTIONS),
        "work_of_breathing": f.option("work of breathing", options=_OPTIONS),
        "prolonged_expiration": f.option("prolong", "expiration", options=_OPTIONS),
    }
