"""Property-based: random and mutated SQL either validates or raises our error, never crashes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from m3agent.tools.errors import M3AgentError
from m3agent.tools.sql.engine import SQLEngine

SEEDS = [
    "SELECT * FROM patients WHERE subject_id = 10000032",
    "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT count(*) FROM labevents l JOIN d_labitems d USING (itemid) GROUP BY d.label",
    "COPY (SELECT 1) TO '/tmp/x'",
    "SELECT datetime(admittime, 'start of year') FROM admissions",
]
TOKENS = ["SELECT", "FROM", "WHERE", "(", ")", ",", ";", "'", '"', "--", "/*", "*/", "*",
          "patients", "read_csv", "getenv", "COPY", "TO", "ATTACH", "WITH", "AS", "DELETE",
          "UNION", "JOIN", "ON", "1", "'x'", "LATERAL", "`", "$1", "?", "::", "[", "]"]


def _check(engine: SQLEngine, sql: str) -> None:
    try:
        engine.prepare(sql, dialect="duckdb")
    except M3AgentError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_random_text_never_crashes(sql):
    _check(SQLEngine(), sql)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SEEDS), st.lists(st.tuples(st.integers(0, 200), st.sampled_from(TOKENS)),
                                        max_size=6))
def test_mutated_sql_never_crashes(seed, edits):
    sql = seed
    for pos, tok in edits:
        pos = min(pos, len(sql))
        sql = sql[:pos] + " " + tok + " " + sql[pos:]
    _check(SQLEngine(), sql)
    for dialect in ("sqlite", "bigquery", "postgres"):
        try:
            SQLEngine().prepare(sql, dialect=dialect)
        except M3AgentError:
            pass
