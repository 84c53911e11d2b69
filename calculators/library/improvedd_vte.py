"""IMPROVEDD VTE risk score: the IMPROVE VTE score plus D-dimer ≥ 2 × ULN."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta
from m3agent.calculators.library import improve_vte
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="improvedd_vte",
    name="IMPROVEDD Risk Score for Venous Thromboembolism (VTE)",
    synonyms=("IMPROVEDD", "IMPROVEDD VTE score", "IMPROVE-DD score"),
    category="hematology",
    source="Gibson CM, Spyropoulos AC, Cohen AT, et al. The IMPROVEDD VTE Risk Score: "
    "Incorporation of D-Dimer into the IMPROVE Score to Improve Venous Thromboembolism Risk "
    "Stratification. TH Open. 2017;1(1):e56-e65. IMPROVE points: Spyropoulos AC, et al. Chest. "
    "2011;140(3):706-714.",
    doi="10.1055/s-0037-1603929",
    pmid="31249911",
    output_type="integer",
    description="IMPROVE VTE points (previous VTE 3; thrombophilia, lower-limb paralysis, "
    "cancer 2; immobilisation, ICU/CCU, age > 60 1) plus 2 for D-dimer ≥ 2 × ULN; ≥ 2 marks "
    "heightened VTE risk through 77 days in hospitalised medical patients.",
)

# Gibson 2017 abstract: "the IMPROVEDD score was derived by adding two points to the IMPROVE
# score if the D-dimer was ≥ 2 × ULN"; "An IMPROVEDD score of ≥2 identifies hospitalized,
# medically ill patients with a heightened risk for VTE through 77 days" (HR 2.73 vs 0-1).
_DDIMER_POINTS = 2


class Inputs(improve_vte.Inputs):
    """Inputs of IMPROVEDD: the seven IMPROVE factors and the D-dimer criterion."""

    ddimer_2x_uln: bool = Field(description="D-dimer ≥ 2 × the upper limit of normal (+2)")


def compute(inputs: Inputs) -> CalcResult:
    """IMPROVE points (Spyropoulos 2011) + 2 for D-dimer ≥ 2 × ULN (Gibson 2017)."""
    s = Score()
    for name, label, points in improve_vte._FACTORS:
        s.flag(label, bool(getattr(inputs, name)), points)
    s.flag("D-dimer ≥ 2 × ULN", inputs.ddimer_2x_uln, _DDIMER_POINTS)
    total = int(s.total)
    if total >= 2:
        reading = (
            f"At risk (≥ 2): IMPROVEDD {total}; heightened symptomatic VTE risk through 77 days "
            "(HR 2.73 vs a score of 0-1, Gibson 2017)"
        )
    else:
        reading = f"Low risk (0-1): IMPROVEDD {total}"
    return CalcResult(calculator=META.id, value=total, interpretation=reading, steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the IMPROVE yes/no factors and the D-dimer item) → kwargs."""
    out = improve_vte.from_medmcp(inputs)
    out["ddimer_2x_uln"] = Fields(inputs, META.id).yes("d dimer", "dimer")
    return out
