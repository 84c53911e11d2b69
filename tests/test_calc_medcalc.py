"""Hand-worked examples and bad inputs for the 55 MedCalc-Bench calculators.

Each expected value is worked out by hand in the comment beside it (from the published
formula), independently of the implementation.
"""

from __future__ import annotations

from typing import Any

import pytest

from m3agent.calculators.registry import CalculatorInputError, get_calculator


def run(calc_id: str, **inputs: Any) -> Any:
    return get_calculator(calc_id).run(inputs)


# (calculator, inputs, expected value, absolute tolerance)
CASES: list[tuple[str, dict[str, Any], Any, float]] = [
    # (140 − 60) × 72 / (72 × 1.0) = 80.0
    ("cockcroft_gault", {"sex": "male", "age": 60, "weight": 72, "creatinine": 1.0}, 80.0, 1e-3),
    # Same woman × 0.85 = 68.0; creatinine 88.4 µmol/L = 1.0 mg/dL
    (
        "cockcroft_gault",
        {"sex": "female", "age": 60, "weight": 72, "creatinine": [88.4, "µmol/L"]},
        68.0,
        1e-3,
    ),
    # BMI 80/1.6² = 31.25 ≥ 25 → adjusted weight: IBW 45.5 + 2.3 × (62.992 − 60) = 52.382;
    # ABW 52.382 + 0.4 × 27.618 = 63.429; (140 − 76) × 63.429 × 0.85 / 72 = 47.924
    (
        "cockcroft_gault",
        {
            "sex": "female",
            "age": 76,
            "weight": 80,
            "height": 160,
            "creatinine": 1.0,
            "weight_basis": "bmi_adjusted",
        },
        47.924,
        0.01,
    ),
    # 142 × (0.5/0.7)^−0.241 × 0.9938^32 × 1.012 = 142 × 1.08447 × 0.81954 × 1.012 = 127.72
    # (MedCalc-Bench row 21's worked explanation; 42 µmol/L = 0.475 mg/dL → 128.9 exactly)
    ("ckd_epi_2021", {"sex": "female", "age": 32, "creatinine": 0.5}, 127.72, 0.05),
    # 2021 creatinine-cystatin C, man 62, Scr 1.8 (ratio 2), CysC 1.6 (ratio 2):
    # 135 × 2^−0.544 × 2^−0.778 × 0.9961^62 = 135 × 0.6859 × 0.5831 × 0.7849 = 42.4
    ("ckd_epi_2021", {"sex": "male", "age": 62, "creatinine": 1.8, "cystatin_c": 1.6}, 42.4, 0.1),
    # 78-year-old woman with hypertension and vascular disease: 2 + 1 + 1 + 1 = 5
    (
        "cha2ds2_vasc",
        {
            "age": 78,
            "sex": "female",
            "chf": False,
            "hypertension": True,
            "stroke_tia_thromboembolism": False,
            "vascular_disease": True,
            "diabetes": False,
        },
        5,
        0,
    ),
    # 2/3 × 80 + 1/3 × 120 = 93.333
    ("mean_arterial_pressure", {"systolic": 120, "diastolic": 80}, 93.333, 1e-3),
    # 70 / 1.75² = 22.857
    ("bmi", {"weight": 70, "height": 175}, 22.857, 1e-3),
    # 8.0 + 0.8 × (4 − 2.0) = 9.6
    ("calcium_correction", {"calcium": 8.0, "albumin": 2.0}, 9.6, 1e-6),
    # HR 110 (> 100: 1.5) + hemoptysis (1) = 2.5
    (
        "wells_pe",
        {
            "dvt_signs": False,
            "pe_most_likely": False,
            "heart_rate": 110,
            "immobilization_or_surgery": False,
            "previous_pe_or_dvt": False,
            "hemoptysis": True,
            "malignancy": False,
        },
        2.5,
        0,
    ),
    # 175 × 1.6^−1.154 × 66^−0.203 × 0.742 × 1.212 = 175 × 0.5813 × 0.4272 × 0.742 × 1.212 = 39.09
    ("mdrd_gfr", {"sex": "female", "age": 66, "creatinine": 1.6, "black": True}, 39.09, 0.02),
    # 70 in = 177.8 cm: 50 + 2.3 × 10 = 73.0
    ("ideal_body_weight", {"sex": "male", "height": [70, "in"]}, 73.0, 1e-6),
    # HR 100 → RR 0.6 s: 400 / √0.6 = 516.40
    ("qtc_bazett", {"qt": 400, "heart_rate": 100}, 516.398, 1e-3),
    # 2023-01-01 + 280 days = 2023-10-08; 35-day cycle + 7 days = 2023-10-15
    ("estimated_due_date", {"lmp": "2023-01-01", "cycle_length": 28}, "2023-10-08", 0),
    ("estimated_due_date", {"lmp": "2023-01-01", "cycle_length": 35}, "2023-10-15", 0),
    # Bilirubin 5.2 (3) + albumin 2.6 (3) + INR 1.9 (2) + moderate ascites (3) + grade 1-2 (2)
    (
        "child_pugh",
        {
            "bilirubin": 5.2,
            "albumin": 2.6,
            "inr": 1.9,
            "ascites": "moderate",
            "encephalopathy": "grade_1_2",
        },
        13,
        0,
    ),
    # Cancer + calf swelling + tenderness = 3
    (
        "wells_dvt",
        {
            "active_cancer": True,
            "bedridden_or_major_surgery": False,
            "calf_swelling": True,
            "collateral_veins": False,
            "entire_leg_swollen": False,
            "localized_tenderness": True,
            "pitting_edema": False,
            "paralysis_or_cast": False,
            "previous_dvt": False,
            "alternative_diagnosis": False,
        },
        3,
        0,
    ),
    # Ischemic heart disease + creatinine 2.5 > 2 = 2
    (
        "revised_cardiac_risk_index",
        {
            "high_risk_surgery": False,
            "ischemic_heart_disease": True,
            "heart_failure": False,
            "cerebrovascular_disease": False,
            "insulin": False,
            "creatinine": 2.5,
        },
        2,
        0,
    ),
    # Highly suspicious 2 + ST deviation 2 + age 70: 2 + 3 risk factors: 2 + troponin > 3×: 2
    (
        "heart_score",
        {
            "history": "highly",
            "ecg": "significant_st_deviation",
            "age": 70,
            "hypertension": True,
            "hypercholesterolemia": True,
            "diabetes": True,
            "obesity": False,
            "smoking": False,
            "family_history": False,
            "atherosclerotic_disease": False,
            "troponin": "over_three_times",
        },
        10,
        0,
    ),
    # 50 × 100 / (100 × √25) = 10.0
    ("fib4", {"age": 50, "ast": 100, "alt": 25, "platelets": 100}, 10.0, 1e-9),
    # Age 10 (+1), 38.5 °C (+1), no cough, nodes, exudate = 5
    (
        "centor_mcisaac",
        {
            "age": 10,
            "temperature": 38.5,
            "cough_absent": True,
            "tender_nodes": True,
            "tonsillar_exudate": True,
        },
        5,
        0,
    ),
    # 4 + 5 + 6 = 15
    ("glasgow_coma_scale", {"eye": 4, "verbal": 5, "motor": 6}, 15, 0),
    # A non-testable component: no total, the components (Teasdale 2014)
    ("glasgow_coma_scale", {"eye": 2, "verbal": "NT", "motor": 3}, "E(2) V(NT) M(3)", 0),
    # 25 kg: 4 × 10 + 2 × 10 + 1 × 5 = 65 mL/h
    ("maintenance_fluids", {"weight": 25}, 65.0, 1e-9),
    # MELD(i) = 0.957 ln1.3 + 0.378 ln5.2 + 1.12 ln1.9 + 0.643 = 2.236 → 2.2 → 22;
    # 22 + 1.32 × 9 − 0.033 × 22 × 9 = 27.35 → 27 (MDCalc's example in MedMCP-Calc task 109)
    (
        "meld_na",
        {"creatinine": 1.3, "bilirubin": 5.2, "inr": 1.9, "sodium": 128, "dialysis": False},
        27,
        0,
    ),
    # Prednisone 50 mg = 50 / 5 × 0.75 = 7.5 mg dexamethasone
    (
        "steroid_conversion",
        {"from_steroid": "prednisone_po", "dose": 50, "to_steroid": "dexamethasone_iv"},
        7.5,
        1e-9,
    ),
    # Hypertension + age 70 + drugs = 3
    (
        "has_bled",
        {
            "hypertension": True,
            "renal_disease": False,
            "liver_disease": False,
            "stroke": False,
            "prior_bleeding": False,
            "labile_inr": False,
            "age": 70,
            "bleeding_drugs": True,
            "alcohol": False,
        },
        3,
        0,
    ),
    # 130 + 0.024 × (500 − 100) = 139.6
    ("sodium_correction_hyperglycemia", {"sodium": 130, "glucose": 500}, 139.6, 1e-9),
    # Man: BUN 30 (28-70: 4) + Hb 11 (10-12: 3) + SBP 95 (2) + HR 110 (1) + melena (1) = 11
    (
        "glasgow_blatchford",
        {
            "bun": 30,
            "hemoglobin": 11,
            "sex": "male",
            "systolic": 95,
            "heart_rate": 110,
            "melena": True,
            "syncope": False,
            "hepatic_disease": False,
            "cardiac_failure": False,
        },
        11,
        0,
    ),
    # Age 57 (3) + PaO2 57 at FiO2 0.32 (3) + MAP 112.7 (2) + RR 27 (1) + creatinine 3.67 (4)
    # + elective postoperative with chronic disease (2); all else 0; GCS 15 → 0. Total 15.
    (
        "apache_ii",
        {
            "age": 57,
            "temperature": 37.2,
            "mean_arterial_pressure": 112.67,
            "heart_rate": 73,
            "respiratory_rate": 27,
            "fio2": 0.32,
            "pao2": 57,
            "ph": 7.4,
            "sodium": 132.39,
            "potassium": 4.31,
            "creatinine": 3.67,
            "acute_renal_failure": False,
            "hematocrit": 32,
            "wbc": 12.476,
            "gcs": 15,
            "chronic_health": True,
            "admission_type": "elective_postoperative",
        },
        15,
        0,
    ),
    # Man 25: 25 + AMS 20 + temp 34 °C 15 + pH 7.17 30 + RR 32 20 + BUN 33.2 20 + Na 123 20
    # + glucose 270 10 = 160 (MedCalc-Bench row 828)
    (
        "psi_port",
        {
            "age": 25,
            "sex": "male",
            "nursing_home": False,
            "neoplastic_disease": False,
            "liver_disease": False,
            "chf": False,
            "cerebrovascular_disease": False,
            "renal_disease": False,
            "altered_mental_status": True,
            "respiratory_rate": 32,
            "systolic": 123,
            "temperature": 34,
            "heart_rate": 101,
            "ph": 7.17,
            "bun": 33.21,
            "sodium": 123,
            "glucose": [15, "mmol/L"],
            "hematocrit": 35,
            "pao2": 67,
            "pleural_effusion": False,
        },
        160,
        0,
    ),
    # 2 × 140 + 28/2.8 + 180/18 = 300
    ("serum_osmolality", {"sodium": 140, "bun": 28, "glucose": 180}, 300.0, 1e-9),
    # 10 × 81 / 405 = 2.0
    ("homa_ir", {"insulin": 10, "glucose": 81}, 2.0, 1e-9),
    # Age 55 (1) + MI (1) + metastatic tumour (6) = 8
    (
        "charlson_comorbidity_index",
        {
            "age": 55,
            "myocardial_infarction": True,
            "chf": False,
            "peripheral_vascular_disease": False,
            "cerebrovascular_disease": False,
            "dementia": False,
            "copd": False,
            "connective_tissue_disease": False,
            "peptic_ulcer_disease": False,
            "liver_disease": "none",
            "diabetes": "none",
            "hemiplegia": False,
            "ckd_moderate_to_severe": False,
            "solid_tumor": "metastatic",
            "leukemia": False,
            "lymphoma": False,
            "aids": False,
        },
        8,
        0,
    ),
    (
        "feverpain",
        {
            "fever": True,
            "purulence": True,
            "attend_rapidly": True,
            "inflamed_tonsils": True,
            "no_cough_or_coryza": True,
        },
        5,
        0,
    ),
    # Age 72 (2) + major surgery (2) + CHF (1) + swollen legs (1) + BMI > 25 (1) + COPD (1) = 8
    (
        "caprini_2005",
        {
            "age": 72,
            "sex": "male",
            "surgery_type": "major",
            "mobility": "normal",
            "recent_chf": True,
            "swollen_legs": True,
            "bmi_over_25": True,
            "copd": True,
        },
        8,
        0,
    ),
    # 0.6 × 70 × (150/140 − 1) = 3.0 L
    ("free_water_deficit", {"sex": "male", "age": 40, "weight": 70, "sodium": 150}, 3.0, 1e-9),
    # 140 − (100 + 24) = 16
    ("anion_gap", {"sodium": 140, "chloride": 100, "bicarbonate": 24}, 16.0, 1e-9),
    # 100 × (20 × 2) / (140 × 100) = 0.2857%
    (
        "fena",
        {"serum_sodium": 140, "serum_creatinine": 2, "urine_sodium": 20, "urine_creatinine": 100},
        0.286,
        1e-3,
    ),
    # P/F 80/0.5 = 160 ventilated (3) + platelets 45 (3) + GCS 13 (1) + bilirubin 2.5 (2)
    # + dopamine 6 (3) + creatinine 3.6 (3) = 15
    (
        "sofa",
        {
            "pao2": 80,
            "fio2": 0.5,
            "mechanical_ventilation": True,
            "platelets": 45,
            "gcs": 13,
            "bilirubin": 2.5,
            "dopamine": 6,
            "creatinine": 3.6,
        },
        15,
        0,
    ),
    # 200 − 50 − 150/5 = 120
    ("ldl_friedewald", {"total_cholesterol": 200, "hdl": 50, "triglycerides": 150}, 120.0, 1e-9),
    # All five criteria: confusion, BUN 25 > 19, RR 32, SBP 85, age 70 = 5
    (
        "curb_65",
        {
            "confusion": True,
            "bun": 25,
            "respiratory_rate": 32,
            "systolic": 85,
            "diastolic": 50,
            "age": 70,
        },
        5,
        0,
    ),
    # Man 55, TC 213, HDL 50, SBP 120, untreated, non-smoker: Σβx = 52.00961 ln55 +
    # 20.014077 ln213 − 0.905964 ln50 + 1.305784 ln120 − 4.605038 ln55 ln213 − 2.93323 ln²55
    # − 172.300168 = 0.0875; risk = (1 − 0.9402^e^0.0875) × 100 = 6.51%
    (
        "framingham_hard_chd",
        {
            "sex": "male",
            "age": 55,
            "total_cholesterol": 213,
            "hdl": 50,
            "systolic": 120,
            "bp_treated": False,
            "smoker": False,
        },
        6.509,
        0.01,
    ),
    # Age 55 only = 1
    (
        "perc_rule",
        {
            "age": 55,
            "heart_rate": 80,
            "oxygen_saturation": 98,
            "unilateral_leg_swelling": False,
            "hemoptysis": False,
            "recent_surgery_or_trauma": False,
            "prior_pe_or_dvt": False,
            "hormone_use": False,
        },
        1,
        0,
    ),
    # Oxycodone 40 mg/day × 1.5 = 60 + fentanyl patch 25 mcg/h × 2.4 = 60 → 120 MME/day
    ("morphine_milligram_equivalents", {"oxycodone": 40, "fentanyl_patch": 25}, 120.0, 1e-9),
    # 39 °C, HR 100, RR 25, WBC 15 → 4 criteria
    (
        "sirs_criteria",
        {"temperature": 39, "heart_rate": 100, "respiratory_rate": 25, "wbc": 15},
        4,
        0,
    ),
    # 400 / 0.833^(1/3) = 425.1 (MedMCP-Calc task 095: 'QTcF ≈ 425 ms')
    ("qtc_fridericia", {"qt": 400, "heart_rate": 72}, 425.06, 0.01),
    # RR 0.8: 400 + 154 × 0.2 = 430.8
    ("qtc_framingham", {"qt": 400, "heart_rate": 75}, 430.8, 1e-6),
    # 400 + 1.75 × (80 − 60) = 435
    ("qtc_hodges", {"qt": 400, "heart_rate": 80}, 435.0, 1e-9),
    # 400 × (120 + 90) / 180 = 466.667
    ("qtc_rautaharju", {"qt": 400, "heart_rate": 90}, 466.667, 1e-3),
    # √(225 × 64 / 3600) = √4 = 2.0
    ("body_surface_area", {"weight": 64, "height": 225}, 2.0, 1e-9),
    # 25 × 1.8² = 81.0
    ("target_weight", {"target_bmi": 25, "height": 180}, 81.0, 1e-9),
    # IBW 73 (70 in man); 73 + 0.4 × (100 − 73) = 83.8
    ("adjusted_body_weight", {"sex": "male", "height": [70, "in"], "weight": 100}, 83.8, 1e-6),
    # AG 140 − 110 = 30; 30 − 12 = 18
    ("delta_gap", {"sodium": 140, "chloride": 100, "bicarbonate": 10}, 18.0, 1e-9),
    # 18 / (24 − 10) = 1.2857
    ("delta_ratio", {"sodium": 140, "chloride": 100, "bicarbonate": 10}, 1.286, 1e-3),
    # 30 + 2.5 × (4 − 2) = 35
    (
        "albumin_corrected_anion_gap",
        {"sodium": 140, "chloride": 100, "bicarbonate": 10, "albumin": 2},
        35.0,
        1e-9,
    ),
    # 35 − 12 = 23
    (
        "albumin_corrected_delta_gap",
        {"sodium": 140, "chloride": 100, "bicarbonate": 10, "albumin": 2},
        23.0,
        1e-9,
    ),
    # 23 / 14 = 1.643
    (
        "albumin_corrected_delta_ratio",
        {"sodium": 140, "chloride": 100, "bicarbonate": 10, "albumin": 2},
        1.643,
        1e-3,
    ),
    # LMP + (28 − 14) = 2023-01-15; 32-day cycle: + 18 = 2023-01-19
    ("estimated_conception_date", {"lmp": "2023-01-01", "cycle_length": 28}, "2023-01-15", 0),
    ("estimated_conception_date", {"lmp": "2023-01-01", "cycle_length": 32}, "2023-01-19", 0),
    # 2023-01-01 → 2023-03-01 = 59 days = 8 weeks 3 days
    (
        "gestational_age",
        {"lmp": "2023-01-01", "current_date": "2023-03-01"},
        "(8 weeks, 3 days)",
        0,
    ),
    # Due 2023-10-08 ↔ LMP 2023-01-01: the same 8 weeks 3 days
    (
        "gestational_age",
        {"due_date": "2023-10-08", "current_date": "2023-03-01"},
        "(8 weeks, 3 days)",
        0,
    ),
]


@pytest.mark.parametrize(
    ("calc_id", "inputs", "expected", "tol"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_hand_worked_example(
    calc_id: str, inputs: dict[str, Any], expected: Any, tol: float
) -> None:
    result = run(calc_id, **inputs)
    if isinstance(expected, str):
        assert result.value == expected
    else:
        assert result.value == pytest.approx(expected, abs=tol)
    assert result.source and result.steps, "every result cites its source and shows steps"


def test_every_medcalc_calculator_has_an_example() -> None:
    from m3agent.calculators.medcalc_bench import calculators_by_medcalc_id

    covered = {c[0] for c in CASES}
    missing = [c.id for c in calculators_by_medcalc_id().values() if c.id not in covered]
    assert not missing


def test_score_steps_carry_points_and_running_total() -> None:
    result = run(
        "has_bled",
        hypertension=True,
        renal_disease=False,
        liver_disease=False,
        stroke=False,
        prior_bleeding=False,
        labile_inr=False,
        age=70,
        bleeding_drugs=True,
        alcohol=False,
    )
    assert [s.points for s in result.steps] == [1, 0, 0, 0, 0, 0, 1, 1, 0]
    assert result.steps[-1].total == 3


def test_units_convert_inputs() -> None:
    # 176 lb = 79.83 kg; 64 in = 162.56 cm: BMI 79.83 / 1.6256² = 30.21
    assert run("bmi", weight="176lb", height="64in").value == pytest.approx(30.21, abs=0.01)
    # 38.5 °C = 101.3 °F scores the Centor fever point either way
    a = run(
        "centor_mcisaac",
        age=30,
        temperature=[101.3, "°F"],
        cough_absent=False,
        tender_nodes=False,
        tonsillar_exudate=False,
    )
    assert a.value == 1


def test_meld_na_bounds_and_dialysis() -> None:
    # Dialysis sets creatinine to 4: MELD(i) = 0.957 ln4 + 0.643 = 1.970 → 2.0 → 20;
    # Na 137 → no sodium term → 20
    r = run("meld_na", creatinine=1.0, bilirubin=0.5, inr=0.9, sodium=140, dialysis=True)
    assert r.value == 20
    # Everything below bounds: MELD(i) = 0.643 → 0.6 → 6 (≤ 11, no sodium term)
    assert (
        run("meld_na", creatinine=0.5, bilirubin=0.5, inr=0.9, sodium=120, dialysis=False).value
        == 6
    )


def test_sofa_respiratory_cap_without_ventilation() -> None:
    # P/F 60/0.6 = 100 without ventilation scores 2, not 4 (Vincent 1996)
    r = run(
        "sofa",
        pao2=60,
        fio2=0.6,
        mechanical_ventilation=False,
        platelets=200,
        gcs=15,
        bilirubin=0.5,
        mean_arterial_pressure=80,
        creatinine=0.8,
    )
    assert r.value == 2


def test_sirs_sepsis_ladder() -> None:
    r = run(
        "sirs_criteria",
        temperature=39,
        heart_rate=100,
        respiratory_rate=25,
        wbc=15,
        suspected_infection=True,
        organ_hypoperfusion=True,
        refractory_hypotension=True,
    )
    assert r.extra["category"].startswith("Septic shock")


BAD: list[tuple[str, dict[str, Any], str]] = [
    ("cockcroft_gault", {"sex": "male", "age": 60, "weight": 72}, "'creatinine' is required"),
    (
        "cockcroft_gault",
        {"sex": "male", "age": 60, "weight": 72, "creatinine": [1, "g/dL"]},
        "not a unit of creatinine",
    ),
    (
        "cockcroft_gault",
        {"sex": "male", "age": 60, "weight": 72, "creatinine": 1, "weight_basis": "ideal"},
        "needs the height",
    ),
    ("cockcroft_gault", {"sex": "other", "age": 60, "weight": 72, "creatinine": 1}, "'sex'"),
    ("mean_arterial_pressure", {"systolic": 80, "diastolic": 120}, "must not exceed"),
    ("bmi", {"weight": 70, "height": 175, "age": 40}, "not an input of bmi"),
    (
        "child_pugh",
        {"bilirubin": 1, "albumin": 4, "inr": 1, "ascites": "huge", "encephalopathy": "none"},
        "'ascites'",
    ),
    ("glasgow_coma_scale", {"eye": 5, "verbal": 5, "motor": 6}, "'eye"),
    (
        "apache_ii",
        {
            "age": 57,
            "temperature": 37.2,
            "mean_arterial_pressure": 90,
            "heart_rate": 73,
            "respiratory_rate": 17,
            "fio2": 0.6,
            "pao2": 80,
            "ph": 7.4,
            "sodium": 140,
            "potassium": 4,
            "creatinine": 1,
            "acute_renal_failure": False,
            "hematocrit": 40,
            "wbc": 8,
            "gcs": 15,
            "chronic_health": False,
        },
        "give aa_gradient",
    ),
    (
        "apache_ii",
        {
            "age": 57,
            "temperature": 37.2,
            "mean_arterial_pressure": 90,
            "heart_rate": 73,
            "respiratory_rate": 17,
            "fio2": 0.3,
            "pao2": 80,
            "ph": 7.4,
            "sodium": 140,
            "potassium": 4,
            "creatinine": 1,
            "acute_renal_failure": False,
            "hematocrit": 40,
            "wbc": 8,
            "gcs": 15,
            "chronic_health": True,
        },
        "give admission_type",
    ),
    ("delta_ratio", {"sodium": 140, "chloride": 104, "bicarbonate": 24}, "undefined"),
    ("gestational_age", {"current_date": "2023-03-01"}, "exactly one of lmp or due_date"),
    ("gestational_age", {"current_date": "2022-03-01", "lmp": "2023-01-01"}, "before"),
    ("morphine_milligram_equivalents", {}, "at least one opioid"),
    (
        "sofa",
        {
            "pao2": 80,
            "fio2": 0.5,
            "mechanical_ventilation": True,
            "platelets": 45,
            "gcs": 13,
            "bilirubin": 2.5,
            "creatinine": 1,
        },
        "cardiovascular SOFA needs",
    ),
    (
        "steroid_conversion",
        {"from_steroid": "cortisol", "dose": 10, "to_steroid": "prednisone_po"},
        "'from_steroid'",
    ),
    (
        "fib4",
        {"age": 50, "ast": 100, "alt": 25, "platelets": [100, "g/dL"]},
        "not a unit of thousand_per_ul",
    ),
    ("serum_osmolality", {"sodium": "abc", "bun": 10, "glucose": 100}, "sodium"),
]


@pytest.mark.parametrize(
    ("calc_id", "inputs", "message"), BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)]
)
def test_bad_inputs_say_what_was_expected(
    calc_id: str, inputs: dict[str, Any], message: str
) -> None:
    with pytest.raises(CalculatorInputError) as exc:
        get_calculator(calc_id).run(inputs)
    assert message in str(exc.value)
