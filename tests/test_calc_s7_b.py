"""MedMCP-Calc one-task calculators (session 7, batch b): worked examples, adapters, bad inputs.

Covered: the RoPE score and the PASCAL classification for PFO-associated stroke, the
Osteoporosis Self-Assessment Tool (Koh 2001 version), pediatric ins and outs, the C-peptide to
glucose ratio and the benzodiazepine conversion (Ashton table). None of these names has a
MedMCP-Calc dev item, so the checks are hand-worked examples from the sources (arithmetic in
comments) plus synthetic items scored by the benchmark scorer.
"""

from __future__ import annotations

import pytest

from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import assert_name_resolves, dev_rows, medmcp, run, score
from calc_testkit import spaced_items as items

NAMES = {
    "PFO-Associated Stroke Causal Likelihood (PASCAL) Classification System": "pascal_pfo",
    "Risk of Paradoxical Embolism (RoPE) Score": "rope_score",
    "Osteoporosis Self Assessment Tool (OST)": "ost_osteoporosis",
    "Pediatric Ins and Outs": "pediatric_ins_outs",
    "C-Peptide to Glucose Ratio": "c_peptide_glucose_ratio",
    "Benzodiazepine Conversion Calculator": "benzodiazepine_conversion",
}


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_no_dev_items_for_these_names() -> None:
    # These names occur once in calculator_frequency.tsv but in no dev task.
    assert [(r.name, r.status) for r in dev_rows(NAMES)] == []


# --- RoPE (Kent 2013) ------------------------------------------------------------------------

ROPE_LOW = dict(hypertension=True, diabetes=True, prior_stroke_or_tia=True, smoker=True)
ROPE_NONE = dict(hypertension=False, diabetes=False, prior_stroke_or_tia=False, smoker=False)


def test_rope_young_patient_without_risk_factors() -> None:
    # 35 years (30-39: 4) + no HTN 1 + no DM 1 + no stroke/TIA 1 + nonsmoker 1 + cortical 1 = 9
    # → stratum 9-10: attributable fraction 88%, 2-year recurrence 2%.
    r = run("rope_score", age=35, cortical_infarct=True, **ROPE_NONE)
    assert r.value == 9
    assert [s.points for s in r.steps] == [1, 1, 1, 1, 1, 4]
    assert r.steps[-1].total == 9
    assert r.extra == {"attributable_fraction_percent": 88, "recurrence_2y_percent": 2}
    assert r.interpretation.startswith("RoPE 9 (stratum 9-10)")


def test_rope_older_patient_with_risk_factors() -> None:
    # 65 years (60-69: 1) + hypertension 0 + diabetes 0 + no prior stroke 1 + smoker 0 +
    # subcortical infarct 0 = 2 → stratum 0-3: 0% attributable, 20% recurrence.
    r = run(
        "rope_score",
        age=65,
        hypertension=True,
        diabetes=True,
        prior_stroke_or_tia=False,
        smoker=True,
        cortical_infarct=False,
    )
    assert r.value == 2
    assert r.extra == {"attributable_fraction_percent": 0, "recurrence_2y_percent": 20}


@pytest.mark.parametrize(
    "age,points", [(18, 5), (29.9, 5), (30, 4), (49, 3), (50, 2), (69, 1), (70, 0), (95, 0)]
)
def test_rope_age_bands(age: float, points: int) -> None:
    # With every risk factor present and no cortical infarct, the score is the age points.
    assert run("rope_score", age=age, cortical_infarct=False, **ROPE_LOW).value == points


def test_rope_score_five_is_below_four_as_published() -> None:
    # Kent 2013 reports 38% at RoPE 4 but 34% at RoPE 5; the table is used unsmoothed.
    # 55 years (2) + no HTN 1 + no DM 1 + smoker 0 + prior stroke 0 + cortical 1 = 5.
    five = run(
        "rope_score",
        age=55,
        hypertension=False,
        diabetes=False,
        prior_stroke_or_tia=True,
        smoker=True,
        cortical_infarct=True,
    )
    assert five.value == 5
    assert five.extra["attributable_fraction_percent"] == 34


def test_rope_adapter_reads_negated_fields() -> None:
    # "Nonsmoker: Yes" and "No history of diabetes: Yes" mean the risk factor is absent.
    inputs = items(
        Age="42 years",
        History_of_hypertension="No",
        No_history_of_diabetes="Yes",
        History_of_stroke_or_TIA="No",
        Nonsmoker="Yes",
        Cortical_infarct_on_imaging="Yes (right MCA cortex)",
    )
    # 42 (3) + 1 + 1 + 1 + 1 + 1 = 8.
    r = medmcp("rope_score", inputs)
    assert r.value == 8
    assert score("Risk of Paradoxical Embolism (RoPE) Score", inputs, 8).status == "matched"


def test_rope_rejects_a_child_and_a_missing_item() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("rope_score", age=16, cortical_infarct=True, **ROPE_NONE)
    assert e.value.fields == ["age"]
    with pytest.raises(CalculatorInputError) as e:
        run("rope_score", age=40, **ROPE_NONE)
    assert e.value.fields == ["cortical_infarct"]


# --- PASCAL (Kent 2021; Elgendy 2020 grid) ---------------------------------------------------


@pytest.mark.parametrize(
    "rope,asa,shunt,category",
    [
        (6, False, False, "Unlikely"),  # low RoPE, small shunt without ASA
        (7, False, False, "Possible"),  # high RoPE (≥ 7), no high-risk feature
        (3, True, False, "Possible"),  # low RoPE, ASA
        (6, False, True, "Possible"),  # low RoPE, large shunt
        (7, True, False, "Probable"),  # high RoPE + ASA
        (10, True, True, "Probable"),
    ],
)
def test_pascal_grid(rope: int, asa: bool, shunt: bool, category: str) -> None:
    r = run("pascal_pfo", rope_score=rope, atrial_septal_aneurysm=asa, large_shunt=shunt)
    assert r.value == category
    assert r.interpretation.startswith(f"{category}:")
    assert [s.label for s in r.steps][-1] == "PASCAL category"


def test_pascal_adapter_scores_rope_from_its_items() -> None:
    # RoPE: 34 years (4) + no HTN 1 + no DM 1 + no stroke 1 + smoker 0 + cortical 1 = 8 (high);
    # large shunt → Probable.
    inputs = items(
        Age="34",
        History_of_hypertension="No",
        History_of_diabetes="No",
        History_of_stroke_or_TIA="No",
        Smoker="Yes",
        Cortical_infarct_on_imaging="Yes",
        Atrial_septal_aneurysm="No",
        Large_shunt="Yes (>20 microbubbles)",
    )
    assert medmcp("pascal_pfo", inputs).value == "Probable"
    name = "PFO-Associated Stroke Causal Likelihood (PASCAL) Classification System"
    assert score(name, inputs, "Probable").status == "matched"
    assert score(name, inputs, "Possible").status == "mismatch"


@pytest.mark.parametrize(
    "rope_text,expected", [("≥7 (high)", "Possible"), ("< 7", "Unlikely"), ("8 points", "Possible")]
)
def test_pascal_adapter_reads_the_rope_side(rope_text: str, expected: str) -> None:
    inputs = items(RoPE_score=rope_text, Atrial_septal_aneurysm="No", Large_shunt="No")
    assert medmcp("pascal_pfo", inputs).value == expected


def test_pascal_rejects_out_of_range_rope_and_missing_feature() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("pascal_pfo", rope_score=11, atrial_septal_aneurysm=False, large_shunt=False)
    assert e.value.fields == ["rope_score"]
    with pytest.raises(AdapterError, match="large shunt|shunt"):
        medmcp("pascal_pfo", items(RoPE_score="8", Atrial_septal_aneurysm="Yes"))


# --- OST (Koh 2001) -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "weight,age,index,category",
    [
        (58, 70, -2, "Intermediate"),  # (58 − 70) × 0.2 = −2.4 → −2
        (45, 75, -6, "High"),  # (45 − 75) × 0.2 = −6.0
        (65, 60, 1, "Low"),  # (65 − 60) × 0.2 = 1.0
        (48.5, 70, -4, "Intermediate"),  # −21.5 × 0.2 = −4.3 → truncated to −4, not high
        (44, 70, -5, "High"),  # −26 × 0.2 = −5.2 → −5 < −4
        (60, 65, -1, "Intermediate"),  # −5 × 0.2 = −1.0 → −1 (−4 to −1)
        (61, 65, 0, "Low"),  # −4 × 0.2 = −0.8 → 0 > −1
    ],
)
def test_ost_index_and_groups(weight: float, age: float, index: int, category: str) -> None:
    r = run("ost_osteoporosis", weight=weight, age=age)
    assert r.value == index
    assert r.interpretation.startswith(f"{category} risk of osteoporosis")


def test_ost_converts_pounds_and_scores_through_the_benchmark() -> None:
    # 132 lb = 59.87 kg; (59.87 − 68) × 0.2 = −1.63 → −1 (intermediate).
    inputs = items(Age="68 years", Weight="132 lb")
    assert medmcp("ost_osteoporosis", inputs).value == -1
    assert score("Osteoporosis Self Assessment Tool (OST)", inputs, -1).status == "matched"


def test_ost_rejects_young_age_and_unknown_unit() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("ost_osteoporosis", weight=60, age=30)
    assert e.value.fields == ["age"]
    with pytest.raises(CalculatorInputError) as e:
        run("ost_osteoporosis", weight=[9, "stone"], age=60)
    assert e.value.fields == ["weight"]


# --- Pediatric ins and outs ---------------------------------------------------------------------


def test_ins_outs_foley_example() -> None:
    # calcmd's example: 120 mL of urine over an 8-hour shift in a 12 kg child:
    # 120 / 12 = 10 mL/kg; 10 / 8 = 1.25 mL/kg/h.
    r = run("pediatric_ins_outs", volume=120, weight=12, hours=8)
    assert r.value == 1.25
    assert r.unit == "mL/kg/h"
    assert r.extra == {"ml_per_kg": 10.0}


def test_ins_outs_adapter_converts_minutes_and_pounds() -> None:
    # 480 min = 8 h; 22 lb = 9.979 kg; 250 / 9.979 / 8 = 3.132 mL/kg/h.
    inputs = items(Urine_output="250 mL", Weight="22 lb", Time_period="480 min")
    r = medmcp("pediatric_ins_outs", inputs)
    assert r.value == pytest.approx(250 / (22 * 0.45359237) / 8, abs=1e-3)
    assert score("Pediatric Ins and Outs", inputs, 3.13).status == "matched"


def test_ins_outs_rejects_zero_hours_and_missing_weight() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("pediatric_ins_outs", volume=100, weight=10, hours=0)
    assert e.value.fields == ["hours"]
    with pytest.raises(AdapterError, match="weight"):
        medmcp("pediatric_ins_outs", items(Volume="100 mL", Hours="4"))


# --- C-peptide to glucose ratio -----------------------------------------------------------------


@pytest.mark.parametrize(
    "cpep,glucose,ratio,category",
    [
        (0.9, 150, 0.6, "Insulin deficiency"),  # 100 × 0.9 / 150 = 0.6 < 0.8
        (1.2, 150, 0.8, "Impaired insulin secretion"),  # 100 × 1.2 / 150 = 0.8 (0.8-1.2)
        (1.8, 150, 1.2, "Impaired insulin secretion"),  # 1.2 is still ≤ 1.2
        (2.0, 120, 1.67, "Preserved insulin secretion"),  # 100 × 2 / 120 = 1.667 > 1.2
    ],
)
def test_cpeptide_fasting_index(cpep: float, glucose: float, ratio: float, category: str) -> None:
    r = run("c_peptide_glucose_ratio", c_peptide=cpep, glucose=glucose, sample="fasting")
    assert r.value == ratio
    assert r.interpretation.startswith(category)
    assert r.warnings == []


def test_cpeptide_postprandial_has_no_cut_off() -> None:
    r = run("c_peptide_glucose_ratio", c_peptide=4.0, glucose=200, sample="postprandial")
    assert r.value == 2.0  # 100 × 4 / 200
    assert r.interpretation.startswith("Postprandial CPR index 2.0")
    assert "fasting index only" in r.warnings[0]


def test_cpeptide_si_units_through_the_adapter() -> None:
    # 0.5 nmol/L × 3.0203 = 1.510 ng/mL; 8 mmol/L × 18.016 = 144.13 mg/dL;
    # 100 × 1.510 / 144.13 = 1.048 → 1.05 (0.8-1.2: impaired).
    inputs = items(C_peptide="0.5 nmol/L", Glucose="8 mmol/L", Measurement_state="Fasting")
    r = medmcp("c_peptide_glucose_ratio", inputs)
    assert r.value == 1.05
    assert score("C-Peptide to Glucose Ratio", inputs, 1.05).status == "matched"
    assert score("C-Peptide to Glucose Ratio", inputs, "Impaired insulin secretion").status == (
        "matched"
    )


def test_cpeptide_rejects_missing_state_and_bad_unit() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("c_peptide_glucose_ratio", c_peptide=1.0, glucose=100)
    assert e.value.fields == ["sample"]
    with pytest.raises(CalculatorInputError) as e:
        run("c_peptide_glucose_ratio", c_peptide=[1.0, "mg/dL"], glucose=100, sample="fasting")
    assert e.value.fields == ["c_peptide"]
    with pytest.raises(CalculatorInputError) as e:
        run("c_peptide_glucose_ratio", c_peptide=1.0, glucose=100, sample="random")
    assert e.value.fields == ["sample"]


# --- Benzodiazepine conversion (Ashton) ---------------------------------------------------------


@pytest.mark.parametrize(
    "src,dose,dst,expected,diazepam",
    [
        ("lorazepam", 2, "diazepam", 20, 20),  # 2 × 10 / 1 = 20 mg diazepam
        ("alprazolam", 1.5, "clonazepam", 1.5, 30),  # 1.5 × 10 / 0.5 = 30; 30 × 0.5 / 10
        ("diazepam", 30, "chlordiazepoxide", 75, 30),  # 30 × 25 / 10 = 75
        ("temazepam", 30, "oxazepam", 30, 15),  # 30 × 10 / 20 = 15; 15 × 20 / 10 = 30
        ("triazolam", 0.25, "lorazepam", 0.5, 5),  # 0.25 × 10 / 0.5 = 5; 5 × 1 / 10 = 0.5
    ],
)
def test_benzo_conversion(
    src: str, dose: float, dst: str, expected: float, diazepam: float
) -> None:
    r = run("benzodiazepine_conversion", from_drug=src, dose=dose, to_drug=dst)
    assert r.value == pytest.approx(expected)
    assert r.extra["diazepam_equivalent_mg"] == pytest.approx(diazepam)
    assert [s.value for s in r.steps] == [pytest.approx(diazepam), pytest.approx(expected)]


def test_benzo_adapter_reads_brand_names() -> None:
    inputs = items(
        Current_benzodiazepine="Ativan (lorazepam)",
        Total_daily_dose="3 mg",
        Converting_to="Valium",
    )
    # 3 × 10 / 1 = 30 mg diazepam.
    assert medmcp("benzodiazepine_conversion", inputs).value == 30
    assert score("Benzodiazepine Conversion Calculator", inputs, "30 mg").status == "matched"


def test_benzo_rejects_unknown_drug_and_zero_dose() -> None:
    # Estazolam is given by Ashton only as a range (1-2 mg), so it is not offered.
    with pytest.raises(CalculatorInputError) as e:
        run("benzodiazepine_conversion", from_drug="estazolam", dose=1, to_drug="diazepam")
    assert e.value.fields == ["from_drug"]
    with pytest.raises(CalculatorInputError) as e:
        run("benzodiazepine_conversion", from_drug="diazepam", dose=0, to_drug="lorazepam")
    assert e.value.fields == ["dose"]
    with pytest.raises(AdapterError, match="Midazolam"):
        medmcp(
            "benzodiazepine_conversion",
            items(Current_benzodiazepine="Midazolam", Dose="2 mg", Converting_to="Diazepam"),
        )
