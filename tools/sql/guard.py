"""The guarded DuckDB connection: safe even if validation were switched off.

Guards, in this order, on every connection: opened read-only; a memory limit and thread count
given at connect time; ``enable_external_access=false`` (no file reads or writes, no ATTACH,
no extension install or load); ``lock_configuration=true`` (no ``SET`` or ``RESET`` can undo the
above). Per query, :func:`run_with_timeout` interrupts a query that runs too long.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from m3agent.tools.errors import DatasetError, QueryTimeoutError


def open_guarded(db_path: Path, *, memory_limit: str = "2GB", threads: int = 2,
                 dataset: str = "") -> duckdb.DuckDBPyConnection:
    """Open ``db_path`` read-only with every guard in place.

    Raises:
        DatasetError: If the database file is missing or cannot be opened, with the fix.
    """
    if not db_path.exists():
        raise DatasetError(
            f"The database of dataset {dataset or db_path.stem!r} is missing: expected "
            f"{db_path}, found no file.",
            hint=f"Run `m3-agent init --dataset {dataset or 'mimic-iv-demo'}` first.")
    with _OPEN_LOCK:  # open-and-seal is one step for every engine of this process
        return _open_and_seal(db_path, memory_limit, threads)


_OPEN_LOCK = threading.Lock()


def _open_and_seal(db_path: Path, memory_limit: str, threads: int) -> duckdb.DuckDBPyConnection:
    try:
        con = duckdb.connect(str(db_path), read_only=True,
                             config={"memory_limit": memory_limit, "threads": threads})
    except duckdb.Error as e:
        raise DatasetError(f"Cannot open the database {db_path}: {e}",
                           hint="Rebuild it with `m3-agent init --force`.") from e
    # Passing these two in connect(config=...) together raises (measured on DuckDB 2.0.1), so
    # they are set in this order on the open connection. DuckDB shares one instance between
    # connections to the same file in a process: a second engine finds it already sealed.
    locked, external = con.execute(
        "SELECT current_setting('lock_configuration'), "
        "current_setting('enable_external_access')").fetchone()
    if not locked:
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    elif external:
        con.close()
        raise DatasetError(f"The database {db_path} is already open in this process with "
                           f"external access enabled and its configuration locked; refusing "
                           f"to query it unguarded.")
    return con


def run_with_timeout(cur: duckdb.DuckDBPyConnection, sql: str, params: list | None,
                     timeout_s: float) -> duckdb.DuckDBPyConnection:
    """Execute ``sql`` on cursor ``cur``, interrupting it after ``timeout_s`` seconds.

    Raises:
        QueryTimeoutError: If the query was interrupted by the timeout.
    """
    fired = threading.Event()

    def _interrupt() -> None:
        fired.set()
        cur.interrupt()

    timer = threading.Timer(timeout_s, _interrupt)
    timer.daemon = True
    timer.start()
    try:
        return cur.execute(sql, params) if params else cur.execute(sql)
    except duckdb.InterruptException as e:
        raise QueryTimeoutError(
            f"The query ran longer than the {timeout_s:g} s limit and was stopped.",
            hint="Filter by subject_id, hadm_id, itemid or time, or aggregate, to do less "
                 "work.") from e
    except duckdb.Error:
        if fired.is_set():
            raise QueryTimeoutError(
                f"The query ran longer than the {timeout_s:g} s limit and was stopped.") from None
        raise
    finally:
        timer.cancel()
