"""SEDAN score: risk of symptomatic intracranial hemorrhage after IV thrombolysis."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="sedan_score",
    name="SEDAN Score for Post-tPA Hemorrhage",
    synonyms=("SEDAN score", "SEDAN", "SEDAN post-thrombolysis hemorrhage score"),
    category="neurology",
    source="Strbian D, Engelter S, Michel P, et al. Symptomatic intracranial hemorrhage after "
    "stroke thrombolysis: the SEDAN score. Ann Neurol. 2012;71(5):634-41.",
    doi="10.1002/ana.23546",
    output_type="integer",
    description="Baseline blood sugar, early infarct signs, hyperdense artery sign, age > 75 "
    "and NIHSS ≥ 10 (0-6 points) estimate the risk of symptomatic ICH (ECASS II) after IV "
    "thrombolysis.",
)

#: Absolute risk of sICH in the derivation cohort by score (Strbian 2012 abstract).
RISK: dict[int, str] = {0: "1.4%", 1: "2.9%", 2: "8.5%", 3: "12.2%", 4: "21.7%", 5: "33.3%"}


class Inputs(QuantityInputs):
    """Inputs of the SEDAN score."""

    glucose: float = quantity(
        "glucose",
        "mg/dL",
        ge=10,
        le=2000,
        description="Baseline blood glucose (145-216 mg/dL: +1; > 216: +2)",
    )
    early_infarct_signs: bool = Field(description="Early infarct signs on admission CT (+1)")
    hyperdense_artery: bool = Field(
        description="Hyperdense cerebral artery sign on admission CT (+1)"
    )
    age: float = quantity("age", "years", ge=18, le=120, description="Age (> 75 years: +1)")
    nihss: int = Field(ge=0, le=42, description="NIH Stroke Scale on admission (≥ 10: +1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five criteria (0-6) with the derivation-cohort sICH risk."""
    s = Score()
    g = inputs.glucose
    # Strbian 2012: glucose 8.1-12.0 mmol/L (145-216 mg/dL) 1 point, > 12.0 mmol/L (> 216) 2.
    s.add("Blood sugar (145-216 mg/dL: 1; > 216: 2)", g, 2 if g > 216 else 1 if g >= 145 else 0)
    s.flag("Early infarct signs on CT", inputs.early_infarct_signs, 1)
    s.flag("Hyperdense cerebral artery sign", inputs.hyperdense_artery, 1)
    s.add("Age > 75 years", inputs.age, 1 if inputs.age > 75 else 0)
    s.add("NIHSS ≥ 10", inputs.nihss, 1 if inputs.nihss >= 10 else 0)
    total = int(s.total)
    risk = RISK.get(total)
    reading = (
        f"{risk} risk of symptomatic ICH (ECASS II) in the derivation cohort"
        if risk
        else "≥ 33.3% risk of symptomatic ICH (6 points; the derivation cohort reports up to 5)"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"SEDAN {total}: {reading}.",
        steps=s.steps,
        extra={"sich_risk": risk},
    )


def _number_after(text: str, word: str) -> float | None:
    m = re.search(rf"{word}\D{{0,4}}(\d+(?:\.\d+)?)", text, re.IGNORECASE)
    return float(m.group(1)) if m else None


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('145-216 mg/dL (156 mg/dL) (+1)', 'No (0) — age 68') → kwargs."""
    f = Fields(inputs, META.id)
    field, value = f.raw("blood sugar", "glucose")
    text = str(value)
    m = re.search(r"\(\s*(\d+(?:\.\d+)?)\s*(mg/dl|mmol/l)\s*\)", text, re.IGNORECASE)
    glucose: Any = [float(m.group(1)), m.group(2)] if m else f.quantity("blood sugar", "glucose")
    age_text = f.text("age")
    nihss_text = f.text("nihss", "nih stroke")
    age = _number_after(age_text, "age")
    nihss = _number_after(nihss_text, "NIHSS")
    if age is None or nihss is None:
        raise ValueError(
            f"{META.id}: expected the measured age and NIHSS in the answers, found "
            f"{age_text!r} and {nihss_text!r}"
        )
    return {
        "glucose": glucose,
        "early_infarct_signs": f.yes("early infarct"),
        "hyperdense_artery": f.yes("hyperdense"),
        "age": age,
        "nihss": int(nihss),
    }
