"""New York Heart Association (NYHA) functional classification of heart failure."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="nyha_class",
    name="New York Heart Association (NYHA) Functional Classification for Heart Failure",
    synonyms=("NYHA", "NYHA class", "NYHA functional class", "NYHA classification"),
    category="cardiology",
    source="The Criteria Committee of the New York Heart Association. Nomenclature and "
    "Criteria for Diagnosis of Diseases of the Heart and Great Vessels. 9th ed. Boston: "
    "Little, Brown & Co; 1994:253-256.",
    output_type="text",
    description="Functional class I-IV of heart disease from the physical activity that "
    "brings on symptoms (fatigue, palpitation, dyspnoea, angina).",
)

Limitation = Literal["none", "slight", "marked", "at_rest"]

# NYHA Criteria Committee (9th ed., 1994), functional capacity classes.
_CLASSES: dict[str, tuple[str, str]] = {
    "none": (
        "Class I",
        "no limitation of physical activity; ordinary activity does not cause undue fatigue, "
        "palpitation, dyspnea or anginal pain",
    ),
    "slight": (
        "Class II",
        "slight limitation of physical activity; comfortable at rest, but ordinary activity "
        "results in fatigue, palpitation, dyspnea or anginal pain",
    ),
    "marked": (
        "Class III",
        "marked limitation of physical activity; comfortable at rest, but less than ordinary "
        "activity causes fatigue, palpitation, dyspnea or anginal pain",
    ),
    "at_rest": (
        "Class IV",
        "unable to carry on any physical activity without discomfort; symptoms may be "
        "present at rest and increase with any activity",
    ),
}


class Inputs(CalcInputs):
    """The degree of limitation of physical activity."""

    limitation: Limitation = Field(
        description="'none' (ordinary activity causes no symptoms); 'slight' (ordinary "
        "activity causes symptoms); 'marked' (less than ordinary activity causes symptoms); "
        "'at_rest' (symptoms at rest or with any activity)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Map the limitation to its NYHA class."""
    label, text = _CLASSES[inputs.limitation]
    return CalcResult(
        calculator=META.id,
        value=label,
        interpretation=f"NYHA {label}: {text}.",
        steps=[Step(label="Limitation of physical activity", value=inputs.limitation)],
    )


_OPTIONS = {
    "none": ("class i", "no limitation", "no symptoms", "none", "asymptomatic"),
    "slight": ("class ii", "slight limitation", "ordinary activity", "slight", "mild"),
    "marked": ("class iii", "marked limitation", "less than ordinary", "marked"),
    "at_rest": ("class iv", "at rest", "any physical activity", "symptoms at rest"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc NYHA input (the class or the activity that causes symptoms) → Inputs."""
    f = Fields(inputs, META.id)
    keys = ("nyha", "class", "limitation", "symptom", "activity", "functional")
    return {"limitation": f.option(*keys, options=_OPTIONS)}
