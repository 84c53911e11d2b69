"""The SQL engine: parse, translate, validate, cap and run a query on a guarded connection.

``execute(sql, dialect, max_rows, dataset)`` is the one path every tool, the CLI and the
benchmarks use. The pipeline: parse in the input dialect (sqlglot) → dialect rewrites of our own
(SQLite date modifiers, julian days, EHRSQL's frozen "now") → table resolution → the ordered
validation rules → LIMIT added or capped → DuckDB SQL on a read-only, externally-sealed,
configuration-locked connection with a timeout and caps on rows and characters.

``backend="bigquery"`` keeps every step up to the LIMIT cap (plus the BigQuery-specific rules)
and hands the query, rendered in BigQuery's dialect, to :mod:`.bigquery` (dry run, byte limit,
timeout). ``research_mode`` masks small counts in aggregate results (:mod:`.suppression`).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError, TokenError

from m3agent.tools.datasets import DatasetSpec, default_db_path, get_dataset
from m3agent.tools.errors import (
    ConfigError,
    SQLExecutionError,
    SQLParseError,
    SQLValidationError,
)
from m3agent.tools.sql import hints
from m3agent.tools.sql.bigquery import (
    DEFAULT_DATASET_MAP,
    DEFAULT_MAXIMUM_BYTES_BILLED,
    BigQueryConfig,
    BigQueryRunner,
    render_bigquery,
)
from m3agent.tools.sql.bigquery_rules import check_bigquery_tokens
from m3agent.tools.sql.guard import open_guarded, run_with_timeout
from m3agent.tools.sql.resolve import resolve_tables
from m3agent.tools.sql.result import QueryResult, json_safe
from m3agent.tools.sql.rules import RuleContext, rule_single_statement, validate
from m3agent.tools.sql.suppression import DEFAULT_K, suppress_small_cells

logging.getLogger("sqlglot").setLevel(logging.ERROR)

DIALECTS = ("duckdb", "sqlite", "postgres", "bigquery")
BACKENDS = ("duckdb", "bigquery")


@dataclass
class EngineSettings:
    """Limits of the engine (all overridable from the environment, see ``server.config``).

    Attributes:
        default_dataset: The dataset used when a call names none.
        db_paths: Dataset name → database file; datasets not named use their default path.
        memory_limit: DuckDB memory limit per database (``2GB``).
        threads: DuckDB threads per database.
        timeout_s: Per-query timeout in seconds.
        max_rows_cap: The most rows any call may ask for.
        max_result_chars: The most characters of JSON a result may hold before truncation.
        validate: Run the validation rules (the connection guards hold either way).
        backend: Where queries run: ``duckdb`` (local database) or ``bigquery``.
        bq_project: The Google Cloud project BigQuery jobs are billed to.
        bq_dataset_map: Schema → BigQuery ``project.dataset`` (default physionet-data's 3.1).
        bq_location: BigQuery job location, or None for the client's default.
        bq_api_endpoint: A BigQuery emulator's URL (anonymous credentials), or None.
        maximum_bytes_billed: BigQuery queries whose dry run estimates more are refused.
        research_mode: Mask small counts in aggregate results (small-cell suppression).
        suppress_k: Counts from 1 to ``suppress_k - 1`` are masked in research mode.
    """

    default_dataset: str = "mimic-iv-demo"
    db_paths: dict[str, Path] = field(default_factory=dict)
    memory_limit: str = "2GB"
    threads: int = 2
    timeout_s: float = 30.0
    max_rows_cap: int = 10_000
    max_result_chars: int = 2_000_000
    validate: bool = True
    backend: Literal["duckdb", "bigquery"] = "duckdb"
    bq_project: str | None = None
    bq_dataset_map: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_DATASET_MAP))
    bq_location: str | None = None
    bq_api_endpoint: str | None = None
    maximum_bytes_billed: int = DEFAULT_MAXIMUM_BYTES_BILLED
    research_mode: bool = False
    suppress_k: int = DEFAULT_K


@dataclass
class PreparedQuery:
    """A validated statement ready to run."""

    tree: exp.Expression
    sql: str
    dataset: DatasetSpec
    notes: list[str]


def parse_one(sql: str, dialect: str) -> exp.Expression:
    """Parse exactly one statement, turning sqlglot errors into :class:`SQLParseError`."""
    if dialect not in DIALECTS:
        raise SQLParseError(f"Unknown SQL dialect {dialect!r}; expected one of "
                            f"{', '.join(DIALECTS)}.")
    if not isinstance(sql, str) or not sql.strip():
        raise SQLParseError("Expected a SQL query, found an empty string.",
                            hint="Write a SELECT statement.")
    try:
        statements = sqlglot.parse(sql, read=dialect)
    except ParseError as e:
        err = e.errors[0] if e.errors else {}
        where = f" at line {err.get('line')}, column {err.get('col')}" if err else ""
        near = err.get("highlight") or ""
        raise SQLParseError(
            f"The SQL could not be parsed as {dialect}{where}: "
            f"{err.get('description', str(e)).strip()}" + (f" near {near!r}" if near else "")
            + ".", hint="Check the syntax, or pass the dialect the query is written in.") from None
    except (TokenError, ValueError, RecursionError) as e:
        raise SQLParseError(f"The SQL could not be parsed as {dialect}: {e}.") from None
    rule_single_statement(statements, RuleContext(sql=sql, allowed_tables=frozenset()))
    tree = next(s for s in statements if s is not None)
    return tree


def cap_limit(tree: exp.Expression, n: int) -> tuple[exp.Expression, bool]:
    """Make the statement return at most ``n`` rows; return it and whether a LIMIT was added."""
    if not isinstance(tree, exp.Select | exp.SetOperation | exp.Subquery):
        return tree, False  # only reachable with validation off; the connection guards hold
    limit = tree.args.get("limit")
    if isinstance(tree, exp.Subquery):
        tree = exp.select("*").from_(tree.subquery("_m3_q"))
        limit = None
    if limit is None:
        if isinstance(tree, exp.Select | exp.SetOperation):
            tree.set("limit", exp.Limit(expression=exp.Literal.number(n)))
            return tree, True
    else:
        value = limit.expression
        if isinstance(value, exp.Literal) and value.is_int:
            if int(value.name) > n:
                limit.set("expression", exp.Literal.number(n))
            return tree, False
    wrapped = exp.select("*").from_(tree.subquery("_m3_q")).limit(n)
    return wrapped, True


class SQLEngine:
    """Guarded connections to each dataset's database, and the query path over them."""

    def __init__(self, settings: EngineSettings | None = None, *,
                 bigquery_client: Any = None) -> None:
        self.settings = settings or EngineSettings()
        self._cons: dict[str, duckdb.DuckDBPyConnection] = {}
        self._schemas: dict[str, dict[str, dict[str, str]]] = {}
        self._lock = threading.Lock()
        s = self.settings
        if s.backend not in BACKENDS:
            raise ConfigError(f"Unknown backend {s.backend!r}; expected one of "
                              f"{', '.join(BACKENDS)}.")
        if isinstance(s.suppress_k, bool) or not isinstance(s.suppress_k, int) or \
                s.suppress_k < 2:
            raise ConfigError(f"suppress_k must be an integer of at least 2, found "
                              f"{s.suppress_k!r}.")
        self._bq: BigQueryRunner | None = None
        if s.backend == "bigquery":
            self._bq = BigQueryRunner(BigQueryConfig(
                project=s.bq_project or "", dataset_map=s.bq_dataset_map,
                maximum_bytes_billed=s.maximum_bytes_billed, timeout_s=s.timeout_s,
                location=s.bq_location, api_endpoint=s.bq_api_endpoint,
                max_result_chars=s.max_result_chars), client=bigquery_client)

    def db_path(self, dataset: str) -> Path:
        """The database file of ``dataset``."""
        return Path(self.settings.db_paths.get(dataset) or default_db_path(dataset))

    def connection(self, dataset: str) -> duckdb.DuckDBPyConnection:
        """The guarded base connection of ``dataset`` (opened once)."""
        with self._lock:
            con = self._cons.get(dataset)
            if con is None:
                con = open_guarded(self.db_path(dataset), memory_limit=self.settings.memory_limit,
                                   threads=self.settings.threads, dataset=dataset)
                self._cons[dataset] = con
            return con

    def column_types(self, dataset: str) -> dict[str, dict[str, str]]:
        """``{table: {column: DuckDB type}}`` of ``dataset`` (read once), for translations that
        depend on types (SQLite's text arithmetic, integer division)."""
        if dataset not in self._schemas:
            from m3agent.tools.sql.sqlite_compat import duckdb_schema

            cur = self.connection(dataset).cursor()
            try:
                self._schemas[dataset] = duckdb_schema(cur)
            finally:
                cur.close()
        return self._schemas[dataset]

    def tables(self, dataset: str) -> frozenset[str]:
        """The ``schema.table`` names a query on ``dataset`` may read (lower case)."""
        return frozenset(t.lower() for t in get_dataset(dataset).qualified_tables())

    def prepare(self, sql: str, *, dialect: str = "duckdb", dataset: str | None = None,
                max_rows: int = 100) -> PreparedQuery:
        """Parse, translate, resolve, validate and cap ``sql`` without running it.

        Raises:
            SQLParseError, SQLTranslationError, SQLValidationError: With the rule and a hint.
        """
        spec = get_dataset(dataset or self.settings.default_dataset)
        on_bq = self.settings.backend == "bigquery"
        if on_bq:
            unmapped = sorted(set(spec.schemas) - set(self.settings.bq_dataset_map))
            if unmapped:
                raise ConfigError(
                    f"Dataset {spec.name!r} cannot be queried on BigQuery: schema(s) "
                    f"{', '.join(unmapped)} have no BigQuery dataset (mapped: "
                    f"{', '.join(sorted(self.settings.bq_dataset_map))}).",
                    hint="Use dataset mimic-iv, or set M3AGENT_BQ_DATASETS.")
        bigquery_rules = on_bq or dialect == "bigquery"
        if bigquery_rules and isinstance(sql, str):
            check_bigquery_tokens(sql)
        tree = parse_one(sql, dialect)
        notes: list[str] = []
        if dialect == "sqlite":
            from m3agent.tools.sql.sqlite_compat import translate_sqlite

            # The tree was parsed just above and is not used again: rewrite it in place.
            tree = translate_sqlite(
                tree, now=spec.now, schema=self.column_types(spec.name), copy=False
            )
        tree = resolve_tables(tree, spec)
        if self.settings.validate:
            validate(tree, RuleContext(sql=sql, allowed_tables=self.tables(spec.name),
                                       bigquery=bigquery_rules))
        tree, added = cap_limit(tree, max_rows + 1)
        if added:
            notes.append(f"LIMIT {max_rows + 1} added to detect truncation at {max_rows} rows.")
        if on_bq:
            return PreparedQuery(tree=tree, sql=render_bigquery(tree, self.settings.bq_dataset_map),
                                 dataset=spec, notes=notes)
        try:
            out = tree.sql(dialect="duckdb")
        except Exception as e:  # noqa: BLE001 - sqlglot generation errors vary by construct
            raise SQLValidationError(f"The query could not be rendered for DuckDB: {e}",
                                     rule="translation") from None
        return PreparedQuery(tree=tree, sql=out, dataset=spec, notes=notes)

    def execute(self, sql: str, *, dialect: str = "duckdb", max_rows: int = 100,
                dataset: str | None = None, params: list[Any] | None = None) -> QueryResult:
        """Validate and run one read-only query.

        Args:
            sql: The query text.
            dialect: duckdb, sqlite, postgres or bigquery.
            max_rows: The most rows to return (capped by ``max_rows_cap``).
            dataset: The dataset to query (default from settings).
            params: Values bound to ``?`` placeholders.

        Returns:
            The :class:`QueryResult`.

        Raises:
            SQLError: Subclasses say what was refused or failed, and why.
        """
        if not isinstance(max_rows, int) or isinstance(max_rows, bool) or max_rows < 1:
            raise ConfigError(f"max_rows must be a positive integer, found {max_rows!r}.")
        max_rows = min(max_rows, self.settings.max_rows_cap)
        prepared = self.prepare(sql, dialect=dialect, dataset=dataset, max_rows=max_rows)
        if self._bq is not None:
            result = self._bq.run(prepared.sql, params=params, max_rows=max_rows,
                                  dialect=dialect, dataset=prepared.dataset.name,
                                  notes=prepared.notes)
        else:
            result = self._run_duckdb(prepared, params, max_rows, dialect)
        if self.settings.research_mode:
            result = suppress_small_cells(prepared.tree, result, self.settings.suppress_k)
        return result

    def _run_duckdb(self, prepared: PreparedQuery, params: list[Any] | None, max_rows: int,
                    dialect: str) -> QueryResult:
        """Run a prepared query on the dataset's guarded DuckDB connection."""
        spec = prepared.dataset
        cur = self.connection(spec.name).cursor()
        t0 = time.perf_counter()
        try:
            run_with_timeout(cur, prepared.sql, params, self.settings.timeout_s)
            columns = [d[0] for d in cur.description or []]
            types = [str(d[1]) for d in cur.description or []]
            raw = cur.fetchmany(max_rows + 1)
        except duckdb.Error as e:
            raise SQLExecutionError(
                f"DuckDB could not run the query: {str(e).strip()}",
                hint=hints.for_execution_error(str(e), prepared.tree, spec)) from None
        finally:
            cur.close()
        truncated = len(raw) > max_rows
        rows, chars = [], 0
        for r in raw[:max_rows]:
            row = [json_safe(v) for v in r]
            chars += len(json.dumps(row, default=str))
            if chars > self.settings.max_result_chars:
                truncated = True
                prepared.notes.append(
                    f"Result cut at {len(rows)} rows: over {self.settings.max_result_chars} "
                    f"characters.")
                break
            rows.append(row)
        elapsed = (time.perf_counter() - t0) * 1000
        return QueryResult(columns=columns, types=types, rows=rows, row_count=len(rows),
                           truncated=truncated, elapsed_ms=round(elapsed, 3), sql=prepared.sql,
                           dialect=dialect, dataset=spec.name, notes=prepared.notes)

    def fetch(self, dataset: str, sql: str, params: list[Any] | None = None
              ) -> tuple[list[str], list[tuple]]:
        """Run one of m3-agent's own constant queries (never user text) on the guarded
        connection, with the timeout but without the row cap; return columns and rows."""
        cur = self.connection(dataset).cursor()
        try:
            run_with_timeout(cur, sql, params, self.settings.timeout_s)
            return [d[0] for d in cur.description or []], cur.fetchall()
        except duckdb.Error as e:
            raise SQLExecutionError(f"Internal query failed on {dataset}: {e}") from None
        finally:
            cur.close()

    def close(self) -> None:
        """Close every connection."""
        with self._lock:
            for con in self._cons.values():
                con.close()
            self._cons.clear()


_default: SQLEngine | None = None


def default_engine() -> SQLEngine:
    """A process-wide engine with settings from the environment."""
    global _default
    if _default is None:
        from m3agent.server.config import engine_settings_from_env

        _default = SQLEngine(engine_settings_from_env())
    return _default


def execute(sql: str, dialect: str = "duckdb", max_rows: int = 100,
            dataset: str | None = None) -> QueryResult:
    """Run one read-only query on the default engine (see :meth:`SQLEngine.execute`)."""
    return default_engine().execute(sql, dialect=dialect, max_rows=max_rows, dataset=dataset)
