"""The guarded connection holds even with validation switched off."""

from __future__ import annotations

import pytest

from m3agent.tools.errors import QueryTimeoutError, SQLError
from m3agent.tools.sql.engine import EngineSettings, SQLEngine


@pytest.fixture(scope="module")
def unvalidated(demo_db, tmp_path_factory):
    eng = SQLEngine(EngineSettings(db_paths={"mimic-iv-demo": demo_db}, validate=False,
                                   timeout_s=1.0))
    yield eng
    eng.close()


@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM '/etc/passwd'",
    "COPY (SELECT 1) TO '{tmp}/x.csv'",
    "COPY mimiciv_hosp.patients TO '{tmp}/p.parquet' (FORMAT parquet)",
    "ATTACH '{tmp}/other.duckdb' AS other",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET memory_limit = '100GB'",
    "SET enable_external_access = true",
    "RESET lock_configuration",
    "CREATE TABLE mimiciv_hosp.x AS SELECT 1",
    "DELETE FROM mimiciv_hosp.patients",
    "EXPORT DATABASE '{tmp}/dump'",
])
def test_connection_refuses_without_validation(unvalidated, tmp_path, sql):
    with pytest.raises(SQLError):
        unvalidated.execute(sql.format(tmp=tmp_path))
    assert not any(tmp_path.iterdir()), "nothing may be written"


def test_timeout_interrupts_and_next_query_works(unvalidated):
    with pytest.raises(QueryTimeoutError):
        unvalidated.execute("SELECT count(*) FROM range(1000000000000) a")
    assert unvalidated.execute("SELECT count(*) FROM mimiciv_hosp.patients").rows == [[100]]


def test_huge_cross_join_hits_the_timeout(demo_db):
    eng = SQLEngine(EngineSettings(db_paths={"mimic-iv-demo": demo_db}, timeout_s=0.5))
    try:
        with pytest.raises(QueryTimeoutError):
            eng.execute("SELECT count(*) FROM mimiciv_icu.chartevents a, mimiciv_icu.chartevents b")
    finally:
        eng.close()


def test_character_cap_truncates(demo_db):
    eng = SQLEngine(EngineSettings(db_paths={"mimic-iv-demo": demo_db}, max_result_chars=2000))
    try:
        r = eng.execute("SELECT * FROM mimiciv_hosp.admissions", max_rows=500)
        assert r.truncated and 0 < r.row_count < 100
        assert any("characters" in n for n in r.notes)
    finally:
        eng.close()


def test_missing_database_says_how_to_fix(tmp_path):
    from m3agent.tools.errors import DatasetError

    eng = SQLEngine(EngineSettings(db_paths={"mimic-iv-demo": tmp_path / "none.duckdb"}))
    with pytest.raises(DatasetError) as info:
        eng.execute("SELECT 1")
    assert "m3-agent init" in (info.value.hint or "")
