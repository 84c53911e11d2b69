"""The SQL engine's validation, driven by fixture files (one query a line)."""

from __future__ import annotations

import pytest

from m3agent.tools.errors import SQLParseError, SQLValidationError

from conftest import FIXTURES


def _lines(name: str) -> list[str]:
    text = (FIXTURES / "sql" / name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


DENIED = [tuple(ln.split("\t", 1)) for ln in _lines("denied.sql")]
ALLOWED = _lines("allowed.sql")
REWRITES = [tuple(ln.split("\t")) for ln in _lines("rewrites.tsv")]


def test_fixture_files_are_well_formed():
    assert len(DENIED) >= 100
    assert all(len(d) == 2 and d[0] for d in DENIED)
    assert len(ALLOWED) >= 40


@pytest.mark.parametrize(("rule", "sql"), DENIED, ids=[f"{r}:{s[:40]}" for r, s in DENIED])
def test_denied(engine, rule, sql):
    if rule == "parse":
        with pytest.raises(SQLParseError):
            engine.execute(sql)
        return
    with pytest.raises(SQLValidationError) as info:
        engine.execute(sql)
    assert info.value.rule == rule, str(info.value)
    assert "Refused by rule" in str(info.value)


@pytest.mark.parametrize("sql", ALLOWED, ids=[s[:50] for s in ALLOWED])
def test_allowed_runs(engine, sql):
    result = engine.execute(sql, max_rows=50)
    assert result.columns
    assert result.row_count == len(result.rows)


@pytest.mark.parametrize(("dialect", "sql", "expected"), REWRITES,
                         ids=[r[1][:40] for r in REWRITES])
def test_rewrites(engine, dialect, sql, expected):
    prepared = engine.prepare(sql, dialect=dialect, max_rows=100)
    assert prepared.sql == expected


@pytest.mark.parametrize("sql", [
    "SELECT event_txt FROM mimiciv_hosp.emar WHERE event_txt = 'Administered' LIMIT 1",
    "SELECT label FROM mimiciv_icu.d_items WHERE label ILIKE '%secretion%' LIMIT 1",
])
def test_honest_text_that_keyword_filters_reject_returns_rows(engine, sql):
    assert engine.execute(sql).row_count == 1


def test_truncation_is_detected(engine):
    r = engine.execute("SELECT subject_id FROM patients", max_rows=10)
    assert r.truncated and r.row_count == 10
    r = engine.execute("SELECT subject_id FROM patients", max_rows=100)
    assert not r.truncated and r.row_count == 100


def test_table_name_forms_resolve_to_the_same_table(engine):
    forms = ["patients", "hosp.patients", "mimiciv_hosp.patients", "mimiciv_3_1_hosp.patients"]
    counts = {engine.execute(f"SELECT count(*) FROM {f}").rows[0][0] for f in forms}
    bq = engine.execute("SELECT count(*) FROM `physionet-data.mimiciv_3_1_hosp.patients`",
                        dialect="bigquery").rows[0][0]
    assert counts == {100} and bq == 100


def test_results_are_json_safe(engine):
    r = engine.execute("SELECT admittime, dod FROM admissions JOIN patients USING (subject_id) "
                       "WHERE dod IS NOT NULL LIMIT 1")
    assert isinstance(r.rows[0][0], str) and r.rows[0][0][:2] == "21"
    assert r.types[0] == "TIMESTAMP"


def test_typo_gets_the_closest_table(engine):
    with pytest.raises(SQLValidationError) as info:
        engine.execute("SELECT * FROM admisions")
    assert "mimiciv_hosp.admissions" in (info.value.hint or "")


def test_parse_error_says_where(engine):
    with pytest.raises(SQLParseError) as info:
        engine.execute("SELECT FROM WHERE (")
    assert "could not be parsed" in info.value.message


def test_empty_and_bad_arguments(engine):
    from m3agent.tools.errors import ConfigError, DatasetError

    with pytest.raises(SQLParseError):
        engine.execute("   ")
    with pytest.raises(SQLParseError):
        engine.execute("SELECT 1", dialect="oracle")
    with pytest.raises(ConfigError):
        engine.execute("SELECT 1", max_rows=0)
    with pytest.raises(DatasetError):
        engine.execute("SELECT 1", dataset="nope")
