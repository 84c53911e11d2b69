"""Mayo Clinic quadratic eGFR (Rule 2004)."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="mayo_quadratic_egfr",
    name="Mayo Quadratic eGFR (Rule 2004)",
    synonyms=("Mayo Quadratic eGFR", "Mayo quadratic equation", "Mayo Clinic quadratic GFR"),
    category="renal",
    source="Rule AD, Larson TS, Bergstralh EJ, Slezak JM, Jacobsen SJ, Cosio FG. Using serum "
    "creatinine to estimate glomerular filtration rate: accuracy in good health and in chronic "
    "kidney disease. Ann Intern Med. 2004;141(12):929-937.",
    output_type="decimal",
    unit="mL/min/1.73 m²",
    description="eGFR = exp(1.911 + 5.249/SCr − 2.114/SCr² − 0.00686 × age − 0.205 if female), "
    "SCr in mg/dL, set to 0.8 when lower.",
)

# Rule 2004 coefficients (the same constants in the egfr_mayo implementation read while
# writing this module): intercept 1.911, 5.249/SCr, -2.114/SCr², -0.00686 per year of age,
# -0.205 for women; a creatinine below 0.8 mg/dL is set to 0.8.
_B0, _B1, _B2, _AGE, _FEMALE, _SCR_FLOOR = 1.911, 5.249, -2.114, -0.00686, -0.205, 0.8


class Inputs(QuantityInputs):
    """Inputs of the Mayo quadratic eGFR."""

    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=25, description="Serum creatinine"
    )
    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    sex: Literal["male", "female"] = Field(description="Sex")


def compute(inputs: Inputs) -> CalcResult:
    """The Mayo quadratic equation (Rule 2004)."""
    scr = max(inputs.creatinine, _SCR_FLOOR)
    female = inputs.sex == "female"
    exponent = _B0 + _B1 / scr + _B2 / scr**2 + _AGE * inputs.age + (_FEMALE if female else 0)
    egfr = math.exp(exponent)
    warnings = []
    if inputs.creatinine < _SCR_FLOOR:
        warnings.append(
            f"Creatinine {inputs.creatinine:g} mg/dL set to 0.8 as the equation specifies."
        )
    return CalcResult(
        calculator=META.id,
        value=round(egfr, 1),
        unit="mL/min/1.73 m²",
        interpretation=f"Estimated GFR {egfr:.1f} mL/min/1.73 m²",
        steps=[
            Step(label="Creatinine used", value=scr, detail="mg/dL, floor 0.8"),
            Step(
                label="Exponent",
                value=round(exponent, 4),
                detail="1.911 + 5.249/SCr − 2.114/SCr² − 0.00686×age (− 0.205 if female)",
            ),
            Step(label="eGFR", value=round(egfr, 1), detail="exp(exponent)"),
        ],
        warnings=warnings,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (creatinine, age, sex) → kwargs."""
    m = kw.KeywordInputs(inputs)
    sex = str(m.find("sex", "gender")).strip().lower()
    return {
        "creatinine": kw.parse_quantity(m.find("creatinine"), "mg/dL"),
        "age": kw.parse_number(m.find("age")),
        "sex": "female" if sex.startswith(("f", "w")) else "male",
    }
