"""Lille model for alcoholic hepatitis (response to corticosteroids at day 7)."""

from __future__ import annotations

import math
from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _alcoholic_hepatitis as ah
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="lille_model",
    name="Lille Model for Alcoholic Hepatitis",
    synonyms=("Lille model", "Lille score"),
    category="hepatology",
    source="Louvet A, Naveau S, Abdelnour M, et al. The Lille model: a new tool for therapeutic "
    "strategy in patients with severe alcoholic hepatitis treated with steroids. Hepatology. "
    "2007;45(6):1348-1354.",
    output_type="decimal",
    description="Probability of non-response to corticosteroids after 7 days; ≥ 0.45 predicts "
    "non-response and about 25% 6-month survival.",
)

#: Non-response cut-off (Louvet 2007; lillemodel.com: 6-month survival ~25% above vs 85% below).
NON_RESPONSE = 0.45
#: Renal insufficiency: creatinine > 1.3 mg/dL (115 µmol/L) (Louvet 2007).
RENAL_CR = 1.3


class Inputs(QuantityInputs):
    """Inputs of the Lille model."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    albumin: float = quantity("albumin", "g/L", ge=5, le=70, description="Albumin at day 0")
    bilirubin_day0: float = quantity(
        "bilirubin", "umol/L", ge=1, le=1400, description="Total bilirubin at day 0"
    )
    bilirubin_day7: float = quantity(
        "bilirubin", "umol/L", ge=1, le=1400, description="Total bilirubin at day 7"
    )
    creatinine: float = quantity(
        "creatinine",
        "mg/dL",
        ge=0.1,
        le=30,
        description="Creatinine (> 1.3 mg/dL = renal insufficiency)",
    )
    pt: float = quantity("time_ms", "s", ge=5, le=200, description="Prothrombin time")


def compute(inputs: Inputs) -> CalcResult:
    """Lille = exp(−R) / (1 + exp(−R)).

    R = 3.19 − 0.101 × age + 0.147 × albumin (g/L) + 0.0165 × (bilirubin day 0 − day 7,
    µmol/L) − 0.206 × renal insufficiency − 0.0065 × bilirubin day 0 (µmol/L) − 0.0096 × PT
    (s) (Louvet 2007; the same coefficients in PMC6448617 Table 1 and lillemodel.com).
    """
    i = inputs
    renal = 1 if i.creatinine > RENAL_CR else 0
    evolution = i.bilirubin_day0 - i.bilirubin_day7
    terms = [
        ("Constant", 3.19),
        ("−0.101 × age", -0.101 * i.age),
        ("+0.147 × albumin (g/L)", 0.147 * i.albumin),
        ("+0.0165 × bilirubin evolution (µmol/L)", 0.0165 * evolution),
        ("−0.206 × renal insufficiency", -0.206 * renal),
        ("−0.0065 × bilirubin day 0 (µmol/L)", -0.0065 * i.bilirubin_day0),
        ("−0.0096 × PT (s)", -0.0096 * i.pt),
    ]
    steps: list[Step] = []
    r = 0.0
    for label, term in terms:
        r += term
        steps.append(Step(label=label, value=round(term, 4), total=round(r, 4)))
    lille = math.exp(-r) / (1 + math.exp(-r))
    steps.append(Step(label="Lille = exp(−R) / (1 + exp(−R))", value=round(lille, 4)))
    if lille >= NON_RESPONSE:
        interp = (
            "Non-responder (≥ 0.45): predicted 6-month survival about 25%; consider stopping "
            "corticosteroids."
        )
    else:
        interp = "Responder (< 0.45): predicted 6-month survival about 85%; continue steroids."
    return CalcResult(
        calculator=META.id,
        value=round(lille, 3),
        interpretation=interp,
        steps=steps,
        extra={"R": round(r, 4), "renal_insufficiency": bool(renal)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (bilirubins in either unit, PT in seconds)."""
    f = Fields(inputs, META.id)
    return {
        "age": f.number("age"),
        "albumin": f.quantity("albumin", default_unit="g/dL"),
        "bilirubin_day0": ah.bilirubin(
            f, "day 0", "baseline bilirubin", "bilirubin", exclude=("day 7",)
        ),
        "bilirubin_day7": ah.bilirubin(f, "day 7"),
        "creatinine": f.quantity("creatinine", default_unit="mg/dL"),
        "pt": f.number("prothrombin", "pt"),
    }
