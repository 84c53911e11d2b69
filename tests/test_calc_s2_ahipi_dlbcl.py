"""A-HIPI (advanced-stage Hodgkin lymphoma): hand-worked examples, the dev item, bad inputs.

The "Prognosis Calculator for Relapsed/Refractory DLBCL" is not implemented: no dev item names
it and no published model with its coefficients was found (see the session report).
"""

from __future__ import annotations

from typing import Any

import pytest

from m3agent.calculators import medmcp_calc
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError, get_calculator

from calc_testkit import dev_items

# The dev item's inputs, as MedMCP-Calc records them.
DEV_INPUTS: list[dict[str, Any]] = [
    {"field": "Age", "value": "65 years"},
    {"field": "Albumin", "value": "4.0 g/dL"},
    {"field": "Bulk", "value": "No bulky disease"},
    {"field": "Gender", "value": "Female"},
    {"field": "Hemoglobin", "value": "12.8 g/dL"},
    {"field": "Lymphocyte count", "value": "1.8 x10^9/L"},
    {"field": "Stage", "value": "Stage IIB"},
]

BASE: dict[str, Any] = {
    "age": 65,
    "sex": "female",
    "stage": "IIB",
    "bulky_disease": False,
    "albumin": 4.0,
    "hemoglobin": 12.8,
    "lymphocytes": 1.8,
}


def test_name_resolves() -> None:
    calc = get_calculator("A-HIPI")
    assert calc.id == "a_hipi"
    assert calc.meta.doi == "10.1200/JCO.22.02473"
    assert hasattr(calc.module, "from_medmcp")


def test_hand_worked_dev_patient() -> None:
    # 65 y, female, stage IIB, no bulk, albumin 4.0 g/dL, Hb 12.8 g/dL, ALC 1.8 × 10⁹/L.
    # PFS LP = -0.0235349·65 + 0.03754181·(65-30) - 0.25541601·1.8 + 0 - 0.27362557·4.0 + 0
    #        = -1.5297685 + 1.3139634 - 0.4597488 - 1.0945023 = -1.7700562
    # PFS = 100 · 0.778205 ^ exp(-1.7700562 + 1.689394) = 100 · 0.778205 ^ 0.922502 = 79.35%
    # OS LP = -0.23395617 (female) - 0.02039509·65 + 0.06586394·35 - 0.46322696·1.8
    #         - 0.11580102·12.8 - 0.37859857·4.0 = -3.0848550
    # OS = 100 · 0.9372773 ^ exp(-3.0848550 + 3.515723) = 100 · 0.9372773 ^ 1.538604 = 90.51%
    r = get_calculator("a_hipi").run(BASE)
    assert r.value == pytest.approx(79.35, abs=0.005)
    assert r.unit == "%"
    assert r.extra["os_5y_percent"] == pytest.approx(90.51, abs=0.005)
    assert r.extra["pfs_linear_predictor"] == pytest.approx(-1.7700562, abs=1e-6)
    assert r.extra["os_linear_predictor"] == pytest.approx(-3.0848550, abs=1e-6)
    assert "79.35%" in (r.interpretation or "") and "90.51%" in (r.interpretation or "")


def test_hand_worked_young_man_stage_iv_bulky() -> None:
    # 25 y, male, stage IV, bulky, albumin 3.2 g/dL, Hb 10.4 g/dL, ALC 2.6 × 10⁹/L: age below
    # the 30-year knot (no age-above-30 term), ALC above the 2.0 knot (0.6 over).
    # PFS LP = -0.0235349·25 - 0.25541601·2.6 + 0.42244199·0.6 - 0.27362557·3.2 + 0.37651968
    #        = -0.5883725 - 0.6640816 + 0.2534652 - 0.8756018 + 0.3765197 = -1.4980711
    # PFS = 100 · 0.778205 ^ exp(-1.4980711 + 1.689394) = 100 · 0.778205 ^ 1.2108504 = 73.81%
    # OS LP = 0.26580226 + 0.2903614 - 0.02039509·25 - 0.46322696·2.6 + 0.83241075·0.6
    #         - 0.11580102·10.4 - 0.37859857·3.2 = -3.0745033
    # OS = 100 · 0.9372773 ^ exp(-3.0745033 + 3.515723) = 100 · 0.9372773 ^ 1.5546023 = 90.42%
    r = get_calculator("a_hipi").run(
        {
            "age": 25,
            "sex": "male",
            "stage": "IV",
            "bulky_disease": True,
            "albumin": 3.2,
            "hemoglobin": 10.4,
            "lymphocytes": 2.6,
        }
    )
    assert r.value == pytest.approx(73.81, abs=0.005)
    assert r.extra["os_5y_percent"] == pytest.approx(90.42, abs=0.005)


def test_steps_sum_to_the_linear_predictors() -> None:
    r = get_calculator("a_hipi").run(BASE)
    pfs = [s for s in r.steps if s.label.startswith("PFS:")]
    os_ = [s for s in r.steps if s.label.startswith("OS:")]
    assert sum(s.points or 0 for s in pfs) == pytest.approx(r.extra["pfs_linear_predictor"])
    assert sum(s.points or 0 for s in os_) == pytest.approx(r.extra["os_linear_predictor"])
    assert pfs[-1].total == pytest.approx(r.extra["pfs_linear_predictor"])


def test_worse_features_lower_survival() -> None:
    calc = get_calculator("a_hipi")
    base = calc.run(BASE)
    worse = calc.run({**BASE, "stage": "IV", "bulky_disease": True, "albumin": 2.5})
    assert worse.value < base.value
    assert worse.extra["os_5y_percent"] < base.extra["os_5y_percent"]


def test_si_units_give_the_same_answer() -> None:
    calc = get_calculator("a_hipi")
    si = calc.run(
        {**BASE, "albumin": [40, "g/L"], "hemoglobin": [128, "g/L"], "lymphocytes": [1800, "/uL"]}
    )
    assert si.value == calc.run(BASE).value
    assert si.extra["os_5y_percent"] == calc.run(BASE).extra["os_5y_percent"]


def test_every_dev_item_matches() -> None:
    items = dev_items("A-HIPI")
    assert len(items) == 1
    for task_id, answer in items:
        row = medmcp_calc.score_answer(task_id, answer)
        assert row.status == "matched", row
        assert row.got == pytest.approx(79.35, abs=0.005)
        # The notes record the OS as well; it must agree too.
        calc = get_calculator("A-HIPI")
        r = calc.run(calc.module.from_medmcp(answer["inputs"]))
        assert f"{r.extra['os_5y_percent']:.2f}%" in answer["notes"]


def test_adapter_reads_the_dev_item() -> None:
    calc = get_calculator("A-HIPI")
    kwargs = calc.module.from_medmcp(DEV_INPUTS)
    assert kwargs["sex"] == "female"
    assert kwargs["stage"] == "IIB"
    assert kwargs["bulky_disease"] is False
    assert calc.run(kwargs).value == pytest.approx(79.35, abs=0.005)


@pytest.mark.parametrize(
    ("field", "value", "key", "expected"),
    [
        ("Stage", "Stage IVB", "stage", "IV"),
        ("Stage", "IIIA", "stage", "III"),
        ("Stage", "Stage 4", "stage", "IV"),
        ("Bulk", "Bulky disease present", "bulky_disease", True),
        ("Bulk", "Yes", "bulky_disease", True),
        ("Bulk", "Non-bulky", "bulky_disease", False),
        ("Gender", "Male", "sex", "male"),
    ],
)
def test_adapter_variants(field: str, value: str, key: str, expected: Any) -> None:
    inputs = [i if i["field"] != field else {"field": field, "value": value} for i in DEV_INPUTS]
    assert get_calculator("A-HIPI").module.from_medmcp(inputs)[key] == expected


def test_adapter_reads_bare_si_numbers() -> None:
    inputs = [
        {"field": "Age", "value": 65},
        {"field": "Albumin", "value": 40},
        {"field": "Bulk", "value": "No"},
        {"field": "Sex", "value": "F"},
        {"field": "Hemoglobin", "value": 128},
        {"field": "Absolute lymphocyte count", "value": 1800},
        {"field": "Stage", "value": "IIB"},
    ]
    calc = get_calculator("A-HIPI")
    assert calc.run(calc.module.from_medmcp(inputs)).value == pytest.approx(79.35, abs=0.005)


@pytest.mark.parametrize(
    ("field", "value", "word"),
    [
        ("Stage", "Stage IIA", "advanced stage"),
        ("Stage", "Stage I", "advanced stage"),
        ("Stage", "unknown", "stage"),
        ("Gender", "unknown", "sex"),
    ],
)
def test_adapter_refuses_what_the_model_cannot_take(field: str, value: str, word: str) -> None:
    inputs = [i if i["field"] != field else {"field": field, "value": value} for i in DEV_INPUTS]
    with pytest.raises(AdapterError, match=word):
        get_calculator("A-HIPI").module.from_medmcp(inputs)


def test_adapter_names_a_missing_field() -> None:
    inputs = [i for i in DEV_INPUTS if i["field"] != "Albumin"]
    with pytest.raises(AdapterError, match="albumin"):
        get_calculator("A-HIPI").module.from_medmcp(inputs)


@pytest.mark.parametrize(
    ("change", "word"),
    [
        ({"age": 70}, "age"),  # the model was derived in adults 18-65
        ({"age": 16}, "age"),
        ({"lymphocytes": 6.2}, "lymphocytes"),  # the calculator's range is 0.1-5.0 × 10⁹/L
        ({"albumin": 0.5}, "albumin"),
        ({"hemoglobin": 19}, "hemoglobin"),
        ({"stage": "IIA"}, "stage"),
        ({"sex": "other"}, "sex"),
        ({"albumin": [4.0, "mmol/L"]}, "albumin"),  # not a unit of albumin
        ({"hemoglobin": [12.8, "mg"]}, "hemoglobin"),
    ],
)
def test_bad_input_names_the_field(change: dict[str, Any], word: str) -> None:
    with pytest.raises(CalculatorInputError, match=word):
        get_calculator("a_hipi").run({**BASE, **change})


@pytest.mark.parametrize("missing", sorted(BASE))
def test_every_input_is_required(missing: str) -> None:
    raw = {k: v for k, v in BASE.items() if k != missing}
    with pytest.raises(CalculatorInputError, match=missing):
        get_calculator("a_hipi").run(raw)
