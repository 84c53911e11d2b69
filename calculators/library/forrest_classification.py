"""Forrest classification of upper GI bleeding (peptic ulcer stigmata)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step

META = CalculatorMeta(
    id="forrest_classification",
    name="Forrest Classification of Upper GI Bleeding",
    synonyms=("Forrest classification", "Forrest class"),
    category="gastroenterology",
    source=(
        "Forrest JA, Finlayson ND, Shearman DJ. Endoscopy in gastrointestinal bleeding. "
        "Lancet. 1974;2(7877):394-7; rebleeding without endoscopic therapy: Laine L, Peterson "
        "WL. Bleeding peptic ulcer. N Engl J Med. 1994;331(11):717-27."
    ),
    doi="10.1016/s0140-6736(74)91770-x",
    pmid="4136718",
    output_type="text",
    description="Endoscopic stigmata of ulcer bleeding (Ia-III) with their risk of rebleeding.",
)

Finding = Literal[
    "spurting",
    "oozing",
    "non-bleeding visible vessel",
    "adherent clot",
    "flat pigmented spot",
    "clean base",
]
_CLASS = {
    "spurting": ("Ia", 55),
    "oozing": ("Ib", 55),
    "non-bleeding visible vessel": ("IIa", 43),
    "adherent clot": ("IIb", 22),
    "flat pigmented spot": ("IIc", 10),
    "clean base": ("III", 5),
}


class Inputs(CalcInputs):
    """Inputs of the Forrest classification."""

    finding: Finding = Field(
        description="Endoscopic finding: active spurting or oozing "
        "bleeding, non-bleeding visible vessel, adherent clot, flat "
        "pigmented spot, or clean ulcer base"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Map the stigma to its Forrest class and rebleeding risk."""
    cls, risk = _CLASS[inputs.finding]
    high = cls in ("Ia", "Ib", "IIa")
    return CalcResult(
        calculator=META.id,
        value=cls,
        interpretation=f"Forrest {cls}: rebleeding ≈{risk}% without endoscopic therapy; "
        + (
            "endoscopic haemostasis indicated"
            if high
            else "consider clot removal/endoscopic therapy"
            if cls == "IIb"
            else "endoscopic therapy not needed"
        ),
        steps=[Step(label="Finding", value=inputs.finding, detail=f"class {cls}")],
    )
