"""Clinical Index of Stable Febrile Neutropenia (CISNE)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._criterion_answers import criterion
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="cisne_score",
    name="Clinical Index of Stable Febrile Neutropenia (CISNE)",
    synonyms=("CISNE", "CISNE score", "Clinical Index of Stable Febrile Neutropenia"),
    category="oncology",
    source="Carmona-Bayonas A, Jiménez-Fonseca P, Virizuela Echaburu J, et al. Prediction of "
    "serious complications in patients with seemingly stable febrile neutropenia: validation "
    "of the Clinical Index of Stable Febrile Neutropenia in a prospective cohort of patients "
    "from the FINITE study. J Clin Oncol. 2015;33(5):465-471.",
    doi="10.1200/JCO.2014.57.2347",
    output_type="integer",
    description="Risk of serious complications in clinically stable adults with solid tumours "
    "and febrile neutropenia: 0 low, 1-2 intermediate, ≥ 3 high.",
)

# Points (Carmona-Bayonas 2015; the same table in WestJEM 2019 Table 4 and cancercalc.com):
# ECOG ≥ 2: 2; stress-induced hyperglycemia: 2; COPD: 1; chronic cardiovascular disease: 1;
# NCI mucositis grade ≥ 2: 1; monocytes < 200/µL: 1.
# Classes and complication rates (cancercalc.com, from the FINITE validation): 0 low (1.1%),
# 1-2 intermediate (6.1%), ≥ 3 high (32.5%).


class Inputs(QuantityInputs):
    """Inputs of CISNE."""

    ecog: int = Field(ge=0, le=4, description="ECOG performance status 0-4 (≥ 2: +2)")
    stress_hyperglycemia: bool = Field(
        description="Stress-induced hyperglycemia: glucose ≥ 121 mg/dL, or ≥ 250 mg/dL if "
        "diabetic or on steroids (+2)"
    )
    copd: bool = Field(description="Chronic obstructive pulmonary disease (+1)")
    chronic_cardiovascular_disease: bool = Field(
        description="Chronic cardiovascular disease: heart failure, cardiomyopathy, valvular or "
        "hypertensive heart disease, cor pulmonale (+1)"
    )
    mucositis_grade: int = Field(ge=0, le=4, description="NCI mucositis grade 0-4 (≥ 2: +1)")
    monocytes: float = quantity(
        "count_per_ul", "/uL", ge=0, le=20000, description="Absolute monocyte count (< 200: +1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the CISNE points and the risk class."""
    i = inputs
    s = Score()
    s.add("ECOG performance status ≥ 2", i.ecog, 2 if i.ecog >= 2 else 0)
    s.flag("Stress-induced hyperglycemia", i.stress_hyperglycemia, 2)
    s.flag("COPD", i.copd, 1)
    s.flag("Chronic cardiovascular disease", i.chronic_cardiovascular_disease, 1)
    s.add("Mucositis NCI grade ≥ 2", i.mucositis_grade, 1 if i.mucositis_grade >= 2 else 0)
    s.add("Monocytes < 200/µL", i.monocytes, 1 if i.monocytes < 200 else 0)
    total = int(s.total)
    if total == 0:
        reading = "Low risk (class I): 1.1% serious complications"
    elif total <= 2:
        reading = "Intermediate risk (class II): 6.1% serious complications"
    else:
        reading = "High risk (class III): 32.5% serious complications"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{reading} (CISNE {total})",
        steps=s.steps,
    )


def _grade(value: Any) -> int:
    """A 0-4 grade from a number, or 2 / 0 for an item recorded only as Yes / No."""
    text = str(value).lower()
    if text.startswith("yes"):
        return 2  # recorded only as meeting the '≥ 2' criterion
    if text.startswith("no"):
        return 0
    return int(kw.parse_number(value))


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (ECOG, Yes/No findings, mucositis grade, monocytes) → kwargs."""
    m = kw.KeywordInputs(inputs)
    mono = m.find("monocyte")
    try:
        monocytes: Any = kw.parse_quantity(mono, "/uL")
    except AdapterError:
        monocytes = 100.0 if criterion(mono) else 500.0  # stand-in on the recorded side
    return {
        "ecog": _grade(m.find("ecog", "performance")),
        "stress_hyperglycemia": criterion(m.find("hyperglyc", "glucose")),
        "copd": criterion(m.find("copd", "chronic obstructive")),
        "chronic_cardiovascular_disease": criterion(m.find("cardiovascular", "heart")),
        "mucositis_grade": _grade(m.find("mucositis")),
        "monocytes": monocytes,
    }
