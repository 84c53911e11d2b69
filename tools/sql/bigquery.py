"""The BigQuery backend: the same validated query, run on ``physionet-data`` in BigQuery.

With ``backend="bigquery"`` the engine's pipeline is unchanged up to the LIMIT cap (parse,
translation, table resolution, the common rules plus :mod:`.bigquery_rules`); then:

1. :func:`render_bigquery` writes the tree in BigQuery's dialect with every table fully
   qualified and backticked (``mimiciv_hosp.patients`` →
   `` `physionet-data`.`mimiciv_3_1_hosp`.`patients` ``, the mapping configurable);
2. :meth:`BigQueryRunner.run` sends a **dry run** first and refuses the query when BigQuery's
   estimate of bytes processed is above ``maximum_bytes_billed`` (rule ``maximum_bytes_billed``,
   the message gives the estimate); the real job then carries the same limit, so BigQuery
   itself also refuses to bill more;
3. the job runs with a timeout (client wait and the job's own ``jobTimeoutMs``); a job still
   running at the deadline is cancelled and :class:`QueryTimeoutError` raised;
4. rows come back as the same :class:`QueryResult` as DuckDB's, with BigQuery types named as
   DuckDB's (``INT64`` → ``BIGINT``, ``DATETIME`` → ``TIMESTAMP``, ...).

Credentials are Application Default Credentials (``gcloud auth application-default login``),
and jobs are billed to ``project``. ``api_endpoint`` points the client at an emulator instead,
with anonymous credentials (the tests use a fake of the REST API on 127.0.0.1). The
``google-cloud-bigquery`` package is imported only when a BigQuery query runs.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import decimal
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from sqlglot import exp

from m3agent.tools.errors import (
    ConfigError,
    QueryTimeoutError,
    SQLExecutionError,
    SQLValidationError,
)
from m3agent.tools.sql.result import QueryResult, json_safe

#: Where PhysioNet publishes MIMIC-IV 3.1 on BigQuery (PhysioNet, "MIMIC-IV on BigQuery":
#: project ``physionet-data``, datasets ``mimiciv_3_1_hosp`` and ``mimiciv_3_1_icu``).
DEFAULT_DATASET_MAP: dict[str, str] = {
    "mimiciv_hosp": "physionet-data.mimiciv_3_1_hosp",
    "mimiciv_icu": "physionet-data.mimiciv_3_1_icu",
}

#: 10 GiB: a full scan of the largest MIMIC-IV table's few columns fits, a careless
#: ``SELECT *`` over chartevents does not. At on-demand pricing (6.25 USD per TiB, BigQuery
#: pricing page) the most one query can cost is about 0.06 USD.
DEFAULT_MAXIMUM_BYTES_BILLED = 10 * 2**30

#: Project ids: 6-30 lower-case letters, digits and hyphens (Google Cloud "Creating and
#: managing projects"); legacy domain-scoped ids have a ``domain:`` prefix. Dataset ids:
#: letters, digits and underscores, up to 1,024 characters.
_PROJECT = re.compile(r"^(?:[a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$")
_DATASET = re.compile(r"^[A-Za-z0-9_]{1,1024}$")

#: BigQuery type → the DuckDB type name the rest of m3-agent knows.
_DUCK_TYPES = {
    "INTEGER": "BIGINT",
    "INT64": "BIGINT",
    "FLOAT": "DOUBLE",
    "FLOAT64": "DOUBLE",
    "NUMERIC": "DECIMAL(38,9)",
    "BIGNUMERIC": "DECIMAL(38,9)",
    "BOOLEAN": "BOOLEAN",
    "BOOL": "BOOLEAN",
    "STRING": "VARCHAR",
    "BYTES": "BLOB",
    "DATE": "DATE",
    "DATETIME": "TIMESTAMP",
    "TIMESTAMP": "TIMESTAMP WITH TIME ZONE",
    "TIME": "TIME",
    "INTERVAL": "INTERVAL",
    "JSON": "JSON",
    "GEOGRAPHY": "VARCHAR",
    "RECORD": "STRUCT",
    "STRUCT": "STRUCT",
    "RANGE": "VARCHAR",
}


def check_project(project: str | None) -> str:
    """Return ``project`` if it is a Google Cloud project id.

    Raises:
        ConfigError: If it is missing or malformed, saying what a project id looks like.
    """
    if not project:
        raise ConfigError(
            "The BigQuery backend needs a billing project: found none.",
            hint="Pass --project YOUR-PROJECT or set M3AGENT_BQ_PROJECT.",
        )
    if not isinstance(project, str) or not _PROJECT.match(project):
        raise ConfigError(
            f"Expected a Google Cloud project id (6-30 lower-case letters, "
            f"digits and hyphens, starting with a letter), found {project!r}."
        )
    return project


def check_dataset_map(mapping: dict[str, str]) -> dict[str, str]:
    """Validate ``schema → project.dataset`` (``mimiciv_hosp → physionet-data.mimiciv_3_1_hosp``).

    Raises:
        ConfigError: For an entry that is not ``project.dataset``.
    """
    if not isinstance(mapping, dict) or not mapping:
        raise ConfigError(f"Expected a mapping of schema to project.dataset, found {mapping!r}.")
    for schema, target in mapping.items():
        project, _, dataset = str(target).partition(".")
        if not _PROJECT.match(project) or not _DATASET.match(dataset):
            raise ConfigError(
                f"BigQuery dataset for {schema!r} must be 'project.dataset' "
                f"(e.g. physionet-data.mimiciv_3_1_hosp), found {target!r}."
            )
    return mapping


def parse_dataset_map(text: str) -> dict[str, str]:
    """Parse ``mimiciv_hosp=proj.ds,mimiciv_icu=proj.ds`` (the environment variable form).

    Raises:
        ConfigError: For an entry without ``=`` or a bad ``project.dataset``.
    """
    out: dict[str, str] = {}
    for item in (p.strip() for p in text.split(",")):
        if not item:
            continue
        schema, eq, target = item.partition("=")
        if not eq or not schema.strip():
            raise ConfigError(
                f"Expected schema=project.dataset entries separated by commas, found {item!r}."
            )
        out[schema.strip().lower()] = target.strip()
    return check_dataset_map(out)


def render_bigquery(tree: exp.Expression, dataset_map: dict[str, str]) -> str:
    """The validated tree as BigQuery SQL with fully-qualified, backticked tables.

    Column qualifiers ``schema.table.column`` become ``table.column`` (BigQuery names an
    unaliased table by its last path part).

    Raises:
        SQLValidationError: Rule ``translation`` if a table's schema has no BigQuery dataset.
    """
    tree = tree.copy()
    for table in tree.find_all(exp.Table):
        db = table.args.get("db")
        if db is None or not isinstance(table.this, exp.Identifier):
            continue  # CTE names and UNNEST
        target = dataset_map.get(db.name.lower())
        if target is None:
            raise SQLValidationError(
                f"Schema {db.name!r} has no BigQuery dataset: expected one of "
                f"{', '.join(sorted(dataset_map))}.",
                rule="translation",
                hint="Set M3AGENT_BQ_DATASETS to map it.",
            )
        project, _, dataset = target.partition(".")
        table.set("catalog", exp.to_identifier(project, quoted=True))
        table.set("db", exp.to_identifier(dataset, quoted=True))
        table.set("this", exp.to_identifier(table.name, quoted=True))
    for col in tree.find_all(exp.Column):
        if col.args.get("db") is not None:
            col.set("db", None)
            col.set("catalog", None)
    try:
        return tree.sql(dialect="bigquery")
    except Exception as e:  # noqa: BLE001 - sqlglot generation errors vary by construct
        raise SQLValidationError(
            f"The query could not be rendered for BigQuery: {e}", rule="translation"
        ) from None


def query_parameters(params: list[Any] | None) -> list[Any]:
    """Positional ``?`` values as BigQuery query parameters (types from the Python values).

    Raises:
        ConfigError: For a value of a type BigQuery parameters cannot carry.
    """
    from google.cloud import bigquery

    out = []
    for i, value in enumerate(params or []):
        if value is None:
            kind = "STRING"
        elif isinstance(value, bool):
            kind = "BOOL"
        elif isinstance(value, int):
            kind = "INT64"
        elif isinstance(value, float):
            kind = "FLOAT64"
        elif isinstance(value, decimal.Decimal):
            kind = "NUMERIC"
        elif isinstance(value, str):
            kind = "STRING"
        elif isinstance(value, dt.datetime):
            kind = "TIMESTAMP" if value.tzinfo else "DATETIME"
        elif isinstance(value, dt.date):
            kind = "DATE"
        else:
            raise ConfigError(
                f"Query parameter {i + 1} must be a number, string, boolean, "
                f"date or datetime, found {type(value).__name__}."
            )
        out.append(bigquery.ScalarQueryParameter(None, kind, value))
    return out


def duck_type(field_: Any) -> str:
    """The DuckDB-style type name of a BigQuery schema field (``X[]`` when REPEATED)."""
    name = _DUCK_TYPES.get(str(field_.field_type).upper(), str(field_.field_type).upper())
    return name + "[]" if str(getattr(field_, "mode", "")).upper() == "REPEATED" else name


def human_bytes(n: int) -> str:
    """``12345678`` → ``11.8 MiB``."""
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if size < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"  # pragma: no cover - the loop always returns


@dataclass
class BigQueryConfig:
    """How to reach BigQuery and what one query may cost.

    Attributes:
        project: The billing project jobs run in.
        dataset_map: DuckDB schema → ``project.dataset``.
        maximum_bytes_billed: Refuse queries whose dry run estimates more bytes than this.
        timeout_s: Seconds a job may run before it is cancelled.
        location: The job location (``US`` for physionet-data), or None for the default.
        api_endpoint: An emulator's URL (anonymous credentials), or None for Google's API
            with Application Default Credentials.
        max_result_chars: The most characters of JSON in one result.
    """

    project: str
    dataset_map: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_DATASET_MAP))
    maximum_bytes_billed: int = DEFAULT_MAXIMUM_BYTES_BILLED
    timeout_s: float = 30.0
    location: str | None = None
    api_endpoint: str | None = None
    max_result_chars: int = 2_000_000


def make_client(config: BigQueryConfig) -> Any:
    """A ``google.cloud.bigquery.Client`` for ``config``.

    Raises:
        ConfigError: If Application Default Credentials are missing, with the command to
            create them.
    """
    import google.auth.exceptions
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    try:
        if config.api_endpoint:
            return bigquery.Client(
                project=config.project,
                credentials=AnonymousCredentials(),
                location=config.location,
                client_options=ClientOptions(api_endpoint=config.api_endpoint),
            )
        return bigquery.Client(project=config.project, location=config.location)
    except google.auth.exceptions.DefaultCredentialsError as e:
        raise ConfigError(
            f"No Google Application Default Credentials were found: {e}",
            hint="Run `gcloud auth application-default login` with the Google "
            "account linked to your PhysioNet credentialed access.",
        ) from None


def _api_error(e: Exception, stage: str) -> SQLExecutionError:
    """A Google API error as our error, with BigQuery's own message and a hint."""
    message = getattr(e, "message", None) or str(e)
    reasons = {
        err.get("reason") for err in getattr(e, "errors", None) or [] if isinstance(err, dict)
    }
    hint = None
    if "accessDenied" in reasons or getattr(e, "code", None) == 403:
        hint = (
            "Check that your Google account is linked to PhysioNet credentialed access for "
            "MIMIC-IV and that the billing project allows BigQuery jobs."
        )
    elif "bytesBilledLimitExceeded" in reasons:
        hint = "Select fewer columns or filter on fewer rows to process fewer bytes."
    return SQLExecutionError(f"BigQuery refused the query ({stage}): {message}", hint=hint)


class BigQueryRunner:
    """Dry-run, limit, run and fetch one query on BigQuery.

    Args:
        config: Project, dataset mapping, byte limit and timeout.
        client: A ``google.cloud.bigquery.Client`` to use (default: :func:`make_client`).
    """

    def __init__(self, config: BigQueryConfig, client: Any = None) -> None:
        check_project(config.project)
        check_dataset_map(config.dataset_map)
        if not isinstance(config.maximum_bytes_billed, int) or config.maximum_bytes_billed < 1:
            raise ConfigError(
                f"maximum_bytes_billed must be a positive number of bytes, found "
                f"{config.maximum_bytes_billed!r}."
            )
        self.config = config
        self._client = client

    @property
    def client(self) -> Any:
        """The BigQuery client (created on first use)."""
        if self._client is None:
            self._client = make_client(self.config)
        return self._client

    def dry_run(self, sql: str, params: list[Any] | None = None) -> int:
        """BigQuery's estimate of the bytes ``sql`` would process (nothing is run or billed).

        Raises:
            SQLExecutionError: If BigQuery rejects the query.
        """
        from google.api_core import exceptions as gexc
        from google.cloud import bigquery

        cfg = bigquery.QueryJobConfig(
            dry_run=True,
            use_query_cache=False,
            use_legacy_sql=False,
            query_parameters=query_parameters(params),
        )
        try:
            job = self.client.query(
                sql, job_config=cfg, timeout=self.config.timeout_s, job_retry=None
            )
        except gexc.GoogleAPICallError as e:
            raise _api_error(e, "dry run") from None
        return int(job.total_bytes_processed or 0)

    def check_bytes(self, estimate: int) -> None:
        """Refuse an estimate above the limit.

        Raises:
            SQLValidationError: Rule ``maximum_bytes_billed``, giving the estimate and limit.
        """
        limit = self.config.maximum_bytes_billed
        if estimate > limit:
            raise SQLValidationError(
                f"The query would process about {human_bytes(estimate)} ({estimate:,} bytes "
                f"by BigQuery's dry-run estimate), above the limit of {human_bytes(limit)} "
                f"({limit:,} bytes); it was not run.",
                rule="maximum_bytes_billed",
                hint="Select only the columns you need and filter by subject_id, hadm_id, "
                "itemid or time; BigQuery bills the columns read, not the rows returned.",
            )

    def run(
        self,
        sql: str,
        *,
        params: list[Any] | None = None,
        max_rows: int = 100,
        dialect: str = "duckdb",
        dataset: str = "mimic-iv",
        notes: list[str] | None = None,
    ) -> QueryResult:
        """Dry-run, check the byte limit, run, and return at most ``max_rows`` rows.

        Args:
            sql: BigQuery SQL from :func:`render_bigquery` (with its LIMIT cap).
            params: Values for ``?`` placeholders.
            max_rows: Rows to return; one more is fetched to detect truncation.
            dialect: The dialect the user wrote (for the result).
            dataset: The dataset name (for the result).
            notes: Notes of the preparation, extended here.

        Raises:
            SQLValidationError: Rule ``maximum_bytes_billed`` when the estimate is too high.
            QueryTimeoutError: If the job ran past the timeout (it is cancelled).
            SQLExecutionError: If BigQuery rejected or failed the query.
        """
        from google.api_core import exceptions as gexc
        from google.cloud import bigquery

        notes = list(notes or [])
        estimate = self.dry_run(sql, params)
        self.check_bytes(estimate)
        notes.append(
            f"BigQuery dry run: about {human_bytes(estimate)} to process "
            f"(limit {human_bytes(self.config.maximum_bytes_billed)})."
        )
        timeout = self.config.timeout_s
        cfg = bigquery.QueryJobConfig(
            use_legacy_sql=False,
            maximum_bytes_billed=self.config.maximum_bytes_billed,
            query_parameters=query_parameters(params),
            labels={"client": "m3-agent"},
        )
        cfg.job_timeout_ms = max(1, int(timeout * 1000))
        t0 = time.perf_counter()
        job = None
        try:
            job = self.client.query(sql, job_config=cfg, timeout=timeout, job_retry=None)
            rows_iter = job.result(timeout=timeout, max_results=max_rows + 1, job_retry=None)
            schema = list(rows_iter.schema or [])
            raw = [tuple(r.values()) for r in rows_iter]
        except (concurrent.futures.TimeoutError, TimeoutError, gexc.RetryError) as e:
            self._cancel(job)
            raise QueryTimeoutError(
                f"The BigQuery job ran longer than the {timeout:g} s limit and was cancelled.",
                hint="Filter by subject_id, hadm_id, itemid or time, or aggregate, to do less "
                "work.",
            ) from e
        except gexc.GoogleAPICallError as e:
            if job is not None and getattr(job, "state", None) != "DONE":
                self._cancel(job)
            if _was_stopped(e):
                raise QueryTimeoutError(
                    f"The BigQuery job ran longer than the {timeout:g} s limit and was stopped."
                ) from None
            raise _api_error(e, "job") from None
        columns = [f.name for f in schema]
        types = [duck_type(f) for f in schema]
        truncated = len(raw) > max_rows
        rows: list[list[Any]] = []
        chars = 0
        for r in raw[:max_rows]:
            row = [json_safe(v) for v in r]
            chars += len(json.dumps(row, default=str))
            if chars > self.config.max_result_chars:
                truncated = True
                notes.append(
                    f"Result cut at {len(rows)} rows: over "
                    f"{self.config.max_result_chars} characters."
                )
                break
            rows.append(row)
        elapsed = (time.perf_counter() - t0) * 1000
        return QueryResult(
            columns=columns,
            types=types,
            rows=rows,
            row_count=len(rows),
            truncated=truncated,
            elapsed_ms=round(elapsed, 3),
            sql=sql,
            dialect=dialect,
            dataset=dataset,
            notes=notes,
        )

    def _cancel(self, job: Any) -> None:
        """Cancel a job that outlived its timeout (best effort: it may have just finished)."""
        if job is None:
            return
        try:
            self.client.cancel_job(
                job.job_id, location=job.location, timeout=min(10.0, self.config.timeout_s)
            )
        except Exception:  # noqa: BLE001, S110 - the timeout error is what the caller needs
            pass


def _was_stopped(e: Exception) -> bool:
    reasons = {
        err.get("reason") for err in getattr(e, "errors", None) or [] if isinstance(err, dict)
    }
    return "stopped" in reasons or "timeout" in reasons
