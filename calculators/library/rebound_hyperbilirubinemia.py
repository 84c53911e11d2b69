"""Rebound Hyperbilirubinemia Risk Score after inpatient phototherapy (Chang 2017)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="rebound_hyperbilirubinemia",
    name="Rebound Hyperbilirubinemia Risk Score",
    synonyms=(
        "Rebound hyperbilirubinemia score",
        "Chang rebound hyperbilirubinemia",
        "Rebound Hyperbilirubinemia Prediction Score",
    ),
    category="pediatrics",
    source="Chang PW, Kuzniewicz MW, McCulloch CE, Newman TB. A clinical prediction rule for "
    "rebound hyperbilirubinemia following inpatient phototherapy. Pediatrics. "
    "2017;139(3):e20162896.",
    doi="10.1542/peds.2016-2896",
    output_type="integer",
    description="Risk that TSB returns to the phototherapy threshold within 72 h of stopping "
    "inpatient phototherapy, in newborns ≥ 35 weeks: GA < 38 wk, age at phototherapy start and "
    "TSB below threshold at phototherapy end.",
)

# Score (Chang 2017, as tabulated by pedinfo.org and medicalalgorithms.com): 15 points if the
# gestational age is < 38 weeks, minus 7 × age in days at phototherapy initiation, minus
# 4 × (AAP phototherapy threshold − TSB at phototherapy termination, mg/dL), plus 50.
GA_CUTOFF_WEEKS = 38
GA_POINTS = 15
AGE_COEFFICIENT = 7
DIFFERENCE_COEFFICIENT = 4
CONSTANT = 50
# Probability of rebound by score band, derivation and validation sets (Chang 2017 Table).
BANDS: tuple[tuple[int, str], ...] = (
    (9, "0.3%"),
    (19, "1.8-2.8%"),
    (29, "5-6%"),
    (39, "17-19%"),
    (49, "26-33%"),
)
TOP_BAND = "41-49%"


class Inputs(QuantityInputs):
    """Inputs of the rebound hyperbilirubinemia score (newborns ≥ 35 weeks)."""

    gestational_age: float = Field(
        ge=35, le=44, description="Gestational age in completed weeks (≥ 35; < 38: +15)"
    )
    age_at_phototherapy_start: float = quantity(
        "duration", "d", ge=0, le=14, description="Age at phototherapy initiation, days"
    )
    phototherapy_threshold: float = quantity(
        "bilirubin",
        "mg/dL",
        ge=1,
        le=40,
        description="AAP phototherapy threshold at phototherapy termination",
    )
    tsb_at_termination: float = quantity(
        "bilirubin", "mg/dL", ge=0, le=40, description="TSB at phototherapy termination"
    )


def risk_band(score: int) -> str:
    """Probability of rebound hyperbilirubinemia for a score (Chang 2017)."""
    for upper, risk in BANDS:
        if score <= upper:
            return risk
    return TOP_BAND


def compute(inputs: Inputs) -> CalcResult:
    """15 × [GA < 38] − 7 × age (days) − 4 × (threshold − TSB) + 50."""
    i = inputs
    s = Score(start=CONSTANT)
    s.steps.append(Step(label="Constant", value=CONSTANT, points=CONSTANT, total=CONSTANT))
    s.add(
        "Gestational age < 38 weeks",
        i.gestational_age,
        GA_POINTS if i.gestational_age < GA_CUTOFF_WEEKS else 0,
    )
    s.add(
        "Age at phototherapy initiation",
        i.age_at_phototherapy_start,
        -AGE_COEFFICIENT * i.age_at_phototherapy_start,
        "−7 × days",
    )
    diff = i.phototherapy_threshold - i.tsb_at_termination
    s.add(
        "Threshold − TSB at termination",
        round(diff, 2),
        -DIFFERENCE_COEFFICIENT * diff,
        "−4 × mg/dL",
    )
    score = math.floor(s.total + 0.5)  # half up, not Python's half-to-even
    risk = risk_band(score)
    warnings = []
    if diff < 0:
        warnings.append("TSB at termination is above the phototherapy threshold.")
    return CalcResult(
        calculator=META.id,
        value=score,
        interpretation=f"Score {score}: probability of rebound hyperbilirubinemia {risk} "
        "(scores < 20 correspond to < 4%).",
        steps=s.steps,
        warnings=warnings,
        extra={"risk": risk, "raw_score": round(s.total, 2)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → kwargs (GA in weeks, age in days, TSB values in mg/dL)."""
    f = Fields(inputs, META.id)
    return {
        "gestational_age": f.number("gestational age", "ga"),
        "age_at_phototherapy_start": f.quantity(
            "age at phototherapy", "age at initiation", "age", default_unit="d"
        ),
        "phototherapy_threshold": f.quantity("threshold", default_unit="mg/dL"),
        "tsb_at_termination": f.quantity(
            "tsb at", "tsb", "bilirubin", default_unit="mg/dL", exclude=("threshold",)
        ),
    }
