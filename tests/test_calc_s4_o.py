"""MedMCP-Calc single-task calculators (part O): RA/fibromyalgia patient scales and the
alcoholic-hepatitis / MELD family.

Hand-worked examples (arithmetic in comments), the dev items of these names scored through
``medmcp_calc.score_answer``, boundary cases and bad inputs.
"""

from __future__ import annotations

from typing import Any

import pytest

from m3agent.calculators import medmcp_calc, registry
from m3agent.calculators.library import fiqr, pas_ii_ra, pas_ra
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import assert_name_resolves, dev_items, frequency_names, run

#: MedMCP-Calc name → registered calculator id (the names as in calculator_frequency.tsv).
NAMES = {
    "Patient Activity Scale (PAS) for RA": "pas_ra",
    "Patient Activity Scale II (PAS II) for RA": "pas_ii_ra",
    "REVISED FIBROMYALGIA IMPACT QUESTIONNAIRE (FIQR)": "fiqr",
    "MELD Score (Original, Pre-2016, Model for End-Stage Liver Disease)": "meld_original",
    "Maddrey's Discriminant Function for Alcoholic Hepatitis": "maddrey_df",
    "Glasgow Alcoholic Hepatitis Score": "glasgow_alcoholic_hepatitis",
    "Lille Model for Alcoholic Hepatitis": "lille_model",
    "ABIC Score for Alcoholic Hepatitis": "abic_score",
    "Disease Activity Score-28 for Rheumatoid Arthritis with ESR (DAS28-ESR)": "das28_esr",
    "Disease Activity Score-28 for Rheumatoid Arthritis with CRP (DAS28-CRP)": "das28_crp",
    "Clinical Disease Activity Index (CDAI) for Rheumatoid Arthritis": "cdai_ra",
    "Simple Disease Activity Index (SDAI) for Rheumatoid Arthritis": "sdai_ra",
}


@pytest.mark.parametrize(("name", "calc_id"), sorted(NAMES.items()))
def test_medmcp_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_names_are_in_the_frequency_list() -> None:
    assert set(NAMES) <= frequency_names()


def test_every_dev_item_of_these_names_matches() -> None:
    items = dev_items(NAMES)
    # One PAS and one FIQR item; the other names have none in the dev set.
    assert sorted(a["name"] for _, a in items) == [
        "Patient Activity Scale (PAS) for RA",
        "REVISED FIBROMYALGIA IMPACT QUESTIONNAIRE (FIQR)",
    ]
    for task_id, answer in items:
        row = medmcp_calc.score_answer(task_id, answer)
        assert row.status == "matched", row


# --- Patient Activity Scale (PAS) -------------------------------------------------------------

HAQ_FIELDS = [field for items in pas_ra.CATEGORIES.values() for field, _ in items]


def haq(**overrides: int) -> dict[str, Any]:
    items: dict[str, Any] = dict.fromkeys(HAQ_FIELDS, 0)
    items.update(overrides)
    return items


def test_pas_worked_example_matches_dev_answers() -> None:
    # Category worst items: dressing 1, arising 1, eating 1, walking 2 (five steps), hygiene 2
    # (tub), reach 2, grip 2 (jars), activities 2 (chores) → 13 / 8 = 1.625.
    # PAS = (1.625 × 3.33 + 6 + 6) / 3 = (5.41125 + 12) / 3 = 5.80375 → 5.80, moderate.
    items = haq(**dict.fromkeys(HAQ_FIELDS, 1))
    items.update(climb_five_steps=2, tub_bath=2, reach_5lb_object=2, pick_up_clothing=2)
    items.update(open_jars=2, chores=2)
    r = run("pas_ra", **items, pain=6, patient_global=6)
    assert r.extra["haq_di"] == pytest.approx(1.625)
    assert r.value == pytest.approx(5.80)
    assert r.interpretation.startswith("Moderate disease activity")


def test_pas_devices_or_help_raise_the_category_to_two() -> None:
    # All items 0, walking aid and help with hygiene: two categories at 2 → HAQ 4/8 = 0.5.
    # PAS = (0.5 × 3.33 + 0 + 0) / 3 = 0.555 → 0.56 (low: > 0.25 and ≤ 3.7).
    r = run("pas_ra", **haq(), devices=["walking"], help_from_person=["hygiene"], pain=0,
            patient_global=0)  # fmt: skip
    assert r.extra["haq_di"] == pytest.approx(0.5)
    assert r.value == pytest.approx(0.56)
    assert r.interpretation.startswith("Low")
    # A category already at 3 stays at 3: grip 3 with a device → 3/8 = 0.375.
    r = run("pas_ra", **haq(open_jars=3), devices=["grip"], pain=0, patient_global=0)
    assert r.extra["haq_di"] == pytest.approx(0.375)


@pytest.mark.parametrize(
    ("pain", "global_", "band"),
    [
        (0, 0, "Remission"),
        (0.75, 0, "Remission"),
        (5, 6, "Low"),
        (6, 6, "Moderate"),
        (10, 10, "Moderate"),
    ],
)
def test_pas_bands(pain: float, global_: float, band: str) -> None:
    # (0 + 0.75 + 0) / 3 = 0.25 → remission (≤ 0.25); (5 + 6) / 3 = 3.67 → low (≤ 3.7);
    # (6 + 6) / 3 = 4.0 → moderate; (10 + 10) / 3 = 6.67 → moderate (< 8.0).
    r = run("pas_ra", **haq(), pain=pain, patient_global=global_)
    assert r.extra["category"] == band


def test_pas_high_band() -> None:
    # All items 3 → HAQ 3 → (9.99 + 10 + 10) / 3 = 9.997 → 10.0, high (≥ 8.0).
    r = run("pas_ra", **haq(**dict.fromkeys(HAQ_FIELDS, 3)), pain=10, patient_global=10)
    assert r.value == pytest.approx(10.0)
    assert r.interpretation.startswith("High")


def test_pas_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="chores"):
        run("pas_ra", **haq(chores=4), pain=1, patient_global=1)
    with pytest.raises(CalculatorInputError, match="pain"):
        run("pas_ra", **haq(), patient_global=1)
    with pytest.raises(CalculatorInputError, match="devices"):
        run("pas_ra", **haq(), devices=["activities"], pain=1, patient_global=1)
    with pytest.raises(AdapterError, match="cannot match"):
        pas_ra.from_medmcp(
            [{"field": k, "value": "Sometimes"} for k in ("dress", "shampoo")]
            + [{"field": "pain", "value": 3}]
        )


# --- PAS-II ----------------------------------------------------------------------------------


def test_pas_ii_worked_example() -> None:
    # HAQ-II items 1,1,1,2,1,2,0,2,2,2 = 14 / 10 = 1.4; PAS-II = (1.4 × 3.33 + 5 + 4) / 3
    # = (4.662 + 9) / 3 = 4.554 → 4.55, moderate (> 3.7, < 8.0).
    values = [1, 1, 1, 2, 1, 2, 0, 2, 2, 2]
    items = {field: v for (field, _), v in zip(pas_ii_ra.ITEMS, values, strict=True)}
    r = run("Patient Activity Scale II (PAS II) for RA", **items, pain=5, patient_global=4)
    assert r.extra["haq_ii"] == pytest.approx(1.4)
    assert r.value == pytest.approx(4.55)
    assert r.interpretation.startswith("Moderate")


def test_pas_ii_adapter_reads_answer_texts() -> None:
    texts = ["Without any difficulty"] * 9 + ["Unable to do"]
    inputs = [
        {"field": q, "value": t} for (_, q), t in zip(pas_ii_ra.ITEMS, texts, strict=True)
    ] + [{"field": "Pain (0-10)", "value": 2}, {"field": "Patient global (0-10)", "value": 1}]
    kwargs = pas_ii_ra.from_medmcp(inputs)
    assert kwargs["climb_stairs"] == 3 and kwargs["stand_from_chair"] == 0
    # HAQ-II 3 / 10 = 0.3 → (0.999 + 2 + 1) / 3 = 1.333 → 1.33, low.
    r = run("pas_ii_ra", **kwargs)
    assert r.value == pytest.approx(1.33)
    assert r.interpretation.startswith("Low")


def test_pas_ii_bad_inputs() -> None:
    items = {field: 0 for field, _ in pas_ii_ra.ITEMS}
    with pytest.raises(CalculatorInputError, match="patient_global"):
        run("pas_ii_ra", **items, pain=2, patient_global=11)
    items.pop("lift_heavy")
    with pytest.raises(CalculatorInputError, match="lift_heavy"):
        run("pas_ii_ra", **items, pain=2, patient_global=1)


# --- FIQR ------------------------------------------------------------------------------------

FIQR_FIELDS = [field for items in fiqr.DOMAINS.values() for field, _ in items]


def test_fiqr_worked_example() -> None:
    # Function 2+6+3+7+6+6+7+5+6 = 48 / 3 = 16; overall 7 + 6 = 13; symptoms
    # 7+7+7+6+5+5+5+6+4+4 = 56 / 2 = 28 → FIQR 16 + 13 + 28 = 57 (the dev item's answer).
    values = [2, 6, 3, 7, 6, 6, 7, 5, 6, 7, 6, 7, 7, 7, 6, 5, 5, 5, 6, 4, 4]
    r = run("FIQR", **dict(zip(FIQR_FIELDS, values, strict=True)))
    assert r.value == 57
    assert r.extra == {"function_score": 16.0, "overall_score": 13.0, "symptoms_score": 28.0}


def test_fiqr_range_ends() -> None:
    assert run("fiqr", **dict.fromkeys(FIQR_FIELDS, 0)).value == 0
    # 90 / 3 + 20 + 100 / 2 = 100.
    assert run("fiqr", **dict.fromkeys(FIQR_FIELDS, 10)).value == 100


def test_fiqr_bad_inputs() -> None:
    items = dict.fromkeys(FIQR_FIELDS, 5)
    with pytest.raises(CalculatorInputError, match="balance"):
        run("fiqr", **{**items, "balance": 11})
    items.pop("memory")
    with pytest.raises(CalculatorInputError, match="memory"):
        run("fiqr", **items)
    with pytest.raises(AdapterError, match="brush"):
        fiqr.from_medmcp([{"field": "symptom_pain_0_10", "value": 3}])


# --- MELD (original) -------------------------------------------------------------------------


def test_meld_original_worked_example() -> None:
    # 0.957 ln 1.9 + 0.378 ln 4.2 + 1.120 ln 1.2 + 0.643 = 0.6143 + 0.5425 + 0.2042 + 0.643
    # = 2.0040 → 2.0 × 10 = MELD 20 (20-29: 19.6% 3-month mortality).
    r = run("MELD Score (Original, Pre-2016, Model for End-Stage Liver Disease)",
            creatinine=1.9, bilirubin=4.2, inr=1.2, dialysis=False)  # fmt: skip
    assert r.value == 20
    assert "19.6%" in r.interpretation


def test_meld_original_bounds_and_dialysis() -> None:
    # All below 1 → every log 0 → 0.643 → 0.6 × 10 = 6.
    assert run("meld_original", creatinine=0.5, bilirubin=0.4, inr=0.9, dialysis=False).value == 6
    # Dialysis sets creatinine to 4: 0.957 ln 4 = 1.3267 + 0.643 = 1.9697 → 2.0 → 20.
    r = run("meld_original", creatinine=1.0, bilirubin=1.0, inr=1.0, dialysis=True)
    assert r.value == 20
    # µmol/L creatinine converts: 168 µmol/L = 1.90 mg/dL → same as the worked example.
    r = run("meld_original", creatinine=[168, "umol/L"], bilirubin=4.2, inr=1.2, dialysis=False)
    assert r.value == 20
    # Capped at 40.
    assert run("meld_original", creatinine=8, bilirubin=40, inr=8, dialysis=False).value == 40


def test_meld_original_bad_inputs_and_adapter() -> None:
    with pytest.raises(CalculatorInputError, match="dialysis"):
        run("meld_original", creatinine=1, bilirubin=1, inr=1)
    with pytest.raises(CalculatorInputError, match="creatinine"):
        run("meld_original", creatinine=[1, "g/L/s"], bilirubin=1, inr=1, dialysis=False)
    kwargs = registry.get_calculator("meld_original").module.from_medmcp(
        [
            {"field": "Creatinine", "value": "1.9 mg/dL"},
            {"field": "Bilirubin", "value": "4.2 mg/dL"},
            {"field": "INR", "value": 1.2},
            {"field": "Dialysis twice in past week", "value": "No"},
        ]
    )
    assert run("meld_original", **kwargs).value == 20


# --- Maddrey's DF ----------------------------------------------------------------------------


def test_maddrey_worked_example() -> None:
    # 4.6 × (20 − 12) + 10 = 36.8 + 10 = 46.8 ≥ 32 → poor prognosis.
    r = run("Maddrey's Discriminant Function for Alcoholic Hepatitis", pt=20, control_pt=12,
            bilirubin=10)  # fmt: skip
    assert r.value == pytest.approx(46.8)
    assert r.interpretation.startswith("Poor prognosis")


def test_maddrey_threshold_and_units() -> None:
    # 4.6 × 5 + 9 = 32.0 → exactly the threshold counts as severe.
    assert run("maddrey_df", pt=17, control_pt=12, bilirubin=9).interpretation.startswith("Poor")
    # 4.6 × 2 + 5 = 14.2 < 32; bilirubin 85.5 µmol/L = 5 mg/dL.
    r = run("maddrey_df", pt=14, control_pt=12, bilirubin=[85.5, "umol/L"])
    assert r.value == pytest.approx(14.2)
    assert r.interpretation.startswith("Less severe")


def test_maddrey_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="control_pt"):
        run("maddrey_df", pt=14, bilirubin=5)
    with pytest.raises(CalculatorInputError, match="pt"):
        run("maddrey_df", pt=400, control_pt=12, bilirubin=5)


# --- GAHS ------------------------------------------------------------------------------------


def test_gahs_worked_example() -> None:
    # Age 55 → 2; WBC 16 → 2; urea 6 mmol/L → 2; PT ratio 1.8 → 2; bilirubin 300 µmol/L → 3;
    # total 11 ≥ 9 → high risk.
    r = run("Glasgow Alcoholic Hepatitis Score", age=55, wbc=16, urea=6, pt_ratio=1.8,
            bilirubin=300)  # fmt: skip
    assert r.value == 11
    assert [s.points for s in r.steps] == [2, 2, 2, 2, 3]
    assert "high risk" in r.interpretation


def test_gahs_lowest_and_band_edges_and_units() -> None:
    r = run("glasgow_alcoholic_hepatitis", age=40, wbc=8, urea=3, pt_ratio=1.2, bilirubin=50)
    assert r.value == 5 and "lower risk" in r.interpretation
    # BUN 30 mg/dL = 10.7 mmol/L urea → 2; bilirubin 14.6 mg/dL = 249.7 µmol/L → 2 (≤ 250);
    # PT ratio 2.0 → 2; age 50 → 2; WBC 15 → 2 → 10.
    r = run("glasgow_alcoholic_hepatitis", age=50, wbc=15, urea=[30, "mg/dL"], pt_ratio=2.0,
            bilirubin=[14.6, "mg/dL"])  # fmt: skip
    assert [s.points for s in r.steps] == [2, 2, 2, 2, 2]


def test_gahs_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="pt_ratio"):
        run("glasgow_alcoholic_hepatitis", age=40, wbc=8, urea=3, bilirubin=50)
    with pytest.raises(CalculatorInputError, match="urea"):
        run("glasgow_alcoholic_hepatitis", age=40, wbc=8, urea=[3, "g"], pt_ratio=1,
            bilirubin=50)  # fmt: skip


# --- Lille -----------------------------------------------------------------------------------


def test_lille_worked_example() -> None:
    # R = 3.19 − 0.101 × 50 + 0.147 × 25 + 0.0165 × (200 − 150) − 0 − 0.0065 × 200 − 0.0096 × 18
    #   = 3.19 − 5.05 + 3.675 + 0.825 − 1.3 − 0.1728 = 1.1672;
    # Lille = e^−1.1672 / (1 + e^−1.1672) = 0.3112 / 1.3112 = 0.237 < 0.45 → responder.
    r = run("Lille Model for Alcoholic Hepatitis", age=50, albumin=25, bilirubin_day0=200,
            bilirubin_day7=150, creatinine=1.0, pt=18)  # fmt: skip
    assert r.extra["R"] == pytest.approx(1.1672)
    assert r.value == pytest.approx(0.237)
    assert r.interpretation.startswith("Responder")


def test_lille_non_responder_with_units_and_renal_term() -> None:
    # Age 60, albumin 2.5 g/dL = 25 g/L, bilirubin 20 → 22 mg/dL (342 → 376.2 µmol/L),
    # creatinine 2.0 > 1.3 → renal 1, PT 25 s:
    # R = 3.19 − 6.06 + 3.675 + 0.0165 × (−34.2) − 0.206 − 0.0065 × 342 − 0.24
    #   = 3.19 − 6.06 + 3.675 − 0.5643 − 0.206 − 2.223 − 0.24 = −2.4283 → Lille 0.919.
    r = run("lille_model", age=60, albumin=[2.5, "g/dL"], bilirubin_day0=[20, "mg/dL"],
            bilirubin_day7=[22, "mg/dL"], creatinine=2.0, pt=25)  # fmt: skip
    assert r.extra["renal_insufficiency"] is True
    assert r.value == pytest.approx(0.919, abs=0.001)
    assert r.interpretation.startswith("Non-responder")


def test_lille_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="bilirubin_day7"):
        run("lille_model", age=50, albumin=25, bilirubin_day0=200, creatinine=1, pt=18)
    with pytest.raises(CalculatorInputError, match="albumin"):
        run("lille_model", age=50, albumin=[25, "mmol/L"], bilirubin_day0=200,
            bilirubin_day7=150, creatinine=1, pt=18)  # fmt: skip


# --- ABIC ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "bili", "inr", "cr", "value", "band"),
    [
        # 50 × 0.1 + 10 × 0.08 + 1.0 × 0.3 + 1.5 × 0.8 = 5 + 0.8 + 0.3 + 1.2 = 7.3.
        (50, 10, 1.5, 1.0, 7.3, "Intermediate"),
        # 40 × 0.1 + 2 × 0.08 + 0.8 × 0.3 + 1.1 × 0.8 = 4 + 0.16 + 0.24 + 0.88 = 5.28.
        (40, 2, 1.1, 0.8, 5.28, "Low"),
        # 60 × 0.1 + 20 × 0.08 + 2 × 0.3 + 1.0 × 0.8 = 6 + 1.6 + 0.6 + 0.8 = 9.0 → high (≥ 9).
        (60, 20, 1.0, 2.0, 9.0, "High"),
    ],
)
def test_abic_examples(
    age: float, bili: float, inr: float, cr: float, value: float, band: str
) -> None:
    r = run("ABIC Score for Alcoholic Hepatitis", age=age, bilirubin=bili, inr=inr, creatinine=cr)
    assert r.value == pytest.approx(value)
    assert r.interpretation.startswith(band)


def test_abic_bad_inputs_and_adapter() -> None:
    with pytest.raises(CalculatorInputError, match="inr"):
        run("abic_score", age=50, bilirubin=10, creatinine=1)
    mod = registry.get_calculator("abic_score").module
    kwargs = mod.from_medmcp(
        [
            {"field": "Age", "value": "50 years"},
            {"field": "Total bilirubin", "value": "171 µmol/L"},
            {"field": "INR", "value": "1.5"},
            {"field": "Creatinine", "value": "88.4 µmol/L"},
        ]
    )
    # 171 µmol/L = 10 mg/dL, 88.4 µmol/L = 1 mg/dL → 7.3 as above.
    assert run("abic_score", **kwargs).value == pytest.approx(7.3)


# --- DAS28-ESR / DAS28-CRP / CDAI / SDAI -----------------------------------------------------


def test_das28_esr_worked_example() -> None:
    # 0.56 √4 + 0.28 √9 + 0.70 ln 30 + 0.014 × 50 = 1.12 + 0.84 + 2.3808 + 0.7 = 5.0408 → 5.04,
    # moderate (≥ 3.2, ≤ 5.1).
    r = run("DAS28-ESR", tender_joints=4, swollen_joints=9, esr=30, patient_global=50)
    assert r.value == pytest.approx(5.04)
    assert r.interpretation.startswith("Moderate")


@pytest.mark.parametrize(
    ("tender", "swollen", "esr", "gh", "band"),
    [
        # 0 + 0 + 0.70 ln 10 + 0 = 1.61 → remission (< 2.6).
        (0, 0, 10, 0, "Remission"),
        # 0.56 × 1 + 0.28 × 1 + 0.70 ln 12 (1.7394) + 0.014 × 20 (0.28) = 2.86 → low.
        (1, 1, 12, 20, "Low"),
        # 0.56 √16 + 0.28 √16 + 0.70 ln 60 + 0.014 × 80 = 2.24 + 1.12 + 2.8660 + 1.12 = 7.35.
        (16, 16, 60, 80, "High"),
    ],
)
def test_das28_esr_bands(tender: int, swollen: int, esr: float, gh: float, band: str) -> None:
    r = run("das28_esr", tender_joints=tender, swollen_joints=swollen, esr=esr, patient_global=gh)
    assert r.extra["category"] == band


def test_das28_crp_worked_example_and_units() -> None:
    # CRP 1.5 mg/dL = 15 mg/L: 1.12 + 0.84 + 0.36 ln 16 (0.9981) + 0.7 + 0.96 = 4.6181 → 4.62.
    r = run("DAS28-CRP", tender_joints=4, swollen_joints=9, crp=[1.5, "mg/dL"], patient_global=50)
    assert r.value == pytest.approx(4.62)
    assert r.interpretation.startswith("Moderate")
    # All zero → 0.36 ln 1 + 0.96 = 0.96, the minimum.
    r = run("das28_crp", tender_joints=0, swollen_joints=0, crp=0, patient_global=0)
    assert r.value == pytest.approx(0.96)


def test_cdai_and_sdai_worked_examples() -> None:
    # CDAI = 4 + 9 + 5 + 4 = 22 → moderate (> 10, ≤ 22).
    r = run("CDAI for RA", tender_joints=4, swollen_joints=9, patient_global=5,
            evaluator_global=4)  # fmt: skip
    assert r.value == 22
    assert r.interpretation.startswith("Moderate")
    # SDAI = 22 + CRP 15 mg/L (1.5 mg/dL) = 23.5 → moderate (> 11, ≤ 26).
    r = run("SDAI", tender_joints=4, swollen_joints=9, patient_global=5, evaluator_global=4,
            crp=[15, "mg/L"])  # fmt: skip
    assert r.value == pytest.approx(23.5)
    assert r.interpretation.startswith("Moderate")
    # Boundaries: CDAI 2.8 → remission; SDAI 3.4 → low (> 3.3).
    r = run("cdai_ra", tender_joints=1, swollen_joints=0, patient_global=1, evaluator_global=0.8)
    assert r.interpretation.startswith("Remission")
    r = run("sdai_ra", tender_joints=1, swollen_joints=0, patient_global=1, evaluator_global=0.8,
            crp=0.6)  # fmt: skip
    assert r.interpretation.startswith("Low")


def test_ra_indices_bad_inputs_and_adapter() -> None:
    with pytest.raises(CalculatorInputError, match="tender_joints"):
        run("das28_esr", tender_joints=29, swollen_joints=0, esr=10, patient_global=0)
    with pytest.raises(CalculatorInputError, match="esr"):
        run("das28_esr", tender_joints=2, swollen_joints=0, esr=0, patient_global=0)
    with pytest.raises(CalculatorInputError, match="evaluator_global"):
        run("cdai_ra", tender_joints=1, swollen_joints=0, patient_global=1)
    with pytest.raises(CalculatorInputError, match="crp"):
        run("sdai_ra", tender_joints=1, swollen_joints=0, patient_global=1, evaluator_global=1,
            crp=[1, "mmol/L"])  # fmt: skip
    mod = registry.get_calculator("sdai_ra").module
    kwargs = mod.from_medmcp(
        [
            {"field": "Tender joint count (28)", "value": 4},
            {"field": "Swollen joint count (28)", "value": "9 joints"},
            {"field": "Patient global assessment (0-10)", "value": 5},
            {"field": "Evaluator global assessment (0-10)", "value": 4},
            {"field": "CRP", "value": "15 mg/L"},
        ]
    )
    assert run("sdai_ra", **kwargs).value == pytest.approx(23.5)
