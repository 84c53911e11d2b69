"""MedMCP-Calc one-task calculators (session 4, batch n2): worked examples, adapters, bad inputs.

Covered: the ASCVD 2013 Pooled Cohort Equations, the ASCVD algorithm including known ASCVD,
PREVENT (base 10-year model), SCORE2-OP and the Mehran contrast-nephropathy score. None of
these names has an item in the dev tasks; each is checked against a published or reference
worked example, hand arithmetic and boundary cases, and its ``from_medmcp`` adapter on a
benchmark-style input list.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import adapt, assert_name_resolves, dev_names, run

NAMES = {
    "ASCVD (Atherosclerotic Cardiovascular Disease) 2013 Risk Calculator from AHA/ACC": (
        "ascvd_pce_2013"
    ),
    "ASCVD (Atherosclerotic Cardiovascular Disease) Risk Algorithm including Known ASCVD "
    "from AHA/ACC": "ascvd_known_algorithm",
    "Predicting Risk of Cardiovascular Disease EVENTs (PREVENT)": "prevent_cvd",
    "Systematic Coronary Risk Evaluation 2-Older Persons (SCORE2-OP)": "score2_op",
    "Mehran Score for Post-PCI Contrast Nephropathy": "mehran_cin",
}


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_names_have_no_dev_item() -> None:
    # If a later dev set adds one of these names, it must be scored here.
    assert not dev_names() & set(NAMES)


# --- ASCVD 2013 Pooled Cohort Equations -------------------------------------------------------

PCE_BASE = {
    "sex": "male",
    "race": "white",
    "age": 55,
    "total_cholesterol": 200,
    "hdl": 50,
    "systolic_bp": 130,
    "bp_treated": False,
    "smoker": False,
    "diabetes": False,
}


def test_pce_acc_reference_case() -> None:
    # ACC/AHA ASCVD Risk Estimator reference case: white man 55 y, TC 200, HDL 50, SBP 130
    # untreated, non-smoker, no diabetes → 5.7% ("Borderline").
    r = run("ascvd_pce_2013", **PCE_BASE)
    assert r.value == 5.7
    assert r.interpretation.startswith("Borderline risk")
    assert r.warnings == []


def test_pce_african_american_man_by_hand() -> None:
    # AA men: Σ = 2.469 ln55 + 0.302 ln213 − 0.307 ln50 + 1.809 ln120
    #          = 9.8941 + 1.6191 − 1.2010 + 8.6606 = 18.9728; Σ − 19.54 = −0.5672;
    # risk = 1 − 0.8954^exp(−0.5672) = 1 − 0.8954^0.5671 = 6.07%.
    r = run(
        "ascvd_pce_2013",
        **{**PCE_BASE, "race": "african_american", "total_cholesterol": 213, "systolic_bp": 120},
    )
    assert r.extra["risk_unrounded"] == pytest.approx(6.0734, abs=1e-3)
    assert r.value == 6.1
    assert r.interpretation.startswith("Borderline risk")


def test_pce_treated_smoker_diabetic_woman_is_high() -> None:
    r = run(
        "ascvd_pce_2013",
        **{
            **PCE_BASE,
            "sex": "female",
            "age": 70,
            "systolic_bp": 160,
            "bp_treated": True,
            "smoker": True,
            "diabetes": True,
        },
    )
    assert r.value >= 20
    assert r.interpretation.startswith("High risk")


def test_pce_other_race_uses_white_equation_with_warning() -> None:
    white = run("ascvd_pce_2013", **PCE_BASE)
    other = run("ascvd_pce_2013", **{**PCE_BASE, "race": "other"})
    assert other.value == white.value
    assert any("white equations" in w for w in other.warnings)


def test_pce_out_of_derivation_range_warns_and_mmol_converts() -> None:
    r = run("ascvd_pce_2013", **{**PCE_BASE, "total_cholesterol": 350})
    assert any("total_cholesterol 350" in w for w in r.warnings)
    mmol = run("ascvd_pce_2013", **{**PCE_BASE, "total_cholesterol": [200 / 38.67, "mmol/L"]})
    assert mmol.value == 5.7


@pytest.mark.parametrize(
    "change,field",
    [
        ({"age": 39}, "age"),
        ({"age": 80}, "age"),
        ({"race": "martian"}, "race"),
        ({"hdl": [50, "furlongs"]}, "hdl"),
    ],
)
def test_pce_bad_inputs(change: dict[str, Any], field: str) -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("ascvd_pce_2013", **{**PCE_BASE, **change})
    assert field in str(e.value)


def test_pce_missing_field() -> None:
    data = dict(PCE_BASE)
    del data["smoker"]
    with pytest.raises(CalculatorInputError, match="smoker"):
        run("ascvd_pce_2013", **data)


PCE_MEDMCP = [
    {"field": "Age", "value": "55 years"},
    {"field": "Sex", "value": "Male"},
    {"field": "Race", "value": "White"},
    {"field": "Total Cholesterol", "value": "200 mg/dL"},
    {"field": "HDL Cholesterol", "value": "50 mg/dL"},
    {"field": "Systolic Blood Pressure", "value": "130 mmHg"},
    {"field": "Treatment for Hypertension", "value": "No"},
    {"field": "Smoker", "value": "No (never smoked)"},
    {"field": "History of Diabetes", "value": "No"},
]


def test_pce_adapter() -> None:
    kwargs = adapt("ascvd_pce_2013", PCE_MEDMCP)
    assert kwargs["race"] == "white" and kwargs["bp_treated"] is False
    assert run("ascvd_pce_2013", **kwargs).value == 5.7
    black = [{**x, "value": "African American"} if x["field"] == "Race" else x for x in PCE_MEDMCP]
    assert adapt("ascvd_pce_2013", black)["race"] == "african_american"


def test_pce_adapter_missing_field() -> None:
    with pytest.raises(AdapterError, match="hdl"):
        adapt("ascvd_pce_2013", [x for x in PCE_MEDMCP if "HDL" not in x["field"]])


# --- ASCVD algorithm including known ASCVD ----------------------------------------------------

ALGO_BASE = {
    "known_ascvd": False,
    "age": 55,
    "ldl": 130,
    "diabetes": False,
    **{k: v for k, v in PCE_BASE.items() if k not in ("age", "diabetes")},
}


def test_algorithm_known_ascvd_high_intensity() -> None:
    r = run("ascvd_known_algorithm", known_ascvd=True, age=60, ldl=100, diabetes=False)
    assert r.value == "High-intensity statin"
    old = run("ascvd_known_algorithm", known_ascvd=True, age=80, ldl=100, diabetes=False)
    assert old.value.startswith("Moderate-intensity statin")


def test_algorithm_ldl_190_skips_risk() -> None:
    r = run("ascvd_known_algorithm", known_ascvd=False, age=45, ldl=195, diabetes=False)
    assert r.value == "High-intensity statin"
    assert "LDL-C ≥190" in r.interpretation


def test_algorithm_primary_prevention_uses_pce() -> None:
    # Same patient as the ACC reference case: 5.7% < 7.5% → no statin benefit group.
    r = run("ascvd_known_algorithm", **ALGO_BASE)
    assert r.value == 5.7
    assert "No statin benefit group" in r.interpretation
    high = run("ascvd_known_algorithm", **{**ALGO_BASE, "age": 65, "smoker": True})
    assert high.value >= 7.5
    assert "Moderate- to high-intensity statin" in high.interpretation


def test_algorithm_primary_prevention_5_to_7_5_percent() -> None:
    # Review: Stone 2013 (IIa) — 10-year risk 5 to <7.5% in the 40-75 primary-prevention band:
    # reasonable to offer a moderate-intensity statin. ALGO_BASE gives 5.7% (ACC reference case).
    r = run("ascvd_known_algorithm", **ALGO_BASE)
    assert "reasonable to offer a moderate-intensity statin" in r.interpretation
    low = run("ascvd_known_algorithm", **{**ALGO_BASE, "age": 45})
    assert low.value < 5 and "10-year risk <5%" in low.interpretation


def test_algorithm_diabetes_group() -> None:
    r = run("ascvd_known_algorithm", **{**ALGO_BASE, "diabetes": True, "age": 45})
    assert r.value < 7.5
    assert "Moderate-intensity statin" in r.interpretation
    r2 = run("ascvd_known_algorithm", **{**ALGO_BASE, "diabetes": True, "age": 70})
    assert r2.value >= 7.5
    assert "High-intensity statin" in r2.interpretation


def test_algorithm_requires_risk_inputs_only_when_reached() -> None:
    with pytest.raises(CalculatorInputError, match="hdl"):
        run("ascvd_known_algorithm", known_ascvd=False, age=55, ldl=130, diabetes=False)


def test_algorithm_adapter() -> None:
    inputs = [
        {"field": "Known ASCVD", "value": "No"},
        {"field": "LDL Cholesterol", "value": "130 mg/dL"},
        *PCE_MEDMCP,
    ]
    kwargs = adapt("ascvd_known_algorithm", inputs)
    assert kwargs["known_ascvd"] is False and kwargs["ldl"] == [130.0, "mg/dL"]
    assert run("ascvd_known_algorithm", **kwargs).value == 5.7


# --- PREVENT ------------------------------------------------------------------------------------

PREVENT_BASE = {
    "sex": "female",
    "age": 50,
    "systolic_bp": 160,
    "bp_treated": True,
    "total_cholesterol": 200,
    "hdl": 45,
    "statin": False,
    "diabetes": True,
    "smoker": False,
    "egfr": 90,
    "bmi": 35,
}


def test_prevent_reference_example() -> None:
    # preventr (R implementation of Khan 2024) README example, base model:
    # 10-year total CVD 0.147, ASCVD 0.092, heart failure 0.081.
    r = run("prevent_cvd", **PREVENT_BASE)
    assert r.value == 14.7
    assert r.extra["ascvd_10y"] == 9.2
    assert r.extra["heart_failure_10y"] == 8.1


def test_prevent_reference_patient_by_hand() -> None:
    # At the centring values (55 y, non-HDL 3.5 and HDL 1.3 mmol/L, SBP 130, BMI 25, eGFR 90,
    # no risk factors) every term but the constant is 0: female total CVD
    # risk = e^−3.307728 / (1 + e^−3.307728) = 0.03663 / 1.03663 = 3.53% → 3.5.
    hdl_mg = 1.3 * 38.67
    r = run(
        "prevent_cvd",
        **{
            **PREVENT_BASE,
            "age": 55,
            "systolic_bp": 130,
            "bp_treated": False,
            "diabetes": False,
            "hdl": hdl_mg,
            "total_cholesterol": hdl_mg + 3.5 * 38.67,
            "bmi": 25,
        },
    )
    expected = 100 * math.exp(-3.307728) / (1 + math.exp(-3.307728))
    assert r.steps[1].value == round(expected, 1) == r.value == 3.5


@pytest.mark.parametrize(
    "change,field",
    [({"age": 29}, "age"), ({"egfr": 10}, "egfr"), ({"bmi": 45}, "bmi"), ({"sex": "x"}, "sex")],
)
def test_prevent_bad_inputs(change: dict[str, Any], field: str) -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("prevent_cvd", **{**PREVENT_BASE, **change})
    assert field in str(e.value)


def test_prevent_adapter() -> None:
    inputs = [
        {"field": "Sex", "value": "Female"},
        {"field": "Age", "value": "50 years"},
        {"field": "Total cholesterol", "value": "200 mg/dL"},
        {"field": "HDL cholesterol", "value": "45 mg/dL"},
        {"field": "Systolic BP", "value": "160 mmHg"},
        {"field": "BMI", "value": "35 kg/m²"},
        {"field": "eGFR", "value": "90 mL/min/1.73m²"},
        {"field": "Diabetes", "value": "Yes"},
        {"field": "Current smoker", "value": "No"},
        {"field": "On antihypertensive medication", "value": "Yes"},
        {"field": "On statin", "value": "No"},
    ]
    assert run("prevent_cvd", **adapt("prevent_cvd", inputs)).value == 14.7


# --- SCORE2-OP ----------------------------------------------------------------------------------

OP_BASE = {
    "sex": "male",
    "age": 73,
    "region": "low",
    "current_smoker": False,
    "diabetes": False,
    "systolic_bp": 150,
    "total_cholesterol": 6,
    "hdl": 1.4,
}


def test_score2_op_centred_man_by_hand() -> None:
    # At the centring values x = 0: raw = 1 − 0.7576^exp(−0.0929) = 1 − 0.7576^0.9113 = 0.2235;
    # low region: 1 − exp(−exp(−0.34 + 1.19 · ln(−ln(0.7765)))) = 1 − exp(−exp(−2.0005))
    # = 12.9% → high risk (7.5 to < 15%).
    r = run("score2_op", **OP_BASE)
    assert r.steps[1].value == 22.35
    assert r.value == 12.9
    assert r.interpretation.startswith("High risk")


def test_score2_op_regions_and_risk_factors_order() -> None:
    low = run("score2_op", **OP_BASE).value
    very_high = run("score2_op", **{**OP_BASE, "region": "very high"}).value
    smoker = run("score2_op", **{**OP_BASE, "current_smoker": True}).value
    assert very_high > low and smoker > low
    woman = run("score2_op", **{**OP_BASE, "sex": "female", "age": 70, "systolic_bp": 120})
    assert woman.value < 7.5
    assert woman.interpretation.startswith("Low-to-moderate risk")


def test_score2_op_mg_dl_converts() -> None:
    r = run(
        "score2_op", **{**OP_BASE, "total_cholesterol": [232.02, "mg/dL"], "hdl": [54.14, "mg/dL"]}
    )
    assert r.value == 12.9


@pytest.mark.parametrize(
    "change,field",
    [({"age": 65}, "age"), ({"region": "medium"}, "region"), ({"hdl": 9}, "hdl")],
)
def test_score2_op_bad_inputs(change: dict[str, Any], field: str) -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("score2_op", **{**OP_BASE, **change})
    assert field in str(e.value)


def test_score2_op_adapter() -> None:
    inputs = [
        {"field": "Sex", "value": "Male"},
        {"field": "Age", "value": "73 years"},
        {"field": "Risk region", "value": "Low risk region (e.g. France)"},
        {"field": "Smoking", "value": "No"},
        {"field": "Diabetes", "value": "No"},
        {"field": "Systolic BP", "value": "150 mmHg"},
        {"field": "Total cholesterol", "value": "6.0 mmol/L"},
        {"field": "HDL cholesterol", "value": "1.4 mmol/L"},
    ]
    assert run("score2_op", **adapt("score2_op", inputs)).value == 12.9


# --- Mehran score -------------------------------------------------------------------------------

MEHRAN_BASE = {
    "hypotension": False,
    "iabp": False,
    "chf": True,
    "age": 78,
    "anemia": True,
    "diabetes": True,
    "contrast_volume": 250,
    "egfr": 35,
}


def test_mehran_worked_example() -> None:
    # CHF 5 + age 78 > 75: 4 + anaemia 3 + diabetes 3 + contrast 250 mL: 2 (two full 100 mL)
    # + eGFR 35 (20-40): 4 = 21 → very high risk (≥16): CIN 57.3%, dialysis 12.6%.
    r = run("mehran_cin", **MEHRAN_BASE)
    assert r.value == 21
    assert r.steps[-1].points == 4
    assert r.interpretation.startswith("Very high risk")
    assert r.extra == {"cin_risk_percent": 57.3, "dialysis_risk_percent": 12.6}


@pytest.mark.parametrize("egfr,points", [(60, 0), (59.9, 2), (40, 2), (39, 4), (20, 4), (19.5, 6)])
def test_mehran_egfr_bands(egfr: float, points: int) -> None:
    r = run("mehran_cin", **{**MEHRAN_BASE, "egfr": egfr})
    assert r.steps[-1].points == points


def test_mehran_creatinine_when_no_egfr_and_groups() -> None:
    base = {**MEHRAN_BASE, "chf": False, "anemia": False, "diabetes": False, "age": 60}
    del base["egfr"]
    # contrast 250 mL: 2 + creatinine 1.6 > 1.5: 4 = 6 → moderate (6-10).
    r = run("mehran_cin", **{**base, "creatinine": 1.6})
    assert r.value == 6 and r.interpretation.startswith("Moderate risk")
    # 1.5 mg/dL is not > 1.5: total 2 → low (≤5); 132.6 µmol/L = 1.5 mg/dL.
    low = run("mehran_cin", **{**base, "creatinine": [132.6, "umol/L"]})
    assert low.value == 2 and low.interpretation.startswith("Low risk")
    high = run("mehran_cin", **{**base, "creatinine": 1.6, "hypotension": True})
    assert high.value == 11 and high.interpretation.startswith("High risk")


def test_mehran_bad_inputs() -> None:
    no_renal = {k: v for k, v in MEHRAN_BASE.items() if k != "egfr"}
    with pytest.raises(CalculatorInputError, match="egfr or creatinine"):
        run("mehran_cin", **no_renal)
    with pytest.raises(CalculatorInputError, match="contrast_volume"):
        run("mehran_cin", **{**MEHRAN_BASE, "contrast_volume": -5})
    with pytest.raises(CalculatorInputError, match="iabp"):
        run("mehran_cin", **{**MEHRAN_BASE, "iabp": "maybe"})


def test_mehran_adapter() -> None:
    inputs = [
        {"field": "Hypotension", "value": "No"},
        {"field": "IABP", "value": "No"},
        {"field": "Congestive heart failure", "value": "Yes (NYHA III)"},
        {"field": "Age", "value": "78 years"},
        {"field": "Anemia", "value": "Yes (Hct 33%)"},
        {"field": "Diabetes", "value": "Yes"},
        {"field": "Contrast media volume", "value": "250 mL"},
        {"field": "eGFR", "value": "35 mL/min/1.73 m²"},
    ]
    assert run("mehran_cin", **adapt("mehran_cin", inputs)).value == 21
