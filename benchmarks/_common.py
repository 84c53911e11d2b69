"""Shared pieces of the benchmark scripts: paths, the peer (M3) environment, statistics."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("M3AGENT_SHARED_DATA", REPO.parent / "shared" / "data"))
DEMO = SHARED / "mimic-iv-demo-2.2"
EHRSQL = SHARED / "ehrsql-2024"
OUT = REPO / "benchmarks" / "out"
CACHE = OUT / "cache"
PEER_VENV = Path(os.environ.get("M3_PEER_VENV", OUT / "m3-peer-venv"))
PEER_VERSION = "0.4.0"

#: Environment that keeps M3 (FastMCP underneath) off the network and quiet: FastMCP checks
#: PyPI for a newer version when it prints its banner (fastmcp/settings.py,
#: ``check_for_updates``, env FASTMCP_CHECK_FOR_UPDATES); M3 itself has no update-check switch.
PEER_QUIET_ENV = {
    "FASTMCP_CHECK_FOR_UPDATES": "off",
    "FASTMCP_SHOW_SERVER_BANNER": "false",
    "FASTMCP_LOG_LEVEL": "WARNING",
    "M3_OAUTH2_ENABLED": "false",
}


def peer_python() -> Path | None:
    """The Python of M3 (``m3-mcp`` 0.4.0) in its own virtual environment.

    Installed on first use from the package registry; None (with a message) if it cannot be
    installed.
    """
    py = PEER_VENV / "bin" / "python"
    if py.exists():
        return py
    print(
        f"installing m3-mcp=={PEER_VERSION} into {PEER_VENV} (its own environment) ...",
        file=sys.stderr,
    )
    venv.create(PEER_VENV, with_pip=True)
    r = subprocess.run(
        [str(py), "-m", "pip", "install", "-q", f"m3-mcp=={PEER_VERSION}"],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        print(f"could not install m3-mcp: {r.stderr[-500:]}", file=sys.stderr)
        return None
    return py


def peer_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for an M3 process: its own HOME (M3 keeps ~/m3_data), no update check."""
    env = dict(os.environ, HOME=str(home), **PEER_QUIET_ENV)
    env.update(extra)
    return env


def run_peer_json(script: str, args: list[str], env: dict[str, str], timeout: float = 600) -> Any:
    """Run ``script`` (Python source) in M3's environment and parse the JSON of its last line.

    Raises:
        RuntimeError: If the peer is not installed or the script fails.
    """
    py = peer_python()
    if py is None:
        raise RuntimeError("M3 (m3-mcp) is not installed; see the messages above.")
    r = subprocess.run(
        [str(py), "-c", script, *args], capture_output=True, text=True, env=env, timeout=timeout
    )
    if r.returncode != 0:
        raise RuntimeError(f"peer script failed ({r.returncode}): {r.stderr[-800:]}")
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    if not lines:
        raise RuntimeError(f"peer script printed nothing; stderr: {r.stderr[-800:]}")
    return json.loads(lines[-1])


def m3_init_demo(home: Path) -> Path:
    """Run M3's own ``m3 init mimic-iv-demo --src DEMO`` under ``home``; return its database.

    The result is M3's layout: one ZSTD Parquet file per table under ~/m3_data/parquet and a
    DuckDB file of views (``hosp_patients`` ...) under ~/m3_data/databases.

    Raises:
        RuntimeError: If M3 is missing or its init fails.
    """
    db = home / "m3_data" / "databases" / "mimic_iv_demo.duckdb"
    if db.exists():
        return db
    py = peer_python()
    if py is None:
        raise RuntimeError("M3 (m3-mcp) is not installed; see the messages above.")
    r = subprocess.run(
        [str(py.with_name("m3")), "init", "mimic-iv-demo", "--src", str(DEMO)],
        capture_output=True,
        text=True,
        env=peer_env(home),
        timeout=600,
    )
    if r.returncode != 0 or not db.exists():
        raise RuntimeError(f"m3 init failed ({r.returncode}): {r.stderr[-800:]}")
    return db


def demo_db() -> Path:
    """Our DuckDB database of the demo, built once into benchmarks/out/cache (idempotent)."""
    from m3agent.tools.loaders.init import init_dataset

    path = CACHE / "demo.duckdb"
    CACHE.mkdir(parents=True, exist_ok=True)
    init_dataset("mimic-iv-demo", source=str(DEMO), db_path=path)
    return path


def ehrsql_db() -> Path:
    """Our DuckDB copy of the EHRSQL database, built once into benchmarks/out/cache."""
    from m3agent.tools.loaders.init import init_dataset

    path = CACHE / "ehrsql.duckdb"
    CACHE.mkdir(parents=True, exist_ok=True)
    init_dataset("ehrsql", source=str(EHRSQL / "mimic_iv.sqlite"), db_path=path)
    return path


def ehrsql_gold(split: str = "valid") -> list[tuple[str, str]]:
    """(id, gold SQL) of the answerable questions of an EHRSQL 2024 split, in file order."""
    labels = json.loads((EHRSQL / split / "label.json").read_text(encoding="utf-8"))
    return [(qid, sql) for qid, sql in labels.items() if sql and sql != "null"]


def temp_dir(prefix: str) -> Path:
    """A fresh temporary folder (the caller removes it)."""
    return Path(tempfile.mkdtemp(prefix=prefix))


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Run ``fn`` once; return (milliseconds, its result)."""
    t0 = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t0) * 1000, out


def machine_note() -> str:
    """One line on the machine and its load, to read the figures against."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return (
        f"_{os.cpu_count()} cores, Python {platform.python_version()}, load average "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min) at "
        f"{time.strftime('%Y-%m-%d %H:%M:%S')}_\n"
    )


def ratio(a: float, b: float) -> str:
    """``a / b`` as a Markdown cell (``3.2×``), or ``n/a``."""
    if not b or a != a or b != b:
        return "n/a"
    return f"{a / b:.3g}×"


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of values."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(q / 100 * (len(s) - 1))))
    return s[k]


def summary(values: list[float]) -> dict[str, float]:
    """p50, p95, p99 and mean of values."""
    return {
        "p50": pct(values, 50),
        "p95": pct(values, 95),
        "p99": pct(values, 99),
        "mean": statistics.fmean(values) if values else float("nan"),
        "n": len(values),
    }


def cell(v: object) -> str:
    """A table cell: floats to 3 significant digits (thousands with separators)."""
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"
    return str(v)


def table(title: str, header: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        lines.append("| " + " | ".join(cell(v) for v in r) + " |")
    return "\n".join(lines) + "\n"
