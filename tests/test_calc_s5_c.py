"""MedMCP-Calc one-task calculators (session 5, batch c): worked examples, adapters, bad inputs.

Covered: Modified Mallampati, ASA physical status, MACOCHA, APGAR, pediatric GCS, pediatric ETT
size, Pediatric Trauma Score, Pediatric Trauma BIG score, TASH, TICI, Mirels' criteria, NPUAP
staging, TB skin test interpretation and the El-Ganzouri Risk Index. None of these names has a
MedMCP-Calc dev item, so the checks are hand-worked examples from the sources.
"""

from __future__ import annotations

from typing import Any

import pytest

from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import assert_name_resolves, dev_rows, medmcp, run
from calc_testkit import spaced_items as items

NAMES = {
    "El-Ganzouri Risk Index (EGRI) for Difficult Airway": "el_ganzouri_risk_index",
    "Modified Mallampati Classification": "modified_mallampati",
    "ASA Physical Status/ASA Classification": "asa_physical_status",
    "MACOCHA Score": "macocha",
    "APGAR Score": "apgar_score",
    "Pediatric Glasgow Coma Scale (pGCS)": "pediatric_gcs",
    "Pediatric Endotracheal Tube (ETT) Size": "pediatric_ett_size",
    "Pediatric Trauma Score (PTS)": "pediatric_trauma_score",
    "Pediatric Trauma BIG Score": "pediatric_trauma_big",
    "TASH Score (Trauma Associated Severe Hemorrhage)": "tash_score",
    "TICI Score": "tici_score",
    "Mirels’ Criteria for Prophylactic Fixation": "mirels_criteria",
    "National Pressure Ulcer Advisory Panel Staging System (NPUAP)": "npuap_staging",
    "TB Skin Test Interpretation": "tb_skin_test",
}


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_no_dev_items_for_these_names() -> None:
    # These names occur once in calculator_frequency.tsv but in no dev task.
    rows = dev_rows(NAMES)
    assert [(r.name, r.status) for r in rows] == []


# --- Modified Mallampati (Samsoon & Young 1987) ------------------------------------------


@pytest.mark.parametrize(
    "view,label,difficult",
    [
        ("pillars_visible", "Class I", False),
        ("uvula_visible", "Class II", False),
        ("base_of_uvula", "Class III", True),
        ("soft_palate_not_visible", "Class IV", True),
    ],
)
def test_mallampati_classes(view: str, label: str, difficult: bool) -> None:
    r = run("modified_mallampati", view=view)
    assert r.value == label
    assert r.interpretation.startswith(label)
    assert ("predicts difficult" in r.interpretation) is difficult


def test_mallampati_adapter_and_bad_input() -> None:
    r = medmcp(
        "modified_mallampati", items(Mallampati_class="Class III (soft palate, base of uvula)")
    )
    assert r.value == "Class III"
    assert medmcp("modified_mallampati", items(View="Hard palate only")).value == "Class IV"
    with pytest.raises(CalculatorInputError, match="view"):
        run("modified_mallampati", view="class 5")
    with pytest.raises(AdapterError, match="Mallampati"):
        medmcp("modified_mallampati", items(Mallampati="tongue is large"))


# --- ASA physical status ----------------------------------------------------------------------


def test_asa_classes_and_emergency_suffix() -> None:
    r = run("asa_physical_status", asa_class=3, emergency=True)
    assert r.value == "ASA IIIE"
    assert "severe systemic disease" in r.interpretation
    assert run("asa_physical_status", asa_class=1).value == "ASA I"
    assert run("asa_physical_status", asa_class=6).value == "ASA VI"


def test_asa_adapter_reads_suffix_and_emergency_field() -> None:
    assert medmcp("asa_physical_status", items(ASA_class="ASA IIE")).value == "ASA IIE"
    r = medmcp("asa_physical_status", items(ASA_class="ASA 4", Emergency_surgery="Yes"))
    assert r.value == "ASA IVE"
    assert medmcp("asa_physical_status", items(ASA="Mild systemic disease")).value == "ASA II"
    long = "ASA IV (severe systemic disease that is a constant threat to life)"
    assert medmcp("asa_physical_status", items(ASA_class=long)).value == "ASA IV"
    with pytest.raises(AdapterError, match="ASA"):
        medmcp("asa_physical_status", items(ASA_class="fit for surgery"))


def test_asa_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="asa_class"):
        run("asa_physical_status", asa_class=7)
    with pytest.raises(CalculatorInputError, match="ASA VI"):
        run("asa_physical_status", asa_class=6, emergency=True)
    with pytest.raises(CalculatorInputError, match="asa_class"):
        run("asa_physical_status", emergency=False)


# --- MACOCHA (De Jong 2013) --------------------------------------------------------------------


def test_macocha_worked_example() -> None:
    # Mallampati III (5) + coma (1) + non-anesthesiologist operator (1) = 7 → high risk (≥ 3).
    r = run(
        "macocha",
        mallampati_3_or_4=True,
        obstructive_sleep_apnea=False,
        reduced_cervical_mobility=False,
        limited_mouth_opening=False,
        coma=True,
        severe_hypoxemia=False,
        non_anesthesiologist=True,
    )
    assert r.value == 7
    assert [s.points for s in r.steps] == [5, 0, 0, 0, 1, 0, 1]
    assert r.interpretation.startswith("High risk")


def test_macocha_threshold_and_adapter() -> None:
    # OSA (2) alone = 2 → low; OSA (2) + hypoxemia (1) = 3 → high.
    base = dict.fromkeys(
        (
            "mallampati_3_or_4",
            "obstructive_sleep_apnea",
            "reduced_cervical_mobility",
            "limited_mouth_opening",
            "coma",
            "severe_hypoxemia",
            "non_anesthesiologist",
        ),
        False,
    )
    low = run("macocha", **{**base, "obstructive_sleep_apnea": True})
    assert (low.value, low.interpretation.startswith("Low risk")) == (2, True)
    high = run("macocha", **{**base, "obstructive_sleep_apnea": True, "severe_hypoxemia": True})
    assert (high.value, high.interpretation.startswith("High risk")) == (3, True)
    r = medmcp(
        "macocha",
        items(
            Mallampati_III_or_IV="No",
            Obstructive_sleep_apnea="Yes",
            Reduced_cervical_spine_mobility="No",
            Mouth_opening_lt_3_cm="Yes (2 cm)",
            Coma="No",
            Severe_hypoxemia="No",
            Anesthesiologist_status="Non-anesthesiologist",
        ),
    )
    assert r.value == 4  # OSA 2 + mouth opening 1 + non-anesthesiologist 1
    with pytest.raises(CalculatorInputError, match="coma"):
        run("macocha", **{k: v for k, v in base.items() if k != "coma"})


# --- APGAR (Apgar 1953; AAP/ACOG 2015 bands) -------------------------------------------------


def test_apgar_worked_example() -> None:
    # Acrocyanosis 1 + HR ≥ 100 2 + cry 2 + some flexion 1 + strong cry 2 = 8 → reassuring.
    r = run("apgar_score", appearance=1, pulse=2, grimace=2, activity=1, respiration=2)
    assert r.value == 8
    assert r.interpretation.startswith("Reassuring")
    assert (
        run("apgar_score", appearance=1, pulse=1, grimace=1, activity=1, respiration=1).value == 5
    )
    low = run("apgar_score", appearance=0, pulse=1, grimace=0, activity=1, respiration=1)
    assert (low.value, low.interpretation.startswith("Low")) == (3, True)


def test_apgar_adapter_and_bad_input() -> None:
    r = medmcp(
        "apgar_score",
        items(
            Appearance="Pink body, blue extremities",
            Pulse="88 bpm",
            Grimace="Grimace (+1)",
            Activity="Limp",
            Respiration="Weak, irregular",
        ),
    )
    assert r.value == 1 + 1 + 1 + 0 + 1
    with pytest.raises(CalculatorInputError, match="pulse"):
        run("apgar_score", appearance=1, pulse=3, grimace=2, activity=1, respiration=2)


# --- Pediatric GCS --------------------------------------------------------------------------------


def test_pgcs_worked_example() -> None:
    # Eyes open to pain 2 + cries to pain 3 + withdraws to touch 5 = 10 → moderate (9-12).
    r = run("pediatric_gcs", eye=2, verbal=3, motor=5)
    assert r.value == 10
    assert r.interpretation.startswith("Moderate")
    assert r.extra["components"] == "E2 V3 M5"
    assert run("pediatric_gcs", eye=4, verbal=5, motor=6).interpretation.startswith("Mild")
    assert run("pediatric_gcs", eye=1, verbal=2, motor=5).interpretation.startswith("Severe")


def test_pgcs_adapter_and_bad_input() -> None:
    r = medmcp(
        "pediatric_gcs",
        items(
            Eye_opening="To sound",
            Verbal_response="Irritable cry",
            Motor_response="Withdraws to pain (+4)",
        ),
    )
    assert r.value == 3 + 4 + 4
    with pytest.raises(CalculatorInputError, match="motor"):
        run("pediatric_gcs", eye=4, verbal=5, motor=7)


# --- Pediatric ETT size (Cole; Khine) ---------------------------------------------------------


def test_ett_size_worked_example() -> None:
    # Age 6: uncuffed 6/4 + 4 = 5.5 mm; cuffed 6/4 + 3 = 4.5 mm.
    r = run("pediatric_ett_size", age=6)
    assert r.value == 5.5
    assert r.extra == {"uncuffed_mm": 5.5, "cuffed_mm": 4.5}
    # 30 months = 2.5 years: 2.5/4 + 4 = 4.625 mm.
    assert medmcp("pediatric_ett_size", items(Age="30 months")).value == pytest.approx(
        4.62, abs=0.01
    )


def test_ett_size_out_of_range() -> None:
    with pytest.raises(CalculatorInputError, match="age"):
        run("pediatric_ett_size", age=0.5)
    with pytest.raises(CalculatorInputError, match="age"):
        run("pediatric_ett_size", age=14)
    with pytest.raises(CalculatorInputError, match="age"):
        run("pediatric_ett_size", age=[6, "parsecs"])


# --- Pediatric Trauma Score (Tepas 1987) ------------------------------------------------------


def test_pts_worked_example() -> None:
    # 18 kg (+1), maintainable airway (+1), SBP 85 (+1), obtunded (+1), minor wound (+1),
    # closed fracture (+1) = 6 → ≤ 8, pediatric trauma center.
    r = run(
        "pediatric_trauma_score",
        weight=18,
        airway="maintainable",
        systolic_bp=85,
        cns="obtunded",
        open_wound="minor",
        skeletal="closed",
    )
    assert r.value == 6
    assert r.interpretation.startswith("Potentially significant injury")


@pytest.mark.parametrize(
    "weight,sbp,points", [(20.5, 91, 4), (20, 90, 2), (10, 50, 2), (9.9, 49, -2)]
)
def test_pts_size_and_bp_boundaries(weight: float, sbp: float, points: int) -> None:
    # Size > 20 kg +2, 10-20 +1, < 10 -1; SBP > 90 +2, 50-90 +1, < 50 -1 (other items +2 each).
    r = run(
        "pediatric_trauma_score",
        weight=weight,
        airway="normal",
        systolic_bp=sbp,
        cns="awake",
        open_wound="none",
        skeletal="none",
    )
    assert r.value == 8 + points


def test_pts_adapter_and_bad_input() -> None:
    r = medmcp(
        "pediatric_trauma_score",
        items(
            Weight="44 lb",
            Airway="Normal",
            Systolic_BP="110 mmHg",
            CNS="Coma/decerebrate",
            Open_wound="Major or penetrating",
            Skeletal_trauma="Open or multiple fractures",
        ),
    )
    # 44 lb = 19.96 kg (+1) + 2 + 2 - 1 - 1 - 1 = 2.
    assert r.value == 2
    with pytest.raises(CalculatorInputError, match="cns"):
        run(
            "pediatric_trauma_score",
            weight=18,
            airway="normal",
            systolic_bp=100,
            cns="asleep",
            open_wound="none",
            skeletal="none",
        )


# --- Pediatric Trauma BIG score (Borgman 2011) ------------------------------------------------


def test_big_worked_example() -> None:
    # BD 8 + 2.5 × 1.6 + (15 − 9) = 8 + 4 + 6 = 18 → ≥ 16; mortality 1/(1+e^-(3.6−5.208)) = 16.7%.
    r = run("pediatric_trauma_big", base_deficit=8, inr=1.6, gcs=9)
    assert r.value == 18
    assert r.extra["predicted_mortality_percent"] == 16.7
    assert r.interpretation.startswith("High mortality risk")
    # BD 2 + 2.5 × 1.0 + 0 = 4.5 → < 16.
    low = run("pediatric_trauma_big", base_deficit=2, inr=1.0, gcs=15)
    assert (low.value, low.interpretation.startswith("High probability of survival")) == (4.5, True)


def test_big_adapter_negates_base_excess_and_bad_input() -> None:
    r = medmcp("pediatric_trauma_big", items(Base_excess="-6 mEq/L", INR="1.2", GCS="14"))
    assert r.value == 6 + 3 + 1
    with pytest.raises(CalculatorInputError, match="gcs"):
        run("pediatric_trauma_big", base_deficit=8, inr=1.6, gcs=2)
    with pytest.raises(CalculatorInputError, match="inr"):
        run("pediatric_trauma_big", base_deficit=8, gcs=9)


# --- TASH (Yücel 2006) -------------------------------------------------------------------------


def _tash(**kw: Any) -> Any:
    base = {
        "sex": "female",
        "hemoglobin": 13,
        "base_excess": 0,
        "systolic_bp": 130,
        "heart_rate": 80,
        "positive_fast": False,
        "unstable_pelvic_fracture": False,
        "open_or_dislocated_femur_fracture": False,
    }
    return run("tash_score", **{**base, **kw})


def test_tash_worked_example() -> None:
    # Hb 8.5 (< 9: 6) + BE -7 (< -6: 3) + SBP 95 (< 100: 4) + HR 130 (2) + FAST (3) + male (1)
    # = 19; P = 1 / (1 + e^(4.9 − 5.7)) = 1 / (1 + e^-0.8) = 69.0%.
    r = _tash(
        sex="male",
        hemoglobin=8.5,
        base_excess=-7,
        systolic_bp=95,
        heart_rate=130,
        positive_fast=True,
    )
    assert r.value == 19
    assert r.extra["massive_transfusion_probability_percent"] == 69.0


def test_tash_boundaries_and_maximum() -> None:
    assert _tash().value == 0
    assert _tash(hemoglobin=11.9).value == 2
    assert _tash(hemoglobin=7).value == 6
    assert _tash(base_excess=-10).value == 3
    assert _tash(base_excess=-10.1).value == 4
    assert _tash(systolic_bp=119).value == 1
    assert _tash(heart_rate=120).value == 0
    # Both fractures: the single fracture variable takes the worse (6), so the maximum is 28:
    # 8 + 4 + 4 + 2 + 3 + 6 + 1.
    worst = _tash(
        sex="male",
        hemoglobin=6,
        base_excess=-12,
        systolic_bp=80,
        heart_rate=140,
        positive_fast=True,
        unstable_pelvic_fracture=True,
        open_or_dislocated_femur_fracture=True,
    )
    assert worst.value == 28


def test_tash_adapter_and_bad_input() -> None:
    r = medmcp(
        "tash_score",
        items(
            Sex="Female",
            Hemoglobin="100 g/L",
            Base_excess="-3 mmol/L",
            Systolic_blood_pressure="110 mmHg",
            Heart_rate="125",
            Positive_FAST="No",
            Clinically_unstable_pelvic_fracture="No",
            Open_or_dislocated_femur_fracture="Yes",
        ),
    )
    # Hb 10 g/dL (< 11: 3) + BE -3 (1) + SBP 110 (1) + HR 125 (2) + femur (3) = 10.
    assert r.value == 10
    with pytest.raises(CalculatorInputError, match="hemoglobin"):
        _tash(hemoglobin=[13, "mg/furlong"])


# --- TICI (Higashida 2003) ---------------------------------------------------------------------


def test_tici_grades_and_adapter() -> None:
    r = run("tici_score", grade="2b")
    assert r.value == "Grade 2b"
    assert "successful reperfusion" in r.interpretation
    assert "not successful" in run("tici_score", grade="2a").interpretation
    assert medmcp("tici_score", items(TICI_grade="Grade 3 (complete perfusion)")).value == "Grade 3"
    assert medmcp("tici_score", items(Perfusion="No perfusion")).value == "Grade 0"
    with pytest.raises(CalculatorInputError, match="grade"):
        run("tici_score", grade="2c")


# --- Mirels (Mirels 1989) ---------------------------------------------------------------------


def test_mirels_worked_example() -> None:
    # Lower limb 2 + functional pain 3 + lytic 3 + 1/3-2/3 of the diameter 2 = 10 → fixation.
    r = run(
        "mirels_criteria",
        site="lower_limb",
        pain="functional",
        lesion="lytic",
        size="one_third_to_two_thirds",
    )
    assert r.value == 10
    assert r.interpretation.startswith("Impending fracture")


def test_mirels_bands_adapter_and_bad_input() -> None:
    eight = run(
        "mirels_criteria",
        site="upper_limb",
        pain="moderate",
        lesion="lytic",
        size="one_third_to_two_thirds",
    )
    assert (eight.value, eight.interpretation.startswith("Borderline")) == (8, True)
    low = run(
        "mirels_criteria", site="upper_limb", pain="mild", lesion="blastic", size="lt_one_third"
    )
    assert (low.value, low.interpretation.startswith("Low fracture risk")) == (4, True)
    r = medmcp(
        "mirels_criteria",
        items(
            Site_of_lesion="Peritrochanteric",
            Pain="Mild",
            Type_of_lesion="Mixed",
            Size_of_lesion=">2/3",
        ),
    )
    assert r.value == 3 + 1 + 2 + 3
    with pytest.raises(CalculatorInputError, match="site"):
        run("mirels_criteria", site="skull", pain="mild", lesion="lytic", size="lt_one_third")


def test_mirels_nine_is_33_percent_not_more() -> None:
    # Review regression: Mirels 1989 gives a score of 9 a 33% fracture risk (≥ 9: 33-100%),
    # so the band reads "≥ 33%", not "> 33%". Upper limb 1 + functional 3 + lytic 3 +
    # 1/3-2/3 of the diameter 2 = 9.
    r = run(
        "mirels_criteria",
        site="upper_limb",
        pain="functional",
        lesion="lytic",
        size="one_third_to_two_thirds",
    )
    assert r.value == 9
    assert "≥ 33% fracture risk" in r.interpretation


# --- NPUAP (Edsberg 2016) -------------------------------------------------------------------


def test_npuap_stages_and_adapter() -> None:
    assert run("npuap_staging", finding="full_thickness_tissue").value == "Stage 4"
    assert run("npuap_staging", finding="deep_tissue").value == "Deep Tissue Pressure Injury"
    assert medmcp("npuap_staging", items(Stage="Stage 2 (blister)")).value == "Stage 2"
    r = medmcp("npuap_staging", items(Wound_description="Base covered by eschar"))
    assert r.value == "Unstageable"
    with pytest.raises(CalculatorInputError, match="finding"):
        run("npuap_staging", finding="stage 5")


# --- TB skin test (ATS/CDC 2000) ------------------------------------------------------------


@pytest.mark.parametrize(
    "induration,risks,value,cutoff",
    [
        (6, ["hiv"], "Positive", 5),
        (4, ["hiv"], "Negative", 5),
        (10, ["injection_drug_use"], "Positive", 10),
        (12, [], "Negative", 15),
        (15, [], "Positive", 15),
        (7, ["recent_immigrant", "recent_contact"], "Positive", 5),
    ],
)
def test_tb_skin_test_cutoffs(induration: float, risks: list[str], value: str, cutoff: int) -> None:
    r = run("tb_skin_test", induration=induration, risk_factors=risks)
    assert r.value == value
    assert r.extra["cutoff_mm"] == cutoff
    assert r.interpretation.startswith(value)


def test_tb_skin_test_adapter_and_bad_input() -> None:
    r = medmcp(
        "tb_skin_test",
        items(
            Induration="12 mm",
            HIV_infection="No",
            Recent_immigrant="Yes (from Vietnam, 2 years ago)",
        ),
    )
    assert (r.value, r.extra["cutoff_mm"]) == ("Positive", 10)
    assert run("tb_skin_test", induration=[1.2, "cm"], risk_factors=["hiv"]).value == "Positive"
    with pytest.raises(CalculatorInputError, match="risk_factors"):
        run("tb_skin_test", induration=12, risk_factors=["smoker"])
    with pytest.raises(CalculatorInputError, match="induration"):
        run("tb_skin_test", induration=-1, risk_factors=[])


# --- El-Ganzouri Risk Index (El-Ganzouri 1996) ------------------------------------------------


def _egri(**kw: Any) -> Any:
    base = {
        "mouth_opening": 5,
        "thyromental_distance": 7,
        "mallampati_class": 1,
        "neck_movement": 100,
        "can_prognath": True,
        "weight": 70,
        "difficult_intubation_history": "none",
    }
    return run("el_ganzouri_risk_index", **{**base, **kw})


def test_egri_worked_example() -> None:
    # Mouth opening 3.5 cm (1) + TMD 5.5 cm (2) + Mallampati III (2) + neck 100° (0) + can
    # prognath (0) + 80 kg (0) + no history (0) = 5 → ≥ 4, high risk.
    r = _egri(mouth_opening=3.5, thyromental_distance=5.5, mallampati_class=3, weight=80)
    assert r.value == 5
    assert [s.points for s in r.steps] == [1, 2, 2, 0, 0, 0, 0]
    assert r.interpretation.startswith("High risk")
    assert _egri().interpretation.startswith("Low risk")


@pytest.mark.parametrize(
    "kw,points",
    [
        ({"mouth_opening": 4}, 0),
        ({"thyromental_distance": 6.5}, 1),
        ({"thyromental_distance": 6.0}, 1),
        ({"thyromental_distance": 5.9}, 2),
        ({"mallampati_class": 2}, 1),
        ({"mallampati_class": 4}, 2),
        ({"neck_movement": 90}, 1),
        ({"neck_movement": 79}, 2),
        ({"can_prognath": False}, 1),
        ({"weight": 90}, 1),
        ({"weight": 110.5}, 2),
        ({"difficult_intubation_history": "questionable"}, 1),
        ({"difficult_intubation_history": "definite"}, 2),
    ],
)
def test_egri_bands(kw: dict[str, Any], points: int) -> None:
    assert _egri(**kw).value == points


def test_egri_adapter_and_bad_input() -> None:
    r = medmcp(
        "el_ganzouri_risk_index",
        items(
            Mouth_opening="<4 cm",
            Thyromental_distance="6.0-6.5 cm",
            Mallampati_class="Class II",
            Neck_movement=">90°",
            Ability_to_prognath="No",
            Body_weight="90-110 kg",
            History_of_difficult_intubation="Questionable",
        ),
    )
    assert r.value == 1 + 1 + 1 + 0 + 1 + 1 + 1
    assert (
        medmcp(
            "el_ganzouri_risk_index",
            items(
                Mouth_opening="4.5 cm",
                Thyromental_distance="7 cm",
                Mallampati="IV",
                Neck_movement="85 degrees",
                Ability_to_prognath="Yes",
                Weight="250 lb",
                History_of_difficult_intubation="Definite",
            ),
        ).value
        == 0 + 0 + 2 + 1 + 0 + 2 + 2
    )
    with pytest.raises(CalculatorInputError, match="mallampati_class"):
        _egri(mallampati_class=5)
    with pytest.raises(CalculatorInputError, match="difficult_intubation_history"):
        _egri(difficult_intubation_history="maybe")
