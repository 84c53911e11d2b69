"""CHA₂DS₂-VA score (sex-neutral CHA₂DS₂-VASc) for stroke risk in atrial fibrillation."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="cha2ds2_va",
    name="CHA₂DS₂-VA Score for Atrial Fibrillation Stroke Risk",
    synonyms=("CHA2DS2-VA Score for Atrial Fibrillation Stroke Risk", "CHA2DS2-VA", "CHA₂DS₂-VA"),
    category="cardiology",
    source="Van Gelder IC, Rienstra M, Bunting KV, et al. 2024 ESC Guidelines for the "
    "management of atrial fibrillation developed in collaboration with the European "
    "Association for Cardio-Thoracic Surgery (EACTS). Eur Heart J. 2024;45(36):3314-3414. "
    "Items and weights are those of CHA₂DS₂-VASc (Lip GYH, et al. Chest. 2010;137:263-72) "
    "without the sex category.",
    output_type="integer",
    description="Stroke risk in atrial fibrillation (0-8): CHA₂DS₂-VASc without female sex; "
    "ESC 2024: OAC recommended at ≥2, considered at 1.",
)


class Inputs(QuantityInputs):
    """Inputs of CHA₂DS₂-VA."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age (65-74 +1; ≥75 +2)")
    chf: bool = Field(description="Congestive heart failure or LV dysfunction (+1)")
    hypertension: bool = Field(description="Hypertension (+1)")
    stroke_tia_thromboembolism: bool = Field(
        description="Prior stroke, TIA or arterial thromboembolism (+2)"
    )
    vascular_disease: bool = Field(
        description="Vascular disease: prior MI, peripheral artery disease or aortic plaque (+1)"
    )
    diabetes: bool = Field(description="Diabetes mellitus (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the CHA₂DS₂-VA criteria (weights of CHA₂DS₂-VASc, Lip 2010; ESC 2024)."""
    i = inputs
    s = Score()
    s.add("Age", i.age, 2 if i.age >= 75 else 1 if i.age >= 65 else 0, "65-74: +1; ≥75: +2")
    s.flag("Congestive heart failure", i.chf, 1)
    s.flag("Hypertension", i.hypertension, 1)
    s.flag("Stroke / TIA / thromboembolism", i.stroke_tia_thromboembolism, 2)
    s.flag("Vascular disease", i.vascular_disease, 1)
    s.flag("Diabetes mellitus", i.diabetes, 1)
    total = int(s.total)
    # ESC 2024 AF guideline recommendations by CHA2DS2-VA score.
    if total == 0:
        text = "Low risk: oral anticoagulation not recommended for stroke prevention"
    elif total == 1:
        text = "Intermediate risk: oral anticoagulation should be considered"
    else:
        text = "High risk: oral anticoagulation recommended"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{text} (CHA₂DS₂-VA {total}; ESC 2024).",
        steps=s.steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc CHA₂DS₂-VA inputs → Inputs (a sex field, if present, is not scored)."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "chf": f.yes("chf", "heart failure"),
        "hypertension": f.yes("hypertension"),
        "stroke_tia_thromboembolism": f.yes("stroke", "tia", "thromboembolism"),
        "vascular_disease": f.yes("vascular"),
        "diabetes": f.yes("diabetes"),
    }
