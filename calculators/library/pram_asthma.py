"""Pediatric Respiratory Assessment Measure (PRAM) for asthma exacerbation severity."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="pram_asthma",
    name="Pediatric Respiratory Assessment Measure (PRAM) for Asthma Exacerbation Severity",
    synonyms=("PRAM", "PRAM score", "Pediatric Respiratory Assessment Measure"),
    category="pediatrics",
    source="Ducharme FM, Chalut D, Plotnick L, et al. The Pediatric Respiratory Assessment "
    "Measure: a valid clinical score for assessing acute asthma severity from toddlers to "
    "teenagers. J Pediatr. 2008;152(4):476-480.e1.",
    doi="10.1016/j.jpeds.2007.08.034",
    pmid="18346499",
    output_type="integer",
    description="Five signs (SpO2, suprasternal retraction, scalene contraction, air entry, "
    "wheezing) scored 0-12: 0-3 mild, 4-7 moderate, 8-12 severe exacerbation (ages 2-17).",
)

AirEntry = Literal["normal", "decreased_base", "decreased_apex_and_base", "minimal_or_absent"]
Wheezing = Literal["absent", "expiratory_only", "inspiratory", "audible_or_silent_chest"]

# Points per finding: Ducharme 2008, reproduced in the Canadian Paediatric Society statement
# (Paediatr Child Health 2015;20(7):353, Table 4) and in AACI 2018 (doi 10.1186/s13223-018-0279-0).
_AIR_ENTRY = {
    "normal": 0,
    "decreased_base": 1,
    "decreased_apex_and_base": 2,
    "minimal_or_absent": 3,
}
_WHEEZING = {
    "absent": 0,
    "expiratory_only": 1,
    "inspiratory": 2,
    "audible_or_silent_chest": 3,
}


class Inputs(QuantityInputs):
    """The five PRAM signs."""

    spo2: float = quantity(
        "percent",
        "%",
        ge=50,
        le=100,
        description="O2 saturation on room air (≥95: 0, 92-94: 1, <92: 2)",
    )
    suprasternal_retraction: bool = Field(description="Suprasternal retraction present (+2)")
    scalene_contraction: bool = Field(description="Scalene muscle contraction present (+2)")
    air_entry: AirEntry = Field(
        description="normal (0); decreased_base: decreased at the base (1); "
        "decreased_apex_and_base: decreased at the apex and the base (2); "
        "minimal_or_absent (3). With asymmetry, rate the most affected lung field."
    )
    wheezing: Wheezing = Field(
        description="absent (0); expiratory_only (1); inspiratory: inspiratory ± expiratory "
        "(2); audible_or_silent_chest: audible without stethoscope or silent chest (3)"
    )


def _spo2_points(spo2: float) -> int:
    # Ducharme 2008: ≥ 95% 0, 92-94% 1, < 92% 2.
    if spo2 >= 95:
        return 0
    return 1 if spo2 >= 92 else 2


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five PRAM signs (0-12) and the severity band."""
    s = Score()
    s.add("O2 saturation", inputs.spo2, _spo2_points(inputs.spo2), "≥95: 0, 92-94: 1, <92: 2")
    s.flag("Suprasternal retraction", inputs.suprasternal_retraction, 2)
    s.flag("Scalene muscle contraction", inputs.scalene_contraction, 2)
    s.add("Air entry", inputs.air_entry, _AIR_ENTRY[inputs.air_entry])
    s.add("Wheezing", inputs.wheezing, _WHEEZING[inputs.wheezing])
    total = int(s.total)
    # Ducharme 2008: 0-3 mild, 4-7 moderate, 8-12 severe.
    band = "Mild" if total <= 3 else "Moderate" if total <= 7 else "Severe"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{band} asthma exacerbation (PRAM {total}/12; 0-3 mild, 4-7 moderate, "
        "8-12 severe).",
        steps=s.steps,
        extra={"severity": band.lower()},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc PRAM inputs (findings as option texts) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "spo2": f.number("saturation", "spo2", "o2"),
        "suprasternal_retraction": f.yes("suprasternal"),
        "scalene_contraction": f.yes("scalene"),
        "air_entry": f.option(
            "air entry",
            options={
                "normal": "normal",
                "decreased_base": ("decreased at the base", "decreased at base"),
                "decreased_apex_and_base": (
                    "decreased at the apex and the base",
                    "apex and base",
                    "widespread decrease",
                ),
                "minimal_or_absent": ("minimal or absent", "minimal", "absent"),
            },
        ),
        "wheezing": f.option(
            "wheez",
            options={
                "absent": ("absent", "none"),
                "expiratory_only": "expiratory only",
                "inspiratory": ("inspiratory", "inspiratory expiratory"),
                "audible_or_silent_chest": (
                    "audible without stethoscope",
                    "silent chest",
                ),
            },
        ),
    }
