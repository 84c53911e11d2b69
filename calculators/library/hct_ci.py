"""Hematopoietic Cell Transplantation-specific Comorbidity Index (HCT-CI)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="hct_ci",
    name="Hematopoietic Cell Transplantation-specific Comorbidity Index (HCT-CI)",
    synonyms=("HCT-CI", "HCTCI", "Sorror comorbidity index", "HCT comorbidity index"),
    category="hematology",
    source="Sorror ML, Maris MB, Storb R, et al. Hematopoietic cell transplantation "
    "(HCT)-specific comorbidity index: a new tool for risk assessment before allogeneic HCT. "
    "Blood. 2005;106(8):2912-2919.",
    doi="10.1182/blood-2005-05-2004",
    output_type="integer",
    description="Weighted count of 17 pre-transplant comorbidities; 0 low, 1-2 intermediate, "
    "≥ 3 high risk of non-relapse mortality after allogeneic HCT.",
)

# Weights and definitions: Sorror 2005, Table 1 (as reproduced in the NCI PDQ table "Definitions
# of Comorbidities Included in the HCT-CI", whose three columns are the weights 1, 2 and 3):
# weight 1: arrhythmia, cardiac, inflammatory bowel disease, diabetes, cerebrovascular disease,
# psychiatric disturbance, mild hepatic, obesity, infection; weight 2: rheumatologic, peptic
# ulcer, moderate/severe renal, moderate pulmonary; weight 3: prior solid tumour, heart valve
# disease, severe pulmonary, moderate/severe hepatic.
ONE_POINT: tuple[tuple[str, str], ...] = (
    ("arrhythmia", "Arrhythmia (AF/flutter, sick sinus syndrome, ventricular arrhythmia)"),
    ("cardiac", "Cardiac (CAD, CHF, MI or EF ≤ 50%)"),
    ("inflammatory_bowel_disease", "Inflammatory bowel disease (Crohn's or UC)"),
    ("diabetes", "Diabetes requiring insulin or oral agents"),
    ("cerebrovascular_disease", "Cerebrovascular disease (TIA or stroke)"),
    ("psychiatric_disturbance", "Psychiatric disturbance requiring consult or treatment"),
    ("obesity", "Obesity (BMI > 35 kg/m²)"),
    ("infection", "Infection requiring antimicrobial treatment continued after day 0"),
)
TWO_POINT: tuple[tuple[str, str], ...] = (
    ("rheumatologic", "Rheumatologic (SLE, RA, polymyositis, MCTD, polymyalgia rheumatica)"),
    ("peptic_ulcer", "Peptic ulcer requiring treatment"),
    (
        "renal_moderate_severe",
        "Moderate/severe renal (creatinine > 2 mg/dL, dialysis, prior renal transplant)",
    ),
)
THREE_POINT: tuple[tuple[str, str], ...] = (
    ("prior_solid_tumor", "Prior solid tumour (treated; excluding non-melanoma skin cancer)"),
    ("heart_valve_disease", "Heart valve disease (except mitral valve prolapse)"),
)
HEPATIC_POINTS = {"none": 0, "mild": 1, "moderate_severe": 3}
PULMONARY_POINTS = {"none": 0, "moderate": 2, "severe": 3}

# Risk groups and 2-year non-relapse mortality in the validation set (Sorror 2005; the same
# 14% / 21% / 41% predicted NRM is quoted by the Italian prospective validation, Raimondi R
# et al. Blood. 2012;120(6):1327-33).
RISK_GROUPS = ((0, "Low risk", "14%"), (2, "Intermediate risk", "21%"))
HIGH_RISK = ("High risk", "41%")
# Comorbidity-age index: + 1 point for age ≥ 40 years (Sorror ML et al. J Clin Oncol.
# 2014;32(29):3249-56).
AGE_CUTOFF = 40


class Inputs(CalcInputs):
    """Inputs of the HCT-CI (each comorbidity as defined by Sorror 2005)."""

    arrhythmia: bool = Field(description="Atrial fibrillation/flutter, sick sinus, VT/VF (+1)")
    cardiac: bool = Field(description="CAD, congestive heart failure, MI, or EF ≤ 50% (+1)")
    inflammatory_bowel_disease: bool = Field(description="Crohn's disease or UC (+1)")
    diabetes: bool = Field(description="Diabetes treated with insulin or oral agents (+1)")
    cerebrovascular_disease: bool = Field(description="TIA or cerebrovascular accident (+1)")
    psychiatric_disturbance: bool = Field(
        description="Depression/anxiety requiring psychiatric consult or treatment (+1)"
    )
    obesity: bool = Field(description="BMI > 35 kg/m² (+1)")
    infection: bool = Field(description="Infection needing antimicrobials after day 0 (+1)")
    rheumatologic: bool = Field(description="SLE, RA, polymyositis, MCTD, PMR (+2)")
    peptic_ulcer: bool = Field(description="Peptic ulcer requiring treatment (+2)")
    renal_moderate_severe: bool = Field(
        description="Creatinine > 2 mg/dL, on dialysis, or prior renal transplant (+2)"
    )
    prior_solid_tumor: bool = Field(
        description="Solid tumour treated at any time, excluding non-melanoma skin cancer (+3)"
    )
    heart_valve_disease: bool = Field(description="Heart valve disease except MVP (+3)")
    hepatic: Literal["none", "mild", "moderate_severe"] = Field(
        description="mild: chronic hepatitis, bilirubin > ULN-1.5×ULN or AST/ALT > ULN-2.5×ULN "
        "(+1); moderate_severe: cirrhosis, bilirubin > 1.5×ULN or AST/ALT > 2.5×ULN (+3)"
    )
    pulmonary: Literal["none", "moderate", "severe"] = Field(
        description="moderate: DLCO and/or FEV1 66-80% or dyspnoea on slight activity (+2); "
        "severe: DLCO and/or FEV1 ≤ 65%, dyspnoea at rest or oxygen (+3)"
    )
    age: float | None = Field(
        None, ge=0, le=120, description="Age in years (optional: comorbidity-age index, ≥ 40: +1)"
    )


def risk_group(total: int) -> tuple[str, str]:
    """Risk group and 2-year non-relapse mortality for an HCT-CI score (Sorror 2005)."""
    for upper, label, nrm in RISK_GROUPS:
        if total <= upper:
            return label, nrm
    return HIGH_RISK


def compute(inputs: Inputs) -> CalcResult:
    """Weighted sum of the HCT-CI comorbidities."""
    i = inputs
    s = Score()
    for weight, items in ((1, ONE_POINT), (2, TWO_POINT), (3, THREE_POINT)):
        for name, label in items:
            s.flag(label, bool(getattr(i, name)), weight)
    s.add("Hepatic", i.hepatic, HEPATIC_POINTS[i.hepatic], "mild: +1; moderate/severe: +3")
    s.add("Pulmonary", i.pulmonary, PULMONARY_POINTS[i.pulmonary], "moderate: +2; severe: +3")
    total = int(s.total)
    label, nrm = risk_group(total)
    extra: dict[str, Any] = {"risk_group": label, "nrm_2y": nrm}
    if i.age is not None:
        extra["comorbidity_age_index"] = total + (1 if i.age >= AGE_CUTOFF else 0)
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{label} (HCT-CI {total}): 2-year non-relapse mortality about {nrm} "
        "in the validation cohort.",
        steps=s.steps,
        extra=extra,
    )


def _yes(f: Fields, *keys: str, exclude: tuple[str, ...] = ()) -> bool:
    # A comorbidity the item does not list was not recorded as present.
    return f.yes(*keys, exclude=exclude) if f.has(*keys, exclude=exclude) else False


def _graded(f: Fields, keys: tuple[str, ...], options: dict[str, tuple[str, ...]]) -> str:
    if not f.has(*keys):
        return "none"
    text = f.text(*keys).lower()
    if text.split(" ")[0] in ("no", "none", "absent", "normal") or text.startswith("no "):
        return "none"
    return str(f.option(*keys, options=options))


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc HCT-CI inputs → kwargs (unlisted comorbidities are absent)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "arrhythmia": _yes(f, "arrhythmia"),
        "cardiac": _yes(f, "cardiac", exclude=("valve",)),
        "inflammatory_bowel_disease": _yes(f, "inflammatory bowel", "ibd"),
        "diabetes": _yes(f, "diabetes"),
        "cerebrovascular_disease": _yes(f, "cerebrovascular"),
        "psychiatric_disturbance": _yes(f, "psychiatric"),
        "obesity": _yes(f, "obesity", "bmi"),
        "infection": _yes(f, "infection"),
        "rheumatologic": _yes(f, "rheumatologic"),
        "peptic_ulcer": _yes(f, "peptic ulcer"),
        "renal_moderate_severe": _yes(f, "renal"),
        "prior_solid_tumor": _yes(f, "solid tumor", "solid tumour", "malignancy"),
        "heart_valve_disease": _yes(f, "valve"),
        "hepatic": _graded(
            f,
            ("hepatic", "liver"),
            {
                "mild": ("mild", "chronic hepatitis"),
                "moderate_severe": ("moderate", "severe", "cirrhosis"),
            },
        ),
        "pulmonary": _graded(
            f,
            ("pulmonary", "lung"),
            {
                "moderate": ("moderate", "slight activity"),
                "severe": ("severe", "at rest", "oxygen"),
            },
        ),
    }
    if f.has("age"):
        out["age"] = f.number("age")
    return out
