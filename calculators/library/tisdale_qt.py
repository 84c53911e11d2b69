"""Tisdale risk score for QTc prolongation in hospitalised patients."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields, first_number, norm
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="tisdale_qt",
    name="Tisdale Risk Score for QT Prolongation",
    synonyms=("Tisdale score", "Tisdale risk score", "Tisdale QTc risk score"),
    category="cardiology",
    source="Tisdale JE, et al. Development and validation of a risk score to predict QT "
    "interval prolongation in hospitalized patients. Circ Cardiovasc Qual Outcomes. "
    "2013;6(4):479-87.",
    doi="10.1161/CIRCOUTCOMES.113.000152",
    output_type="integer",
    unit=None,
    description="Risk (0–21) of QTc prolongation in patients admitted to cardiac care units.",
)


class Inputs(CalcInputs):
    """Inputs of the Tisdale score."""

    age_68_or_older: bool = Field(description="Age ≥68 years (1)")
    female: bool = Field(description="Female sex (1)")
    loop_diuretic: bool = Field(description="On a loop diuretic (1)")
    potassium_3_5_or_less: bool = Field(description="Serum K⁺ ≤3.5 mEq/L (2)")
    admission_qtc_450_or_more: bool = Field(description="Admission QTc ≥450 ms (2)")
    acute_mi: bool = Field(description="Admitted for acute myocardial infarction (2)")
    sepsis: bool = Field(description="Admitted for sepsis (3)")
    heart_failure: bool = Field(description="Admitted for heart failure (3)")
    qt_prolonging_drugs: Literal[0, 1, 2] = Field(
        description="QTc-prolonging drugs given: 0; 1 (3 points); 2 meaning ≥2 (6 points)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Weights from Tisdale 2013; ≥2 QT drugs add 3 on top of the 3 for one drug."""
    items = [
        ("Age ≥68", inputs.age_68_or_older, 1),
        ("Female", inputs.female, 1),
        ("Loop diuretic", inputs.loop_diuretic, 1),
        ("Serum K ≤3.5 mEq/L", inputs.potassium_3_5_or_less, 2),
        ("Admission QTc ≥450 ms", inputs.admission_qtc_450_or_more, 2),
        ("Acute MI", inputs.acute_mi, 2),
        ("Sepsis", inputs.sepsis, 3),
        ("Heart failure", inputs.heart_failure, 3),
    ]
    crit = [(label, v, pts if v else 0) for label, v, pts in items]
    crit.append(
        (
            "One QTc-prolonging drug",
            inputs.qt_prolonging_drugs >= 1,
            3 if inputs.qt_prolonging_drugs >= 1 else 0,
        )
    )
    crit.append(
        (
            "≥2 QTc-prolonging drugs",
            inputs.qt_prolonging_drugs >= 2,
            3 if inputs.qt_prolonging_drugs >= 2 else 0,
        )
    )
    steps, total = tally(crit)
    # Tisdale 2013: ≤6 low, 7–10 moderate, ≥11 high risk of QTc prolongation.
    label = (
        "Low risk (≤6)"
        if total <= 6
        else "Moderate risk (7–10)"
        if total <= 10
        else "High risk (≥11): consider pharmacist review, correct risk factors and use "
        "alternatives to QT-prolonging drugs"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def _drug_count(text: str) -> int:
    # "≥2 (haloperidol; ondansetron)" → 2; "1 (ondansetron)" → 1.
    n = first_number(text, field="number of QT-prolonging drugs")
    return 2 if n >= 2 else int(n)


def _female(f: Fields) -> bool:
    # Either "sex": "Female" or "Sex (Female)": "No (Male)".
    first = norm(f.text("sex", "female")).split()[:1]
    if first and first[0] in ("female", "male", "woman", "man"):
        return first[0] in ("female", "woman")
    return f.yes("sex", "female")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (nine items) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age_68_or_older": f.yes("age"),
        "female": _female(f),
        "loop_diuretic": f.yes("loop diuretic"),
        "potassium_3_5_or_less": f.yes("potassium"),
        "admission_qtc_450_or_more": f.yes("qtc", exclude=("drug",)),
        "acute_mi": f.yes("myocardial infarction"),
        "sepsis": f.yes("sepsis"),
        "heart_failure": f.yes("heart failure"),
        "qt_prolonging_drugs": _drug_count(f.text("drug")),
    }
