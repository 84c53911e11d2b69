"""Trauma Score and Injury Severity Score (TRISS): probability of survival."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="triss",
    name="Trauma Score and Injury Severity Score (TRISS)",
    synonyms=("TRISS", "TRISS probability of survival"),
    category="trauma",
    source=(
        "Boyd CR, Tolson MA, Copes WS. Evaluating trauma care: the TRISS method. J Trauma. "
        "1987;27(4):370-8; coefficients of the Major Trauma Outcome Study revision: Champion "
        "HR, et al. J Trauma. 1990;30(11):1356-65."
    ),
    doi="10.1097/00005373-199011000-00008",
    pmid="2231804",
    output_type="decimal",
    unit="%",
    description="Logistic probability of survival from the Revised Trauma Score, ISS, age "
    "(≥55) and blunt versus penetrating mechanism.",
)

# MTOS coefficients (Champion 1990): b0, b1 (RTS), b2 (ISS), b3 (age index).
_COEF = {
    "blunt": (-1.2470, 0.9544, -0.0768, -1.9052),
    "penetrating": (-0.6029, 1.1430, -0.1516, -2.6676),
}


class Inputs(CalcInputs):
    """Inputs of TRISS."""

    mechanism: Literal["blunt", "penetrating"] = Field(description="Injury mechanism")
    rts: float = Field(ge=0, le=7.8408, description="Revised Trauma Score (0-7.8408)")
    iss: int = Field(ge=1, le=75, description="Injury Severity Score (1-75)")
    age_55_or_older: bool = Field(description="Age 55 years or older (age index 1)")


def compute(inputs: Inputs) -> CalcResult:
    """Ps = 1 / (1 + e^-b), b = b0 + b1 RTS + b2 ISS + b3 A."""
    i = inputs
    b0, b1, b2, b3 = _COEF[i.mechanism]
    b = b0 + b1 * i.rts + b2 * i.iss + b3 * (1 if i.age_55_or_older else 0)
    ps = 100 / (1 + math.exp(-b))
    return CalcResult(
        calculator=META.id,
        value=round(ps, 2),
        unit="%",
        interpretation=f"Probability of survival {ps:.1f}%",
        steps=[
            Step(
                label="b",
                value=round(b, 4),
                detail=f"{b0} + {b1} x RTS + {b2} x ISS + {b3} x age index",
            ),
            Step(label="Ps", value=round(ps, 2), detail="1/(1+e^-b)"),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc TRISS inputs → Inputs."""
    age = str(mm.get(inputs, r"^age"))
    older = "≥55" in age.replace(" ", "") or (
        not age.strip().startswith("≤") and mm.number(age) >= 55
    )
    return {
        "mechanism": mm.choose(
            mm.get(inputs, r"type|mechanism"), [(r"blunt", "blunt"), (r"penetrat", "penetrating")]
        ),
        "rts": mm.number(mm.get(inputs, r"revised trauma|rts")),
        "iss": int(mm.number(mm.get(inputs, r"injury severity|iss"))),
        "age_55_or_older": older,
    }
