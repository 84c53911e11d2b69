"""SQLite semantics on DuckDB: an ordered list of small rewrite rules over the sqlglot tree.

``sqlglot.parse_one(sql, read="sqlite")`` gives a tree whose plain DuckDB rendering differs from
SQLite wherever SQLite's dynamic typing or its date functions matter: ``datetime(x, 'start of
year', '-1 year')`` does not exist in DuckDB, ``strftime('%J', x)`` (the julian day) is not a
DuckDB format, ``365/4`` is 91 in SQLite and 91.25 in DuckDB, ``sum()`` over a text column fails,
``'2100-01-31' +1 month`` is 2100-03-03 in SQLite and 2100-02-28 in DuckDB, a comparison is 0/1
in SQLite and a boolean in DuckDB. :func:`translate_sqlite` applies :data:`RULES` in order; each
rule is a function ``(tree, ctx) -> tree`` whose docstring names the SQLite behaviour it
reproduces. A construct that cannot be reproduced faithfully raises
:class:`~m3agent.tools.errors.SQLTranslationError` rather than produce a different answer.

The reference for every behaviour is SQLite 3.40 (the version Python's ``sqlite3`` carries here):
its date functions (https://www.sqlite.org/lang_datefunc.html and ``src/date.c``), type
conversions (https://www.sqlite.org/datatype3.html) and operators
(https://www.sqlite.org/lang_expr.html). ``tests/test_sqlite_compat.py`` checks each rule
against ``sqlite3`` itself.

Column types matter to several rules (is ``a / b`` an integer division? is ``x`` a text column
that ``sum()`` must convert? is ``charttime`` a DuckDB TIMESTAMP that SQLite sees as text?), so
:func:`translate_sqlite` takes the DuckDB schema (:func:`duckdb_schema` reads it from a
connection). Timestamp columns are taken to hold whole seconds, as SQLite's
'YYYY-MM-DD HH:MM:SS' text does.

DuckDB functions the output may call (for the engine's allow-list): see
:data:`EMITTED_FUNCTIONS`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import duckdb
from sqlglot import exp
from sqlglot.optimizer.scope import Scope, traverse_scope

from m3agent.tools.errors import ConfigError, SQLTranslationError

#: SQLite's text format of a date and time (``datetime()``), a date and a time.
TS_FORMAT = "%Y-%m-%d %H:%M:%S"
DATE_FORMAT = "%Y-%m-%d"
TIME_FORMAT = "%H:%M:%S"

#: The julian day of 1970-01-01 00:00:00 UTC in milliseconds (2440587.5 days * 86,400,000):
#: SQLite keeps every instant as ``iJD``, milliseconds since the julian epoch (src/date.c).
JD_EPOCH_MS = 210_866_760_000_000

#: Every DuckDB function name the rules below may emit (the engine allow-lists functions).
EMITTED_FUNCTIONS: tuple[str, ...] = (
    # functions
    "strftime", "date_trunc", "epoch_ms", "epoch_us", "make_timestamp", "printf",
    "regexp_extract", "trunc", "floor", "dayofweek", "greatest", "least", "arg_min", "arg_max",
    "sum", "current_timestamp",
    # syntax that renders like a call
    "cast", "try_cast", "coalesce", "nullif",
)  # fmt: skip

#: The static SQLite class of an expression: its storage class where known, with TIMESTAMP and
#: DATE columns (text in SQLite, typed in DuckDB) kept apart. None means unknown.
SqliteClass = Literal["integer", "real", "text", "timestamp", "date", "null"]

_CANONICAL_TS = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
_CANONICAL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TYPED_FORMATS = {"timestamp": (TS_FORMAT, _CANONICAL_TS), "date": (DATE_FORMAT, _CANONICAL_DATE)}

# Meta keys set on the nodes the rules build (sqlglot copies ``meta`` with the node).
_CLASS = "sqlite_class"  # the SQLite class of the node
_TS = "sqlite_ts"  # for a datetime()/date() text node: the DuckDB TIMESTAMP it renders
_TS_FMT = "sqlite_ts_format"  # ... and the format it renders with
_NUMERIC = "sqlite_numeric"  # for a text node: its value in a numeric context
_GENERIC_NUMBER = "sqlite_generic_number"  # a text->number conversion of unknown int/real type
_BUILT = "sqlite_built"  # an operator node a rule built: later rules leave it alone


@dataclass(frozen=True)
class TranslationContext:
    """What the rules know besides the tree.

    Attributes:
        now: A frozen "now" ('YYYY-MM-DD HH:MM:SS') for ``current_time``, ``current_timestamp``
            and ``'now'``, or None for the real (UTC) time.
    """

    now: str | None


Rule = Callable[[exp.Expression, TranslationContext], exp.Expression]


# --------------------------------------------------------------------------------------------
# Column types and static classes


def duckdb_schema(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]]:
    """Every table's column types on ``con``: ``{table: {column: DuckDB type}}``.

    Tables are keyed both bare (``admissions``) and schema-qualified (``main.admissions``); a
    bare name shared by two schemas is left out rather than guessed.
    """
    rows = con.execute(
        "SELECT table_schema, table_name, column_name, data_type "
        "FROM information_schema.columns ORDER BY table_schema, table_name, ordinal_position"
    ).fetchall()
    out: dict[str, dict[str, str]] = {}
    owners: dict[str, set[str]] = {}
    for schema, table, column, dtype in rows:
        out.setdefault(f"{schema}.{table}".lower(), {})[column.lower()] = dtype
        owners.setdefault(table.lower(), set()).add(schema)
    for table, schemas in owners.items():
        if len(schemas) == 1:
            out[table] = out[f"{next(iter(schemas))}.{table}".lower()]
    return out


def _class_of_duckdb_type(dtype: str) -> SqliteClass | None:
    t = dtype.upper()
    if t.startswith(("TIMESTAMP", "DATETIME")) and "TIME ZONE" not in t:
        return "timestamp"
    if t == "DATE":
        return "date"
    if t in ("BOOLEAN", "BOOL") or t.endswith("INT") or t in ("INTEGER", "HUGEINT", "UHUGEINT"):
        return "integer"
    if t in ("DOUBLE", "FLOAT", "REAL") or t.startswith(("DECIMAL", "NUMERIC")):
        return "real"
    if t.startswith(("VARCHAR", "TEXT", "CHAR", "STRING")):
        return "text"
    return None


def _table_columns(
    table: exp.Table, schema: Mapping[str, Mapping[str, str]]
) -> Mapping[str, str] | None:
    keys = [table.name.lower()]
    if table.db:
        keys.insert(0, f"{table.db}.{table.name}".lower())
    for key in keys:
        if key in schema:
            return {c.lower(): t for c, t in schema[key].items()}
    return None


def _projection_named(select: exp.Expression, name: str) -> exp.Expression | None:
    while isinstance(select, exp.SetOperation):
        select = select.this
    if not isinstance(select, exp.Select):
        return None
    for p in select.expressions:
        if isinstance(p, exp.Alias) and p.alias.lower() == name:
            return p.this
        if isinstance(p, exp.Column) and p.name.lower() == name:
            return p
    return None


def _annotate_columns(tree: exp.Expression, schema: Mapping[str, Mapping[str, str]]) -> None:
    """Record each column's SQLite class in its ``meta`` (inner scopes first)."""
    try:
        scopes = list(traverse_scope(tree))
    except Exception:  # noqa: BLE001 - sqlglot raises several types on trees it cannot scope
        return
    for scope in scopes:
        for col in scope.columns:
            cls = _column_class(col, scope, schema)
            if cls is not None:
                col.meta[_CLASS] = cls


def _column_class(
    col: exp.Column, scope: Scope, schema: Mapping[str, Mapping[str, str]]
) -> SqliteClass | None:
    name = col.name.lower()
    candidates = [scope.sources.get(col.table)] if col.table else list(scope.sources.values())
    found: list[SqliteClass | None] = []
    for source in candidates:
        if isinstance(source, exp.Table):
            cols = _table_columns(source, schema)
            if cols is not None and name in cols:
                found.append(_class_of_duckdb_type(cols[name]))
        elif isinstance(source, Scope):
            proj = _projection_named(source.expression, name)
            if proj is not None:
                found.append(sqlite_class(proj))
    if not found and not col.table and isinstance(scope.expression, exp.Select):
        proj = _projection_named(scope.expression, name)  # ORDER BY a projection's alias
        if proj is not None and not isinstance(proj, exp.Column):
            return sqlite_class(proj)
    return found[0] if len(found) == 1 else None


_INT_FUNCS = (
    exp.Count,
    exp.Length,
    exp.StrPosition,
    exp.RowNumber,
    exp.Rank,
    exp.DenseRank,
    exp.Ntile,
    exp.Sign,
)
_REAL_FUNCS = (
    exp.Avg,
    exp.PercentRank,
    exp.CumeDist,
    exp.Round,
    exp.Sqrt,
    exp.Ln,
    exp.Log,
    exp.Exp,
    exp.Pow,
    exp.Stddev,
    exp.StddevPop,
    exp.StddevSamp,
    exp.Variance,
    exp.VariancePop,
)
_TEXT_FUNCS = (
    exp.Lower,
    exp.Upper,
    exp.Substring,
    exp.DPipe,
    exp.Concat,
    exp.Trim,
    exp.GroupConcat,
    exp.Replace,
    exp.TimeToStr,
)
_PREDICATES = (exp.Predicate, exp.Connector, exp.Not, exp.Boolean)
_INT_TYPES = {"INT", "BIGINT", "SMALLINT", "TINYINT", "INTEGER", "HUGEINT"}


def sqlite_class(node: exp.Expression) -> SqliteClass | None:
    """The SQLite class of ``node``: what SQLite would store its value as, if knowable.

    Columns take theirs from the schema (recorded in ``meta`` by :func:`translate_sqlite`);
    nodes the rules built carry theirs in ``meta``.
    """
    if _CLASS in node.meta:
        return node.meta[_CLASS]
    if isinstance(node, exp.Literal):
        if node.is_string:
            return "text"
        return "integer" if re.fullmatch(r"\d+", node.this) else "real"
    if isinstance(node, exp.Null):
        return "null"
    if isinstance(node, (exp.Paren, exp.Alias, exp.Window)):
        return sqlite_class(node.this)
    if isinstance(node, exp.Neg):
        inner = sqlite_class(node.this)
        return inner if inner in ("integer", "real") else None
    if isinstance(node, exp.Subquery):
        return sqlite_class(node.this)
    if isinstance(node, (exp.Select, exp.SetOperation)):
        sel = node
        while isinstance(sel, exp.SetOperation):
            sel = sel.this
        if isinstance(sel, exp.Select) and len(sel.expressions) == 1:
            return sqlite_class(sel.expressions[0])
        return None
    if isinstance(node, (exp.Add, exp.Sub, exp.Mul, exp.Mod)):
        a, b = sqlite_class(node.this), sqlite_class(node.expression)
        if "real" in (a, b) and None not in (a, b):
            return "real"
        return "integer" if a == b == "integer" else None
    if isinstance(node, exp.IntDiv):
        return "integer"
    if isinstance(node, exp.Div):
        a, b = sqlite_class(node.this), sqlite_class(node.expression)
        if a == b == "integer" and node.args.get("typed"):
            return "integer"
        return "real" if {a, b} <= {"integer", "real"} else None
    if isinstance(node, (exp.Cast, exp.TryCast)):
        to = _cast_target(node)
        if to in _INT_TYPES:
            return "integer"
        if to in ("DOUBLE", "FLOAT", "DECIMAL"):
            return "real"
        if to in ("TEXT", "VARCHAR", "CHAR"):
            return "text"
        return None
    if isinstance(node, _PREDICATES):
        return "integer"
    if isinstance(node, _INT_FUNCS):
        return "integer"
    if isinstance(node, _REAL_FUNCS):
        return "real"
    if isinstance(node, _TEXT_FUNCS):
        return "text"
    if isinstance(node, exp.Sum):
        inner = sqlite_class(node.this)
        return "integer" if inner == "integer" else ("real" if inner else None)
    if isinstance(node, (exp.Min, exp.Max, exp.Abs, exp.AnyValue, exp.First, exp.Last)):
        return sqlite_class(node.this)
    if isinstance(node, (exp.Case, exp.If, exp.Coalesce)):
        branches = [
            v
            for k, v in node.args.items()
            if k in ("true", "false", "default", "this") and isinstance(v, exp.Expression)
        ]
        for key in ("ifs", "expressions"):
            for v in node.args.get(key) or []:
                branches.append(v.args.get("true") if isinstance(v, exp.If) else v)
        if isinstance(node, exp.Case):
            branches = [b for b in branches if b is not node.this]
        classes = {sqlite_class(b) for b in branches if b is not None} - {"null"}
        return classes.pop() if len(classes) == 1 else None
    return None


# --------------------------------------------------------------------------------------------
# Small builders


def _cast_target(node: exp.Cast) -> str:
    """Return the upper-case type name a CAST converts to ('' for unusual types)."""
    name = getattr(node.to.this, "name", "")
    return name if isinstance(name, str) else ""


def _lit(value: str | int | float) -> exp.Expression:
    if isinstance(value, str):
        return exp.Literal.string(value)
    if value < 0:
        return exp.Neg(this=_lit(-value))
    if isinstance(value, float):  # 1.5e0: a DOUBLE in DuckDB, where 1.5 would be a DECIMAL
        text = repr(value)
        return exp.Literal.number(text if "e" in text or "inf" in text else text + "e0")
    return exp.Literal.number(value)


def _fn(name: str, *args: exp.Expression) -> exp.Expression:
    node = exp.Anonymous(this=name, expressions=list(args))
    node.meta[_BUILT] = True  # a DuckDB function: never read again as a SQLite one
    return node


_CAST_CLASSES: dict[str, SqliteClass] = {
    "BIGINT": "integer",
    "INTEGER": "integer",
    "DOUBLE": "real",
    "VARCHAR": "text",
    "TIMESTAMP": "timestamp",
}


def _cast(node: exp.Expression, to: str) -> exp.Expression:
    return _with_class(exp.Cast(this=node, to=exp.DataType.build(to)), _CAST_CLASSES[to])


def _op(kind: type[exp.Binary], a: exp.Expression, expression: exp.Expression) -> exp.Expression:
    """An operator node built by a rule (marked so later rules do not reinterpret it)."""
    node = kind(this=a, expression=expression)
    node.meta[_BUILT] = True
    return node


def _strftime(ts: exp.Expression, fmt: str) -> exp.Expression:
    return _fn("strftime", ts, exp.Literal.string(fmt))


def _ts_literal(ms: int) -> exp.Expression:
    """A TIMESTAMP literal for ``ms`` milliseconds since 1970-01-01."""
    dt = datetime(1970, 1, 1) + timedelta(milliseconds=ms)
    text = dt.strftime(TS_FORMAT) + (f".{ms % 1000:03d}" if ms % 1000 else "")
    return _cast(exp.Literal.string(text), "TIMESTAMP")


def _interval(n: int, unit: str) -> exp.Interval:
    return exp.Interval(this=exp.Literal.number(n), unit=exp.var(unit))


def _with_class(node: exp.Expression, cls: SqliteClass, **meta: object) -> exp.Expression:
    node.meta[_CLASS] = cls
    for k, v in meta.items():
        node.meta[k] = v
    return node


def _utc_now() -> exp.Expression:
    """The current instant as a naive UTC TIMESTAMP (SQLite's 'now' is UTC)."""
    return _fn("make_timestamp", _fn("epoch_us", exp.CurrentTimestamp()))


def _replace(node: exp.Expression, new: exp.Expression) -> exp.Expression:
    if new is not node:
        node.replace(new)
    return new


def _post_order(tree: exp.Expression) -> list[exp.Expression]:
    """Every node, each after all of its descendants (so children are rewritten first)."""
    return list(reversed(list(tree.dfs())))


def _apply(tree: exp.Expression, fn: Callable[[exp.Expression], exp.Expression]) -> exp.Expression:
    """Rewrite ``tree`` bottom-up with ``fn`` (node -> replacement or the node itself)."""
    root = tree
    for node in _post_order(tree):
        new = fn(node)
        if new is not node:
            if node is root:
                root = new
            else:
                node.replace(new)
    return root


# --------------------------------------------------------------------------------------------
# SQLite's parsing of time values and numbers (for literals), after src/date.c and util.c

_TIME_VALUE = re.compile(
    r"^(?:(?P<Y>\d{4})-(?P<M>\d{2})-(?P<D>\d{2})(?:[ T]+|$))?"
    r"(?:(?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2}(?:\.\d+)?))?"
    r"\s*(?P<tz>[zZ]|[+-]\d{2}:\d{2})?)?\s*$"
)
_NUMBER_PREFIX = re.compile(r"^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)")
_INT_PREFIX = re.compile(r"^\s*[+-]?\d+")
_WHOLE_NUMBER = re.compile(r"^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$")


def _parse_time_literal(text: str) -> int | None:
    """Milliseconds since 1970 of a SQLite time-value string, None where SQLite gives NULL.

    Raises:
        SQLTranslationError: For values SQLite accepts but renders inconsistently (day 30 of
            February, hour 24), which no rewrite reproduces faithfully.
    """
    if _WHOLE_NUMBER.match(text):
        return _julian_to_ms(float(text))
    m = _TIME_VALUE.match(text)
    if not m or (m["Y"] is None and m["h"] is None):
        return None
    y, mo, d = (int(m["Y"]), int(m["M"]), int(m["D"])) if m["Y"] else (2000, 1, 1)
    h, mi = (int(m["h"]), int(m["m"])) if m["h"] else (0, 0)
    s = float(m["s"]) if m["s"] else 0.0
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h <= 24 and mi <= 59 and s < 60):
        return None
    try:
        base = datetime(y, mo, d, h, mi)
    except ValueError:
        raise SQLTranslationError(
            f"The time value {text!r} has a day or hour out of range; SQLite accepts it but "
            f"renders it unnormalized or normalized depending on the modifiers, which this "
            f"translation does not reproduce.",
            hint="Write a real calendar date and a time before 24:00:00.",
        ) from None
    ms = int((base - datetime(1970, 1, 1)).total_seconds()) * 1000 + int(s * 1000 + 0.5)
    tz = m["tz"]
    if tz and tz not in "zZ":
        sign = 1 if tz[0] == "+" else -1
        ms -= sign * (int(tz[1:3]) * 60 + int(tz[4:6])) * 60_000
    return ms


def _julian_to_ms(jd: float) -> int | None:
    """Milliseconds since 1970 of a julian day number (SQLite's numeric time value)."""
    if not 0.0 <= jd <= 5373484.499999:  # SQLite's valid range (year 0000 to 9999)
        return None
    return int(jd * 86400000.0 + 0.5) - JD_EPOCH_MS


def _text_number(text: str) -> int | float:
    """SQLite's value of a text in arithmetic: the numeric prefix, integer if it is one, else 0."""
    m = _NUMBER_PREFIX.match(text)
    if not m:
        return 0
    token = m.group(1)
    if re.fullmatch(r"[+-]?\d+", token):
        return int(token)
    return float(token)


# --------------------------------------------------------------------------------------------
# Rule: the frozen "now"


def rule_frozen_now(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """``current_time``/``current_timestamp``/``current_date`` as SQLite (or EHRSQL) gives them.

    SQLite returns UTC text: 'HH:MM:SS', 'YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD'. With a frozen
    ``now`` (EHRSQL), the EHRSQL 2024 scorer's ``post_process_sql`` replaces ``current_time``
    by the whole instant '2100-12-31 23:59:00' and ``current_date`` by its date, and so does
    this rule (``current_timestamp`` too).
    """

    def fn(node: exp.Expression) -> exp.Expression:
        if isinstance(node, (exp.CurrentTime, exp.CurrentTimestamp, exp.CurrentDate)):
            date_only = isinstance(node, exp.CurrentDate)
            if ctx.now is not None:
                text = ctx.now[:10] if date_only else ctx.now
                ts = _ts_literal(_parse_time_literal(text) or 0)  # validated up front
                fmt = DATE_FORMAT if date_only else TS_FORMAT
                return _with_class(exp.Literal.string(text), "text", **{_TS: ts, _TS_FMT: fmt})
            if isinstance(node, exp.CurrentTime):
                return _with_class(_strftime(_utc_now(), TIME_FORMAT), "text")
            fmt = DATE_FORMAT if date_only else TS_FORMAT
            ts = _fn("date_trunc", exp.Literal.string("day" if date_only else "second"), _utc_now())
            return _with_class(_strftime(_utc_now(), fmt), "text", **{_TS: ts, _TS_FMT: fmt})
        return node

    return _apply(tree, fn)


def rule_real_literals(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """Number literals with a point or an exponent are REALs (IEEE doubles), as in SQLite.

    DuckDB reads ``0.1`` as an exact DECIMAL, so ``0.1 + 0.2`` is 0.3 there and
    0.30000000000000004 in SQLite; ``0.1e0`` is a DOUBLE in DuckDB.
    """
    del ctx

    def fn(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Literal) and not node.is_string and _CLASS not in node.meta:
            text = node.this
            if re.fullmatch(r"\d*\.\d*", text):
                return _with_class(exp.Literal.number(text + "e0"), "real")
        return node

    return _apply(tree, fn)


# --------------------------------------------------------------------------------------------
# Rule: date and time functions

_DATE_FUNCS = {"datetime", "date", "time", "julianday", "unixepoch", "strftime"}

_UNITS_MS = {
    "second": 1000.0,
    "minute": 60_000.0,
    "hour": 3_600_000.0,
    "day": 86_400_000.0,
    "month": 2_592_000_000.0,
    "year": 31_536_000_000.0,
}
# SQLite's limits on the amount per unit (aXformType in src/date.c), beyond which it gives NULL.
_UNIT_LIMITS = {
    "second": 4.6427e14,
    "minute": 7.7379e12,
    "hour": 1.2897e11,
    "day": 5373485.0,
    "month": 176546.0,
    "year": 14713.0,
}
_AMOUNT = re.compile(r"^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s+(\w+)$")

#: SQLite 3.40 strftime conversions that DuckDB's strftime renders identically.
_SAME_SPECIFIERS = set("dHjmMSwWY")


@dataclass
class _Moment:
    """A DuckDB TIMESTAMP expression being built from a SQLite time value and its modifiers."""

    ts: exp.Expression
    whole_seconds: bool = True
    first_of_month: bool = False


def _date_call(node: exp.Expression) -> tuple[str, list[exp.Expression]] | None:
    """(function, SQLite arguments) when ``node`` is a SQLite date function call."""
    if node.meta.get(_BUILT):
        return None
    if isinstance(node, exp.Anonymous) and node.name.lower() in _DATE_FUNCS:
        return node.name.lower(), list(node.expressions)
    if isinstance(node, exp.TimeToStr) and isinstance(node.this, exp.TsOrDsToTimestamp):
        value = node.this.this
        return "strftime", [node.args["format"], value]
    if isinstance(node, exp.Date) and not node.args.get("zone"):
        args = [node.this, *node.expressions] if node.this is not None else []
        return "date", args
    return None


def _moment(value: exp.Expression | None, ctx: TranslationContext, unixepoch: bool) -> _Moment:
    """The TIMESTAMP a SQLite time value denotes."""
    if value is None:  # datetime() without arguments is 'now'
        value = exp.Literal.string("now")
    if isinstance(value, exp.Literal) and value.is_string and value.this.lower() == "now":
        if ctx.now is not None:
            return _Moment(_ts_literal(_parse_time_literal(ctx.now) or 0))
        return _Moment(_fn("date_trunc", exp.Literal.string("millisecond"), _utc_now()), False)
    if _TS in value.meta:
        return _Moment(value.meta[_TS].copy())
    cls = sqlite_class(value)
    if unixepoch:
        if isinstance(value, exp.Literal) and not value.is_string:
            ms = math.floor(float(value.this) * 1000.0 + 0.5)
            return _Moment(_ts_literal(ms), ms % 1000 == 0)
        if cls in ("integer", "real"):
            ms_expr = _cast(
                _fn(
                    "floor",
                    _op(
                        exp.Add,
                        _op(exp.Mul, exp.Paren(this=value), expression=_lit(1000.0)),
                        expression=_lit(0.5),
                    ),
                ),
                "BIGINT",
            )
            return _Moment(_fn("epoch_ms", ms_expr), cls == "integer")
        raise SQLTranslationError(
            "The 'unixepoch' modifier needs a number of seconds as the time value; found "
            f"{value.sql(dialect='sqlite')} (of type {cls or 'unknown'}).",
            hint="Pass an integer or real number of seconds since 1970.",
        )
    if isinstance(value, exp.Literal):
        ms = (
            _parse_time_literal(value.this) if value.is_string else _julian_to_ms(float(value.this))
        )
        if ms is None:
            return _Moment(exp.Null())
        return _Moment(_ts_literal(ms), ms % 1000 == 0)
    if isinstance(value, exp.Null):
        return _Moment(exp.Null())
    if cls == "timestamp":
        return _Moment(value)
    if cls == "date":
        return _Moment(_cast(value, "TIMESTAMP"))
    if cls in ("integer", "real"):  # a julian day number
        ms_expr = exp.Sub(
            this=_cast(
                _fn(
                    "floor",
                    _op(
                        exp.Add,
                        _op(exp.Mul, exp.Paren(this=value), expression=_lit(86400000.0)),
                        expression=_lit(0.5),
                    ),
                ),
                "BIGINT",
            ),
            expression=_lit(JD_EPOCH_MS),
        )
        valid = exp.Between(this=value, low=_lit(0.0), high=_lit(5373484.499999))
        return _Moment(exp.Case(ifs=[exp.If(this=valid, true=_fn("epoch_ms", ms_expr))]), False)
    # Text (or unknown): DuckDB's cast reads SQLite's formats; a value neither accepts is NULL.
    return _Moment(exp.TryCast(this=value, to=exp.DataType.build("TIMESTAMP")), False)


def _add_ms(m: _Moment, ms: int) -> None:
    if ms == 0:
        return
    for unit, size in (
        ("DAY", 86_400_000),
        ("HOUR", 3_600_000),
        ("MINUTE", 60_000),
        ("SECOND", 1000),
        ("MILLISECOND", 1),
    ):
        if ms % size == 0:
            m.ts = _op(exp.Add, m.ts, expression=_interval(ms // size, unit))
            break
    m.whole_seconds = m.whole_seconds and ms % 1000 == 0
    m.first_of_month = False


def _add_months(m: _Moment, months: int) -> None:
    """SQLite's month arithmetic: the month moves, the day stays and overflows into the next.

    2100-01-31 '+1 month' is 2100-02-31, which SQLite normalizes to 2100-03-03 (src/date.c,
    case "month"): the first of the month plus the months, plus the days and time since the
    first of the original month. DuckDB's own ``+ INTERVAL 1 MONTH`` clamps to 2100-02-28.
    """
    if months == 0:
        return
    if m.first_of_month:
        m.ts = _op(exp.Add, m.ts, expression=_interval(months, "MONTH"))
        return
    start = _fn("date_trunc", exp.Literal.string("month"), m.ts.copy())
    offset = exp.Paren(
        this=_op(
            exp.Sub,
            m.ts.copy(),
            expression=_fn("date_trunc", exp.Literal.string("month"), m.ts.copy()),
        )
    )
    m.ts = _op(
        exp.Add, _op(exp.Add, start, expression=_interval(months, "MONTH")), expression=offset
    )


def _apply_modifier(m: _Moment, text: str, *, first: bool) -> None:
    """Apply one SQLite date modifier to ``m`` (src/date.c ``parseModifier``)."""
    z = text.lower()
    if z in ("start of day", "start of month", "start of year"):
        unit = z.rsplit(" ", 1)[1]
        m.ts = _fn("date_trunc", exp.Literal.string(unit), m.ts)
        m.whole_seconds = True
        m.first_of_month = unit in ("month", "year")
        return
    if z.startswith("weekday "):
        n = z[8:].strip()
        if not re.fullmatch(r"[0-6](?:\.0*)?", n):
            raise SQLTranslationError(
                f"The modifier {text!r} needs a weekday from 0 (Sunday) to 6; SQLite gives NULL."
            )
        target = int(float(n))
        shift = _op(
            exp.Mod,
            exp.Paren(
                this=_op(
                    exp.Add,
                    _op(exp.Sub, _lit(target), expression=_fn("dayofweek", m.ts.copy())),
                    expression=_lit(7),
                )
            ),
            expression=_lit(7),
        )
        m.ts = _op(
            exp.Add,
            m.ts,
            expression=_op(exp.Mul, exp.Paren(this=shift), expression=_interval(1, "DAY")),
        )
        m.first_of_month = False
        return
    if z == "unixepoch" and first:
        return  # handled with the time value
    amount = _AMOUNT.match(z)
    if amount:
        unit = amount.group(2)
        if len(unit) > 3 and unit.endswith("s"):
            unit = unit[:-1]
        if unit in _UNITS_MS:
            r = float(amount.group(1))
            if not -_UNIT_LIMITS[unit] < r < _UNIT_LIMITS[unit]:
                raise SQLTranslationError(
                    f"The modifier {text!r} is beyond SQLite's limit for {unit}s "
                    f"(±{_UNIT_LIMITS[unit]:g}); SQLite gives NULL."
                )
            if unit in ("month", "year"):
                whole = math.trunc(r)
                _add_months(m, whole * (12 if unit == "year" else 1))
                r -= whole
            rounder = -0.5 if r < 0 else 0.5
            _add_ms(m, int(r * _UNITS_MS[unit] + rounder))
            if unit not in ("month", "year") or r != 0:
                m.first_of_month = False
            return
    raise SQLTranslationError(
        f"The date modifier {text!r} is not translated: supported are 'start of day|month|year',"
        f" '±N second(s)|minute(s)|hour(s)|day(s)|month(s)|year(s)', 'weekday N' and "
        f"'unixepoch' (first, after a number); SQLite itself gives NULL for unknown modifiers "
        f"and local-time modifiers depend on the machine.",
        hint="Rewrite the expression with the supported modifiers.",
    )


def _julian_day(ts: exp.Expression) -> exp.Expression:
    """SQLite's julian day (REAL): iJD / 86400000.0, with iJD in milliseconds."""
    ms = _op(exp.Add, _fn("epoch_ms", ts), expression=_lit(JD_EPOCH_MS))
    return _with_class(_op(exp.Div, exp.Paren(this=ms), _lit(86400000.0)), "real")


def _strftime_parts(fmt: str, m: _Moment) -> exp.Expression:
    """DuckDB text for SQLite 3.40's ``strftime(fmt, ...)`` (src/date.c ``strftimeFunc``)."""
    pieces: list[exp.Expression] = []
    native: list[str] = []

    def flush() -> None:
        if native:
            pieces.append(_strftime(m.ts.copy(), "".join(native)))
            native.clear()

    i = 0
    while i < len(fmt):
        ch = fmt[i]
        if ch != "%":
            native.append(ch)
            i += 1
            continue
        if i + 1 >= len(fmt):
            raise SQLTranslationError(
                f"The strftime format {fmt!r} ends with a lone '%'; SQLite gives NULL."
            )
        spec = fmt[i + 1]
        i += 2
        if spec in _SAME_SPECIFIERS:
            native.append("%" + spec)
        elif spec == "%":
            native.append("%%")
        elif spec == "f":  # seconds with milliseconds, SS.SSS
            native.append("%S.%g")
        elif spec == "J":  # julian day, printf("%.16g")
            flush()
            pieces.append(_fn("printf", exp.Literal.string("%.16g"), _julian_day(m.ts.copy())))
        elif spec == "s":  # seconds since 1970 (integer division toward zero, like C)
            flush()
            secs = _op(
                exp.Sub,
                _op(
                    exp.IntDiv,
                    exp.Paren(
                        this=_op(
                            exp.Add, _fn("epoch_ms", m.ts.copy()), expression=_lit(JD_EPOCH_MS)
                        )
                    ),
                    expression=_lit(1000),
                ),
                expression=_lit(JD_EPOCH_MS // 1000),
            )
            pieces.append(_cast(secs, "VARCHAR"))
        else:
            raise SQLTranslationError(
                f"The strftime conversion %{spec} (in {fmt!r}) is not one SQLite 3.40 knows; "
                f"supported: %d %f %H %j %J %m %M %s %S %w %W %Y %%.",
                hint="Use one of the supported conversions.",
            )
    flush()
    if not pieces:
        return exp.Literal.string("")
    out = pieces[0]
    for p in pieces[1:]:
        out = exp.DPipe(this=out, expression=p, safe=True)
    return out


def _numeric_form(fmt: str, text: exp.Expression, m: _Moment) -> exp.Expression | None:
    """The value SQLite's arithmetic reads from ``strftime(fmt, ...)`` when it is statically
    an integer (digits only) or the julian day; None for other formats.
    """
    if fmt == "%J":
        return _cast(_fn("printf", exp.Literal.string("%.16g"), _julian_day(m.ts.copy())), "DOUBLE")
    if re.fullmatch(r"(%[dHjmMSwWYs])+", fmt):
        return _cast(text.copy(), "BIGINT")
    return None


def rule_date_functions(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """SQLite's ``datetime``, ``date``, ``time``, ``julianday``, ``unixepoch``, ``strftime``.

    The time value (text, a julian day number, 'now', a TIMESTAMP column) becomes a DuckDB
    TIMESTAMP; the modifiers apply in order with SQLite's arithmetic; the result is SQLite's
    type: text 'YYYY-MM-DD HH:MM:SS' / 'YYYY-MM-DD' / 'HH:MM:SS', the julian day as a REAL, the
    unix time as an INTEGER, or the strftime text (``%J`` is ``printf('%.16g')`` of the julian
    day, as SQLite prints it). A text result remembers its TIMESTAMP so comparisons can use it.
    """

    def fn(node: exp.Expression) -> exp.Expression:
        call = _date_call(node)
        if call is None:
            return node
        name, args = call
        fmt = None
        if name == "strftime":
            if not args or not (isinstance(args[0], exp.Literal) and args[0].is_string):
                raise SQLTranslationError(
                    "strftime() needs its format as a string literal; found "
                    f"{args[0].sql(dialect='sqlite') if args else 'no arguments'}."
                )
            fmt = args[0].this
            args = args[1:]
        value = args[0] if args else None
        modifiers = args[1:]
        texts = []
        for mod in modifiers:
            if isinstance(mod, exp.Null):  # a NULL modifier makes the result NULL
                return _with_class(exp.Null(), "null")
            if not (isinstance(mod, exp.Literal) and mod.is_string):
                raise SQLTranslationError(
                    f"The modifiers of {name}() must be string literals; found "
                    f"{mod.sql(dialect='sqlite')}.",
                    hint="Compute the modifier in the application and pass it as a literal.",
                )
            texts.append(mod.this)
        unixepoch = bool(texts) and texts[0].lower() == "unixepoch"
        m = _moment(value, ctx, unixepoch)
        for i, t in enumerate(texts):
            _apply_modifier(m, t, first=i == 0)
        ts = m.ts
        if isinstance(ts, exp.Null):
            return _with_class(exp.Null(), "null")
        exact = ts if m.whole_seconds else _fn("date_trunc", exp.Literal.string("second"), ts)
        if name == "datetime":
            return _with_class(_strftime(ts, TS_FORMAT), "text", **{_TS: exact, _TS_FMT: TS_FORMAT})
        if name == "date":
            day = _fn("date_trunc", exp.Literal.string("day"), ts.copy())
            return _with_class(
                _strftime(ts, DATE_FORMAT), "text", **{_TS: day, _TS_FMT: DATE_FORMAT}
            )
        if name == "time":  # read back as a time value, 'HH:MM:SS' is that time on 2000-01-01
            since_midnight = _op(
                exp.Sub, exact.copy(), _fn("date_trunc", exp.Literal.string("day"), exact.copy())
            )
            on_2000 = _op(exp.Add, _ts_literal(946_684_800_000), exp.Paren(this=since_midnight))
            return _with_class(
                _strftime(ts, TIME_FORMAT), "text", **{_TS: on_2000, _TS_FMT: TIME_FORMAT}
            )
        if name == "julianday":
            return _with_class(_julian_day(ts), "real")
        if name == "unixepoch":
            secs = _op(
                exp.Sub,
                _op(
                    exp.IntDiv,
                    exp.Paren(this=_op(exp.Add, _fn("epoch_ms", ts), expression=_lit(JD_EPOCH_MS))),
                    expression=_lit(1000),
                ),
                expression=_lit(JD_EPOCH_MS // 1000),
            )
            return _with_class(secs, "integer")
        assert fmt is not None
        text = _strftime_parts(fmt, m)
        meta: dict[str, object] = {}
        numeric = _numeric_form(fmt, text, m)
        if numeric is not None:
            meta[_NUMERIC] = numeric
        if fmt == TS_FORMAT:
            meta.update({_TS: exact, _TS_FMT: TS_FORMAT})
        return _with_class(text, "text", **meta)

    return _apply(tree, fn)


# --------------------------------------------------------------------------------------------
# Rule: text in numeric contexts


def _as_text(node: exp.Expression) -> exp.Expression:
    """SQLite's text of a DuckDB TIMESTAMP/DATE column (other nodes unchanged)."""
    cls = sqlite_class(node)
    if cls in _TYPED_FORMATS:
        return _with_class(_strftime(node, _TYPED_FORMATS[cls][0]), "text")
    return node


def _to_number(node: exp.Expression) -> exp.Expression:
    """Return SQLite's numeric value of a text ``node``: its numeric prefix, 0 if none.

    ``node`` itself is not reused (the result holds copies), so it can be replaced by it.
    """
    if _NUMERIC in node.meta:
        return node.meta[_NUMERIC].copy()
    node = node.copy()
    if isinstance(node, exp.Literal) and node.is_string:
        value = _text_number(node.this)
        return _with_class(_lit(value), "integer" if isinstance(value, int) else "real")
    text = _as_text(node)
    prefix = _fn("regexp_extract", text.copy(), exp.Literal.string(_NUMBER_PREFIX.pattern), _lit(1))
    number = exp.Coalesce(
        this=exp.TryCast(this=prefix, to=exp.DataType.build("DOUBLE")), expressions=[_lit(0.0)]
    )
    guarded = exp.Case(
        ifs=[exp.If(this=exp.Not(this=exp.Is(this=text, expression=exp.Null())), true=number)]
    )
    return _with_class(guarded, "real", **{_GENERIC_NUMBER: True})


_ARITHMETIC = (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod)
_NUMERIC_AGGS = (exp.Sum, exp.Avg, exp.Abs, exp.Round)


def rule_text_in_arithmetic(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """Text operands of arithmetic and of sum/avg/total/abs/round read as SQLite reads them.

    SQLite converts text to a number where a number is needed: the longest numeric prefix,
    an INTEGER when that prefix is one ('2100-05' is 2100), else a REAL ('1.5e2x' is 150.0),
    and 0 when there is none (https://www.sqlite.org/datatype3.html, 4.2). ``strftime('%J')``
    differences are thus numbers of days; ``sum()`` of a text column adds the values. Known
    formats keep their exact type (``%Y`` an integer, ``%J`` a real); other text becomes a
    DOUBLE of the same value (SQLite may call it an INTEGER).
    """
    del ctx

    def numeric_operand(node: exp.Expression) -> None:
        if sqlite_class(node) in ("text", "timestamp", "date"):
            _replace(node, _to_number(node))

    for node in _post_order(tree):
        if node.meta.get(_BUILT):
            continue
        if isinstance(node, _ARITHMETIC):
            numeric_operand(node.this)
            numeric_operand(node.expression)
        elif isinstance(node, exp.Neg):
            numeric_operand(node.this)
        elif isinstance(node, _NUMERIC_AGGS) and node.this is not None:
            numeric_operand(node.this)
    return tree


# --------------------------------------------------------------------------------------------
# Rule: division and remainder


def _nullif_zero(node: exp.Expression) -> exp.Expression:
    return exp.Nullif(this=node, expression=_lit(0))


def rule_division(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """``/`` and ``%`` with SQLite's types: integer division truncates, x/0 and x%0 are NULL.

    SQLite divides two INTEGERs as integers (``365/4`` is 91, truncated toward zero like
    DuckDB's ``//``) and any REAL operand as reals. ``%`` casts both operands to INTEGER and
    gives a REAL if either was one. Dividing by zero gives NULL, where DuckDB raises. When an
    operand's type is unknown (a column missing from the schema, or text whose type only its
    value decides) the translation refuses: the result would depend on a guess.
    """
    del ctx

    def fn(node: exp.Expression) -> exp.Expression:
        if not isinstance(node, (exp.Div, exp.Mod)) or node.meta.get(_BUILT):
            return node
        a, b = node.this, node.expression
        ca, cb = sqlite_class(a), sqlite_class(b)
        for side, cls in ((a, ca), (b, cb)):
            if cls == "null":
                return _with_class(exp.Null(), "null")
            if cls not in ("integer", "real") or side.meta.get(_GENERIC_NUMBER):
                raise SQLTranslationError(
                    f"Cannot tell whether {node.sql(dialect='sqlite')} is an integer or a real "
                    f"{'division' if isinstance(node, exp.Div) else 'remainder'} in SQLite: "
                    f"the type of {side.sql(dialect='sqlite')} is "
                    f"{'decided by its text' if cls else 'unknown'}.",
                    hint="CAST the operands to INTEGER or REAL explicitly.",
                )
        if isinstance(node, exp.Div):
            if ca == cb == "integer":
                return _with_class(_op(exp.IntDiv, a, expression=_nullif_zero(b)), "integer")
            return _with_class(exp.Div(this=a, expression=_nullif_zero(b)), "real")
        if ca == cb == "integer":
            return _with_class(_op(exp.Mod, a, expression=_nullif_zero(b)), "integer")
        ia = _cast(_fn("trunc", a), "BIGINT")
        ib = _cast(_fn("trunc", b), "BIGINT")
        return _with_class(_cast(_op(exp.Mod, ia, expression=_nullif_zero(ib)), "DOUBLE"), "real")

    return _apply(tree, fn)


# --------------------------------------------------------------------------------------------
# Rule: casts


def rule_casts(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """``CAST`` as SQLite does it: toward zero to INTEGER, numeric prefixes from text.

    SQLite's CAST(2.7 AS INTEGER) is 2 (DuckDB rounds to 3); CAST('12.7x' AS INTEGER) is 12 and
    CAST('1e3' AS INTEGER) is 1 (the integer prefix); CAST(text AS REAL) reads the numeric
    prefix; CAST(timestamp column AS TEXT) is its 'YYYY-MM-DD HH:MM:SS' text.
    """
    del ctx

    def fn(node: exp.Expression) -> exp.Expression:
        if not isinstance(node, exp.Cast) or isinstance(node, exp.TryCast) or _CLASS in node.meta:
            return node
        to = _cast_target(node)
        inner = node.this
        cls = sqlite_class(inner)
        if to in _INT_TYPES:
            if cls == "integer" or cls == "null":
                return _with_class(_cast(inner, "BIGINT"), "integer")
            if cls == "real":
                return _with_class(_cast(_fn("trunc", inner), "BIGINT"), "integer")
            if cls in ("text", "timestamp", "date"):
                text = _as_text(inner)
                prefix = _fn("regexp_extract", text, exp.Literal.string(_INT_PREFIX.pattern))
                value = exp.Coalesce(
                    this=exp.TryCast(this=prefix, to=exp.DataType.build("BIGINT")),
                    expressions=[_lit(0)],
                )
                return _with_class(
                    exp.Case(
                        ifs=[
                            exp.If(
                                this=exp.Not(this=exp.Is(this=text.copy(), expression=exp.Null())),
                                true=value,
                            )
                        ]
                    ),
                    "integer",
                )
            raise SQLTranslationError(
                f"Cannot translate {node.sql(dialect='sqlite')}: SQLite truncates reals and "
                f"reads text prefixes, and the type of {inner.sql(dialect='sqlite')} is unknown.",
                hint="Check the column name, or cast a known numeric expression.",
            )
        if to in ("DOUBLE", "FLOAT", "DECIMAL"):
            if cls in ("text", "timestamp", "date"):
                number = _to_number(inner)
                number.meta.pop(_GENERIC_NUMBER, None)
                return _with_class(_cast(number, "DOUBLE"), "real")
            return _with_class(_cast(inner, "DOUBLE"), "real")
        if to in ("TEXT", "VARCHAR", "CHAR") and cls in _TYPED_FORMATS:
            return _as_text(inner)
        return node

    return _apply(tree, fn)


# --------------------------------------------------------------------------------------------
# Rule: comparisons of text with numbers


def _unwrap(node: exp.Expression) -> exp.Expression:
    while isinstance(node, exp.Paren):
        node = node.this
    return node


def _integer_literal(node: exp.Expression) -> int | None:
    node = _unwrap(node)
    if isinstance(node, exp.Neg):
        inner = _integer_literal(node.this)
        return None if inner is None else -inner
    if isinstance(node, exp.Literal) and not node.is_string and re.fullmatch(r"\d+", node.this):
        return int(node.this)
    return None


def _compare_text_with_number(text: exp.Expression, number: exp.Expression) -> None:
    """Apply SQLite's comparison affinity to one (text, number) operand pair, or refuse."""
    if isinstance(_unwrap(text), exp.Column):  # TEXT affinity: the number is compared as text
        value = _integer_literal(number)
        if value is not None:
            _replace(number, _with_class(exp.Literal.string(str(value)), "text"))
            return
        reason = "SQLite compares it as text with the column, DuckDB as a number"
    else:
        reason = "SQLite orders every number before every text (so '=' never holds), DuckDB casts"
    raise SQLTranslationError(
        f"Cannot translate the comparison of the text {text.sql(dialect='sqlite')} with the "
        f"number {number.sql(dialect='sqlite')}: {reason}.",
        hint="Compare text with a string literal (strftime('%Y', t) = '2100') or CAST one side.",
    )


def rule_text_number_comparisons(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """Text compared with a number follows SQLite's affinity rules, or is refused.

    A TEXT column compared with a number compares text (``label = 1`` is ``label = '1'``); a
    text value without affinity (a function result, a literal) compared with a number is never
    equal in SQLite, as numbers sort before text (https://www.sqlite.org/datatype3.html, 4.2
    and 4.1), where DuckDB would cast one side. The first is rewritten for integer literals;
    the rest is refused rather than answered differently.
    """
    del ctx
    for node in _post_order(tree):
        if node.meta.get(_BUILT):
            continue
        if isinstance(node, _COMPARISONS):
            pairs = [(node.this, node.expression)]
        elif isinstance(node, exp.Between):
            pairs = [(node.this, node.args["low"]), (node.this, node.args["high"])]
        elif isinstance(node, exp.In) and not node.args.get("query"):
            pairs = [(node.this, e) for e in node.expressions]
        else:
            continue
        for a, b in pairs:
            ca, cb = sqlite_class(a), sqlite_class(b)
            if cb == "text" and ca in ("integer", "real"):
                a, b, ca, cb = b, a, cb, ca
            if ca != "text" or cb not in ("integer", "real"):
                continue
            if isinstance(_unwrap(b), exp.Column):
                # A numeric column's affinity makes SQLite read the text as a number too;
                # DuckDB casts it the same way and raises where the text is not a number.
                continue
            _compare_text_with_number(a, b)
    return tree


# --------------------------------------------------------------------------------------------
# Rule: LIKE


def rule_like_ignores_case(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """``LIKE`` ignores case, as SQLite's does by default (``ILIKE`` in DuckDB).

    SQLite folds only ASCII letters; DuckDB's ILIKE folds all of Unicode, so the two differ
    only for patterns and values with non-ASCII letters of different case.
    """
    del ctx

    def fn(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Like):
            return exp.ILike(**node.args)
        return node

    return _apply(tree, fn)


# --------------------------------------------------------------------------------------------
# Rule: comparisons with TIMESTAMP columns

_COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.NullSafeEQ, exp.NullSafeNEQ)


def _typed_side(node: exp.Expression, fmt: str, pattern: re.Pattern[str]) -> exp.Expression | None:
    """The typed form of ``node`` when it is text in format ``fmt`` (else None)."""
    cls = sqlite_class(node)
    if cls in _TYPED_FORMATS and _TYPED_FORMATS[cls][0] == fmt:
        return node
    if node.meta.get(_TS_FMT) == fmt:
        return node.meta[_TS]
    if isinstance(node, exp.Literal) and node.is_string and pattern.match(node.this):
        return node
    if cls == "null":
        return node
    return None


def rule_timestamp_comparisons(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """Comparisons involving TIMESTAMP/DATE columns compare SQLite's text, as SQLite does.

    In SQLite ``charttime`` is the text 'YYYY-MM-DD HH:MM:SS', compared character by character:
    ``charttime > '2100-01-01'`` holds at midnight, where DuckDB's typed comparison does not.
    When every operand is in the column's format (another such column, a ``datetime()``
    result, a literal in that exact format) text order and time order agree and the typed
    comparison is kept (fast); otherwise the column is rendered as SQLite's text. Text from
    date functions compared with each other stays text, as in SQLite.
    """
    del ctx
    for node in _post_order(tree):
        if isinstance(node, _COMPARISONS):
            operands = ["this", "expression"]
        elif isinstance(node, exp.Between):
            operands = ["this", "low", "high"]
        elif isinstance(node, exp.In) and not node.args.get("query"):
            operands = ["this"] + [f"expressions.{i}" for i in range(len(node.expressions))]
        else:
            continue
        values = [_operand(node, key) for key in operands]
        formats = [_text_format(v) for v in values]
        anchors = [f for f in formats if f is not None]
        if not anchors:
            continue
        fmt, pattern = anchors[0]
        forms = [_typed_side(v, fmt, pattern) for v in values]
        if all(f is not None for f in forms):
            for v, f in zip(values, forms, strict=True):
                if f is not v:
                    _replace(v, f.copy())
        else:
            for v in values:
                if sqlite_class(v) in _TYPED_FORMATS:
                    _replace(v, _as_text(v.copy()))
    return tree


def _text_format(node: exp.Expression) -> tuple[str, re.Pattern[str]] | None:
    """Return the (format, pattern) of a typed column or a date function's text, else None."""
    cls = sqlite_class(node)
    if cls in _TYPED_FORMATS:
        return _TYPED_FORMATS[cls]
    fmt = node.meta.get(_TS_FMT)
    if fmt == TS_FORMAT:
        return _TYPED_FORMATS["timestamp"]
    if fmt == DATE_FORMAT:
        return _TYPED_FORMATS["date"]
    return None


def _operand(node: exp.Expression, key: str) -> exp.Expression:
    if "." in key:
        name, idx = key.split(".")
        return node.args[name][int(idx)]
    return node.args[key]


# --------------------------------------------------------------------------------------------
# Rule: truth values as integers


def rule_truth_values_as_integers(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """Comparisons used as values are the INTEGERs 0/1 (or NULL), as in SQLite.

    ``SELECT COUNT(*) > 0`` returns 1 in SQLite and ``True`` in DuckDB; ``1 + (a > b)`` and
    ``sum(a > b)`` need a number in DuckDB. Truth values in a select list, in arithmetic and in
    aggregates become ``CAST(... AS INTEGER)``.
    """
    del ctx

    def as_int(node: exp.Expression) -> None:
        target = node.this if isinstance(node, exp.Alias) else node
        while isinstance(target, exp.Paren):
            target = target.this
        if isinstance(target, _PREDICATES):
            _replace(target, _with_class(_cast(target.copy(), "INTEGER"), "integer"))

    for node in _post_order(tree):
        if isinstance(node, exp.Select):
            for p in node.expressions:
                as_int(p)
        elif isinstance(node, (*_ARITHMETIC, exp.IntDiv)):
            as_int(node.this)
            as_int(node.expression)
        elif isinstance(node, (exp.Sum, exp.Avg, exp.Min, exp.Max)) and node.this is not None:
            as_int(node.this)
    return tree


# --------------------------------------------------------------------------------------------
# Rule: ORDER BY on a one-row aggregate


def _own_aggregates(select: exp.Select, parts: list[exp.Expression]) -> list[exp.AggFunc]:
    """Aggregate calls of ``select`` itself in ``parts`` (not of subqueries, not windowed)."""
    found = []
    for part in parts:
        for agg in part.find_all(exp.AggFunc):
            if agg.parent_select is select and not isinstance(agg.parent, exp.Window):
                found.append(agg)
    return found


def _is_aggregate_select(select: exp.Select) -> bool:
    return not select.args.get("group") and bool(_own_aggregates(select, select.expressions))


def rule_aggregate_order_by(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """ORDER BY on an aggregate query without GROUP BY is dropped: it orders a single row.

    SQLite accepts ``SELECT COUNT(*) > 0 FROM t ORDER BY t.x``; DuckDB refuses the bare ``t.x``.
    The query returns exactly one row, which no ordering changes.
    """
    del ctx
    for select in tree.find_all(exp.Select):
        if select.args.get("order") and _is_aggregate_select(select):
            select.set("order", None)
    return tree


# --------------------------------------------------------------------------------------------
# Rule: bare columns of aggregate queries


def _group_keys(select: exp.Select) -> set[str]:
    keys = set()
    group = select.args.get("group")
    for g in group.expressions if group else []:
        target = g
        if isinstance(g, exp.Literal) and not g.is_string and g.this.isdigit():
            idx = int(g.this) - 1
            if 0 <= idx < len(select.expressions):
                target = select.expressions[idx]
        elif isinstance(g, exp.Column) and not g.table:
            proj = _projection_named(select, g.name.lower())
            target = proj if proj is not None else g
        target = target.this if isinstance(target, exp.Alias) else target
        keys.add(target.sql(dialect="duckdb").lower())
    return keys


def _bare_columns(select: exp.Select, parts: list[exp.Expression]) -> list[exp.Column]:
    keys = _group_keys(select)
    aliases = {p.alias.lower() for p in select.expressions if isinstance(p, exp.Alias)}
    bare = []
    for part in parts:
        for col in part.find_all(exp.Column):
            if col.parent_select is not select or (not col.table and col.name.lower() in aliases):
                continue
            node: exp.Expression | None = col
            covered = False
            while node is not None and node is not part.parent:
                if isinstance(node, (exp.AggFunc, exp.Window)) or (
                    node.sql(dialect="duckdb").lower() in keys
                ):
                    covered = True
                    break
                node = node.parent
            if not covered:
                bare.append(col)
    return bare


def rule_bare_columns(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """Bare columns of an aggregate query with one min()/max() come from that row, as in SQLite.

    SQLite lets a grouped query select columns that are neither grouped nor aggregated; with
    exactly one ``min(x)`` or ``max(x)`` they take their values from the row holding that
    minimum or maximum (https://www.sqlite.org/lang_select.html, "bare columns"), which is
    DuckDB's ``arg_min(col, x)``/``arg_max(col, x)``. EHRSQL's ``GROUP BY subject_id HAVING
    MIN(charttime) = charttime`` is this idiom. Bare columns without such an aggregate take an
    arbitrary row's values in SQLite: refused. (Among tied rows SQLite keeps the first one it
    meets, DuckDB any one: the two agree whenever the extreme row is unique.)
    """
    del ctx
    for select in list(tree.find_all(exp.Select)):
        parts = [*select.expressions]
        for key in ("having", "order"):
            if select.args.get(key) is not None:
                parts.append(select.args[key])
        if not select.args.get("group") and not _own_aggregates(select, select.expressions):
            continue
        bare = _bare_columns(select, parts)
        if not bare:
            continue
        aggs = _own_aggregates(select, parts)
        kinds = {type(a) for a in aggs}
        keys = {a.this.sql(dialect="duckdb") for a in aggs if a.this is not None}
        if len(kinds) != 1 or kinds - {exp.Min, exp.Max} or len(keys) != 1:
            raise SQLTranslationError(
                f"The column {bare[0].sql(dialect='sqlite')} is neither grouped nor aggregated; "
                f"SQLite takes it from an arbitrary row unless the query has exactly one min() "
                f"or max() aggregate (found: "
                f"{', '.join(a.sql(dialect='sqlite') for a in aggs) or 'none'}).",
                hint="Add the column to GROUP BY or wrap it in an aggregate such as min().",
            )
        agg = aggs[0]
        kind = exp.ArgMin if isinstance(agg, exp.Min) else exp.ArgMax
        for col in bare:
            new: exp.Expression = kind(this=col.copy(), expression=agg.this.copy())
            if col.parent is select:  # a whole projection keeps its output name
                new = exp.Alias(this=new, alias=exp.to_identifier(col.name))
            _replace(col, new)
    return tree


# --------------------------------------------------------------------------------------------
# Rule: SQLite-only functions


def rule_sqlite_functions(tree: exp.Expression, ctx: TranslationContext) -> exp.Expression:
    """SQLite functions without a same-named DuckDB twin: total(), multi-argument min()/max().

    ``total(x)`` is a REAL sum that is 0.0 over no rows. ``max(a, b)``/``min(a, b)`` with
    several arguments are scalar and NULL if any argument is NULL (DuckDB's greatest/least
    skip NULLs). ``typeof()`` reports SQLite storage classes DuckDB does not have: refused.
    """
    del ctx

    def fn(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Anonymous) and node.name.lower() == "total":
            if len(node.expressions) != 1:
                raise SQLTranslationError(
                    f"total() takes exactly one argument; found {len(node.expressions)}."
                )
            arg = node.expressions[0]
            if sqlite_class(arg) in ("text", "timestamp", "date"):
                arg = _to_number(arg)
            total = exp.Coalesce(this=exp.Sum(this=_cast(arg, "DOUBLE")), expressions=[_lit(0.0)])
            return _with_class(total, "real")
        if isinstance(node, (exp.Max, exp.Min)) and node.expressions:
            args = [node.this, *node.expressions]
            fname = "greatest" if isinstance(node, exp.Max) else "least"
            any_null = exp.or_(*[exp.Is(this=a.copy(), expression=exp.Null()) for a in args])
            return exp.Case(ifs=[exp.If(this=any_null, true=exp.Null())], default=_fn(fname, *args))
        if isinstance(node, exp.Typeof):
            raise SQLTranslationError(
                "typeof() reports SQLite storage classes, which DuckDB's typed columns do not "
                "have; it is not translated.",
                hint="Compare the value itself instead.",
            )
        return node

    return _apply(tree, fn)


#: The rules, in the order :func:`translate_sqlite` applies them. Date functions come before
#: the numeric rules (which read the types they produce); comparisons and truth values last.
RULES: tuple[Rule, ...] = (
    rule_real_literals,
    rule_frozen_now,
    rule_date_functions,
    rule_sqlite_functions,
    rule_casts,
    rule_text_in_arithmetic,
    rule_division,
    rule_text_number_comparisons,
    rule_like_ignores_case,
    rule_timestamp_comparisons,
    rule_truth_values_as_integers,
    rule_aggregate_order_by,
    rule_bare_columns,
)

#: The node types without which a rule has nothing to do (it is then skipped: a speed-up only;
#: nodes the rules add are marked and ignored by the later rules).
_TRIGGERS: dict[Rule, tuple[type[exp.Expression], ...]] = {
    rule_real_literals: (exp.Literal,),
    rule_frozen_now: (exp.CurrentTime, exp.CurrentTimestamp, exp.CurrentDate),
    rule_date_functions: (exp.Anonymous, exp.TimeToStr, exp.Date),
    rule_sqlite_functions: (exp.Anonymous, exp.Max, exp.Min, exp.Typeof),
    rule_casts: (exp.Cast,),
    rule_text_in_arithmetic: (*_ARITHMETIC, exp.Neg, *_NUMERIC_AGGS),
    rule_division: (exp.Div, exp.Mod),
    rule_text_number_comparisons: (*_COMPARISONS, exp.Between, exp.In),
    rule_like_ignores_case: (exp.Like,),
    rule_timestamp_comparisons: (*_COMPARISONS, exp.Between, exp.In),
    rule_truth_values_as_integers: _PREDICATES,
    rule_aggregate_order_by: (exp.Order,),
    rule_bare_columns: (exp.Group, exp.AggFunc),
}


def _valid_now(now: str) -> bool:
    try:
        return _parse_time_literal(now) is not None
    except SQLTranslationError:
        return False


def translate_sqlite(
    tree: exp.Expression,
    *,
    now: str | None,
    schema: Mapping[str, Mapping[str, str]] | None = None,
    copy: bool = True,
) -> exp.Expression:
    """Rewrite a tree parsed with ``read="sqlite"`` so DuckDB computes what SQLite would.

    Args:
        tree: ``sqlglot.parse_one(sql, read="sqlite")``; it is not modified unless ``copy`` is
            False.
        now: The frozen "now" ('YYYY-MM-DD HH:MM:SS') for ``current_time``, ``current_date``,
            ``current_timestamp`` and ``'now'`` (EHRSQL: :data:`~m3agent.tools.datasets.
            EHRSQL_NOW`), or None for the real UTC time.
        schema: ``{table: {column: DuckDB type}}`` of the database the query will run on
            (:func:`duckdb_schema`). Needed to tell integer from real division, text columns
            that ``sum()`` must convert, and TIMESTAMP columns that SQLite sees as text.
        copy: False rewrites ``tree`` in place, for a caller that parsed it and will not look
            at it again (the engine): the defensive copy is a fifth of the translation's cost.

    Returns:
        A new tree to render with ``.sql(dialect="duckdb")``.

    Raises:
        ConfigError: If ``now`` is not 'YYYY-MM-DD HH:MM:SS'.
        SQLTranslationError: For a construct whose SQLite meaning cannot be reproduced, saying
            what and why.
    """
    if now is not None and not (_CANONICAL_TS.match(now) and _valid_now(now)):
        raise ConfigError(f"The frozen now must be 'YYYY-MM-DD HH:MM:SS'; found {now!r}.")
    out = tree.copy() if copy else tree
    if schema:
        _annotate_columns(out, schema)
    ctx = TranslationContext(now=now)
    present = {type(node) for node in out.walk()}
    for rule in RULES:
        if any(issubclass(t, _TRIGGERS[rule]) for t in present):
            out = rule(out, ctx)
    return out
