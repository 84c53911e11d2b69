"""MedMCP-Calc calculators, part A: worked examples, bad inputs, dev tasks and the scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from m3agent.calculators import medmcp_calc
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.registry import CalculatorInputError, get_calculator
from m3agent.tools.errors import DataLoadError

from conftest import SHARED_DATA

DEV = SHARED_DATA / "medmcp-calc" / "dev_tasks.jsonl"
FREQ = SHARED_DATA / "medmcp-calc" / "calculator_frequency.tsv"

#: The calculators this part implements (MedMCP-Calc names → these ids).
MY_IDS = {
    "abg_analyzer",
    "emory_tipss",
    "gcs_pupils",
    "kdigo_aki",
    "news2",
    "news",
    "sic_score",
    "aa_gradient",
    "age_adjusted_ddimer",
    "berlin_ards",
    "cam_icu",
    "clinical_frailty_scale",
    "clif_c_aclf",
    "injury_severity_score",
    "must_score",
    "nihss",
    "opiate_conversion",
    "rox_index",
    "static_compliance",
    "revised_trauma_score",
    "triss",
    "asdas_crp",
    "basdai",
    "bova_score",
    "crb65",
    "cardiac_output_fick",
    "doac_score",
    "edmonton_frail_scale",
    "embed_buprenorphine",
    "fracture_index",
    "herdoo2",
    "isth_dic",
    "mascc_index",
    "modified_fisher",
    "moca",
    "naloxone_drip",
    "newborn_bilirubin_rate",
    "nrs_2002",
    "orbit_bleeding",
    "oxygenation_index",
    "painad",
    "pre_score",
    "resp_score",
    "rockall_pre_endoscopy",
    "saag",
    "sodium_deficit",
    "score2_diabetes",
    "tenecteplase_stroke",
    "total_body_water_watson",
    "urine_output_fluid_balance",
    "winters_formula",
    "absolute_neutrophil_count",
    "asas_axial_spa",
    "cns_ipi",
    "duke_iscvid_2023",
    "forrest_classification",
    "action_icu",
    "ett_depth_tidal_volume",
    "cryoprecipitate_dosing",
    "recruitment_to_inflation",
}

#: MedMCP-Calc names of this part that are implemented here, with the id each must resolve to.
NAME_TO_ID = {
    "Arterial Blood Gas (ABG) Analyzer": "abg_analyzer",
    "Emory Model (TIPSS)": "emory_tipss",
    "KDIGO AKI Staging": "kdigo_aki",
    "Berlin Criteria for Acute Respiratory Distress Syndrome": "berlin_ards",
    "GCS-Pupils Score": "gcs_pupils",
    "National Early Warning Score (NEWS) 2": "news2",
    "Sepsis-Induced Coagulopathy (SIC) Score": "sic_score",
    "A-a O₂ Gradient": "aa_gradient",
    "Age-Adjusted D-dimer for Venous Thromboembolism (VTE)": "age_adjusted_ddimer",
    "CLIF-C ACLF (Acute-on-Chronic Liver Failure)": "clif_c_aclf",
    "CSHA Clinical Frailty Scale (CFS)": "clinical_frailty_scale",
    "Confusion Assessment Method for the ICU (CAM-ICU)": "cam_icu",
    "Endotracheal Tube (ETT) Depth and Tidal Volume Calculator": "ett_depth_tidal_volume",
    "Injury Severity Score (ISS)": "injury_severity_score",
    "Malnutrition Universal Screening Tool (MUST)": "must_score",
    "NIH Stroke Scale/Score (NIHSS)": "nihss",
    "Opiate Conversion Calculator": "opiate_conversion",
    "ROX Index for Intubation after HFNC": "rox_index",
    "Recruitment to Inflation Ratio": "recruitment_to_inflation",
    "Static Lung Compliance (Cstat) Calculation": "static_compliance",
    "Trauma Score and Injury Severity Score (TRISS)": "triss",
    "2023 Duke-International Society for Cardiovascular Infectious Diseases (ISCVID) Criteria": (
        "duke_iscvid_2023"
    ),
    "ACTION ICU Score for Intensive Care in NSTEMI": "action_icu",
    "ASAS Criteria for Axial Spondyloarthritis (SpA)": "asas_axial_spa",
    "Absolute Neutrophil Count (ANC)": "absolute_neutrophil_count",
    "Ankylosing Spondylitis Disease Activity Score with CRP (ASDAS-CRP)": "asdas_crp",
    "BASDAI": "basdai",
    "Bova Score for Pulmonary Embolism Complications": "bova_score",
    "CRB-65 Score for Pneumonia Severity": "crb65",
    "Cardiac Output (Fick’s Formula)": "cardiac_output_fick",
    "Central Nervous System International Prognostic Index (CNS-IPI)": "cns_ipi",
    "Cryoprecipitate Dosing for Fibrinogen Replacement": "cryoprecipitate_dosing",
    "Direct-Acting Oral Anticoagulants (DOAC) Score": "doac_score",
    "Edmonton Frail Scale": "edmonton_frail_scale",
    "Emergency Department-Initiated Buprenorphine for Opioid Use Disorder (EMBED)": (
        "embed_buprenorphine"
    ),
    "FRACTURE Index": "fracture_index",
    "Forrest Classification of Upper GI Bleeding": "forrest_classification",
    "HERDOO2 Rule for Discontinuing Anticoagulation in Unprovoked VTE": "herdoo2",
    "ISTH Criteria for Disseminated Intravascular Coagulation (DIC)": "isth_dic",
    "MASCC Risk Index for Febrile Neutropenia": "mascc_index",
    "Modified Fisher Grading Scale for Subarachnoid Hemorrhage (SAH)": "modified_fisher",
    "Montreal Cognitive Assessment (MoCA)": "moca",
    "Naloxone Drip Dosing": "naloxone_drip",
    "National Early Warning Score (NEWS)": "news",
    "Newborn Hyperbilirubinemia Rate of Rise": "newborn_bilirubin_rate",
    "Nutrition Risk Screening 2002 (NRS-2002)": "nrs_2002",
    "ORBIT Bleeding Risk Score for Atrial Fibrillation": "orbit_bleeding",
    "Oxygenation Index": "oxygenation_index",
    "Pain Assessment in Advanced Dementia Scale (PAINAD)": "painad",
    "Pittsburgh Response to Endovascular therapy (PRE) Score": "pre_score",
    "RESP (Respiratory ECMO Survival Prediction) Score": "resp_score",
    "Revised Trauma Score": "revised_trauma_score",
    "Rockall Score for Upper GI Bleeding (Pre-Endoscopy)": "rockall_pre_endoscopy",
    "Serum Ascites Albumin Gradient (SAAG)": "saag",
    "Sodium Deficit in Hyponatremia": "sodium_deficit",
    "Systematic Coronary Risk Evaluation 2-Diabetes (SCORE2-Diabetes)": "score2_diabetes",
    "Tenecteplase (TNK) Dosing for Ischemic Stroke Calculator": "tenecteplase_stroke",
    "Total Body Water (Watson Formula)": "total_body_water_watson",
    "Urine Output and Fluid Balance": "urine_output_fluid_balance",
    "Winters' Formula for Metabolic Acidosis Compensation": "winters_formula",
}


def run(calc: str, **inputs):
    return get_calculator(calc).run(inputs)


# --- worked examples (values computed by hand in the comments) -------------------------------


def test_abg_anion_gap_acidosis_compensated():
    # AG = 140 - (104 + 12) = 24 (albumin 4.0: no correction) > 12; Winters 1.5*12+8 = 26 ± 2,
    # PaCO2 28 in range; corrected HCO3 = 12 + (24 - 12) = 24 (22-26): no second disorder.
    r = run(
        "abg_analyzer",
        ph=7.25,
        paco2=28,
        hco3=12,
        sodium=140,
        chloride=104,
        albumin=4.0,
        chronicity="acute",
    )
    assert r.value == (
        "This is an Anion Gap Metabolic Acidosis.\nPrimary Metabolic Acidosis, "
        "with: Appropriately Compensated by Respiratory Alkalosis"
    )
    assert r.extra["anion_gap"] == 24


def test_abg_other_primary_disorders():
    # Metabolic alkalosis: expected PaCO2 0.7*36 + 21 = 46.2 ± 2 → 48 in range.
    r = run(
        "abg_analyzer",
        ph=7.50,
        paco2=48,
        hco3=36,
        sodium=140,
        chloride=95,
        albumin=4,
        chronicity="acute",
    )
    assert r.value == (
        "Primary Metabolic Alkalosis, with: Appropriately Compensated by Respiratory Acidosis"
    )
    # Chronic respiratory acidosis: expected pH 7.40 - 0.003*20 = 7.34 = measured.
    r = run(
        "abg_analyzer",
        ph=7.34,
        paco2=60,
        hco3=31,
        sodium=140,
        chloride=98,
        albumin=4,
        chronicity="chronic",
    )
    assert r.value.startswith("Primary Respiratory Acidosis, Chronic, with: Appropriately")
    r = run(
        "abg_analyzer",
        ph=7.40,
        paco2=40,
        hco3=24,
        sodium=140,
        chloride=104,
        albumin=4,
        chronicity="acute",
    )
    assert r.value == "Normal Acid-Base Status"


def test_emory_all_criteria():
    # bilirubin >3 (1) + ALT >100 (1) + encephalopathy (1) + urgent (2) = 5 → high risk.
    r = run("emory_tipss", bilirubin=4, alt=150, pre_tips_encephalopathy=True, urgent=True)
    assert r.value == 5 and r.interpretation.startswith("High")
    # µmol/L converts: 85.5 µmol/L = 5 mg/dL.
    assert (
        run(
            "emory_tipss",
            bilirubin=[85.5, "umol/L"],
            alt=20,
            pre_tips_encephalopathy=False,
            urgent=False,
        ).value
        == 1
    )


def test_gcs_pupils():
    # E4 V5 M6 = 15 minus both pupils unreactive (2) = 13; E1 V1 M1 - 2 = 1 (Brennan 2018 range).
    assert run("gcs_pupils", eye=4, verbal=5, motor=6, pupils_unreactive=2).value == 13
    assert run("gcs_pupils", eye=1, verbal=1, motor=1, pupils_unreactive=2).value == 1


def test_kdigo_stages():
    # 1.4/1.0: rise 0.4 mg/dL (≥0.3) → stage 1; 2.5x → stage 2; UO 0.2 mL/kg/h for 24 h → 3.
    r = run("kdigo_aki", baseline_creatinine=1.0, current_creatinine=1.4)
    assert r.value == 1 and any("48 hours" in w for w in r.warnings)
    assert run("kdigo_aki", baseline_creatinine=1.0, current_creatinine=2.5).value == 2
    assert (
        run(
            "kdigo_aki",
            baseline_creatinine=1.0,
            current_creatinine=1.0,
            urine_output_rate=0.2,
            urine_output_hours=24,
        ).value
        == 3
    )
    assert (
        run("kdigo_aki", baseline_creatinine=1.0, current_creatinine=1.1, anuria_hours=12).value
        == 3
    )
    # 4.0 mg/dL from 1.5 (2.7x) is stage 3 by the absolute criterion.
    assert run("kdigo_aki", baseline_creatinine=1.5, current_creatinine=4.0).value == 3
    # 3.9 → 4.0 (rise 0.1, ratio 1.03) is not AKI, so the absolute criterion does not apply.
    assert run("kdigo_aki", baseline_creatinine=3.9, current_creatinine=4.0).value == 0


def test_news2_scales():
    # All normal → 0.
    r = run(
        "news2",
        respiratory_rate=18,
        spo2=97,
        hypercapnic_failure=False,
        supplemental_oxygen=False,
        temperature=37,
        systolic_bp=120,
        heart_rate=80,
        consciousness="alert",
    )
    assert r.value == 0
    # RR 26 (3) + SpO2 88 scale 2 (0) + O2 (2) + 35.0 °C (3) + SBP 85 (3) + HR 135 (3) + voice (3)
    r = run(
        "news2",
        respiratory_rate=26,
        spo2=88,
        hypercapnic_failure=True,
        supplemental_oxygen=True,
        temperature=[95, "°F"],
        systolic_bp=85,
        heart_rate=135,
        consciousness="voice",
    )
    assert r.value == 17 and r.interpretation.startswith("High")
    # Scale 2 on oxygen: SpO2 97 → 3 (over-oxygenation), scale 1 would give 0.
    base = dict(
        respiratory_rate=16,
        hypercapnic_failure=True,
        supplemental_oxygen=True,
        temperature=37,
        systolic_bp=120,
        heart_rate=80,
        consciousness="alert",
    )
    assert run("news2", spo2=97, **base).value == 5


def test_news_2012():
    # RR 22 (2) + SpO2 95 (1) + O2 (2) + 38.5 (1) + SBP 105 (1) + HR 105 (1) + alert = 8.
    r = run(
        "news",
        respiratory_rate=22,
        spo2=95,
        supplemental_oxygen=True,
        temperature=38.5,
        systolic_bp=105,
        heart_rate=105,
        consciousness="alert",
    )
    assert r.value == 8


def test_sic_score():
    # INR 1.3 (1) + platelets 120 (1) + SOFA 1 (1) = 3 → SIC not met.
    r = run("sic_score", inr=1.3, platelets=120, sofa_four_item=1)
    assert r.value == 3 and r.interpretation == "SIC criteria not met"
    # INR 1.5 (2) + platelets 90 (2) + SOFA 0 = 4, INR+platelet points 4 > 2 → SIC.
    assert run("sic_score", inr=1.5, platelets=90, sofa_four_item=0).interpretation == "SIC likely"


def test_aa_gradient():
    # PAO2 = 0.21 x (760 - 47) - 40/0.8 = 149.73 - 50 = 99.73; A-a = 99.73 - 90 = 9.7.
    r = run("aa_gradient", atmospheric_pressure=760, fio2=0.21, pao2=90, paco2=40, age=40)
    assert r.value == 9.7 and r.extra["expected_gradient"] == 14.0
    assert (
        run(
            "aa_gradient", atmospheric_pressure=760, fio2=[21, "%"], pao2=90, paco2=40, age=40
        ).value
        == 9.7
    )


def test_age_adjusted_ddimer():
    # 75 x 10 = 750 FEU; under 50 → 500; DDU 80 x 5 = 400.
    assert run("age_adjusted_ddimer", age=75, unit_type="FEU").value == 750
    assert run("age_adjusted_ddimer", age=45, unit_type="FEU").value == 500
    r = run("age_adjusted_ddimer", age=80, unit_type="DDU", ddimer=350)
    assert r.value == 400 and r.interpretation.startswith("VTE excluded")


def test_berlin():
    ok = dict(timing_within_1_week=True, bilateral_opacities=True, not_cardiac_or_overload=True)
    r = run("berlin_ards", oxygenation="moderate", **ok)
    assert r.value == "Positive" and r.interpretation == "Moderate ARDS"
    assert run("berlin_ards", oxygenation="none", **ok).value == "Negative"


def test_cam_icu_flowsheet():
    r = run(
        "cam_icu",
        arousable=True,
        feature1_acute_or_fluctuating=True,
        feature2_inattention=True,
        feature3_altered_consciousness=False,
        feature4_disorganized_thinking=True,
    )
    assert r.value == "CAM-ICU positive"
    assert (
        run("cam_icu", arousable=True, feature1_acute_or_fluctuating=False).value
        == "CAM-ICU negative"
    )
    assert (
        run("cam_icu", arousable=False, feature1_acute_or_fluctuating=True).value
        == "Unable to assess"
    )
    with pytest.raises(CalculatorInputError, match="feature2_inattention is required"):
        run("cam_icu", arousable=True, feature1_acute_or_fluctuating=True)


def test_clinical_frailty_scale():
    assert run("clinical_frailty_scale", level=7).interpretation == "Living with severe frailty"
    with pytest.raises(CalculatorInputError, match="level"):
        run("clinical_frailty_scale", level=0)


def test_clif_c_aclf():
    # OF: bili 13 (3) + creat 2.5 (2) + HE 3 (3) + INR 2.6 (3) + MAP 65 (2) + P/F 250 (2) = 15;
    # 10 x (0.33*15 + 0.04*50 + 0.63*ln 10 - 2) = 10 x (4.95 + 2 + 1.4506 - 2) = 64.0.
    r = run(
        "clif_c_aclf",
        age=50,
        wbc=10,
        bilirubin=13,
        creatinine=2.5,
        renal_replacement=False,
        he_grade=3,
        inr=2.6,
        map=65,
        vasopressors=False,
        pf_ratio=250,
    )
    assert r.value == 64 and r.extra["clif_of"] == 15
    with pytest.raises(CalculatorInputError, match="pf_ratio"):
        run(
            "clif_c_aclf",
            age=50,
            wbc=10,
            bilirubin=1,
            creatinine=1,
            renal_replacement=False,
            he_grade=0,
            inr=1,
            map=80,
            vasopressors=False,
        )


def test_injury_severity_score():
    # 5² + 4² + 3² = 50; any AIS 6 → 75.
    r = run(
        "injury_severity_score", head_neck=5, face=0, chest=4, abdomen=3, extremity=1, external=1
    )
    assert r.value == 50
    assert (
        run(
            "injury_severity_score",
            head_neck=6,
            face=0,
            chest=0,
            abdomen=0,
            extremity=0,
            external=1,
        ).value
        == 75
    )


def test_must():
    # BMI 17 (2) + loss 12% (2) + acute disease (2) = 6.
    assert (
        run("must_score", bmi=17, weight_loss_percent=12, acute_disease_no_intake=True).value == 6
    )
    assert (
        run("must_score", bmi=21, weight_loss_percent=3, acute_disease_no_intake=False).value == 0
    )


def test_nihss_sum_and_ranges():
    items = {
        f: 0
        for f in (
            "loc",
            "loc_questions",
            "loc_commands",
            "gaze",
            "visual",
            "facial_palsy",
            "motor_arm_left",
            "motor_arm_right",
            "motor_leg_left",
            "motor_leg_right",
            "limb_ataxia",
            "sensory",
            "language",
            "dysarthria",
            "extinction",
        )
    }
    assert run("nihss", **items).value == 0
    # 3 + 2 + 2 + 2 + 3 + 3 + 4x4 + 2 + 2 + 3 + 2 + 2 = 42, the scale maximum.
    full = dict(
        loc=3,
        loc_questions=2,
        loc_commands=2,
        gaze=2,
        visual=3,
        facial_palsy=3,
        motor_arm_left=4,
        motor_arm_right=4,
        motor_leg_left=4,
        motor_leg_right=4,
        limb_ataxia=2,
        sensory=2,
        language=3,
        dysarthria=2,
        extinction=2,
    )
    assert run("nihss", **full).value == 42
    with pytest.raises(CalculatorInputError, match="motor_arm_left"):
        run("nihss", **{**items, "motor_arm_left": 5})


def test_opiate_conversion():
    # 60 mg oral morphine = 60 MME → oxycodone 60/1.5 = 40 mg; IV hydromorphone 1 mg = 15 MME.
    assert (
        run(
            "opiate_conversion",
            from_drug="morphine (oral)",
            daily_dose_mg=60,
            to_drug="oxycodone (oral)",
        ).value
        == 40
    )
    assert (
        run(
            "opiate_conversion",
            from_drug="hydromorphone (parenteral)",
            daily_dose_mg=1,
            to_drug="morphine (oral)",
        ).value
        == 15
    )
    with pytest.raises(CalculatorInputError, match="same"):
        run(
            "opiate_conversion",
            from_drug="morphine (oral)",
            daily_dose_mg=10,
            to_drug="morphine (oral)",
        )
    with pytest.raises(CalculatorInputError, match="to_drug"):
        run("opiate_conversion", from_drug="morphine (oral)", daily_dose_mg=10, to_drug="heroin")


def test_rox_and_compliance_and_oi():
    # ROX = (95/0.5)/20 = 9.5; Cstat = 500/(25-5) = 25; OI = 60 x 15 / 60 = 15.
    assert run("rox_index", spo2=95, fio2=[50, "%"], respiratory_rate=20).value == 9.5
    assert run("static_compliance", tidal_volume=500, plateau_pressure=25, peep=5).value == 25
    assert run("oxygenation_index", fio2=0.6, mean_airway_pressure=15, pao2=60).value == 15
    with pytest.raises(CalculatorInputError, match="must exceed PEEP"):
        run("static_compliance", tidal_volume=500, plateau_pressure=5, peep=8)


def test_rts_and_triss():
    # RTS all coded 4: 0.9368*4 + 0.7326*4 + 0.2908*4 = 7.8408.
    assert run(
        "revised_trauma_score", gcs=15, systolic_bp=120, respiratory_rate=16
    ).value == pytest.approx(7.8408)
    # GCS 8 (2), SBP 80 (3), RR 32 (3): 1.8736 + 2.1978 + 0.8724 = 4.9438.
    assert run(
        "revised_trauma_score", gcs=8, systolic_bp=80, respiratory_rate=32
    ).value == pytest.approx(4.9438)
    # Blunt: b = -1.2470 + 7.4833 - 1.2288 - 1.9052 = 3.1023 → Ps = 1/(1+e^-3.1023) = 95.70%.
    r = run("triss", mechanism="blunt", rts=7.8408, iss=16, age_55_or_older=True)
    assert r.value == pytest.approx(95.70, abs=0.01)


def test_spa_scores():
    # ASDAS: 0.6 + 0.3 + 0.55 + 0.35 + 0.58 ln(11) = 1.8 + 1.3908 = 3.19 → high.
    r = run(
        "asdas_crp", back_pain=5, morning_stiffness=5, patient_global=5, peripheral=5, crp_mg_l=10
    )
    assert r.value == pytest.approx(3.19, abs=0.005) and r.interpretation.startswith("High")
    # BASDAI: (2 + 3 + 4 + 5 + (6 + 8)/2) / 5 = 21/5 = 4.2.
    assert (
        run(
            "basdai",
            fatigue=2,
            spinal_pain=3,
            peripheral_joints=4,
            enthesitis=5,
            stiffness_severity=6,
            stiffness_duration=8,
        ).value
        == 4.2
    )
    # ASAS clinical arm: HLA-B27 + inflammatory back pain + uveitis.
    feats = {
        f: False
        for f in (
            "inflammatory_back_pain",
            "arthritis",
            "enthesitis_heel",
            "uveitis",
            "dactylitis",
            "psoriasis",
            "ibd",
            "good_nsaid_response",
            "family_history",
            "elevated_crp",
        )
    }
    base = dict(back_pain_3_months_onset_under_45=True, sacroiliitis_on_imaging=False, hla_b27=True)
    r = run("asas_axial_spa", **base, **{**feats, "inflammatory_back_pain": True, "uveitis": True})
    assert r.value == "Axial SpA"
    assert run("asas_axial_spa", **base, **{**feats, "uveitis": True}).value != "Axial SpA"


def test_bova_crb65_orbit_herdoo2():
    # Bova: SBP 95 (2) + troponin (2) + RV (2) + HR 115 (1) = 7 → stage III.
    r = run(
        "bova_score", systolic_bp=95, elevated_troponin=True, rv_dysfunction=True, heart_rate=115
    )
    assert r.value == 7 and r.interpretation.startswith("Stage III")
    assert (
        run(
            "crb65",
            confusion=True,
            respiratory_rate_ge_30=True,
            low_blood_pressure=True,
            age_ge_65=True,
        ).value
        == 4
    )
    # ORBIT: reduced Hb (2) + bleeding history (2) = 4 → high.
    r = run(
        "orbit_bleeding",
        reduced_hemoglobin=True,
        age_over_74=False,
        bleeding_history=True,
        gfr_below_60=False,
        antiplatelet=False,
    )
    assert r.value == 4 and r.interpretation.startswith("High")
    r = run("herdoo2", post_thrombotic_signs=True, ddimer=300, bmi=31, age=66, female=False)
    assert r.value == 4 and r.interpretation.startswith("Men")


def test_cardiac_output_fick():
    # BSA sqrt(170*70/3600) = 1.8181; VO2 125*1.8181 = 227.27; CO = 227.27/(13.4*15*0.28) = 4.04.
    r = run(
        "cardiac_output_fick",
        weight=70,
        height=170,
        sao2=98,
        svo2=70,
        hemoglobin=15,
        heart_rate=80,
        age_70_or_older=False,
    )
    assert r.value == pytest.approx(4.038, abs=0.001)
    assert r.extra["cardiac_index"] == pytest.approx(2.221, abs=0.001)
    with pytest.raises(CalculatorInputError, match="SvO2"):
        run(
            "cardiac_output_fick",
            weight=70,
            height=170,
            sao2=70,
            svo2=75,
            hemoglobin=15,
            heart_rate=80,
            age_70_or_older=False,
        )


def test_doac_score():
    # Age 82 (5) + CrCl 25 (2) + bleeding (3) + aspirin (2) = 12, capped at 10 → very high.
    base = dict(
        age=82,
        crcl=25,
        underweight=False,
        stroke_tia_embolism=False,
        diabetes=False,
        hypertension=False,
        antiplatelet="single",
        nsaid=False,
        bleeding_history=True,
        liver_disease=False,
    )
    r = run("doac_score", **base)
    assert r.value == 10 and r.interpretation.startswith("Very high")
    # Age 70 (3) + dual antiplatelet (3) = 6 → moderate.
    r = run(
        "doac_score",
        **{**base, "age": 70, "crcl": 80, "bleeding_history": False, "antiplatelet": "dual"},
    )
    assert r.value == 6 and r.interpretation.startswith("Moderate")


def test_edmonton():
    base = dict(
        clock_test="no errors",
        admissions_past_year=0,
        health_description="good",
        iadl_help_count=0,
        social_support="always",
        five_or_more_medications=False,
        forgets_medications=False,
        weight_loss=False,
        often_sad=False,
        incontinence=False,
    )
    assert run("edmonton_frail_scale", tug_seconds=8, **base).value == 0
    # Unable to do the TUG → 2; other clock errors → 2; 3 admissions → 2: total 6 (vulnerable).
    r = run(
        "edmonton_frail_scale",
        tug_unable=True,
        **{**base, "clock_test": "other errors", "admissions_past_year": 3},
    )
    assert r.value == 6 and r.interpretation == "Vulnerable"
    with pytest.raises(CalculatorInputError, match="tug_seconds"):
        run("edmonton_frail_scale", **base)


def test_embed():
    base = dict(oud=True, ready_to_start=True, pregnant=False)
    assert run("embed_buprenorphine", cows=10, **base).value == "Advice: Start 4mg BUP"
    assert run("embed_buprenorphine", cows=20, **base).value == "Advice: Start 8mg BUP"
    assert run(
        "embed_buprenorphine", cows=20, **{**base, "ready_to_start": False}
    ).value.startswith("Advice: Not ready")


def test_fracture_index():
    # Age 72 (2) + smoker (1) + arms (2) = 5; T-score -2.6 adds 4 → 9.
    base = dict(
        age=72,
        fracture_after_50=False,
        maternal_hip_fracture=False,
        weight=60,
        current_smoker=True,
        arms_to_stand=True,
    )
    assert run("fracture_index", **base).value == 5
    assert run("fracture_index", hip_t_score=-2.6, **base).value == 9
    # 120 lb = 54.4 kg ≤ 56.7 → +1.
    assert run("fracture_index", **{**base, "weight": [120, "lb"]}).value == 6


def test_isth_and_mascc():
    # Platelets 40 (2) + strong marker (3) + PT +7 s (2) + fibrinogen 80 mg/dL = 0.8 g/L (1) = 8.
    r = run(
        "isth_dic",
        platelets=40,
        fibrin_marker="strong increase",
        pt_prolongation_s=7,
        fibrinogen=[80, "mg/dL"],
    )
    assert r.value == 8 and r.interpretation.startswith("Compatible")
    # MASCC maximum 5 + 5 + 4 + 4 + 3 + 3 + 2 = 26.
    assert (
        run(
            "mascc_index",
            burden="none or mild",
            hypotension=False,
            copd=False,
            solid_tumor_or_no_prior_fungal=True,
            dehydration_needing_iv=False,
            outpatient=True,
            age_under_60=True,
        ).value
        == 26
    )


def test_fisher_moca_painad():
    assert run("modified_fisher", sah="thin", ivh=False).value == 1
    assert run("modified_fisher", sah="thick", ivh=True).interpretation.startswith("Grade IV")
    with pytest.raises(CalculatorInputError, match="isolated IVH"):
        run("modified_fisher", sah="none", ivh=True)
    full = dict(
        visuospatial=5,
        naming=3,
        attention=6,
        language=3,
        abstraction=2,
        delayed_recall=5,
        orientation=6,
    )
    assert run("moca", education_12_years_or_less=True, **full).value == 30  # capped at 30
    assert (
        run("moca", education_12_years_or_less=True, **{**full, "delayed_recall": 1}).value == 27
    )  # 26 + 1
    assert (
        run(
            "painad",
            breathing=2,
            vocalization=2,
            facial_expression=2,
            body_language=2,
            consolability=2,
        ).interpretation
        == "Severe pain"
    )


def test_dosing_calculators():
    # Naloxone 2/3 x 0.6 = 0.4 mg/h; TNK 120 kg → 25 mg cap = 5.0 mL, 70 kg → 17.5 mg = 3.5 mL.
    assert run("naloxone_drip", bolus_dose=0.6).value == 0.4
    assert run("tenecteplase_stroke", weight=120).value == 5.0
    r = run("tenecteplase_stroke", weight=[154.3, "lb"])
    assert r.value == 3.5 and r.extra["waste_ml"] == 6.5
    # Cryo: plasma 70 x 70 x 0.6 = 2940 mL = 29.4 dL; (200-100) x 29.4 / 250 = 11.76 → 12.
    assert (
        run(
            "cryoprecipitate_dosing",
            weight=70,
            hematocrit=40,
            current_fibrinogen=100,
            target_fibrinogen=200,
        ).value
        == 12
    )
    # Opioid-free: sodium deficit 0.5 x 60 x (130 - 120) = 300 mmol.
    assert (
        run(
            "sodium_deficit",
            sex="female",
            age_group="adult",
            weight=60,
            sodium=120,
            desired_sodium=130,
        ).value
        == 300
    )
    with pytest.raises(CalculatorInputError, match="must exceed"):
        run(
            "sodium_deficit",
            sex="female",
            age_group="adult",
            weight=60,
            sodium=135,
            desired_sodium=130,
        )


def test_small_formulas():
    # Bilirubin rise (12 - 8)/10 h = 0.4 mg/dL/h at 20 h of age (≥0.3) → rapid.
    r = run(
        "newborn_bilirubin_rate",
        first_tsb=8,
        second_tsb=12,
        hours_between=10,
        age_hours_at_second=20,
    )
    assert r.value == 0.4 and r.interpretation.startswith("Rapid")
    assert (
        run("nrs_2002", nutritional_status=2, disease_severity=1, age_70_or_older=True).value == 4
    )
    assert run("pre_score", age=70, nihss=10, aspects=9).value == 0  # 70 + 20 - 90
    assert run("saag", serum_albumin=3.0, ascites_albumin=1.5).value == 1.5
    assert run("saag", serum_albumin=[30, "g/L"], ascites_albumin=2.2).value == 0.8
    # Watson (women): -2.097 + 0.1069*160 + 0.2466*60 = 29.803 L.
    assert run(
        "total_body_water_watson", sex="female", age=40, height=160, weight=60
    ).value == pytest.approx(29.803, abs=0.001)
    # 1200 mL / 60 kg / 24 h = 0.833; balance 2000 - 1200 = 800 mL.
    r = run("urine_output_fluid_balance", weight=60, urine_output=1200, hours=24, fluid_intake=2000)
    assert r.value == pytest.approx(0.833, abs=0.001) and r.extra["fluid_balance_ml"] == 800
    assert run("winters_formula", hco3=10).value == 23  # 1.5 x 10 + 8
    # ANC = 4000 x (20 + 5)% = 1000 /µL (mild neutropenia band 1000-1500).
    r = run("absolute_neutrophil_count", wbc=[4.0, "10^3/uL"], segs_percent=20, bands_percent=5)
    assert r.value == 1000 and r.interpretation.startswith("Mild")


def test_prognostic_scores():
    # RESP: age 30 (0) + ventilation 24 h (3) + asthma (11) = 14 → class I.
    r = run(
        "resp_score",
        age=30,
        immunocompromised=False,
        ventilation_hours=24,
        diagnosis="asthma",
        cns_dysfunction=False,
        nonpulmonary_infection=False,
        neuromuscular_blockade=False,
        nitric_oxide=False,
        bicarbonate_infusion=False,
        cardiac_arrest=False,
        paco2_ge_75=False,
        pip_ge_42=False,
    )
    assert r.value == 14 and "class I:" in r.interpretation
    # Rockall pre-endoscopy: age 85 (2) + SBP 90 (2) + renal failure (3) = 7.
    assert (
        run(
            "rockall_pre_endoscopy",
            age=85,
            heart_rate=110,
            systolic_bp=90,
            comorbidity="renal/liver failure or malignancy",
        ).value
        == 7
    )
    assert (
        run(
            "cns_ipi",
            age_over_60=True,
            ldh_elevated=True,
            ecog_over_1=True,
            stage_3_or_4=True,
            extranodal_over_1=False,
            kidney_or_adrenal=False,
        ).value
        == 4
    )
    # ACTION ICU maximum: 1 + 1 + 3 + 3 + 2 + 5 + 1 + 1 + 2 = 19.
    assert (
        run(
            "action_icu",
            age=75,
            creatinine=1.3,
            heart_rate=105,
            systolic_bp=120,
            troponin_ratio=15,
            heart_failure_signs=True,
            st_depression=True,
            prior_revascularization=False,
            chronic_lung_disease=True,
        ).value
        == 19
    )


def test_score2_diabetes_published_example():
    # 60-year-old male, low-risk region, non-smoker, diabetes at 60, SBP 140, TC 5.5, HDL 1.3,
    # HbA1c 50 mmol/mol, eGFR 90 → 8.4% (the worked example of the R package RiskScorescvd).
    r = run(
        "score2_diabetes",
        sex="male",
        age=60,
        region="low",
        current_smoker=False,
        systolic_bp=140,
        total_cholesterol=5.5,
        hdl=1.3,
        age_at_diabetes_diagnosis=60,
        hba1c_mmol_mol=50,
        egfr=90,
    )
    assert round(r.value, 1) == 8.4 and r.interpretation.startswith("Moderate")
    # mg/dL cholesterol converts (5.5 mmol/L = 212.7 mg/dL).
    r2 = run(
        "score2_diabetes",
        sex="male",
        age=60,
        region="low",
        current_smoker=False,
        systolic_bp=140,
        total_cholesterol=[212.7, "mg/dL"],
        hdl=1.3,
        age_at_diabetes_diagnosis=60,
        hba1c_mmol_mol=50,
        egfr=90,
    )
    assert r2.value == pytest.approx(r.value, abs=0.01)
    with pytest.raises(CalculatorInputError, match="age"):
        run(
            "score2_diabetes",
            sex="male",
            age=75,
            region="low",
            current_smoker=False,
            systolic_bp=140,
            total_cholesterol=5.5,
            hdl=1.3,
            age_at_diabetes_diagnosis=60,
            hba1c_mmol_mol=50,
            egfr=90,
        )


def test_classifications():
    assert run("forrest_classification", finding="adherent clot").value == "IIb"
    major = dict(
        major_microbiologic=True, major_imaging=False, major_surgical=False, pathologic=False
    )
    minors = dict(
        minor_predisposition=True,
        minor_fever=True,
        minor_vascular=True,
        minor_immunologic=False,
        minor_microbiologic=False,
        minor_imaging=False,
        minor_physical_exam=False,
    )
    assert run("duke_iscvid_2023", **major, **minors).value == "Definite IE"  # 1 major + 3 minor
    assert (
        run(
            "duke_iscvid_2023", **major, **{**minors, "minor_fever": False, "minor_vascular": False}
        ).value
        == "Possible IE"
    )
    # ETT depth 4 + 170/10 = 21 cm; PBW 50 + 0.91 x 17.6 = 66.0 kg → 6 mL/kg = 396 mL.
    r = run("ett_depth_tidal_volume", height=170, sex="male")
    assert r.value == 21.0 and r.extra["tidal_volumes_ml"]["6 mL/kg"] == 396


def test_bad_inputs_name_the_field():
    with pytest.raises(CalculatorInputError, match="'ph'"):
        run(
            "abg_analyzer",
            ph=9.1,
            paco2=40,
            hco3=24,
            sodium=140,
            chloride=104,
            albumin=4,
            chronicity="acute",
        )
    with pytest.raises(CalculatorInputError, match="alt"):
        run("emory_tipss", bilirubin=1, pre_tips_encephalopathy=False, urgent=False)
    with pytest.raises(CalculatorInputError, match="furlongs"):
        run("tenecteplase_stroke", weight=[3, "furlongs"])
    with pytest.raises(CalculatorInputError, match="not an input"):
        run("saag", serum_albumin=3, ascites_albumin=1, protein=2)


# --- adapter helpers ---------------------------------------------------------------------------


def test_adapter_helpers():
    assert mm.number("18,500 /µL") == 18500
    assert mm.quantity("142.9 lb (Adjusted body weight)", "kg") == [142.9, "lb"]
    assert mm.quantity(64, "in") == [64.0, "in"]
    assert mm.yes("Yes (RR 28 /min)") and not mm.yes("No known") and not mm.yes("Absent")
    assert mm.cell_count("11.2 x10^3/uL") == [11.2, "10^3/ul"]
    assert mm.points("Localizes pain (+5)") == 5 and mm.points("One pupil (-1)") == -1
    with pytest.raises(mm.AdapterError, match="yes/no"):
        mm.yes("Maybe")
    with pytest.raises(mm.AdapterError, match="no input field matches"):
        mm.get([{"field": "Age", "value": 3}], r"weight")
    with pytest.raises(mm.AdapterError, match="expected a number"):
        mm.number("none given")


# --- every dev task answer of these calculators --------------------------------------------------


def _my_answers() -> list[tuple[str, dict]]:
    out = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        task = json.loads(line)
        for answer in task["calculator_answers"]:
            try:
                calc = get_calculator(answer["name"])
            except Exception:
                continue
            if calc.id in MY_IDS:
                out.append((task["task_id"], answer))
    return out


MY_ANSWERS = _my_answers() if DEV.is_file() else []


def test_dev_answers_found():
    # 83 names in this part; 64 dev answers belong to the calculators implemented here.
    assert len(MY_ANSWERS) >= 60


@pytest.mark.parametrize(
    ("task_id", "answer"),
    MY_ANSWERS,
    ids=[f"{t[-8:]}-{a['order']}-{a['name'][:25]}" for t, a in MY_ANSWERS],
)
def test_dev_answer_matches_or_is_listed_erratum(task_id, answer):
    row = medmcp_calc.score_answer(task_id, answer)
    assert row.status in ("matched", "erratum"), row
    if row.status == "erratum":
        module = get_calculator(answer["name"]).module
        assert (task_id, answer["order"]) in module.MEDMCP_ERRATA


def test_listed_errata_are_not_stale():
    keys = {(t, a["order"]) for t, a in MY_ANSWERS}
    for cid in MY_IDS:
        for key in getattr(get_calculator(cid).module, "MEDMCP_ERRATA", {}):
            assert key in keys, f"{cid}: erratum {key} is not a dev answer"
            row = medmcp_calc.score_answer(
                key[0], next(a for t, a in MY_ANSWERS if (t, a["order"]) == key)
            )
            assert row.status == "erratum", f"{cid}: {key} now matches; drop the erratum"


# --- scorer, coverage and CLI ---------------------------------------------------------------------


def test_matches_at_displayed_precision():
    assert medmcp_calc.matches(3.309, 3.31) and not medmcp_calc.matches(3.3, 3.31)
    assert medmcp_calc.matches(6.904, 7) and medmcp_calc.matches(2, "Stage 2")
    assert medmcp_calc.matches(4, "Grade IV") and not medmcp_calc.matches(3, "Grade IV")
    assert medmcp_calc.matches(70.7, "155.9 lbs", "kg")  # unit converted for comparison
    assert medmcp_calc.matches("Axial SpA.", "axial  spa")
    assert not medmcp_calc.matches("Positive", "Negative") and not medmcp_calc.matches(1, "n/a")


def _write_tasks(path: Path) -> Path:
    tasks = [
        {
            "task_id": "t1",
            "calculator_answers": [
                {
                    "order": 1,
                    "name": "Winters' Formula for Metabolic Acidosis Compensation",
                    "inputs": [{"field": "Bicarbonate", "value": "16 mEq/L"}],
                    "final_answer": "32 mmHg",
                },
                {
                    "order": 2,
                    "name": "Serum Ascites Albumin Gradient (SAAG)",
                    "inputs": [
                        {"field": "Albumin concentration of serum", "value": "3.0 g/dL"},
                        {"field": "Albumin concentration of ascitic fluid", "value": "1.0 g/dL"},
                    ],
                    "final_answer": "1.5 g/dL",
                },
                {
                    "order": 3,
                    "name": "No Such Calculator Anywhere",
                    "inputs": [],
                    "final_answer": 1,
                },
                {
                    "order": 4,
                    "name": "ROX Index for Intubation after HFNC",
                    "inputs": [{"field": "SpO2", "value": "90%"}],
                    "final_answer": 3.3,
                },
            ],
        }
    ]
    path.write_text("\n".join(json.dumps(t) for t in tasks) + "\n", encoding="utf-8")
    return path


def test_score_file_totals(tmp_path):
    report = medmcp_calc.score_file(_write_tasks(tmp_path / "tasks.jsonl"))
    status = [r.status for r in report.rows]
    assert status == ["matched", "mismatch", "not_covered", "error"]
    t = report.totals
    assert (t.items, t.covered, t.matched, t.mismatched, t.not_covered, t.errors) == (
        4,
        3,
        1,
        1,
        1,
        1,
    )
    assert "fio2" in report.rows[3].detail.lower()


def test_score_file_bad_input(tmp_path):
    with pytest.raises(DataLoadError, match="not found"):
        medmcp_calc.score_file(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"task_id": "x", "calculator_answers": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(DataLoadError, match=r"bad.jsonl:2"):
        medmcp_calc.score_file(bad)
    bad.write_text('{"task_id": "x"}\n', encoding="utf-8")
    with pytest.raises(DataLoadError, match="calculator_answers"):
        medmcp_calc.score_file(bad)


def test_coverage(tmp_path):
    tsv = tmp_path / "freq.tsv"
    tsv.write_text(
        "tasks_using\tcalculator\n3\tArterial Blood Gas (ABG) Analyzer\n2\tNot A Real Calculator\n",
        encoding="utf-8",
    )
    assert medmcp_calc.coverage(tsv) == (["Arterial Blood Gas (ABG) Analyzer"], 2)
    (tmp_path / "bad.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(DataLoadError, match="calculator"):
        medmcp_calc.coverage(tmp_path / "bad.tsv")


def test_coverage_of_the_real_frequency_file():
    covered, total = medmcp_calc.coverage(FREQ)
    assert total == 483
    mine = {
        "Arterial Blood Gas (ABG) Analyzer",
        "Emory Model (TIPSS)",
        "GCS-Pupils Score",
        "NIH Stroke Scale/Score (NIHSS)",
        "Winters' Formula for Metabolic Acidosis Compensation",
    }
    assert mine <= set(covered)


def test_check_medmcp_cli(tmp_path):
    app = typer.Typer()
    app.command()(medmcp_calc.check_medmcp)
    path = _write_tasks(tmp_path / "tasks.jsonl")
    runner = CliRunner()
    res = runner.invoke(app, [str(path)])
    assert res.exit_code == 1  # one mismatch and one error
    assert res.output.strip().splitlines()[-1].startswith("items 4  covered 3  matched 1")
    res = runner.invoke(app, [str(path), "--json"])
    data = json.loads(res.output)
    assert data["totals"]["matched"] == 1 and len(data["rows"]) == 4
    res = runner.invoke(app, [str(tmp_path / "nope.jsonl"), "--json"])
    assert res.exit_code == 2 and json.loads(res.output)["code"] == "load"


def test_benchmark_names_resolve_to_these_calculators():
    assert set(NAME_TO_ID.values()) == MY_IDS
    for name, cid in NAME_TO_ID.items():
        assert get_calculator(name).id == cid, name


def test_recruitment_to_inflation():
    # Crs_low = 400/(20-5) = 26.67; ΔEELV = 700 - 400 = 300; predicted 26.67 x 10 = 266.7;
    # Vrec = 33.3 mL; Crec = 3.33; R/I = 3.33/26.67 = 0.125 (low recruiter).
    r = run(
        "recruitment_to_inflation",
        high_peep=15,
        low_peep=5,
        airway_opening_pressure=0,
        tidal_volume=400,
        vt_exhaled_high_peep=400,
        release_volume=700,
        plateau_low_peep=20,
    )
    assert r.value == 0.125 and r.interpretation.startswith("Low")
    # Airway opening pressure 10 above low PEEP 5 replaces it: ΔP 5, Crs 400/10 = 40,
    # Vrec = 700 - 400 - 40 x 5 = 100, Crec 20, R/I 0.5 (high).
    r = run(
        "recruitment_to_inflation",
        high_peep=15,
        low_peep=5,
        airway_opening_pressure=10,
        tidal_volume=400,
        vt_exhaled_high_peep=400,
        release_volume=700,
        plateau_low_peep=20,
    )
    assert r.value == 0.5 and r.interpretation.startswith("High")
    with pytest.raises(CalculatorInputError, match="cannot be assessed"):
        run(
            "recruitment_to_inflation",
            high_peep=15,
            low_peep=5,
            airway_opening_pressure=16,
            tidal_volume=400,
            vt_exhaled_high_peep=400,
            release_volume=700,
            plateau_low_peep=20,
        )
