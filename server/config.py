"""Configuration: every setting, its environment variable and its default.

| Variable | Default | Meaning |
|---|---|---|
| ``M3AGENT_DATA_DIR`` | platformdirs user data dir | where databases, indexes, downloads live |
| ``M3AGENT_DB_<DATASET>`` | ``<data dir>/<dataset>.duckdb`` | one dataset's database file |
| ``M3AGENT_DATASET`` | ``mimic-iv-demo`` | the default dataset |
| ``M3AGENT_DEMO_SOURCE`` | PhysioNet URL | local folder/zip/URL for ``init`` of the demo |
| ``M3AGENT_MIMIC_IV_SOURCE`` | none | local folder of the full MIMIC-IV |
| ``M3AGENT_EHRSQL_SOURCE`` | none | path to EHRSQL's ``mimic_iv.sqlite`` |
| ``M3AGENT_MEMORY_LIMIT`` | ``2GB`` | DuckDB memory limit per database |
| ``M3AGENT_THREADS`` | ``2`` | DuckDB threads per database |
| ``M3AGENT_QUERY_TIMEOUT`` | ``30`` | seconds before a query is interrupted |
| ``M3AGENT_MAX_ROWS`` | ``10000`` | the most rows any query may return |
| ``M3AGENT_MAX_RESULT_CHARS`` | ``2000000`` | the most characters of JSON in one result |
| ``M3AGENT_AUDIT_LOG`` | ``<data dir>/audit.jsonl`` | the audit log file |
| ``M3AGENT_BACKEND`` | ``duckdb`` | where queries run: ``duckdb`` or ``bigquery`` |
| ``M3AGENT_BQ_PROJECT`` | none | Google Cloud project BigQuery jobs are billed to |
| ``M3AGENT_BQ_DATASETS`` | physionet-data's 3.1 | ``mimiciv_hosp=P.D,mimiciv_icu=P.D`` |
| ``M3AGENT_BQ_LOCATION`` | client default | BigQuery job location (``US`` for physionet-data) |
| ``M3AGENT_BQ_API_ENDPOINT`` | Google's API | a BigQuery emulator's URL (anonymous credentials) |
| ``M3AGENT_MAX_BYTES_BILLED`` | 10 GiB | refuse BigQuery queries whose dry run is above (bytes) |
| ``M3AGENT_RESEARCH_MODE`` | ``0`` | ``1`` masks counts below k in aggregate results |
| ``M3AGENT_SUPPRESS_K`` | ``11`` | the small-cell threshold k (counts 1..k-1 are masked) |
| ``M3AGENT_AUTH_ISSUER`` | none (no auth) | HTTP: OAuth issuer of accepted JWTs; turns auth on |
| ``M3AGENT_AUTH_AUDIENCE`` | ``http://<host>:<port>/mcp`` | this server's resource URL (``aud``) |
| ``M3AGENT_AUTH_JWKS_URL`` | from issuer metadata | the issuer's JWKS (RFC 8414/OIDC discovery) |
| ``M3AGENT_AUTH_ALGORITHMS`` | ``RS256,ES256,EdDSA`` | accepted algorithms (subset of these) |
| ``M3AGENT_AUTH_LEEWAY`` | ``30`` | seconds of clock skew on ``exp``, ``nbf``, ``iat`` |
| ``M3AGENT_AUTH_JWKS_REFRESH`` | ``30`` | fewest seconds between unknown-``kid`` refetches |
| ``M3AGENT_AUTH_JWKS_TTL`` | ``3600`` | seconds before the cached JWKS is refetched |
| ``M3AGENT_POLICY_FILE`` | ``policy_default.json`` | scopes per tool, rows per result (JSON/TOML) |
| ``M3AGENT_RATE_LIMIT`` | ``0`` (off) | calls a minute per subject (token bucket) |
| ``M3AGENT_RATE_BURST`` | the rate limit | calls allowed at once after a quiet spell |
| ``M3AGENT_MAX_CONCURRENT`` | ``0`` (off) | calls of one subject running at once |
| ``M3AGENT_DAILY_QUERIES`` | ``0`` (off) | calls per subject per UTC day |
| ``M3AGENT_DAILY_ROWS`` | ``0`` (off) | result rows per subject per UTC day |

Every ``M3AGENT_AUTH_*`` variable needs ``M3AGENT_AUTH_ISSUER``: setting one without it is an
error, never a server that silently lets everyone in. Authentication applies to the HTTP
transport only; under stdio the OS user is the identity.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from m3agent.server.limits import LimitSettings
from m3agent.tools.datasets import DATASETS
from m3agent.tools.errors import ConfigError
from m3agent.tools.sql.bigquery import (
    DEFAULT_DATASET_MAP,
    DEFAULT_MAXIMUM_BYTES_BILLED,
    check_project,
    parse_dataset_map,
)
from m3agent.tools.sql.engine import BACKENDS, EngineSettings
from m3agent.tools.sql.suppression import DEFAULT_K

if TYPE_CHECKING:
    from m3agent.server.auth import AuthConfig

#: The variables of authentication (all need ``M3AGENT_AUTH_ISSUER``).
AUTH_VARIABLES = ("M3AGENT_AUTH_ISSUER", "M3AGENT_AUTH_AUDIENCE", "M3AGENT_AUTH_JWKS_URL",
                  "M3AGENT_AUTH_ALGORITHMS", "M3AGENT_AUTH_LEEWAY", "M3AGENT_AUTH_JWKS_REFRESH",
                  "M3AGENT_AUTH_JWKS_TTL")


def _int(name: str, default: int, low: int = 1) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, found {raw!r}.") from None
    if value < low:
        raise ConfigError(f"{name} must be at least {low}, found {value}.")
    return value


def _float(name: str, default: float, *, allow_zero: bool = False) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, found {raw!r}.") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ConfigError(f"{name} must be a finite number, found {raw!r}.")
    if value < 0 or value == 0 and not allow_zero:
        raise ConfigError(f"{name} must be {'zero or ' if allow_zero else ''}positive, found "
                          f"{value:g}.")
    return value


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    low = raw.strip().lower()
    if low in ("1", "true", "yes", "on"):
        return True
    if low in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be 1 or 0 (true or false), found {raw!r}.")


def engine_settings_from_env() -> EngineSettings:
    """Engine settings from the ``M3AGENT_*`` environment variables.

    Raises:
        ConfigError: For a value of the wrong kind, naming the variable.
    """
    dataset = os.environ.get("M3AGENT_DATASET", "mimic-iv-demo")
    if dataset not in DATASETS:
        raise ConfigError(f"M3AGENT_DATASET must be one of {', '.join(DATASETS)}, "
                          f"found {dataset!r}.")
    mem = os.environ.get("M3AGENT_MEMORY_LIMIT", "2GB")
    if not re.fullmatch(r"\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)", mem, re.IGNORECASE):
        raise ConfigError(f"M3AGENT_MEMORY_LIMIT must look like '2GB', found {mem!r}.")
    backend = os.environ.get("M3AGENT_BACKEND", "duckdb") or "duckdb"
    if backend not in BACKENDS:
        raise ConfigError(f"M3AGENT_BACKEND must be one of {', '.join(BACKENDS)}, "
                          f"found {backend!r}.")
    project = os.environ.get("M3AGENT_BQ_PROJECT") or None
    if backend == "bigquery":
        check_project(project)
    datasets = os.environ.get("M3AGENT_BQ_DATASETS")
    return EngineSettings(
        backend=backend,  # type: ignore[arg-type] - checked against BACKENDS above
        bq_project=project,
        bq_dataset_map=parse_dataset_map(datasets) if datasets else dict(DEFAULT_DATASET_MAP),
        bq_location=os.environ.get("M3AGENT_BQ_LOCATION") or None,
        bq_api_endpoint=os.environ.get("M3AGENT_BQ_API_ENDPOINT") or None,
        maximum_bytes_billed=_int("M3AGENT_MAX_BYTES_BILLED", DEFAULT_MAXIMUM_BYTES_BILLED),
        research_mode=_bool("M3AGENT_RESEARCH_MODE", False),
        suppress_k=_int("M3AGENT_SUPPRESS_K", DEFAULT_K, low=2),
        default_dataset=dataset,
        memory_limit=mem,
        threads=_int("M3AGENT_THREADS", 2),
        timeout_s=_float("M3AGENT_QUERY_TIMEOUT", 30.0),
        max_rows_cap=_int("M3AGENT_MAX_ROWS", 10_000),
        max_result_chars=_int("M3AGENT_MAX_RESULT_CHARS", 2_000_000, low=1000),
    )


def limit_settings_from_env() -> LimitSettings:
    """Per-subject limits from ``M3AGENT_RATE_LIMIT``, ``M3AGENT_RATE_BURST``,
    ``M3AGENT_MAX_CONCURRENT``, ``M3AGENT_DAILY_QUERIES`` and ``M3AGENT_DAILY_ROWS`` (0: off).

    Raises:
        ConfigError: For a value of the wrong kind, naming the variable.
    """
    burst = _int("M3AGENT_RATE_BURST", 0, low=0)
    return LimitSettings(
        rate_per_minute=_float("M3AGENT_RATE_LIMIT", 0.0, allow_zero=True),
        burst=burst or None,
        max_concurrent=_int("M3AGENT_MAX_CONCURRENT", 0, low=0),
        daily_queries=_int("M3AGENT_DAILY_QUERIES", 0, low=0),
        daily_rows=_int("M3AGENT_DAILY_ROWS", 0, low=0),
    )


def policy_file_from_env() -> Path | None:
    """The access policy file named by ``M3AGENT_POLICY_FILE`` (None: the shipped default).

    Raises:
        ConfigError: If the variable names a file that does not exist.
    """
    raw = os.environ.get("M3AGENT_POLICY_FILE", "").strip()
    if not raw:
        return None
    path = Path(raw).expanduser()
    if not path.is_file():
        raise ConfigError(f"M3AGENT_POLICY_FILE names {path}, which is not a file.",
                          hint="Point it at a JSON or TOML policy such as "
                               "server/policy_default.json.")
    return path


def auth_config_from_env(default_audience: str) -> AuthConfig | None:
    """Token checking for the HTTP transport from ``M3AGENT_AUTH_*`` (None: not configured).

    Args:
        default_audience: The resource URL used when ``M3AGENT_AUTH_AUDIENCE`` is unset.

    Raises:
        ConfigError: If an ``M3AGENT_AUTH_*`` variable is set without ``M3AGENT_AUTH_ISSUER``,
            or a value is malformed (naming the variable).
    """
    from pydantic import ValidationError

    from m3agent.server.auth import ALLOWED_ALGORITHMS, AuthConfig

    issuer = os.environ.get("M3AGENT_AUTH_ISSUER", "").strip()
    if not issuer:
        stray = [v for v in AUTH_VARIABLES[1:] if os.environ.get(v, "").strip()]
        if stray:
            raise ConfigError(f"{', '.join(stray)} set without M3AGENT_AUTH_ISSUER: "
                              f"authentication would be off.",
                              hint="Set M3AGENT_AUTH_ISSUER to the token issuer, or unset "
                                   f"{', '.join(stray)}.")
        return None
    algs = os.environ.get("M3AGENT_AUTH_ALGORITHMS", "").strip()
    fields = {
        "M3AGENT_AUTH_ISSUER": ("issuer", issuer),
        "M3AGENT_AUTH_AUDIENCE": ("audience", os.environ.get("M3AGENT_AUTH_AUDIENCE", "").strip()
                                  or default_audience),
        "M3AGENT_AUTH_JWKS_URL": ("jwks_url", os.environ.get("M3AGENT_AUTH_JWKS_URL", "").strip()
                                  or None),
        "M3AGENT_AUTH_ALGORITHMS": ("algorithms", tuple(
            a.strip() for a in algs.split(",") if a.strip()) if algs else ALLOWED_ALGORITHMS),
        "M3AGENT_AUTH_LEEWAY": ("leeway_s", _float("M3AGENT_AUTH_LEEWAY", 30.0,
                                                   allow_zero=True)),
        "M3AGENT_AUTH_JWKS_REFRESH": ("jwks_refresh_s", _float("M3AGENT_AUTH_JWKS_REFRESH", 30.0,
                                                               allow_zero=True)),
        "M3AGENT_AUTH_JWKS_TTL": ("jwks_ttl_s", _float("M3AGENT_AUTH_JWKS_TTL", 3600.0)),
    }
    try:
        return AuthConfig(**{field: value for field, value in fields.values()})
    except ValidationError as e:
        by_field = {field: var for var, (field, _v) in fields.items()}
        problems = "; ".join(
            f"{by_field.get(str(err['loc'][0]), err['loc'][0]) if err['loc'] else 'auth'}: "
            f"{err['msg'].removeprefix('Value error, ')}" for err in e.errors())
        raise ConfigError(f"Authentication is misconfigured: {problems}.") from None
