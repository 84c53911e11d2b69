"""Numbers, operators and units as criteria write them, converted through calculators.units."""

from __future__ import annotations

import pytest

from m3agent.calculators.units import UnitError, convert
from m3agent.retrieval.trials.lab_concepts import LAB_BY_KEY
from m3agent.retrieval.trials.quantities import (
    compare,
    count_unit_by_magnitude,
    normalize_unit,
    parse_number,
    parse_operator,
    read_unit,
    to_concept_unit,
)


@pytest.mark.parametrize(
    ("written", "op"),
    [
        ("≥", ">="),
        (">=", ">="),
        ("> =", ">="),
        ("=>", ">="),
        ("⩾", ">="),
        ("≤", "<="),
        ("=<", "<="),
        ("<", "<"),
        ("at least", ">="),
        ("no more than", "<="),
        ("not less than", ">="),
        ("less than or equal to", "<="),
        ("greater than", ">"),
        ("more than", ">"),
        ("below", "<"),
        ("Exceeding", ">"),
    ],
)
def test_parse_operator(written: str, op: str) -> None:
    assert parse_operator(written) == op


def test_parse_operator_and_number_reject_junk() -> None:
    with pytest.raises(ValueError, match="expected a comparison"):
        parse_operator("about")
    with pytest.raises(ValueError, match="expected a number"):
        parse_number("1O0")
    assert parse_number("100,000") == 100000
    assert parse_number("1.5") == 1.5


@pytest.mark.parametrize(
    ("after", "unit"),
    [
        (" mg/dL at screening", "mg/dl"),
        ("/µL", "/ul"),
        ("/μl", "/ul"),
        (" x 10^9/L)", "10^9/l"),
        (" × 10⁹/L", "10^9/l"),
        (" x 109/L", "10^9/l"),  # a superscript lost in copying
        (" 10^3/µL", "k/ul"),
        ("/mm3.", "/mm3"),
        ("mL/min/1.73 m2 or diabetes", "ml/min/1.73m²"),
        (" ml / min", "ml/min"),
        (" mm of Hg", "mmhg"),
        ("G/dl)", "g/dl"),
        (" % at Screening]", "%"),
        (" micro mmol/L", "umol/l"),
        (" µmol/L", "umol/l"),
        (" kg/m2", "kg/m²"),
        (" mmol/mol", "mmol/mol"),
        (" years", None),
        ("", None),
    ],
)
def test_read_unit(after: str, unit: str | None) -> None:
    assert read_unit(after)[0] == unit


def test_normalize_unit_unknown() -> None:
    assert normalize_unit("furlongs") is None
    assert normalize_unit("mEq/L") == "meq/l"


@pytest.mark.parametrize(
    ("concept", "value", "unit", "expected"),
    [
        ("creatinine", 177, "umol/l", 2.002),  # 177 µmol/L / 88.4 = 2.0 mg/dL
        ("creatinine", 250, "umol/l", 2.828),
        ("glucose", 10, "mmol/l", 180.16),  # × 18.016
        ("hemoglobin", 90, "g/l", 9.0),
        ("platelets", 100000, "/ul", 100.0),
        ("platelets", 100, "10^9/l", 100.0),
        ("anc", 1500, "/mm3", 1.5),
        ("anc", 1.5, "10^9/l", 1.5),
        ("wbc", 3, "g/l", 3.0),  # "G/L" in a count is giga per litre
        ("hba1c", 53, "mmol/mol", 7.0),  # IFCC → NGSP master equation
        ("hba1c", 7, "%", 7.0),
        ("egfr", 30, "ml/min", 30.0),
        ("bilirubin", 17.1, "umol/l", 1.0),
    ],
)
def test_to_concept_unit(concept: str, value: float, unit: str, expected: float) -> None:
    got, assumed = to_concept_unit(value, unit, LAB_BY_KEY[concept])
    assert got == pytest.approx(expected, rel=1e-3)
    assert assumed is False


def test_missing_units_are_assumed() -> None:
    # Bare counts are read by magnitude: ANC 1500 is per µL, platelets 100 are 10³/µL.
    assert count_unit_by_magnitude(1500) == "/ul"
    assert count_unit_by_magnitude(100) == "k/ul"
    assert to_concept_unit(1500, None, LAB_BY_KEY["anc"]) == (pytest.approx(1.5), True)
    assert to_concept_unit(100, None, LAB_BY_KEY["platelets"]) == (pytest.approx(100), True)
    assert to_concept_unit(2.0, None, LAB_BY_KEY["creatinine"]) == (pytest.approx(2.0), True)


def test_wrong_kind_of_unit_raises() -> None:
    with pytest.raises(UnitError, match="not a unit of creatinine"):
        to_concept_unit(2.0, "%", LAB_BY_KEY["creatinine"])
    with pytest.raises(UnitError, match="egfr"):
        to_concept_unit(80, "%", LAB_BY_KEY["egfr"])


def test_units_module_entries_added_for_trials() -> None:
    # The kinds this package added to calculators.units: eGFR, BMI, HbA1c (IFCC ↔ NGSP).
    assert convert(30, "mL/min/1.73 m2", "ml/min/1.73m²", kind="egfr") == 30
    assert convert(31, "kg/m2", "kg/m²", kind="bmi") == 31
    assert convert(7.0, "%", "mmol/mol", kind="hba1c") == pytest.approx(53.0, abs=0.05)


def test_compare() -> None:
    assert compare(2.0, ">=", 2.0) and not compare(2.0, ">", 2.0)
    assert compare(1.0, "<", 2.0) and compare(2.0, "<=", 2.0) and compare(2.0, "=", 2.0)
