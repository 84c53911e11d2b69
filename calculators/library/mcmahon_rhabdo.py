"""McMahon score for kidney failure or death in rhabdomyolysis (McMahon 2013)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._criterion_answers import criterion, sex
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="mcmahon_rhabdo",
    name="McMahon Score for Rhabdomyolysis",
    synonyms=("McMahon score", "McMahon rhabdomyolysis score", "Rhabdomyolysis risk score"),
    category="renal",
    source="McMahon GM, Zeng X, Waikar SS. A risk prediction score for kidney failure or "
    "mortality in rhabdomyolysis. JAMA Intern Med. 2013;173(19):1821-1828.",
    doi="10.1001/jamainternmed.2013.9774",
    output_type="decimal",
    description="Risk of renal replacement therapy or in-hospital death in rhabdomyolysis from "
    "age, sex, cause and admission creatinine, calcium, CK, phosphate and bicarbonate; < 6 is "
    "low risk.",
)

# Point table (McMahon 2013, Table 3; as implemented in the open-source McMahonScoreCalculator
# read while writing this module): age ≤ 50: 0, 51-70: 1.5, 71-80: 2.5, > 80: 3; female: 1;
# creatinine < 1.4: 0, 1.4-2.2: 1.5, > 2.2 mg/dL: 3; calcium < 7.5 mg/dL: 2;
# CPK > 40,000 U/L: 2; cause other than seizures, syncope, exercise, statins or myositis: 3;
# phosphate < 4.0: 0, 4.0-5.4: 1.5, > 5.4 mg/dL: 3; bicarbonate < 19 mEq/L: 2.
#: Score < 6: low risk of RRT or death (McMahon 2013).
LOW_RISK_BELOW = 6.0


class Inputs(QuantityInputs):
    """Inputs of the McMahon score (admission values)."""

    age: float = quantity("age", "years", ge=0, le=120, description="Age")
    sex: Literal["male", "female"] = Field(description="Sex (female +1)")
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=25, description="Initial serum creatinine"
    )
    calcium: float = quantity(
        "calcium", "mg/dL", ge=2, le=20, description="Initial serum calcium (< 7.5: +2)"
    )
    ck: float = quantity(
        "enzyme", "U/L", ge=0, le=5_000_000, description="Initial creatine kinase (> 40,000: +2)"
    )
    phosphate: float = quantity(
        "phosphate", "mg/dL", ge=0.1, le=30, description="Initial serum phosphate"
    )
    bicarbonate: float = quantity(
        "electrolyte", "mEq/L", ge=1, le=60, description="Initial serum bicarbonate (< 19: +2)"
    )
    low_risk_cause: bool = Field(
        description="Cause is seizures, syncope, exercise, statins or myositis (else +3)"
    )


def _age_points(age: float) -> float:
    if age <= 50:
        return 0
    if age <= 70:
        return 1.5
    if age <= 80:
        return 2.5
    return 3


def _three_band(value: float, low: float, high: float) -> float:
    """0 below ``low``, 1.5 from ``low`` to ``high`` inclusive, 3 above ``high``."""
    if value < low:
        return 0
    return 1.5 if value <= high else 3


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the McMahon points."""
    i = inputs
    s = Score()
    s.add("Age", i.age, _age_points(i.age), "≤ 50: 0; 51-70: 1.5; 71-80: 2.5; > 80: 3")
    s.add("Female sex", i.sex, 1 if i.sex == "female" else 0)
    s.add(
        "Initial creatinine",
        i.creatinine,
        _three_band(i.creatinine, 1.4, 2.2),
        "< 1.4: 0; 1.4-2.2: 1.5; > 2.2 mg/dL: 3",
    )
    s.add("Initial calcium < 7.5 mg/dL", i.calcium, 2 if i.calcium < 7.5 else 0)
    s.add("Initial CK > 40,000 U/L", i.ck, 2 if i.ck > 40_000 else 0)
    s.add(
        "Cause not seizures/syncope/exercise/statins/myositis",
        not i.low_risk_cause,
        0 if i.low_risk_cause else 3,
    )
    s.add(
        "Initial phosphate",
        i.phosphate,
        _three_band(i.phosphate, 4.0, 5.4),
        "< 4.0: 0; 4.0-5.4: 1.5; > 5.4 mg/dL: 3",
    )
    s.add("Initial bicarbonate < 19 mEq/L", i.bicarbonate, 2 if i.bicarbonate < 19 else 0)
    total = s.value
    if total < LOW_RISK_BELOW:
        reading = f"Low risk: McMahon {total} (< 6) of renal replacement therapy or death"
    else:
        reading = (
            f"Not low risk: McMahon {total} (≥ 6); increased risk of renal replacement "
            "therapy or in-hospital death"
        )
    return CalcResult(calculator=META.id, value=total, interpretation=reading, steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (values with units; cause as text or Yes/No) → kwargs."""
    m = kw.KeywordInputs(inputs)
    cause = m.find("cause", "etiology", "origin", "seizure")
    text = str(cause).lower()
    low_words = ("seizure", "syncope", "exercise", "exertion", "statin", "myositis")
    if any(w in text for w in low_words):
        low_risk = not text.startswith(("other", "none of", "not "))
    else:
        low_risk = criterion(cause) if text.startswith(("yes", "no")) else False
    return {
        "age": kw.parse_number(m.find("age")),
        "sex": sex(m.find("sex", "gender")),
        "creatinine": kw.parse_quantity(m.find("creatinine"), "mg/dL"),
        "calcium": kw.parse_quantity(m.find("calcium"), "mg/dL"),
        "ck": kw.parse_quantity(m.find("cpk", "ck", "creatine kinase"), "U/L"),
        "phosphate": kw.parse_quantity(m.find("phosph"), "mg/dL"),
        "bicarbonate": kw.parse_quantity(m.find("bicarb", "hco3"), "mEq/L"),
        "low_risk_cause": low_risk,
    }
