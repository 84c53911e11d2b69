"""Harmless Acute Pancreatitis Score (HAPS)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="haps",
    name="Harmless Acute Pancreatitis Score (HAPS)",
    synonyms=("HAPS", "Harmless Acute Pancreatitis Score"),
    category="gastroenterology",
    source="Lankisch PG, Weber-Dany B, Hebel K, Maisonneuve P, Lowenfels AB. The harmless "
    "acute pancreatitis score: a clinical algorithm for rapid initial stratification of "
    "nonsevere disease. Clin Gastroenterol Hepatol. 2009;7(6):702-705.",
    output_type="integer",
    description="Counts the three admission findings against a harmless course (peritonitis, "
    "raised hematocrit, raised creatinine); 0 predicts a non-severe course.",
)


class Inputs(QuantityInputs):
    """Inputs of HAPS (on admission)."""

    sex: Literal["male", "female"] = Field(description="Sex (sets the hematocrit limit)")
    peritonitis: bool = Field(description="Rebound tenderness and/or guarding (+1)")
    hematocrit: float = quantity(
        "percent", "%", ge=5, le=75, description="Hematocrit (≥ 43% men, ≥ 39.6% women: +1)"
    )
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=25, description="Serum creatinine (≥ 2 mg/dL: +1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """One point per abnormal HAPS finding; 0 = harmless course (Lankisch 2009)."""
    s = Score()
    s.flag("Rebound tenderness / guarding", inputs.peritonitis, 1)
    # Normal hematocrit: < 43% men, < 39.6% women; normal creatinine: < 2 mg/dL (177 µmol/L)
    # (Lankisch 2009, as listed by thecalculator.co's HAPS page).
    limit = 43.0 if inputs.sex == "male" else 39.6
    s.add(
        f"Hematocrit ≥ {limit:g}% ({inputs.sex})",
        inputs.hematocrit,
        1 if inputs.hematocrit >= limit else 0,
    )
    s.add("Creatinine ≥ 2 mg/dL", inputs.creatinine, 1 if inputs.creatinine >= 2 else 0)
    total = int(s.total)
    if total == 0:
        label = (
            "Non-severe pancreatitis: a harmless course is predicted (no pancreatic necrosis, "
            "dialysis, ventilation or death) with ≈ 98% accuracy"
        )
    else:
        label = "HAPS not fulfilled: a severe course cannot be ruled out"
    return CalcResult(calculator=META.id, value=total, interpretation=f"{label}.", steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (sex, peritonitis, creatinine, hematocrit) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "sex": f.sex(),
        "peritonitis": f.yes("peritonitis", "rebound", "guarding"),
        "hematocrit": f.quantity("hematocrit", "hct", default_unit="%"),
        "creatinine": f.quantity("creatinine", default_unit="mg/dL"),
    }
