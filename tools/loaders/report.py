"""What a database build reports, and the metadata it leaves inside the database."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from pydantic import BaseModel, Field

from m3agent.tools.loaders.checksums import ChecksumIssue

META_SCHEMA = "_m3agent"
BUILD_FORMAT = 1  # bump when the layout of built databases changes, so old ones rebuild


class TableReport(BaseModel):
    """One loaded table: rows and seconds."""

    table: str
    rows: int
    seconds: float


class BuildReport(BaseModel):
    """The outcome of ``m3-agent init`` for one dataset."""

    dataset: str
    db_path: str
    source: str
    fingerprint: str
    up_to_date: bool = False
    tables: list[TableReport] = Field(default_factory=list)
    checksum_issues: list[ChecksumIssue] = Field(default_factory=list)
    seconds: float = 0.0
    built_at: str = Field(default_factory=lambda: datetime.now(UTC).isoformat())
    format: int = BUILD_FORMAT


def write_build_info(con: duckdb.DuckDBPyConnection, report: BuildReport) -> None:
    """Store the build report inside the database being built (schema ``_m3agent``)."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {META_SCHEMA}")
    con.execute(f"CREATE OR REPLACE TABLE {META_SCHEMA}.build_info (report VARCHAR)")
    con.execute(f"INSERT INTO {META_SCHEMA}.build_info VALUES (?)", [report.model_dump_json()])


def sidecar_path(db_path: Path) -> Path:
    """The build report beside the database (``<db>.build.json``).

    Reading it needs no database connection, so ``status`` and ``init`` work while a server
    holds the database open (DuckDB refuses a second connection with another configuration).
    """
    return db_path.with_name(db_path.name + ".build.json")


def write_sidecar(db_path: Path, report: BuildReport) -> None:
    """Write the sidecar report atomically (temporary file, then rename)."""
    side = sidecar_path(db_path)
    tmp = side.with_name(side.name + ".tmp")
    tmp.write_text(report.model_dump_json(indent=2), encoding="utf-8")
    tmp.replace(side)


def read_build_info(db_path: Path) -> BuildReport | None:
    """The report of a built database, or None if it has none or cannot be opened.

    The sidecar file is read first; the copy inside the database is the fallback (a build
    killed between the rename and the sidecar write leaves no sidecar).
    """
    if not db_path.exists():
        return None
    side = sidecar_path(db_path)
    if side.exists():
        try:
            return BuildReport.model_validate_json(side.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # damaged sidecar: fall back to the report inside the database
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            row = con.execute(f"SELECT report FROM {META_SCHEMA}.build_info").fetchone()
    except duckdb.Error:
        return None
    return BuildReport.model_validate(json.loads(row[0])) if row else None
