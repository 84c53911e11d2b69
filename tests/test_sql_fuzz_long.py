"""A short run of the validator fuzzing (the long run, 100k+ cases, is benchmarks/bench_fuzz.py).

Properties: obfuscated denied queries stay refused; grammar-built queries are refused with our
error or accepted only when their output passes the rules again; nothing crashes.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sql_fuzz_strategies import (
    DENIED_CASES,
    accepted_is_safe,
    grammar_sql,
    obfuscate,
    still_refused,
)

FAST = settings(
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_the_fixtures_feed_the_fuzzer():
    assert len(DENIED_CASES) >= 400
    assert {d for d, _, _ in DENIED_CASES} == {"duckdb", "bigquery"}


@FAST
@given(st.sampled_from(DENIED_CASES), st.data())
def test_obfuscated_denied_queries_stay_refused(engine, case, data):
    # prepare() only: nothing is executed (the demo database gives SQLite translation its types)
    dialect, rule, sql = case
    variant = obfuscate(sql, dialect, rule, data)
    assert still_refused(engine, variant, dialect) is None, variant


@FAST
@given(grammar_sql(), st.sampled_from(["duckdb", "duckdb", "sqlite", "bigquery"]))
def test_grammar_queries_are_refused_or_safe(engine, sql, dialect):
    assert accepted_is_safe(engine, sql, dialect) is None, sql


@FAST
@given(st.text(max_size=300), st.sampled_from(["duckdb", "sqlite", "postgres", "bigquery"]))
def test_random_text_gives_only_our_errors(engine, sql, dialect):
    assert accepted_is_safe(engine, sql, dialect) is None, sql


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT subject_id FROM patients WHERE gender = 'F'",
        "WITH c AS (SELECT subject_id FROM admissions) SELECT count(*) FROM c",
    ],
)
def test_honest_queries_pass_the_safety_check(engine, sql):
    assert engine.prepare(sql).sql
    assert accepted_is_safe(engine, sql, "duckdb") is None
