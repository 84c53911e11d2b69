"""Validation rules: small pure functions over the sqlglot tree, applied in order.

Each rule takes the parsed statement and a :class:`RuleContext` and either returns nothing or
raises :class:`SQLValidationError` naming itself. The engine runs :data:`RULES` in order on the
tree that will be executed (after dialect translation), so what is checked is what runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sqlglot import exp

from m3agent.tools.errors import SQLValidationError
from m3agent.tools.sql.bigquery_rules import rule_bigquery_specific

#: Root statements a query may be.
_ROOTS = (exp.Select, exp.SetOperation, exp.Subquery)

#: Node types that write, change state or reach outside the database, refused anywhere in the
#: tree (inside CTEs and subqueries too).
_FORBIDDEN: dict[type[exp.Expression], str] = {
    exp.Insert: "INSERT", exp.Update: "UPDATE", exp.Delete: "DELETE", exp.Merge: "MERGE",
    exp.Create: "CREATE", exp.Drop: "DROP", exp.Alter: "ALTER", exp.Copy: "COPY",
    exp.Command: "a command", exp.Pragma: "PRAGMA", exp.Set: "SET", exp.Transaction: "BEGIN",
    exp.Commit: "COMMIT", exp.Rollback: "ROLLBACK", exp.Into: "SELECT ... INTO",
    exp.Attach: "ATTACH", exp.Detach: "DETACH", exp.Install: "INSTALL", exp.Use: "USE",
    exp.Describe: "DESCRIBE", exp.Summarize: "SUMMARIZE", exp.LoadData: "LOAD DATA",
    exp.TruncateTable: "TRUNCATE", exp.Show: "SHOW", exp.Cache: "CACHE",
    exp.Uncache: "UNCACHE", exp.Refresh: "REFRESH", exp.Analyze: "ANALYZE",
    exp.Grant: "GRANT", exp.Revoke: "REVOKE", exp.Kill: "KILL", exp.Declare: "DECLARE",
    exp.Return: "RETURN", exp.Returning: "RETURNING",
}

#: sqlglot expression classes (keys) that are syntax rather than named functions, allowed.
_ALLOWED_SYNTAX = {
    "and", "or", "xor", "exists", "cast", "trycast", "case", "if", "coalesce", "extract",
    "interval", "explode", "unnest",
    "array", "struct", "bracket", "anonymousaggfunc", "count", "sum", "avg", "min", "max",
    "currenttimestamp", "currentdate", "currenttime", "strtotime", "timetostr", "strtodate",
    "datetrunc", "timestamptrunc", "datediff", "dateadd", "datesub", "timestampdiff",
    "timestampadd", "tsordstodate", "tsordstotime", "tsordstotimestamp", "unixtotime",
    "timetounix", "todays", "lower", "upper", "length", "substring", "concat", "concatws",
    "trim", "round", "abs", "ln", "log", "exp", "sqrt", "pow", "floor", "ceil", "nullif",
    "greatest", "least", "stddev", "stddevsamp", "stddevpop", "variance", "variancepop",
    "median", "quantile", "percentilecont", "percentiledisc", "approxdistinct", "groupconcat",
    "stringagg", "arrayagg", "first", "last", "rownumber", "rank", "denserank", "lag", "lead",
    "firstvalue", "lastvalue", "ntile", "percentrank", "cumedist", "nthvalue", "regexplike",
    "regexpextract", "regexpreplace", "ilike", "like", "date", "time", "timestamp",
    "timestampfromparts", "datefromparts", "strposition", "left", "right", "lpad", "rpad",
    "replace", "reverse", "initcap", "md5", "sha", "sha2", "split", "splitpart", "day",
    "month", "year", "week", "quarter", "dayofweek", "dayofmonth", "dayofyear", "weekofyear",
    "hour", "minute", "second", "anyvalue", "countif", "logicaland", "logicalor", "corr",
    "covarsamp", "covarpop", "arraysize", "arraycontains", "arrayjoin", "arraytostring",
    "list", "mod", "sign", "div", "safedivide", "nvl2", "ifnull", "isnan", "isinf",
    "jsonextract", "jsonextractscalar", "jsonbextract", "tochar", "tonumber", "unicode",
    "chr", "ascii", "repeat", "pad", "levenshtein", "filter", "transform", "lambda",
    "dateaddinterval", "lastday", "makeinterval", "epoch", "epochms", "columns",
    "generatedateArray", "arrayfilter", "arrayany", "arrayall", "bitwiseand",
    "bitwiseor", "bitwisexor", "bitwisenot", "bitwiseleftshift", "bitwiserightshift",
    "approxquantile", "skewness", "kurtosis", "mode", "arrayuniqueagg", "hex", "unhex",
    "toBase64", "fromBase64", "currentschema",
    # BigQuery's DATETIME functions (MIMIC-IV on BigQuery stores times as DATETIME).
    "datetimediff", "datetimeadd", "datetimesub", "datetimetrunc", "timestampsub",
    "currentdatetime",
}


@cache
def allowed_functions() -> frozenset[str]:
    """The DuckDB function names a query may call (``allowed_functions.txt``)."""
    path = Path(__file__).with_name("allowed_functions.txt")
    names = (ln.strip().lower() for ln in path.read_text(encoding="utf-8").splitlines())
    return frozenset(n for n in names if n and not n.startswith("#"))


#: Function names refused even if a future allow-list edit slipped them in.
DENIED_FUNCTIONS = frozenset({
    "getenv", "current_setting", "current_query", "read_csv", "read_csv_auto", "read_parquet",
    "read_json", "read_json_auto", "read_ndjson", "read_text", "read_blob", "glob",
    "sniff_csv", "query", "query_table", "parquet_scan", "parquet_metadata", "parquet_schema",
    "sleep_ms", "pg_sleep", "setseed", "nextval", "currval", "json_execute_serialized_sql",
    "read_duckdb", "which_secret", "load_extension", "checkpoint", "force_checkpoint",
    # Session state that the allow-list let through (found by tests/fixtures/sql/denied.sql):
    "getvariable", "txid_current", "current_transaction_id", "current_connection_id",
    "in_search_path",
})

#: Bare words DuckDB binds to session functions when no column of that name exists
#: (``SELECT user`` and ``SELECT "user"`` return the current user); refused unless qualified.
SESSION_KEYWORDS = frozenset({"user", "current_user", "session_user", "current_role",
                              "current_catalog"})
_DENIED_PREFIXES = ("duckdb_", "pragma_", "read_", "parquet_", "pg_")

_PATHLIKE = re.compile(r"[/\\~]|\.(csv|gz|parquet|json|txt|db|duckdb|sqlite|xlsx?)$|^\w+://",
                       re.IGNORECASE)


@dataclass
class RuleContext:
    """What the rules need to know besides the tree.

    Attributes:
        sql: The original SQL text (for snippets).
        allowed_tables: Lower-case ``schema.table`` names the query may read.
        cte_names: Names defined by WITH clauses in the statement (filled by the rules).
        bigquery: The SQL is BigQuery's or runs on BigQuery: the BigQuery-specific rules apply.
    """

    sql: str
    allowed_tables: frozenset[str]
    cte_names: set[str] = field(default_factory=set)
    bigquery: bool = False


def _snippet(node: exp.Expression, limit: int = 80) -> str:
    try:
        text = node.sql(dialect="duckdb")
    except Exception:  # noqa: BLE001 - a snippet must never mask the real refusal
        text = type(node).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def rule_single_statement(statements: list[exp.Expression | None], ctx: RuleContext) -> None:
    """Exactly one statement: stacked queries (``SELECT 1; DROP ...``) are refused."""
    real = [s for s in statements if s is not None]
    if len(real) != 1:
        raise SQLValidationError(
            f"Expected exactly one SQL statement, found {len(real)}.",
            rule="single_statement",
            hint="Send one SELECT at a time, without a second statement after a semicolon.")


def rule_read_only_root(tree: exp.Expression, ctx: RuleContext) -> None:
    """Only SELECT, set operations (UNION/INTERSECT/EXCEPT) and WITH ... SELECT."""
    if not isinstance(tree, _ROOTS):
        kind = _FORBIDDEN.get(type(tree)) or type(tree).__name__.upper()
        raise SQLValidationError(
            f"Only read-only queries are allowed: expected SELECT, WITH ... SELECT or a set "
            f"operation, found {kind}.", rule="read_only_statement", snippet=_snippet(tree),
            hint="Rewrite it as a SELECT; nothing can be written, attached or configured.")


def rule_no_forbidden_nodes(tree: exp.Expression, ctx: RuleContext) -> None:
    """No DML, DDL, COPY, ATTACH, PRAGMA, SET, INSTALL or transaction anywhere in the tree, and
    every WITH clause holds a query (BigQuery's parser reads ``WITH c AS (INSTALL httpfs)`` as
    an aliased expression; found by the validator fuzzing)."""
    for cte in tree.find_all(exp.CTE):
        if not isinstance(cte.this, exp.Select | exp.SetOperation | exp.Subquery | exp.Values):
            raise SQLValidationError(
                f"A WITH clause must hold a SELECT, found {_snippet(cte.this)!r}.",
                rule="no_write_or_admin", snippet=_snippet(cte),
                hint="Write each common table expression as (SELECT ...).")
    for node in tree.walk():
        kind = _FORBIDDEN.get(type(node))
        if kind:
            where = "inside a CTE" if node.find_ancestor(exp.CTE) else "inside the query"
            raise SQLValidationError(
                f"{kind} is not allowed {where}: queries are read-only.",
                rule="no_write_or_admin", snippet=_snippet(node),
                hint="Remove the statement; only SELECT can run.")


def _function_names(node: exp.Func) -> set[str]:
    if isinstance(node, exp.Anonymous):
        return {str(node.name).lower()}
    return {node.key.lower(), *(n.lower() for n in type(node).sql_names())}


def rule_allowed_functions(tree: exp.Expression, ctx: RuleContext) -> None:
    """Functions only from the allow-list: table functions, file readers and settings refused."""
    allowed = allowed_functions()
    for col in tree.find_all(exp.Column):
        if not col.table and col.name.lower() in SESSION_KEYWORDS:
            raise SQLValidationError(
                f"{col.name} is not allowed: DuckDB reads it as {col.name.lower()}(), which "
                f"reveals the session.", rule="allowed_functions", snippet=_snippet(col),
                hint="Query the MIMIC-IV tables directly; session state is off limits.")
    for node in tree.find_all(exp.Func):
        names = _function_names(node)
        if names & DENIED_FUNCTIONS or any(n.startswith(_DENIED_PREFIXES) for n in names
                                           if n not in allowed):
            shown = sorted(names & DENIED_FUNCTIONS) or sorted(names)
            raise SQLValidationError(
                f"Function {shown[0]}() is not allowed: it reads files, settings or system "
                f"state.", rule="allowed_functions", snippet=_snippet(node),
                hint="Query the MIMIC-IV tables directly; files and settings are off limits.")
        if isinstance(node, exp.Anonymous):
            ok = bool(names & allowed)
        else:
            ok = bool(names & allowed) or node.key.lower() in _ALLOWED_SYNTAX
        if not ok:
            name = sorted(names)[0]
            raise SQLValidationError(
                f"Function {name}() is not on the allow-list of scalar, aggregate and window "
                f"functions.", rule="allowed_functions", snippet=_snippet(node),
                hint="Use a standard DuckDB scalar or aggregate function instead.")


def rule_no_table_functions(tree: exp.Expression, ctx: RuleContext) -> None:
    """A FROM or JOIN source is a table or a subquery, never a function or a string."""
    for source in tree.find_all(exp.Lateral, exp.From, exp.Join):
        if isinstance(source.this, exp.Func) and not isinstance(source.this,
                                                                exp.Unnest | exp.Explode):
            raise SQLValidationError(
                "Table functions are not allowed in FROM, JOIN or LATERAL: only catalog tables, "
                "CTEs and subqueries can be read.", rule="no_table_functions",
                snippet=_snippet(source),
                hint="Select from a MIMIC-IV table such as mimiciv_hosp.patients.")
    for table in tree.find_all(exp.Table):
        this = table.this
        if isinstance(this, exp.Func) and not isinstance(this, exp.Unnest | exp.Explode):
            raise SQLValidationError(
                "Table functions are not allowed in FROM or JOIN: only catalog tables, CTEs "
                "and subqueries can be read.", rule="no_table_functions",
                snippet=_snippet(table),
                hint="Select from a MIMIC-IV table such as mimiciv_hosp.patients.")
        if isinstance(this, exp.Literal) or (isinstance(this, exp.Identifier)
                                              and _PATHLIKE.search(this.name or "")):
            raise SQLValidationError(
                f"A file path or string cannot be used as a table: found {this.name!r}.",
                rule="no_paths", snippet=_snippet(table),
                hint="Only the tables of the catalog can be read.")


def _collect_ctes(tree: exp.Expression) -> set[str]:
    return {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}


def table_key(table: exp.Table) -> str:
    """``schema.table`` in lower case, as resolution left it (schema may be empty)."""
    parts = [p.name.lower() for p in (table.args.get("db"), table.this) if p is not None]
    return ".".join(parts)


def rule_tables_in_catalog(tree: exp.Expression, ctx: RuleContext) -> None:
    """Every table read is in the catalog (an allow-list) or a CTE of the statement."""
    ctx.cte_names = _collect_ctes(tree)
    for table in tree.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier):
            continue
        if table.args.get("catalog") is not None:
            raise SQLValidationError(
                f"Cross-database references are not allowed: found {_snippet(table)}.",
                rule="tables_in_catalog", snippet=_snippet(table),
                hint="Use schema.table, e.g. mimiciv_hosp.patients.")
        key = table_key(table)
        if key in ctx.allowed_tables or (not table.args.get("db") and key in ctx.cte_names):
            continue
        from m3agent.tools.sql.resolve import closest_tables

        near = closest_tables(key, ctx.allowed_tables)
        raise SQLValidationError(
            f"Unknown table {key!r}: only the dataset's catalog tables can be read.",
            rule="tables_in_catalog", snippet=_snippet(table),
            hint=("Did you mean: " + ", ".join(near) + "?") if near else
            "Call list_tables to see the tables.")


#: The most elements (series, resized lists) or characters (repeat, lpad, rpad) one call may
#: build. DuckDB checks for interruption only between chunks of rows, so one scalar call that
#: builds a huge list or string cannot be stopped by the timeout: measured on DuckDB 2.0.1 with
#: a 0.5-1 s timeout, ``generate_series(1, 1000000000)`` ran 141 s, ``range(100000000)`` 17 s,
#: ``repeat('x', 1000000000)`` 9 s before the interrupt took (tests/fixtures/sql/denied.sql).
MAX_GENERATED = 100_000
#: The widest field a printf/format pattern may ask for (``printf('%500000000d', 1)``).
MAX_FORMAT_WIDTH = 1_000

_AMPLIFIER_NAMES = {"list_resize", "array_resize", "printf"}
_UNITS_S = {"microsecond": 1e-6, "millisecond": 1e-3, "second": 1, "sec": 1, "minute": 60,
            "min": 60, "hour": 3600, "day": 86400, "week": 604800, "month": 2_592_000,
            "year": 31_536_000}


def _const_number(node: exp.Expression | None) -> float | None:
    """The value of a constant numeric expression (literals, sign, parentheses, arithmetic,
    numeric casts), or None if it depends on data or is not a number."""
    if isinstance(node, exp.Cast) and node.to.is_type(*exp.DataType.TEMPORAL_TYPES):
        return None
    if isinstance(node, exp.Paren | exp.Cast):
        return _const_number(node.this)
    if isinstance(node, exp.Literal) and not node.is_string:
        try:
            return float(node.name)
        except ValueError:
            return None
    if isinstance(node, exp.Neg):
        value = _const_number(node.this)
        return None if value is None else -value
    if isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Div):
        a, b = _const_number(node.this), _const_number(node.expression)
        if a is None or b is None:
            return None
        if isinstance(node, exp.Add):
            return a + b
        if isinstance(node, exp.Sub):
            return a - b
        if isinstance(node, exp.Mul):
            return a * b
        return a / b if b else None
    return None


def _const_seconds(node: exp.Expression | None) -> float | None:
    """Seconds since the epoch of a constant DATE/TIMESTAMP literal, or an INTERVAL's length."""
    import datetime as dt

    if isinstance(node, exp.Paren):
        return _const_seconds(node.this)
    if isinstance(node, exp.Cast) and isinstance(node.this, exp.Literal) and node.this.is_string \
            and node.to.is_type(*exp.DataType.TEMPORAL_TYPES):
        try:
            when = dt.datetime.fromisoformat(node.this.name.strip())
        except ValueError:
            return None
        return when.replace(tzinfo=when.tzinfo or dt.UTC).timestamp()
    if isinstance(node, exp.Interval):
        text = f"{node.this.name if node.this else ''} {node.unit.name if node.unit else ''}"
        m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*([a-z]+?)s?\s*", text.lower())
        unit = m and _UNITS_S.get(m.group(2))
        return float(m.group(1)) * unit if m and unit else None
    return None


def _series_size(node: exp.GenerateSeries) -> float | None:
    start, end, step = (node.args.get(k) for k in ("start", "end", "step"))
    nums = [_const_number(a) for a in (start, end, step) if a is not None]
    if len(nums) == len([a for a in (start, end, step) if a is not None]) and None not in nums:
        lo, hi = (nums[0], nums[1]) if len(nums) >= 2 else (0.0, nums[0])
        by = nums[2] if len(nums) == 3 else 1.0
    else:
        secs = [_const_seconds(a) for a in (start, end, step) if a is not None]
        if len(secs) != 3 or None in secs:
            return None
        lo, hi, by = secs
    if not by:
        return None
    return abs(hi - lo) / abs(by) + (0 if node.args.get("is_end_exclusive") else 1)


def rule_bounded_generators(tree: exp.Expression, ctx: RuleContext) -> None:
    """Calls that build lists or strings (generate_series, range, repeat, lpad, rpad,
    list_resize, printf, format) have constant sizes up to :data:`MAX_GENERATED`, and are not
    nested in one another or in a lambda (nesting multiplies the size)."""
    for node in tree.find_all(exp.Func):
        name = str(node.name).lower() if isinstance(node, exp.Anonymous) else node.key
        if not isinstance(node, exp.GenerateSeries | exp.Repeat | exp.Pad | exp.Format) and \
                name not in _AMPLIFIER_NAMES:
            continue
        shown = _snippet(node)
        if node.find_ancestor(exp.Lambda) or any(
                isinstance(a, exp.GenerateSeries | exp.Repeat | exp.Pad) or (
                    isinstance(a, exp.Anonymous) and str(a.name).lower() in _AMPLIFIER_NAMES)
                for a in _ancestors(node)):
            raise SQLValidationError(
                "Calls that build lists or strings cannot be nested in one another or in a "
                "lambda: the sizes multiply beyond what the timeout can stop.",
                rule="resource_limits", snippet=shown,
                hint=f"Use one generate_series/repeat of at most {MAX_GENERATED:,} elements.")
        if isinstance(node, exp.Format) or name == "printf":
            fmt = node.this if isinstance(node, exp.Format) else (node.expressions or [None])[0]
            widths = [int(w) for w in re.findall(r"\d+", fmt.name)] if isinstance(
                fmt, exp.Literal) and fmt.is_string else None
            if widths is None or any(w > MAX_FORMAT_WIDTH for w in widths):
                raise SQLValidationError(
                    f"{name}() needs a constant pattern with widths up to {MAX_FORMAT_WIDTH}.",
                    rule="resource_limits", snippet=shown,
                    hint="Write the pattern as a string literal with a small width.")
            continue
        if isinstance(node, exp.GenerateSeries):
            size = _series_size(node)
        elif isinstance(node, exp.Repeat):
            size = _const_number(node.args.get("times"))
        elif isinstance(node, exp.Pad):
            size = _const_number(node.expression)
        else:
            size = _const_number((node.expressions or [None, None])[1]) if len(
                node.expressions) > 1 else None
        if size is None or size > MAX_GENERATED:
            found = "a size computed from data" if size is None else f"{size:,.0f}"
            raise SQLValidationError(
                f"{name}() may build at most {MAX_GENERATED:,} elements or characters from "
                f"constant arguments; found {found}. One call that builds more cannot be "
                f"stopped by the query timeout.", rule="resource_limits", snippet=shown,
                hint="Use constant bounds (e.g. generate_series(0, 2000) joined on "
                     "admittime + h * INTERVAL 1 HOUR <= dischtime) or aggregate instead.")


def _ancestors(node: exp.Expression):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


Rule = Callable[[exp.Expression, RuleContext], None]

#: The ordered rules run on every statement (after the single-statement check).
RULES: list[Rule] = [
    rule_read_only_root,
    rule_no_forbidden_nodes,
    rule_bigquery_specific,
    rule_no_table_functions,
    rule_allowed_functions,
    rule_bounded_generators,
    rule_tables_in_catalog,
]


def validate(tree: exp.Expression, ctx: RuleContext) -> None:
    """Run every rule in order; the first refusal raises."""
    for rule in RULES:
        rule(tree, ctx)
