"""Framingham criteria for the clinical diagnosis of congestive heart failure."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="framingham_hf",
    name="Framingham Heart Failure Diagnostic Criteria",
    synonyms=("Framingham criteria for heart failure", "Framingham CHF criteria"),
    category="cardiology",
    source="McKee PA, Castelli WP, McNamara PM, Kannel WB. The natural history of congestive "
    "heart failure: the Framingham study. N Engl J Med. 1971;285(26):1441-1446.",
    output_type="text",
    description="Heart failure is diagnosed with 2 major criteria, or 1 major and 2 minor "
    "criteria; weight loss ≥4.5 kg in 5 days on treatment counts as major or minor.",
)

# McKee 1971 major criteria.
_MAJOR = (
    ("pnd_or_orthopnea", "Paroxysmal nocturnal dyspnea or orthopnea"),
    ("neck_vein_distention", "Neck vein distention"),
    ("rales", "Rales"),
    ("cardiomegaly", "Radiographic cardiomegaly"),
    ("acute_pulmonary_edema", "Acute pulmonary edema"),
    ("s3_gallop", "S3 gallop"),
    ("venous_pressure_gt_16", "Central venous pressure >16 cm H2O"),
    ("circulation_time_25s", "Circulation time ≥25 s"),
    ("hepatojugular_reflux", "Hepatojugular reflux"),
)
# McKee 1971 minor criteria (only if not attributable to another condition).
_MINOR = (
    ("ankle_edema", "Bilateral ankle edema"),
    ("night_cough", "Nocturnal cough"),
    ("dyspnea_on_exertion", "Dyspnea on ordinary exertion"),
    ("hepatomegaly", "Hepatomegaly"),
    ("pleural_effusion", "Pleural effusion"),
    ("vital_capacity_reduced", "Vital capacity decreased by one third from maximum"),
    ("tachycardia_120", "Tachycardia (heart rate ≥120/min)"),
)


class Inputs(CalcInputs):
    """Framingham major and minor criteria (each present or absent)."""

    pnd_or_orthopnea: bool = Field(description="Major: paroxysmal nocturnal dyspnea or orthopnea")
    neck_vein_distention: bool = Field(description="Major: neck vein distention")
    rales: bool = Field(description="Major: rales")
    cardiomegaly: bool = Field(description="Major: radiographic cardiomegaly")
    acute_pulmonary_edema: bool = Field(description="Major: acute pulmonary edema")
    s3_gallop: bool = Field(description="Major: S3 gallop")
    venous_pressure_gt_16: bool = Field(
        False, description="Major: venous pressure >16 cm H2O (optional; rarely measured)"
    )
    circulation_time_25s: bool = Field(
        False, description="Major: circulation time ≥25 s (optional; no longer measured)"
    )
    hepatojugular_reflux: bool = Field(description="Major: hepatojugular reflux")
    weight_loss_4_5kg: bool = Field(
        description="Major or minor: weight loss ≥4.5 kg in 5 days in response to treatment"
    )
    ankle_edema: bool = Field(description="Minor: bilateral ankle edema")
    night_cough: bool = Field(description="Minor: nocturnal cough")
    dyspnea_on_exertion: bool = Field(description="Minor: dyspnea on ordinary exertion")
    hepatomegaly: bool = Field(description="Minor: hepatomegaly")
    pleural_effusion: bool = Field(description="Minor: pleural effusion")
    vital_capacity_reduced: bool = Field(
        False, description="Minor: vital capacity reduced by one third (optional)"
    )
    tachycardia_120: bool = Field(description="Minor: heart rate ≥120/min")


def compute(inputs: Inputs) -> CalcResult:
    """Count criteria; met with ≥2 major or 1 major + ≥2 minor (weight loss fills either)."""
    data = inputs.model_dump()
    steps = [Step(label=f"Major: {label}", value=data[key]) for key, label in _MAJOR]
    steps += [Step(label=f"Minor: {label}", value=data[key]) for key, label in _MINOR]
    steps.append(
        Step(label="Major or minor: weight loss ≥4.5 kg in 5 days", value=data["weight_loss_4_5kg"])
    )
    major = sum(bool(data[k]) for k, _ in _MAJOR)
    minor = sum(bool(data[k]) for k, _ in _MINOR)
    w = 1 if inputs.weight_loss_4_5kg else 0
    met = (major + w >= 2) or (major >= 1 and minor + w >= 2) or (major + w >= 1 and minor >= 2)
    steps.append(Step(label="Counts", value=f"{major} major, {minor} minor, weight loss {bool(w)}"))
    counts = f"{major} major and {minor} minor criteria" + (
        " plus weight loss ≥4.5 kg in 5 days" if w else ""
    )
    if met:
        text = f"Meets Framingham criteria for heart failure: {counts}."
    else:
        text = (
            f"Does not meet Framingham criteria for heart failure: {counts} "
            "(needs 2 major, or 1 major and 2 minor)."
        )
    return CalcResult(
        calculator=META.id,
        value="Heart failure" if met else "Criteria not met",
        interpretation=text,
        steps=steps,
        extra={"major": major, "minor": minor},
    )


_KEYS: dict[str, tuple[str, ...]] = {
    "pnd_or_orthopnea": ("paroxysmal", "pnd", "orthopnea"),
    "neck_vein_distention": ("neck vein", "jugular", "jvd"),
    "rales": ("rales", "crackles"),
    "cardiomegaly": ("cardiomegaly",),
    "acute_pulmonary_edema": ("pulmonary edema", "pulmonary oedema"),
    "s3_gallop": ("s3", "third heart sound"),
    "venous_pressure_gt_16": ("venous pressure", "cvp"),
    "circulation_time_25s": ("circulation time",),
    "hepatojugular_reflux": ("hepatojugular", "abdominojugular"),
    "weight_loss_4_5kg": ("weight loss",),
    "ankle_edema": ("ankle", "edema"),
    "night_cough": ("cough",),
    "dyspnea_on_exertion": ("exertion",),
    "hepatomegaly": ("hepatomegaly",),
    "pleural_effusion": ("pleural",),
    "vital_capacity_reduced": ("vital capacity",),
    "tachycardia_120": ("tachycardia", "heart rate"),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Framingham inputs (one yes/no per criterion; unlisted → absent) → Inputs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {}
    for key, keys in _KEYS.items():
        exclude = ("pulmonary",) if key == "ankle_edema" else ()
        out[key] = f.yes(*keys, exclude=exclude) if f.has(*keys, exclude=exclude) else False
    return out
