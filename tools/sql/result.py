"""The result of a query, JSON-safe, as every tool returns it."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import uuid
from typing import Any

from pydantic import BaseModel, Field


class QueryResult(BaseModel):
    """Rows of one validated, executed query.

    Attributes:
        columns: Column names, in order.
        types: DuckDB type of each column.
        rows: Row values, JSON-safe (timestamps as ISO-8601 text, decimals as floats).
        row_count: Number of rows returned (after truncation).
        truncated: True when more rows (or characters) existed than were returned.
        elapsed_ms: Time spent executing and fetching, in milliseconds.
        sql: The SQL actually executed (after translation and the LIMIT cap): DuckDB's, or
            BigQuery's on the BigQuery backend.
        dialect: The dialect the SQL was written in.
        dataset: The dataset it ran on.
        notes: What the engine changed or capped, for the reader.
        suppression_k: In research mode, the small-cell threshold: counts from 1 to k-1 in
            aggregate results are masked (None: suppression is off).
        suppressed_cells: How many count cells were masked (shown as null).
    """

    columns: list[str]
    types: list[str]
    rows: list[list[Any]]
    row_count: int
    truncated: bool
    elapsed_ms: float
    sql: str
    dialect: str = "duckdb"
    dataset: str = "mimic-iv-demo"
    notes: list[str] = Field(default_factory=list)
    suppression_k: int | None = None
    suppressed_cells: int = 0


def json_safe(value: Any) -> Any:
    """Turn one DuckDB value into a JSON-safe value (ISO timestamps, floats, lists, dicts)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    return str(value)
