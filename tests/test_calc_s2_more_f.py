"""MedMCP-Calc names used by one dev task (session 2, part F): examples, bad inputs, dev items.

Each calculator gets a hand-worked example (the arithmetic is in the comment beside it), a
bad-input case that must raise a clear ``CalculatorInputError`` naming the field, and every
``dev_tasks.jsonl`` item of its MedMCP-Calc name must score ``matched`` through
``medmcp_calc.score_answer`` (none of these needed an erratum).
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from m3agent.calculators import medmcp_calc
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.registry import CalculatorInputError, get_calculator

from calc_testkit import DEV_TASKS, assert_name_resolves, dev_items, run

#: MedMCP-Calc name (as in calculator_frequency.tsv) → calculator id.
NAMES: dict[str, str] = {
    "Radiation Biologically Effective Dose (BED) Calculator": "radiation_bed",
    "BISAP Score for Pancreatitis Mortality": "bisap",
    "Ranson's Criteria for Pancreatitis Mortality": "ranson_criteria",
    "Glasgow-Imrie Criteria for Severity of Acute Pancreatitis": "glasgow_imrie",
    "Harmless Acute Pancreatitis Score (HAPS)": "haps",
    "Modified Marshall Score": "modified_marshall",
    "CT Severity Index (Pancreatitis)": "ct_severity_index",
    "ALBI (Albumin-Bilirubin) Grade for Hepatocellular Carcinoma (HCC)": "albi_grade",
    "Severity-of-Illness Score for Toxic Epidermal Necrolysis (SCORTEN)": "scorten",
    "Light's Criteria for Exudative Effusions": "lights_criteria",
    "RAPID Score for Pleural Infection": "rapid_pleural_infection",
    "LENT Prognostic Score for Malignant Pleural Effusion": "lent_score",
    "Parkland Formula for Burns": "parkland_formula",
    "Rule of Nines": "rule_of_nines",
    "Base Excess": "base_excess",
    "Henderson-Hasselbalch": "henderson_hasselbalch",
    "Systemic Vascular Resistance": "systemic_vascular_resistance",
    "Nutrition Risk in the Critically Ill (NUTRIC) Score": "nutric_score",
}


def bad(calc_id: str, field: str, **inputs: Any) -> CalculatorInputError:
    """Run with bad inputs; the error must name ``field``."""
    with pytest.raises(CalculatorInputError) as info:
        run(calc_id, **inputs)
    assert field in str(info.value), str(info.value)
    return info.value


# ---------------------------------------------------------------- registry names


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_medmcp_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


# ---------------------------------------------------------------- dev items


# Empty (the dev-item tests skip) when the shared data is not there.
DEV_ITEMS = dev_items(NAMES) if DEV_TASKS.is_file() else []


def test_dev_items_cover_every_name() -> None:
    if not DEV_ITEMS:
        pytest.skip("shared MedMCP-Calc data not available")
    assert {a["name"] for _, a in DEV_ITEMS} == set(NAMES)
    assert len(DEV_ITEMS) == 27  # 10 BED items + one for each of the other 17 names


@pytest.mark.parametrize(
    "task_id,answer", DEV_ITEMS, ids=[f"{t}#{a['order']}" for t, a in DEV_ITEMS]
)
def test_dev_item_matches(task_id: str, answer: dict[str, Any]) -> None:
    row = medmcp_calc.score_answer(task_id, answer)
    assert row.calculator == NAMES[answer["name"]]
    assert row.status == "matched", row


# ---------------------------------------------------------------- radiation BED


def test_bed_conventional_course() -> None:
    # 70 Gy in 2-Gy fractions, α/β 10: BED = 70 × (1 + 2/10) = 84.0 Gy;
    # EQD2 = 84 / (1 + 2/10) = 70.0 Gy.
    r = run("radiation_bed", dose_per_fraction=2, total_dose=70, alpha_beta=10)
    assert r.value == pytest.approx(84.0)
    assert r.extra["eqd2_gy"] == pytest.approx(70.0)
    assert r.extra["fractions"] == 35


def test_bed_hypofractionated_course_in_cgy() -> None:
    # 3 × 20 Gy (6000 cGy, 2000 cGy a fraction), α/β 3: BED = 60 × (1 + 20/3) = 460 Gy;
    # EQD2 = 460 / (1 + 2/3) = 276 Gy.
    r = run(
        "radiation_bed",
        dose_per_fraction=[2000, "cGy"],
        total_dose=[6000, "cGy"],
        alpha_beta=3,
    )
    assert r.value == pytest.approx(460.0)
    assert r.extra["eqd2_gy"] == pytest.approx(276.0)


def test_bed_bad_inputs() -> None:
    bad("radiation_bed", "alpha_beta", dose_per_fraction=2, total_dose=70)
    bad("radiation_bed", "alpha_beta", dose_per_fraction=2, total_dose=70, alpha_beta=0)
    err = bad(
        "radiation_bed", "dose_per_fraction", dose_per_fraction=8, total_dose=4, alpha_beta=10
    )
    assert "at least one whole fraction" in str(err)
    bad(
        "radiation_bed",
        "total_dose",
        dose_per_fraction=2,
        total_dose=[70, "mSv"],
        alpha_beta=10,
    )


# ---------------------------------------------------------------- pancreatitis


def test_bisap_three_points() -> None:
    # BUN 30 > 25 (+1), SIRS (+1), age 65 > 60 (+1); mental status and effusion absent: 3.
    r = run(
        "bisap",
        bun=30,
        impaired_mental_status=False,
        sirs=True,
        age=65,
        pleural_effusion=False,
    )
    assert r.value == 3
    assert "higher mortality" in r.interpretation
    assert [s.points for s in r.steps] == [1, 0, 1, 1, 0]


def test_bisap_bun_in_mmol_and_threshold_strict() -> None:
    # BUN 25 mg/dL is not > 25; 8.9 mmol/L urea = 24.9 mg/dL BUN: both 0.
    for bun in (25, [8.9, "mmol/L"]):
        r = run(
            "bisap",
            bun=bun,
            impaired_mental_status=False,
            sirs=False,
            age=60,
            pleural_effusion=False,
        )
        assert r.value == 0


def test_bisap_bad_inputs() -> None:
    bad("bisap", "sirs", bun=30, impaired_mental_status=False, age=65, pleural_effusion=False)
    bad(
        "bisap",
        "bun",
        bun=[30, "mg"],
        impaired_mental_status=False,
        sirs=True,
        age=65,
        pleural_effusion=False,
    )


RANSON_ADMISSION = {"age": 60, "wbc": 18, "glucose": 150, "ast": 300, "ldh": 400}
RANSON_48H = {
    "hematocrit_admission": 45,
    "hematocrit_48h": 33,
    "bun_admission": 20,
    "bun_48h": 27,
    "calcium_48h": 7.5,
    "pao2_48h": 70,
    "base_deficit_48h": 5,
    "fluid_sequestration": 7,
}


def test_ranson_admission_and_cumulative() -> None:
    # Admission: age 60 > 55 (+1), WBC 18 > 16 (+1), glucose 150 (0), AST 300 > 250 (+1),
    # LDH 400 > 350 (+1) = 4. At 48 h: Hct 45 → 33 falls 12 > 10 (+1), BUN 20 → 27 rises
    # 7 > 5 (+1), Ca 7.5 < 8 (+1), PaO2 70 (0), base deficit 5 > 4 (+1), fluid 7 > 6 L (+1):
    # cumulative 4 + 5 = 9.
    admission = run("ranson_criteria", **RANSON_ADMISSION)
    assert admission.value == 4
    assert admission.warnings
    r = run("ranson_criteria", **RANSON_ADMISSION, **RANSON_48H)
    assert r.value == 9
    assert r.extra["admission_score"] == 4
    assert "≥ 90%" in r.interpretation


def test_ranson_bad_inputs() -> None:
    partial = dict(RANSON_48H)
    del partial["fluid_sequestration"]
    bad("ranson_criteria", "fluid_sequestration", **RANSON_ADMISSION, **partial)
    no_baseline = dict(RANSON_48H)
    del no_baseline["bun_admission"]
    bad("ranson_criteria", "bun_admission", **RANSON_ADMISSION, **no_baseline)
    bad("ranson_criteria", "ldh", **{**RANSON_ADMISSION, "ldh": -5})


def test_glasgow_imrie_all_criteria() -> None:
    # PaO2 7.5 < 8 kPa, age 60 > 55, WBC 16 > 15, Ca 1.9 < 2, urea 17 > 16, LDH 700 > 600,
    # albumin 30 < 32, glucose 11 > 10: 8 points.
    r = run(
        "glasgow_imrie",
        pao2=7.5,
        age=60,
        wbc=16,
        calcium=1.9,
        urea=17,
        ldh=700,
        albumin=30,
        glucose=11,
    )
    assert r.value == 8
    assert r.interpretation.startswith("High risk")


def test_glasgow_imrie_us_units() -> None:
    # PaO2 55 mmHg = 7.33 kPa (+1); Ca 8.6 mg/dL = 2.15 mmol/L (0); BUN 50 mg/dL = 17.9
    # mmol/L (+1); albumin 3.6 g/dL = 36 g/L (0); glucose 190 mg/dL = 10.5 mmol/L (+1): 3.
    r = run(
        "glasgow_imrie",
        pao2=[55, "mmHg"],
        age=40,
        wbc=[12000, "/uL"],
        calcium=[8.6, "mg/dL"],
        urea=[50, "mg/dL"],
        ldh=300,
        albumin=[3.6, "g/dL"],
        glucose=[190, "mg/dL"],
    )
    assert r.value == 3


def test_glasgow_imrie_bad_unit() -> None:
    bad(
        "glasgow_imrie",
        "glucose",
        pao2=10,
        age=40,
        wbc=10,
        calcium=2.2,
        urea=5,
        ldh=300,
        albumin=40,
        glucose=[5, "g"],
    )


def test_haps_sex_specific_hematocrit() -> None:
    # Hematocrit 40%: ≥ 39.6 in a woman (+1), < 43 in a man (0); no peritonitis, Cr 1.0.
    woman = run("haps", sex="female", peritonitis=False, hematocrit=40, creatinine=1.0)
    man = run("haps", sex="male", peritonitis=False, hematocrit=40, creatinine=1.0)
    assert woman.value == 1 and man.value == 0
    assert man.interpretation.startswith("Non-severe pancreatitis")
    # Peritonitis (+1), creatinine 2.0 ≥ 2 (+1), Hct 45 ≥ 43 (+1): 3.
    assert run("haps", sex="male", peritonitis=True, hematocrit=45, creatinine=2.0).value == 3


def test_haps_bad_inputs() -> None:
    bad("haps", "sex", sex="other", peritonitis=False, hematocrit=40, creatinine=1.0)
    bad("haps", "hematocrit", sex="male", peritonitis=False, hematocrit=140, creatinine=1.0)


def test_modified_marshall_organ_failure() -> None:
    # PaO2 60 / FiO2 0.4 = 150 (101-200: 3); creatinine 2.0 (1.9-3.6: 2); SBP 85 not fluid
    # responsive (2): total 7, organ failure in all three systems.
    r = run(
        "modified_marshall",
        pao2=60,
        fio2=0.4,
        creatinine=2.0,
        systolic_bp=85,
        fluid_responsive=False,
    )
    assert r.value == 7
    assert r.extra["organ_failure"] is True
    assert [s.points for s in r.steps] == [3, 2, 2]


def test_modified_marshall_bands() -> None:
    # FiO2 given as 21%; PaO2 95 → ratio 452 (0); creatinine 3.6 mg/dL = 318 µmol/L (3);
    # SBP 80 with pH 7.15 (< 7.2: 4).
    r = run("modified_marshall", pao2=95, fio2=[21, "%"], creatinine=3.6, systolic_bp=80, ph=7.15)
    assert [s.points for s in r.steps] == [0, 3, 4]
    # SBP 88 but fluid responsive: 1 point, no organ failure elsewhere.
    r = run(
        "modified_marshall",
        pao2=95,
        fio2=0.21,
        creatinine=1.0,
        systolic_bp=88,
        fluid_responsive=True,
    )
    assert r.value == 1 and r.extra["organ_failure"] is False


def test_modified_marshall_bad_inputs() -> None:
    bad("modified_marshall", "fluid_responsive", pao2=95, fio2=0.21, creatinine=1, systolic_bp=80)
    bad("modified_marshall", "fio2", pao2=95, fio2=1.5, creatinine=1, systolic_bp=120)


def test_ct_severity_index() -> None:
    # Grade D (3) + necrosis 30-50% (4) = 7: mortality 17%, complications 92%.
    r = run("ct_severity_index", balthazar_grade="D", necrosis="30_to_50")
    assert r.value == 7
    assert "17%" in r.interpretation and "92%" in r.interpretation
    assert run("ct_severity_index", balthazar_grade="A", necrosis="none").value == 0


def test_ct_severity_index_bad_inputs() -> None:
    bad("ct_severity_index", "balthazar_grade", balthazar_grade="F", necrosis="none")
    bad("ct_severity_index", "necrosis", balthazar_grade="B")
    module = get_calculator("ct_severity_index").module
    with pytest.raises(MedMCPInputError, match="Balthazar grade A-E"):
        module.from_medmcp(
            [{"field": "Balthazar grade", "value": "severe"}, {"field": "necrosis", "value": "0"}]
        )
    assert module.from_medmcp(
        [{"field": "Balthazar grade", "value": "E"}, {"field": "necrosis", "value": "60%"}]
    ) == {"balthazar_grade": "E", "necrosis": "over_50"}


# ---------------------------------------------------------------- liver, skin, pleura


def test_albi_worked_example() -> None:
    # Bilirubin 1.2 mg/dL = 20.52 µmol/L, albumin 3.5 g/dL = 35 g/L:
    # 0.66 × log10(20.52) = 0.66 × 1.31218 = 0.86604; −0.085 × 35 = −2.975; ALBI = −2.109,
    # grade 2 (> −2.60 and ≤ −1.39).
    r = run("albi_grade", bilirubin=[1.2, "mg/dL"], albumin=[3.5, "g/dL"])
    assert r.value == pytest.approx(-2.109, abs=1e-3)
    assert r.extra["grade"] == 2


def test_albi_grades_at_cutoffs() -> None:
    # Bilirubin 10 µmol/L (log10 = 1 → 0.66); albumin a = (0.66 + 2.60)/0.085 = 38.353 g/L
    # gives exactly −2.60 (grade 1); albumin 30 gives 0.66 − 2.55 = −1.89 (grade 2); albumin 20
    # gives 0.66 − 1.70 = −1.04 (grade 3).
    assert run("albi_grade", bilirubin=10, albumin=(0.66 + 2.60) / 0.085).extra["grade"] == 1
    assert run("albi_grade", bilirubin=10, albumin=30).extra["grade"] == 2
    assert run("albi_grade", bilirubin=10, albumin=20).extra["grade"] == 3


def test_albi_bad_inputs() -> None:
    bad("albi_grade", "bilirubin", albumin=40)
    bad("albi_grade", "bilirubin", bilirubin=0, albumin=40)


def test_scorten_every_factor() -> None:
    # Age 45 ≥ 40, cancer, HR 125 ≥ 120, BSA 15% ≥ 10, urea 12 > 10 mmol/L, bicarbonate 18
    # < 20, glucose 15 > 14 mmol/L: 7 points, mortality > 90%.
    r = run(
        "scorten",
        age=45,
        malignancy=True,
        heart_rate=125,
        bsa_detached=15,
        urea=12,
        bicarbonate=18,
        glucose=15,
    )
    assert r.value == 7 and "> 90%" in r.interpretation


def test_scorten_us_units() -> None:
    # BUN 30 mg/dL = 10.7 mmol/L urea (+1); glucose 250 mg/dL = 13.9 mmol/L (0); age 39 (0):
    # 1 point, mortality 3.2%.
    r = run(
        "scorten",
        age=39,
        malignancy=False,
        heart_rate=100,
        bsa_detached=5,
        urea=[30, "mg/dL"],
        bicarbonate=24,
        glucose=[250, "mg/dL"],
    )
    assert r.value == 1 and "3.2%" in r.interpretation


def test_scorten_bad_inputs() -> None:
    bad(
        "scorten",
        "bsa_detached",
        age=45,
        malignancy=False,
        heart_rate=100,
        bsa_detached=120,
        urea=5,
        bicarbonate=24,
        glucose=6,
    )


def test_lights_criteria_transudate_and_exudate() -> None:
    # Protein 2.0/7.0 = 0.29 (≤ 0.5), LDH 100/200 = 0.5 (≤ 0.6), 100 ≤ 2/3 × 220 = 146.7:
    # none met → transudate.
    r = run(
        "lights_criteria",
        serum_protein=7.0,
        pleural_protein=2.0,
        serum_ldh=200,
        pleural_ldh=100,
        serum_ldh_uln=220,
    )
    assert r.extra["criteria_met"] == 0 and r.interpretation.startswith("Transudate")
    # Protein 4.2/6.8 = 0.62 > 0.5; LDH 690/180 = 3.83 > 0.6; 690 > 146.7: 3 met → exudate.
    r = run(
        "lights_criteria",
        serum_protein=6.8,
        pleural_protein=4.2,
        serum_ldh=180,
        pleural_ldh=690,
        serum_ldh_uln=220,
    )
    assert r.extra["criteria_met"] == 3 and r.value.startswith("At least one")


def test_lights_criteria_bad_inputs() -> None:
    bad(
        "lights_criteria",
        "serum_ldh_uln",
        serum_protein=7.0,
        pleural_protein=2.0,
        serum_ldh=200,
        pleural_ldh=100,
    )


def test_rapid_high_risk() -> None:
    # Urea 9 > 8 (2), age 75 > 70 (2), non-purulent (1), hospital-acquired (1), albumin 25
    # < 27 (1): 7, high risk.
    r = run(
        "rapid_pleural_infection",
        urea=9,
        age=75,
        purulent=False,
        infection_source="hospital",
        albumin=25,
    )
    assert r.value == 7 and r.interpretation.startswith("High risk")


def test_rapid_bun_converted_to_urea() -> None:
    # BUN 14 mg/dL = 5.0 mmol/L urea (5-8: 1); age 50 (1); purulent (0); community (0);
    # albumin 2.7 g/dL = 27 g/L (0): 2, low risk.
    r = run(
        "rapid_pleural_infection",
        urea=[14.01, "mg/dL"],
        age=50,
        purulent=True,
        infection_source="community",
        albumin=[2.7, "g/dL"],
    )
    assert r.value == 2 and r.interpretation.startswith("Low risk")


def test_rapid_bad_inputs() -> None:
    bad(
        "rapid_pleural_infection",
        "infection_source",
        urea=5,
        age=60,
        purulent=True,
        infection_source="nursing home",
        albumin=30,
    )


def test_lent_high_risk() -> None:
    # LDH 2000 ≥ 1500 (1), ECOG 4 (3), NLR 10 ≥ 9 (1), lung (2): 7, high risk, 44 days.
    r = run("lent_score", pleural_ldh=2000, ecog=4, nlr=10, tumour_type="lung")
    assert r.value == 7 and r.extra["median_survival_days"] == 44
    # LDH 500 (0), ECOG 0 (0), NLR 3 (0), mesothelioma (0): 0, low risk, 319 days.
    r = run("lent_score", pleural_ldh=500, ecog=0, nlr=3, tumour_type="mesothelioma")
    assert r.value == 0 and r.interpretation.startswith("Low risk")


def test_lent_bad_inputs() -> None:
    bad("lent_score", "ecog", pleural_ldh=500, ecog=5, nlr=3, tumour_type="lung")
    bad("lent_score", "tumour_type", pleural_ldh=500, ecog=1, nlr=3, tumour_type="colon")


# ---------------------------------------------------------------- burns


def test_parkland_worked_example() -> None:
    # 70 kg, 20% TBSA: 4 × 70 × 20 = 5600 mL = 5.6 L in 24 h; 2.8 L in the first 8 h.
    r = run("parkland_formula", weight=70, tbsa_burned=20)
    assert r.value == pytest.approx(5.6)
    assert r.extra["first_8h_l"] == pytest.approx(2.8)


def test_parkland_bad_inputs() -> None:
    bad("parkland_formula", "tbsa_burned", weight=70, tbsa_burned=120)
    bad("parkland_formula", "weight", tbsa_burned=20)


NO_BURN = {
    "head_neck": 0,
    "anterior_trunk": 0,
    "posterior_trunk": 0,
    "right_arm": 0,
    "left_arm": 0,
    "genitalia": 0,
    "right_leg": 0,
    "left_leg": 0,
}


def test_rule_of_nines_worked_example() -> None:
    # Head 9 + both arms 9 + 9 + anterior trunk 18 = 45% TBSA.
    r = run(
        "rule_of_nines",
        **{**NO_BURN, "head_neck": 9, "right_arm": 9, "left_arm": 9, "anterior_trunk": 18},
    )
    assert r.value == 45
    # Whole body: 9 + 18 + 18 + 9 + 9 + 1 + 18 + 18 = 100.
    full = {"head_neck": 9, "anterior_trunk": 18, "posterior_trunk": 18, "right_arm": 9}
    full |= {"left_arm": 9, "genitalia": 1, "right_leg": 18, "left_leg": 18}
    assert run("rule_of_nines", **full).value == 100


def test_rule_of_nines_region_cannot_exceed_its_share() -> None:
    bad("rule_of_nines", "right_arm", **{**NO_BURN, "right_arm": 18})
    missing = dict(NO_BURN)
    del missing["genitalia"]
    bad("rule_of_nines", "genitalia", **missing)


# ---------------------------------------------------------------- acid-base, haemodynamics


def test_base_excess_normal_blood() -> None:
    # pH 7.40, PaCO2 40: HCO3 = 0.03 × 40 × 10^1.3 = 1.2 × 19.953 = 23.94;
    # BE = 0.9287 × (23.94 − 24.4 + 0) = −0.42.
    r = run("base_excess", ph=7.40, paco2=40)
    assert r.extra["hco3"] == pytest.approx(23.94, abs=0.01)
    assert r.value == pytest.approx(-0.42, abs=0.01)
    assert "within" in r.interpretation


def test_base_excess_kpa_input() -> None:
    # PaCO2 4.13 kPa = 31.0 mmHg, pH 7.34: HCO3 = 0.93 × 10^1.24 = 16.16;
    # BE = 0.9287 × (16.16 − 24.4 + 14.83 × −0.06) = 0.9287 × −9.13 = −8.48.
    r = run("base_excess", ph=7.34, paco2=[4.1330, "kPa"])
    assert r.value == pytest.approx(-8.48, abs=0.01)
    assert "metabolic acidosis" in r.interpretation


def test_base_excess_bad_inputs() -> None:
    bad("base_excess", "ph", ph=9.1, paco2=40)
    bad("base_excess", "paco2", ph=7.4)


def test_henderson_hasselbalch() -> None:
    # HCO3 24, PaCO2 40: 6.1 + log10(24 / 1.2) = 6.1 + 1.30103 = 7.401.
    assert run("henderson_hasselbalch", bicarbonate=24, paco2=40).value == pytest.approx(7.401)
    # HCO3 16, PaCO2 32: 6.1 + log10(16 / 0.96) = 6.1 + 1.22185 = 7.322 (acidaemia).
    r = run("henderson_hasselbalch", bicarbonate=16, paco2=32)
    assert r.value == pytest.approx(6.1 + math.log10(16 / 0.96), abs=1e-3)
    assert "acidaemia" in r.interpretation


def test_henderson_hasselbalch_bad_inputs() -> None:
    bad("henderson_hasselbalch", "bicarbonate", bicarbonate=0, paco2=40)
    bad("henderson_hasselbalch", "paco2", bicarbonate=24, paco2=[40, "psi"])


def test_svr_worked_example() -> None:
    # MAP 93, CVP 5, CO 5 L/min: 80 × (93 − 5) / 5 = 1408 dyn·s·cm⁻⁵ = 17.6 Wood units (high).
    r = run(
        "systemic_vascular_resistance",
        mean_arterial_pressure=93,
        central_venous_pressure=5,
        cardiac_output=5,
    )
    assert r.value == pytest.approx(1408)
    assert r.extra["wood_units"] == pytest.approx(17.6)
    assert "high" in r.interpretation


def test_svr_bad_inputs() -> None:
    bad(
        "systemic_vascular_resistance",
        "cardiac_output",
        mean_arterial_pressure=93,
        central_venous_pressure=5,
        cardiac_output=0,
    )


# ---------------------------------------------------------------- nutrition


def test_nutric_with_and_without_il6() -> None:
    # Age 80 (2), APACHE II 30 (3), SOFA 12 (2), 3 comorbidities (1), 2 days to ICU (1),
    # IL-6 500 (1): 10, high risk (≥ 6 of 10).
    r = run(
        "nutric_score",
        age=80,
        apache_ii=30,
        sofa=12,
        comorbidities=3,
        days_hospital_to_icu=2,
        il6=500,
    )
    assert r.value == 10 and r.interpretation.startswith("High risk")
    # Without IL-6, age 58 (1), APACHE 28 (20-28: 2), SOFA 5 (0), 1 comorbidity (0), 0 days
    # (0): 3, low risk (mNUTRIC high from 5).
    r = run("nutric_score", age=58, apache_ii=28, sofa=5, comorbidities=1, days_hospital_to_icu=0)
    assert r.value == 3 and r.interpretation.startswith("Low risk")
    # 5 points without IL-6 is high risk, with IL-6 < 400 it is low risk (cut-off 6).
    base = dict(age=80, apache_ii=20, sofa=6, comorbidities=0, days_hospital_to_icu=0)
    assert run("nutric_score", **base).interpretation.startswith("High risk")
    assert run("nutric_score", **base, il6=100).interpretation.startswith("Low risk")


def test_nutric_bad_inputs() -> None:
    bad(
        "nutric_score",
        "sofa",
        age=60,
        apache_ii=20,
        sofa=30,
        comorbidities=1,
        days_hospital_to_icu=0,
    )
    bad("nutric_score", "apache_ii", age=60, sofa=5, comorbidities=1, days_hospital_to_icu=0)
