"""BISAP (Bedside Index of Severity in Acute Pancreatitis) for in-hospital mortality."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="bisap",
    name="BISAP Score for Pancreatitis Mortality",
    synonyms=("BISAP", "Bedside Index of Severity in Acute Pancreatitis", "BISAP score"),
    category="gastroenterology",
    source="Wu BU, Johannes RS, Sun X, Tabak Y, Conwell DL, Banks PA. The early prediction of "
    "mortality in acute pancreatitis: a large population-based study. Gut. "
    "2008;57(12):1698-1703.",
    pmid="18519429",
    output_type="integer",
    description="Five findings in the first 24 h (BUN > 25 mg/dL, impaired mental status, SIRS, "
    "age > 60, pleural effusion), one point each (0-5).",
)


class Inputs(QuantityInputs):
    """Inputs of BISAP (first 24 hours)."""

    bun: float = quantity("bun", "mg/dL", ge=1, le=300, description="BUN (> 25 mg/dL: +1)")
    impaired_mental_status: bool = Field(
        description="Impaired mental status: disorientation, lethargy, somnolence, coma or "
        "stupor (GCS < 15) (+1)"
    )
    sirs: bool = Field(description="SIRS present: ≥ 2 SIRS criteria (+1)")
    age: float = quantity("age", "years", ge=18, le=120, description="Age (> 60 years: +1)")
    pleural_effusion: bool = Field(description="Pleural effusion on imaging (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """One point per BISAP criterion (Wu 2008)."""
    s = Score()
    # Thresholds: Wu 2008 (BUN > 25 mg/dL = 8.9 mmol/L; age > 60 years).
    s.add("BUN > 25 mg/dL", inputs.bun, 1 if inputs.bun > 25 else 0)
    s.flag("Impaired mental status", inputs.impaired_mental_status, 1)
    s.flag("SIRS (≥ 2 criteria)", inputs.sirs, 1)
    s.add("Age > 60 years", inputs.age, 1 if inputs.age > 60 else 0)
    s.flag("Pleural effusion", inputs.pleural_effusion, 1)
    total = int(s.total)
    # Wu 2008 / EBMcalc: 0-2 points lower mortality (< 2%); 3-5 higher mortality (> 15%).
    label = (
        "lower mortality risk (< 2%)"
        if total <= 2
        else "higher mortality risk (> 15%); also predicts organ failure and necrosis"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"BISAP {total}: {label}.",
        steps=s.steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (BUN, mental status, SIRS, age, pleural effusion) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "bun": f.quantity("bun", "urea", default_unit="mg/dL"),
        "impaired_mental_status": f.yes("mental"),
        "sirs": f.yes("sirs"),
        "age": f.quantity("age", default_unit="years"),
        "pleural_effusion": f.yes("pleural"),
    }
