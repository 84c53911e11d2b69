"""MedMCP-Calc single-task calculators, part G: worked examples, dev tasks and bad inputs.

PHQ-9, GAD-7, PHQ-4, WHO-5, ABCD², ICH score, ABC/2, FOUR, WFNS, Ottawa SAH, Karnofsky,
Barthel, Lansky, CIWA-Ar, Apfel, Aldrete, BPS and the Canadian C-Spine Rule.
"""

from __future__ import annotations

import pytest

from m3agent.calculators import medmcp_calc
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError, get_calculator

from calc_testkit import dev_items, run

#: MedMCP-Calc name → the calculator id implementing it.
NAMES = {
    "PHQ-9 (Patient Health Questionnaire-9)": "phq9",
    "GAD-7 (General Anxiety Disorder-7)": "gad7",
    "Patient Health Questionnaire-4 (PHQ-4)": "phq4",
    "Who Five Well Being Index (WHO-5)": "who5",
    "ABCD² Score for TIA": "abcd2",
    "Intracerebral Hemorrhage (ICH) Score": "ich_score",
    "ABC/2 Formula for Intracerebral Hemorrhage Volume": "abc2_ich_volume",
    "FOUR (Full Outline of UnResponsiveness) Score": "four_score",
    "WFNS SAH Scale": "wfns_sah",
    "Ottawa Subarachnoid Hemorrhage (SAH) Rule for Headache Evaluation": "ottawa_sah",
    "Karnofsky Performance Status Scale": "karnofsky",
    "Barthel Index for Activities of Daily Living (ADL)": "barthel_index",
    "Lansky Play-Performance Scale for Pediatric Functional Status": "lansky_play_performance",
    "CIWA-Ar for Alcohol Withdrawal": "ciwa_ar",
    "Apfel Score for Postoperative Nausea and Vomiting": "apfel_ponv",
    "Aldrete Score": "aldrete_score",
    "Behavioral Pain Scale (BPS) for Pain Assessment in Intubated Patients": (
        "behavioral_pain_scale"
    ),
    "Canadian C-Spine Rule": "canadian_cspine",
}


# --- names and dev tasks -------------------------------------------------------------------


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_medmcp_name_resolves(name: str, calc_id: str) -> None:
    assert get_calculator(name).id == calc_id


def test_every_dev_item_of_these_names_matches() -> None:
    items = dev_items(NAMES)
    # 19 items: one per name, two for the Aldrete score.
    assert len(items) == 19
    rows = [medmcp_calc.score_answer(task_id, answer) for task_id, answer in items]
    bad = [(r.task_id, r.order, r.name, r.status, r.got, r.expected, r.detail) for r in rows]
    assert all(r.status == "matched" for r in rows), bad
    assert {r.calculator for r in rows} == set(NAMES.values())


# --- questionnaires --------------------------------------------------------------------------


def test_phq9_worked_example_and_item9_warning() -> None:
    # 1+2+0+3+1+0+2+1+0 = 10 → moderate depression (Kroenke 2001 cut point 10).
    r = run(
        "phq9",
        interest=1,
        depressed=2,
        sleep=0,
        tired=3,
        appetite=1,
        failure=0,
        concentration=2,
        psychomotor=1,
        self_harm=0,
    )
    assert r.value == 10 and "moderate depression" in r.interpretation
    assert r.steps[-1].total == 10 and not r.warnings
    # Item 9 positive: 9 points total (mild) but a suicide-risk warning whatever the total.
    r = run(
        "phq9",
        interest=1,
        depressed=1,
        sleep=1,
        tired=1,
        appetite=1,
        failure=1,
        concentration=1,
        psychomotor=1,
        self_harm=1,
        difficulty="very_difficult",
    )
    assert r.value == 9 and "mild depression" in r.interpretation
    assert r.warnings and "very difficult" in r.interpretation


def test_phq9_bad_inputs() -> None:
    items = dict(
        interest=1,
        depressed=1,
        sleep=1,
        tired=1,
        appetite=1,
        failure=1,
        concentration=1,
        psychomotor=1,
    )
    with pytest.raises(CalculatorInputError) as e:
        run("phq9", **items)  # self_harm missing
    assert "self_harm" in e.value.fields
    with pytest.raises(CalculatorInputError) as e:
        run("phq9", **items, self_harm=4)
    assert "self_harm" in e.value.fields
    with pytest.raises(CalculatorInputError) as e:
        run("phq9", **items, self_harm=0, difficulty="terrible")
    assert "difficulty" in e.value.fields


def test_gad7_worked_examples() -> None:
    # 3+3+3+3+2+2+1 = 17 → severe (≥ 15); 2+2+1+1+1+1+1 = 9 → mild (5-9).
    r = run(
        "gad7",
        nervous=3,
        uncontrolled_worry=3,
        worry_too_much=3,
        trouble_relaxing=3,
        restless=2,
        irritable=2,
        afraid=1,
    )
    assert r.value == 17 and "severe anxiety" in r.interpretation and "evaluate" in r.interpretation
    r = run(
        "gad7",
        nervous=2,
        uncontrolled_worry=2,
        worry_too_much=1,
        trouble_relaxing=1,
        restless=1,
        irritable=1,
        afraid=1,
    )
    assert r.value == 9 and "mild anxiety" in r.interpretation
    with pytest.raises(CalculatorInputError):
        run("gad7", nervous=-1, uncontrolled_worry=0, worry_too_much=0, trouble_relaxing=0,
            restless=0, irritable=0, afraid=0)  # fmt: skip


def test_phq4_subscales() -> None:
    # Anxiety 2+1 = 3 (positive), depression 1+1 = 2 (negative); total 5 → mild distress.
    r = run("phq4", nervous=2, uncontrolled_worry=1, interest=1, depressed=1)
    assert r.value == 5
    assert r.extra["anxiety_subscale"] == 3 and r.extra["depression_subscale"] == 2
    assert "mild" in r.interpretation and "Anxiety likely" in r.interpretation
    assert "Depression likely" not in r.interpretation
    r = run("phq4", nervous=0, uncontrolled_worry=1, interest=0, depressed=1)
    assert r.value == 2 and "Neither subscale positive" in r.interpretation


def test_who5_percentage_and_threshold() -> None:
    # Raw 3+3+2+2+2 = 12 (< 13: poor well-being) → 12 × 4 = 48%.
    r = run("who5", cheerful=3, calm=3, active=2, rested=2, interest=2)
    assert r.value == 48 and r.extra["raw_score"] == 12 and "poor well-being" in r.interpretation
    # Raw 13 → 52%, no longer below the cut-off.
    r = run("who5", cheerful=3, calm=3, active=3, rested=2, interest=2)
    assert r.value == 52 and "no indication" in r.interpretation
    with pytest.raises(CalculatorInputError) as e:
        run("who5", cheerful=6, calm=3, active=3, rested=2, interest=2)
    assert "cheerful" in e.value.fields


# --- neurology -------------------------------------------------------------------------------


def test_abcd2_worked_example() -> None:
    # 1 (age) + 1 (BP) + 2 (unilateral weakness) + 2 (≥ 60 min) + 1 (diabetes) = 7 → high risk.
    r = run(
        "abcd2",
        age_60_or_older=True,
        bp_140_90_or_higher=True,
        clinical_features="unilateral_weakness",
        duration="60_or_more",
        diabetes=True,
    )
    assert r.value == 7 and r.interpretation.startswith("High risk") and "8.1%" in r.interpretation
    r = run(
        "abcd2",
        age_60_or_older=False,
        bp_140_90_or_higher=False,
        clinical_features="other",
        duration="under_10",
        diabetes=False,
    )
    assert r.value == 0 and r.interpretation.startswith("Low risk")
    with pytest.raises(CalculatorInputError) as e:
        run(
            "abcd2",
            age_60_or_older=True,
            bp_140_90_or_higher=True,
            clinical_features="vision loss",
            duration="60_or_more",
            diabetes=True,
        )
    assert "clinical_features" in e.value.fields


def test_ich_score_worked_example() -> None:
    # GCS 4 (+2) + age ≥ 80 (+1) + volume ≥ 30 (+1) = 4 → 97% 30-day mortality (Hemphill 2001).
    r = run(
        "ich_score",
        gcs=4,
        age_80_or_older=True,
        volume_30_ml_or_more=True,
        intraventricular_hemorrhage=False,
        infratentorial_origin=False,
    )
    assert r.value == 4 and "97%" in r.interpretation
    assert [s.points for s in r.steps] == [2, 1, 1, 0, 0]
    r = run(
        "ich_score",
        gcs=13,
        age_80_or_older=False,
        volume_30_ml_or_more=False,
        intraventricular_hemorrhage=False,
        infratentorial_origin=False,
    )
    assert r.value == 0 and "0%" in r.interpretation
    with pytest.raises(CalculatorInputError) as e:
        run(
            "ich_score",
            gcs=2,
            age_80_or_older=False,
            volume_30_ml_or_more=False,
            intraventricular_hemorrhage=False,
            infratentorial_origin=False,
        )
    assert "gcs" in e.value.fields


def test_ich_score_adapter_reads_measures_not_points() -> None:
    inputs = [
        {"field": "GCS category", "value": "3-4 (+2)"},
        {"field": "Age ≥80 years", "value": "Yes (+1)"},
        {"field": "ICH volume ≥30 mL", "value": "Yes (42 mL)"},
        {"field": "Intraventricular hemorrhage", "value": "No"},
        {"field": "Infratentorial origin", "value": "No"},
    ]
    kwargs = get_calculator("ich_score").module.from_medmcp(inputs)
    assert kwargs == {
        "gcs": 3,
        "age_80_or_older": True,
        "volume_30_ml_or_more": True,
        "intraventricular_hemorrhage": False,
        "infratentorial_origin": False,
    }


def test_abc2_worked_example_units_and_shape() -> None:
    # A 4 cm (given as 40 mm), B 3 cm, C = 6 slices × 5 mm = 3 cm → 4 × 3 × 3 / 2 = 18 mL;
    # irregular shape → / 3 = 12 mL (Huttner 2006).
    r = run(
        "abc2_ich_volume",
        shape="round_ellipsoid",
        length_a=[40, "mm"],
        width_b=3,
        slices=6,
        slice_thickness=5,
    )
    assert r.value == pytest.approx(18.0) and r.unit == "mL"
    r = run(
        "abc2_ich_volume", shape="irregular", length_a=4, width_b=3, slices=6, slice_thickness=5
    )
    assert r.value == pytest.approx(12.0)
    with pytest.raises(CalculatorInputError):
        run(
            "abc2_ich_volume",
            shape="irregular",
            length_a=[4, "kg"],
            width_b=3,
            slices=6,
            slice_thickness=5,
        )
    with pytest.raises(CalculatorInputError) as e:
        run("abc2_ich_volume", shape="irregular", length_a=4, width_b=3, slice_thickness=5)
    assert "slices" in e.value.fields


def test_four_score() -> None:
    # E1 + M2 + B3 + R0 = 6; all best = 16.
    r = run("four_score", eye=1, motor=2, brainstem=3, respiration=0)
    assert r.value == 6 and r.extra["profile"] == "E1 M2 B3 R0"
    assert run("four_score", eye=4, motor=4, brainstem=4, respiration=4).value == 16
    with pytest.raises(CalculatorInputError) as e:
        run("four_score", eye=5, motor=2, brainstem=3, respiration=0)
    assert "eye" in e.value.fields


@pytest.mark.parametrize(
    "gcs,deficit,grade",
    [(15, False, 1), (14, False, 2), (13, True, 3), (12, False, 4), (7, True, 4), (6, False, 5)],
)
def test_wfns_grades(gcs: int, deficit: bool, grade: int) -> None:
    assert run("wfns_sah", gcs=gcs, motor_deficit=deficit).value == grade


def test_wfns_gcs15_with_deficit_warns_and_bad_gcs() -> None:
    r = run("wfns_sah", gcs=15, motor_deficit=True)
    assert r.value == 1 and r.warnings
    with pytest.raises(CalculatorInputError):
        run("wfns_sah", gcs=16, motor_deficit=False)


def test_ottawa_sah() -> None:
    none = dict(
        age_40_or_older=False,
        neck_pain_or_stiffness=False,
        witnessed_loss_of_consciousness=False,
        onset_during_exertion=False,
        thunderclap=False,
        limited_neck_flexion=False,
    )
    assert run("ottawa_sah", **none).value == "Rule out"
    r = run("ottawa_sah", **{**none, "age_40_or_older": True})
    assert r.value == "Cannot rule out" and r.extra["findings_present"] == 1
    with pytest.raises(CalculatorInputError) as e:
        run("ottawa_sah", **{k: v for k, v in none.items() if k != "thunderclap"})
    assert "thunderclap" in e.value.fields


# --- functional status -----------------------------------------------------------------------


def test_karnofsky_and_lansky() -> None:
    r = run("karnofsky", score=70)
    assert r.value == 70 and "Cares for self" in r.interpretation
    with pytest.raises(CalculatorInputError) as e:
        run("karnofsky", score=55)
    assert "score" in e.value.fields
    r = run("lansky_play_performance", score=60)
    assert "active play minimal" in r.interpretation
    with pytest.raises(CalculatorInputError):
        run("lansky_play_performance", score=110)


BARTHEL_MAX = dict(
    feeding=10,
    bathing=5,
    grooming=5,
    dressing=10,
    bowels=10,
    bladder=10,
    toilet_use=10,
    transfers=15,
    mobility=15,
    stairs=10,
)


def test_barthel_index() -> None:
    # 10+5+5+10+10+10+10+15+15+10 = 100 → independent.
    r = run("barthel_index", **BARTHEL_MAX)
    assert r.value == 100 and "independent" in r.interpretation
    # Transfers major help (5) and mobility wheelchair (5) instead: 100 - 10 - 10 = 80.
    r = run("barthel_index", **{**BARTHEL_MAX, "transfers": 5, "mobility": 5})
    assert r.value == 80 and "moderate dependency" in r.interpretation
    with pytest.raises(CalculatorInputError) as e:
        run("barthel_index", **{**BARTHEL_MAX, "feeding": 15})
    assert "feeding must be one of (0, 5, 10)" in str(e.value)


# --- withdrawal, anaesthesia, ICU pain, trauma -----------------------------------------------


def test_ciwa_ar() -> None:
    # 1+1+1+1+1+0+0+0+2+0 = 7 → mild (< 8).
    items = dict(
        nausea_vomiting=1,
        tremor=1,
        paroxysmal_sweats=1,
        anxiety=1,
        agitation=1,
        tactile_disturbances=0,
        auditory_disturbances=0,
        visual_disturbances=0,
        headache=2,
        orientation=0,
    )
    r = run("ciwa_ar", **items)
    assert r.value == 7 and "mild" in r.interpretation
    assert run("ciwa_ar", **{**items, "tremor": 7, "headache": 3}).value == 14
    with pytest.raises(CalculatorInputError) as e:
        run("ciwa_ar", **{**items, "orientation": 5})
    assert "orientation" in e.value.fields


def test_ciwa_adapter_descriptors_and_unknown_text() -> None:
    module = get_calculator("ciwa_ar").module
    assert module._rating("tremor", "Severe, even with arms not extended") == 7
    assert module._rating("orientation", "Disoriented for place and/or person") == 4
    assert module._rating("headache", "Very severe") == 6
    assert module._rating("nausea_vomiting", "2") == 2
    with pytest.raises(AdapterError, match="Tremor"):
        module._rating("tremor", "wobbly")


def test_apfel() -> None:
    # All four factors → 4 → 79% (Apfel 1999).
    r = run(
        "apfel_ponv",
        female=True,
        nonsmoker=True,
        history_ponv_or_motion_sickness=True,
        postoperative_opioids=True,
    )
    assert r.value == 4 and "79%" in r.interpretation
    kwargs = get_calculator("apfel_ponv").module.from_medmcp(
        [
            {"field": "Sex", "value": "Female"},
            {"field": "Smoking status", "value": "Current smoker"},
            {"field": "History of PONV", "value": "No"},
            {"field": "Postoperative opioids", "value": "No"},
        ]
    )
    assert kwargs["female"] is True and kwargs["nonsmoker"] is False
    with pytest.raises(CalculatorInputError):
        run("apfel_ponv", female=True, nonsmoker=True, postoperative_opioids=True)


def test_aldrete() -> None:
    # 2+2+2+2+1 = 9 → meets the ≥ 9 criterion; 8 does not.
    r = run(
        "aldrete_score", activity=2, respiration=2, circulation=2, consciousness=2,
        oxygen_saturation=1,
    )  # fmt: skip
    assert r.value == 9 and r.interpretation.startswith("Aldrete 9/10: ready")
    r = run(
        "aldrete_score", activity=2, respiration=1, circulation=2, consciousness=2,
        oxygen_saturation=1,
    )  # fmt: skip
    assert "not ready" in r.interpretation
    with pytest.raises(CalculatorInputError):
        run(
            "aldrete_score", activity=3, respiration=1, circulation=2, consciousness=2,
            oxygen_saturation=1,
        )  # fmt: skip
    module = get_calculator("aldrete_score").module
    assert module._points("circulation", "BP ± 20-49% of preanesthetic level") == 1
    assert module._points("oxygen_saturation", "SpO2 < 90% even with O2 supplement") == 0


def test_behavioral_pain_scale() -> None:
    # 1 + 1 + 1 = 3 (no pain); 4 + 3 + 3 = 10.
    assert (
        run(
            "behavioral_pain_scale", facial_expression=1, upper_limbs=1, ventilation_compliance=1
        ).value
        == 3
    )
    r = run("behavioral_pain_scale", facial_expression=4, upper_limbs=3, ventilation_compliance=3)
    assert r.value == 10
    with pytest.raises(CalculatorInputError) as e:
        run("behavioral_pain_scale", facial_expression=0, upper_limbs=1, ventilation_compliance=1)
    assert "facial_expression" in e.value.fields


def test_canadian_cspine_flow() -> None:
    assert run("canadian_cspine", high_risk_factor=True).value == "High risk"
    assert run("canadian_cspine", high_risk_factor=False, low_risk_factor=False).value == (
        "Not low risk"
    )
    r = run("canadian_cspine", high_risk_factor=False, low_risk_factor=True, can_rotate_neck=True)
    assert r.value == "Low risk" and "no radiography" in r.interpretation
    r = run("canadian_cspine", high_risk_factor=False, low_risk_factor=True, can_rotate_neck=False)
    assert r.value == "Unable to rotate"
    with pytest.raises(CalculatorInputError, match="low_risk_factor is required"):
        run("canadian_cspine", high_risk_factor=False)
    with pytest.raises(CalculatorInputError, match="can_rotate_neck is required"):
        run("canadian_cspine", high_risk_factor=False, low_risk_factor=True)


def test_adapter_errors_name_the_missing_field() -> None:
    with pytest.raises(AdapterError, match="no input field matches"):
        get_calculator("phq9").module.from_medmcp([{"field": "Mood", "value": "Low"}])
    with pytest.raises(AdapterError, match="cannot match"):
        get_calculator("karnofsky").module.from_medmcp(
            [{"field": "Patient description", "value": "Plays tennis daily"}]
        )
