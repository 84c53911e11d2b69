"""Edmonton Obesity Staging System (EOSS)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="edmonton_obesity_staging",
    name="Edmonton Obesity Staging System (EOSS)",
    synonyms=("EOSS", "Edmonton obesity staging", "Edmonton Obesity Staging System"),
    category="endocrinology",
    source="Sharma AM, Kushner RF. A proposed clinical staging system for obesity. Int J Obes "
    "(Lond). 2009;33(3):289-295 (stage definitions as reprinted in CMAJ, Box 1: The Edmonton "
    "obesity staging system).",
    doi="10.1038/ijo.2009.2",
    output_type="text",
    description="Stage 0-4 of obesity by its medical (risk factors, comorbidity), functional "
    "and psychological burden; the stage is the most severe level reached in any domain.",
)

# Sharma & Kushner 2009 stage definitions, per domain (0 none ... 4 severe / end-stage).
_MEDICAL = (
    "no obesity-related risk factors (BP, lipids, fasting glucose normal)",
    "subclinical risk factors (borderline hypertension, impaired fasting glucose, raised liver "
    "enzymes)",
    "established obesity-related chronic disease (hypertension, type 2 diabetes, sleep apnea, "
    "osteoarthritis)",
    "end-organ damage (myocardial infarction, heart failure, stroke)",
    "severe, potentially end-stage disease from obesity-related chronic disease",
)
_FUNCTIONAL = (
    "no physical symptoms or functional limitations",
    "mild physical symptoms (dyspnea on moderate exertion, occasional aches, fatigue) or mild "
    "functional limitations",
    "moderate limitations in activities of daily living",
    "significant functional limitations",
    "severe functional limitations",
)
_PSYCHOLOGICAL = (
    "no psychopathology or impairment of well-being",
    "mild psychopathology or mild impairment of well-being",
    "moderate impairment of well-being",
    "significant psychopathology or impairment of well-being",
    "severe, disabling psychopathology or impairment of well-being",
)


class Inputs(CalcInputs):
    """Inputs of the EOSS: the level (0-4) reached in each of its three domains."""

    medical: int = Field(
        ge=0,
        le=4,
        description="Obesity-related risk factors / comorbidity: 0 none, 1 subclinical, "
        "2 established chronic disease, 3 end-organ damage, 4 severe end-stage disease",
    )
    functional: int = Field(
        ge=0,
        le=4,
        description="Physical symptoms / functional limitations: 0 none, 1 mild, 2 moderate, "
        "3 significant, 4 severe",
    )
    psychological: int = Field(
        ge=0,
        le=4,
        description="Psychopathology / well-being: 0 none, 1 mild, 2 moderate, 3 significant, "
        "4 severe",
    )


def compute(inputs: Inputs) -> CalcResult:
    """The EOSS stage: the highest level reached in any domain (Sharma & Kushner 2009)."""
    levels = (
        ("Medical (risk factors, comorbidity)", inputs.medical, _MEDICAL),
        ("Functional (physical symptoms, limitations)", inputs.functional, _FUNCTIONAL),
        ("Psychological (psychopathology, well-being)", inputs.psychological, _PSYCHOLOGICAL),
    )
    steps = [
        Step(label=label, value=level, detail=f"stage {level}: {texts[level]}")
        for label, level, texts in levels
    ]
    stage = max(inputs.medical, inputs.functional, inputs.psychological)
    steps.append(Step(label="EOSS stage (highest domain level)", value=stage))
    meaning = {
        0: "no apparent obesity-related risk factors, symptoms or limitations",
        1: "subclinical risk factors or mild symptoms/limitations",
        2: "established obesity-related chronic disease or moderate limitations",
        3: "end-organ damage or significant psychopathology/functional limitations",
        4: "severe (potentially end-stage) disability from obesity-related disease",
    }[stage]
    return CalcResult(
        calculator=META.id,
        value=f"Stage {stage}",
        interpretation=f"Stage {stage}: {meaning}.",
        steps=steps,
        extra={"stage": stage},
    )


_LEVEL_WORDS = {
    0: ("none", "no", "absent", "normal"),
    1: ("mild", "subclinical", "borderline"),
    2: ("moderate", "established"),
    3: ("significant", "end organ damage", "end organ"),
    4: ("severe", "end stage", "disabling"),
}


def _level(f: Fields, *keys: str) -> int:
    return int(f.option(*keys, options=_LEVEL_WORDS))


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (one option text per domain, e.g. 'Mild (...)') → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "medical": _level(f, "risk factors", "comorbid", "medical"),
        "functional": _level(f, "physical", "functional"),
        "psychological": _level(f, "psychological", "mental"),
    }
