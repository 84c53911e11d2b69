"""Each SQLite→DuckDB rule against SQLite itself: the same SQL gives the same value.

Every case runs the SQLite SQL on Python's ``sqlite3`` and, translated, on DuckDB, over a
small table that holds timestamps as text in SQLite and as TIMESTAMP in DuckDB (as the EHRSQL
loader builds them).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb
import pytest
import sqlglot
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from m3agent.tools.errors import ConfigError, SQLTranslationError
from m3agent.tools.sql.sqlite_compat import (
    EMITTED_FUNCTIONS,
    RULES,
    duckdb_schema,
    translate_sqlite,
)

NOW = "2100-12-31 23:59:00"

_ROWS = [
    (1, 10, "2100-01-31 10:00:00", "2100-01-31", "1", 1.5, "a"),
    (2, 10, "2100-01-01 00:00:00", "2100-01-01", "2", 2.25, "b"),
    (3, 10, "2100-02-28 23:59:59", "2100-02-28", "1-2", None, "c"),
    (4, 20, "2096-02-29 12:30:00", "2096-02-29", "0.5", 7.0, "d"),
    (5, 20, None, None, None, 3.0, "e"),
    (6, 30, "2100-12-31 23:59:00", "2100-12-31", "abc", 1.0, "f"),
]
_COLUMNS = "id, grp, t, d, txt, num, label"


@pytest.fixture(scope="module")
def sqlite_con() -> Any:
    con = __import__("sqlite3").connect(":memory:")
    con.execute(
        "CREATE TABLE ev (id INT, grp INT, t TIMESTAMP(0), d DATE, txt VARCHAR(10), "
        "num DOUBLE PRECISION, label VARCHAR(5))"
    )
    con.executemany(f"INSERT INTO ev ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", _ROWS)
    yield con
    con.close()


@pytest.fixture(scope="module")
def duck_con() -> Any:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE ev (id BIGINT, grp BIGINT, t TIMESTAMP, d DATE, txt VARCHAR, "
        "num DOUBLE, label VARCHAR)"
    )
    con.executemany(f"INSERT INTO ev ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", _ROWS)
    yield con
    con.close()


def to_duckdb(sql: str, con: Any, now: str | None = None) -> str:
    tree = sqlglot.parse_one(sql, read="sqlite")
    return translate_sqlite(tree, now=now, schema=duckdb_schema(con)).sql(dialect="duckdb")


def _plain(value: Any) -> Any:
    """DuckDB returns datetime/date where SQLite returns their text."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def both(
    sql: str, sqlite_con: Any, duck_con: Any, now: str | None = None
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    sqlite_sql = sql.replace("current_time", f"'{now}'") if now else sql
    expected = sqlite_con.execute(sqlite_sql).fetchall()
    got = duck_con.execute(to_duckdb(sql, duck_con, now)).fetchall()
    return expected, [tuple(_plain(v) for v in row) for row in got]


def assert_same(sql: str, sqlite_con: Any, duck_con: Any, now: str | None = None) -> None:
    expected, got = both(sql, sqlite_con, duck_con, now)
    assert got == expected, to_duckdb(sql, duck_con, now)
    # Same types where SQLite has one: an INTEGER stays an int, a REAL a float, text a str.
    for erow, grow in zip(expected, got, strict=True):
        for e, g in zip(erow, grow, strict=True):
            assert type(g) is type(e) or (isinstance(e, int) and isinstance(g, float)), (e, g)


# ------------------------------------------------------------------------------------------
# Date and time functions on literals

DATE_CASES = [
    # month arithmetic with SQLite's day overflow
    "datetime('2100-01-31 10:00:00', '+1 month')",
    "date('2100-01-31', '+1 month')",
    "date('2100-03-31', '-1 month')",
    "date('2100-01-30', '+1 months')",
    "date('2096-02-29', '+1 year')",
    "date('2096-02-29', '-4 years')",
    "datetime('2100-10-31 08:00:00', '-14 month')",
    "datetime('2100-01-31', '+1.5 month')",
    "datetime('2100-01-01', '-1.5 years')",
    # start of ...
    "datetime('2100-12-31 23:59:00', 'start of year', '-1 year')",
    "datetime('2100-12-31 23:59:00', 'start of year', '-0 year')",
    "datetime('2100-12-31 23:59:00', 'start of month', '-1 month')",
    "datetime('2100-03-31 23:59:00', 'start of month', '-1 month', '+30 day')",
    "datetime('2100-12-31 23:59:00', 'start of day', '-1 day')",
    "datetime('2100-12-31 23:59:00', 'Start Of Day')",
    # day / hour / minute / second amounts, whole and fractional
    "datetime('2100-02-28 10:00:00', '+2 day')",
    "datetime('2100-02-28 10:00:00', '+1.5 days')",
    "datetime('2100-02-28 10:00:00', '-36 hours')",
    "datetime('2100-02-28 10:00:00', '+1.25 hour')",
    "datetime('2100-02-28 10:00:00', '+90 minutes')",
    "datetime('2100-02-28 10:00:00', '-61 seconds')",
    "datetime('2100-02-28 10:00:00', '+0.4 seconds')",
    "datetime('2100-12-31 23:59:00', '-1 year')",
    "datetime('2100-12-31', '+1e1 days')",
    # weekday
    "date('2100-05-17', 'weekday 0')",
    "date('2100-05-17', 'weekday 1')",
    "date('2100-05-17', 'weekday 2')",
    "date('2100-05-19', 'weekday 3')",
    # time value forms
    "datetime('2100-05-17')",
    "datetime('2100-05-17 10:11')",
    "datetime('2100-05-17T10:11:12')",
    "datetime('2100-05-17 10:11:12.345')",
    "datetime('2100-05-17 10:11:12Z')",
    "datetime('2100-05-17 10:11:12+02:00')",
    "datetime('10:30')",
    "datetime('2100-1-05')",
    "datetime(' 2100-01-05')",
    "datetime('garbage')",
    "datetime(NULL)",
    "datetime('2100-01-01', NULL)",
    "datetime(2488069.5)",
    "datetime(2488069.75, '+1 day')",
    "datetime('2488069.25')",
    "datetime(4105080000, 'unixepoch')",
    "datetime(4105080000.5, 'unixepoch')",
    # other functions
    "date('2100-05-17 10:11:12')",
    "time('2100-05-17 10:11:12')",
    "time('2100-05-17 10:11:12', '+90 minutes')",
    "datetime(time('2100-05-17 10:11:12'), '+1 day')",
    "julianday('2100-01-01 13:37:11')",
    "julianday('2100-01-01 00:00:00', 'start of year')",
    "unixepoch('2100-05-17 10:11:12')",
    # strftime
    "strftime('%Y', '2100-05-17 10:11:12')",
    "strftime('%Y-%m', '2100-05-17 10:11:12')",
    "strftime('%Y-%m-%d', '2100-05-17 10:11:12')",
    "strftime('%m-%d', '2100-05-17 10:11:12')",
    "strftime('%d', '2100-05-07 10:11:12')",
    "strftime('%H:%M:%S', '2100-05-17 03:04:05')",
    "strftime('%j %w %W', '2100-05-17 10:11:12')",
    "strftime('%W', '2100-01-01')",
    "strftime('%W', '2100-01-04')",
    "strftime('%W', '2100-12-31')",
    "strftime('%s', '2100-05-17 10:11:12')",
    "strftime('%f', '2100-05-17 10:11:12.345')",
    "strftime('%J', '2100-01-01 13:37:11')",
    "strftime('%J', '2100-01-01 12:00:00')",
    "strftime('100%% in %Y!', '2100-05-17')",
    "strftime('%Y-%m-%d %H:%M:%S', '2100-05-17 10:11:12', '+1 month')",
    "strftime('%Y', '2100-12-31 23:59:00', 'start of year', '-1 year')",
    # numbers read from text (SQLite's arithmetic)
    "strftime('%J', '2100-12-31 23:59:00') - strftime('%J', '2100-01-01 13:37:11')",
    "24 * (strftime('%J', '2100-12-31 23:59:00') - strftime('%J', '2100-01-01 13:37:11'))",
    "strftime('%Y', '2100-05-17') - strftime('%Y', '2000-05-17')",
    "strftime('%Y', '2100-05-17') / 3",
    "strftime('%m', '2100-05-17') + 0",
    "strftime('%Y-%m', '2100-05-17') + 0",
    "julianday('2100-05-17') - julianday('2100-05-10 06:00:00')",
    "datetime('2100-01-01') > datetime('2099-12-31 23:00:00', '+30 minutes')",
    "date('2100-01-01') = '2100-01-01'",
]


@pytest.mark.parametrize("expr", DATE_CASES)
def test_date_functions_match_sqlite(expr: str, sqlite_con: Any, duck_con: Any) -> None:
    assert_same(f"SELECT {expr}", sqlite_con, duck_con)


def test_month_end_overflow_is_sqlite_s(sqlite_con: Any, duck_con: Any) -> None:
    expected, got = both("SELECT date('2100-01-31', '+1 month')", sqlite_con, duck_con)
    assert expected == got == [("2100-03-03",)]


# ------------------------------------------------------------------------------------------
# Operators, casts, functions

SCALAR_CASES = [
    "365/4",
    "1 * 365/4",
    "-7/2",
    "7/0",
    "7.0/2",
    "7/2.0",
    "7 % 3",
    "-7 % 3",
    "7.5 % 2",
    "7 % 0",
    "7.5 / 0",
    "'12abc' + 0",
    "'abc' + 0",
    "'1.5e2x' + 0",
    "' 12 ' + 1",
    "-'3'",
    "CAST(2.7 AS INTEGER)",
    "CAST(-2.7 AS INTEGER)",
    "CAST('12.7x' AS INTEGER)",
    "CAST('1e3' AS INTEGER)",
    "CAST('x' AS INTEGER)",
    "CAST('1.5e2x' AS REAL)",
    "CAST(3 AS REAL)",
    "'a' LIKE 'A'",
    "'abc' LIKE 'A%'",
    "'abc' NOT LIKE 'b%'",
    "1 > 0",
    "(1 > 0) + 1",
    "1 - 1 > 0",
    "NULL > 1",
    "max(1, NULL)",
    "min(3, 2)",
    "max(1, 5, 3)",
    "1 IN (1, 2)",
    "'2100-05' > '2100'",
    "0.1 + 0.2",
    "1.5 * 2",
    "3 / 2.0",
    "1e3 + 0",
    ".5 + 1",
]


@pytest.mark.parametrize("expr", SCALAR_CASES)
def test_operators_match_sqlite(expr: str, sqlite_con: Any, duck_con: Any) -> None:
    assert_same(f"SELECT {expr}", sqlite_con, duck_con)


# ------------------------------------------------------------------------------------------
# Queries over a table with TIMESTAMP and text columns

TABLE_CASES = [
    "SELECT id, t FROM ev ORDER BY id",
    "SELECT id FROM ev WHERE t = '2100-01-01' ORDER BY id",
    "SELECT id FROM ev WHERE t > '2100-01-01' ORDER BY id",
    "SELECT id FROM ev WHERE t >= '2100-01-01 00:00:00' ORDER BY id",
    "SELECT id FROM ev WHERE t BETWEEN '2100-01-01' AND '2100-02-28 23:59:59' ORDER BY id",
    "SELECT id FROM ev WHERE t IN ('2100-01-01 00:00:00', '2100-01-31') ORDER BY id",
    "SELECT id FROM ev WHERE datetime(t) >= datetime('2100-12-31 23:59:00', '-1 year') ORDER BY id",
    "SELECT id FROM ev WHERE datetime(t, 'start of year') = datetime('2100-12-31 23:59:00', "
    "'start of year', '-0 year') ORDER BY id",
    "SELECT id FROM ev WHERE datetime(t, 'start of month') = datetime('2100-03-01', "
    "'start of month', '-1 month') ORDER BY id",
    "SELECT id FROM ev WHERE date(t) = '2100-01-31' ORDER BY id",
    "SELECT id FROM ev WHERE date(t) < t ORDER BY id",
    "SELECT id FROM ev WHERE strftime('%Y-%m', t) = '2100-01' ORDER BY id",
    "SELECT id FROM ev WHERE t < datetime('2100-01-31 10:00:00', '+1 second') ORDER BY id",
    "SELECT id, datetime(t, '+1 month'), strftime('%J', t) FROM ev ORDER BY id",
    "SELECT id, 24 * (strftime('%J', '2100-12-31 23:59:00') - strftime('%J', t)) FROM ev "
    "ORDER BY id",
    "SELECT id FROM ev WHERE strftime('%J', '2100-12-31 23:59:00') - strftime('%J', t) "
    ">= 1 * 365/4 ORDER BY id",
    "SELECT d, d > '2100-01' FROM ev ORDER BY id",
    "SELECT id FROM ev WHERE d = date(t) ORDER BY id",
    "SELECT SUM(txt) FROM ev",
    "SELECT SUM(txt) FROM ev WHERE id <= 2",
    "SELECT AVG(txt) FROM ev",
    "SELECT total(txt), total(num) FROM ev WHERE id > 100",
    "SELECT total(num) FROM ev",
    "SELECT grp, SUM(num) / COUNT(*) FROM ev GROUP BY grp ORDER BY grp",
    "SELECT grp, SUM(id) / COUNT(*) FROM ev GROUP BY grp ORDER BY grp",
    "SELECT COUNT(*) > 0 FROM ev WHERE grp = 10 ORDER BY t DESC LIMIT 1",
    "SELECT grp, label, MIN(t) FROM ev GROUP BY grp ORDER BY grp",
    "SELECT grp, label, MAX(num) FROM ev GROUP BY grp ORDER BY grp",
    "SELECT grp, t FROM ev GROUP BY grp HAVING MIN(t) = t ORDER BY grp",
    "SELECT SUM(num > 2), AVG(t IS NULL) FROM ev",
    "SELECT id FROM ev WHERE label LIKE 'A' OR label LIKE 'B%' ORDER BY id",
    "SELECT CAST(t AS TEXT), CAST(num AS INTEGER) FROM ev ORDER BY id",
    "SELECT id, num % 2 FROM ev ORDER BY id",
    "SELECT id FROM ev WHERE txt = 1 ORDER BY id",
    "SELECT id FROM ev WHERE txt > 1 ORDER BY id",
    "SELECT id FROM ev WHERE txt IN (2, -1) ORDER BY id",
    "SELECT id FROM ev WHERE '1' = id ORDER BY id",
    "SELECT datetime(num + 2488069) FROM ev ORDER BY id",
    "SELECT datetime(d, '+1 month'), strftime('%J', d), julianday(d) FROM ev ORDER BY id",
    "SELECT datetime(id * 86400 + 4105080000, 'unixepoch') FROM ev ORDER BY id",
    "SELECT strftime('%Y', t) + 1, strftime('%J', t) * 1 FROM ev ORDER BY id",
    "SELECT id FROM ev WHERE strftime('%Y', t) = '2100' ORDER BY id",
    "SELECT id, t + 0, txt + 0 FROM ev ORDER BY id",
    "SELECT T1.id FROM (SELECT id, t AS c FROM ev) AS T1 WHERE T1.c > '2100-01-01' ORDER BY T1.id",
]


@pytest.mark.parametrize("sql", TABLE_CASES)
def test_table_queries_match_sqlite(sql: str, sqlite_con: Any, duck_con: Any) -> None:
    assert_same(sql, sqlite_con, duck_con)


# ------------------------------------------------------------------------------------------
# The frozen "now" and the real one

NOW_CASES = [
    "SELECT datetime(current_time, 'start of year', '-1 year')",
    "SELECT strftime('%J', current_time) - strftime('%J', '2100-06-01 00:00:00')",
    "SELECT id FROM ev WHERE datetime(t) >= datetime(current_time, '-1 year') ORDER BY id",
    "SELECT id FROM ev WHERE datetime(t, 'start of month') = datetime(current_time, "
    "'start of month', '-0 month') ORDER BY id",
    "SELECT current_time",
]


@pytest.mark.parametrize("sql", NOW_CASES)
def test_frozen_now_is_the_scorer_s(sql: str, sqlite_con: Any, duck_con: Any) -> None:
    assert_same(sql, sqlite_con, duck_con, now=NOW)


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT datetime('now')", NOW),
        ("SELECT date('now', '+1 day')", "2101-01-01"),
        ("SELECT current_timestamp", NOW),
        ("SELECT current_date", "2100-12-31"),
        ("SELECT datetime()", NOW),
    ],
)
def test_frozen_now_forms(sql: str, expected: str, duck_con: Any) -> None:
    assert duck_con.execute(to_duckdb(sql, duck_con, NOW)).fetchall() == [(expected,)]


def test_real_now_is_utc_like_sqlite(sqlite_con: Any, duck_con: Any) -> None:
    sql = "SELECT datetime('now'), current_timestamp, date('now'), julianday('now')"
    ((s_dt, s_ts, s_d, s_jd),) = sqlite_con.execute(sql).fetchall()
    ((d_dt, d_ts, d_d, d_jd),) = duck_con.execute(to_duckdb(sql, duck_con)).fetchall()
    parse = dt.datetime.fromisoformat
    assert abs((parse(d_dt) - parse(s_dt)).total_seconds()) < 5
    assert abs((parse(d_ts) - parse(s_ts)).total_seconds()) < 5
    assert abs(d_jd - s_jd) < 5 / 86400
    assert d_d == s_d or abs((dt.date.fromisoformat(d_d) - dt.date.fromisoformat(s_d)).days) <= 1


def test_bad_now_is_refused(duck_con: Any) -> None:
    with pytest.raises(ConfigError, match="YYYY-MM-DD HH:MM:SS"):
        to_duckdb("SELECT 1", duck_con, now="yesterday")


# ------------------------------------------------------------------------------------------
# What cannot be translated faithfully is refused

REFUSED = [
    ("SELECT datetime(t, label) FROM ev", "must be string literals"),
    ("SELECT datetime(t, 'localtime') FROM ev", "not translated"),
    ("SELECT datetime(t, '+1 fortnight') FROM ev", "not translated"),
    ("SELECT datetime(t, 'unixepoch') FROM ev", "unixepoch"),
    ("SELECT date(t, 'weekday 9') FROM ev", "weekday"),
    ("SELECT strftime(label, t) FROM ev", "format as a string literal"),
    ("SELECT strftime('%e', t) FROM ev", "not one SQLite 3.40 knows"),
    ("SELECT strftime('%Y%', t) FROM ev", "lone '%'"),
    ("SELECT datetime('2100-02-30')", "out of range"),
    ("SELECT txt / 2 FROM ev", "decided by its text"),
    ("SELECT unknown_col / 2 FROM ev", "unknown"),
    ("SELECT CAST(unknown_col AS INTEGER) FROM ev", "unknown"),
    ("SELECT typeof(id) FROM ev", "typeof"),
    ("SELECT strftime('%Y', t) = 2100 FROM ev", "every number before every text"),
    ("SELECT id FROM ev WHERE txt = 1.5", "compares it as text"),
    ("SELECT id FROM ev WHERE '5' BETWEEN 1 AND 9", "every number before every text"),
    ("SELECT grp, label, COUNT(*) FROM ev GROUP BY grp", "neither grouped nor aggregated"),
    ("SELECT grp, label, MIN(t), MAX(t) FROM ev GROUP BY grp", "neither grouped nor aggregated"),
    ("SELECT datetime(t, '+1e9 years') FROM ev", "beyond SQLite's limit"),
]


@pytest.mark.parametrize(("sql", "message"), REFUSED)
def test_unfaithful_constructs_are_refused(sql: str, message: str, duck_con: Any) -> None:
    with pytest.raises(SQLTranslationError, match=message):
        to_duckdb(sql, duck_con)


def test_division_without_schema_is_refused() -> None:
    tree = sqlglot.parse_one("SELECT a / b FROM t", read="sqlite")
    with pytest.raises(SQLTranslationError, match="unknown"):
        translate_sqlite(tree, now=None)
    literal = sqlglot.parse_one("SELECT 365 / 4", read="sqlite")
    assert translate_sqlite(literal, now=None).sql(dialect="duckdb") == "SELECT 365 // NULLIF(4, 0)"


# ------------------------------------------------------------------------------------------
# Properties of the translation itself


def test_translation_does_not_modify_its_input(duck_con: Any) -> None:
    tree = sqlglot.parse_one("SELECT datetime(t, '+1 month'), 365/4 FROM ev", read="sqlite")
    before = tree.sql(dialect="sqlite")
    translate_sqlite(tree, now=NOW, schema=duckdb_schema(duck_con))
    assert tree.sql(dialect="sqlite") == before


def test_every_rule_says_what_it_reproduces() -> None:
    for rule in RULES:
        assert rule.__doc__ and "SQLite" in rule.__doc__, rule.__name__


def _function_names(tree: sqlglot.exp.Expression) -> set[str]:
    names = set()
    for f in tree.find_all(sqlglot.exp.Func):
        head = f.sql(dialect="duckdb").split("(", 1)[0].strip().lower()
        if head.replace("_", "").isalpha():
            names.add(head)
    return names


def test_emitted_functions_are_listed(duck_con: Any) -> None:
    sqls = [f"SELECT {e}" for e in DATE_CASES + SCALAR_CASES] + TABLE_CASES + NOW_CASES
    for sql in sqls:
        written = _function_names(sqlglot.parse_one(sql, read="sqlite"))
        out = sqlglot.parse_one(to_duckdb(sql, duck_con, NOW), read="duckdb")
        emitted = _function_names(out) - written
        assert emitted <= set(EMITTED_FUNCTIONS), (sql, emitted - set(EMITTED_FUNCTIONS))


def test_duckdb_schema_keys(duck_con: Any) -> None:
    schema = duckdb_schema(duck_con)
    assert schema["ev"]["t"] == "TIMESTAMP"
    assert schema["main.ev"] == schema["ev"]


# ------------------------------------------------------------------------------------------
# Random dates and modifier chains against SQLite

_UNITS = [
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "second",
    "seconds",
    "month",
    "months",
    "year",
    "years",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    when=st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2200, 12, 31)),
    steps=st.lists(
        st.one_of(
            st.sampled_from(
                ["start of day", "start of month", "start of year", "weekday 0", "weekday 5"]
            ),
            st.builds(lambda n, u: f"{n:+d} {u}", st.integers(-40, 40), st.sampled_from(_UNITS)),
            st.builds(lambda n, u: f"{n:+.2f} {u}", st.floats(-30, 30), st.sampled_from(_UNITS)),
        ),
        max_size=3,
    ),
    fmt=st.sampled_from(["datetime", "date", "julianday", "%J", "%Y-%m-%d %H:%M:%S %j %W %w"]),
)
def test_random_modifier_chains_match_sqlite(
    when: dt.datetime, steps: list[str], fmt: str, sqlite_con: Any, duck_con: Any
) -> None:
    value = when.replace(microsecond=0).strftime("%Y-%m-%d %H:%M:%S")
    mods = "".join(f", '{m}'" for m in steps)
    if fmt in ("datetime", "date", "julianday"):
        expr = f"{fmt}('{value}'{mods})"
    else:
        expr = f"strftime('{fmt}', '{value}'{mods})"
    assert_same(f"SELECT {expr}", sqlite_con, duck_con)
