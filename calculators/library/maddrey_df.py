"""Maddrey's discriminant function for alcoholic hepatitis."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="maddrey_df",
    name="Maddrey's Discriminant Function for Alcoholic Hepatitis",
    synonyms=(
        "Maddrey discriminant function",
        "Maddrey's DF",
        "Modified discriminant function",
        "MDF",
    ),
    category="hepatology",
    source="Maddrey WC, Boitnott JK, Bedine MS, et al. Corticosteroid therapy of alcoholic "
    "hepatitis. Gastroenterology. 1978;75(2):193-199; modified (4.6 × PT difference in seconds, "
    "threshold 32) by Carithers RL Jr, Herlong HF, Diehl AM, et al. Ann Intern Med. "
    "1989;110(9):685-690.",
    output_type="decimal",
    description="Severity of alcoholic hepatitis: DF = 4.6 × (PT − control PT) + bilirubin; "
    "≥ 32 marks severe disease and poor prognosis (candidate for corticosteroids).",
)

#: Severe alcoholic hepatitis at DF ≥ 32 (Carithers 1989; AASLD/ACG/EASL as tabulated in
#: PMC7230003 Table 2 and PMC9235468 Table 2).
SEVERE = 32.0


class Inputs(QuantityInputs):
    """Inputs of Maddrey's DF."""

    pt: float = quantity("time_ms", "s", ge=5, le=200, description="Prothrombin time")
    control_pt: float = quantity(
        "time_ms", "s", ge=5, le=30, description="Control (laboratory reference) PT"
    )
    bilirubin: float = quantity("bilirubin", "mg/dL", ge=0.1, le=80, description="Total bilirubin")


def compute(inputs: Inputs) -> CalcResult:
    """DF = 4.6 × (PT − control PT) + total bilirubin (mg/dL)."""
    diff = inputs.pt - inputs.control_pt
    pt_term = 4.6 * diff
    df = pt_term + inputs.bilirubin
    steps = [
        Step(label="4.6 × (PT − control)", value=round(pt_term, 2), detail=f"4.6 × {diff:g} s"),
        Step(label="Total bilirubin", value=inputs.bilirubin, detail="mg/dL"),
        Step(label="Discriminant function", value=round(df, 1)),
    ]
    severe = df >= SEVERE
    interp = (
        "Poor prognosis: DF ≥ 32 marks severe alcoholic hepatitis (consider corticosteroids)."
        if severe
        else "Less severe: DF < 32, lower short-term mortality; steroids not indicated by DF."
    )
    return CalcResult(
        calculator=META.id,
        value=round(df, 1),
        interpretation=interp,
        steps=steps,
        warnings=["A negative PT difference lowers the DF below the bilirubin."]
        if diff < 0
        else [],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (PT and control PT in seconds, bilirubin with its unit).

    Prothrombin times are always reported in seconds, so their number is read as seconds.
    """
    f = Fields(inputs, META.id)
    return {
        "pt": f.number("patient pt", "prothrombin time", "pt", exclude=("control", "reference")),
        "control_pt": f.number("control", "reference pt"),
        "bilirubin": f.quantity("bilirubin", default_unit="mg/dL"),
    }
