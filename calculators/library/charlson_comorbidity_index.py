"""Charlson Comorbidity Index (age-adjusted, as in MDCalc's updated weighting of 1987 items)."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="charlson_comorbidity_index",
    name="Charlson Comorbidity Index (CCI)",
    synonyms=("Charlson Comorbidity Index", "CCI", "Charlson index", "age-adjusted Charlson"),
    category="general",
    source="Charlson ME, Pompei P, Ales KL, MacKenzie CR. A new method of classifying prognostic "
    "comorbidity in longitudinal studies: development and validation. J Chronic Dis. "
    "1987;40(5):373-383; age points: Charlson M, et al. J Clin Epidemiol. "
    "1994;47(11):1245-1251.",
    doi="10.1016/0021-9681(87)90171-8",
    pmid="3558716",
    output_type="integer",
    medcalc_id=32,
    description="Weighted comorbidity count with age points; predicts 10-year survival.",
)


class Inputs(QuantityInputs):
    """Inputs of the Charlson index."""

    age: float = quantity(
        "age", "years", ge=0, le=120, description="Age (50-59: +1; 60-69: +2; 70-79: +3; ≥ 80: +4)"
    )
    myocardial_infarction: bool = Field(description="History of myocardial infarction (+1)")
    chf: bool = Field(description="Congestive heart failure (+1)")
    peripheral_vascular_disease: bool = Field(
        description="Peripheral vascular disease or aortic aneurysm ≥ 6 cm (+1)"
    )
    cerebrovascular_disease: bool = Field(description="CVA or TIA (+1)")
    dementia: bool = Field(description="Dementia (+1)")
    copd: bool = Field(description="Chronic pulmonary disease (+1)")
    connective_tissue_disease: bool = Field(description="Connective tissue disease (+1)")
    peptic_ulcer_disease: bool = Field(description="Peptic ulcer disease (+1)")
    liver_disease: Literal["none", "mild", "moderate_to_severe"] = Field(
        description="Liver disease: none, mild (chronic hepatitis or cirrhosis without portal "
        "hypertension, +1) or moderate to severe (portal hypertension, +3)"
    )
    diabetes: Literal["none", "uncomplicated", "end_organ_damage"] = Field(
        description="Diabetes: none or diet-controlled (0), uncomplicated (+1), end-organ damage "
        "(+2)"
    )
    hemiplegia: bool = Field(description="Hemiplegia (+2)")
    ckd_moderate_to_severe: bool = Field(
        description="Moderate to severe chronic kidney disease (+2)"
    )
    solid_tumor: Literal["none", "localized", "metastatic"] = Field(
        description="Solid tumour: none, localized (+2) or metastatic (+6)"
    )
    leukemia: bool = Field(description="Leukemia (+2)")
    lymphoma: bool = Field(description="Lymphoma (+2)")
    aids: bool = Field(description="AIDS (not just HIV positive) (+6)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of comorbidity weights plus age points."""
    s = Score()
    a = inputs.age
    s.add(
        "Age",
        a,
        4 if a >= 80 else 3 if a >= 70 else 2 if a >= 60 else 1 if a >= 50 else 0,
        "< 50: 0; 50-59: 1; 60-69: 2; 70-79: 3; ≥ 80: 4",
    )
    s.flag("Myocardial infarction", inputs.myocardial_infarction, 1)
    s.flag("Congestive heart failure", inputs.chf, 1)
    s.flag("Peripheral vascular disease", inputs.peripheral_vascular_disease, 1)
    s.flag("Cerebrovascular accident or TIA", inputs.cerebrovascular_disease, 1)
    s.flag("Dementia", inputs.dementia, 1)
    s.flag("Chronic pulmonary disease", inputs.copd, 1)
    s.flag("Connective tissue disease", inputs.connective_tissue_disease, 1)
    s.flag("Peptic ulcer disease", inputs.peptic_ulcer_disease, 1)
    s.add(
        "Liver disease",
        inputs.liver_disease,
        {"none": 0, "mild": 1, "moderate_to_severe": 3}[inputs.liver_disease],
    )
    s.add(
        "Diabetes mellitus",
        inputs.diabetes,
        {"none": 0, "uncomplicated": 1, "end_organ_damage": 2}[inputs.diabetes],
    )
    s.flag("Hemiplegia", inputs.hemiplegia, 2)
    s.flag("Moderate to severe CKD", inputs.ckd_moderate_to_severe, 2)
    s.add(
        "Solid tumour",
        inputs.solid_tumor,
        {"none": 0, "localized": 2, "metastatic": 6}[inputs.solid_tumor],
    )
    s.flag("Leukemia", inputs.leukemia, 2)
    s.flag("Lymphoma", inputs.lymphoma, 2)
    s.flag("AIDS", inputs.aids, 6)
    total = int(s.total)
    # Estimated 10-year survival = 0.983^(e^(0.9 × CCI)) (Charlson 1987, as given by MDCalc).
    survival = 0.983 ** math.exp(0.9 * total) * 100
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"CCI {total}: estimated 10-year survival {survival:.0f}%.",
        steps=s.steps,
        extra={"ten_year_survival_percent": round(survival, 1)},
    )


def _liver(value: Any) -> str:
    if value is None or value is False:
        return "none"
    if value is True:
        return "mild"
    text = str(value).strip().lower()
    if "moderate" in text or "severe" in text:
        return "moderate_to_severe"
    if "mild" in text:
        return "mild"
    if text in {"none", "absent", "no", "false"}:
        return "none"
    raise AdapterError(f"unrecognised liver disease severity {value!r}.")


def _diabetes(value: Any) -> str:
    if value is None or value is False:
        return "none"
    if value is True:
        return "uncomplicated"
    text = str(value).strip().lower()
    if "end" in text or "organ" in text:
        return "end_organ_damage"
    if "uncomplicated" in text:
        return "uncomplicated"
    if text.startswith("none") or "diet" in text:
        return "none"
    raise AdapterError(f"unrecognised diabetes category {value!r}.")


def _tumor(value: Any) -> str:
    if value is None or value is False:
        return "none"
    text = str(value).strip().lower()
    if "metasta" in text:
        return "metastatic"
    if value is True or "local" in text:
        return "localized"
    if text in {"none", "absent", "no", "false"}:
        return "none"
    raise AdapterError(f"unrecognised solid tumour category {value!r}.")


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (a bare True tumour counts as localized)."""
    e = entities
    f = mc.flag
    ckd = mc.get(e, "Moderate to severe Chronic Kidney Disease", default=False)
    return {
        "age": mc.quantity(e, "age"),
        "myocardial_infarction": f(e, "Myocardial infarction"),
        "chf": f(e, "Congestive Heart Faliure", "Congestive Heart Failure"),
        "peripheral_vascular_disease": f(e, "Peripheral vascular disease"),
        "cerebrovascular_disease": f(
            e, "Cerebrovascular Accident", "Transient Ischemic Attacks History"
        ),
        "dementia": f(e, "Dementia"),
        "copd": f(e, "Chronic Obstructive Pulmonary Disease"),
        "connective_tissue_disease": f(e, "Connective tissue disease"),
        "peptic_ulcer_disease": f(e, "Peptic ulcer disease"),
        "liver_disease": _liver(mc.get(e, "Liver disease severity", default=None)),
        "diabetes": _diabetes(mc.get(e, "Diabetes mellitus criteria for CCI rule", default=None)),
        "hemiplegia": f(e, "Hemiplegia"),
        "ckd_moderate_to_severe": bool(ckd),
        "solid_tumor": _tumor(mc.get(e, "Solid tumor", default=None)),
        "leukemia": f(e, "Leukemia"),
        "lymphoma": f(e, "Lymphoma"),
        "aids": f(e, "AIDS"),
    }
