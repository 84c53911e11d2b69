"""ACTION ICU score: need for intensive care in initially stable NSTEMI."""

from __future__ import annotations

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="action_icu",
    name="ACTION ICU Score for Intensive Care in NSTEMI",
    synonyms=("ACTION ICU score", "ACTION ICU"),
    category="cardiology",
    source=(
        "Fanaroff AC, Chen AY, Thomas LE, et al. Risk Score to Predict Need for Intensive Care "
        "in Initially Hemodynamically Stable Adults With Non-ST-Segment-Elevation Myocardial "
        "Infarction. J Am Heart Assoc. 2018;7(11):e008894."
    ),
    output_type="integer",
    description="Nine admission variables (0-19 points) predict complications requiring ICU "
    "care (cardiac arrest, shock, high-grade block, respiratory failure, stroke, death) in "
    "haemodynamically stable NSTEMI.",
)


class Inputs(QuantityInputs):
    """Inputs of the ACTION ICU score."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=25, description="Serum creatinine"
    )
    heart_rate: float = quantity("rate", "/min", ge=20, le=250, description="Heart rate")
    systolic_bp: float = quantity("pressure", "mmHg", ge=50, le=300, description="Systolic BP")
    troponin_ratio: float = Field(
        ge=0, le=100000, description="Initial troponin divided by its upper limit"
    )
    heart_failure_signs: bool = Field(description="Signs or symptoms of heart failure")
    st_depression: bool = Field(description="ST-segment depression on the initial ECG")
    prior_revascularization: bool = Field(description="Prior PCI or CABG")
    chronic_lung_disease: bool = Field(description="Chronic lung disease")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the ACTION ICU points (Fanaroff 2018)."""
    i = inputs
    hr = 0 if i.heart_rate < 85 else 1 if i.heart_rate < 100 else 3
    sbp = 0 if i.systolic_bp >= 145 else 1 if i.systolic_bp >= 125 else 3
    steps, total = tally(
        [
            ("Age ≥70", i.age, 1 if i.age >= 70 else 0),
            ("Creatinine ≥1.1 mg/dL", i.creatinine, 1 if i.creatinine >= 1.1 else 0),
            ("Heart rate 85-100 / ≥100", i.heart_rate, hr),
            ("SBP 125-145 / <125", i.systolic_bp, sbp),
            ("Troponin ratio ≥12", i.troponin_ratio, 2 if i.troponin_ratio >= 12 else 0),
            ("Heart failure signs", i.heart_failure_signs, 5 if i.heart_failure_signs else 0),
            ("ST depression", i.st_depression, 1 if i.st_depression else 0),
            (
                "No prior revascularization",
                not i.prior_revascularization,
                0 if i.prior_revascularization else 1,
            ),
            ("Chronic lung disease", i.chronic_lung_disease, 2 if i.chronic_lung_disease else 0),
        ]
    )
    score = int(total)
    return CalcResult(
        calculator=META.id,
        value=score,
        interpretation="Risk of complications requiring ICU care rises with the "
        "score (from under 5% at the lowest scores to over 30% at the highest)",
        steps=steps,
    )
