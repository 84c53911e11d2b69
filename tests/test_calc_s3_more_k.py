"""MedMCP-Calc single-task calculators (part K): hand-worked examples, dev items, bad inputs.

Covers PRAM, PAS, the Respiratory Score, PASS, AIRQ, mAPI, DRIP, Shorr, RegiSCAR, Rome IV OIC,
UAS, EASI, PASI, mSOFA and the Shapiro rule.
"""

from __future__ import annotations

from typing import Any

import pytest

from m3agent.calculators import medmcp_calc, registry
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import assert_name_resolves, dev_items, run

#: MedMCP-Calc name → registered calculator id (the names as in calculator_frequency.tsv).
NAMES = {
    "Pediatric Respiratory Assessment Measure (PRAM) for Asthma Exacerbation Severity": (
        "pram_asthma"
    ),
    "Pediatric Asthma Score (PAS)": "pediatric_asthma_score",
    "Respiratory Score for Asthma": "respiratory_score_asthma",
    "Pediatric Asthma Severity Score (PASS) for Asthma Exacerbation Severity": "pass_asthma",
    "Asthma Impairment and Risk Questionnaire (AIRQ)": "airq",
    "Modified Asthma Predictive Index (mAPI)": "mapi",
    "Drug Resistance in Pneumonia (DRIP) Score": "drip_score",
    "Shorr Score for MRSA Pneumonia": "shorr_mrsa",
    "RegiSCAR Score for Drug Reaction with Eosinophilia and Systemic Symptoms (DRESS)": (
        "regiscar_dress"
    ),
    "Rome IV Diagnostic Criteria for Opioid-Induced Constipation": "rome_iv_oic",
    "Urticaria Activity Score (UAS)": "uas_urticaria",
    "Eczema Area and Severity Index (EASI)": "easi",
    "Psoriasis Area and Severity Index (PASI)": "pasi",
    "Modified Sequential Organ Failure Assessment (mSOFA) Score": "msofa",
    "Shapiro Rule": "shapiro_rule",
}


# --- names and dev items ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "calc_id"), sorted(NAMES.items()))
def test_medmcp_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_every_dev_item_of_these_names_matches() -> None:
    items = dev_items(NAMES)
    assert len(items) == 15  # one item per name
    for task_id, answer in items:
        row = medmcp_calc.score_answer(task_id, answer)
        assert row.status == "matched", row


# --- hand-worked examples ---------------------------------------------------------------------


def test_pram_worked_example() -> None:
    # SpO2 91% → 2; suprasternal 2; scalene 0; air entry decreased at the base 1; inspiratory
    # wheeze 2: 2 + 2 + 0 + 1 + 2 = 7 → moderate (4-7).
    r = run(
        "pram_asthma",
        spo2=91,
        suprasternal_retraction=True,
        scalene_contraction=False,
        air_entry="decreased_base",
        wheezing="inspiratory",
    )
    assert r.value == 7
    assert r.interpretation.startswith("Moderate")
    # SpO2 95 → 0 and nothing else: 0 → mild; both retractions + worst findings → 12 severe.
    assert run(
        "pram_asthma",
        spo2=95,
        suprasternal_retraction=False,
        scalene_contraction=False,
        air_entry="normal",
        wheezing="absent",
    ).interpretation.startswith("Mild")
    worst = run(
        "pram_asthma",
        spo2=88,
        suprasternal_retraction=True,
        scalene_contraction=True,
        air_entry="minimal_or_absent",
        wheezing="audible_or_silent_chest",
    )
    assert worst.value == 12 and worst.interpretation.startswith("Severe")


def test_pas_worked_example_and_rate_bands() -> None:
    # 8 years, RR 28 → 6-12 y band 27-30 → 2; SpO2 > 95% RA 1; expiratory wheeze 2;
    # intercostal only 1; sentences 1: 2 + 1 + 2 + 1 + 1 = 7 → mild (5-7).
    r = run(
        "pediatric_asthma_score",
        age=8,
        respiratory_rate=28,
        oxygen="gt95_room_air",
        auscultation="expiratory_wheeze",
        retractions="none_or_intercostal",
        dyspnea="sentences",
    )
    assert r.value == 7
    assert r.interpretation.startswith("Mild")
    from m3agent.calculators.library.pediatric_asthma_score import rr_points

    assert rr_points(3, 34) == (1, "2-3 y") and rr_points(3, 35)[0] == 2
    assert rr_points(3, 40)[0] == 3 and rr_points(14, 24)[0] == 2 and rr_points(14, 28)[0] == 3


def test_respiratory_score_worked_example() -> None:
    # 4-5 y, RR 33 → 31-35 → 2; retractions 1; dyspnoea 2; end-expiratory wheeze 1: 6.
    r = run(
        "respiratory_score_asthma",
        age_group="4_5_years",
        respiratory_rate=33,
        retractions=1,
        dyspnea=2,
        auscultation=1,
    )
    assert r.value == 6
    from m3agent.calculators.library.respiratory_score_asthma import rr_points

    assert rr_points("lt_2_months", 60) == 1 and rr_points("lt_2_months", 70) == 3


def test_pass_worked_example() -> None:
    # Severe wheeze 2 + moderate work of breathing 1 + severely prolonged expiration 2 = 5.
    r = run(
        "pass_asthma",
        wheezing="severe",
        work_of_breathing="moderate",
        prolonged_expiration="severe",
    )
    assert r.value == 5


@pytest.mark.parametrize(("yes", "level"), [(1, "Well"), (2, "Not well"), (4, "Not well")])
def test_airq_bands(yes: int, level: str) -> None:
    # Murphy 2020 cut points: 0-1 well, 2-4 not well, 5-10 very poorly controlled.
    from m3agent.calculators.library.airq import QUESTIONS

    answers = {name: i < yes for i, name in enumerate(QUESTIONS)}
    r = run("airq", **answers)
    assert r.value == yes
    assert r.interpretation.startswith(level)


def test_mapi_needs_one_major_or_two_minor() -> None:
    base = {
        "wheezing_4_or_more_per_year": True,
        "parent_asthma": False,
        "atopic_dermatitis": False,
        "aeroallergen_sensitization": False,
        "food_sensitization": True,
        "wheezing_apart_from_colds": False,
        "eosinophils_4_percent": False,
    }
    assert run("mapi", **base).value == "Negative"  # one minor only
    assert run("mapi", **{**base, "eosinophils_4_percent": True}).value == "Positive"  # two minor
    assert run("mapi", **{**base, "parent_asthma": True}).value == "Positive"  # one major
    no_entry = {**base, "wheezing_4_or_more_per_year": False, "parent_asthma": True}
    assert run("mapi", **no_entry).value == "Negative"  # the entry criterion is required


def test_drip_worked_example() -> None:
    # Antibiotics 2 + tube feeding 2 + PPI 1 = 5 ≥ 4 → high risk.
    from m3agent.calculators.library.drip_score import CRITERIA

    answers = {
        k: k in ("antibiotics_60d", "tube_feeding", "acid_suppression_14d") for k in CRITERIA
    }
    r = run("drip_score", **answers)
    assert r.value == 5
    assert r.interpretation.startswith("High risk")


def test_shorr_worked_example() -> None:
    # Recent hospitalisation 2 + ICU 2 + dementia 1 + IV antibiotics 1 = 6 → high risk.
    from m3agent.calculators.library.shorr_mrsa import CRITERIA

    on = ("recent_hospitalization", "icu_admission", "dementia", "iv_antibiotics_30d")
    r = run("shorr_mrsa", **{k: k in on for k in CRITERIA})
    assert r.value == 6
    assert r.interpretation.startswith("High risk")
    r = run("shorr_mrsa", **{k: k == "recent_hospitalization" for k in CRITERIA})
    assert r.value == 2 and r.interpretation.startswith("Medium risk")


def test_regiscar_worked_example() -> None:
    # Fever yes 0; nodes 1; atypical lymphocytes 0; eosinophils 700-1499 1; extent > 50% 1;
    # rash suggestive yes 1; biopsy unknown 0; 2 organs 2; resolution unknown -1;
    # work-up 1: 0 + 1 + 0 + 1 + 1 + 1 + 0 + 2 - 1 + 1 = 6 → definite (> 5).
    r = run(
        "regiscar_dress",
        fever_ge_38_5="yes",
        enlarged_lymph_nodes=True,
        atypical_lymphocytes=False,
        eosinophilia="700_1499_or_10_19pct",
        rash_extent_gt_50=True,
        rash_suggesting_dress="yes",
        biopsy_suggesting_dress="unknown",
        organs_involved=3,
        resolution_ge_15_days="unknown",
        alternative_causes_excluded=True,
    )
    assert r.value == 6
    assert r.interpretation.startswith("Definite case")
    # Everything against: -1 -1 -1 -1 = -4, the published minimum → no case.
    r = run(
        "regiscar_dress",
        fever_ge_38_5="no",
        enlarged_lymph_nodes=False,
        atypical_lymphocytes=False,
        eosinophilia="none",
        rash_extent_gt_50=False,
        rash_suggesting_dress="no",
        biopsy_suggesting_dress="no",
        organs_involved=0,
        resolution_ge_15_days="no",
        alternative_causes_excluded=False,
    )
    assert r.value == -4 and r.interpretation.startswith("No case")


def test_rome_iv_oic() -> None:
    base = {
        "new_or_worse_with_opioid_change": True,
        "straining": True,
        "hard_stools": False,
        "incomplete_evacuation": False,
        "anorectal_blockage": False,
        "manual_maneuvers": False,
        "spontaneous_bm_per_week": 2,
        "loose_stools_rare_without_laxatives": True,
    }
    # Straining + < 3 SBM/week = 2 features → positive.
    assert run("rome_iv_oic", **base).value == "Positive"
    assert run("rome_iv_oic", **{**base, "spontaneous_bm_per_week": 3}).value == "Negative"
    no_opioid = {**base, "new_or_worse_with_opioid_change": False}
    assert run("rome_iv_oic", **no_opioid).value == "Negative"


def test_uas_worked_example() -> None:
    # Moderate wheals 2 + mild itch 1 = 3.
    assert run("uas_urticaria", wheals="moderate", pruritus="mild").value == 3


def _regions(signs: tuple[str, ...], severity: dict[str, float], area: dict[str, int]) -> dict:
    out: dict[str, Any] = {}
    for region in ("head_neck", "upper_limbs", "trunk", "lower_limbs"):
        for sign in signs:
            out[f"{region}_{sign}"] = severity[region]
        out[f"{region}_area"] = area[region]
    return out


def test_easi_worked_example_adult_and_child() -> None:
    sev = {"head_neck": 1, "upper_limbs": 2, "trunk": 0, "lower_limbs": 1}
    area = {"head_neck": 2, "upper_limbs": 3, "trunk": 0, "lower_limbs": 4}
    kw = _regions(("erythema", "thickness", "excoriation", "lichenification"), sev, area)
    # Adult: head 4×2×0.1 = 0.8; upper 8×3×0.2 = 4.8; trunk 0; lower 4×4×0.4 = 6.4 → 12.0.
    assert run("easi", age_group="8_or_older", **kw).value == pytest.approx(12.0)
    # Child 0-7: head 4×2×0.2 = 1.6; upper 4.8; lower 4×4×0.3 = 4.8 → 11.2.
    assert run("easi", age_group="0_to_7", **kw).value == pytest.approx(11.2)


def test_pasi_worked_example() -> None:
    sev = {"head_neck": 2, "upper_limbs": 1, "trunk": 3, "lower_limbs": 4}
    area = {"head_neck": 1, "upper_limbs": 2, "trunk": 3, "lower_limbs": 6}
    kw = _regions(("erythema", "induration", "desquamation"), sev, area)
    # head 6×1×0.1 = 0.6; upper 3×2×0.2 = 1.2; trunk 9×3×0.3 = 8.1; lower 12×6×0.4 = 28.8
    # → 38.7.
    assert run("pasi", **kw).value == pytest.approx(38.7)


def test_area_score_bands() -> None:
    from m3agent.calculators.library._skin_regions import area_score, read_area

    assert [area_score(p) for p in (0, 5, 10, 29, 30, 50, 70, 90, 100)] == [
        0,
        1,
        2,
        2,
        3,
        4,
        5,
        6,
        6,
    ]
    assert read_area("30-49% [+3]", field="x") == 3
    with pytest.raises(AdapterError, match="involved-area"):
        read_area("lots", field="x")


def test_msofa_worked_example() -> None:
    # SpO2 94 / FiO2 0.5 = 188 → 151-235 → 3; no jaundice 0; dopamine 8 → 3; GCS 9 → 3;
    # creatinine 1.5 → 1: 3 + 0 + 3 + 3 + 1 = 10 → 30-day mortality 31% (8-11).
    r = run(
        "msofa",
        spo2=94,
        fio2=0.5,
        jaundice=False,
        mean_arterial_pressure=65,
        dopamine=8,
        gcs=9,
        creatinine=1.5,
    )
    assert r.value == 10
    assert "31%" in r.interpretation
    # Ratio given directly; MAP 75, no pressors; GCS 15; creatinine 1.0: 0 → 4.5%.
    r = run(
        "msofa",
        spo2_fio2_ratio=450,
        jaundice=False,
        mean_arterial_pressure=75,
        gcs=15,
        creatinine=1.0,
    )
    assert r.value == 0 and "4.5%" in r.interpretation


def test_shapiro_worked_example() -> None:
    criteria = {
        "suspected_endocarditis": False,
        "indwelling_vascular_catheter": False,
        "chills": False,
        "vomiting": False,
        "hypotension": False,
        "wbc_gt_18000": False,
        "bands_gt_5": False,
        "platelets_lt_150000": False,
        "creatinine_gt_2": False,
    }
    # 40 years, 38.5 °C → 1 minor only: score 1 → no culture.
    r = run("shapiro_rule", temperature=38.5, age=40, **criteria)
    assert r.value == 1 and r.interpretation.startswith("Blood culture not indicated")
    # 39.5 °C is major (+3): score 3 → culture.
    r = run("shapiro_rule", temperature=39.5, age=40, **criteria)
    assert r.value == 3 and r.interpretation.startswith("Blood culture indicated")
    # Catheter 2 + age 70 (1) + chills 1 at 37 °C → 4; temperature in °F is converted.
    r = run(
        "shapiro_rule",
        temperature=[98.6, "°F"],
        age=70,
        **{**criteria, "indwelling_vascular_catheter": True, "chills": True},
    )
    assert r.value == 4


# --- bad inputs --------------------------------------------------------------------------------


def test_missing_field_is_named() -> None:
    with pytest.raises(CalculatorInputError, match="scalene_contraction"):
        run(
            "pram_asthma",
            spo2=95,
            suprasternal_retraction=False,
            air_entry="normal",
            wheezing="absent",
        )


def test_out_of_range_is_named() -> None:
    with pytest.raises(CalculatorInputError, match="age"):
        run(
            "pediatric_asthma_score",
            age=1,
            respiratory_rate=30,
            oxygen="gt95_room_air",
            auscultation="expiratory_wheeze",
            retractions="none_or_intercostal",
            dyspnea="sentences",
        )
    with pytest.raises(CalculatorInputError, match="gcs"):
        run("msofa", spo2_fio2_ratio=300, jaundice=False, map_below_70=False, gcs=2, creatinine=1)


def test_unknown_choice_is_named() -> None:
    with pytest.raises(CalculatorInputError, match="wheals"):
        run("uas_urticaria", wheals="many", pruritus="mild")
    with pytest.raises(CalculatorInputError, match="eosinophilia"):
        run(
            "regiscar_dress",
            fever_ge_38_5="yes",
            enlarged_lymph_nodes=True,
            atypical_lymphocytes=False,
            eosinophilia="lots",
            rash_extent_gt_50=True,
            rash_suggesting_dress="yes",
            biopsy_suggesting_dress="unknown",
            organs_involved=1,
            resolution_ge_15_days="unknown",
            alternative_causes_excluded=True,
        )


def test_wrong_unit_is_rejected() -> None:
    with pytest.raises(CalculatorInputError, match="creatinine"):
        run(
            "msofa",
            spo2_fio2_ratio=300,
            jaundice=False,
            map_below_70=False,
            gcs=15,
            creatinine=[1.0, "mmHg"],
        )


def test_msofa_needs_a_respiratory_value() -> None:
    with pytest.raises(CalculatorInputError, match="spo2"):
        run("msofa", jaundice=False, map_below_70=False, gcs=15, creatinine=1.0)


def test_adapter_errors_name_the_missing_field() -> None:
    module = registry.get_calculator("drip_score").module
    with pytest.raises(AdapterError, match="antibiotic"):
        module.from_medmcp([{"field": "Tube feeding", "value": "No"}])
    pram = registry.get_calculator("pram_asthma").module
    with pytest.raises(AdapterError, match="(?i)air entry: cannot match"):
        pram.from_medmcp(
            [
                {"field": "O2 saturation", "value": "93%"},
                {"field": "Suprasternal retractions", "value": "Yes"},
                {"field": "Scalene muscle contractions", "value": "No"},
                {"field": "Air entry", "value": "purple"},
                {"field": "Wheezing", "value": "Absent"},
            ]
        )
