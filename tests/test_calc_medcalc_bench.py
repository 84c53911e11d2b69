"""MedCalc-Bench parity on the development subset: zero wrong rows, every erratum justified."""

from __future__ import annotations

from pathlib import Path

import pytest

from m3agent.calculators.medcalc_bench import (
    ERRATA,
    MedCalcFileError,
    Report,
    score_file,
    score_row,
    within_limits,
)

DEV = "medcalc-bench/dev.csv"


@pytest.fixture(scope="module")
def report(shared_data: Path) -> Report:
    return score_file(shared_data / DEV)


def test_zero_wrong_rows(report: Report) -> None:
    wrong = [
        (r.row_number, r.calculator_name, r.expected, r.got, r.error) for r in report.wrong_rows
    ]
    assert wrong == []
    assert report.totals.not_covered == 0
    assert report.totals.total == 368


def test_every_erratum_row_is_listed_with_its_reason(report: Report) -> None:
    errata_rows = [r for r in report.rows if r.status == "erratum"]
    for r in errata_rows:
        print(
            f"row {r.row_number} (calc {r.calculator_id}, {r.calculator_name}): expected "
            f"{r.expected}, ours {r.got if r.error is None else 'rejected'} — "
            f"{r.erratum_reason}"
        )
    assert len(errata_rows) == len(ERRATA) == report.totals.erratum
    assert all(r.erratum_reason and len(r.erratum_reason) > 40 for r in errata_rows)


def test_each_erratum_really_is_outside_the_limits(report: Report) -> None:
    by_row = {r.row_number: r for r in report.rows}
    for e in ERRATA:
        r = by_row[e.row_number]
        assert (r.calculator_id, r.note_id) == (e.calculator_id, e.note_id), e
        # Our published-formula value is outside [lower, upper], or the input is rejected
        # as non-physiological (the two unit-typo rows).
        assert not within_limits(r.got, r.lower, r.upper), e
        assert r.status == "erratum"
        if r.got is None:
            assert r.error and ("range" in e.reason or "rejects" in e.reason)


def test_known_errata_of_this_version_are_present() -> None:
    calc_ids = {e.calculator_id for e in ERRATA}
    # Glasgow Coma Score, Caprini, Framingham and MELD Na (README of the dataset).
    assert {21, 36, 46, 23} <= calc_ids


def test_correct_by_category(report: Report) -> None:
    # Every category has rows; errata concentrate in the scores the benchmark miscodes.
    assert set(report.by_category) == {
        "lab",
        "risk",
        "physical",
        "severity",
        "diagnosis",
        "date",
        "dosage",
    }
    assert report.by_category["physical"].erratum == 0
    assert report.by_category["dosage"].erratum == 0
    assert report.totals.correct == 296


def test_within_limits_compares_like_the_benchmark() -> None:
    assert within_limits(25.2, "23.9761", "26.4999")
    assert not within_limits(27.0, "23.9761", "26.4999")
    assert within_limits(-0.8, "-0.8694", "-0.7866")
    assert within_limits(4, "4", "4") and not within_limits(5, "4", "4")
    assert within_limits("2014-09-23", "09/23/2014", "09/23/2014")
    assert not within_limits("2014-09-11", "09/23/2014", "09/23/2014")
    assert within_limits("(0 weeks, 6 days)", "('0 weeks', '6 days')", "('0 weeks', '6 days')")
    assert not within_limits("(1 week, 6 days)", "('0 weeks', '6 days')", "('0 weeks', '6 days')")
    assert not within_limits(None, "1", "2")
    assert not within_limits("E(2) V(NT) M(3)", "13", "13")


def test_score_row_handles_unknown_calculator_and_bad_entities() -> None:
    row = {
        "Row Number": "1",
        "Calculator ID": "999",
        "Calculator Name": "x",
        "Relevant Entities": "{}",
        "Ground Truth Answer": "1",
        "Lower Limit": "1",
        "Upper Limit": "1",
    }
    assert score_row(row).status == "not_covered"
    row.update({"Calculator ID": "6", "Relevant Entities": "{'weight': [70, 'kg']}"})
    result = score_row(row)
    assert result.status == "wrong" and "height" in (result.error or "")
    row["Relevant Entities"] = "__import__('os')"
    assert score_row(row).status == "wrong"  # literal_eval refuses code


def test_score_file_rejects_missing_or_foreign_files(tmp_path: Path) -> None:
    with pytest.raises(MedCalcFileError, match="not found"):
        score_file(tmp_path / "none.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(MedCalcFileError, match="missing columns"):
        score_file(bad)
