"""The catalog: what every table and column means, with live row counts and sample rows.

Descriptions are data (``mimic_iv.json``, ``ehrsql.json`` beside this module) written from the
MIMIC-IV documentation; types, row counts and sample rows come from the database itself.
Table names from callers are matched against the dataset's allow-list and never pasted into SQL.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from m3agent.tools.datasets import get_dataset
from m3agent.tools.errors import NotFoundError
from m3agent.tools.sql.engine import SQLEngine
from m3agent.tools.sql.resolve import closest_tables, schema_alias, table_index
from m3agent.tools.sql.result import json_safe

_HERE = Path(__file__).parent


@cache
def descriptions(dataset: str) -> dict[str, Any]:
    """The written descriptions for ``dataset`` ({"schema.table": {...}}), or {} if absent."""
    name = "ehrsql.json" if dataset == "ehrsql" else "mimic_iv.json"
    path = _HERE / name
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("tables", {})


class ColumnInfo(BaseModel):
    """One column: name, DuckDB type, meaning and unit."""

    name: str
    type: str
    description: str | None = None
    unit: str | None = None
    unit_column: str | None = Field(None, description="Column that holds this value's unit")
    examples: list[Any] = Field(default_factory=list)


class TableInfo(BaseModel):
    """One table in a listing."""

    table: str = Field(description="schema.table")
    description: str | None = None
    row_count: int | None = None


class TableDescription(BaseModel):
    """Everything a model needs to query one table well."""

    table: str
    dataset: str
    description: str | None = None
    row: str | None = Field(None, description="What one row is")
    row_count: int
    columns: list[ColumnInfo]
    primary_key: list[str] = Field(default_factory=list)
    join_keys: dict[str, str] = Field(default_factory=dict)
    decoded_by: dict[str, str] = Field(default_factory=dict)
    time_columns: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    sample_rows: list[list[Any]] = Field(default_factory=list)


def resolve_table_name(name: str, dataset: str) -> str:
    """Map a table name as written (``patients``, ``hosp.patients``...) to ``schema.table``.

    Raises:
        NotFoundError: With the closest table names.
    """
    spec = get_dataset(dataset)
    if not isinstance(name, str) or not name.strip():
        raise NotFoundError("Expected a table name, found an empty value.",
                            hint="Call list_tables to see the tables.")
    parts = [p.strip("`\" ").lower() for p in name.strip().split(".")]
    table = parts[-1]
    if len(parts) == 1:
        schema = table_index(spec).get(table)
    else:
        schema = schema_alias(parts[-2], spec)
    allowed = frozenset(t.lower() for t in spec.qualified_tables())
    if schema and f"{schema}.{table}" in allowed:
        return f"{schema}.{table}"
    near = closest_tables(name.lower(), allowed)
    raise NotFoundError(f"Unknown table {name!r} in dataset {dataset!r}.",
                        hint=("Did you mean: " + ", ".join(near) + "?") if near
                        else "Call list_tables to see the tables.")


def _column(name: str, type_: str, info: dict[str, Any]) -> ColumnInfo:
    return ColumnInfo(name=name, type=type_, description=info.get("description"),
                      unit=info.get("unit"), unit_column=info.get("unit_column"),
                      examples=list(info.get("examples") or [])[:5])


class Catalog:
    """Catalog look-ups over one engine (all datasets it can open)."""

    def __init__(self, engine: SQLEngine) -> None:
        self.engine = engine
        self._counts: dict[str, dict[str, int]] = {}

    def row_counts(self, dataset: str) -> dict[str, int]:
        """Row count of every table of ``dataset`` (from DuckDB's metadata, cached)."""
        if dataset not in self._counts:
            _, rows = self.engine.fetch(
                dataset, "SELECT schema_name || '.' || table_name, estimated_size "
                "FROM duckdb_tables() WHERE schema_name <> '_m3agent'")
            self._counts[dataset] = {r[0].lower(): int(r[1]) for r in rows}
        return self._counts[dataset]

    def list_tables(self, dataset: str, schema: str | None = None) -> list[TableInfo]:
        """The dataset's tables, optionally of one schema, with descriptions and row counts."""
        spec = get_dataset(dataset)
        want = None
        if schema:
            want = schema_alias(schema, spec)
            if want is None:
                raise NotFoundError(f"Unknown schema {schema!r} in dataset {dataset!r}; "
                                    f"expected one of {', '.join(spec.schemas)}.")
        counts = self.row_counts(dataset)
        desc = descriptions(dataset)
        return [TableInfo(table=t, description=(desc.get(t) or {}).get("description"),
                          row_count=counts.get(t))
                for t in spec.qualified_tables() if want is None or t.startswith(want + ".")]

    def describe(self, table: str, dataset: str, sample: int = 3) -> TableDescription:
        """Columns, types, meanings, join keys and a few sample rows of one table."""
        key = resolve_table_name(table, dataset)
        schema, name = key.split(".")
        _, cols = self.engine.fetch(
            dataset, "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            [schema, name])
        if not cols:
            raise NotFoundError(f"Table {key} is in the catalog but not in the database of "
                                f"{dataset!r}.", hint=f"Rebuild with `m3-agent init "
                                f"--dataset {dataset} --force`.")
        info = descriptions(dataset).get(key) or {}
        cdesc = info.get("columns") or {}
        # `key` comes from the allow-list above, never from the caller's text.
        _, sample_rows = self.engine.fetch(dataset, f'SELECT * FROM "{schema}"."{name}" '
                                                    f"LIMIT {int(sample)}")
        return TableDescription(
            table=key, dataset=dataset, description=info.get("description"),
            row=info.get("row"), row_count=self.row_counts(dataset).get(key, 0),
            columns=[_column(c, t, cdesc.get(c) or {}) for c, t in cols],
            primary_key=info.get("primary_key") or [],
            join_keys=info.get("join_keys") or {}, decoded_by=info.get("decoded_by") or {},
            time_columns=info.get("time_columns") or [], notes=info.get("notes") or [],
            sample_rows=[[json_safe(v) for v in r] for r in sample_rows])
