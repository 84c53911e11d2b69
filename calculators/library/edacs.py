"""Emergency Department Assessment of Chest Pain Score (EDACS) and its accelerated protocol."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._patient import Sex
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="edacs",
    name="Emergency Department Assessment of Chest Pain Score (EDACS)",
    synonyms=("EDACS", "EDACS-ADP", "Emergency Department Assessment of Chest pain Score"),
    category="cardiology",
    source="Than M, Flaws D, Sanders S, et al. Development and validation of the Emergency "
    "Department Assessment of Chest pain Score and 2 h accelerated diagnostic protocol. "
    "Emerg Med Australas. 2014;26(1):34-44.",
    output_type="integer",
    description="Chest-pain score (age, sex, risk factors, symptoms); EDACS <16 with a "
    "non-ischaemic ECG and negative 0 h and 2 h troponins is low risk for 30-day MACE.",
)

# Age bands (Than 2014, table 3): 18-45 → 2, then +2 per 5-year band to ≥86 → 20.
_AGE_BANDS = ((45, 2), (50, 4), (55, 6), (60, 8), (65, 10), (70, 12), (75, 14), (80, 16), (85, 18))


class Inputs(QuantityInputs):
    """Inputs of EDACS (the ECG and troponins are optional: only the ADP needs them)."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age (2-20 points)")
    sex: Sex = Field(description="Sex (male +6)")
    known_cad_or_3_risk_factors: bool = Field(
        description="Known CAD or ≥3 risk factors (family history, hypertension, "
        "hypercholesterolaemia, diabetes, current smoker); scores +4 only at age 18-50"
    )
    diaphoresis: bool = Field(description="Diaphoresis (+3)")
    radiates_arm_shoulder_neck_jaw: bool = Field(
        description="Pain radiates to arm, shoulder, neck or jaw (+5)"
    )
    pain_with_inspiration: bool = Field(
        description="Pain occurred or worsened with inspiration (-4)"
    )
    pain_reproduced_by_palpation: bool = Field(description="Pain reproduced by palpation (-6)")
    new_ischemia_on_ecg: bool | None = Field(
        None, description="New ischaemia on the ECG (optional, for the 2 h ADP)"
    )
    troponin_0h_2h_positive: bool | None = Field(
        None, description="0 h or 2 h troponin positive (optional, for the 2 h ADP)"
    )


def _age_points(age: float) -> int:
    for upper, points in _AGE_BANDS:
        if age <= upper:
            return points
    return 20


def compute(inputs: Inputs) -> CalcResult:
    """EDACS points (Than 2014) and, when the ECG and troponins are given, the 2 h ADP."""
    i = inputs
    s = Score()
    s.add("Age", i.age, _age_points(i.age), "18-45: 2; +2 per 5 years; ≥86: 20")
    s.add("Sex", i.sex, 6 if i.sex == "male" else 0, "male: +6")
    young = 18 <= i.age <= 50
    s.add(
        "Known CAD or ≥3 risk factors (age 18-50 only)",
        i.known_cad_or_3_risk_factors,
        4 if (young and i.known_cad_or_3_risk_factors) else 0,
        "+4 if present and age 18-50",
    )
    s.flag("Diaphoresis", i.diaphoresis, 3)
    s.flag("Pain radiates to arm, shoulder, neck or jaw", i.radiates_arm_shoulder_neck_jaw, 5)
    s.flag("Pain occurred or worsened with inspiration", i.pain_with_inspiration, -4)
    s.flag("Pain reproduced by palpation", i.pain_reproduced_by_palpation, -6)
    total = int(s.total)
    low_score = total < 16
    if i.new_ischemia_on_ecg is None or i.troponin_0h_2h_positive is None:
        head = "Low risk" if low_score else "Not low risk"
        text = (
            f"{head} by score: EDACS {total} ({'<' if low_score else '≥'}16); the EDACS-ADP "
            "also needs a non-ischemic ECG and negative 0 h and 2 h troponins."
        )
    elif low_score and not i.new_ischemia_on_ecg and not i.troponin_0h_2h_positive:
        text = (
            f"Low risk: EDACS {total} (<16), no new ischemia on ECG and negative 0 h and 2 h "
            "troponins; suitable for early discharge with outpatient follow-up."
        )
    else:
        text = (
            f"Not low risk: EDACS {total}"
            f"{' ≥16' if not low_score else ''}"
            f"{', new ischemia on ECG' if i.new_ischemia_on_ecg else ''}"
            f"{', positive troponin' if i.troponin_0h_2h_positive else ''}; "
            "manage per usual care."
        )
    return CalcResult(calculator=META.id, value=total, interpretation=text, steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc EDACS inputs → Inputs (ECG and troponins when the item records them)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "age": f.quantity("age", default_unit="years"),
        "sex": f.sex(),
        "known_cad_or_3_risk_factors": f.yes("known coronary", "known cad", "risk factor"),
        "diaphoresis": f.yes("diaphoresis", "sweat"),
        "radiates_arm_shoulder_neck_jaw": f.yes("radiat"),
        "pain_with_inspiration": f.yes("inspiration"),
        "pain_reproduced_by_palpation": f.yes("palpation"),
    }
    if f.has("ecg", "ekg"):
        out["new_ischemia_on_ecg"] = f.yes("ecg", "ekg")
    if f.has("troponin"):
        out["troponin_0h_2h_positive"] = f.yes("troponin")
    return out
