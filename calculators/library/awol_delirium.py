"""AWOL score for the risk of delirium in hospitalised older patients."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="awol_delirium",
    name="AWOL Score for Delirium",
    synonyms=("AWOL", "AWOL score", "AWOL delirium risk"),
    category="geriatrics",
    source="Douglas VC, et al. The AWOL tool: derivation and validation of a delirium "
    "prediction rule. J Hosp Med. 2013;8(9):493-9.",
    doi="10.1002/jhm.2062",
    output_type="integer",
    unit=None,
    description="Age ≥80, unable to spell 'world' backwards, disorientation, and nurse-rated "
    "illness severity predict in-hospital delirium (0–4).",
)

Severity = Literal["not_ill", "mildly_ill", "moderately_ill", "severely_ill", "moribund"]


class Inputs(CalcInputs):
    """Inputs of the AWOL score."""

    age_80_or_older: bool = Field(description="Age ≥80 years")
    spells_world_backward: bool = Field(description="Correctly spells 'world' backwards")
    fully_oriented: bool = Field(
        description="Oriented to city, state, county, hospital name and floor"
    )
    illness_severity: Severity = Field(
        description="Nurse-rated illness severity: not_ill, mildly_ill, moderately_ill, "
        "severely_ill, moribund"
    )


def compute(inputs: Inputs) -> CalcResult:
    """One point for each of A, W, O and L (Douglas 2013)."""
    ill = inputs.illness_severity in ("moderately_ill", "severely_ill", "moribund")
    steps, total = tally(
        [
            ("Age ≥80", inputs.age_80_or_older, 1 if inputs.age_80_or_older else 0),
            (
                "Unable to spell 'world' backwards",
                not inputs.spells_world_backward,
                0 if inputs.spells_world_backward else 1,
            ),
            ("Not fully oriented", not inputs.fully_oriented, 0 if inputs.fully_oriented else 1),
            ("Illness severity moderate or worse", inputs.illness_severity, 1 if ill else 0),
        ]
    )
    # Douglas 2013: score ≥2 identified patients at high risk (validation cohort).
    label = (
        "High risk of delirium during hospitalisation (≥2)"
        if total >= 2
        else "Low risk of delirium (0–1)"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, world backward, oriented, illness severity) → kwargs."""
    f = Fields(inputs, META.id)
    age_text = f.text("age")
    age_80 = (f.number("age") >= 80) if any(c.isdigit() for c in age_text) else f.yes("age")
    return {
        "age_80_or_older": age_80,
        "spells_world_backward": f.yes("world"),
        "fully_oriented": f.yes("oriented"),
        "illness_severity": f.option(
            "illness",
            "severity",
            options={
                "not_ill": ("not ill",),
                "mildly_ill": ("mildly ill",),
                "moderately_ill": ("moderately ill",),
                "severely_ill": ("severely ill",),
                "moribund": ("moribund",),
            },
        ),
    }
