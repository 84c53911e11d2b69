"""Pediatric Trauma BIG score (base deficit, INR, GCS)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="pediatric_trauma_big",
    name="Pediatric Trauma BIG Score",
    synonyms=("BIG score", "Pediatric BIG score", "BIG score pediatric trauma"),
    category="trauma",
    source="Borgman MA, Maegele M, Wade CE, Blackbourne LH, Spinella PC. Pediatric trauma BIG "
    "score: predicting mortality in children after military and civilian trauma. Pediatrics. "
    "2011;127(4):e892-e897.",
    doi="10.1542/peds.2010-2439",
    output_type="decimal",
    description="BIG = base deficit + 2.5 × INR + (15 − GCS) on admission, for injured children "
    "under 18; higher scores mean higher mortality.",
)


class Inputs(QuantityInputs):
    """Admission values (Borgman 2011)."""

    base_deficit: float = quantity(
        "electrolyte",
        "mmol/L",
        ge=-30,
        le=40,
        description="Base deficit (positive for a deficit; a base excess of +2 is -2)",
    )
    inr: float = quantity("inr", "", ge=0.5, le=20, description="INR")
    gcs: int = Field(ge=3, le=15, description="Glasgow Coma Scale 3-15")


def compute(inputs: Inputs) -> CalcResult:
    """BIG = BD + 2.5 × INR + (15 − GCS) (Borgman 2011)."""
    i = inputs
    inr_term = 2.5 * i.inr
    gcs_term = 15 - i.gcs
    big = i.base_deficit + inr_term + gcs_term
    # Predicted mortality = 1 / (1 + e^-(0.2 × BIG − 5.208)) (Borgman 2011 logistic model, as
    # given by medicalalgorithms.com's BIG score page).
    mortality = 1 / (1 + math.exp(-(0.2 * big - 5.208)))
    # Cut-off 16: a BIG score < 16 identifies children with a high probability of survival
    # (Davis AL, et al. J Trauma Acute Care Surg 2015; Grandjean-Blanchet C, et al. CJEM 2018).
    reading = (
        "High mortality risk (BIG ≥ 16)" if big >= 16 else "High probability of survival (BIG < 16)"
    )
    steps = [
        Step(label="Base deficit", value=i.base_deficit, total=round(i.base_deficit, 2)),
        Step(
            label="2.5 × INR",
            value=i.inr,
            points=round(inr_term, 2),
            total=round(i.base_deficit + inr_term, 2),
        ),
        Step(label="15 − GCS", value=i.gcs, points=gcs_term, total=round(big, 2)),
    ]
    return CalcResult(
        calculator=META.id,
        value=round(big, 2),
        interpretation=f"{reading}; predicted mortality {mortality * 100:.1f}%.",
        steps=steps,
        extra={"predicted_mortality_percent": round(mortality * 100, 1)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc BIG inputs ('8 mEq/L', '1.6', '9') → Inputs (a base excess is negated)."""
    f = Fields(inputs, META.id)
    if f.has("base deficit"):
        bd = f.number("base deficit")
    else:
        bd = -f.number("base excess", "be")
    return {
        "base_deficit": bd,
        "inr": f.number("inr"),
        "gcs": int(f.number("gcs", "glasgow")),
    }
