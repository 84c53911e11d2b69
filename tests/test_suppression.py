"""Small-cell suppression (research mode) on the real demo, against the unmasked results."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest
import sqlglot
from mcp import Client

from m3agent.tools.errors import ConfigError
from m3agent.tools.sql import suppression
from m3agent.tools.sql.engine import EngineSettings, SQLEngine
from m3agent.tools.sql.suppression import DEFAULT_K, count_columns


@pytest.fixture(scope="module")
def research(demo_db: Path):
    eng = SQLEngine(EngineSettings(db_paths={"mimic-iv-demo": demo_db}, research_mode=True))
    yield eng
    eng.close()


def _compare(engine, research, sql: str, count_cols: set[str], k: int = DEFAULT_K):
    """Run ``sql`` plain and in research mode; check exactly the small count cells are masked."""
    plain = engine.execute(sql, max_rows=500)
    masked = (
        research.execute(sql, max_rows=500)
        if k == DEFAULT_K
        else SQLEngine(
            EngineSettings(db_paths=engine.settings.db_paths, research_mode=True, suppress_k=k)
        ).execute(sql, max_rows=500)
    )
    assert masked.columns == plain.columns and masked.row_count == plain.row_count
    assert masked.suppression_k == k and plain.suppression_k is None
    expected = 0
    for prow, mrow in zip(plain.rows, masked.rows, strict=True):
        for col, p, m in zip(plain.columns, prow, mrow, strict=True):
            small = col in count_cols and isinstance(p, int | float) and 0 < p < k
            expected += small
            assert m == (None if small else p), (col, p, m)
    assert masked.suppressed_cells == expected
    return masked, expected


def test_off_by_default(engine):
    r = engine.execute("SELECT anchor_age, count(*) AS n FROM patients GROUP BY 1 ORDER BY 1")
    assert r.suppression_k is None and r.suppressed_cells == 0
    assert any(0 < row[1] < DEFAULT_K for row in r.rows)


def test_small_group_counts_are_masked_large_ones_shown(engine, research):
    masked, n = _compare(
        engine,
        research,
        "SELECT anchor_age, count(*) AS n FROM patients GROUP BY anchor_age ORDER BY anchor_age",
        {"n"},
    )
    assert n > 10
    assert any("k=11" in note and "column(s) n" in note for note in masked.notes)
    masked, n = _compare(
        engine,
        research,
        "SELECT gender, count(*) AS n FROM patients GROUP BY gender ORDER BY gender",
        {"n"},
    )
    assert n == 0 and masked.rows == [["F", 43], ["M", 57]]
    assert not any("suppression" in note for note in masked.notes)


@pytest.mark.parametrize(
    ("sql", "count_cols"),
    [
        ("SELECT count(*) FROM patients WHERE anchor_age > 85", {"count_star()"}),
        (
            "SELECT race, count(DISTINCT subject_id) AS patients FROM admissions GROUP BY race "
            "ORDER BY race",
            {"patients"},
        ),
        (
            "SELECT race, count_if(hospital_expire_flag = 1) AS deaths, count(*) AS total "
            "FROM admissions GROUP BY race ORDER BY race",
            {"deaths", "total"},
        ),
        (
            "SELECT race, sum(CASE WHEN hospital_expire_flag = 1 THEN 1 ELSE 0 END) AS deaths, "
            "sum(1) AS total FROM admissions GROUP BY race ORDER BY race",
            {"deaths", "total"},
        ),
        (
            "WITH c AS (SELECT admission_type, count(*) AS n FROM admissions GROUP BY 1) "
            "SELECT * FROM c ORDER BY admission_type",
            {"n"},
        ),
        (
            "SELECT t, n FROM (SELECT admission_type AS t, count(*) AS n FROM admissions "
            "GROUP BY 1) s ORDER BY t",
            {"n"},
        ),
        (
            "WITH c AS (SELECT admission_type AS t, count(*) AS n FROM admissions GROUP BY 1) "
            "SELECT t, n AS how_many FROM c ORDER BY t",
            {"how_many"},
        ),
        (
            "SELECT insurance, CAST(count(*) AS DOUBLE) AS n, coalesce(count(deathtime), 0) AS d "
            "FROM admissions GROUP BY 1 ORDER BY 1",
            {"n", "d"},
        ),
        (
            "SELECT gender, count(*) FROM patients WHERE anchor_age > 80 GROUP BY gender "
            "UNION ALL SELECT 'all', count(*) FROM patients WHERE anchor_age > 80",
            {"count_star()"},
        ),
        (
            "SELECT DISTINCT admission_type, count(*) OVER (PARTITION BY admission_type) AS n "
            "FROM admissions ORDER BY 1",
            {"n"},
        ),
        (
            "SELECT sum(n) AS total FROM (SELECT race, count(*) AS n FROM admissions WHERE race = "
            "'ASIAN' GROUP BY race) s",
            {"total"},
        ),
    ],
)
def test_count_columns_are_found_through_the_tree(engine, research, sql, count_cols):
    _compare(engine, research, sql, count_cols)


def test_non_count_columns_are_not_touched(engine, research):
    # Documented limitation: the mean age of a group of one is that patient's age, and shown.
    sql = (
        "SELECT anchor_age, avg(anchor_age) AS mean_age, min(subject_id) AS first_id, "
        "count(*) AS n FROM patients GROUP BY anchor_age ORDER BY anchor_age"
    )
    plain, masked = engine.execute(sql), research.execute(sql)
    assert [r[:3] for r in masked.rows] == [r[:3] for r in plain.rows]
    assert all(r[3] is None or r[3] >= DEFAULT_K for r in masked.rows)


def test_zero_is_shown_and_row_level_results_are_unchanged(engine, research):
    r = research.execute("SELECT count(*) AS n FROM patients WHERE anchor_age > 200")
    assert r.rows == [[0]] and r.suppressed_cells == 0
    sql = "SELECT subject_id, anchor_age FROM patients ORDER BY subject_id LIMIT 5"
    assert research.execute(sql).rows == engine.execute(sql).rows


def test_k_is_configurable(engine, research):
    masked, n = _compare(
        engine,
        research,
        "SELECT gender, count(*) AS n FROM patients GROUP BY gender ORDER BY gender",
        {"n"},
        k=50,
    )
    assert masked.rows == [["F", None], ["M", 57]] and n == 1


def test_bad_k_is_refused():
    with pytest.raises(ConfigError, match="at least 2"):
        SQLEngine(EngineSettings(research_mode=True, suppress_k=1))
    with pytest.raises(ConfigError, match="at least 2"):
        SQLEngine(EngineSettings(research_mode=True, suppress_k=True))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sql", "columns", "expected"),
    [
        ("SELECT a, count(*) FROM t GROUP BY a", ["a", "count_star()"], [1]),
        ("SELECT a, count(*) AS n, max(b) AS m FROM t GROUP BY a", ["a", "n", "m"], [1]),
        ("SELECT * FROM (SELECT a, count(*) AS n FROM t GROUP BY a) s", ["a", "n"], [1]),
        ("SELECT * FROM (SELECT a, count(*) FROM t GROUP BY a) s", ["a", "count_star()"], [1]),
        ("SELECT a, count(*) + 100 AS n FROM t GROUP BY a", ["a", "n"], []),
        ("SELECT a, round(100.0 * count(*) / 7, 1) AS pct FROM t GROUP BY a", ["a", "pct"], []),
        ("SELECT a, sum(b) AS s FROM t GROUP BY a", ["a", "s"], []),
        ("SELECT a, sum(CASE WHEN b > 1 THEN 2 ELSE 0 END) AS s FROM t GROUP BY a", ["a", "s"], []),
        ("SELECT a, sum(IF(b > 1, 1, 0)) AS s FROM t GROUP BY a", ["a", "s"], [1]),
        (
            "SELECT x.a, y.n FROM x JOIN (SELECT a, count(*) AS n FROM t GROUP BY a) y USING (a)",
            ["a", "n"],
            [1],
        ),
    ],
)
def test_count_column_detection_on_trees(sql, columns, expected):
    assert count_columns(sqlglot.parse_one(sql, read="duckdb"), columns) == expected


def test_the_module_states_what_it_does_not_prevent():
    doc = suppression.__doc__ or ""
    for limit in (
        "Differencing across queries",
        "Complementary cells",
        "Arithmetic on counts",
        "Non-count aggregates over tiny groups",
    ):
        assert limit in doc


def test_research_mode_from_the_environment(monkeypatch):
    from m3agent.server.config import engine_settings_from_env

    monkeypatch.delenv("M3AGENT_BACKEND", raising=False)
    monkeypatch.setenv("M3AGENT_RESEARCH_MODE", "1")
    monkeypatch.setenv("M3AGENT_SUPPRESS_K", "20")
    s = engine_settings_from_env()
    assert s.research_mode is True and s.suppress_k == 20
    monkeypatch.setenv("M3AGENT_RESEARCH_MODE", "perhaps")
    with pytest.raises(ConfigError, match="M3AGENT_RESEARCH_MODE"):
        engine_settings_from_env()
    monkeypatch.setenv("M3AGENT_RESEARCH_MODE", "0")
    monkeypatch.setenv("M3AGENT_SUPPRESS_K", "1")
    with pytest.raises(ConfigError, match="M3AGENT_SUPPRESS_K"):
        engine_settings_from_env()


def test_run_sql_tool_reports_suppression(demo_db, tmp_path):
    from m3agent.server.app import build_server
    from m3agent.server.settings import ServerSettings

    settings = ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}, research_mode=True),
        audit_path=tmp_path / "audit.jsonl",
        identity="tester",
    )

    async def go():
        async with Client(build_server(settings)) as c:
            return await c.call_tool(
                "run_sql",
                {"sql": "SELECT anchor_age, count(*) AS n FROM patients GROUP BY 1 ORDER BY 1"},
            )

    r = anyio.run(go)
    assert not r.is_error
    s = r.structured_content
    assert s["suppression_k"] == DEFAULT_K and s["suppressed_cells"] > 0
    assert all(row[1] is None or row[1] >= DEFAULT_K for row in s["rows"])
