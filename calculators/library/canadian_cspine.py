"""Canadian C-Spine Rule for imaging after blunt neck trauma."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="canadian_cspine",
    name="Canadian C-Spine Rule",
    synonyms=("Canadian C-spine rule", "Canadian cervical spine rule"),
    category="emergency medicine",
    source="Stiell IG, Wells GA, Vandemheen KL, et al. The Canadian C-spine rule for "
    "radiography in alert and stable trauma patients. JAMA. 2001;286(15):1841-1848.",
    doi="10.1001/jama.286.15.1841",
    pmid="11597285",
    output_type="text",
    description="Three questions for alert (GCS 15), stable adults after blunt trauma: a "
    "high-risk factor, a low-risk factor allowing range-of-motion testing, and active neck "
    "rotation 45° left and right.",
)


class Inputs(CalcInputs):
    """The three steps of the rule (later ones only when the rule reaches them)."""

    high_risk_factor: bool = Field(
        description="Any high-risk factor: age ≥ 65, dangerous mechanism (fall ≥ 3 ft / 5 stairs, "
        "axial load, high-speed or rollover MVC or ejection, motorized recreational vehicle, "
        "bicycle collision) or paresthesias in the extremities"
    )
    low_risk_factor: bool | None = Field(
        None,
        description="Any low-risk factor allowing safe range-of-motion assessment: simple "
        "rear-end MVC, sitting position in the ED, ambulatory at any time, delayed onset of "
        "neck pain, or no midline C-spine tenderness (asked only without a high-risk factor)",
    )
    can_rotate_neck: bool | None = Field(
        None,
        description="Able to actively rotate the neck 45° left and right (asked only with a "
        "low-risk factor)",
    )

    @model_validator(mode="after")
    def _flow(self) -> Inputs:
        if not self.high_risk_factor and self.low_risk_factor is None:
            raise ValueError("low_risk_factor is required when no high-risk factor is present")
        if not self.high_risk_factor and self.low_risk_factor and self.can_rotate_neck is None:
            raise ValueError(
                "can_rotate_neck is required when there is no high-risk factor and a "
                "low-risk factor is present"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Walk the rule (Stiell 2001): imaging unless no high-risk, a low-risk factor and rotation."""
    steps = [Step(label="Any high-risk factor", value=inputs.high_risk_factor)]
    if inputs.high_risk_factor:
        value = "High risk"
        reading = "High risk: C-spine cannot be cleared clinically; radiography is indicated."
    else:
        steps.append(Step(label="Any low-risk factor", value=inputs.low_risk_factor))
        if not inputs.low_risk_factor:
            value = "Not low risk"
            reading = (
                "Not low risk: no low-risk factor allows range-of-motion testing; "
                "radiography is indicated."
            )
        else:
            steps.append(
                Step(label="Rotates neck 45° left and right", value=inputs.can_rotate_neck)
            )
            if inputs.can_rotate_neck:
                value = "Low risk"
                reading = "Low risk: C-spine cleared clinically; no radiography needed."
            else:
                value = "Unable to rotate"
                reading = "Unable to rotate the neck 45° both ways: radiography is indicated."
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=reading,
        steps=steps,
        warnings=[
            "For alert (GCS 15), stable adults after blunt head/neck trauma; not for age < 16, "
            "penetrating trauma, acute paralysis, known vertebral disease or prior C-spine "
            "surgery."
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Canadian C-spine inputs (the three yes/no steps) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "high_risk_factor": f.yes("age", "high risk", "dangerous mechanism", "paresthesia")
    }
    if f.has("low risk", "simple rear end", "sitting", "ambulatory"):
        out["low_risk_factor"] = f.yes("low risk", "simple rear end", "sitting", "ambulatory")
    if f.has("rotate", "rotation"):
        out["can_rotate_neck"] = f.yes("rotate", "rotation")
    return out
