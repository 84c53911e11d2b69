"""Resource exhaustion that passes validation is stopped by the caps (tests/fixtures/sql/
exhaustion.sql): a short timeout, or the row and character caps, and the engine keeps working."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from m3agent.tools.errors import QueryTimeoutError
from m3agent.tools.sql.engine import EngineSettings, SQLEngine

from conftest import FIXTURES

TIMEOUT_S = 0.5
CASES = [
    tuple(ln.split("\t", 1))
    for ln in (FIXTURES / "sql" / "exhaustion.sql").read_text(encoding="utf-8").splitlines()
    if ln.strip() and not ln.startswith("#")
]


@pytest.fixture(scope="module")
def short(demo_db: Path):
    eng = SQLEngine(EngineSettings(db_paths={"mimic-iv-demo": demo_db}, timeout_s=TIMEOUT_S))
    yield eng
    eng.close()


def test_fixture_covers_both_caps():
    kinds = [k for k, _ in CASES]
    assert set(kinds) == {"timeout", "truncated"}
    assert kinds.count("timeout") >= 10 and kinds.count("truncated") >= 10


@pytest.mark.parametrize(("outcome", "sql"), CASES, ids=[f"{o}:{s[:50]}" for o, s in CASES])
def test_exhaustion_is_capped(short, outcome, sql):
    t0 = time.perf_counter()
    if outcome == "timeout":
        with pytest.raises(QueryTimeoutError) as info:
            short.execute(sql, max_rows=100)
        assert f"{TIMEOUT_S:g} s limit" in info.value.message
    else:
        r = short.execute(sql, max_rows=100)
        assert r.truncated and r.row_count <= 100
    # The interrupt takes effect promptly: nothing here builds one huge value in one call.
    assert time.perf_counter() - t0 < TIMEOUT_S + 5
    assert short.execute("SELECT count(*) FROM patients").rows == [[100]]
