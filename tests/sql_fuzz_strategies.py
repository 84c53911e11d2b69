"""Hypothesis strategies for fuzzing the SQL validator, shared by tests/test_sql_fuzz_long.py
(a short run) and benchmarks/bench_fuzz.py (the long run).

Three kinds of input:

- :func:`grammar_sql`: SQL built from a small grammar that mixes honest constructs (catalog
  tables, allowed functions, CTEs, joins, subqueries, set operations) with attack fragments
  (file readers, settings functions, paths as tables, writes, stacked statements), joined by
  random whitespace and comments and with random keyword case. Whatever the validator accepts
  must satisfy :func:`accepted_is_safe`.
- :func:`obfuscated_denied`: a refused case from the fixtures (``denied.sql``,
  ``bq_denied.sql``) under meaning-preserving changes: keyword and name case flipped, the gaps
  between tokens replaced by other whitespace or comments, comments before and after, and
  SELECT-form attacks wrapped in a subquery, a CTE, an EXISTS or parentheses. It must still be
  refused.
- random text (``st.text``): anything at all; only our own errors may come out.
"""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import strategies as st
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import SqlglotError
from sqlglot.tokens import TokenType

from m3agent.tools.errors import M3AgentError, SQLParseError, SQLValidationError
from m3agent.tools.sql.engine import SQLEngine
from m3agent.tools.sql.rules import DENIED_FUNCTIONS, RuleContext, validate

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _cases(path: Path) -> list[tuple[str, str]]:
    return [
        tuple(ln.split("\t", 1))
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]


#: (dialect, rule, sql) of every refused case in the fixtures.
DENIED_CASES: list[tuple[str, str, str]] = [
    ("duckdb", r, s) for r, s in _cases(FIXTURES / "sql" / "denied.sql")
] + [("bigquery", r, s) for r, s in _cases(FIXTURES / "bq" / "bq_denied.sql")]

TABLES = [
    "patients",
    "admissions",
    "mimiciv_hosp.labevents",
    "hosp.d_labitems",
    "mimiciv_icu.icustays",
    "icu.chartevents",
    "mimiciv_3_1_hosp.prescriptions",
]
COLUMNS = [
    "subject_id",
    "hadm_id",
    "stay_id",
    "gender",
    "anchor_age",
    "itemid",
    "valuenum",
    "charttime",
    "admittime",
    "label",
    "race",
    "1",
    "'F'",
    "NULL",
    "2.5",
]
SAFE_FUNCS = [
    "count({})",
    "sum({})",
    "avg({})",
    "min({})",
    "max({})",
    "lower({})",
    "upper({})",
    "length({})",
    "round({}, 2)",
    "abs({})",
    "coalesce({}, 0)",
    "nullif({}, 0)",
    "greatest({}, 1)",
    "date_trunc('day', {})",
    "strftime({}, '%Y')",
    "substr({}, 1, 3)",
    "trim({})",
]
ATTACK_FUNCS = sorted(
    DENIED_FUNCTIONS
    | {"current_user", "version", "pragma_version", "duckdb_settings", "generate_series", "repeat"}
)
ATTACK_SOURCES = [
    "read_csv('/etc/passwd')",
    "'/etc/passwd'",
    '"s3://bucket/k.csv"',
    "duckdb_settings()",
    "information_schema.tables",
    "pg_catalog.pg_settings",
    "_m3agent.build_info",
    "range(10)",
    "glob('*')",
    "read_text('~/.ssh/id_rsa')",
    "sqlite_master",
    "`region-us`.INFORMATION_SCHEMA.JOBS",
    "EXTERNAL_QUERY('c', 'SELECT 1')",
    "ML.PREDICT(MODEL m, (SELECT 1))",
]
ATTACK_STATEMENTS = [
    "DELETE FROM patients RETURNING *",
    "INSERT INTO patients DEFAULT VALUES",
    "UPDATE patients SET gender = 'x' RETURNING *",
    "ATTACH '/tmp/x.db'",
    "COPY patients TO '/tmp/x.csv'",
    "SET threads = 1",
    "PRAGMA version",
    "INSTALL httpfs",
    "DROP TABLE patients",
    "DECLARE x INT64",
    "EXECUTE IMMEDIATE 'SELECT 1'",
    "CREATE TABLE t AS SELECT 1",
]
SEPARATORS = [
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    " /**/ ",
    "/* x */",
    " -- c\n",
    "\u00a0",
    "\u3000",
    " /* ; */ ",
]
KEYWORDS = [
    "SELECT",
    "FROM",
    "WHERE",
    "GROUP BY",
    "ORDER BY",
    "LIMIT",
    "JOIN",
    "ON",
    "AS",
    "WITH",
    "UNION ALL",
    "EXISTS",
    "IN",
    "AND",
    "OR",
    "NOT",
    "LATERAL",
    "DISTINCT",
]


def _case(word: str, flips: list[bool]) -> str:
    return "".join(c.swapcase() if flips[i % len(flips)] else c for i, c in enumerate(word))


def _expr(r: random.Random, bad: bool, depth: int = 0) -> str:
    kind = r.randint(0, 7 if depth < 2 else 3)
    if kind <= 1 or (kind == 3 and not bad):
        return r.choice(COLUMNS)
    if kind == 2:
        return r.choice(SAFE_FUNCS).format(_expr(r, bad, depth + 1))
    if kind == 3:
        return f"{r.choice(ATTACK_FUNCS)}({r.choice(COLUMNS)})"
    if kind == 4:
        op = r.choice(["+", "-", "*", "/", "=", "<", "||", "AND", "OR"])
        return f"({_expr(r, bad, depth + 1)} {op} {_expr(r, bad, depth + 1)})"
    if kind == 5:
        return f"CASE WHEN {_expr(r, bad, depth + 1)} THEN {_expr(r, bad, depth + 1)} END"
    if kind == 6:
        return f"({_select(r, bad, depth + 1)})"
    return f"EXISTS ({_select(r, bad, depth + 1)})"


def _source(r: random.Random, bad: bool, depth: int = 0) -> str:
    kind = r.randint(0, 4 if depth < 2 else 2)
    if kind <= 1 or (kind == 2 and not bad):
        return r.choice(TABLES)
    if kind == 2:
        return r.choice(ATTACK_SOURCES)
    if kind == 3:
        return f"({_select(r, bad, depth + 1)}) AS s{depth}"
    return f"LATERAL ({_select(r, bad, depth + 1)}) AS l{depth}"


def _select(r: random.Random, bad: bool, depth: int = 0) -> str:
    cols = ", ".join(_expr(r, bad, depth) for _ in range(r.randint(1, 3)))
    sql = f"SELECT {cols} FROM {_source(r, bad, depth)}"
    if r.random() < 0.5:
        sql += f" JOIN {_source(r, bad, depth)} ON {_expr(r, bad, depth)}"
    if r.random() < 0.5:
        sql += f" WHERE {_expr(r, bad, depth)}"
    if r.random() < 0.3:
        sql += f" GROUP BY {r.choice(COLUMNS)}"
    if r.random() < 0.3:
        sql += f" LIMIT {r.randint(0, 10**6)}"
    return sql


def build_query(r: random.Random) -> str:
    """A query from the grammar, with random separators and keyword case (plain Python driven
    by ``r``: hypothesis supplies the seed, generation stays fast). Half the queries may hold
    attack fragments anywhere; the other half are built from honest parts only."""
    bad = r.random() < 0.5
    kind = r.randint(0, 5 if bad else 2)
    body = _select(r, bad)
    if kind == 1:
        inner = r.choice(ATTACK_STATEMENTS) if bad and r.random() < 0.5 else _select(r, bad, 1)
        body = f"WITH c AS ({inner}) {body}"
    elif kind == 2:
        body = f"{body} UNION ALL {_select(r, bad)}"
    elif kind == 3:
        body = r.choice(ATTACK_STATEMENTS)
    elif kind == 4:
        body = f"{body}; {r.choice(ATTACK_STATEMENTS)}"
    flips = [r.random() < 0.5 for _ in range(r.randint(1, 5))]
    out = []
    for w in body.split(" "):
        out.append(_case(w, flips) if w.upper() in KEYWORDS else w)
        # Unicode spaces are not whitespace to the parsers: only attack-bearing queries get them.
        out.append(r.choice(SEPARATORS if bad else SEPARATORS[:8]))
    return "".join(out[:-1])


def grammar_sql() -> st.SearchStrategy[str]:
    """Queries from :func:`build_query`."""
    return st.randoms(use_true_random=False).map(build_query)


def _tokens(sql: str, dialect: str):
    try:
        return Dialect.get_or_raise(dialect).tokenize(sql)
    except (SqlglotError, ValueError):
        return None


def obfuscate(sql: str, dialect: str, rule: str, data: st.DataObject) -> str:
    """``sql`` with meaning-preserving changes drawn from ``data``."""
    tokens = _tokens(sql, dialect)
    out = sql
    if tokens:
        flips = data.draw(st.lists(st.booleans(), min_size=1, max_size=4), label="flips")
        seps = data.draw(
            st.lists(st.sampled_from(SEPARATORS[:7]), min_size=1, max_size=4), label="separators"
        )
        pieces, pos = [], 0
        for i, tok in enumerate(tokens):
            raw = sql[tok.start : tok.end + 1]
            gap = sql[pos : tok.start]
            if i and gap and not gap.strip():
                gap = seps[i % len(seps)]  # only pure whitespace gaps change
            plain = (
                tok.token_type not in (TokenType.STRING, TokenType.IDENTIFIER)
                and raw.isascii()
                and raw.replace("_", "").isalnum()
            )
            pieces.append(gap + (_case(raw, flips) if plain else raw))
            pos = tok.end + 1
        pieces.append(sql[pos:])
        out = "".join(pieces)
    wrap = data.draw(st.integers(0, 6), label="wrap")
    selectish = (
        rule not in ("single_statement", "parse", "read_only_statement")
        and not rule.startswith("bq_scripting")
        and not rule.startswith("bq_execute")
    )
    if selectish and wrap == 1:
        out = f"SELECT * FROM ({out}) AS w_fz"
    elif selectish and wrap == 2:
        out = f"WITH w_fz AS ({out}) SELECT * FROM w_fz"
    elif selectish and wrap == 3:
        out = f"SELECT subject_id FROM patients WHERE EXISTS ({out})"
    elif selectish and wrap == 4:
        out = f"({out})"
    elif wrap == 5:
        out = f"/* {data.draw(st.sampled_from(['SELECT 1', 'x', ';']))} */ {out}"
    elif wrap == 6 and "--" not in out:
        out = f"{out} -- trailing"
    return out


def accepted_is_safe(engine: SQLEngine, sql: str, dialect: str) -> str | None:
    """Prepare ``sql``; None if refused with our error or accepted safely, else a description
    of the violation (an accepted query whose output breaks a rule or does not re-validate).

    Raises:
        Exception: Anything that is not an :class:`M3AgentError` (a crash) propagates.
    """
    try:
        prepared = engine.prepare(sql, dialect=dialect)
    except M3AgentError:
        return None
    tree = prepared.tree
    if not isinstance(tree, exp.Select | exp.SetOperation | exp.Subquery):
        return f"accepted a {type(tree).__name__} root"
    try:
        validate(
            tree,
            RuleContext(
                sql=sql,
                allowed_tables=engine.tables(prepared.dataset.name),
                bigquery=dialect == "bigquery",
            ),
        )
        engine.prepare(prepared.sql, dialect="duckdb", dataset=prepared.dataset.name)
    except SQLParseError:
        # sqlglot wrote DuckDB SQL that does not parse (e.g. BigQuery's strftime without a
        # format): DuckDB's own parser refuses it at run time, so nothing unsafe runs. Counted
        # by the benchmark as a translation defect, not a violation.
        return None
    except SQLValidationError as e:
        return f"accepted, but its output is refused on a second pass: {e}"
    return None


def translates_cleanly(engine: SQLEngine, sql: str, dialect: str) -> bool:
    """Whether an accepted query's DuckDB output parses again (False: a translation defect)."""
    try:
        prepared = engine.prepare(sql, dialect=dialect)
    except M3AgentError:
        return True
    try:
        engine.prepare(prepared.sql, dialect="duckdb", dataset=prepared.dataset.name)
    except SQLParseError:
        return False
    except M3AgentError:
        return True
    return True


def still_refused(engine: SQLEngine, sql: str, dialect: str) -> str | None:
    """None if ``sql`` is refused (validation or parse error), else why that is a violation.

    Raises:
        Exception: Anything that is not an :class:`M3AgentError` (a crash) propagates.
    """
    try:
        engine.prepare(sql, dialect=dialect)
    except (SQLValidationError, SQLParseError):
        return None
    except M3AgentError as e:
        return f"refused with an unexpected error class {type(e).__name__}: {e}"
    return "an obfuscated denied query was accepted"
