"""MedMCP-Calc one-task calculators (session 4, batch r): worked examples, dev items, bad inputs.

Covered: DS-GPA (Brain Metastases Prognostic Index), eAG from HbA1c, RSBI, PLASMIC, LACE, CCI
for platelet transfusion, Nadler blood volume, BMI and BSA (Mosteller) and the maximum allowable
blood loss. The other names of the batch were not implemented (published coefficients/tables not
found; see the session report).
"""

from __future__ import annotations

import pytest

from m3agent.calculators import medmcp_calc
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import assert_name_resolves, dev_rows, medmcp, run

NAMES = {
    "Brain Metastases Prognostic Index": "ds_gpa_brain_metastases",
    "Estimated Average Glucose (eAG) From HbA1C": "eag_from_hba1c",
    "Rapid Shallow Breathing Index (RSBI)": "rsbi",
    "PLASMIC Score for TTP": "plasmic_score",
    "LACE Index for Readmission": "lace_index",
    "Corrected Count Increment (CCI) for Platelet Transfusion": "cci_platelet_transfusion",
    "Blood Volume Calculation": "blood_volume_nadler",
    "BMI and BSA (Mosteller)": "bmi_bsa_mosteller",
    "Maximum Allowable Blood Loss (ABL) Without Transfusion": "max_allowable_blood_loss",
}


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_dev_items_match() -> None:
    rows = dev_rows(NAMES)
    # Only the Brain Metastases Prognostic Index has a dev item among these names.
    assert [(r.name, r.status) for r in rows] == [("Brain Metastases Prognostic Index", "matched")]
    assert rows[0].got == 0


# --- DS-GPA (Sperduto 2012) ---------------------------------------------------------------


def test_ds_gpa_lung_worked_example() -> None:
    # NSCLC, age 55 (50-60: 0.5), KPS 80 (70-80: 0.5), no extracranial metastases (1),
    # one brain metastasis (1): 0.5 + 0.5 + 1 + 1 = 3.0 → band 2.5-3, median 9.4 months.
    r = run(
        "ds_gpa_brain_metastases",
        diagnosis="nsclc",
        kps=80,
        age=55,
        extracranial_metastases=False,
        brain_metastases=1,
    )
    assert r.value == 3
    assert r.extra["median_survival_months"] == 9.4
    assert [s.points for s in r.steps] == [0.5, 0.5, 1.0, 1.0]


def test_ds_gpa_breast_and_gi() -> None:
    # Breast: age 45 (< 60: 0.5) + KPS 90 (1.5) + luminal B (2.0) = 4.0 → 25.3 months.
    r = run(
        "ds_gpa_brain_metastases", diagnosis="breast", kps=90, age=45, breast_subtype="luminal_b"
    )
    assert r.value == 4 and r.extra["median_survival_months"] == 25.3
    # Breast KPS 60 scores 0.5; age 65 scores 0; basal 0: total 0.5 → 3.4 months.
    r = run("ds_gpa_brain_metastases", diagnosis="breast", kps=60, age=65, breast_subtype="basal")
    assert r.value == 0.5 and r.extra["median_survival_months"] == 3.4
    # GI: KPS 80 scores 2 → 4.4 months; KPS 60 scores 0 → 3.1 months.
    assert (
        run("ds_gpa_brain_metastases", diagnosis="gi", kps=80).extra["median_survival_months"]
        == 4.4
    )
    assert run("ds_gpa_brain_metastases", diagnosis="gi", kps=60).value == 0


def test_ds_gpa_melanoma_mets_bands() -> None:
    # Melanoma: KPS 70 (1) + 2 metastases (1) = 2 → 4.7 months; 4 metastases score 0.
    r = run("ds_gpa_brain_metastases", diagnosis="melanoma", kps=70, brain_metastases=2)
    assert r.value == 2 and r.extra["median_survival_months"] == 4.7
    r = run("ds_gpa_brain_metastases", diagnosis="renal", kps=100, brain_metastases=4)
    assert r.value == 2


def test_ds_gpa_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="age"):
        run(
            "ds_gpa_brain_metastases",
            diagnosis="nsclc",
            kps=80,
            brain_metastases=1,
            extracranial_metastases=True,
        )
    with pytest.raises(CalculatorInputError, match="multiple of 10"):
        run("ds_gpa_brain_metastases", diagnosis="gi", kps=75)
    with pytest.raises(CalculatorInputError, match="diagnosis"):
        run("ds_gpa_brain_metastases", diagnosis="glioma", kps=80)
    with pytest.raises(CalculatorInputError, match="kps"):
        run("ds_gpa_brain_metastases", diagnosis="gi", kps=110)


# --- eAG (Nathan 2008) -----------------------------------------------------------------------


def test_eag_worked_example() -> None:
    # 28.7 × 7 − 46.7 = 200.9 − 46.7 = 154.2 mg/dL; 1.59 × 7 − 2.59 = 8.54 mmol/L.
    r = run("eag_from_hba1c", hba1c=7)
    assert r.value == pytest.approx(154.2)
    assert r.extra["eag_mmol_l"] == pytest.approx(8.54)
    # IFCC 53 mmol/mol = 0.09148 × 53 + 2.152 = 7.00 % → ≈ 154 mg/dL.
    assert run("eag_from_hba1c", hba1c=[53, "mmol/mol"]).value == pytest.approx(154.3, abs=0.2)


def test_eag_converted_hba1c_is_shown_rounded() -> None:
    # Review regression: 53 mmol/mol converts to 0.09148 × 53 + 2.152 = 7.00044 %, which the
    # interpretation used to print in full ("7.00044%"); it now shows the HbA1c to 2 decimals.
    r = run("eag_from_hba1c", hba1c=[53, "mmol/mol"])
    assert "HbA1c of 7% " in r.interpretation
    assert "7.00044" not in r.interpretation


def test_eag_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="hba1c"):
        run("eag_from_hba1c", hba1c=25)
    with pytest.raises(CalculatorInputError, match="hba1c"):
        run("eag_from_hba1c", hba1c=[7, "mg/dL"])
    with pytest.raises(CalculatorInputError, match="hba1c"):
        run("eag_from_hba1c")


def test_eag_adapter() -> None:
    r = medmcp("eag_from_hba1c", [{"field": "Hemoglobin A1c", "value": "8.0 %"}])
    assert r.value == pytest.approx(28.7 * 8 - 46.7)


# --- RSBI (Yang & Tobin 1991) ----------------------------------------------------------------


def test_rsbi_worked_examples() -> None:
    # 30 breaths/min / 0.25 L = 120 ≥ 105: predicts failure.
    r = run("rsbi", respiratory_rate=30, tidal_volume=250)
    assert r.value == 120 and "fail" in r.interpretation
    # 20 / 0.5 L = 40 < 105: predicts success; the tidal volume may come in litres.
    r = run("rsbi", respiratory_rate=20, tidal_volume=[0.5, "L"])
    assert r.value == 40 and "succeed" in r.interpretation
    # Exactly 105 (21 / 0.2) is at the threshold: not below it.
    assert "fail" in run("rsbi", respiratory_rate=21, tidal_volume=200).interpretation


def test_rsbi_bad_inputs_and_adapter() -> None:
    with pytest.raises(CalculatorInputError, match="tidal_volume"):
        run("rsbi", respiratory_rate=20)
    with pytest.raises(CalculatorInputError, match="tidal_volume"):
        run("rsbi", respiratory_rate=20, tidal_volume=5000)
    r = medmcp(
        "rsbi",
        [
            {"field": "Respiratory rate", "value": "28 breaths/min"},
            {"field": "Tidal volume", "value": "350 mL"},
        ],
    )
    assert r.value == pytest.approx(80.0)


# --- PLASMIC (Bendapudi 2017) ----------------------------------------------------------------

_PLASMIC_ALL = dict(
    platelets=15,
    hemolysis=True,
    active_cancer=False,
    transplant_history=False,
    mcv=85,
    inr=1.2,
    creatinine=1.1,
)


def test_plasmic_worked_examples() -> None:
    # Every criterion met: 7 → high risk.
    r = run("plasmic_score", **_PLASMIC_ALL)
    assert r.value == 7 and r.interpretation.startswith("High")
    # Platelets exactly 30 (not < 30) and creatinine 2.5 lose a point each: 5 → intermediate.
    r = run("plasmic_score", **{**_PLASMIC_ALL, "platelets": 30, "creatinine": 2.5})
    assert r.value == 5 and r.interpretation.startswith("Intermediate")
    # Active cancer and MCV 95 on top: 3 → low.
    r = run(
        "plasmic_score",
        **{**_PLASMIC_ALL, "platelets": 30, "creatinine": 2.5, "active_cancer": True, "mcv": 95},
    )
    assert r.value == 3 and r.interpretation.startswith("Low")
    assert medmcp_calc.matches_result(r.value, r.interpretation, "Low", r.unit)


def test_plasmic_bad_inputs_and_adapter() -> None:
    with pytest.raises(CalculatorInputError, match="mcv"):
        run("plasmic_score", **{**_PLASMIC_ALL, "mcv": 300})
    with pytest.raises(CalculatorInputError, match="hemolysis"):
        run("plasmic_score", **{k: v for k, v in _PLASMIC_ALL.items() if k != "hemolysis"})
    r = medmcp(
        "plasmic_score",
        [
            {"field": "Platelet count", "value": "18 x10^3/µL"},
            {"field": "Hemolysis", "value": "Yes (retic 4%)"},
            {"field": "No active cancer", "value": "Yes"},
            {"field": "No history of solid-organ or stem-cell transplant", "value": "Yes"},
            {"field": "MCV", "value": "88 fL"},
            {"field": "INR", "value": "1.1"},
            {"field": "Creatinine", "value": "1.4 mg/dL"},
        ],
    )
    assert r.value == 7


# --- LACE (van Walraven 2010) ----------------------------------------------------------------


def test_lace_worked_examples() -> None:
    # 5-day stay (4-6: 4) + acute (3) + Charlson 5 (≥ 4: 5) + 2 ED visits (2) = 14.
    r = run("lace_index", length_of_stay=5, acute_admission=True, charlson=5, ed_visits=2)
    assert r.value == 14 and r.interpretation.startswith("High risk")
    # 2-day elective stay, Charlson 0, no ED visits: 2.
    assert (
        run("lace_index", length_of_stay=2, acute_admission=False, charlson=0, ed_visits=0).value
        == 2
    )
    # 14 days scores 7, 6 ED visits cap at 4, Charlson 3 scores 3: 7 + 0 + 3 + 4 = 14.
    assert (
        run("lace_index", length_of_stay=14, acute_admission=False, charlson=3, ed_visits=6).value
        == 14
    )


def test_lace_bad_inputs_and_adapter() -> None:
    with pytest.raises(CalculatorInputError, match="length_of_stay"):
        run("lace_index", length_of_stay=-1, acute_admission=True, charlson=0, ed_visits=0)
    with pytest.raises(CalculatorInputError, match="charlson"):
        run("lace_index", length_of_stay=3, acute_admission=True, ed_visits=0)
    r = medmcp(
        "lace_index",
        [
            {"field": "Length of stay", "value": "8 days"},
            {"field": "Acute (emergent) admission", "value": "Yes"},
            {"field": "Charlson Comorbidity Index", "value": "2"},
            {"field": "ED visits in previous 6 months", "value": "1"},
        ],
    )
    assert r.value == 5 + 3 + 2 + 1


# --- CCI (Delaflor-Weiss & Mintz 2000) -------------------------------------------------------


def test_cci_worked_example() -> None:
    # Increment 20,000/µL × 1.8 m² / 3 (× 10¹¹) = 12,000 ≥ 7,500: adequate.
    r = run(
        "cci_platelet_transfusion",
        pre_count=10000,
        post_count=30000,
        bsa=1.8,
        platelets_transfused=3,
    )
    assert r.value == 12000 and "adequate" in r.interpretation
    # Counts in 10³/µL: 10 → 14 (increment 4,000) × 1.8 / 3 = 2,400: poor.
    r = run(
        "cci_platelet_transfusion",
        pre_count=[10, "10^3/uL"],
        post_count=[14, "10^3/uL"],
        bsa=1.8,
        platelets_transfused=3,
    )
    assert r.value == 2400 and "poor" in r.interpretation


def test_cci_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="platelets_transfused"):
        run(
            "cci_platelet_transfusion",
            pre_count=1e4,
            post_count=3e4,
            bsa=1.8,
            platelets_transfused=0,
        )
    with pytest.raises(CalculatorInputError, match="bsa"):
        run("cci_platelet_transfusion", pre_count=1e4, post_count=3e4, platelets_transfused=3)


# --- Nadler blood volume -----------------------------------------------------------------------


def test_blood_volume_worked_examples() -> None:
    # Man 1.80 m, 80 kg: 0.3669 × 5.832 + 0.03219 × 80 + 0.6041 = 2.1398 + 2.5752 + 0.6041
    # = 5.319 L.
    assert run("blood_volume_nadler", sex="male", height=180, weight=80).value == pytest.approx(
        5.319, abs=0.001
    )
    # Woman 1.65 m, 60 kg: 0.3561 × 4.492125 + 0.03308 × 60 + 0.1833 = 1.5996 + 1.9848 + 0.1833
    # = 3.768 L.
    assert run("blood_volume_nadler", sex="female", height=[65, "in"], weight=[60, "kg"]).value == (
        pytest.approx(3.77, abs=0.02)
    )


def test_blood_volume_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="sex"):
        run("blood_volume_nadler", sex="other", height=170, weight=70)
    with pytest.raises(CalculatorInputError, match="weight"):
        run("blood_volume_nadler", sex="male", height=170, weight=[70, "mmHg"])


# --- BMI and BSA -------------------------------------------------------------------------------


def test_bmi_bsa_worked_example() -> None:
    # 70 kg, 175 cm: BMI 70 / 1.75² = 22.857; BSA √(175 × 70 / 3600) = √3.4028 = 1.845 m².
    r = run("bmi_bsa_mosteller", weight=70, height=175)
    assert r.value == pytest.approx(22.857, abs=0.001)
    assert r.extra["bsa"] == pytest.approx(1.845, abs=0.001)
    with pytest.raises(CalculatorInputError, match="height"):
        run("bmi_bsa_mosteller", weight=70)
    r = medmcp(
        "bmi_bsa_mosteller",
        [{"field": "Weight", "value": "154 lb"}, {"field": "Height", "value": "175 cm"}],
    )
    assert r.value == pytest.approx(22.8, abs=0.1)


# --- Maximum allowable blood loss ----------------------------------------------------------------


def test_abl_worked_examples() -> None:
    # Woman 60 kg: EBV 60 × 65 = 3,900 mL; Hct 45 → 30: 3,900 × 15 / 45 = 1,300 mL.
    r = run(
        "max_allowable_blood_loss",
        group="adult_female",
        weight=60,
        initial_hematocrit=45,
        final_hematocrit=30,
    )
    assert r.value == 1300
    # Man 80 kg on haemoglobin: EBV 6,000 mL; Hb 14 → 7: 6,000 × 7 / 14 = 3,000 mL.
    r = run(
        "max_allowable_blood_loss",
        group="adult_male",
        weight=80,
        initial_hemoglobin=14,
        final_hemoglobin=7,
    )
    assert r.value == 3000


def test_abl_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="exactly one pair"):
        run("max_allowable_blood_loss", group="adult_male", weight=80, initial_hematocrit=45)
    with pytest.raises(CalculatorInputError, match="below the initial"):
        run(
            "max_allowable_blood_loss",
            group="adult_male",
            weight=80,
            initial_hematocrit=30,
            final_hematocrit=35,
        )
    with pytest.raises(CalculatorInputError, match="group"):
        run(
            "max_allowable_blood_loss",
            group="teen",
            weight=50,
            initial_hematocrit=40,
            final_hematocrit=30,
        )
    r = medmcp(
        "max_allowable_blood_loss",
        [
            {"field": "Patient", "value": "Adult female"},
            {"field": "Weight", "value": "50 kg"},
            {"field": "Initial hematocrit", "value": "45 %"},
            {"field": "Final hematocrit", "value": "30 %"},
        ],
    )
    # 50 × 65 = 3,250 mL × 15 / 45 = 1,083.3 mL.
    assert r.value == pytest.approx(1083.3, abs=0.1)
