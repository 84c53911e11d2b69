"""MedMCP-Calc single-task calculators (part H): hand-worked examples, dev items, bad inputs.

Covers the RPI, 4Ts, HEP, Mentzer, Ganzoni, Bishop, BPP, postmenstrual and corrected age,
BRI, FLI, IDF metabolic syndrome, IMPROVE VTE, CHADS-65, and the LMP and ultrasound due dates.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from m3agent.calculators import medmcp_calc, registry
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import assert_name_resolves, dev_items, run

#: MedMCP-Calc name → registered calculator id (the names as in calculator_frequency.tsv).
NAMES = {
    "Corrected Reticulocyte Percentage/Reticulocyte Production Index (RPI)": (
        "reticulocyte_production_index"
    ),
    "4Ts Score for Heparin-Induced Thrombocytopenia": "four_ts_hit",
    "HIT Expert Probability (HEP) Score for Heparin-Induced Thrombocytopenia": "hep_score",
    "Mentzer Index": "mentzer_index",
    "Ganzoni Equation for Iron Deficiency Anemia": "ganzoni_iron_deficit",
    "Bishop Score for Vaginal Delivery and Induction of Labor": "bishop_score",
    "Fetal Biophysical Profile (BPP) Score": "fetal_biophysical_profile",
    "Pregnancy Due Dates Calculator": "pregnancy_due_dates",
    "Postmenstrual Age Calculator": "postmenstrual_age",
    "Corrected Age (Prematurity)": "corrected_age_prematurity",
    "Body Roundness Index (BRI)": "body_roundness_index",
    "Fatty Liver Index": "fatty_liver_index",
    "Metabolic Syndrome (IDF)": "metabolic_syndrome_idf",
    "IMPROVE Risk Score for Venous Thromboembolism (VTE)": "improve_vte",
    "CHADS-65 (Canadian Society of Cardiology Guideline)": "chads_65",
}

#: Dev items whose final answer departs from the published formula (declared errata).
ERRATA = {
    ("medmcp-calc_049_7772f399", 4),  # RPI recheck run with the old 2.5% reticulocytes
    ("medmcp-calc_085_857eb2ac", 1),  # gestational age on an unrecorded date
}


# --- names and dev items ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "calc_id"), sorted(NAMES.items()))
def test_medmcp_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_every_dev_item_of_these_names_matches_or_is_a_declared_erratum() -> None:
    items = dev_items(NAMES)
    assert len(items) == 16  # the RPI twice, every other name once
    for task_id, answer in items:
        row = medmcp_calc.score_answer(task_id, answer)
        if (task_id, answer["order"]) in ERRATA:
            assert row.status == "erratum", row
            module = registry.get_calculator(answer["name"]).module
            assert (task_id, answer["order"]) in module.MEDMCP_ERRATA
        else:
            assert row.status == "matched", row


def test_due_date_by_ultrasound_dev_item_gives_the_expected_date() -> None:
    # The task's answer is written 'December 21, 2025'; our value is the ISO date.
    ((_, answer),) = dev_items({"Due Date by Ultrasound"})
    calc = registry.get_calculator("due_date_ultrasound")
    result = calc.run(calc.module.from_medmcp(answer["inputs"]))
    expected = datetime.strptime(answer["final_answer"], "%B %d, %Y").date()
    assert result.value == expected.isoformat()
    assert result.extra["current_gestational_age"] == "(39 weeks, 1 day)"  # notes: 39 w 1 d


# --- reticulocyte production index ------------------------------------------------------------


def test_rpi_hand_worked() -> None:
    # Retic 3%, Hct 22%, normal 45%: corrected 3 × 22/45 = 1.467%; Hct 16-25% → 2.0 days;
    # RPI = 1.467 / 2 = 0.733 (the worked example of the Hillman table).
    r = run(
        "reticulocyte_production_index",
        reticulocyte_percent=3,
        hematocrit=22,
        normal_hematocrit=45,
        rbc_count=[2.5, "x10^6/µL"],
    )
    assert r.value == pytest.approx(0.733, abs=1e-3)
    assert r.interpretation.startswith("Inadequate response")
    assert r.extra["absolute_reticulocyte_count_per_ul"] == 75000  # 3% × 2.5 M/µL


@pytest.mark.parametrize(
    ("hct", "days"),
    [(45, 1.0), (36, 1.0), (35, 1.5), (26, 1.5), (25, 2.0), (16, 2.0), (15, 2.5), (8, 2.5)],
)
def test_rpi_maturation_bands(hct: float, days: float) -> None:
    from m3agent.calculators.library.reticulocyte_production_index import maturation_days

    assert maturation_days(hct) == days


def test_rpi_adequate_response() -> None:
    # 10% × 30/45 = 6.667%; Hct 26-35 → 1.5 days; RPI 4.44 ≥ 2.
    r = run(
        "reticulocyte_production_index",
        reticulocyte_percent=10,
        hematocrit=30,
        normal_hematocrit=45,
    )
    assert r.value == pytest.approx(4.444, abs=1e-3)
    assert r.interpretation.startswith("Adequate")


def test_rpi_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="normal_hematocrit"):
        run("reticulocyte_production_index", reticulocyte_percent=3, hematocrit=22)
    with pytest.raises(CalculatorInputError, match="hematocrit"):
        run(
            "reticulocyte_production_index",
            reticulocyte_percent=3,
            hematocrit=95,
            normal_hematocrit=45,
        )


# --- 4Ts and HEP ------------------------------------------------------------------------------


def test_four_ts_hand_worked() -> None:
    # > 50% fall to ≥ 20 (2) + onset days 5-10 (2) + new thrombosis (2) + no other cause (2) = 8.
    r = run(
        "four_ts_hit",
        thrombocytopenia="fall_gt50_nadir_ge20",
        timing="days_5_10_or_le1_recent",
        thrombosis="new_proven",
        other_causes="none_apparent",
    )
    assert r.value == 8 and r.interpretation.startswith("High probability")
    # < 30% fall (0) + fall within 4 days (0) + none (0) + possible other cause (1) = 1: low.
    r = run(
        "four_ts_hit",
        thrombocytopenia="fall_lt30_or_nadir_lt10",
        timing="le4_no_recent",
        thrombosis="none",
        other_causes="possible",
    )
    assert r.value == 1 and r.interpretation.startswith("Low probability")
    assert [s.total for s in r.steps] == [0, 0, 0, 1]


def test_four_ts_intermediate_and_bad_choice() -> None:
    r = run(
        "four_ts_hit",
        thrombocytopenia="fall_30_50_or_nadir_10_19",
        timing="unclear_or_gt10_or_le1_remote",
        thrombosis="progressive_or_suspected",
        other_causes="definite",
    )
    assert r.value == 3
    r = run(
        "four_ts_hit",
        thrombocytopenia="fall_gt50_nadir_ge20",
        timing="unclear_or_gt10_or_le1_remote",
        thrombosis="progressive_or_suspected",
        other_causes="definite",
    )
    assert r.value == 4 and r.interpretation.startswith("Intermediate")
    with pytest.raises(CalculatorInputError, match="timing"):
        run(
            "four_ts_hit",
            thrombocytopenia="fall_gt50_nadir_ge20",
            timing="day 7",
            thrombosis="none",
            other_causes="possible",
        )


_HEP_NONE = dict.fromkeys(
    (
        "skin_necrosis",
        "acute_systemic_reaction",
        "bleeding",
        "chronic_thrombocytopenic_disorder",
        "new_thrombocytopenic_medication",
        "severe_infection",
        "severe_dic",
        "intra_arterial_device",
        "cardiopulmonary_bypass_96h",
        "no_other_apparent_cause",
    ),
    False,
)


def test_hep_hand_worked_typical() -> None:
    # > 50% (3) + days 5-10 (3) + nadir > 20 (2) + new thrombosis (3) + no other cause (3) = 14.
    r = run(
        "hep_score",
        onset="typical",
        platelet_fall="gt50",
        timing_typical="5_10",
        nadir_gt20=True,
        thrombosis="new",
        **{**_HEP_NONE, "no_other_apparent_cause": True},
    )
    assert r.value == 14 and r.interpretation.startswith("HIT likely")


def test_hep_hand_worked_rapid_with_negative_weights() -> None:
    # 30-50% (1) + < 48 h (2) + nadir ≤ 20 (-2) + progression (2) + severe infection (-2)
    # + bleeding (-1) = 0: below the 100%-sensitive cutoff of 2.
    r = run(
        "hep_score",
        onset="rapid",
        platelet_fall="30_50",
        timing_rapid="lt48h",
        nadir_gt20=False,
        thrombosis="progression",
        **{**_HEP_NONE, "severe_infection": True, "bleeding": True},
    )
    assert r.value == 0 and r.interpretation.startswith("HIT unlikely")


def test_hep_early_fall_is_minus_two_with_a_warning() -> None:
    # < 30% (-1) + < 4 days (-2) + nadir > 20 (2) = -1.
    r = run(
        "hep_score",
        onset="typical",
        platelet_fall="lt30",
        timing_typical="lt4",
        nadir_gt20=True,
        thrombosis="none",
        **_HEP_NONE,
    )
    assert r.value == -1 and any("2013" in w for w in r.warnings)


def test_hep_timing_must_match_onset() -> None:
    with pytest.raises(CalculatorInputError, match="timing_typical"):
        run(
            "hep_score",
            onset="typical",
            platelet_fall="gt50",
            timing_rapid="lt48h",
            nadir_gt20=True,
            thrombosis="none",
            **_HEP_NONE,
        )


# --- Mentzer and Ganzoni ----------------------------------------------------------------------


def test_mentzer_hand_worked() -> None:
    # 65 fL / 5.6 M/µL = 11.6 (< 13: thalassemia trait); 65 / 3.8 = 17.1 (> 13: iron deficiency).
    assert run("mentzer_index", mcv=65, rbc_count=5.6).value == pytest.approx(11.61, abs=0.01)
    r = run("mentzer_index", mcv=65, rbc_count=[3.8, "10^12/L"])
    assert r.value == pytest.approx(17.11, abs=0.01)
    assert r.interpretation.startswith("Iron deficiency")
    assert run("mentzer_index", mcv=65, rbc_count=5.6).interpretation.startswith("Thalassemia")


def test_mentzer_bad_unit() -> None:
    with pytest.raises(CalculatorInputError, match="rbc_count|not a unit"):
        run("mentzer_index", mcv=65, rbc_count=[3.8, "g/dL"])


def test_ganzoni_hand_worked() -> None:
    # 70 kg × (12 − 8) × 2.4 = 672 mg + 500 mg stores = 1172 mg.
    r = run("ganzoni_iron_deficit", weight=70, target_hb=12, actual_hb=8, iron_stores=500)
    assert r.value == 1172 and r.unit == "mg"
    # 20 kg child, stores by Ganzoni's rule: 20 × 5 × 2.4 = 240 + 15 mg/kg × 20 = 300 → 540.
    r = run("ganzoni_iron_deficit", weight=20, target_hb=12, actual_hb=7)
    assert r.value == 540 and "15 mg/kg" in r.steps[1].detail


def test_ganzoni_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="target_hb"):
        run("ganzoni_iron_deficit", weight=70, target_hb=8, actual_hb=9)
    with pytest.raises(CalculatorInputError, match="weight"):
        run("ganzoni_iron_deficit", target_hb=12, actual_hb=8)


# --- obstetrics and neonatology ---------------------------------------------------------------


def test_bishop_hand_worked() -> None:
    # 3-4 cm (2) + 60-70% (2) + station -1/0 (2) + medium (1) + mid (1) = 8: favorable.
    r = run(
        "bishop_score",
        dilation="3-4",
        effacement="60-70",
        station="-1/0",
        consistency="medium",
        position="mid",
    )
    assert r.value == 8 and r.interpretation.startswith("Favorable")
    r = run(
        "bishop_score",
        dilation="5+",
        effacement="80+",
        station="+1/+2",
        consistency="soft",
        position="anterior",
    )
    assert r.value == 13
    with pytest.raises(CalculatorInputError, match="station"):
        run(
            "bishop_score",
            dilation="closed",
            effacement="0-30",
            station="-4",
            consistency="firm",
            position="posterior",
        )


def test_bpp_hand_worked() -> None:
    # Four normal ultrasound components + reactive NST = 10/10.
    normal = {
        "fetal_breathing": True,
        "fetal_movement": True,
        "fetal_tone": True,
        "amniotic_fluid_normal": True,
    }
    r = run("fetal_biophysical_profile", **normal, nst_reactive=True)
    assert r.value == 10 and r.interpretation.startswith("Normal")
    # Oligohydramnios with everything else normal: 8/10 but not reassuring.
    r = run(
        "fetal_biophysical_profile", **{**normal, "amniotic_fluid_normal": False}, nst_reactive=True
    )
    assert r.value == 8 and r.interpretation.startswith("Chronic fetal compromise")
    # No breathing, no tone, NST not done: 4/8.
    r = run(
        "fetal_biophysical_profile", **{**normal, "fetal_breathing": False, "fetal_tone": False}
    )
    assert r.value == 4 and r.extra["out_of"] == 8
    with pytest.raises(CalculatorInputError, match="fetal_tone"):
        run(
            "fetal_biophysical_profile",
            fetal_breathing=True,
            fetal_movement=True,
            amniotic_fluid_normal=True,
        )


def test_postmenstrual_age_hand_worked() -> None:
    # Born at 33 w 0 d on 2025-01-01; 2025-02-12 is 42 days (6 w) later: PMA 39 w 0 d.
    r = run(
        "postmenstrual_age",
        date_of_birth="2025-01-01",
        current_date="2025-02-12",
        gestational_age_weeks=33,
    )
    assert r.value == "(39 weeks, 0 days)"
    with pytest.raises(CalculatorInputError, match="before date_of_birth"):
        run(
            "postmenstrual_age",
            date_of_birth="2025-01-01",
            current_date="2024-12-01",
            gestational_age_weeks=33,
        )


def test_corrected_age_hand_worked() -> None:
    # Born at 32 w 0 d; 70 days (10 w) old: 10 w − (40 − 32) w = 2 weeks 0 days.
    r = run(
        "corrected_age_prematurity",
        date_of_birth="2025-01-01",
        current_date="2025-03-12",
        gestational_age_weeks=32,
    )
    assert r.value == "(2 weeks, 0 days)" and r.extra["total_days"] == 14
    # 4 weeks old after 32 weeks: before the term-equivalent date (2025-02-26).
    with pytest.raises(CalculatorInputError, match="term-equivalent date 2025-02-26"):
        run(
            "corrected_age_prematurity",
            date_of_birth="2025-01-01",
            current_date="2025-01-29",
            gestational_age_weeks=32,
        )


def test_corrected_age_refuses_another_term_reference() -> None:
    calc = registry.get_calculator("corrected_age_prematurity")
    with pytest.raises(AdapterError, match="40 weeks 0 days"):
        calc.module.from_medmcp(
            [
                {"field": "date_of_birth", "value": "2025-01-01"},
                {"field": "current_date", "value": "2025-06-01"},
                {"field": "gestational_age_at_birth", "value": "30 weeks 2 days"},
                {"field": "term_gestation_reference", "value": "38 weeks 0 days"},
            ]
        )


def test_due_date_ultrasound_hand_worked() -> None:
    # Scan 2025-01-10 at 12 w 0 d: LMP-equivalent 2024-10-18; + 280 days = 2025-07-25.
    r = run("due_date_ultrasound", ultrasound_date="2025-01-10", ga_weeks=12)
    assert r.value == "2025-07-25"
    with pytest.raises(CalculatorInputError, match="ga_days"):
        run("due_date_ultrasound", ultrasound_date="2025-01-10", ga_weeks=12, ga_days=9)


def test_pregnancy_due_dates_hand_worked() -> None:
    calc = registry.get_calculator("Pregnancy Due Dates Calculator")
    kwargs = calc.module.from_medmcp(
        [
            {"field": "Cycle length", "value": "31 days"},
            {"field": "Last menstrual period", "value": "2025-03-18"},
        ]
    )
    # 2025-03-18 + 280 days + (31 − 28) = 2025-12-26; conception 2025-03-18 + 17 = 2025-04-04.
    r = calc.run(kwargs)
    assert r.value == "2025-12-26" and r.extra["conception_date"] == "2025-04-04"
    # On 2025-12-15: 272 days since the LMP − 3 (cycle shift) = 269 days = 38 weeks 3 days,
    # i.e. 11 days before the due date (280 − 11 = 269).
    r = calc.run({**kwargs, "current_date": "2025-12-15"})
    assert r.extra["gestational_age"] == "(38 weeks, 3 days)"
    # No cycle length: Naegele's 28 days with a warning; 2025-03-18 + 280 = 2025-12-23.
    r = calc.run({"lmp": "2025-03-18"})
    assert r.value == "2025-12-23" and r.warnings
    with pytest.raises(CalculatorInputError, match="cycle_length"):
        calc.run({"lmp": "2025-03-18", "cycle_length": 60})


# --- anthropometry and metabolism -------------------------------------------------------------


def test_bri_hand_worked() -> None:
    # Waist 80 cm, height 170 cm: b = 80/2π = 12.732, a = 85; e = √(1 − (12.732/85)²) = 0.98872;
    # BRI = 364.2 − 365.5 × 0.98872 = 2.82.
    assert run("body_roundness_index", waist=80, height=170).value == pytest.approx(2.82, abs=0.01)
    # The dev item in inches: 45 in (114.3 cm), 69 in (175.26 cm) → 6.66.
    assert run("body_roundness_index", waist=[45, "in"], height=[69, "in"]).value == 6.66
    with pytest.raises(CalculatorInputError, match="waist"):
        run("body_roundness_index", waist=200, height=60)  # 200/2π = 31.8 ≥ 30


def test_fli_hand_worked() -> None:
    # y = 0.953 ln150 + 0.139×30 + 0.718 ln50 + 0.053×100 − 15.745
    #   = 4.7751 + 4.17 + 2.8088 + 5.3 − 15.745 = 1.3090; FLI = 100/(1 + e^−1.309) = 78.73.
    r = run("fatty_liver_index", triglycerides=150, bmi=30, ggt=50, waist=100)
    assert r.value == pytest.approx(78.73, abs=0.01)
    assert r.interpretation.startswith("High risk")
    low = run("fatty_liver_index", triglycerides=[0.8, "mmol/L"], bmi=22, ggt=15, waist=75)
    assert low.value < 30 and low.interpretation.startswith("Low risk")
    with pytest.raises(CalculatorInputError, match="ggt"):
        run("fatty_liver_index", triglycerides=150, bmi=30, ggt=0, waist=100)


def _mets(**over: Any) -> Any:
    base = {
        "central_obesity": True,
        "sex": "female",
        "triglycerides": 120,
        "hdl": 45,
        "systolic_bp": 125,
        "diastolic_bp": 80,
        "fasting_glucose": 95,
        "type2_diabetes": False,
    }
    return run("metabolic_syndrome_idf", **{**base, **over})


def test_metabolic_syndrome_hand_worked() -> None:
    # Woman with central obesity: HDL 45 < 50 (1) + DBP 80 (0) + TG 120 (0) + FPG 95 (0) = 1.
    r = _mets()
    assert r.value == "No metabolic syndrome" and r.extra["criteria_met"] == 1
    # Adding treated hypertension gives 2 criteria: diagnosis established.
    r = _mets(hypertension_treatment=True)
    assert r.value == "Metabolic syndrome"
    assert r.interpretation.startswith("Diagnosis established")
    # The same HDL in a man (cut-off 40) does not count; no central obesity → never established.
    assert _mets(sex="male", hypertension_treatment=True).extra["criteria_met"] == 1
    assert _mets(central_obesity=False, triglycerides=200, hdl=30).value == "No metabolic syndrome"
    with pytest.raises(CalculatorInputError, match="sex"):
        _mets(sex="other")


def test_improve_hand_worked() -> None:
    # Previous VTE (3) + cancer (2) + age > 60 (1) = 6: high risk.
    flags = dict.fromkeys(
        (
            "previous_vte",
            "known_thrombophilia",
            "lower_limb_paralysis",
            "current_cancer",
            "immobilized_7_days",
            "icu_ccu_stay",
            "age_over_60",
        ),
        False,
    )
    r = run(
        "improve_vte",
        **{**flags, "previous_vte": True, "current_cancer": True, "age_over_60": True},
    )
    assert r.value == 6 and r.interpretation.startswith("High")
    assert run("improve_vte", **flags).interpretation.startswith("Low")
    with pytest.raises(CalculatorInputError, match="icu_ccu_stay"):
        run("improve_vte", **{k: v for k, v in flags.items() if k != "icu_ccu_stay"})


def test_chads_65_flow() -> None:
    assert run("chads_65", age_65_or_older=True).value == "OAC"
    assert run("chads_65", age_65_or_older=False, hypertension=True).value == "OAC"
    none = {
        "heart_failure": False,
        "hypertension": False,
        "diabetes": False,
        "prior_stroke_tia": False,
    }
    r = run("chads_65", age_65_or_older=False, **none, coronary_or_peripheral_artery_disease=True)
    assert r.value == "Antiplatelet therapy (ASA)"
    r = run("chads_65", age_65_or_older=False, **none, coronary_or_peripheral_artery_disease=False)
    assert r.value == "No antithrombotic"
    with pytest.raises(CalculatorInputError, match="heart_failure"):
        run("chads_65", age_65_or_older=False, hypertension=False)
    with pytest.raises(CalculatorInputError, match="coronary_or_peripheral_artery_disease"):
        run("chads_65", age_65_or_older=False, **none)
