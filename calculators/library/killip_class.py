"""Killip classification of heart failure in acute myocardial infarction."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="killip_class",
    name="Killip Classification for Heart Failure",
    synonyms=("Killip classification", "Killip class", "Killip-Kimball classification"),
    category="cardiology",
    source="Killip T 3rd, Kimball JT. Treatment of myocardial infarction in a coronary care "
    "unit. A two year experience with 250 patients. Am J Cardiol. 1967;20(4):457-464.",
    output_type="text",
    description="Bedside class (I-IV) of heart failure complicating acute MI, from lung "
    "auscultation, S3/jugular pressure and perfusion; higher classes carry higher mortality.",
)

Finding = Literal["none", "rales_s3_jvd", "pulmonary_edema", "cardiogenic_shock"]

# Killip 1967 classes, as the class definitions are stated there.
_CLASSES: dict[str, tuple[str, str]] = {
    "none": ("Class I", "no clinical signs of heart failure"),
    "rales_s3_jvd": (
        "Class II",
        "rales or crackles in the lungs, an S3 gallop or elevated jugular venous pressure",
    ),
    "pulmonary_edema": ("Class III", "frank acute pulmonary edema"),
    "cardiogenic_shock": (
        "Class IV",
        "cardiogenic shock or hypotension (SBP <90 mmHg) with signs of peripheral "
        "vasoconstriction (oliguria, cyanosis, sweating)",
    ),
}


class Inputs(CalcInputs):
    """The worst heart-failure finding on examination."""

    finding: Finding = Field(
        description="Worst finding: 'none'; 'rales_s3_jvd' (rales, S3 or raised JVP); "
        "'pulmonary_edema' (frank pulmonary oedema); 'cardiogenic_shock'"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Map the worst finding to its Killip class."""
    label, text = _CLASSES[inputs.finding]
    return CalcResult(
        calculator=META.id,
        value=label,
        interpretation=f"Killip {label}: {text}.",
        steps=[Step(label="Worst heart-failure finding", value=inputs.finding, detail=text)],
    )


_OPTIONS = {
    "none": ("class i", "no heart failure", "no signs", "no clinical signs", "none"),
    "rales_s3_jvd": ("class ii", "rales", "crackles", "s3", "jugular", "jvd", "jvp"),
    "pulmonary_edema": ("class iii", "pulmonary edema", "pulmonary oedema"),
    "cardiogenic_shock": ("class iv", "cardiogenic shock", "shock"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Killip input (one option field, or one yes/no field per class) → Inputs."""
    f = Fields(inputs, META.id)
    if f.has("killip", "class", "finding", "sign", "heart failure"):
        return {
            "finding": f.option(
                "killip", "class", "finding", "sign", "heart failure", options=_OPTIONS
            )
        }
    for key, keys in (
        ("cardiogenic_shock", ("shock",)),
        ("pulmonary_edema", ("pulmonary edema", "pulmonary oedema")),
        ("rales_s3_jvd", ("rales", "crackles", "s3", "jugular")),
    ):
        if f.has(*keys) and f.yes(*keys):
            return {"finding": key}
    return {"finding": "none"}
