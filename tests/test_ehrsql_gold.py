"""EHRSQL on DuckDB: the loader, the scorer's comparison, and every answerable gold query.

The gold test builds the DuckDB EHRSQL database once per session with the loader, then runs
each answerable gold query of train and valid through ``run_gold`` (parse as SQLite, translate,
execute on a read-only DuckDB connection) and compares with ``answer.json`` as the EHRSQL 2024
scorer does. ``run_gold`` is the one place to switch to the full SQL engine later.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import pytest

from m3agent.tools.datasets import EHRSQL_NOW, EHRSQL_TABLES
from m3agent.tools.ehrsql import (
    Outcome,
    answers_match,
    load_split,
    normalize_answer,
    normalize_cell,
    parse_gold_answer,
    post_process_sql,
    reliability_score,
)
from m3agent.tools.errors import DataLoadError
from m3agent.tools.loaders.ehrsql import build_ehrsql_database, duckdb_type
from m3agent.tools.sql.engine import EngineSettings, SQLEngine
from m3agent.tools.sql.guard import open_guarded
from m3agent.tools.sql.sqlite_compat import duckdb_schema

from conftest import EHRSQL_DIR

SQLITE_DB = EHRSQL_DIR / "mimic_iv.sqlite"

#: The one gold answer the database here cannot reproduce: the reconstructed chartevents of the
#: demo has a heart-rate row the original lacked (see ../shared/data/README.md).
KNOWN_EXCEPTIONS = {"train": {"a9c112441a88402a143e7d68"}, "valid": set()}

_state: dict[str, Any] = {}
_local = threading.local()


@pytest.fixture(scope="session")
def ehrsql_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The EHRSQL DuckDB database, built once per session with the loader."""
    if not SQLITE_DB.is_file():
        pytest.fail(f"EHRSQL SQLite database not found at {SQLITE_DB}")
    path = tmp_path_factory.mktemp("ehrsql") / "ehrsql.duckdb"
    t0 = time.perf_counter()
    counts = build_ehrsql_database(SQLITE_DB, path)
    _state["load_seconds"] = time.perf_counter() - t0
    _state["counts"] = counts
    return path


@pytest.fixture(scope="session")
def gold_connection(ehrsql_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the built database, and its schema for the translation."""
    # The same guarded connection the engine uses (one DuckDB instance per file and process).
    con = open_guarded(ehrsql_db, dataset="ehrsql")
    _state["con"] = con
    _state["schema"] = duckdb_schema(con)
    _state["engine"] = SQLEngine(EngineSettings(db_paths={"ehrsql": ehrsql_db},
                                                max_rows_cap=1_000_000, timeout_s=120))
    yield con
    con.close()
    _state.pop("con", None)


def run_gold(sql: str) -> list[tuple[Any, ...]]:
    """Run one EHRSQL gold query through the full SQL engine (parse as SQLite, translate,
    resolve, validate, cap, execute on the guarded connection): the path every tool uses.

    The scorer's preparation (vital ranges, ``%j``) comes first; ``current_time`` is the
    dataset's frozen "now".
    """
    result = _state["engine"].execute(post_process_sql(sql), dialect="sqlite", dataset="ehrsql",
                                      max_rows=1_000_000)
    assert not result.truncated
    return [tuple(r) for r in result.rows]


def _check(record: Any) -> str | None:
    """None when the record's gold query reproduces its gold answer, else why not."""
    try:
        rows = run_gold(record.gold_sql)
    except Exception as e:  # noqa: BLE001 - every failure is reported with its query id
        return f"{type(e).__name__}: {str(e)[:300]}"
    if answers_match(rows, record.gold_answer):
        return None
    return f"got {normalize_answer(rows)!s:.300} expected {record.gold_answer:.300}"


@pytest.mark.parametrize("split", ["train", "valid"])
def test_every_gold_query_matches_on_duckdb(split: str, gold_connection: Any) -> None:
    records = [r for r in load_split(EHRSQL_DIR / split) if r.answerable]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        problems = dict(zip((r.id for r in records), pool.map(_check, records), strict=True))
    failed = {qid: why for qid, why in problems.items() if why is not None}
    matched = len(records) - len(failed)
    print(
        f"\n{split}: {matched}/{len(records)} gold answers matched on DuckDB in "
        f"{time.perf_counter() - t0:.1f} s (load {_state['load_seconds']:.2f} s)"
    )
    unexpected = {q: w for q, w in failed.items() if q not in KNOWN_EXCEPTIONS[split]}
    assert not unexpected, f"{len(unexpected)} gold queries differ: " + "; ".join(
        f"{q}: {w}" for q, w in list(unexpected.items())[:10]
    )
    # The known exception must still be the reconstructed-chartevents row, not a crash.
    for qid in KNOWN_EXCEPTIONS[split]:
        assert qid in failed and failed[qid].startswith("got "), (qid, failed.get(qid))


# ---------------------------------------------------------------------------------------------
# The loader


def test_loader_copies_all_tables_with_types(gold_connection: Any) -> None:
    counts = _state["counts"]
    assert list(counts) == list(EHRSQL_TABLES)
    src = sqlite3.connect(f"file:{SQLITE_DB}?mode=ro", uri=True)
    for table in EHRSQL_TABLES:
        (n,) = src.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert counts[table] == n, table
        assert gold_connection.execute(f"SELECT count(*) FROM {table}").fetchone() == (n,)
    src.close()
    types = dict(
        gold_connection.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'admissions'"
        ).fetchall()
    )
    assert types["admittime"] == "TIMESTAMP"
    assert types["hadm_id"] == "BIGINT"
    assert types["insurance"] == "VARCHAR"
    val = gold_connection.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_name = 'labevents' "
        "AND column_name = 'valuenum'"
    ).fetchone()
    assert val == ("DOUBLE",)


def test_loader_keeps_values_and_nulls(gold_connection: Any) -> None:
    src = sqlite3.connect(f"file:{SQLITE_DB}?mode=ro", uri=True)
    for table, key in (("admissions", "row_id"), ("prescriptions", "row_id")):
        a = src.execute(f"SELECT * FROM {table} ORDER BY {key}").fetchall()
        b = gold_connection.execute(f"SELECT * FROM {table} ORDER BY {key}").fetchall()
        assert [[normalize_cell(c) for c in r] for r in a] == [
            [normalize_cell(c) for c in r] for r in b
        ]
    nulls_sqlite = src.execute("SELECT count(*) FROM admissions WHERE dischtime IS NULL")
    nulls_duck = gold_connection.execute("SELECT count(*) FROM admissions WHERE dischtime IS NULL")
    assert nulls_sqlite.fetchone() == nulls_duck.fetchone() == (4,)
    src.close()


def test_loader_orders_rows_by_subject(gold_connection: Any) -> None:
    ids = [r[0] for r in gold_connection.execute("SELECT subject_id FROM labevents").fetchall()]
    assert ids == sorted(ids)


def _tiny_sqlite(path: Path, value: object, declared: str = "INT") -> Path:
    con = sqlite3.connect(path)
    for table in EHRSQL_TABLES:
        con.execute(f"CREATE TABLE {table} (row_id {declared}, subject_id INT)")
        con.execute(f"INSERT INTO {table} VALUES (?, 1)", (value,))
    con.commit()
    con.close()
    return path


def test_loader_refuses_values_that_do_not_fit(tmp_path: Path) -> None:
    src = _tiny_sqlite(tmp_path / "bad.sqlite", 1.5)
    with pytest.raises(DataLoadError, match=r"admissions\.row_id .* SQLite real"):
        build_ehrsql_database(src, tmp_path / "out.duckdb")
    assert not (tmp_path / "out.duckdb").exists()
    assert not list(tmp_path.glob("out.duckdb*"))


def test_loader_failure_leaves_existing_database_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.duckdb"
    good = build_ehrsql_database(_tiny_sqlite(tmp_path / "good.sqlite", 7), target)
    assert good == dict.fromkeys(EHRSQL_TABLES, 1)
    before = target.read_bytes()
    with pytest.raises(DataLoadError):
        build_ehrsql_database(_tiny_sqlite(tmp_path / "bad.sqlite", "x"), target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.glob("out.duckdb*")) == ["out.duckdb"]


def test_loader_interrupt_removes_temporary_file(tmp_path: Path) -> None:
    src = _tiny_sqlite(tmp_path / "good.sqlite", 7)
    seen: list[str] = []

    def stop(table: str, rows: int, seconds: float) -> None:
        seen.append(table)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_ehrsql_database(src, tmp_path / "out.duckdb", on_table=stop)
    assert seen == list(EHRSQL_TABLES[:3])
    assert not list(tmp_path.glob("out.duckdb*"))


def test_loader_missing_inputs(tmp_path: Path) -> None:
    with pytest.raises(DataLoadError, match="not found"):
        build_ehrsql_database(tmp_path / "nope.sqlite", tmp_path / "out.duckdb")
    partial = sqlite3.connect(tmp_path / "partial.sqlite")
    partial.execute("CREATE TABLE admissions (row_id INT)")
    partial.commit()
    partial.close()
    with pytest.raises(DataLoadError, match="'chartevents' is missing"):
        build_ehrsql_database(tmp_path / "partial.sqlite", tmp_path / "out.duckdb")
    (tmp_path / "junk.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(DataLoadError, match="junk.sqlite"):
        build_ehrsql_database(tmp_path / "junk.sqlite", tmp_path / "out.duckdb")


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("INT", "BIGINT"),
        ("INTEGER", "BIGINT"),
        ("DOUBLE PRECISION", "DOUBLE"),
        ("REAL", "DOUBLE"),
        ("TIMESTAMP(0)", "TIMESTAMP"),
        ("VARCHAR(20)", "VARCHAR"),
        ("TEXT", "VARCHAR"),
        ("DATE", "DATE"),
    ],
)
def test_duckdb_type(declared: str, expected: str) -> None:
    assert duckdb_type(declared) == expected


def test_duckdb_type_unknown() -> None:
    with pytest.raises(DataLoadError, match="Unknown SQLite column type 'BLOB'"):
        duckdb_type("BLOB")


# ---------------------------------------------------------------------------------------------
# Split loading and the scorer's comparison


def test_load_split_valid() -> None:
    records = load_split(EHRSQL_DIR / "valid")
    assert len(records) == 1163
    assert sum(not r.answerable for r in records) == 232
    first = records[0]
    assert first.gold_sql and first.gold_answer and first.question
    unanswerable = next(r for r in records if not r.answerable)
    assert unanswerable.gold_sql is None and unanswerable.gold_answer is None


def test_load_split_errors(tmp_path: Path) -> None:
    with pytest.raises(DataLoadError, match="data.json"):
        load_split(tmp_path)
    (tmp_path / "data.json").write_text('{"data": [{"id": "a", "question": "q?"}]}')
    (tmp_path / "label.json").write_text('{"b": "SELECT 1"}')
    (tmp_path / "answer.json").write_text("{}")
    with pytest.raises(DataLoadError, match="no label for question id 'a'"):
        load_split(tmp_path)
    (tmp_path / "label.json").write_text('{"a": "SELECT 1"}')
    with pytest.raises(DataLoadError, match="no answer for answerable question id 'a'"):
        load_split(tmp_path)
    (tmp_path / "answer.json").write_text('{"a": "[[1]]"}')
    assert load_split(tmp_path)[0].gold_answer == "[[1]]"
    (tmp_path / "answer.json").write_text("[1, 2]")
    with pytest.raises(DataLoadError, match="expected a JSON object"):
        load_split(tmp_path)


def test_post_process_sql_follows_the_official_scorer() -> None:
    sql = (
        "SELECT 1 FROM chartevents WHERE\n chartevents.valuenum NOT BETWEEN diastolic_bp_lower"
        "  AND diastolic_bp_upper AND x > = 1 AND strftime('%y', t) = '2100' AND "
        "strftime('%j', current_time) > 0"
    )
    out = post_process_sql(sql)
    assert "NOT BETWEEN 60.0 AND 90.0" in out
    assert "x >= 1" in out and "%Y" in out and "'%J', current_time" in out
    assert "  " not in out
    assert "'2100-12-31 23:59:00'" in post_process_sql(sql, now=EHRSQL_NOW)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (7.4200000001, "7.42"),
        (-0.7999999999999972, "-0.8"),
        (2.0, "2"),
        (2, "2"),
        ("2.0", "2"),
        ("7.42", "7.42"),
        ("0.0", "0"),
        (True, "1"),
        (None, "None"),
        ("iv drip", "iv drip"),
        ("2100-01-01 00:00:00", "2100-01-01 00:00:00"),
        (float("nan"), "nan"),
        ("1e3", "1000"),
        (12345678901234567, "12345678901234567"),
    ],
)
def test_normalize_cell(cell: object, expected: str) -> None:
    assert normalize_cell(cell) == expected


def test_answers_match_sorts_rounds_and_caps_at_100_rows() -> None:
    assert answers_match([("iv drip",), ("iv",)], "[['iv'], ['iv drip']]")
    assert answers_match([(7.419999,)], "[['7.42']]")
    assert not answers_match([(7.41,)], "[['7.42']]")
    assert not answers_match([("iv",)], "[['iv'], ['iv drip']]")
    assert answers_match([], "[]")
    many = [(i,) for i in range(150)]
    gold = str(sorted([[str(i)] for i in range(150)])[:100])
    assert answers_match(many, gold)
    with pytest.raises(ValueError, match="not a Python literal"):
        answers_match([], "__import__('os')")
    with pytest.raises(ValueError, match="list of rows"):
        parse_gold_answer("{'a': 1}")
    with pytest.raises(TypeError, match="sequence of cells"):
        normalize_answer([1, 2])


def test_reliability_score() -> None:
    outcomes = [
        Outcome(answerable=True, abstained=False, correct=True),  # +1
        Outcome(answerable=True, abstained=True, correct=False),  # 0
        Outcome(answerable=True, abstained=False, correct=False),  # -c
        Outcome(answerable=False, abstained=True, correct=False),  # +1
        Outcome(answerable=False, abstained=False, correct=False),  # -c
    ]
    assert reliability_score(outcomes, 0) == pytest.approx(2 / 5)
    assert reliability_score(outcomes, 10) == pytest.approx((2 - 20) / 5)
    assert reliability_score(outcomes, len(outcomes)) == pytest.approx((2 - 10) / 5)
    assert reliability_score([(True, False, True)], 5) == 1.0
    with pytest.raises(ValueError, match="at least one"):
        reliability_score([], 0)
    with pytest.raises(ValueError, match="penalty"):
        reliability_score(outcomes, -1)
    with pytest.raises(ValueError, match="booleans"):
        reliability_score([(1, 0, 1)], 0)
