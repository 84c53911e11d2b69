"""Revised Cardiac Risk Index (Lee) for pre-operative risk."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="revised_cardiac_risk_index",
    name="Revised Cardiac Risk Index for Pre-Operative Risk",
    synonyms=("RCRI", "Lee index", "Revised Cardiac Risk Index", "Lee Revised Cardiac Risk Index"),
    category="cardiology",
    source="Lee TH, Marcantonio ER, Mangione CM, et al. Derivation and prospective validation of "
    "a simple index for prediction of cardiac risk of major noncardiac surgery. "
    "Circulation. 1999;100(10):1043-1049.",
    doi="10.1161/01.CIR.100.10.1043",
    pmid="10477528",
    output_type="integer",
    medcalc_id=17,
    description="Risk of major cardiac complications after non-cardiac surgery (6 criteria).",
)


class Inputs(QuantityInputs):
    """Inputs of the RCRI."""

    high_risk_surgery: bool = Field(
        description="Elevated-risk surgery: intraperitoneal, "
        "intrathoracic or suprainguinal vascular (+1)"
    )
    ischemic_heart_disease: bool = Field(description="History of ischemic heart disease (+1)")
    heart_failure: bool = Field(description="History of congestive heart failure (+1)")
    cerebrovascular_disease: bool = Field(description="History of stroke or TIA (+1)")
    insulin: bool = Field(description="Pre-operative treatment with insulin (+1)")
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Pre-operative creatinine (> 2 mg/dL: +1)"
    )


# Major cardiac complication rates in Lee's validation cohort: class I 0.4%, II 0.9%,
# III 6.6%, IV 11% (Lee 1999, Table 4).
_RATES = {0: "class I, 0.4%", 1: "class II, 0.9%", 2: "class III, 6.6%"}


def compute(inputs: Inputs) -> CalcResult:
    """Count of the six RCRI predictors (0-6)."""
    s = Score()
    s.flag("Elevated-risk surgery", inputs.high_risk_surgery, 1)
    s.flag("Ischemic heart disease", inputs.ischemic_heart_disease, 1)
    s.flag("Congestive heart failure", inputs.heart_failure, 1)
    s.flag("Cerebrovascular disease", inputs.cerebrovascular_disease, 1)
    s.flag("Insulin treatment", inputs.insulin, 1)
    s.add(
        "Creatinine > 2 mg/dL",
        inputs.creatinine,
        1 if inputs.creatinine > 2 else 0,
        "+1 if > 2 mg/dL (177 µmol/L)",
    )
    total = int(s.total)
    rate = _RATES.get(total, "class IV, 11%")
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{total} points: {rate} major cardiac complications "
        "(Lee 1999 validation cohort).",
        steps=s.steps,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs.

    The benchmark rows carry cerebrovascular disease under two keys ('History of
    cerebrovascular disease' and 'Cerebrovascular disease history'); either present counts.
    """
    e = entities
    return {
        "high_risk_surgery": mc.flag(e, "Elevated-risk surgery"),
        "ischemic_heart_disease": mc.flag(e, "History of ischemic heart disease"),
        "heart_failure": mc.flag(
            e, "Congestive Heart Failure criteria for the Cardiac Risk Index rule"
        ),
        "cerebrovascular_disease": mc.flag(
            e, "History of cerebrovascular disease", "Cerebrovascular disease history"
        ),
        "insulin": mc.flag(e, "Pre-operative treatment with insulin"),
        "creatinine": mc.quantity(e, "Pre-operative creatinine"),
    }
