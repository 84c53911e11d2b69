"""Load MIMIC-IV (demo or full release) from its PhysioNet layout into DuckDB.

DuckDB reads each ``*.csv.gz`` itself (streaming, parallel, never the whole table in Python
memory), with explicit types where sniffing is unsafe (:mod:`mimic_types`), lower-case column
names (``procedureevents`` ships ``ORIGINALAMOUNT``), and rows ordered by ``subject_id`` so one
patient's rows sit together and patient look-ups touch few row groups.
"""

from __future__ import annotations

import csv
import gzip
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from m3agent.tools.datasets import DatasetSpec
from m3agent.tools.errors import DataLoadError
from m3agent.tools.loaders.mimic_types import TYPE_OVERRIDES
from m3agent.tools.loaders.report import TableReport

#: on_table(schema.table, rows, seconds) after each table; on_start(schema.table, index, total)
OnTable = Callable[[str, int, float], None]
OnStart = Callable[[str, int, int], None]


def source_files(source: Path, spec: DatasetSpec) -> list[tuple[str, str, Path]]:
    """The (schema, table, csv path) triples present under ``source`` for ``spec``'s modules.

    Raises:
        DataLoadError: When ``source`` holds none of the expected ``hosp/`` or ``icu/`` files.
    """
    found = []
    for module, schema in spec.module_schemas.items():
        for table in spec.schemas[schema]:
            for ext in (".csv.gz", ".csv"):
                p = source / module / f"{table}{ext}"
                if p.exists():
                    found.append((schema, table, p))
                    break
    if not found:
        raise DataLoadError(
            f"No MIMIC-IV files found under {source}: expected hosp/*.csv.gz and icu/*.csv.gz "
            f"(the PhysioNet layout).",
            hint="Point --source at the folder that contains hosp/ and icu/.")
    return found


def _header(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as f:
            return [c.strip() for c in next(csv.reader(f))]
    except (OSError, StopIteration, EOFError, UnicodeDecodeError) as e:
        raise DataLoadError(f"{path}: cannot read the CSV header ({e}); expected a gzip-"
                            f"compressed CSV with a header line.") from e


def load_table(con: duckdb.DuckDBPyConnection, schema: str, table: str, path: Path) -> int:
    """Create ``schema.table`` from one CSV file; return its row count.

    Raises:
        DataLoadError: If DuckDB cannot read the file, naming the file and the cause.
    """
    header = _header(path)
    lower = {h.lower(): h for h in header}
    types = {lower[c]: t for c, t in TYPE_OVERRIDES.get(table, {}).items() if c in lower}
    order = " ORDER BY subject_id" if "subject_id" in lower else ""
    # Lower-case column names as PhysioNet's BigQuery tables have them; quote to keep them safe.
    select = ", ".join('"{}" AS "{}"'.format(h.replace('"', '""'), h.lower().replace('"', '""'))
                       for h in header)
    # The struct literal holds only our own constants: names from TYPE_OVERRIDES that the
    # header also has, and DuckDB type names from the same table.
    types_sql = (", types={" + ", ".join(f"'{c}': '{t}'" for c, t in types.items()) + "}"
                 if types else "")
    try:
        con.execute(
            f'CREATE TABLE "{schema}"."{table}" AS SELECT {select} FROM read_csv(?, header=true, '
            f"sample_size=100000{types_sql}){order}",
            [str(path)],
        )
        return con.execute(f'SELECT count(*) FROM "{schema}"."{table}"').fetchone()[0]
    except duckdb.Error as e:
        raise DataLoadError(f"Loading {path} into {schema}.{table} failed: {e}") from e


def build_mimic_database(
    con: duckdb.DuckDBPyConnection,
    files: list[tuple[str, str, Path]],
    *,
    on_start: OnStart | None = None,
    on_table: OnTable | None = None,
) -> list[TableReport]:
    """Load every file into the open (temporary) database ``con``.

    Args:
        con: A writable connection to the database being built.
        files: (schema, table, path) triples from :func:`source_files`.
        on_start: Progress callback before each table.
        on_table: Progress callback after each table.

    Returns:
        One report per table, in load order.
    """
    reports = []
    for schema in sorted({s for s, _, _ in files}):
        con.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    for i, (schema, table, path) in enumerate(files):
        if on_start:
            on_start(f"{schema}.{table}", i, len(files))
        t0 = time.perf_counter()
        rows = load_table(con, schema, table, path)
        dt = time.perf_counter() - t0
        reports.append(TableReport(table=f"{schema}.{table}", rows=rows, seconds=round(dt, 3)))
        if on_table:
            on_table(f"{schema}.{table}", rows, dt)
    return reports
