"""Critical Care Pain Observation Tool (CPOT)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import as_int, tally

META = CalculatorMeta(
    id="cpot",
    name="Critical Care Pain Observation Tool (CPOT)",
    synonyms=("CPOT", "critical-care pain observation tool"),
    category="critical care",
    source="Gélinas C, et al. Validation of the critical-care pain observation tool in adult "
    "patients. Am J Crit Care. 2006;15(4):420-7.",
    pmid="16823021",
    output_type="integer",
    unit=None,
    description="Behavioural pain score (0–8) for ICU patients who cannot self-report; above 2 "
    "signals unacceptable pain.",
)

# Gélinas 2006, four behaviours scored 0–2.
FACIAL = {0: ("Relaxed, neutral",), 1: ("Tense",), 2: ("Grimacing",)}
BODY = {
    0: ("Absence of movements or normal position", "absence of movements"),
    1: ("Protection",),
    2: ("Restlessness/agitation", "restlessness", "agitation"),
}
TENSION = {0: ("Relaxed",), 1: ("Tense, rigid",), 2: ("Very tense or rigid",)}
VENTILATOR = {
    0: ("Tolerating ventilator or movement", "tolerating ventilator"),
    1: ("Coughing but tolerating",),
    2: ("Fighting ventilator",),
}
VOCAL = {
    0: ("Talking in normal tone or no sound", "normal tone", "no sound"),
    1: ("Sighing, moaning",),
    2: ("Crying out, sobbing",),
}


def _item(options: dict[int, tuple[str, ...]], what: str) -> Any:
    return Field(
        ge=0, le=2, description=f"{what}: " + "; ".join(f"{k} {v[0]}" for k, v in options.items())
    )


class Inputs(CalcInputs):
    """Inputs of the CPOT (ventilator compliance if intubated, vocalization if not)."""

    intubated: bool = Field(
        description="Intubated (score ventilator compliance) or not (score vocalization)"
    )
    facial_expression: int = _item(FACIAL, "Facial expression")
    body_movements: int = _item(BODY, "Body movements")
    muscle_tension: int = _item(TENSION, "Muscle tension")
    ventilator_compliance: int | None = Field(
        default=None,
        ge=0,
        le=2,
        description="Intubated only: " + "; ".join(f"{k} {v[0]}" for k, v in VENTILATOR.items()),
    )
    vocalization: int | None = Field(
        default=None,
        ge=0,
        le=2,
        description="Extubated only: " + "; ".join(f"{k} {v[0]}" for k, v in VOCAL.items()),
    )

    @model_validator(mode="after")
    def _one_fourth_item(self) -> Inputs:
        if self.intubated and self.ventilator_compliance is None:
            raise ValueError("intubated patients need 'ventilator_compliance' (0–2)")
        if not self.intubated and self.vocalization is None:
            raise ValueError("non-intubated patients need 'vocalization' (0–2)")
        if self.intubated and self.vocalization is not None:
            raise ValueError("give 'ventilator_compliance', not 'vocalization', when intubated")
        if not self.intubated and self.ventilator_compliance is not None:
            raise ValueError("give 'vocalization', not 'ventilator_compliance', when not intubated")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Sum the four behaviour items (0–2 each)."""
    fourth = (
        ("Compliance with the ventilator", inputs.ventilator_compliance)
        if inputs.intubated
        else ("Vocalization", inputs.vocalization)
    )
    steps, total = tally(
        [
            ("Facial expression", inputs.facial_expression, inputs.facial_expression),
            ("Body movements", inputs.body_movements, inputs.body_movements),
            ("Muscle tension", inputs.muscle_tension, inputs.muscle_tension),
            (fourth[0], fourth[1], float(fourth[1] or 0)),
        ]
    )
    # Gélinas 2006 (cut-off validated by Gélinas, Clin J Pain 2009): >2 indicates pain.
    label = (
        "Unacceptable amount of pain (>2): consider analgesia"
        if total > 2
        else "Minimal or no pain (≤2)"
    )
    return CalcResult(calculator=META.id, value=as_int(total), interpretation=label, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (intubated?, four behaviours) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    intubated = f.yes("intubated")
    out: dict[str, Any] = {
        "intubated": intubated,
        "facial_expression": f.option("facial", options=FACIAL),
        "body_movements": f.option("body", options=BODY),
        "muscle_tension": f.option("muscle", "tension", options=TENSION),
    }
    if intubated:
        out["ventilator_compliance"] = f.option("ventilator", options=VENTILATOR)
    else:
        out["vocalization"] = f.option("vocal", options=VOCAL)
    return out
