"""ABCD² score for stroke risk after a transient ischaemic attack (TIA)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="abcd2",
    name="ABCD² Score for TIA",
    synonyms=("ABCD2", "ABCD2 score", "ABCD² score", "ABCD2 Score for TIA"),
    category="neurology",
    source="Johnston SC, Rothwell PM, Nguyen-Huynh MN, et al. Validation and refinement of "
    "scores to predict very early stroke risk after transient ischaemic attack. Lancet. "
    "2007;369(9558):283-292.",
    doi="10.1016/S0140-6736(07)60150-0",
    pmid="17258668",
    output_type="integer",
    description="Age, blood pressure, clinical features, duration and diabetes (0-7): 2-, 7- "
    "and 90-day stroke risk after a TIA.",
)

Features = Literal["unilateral_weakness", "speech_disturbance", "other"]
Duration = Literal["under_10", "10_to_59", "60_or_more"]

# Johnston 2007 points: unilateral weakness 2, speech disturbance without weakness 1;
# duration ≥ 60 min 2, 10-59 min 1, < 10 min 0.
FEATURE_POINTS: dict[str, int] = {"unilateral_weakness": 2, "speech_disturbance": 1, "other": 0}
DURATION_POINTS: dict[str, int] = {"60_or_more": 2, "10_to_59": 1, "under_10": 0}


class Inputs(CalcInputs):
    """Inputs of the ABCD² score."""

    age_60_or_older: bool = Field(description="Age ≥ 60 years (+1)")
    bp_140_90_or_higher: bool = Field(
        description="Blood pressure ≥ 140/90 mmHg at first evaluation (SBP ≥ 140 or DBP ≥ 90: +1)"
    )
    clinical_features: Features = Field(
        description="Clinical features of the TIA: unilateral_weakness (+2), "
        "speech_disturbance without weakness (+1), other (0)"
    )
    duration: Duration = Field(
        description="Duration of symptoms: under_10 min (0), 10_to_59 min (+1), 60_or_more (+2)"
    )
    diabetes: bool = Field(description="History of diabetes (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the five ABCD² items (0-7) and the Johnston 2007 risk group."""
    s = Score()
    s.flag("Age ≥ 60 years", inputs.age_60_or_older, 1)
    s.flag("BP ≥ 140/90 mmHg", inputs.bp_140_90_or_higher, 1)
    s.add("Clinical features", inputs.clinical_features, FEATURE_POINTS[inputs.clinical_features])
    s.add("Duration of symptoms", inputs.duration, DURATION_POINTS[inputs.duration])
    s.flag("Diabetes", inputs.diabetes, 1)
    total = int(s.total)
    # Johnston 2007 validation cohorts, stroke risk at 2 / 7 / 90 days: 0-3 low 1.0 / 1.2 /
    # 3.1%; 4-5 moderate 4.1 / 5.9 / 9.8%; 6-7 high 8.1 / 11.7 / 17.8%.
    if total <= 3:
        group, risk = "Low risk", ("1.0%", "1.2%", "3.1%")
    elif total <= 5:
        group, risk = "Moderate risk", ("4.1%", "5.9%", "9.8%")
    else:
        group, risk = "High risk", ("8.1%", "11.7%", "17.8%")
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{group} (ABCD² {total}): stroke risk {risk[0]} at 2 days, {risk[1]} "
        f"at 7 days, {risk[2]} at 90 days.",
        steps=s.steps,
        extra={"risk_group": group, "stroke_risk_2d_7d_90d": list(risk)},
    )


_FEATURES = {
    "unilateral_weakness": ("Unilateral weakness", "weakness with or without speech"),
    "speech_disturbance": ("Speech disturbance without weakness", "speech disturbance"),
    "other": ("Other symptoms", "other", "none"),
}
_DURATION = {
    "60_or_more": ("≥60 minutes", "60 minutes or more", "ge 60 min"),
    "10_to_59": ("10-59 minutes", "10 59 minutes", "10 59 min"),
    "under_10": ("<10 minutes", "lt 10 min", "less than 10 minutes"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ABCD² inputs (yes/no criteria, feature and duration options) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age_60_or_older": f.yes("age"),
        "bp_140_90_or_higher": f.yes("bp", "blood pressure"),
        "clinical_features": f.option("clinical features", "clinical", options=_FEATURES),
        "duration": f.option("duration", options=_DURATION),
        "diabetes": f.yes("diabetes"),
    }
