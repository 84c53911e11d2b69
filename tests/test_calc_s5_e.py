"""MedMCP-Calc one-task calculators (session 5, batch e): worked examples, bad inputs, adapters.

Covered: BUN:Cr ratio, Kleihauer-Betke RhIG dosing, fomepizole dosing, Mayo quadratic eGFR,
SCAP, McMahon (rhabdomyolysis), CISNE and ORAI. None of these names has a dev item; each is
checked against a hand-worked example from its source and at its published cut-offs.
"""

from __future__ import annotations

import math

import pytest

from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import assert_name_resolves, dev_rows, items, medmcp, run

NAMES = {
    "BUN Creatinine Ratio": "bun_creatinine_ratio",
    "Maternal-Fetal Hemorrhage Rh(D) Immune Globulin Dosage (Kleihauer-Betke)": (
        "kleihauer_betke_rhig"
    ),
    "Maternal-Fetal Hemorrhage Rh(D) Immune Globulin Dosage": "kleihauer_betke_rhig",
    "Fomepizole Dosing": "fomepizole_dosing",
    "Mayo Quadratic eGFR (Rule 2004)": "mayo_quadratic_egfr",
    "Mayo Quadratic eGFR": "mayo_quadratic_egfr",
    "Severe Community-Acquired Pneumonia (SCAP) Score": "scap_score",
    "McMahon Score for Rhabdomyolysis": "mcmahon_rhabdo",
    "Clinical Index of Stable Febrile Neutropenia (CISNE)": "cisne_score",
    "Osteoporosis Risk Assessment Instrument (ORAI)": "orai",
}


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_no_dev_items_for_these_names() -> None:
    rows = dev_rows(NAMES)
    # None of these names has a dev item (checked against dev_tasks.jsonl); if one appears it
    # must score as matched.
    assert all(r.status == "matched" for r in rows)


# --- BUN:Cr ---------------------------------------------------------------------------------------


def test_bun_cr_worked_example() -> None:
    # BUN 40 mg/dL / Cr 1.5 mg/dL = 26.67 (> 20: pre-renal pattern).
    r = run("bun_creatinine_ratio", bun=40, creatinine=1.5)
    assert r.value == pytest.approx(26.67)
    assert "pre-renal azotemia" in r.interpretation and "> 20" in r.interpretation


def test_bun_cr_threshold_and_si_units() -> None:
    # Exactly 20 is not > 20.
    assert "≤ 20" in run("bun_creatinine_ratio", bun=20, creatinine=1.0).interpretation
    # 7.14 mmol/L urea N (= 20 mg/dL / 2.8) and 88.4 µmol/L (= 1 mg/dL): ratio 20.
    r = medmcp("bun_creatinine_ratio", items(BUN="7.14 mmol/L", Creatinine="88.4 umol/L"))
    assert r.value == pytest.approx(20.0, abs=0.01)


def test_bun_cr_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("bun_creatinine_ratio", bun=40)
    assert "creatinine" in e.value.fields
    with pytest.raises(CalculatorInputError):
        run("bun_creatinine_ratio", bun=40, creatinine=0)
    with pytest.raises(Exception, match="creatinine"):
        run("bun_creatinine_ratio", bun=40, creatinine=[1.2, "furlongs"])


# --- Kleihauer-Betke RhIG -------------------------------------------------------------------------


def test_kb_worked_example() -> None:
    # 1.75% × 5000 mL = 87.5 mL fetal blood; 87.5 / 30 = 2.92 → rounds to 3, + 1 = 4 vials.
    r = run("kleihauer_betke_rhig", fetal_cells_percent=1.75)
    assert r.value == 4
    assert r.extra["fetal_blood_volume_ml"] == 87.5
    assert r.extra["dose_ug"] == 1200


@pytest.mark.parametrize(
    "percent,vials",
    [
        (0.0, 1),  # no bleed: the standard single vial
        (1.2, 3),  # 60 mL / 30 = 2.0 → 2 + 1
        (1.4, 3),  # 70 mL / 30 = 2.33 → rounds down to 2, + 1
        (1.5, 4),  # 75 mL / 30 = 2.5 → rounds up to 3, + 1
    ],
)
def test_kb_rounding_rule(percent: float, vials: int) -> None:
    assert run("kleihauer_betke_rhig", fetal_cells_percent=percent).value == vials


def test_kb_maternal_volume_and_adapter() -> None:
    # 1% × 4000 mL = 40 mL; 40/30 = 1.33 → 1 + 1 = 2 vials.
    r = medmcp(
        "kleihauer_betke_rhig",
        items(**{"Fetal cells (KB)": "1 %", "Maternal blood volume": "4 L"}),
    )
    assert r.value == 2 and r.extra["fetal_blood_volume_ml"] == 40
    with pytest.raises(CalculatorInputError) as e:
        run("kleihauer_betke_rhig", fetal_cells_percent=-1)
    assert "fetal_cells_percent" in e.value.fields


# --- Fomepizole -----------------------------------------------------------------------------------


def test_fomepizole_worked_example() -> None:
    # 70 kg: load 15 × 70 = 1050 mg; maintenance 10 × 70 = 700 mg; later 15 × 70 = 1050 mg.
    r = run("fomepizole_dosing", weight=70)
    assert r.value == 1050
    assert r.extra["maintenance_dose_mg"] == 700
    assert r.extra["later_dose_mg"] == 1050
    assert "every 12 hours" in r.interpretation


def test_fomepizole_dialysis_and_units() -> None:
    # 154.32 lb = 70 kg; during hemodialysis doses every 4 hours.
    r = medmcp("fomepizole_dosing", items(Weight="154.32 lb", Hemodialysis="Yes"))
    assert r.value == pytest.approx(1050, abs=0.1)
    assert "every 4 hours during hemodialysis" in r.interpretation
    with pytest.raises(CalculatorInputError) as e:
        run("fomepizole_dosing")
    assert "weight" in e.value.fields


# --- Mayo quadratic -------------------------------------------------------------------------------


def test_mayo_worked_example() -> None:
    # Man, 53 y, SCr 0.9: 1.911 + 5.249/0.9 − 2.114/0.81 − 0.00686×53
    #   = 1.911 + 5.8322 − 2.6099 − 0.3636 = 4.7697; exp → 117.9.
    r = run("mayo_quadratic_egfr", creatinine=0.9, age=53, sex="male")
    expected = math.exp(1.911 + 5.249 / 0.9 - 2.114 / 0.81 - 0.00686 * 53)
    assert r.value == pytest.approx(expected, abs=0.05)
    assert r.value == pytest.approx(117.9, abs=0.05)


def test_mayo_female_and_floor() -> None:
    # Woman, 60 y, SCr 0.5 → set to 0.8: 1.911 + 6.5613 − 3.3031 − 0.4116 − 0.205 = 4.5526;
    # exp → 94.9.
    r = run("mayo_quadratic_egfr", creatinine=0.5, age=60, sex="female")
    assert r.value == pytest.approx(94.9, abs=0.05)
    assert r.warnings and "0.8" in r.warnings[0]
    r2 = medmcp("mayo_quadratic_egfr", items(Creatinine="44.2 µmol/L", Age="60 years", Sex="F"))
    assert r2.value == r.value
    with pytest.raises(CalculatorInputError) as e:
        run("mayo_quadratic_egfr", creatinine=1.0, age=60, sex="other")
    assert "sex" in e.value.fields


# --- SCAP -----------------------------------------------------------------------------------------

_SCAP_NONE = dict(
    ph_below_7_30=False,
    sbp_below_90=False,
    rr_above_30=False,
    low_pao2=False,
    bun_above_30=False,
    altered_mental_status=False,
    age_80_or_more=False,
    multilobar_infiltrates=False,
)


def test_scap_worked_example() -> None:
    # RR > 30 (9) + BUN > 30 (5) + age ≥ 80 (5) = 19 → ≥ 10: high risk.
    r = run(
        "scap_score",
        **{**_SCAP_NONE, "rr_above_30": True, "bun_above_30": True, "age_80_or_more": True},
    )
    assert r.value == 19
    assert r.interpretation.startswith("High risk")
    assert [s.points for s in r.steps] == [0, 0, 9, 0, 5, 0, 5, 0]


def test_scap_all_and_threshold() -> None:
    assert run("scap_score", **{k: True for k in _SCAP_NONE}).value == 13 + 11 + 9 + 6 + 5 * 4
    # 5 + 5 = 10 is the severe threshold; 9 alone is below it.
    assert run(
        "scap_score", **{**_SCAP_NONE, "altered_mental_status": True, "age_80_or_more": True}
    ).interpretation.startswith("High risk")
    assert run("scap_score", **{**_SCAP_NONE, "rr_above_30": True}).interpretation.startswith(
        "Low risk"
    )


def test_scap_adapter_reads_values_and_yes_no() -> None:
    r = medmcp(
        "scap_score",
        items(
            **{
                "Arterial pH": "7.25",
                "Systolic BP": "110 mmHg",
                "Respiratory rate": "Yes (34/min)",
                "PaO2/FiO2 < 250": "No",
                "BUN": "25 mg/dL",
                "Altered mental status": "No",
                "Age": "84 years",
                "Multilobar/bilateral infiltrates": "Yes",
            }
        ),
    )
    # pH 13 + RR 9 + age 5 + multilobar 5 = 32.
    assert r.value == 32
    with pytest.raises(CalculatorInputError) as e:
        run("scap_score", **{**_SCAP_NONE, "ph_below_7_30": "maybe"})
    assert "ph_below_7_30" in e.value.fields


def test_scap_adapter_reads_a_raw_pao2_fio2_ratio() -> None:
    # Review regression: a raw PaO2/FiO2 ratio was tested against the PaO2 cut-off (54), so a
    # ratio of 200 scored 0. España 2006: PaO2 < 54 mmHg or PaO2/FiO2 < 250 → +6.
    base = {"Arterial pH": "7.40", "Systolic BP": "120 mmHg", "Respiratory rate": "20"}
    rest = {"BUN": "20 mg/dL", "Altered mental status": "No", "Age": "60"}
    rest["Multilobar/bilateral infiltrates"] = "No"
    assert medmcp("scap_score", items(**base, **rest, **{"PaO2/FiO2": "200"})).value == 6
    assert medmcp("scap_score", items(**base, **rest, **{"PaO2/FiO2": "300"})).value == 0
    # A plain PaO2 keeps the 54 mmHg cut-off: 50 → +6, 80 → 0.
    assert medmcp("scap_score", items(**base, **rest, **{"PaO2": "50 mmHg"})).value == 6
    assert medmcp("scap_score", items(**base, **rest, **{"PaO2": "80 mmHg"})).value == 0


def test_scap_adapter_reads_urea_in_mmol_per_l() -> None:
    # Review regression: urea 12 mmol/L was tested against 30, scoring 0. The cut-off BUN
    # > 30 mg/dL is urea > 10.71 mmol/L (AFP 2009 table): 12 mmol/L → +5, 9 mmol/L → 0.
    base = {"Arterial pH": "7.40", "Systolic BP": "120 mmHg", "Respiratory rate": "20"}
    rest = {"PaO2": "80 mmHg", "Altered mental status": "No", "Age": "60"}
    rest["Multilobar/bilateral infiltrates"] = "No"
    assert medmcp("scap_score", items(**base, **rest, Urea="12 mmol/L")).value == 5
    assert medmcp("scap_score", items(**base, **rest, Urea="9 mmol/L")).value == 0
    assert medmcp("scap_score", items(**base, **rest, BUN="35 mg/dL")).value == 5


# --- McMahon --------------------------------------------------------------------------------------


def test_mcmahon_worked_example() -> None:
    # Woman 75 (2.5) + female (1) + Cr 2.5 (3) + Ca 7.0 (2) + CK 50,000 (2) + other cause (3)
    # + phosphate 5.0 (1.5) + HCO3 17 (2) = 17.
    r = run(
        "mcmahon_rhabdo",
        age=75,
        sex="female",
        creatinine=2.5,
        calcium=7.0,
        ck=50000,
        phosphate=5.0,
        bicarbonate=17,
        low_risk_cause=False,
    )
    assert r.value == 17
    assert [s.points for s in r.steps] == [2.5, 1, 3, 2, 2, 3, 1.5, 2]
    assert r.interpretation.startswith("Not low risk")


def test_mcmahon_low_risk_and_boundaries() -> None:
    # Man 50 (0), Cr 1.4 (1.5), Ca 9, CK 40,000 (not > 40,000), exercise, phosphate 3.9, HCO3 19.
    r = run(
        "mcmahon_rhabdo",
        age=50,
        sex="male",
        creatinine=1.4,
        calcium=9.0,
        ck=40000,
        phosphate=3.9,
        bicarbonate=19,
        low_risk_cause=True,
    )
    assert r.value == 1.5
    assert r.interpretation.startswith("Low risk")


def test_mcmahon_adapter_and_bad_inputs() -> None:
    r = medmcp(
        "mcmahon_rhabdo",
        items(
            Age="81 years",
            Sex="Male",
            Creatinine="1.8 mg/dL",
            Calcium="2.0 mmol/L",  # 8.0 mg/dL: no points
            CPK="12,000 U/L",
            Phosphate="5.6 mg/dL",
            Bicarbonate="22 mEq/L",
            Cause="Seizures",
        ),
    )
    # 3 (age > 80) + 1.5 (Cr) + 3 (phosphate > 5.4) = 7.5.
    assert r.value == 7.5
    with pytest.raises(CalculatorInputError) as e:
        run("mcmahon_rhabdo", age=40, sex="male", creatinine=1.0)
    assert {"calcium", "ck", "phosphate", "bicarbonate", "low_risk_cause"} <= set(e.value.fields)


# --- CISNE ----------------------------------------------------------------------------------------


def test_cisne_worked_example() -> None:
    # ECOG 2 (2) + COPD (1) + monocytes 150 (1) = 4 → high risk.
    r = run(
        "cisne_score",
        ecog=2,
        stress_hyperglycemia=False,
        copd=True,
        chronic_cardiovascular_disease=False,
        mucositis_grade=1,
        monocytes=150,
    )
    assert r.value == 4
    assert r.interpretation.startswith("High risk")


@pytest.mark.parametrize(
    "total_inputs,category", [((0, False, 300), "Low risk"), ((1, True, 300), "Intermediate risk")]
)
def test_cisne_classes(total_inputs: tuple[int, bool, float], category: str) -> None:
    ecog, hyper, mono = total_inputs
    r = run(
        "cisne_score",
        ecog=ecog,
        stress_hyperglycemia=hyper,
        copd=False,
        chronic_cardiovascular_disease=False,
        mucositis_grade=0,
        monocytes=mono,
    )
    assert r.interpretation.startswith(category)


def test_cisne_adapter_and_bad_inputs() -> None:
    r = medmcp(
        "cisne_score",
        items(
            **{
                "ECOG performance status": "1",
                "Stress-induced hyperglycemia": "Yes (glucose 160 mg/dL)",
                "COPD": "No",
                "Chronic cardiovascular disease": "Yes",
                "Mucositis grade": "2",
                "Monocytes": "0.3 x10^9/L",
            }
        ),
    )
    # hyperglycemia 2 + cardiovascular 1 + mucositis 1 = 4 (monocytes 300/µL: 0).
    assert r.value == 4
    with pytest.raises(CalculatorInputError) as e:
        run(
            "cisne_score",
            ecog=5,
            stress_hyperglycemia=False,
            copd=False,
            chronic_cardiovascular_disease=False,
            mucositis_grade=0,
            monocytes=300,
        )
    assert "ecog" in e.value.fields


# --- ORAI -----------------------------------------------------------------------------------------


def test_orai_worked_example() -> None:
    # Age 67 (9) + 58 kg (9) + no estrogen (2) = 20 → densitometry.
    r = run("orai", age=67, weight=58, current_estrogen=False)
    assert r.value == 20
    assert "recommended" in r.interpretation


@pytest.mark.parametrize(
    "age,weight,estrogen,total",
    [
        (54.9, 70, True, 0),
        (55, 69.9, True, 8),  # 5 + 3: just below 9
        (64, 60, False, 10),  # 5 + 3 + 2
        (75, 80, True, 15),
    ],
)
def test_orai_bands(age: float, weight: float, estrogen: bool, total: int) -> None:
    assert run("orai", age=age, weight=weight, current_estrogen=estrogen).value == total


def test_orai_adapter_and_bad_inputs() -> None:
    r = medmcp("orai", items(Age="58 years", Weight="143 lb", **{"Current estrogen use": "No"}))
    # 143 lb = 64.9 kg: 5 + 3 + 2 = 10.
    assert r.value == 10
    with pytest.raises(CalculatorInputError) as e:
        run("orai", age=40, weight=60, current_estrogen=False)
    assert "age" in e.value.fields
