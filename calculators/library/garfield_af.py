"""GARFIELD-AF risk tool: 6-month, 1-year and 2-year mortality, stroke/SE and major bleeding.

Three Cox models from the GARFIELD-AF registry (52 032 patients with newly diagnosed atrial
fibrillation, Fox et al. 2022) give the risk of all-cause death, ischaemic stroke/systemic
embolism and major bleeding (haemorrhagic stroke included) under no oral anticoagulant, a
non-vitamin-K oral anticoagulant (NOAC) or a vitamin K antagonist (VKA):
``risk(t) = 1 − S0(t) ** exp(LP)``. Age, weight, pulse and diastolic pressure enter as linear
splines around 65 years, 75 kg, 120/min and 80 mmHg.

Where the numbers come from: the published GARFIELD-AF Risk Tool equations of the Thrombosis
Research Institute (af.garfieldregistry.org, "GARFIELD-AF-Risk-Tool-Equations.pdf", the tool
of Fox et al. 2022) and the public QxMD implementation of that tool (qxmd.com/calculate/
calculator_685), as transcribed in open-source reimplementations that agree digit for digit
(a TypeScript calculator citing the TRI equations, a Python calculator and a generated engine
built from the QxMD source, and an anticoagulation evaluator that carries the mortality and
stroke terms). Every coefficient below is the one those sources print; none was fitted here.
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._patient import Sex

META = CalculatorMeta(
    id="garfield_af",
    name="GARFIELD-AF",
    synonyms=(
        "GARFIELD-AF risk tool",
        "GARFIELD-AF risk calculator",
        "GARFIELD-AF risk score",
        "GARFIELD AF",
    ),
    category="cardiology",
    source=(
        "Fox KAA, Virdone S, Pieper KS, et al. GARFIELD-AF risk score for mortality, stroke, "
        "and bleeding within 2 years in patients with atrial fibrillation. Eur Heart J Qual "
        "Care Clin Outcomes. 2022;8(2):214-227 (first model: Fox KAA, Lucas JE, Pieper KS, "
        "et al. BMJ Open. 2017;7:e017157, doi:10.1136/bmjopen-2017-017157). Coefficients and "
        "baseline survivals: GARFIELD-AF Risk Tool equations, Thrombosis Research Institute."
    ),
    doi="10.1093/ehjqcco/qcab028",
    pmid="33892489",
    output_type="text",
    unit=None,
    description="6-month, 1-year and 2-year risks of all-cause death, ischaemic stroke/systemic "
    "embolism and major bleeding in atrial fibrillation, with no oral anticoagulant, a NOAC "
    "or a VKA.",
)

#: MedMCP-Calc answers that depart from this calculator's result (task_id, order) → reason.
MEDMCP_ERRATA: dict[tuple[str, int], str] = {
    ("medmcp-calc_067_4a049fa3", 7): (
        "GARFIELD-AF: the item's final_answer lists all three horizons (6 months, 1 year, "
        "2 years) while the other GARFIELD-AF items give only the 6-month block, which is "
        "this calculator's headline value; all nine risks equal ours (3.0/0.9/1.3, "
        "5.1/1.5/2.1, 9.1/2.5/3.3%), and with horizon='all' the value is the item's answer "
        "word for word."
    ),
}

Horizon = Literal["6 months", "1 year", "2 years"]
HORIZONS: tuple[Horizon, ...] = ("6 months", "1 year", "2 years")
Anticoagulant = Literal["none", "noac", "vka"]
Ethnicity = Literal["caucasian", "hispanic_latino", "asian", "black_mixed_other"]

# Baseline survival S0(t) at 6 months, 1 year and 2 years for each outcome (GARFIELD-AF Risk
# Tool equations, TRI; the same values in the QxMD GARFIELD-AF calculator).
BASELINE_SURVIVAL: dict[str, dict[Horizon, float]] = {
    "mortality": {"6 months": 0.987921904, "1 year": 0.9790643336, "2 years": 0.962450119},
    "stroke": {"6 months": 0.9955506465, "1 year": 0.9925445321, "2 years": 0.987574311},
    "bleeding": {"6 months": 0.9968755499, "1 year": 0.9946821686, "2 years": 0.991720115},
}

# Treatment terms (reference: no oral anticoagulant), same source:
# mortality NOAC −0.414591263, VKA −0.18593561; stroke/SE NOAC −0.572199357,
# VKA −0.352373263; major bleeding NOAC +0.24232543, VKA +0.609713354.
TREATMENT: dict[str, dict[Anticoagulant, float]] = {
    "mortality": {"none": 0.0, "noac": -0.414591263, "vka": -0.18593561},
    "stroke": {"none": 0.0, "noac": -0.572199357, "vka": -0.352373263},
    "bleeding": {"none": 0.0, "noac": 0.24232543, "vka": 0.609713354},
}

# Ethnicity enters the mortality model only (reference: Caucasian), same source.
ETHNICITY_MORTALITY: dict[str, float] = {
    "caucasian": 0.0,
    "hispanic_latino": 0.157023564,
    "asian": -0.609609055,
    "black_mixed_other": 0.375675102,
}

OUTCOME_LABELS = {
    "mortality": "All-cause mortality",
    "stroke": "Ischemic stroke/SE",
    "bleeding": "Major bleeding",
}
TREATMENT_LABELS = {"none": "no oral anticoagulant", "noac": "a NOAC", "vka": "a VKA"}


class Inputs(QuantityInputs):
    """Inputs of the GARFIELD-AF risk tool (all 16 predictors are required)."""

    sex: Sex = Field(description="Sex (female lowers the mortality risk)")
    age: float = quantity("age", "years", ge=18, le=110, description="Age")
    weight: float = quantity("weight", "kg", ge=25, le=300, description="Body weight")
    heart_failure: bool = Field(description="Heart failure (history, or ejection fraction < 40%)")
    vascular_disease: bool = Field(
        description="Vascular disease: coronary artery disease, myocardial infarction, "
        "peripheral artery disease or aortic plaque"
    )
    prior_stroke: bool = Field(
        description="Prior stroke, transient ischaemic attack or systemic embolism"
    )
    history_of_bleeding: bool = Field(description="History of bleeding")
    carotid_occlusive_disease: bool = Field(description="Carotid occlusive disease")
    diabetes: bool = Field(description="Diabetes mellitus")
    moderate_to_severe_ckd: bool = Field(
        description="Moderate-to-severe chronic kidney disease (stage 3-5, eGFR < 60)"
    )
    dementia: bool = Field(description="Dementia")
    current_smoker: bool = Field(description="Current smoker")
    antiplatelet: bool = Field(description="Antiplatelet treatment (aspirin, P2Y12 inhibitor)")
    ethnicity: Ethnicity = Field(
        description="caucasian, hispanic_latino, asian, or black_mixed_other "
        "(Afro-Caribbean, mixed or other)"
    )
    pulse: float = quantity("rate", "/min", ge=20, le=250, description="Pulse")
    diastolic_bp: float = quantity(
        "pressure", "mmHg", ge=20, le=160, description="Diastolic blood pressure"
    )
    anticoagulant: Anticoagulant = Field(
        description="Oral anticoagulant treatment: none, noac (non-vitamin-K oral "
        "anticoagulant) or vka (vitamin K antagonist)"
    )
    horizon: Literal["6 months", "1 year", "2 years", "all"] = Field(
        "6 months",
        description="Which block the value shows: '6 months' (the tool's first column), "
        "'1 year', '2 years' or 'all'; every horizon is always in extra['risks']",
    )


def _terms(i: Inputs) -> dict[str, list[tuple[str, Any, float]]]:
    """The covariate terms (label, input, contribution) of each model, treatment excluded."""
    age, wt, pulse, dbp = i.age, i.weight, i.pulse, i.diastolic_bp
    # Mortality model (GARFIELD-AF Risk Tool equations, TRI): female −0.306202287, heart
    # failure 0.693789082, vascular disease 0.306120964, prior stroke/TIA/SE 0.26585298,
    # bleeding 0.385407386, diabetes 0.280133213, moderate-to-severe CKD 0.377903886,
    # dementia 0.489453313, current smoker 0.345481149; age 0.031050027/yr up to 65 and
    # 0.064594824/yr above; weight −0.021535182/kg up to 75 kg (0 above); pulse
    # 0.007678035/beat up to 120/min (0 above); diastolic −0.019304333/mmHg up to 80 (0 above).
    mortality = [
        ("Female sex", i.sex, -0.306202287 if i.sex == "female" else 0.0),
        ("Heart failure", i.heart_failure, 0.693789082 * i.heart_failure),
        ("Vascular disease", i.vascular_disease, 0.306120964 * i.vascular_disease),
        ("Prior stroke/TIA/SE", i.prior_stroke, 0.26585298 * i.prior_stroke),
        ("History of bleeding", i.history_of_bleeding, 0.385407386 * i.history_of_bleeding),
        ("Diabetes", i.diabetes, 0.280133213 * i.diabetes),
        (
            "Moderate-to-severe CKD",
            i.moderate_to_severe_ckd,
            0.377903886 * i.moderate_to_severe_ckd,
        ),
        ("Dementia", i.dementia, 0.489453313 * i.dementia),
        ("Current smoker", i.current_smoker, 0.345481149 * i.current_smoker),
        ("Ethnicity", i.ethnicity, ETHNICITY_MORTALITY[i.ethnicity]),
        ("Age (spline at 65 y)", age, (0.031050027 if age <= 65 else 0.064594824) * (age - 65)),
        ("Weight (≤ 75 kg)", round(wt, 2), -0.021535182 * (wt - 75) if wt <= 75 else 0.0),
        ("Pulse (≤ 120/min)", pulse, 0.007678035 * (pulse - 120) if pulse <= 120 else 0.0),
        ("Diastolic BP (≤ 80 mmHg)", dbp, -0.019304333 * (dbp - 80) if dbp <= 80 else 0.0),
    ]
    # Ischaemic stroke/SE model, same source: heart failure 0.233182644, vascular disease
    # 0.197919709, prior stroke/TIA/SE 0.800863063, bleeding 0.29883967, diabetes
    # 0.211995445, CKD 0.349516938, dementia 0.513221391, smoker 0.478831506; age
    # 0.039138147/yr around 65; diastolic 0.01590016/mmHg above 80 (0 below).
    stroke = [
        ("Heart failure", i.heart_failure, 0.233182644 * i.heart_failure),
        ("Vascular disease", i.vascular_disease, 0.197919709 * i.vascular_disease),
        ("Prior stroke/TIA/SE", i.prior_stroke, 0.800863063 * i.prior_stroke),
        ("History of bleeding", i.history_of_bleeding, 0.29883967 * i.history_of_bleeding),
        ("Diabetes", i.diabetes, 0.211995445 * i.diabetes),
        (
            "Moderate-to-severe CKD",
            i.moderate_to_severe_ckd,
            0.349516938 * i.moderate_to_severe_ckd,
        ),
        ("Dementia", i.dementia, 0.513221391 * i.dementia),
        ("Current smoker", i.current_smoker, 0.478831506 * i.current_smoker),
        ("Age (per year from 65)", age, 0.039138147 * (age - 65)),
        ("Diastolic BP (> 80 mmHg)", dbp, 0.01590016 * (dbp - 80) if dbp > 80 else 0.0),
    ]
    # Major bleeding model, same source: vascular disease 0.168950627, bleeding 0.782237771,
    # carotid occlusive disease 0.316245771, CKD 0.498686574, antiplatelet 0.236620846,
    # diabetes 0.176898047; age 0.043476276/yr and pulse 0.004167103/beat, both linear
    # around 65 years and 120/min over the whole range.
    bleeding = [
        ("Vascular disease", i.vascular_disease, 0.168950627 * i.vascular_disease),
        ("History of bleeding", i.history_of_bleeding, 0.782237771 * i.history_of_bleeding),
        (
            "Carotid occlusive disease",
            i.carotid_occlusive_disease,
            0.316245771 * i.carotid_occlusive_disease,
        ),
        (
            "Moderate-to-severe CKD",
            i.moderate_to_severe_ckd,
            0.498686574 * i.moderate_to_severe_ckd,
        ),
        ("Antiplatelet treatment", i.antiplatelet, 0.236620846 * i.antiplatelet),
        ("Diabetes", i.diabetes, 0.176898047 * i.diabetes),
        ("Age (per year from 65)", age, 0.043476276 * (age - 65)),
        ("Pulse (per beat from 120/min)", pulse, 0.004167103 * (pulse - 120)),
    ]
    return {"mortality": mortality, "stroke": stroke, "bleeding": bleeding}


def risk_percent(baseline_survival: float, linear_predictor: float) -> float:
    """Cox absolute risk in percent: 100 × (1 − S0 ** exp(LP))."""
    return 100.0 * (1.0 - baseline_survival ** math.exp(linear_predictor))


def _block(horizon: Horizon, risks: dict[str, float]) -> str:
    """One horizon as the tool displays it (risks to one decimal)."""
    lines = [horizon] + [f"{OUTCOME_LABELS[k]}: {risks[k]:.1f}%" for k in OUTCOME_LABELS]
    return "\n".join(lines)


def compute(inputs: Inputs) -> CalcResult:
    """Linear predictors of the three models, then 1 − S0(t)^exp(LP) at each horizon."""
    terms = _terms(inputs)
    steps: list[Step] = []
    covariate_lp: dict[str, float] = {}
    for outcome, rows in terms.items():
        total = 0.0
        for label, value, contribution in rows:
            total += contribution
            if contribution:
                steps.append(
                    Step(
                        label=f"{OUTCOME_LABELS[outcome]}: {label}",
                        value=value,
                        points=round(contribution, 6),
                        total=round(total, 6),
                    )
                )
        covariate_lp[outcome] = total

    # exp(LP) once per model and treatment scenario, then 1 − S0(t)^exp(LP) at each horizon.
    by_treatment: dict[str, dict[str, dict[str, float]]] = {}
    for treatment in ("none", "noac", "vka"):
        hazard = {o: math.exp(lp + TREATMENT[o][treatment]) for o, lp in covariate_lp.items()}
        by_treatment[treatment] = {
            h: {o: 100.0 * (1.0 - BASELINE_SURVIVAL[o][h] ** hz) for o, hz in hazard.items()}
            for h in HORIZONS
        }
    chosen = by_treatment[inputs.anticoagulant]
    lps = {o: lp + TREATMENT[o][inputs.anticoagulant] for o, lp in covariate_lp.items()}
    for outcome, lp in lps.items():
        steps.append(
            Step(
                label=f"{OUTCOME_LABELS[outcome]}: linear predictor",
                value=TREATMENT_LABELS[inputs.anticoagulant],
                points=round(TREATMENT[outcome][inputs.anticoagulant], 6),
                total=round(lp, 6),
                detail="covariates + treatment term; risk = 1 − S0(t)^exp(LP)",
            )
        )

    shown = HORIZONS if inputs.horizon == "all" else (inputs.horizon,)
    value = "\n".join(_block(h, chosen[h]) for h in shown)
    summary = "; ".join(
        f"{OUTCOME_LABELS[o].lower()} " + " / ".join(f"{chosen[h][o]:.1f}%" for h in HORIZONS)
        for o in OUTCOME_LABELS
    )
    return CalcResult(
        calculator=META.id,
        value=value,
        unit=None,
        interpretation=(
            f"With {TREATMENT_LABELS[inputs.anticoagulant]}, risks at 6 months / 1 year / "
            f"2 years: {summary}."
        ),
        steps=steps,
        warnings=[
            "Derived in adults with newly diagnosed non-valvular atrial fibrillation "
            "(GARFIELD-AF registry); the treatment scenarios are observational associations, "
            "not randomised treatment effects."
        ],
        extra={
            "anticoagulant": inputs.anticoagulant,
            # The risks (percent) are unrounded: the value and interpretation show them at the
            # tool's one decimal.
            "risks": chosen,
            "risks_by_anticoagulant": by_treatment,
            "linear_predictors": {o: round(lp, 9) for o, lp in lps.items()},
        },
    )


def _anticoagulant(value: Any) -> str:
    """Map the benchmark's OAC text ('No oral anticoagulant', 'NOAC', 'VKA') to an option."""
    return mm.choose(
        value,
        (
            (r"noac|doac|non.?vitamin|direct|apixaban|rivaroxaban|dabigatran|edoxaban", "noac"),
            (r"vka|warfarin|vitamin k|coumar|acenocoumarol|phenprocoumon", "vka"),
            (r"^(no|none)\b|without|not on", "none"),
        ),
    )


def _ethnicity(value: Any) -> str:
    """Map the benchmark's ethnicity text to the model's four groups."""
    return mm.choose(
        value,
        (
            # Caucasian first: the word contains "asian".
            (r"caucasian|white|european", "caucasian"),
            (r"hispanic|latin", "hispanic_latino"),
            (r"asian", "asian"),
            (r"black|afro|african|mixed|other", "black_mixed_other"),
        ),
    )


def _reading(value: Any) -> Any:
    """A vital sign as written ('82 mm Hg', '88 beats/min (irregular)') for the unit parser."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return str(value).split("(")[0].strip()


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc GARFIELD-AF inputs → Inputs (weights may be in lbs, yes/no as 'Yes (...)')."""

    def yes(*patterns: str) -> bool:
        return mm.yes(mm.get(inputs, *patterns))

    return {
        "sex": str(mm.get(inputs, r"^sex|gender")),
        "age": kw.parse_quantity(mm.get(inputs, r"^age"), "years"),
        "weight": kw.parse_quantity(mm.get(inputs, r"weight"), "kg"),
        "heart_failure": yes(r"heart failure"),
        "vascular_disease": yes(r"vascular"),
        "prior_stroke": yes(r"stroke|tia\b|embolism"),
        "history_of_bleeding": yes(r"bleed"),
        "carotid_occlusive_disease": yes(r"carotid"),
        "diabetes": yes(r"diabet"),
        "moderate_to_severe_ckd": yes(r"ckd|kidney|renal"),
        "dementia": yes(r"dementia"),
        "current_smoker": yes(r"smok"),
        "antiplatelet": yes(r"antiplatelet|aspirin"),
        "ethnicity": _ethnicity(mm.get(inputs, r"ethnic|race")),
        "pulse": _reading(mm.get(inputs, r"pulse|heart rate")),
        "diastolic_bp": _reading(mm.get(inputs, r"diastolic|dbp")),
        "anticoagulant": _anticoagulant(mm.get(inputs, r"\boac\b|anticoag")),
    }
