"""Glasgow-Imrie (modified Glasgow) criteria for severity of acute pancreatitis."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="glasgow_imrie",
    name="Glasgow-Imrie Criteria for Severity of Acute Pancreatitis",
    synonyms=(
        "Glasgow-Imrie",
        "Imrie criteria",
        "modified Glasgow criteria pancreatitis",
        "Glasgow pancreatitis score",
        "PANCREAS score",
    ),
    category="gastroenterology",
    source="Blamey SL, Imrie CW, O'Neill J, Gilmour WH, Carter DC. Prognostic factors in acute "
    "pancreatitis. Gut. 1984;25(12):1340-1346.",
    output_type="integer",
    description="Eight criteria in the first 48 hours (PaO2, age, WBC, calcium, urea, LDH, "
    "albumin, glucose), one point each; ≥ 3 predicts severe pancreatitis.",
)


class Inputs(QuantityInputs):
    """Inputs of the Glasgow-Imrie criteria (worst values in the first 48 hours)."""

    pao2: float = quantity("pressure", "kPa", ge=1, le=90, description="Arterial PaO2 (< 8 kPa)")
    age: float = quantity("age", "years", ge=10, le=120, description="Age (> 55 years)")
    wbc: float = quantity(
        "thousand_per_ul", "10^3/uL", ge=0, le=300, description="White cell count (> 15 × 10⁹/L)"
    )
    calcium: float = quantity(
        "calcium", "mmol/L", ge=0.5, le=5, description="Serum calcium (< 2 mmol/L)"
    )
    urea: float = quantity(
        "bun", "mmol/L", ge=0.3, le=110, description="Serum urea (> 16 mmol/L; BUN > 45 mg/dL)"
    )
    ldh: float = quantity("enzyme", "U/L", ge=0, le=20000, description="Serum LDH (> 600 U/L)")
    albumin: float = quantity("albumin", "g/L", ge=5, le=70, description="Albumin (< 32 g/L)")
    glucose: float = quantity(
        "glucose", "mmol/L", ge=0.5, le=110, description="Blood glucose (> 10 mmol/L)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """One point per criterion (Blamey 1984 modified Glasgow criteria, SI thresholds)."""
    i = inputs
    s = Score()
    s.add("PaO2 < 8 kPa (60 mmHg)", round(i.pao2, 2), 1 if i.pao2 < 8 else 0)
    s.add("Age > 55 years", i.age, 1 if i.age > 55 else 0)
    s.add("WBC > 15 × 10⁹/L", i.wbc, 1 if i.wbc > 15 else 0)
    s.add("Calcium < 2 mmol/L", round(i.calcium, 3), 1 if i.calcium < 2 else 0)
    s.add("Urea > 16 mmol/L", round(i.urea, 2), 1 if i.urea > 16 else 0)
    s.add("LDH > 600 U/L", i.ldh, 1 if i.ldh > 600 else 0)
    s.add("Albumin < 32 g/L", round(i.albumin, 1), 1 if i.albumin < 32 else 0)
    s.add("Glucose > 10 mmol/L", round(i.glucose, 2), 1 if i.glucose > 10 else 0)
    total = int(s.total)
    # Blamey 1984: ≥ 3 criteria within 48 h identifies severe attacks.
    label = (
        "high risk for severe pancreatitis (≥ 3 criteria)"
        if total >= 3
        else "low risk for severe pancreatitis"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{label[0].upper()}{label[1:]}: Glasgow-Imrie {total}.",
        steps=s.steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (48-hour PaO2, age, WBC, calcium, BUN/urea, LDH, albumin, glucose)."""
    f = Fields(inputs, META.id)
    return {
        "pao2": f.quantity("pao2", "po2", default_unit="mmHg"),
        "age": f.quantity("age", default_unit="years"),
        "wbc": f.quantity("wbc", "white", default_unit="10^3/uL"),
        "calcium": f.quantity("calcium", default_unit="mg/dL"),
        "urea": f.quantity("bun", "urea", default_unit="mg/dL"),
        "ldh": f.quantity("ldh", default_unit="U/L"),
        "albumin": f.quantity("albumin", default_unit="g/dL"),
        "glucose": f.quantity("glucose", default_unit="mg/dL"),
    }
