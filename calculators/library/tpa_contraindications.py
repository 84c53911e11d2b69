"""Eligibility and contraindications for IV alteplase (tPA) in acute ischaemic stroke."""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields, MedMCPInputError

META = CalculatorMeta(
    id="tpa_contraindications",
    name="tPA Contraindications for Ischemic Stroke",
    synonyms=(
        "tPA eligibility",
        "alteplase contraindications",
        "IV thrombolysis eligibility for stroke",
        "tPA contraindications",
    ),
    category="neurology",
    source="Powers WJ, et al. Guidelines for the Early Management of Patients With Acute "
    "Ischemic Stroke: 2019 Update. Stroke. 2019;50(12):e344-e418; Demaerschalk BM, et "
    "al. Scientific rationale for the inclusion and exclusion criteria for intravenous "
    "alteplase in acute ischemic stroke. Stroke. 2016;47(2):581-641.",
    doi="10.1161/STR.0000000000000211",
    output_type="text",
    unit=None,
    description="Checks inclusion criteria, absolute contraindications, relative "
    "contraindications and the extra warnings of the 3–4.5 h window.",
)

INCLUSION = {
    "age_18_or_older": "Age ≥18 years",
    "ischemic_stroke_with_deficit": "Clinical diagnosis of ischaemic stroke causing a "
    "measurable neurological deficit",
    "onset_within_4_5h": "Symptom onset (last known well) <4.5 hours before treatment",
}
ABSOLUTE = {
    "ich_on_ct": "Intracranial hemorrhage on CT",
    "suspected_sah": "Clinical presentation suggests subarachnoid hemorrhage",
    "recent_neurosurgery_head_trauma_or_stroke": "Neurosurgery, serious head trauma or stroke "
    "in the past 3 months",
    "uncontrolled_hypertension": "Uncontrolled hypertension (>185 mmHg systolic or >110 mmHg "
    "diastolic)",
    "history_of_ich": "History of intracranial hemorrhage",
    "avm_neoplasm_or_aneurysm": "Known intracranial AVM, neoplasm or aneurysm",
    "active_internal_bleeding": "Active internal bleeding",
    "endocarditis": "Suspected or confirmed infective endocarditis",
    "platelets_below_100k": "Platelet count <100,000/µL",
    "heparin_48h_with_high_aptt": "Heparin within 48 hours with an elevated aPTT",
    "warfarin_inr_over_1_7": "Warfarin with INR >1.7",
    "doac_use": "Current use of direct thrombin or factor Xa inhibitors",
    "glucose_below_50": "Blood glucose <50 mg/dL",
    "intra_axial_neoplasm": "Intra-axial intracranial neoplasm",
    "gi_malignancy": "Gastrointestinal malignancy",
    "gi_bleed_21_days": "Gastrointestinal hemorrhage within 21 days",
    "intracranial_or_spinal_surgery_3_months": "Intracranial or intraspinal surgery within "
    "3 months",
    "extensive_hypoattenuation": "CT shows extensive regions of clear hypoattenuation",
    "aortic_arch_dissection": "Stroke known or suspected to be associated with aortic arch "
    "dissection",
}
RELATIVE = {
    "minor_or_rapidly_improving": "Only minor or rapidly improving stroke symptoms",
    "major_surgery_or_trauma_14_days": "Major surgery or serious non-head trauma in the "
    "previous 14 days",
    "gi_or_urinary_bleed_21_days": "Gastrointestinal or urinary tract hemorrhage within 21 days",
    "seizure_at_onset": "Seizure at stroke onset",
    "arterial_puncture_noncompressible": "Recent arterial puncture at a noncompressible site",
    "recent_lumbar_puncture": "Recent lumbar puncture",
    "post_mi_pericarditis": "Post-myocardial infarction pericarditis",
    "pregnancy": "Pregnancy",
}
EXTENDED_WINDOW = {
    "age_over_80": "Age >80 years",
    "prior_stroke_and_diabetes": "History of both prior stroke and diabetes",
    "any_anticoagulant_use": "Any active anticoagulant use, even with INR ≤1.7",
    "nihss_over_25": "NIHSS >25",
    "multilobar_infarction": "CT shows multilobar infarction (>1/3 of a hemisphere)",
}


def _flag(label: str, group: str) -> Any:
    return Field(description=f"{group}: {label}")


class Inputs(CalcInputs):
    """Inputs of the tPA checklist (each criterion true or false)."""

    age_18_or_older: bool = _flag(INCLUSION["age_18_or_older"], "Inclusion")
    ischemic_stroke_with_deficit: bool = _flag(
        INCLUSION["ischemic_stroke_with_deficit"], "Inclusion"
    )
    onset_within_4_5h: bool = _flag(INCLUSION["onset_within_4_5h"], "Inclusion")
    onset_beyond_3h: bool = Field(
        description="Treatment would start 3–4.5 h after onset (the "
        "extended-window warnings then apply)"
    )
    ich_on_ct: bool = _flag(ABSOLUTE["ich_on_ct"], "Absolute")
    suspected_sah: bool = _flag(ABSOLUTE["suspected_sah"], "Absolute")
    recent_neurosurgery_head_trauma_or_stroke: bool = _flag(
        ABSOLUTE["recent_neurosurgery_head_trauma_or_stroke"], "Absolute"
    )
    uncontrolled_hypertension: bool = _flag(ABSOLUTE["uncontrolled_hypertension"], "Absolute")
    history_of_ich: bool = _flag(ABSOLUTE["history_of_ich"], "Absolute")
    avm_neoplasm_or_aneurysm: bool = _flag(ABSOLUTE["avm_neoplasm_or_aneurysm"], "Absolute")
    active_internal_bleeding: bool = _flag(ABSOLUTE["active_internal_bleeding"], "Absolute")
    endocarditis: bool = _flag(ABSOLUTE["endocarditis"], "Absolute")
    platelets_below_100k: bool = _flag(ABSOLUTE["platelets_below_100k"], "Absolute")
    heparin_48h_with_high_aptt: bool = _flag(ABSOLUTE["heparin_48h_with_high_aptt"], "Absolute")
    warfarin_inr_over_1_7: bool = _flag(ABSOLUTE["warfarin_inr_over_1_7"], "Absolute")
    doac_use: bool = _flag(ABSOLUTE["doac_use"], "Absolute")
    glucose_below_50: bool = _flag(ABSOLUTE["glucose_below_50"], "Absolute")
    intra_axial_neoplasm: bool = _flag(ABSOLUTE["intra_axial_neoplasm"], "Absolute")
    gi_malignancy: bool = _flag(ABSOLUTE["gi_malignancy"], "Absolute")
    gi_bleed_21_days: bool = _flag(ABSOLUTE["gi_bleed_21_days"], "Absolute")
    intracranial_or_spinal_surgery_3_months: bool = _flag(
        ABSOLUTE["intracranial_or_spinal_surgery_3_months"], "Absolute"
    )
    extensive_hypoattenuation: bool = _flag(ABSOLUTE["extensive_hypoattenuation"], "Absolute")
    aortic_arch_dissection: bool = _flag(ABSOLUTE["aortic_arch_dissection"], "Absolute")
    minor_or_rapidly_improving: bool = _flag(RELATIVE["minor_or_rapidly_improving"], "Relative")
    major_surgery_or_trauma_14_days: bool = _flag(
        RELATIVE["major_surgery_or_trauma_14_days"], "Relative"
    )
    gi_or_urinary_bleed_21_days: bool = _flag(RELATIVE["gi_or_urinary_bleed_21_days"], "Relative")
    seizure_at_onset: bool = _flag(RELATIVE["seizure_at_onset"], "Relative")
    arterial_puncture_noncompressible: bool = _flag(
        RELATIVE["arterial_puncture_noncompressible"], "Relative"
    )
    recent_lumbar_puncture: bool = _flag(RELATIVE["recent_lumbar_puncture"], "Relative")
    post_mi_pericarditis: bool = _flag(RELATIVE["post_mi_pericarditis"], "Relative")
    pregnancy: bool = _flag(RELATIVE["pregnancy"], "Relative")
    age_over_80: bool = _flag(EXTENDED_WINDOW["age_over_80"], "3–4.5 h warning")
    prior_stroke_and_diabetes: bool = _flag(
        EXTENDED_WINDOW["prior_stroke_and_diabetes"], "3–4.5 h warning"
    )
    any_anticoagulant_use: bool = _flag(EXTENDED_WINDOW["any_anticoagulant_use"], "3–4.5 h warning")
    nihss_over_25: bool = _flag(EXTENDED_WINDOW["nihss_over_25"], "3–4.5 h warning")
    multilobar_infarction: bool = _flag(EXTENDED_WINDOW["multilobar_infarction"], "3–4.5 h warning")


def compute(inputs: Inputs) -> CalcResult:
    """Eligible when every inclusion criterion holds and no absolute contraindication does."""
    missing = [label for k, label in INCLUSION.items() if not getattr(inputs, k)]
    absolute = [label for k, label in ABSOLUTE.items() if getattr(inputs, k)]
    relative = [label for k, label in RELATIVE.items() if getattr(inputs, k)]
    extended = (
        [label for k, label in EXTENDED_WINDOW.items() if getattr(inputs, k)]
        if inputs.onset_beyond_3h
        else []
    )
    steps = [
        Step(label=f"Inclusion: {label}", value=getattr(inputs, k))
        for k, label in INCLUSION.items()
    ]
    steps += [Step(label=f"Absolute: {label}", value=True) for label in absolute]
    steps += [Step(label=f"Relative: {label}", value=True) for label in relative]
    steps += [Step(label=f"3–4.5 h warning: {label}", value=True) for label in extended]
    if missing or absolute:
        reasons = [f"inclusion not met: {m}" for m in missing] + absolute
        return CalcResult(
            calculator=META.id,
            value="Patient not eligible for tPA.",
            interpretation="Not eligible: " + "; ".join(reasons),
            steps=steps,
        )
    warnings = [f"Relative contraindication: {r}" for r in relative]
    warnings += [f"3–4.5 h window warning: {e}" for e in extended]
    text = (
        "Eligible for IV alteplase; weigh the listed warnings"
        if warnings
        else "Eligible for IV alteplase: no contraindication identified"
    )
    return CalcResult(
        calculator=META.id,
        value="Patient eligible for tPA.",
        interpretation=text,
        steps=steps,
        warnings=warnings,
    )


# Key phrases of each criterion in MedMCP-Calc field names.
_KEYS: dict[str, tuple[str, ...]] = {
    "age_18_or_older": ("age ge 18",),
    "ischemic_stroke_with_deficit": ("clinical diagnosis",),
    "onset_within_4_5h": ("symptom onset",),
    "ich_on_ct": ("intracranial hemorrhage on ct",),
    "suspected_sah": ("subarachnoid",),
    "recent_neurosurgery_head_trauma_or_stroke": ("neurosurgery",),
    "uncontrolled_hypertension": ("uncontrolled hypertension",),
    "history_of_ich": ("history of intracranial hemorrhage",),
    "avm_neoplasm_or_aneurysm": ("avm",),
    "active_internal_bleeding": ("active internal",),
    "endocarditis": ("endocarditis",),
    "platelets_below_100k": ("platelet count lt",),
    "heparin_48h_with_high_aptt": ("heparin",),
    "warfarin_inr_over_1_7": ("warfarin",),
    "doac_use": ("direct thrombin", "factor xa"),
    "glucose_below_50": ("blood glucose",),
    "intra_axial_neoplasm": ("intra axial",),
    "gi_malignancy": ("gi malignancy",),
    "gi_bleed_21_days": ("gi hemorrhage within",),
    "intracranial_or_spinal_surgery_3_months": ("intraspinal surgery",),
    "extensive_hypoattenuation": ("hypoattenuation",),
    "aortic_arch_dissection": ("aortic arch",),
    "minor_or_rapidly_improving": ("rapidly improving",),
    "major_surgery_or_trauma_14_days": ("major surgery",),
    "gi_or_urinary_bleed_21_days": ("urinary tract",),
    "seizure_at_onset": ("seizure at",),
    "arterial_puncture_noncompressible": ("arterial puncture",),
    "recent_lumbar_puncture": ("lumbar puncture",),
    "post_mi_pericarditis": ("pericarditis",),
    "pregnancy": ("pregnancy",),
    "age_over_80": ("age gt 80",),
    "prior_stroke_and_diabetes": ("prior stroke and diabetes",),
    "any_anticoagulant_use": ("any active anticoagulant",),
    "nihss_over_25": ("nihss gt 25",),
    "multilobar_infarction": ("multilobar",),
}


def _onset_hours(text: str) -> float | None:
    m = re.search(r"(\d+(?:\.\d+)?)\s*(min|minutes|h|hr|hrs|hours)\b", text, re.IGNORECASE)
    if not m:
        return None
    value = float(m.group(1))
    return value / 60 if m.group(2).lower().startswith("min") else value


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the MDCalc tPA checklist) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {key: f.yes(*keys) for key, keys in _KEYS.items()}
    onset = f.text("symptom onset")
    hours = _onset_hours(onset)
    if hours is None:
        raise MedMCPInputError(
            f"{META.id}: the time since symptom onset is needed to know "
            f"whether the 3–4.5 h warnings apply; found {onset!r}."
        )
    out["onset_beyond_3h"] = hours > 3
    return out
