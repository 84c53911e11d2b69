"""Cardiology calculators added for single-use MedMCP-Calc names (session 4, part n1).

None of these names has a dev item, so each gets a hand-worked example (arithmetic in a
comment), boundary cases, a ``from_medmcp`` round trip in the benchmark's usual value style,
and bad-input cases. Not implemented (see the session report): GRACE, Vancouver Chest Pain Rule,
T-MACS, modified Duke criteria, AR PISA and AR volumetric.
"""

from __future__ import annotations

from typing import Any

import pytest

from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError, get_calculator

from calc_testkit import assert_name_resolves

NAMES = {
    "TIMI Risk Score for UA/NSTEMI": "timi_ua_nstemi",
    "Emergency Department Assessment of Chest Pain Score (EDACS)": "edacs",
    "CHA₂DS₂-VA Score for Atrial Fibrillation Stroke Risk": "cha2ds2_va",
    "ATRIA Stroke Risk Score": "atria_stroke",
    "Killip Classification for Heart Failure": "killip_class",
    "New York Heart Association (NYHA) Functional Classification for Heart Failure": "nyha_class",
    "ACC/AHA Heart Failure Staging": "acc_aha_hf_stage",
    "Framingham Heart Failure Diagnostic Criteria": "framingham_hf",
    "H2FPEF Score for Heart Failure with Preserved Ejection Fraction": "h2fpef",
    "Modified Sgarbossa's Criteria for MI in Left Bundle Branch Block": "modified_sgarbossa",
    "Subtle Anterior STEMI Calculator (4-Variable)": "subtle_anterior_stemi_4var",
    "Duke Activity Status Index (DASI)": "dasi",
    "RV Systolic Pressure (TR Jet)": "rvsp_tr_jet",
    "PCWP (Echo)": "pcwp_echo",
    "tPA (Alteplase) Dosing for Ischemic Stroke Calculator": "tpa_alteplase_stroke",
}


def _run(calc_id: str, inputs: dict[str, Any]) -> Any:
    return get_calculator(calc_id).run(inputs)


def _medmcp(calc_id: str, items: list[tuple[str, Any]]) -> Any:
    calc = get_calculator(calc_id)
    kwargs = calc.module.from_medmcp([{"field": f, "value": v} for f, v in items])
    return calc.run(kwargs)


@pytest.mark.parametrize(("name", "calc_id"), sorted(NAMES.items()))
def test_names_resolve_with_adapter(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


# --- TIMI UA/NSTEMI -----------------------------------------------------------------------

TIMI_NONE = {
    "age": 50,
    "cad_risk_factors_3_or_more": False,
    "known_cad_stenosis_50": False,
    "aspirin_past_7_days": False,
    "severe_angina": False,
    "st_deviation": False,
    "positive_cardiac_marker": False,
}


def test_timi_hand_worked() -> None:
    # 68 y (≥65: 1) + aspirin (1) + ST deviation (1) + troponin (1) = 4 → 19.9% (Antman 2000).
    r = _run(
        "timi_ua_nstemi",
        {
            **TIMI_NONE,
            "age": 68,
            "aspirin_past_7_days": True,
            "st_deviation": True,
            "positive_cardiac_marker": True,
        },
    )
    assert r.value == 4
    assert "19.9%" in r.interpretation
    assert [s.total for s in r.steps][-1] == 4


def test_timi_boundaries() -> None:
    assert _run("timi_ua_nstemi", {**TIMI_NONE, "age": 64.9}).value == 0
    assert _run("timi_ua_nstemi", {**TIMI_NONE, "age": 65}).value == 1
    all_yes = {k: True for k in TIMI_NONE if k != "age"} | {"age": 80}
    r = _run("timi_ua_nstemi", all_yes)
    assert r.value == 7 and "40.9%" in r.interpretation


def test_timi_medmcp_and_bad_input() -> None:
    r = _medmcp(
        "timi_ua_nstemi",
        [
            ("Age ≥65", "Yes (72 years)"),
            ("≥3 CAD risk factors", "No"),
            ("Known CAD (stenosis ≥50%)", "Yes"),
            ("ASA use in past 7 days", "No"),
            ("Severe angina (≥2 episodes in 24 hrs)", "Yes"),
            ("EKG ST changes ≥0.5 mm", "No"),
            ("Positive cardiac marker", "Yes (troponin 0.8)"),
        ],
    )
    assert r.value == 4
    with pytest.raises(CalculatorInputError, match="st_deviation"):
        _run("timi_ua_nstemi", {k: v for k, v in TIMI_NONE.items() if k != "st_deviation"})


# --- EDACS ----------------------------------------------------------------------------------

EDACS_BASE = {
    "age": 45,
    "sex": "male",
    "known_cad_or_3_risk_factors": True,
    "diaphoresis": False,
    "radiates_arm_shoulder_neck_jaw": True,
    "pain_with_inspiration": True,
    "pain_reproduced_by_palpation": True,
}


def test_edacs_hand_worked() -> None:
    # 45 y (18-45: 2) + male (6) + risk factors at age ≤50 (4) + radiates (5) + inspiration (-4)
    # + palpation (-6) = 7 → <16; with normal ECG and negative troponins: low risk.
    r = _run(
        "edacs", {**EDACS_BASE, "new_ischemia_on_ecg": False, "troponin_0h_2h_positive": False}
    )
    assert r.value == 7
    assert r.interpretation.startswith("Low risk")


def test_edacs_age_bands_and_risk_factor_age_limit() -> None:
    # 51 y: age 6; risk factors no longer score after 50 → 6 + 6 + 0 + 5 - 4 - 6 = 7.
    assert _run("edacs", {**EDACS_BASE, "age": 51}).value == 7
    # 86 y female, nothing else: 20.
    r = _run(
        "edacs",
        {
            **EDACS_BASE,
            "age": 86,
            "sex": "female",
            "known_cad_or_3_risk_factors": False,
            "radiates_arm_shoulder_neck_jaw": False,
            "pain_with_inspiration": False,
            "pain_reproduced_by_palpation": False,
        },
    )
    assert r.value == 20 and r.interpretation.startswith("Not low risk")
    # Low score but a positive troponin: not low risk.
    r = _run("edacs", {**EDACS_BASE, "new_ischemia_on_ecg": False, "troponin_0h_2h_positive": True})
    assert r.interpretation.startswith("Not low risk")


def test_edacs_medmcp_and_bad_input() -> None:
    r = _medmcp(
        "edacs",
        [
            ("Age", "58 years"),
            ("Sex", "Female"),
            ("Known CAD or ≥3 risk factors", "Yes"),
            ("Diaphoresis", "Yes"),
            ("Pain radiates to arm, shoulder, neck, or jaw", "No"),
            ("Pain occurred or worsened with inspiration", "No"),
            ("Pain is reproduced by palpation", "No"),
        ],
    )
    # 56-60: 8 + female 0 + risk factors at 58 (0) + diaphoresis 3 = 11.
    assert r.value == 11
    with pytest.raises(CalculatorInputError, match="sex"):
        _run("edacs", {**EDACS_BASE, "sex": "unknown"})
    with pytest.raises(CalculatorInputError, match="age"):
        _run("edacs", {**EDACS_BASE, "age": 12})


# --- CHA2DS2-VA and ATRIA -----------------------------------------------------------------

VA_BASE = {
    "age": 70,
    "chf": False,
    "hypertension": True,
    "stroke_tia_thromboembolism": False,
    "vascular_disease": False,
    "diabetes": True,
}


def test_cha2ds2_va_hand_worked() -> None:
    # 70 y (1) + hypertension (1) + diabetes (1) = 3 → OAC recommended.
    r = _run("cha2ds2_va", VA_BASE)
    assert r.value == 3 and r.interpretation.startswith("High risk")
    # Same patient through CHA2DS2-VASc as a woman scores 4: the VA score drops the sex item.
    vasc = _run("cha2ds2_vasc", {**VA_BASE, "sex": "female"})
    assert vasc.value == r.value + 1
    r0 = _run("cha2ds2_va", {**VA_BASE, "age": 50, "hypertension": False, "diabetes": False})
    assert r0.value == 0 and r0.interpretation.startswith("Low risk")
    r1 = _run("cha2ds2_va", {**VA_BASE, "age": 50, "diabetes": False})
    assert r1.value == 1 and r1.interpretation.startswith("Intermediate")


def test_cha2ds2_va_medmcp_and_bad_input() -> None:
    r = _medmcp(
        "cha2ds2_va",
        [
            ("Age", "78 years"),
            ("CHF history", "No"),
            ("Hypertension history", "Yes"),
            ("Stroke/TIA/thromboembolism history", "Yes (2019)"),
            ("Vascular disease history", "No"),
            ("Diabetes history", "No"),
        ],
    )
    assert r.value == 5  # 2 + 1 + 2
    with pytest.raises(CalculatorInputError, match="diabetes"):
        _run("cha2ds2_va", {**VA_BASE, "diabetes": "maybe"})


ATRIA_BASE = {
    "age": 78,
    "prior_stroke": False,
    "sex": "female",
    "diabetes": False,
    "chf": False,
    "hypertension": True,
    "proteinuria": False,
    "egfr_lt_45_or_esrd": False,
}


def test_atria_hand_worked() -> None:
    # No prior stroke, 78 y (75-84: 5) + female (1) + hypertension (1) = 7 → high risk.
    r = _run("atria_stroke", ATRIA_BASE)
    assert r.value == 7 and r.interpretation.startswith("High risk")
    # Prior stroke flips the age points: 60 y with prior stroke = 8 (+ female 1 + HTN 1) = 10.
    assert _run("atria_stroke", {**ATRIA_BASE, "age": 60, "prior_stroke": True}).value == 10
    # 60 y without stroke, male, HTN only = 1 → low; 70 y male + HTN + DM + CHF = 3+3 = 6.
    low = _run("atria_stroke", {**ATRIA_BASE, "age": 60, "sex": "male"})
    assert low.value == 1 and low.interpretation.startswith("Low risk")
    mid = _run(
        "atria_stroke", {**ATRIA_BASE, "age": 70, "sex": "male", "diabetes": True, "chf": True}
    )
    assert mid.value == 6 and mid.interpretation.startswith("Intermediate")
    assert _run("atria_stroke", {**ATRIA_BASE, "age": 85, "prior_stroke": True}).value == 11


def test_atria_medmcp_and_bad_input() -> None:
    r = _medmcp(
        "atria_stroke",
        [
            ("Age", "86 years"),
            ("Prior stroke", "No"),
            ("Sex", "Male"),
            ("Diabetes", "Yes"),
            ("CHF", "No"),
            ("Hypertension", "Yes"),
            ("Proteinuria", "No"),
            ("eGFR <45 or ESRD", "Yes (eGFR 38)"),
        ],
    )
    assert r.value == 9  # 6 + 1 + 1 + 1
    with pytest.raises(CalculatorInputError, match="prior_stroke"):
        _run("atria_stroke", {k: v for k, v in ATRIA_BASE.items() if k != "prior_stroke"})


# --- Killip, NYHA, ACC/AHA stage, Framingham -----------------------------------------------


def test_killip_classes() -> None:
    assert _run("killip_class", {"finding": "none"}).value == "Class I"
    r = _run("killip_class", {"finding": "pulmonary_edema"})
    assert r.value == "Class III" and "pulmonary edema" in r.interpretation
    assert _medmcp("killip_class", [("Killip class", "Cardiogenic shock")]).value == "Class IV"
    assert (
        _medmcp("killip_class", [("Findings", "Rales in lower half of lung fields, S3")]).value
        == "Class II"
    )
    with pytest.raises(CalculatorInputError, match="finding"):
        _run("killip_class", {"finding": "class v"})


def test_nyha_classes() -> None:
    assert _run("nyha_class", {"limitation": "marked"}).value == "Class III"
    assert (
        _medmcp("nyha_class", [("Symptoms", "Slight limitation of physical activity")]).value
        == "Class II"
    )
    assert _medmcp("nyha_class", [("NYHA class", "Symptoms at rest")]).value == "Class IV"
    with pytest.raises(CalculatorInputError, match="limitation"):
        _run("nyha_class", {})
    with pytest.raises(AdapterError):
        _medmcp("nyha_class", [("NYHA class", "purple")])


def test_acc_aha_stages() -> None:
    base = {
        "risk_factors": True,
        "structural_heart_disease": False,
        "hf_symptoms_current_or_prior": False,
        "refractory_symptoms": False,
    }
    assert _run("acc_aha_hf_stage", base).value == "Stage A"
    assert _run("acc_aha_hf_stage", {**base, "structural_heart_disease": True}).value == "Stage B"
    r = _run(
        "acc_aha_hf_stage",
        {**base, "structural_heart_disease": True, "hf_symptoms_current_or_prior": True},
    )
    assert r.value == "Stage C" and r.interpretation.startswith("Stage C")
    assert _run("acc_aha_hf_stage", {**base, "refractory_symptoms": True}).value == "Stage D"
    assert _run("acc_aha_hf_stage", {**base, "risk_factors": False}).value == "No stage"
    r = _medmcp(
        "acc_aha_hf_stage",
        [
            ("Risk factors for HF", "Yes (hypertension)"),
            ("Structural heart disease", "Yes (LVEF 35%)"),
            ("Current or prior HF symptoms", "No"),
            ("Refractory symptoms", "No"),
        ],
    )
    assert r.value == "Stage B"
    with pytest.raises(CalculatorInputError, match="refractory_symptoms"):
        _run("acc_aha_hf_stage", {k: v for k, v in base.items() if k != "refractory_symptoms"})


FRAM_NONE = {
    k: False
    for k in (
        "pnd_or_orthopnea neck_vein_distention rales cardiomegaly acute_pulmonary_edema "
        "s3_gallop hepatojugular_reflux weight_loss_4_5kg ankle_edema night_cough "
        "dyspnea_on_exertion hepatomegaly pleural_effusion tachycardia_120"
    ).split()
}


def test_framingham_rules() -> None:
    # 2 major (rales, S3) → met.
    assert _run("framingham_hf", {**FRAM_NONE, "rales": True, "s3_gallop": True}).value == (
        "Heart failure"
    )
    # 1 major + 1 minor → not met; + a second minor → met.
    one = {**FRAM_NONE, "rales": True, "ankle_edema": True}
    r = _run("framingham_hf", one)
    assert r.value == "Criteria not met" and r.interpretation.startswith("Does not meet")
    assert _run("framingham_hf", {**one, "night_cough": True}).value == "Heart failure"
    # Weight loss fills either slot: 1 major + weight loss → met (as a second major).
    assert _run("framingham_hf", {**FRAM_NONE, "rales": True, "weight_loss_4_5kg": True}).value == (
        "Heart failure"
    )
    # Minor criteria alone never suffice.
    minors = {**FRAM_NONE, "ankle_edema": True, "night_cough": True, "hepatomegaly": True}
    assert _run("framingham_hf", minors).value == "Criteria not met"


def test_framingham_medmcp_and_bad_input() -> None:
    r = _medmcp(
        "framingham_hf",
        [
            ("Paroxysmal nocturnal dyspnea", "Yes"),
            ("Neck vein distention", "No"),
            ("Rales", "No"),
            ("Bilateral ankle edema", "Yes (2+ pitting)"),
            ("Dyspnea on ordinary exertion", "Yes"),
        ],
    )
    assert r.value == "Heart failure"
    assert r.extra == {"major": 1, "minor": 2}
    with pytest.raises(CalculatorInputError, match="rales"):
        _run("framingham_hf", {k: v for k, v in FRAM_NONE.items() if k != "rales"})


# --- H2FPEF ---------------------------------------------------------------------------------


def test_h2fpef_hand_worked() -> None:
    # BMI 32 (>30: 2) + 2 antihypertensives (1) + no AF (0) + PASP 40 (>35: 1) + age 67 (>60: 1)
    # + E/e' 12 (>9: 1) = 6 → high probability.
    r = _run(
        "h2fpef",
        {
            "bmi": 32,
            "antihypertensives_2_or_more": True,
            "atrial_fibrillation": False,
            "pasp": 40,
            "age": 67,
            "e_e_prime": 12,
        },
    )
    assert r.value == 6 and r.interpretation.startswith("High probability")
    # Exactly at each threshold nothing scores (all criteria are strict '>').
    r = _run(
        "h2fpef",
        {
            "bmi": 30,
            "antihypertensives_2_or_more": False,
            "atrial_fibrillation": False,
            "pasp": 35,
            "age": 60,
            "e_e_prime": 9,
        },
    )
    assert r.value == 0 and r.interpretation.startswith("Low probability")


def test_h2fpef_medmcp_and_bad_input() -> None:
    r = _medmcp(
        "h2fpef",
        [
            ("BMI", "28 kg/m²"),
            ("Hypertensive (≥2 antihypertensive medicines)", "No"),
            ("Atrial fibrillation", "Yes (paroxysmal)"),
            ("Pulmonary artery systolic pressure", "38 mmHg"),
            ("Age", "55 years"),
            ("E/e' ratio", "8"),
        ],
    )
    assert r.value == 4 and r.interpretation.startswith("Intermediate")
    with pytest.raises(CalculatorInputError, match="pasp"):
        _run(
            "h2fpef",
            {
                "bmi": 32,
                "antihypertensives_2_or_more": True,
                "atrial_fibrillation": False,
                "pasp": [40, "furlongs"],
                "age": 67,
                "e_e_prime": 12,
            },
        )


# --- Modified Sgarbossa and 4-variable subtle anterior STEMI ------------------------------


def test_modified_sgarbossa() -> None:
    none = {
        "concordant_ste": False,
        "concordant_std_v1_v3": False,
        "excessive_discordant_ste": False,
    }
    assert _run("modified_sgarbossa", none).value == "Negative"
    r = _run("modified_sgarbossa", {**none, "excessive_discordant_ste": True})
    assert r.value == "Positive" and r.interpretation.startswith("Positive")
    r = _medmcp(
        "modified_sgarbossa",
        [
            ("Concordant ST elevation ≥1 mm in ≥1 lead", "No"),
            ("Concordant ST depression ≥1 mm in V1-V3", "Yes (V2)"),
            ("Excessively discordant STE (ST/S ratio ≤ -0.25)", "No"),
        ],
    )
    assert r.value == "Positive"
    with pytest.raises(CalculatorInputError, match="concordant_ste"):
        _run("modified_sgarbossa", {k: v for k, v in none.items() if k != "concordant_ste"})


def test_subtle_anterior_stemi_hand_worked() -> None:
    # STE60 V3 4 mm, QTc 420 ms, QRS V2 20 mm, R V4 9 mm:
    # 1.062·4 + 0.052·420 − 0.151·20 − 0.268·9 = 4.248 + 21.84 − 3.02 − 2.412 = 20.656 ≥ 18.2.
    calc = "subtle_anterior_stemi_4var"
    base = {"ste60_v3": 4, "qtc": 420, "qrs_amplitude_v2": 20, "r_amplitude_v4": 9}
    r = _run(calc, base)
    assert r.value == pytest.approx(20.66, abs=0.005)
    assert r.interpretation.startswith("Likely LAD occlusion")
    assert r.steps[-1].total == pytest.approx(20.656, abs=1e-3)
    # 1.5 mm, 380 ms, 30 mm, 20 mm: 1.593 + 19.76 − 4.53 − 5.36 = 11.463 < 18.2.
    r = _run(calc, {"ste60_v3": 1.5, "qtc": 380, "qrs_amplitude_v2": 30, "r_amplitude_v4": 20})
    assert r.value == pytest.approx(11.46, abs=0.005)
    assert r.interpretation.startswith("Likely normal variant")
    # mV and seconds convert: 0.4 mV = 4 mm, 0.42 s = 420 ms.
    r2 = _run(calc, {**base, "ste60_v3": [0.4, "mV"], "qtc": [0.42, "s"]})
    assert r2.value == pytest.approx(20.66, abs=0.005)
    r3 = _medmcp(
        calc,
        [
            ("STE60 V3", "4 mm"),
            ("QTc", "420 ms"),
            ("QRS amplitude V2", "20 mm"),
            ("R-wave amplitude V4", "9 mm"),
        ],
    )
    assert r3.value == r.value or r3.value == pytest.approx(20.66, abs=0.005)
    with pytest.raises(CalculatorInputError, match="qtc"):
        _run(calc, {**base, "qtc": 2000})


# --- DASI -----------------------------------------------------------------------------------

DASI_NONE = {
    k: False
    for k in (
        "self_care walk_indoors walk_1_2_blocks climb_stairs_or_hill run_short_distance "
        "light_housework moderate_housework heavy_housework yard_work sexual_relations "
        "moderate_recreation strenuous_sports"
    ).split()
}


def test_dasi_hand_worked() -> None:
    # Self-care 2.75 + walk indoors 1.75 + light housework 2.70 = 7.20;
    # VO2 = 0.43·7.2 + 9.6 = 12.696 → 12.7 mL/kg/min; METs = 12.696 / 3.5 = 3.627 → 3.63.
    r = _run(
        "dasi", {**DASI_NONE, "self_care": True, "walk_indoors": True, "light_housework": True}
    )
    assert r.value == pytest.approx(7.2)
    assert r.extra == {"vo2_peak_ml_kg_min": 12.7, "mets": 3.63}
    # All twelve: maximum 58.2; VO2 = 0.43·58.2 + 9.6 = 34.626.
    r = _run("dasi", {k: True for k in DASI_NONE})
    assert r.value == pytest.approx(58.2)
    assert r.extra["vo2_peak_ml_kg_min"] == pytest.approx(34.6)


def test_dasi_medmcp_and_bad_input() -> None:
    items = [
        ("Take care of yourself", "Yes"),
        ("Walk indoors", "Yes"),
        ("Walk 1-2 blocks on level ground", "Yes"),
        ("Climb a flight of stairs or walk up a hill", "Yes"),
        ("Run a short distance", "No"),
        ("Light work around the house", "Yes"),
        ("Moderate work around the house", "Yes"),
        ("Heavy work around the house", "No"),
        ("Yard work", "No"),
        ("Sexual relations", "Yes"),
        ("Moderate recreational activities", "No"),
        ("Strenuous sports", "No"),
    ]
    # 2.75 + 1.75 + 2.75 + 5.50 + 2.70 + 3.50 + 5.25 = 24.2.
    assert _medmcp("dasi", items).value == pytest.approx(24.2)
    with pytest.raises(AdapterError, match="strenuous"):
        _medmcp("dasi", items[:-1])


# --- Echo: RVSP, PCWP -----------------------------------------------------------------------


def test_rvsp_hand_worked() -> None:
    # TR 3.0 m/s: 4·3.0² = 36 mmHg + RAP 8 = 44 mmHg.
    r = _run("rvsp_tr_jet", {"tr_velocity": 3.0, "rap": 8})
    assert r.value == 44.0 and r.extra["rv_ra_gradient_mmhg"] == 36.0
    # 250 cm/s = 2.5 m/s: 4·6.25 = 25 + 3 = 28.
    assert _run("rvsp_tr_jet", {"tr_velocity": [250, "cm/s"], "rap": 3}).value == 28.0
    r = _medmcp("rvsp_tr_jet", [("TR jet velocity", "2.8 m/s"), ("Right atrial pressure", "15")])
    assert r.value == pytest.approx(46.4)  # 4·7.84 = 31.36 + 15
    with pytest.raises(CalculatorInputError, match="tr_velocity"):
        _run("rvsp_tr_jet", {"tr_velocity": [3, "mmHg"], "rap": 8})


def test_pcwp_hand_worked() -> None:
    # E 0.9 m/s, e' 0.06 m/s: E/e' = 15; PCWP = 1.24·15 + 1.9 = 20.5 mmHg.
    r = _run("pcwp_echo", {"e_velocity": 0.9, "e_prime_velocity": 0.06})
    assert r.value == pytest.approx(20.5) and r.extra["e_e_prime"] == 15.0
    # Same in cm/s through the adapter (E 90, e' 6 → bare numbers read as cm/s).
    r = _medmcp("pcwp_echo", [("Mitral inflow E velocity", "90"), ("e' (lateral annulus)", "6")])
    assert r.value == pytest.approx(20.5)
    with pytest.raises(CalculatorInputError, match="e_prime_velocity"):
        _run("pcwp_echo", {"e_velocity": 0.9, "e_prime_velocity": 0})


# --- tPA ------------------------------------------------------------------------------------


def test_tpa_hand_worked() -> None:
    # 70 kg: 0.9·70 = 63 mg; bolus 6.3 mg; infusion 56.7 mg.
    r = _run("tpa_alteplase_stroke", {"weight": 70})
    assert r.value == 63.0
    assert r.extra == {"bolus_mg": 6.3, "infusion_mg": 56.7}
    # 120 kg: 108 mg capped at 90 mg; bolus 9, infusion 81.
    r = _run("tpa_alteplase_stroke", {"weight": 120})
    assert r.value == 90.0 and r.extra["bolus_mg"] == 9.0
    # 176 lb = 79.83 kg → 71.85 → 71.8 mg (0.9·79.832).
    assert _medmcp("tpa_alteplase_stroke", [("Weight", "176 lb")]).value == pytest.approx(
        71.8, abs=0.05
    )
    with pytest.raises(CalculatorInputError, match="weight"):
        _run("tpa_alteplase_stroke", {"weight": -5})
