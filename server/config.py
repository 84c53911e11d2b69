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
"""

from __future__ import annotations

import os
import re

from m3agent.tools.datasets import DATASETS
from m3agent.tools.errors import ConfigError
from m3agent.tools.sql.engine import EngineSettings


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


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, found {raw!r}.") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, found {value}.")
    return value


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
    return EngineSettings(
        default_dataset=dataset,
        memory_limit=mem,
        threads=_int("M3AGENT_THREADS", 2),
        timeout_s=_float("M3AGENT_QUERY_TIMEOUT", 30.0),
        max_rows_cap=_int("M3AGENT_MAX_ROWS", 10_000),
        max_result_chars=_int("M3AGENT_MAX_RESULT_CHARS", 2_000_000, low=1000),
    )
