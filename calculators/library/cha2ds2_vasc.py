"""CHA₂DS₂-VASc score for stroke risk in atrial fibrillation."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._patient import Sex
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="cha2ds2_vasc",
    name="CHA2DS2-VASc Score for Atrial Fibrillation Stroke Risk",
    synonyms=(
        "CHA₂DS₂-VASc Score for Atrial Fibrillation Stroke Risk",
        "CHA2DS2-VASc",
        "CHA₂DS₂-VASc",
        "CHA2DS2VASc",
    ),
    category="cardiology",
    source="Lip GYH, Nieuwlaat R, Pisters R, Lane DA, Crijns HJGM. Refining clinical risk "
    "stratification for predicting stroke and thromboembolism in atrial fibrillation "
    "using a novel risk factor-based approach. Chest. 2010;137(2):263-272.",
    doi="10.1378/chest.09-1584",
    pmid="19762550",
    output_type="integer",
    medcalc_id=4,
    description="Annual stroke risk in non-valvular atrial fibrillation; guides anticoagulation.",
)


class Inputs(QuantityInputs):
    """Inputs of CHA₂DS₂-VASc."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    sex: Sex = Field(description="Sex (female sex category +1)")
    chf: bool = Field(description="Congestive heart failure history (+1)")
    hypertension: bool = Field(description="Hypertension history (+1)")
    stroke_tia_thromboembolism: bool = Field(
        description="Prior stroke, TIA or thromboembolism (+2)"
    )
    vascular_disease: bool = Field(
        description="Vascular disease: prior MI, peripheral artery disease or aortic plaque (+1)"
    )
    diabetes: bool = Field(description="Diabetes mellitus (+1)")


# Annual ischaemic stroke rate and stroke/TIA/systemic embolism rate by score without
# anticoagulation (Friberg L, et al. Eur Heart J. 2012;33:1500-10, Swedish AF cohort).
_RISK = {
    0: ("0.2%", "0.3%"),
    1: ("0.6%", "0.9%"),
    2: ("2.2%", "2.9%"),
    3: ("3.2%", "4.6%"),
    4: ("4.8%", "6.7%"),
    5: ("7.2%", "10.0%"),
    6: ("9.7%", "13.6%"),
    7: ("11.2%", "15.7%"),
    8: ("10.8%", "15.2%"),
    9: ("12.2%", "17.4%"),
}


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the CHA₂DS₂-VASc criteria (0-9)."""
    s = Score()
    age_pts = 2 if inputs.age >= 75 else 1 if inputs.age >= 65 else 0
    s.add("Age", inputs.age, age_pts, "65-74: +1; ≥75: +2")
    s.add("Sex", inputs.sex, 1 if inputs.sex == "female" else 0, "female: +1")
    s.flag("Congestive heart failure", inputs.chf, 1)
    s.flag("Hypertension", inputs.hypertension, 1)
    s.flag("Stroke / TIA / thromboembolism", inputs.stroke_tia_thromboembolism, 2)
    s.flag("Vascular disease", inputs.vascular_disease, 1)
    s.flag("Diabetes mellitus", inputs.diabetes, 1)
    total = int(s.total)
    if total == 0 or (total == 1 and inputs.sex == "female"):
        advice = "low risk: anticoagulation generally not recommended"
    elif total == 1 or (total == 2 and inputs.sex == "female"):
        advice = "intermediate: consider oral anticoagulation"
    else:
        advice = "high risk: oral anticoagulation recommended"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{total} points; stroke {_RISK[total][0]} and stroke/TIA/embolism "
        f"{_RISK[total][1]} per year (Friberg 2012); {advice} (ESC 2020).",
        steps=s.steps,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (missing history → absent, the benchmark convention)."""
    return {
        "age": mc.quantity(entities, "age"),
        "sex": mc.sex(entities),
        "chf": mc.flag(entities, "Congestive Heart Faliure", "Congestive Heart Failure"),
        "hypertension": mc.flag(entities, "Hypertension history"),
        "stroke_tia_thromboembolism": mc.flag(
            entities, "Stroke", "Transient Ischemic Attacks History", "Thromboembolism history"
        ),
        "vascular_disease": mc.flag(entities, "Vascular disease history"),
        "diabetes": mc.flag(entities, "Diabetes history"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs."""
    m = kw.KeywordInputs(inputs)
    return {
        "age": kw.parse_quantity(m.find("age"), "years"),
        "sex": str(m.find("sex")).split()[0].lower(),
        "chf": kw.parse_yes(m.find("chf", "heart failure")),
        "hypertension": kw.parse_yes(m.find("hypertension")),
        "stroke_tia_thromboembolism": kw.parse_yes(m.find("stroke")),
        "vascular_disease": kw.parse_yes(m.find("vascular")),
        "diabetes": kw.parse_yes(m.find("diabetes")),
    }
