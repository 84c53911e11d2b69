"""Tests of the MedMCP-Calc single-task calculators added in session s3, part i.

Per calculator: a hand-worked example (arithmetic in a comment), the dev items of its name
scored through ``medmcp_calc.score_answer`` (matched, or a declared erratum), and bad inputs.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from m3agent.calculators import medmcp_calc, registry
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import DEV_TASKS, dev_items, run

#: MedMCP-Calc name → calculator id, and the status every dev item of that name must reach.
NAMES: dict[str, tuple[str, str]] = {
    "American Urological Association Symptom Index (AUA-SI)/International Prostate Symptom "
    "Score (IPSS)": ("ipss_aua_si", "matched"),
    "PSA Doubling Time (PSADT) Calculator": ("psa_doubling_time", "erratum"),
    "Risk of Malignancy Index (RMI) for Ovarian Cancer": ("rmi_ovarian", "matched"),
    "FIGO Staging for Ovarian Cancer (2014)": ("figo_ovarian_2014", "matched"),
    "Swede Score": ("swede_score", "matched"),
    "Cervical Cancer TNM Staging": ("cervical_cancer_tnm", "matched"),
    "Hepatocellular Carcinoma TNM Staging": ("hcc_tnm", "matched"),
    "Barcelona-Clinic Liver Cancer (BCLC) Staging Classification and Treatment Guidelines": (
        "bclc_staging",
        "matched",
    ),
    "GALAD Model for Hepatocellular Carcinoma (HCC)": ("galad_hcc", "matched"),
    "Cytokine Release Syndrome (CRS) Grading": ("crs_grading", "matched"),
    "Immune Effector Cell-Associated Neurotoxicity Syndrome (ICANS) Consensus Grading for Adults": (
        "icans_grading",
        "matched",
    ),
    "Immune-Related Adverse Events for Lung Toxicity - Pneumonitis": (
        "irae_pneumonitis",
        "erratum",
    ),
    "Immune-Related Adverse Events for GI Toxicity - Colitis": ("irae_colitis", "matched"),
    "Immune-Related Adverse Events for Renal Toxicities - Nephritis": (
        "irae_nephritis",
        "matched",
    ),
    "Immune-Related Adverse Events for GI Toxicity - Hepatitis": ("irae_hepatitis", "matched"),
    "Immune-Related Adverse Events for Endocrine Toxicities - Diabetes Mellitus": (
        "irae_diabetes",
        "matched",
    ),
    "Immune-Related Adverse Events for Endocrine Toxicities - Hypothyroidism": (
        "irae_hypothyroidism",
        "matched",
    ),
    "Forrester HF Class": ("forrester_hf_class", "matched"),
    "AS: Aortic Valve Area (Cont)": ("aortic_valve_area_continuity", "erratum"),
    "Solitary Pulmonary Nodule (SPN) Malignancy Risk Score (Mayo Clinic Model)": (
        "mayo_spn",
        "matched",
    ),
    "Fleischner Society Guidelines for Incidental Pulmonary Nodules": (
        "fleischner_2017",
        "matched",
    ),
    "Brain Metastasis Velocity (BMV) Model": ("brain_metastasis_velocity", "matched"),
}


# Empty (the dev-item tests skip) when the shared data is not there.
DEV_ITEMS = dev_items(NAMES) if DEV_TASKS.is_file() else []


@pytest.mark.skipif(not DEV_ITEMS, reason="MedMCP-Calc dev tasks not available")
@pytest.mark.parametrize("task_id,answer", DEV_ITEMS, ids=[a["name"][:40] for _, a in DEV_ITEMS])
def test_dev_items_match_or_are_declared_errata(task_id: str, answer: dict[str, Any]) -> None:
    calc_id, status = NAMES[answer["name"]]
    row = medmcp_calc.score_answer(task_id, answer)
    assert row.calculator == calc_id
    assert row.status == status, row


@pytest.mark.skipif(not DEV_ITEMS, reason="MedMCP-Calc dev tasks not available")
def test_every_name_has_a_dev_item() -> None:
    assert {a["name"] for _, a in DEV_ITEMS} == set(NAMES)


@pytest.mark.parametrize("name", list(NAMES))
def test_names_resolve(name: str) -> None:
    assert registry.get_calculator(name).id == NAMES[name][0]


# --- hand-worked examples -------------------------------------------------------------------


def test_ipss_moderate() -> None:
    # 3 + 2 + 1 + 2 + 3 + 1 + 2 = 14 → moderate (8-19, Barry 1992).
    r = run(
        "ipss_aua_si",
        incomplete_emptying=3,
        frequency=2,
        intermittency=1,
        urgency=2,
        weak_stream=3,
        straining=1,
        nocturia=2,
        quality_of_life="mixed",
    )
    assert r.value == 14
    assert r.interpretation.startswith("Moderate")
    assert r.extra["quality_of_life_score"] == 3
    assert r.steps[-1].total == 14


def test_psadt_two_points() -> None:
    # PSA 2 → 4 ng/mL over 12 months: slope = ln 2 / 12, PSADT = 12 months exactly.
    r = run("psa_doubling_time", psa=[2.0, 4.0], intervals_months=[12])
    assert r.value == pytest.approx(12.0)
    # Dev series 5.1, 5.4, 5.2, 5.8, 6.2 every 6 months: slope 2.7725/360 = 0.0077 → 90.0 months.
    r = run("psa_doubling_time", psa=[5.1, 5.4, 5.2, 5.8, 6.2], intervals_months=[6, 6, 6, 6])
    assert round(r.value, 1) == 90.0
    assert r.extra["slope_per_month"] == pytest.approx(0.0077, abs=1e-4)


def test_psadt_falling_psa_has_no_doubling() -> None:
    r = run("psa_doubling_time", psa=[4.0, 3.0], intervals_months=[6])
    assert "No doubling" in r.value


def test_rmi() -> None:
    # One feature (U=1), premenopausal (M=1), CA-125 35 → RMI 35, low risk.
    r = run(
        "rmi_ovarian",
        multilocular=True,
        solid_areas=False,
        bilateral=False,
        ascites=False,
        intra_abdominal_metastases=False,
        menopausal_status="premenopausal",
        ca125=35,
    )
    assert r.value == 35
    assert r.interpretation.startswith("Low risk")
    # Two features (U=3), postmenopausal (M=3), CA-125 40 → 360 ≥ 200, high risk.
    r = run(
        "rmi_ovarian",
        multilocular=True,
        solid_areas=True,
        bilateral=False,
        ascites=False,
        intra_abdominal_metastases=False,
        menopausal_status="postmenopausal",
        ca125=40,
    )
    assert r.value == 360
    assert r.interpretation.startswith("High risk")


def test_swede() -> None:
    # 1 + 1 + 0 + 2 + 1 = 5 → CIN2/CIN3 band (5-6).
    r = run(
        "swede_score",
        aceto_uptake=1,
        margins_surface=1,
        vessels=0,
        lesion_size=2,
        iodine_staining=1,
    )
    assert r.value == 5
    assert "CIN2/CIN3" in r.interpretation


def test_figo_ovarian() -> None:
    assert run("figo_ovarian_2014", finding="surgical_spill").value == "Stage IC1"
    assert run("figo_ovarian_2014", finding="macroscopic_peritoneal_gt_2cm").value == "Stage IIIC"


def test_cervical_tnm() -> None:
    assert run("cervical_cancer_tnm", t="T1b2", n="N0", m="M0").value == "IB2"
    assert run("cervical_cancer_tnm", t="T2a1", n="N1", m="M0").value == "IIIB"
    assert run("cervical_cancer_tnm", t="T4", n="N1", m="M0").value == "IVA"
    assert run("cervical_cancer_tnm", t="T1a1", n="N0", m="M1").value == "IVB"


def test_hcc_tnm() -> None:
    assert run("hcc_tnm", t="T3", n="N0", m="M0").value == "IIIA"
    assert run("hcc_tnm", t="T1a", n="N1", m="M0").value == "IVA"
    assert run("hcc_tnm", t="T2", n="N1", m="M1").value == "IVB"


def test_bclc() -> None:
    r = run(
        "bclc_staging",
        tumor="single_or_3_nodules_le_3cm",
        liver_function="preserved",
        ecog=0,
        single_nodule=False,
    )
    assert r.value == "Stage A"
    assert "transplantation" in r.interpretation
    assert run("bclc_staging", tumor="multinodular", liver_function="preserved", ecog=0).value == (
        "Stage B"
    )
    assert run("bclc_staging", tumor="multinodular", liver_function="preserved", ecog=2).value == (
        "Stage C"
    )
    assert run("bclc_staging", tumor="single_le_2cm", liver_function="end_stage", ecog=0).value == (
        "Stage D"
    )


def test_galad() -> None:
    # Female 50 y, AFP-L3 5%, AFP 10, DCP 10: -10.08 + 4.5 + 0 + 2.34 + 0.2 + 1.33 = -1.71.
    r = run("galad_hcc", sex="female", age=50, afp_l3=5, afp=10, dcp=10)
    assert r.value == pytest.approx(-1.71)
    assert r.extra["probability_hcc"] == pytest.approx(1 / (1 + math.exp(1.71)))


def test_crs() -> None:
    r = run("crs_grading", severity="moderate", extensive_comorbidities_or_older_age=True)
    assert r.value == "Grade 2 CRS"
    assert "tocilizumab" in r.interpretation
    r = run("crs_grading", severity="mild", extensive_comorbidities_or_older_age=True)
    assert r.value == "Grade 1 CRS"
    assert "tocilizumab" not in r.interpretation


def test_icans_most_severe_domain() -> None:
    # ICE 5 → grade 2; awakens to voice → 2; focal oedema → 3: grade 3.
    r = run(
        "icans_grading",
        ice_score=5,
        consciousness="awakens_to_voice",
        seizure="none",
        deep_focal_motor_weakness=False,
        cerebral_edema="focal",
    )
    assert r.value == "Grade 3"
    r = run(
        "icans_grading",
        ice_score=0,
        consciousness="unarousable_or_coma",
        seizure="none",
        deep_focal_motor_weakness=False,
        cerebral_edema="none",
    )
    assert r.value == "Grade 4"


def test_irae_grades() -> None:
    # Creatinine 1.0 → 2.5: 2.5× baseline → G2.
    r = run(
        "irae_nephritis",
        baseline_creatinine=1.0,
        current_creatinine=2.5,
        dialysis_indicated=False,
        hospitalization_indicated=False,
    )
    assert r.value == "G2"
    # ALT 250 with ULN 40 = 6.25× → G3.
    r = run(
        "irae_hepatitis",
        ast=60,
        alt=250,
        bilirubin=1.0,
        ast_uln=40,
        alt_uln=40,
        bilirubin_uln=1.2,
    )
    assert r.value == "G3"
    r = run("irae_diabetes", fasting_glucose=300, symptoms="moderate", ketosis_or_t1dm=False)
    assert r.value == "G3"
    assert run("irae_hypothyroidism", tsh=7, symptoms="asymptomatic").value == "G1"
    r = run(
        "irae_colitis",
        stool_increase_per_day=8,
        incontinence=False,
        hospitalization_indicated=False,
        limiting_self_care_adl=False,
        life_threatening=False,
    )
    assert r.value == "G3"
    r = run(
        "irae_pneumonitis",
        symptoms="asymptomatic",
        extent="one_lobe_or_lt25",
        adl_limitation="none",
        oxygen_indicated=False,
        hospitalization_required=False,
    )
    assert r.value == "G1"
    assert r.warnings  # the grade-4 criterion was not given


def test_forrester() -> None:
    assert run("forrester_hf_class", pcwp=15, cardiac_index=2.8).value == 1
    assert run("forrester_hf_class", pcwp=22, cardiac_index=2.8).value == 2
    assert run("forrester_hf_class", pcwp=15, cardiac_index=2.0).value == 3
    assert run("forrester_hf_class", pcwp=[3.2, "kPa"], cardiac_index=2.0).value == 4  # 24 mmHg


def test_ava_continuity() -> None:
    # D 2.0 cm: area π = 3.1416; × 20 / 80 = 0.785 cm² → severe.
    r = run("aortic_valve_area_continuity", lvot_diameter=2.0, lvot_vti=20, av_vti=80)
    assert r.value == pytest.approx(0.79)
    assert r.interpretation.startswith("Severe")
    r = run("aortic_valve_area_continuity", lvot_diameter=[19, "mm"], lvot_vti=8.4, av_vti=80)
    assert r.value == pytest.approx(0.30)


def test_mayo_spn() -> None:
    # 68 y, 12 mm, smoker, upper lobe, spiculated: x = -6.8272 + 2.6588 + 0.7917 + 1.5288
    # + 1.0407 + 0.7838 = -0.0234 → 49.4%.
    r = run(
        "mayo_spn",
        age=68,
        diameter=12,
        smoker=True,
        extrathoracic_cancer_ge_5y=False,
        upper_lobe=True,
        spiculation=True,
    )
    assert r.value == 49.4


def test_fleischner() -> None:
    r = run("fleischner_2017", nodule_type="solid", number="single", size="lt_6mm", risk="low")
    assert r.value == "No routine follow-up"
    r = run("fleischner_2017", nodule_type="ground_glass", number="single", size="6_8mm")
    assert r.value.startswith("CT at 6-12 months to confirm persistence")
    r = run("fleischner_2017", nodule_type="part_solid", number="multiple", size="lt_6mm")
    assert "2 and 4 years" in r.value


def test_bmv() -> None:
    # 3 new metastases in 1.5 years = 2.0 per year → low risk, median OS 12.4 months.
    r = run("brain_metastasis_velocity", new_metastases=3, years_since_srs=1.5)
    assert r.value == 2.0
    assert r.interpretation.startswith("Low risk")
    r = run("brain_metastasis_velocity", new_metastases=15, years_since_srs=1)
    assert r.interpretation.startswith("High risk")


# --- bad inputs -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "calc_id,inputs,field",
    [
        ("ipss_aua_si", {"incomplete_emptying": 6}, "incomplete_emptying"),
        ("psa_doubling_time", {"psa": [2.0, 3.0], "intervals_months": [1, 2]}, ""),
        ("psa_doubling_time", {"psa": [2.0, -1.0], "intervals_months": [3]}, ""),
        ("rmi_ovarian", {"menopausal_status": "perimenopausal"}, "menopausal_status"),
        ("swede_score", {"aceto_uptake": 3}, "aceto_uptake"),
        ("figo_ovarian_2014", {"finding": "stage_v"}, "finding"),
        ("cervical_cancer_tnm", {"t": "T5", "n": "N0", "m": "M0"}, "t"),
        ("hcc_tnm", {"t": "T1", "n": "N0", "m": "M0"}, "t"),
        (
            "bclc_staging",
            {"tumor": "single_le_2cm", "liver_function": "preserved", "ecog": 5},
            "ecog",
        ),
        ("galad_hcc", {"sex": "male", "age": 60, "afp_l3": 5, "afp": 0, "dcp": 10}, "afp"),
        ("crs_grading", {"severity": "moderate"}, "extensive_comorbidities_or_older_age"),
        ("icans_grading", {"ice_score": 11}, "ice_score"),
        ("irae_nephritis", {"baseline_creatinine": [1, "furlongs"]}, "baseline_creatinine"),
        ("irae_hypothyroidism", {"tsh": 5, "symptoms": "mild"}, "symptoms"),
        ("forrester_hf_class", {"pcwp": 200, "cardiac_index": 2}, "pcwp"),
        ("mayo_spn", {"age": 60}, "diameter"),
        ("fleischner_2017", {"nodule_type": "solid", "number": "single", "size": "lt_6mm"}, ""),
        ("brain_metastasis_velocity", {"new_metastases": 2, "years_since_srs": 0}, ""),
    ],
)
def test_bad_inputs_raise_clear_errors(calc_id: str, inputs: dict[str, Any], field: str) -> None:
    with pytest.raises(CalculatorInputError) as e:
        registry.get_calculator(calc_id).run(inputs)
    if field:
        assert field in str(e.value)


def test_adapter_rejects_pet_result() -> None:
    from m3agent.calculators.library import mayo_spn
    from m3agent.calculators.library._adapter_errors import AdapterError

    items = [
        {"field": "Age", "value": "60 years"},
        {"field": "FDG-PET", "value": "Avid"},
    ]
    with pytest.raises(AdapterError, match="PET"):
        mayo_spn.from_medmcp(items)
