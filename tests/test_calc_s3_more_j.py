"""MedMCP-Calc single-task calculators (part J): neurology, psychiatry and function scales.

Hand-worked examples (arithmetic in comments), every dev item of these names scored through
``medmcp_calc.score_answer`` (matched, or a declared erratum), and bad inputs.
"""

from __future__ import annotations

from typing import Any

import pytest

from m3agent.calculators import medmcp_calc, registry
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import assert_name_resolves, dev_items, run

#: MedMCP-Calc name (as in calculator_frequency.tsv) → registered calculator id.
NAMES = {
    "Modified Hoehn and Yahr Scale for Parkinson’s Disease": "hoehn_yahr_modified",
    "Schwab and England Activities of Daily Living (ADL) Scale": "schwab_england_adl",
    "Webster Rating Scale for Parkinson’s Disease": "webster_parkinson",
    "Trunk Impairment Scale": "trunk_impairment_scale",
    "Abnormal Involuntary Movement Scale (AIMS)": "aims",
    "Barnes Akathisia Rating Scale (BARS)": "barnes_akathisia",
    "Frequency, Intensity and Burden of Side Effects Rating Scale (FIBSER) Revised": (
        "fibser_revised"
    ),
    "Cumulative Illness Rating Scale-Geriatric (CIRS-G)": "cirs_g",
    "Informant Questionnaire on Cognitive Decline in the Elderly (IQCODE)": "iqcode",
    "Clinical Dementia Rating (CDR) Scale": "clinical_dementia_rating",
    "DSM-5 Criteria for Major Depressive Disorder": "dsm5_mdd",
    "Quick Inventory of Depressive Symptomatology (QIDS)": "qids",
    "Hamilton Anxiety Scale": "hamilton_anxiety",
    "Modified Rankin Score-9Q (mRS-9Q)": "mrs_9q",
    "Canadian Transient Ischemic Attack (TIA) Score": "canadian_tia",
    "Secondary Intracerebral Hemorrhage (sICH) Score": "sich_score",
    "SEDAN Score for Post-tPA Hemorrhage": "sedan_score",
    "Neck Disability Index (NDI)": "neck_disability_index",
    "Glasgow Modified Alcohol Withdrawal Scale (GMAWS)": "gmaws",
}

#: Dev items whose answer departs from the published instrument (declared errata).
ERRATA = {
    ("medmcp-calc_009_8ac41d79", 2),  # TIS: item 2 recorded with an item-1 anchor
    ("medmcp-calc_013_e75c660d", 2),  # BARS: task adds all four items; published = global
    ("medmcp-calc_051_a4f9642d", 6),  # IQCODE: mean of the ratings is 3.56, not 3.4
}


# --- names and dev items ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "calc_id"), sorted(NAMES.items()))
def test_medmcp_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_every_dev_item_of_these_names_matches_or_is_a_declared_erratum() -> None:
    items = dev_items(NAMES)
    assert len(items) == len(NAMES)  # each name is used by one dev item
    for task_id, answer in items:
        row = medmcp_calc.score_answer(task_id, answer)
        key = (task_id, answer["order"])
        if key in ERRATA:
            assert row.status == "erratum", row
            assert key in registry.get_calculator(answer["name"]).module.MEDMCP_ERRATA
        else:
            assert row.status == "matched", row


# --- hand-worked examples ---------------------------------------------------------------------


def test_hoehn_yahr_half_stage() -> None:
    r = run("hoehn_yahr_modified", stage=2.5)
    assert r.value == 2.5
    assert "recovery on pull test" in r.interpretation
    assert run("hoehn_yahr_modified", stage=3).value == 3


def test_schwab_england_level() -> None:
    r = run("schwab_england_adl", percent=60)
    assert (r.value, r.unit) == (60, "%")
    assert r.interpretation.startswith("60%: Some dependency")


def test_webster_bands() -> None:
    # Ten items: 2+2+2+2+2+1+1+1+1+2 = 16 → 11-20 moderate disability.
    items = dict(
        bradykinesia_hands=2,
        rigidity=2,
        posture=2,
        arm_swing=2,
        gait=2,
        tremor=1,
        facies=1,
        seborrhea=1,
        speech=1,
        self_care=2,
    )
    r = run("webster_parkinson", **items)
    assert r.value == 16
    assert r.interpretation.startswith("Moderate disability")
    assert [s.total for s in r.steps][-1] == 16
    # All 1 → 10: the top of the early-illness band.
    assert run("webster_parkinson", **dict.fromkeys(items, 1)).interpretation.startswith("Early")
    assert run("webster_parkinson", **dict.fromkeys(items, 3)).value == 30


TIS_FULL = dict(
    static_1_sitting=2,
    static_2_therapist_crosses_legs=2,
    static_3_patient_crosses_legs=3,
    dynamic_1_hemiplegic_elbow=1,
    dynamic_2_repeat_1=1,
    dynamic_3_repeat_1=1,
    dynamic_4_unaffected_elbow=1,
    dynamic_5_repeat_4=1,
    dynamic_6_repeat_4=1,
    dynamic_7_pelvis_hemiplegic=1,
    dynamic_8_repeat_7=1,
    dynamic_9_pelvis_unaffected=1,
    dynamic_10_repeat_9=1,
    coordination_1_upper_trunk=2,
    coordination_2_repeat_1_fast=1,
    coordination_3_lower_trunk=2,
    coordination_4_repeat_3_fast=1,
)


def test_trunk_impairment_scale_maximum_and_subscores() -> None:
    # Static 2+2+3 = 7, dynamic 10 × 1 = 10, co-ordination 2+1+2+1 = 6: 23.
    r = run("trunk_impairment_scale", **TIS_FULL)
    assert r.value == 23
    assert r.extra == {"static": 7, "dynamic": 10, "coordination": 6}


def test_trunk_impairment_scale_first_item_zero_and_follow_ups() -> None:
    # Verheyden 2004: a 0 on the first item makes the total 0, whatever else is given.
    assert run("trunk_impairment_scale", static_1_sitting=0).value == 0
    # Parent item 9 scored 0: item 10 may be left out and counts 0 → 23 - 2 = 21.
    inputs = {**TIS_FULL, "dynamic_9_pelvis_unaffected": 0}
    del inputs["dynamic_10_repeat_9"]
    assert run("trunk_impairment_scale", **inputs).value == 21
    with pytest.raises(CalculatorInputError, match="dynamic_10_repeat_9 must be 0"):
        run("trunk_impairment_scale", **{**TIS_FULL, "dynamic_9_pelvis_unaffected": 0})
    missing = dict(TIS_FULL)
    del missing["dynamic_2_repeat_1"]
    with pytest.raises(CalculatorInputError, match="dynamic_2_repeat_1 is required"):
        run("trunk_impairment_scale", **missing)
    with pytest.raises(CalculatorInputError, match="expected one of 0, 2"):
        run("trunk_impairment_scale", **{**TIS_FULL, "static_1_sitting": 1})


def test_aims_total_and_td_threshold() -> None:
    # 2+2+1+1+3+2+2 = 13; one area 'moderate' (3) meets Schooler-Kane.
    r = run(
        "aims",
        facial=2,
        lips=2,
        jaw=1,
        tongue=1,
        upper_extremities=3,
        lower_extremities=2,
        trunk=2,
        global_severity=3,
    )
    assert r.value == 13
    assert "meet the Schooler-Kane threshold" in r.interpretation
    # Only one area mild (2), the rest minimal: below the threshold (total 2+6×1 = 8).
    low = run(
        "aims", facial=2, lips=1, jaw=1, tongue=1, upper_extremities=1, lower_extremities=1, trunk=1
    )
    assert (low.value, "below" in low.interpretation) == (8, True)


def test_bars_global_is_the_rating() -> None:
    r = run(
        "barnes_akathisia",
        objective=1,
        subjective_awareness=2,
        subjective_distress=1,
        global_assessment=2,
    )
    assert r.value == 2
    assert r.interpretation.startswith("Mild akathisia")
    assert r.extra["items_total"] == 4  # 1 + 2 + 1


def test_fibser_burden_actions() -> None:
    assert run("fibser_revised", burden=2).interpretation.startswith("No change")
    assert run("fibser_revised", burden=4).interpretation.startswith("Side effects should")
    assert run("fibser_revised", burden=6, frequency=6, intensity=6).interpretation.startswith(
        "Decrease the dose"
    )


def test_cirs_g_total_and_severity_index() -> None:
    # 14 systems: 0,2,3,1,1,2,2,0,3,2,2,0,1,1 = 20; 11 endorsed; index 20/11 = 1.82; two at 3.
    ratings = [0, 2, 3, 1, 1, 2, 2, 0, 3, 2, 2, 0, 1, 1]
    names = list(registry.get_calculator("cirs_g").inputs.model_fields)
    r = run("cirs_g", **dict(zip(names, ratings, strict=True)))
    assert r.value == 20
    assert r.extra == {
        "categories_endorsed": 11,
        "severity_index": 1.82,
        "level_3_count": 2,
        "level_4_count": 0,
    }


def test_iqcode_mean_and_cutoffs() -> None:
    names = list(registry.get_calculator("iqcode").inputs.model_fields)
    # Eight 3s and eight 4s: (24 + 32) / 16 = 3.5 > 3.38 → significant impairment.
    r = run("iqcode", **{n: 3 if i % 2 else 4 for i, n in enumerate(names)})
    assert r.value == 3.5
    assert r.interpretation.startswith("Significant cognitive impairment")
    # All 3 ('not much change') → 3.0, normal.
    assert run("iqcode", **dict.fromkeys(names, 3)).interpretation.startswith("Normal")


@pytest.mark.parametrize(
    ("boxes", "expected"),
    [
        ((1, 1, 1, 1, 1, 0), 1),  # four secondary equal M
        ((0, 0.5, 0.5, 0, 0, 0), 0.5),  # M = 0, two secondary ≥ 0.5
        ((0, 0.5, 0, 0, 0, 0), 0),  # M = 0, only one impaired
        ((0.5, 1, 1, 1, 0, 0), 1),  # M = 0.5, three secondary ≥ 1
        ((0.5, 1, 1, 0, 0, 0), 0.5),  # M = 0.5, only two ≥ 1
        ((2, 1, 1, 1, 2, 2), 1),  # three below M (all 1), two equal: majority side → 1
        ((2, 3, 3, 3, 1, 1), 2),  # three above and two below: CDR = M
        ((1, 0, 0, 0, 0, 0), 0.5),  # M ≥ 1 cannot give 0: majority of secondaries 0 → 0.5
        ((3, 2, 2, 1, 1, 3), 2),  # four below, tie 2/1: the one closest to M → 2
    ],
)
def test_cdr_scoring_rules(boxes: tuple[float, ...], expected: float) -> None:
    names = ["memory", "orientation", "judgment", "community", "home_hobbies", "personal_care"]
    r = run("clinical_dementia_rating", **dict(zip(names, boxes, strict=True)))
    assert r.value == expected
    assert r.extra["sum_of_boxes"] == sum(boxes)


DSM_POSITIVE = dict(
    depressed_mood=True,
    anhedonia=True,
    weight_appetite=False,
    sleep=True,
    psychomotor=False,
    fatigue=True,
    worthlessness=True,
    concentration=False,
    death_thoughts=False,
    duration_weeks=3,
    distress_or_impairment=True,
    not_substance_or_medical=True,
    not_psychotic_disorder=True,
    no_mania_or_hypomania=True,
)


def test_dsm5_mdd_criteria() -> None:
    # Five symptoms including depressed mood, 3 weeks, B-E met → positive.
    assert run("dsm5_mdd", **DSM_POSITIVE).value == "Positive"
    # Four symptoms only.
    r = run("dsm5_mdd", **{**DSM_POSITIVE, "worthlessness": False})
    assert r.value == "Negative" and "≥ 5 of 9" in r.interpretation
    # Five symptoms but neither depressed mood nor anhedonia.
    r = run(
        "dsm5_mdd",
        **{
            **DSM_POSITIVE,
            "depressed_mood": False,
            "anhedonia": False,
            "psychomotor": True,
            "concentration": True,
        },
    )
    assert r.value == "Negative" and "depressed mood or loss of interest" in r.interpretation
    # Under two weeks, or a past manic episode.
    assert run("dsm5_mdd", **{**DSM_POSITIVE, "duration_weeks": 1.5}).value == "Negative"
    assert run("dsm5_mdd", **{**DSM_POSITIVE, "no_mania_or_hypomania": False}).value == "Negative"


def test_qids_domain_maxima() -> None:
    # Sleep max(3,3,1,0)=3, mood 2, appetite/weight max(1,0,1,0)=1, concentration 2, self 2,
    # SI 1, interest 2, energy 2, psychomotor max(1,1)=1: 16 → severe (16-20).
    r = run(
        "qids",
        sleep_onset=3, mid_nocturnal=3, early_morning=1, hypersomnia=0, mood=2,
        appetite_decreased=1, appetite_increased=0, weight_decrease=1, weight_increase=0,
        concentration=2, self_view=2, suicidal_ideation=1, interest=2, energy=2, slowed=1,
        restless=1,
    )  # fmt: skip
    assert r.value == 16
    assert r.interpretation.startswith("Severe depression")
    assert len(r.steps) == 9 and r.warnings


def test_hamilton_anxiety_bands() -> None:
    names = list(registry.get_calculator("hamilton_anxiety").inputs.model_fields)
    # 14 items × 2 = 28 → 25-30 moderate to severe; 14 × 1 = 14 → mild (≤ 17).
    assert run("hamilton_anxiety", **dict.fromkeys(names, 2)).interpretation.startswith(
        "Moderate to severe"
    )
    assert run("hamilton_anxiety", **dict.fromkeys(names, 1)).interpretation.startswith("Mild")
    assert run("hamilton_anxiety", **dict.fromkeys(names, 4)).value == 56


MRS_NONE = dict(
    symptoms=False,
    same_work=True,
    hobbies=True,
    social_ties=True,
    help_meals_chores_money=False,
    help_shopping_travel=False,
    help_walking=False,
    help_bodily_needs=False,
    bedbound_constant_care=False,
)


@pytest.mark.parametrize(
    ("changes", "grade"),
    [
        ({}, 0),
        ({"symptoms": True}, 1),
        ({"symptoms": True, "hobbies": False}, 2),
        ({"symptoms": True, "help_shopping_travel": True}, 3),
        ({"help_walking": True}, 4),
        ({"bedbound_constant_care": True, "help_walking": True}, 5),
    ],
)
def test_mrs_9q_ladder(changes: dict[str, bool], grade: int) -> None:
    assert run("mrs_9q", **{**MRS_NONE, **changes}).value == grade


def test_canadian_tia_points_and_risk() -> None:
    flags = registry.get_calculator("canadian_tia").inputs.model_fields
    none = dict.fromkeys(flags, False)
    # First TIA 2 + symptoms ≥ 10 min 2 + dysarthria 1 = 5 → medium, 0.5% at 7 days.
    r = run(
        "canadian_tia",
        **{**none, "first_tia": True, "symptoms_10_min": True, "dysarthria_aphasia": True},
    )
    assert r.value == 5
    assert r.interpretation.startswith("Medium risk: 0.5%")
    # Vertigo alone: -3 → low.
    assert run("canadian_tia", **{**none, "vertigo": True}).value == -3
    # 2+2+2+3+3+2+3 = 17 → high, beyond the table.
    high = run(
        "canadian_tia",
        **{
            **none,
            "first_tia": True,
            "symptoms_10_min": True,
            "carotid_stenosis": True,
            "on_antiplatelet": True,
            "dbp_110": True,
            "atrial_fibrillation": True,
            "glucose_15": True,
        },
    )
    assert high.value == 17 and high.interpretation.startswith("High risk: > 27.6%")


def test_sich_score() -> None:
    # High NCCT 2 + age 56 (46-70) 1 + female 1 + neither HTN nor coagulopathy 1 = 5.
    r = run(
        "sich_score",
        ncct_probability="high",
        age=56,
        sex="female",
        neither_hypertension_nor_coagulopathy=True,
    )
    assert r.value == 5 and r.interpretation.startswith("High")
    # Low NCCT 0 + age 75 0 + male 0 + hypertensive 0 = 0.
    r = run(
        "sich_score",
        ncct_probability="low",
        age=75,
        sex="male",
        neither_hypertension_nor_coagulopathy=False,
    )
    assert r.value == 0 and r.interpretation.startswith("Low")
    assert (
        run(
            "sich_score",
            ncct_probability="indeterminate",
            age=30,
            sex="male",
            neither_hypertension_nor_coagulopathy=False,
        ).value
        == 3
    )  # 1 + 2


def test_sedan_score_glucose_bands_and_units() -> None:
    # Glucose 156 mg/dL 1 + early infarct 1 + dense artery 1 + age 68 0 + NIHSS 19 1 = 4.
    r = run(
        "sedan_score",
        glucose=156,
        early_infarct_signs=True,
        hyperdense_artery=True,
        age=68,
        nihss=19,
    )
    assert r.value == 4 and "21.7%" in r.interpretation
    # 13 mmol/L = 234 mg/dL > 216 → 2; age 80 → 1; NIHSS 9 → 0: 3.
    r = run(
        "sedan_score",
        glucose=[13, "mmol/L"],
        early_infarct_signs=False,
        hyperdense_artery=False,
        age=80,
        nihss=9,
    )
    assert r.value == 3


def test_neck_disability_index_bands() -> None:
    names = list(registry.get_calculator("neck_disability_index").inputs.model_fields)
    r = run(
        "neck_disability_index", **dict(zip(names, [3, 1, 3, 2, 3, 2, 2, 2, 3, 3], strict=True))
    )
    assert r.value == 24  # 3+1+3+2+3+2+2+2+3+3
    assert r.interpretation.startswith("Moderate disability") and r.extra["percent"] == 48
    assert run("neck_disability_index", **dict.fromkeys(names, 4)).interpretation.startswith(
        "Complete"
    )


def test_gmaws_sum() -> None:
    # 2 + 1 + 1 + 0 + 2 = 6.
    r = run("gmaws", tremor=2, sweating=1, hallucinations=1, orientation=0, agitation=2)
    assert r.value == 6 and len(r.steps) == 5


# --- bad inputs -------------------------------------------------------------------------------


def test_missing_field_is_named() -> None:
    with pytest.raises(CalculatorInputError, match="'tremor' is required"):
        run("gmaws", sweating=1, hallucinations=1, orientation=0, agitation=2)


@pytest.mark.parametrize(
    ("calc_id", "inputs", "fragment"),
    [
        ("hoehn_yahr_modified", {"stage": 3.5}, "expected a stage of"),
        ("schwab_england_adl", {"percent": 65}, "multiple of 10"),
        ("hamilton_anxiety", {"anxious_mood": 5}, "anxious_mood"),
        (
            "sedan_score",
            {
                "glucose": [150, "mg"],
                "early_infarct_signs": True,
                "hyperdense_artery": True,
                "age": 70,
                "nihss": 5,
            },
            "glucose",
        ),
        (
            "sich_score",
            {
                "ncct_probability": "moderate",
                "age": 50,
                "sex": "female",
                "neither_hypertension_nor_coagulopathy": True,
            },
            "ncct_probability",
        ),
        (
            "clinical_dementia_rating",
            {
                "memory": 1,
                "orientation": 1,
                "judgment": 1,
                "community": 1,
                "home_hobbies": 1,
                "personal_care": 0.5,
            },
            "personal_care",
        ),
        ("iqcode", {"family_friends": 6}, "family_friends"),
    ],
)
def test_bad_inputs_raise_clear_errors(calc_id: str, inputs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(CalculatorInputError, match=fragment):
        run(calc_id, **inputs)


def test_adapter_rejects_unknown_choice_and_missing_field() -> None:
    module = registry.get_calculator("fibser_revised").module
    with pytest.raises(AdapterError, match="cannot match"):
        module.from_medmcp([{"field": "interference_past_week", "value": "Sometimes"}])
    with pytest.raises(AdapterError, match="no input field matches"):
        module.from_medmcp([{"field": "frequency_past_week", "value": "Rarely"}])
    webster = registry.get_calculator("webster_parkinson").module
    with pytest.raises(AdapterError, match="rigidity"):
        webster.from_medmcp([{"field": "Bradykinesia of hands", "value": "2 (Moderate)"}])
