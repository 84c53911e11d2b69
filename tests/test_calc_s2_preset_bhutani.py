"""PRESET score (ECMO) and the Bhutani hour-specific bilirubin zone: worked examples, the dev
item, adapters and bad inputs.

No MedMCP-Calc dev task names "Hour-Specific Risk for Neonatal Hyperbilirubinemia" (its two
tasks are in the held-out half), so its adapter is checked on items written in the benchmark's
format.
"""

from __future__ import annotations

from typing import Any

import pytest

from m3agent.calculators import medmcp_calc
from m3agent.calculators.library import bhutani_bilirubin as bhutani
from m3agent.calculators.library import preset_ecmo
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError, get_calculator

from calc_testkit import dev_items

PRESET_NAME = "PREdiction of Survival on ECMO Therapy (PRESET) Score"
BHUTANI_NAME = "Hour-Specific Risk for Neonatal Hyperbilirubinemia"

# The PRESET dev item's inputs, as MedMCP-Calc records them.
PRESET_DEV_INPUTS: list[dict[str, Any]] = [
    {"field": "mean_arterial_pressure_mmHg", "value": "76 mmHg (71–80 bracket)", "score": 3},
    {"field": "lactate_mmol_L", "value": "3.8 mmol/L (3.01–6.00 bracket)", "score": 2},
    {"field": "arterial_pH", "value": "7.28 (7.201–7.300 bracket)", "score": 1},
    {"field": "platelet_count_x10e3_per_uL", "value": "85 x10^3/µL (≤100 bracket)", "score": 2},
    {"field": "hospital_days_pre_ecmo", "value": "2 days (≤2 bracket)", "score": 0},
]

PRESET_BASE: dict[str, Any] = {
    "mean_arterial_pressure": 76,
    "lactate": 3.8,
    "arterial_ph": 7.28,
    "platelets": 85,
    "hospital_days": 2,
}

BHUTANI_BASE: dict[str, Any] = {"age_hours": 48, "total_bilirubin": 11.0}


# --------------------------------------------------------------------------- PRESET


def test_preset_name_resolves() -> None:
    calc = get_calculator(PRESET_NAME)
    assert calc.id == "preset_ecmo"
    assert calc.meta.doi == "10.1186/s13054-017-1888-6"
    assert get_calculator("PRESET score").id == "preset_ecmo"


def test_preset_hand_worked_dev_patient() -> None:
    # MAP 76 (71-80) → 3; lactate 3.8 (3.01-6.00) → 2; pH 7.28 (7.201-7.300) → 1;
    # platelets 85 (≤100) → 2; 2 days (≤2) → 0. Total 3+2+1+2+0 = 8 → class II (6-9), 68%.
    r = get_calculator("preset_ecmo").run(PRESET_BASE)
    assert r.value == 8
    assert [s.points for s in r.steps] == [3, 2, 1, 2, 0]
    assert [s.total for s in r.steps] == [3, 5, 6, 8, 8]
    assert r.extra == {"risk_class": "II", "icu_mortality_percent": 68}
    assert r.interpretation == "PRESET 8 points: risk class II, ICU mortality 68%."


def test_preset_hand_worked_bundle_example() -> None:
    # The TypeScript bundle's example values: MAP 85 (81-90) → 2; lactate 4.5 (3.01-6.00) → 2;
    # pH 7.22 (7.201-7.300) → 1; platelets 150 (101-200) → 1; 4 days (3-7) → 1. 2+2+1+1+1 = 7.
    r = get_calculator("preset_ecmo").run(
        {
            "mean_arterial_pressure": 85,
            "lactate": 4.5,
            "arterial_ph": 7.22,
            "platelets": 150,
            "hospital_days": 4,
        }
    )
    assert r.value == 7
    assert r.extra["risk_class"] == "II"


def test_preset_extremes() -> None:
    calc = get_calculator("preset_ecmo")
    best = calc.run(
        {
            "mean_arterial_pressure": 105,
            "lactate": 1.0,
            "arterial_ph": 7.40,
            "platelets": 250,
            "hospital_days": 0,
        }
    )
    assert best.value == 0
    assert best.extra == {"risk_class": "I", "icu_mortality_percent": 26}
    # 4 + 4 + 3 + 2 + 2 = 15, the maximum.
    worst = calc.run(
        {
            "mean_arterial_pressure": 55,
            "lactate": 12,
            "arterial_ph": 6.95,
            "platelets": 40,
            "hospital_days": 10,
        }
    )
    assert worst.value == 15
    assert worst.extra == {"risk_class": "III", "icu_mortality_percent": 93}


@pytest.mark.parametrize(
    ("field", "value", "points"),
    [
        ("mean_arterial_pressure", 100.5, 0),
        ("mean_arterial_pressure", 100, 1),
        ("mean_arterial_pressure", 91, 1),
        ("mean_arterial_pressure", 90, 2),
        ("mean_arterial_pressure", 81, 2),
        ("mean_arterial_pressure", 80, 3),
        ("mean_arterial_pressure", 71, 3),
        ("mean_arterial_pressure", 70, 4),
        ("lactate", 1.5, 0),
        ("lactate", 1.51, 1),
        ("lactate", 3.0, 1),
        ("lactate", 3.01, 2),
        ("lactate", 6.0, 2),
        ("lactate", 6.01, 3),
        ("lactate", 10.0, 3),
        ("lactate", 10.01, 4),
        ("arterial_ph", 7.301, 0),
        ("arterial_ph", 7.30, 1),
        ("arterial_ph", 7.201, 1),
        ("arterial_ph", 7.20, 2),
        ("arterial_ph", 7.101, 2),
        ("arterial_ph", 7.10, 3),
        ("platelets", 201, 0),
        ("platelets", 200, 1),
        ("platelets", 101, 1),
        ("platelets", 100, 2),
        ("hospital_days", 2, 0),
        ("hospital_days", 3, 1),
        ("hospital_days", 7, 1),
        ("hospital_days", 8, 2),
    ],
)
def test_preset_bracket_edges(field: str, value: float, points: int) -> None:
    r = get_calculator("preset_ecmo").run({**PRESET_BASE, field: value})
    labels = {
        "mean_arterial_pressure": "Mean arterial pressure",
        "lactate": "Lactate",
        "arterial_ph": "Arterial pH",
        "platelets": "Platelet count",
        "hospital_days": "Days in hospital before ECMO",
    }
    step = next(s for s in r.steps if s.label == labels[field])
    assert step.points == points


@pytest.mark.parametrize(
    ("score", "name"), [(0, "I"), (5, "I"), (6, "II"), (9, "II"), (10, "III"), (15, "III")]
)
def test_preset_class_edges(score: int, name: str) -> None:
    assert preset_ecmo.risk_class(score)[0] == name


@pytest.mark.parametrize("score", [-1, 16])
def test_preset_class_refuses_impossible_scores(score: int) -> None:
    with pytest.raises(ValueError, match="0-15"):
        preset_ecmo.risk_class(score)


def test_preset_other_units_give_the_same_answer() -> None:
    calc = get_calculator("preset_ecmo")
    # 3.8 mmol/L lactate = 34.2 mg/dL (× 9.008); 85 ×10³/µL = 85 ×10⁹/L; 2 days = 48 h.
    r = calc.run(
        {
            **PRESET_BASE,
            "lactate": [34.2, "mg/dL"],
            "platelets": [85, "10^9/L"],
            "hospital_days": [48, "h"],
            "mean_arterial_pressure": [10.13, "kPa"],  # 10.13 kPa ≈ 76 mmHg
        }
    )
    assert r.value == 8


def test_every_preset_dev_item_matches() -> None:
    items = dev_items(PRESET_NAME)
    assert len(items) == 1
    for task_id, answer in items:
        row = medmcp_calc.score_answer(task_id, answer)
        assert row.status == "matched", row
        assert row.got == 8
        r = get_calculator(PRESET_NAME).run(preset_ecmo.from_medmcp(answer["inputs"]))
        # The notes record the class and the mortality too; they must agree.
        assert f"Class {r.extra['risk_class']}" in answer["notes"]
        assert f"{r.extra['icu_mortality_percent']} %" in answer["notes"]
        # Each criterion's points agree with the item's per-input score.
        assert [s.points for s in r.steps] == [i["score"] for i in answer["inputs"]]


def test_preset_adapter_reads_raw_values_not_brackets() -> None:
    kwargs = preset_ecmo.from_medmcp(PRESET_DEV_INPUTS)
    assert kwargs["mean_arterial_pressure"] == [76.0, "mmHg"]
    assert kwargs["arterial_ph"] == 7.28
    assert kwargs["platelets"] == [85.0, "10^3/ul"]
    assert kwargs["hospital_days"] == [2.0, "days"]
    # A raw value that disagrees with the bracket text is scored from the raw value.
    changed = [
        i if i["field"] != "lactate_mmol_L" else {**i, "value": "7.2 mmol/L (3.01–6.00 bracket)"}
        for i in PRESET_DEV_INPUTS
    ]
    assert get_calculator("preset_ecmo").run(preset_ecmo.from_medmcp(changed)).value == 9


def test_preset_adapter_reads_other_spellings() -> None:
    inputs = [
        {"field": "MAP", "value": 76},
        {"field": "Lactate", "value": "3.8"},
        {"field": "pHa", "value": 7.28},
        {"field": "Platelets", "value": "85"},
        {"field": "Days in hospital before ECMO", "value": "2"},
    ]
    assert get_calculator("preset_ecmo").run(preset_ecmo.from_medmcp(inputs)).value == 8


def test_preset_adapter_names_a_missing_field() -> None:
    inputs = [i for i in PRESET_DEV_INPUTS if "platelet" not in i["field"]]
    with pytest.raises(AdapterError, match="platelet"):
        preset_ecmo.from_medmcp(inputs)


@pytest.mark.parametrize(
    ("change", "word"),
    [
        ({"mean_arterial_pressure": 5}, "mean_arterial_pressure"),
        ({"mean_arterial_pressure": 260}, "mean_arterial_pressure"),
        ({"lactate": -1}, "lactate"),
        ({"arterial_ph": 6.2}, "arterial_ph"),
        ({"arterial_ph": 8.3}, "arterial_ph"),
        ({"platelets": -5}, "platelets"),
        ({"hospital_days": -1}, "hospital_days"),
        ({"hospital_days": 400}, "hospital_days"),
        ({"lactate": [3.8, "g/dL"]}, "lactate"),  # not a unit of lactate
        ({"mean_arterial_pressure": [76, "bpm"]}, "mean_arterial_pressure"),
        ({"hospital_days": [2, "mmHg"]}, "hospital_days"),
        ({"arterial_ph": "acidic"}, "arterial_ph"),
    ],
)
def test_preset_bad_input_names_the_field(change: dict[str, Any], word: str) -> None:
    with pytest.raises(CalculatorInputError, match=word):
        get_calculator("preset_ecmo").run({**PRESET_BASE, **change})


@pytest.mark.parametrize("missing", sorted(PRESET_BASE))
def test_preset_every_input_is_required(missing: str) -> None:
    raw = {k: v for k, v in PRESET_BASE.items() if k != missing}
    with pytest.raises(CalculatorInputError, match=missing):
        get_calculator("preset_ecmo").run(raw)


# --------------------------------------------------------------------------- Bhutani


def test_bhutani_name_resolves() -> None:
    calc = get_calculator(BHUTANI_NAME)
    assert calc.id == "bhutani_bilirubin"
    assert calc.meta.doi == "10.1542/peds.103.1.6"
    assert get_calculator("Bhutani nomogram").id == "bhutani_bilirubin"
    assert dev_items(BHUTANI_NAME) == []  # its tasks are not in the dev half


def test_bhutani_tabulation_shape() -> None:
    # 35 points, 4 hours apart, from 12 to 148 hours; the curves never cross.
    assert len(bhutani.P40) == len(bhutani.P75) == len(bhutani.P95) == 35
    assert bhutani.END_HOUR == 148
    for p40, p75, p95 in zip(bhutani.P40, bhutani.P75, bhutani.P95, strict=True):
        assert p40 < p75 < p95


def test_bhutani_hand_worked_48_hours() -> None:
    # 48 h is tabulated (index (48 - 12) / 4 = 9): 40th 8.6, 75th 10.8, 95th 13.2 mg/dL.
    # TSB 11.0 > 10.8 (75th) and < 13.2 (95th) → high-intermediate risk zone;
    # Bhutani 1999 Table 3: 46/356 = 12.9% reached the high-risk zone, LR 3.20.
    r = get_calculator("bhutani_bilirubin").run(BHUTANI_BASE)
    assert r.value == "High-intermediate risk zone"
    assert [s.value for s in r.steps[:3]] == [8.6, 10.8, 13.2]
    assert r.extra["probability_subsequent_high_risk_percent"] == 12.9
    assert r.extra["likelihood_ratio"] == 3.2
    assert r.interpretation.startswith("High-intermediate risk zone (76th-95th percentile)")
    assert "46/356 (12.9%)" in r.interpretation


def test_bhutani_hand_worked_interpolated_hour() -> None:
    # 30 h lies between 28 h (index 4: 5.5 / 7.0 / 8.9) and 32 h (index 5: 6.3 / 8.0 / 10.0),
    # halfway: 40th (5.5 + 6.3) / 2 = 5.9; 75th (7.0 + 8.0) / 2 = 7.5; 95th (8.9 + 10.0) / 2
    # = 9.45. TSB 9.5 ≥ 9.45 → high risk zone (68/172 = 39.5%, LR 14.08).
    r = get_calculator("bhutani_bilirubin").run({"age_hours": 30, "total_bilirubin": 9.5})
    assert [s.value for s in r.steps[:3]] == [5.9, 7.5, 9.45]
    assert r.value == "High risk zone"
    assert r.extra["probability_subsequent_high_risk_percent"] == 39.5


@pytest.mark.parametrize(
    ("tsb", "zone"),
    [
        (13.2, "High risk zone"),  # at the 95th percentile: ≥95th is high risk
        (13.19, "High-intermediate risk zone"),
        (10.81, "High-intermediate risk zone"),
        (10.8, "Low-intermediate risk zone"),  # at the 75th: 40th-75th
        (8.6, "Low-intermediate risk zone"),  # at the 40th
        (8.59, "Low risk zone"),
        (2.0, "Low risk zone"),
    ],
)
def test_bhutani_zone_edges_at_48_hours(tsb: float, zone: str) -> None:
    r = get_calculator("bhutani_bilirubin").run({"age_hours": 48, "total_bilirubin": tsb})
    assert r.value == zone


def test_bhutani_low_zone_figures() -> None:
    r = get_calculator("bhutani_bilirubin").run({"age_hours": 48, "total_bilirubin": 6})
    assert r.extra["probability_subsequent_high_risk_percent"] == 0.0
    assert "0/1756" in r.interpretation


def test_bhutani_tabulation_ends() -> None:
    calc = get_calculator("bhutani_bilirubin")
    first = calc.run({"age_hours": 12, "total_bilirubin": 4.0})
    assert [s.value for s in first.steps[:3]] == [3.9, 5.1, 7.1]
    assert first.value == "Low-intermediate risk zone"
    last = calc.run({"age_hours": 148, "total_bilirubin": 17.4})
    assert [s.value for s in last.steps[:3]] == [13.0, 15.3, 17.4]
    assert last.value == "High risk zone"
    # Both lie outside the 18-72 h window of the study's predictive samples.
    assert any("18-72" in w for w in first.warnings)
    assert not any("18-72" in w for w in calc.run(BHUTANI_BASE).warnings)


def test_bhutani_units() -> None:
    calc = get_calculator("bhutani_bilirubin")
    # 188.1 µmol/L / 17.1 = 11.0 mg/dL; 2 days = 48 h.
    r = calc.run({"age_hours": [2, "days"], "total_bilirubin": [188.1, "umol/L"]})
    assert r.value == "High-intermediate risk zone"


def test_bhutani_curve_refuses_ages_off_the_tabulation() -> None:
    with pytest.raises(ValueError, match="12-148 hours"):
        bhutani.curve_at(bhutani.P40, 150)


@pytest.mark.parametrize(
    ("change", "word"),
    [
        ({"age_hours": 6}, "age_hours"),  # before the nomogram's curves start
        ({"age_hours": 200}, "age_hours"),  # after they end
        ({"total_bilirubin": -1}, "total_bilirubin"),
        ({"total_bilirubin": 55}, "total_bilirubin"),
        ({"total_bilirubin": [11, "g/dL"]}, "total_bilirubin"),  # not a unit of bilirubin
        ({"age_hours": [48, "kg"]}, "age_hours"),
    ],
)
def test_bhutani_bad_input_names_the_field(change: dict[str, Any], word: str) -> None:
    with pytest.raises(CalculatorInputError, match=word):
        get_calculator("bhutani_bilirubin").run({**BHUTANI_BASE, **change})


@pytest.mark.parametrize("missing", sorted(BHUTANI_BASE))
def test_bhutani_every_input_is_required(missing: str) -> None:
    raw = {k: v for k, v in BHUTANI_BASE.items() if k != missing}
    with pytest.raises(CalculatorInputError, match=missing):
        get_calculator("bhutani_bilirubin").run(raw)


def test_bhutani_item_in_benchmark_format_is_scored() -> None:
    # An item written the way MedMCP-Calc records others (no dev item exists for this name).
    answer = {
        "order": 1,
        "name": BHUTANI_NAME,
        "inputs": [
            {"field": "age_hours", "value": "48 hours"},
            {"field": "total_serum_bilirubin_mg_dL", "value": "11.0 mg/dL"},
        ],
        "final_answer": "High-intermediate risk",
        "notes": "",
    }
    row = medmcp_calc.score_answer("synthetic", answer)
    assert row.status == "matched", row


def test_bhutani_adapter_variants() -> None:
    inputs = [
        {"field": "Postnatal age", "value": "2 days"},
        {"field": "TSB", "value": "188.1 µmol/L"},
    ]
    kwargs = bhutani.from_medmcp(inputs)
    assert kwargs == {"age_hours": [2.0, "days"], "total_bilirubin": [188.1, "µmol/L"]}
    assert get_calculator("bhutani_bilirubin").run(kwargs).value == "High-intermediate risk zone"


def test_bhutani_adapter_names_a_missing_field() -> None:
    with pytest.raises(AdapterError, match="bilirubin"):
        bhutani.from_medmcp([{"field": "age_hours", "value": "48 hours"}])
