"""MedMCP-Calc single-task calculators (part Q): NAC dosing for acetaminophen overdose and SIPA.

Hand-worked examples, the dev item of each name scored through ``medmcp_calc.score_answer``,
boundary cases and bad inputs.
"""

from __future__ import annotations

import pytest

from m3agent.calculators import medmcp_calc
from m3agent.calculators.library import acetaminophen_nac, sipa
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import assert_name_resolves, dev_items, frequency_names, run

#: MedMCP-Calc name → registered calculator id (the names as in calculator_frequency.tsv).
NAMES = {
    "Acetaminophen Overdose and NAC Dosing": "acetaminophen_nac",
    "Shock Index, Pediatric Age-Adjusted (SIPA)": "sipa",
}


@pytest.mark.parametrize(("name", "calc_id"), sorted(NAMES.items()))
def test_medmcp_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_names_are_in_the_frequency_list() -> None:
    assert set(NAMES) <= frequency_names()


def test_every_dev_item_of_these_names_matches() -> None:
    items = dev_items(NAMES)
    assert len(items) == 1  # one NAC item; SIPA has none in the dev set
    for task_id, answer in items:
        row = medmcp_calc.score_answer(task_id, answer)
        assert row.status == "matched", row


# --- Acetaminophen overdose and NAC dosing ----------------------------------------------------


def test_nac_iv_worked_example_70_kg() -> None:
    # 70 kg, IV: 150 × 70 = 10,500 mg in 200 mL over 60 min; 50 × 70 = 3,500 mg in 500 mL over
    # 4 h; 100 × 70 = 7,000 mg in 1000 mL over 16 h (300 mg/kg in all = 21,000 mg).
    r = run("acetaminophen_nac", route="IV", weight=70)
    assert r.value == "IV Dosing: 21-Hour Regimen, '3 Bag Dosing'"
    assert [s.value for s in r.steps] == [10500.0, 3500.0, 7000.0]
    assert r.extra["loading_dose_mg"] == 10500.0
    assert "10500 mg IV in 200 mL of diluent over 60 min" in r.interpretation
    assert "7000 mg IV in 1000 mL of diluent over 16 hr" in r.interpretation
    assert sum(s.value for s in r.steps) == pytest.approx(300 * 70)


def test_nac_iv_dev_item_weight_in_pounds() -> None:
    # 92.6 lb × 0.45359237 = 42.00 kg → loading 150 × 42.0 = 6300 mg, then 2100 mg, then
    # 4200 mg (the task notes: 6300 / 2100 / 4200 mg).
    r = run("acetaminophen_nac", route="IV", weight=[92.6, "lbs"])
    assert [round(s.value) for s in r.steps] == [6300, 2100, 4200]
    assert not any("40 kg" in w for w in r.warnings)


def test_nac_oral_regimen() -> None:
    # 70 kg PO: loading 140 × 70 = 9,800 mg; then 70 × 70 = 4,900 mg every 4 h × 17 doses.
    r = run("acetaminophen_nac", route="PO", weight=70)
    assert r.value == "PO Dosing: 72-Hour Regimen"
    assert r.extra["loading_dose_mg"] == 9800.0
    assert r.extra["maintenance_dose_mg"] == 4900.0
    assert "17 doses" in r.interpretation


def test_nac_light_patient_warns_about_diluent_volume() -> None:
    r = run("acetaminophen_nac", route="IV", weight=20)
    assert r.steps[0].value == 3000.0  # 150 × 20
    assert any("40 kg" in w for w in r.warnings)


def test_nac_treatment_line() -> None:
    # 150 line: 150 at 4 h, halving every 4 h → 75 at 8 h, 37.5 at 12 h, 150/32 = 4.6875 at 24 h.
    assert acetaminophen_nac.treatment_line(4) == pytest.approx(150)
    assert acetaminophen_nac.treatment_line(8) == pytest.approx(75)
    assert acetaminophen_nac.treatment_line(24) == pytest.approx(4.6875)
    above = run(
        "acetaminophen_nac", route="IV", weight=70, acetaminophen_level=100, hours_since_ingestion=8
    )
    assert above.extra["above_treatment_line"] is True
    assert "treat with NAC" in above.interpretation
    below = run(
        "acetaminophen_nac", route="IV", weight=70, acetaminophen_level=30, hours_since_ingestion=12
    )
    assert below.extra["above_treatment_line"] is False  # 30 < 37.5
    on_line = run(
        "acetaminophen_nac", route="PO", weight=70, acetaminophen_level=150, hours_since_ingestion=4
    )
    assert on_line.extra["above_treatment_line"] is True


def test_nac_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("acetaminophen_nac", route="IM", weight=70)
    assert "route" in e.value.fields
    with pytest.raises(CalculatorInputError) as e:
        run("acetaminophen_nac", route="IV")
    assert "weight" in e.value.fields
    with pytest.raises(CalculatorInputError) as e:
        run("acetaminophen_nac", route="IV", weight=0)
    assert "weight" in e.value.fields
    with pytest.raises(CalculatorInputError, match="weight"):
        run("acetaminophen_nac", route="IV", weight=[70, "furlongs"])
    with pytest.raises(CalculatorInputError, match="go together"):
        run("acetaminophen_nac", route="IV", weight=70, acetaminophen_level=100)
    with pytest.raises(CalculatorInputError) as e:  # the nomogram starts at 4 h
        run(
            "acetaminophen_nac",
            route="IV",
            weight=70,
            acetaminophen_level=100,
            hours_since_ingestion=2,
        )
    assert "hours_since_ingestion" in e.value.fields


def test_nac_adapter() -> None:
    kw = acetaminophen_nac.from_medmcp(
        [
            {"field": "Route of N-Acetylcysteine (NAC)", "value": "PO"},
            {"field": "Weight", "value": "80 kg"},
            {"field": "Acetaminophen level", "value": "120 mcg/mL"},
            {"field": "Hours since ingestion", "value": "6 hours"},
        ]
    )
    assert kw == {
        "route": "PO",
        "weight": [80.0, "kg"],
        "acetaminophen_level": 120.0,
        "hours_since_ingestion": [6.0, "hours"],
    }
    with pytest.raises(AdapterError, match="route"):
        acetaminophen_nac.from_medmcp([{"field": "Weight", "value": "80 kg"}])


# --- SIPA -------------------------------------------------------------------------------------


def test_sipa_worked_examples() -> None:
    # 5 y, HR 130, SBP 100: SI = 1.30 > 1.22 (4-6 y) → elevated.
    r = run("sipa", age=5, heart_rate=130, systolic_bp=100)
    assert r.value == 1.3
    assert r.interpretation.startswith("Elevated")
    # 10 y, HR 100, SBP 110: SI = 0.91 ≤ 1.0 (7-12 y) → not elevated.
    r = run("sipa", age=10, heart_rate=100, systolic_bp=110)
    assert r.value == 0.91
    assert r.interpretation.startswith("Not elevated")
    # 14 y, HR 100, SBP 110: SI = 0.91 > 0.9 (13-16 y) → elevated.
    r = run("sipa", age=14, heart_rate=100, systolic_bp=110)
    assert r.interpretation.startswith("Elevated")


def test_sipa_band_boundaries() -> None:
    assert [sipa.cutoff_for(a) for a in (4, 6, 6.9, 7, 12, 13, 16)] == [
        1.22,
        1.22,
        1.22,
        1.0,
        1.0,
        0.9,
        0.9,
    ]
    # SI exactly at the cutoff is not elevated (the published rule is SI > cutoff).
    r = run("sipa", age=8, heart_rate=100, systolic_bp=100)
    assert r.extra["elevated"] is False


def test_sipa_bad_inputs_and_adapter() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("sipa", age=2, heart_rate=120, systolic_bp=90)
    assert "age" in e.value.fields
    with pytest.raises(CalculatorInputError) as e:
        run("sipa", age=10, heart_rate=120)
    assert "systolic_bp" in e.value.fields
    with pytest.raises(CalculatorInputError, match="systolic_bp"):
        run("sipa", age=10, heart_rate=120, systolic_bp=[90, "bar"])
    kw = sipa.from_medmcp(
        [
            {"field": "Age", "value": "9 years"},
            {"field": "Heart rate", "value": "128 bpm"},
            {"field": "Systolic BP", "value": "96 mmHg"},
        ]
    )
    assert kw == {
        "age": [9.0, "years"],
        "heart_rate": [128.0, "bpm"],
        "systolic_bp": [96.0, "mmHg"],
    }
    r = run("sipa", **kw)
    assert r.value == 1.33  # 128 / 96 = 1.333 > 1.0 → elevated
    assert r.extra["elevated"] is True
