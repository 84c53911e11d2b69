"""HERDOO2 rule for discontinuing anticoagulation after unprovoked VTE in women."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="herdoo2",
    name="HERDOO2 Rule for Discontinuing Anticoagulation in Unprovoked VTE",
    synonyms=("HERDOO2", "Men continue and HERDOO2"),
    category="hematology",
    source=(
        "Rodger MA, Kahn SR, Wells PS, et al. Identifying unprovoked thromboembolism patients "
        "at low risk for recurrence who can discontinue anticoagulant therapy. CMAJ. "
        "2008;179(5):417-26; validation: Rodger MA, et al. BMJ. 2017;356:j1065."
    ),
    doi="10.1503/cmaj.080493",
    pmid="18725614",
    output_type="integer",
    description="Hyperpigmentation/Edema/Redness of either leg, D-dimer ≥250 µg/L, Obesity "
    "(BMI ≥30), Older age (≥65): women with 0-1 points may stop anticoagulation.",
)


class Inputs(CalcInputs):
    """Inputs of HERDOO2."""

    post_thrombotic_signs: bool = Field(
        description="Hyperpigmentation, edema or redness of either leg"
    )
    ddimer: float = Field(ge=0, le=100000, description="D-dimer on anticoagulation [µg/L]")
    bmi: float = Field(ge=10, le=90, description="BMI [kg/m²]")
    age: float = Field(ge=18, le=120, description="Age [years]")
    female: bool | None = Field(default=None, description="Female (the rule applies to women only)")


def compute(inputs: Inputs) -> CalcResult:
    """One point per HERDOO2 criterion."""
    i = inputs
    steps, total = tally(
        [
            ("Post-thrombotic signs", i.post_thrombotic_signs, int(i.post_thrombotic_signs)),
            ("D-dimer ≥250 µg/L", i.ddimer, 1 if i.ddimer >= 250 else 0),
            ("BMI ≥30", i.bmi, 1 if i.bmi >= 30 else 0),
            ("Age ≥65", i.age, 1 if i.age >= 65 else 0),
        ]
    )
    score = int(total)
    warnings = []
    if i.female is False:
        label = "Men: continue anticoagulation (the rule does not apply to men)"
    else:
        label = (
            "Low risk (≈3% recurrent VTE/year): anticoagulation can be stopped"
            if score <= 1
            else "High risk: continue anticoagulation"
        )
        if i.female is None:
            warnings.append("HERDOO2 applies to women only; men should continue anticoagulation.")
    return CalcResult(
        calculator=META.id, value=score, interpretation=label, steps=steps, warnings=warnings
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc HERDOO2 inputs → Inputs."""
    out: dict[str, Any] = {
        "post_thrombotic_signs": mm.yes(mm.get(inputs, r"post-thrombotic|hyperpigment")),
        "ddimer": mm.number(mm.get(inputs, r"d-?dimer")),
        "bmi": mm.number(mm.get(inputs, r"\bbmi\b")),
        "age": mm.number(mm.get(inputs, r"^age")),
    }
    sex = mm.opt(inputs, r"^sex|gender")
    if sex is not None:
        out["female"] = mm.choose(sex, [(r"^f|woman", True), (r"^m|man", False)])
    return out
