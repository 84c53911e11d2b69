"""CHADS-65 algorithm (Canadian Cardiovascular Society) for antithrombotic therapy in AF."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="chads_65",
    name="CHADS-65 (Canadian Society of Cardiology Guideline)",
    synonyms=("CHADS-65", "CHADS65", "CCS algorithm", "CCS CHADS-65"),
    category="cardiology",
    source="Andrade JG, Aguilar M, Atzema C, et al. The 2020 Canadian Cardiovascular Society/"
    "Canadian Heart Rhythm Society comprehensive guidelines for the management of atrial "
    "fibrillation. Can J Cardiol. 2020;36(12):1847-1948 (the 'CCS algorithm', CHADS-65).",
    output_type="text",
    description="Age ≥ 65 → oral anticoagulant; else any CHADS2 risk factor (heart failure, "
    "hypertension, diabetes, prior stroke/TIA) → OAC; else coronary or peripheral arterial "
    "disease → antiplatelet (ASA); else no antithrombotic.",
)


class Inputs(CalcInputs):
    """Inputs of the CCS algorithm (later questions only when the algorithm reaches them)."""

    age_65_or_older: bool = Field(description="Age ≥ 65 years")
    heart_failure: bool | None = Field(None, description="Heart failure (asked if age < 65)")
    hypertension: bool | None = Field(None, description="Hypertension (asked if age < 65)")
    diabetes: bool | None = Field(None, description="Diabetes mellitus (asked if age < 65)")
    prior_stroke_tia: bool | None = Field(
        None, description="Prior stroke or TIA (asked if age < 65)"
    )
    coronary_or_peripheral_artery_disease: bool | None = Field(
        None,
        description="Coronary artery disease or peripheral arterial disease (asked if age < 65 "
        "and no CHADS2 risk factor)",
    )

    @model_validator(mode="after")
    def _flowsheet(self) -> Inputs:
        if self.age_65_or_older:
            return self
        chads = {
            "heart_failure": self.heart_failure,
            "hypertension": self.hypertension,
            "diabetes": self.diabetes,
            "prior_stroke_tia": self.prior_stroke_tia,
        }
        if any(chads.values()):
            return self
        missing = [k for k, v in chads.items() if v is None]
        if missing:
            raise ValueError(f"age < 65 without a known CHADS2 risk factor: give {missing}")
        if self.coronary_or_peripheral_artery_disease is None:
            raise ValueError(
                "age < 65 and no CHADS2 risk factor: give coronary_or_peripheral_artery_disease"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Walk the CCS algorithm (Andrade 2020)."""
    i = inputs
    steps = [Step(label="Age ≥ 65", value=i.age_65_or_older)]
    if i.age_65_or_older:
        value, why = "OAC", "age ≥ 65"
    else:
        factors = {
            "heart failure": i.heart_failure,
            "hypertension": i.hypertension,
            "diabetes": i.diabetes,
            "prior stroke/TIA": i.prior_stroke_tia,
        }
        present = [k for k, v in factors.items() if v]
        steps.append(Step(label="CHADS2 risk factor", value=", ".join(present) or "none"))
        if present:
            value, why = "OAC", "CHADS2 risk factor: " + ", ".join(present)
        else:
            steps.append(
                Step(
                    label="Coronary or peripheral arterial disease",
                    value=i.coronary_or_peripheral_artery_disease,
                )
            )
            if i.coronary_or_peripheral_artery_disease:
                value, why = "Antiplatelet therapy (ASA)", "arterial vascular disease"
            else:
                value, why = "No antithrombotic", "no risk factor"
    if value == "OAC":
        reading = f"OAC recommended ({why}); a DOAC is preferred over warfarin."
    elif value.startswith("Antiplatelet"):
        reading = f"Antiplatelet therapy (e.g. ASA 81 mg daily) recommended ({why})."
    else:
        reading = "No antithrombotic therapy recommended (age < 65, no risk factor)."
    return CalcResult(calculator=META.id, value=value, interpretation=reading, steps=steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age ≥ 65 and, when asked, the CHADS2 factors and CAD/PAD)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {"age_65_or_older": f.yes("age")}
    for key, keys in (
        ("heart_failure", ("heart failure", "chf")),
        ("hypertension", ("hypertension",)),
        ("diabetes", ("diabetes",)),
        ("prior_stroke_tia", ("stroke", "tia")),
        ("coronary_or_peripheral_artery_disease", ("coronary", "peripheral", "vascular")),
    ):
        if f.has(*keys):
            out[key] = f.yes(*keys)
    return out
