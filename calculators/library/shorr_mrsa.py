"""Shorr score for MRSA in patients hospitalised with pneumonia."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="shorr_mrsa",
    name="Shorr Score for MRSA Pneumonia",
    synonyms=("Shorr score", "MRSA risk score", "Shorr MRSA"),
    category="infectious disease",
    source="Shorr AF, Myers DE, Huang DB, Nathanson BH, Emons MF, Kollef MH. A risk score for "
    "identifying methicillin-resistant Staphylococcus aureus in patients presenting to the "
    "hospital with pneumonia. BMC Infect Dis. 2013;13:268.",
    doi="10.1186/1471-2334-13-268",
    output_type="integer",
    description="Eight factors (0-10 points) for MRSA as the cause of pneumonia at admission: "
    "0-1 low, 2-5 medium, ≥ 6 high risk.",
)

#: field → (label, points): Shorr 2013, Table 2.
CRITERIA = {
    "age_lt30_or_gt79": ("Age < 30 or > 79 years", 1),
    "recent_hospitalization": ("Hospitalisation ≥ 2 days within 90 days", 2),
    "nursing_home": ("Nursing home / SNF / LTAC exposure within 90 days", 1),
    "iv_antibiotics_30d": ("IV antibiotics within 30 days", 1),
    "icu_admission": ("ICU admission on or before the index culture", 2),
    "cerebrovascular_disease": ("Cerebrovascular disease before admission", 1),
    "dementia": ("Dementia", 1),
    "female_with_diabetes": ("Female with diabetes mellitus", 1),
}


class Inputs(CalcInputs):
    """The eight Shorr risk factors."""

    age_lt30_or_gt79: bool = Field(description="Age < 30 or > 79 years (+1)")
    recent_hospitalization: bool = Field(
        description="Hospitalisation for ≥ 2 days within the last 90 days (+2)"
    )
    nursing_home: bool = Field(
        description="Nursing home, skilled nursing facility or long-term acute care exposure "
        "within the last 90 days (+1)"
    )
    iv_antibiotics_30d: bool = Field(description="Prior IV antibiotics within 30 days (+1)")
    icu_admission: bool = Field(description="ICU admission on or before the index culture (+2)")
    cerebrovascular_disease: bool = Field(description="Any cerebrovascular disease (+1)")
    dementia: bool = Field(description="Dementia (+1)")
    female_with_diabetes: bool = Field(description="Female with diabetes mellitus (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of Shorr points (0-10) and the risk group (Shorr 2013)."""
    s = Score()
    for name, (label, points) in CRITERIA.items():
        s.flag(label, getattr(inputs, name), points)
    total = int(s.total)
    # Shorr 2013: low 0-1 (MRSA prevalence < 10%), medium 2-5, high ≥ 6 (> 30%).
    if total <= 1:
        reading = "Low risk of MRSA (0-1; prevalence < 10% in Shorr 2013): consider routine "
        reading += "antibiotic coverage."
    elif total <= 5:
        reading = "Medium risk of MRSA (2-5)."
    else:
        reading = "High risk of MRSA (≥ 6; prevalence > 30% in Shorr 2013): consider MRSA "
        reading += "coverage."
    return CalcResult(calculator=META.id, value=total, interpretation=reading, steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Shorr inputs (eight yes/no factors) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age_lt30_or_gt79": f.yes("age"),
        "recent_hospitalization": f.yes("hospitalization", "hospitalisation"),
        "nursing_home": f.yes("nursing home", "skilled nursing", "long term"),
        "iv_antibiotics_30d": f.yes("antibiotic"),
        "icu_admission": f.yes("icu"),
        "cerebrovascular_disease": f.yes("cerebrovascular"),
        "dementia": f.yes("dementia"),
        "female_with_diabetes": f.yes("diabetes"),
    }
