"""CDC 2000 growth-chart percentile calculators (infant length, head circumference, weight for
length; stature and weight for age 2-20 years, boys and girls)."""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any

import pytest

from m3agent.calculators import medmcp_calc, registry
from m3agent.calculators.library import _cdc_growth as cdc
from m3agent.calculators.library import _cdc_lms
from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import dev_items, run

NAMES = {
    "CDC/NCHS Infant Length for Age Percentiles (<36 months)": "cdc_infant_length_for_age",
    "CDC/NCHS Infant Head Circumference for Age Percentiles (<36 months)": (
        "cdc_infant_head_circumference_for_age"
    ),
    "CDC/NCHS Infant Weight for Length Percentiles (< 36 months)": "cdc_infant_weight_for_length",
    "CDC Height for Age Percentiles for Boys (2 - 20 years)": "cdc_height_for_age_boys",
    "CDC Height for Age Percentiles for Girls (2 - 20 years)": "cdc_height_for_age_girls",
    "CDC Weight for Age Percentiles for Boys (2-20 years)": "cdc_weight_for_age_boys",
    "CDC Weight for Age Percentiles for Girls (2 - 20 years)": "cdc_weight_for_age_girls",
}

Z97 = NormalDist().inv_cdf(0.97)  # 1.8808, the z of CDC's P97 column


@pytest.mark.parametrize("name", sorted(NAMES))
def test_medmcp_names_resolve(name: str) -> None:
    assert registry.get_calculator(name).id == NAMES[name]


def test_tables_have_cdc_grid() -> None:
    # Row counts per sex of the CDC files: lenageinf 0, 0.5 .. 35.5; hcageinf adds 36;
    # wtleninf 45, 45.5 .. 103.5; statage / wtage 24, 24.5 .. 239.5, 240.
    sizes = {
        "LENGTH_FOR_AGE_INFANT": 37,
        "HEAD_CIRCUMFERENCE_FOR_AGE_INFANT": 38,
        "WEIGHT_FOR_LENGTH_INFANT": 60,
        "STATURE_FOR_AGE": 218,
        "WEIGHT_FOR_AGE": 218,
    }
    for name, n in sizes.items():
        table = getattr(_cdc_lms, name)
        for sex in (1, 2):
            xs = [r[0] for r in table[sex]]
            assert len(xs) == n, name
            assert xs == sorted(xs)
            assert all(x2 - x1 in (0.5, 1.0) for x1, x2 in zip(xs, xs[1:], strict=False))


# (table, sex, row, published P3, published P97) copied from the CDC data files.
PUBLISHED = [
    ("LENGTH_FOR_AGE_INFANT", 1, 2.5, 55.2632178, 64.69240909),
    ("LENGTH_FOR_AGE_INFANT", 2, 30.5, 84.02971817, 98.34139389),
    ("HEAD_CIRCUMFERENCE_FOR_AGE_INFANT", 2, 9.5, 41.86058302, 46.64053024),
    ("HEAD_CIRCUMFERENCE_FOR_AGE_INFANT", 1, 36, 46.43343534, 52.57205364),
    ("WEIGHT_FOR_LENGTH_INFANT", 1, 71.5, 7.67391364, 10.37048464),
    ("WEIGHT_FOR_LENGTH_INFANT", 2, 103.5, 14.13192569, 20.13795636),
    ("STATURE_FOR_AGE", 2, 100.5, 118.8868959, 141.4521292),
    ("STATURE_FOR_AGE", 1, 240, 163.3333326, 190.1943135),
    ("WEIGHT_FOR_AGE", 1, 30.5, 11.12786972, 16.80719583),
    ("WEIGHT_FOR_AGE", 1, 127.5, 25.54826471, 53.36583897),
]


@pytest.mark.parametrize(("table", "sex", "row", "p3", "p97"), PUBLISHED)
def test_lms_reproduce_published_percentiles(
    table: str, sex: int, row: float, p3: float, p97: float
) -> None:
    x, lam, med, cv = next(r for r in getattr(_cdc_lms, table)[sex] if r[0] == row)
    for z, want in ((-Z97, p3), (Z97, p97)):
        assert med * (1 + lam * cv * z) ** (1 / lam) == pytest.approx(want, rel=2e-6)


def test_length_for_age_hand_worked() -> None:
    # Boy, 2.0 months, 56.5 cm. CDC: "1.5 months represents 1.0-1.99 months", so 2.0 months is
    # read from the 2.5 row: L = -0.990594599, M = 59.60895343, S = 0.041795583.
    # X/M = 56.5 / 59.60895343 = 0.947844; (X/M)^L = exp(-0.990595 × ln 0.947844)
    #     = exp(-0.990595 × -0.053565) = 1.054494; L·S = -0.041402;
    # Z = (1.054494 - 1) / -0.041402 = -1.3162; 100·Φ(-1.3162) = 9.405%.
    r = run("cdc_infant_length_for_age", sex="male", age=[2.0, "months"], length=56.5)
    assert r.value == pytest.approx(9.405, abs=0.001)
    assert r.unit == "%"
    assert r.extra["z_score"] == pytest.approx(-1.3162, abs=1e-4)
    assert r.extra["lms_row"] == "row 2.5"
    assert [s.label for s in r.steps] == ["Length", "LMS parameters", "Z-score", "Percentile"]
    assert r.warnings == [cdc.WHO_UNDER_24_MONTHS]


def test_weight_for_age_hand_worked() -> None:
    # Boy, 24.0 months, 12.8 kg: row 24.5 (24.0-24.99 months) of wtage.csv:
    # L = -0.216501213, M = 12.74154396, S = 0.108166006.
    # X/M = 1.004588; (X/M)^L = 0.999009; L·S = -0.023418;
    # Z = (0.999009 - 1) / -0.023418 = 0.0423; 100·Φ(0.0423) = 51.687%.
    r = run("cdc_weight_for_age_boys", age=24, weight=12.8)
    assert r.value == pytest.approx(51.687, abs=0.001)
    assert r.extra["z_score"] == pytest.approx(0.0423, abs=1e-4)
    assert r.warnings == []


# A measurement equal to CDC's published 97th / 3rd percentile of a row is at that percentile.
@pytest.mark.parametrize(
    ("calc_id", "inputs", "want"),
    [
        ("cdc_infant_length_for_age", {"sex": "male", "age": 2.2, "length": 64.69240909}, 97),
        ("cdc_infant_length_for_age", {"sex": "female", "age": 30, "length": 84.02971817}, 3),
        (
            "cdc_infant_head_circumference_for_age",
            {"sex": "female", "age": 9.9, "head_circumference": 41.86058302},
            3,
        ),
        (
            "cdc_infant_weight_for_length",
            {"sex": "male", "length": 71.0, "weight": 10.37048464},
            97,
        ),
        ("cdc_height_for_age_girls", {"age": 100, "height": 141.4521292}, 97),
        ("cdc_height_for_age_boys", {"age": 240, "height": 163.3333326}, 3),
        ("cdc_weight_for_age_boys", {"age": 30.5, "weight": 16.80719583}, 97),
        ("cdc_weight_for_age_girls", {"age": "2 years", "weight": 12.13455523}, 50),
    ],
)
def test_published_percentile_points(calc_id: str, inputs: dict[str, Any], want: float) -> None:
    assert run(calc_id, **inputs).value == pytest.approx(want, abs=0.001)


def test_girls_and_boys_charts_differ() -> None:
    boys = run("cdc_height_for_age_boys", age=100, height=130)
    girls = run("cdc_height_for_age_girls", age=100, height=130)
    assert boys.extra["M"] == 130.0550101  # statage.csv, male, 100.5
    assert girls.extra["M"] == 129.6675143  # statage.csv, female, 100.5
    assert boys.value != girls.value


def test_birth_row_and_interpolation() -> None:
    # Birth is the one point row ("The only exception is birth").
    birth = run("cdc_infant_length_for_age", sex="female", age=0, length=49.28639612)
    assert birth.extra["lms_row"] == "row 0"
    assert birth.value == pytest.approx(50.0, abs=1e-6)
    # Interpolating at 2.0 months lies halfway between the 1.5 and 2.5 rows.
    r = run("cdc_infant_length_for_age", sex="male", age=2.0, length=56.5, interpolate=True)
    assert r.extra["M"] == pytest.approx((56.62842855 + 59.60895343) / 2)
    assert r.extra["z_score"] == pytest.approx(-0.6643, abs=1e-4)


def test_interpretation_bands() -> None:
    normal = run(
        "cdc_infant_head_circumference_for_age", sex="male", age=2, head_circumference=39.4
    )
    assert normal.interpretation.startswith("Percentile ≥3 and <97: Normal head circumference")
    small = run("cdc_infant_head_circumference_for_age", sex="male", age=2, head_circumference=36)
    assert small.interpretation.startswith("Percentile < 3:")
    heavy = run("cdc_infant_weight_for_length", sex="female", length=60, weight=9)
    assert heavy.interpretation.startswith("Percentile ≥ 95:")
    short = run("cdc_height_for_age_girls", age=60, height=98)
    assert short.interpretation.startswith("Percentile < 5:")


def test_units_convert() -> None:
    cm = run("cdc_height_for_age_boys", age=60, height=110)
    inches = run("cdc_height_for_age_boys", age=[5, "years"], height=[110 / 2.54, "in"])
    assert inches.value == pytest.approx(cm.value)
    lb = run("cdc_infant_weight_for_length", sex="male", length=71, weight=[8.6 / 0.45359237, "lb"])
    assert lb.value == pytest.approx(
        run("cdc_infant_weight_for_length", sex="male", length=71, weight=8.6).value
    )


@pytest.mark.parametrize(
    ("calc_id", "inputs", "field"),
    [
        ("cdc_infant_length_for_age", {"sex": "male", "length": 56.5}, "age"),
        ("cdc_infant_length_for_age", {"sex": "male", "age": 40, "length": 90}, "age"),
        ("cdc_infant_length_for_age", {"sex": "other", "age": 2, "length": 56.5}, "sex"),
        ("cdc_infant_weight_for_length", {"sex": "male", "length": 40, "weight": 3}, "length"),
        ("cdc_height_for_age_boys", {"age": 18, "height": 80}, "age"),
        ("cdc_weight_for_age_girls", {"age": 30, "weight": -2}, "weight"),
        ("cdc_weight_for_age_girls", {"age": 30, "weight": 14, "sex": "female"}, "sex"),
    ],
)
def test_bad_inputs_name_the_field(calc_id: str, inputs: dict[str, Any], field: str) -> None:
    with pytest.raises(CalculatorInputError) as e:
        run(calc_id, **inputs)
    assert field in e.value.fields
    assert field in str(e.value)


def test_wrong_unit_is_rejected() -> None:
    with pytest.raises(CalculatorInputError, match="length: unit 'kg' is not a unit of height"):
        run("cdc_infant_length_for_age", sex="male", age=2, length=[56.5, "kg"])


def test_adapter_missing_field() -> None:
    module = registry.get_calculator("cdc_infant_head_circumference_for_age").module
    with pytest.raises(MedMCPInputError, match="head circumference"):
        module.from_medmcp([{"field": "Sex", "value": "Male"}, {"field": "Age", "value": "2"}])


def test_every_dev_item_is_scored() -> None:
    items = dev_items(NAMES)
    assert len(items) == 19
    for task_id, answer in items:
        row = medmcp_calc.score_answer(task_id, answer)
        # Declared errata (MDCalc's percentile of the rounded z), never a mismatch or error.
        assert row.status in ("matched", "erratum"), (task_id, answer["order"], row)
        assert row.calculator == NAMES[answer["name"]]


def test_dev_items_reproduce_mdcalc_with_its_rounded_z() -> None:
    # MDCalc shows "Z Score -1.32 / Percentile 9.342%" and 9.342 = 100·Φ(-1.32): our z agrees
    # to the 2 decimals it shows, and the percentile of that rounded z is the task's answer.
    for task_id, answer in dev_items(NAMES):
        calc = registry.get_calculator(answer["name"])
        result = calc.run(calc.module.from_medmcp(answer["inputs"]))
        notes = answer["notes"].split()
        shown_z = float(notes[notes.index("Score") + 1])
        assert round(result.extra["z_score"], 2) == pytest.approx(shown_z, abs=1e-9), task_id
        mdcalc_pct = 100 * NormalDist().cdf(shown_z)
        assert medmcp_calc.matches(round(mdcalc_pct, 3), answer["final_answer"]), answer
        assert math.isclose(result.value, cdc.percentile(result.extra["z_score"]), abs_tol=6e-3)
