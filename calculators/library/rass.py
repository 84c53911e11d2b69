"""Richmond Agitation-Sedation Scale (RASS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="rass",
    name="Richmond Agitation-Sedation Scale (RASS)",
    synonyms=("RASS", "Richmond agitation sedation scale"),
    category="critical care",
    source="Sessler CN, et al. The Richmond Agitation-Sedation Scale: validity and reliability "
    "in adult intensive care unit patients. Am J Respir Crit Care Med. "
    "2002;166(10):1338-44.",
    doi="10.1164/rccm.2107138",
    output_type="integer",
    unit=None,
    description="Ten-level scale from +4 (combative) to −5 (unarousable) of agitation and "
    "depth of sedation.",
)

# Sessler 2002, table 1.
LEVELS: dict[int, tuple[str, ...]] = {
    4: ("Combative", "overtly combative violent immediate danger to staff"),
    3: ("Very agitated", "pulls or removes tubes or catheters aggressive"),
    2: ("Agitated", "frequent non-purposeful movement fights ventilator"),
    1: ("Restless", "anxious but movements not aggressive or vigorous"),
    0: ("Alert and calm",),
    -1: ("Drowsy", "not fully alert but sustained awakening to voice eye opening contact 10 s"),
    -2: ("Light sedation", "briefly awakens to voice eye contact less than 10 seconds"),
    -3: ("Moderate sedation", "movement or eye opening to voice but no eye contact"),
    -4: (
        "Deep sedation",
        "no response to voice but movement or eye opening to physical stimulation",
    ),
    -5: ("Unarousable", "no response to voice or physical stimulation"),
}


class Inputs(CalcInputs):
    """Inputs of the RASS."""

    level: int = Field(
        ge=-5,
        le=4,
        description="RASS level: " + "; ".join(f"{k:+d} {v[0]}" for k, v in LEVELS.items()),
    )


def compute(inputs: Inputs) -> CalcResult:
    """Return the observed RASS level with its meaning."""
    name = LEVELS[inputs.level][0]
    # PADIS 2018 (Devlin JW, et al. Crit Care Med 2018;46:e825-73): light sedation, RASS −2 to 0,
    # is the usual target; ≤ −3 is deep sedation.
    if inputs.level >= 1:
        advice = "agitation: look for pain, delirium, ventilator dyssynchrony"
    elif inputs.level >= -2:
        advice = "within the usual light-sedation target (−2 to 0)"
    else:
        advice = "deeper than the usual light-sedation target: consider reducing sedation"
    return CalcResult(
        calculator=META.id,
        value=inputs.level,
        interpretation=f"{name}: {advice}",
        steps=[
            Step(
                label="RASS level",
                value=inputs.level,
                points=inputs.level,
                total=inputs.level,
                detail=name,
            )
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (patient description) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {"level": f.option("description", "rass", "patient", options=LEVELS)}
