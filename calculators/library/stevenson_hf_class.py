"""Stevenson (Nohria-Stevenson) hemodynamic profile in heart failure."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="stevenson_hf_class",
    name="Stevenson HF Class",
    synonyms=(
        "Stevenson classification",
        "Nohria-Stevenson profile",
        "warm/cold wet/dry classification",
        "Stevenson heart failure profile",
    ),
    category="cardiology",
    source="Nohria A, et al. Clinical assessment identifies hemodynamic profiles that predict "
    "outcomes in patients admitted with heart failure. J Am Coll Cardiol. "
    "2003;41(10):1797-804.",
    doi="10.1016/S0735-1097(03)00309-7",
    output_type="text",
    unit=None,
    description="Bedside congestion (wet/dry) and perfusion (warm/cold) give profiles A, B, L "
    "and C with different prognosis and therapy.",
)


class Inputs(CalcInputs):
    """Inputs of the Stevenson profile."""

    congestion: bool = Field(
        description="Evidence of congestion: orthopnea, raised JVP, rales, hepatojugular "
        "reflux, ascites, peripheral edema, left-ward radiation of P2, square-wave "
        "Valsalva"
    )
    hypoperfusion: bool = Field(
        description="Evidence of low perfusion: narrow proportional pulse pressure (<25%), "
        "cool extremities, somnolence/obtundation, hypotension with ACE inhibitor, "
        "declining renal function, low serum sodium"
    )


_PROFILES = {
    (False, False): ("A", "Warm and dry: compensated"),
    (True, False): (
        "B",
        "Warm and wet: congested with adequate perfusion; diuretics and vasodilators",
    ),
    (False, True): ("L", "Cold and dry: low output without congestion"),
    (True, True): (
        "C",
        "Cold and wet: congested with low perfusion; highest risk of "
        "death or urgent transplant (Nohria 2003)",
    ),
}


def compute(inputs: Inputs) -> CalcResult:
    """Profile from congestion (wet/dry) and perfusion (warm/cold) (Nohria 2003)."""
    letter, text = _PROFILES[(inputs.congestion, inputs.hypoperfusion)]
    return CalcResult(
        calculator=META.id,
        value=f"Profile {letter}",
        interpretation=text,
        steps=[
            Step(label="Congestion (wet)", value=inputs.congestion),
            Step(label="Low perfusion (cold)", value=inputs.hypoperfusion),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (congestion and perfusion findings) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "congestion": f.yes("congestion", "wet"),
        "hypoperfusion": f.yes("hypoperfusion", "perfusion", "cold"),
    }
