"""Modified Sgarbossa criteria (Smith) for acute MI in left bundle branch block."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="modified_sgarbossa",
    name="Modified Sgarbossa's Criteria for MI in Left Bundle Branch Block",
    synonyms=("Modified Sgarbossa criteria", "Smith-modified Sgarbossa criteria"),
    category="cardiology",
    source="Smith SW, Dodd KW, Henry TD, Dvorak DM, Pearce LA. Diagnosis of ST-elevation "
    "myocardial infarction in the presence of left bundle branch block with the ST-elevation "
    "to S-wave ratio in a modified Sgarbossa rule. Ann Emerg Med. 2012;60(6):766-776.",
    output_type="text",
    description="In LBBB, any one of: concordant ST elevation ≥1 mm, concordant ST depression "
    "≥1 mm in V1-V3, or excessively discordant ST elevation (ST/S ratio ≤ -0.25) is positive "
    "for acute coronary occlusion.",
)

# Smith 2012: the third criterion replaces Sgarbossa's absolute 5 mm discordance with the
# ST/S ratio cut-off of -0.25.
_CRITERIA = (
    ("concordant_ste", "≥1 lead with ≥1 mm concordant ST elevation"),
    ("concordant_std_v1_v3", "≥1 lead of V1-V3 with ≥1 mm concordant ST depression"),
    (
        "excessive_discordant_ste",
        "≥1 lead with ≥1 mm ST elevation excessively discordant: ST/S ratio ≤ -0.25",
    ),
)


class Inputs(CalcInputs):
    """The three modified Sgarbossa criteria."""

    concordant_ste: bool = Field(description="≥1 lead with ≥1 mm concordant ST elevation")
    concordant_std_v1_v3: bool = Field(
        description="≥1 lead of V1-V3 with ≥1 mm concordant ST depression"
    )
    excessive_discordant_ste: bool = Field(
        description="≥1 lead with ≥1 mm discordant ST elevation and ST/S ratio ≤ -0.25"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Positive if any criterion is met (Smith 2012)."""
    data = inputs.model_dump()
    steps = [Step(label=label, value=data[key]) for key, label in _CRITERIA]
    met = [label for key, label in _CRITERIA if data[key]]
    if met:
        text = (
            "Positive: meets modified Sgarbossa criteria for acute MI (coronary occlusion) in LBBB"
        )
    else:
        text = "Negative: modified Sgarbossa criteria not met; does not exclude MI"
    return CalcResult(
        calculator=META.id,
        value="Positive" if met else "Negative",
        interpretation=f"{text}.",
        steps=steps,
        extra={"criteria_met": len(met)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc modified Sgarbossa inputs (yes/no per criterion) → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "concordant_ste": f.yes("concordant st elevation", "concordant ste"),
        "concordant_std_v1_v3": f.yes("concordant st depression", "concordant std", "v1"),
        "excessive_discordant_ste": f.yes("discordant", "ratio"),
    }
