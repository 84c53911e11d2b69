"""CURB-65 score for community-acquired pneumonia severity."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="curb_65",
    name="CURB-65 Score for Pneumonia Severity",
    synonyms=("CURB-65", "CURB65", "CURB 65"),
    category="pulmonology",
    source="Lim WS, van der Eerden MM, Laing R, et al. Defining community acquired pneumonia "
    "severity on presentation to hospital: an international derivation and validation "
    "study. Thorax. 2003;58(5):377-382.",
    doi="10.1136/thorax.58.5.377",
    pmid="12728155",
    output_type="integer",
    medcalc_id=45,
    description="30-day mortality in community-acquired pneumonia from five criteria.",
)


class Inputs(QuantityInputs):
    """Inputs of CURB-65."""

    confusion: bool = Field(description="New confusion (+1)")
    bun: float = quantity(
        "bun", "mg/dL", ge=1, le=300, description="BUN (> 19 mg/dL, i.e. urea > 7 mmol/L: +1)"
    )
    respiratory_rate: float = quantity(
        "rate", "/min", ge=0, le=100, description="Respiratory rate (≥ 30: +1)"
    )
    systolic: float = quantity("pressure", "mmHg", ge=30, le=300, description="Systolic BP")
    diastolic: float = quantity(
        "pressure", "mmHg", ge=10, le=200, description="Diastolic BP (SBP < 90 or DBP ≤ 60: +1)"
    )
    age: float = quantity("age", "years", ge=18, le=120, description="Age (≥ 65: +1)")


def compute(inputs: Inputs) -> CalcResult:
    """Count of CURB-65 criteria (0-5)."""
    s = Score()
    s.flag("Confusion", inputs.confusion, 1)
    # Urea > 7 mmol/L = BUN > 19.6 mg/dL; MDCalc and the BTS guideline use BUN > 19 mg/dL.
    s.add("BUN > 19 mg/dL", inputs.bun, 1 if inputs.bun > 19 else 0)
    s.add(
        "Respiratory rate ≥ 30", inputs.respiratory_rate, 1 if inputs.respiratory_rate >= 30 else 0
    )
    low_bp = inputs.systolic < 90 or inputs.diastolic <= 60
    s.add("SBP < 90 or DBP ≤ 60", f"{inputs.systolic:g}/{inputs.diastolic:g}", 1 if low_bp else 0)
    s.add("Age ≥ 65", inputs.age, 1 if inputs.age >= 65 else 0)
    total = int(s.total)
    # 30-day mortality (Lim 2003 derivation + validation): 0: 0.7%, 1: 3.2%, 2: 13.0%,
    # 3: 17.0%, 4: 41.5%, 5: 57.0%.
    mort = {0: "0.7%", 1: "3.2%", 2: "13.0%", 3: "17.0%", 4: "41.5%", 5: "57.0%"}[total]
    care = (
        "low risk: consider outpatient care"
        if total <= 1
        else "moderate risk: consider short admission or supervised outpatient care"
        if total == 2
        else "severe pneumonia: hospitalise, assess for ICU"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"CURB-65 {total}: 30-day mortality {mort}; {care}.",
        steps=s.steps,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (confusion absent unless reported)."""
    e = entities
    return {
        "confusion": mc.flag(e, "Confusion"),
        "bun": mc.quantity(e, "Blood Urea Nitrogen (BUN)"),
        "respiratory_rate": mc.quantity(e, "respiratory rate"),
        "systolic": mc.quantity(e, "Systolic Blood Pressure"),
        "diastolic": mc.quantity(e, "Diastolic Blood Pressure"),
        "age": mc.quantity(e, "age"),
    }
