"""ASA Physical Status classification."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields, match_option

META = CalculatorMeta(
    id="asa_physical_status",
    name="ASA Physical Status/ASA Classification",
    synonyms=(
        "ASA Physical Status Classification System",
        "ASA physical status",
        "ASA classification",
        "ASA class",
        "ASA PS",
    ),
    category="anesthesiology",
    source="American Society of Anesthesiologists. ASA Physical Status Classification System "
    "(House of Delegates, approved 2014, amended 2020), https://www.asahq.org/standards-and-"
    "practice-parameters/statement-on-asa-physical-status-classification-system; origin: Saklad "
    "M. Grading of patients for surgical procedures. Anesthesiology. 1941;2:281-284.",
    output_type="text",
    description="Preoperative physical status class ASA I-VI, with the suffix 'E' for emergency "
    "surgery.",
)

Klass = Literal[1, 2, 3, 4, 5, 6]

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}

# The ASA definitions (ASA statement, amended 2020).
_DEFINITIONS = {
    1: "a normal healthy patient",
    2: "a patient with mild systemic disease",
    3: "a patient with severe systemic disease",
    4: "a patient with severe systemic disease that is a constant threat to life",
    5: "a moribund patient who is not expected to survive without the operation",
    6: "a declared brain-dead patient whose organs are being removed for donor purposes",
}


class Inputs(CalcInputs):
    """The class the anesthesiologist assigns, and whether the surgery is an emergency."""

    asa_class: Klass = Field(
        description="1 healthy; 2 mild systemic disease; 3 severe systemic disease; 4 severe "
        "systemic disease that is a constant threat to life; 5 moribund, not expected to survive "
        "without the operation; 6 brain-dead organ donor"
    )
    emergency: bool = Field(
        default=False,
        description="Emergency surgery (delay would significantly increase the threat to life "
        "or body part): adds the suffix 'E'",
    )

    @model_validator(mode="after")
    def _no_emergency_donor(self) -> Inputs:
        if self.asa_class == 6 and self.emergency:
            raise ValueError(
                "emergency: the 'E' modifier does not apply to ASA VI (brain-dead organ donor); "
                "found asa_class=6 with emergency=True"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """The class label (``ASA III``, ``ASA IIE``) with its ASA definition."""
    label = f"ASA {_ROMAN[inputs.asa_class]}{'E' if inputs.emergency else ''}"
    text = _DEFINITIONS[inputs.asa_class]
    steps = [
        Step(label="Physical status class", value=inputs.asa_class, detail=text),
        Step(label="Emergency surgery (E)", value=inputs.emergency),
    ]
    return CalcResult(
        calculator=META.id,
        value=label,
        interpretation=f"{label}: {text}{'; emergency surgery' if inputs.emergency else ''}.",
        steps=steps,
        extra={"class": inputs.asa_class},
    )


_NUMBER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_NUMBER.update({str(n): n for n in range(1, 7)})
_CLASS = re.compile(
    r"(?i)^\s*(?:asa\s*(?:ps|class)?|class|physical status)?\s*(vi|iv|v|i{1,3}|[1-6])\b"
)
# Free text without a class: the ASA definitions (the longest contained phrase wins).
_DESCRIPTIONS: dict[int, tuple[str, ...]] = {
    1: ("normal healthy", "healthy"),
    2: ("mild systemic disease",),
    3: ("severe systemic disease",),
    4: ("severe systemic disease that is a constant threat to life", "constant threat to life"),
    5: ("moribund", "not expected to survive"),
    6: ("brain dead", "organ donor"),
}

_E_SUFFIX = re.compile(r"(?i)\b(vi|iv|v|i{1,3}|[1-6])\s*-?\s*e\b")


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ASA inputs ('ASA III (severe systemic disease)', 'ASA IIE') → Inputs."""
    f = Fields(inputs, META.id)
    keys = ("asa", "physical status", "class")
    field, raw = f.raw(*keys, exclude=("emergen",))
    head = str(raw).split("(")[0]
    suffix = _E_SUFFIX.search(head)
    text = _E_SUFFIX.sub(lambda m: m.group(1), head) if suffix else str(raw)
    emergency = bool(suffix)
    if f.has("emergency", "emergent"):
        emergency = emergency or f.yes("emergency", "emergent")
    # A class written out ('ASA IV (…)', 'Class 3') decides before the description text.
    m = _CLASS.match(text)
    klass = (
        _NUMBER[m.group(1).lower()]
        if m
        else match_option(text, _DESCRIPTIONS, field=f"{META.id}: {field}")
    )
    return {"asa_class": klass, "emergency": emergency}
