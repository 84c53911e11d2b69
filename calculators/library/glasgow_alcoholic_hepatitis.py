"""Glasgow Alcoholic Hepatitis Score (GAHS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _alcoholic_hepatitis as ah
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="glasgow_alcoholic_hepatitis",
    name="Glasgow Alcoholic Hepatitis Score",
    synonyms=("GAHS", "Glasgow Alcoholic Hepatitis Score (GAHS)"),
    category="hepatology",
    source="Forrest EH, Evans CD, Stewart S, et al. Analysis of factors predictive of mortality "
    "in alcoholic hepatitis and derivation and validation of the Glasgow alcoholic hepatitis "
    "score. Gut. 2005;54(8):1174-1179.",
    output_type="integer",
    description="Mortality risk in alcoholic hepatitis (5-12 points); ≥ 9 marks poor prognosis "
    "and benefit from corticosteroids.",
)


class Inputs(QuantityInputs):
    """Inputs of the GAHS."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age (≥ 50: 2 points)")
    wbc: float = quantity(
        "thousand_per_ul", "10^3/uL", ge=0, le=500, description="White blood cells (≥ 15: 2)"
    )
    urea: float = quantity(
        "bun", "mmol/L", ge=0, le=100, description="Serum urea (≥ 5 mmol/L: 2 points)"
    )
    pt_ratio: float = Field(
        ge=0.5, le=20, description="Prothrombin time ratio or INR (1.5-2.0: 2, > 2.0: 3 points)"
    )
    bilirubin: float = quantity(
        "bilirubin",
        "umol/L",
        ge=1,
        le=1400,
        description="Total bilirubin (125-250 µmol/L: 2, > 250: 3 points)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of five banded variables (Forrest 2005, Table 4; tabulated in PMC6448617 Table 1)."""
    i = inputs
    s = Score()
    s.add("Age", i.age, 2 if i.age >= 50 else 1, "< 50: 1, ≥ 50: 2")
    s.add("WBC (×10³/µL)", i.wbc, 2 if i.wbc >= 15 else 1, "< 15: 1, ≥ 15: 2")
    s.add("Urea (mmol/L)", round(i.urea, 2), 2 if i.urea >= 5 else 1, "< 5: 1, ≥ 5: 2")
    s.add(
        "PT ratio / INR",
        i.pt_ratio,
        1 if i.pt_ratio < 1.5 else 2 if i.pt_ratio <= 2.0 else 3,
        "< 1.5: 1, 1.5-2.0: 2, > 2.0: 3",
    )
    s.add(
        "Bilirubin (µmol/L)",
        round(i.bilirubin, 1),
        1 if i.bilirubin < 125 else 2 if i.bilirubin <= 250 else 3,
        "< 125: 1, 125-250: 2, > 250: 3",
    )
    total = int(s.total)
    interp = (
        f"GAHS {total}: high risk (≥ 9), poor prognosis; corticosteroids improve survival."
        if total >= 9
        else f"GAHS {total}: lower risk (< 9), better prognosis; no survival benefit shown "
        "from corticosteroids."
    )
    return CalcResult(calculator=META.id, value=total, interpretation=interp, steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (urea or BUN with its unit; bilirubin in either unit)."""
    f = Fields(inputs, META.id)
    if f.has("urea"):
        urea = f.quantity("urea", default_unit="mmol/L")
    else:
        urea = f.quantity("bun", "blood urea nitrogen", default_unit="mg/dL")
    return {
        "age": f.number("age"),
        "wbc": f.quantity("wbc", "white blood", "leukocyte", default_unit="10^3/uL"),
        "urea": urea,
        "pt_ratio": f.number("pt ratio", "inr", "prothrombin"),
        "bilirubin": ah.bilirubin(f),
    }
