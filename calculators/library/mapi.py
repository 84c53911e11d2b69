"""Modified Asthma Predictive Index (mAPI)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="mapi",
    name="Modified Asthma Predictive Index (mAPI)",
    synonyms=("mAPI", "modified API", "Modified Asthma Predictive Index"),
    category="pediatrics",
    source="Guilbert TW, Morgan WJ, Zeiger RS, et al. Atopic characteristics of children with "
    "recurrent wheezing at high risk for the development of childhood asthma. J Allergy Clin "
    "Immunol. 2004;114(6):1282-1287; validated in Chang TS, Lemanske RF Jr, Guilbert TW, et "
    "al. Evaluation of the modified asthma predictive index in high-risk preschool children. "
    "J Allergy Clin Immunol Pract. 2013;1(2):152-156.",
    output_type="text",
    description="Children ≤ 3 years with ≥ 4 wheezing episodes a year: positive with 1 major "
    "(parental asthma, atopic dermatitis, aeroallergen sensitisation) or 2 minor criteria "
    "(food sensitisation to milk/egg/peanut, wheezing apart from colds, eosinophils ≥ 4%).",
)


class Inputs(CalcInputs):
    """The mAPI entry criterion and its major and minor criteria."""

    wheezing_4_or_more_per_year: bool = Field(
        description="≥ 4 wheezing episodes in the past year, ≥ 1 physician-confirmed (required)"
    )
    parent_asthma: bool = Field(description="Major: parent with asthma")
    atopic_dermatitis: bool = Field(description="Major: physician-diagnosed atopic dermatitis")
    aeroallergen_sensitization: bool = Field(
        description="Major: allergic sensitisation to ≥ 1 aeroallergen"
    )
    food_sensitization: bool = Field(description="Minor: sensitisation to milk, egg or peanut")
    wheezing_apart_from_colds: bool = Field(description="Minor: wheezing unrelated to colds")
    eosinophils_4_percent: bool = Field(description="Minor: blood eosinophils ≥ 4%")


def compute(inputs: Inputs) -> CalcResult:
    """Positive with the entry criterion plus ≥ 1 major or ≥ 2 minor criteria (Guilbert 2004)."""
    i = inputs
    major = sum((i.parent_asthma, i.atopic_dermatitis, i.aeroallergen_sensitization))
    minor = sum((i.food_sensitization, i.wheezing_apart_from_colds, i.eosinophils_4_percent))
    steps = [
        Step(label="≥ 4 wheezing episodes/year", value=i.wheezing_4_or_more_per_year),
        Step(label="Parent with asthma (major)", value=i.parent_asthma),
        Step(label="Atopic dermatitis (major)", value=i.atopic_dermatitis),
        Step(label="Aeroallergen sensitisation (major)", value=i.aeroallergen_sensitization),
        Step(label="Milk/egg/peanut sensitisation (minor)", value=i.food_sensitization),
        Step(label="Wheezing apart from colds (minor)", value=i.wheezing_apart_from_colds),
        Step(label="Eosinophils ≥ 4% (minor)", value=i.eosinophils_4_percent),
        Step(label="Major criteria met", value=major, total=major),
        Step(label="Minor criteria met", value=minor, total=minor),
    ]
    positive = i.wheezing_4_or_more_per_year and (major >= 1 or minor >= 2)
    if positive:
        # Chang 2013: positive mAPI > 98% specific for asthma by age 11 (99% at 11 years).
        reading = "Positive mAPI: high likelihood of asthma at school age (> 98% specific)."
    elif not i.wheezing_4_or_more_per_year:
        reading = "Negative mAPI: fewer than 4 wheezing episodes a year (entry criterion unmet)."
    else:
        reading = "Negative mAPI: no major and fewer than 2 minor criteria."
    return CalcResult(
        calculator=META.id,
        value="Positive" if positive else "Negative",
        interpretation=reading,
        steps=steps,
        extra={"major_criteria": major, "minor_criteria": minor},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc mAPI inputs (seven yes/no criteria) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "wheezing_4_or_more_per_year": f.yes("4 wheezing", "wheezing episodes"),
        "parent_asthma": f.yes("parent"),
        "atopic_dermatitis": f.yes("atopic dermatitis", "eczema"),
        "aeroallergen_sensitization": f.yes("aeroallergen"),
        "food_sensitization": f.yes("milk", "egg", "peanut", "food"),
        "wheezing_apart_from_colds": f.yes("unrelated to colds", "apart from colds", "colds"),
        "eosinophils_4_percent": f.yes("eosinophil"),
    }
