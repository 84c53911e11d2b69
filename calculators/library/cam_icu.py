"""Confusion Assessment Method for the ICU (CAM-ICU)."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="cam_icu",
    name="Confusion Assessment Method for the ICU (CAM-ICU)",
    synonyms=("CAM-ICU", "CAM ICU delirium"),
    category="critical care",
    source=(
        "Ely EW, Inouye SK, Bernard GR, et al. Delirium in mechanically ventilated patients: "
        "validity and reliability of the confusion assessment method for the intensive care "
        "unit (CAM-ICU). JAMA. 2001;286(21):2703-10."
    ),
    doi="10.1001/jama.286.21.2703",
    pmid="11730446",
    output_type="text",
    description="Delirium is present with feature 1 (acute change or fluctuation) and feature 2 "
    "(inattention) and either feature 3 (altered consciousness) or feature 4 (disorganised "
    "thinking); the flowsheet stops at the first feature that decides.",
)


#: MedMCP-Calc answers that depart from the published formula (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_093_839d283f", 9): (
        "CAM-ICU: the item records feature 1 (changed from baseline) but no inattention "
        "(feature 2) assessment; the published flowsheet cannot conclude without it, so the "
        "task's 'negative' is not derivable from its inputs."
    ),
}


class Inputs(CalcInputs):
    """Inputs of the CAM-ICU flowsheet (later features only when the flowsheet reaches them)."""

    arousable: bool = Field(description="RASS -3 or above (sufficient arousal to assess)")
    feature1_acute_or_fluctuating: bool = Field(
        description="Feature 1: acute change from baseline or fluctuating course (past 24 h)"
    )
    feature2_inattention: bool | None = Field(
        default=None, description="Feature 2: inattention (>2 errors on the letters test)"
    )
    feature3_altered_consciousness: bool | None = Field(
        default=None, description="Feature 3: altered level of consciousness (RASS other than 0)"
    )
    feature4_disorganized_thinking: bool | None = Field(
        default=None, description="Feature 4: disorganised thinking (>1 error)"
    )

    @model_validator(mode="after")
    def _flowsheet(self) -> Inputs:
        if not (self.arousable and self.feature1_acute_or_fluctuating):
            return self
        if self.feature2_inattention is None:
            raise ValueError("feature2_inattention is required when feature 1 is present")
        if self.feature2_inattention and self.feature3_altered_consciousness is None:
            raise ValueError(
                "feature3_altered_consciousness is required when features 1 and 2 are present"
            )
        if (
            self.feature2_inattention
            and self.feature3_altered_consciousness is False
            and self.feature4_disorganized_thinking is None
        ):
            raise ValueError(
                "feature4_disorganized_thinking is required when features 1 and 2 "
                "are present and feature 3 is absent"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Walk the CAM-ICU flowsheet (Ely 2001)."""
    i = inputs
    steps = [Step(label="RASS ≥ -3", value=i.arousable)]
    if not i.arousable:
        return CalcResult(
            calculator=META.id,
            value="Unable to assess",
            interpretation="Too sedated (RASS -4/-5): reassess later",
            steps=steps,
        )
    steps.append(
        Step(label="Feature 1: acute change/fluctuation", value=i.feature1_acute_or_fluctuating)
    )
    positive = False
    if i.feature1_acute_or_fluctuating:
        steps.append(Step(label="Feature 2: inattention", value=i.feature2_inattention))
        if i.feature2_inattention:
            steps.append(
                Step(
                    label="Feature 3: altered consciousness", value=i.feature3_altered_consciousness
                )
            )
            positive = bool(i.feature3_altered_consciousness)
            if not positive:
                steps.append(
                    Step(
                        label="Feature 4: disorganised thinking",
                        value=i.feature4_disorganized_thinking,
                    )
                )
                positive = bool(i.feature4_disorganized_thinking)
    value = "CAM-ICU positive" if positive else "CAM-ICU negative"
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation="Delirium present" if positive else "Delirium absent",
        steps=steps,
    )


def _present(value: Any) -> bool:
    return mm.yes(value)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc CAM-ICU inputs → Inputs (feature 1 from its two sub-questions if split)."""
    out: dict[str, Any] = {"arousable": _present(mm.get(inputs, r"level of consciousness|rass"))}
    f1 = mm.opt(inputs, r"feature 1")
    if f1 is not None:
        out["feature1_acute_or_fluctuating"] = _present(f1)
    else:
        changed = mm.get(inputs, r"different than baseline|acute change")
        fluct = mm.get(inputs, r"fluctuat")
        out["feature1_acute_or_fluctuating"] = _present(changed) or _present(fluct)
    for key, pattern in (
        ("feature2_inattention", r"feature 2|inattention"),
        ("feature3_altered_consciousness", r"feature 3"),
        ("feature4_disorganized_thinking", r"feature 4|disorganized"),
    ):
        v = mm.opt(inputs, pattern)
        if v is not None:
            out[key] = _present(v)
    return out
