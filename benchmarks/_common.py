"""Shared pieces of the benchmark scripts: paths, the peer (M3) environment, statistics."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("M3AGENT_SHARED_DATA", REPO.parent / "shared" / "data"))
DEMO = SHARED / "mimic-iv-demo-2.2"
EHRSQL = SHARED / "ehrsql-2024"
OUT = REPO / "benchmarks" / "out"
PEER_VENV = Path(os.environ.get("M3_PEER_VENV", OUT / "m3-peer-venv"))
PEER_VERSION = "0.4.0"


def peer_python() -> Path | None:
    """The Python of M3 (``m3-mcp`` 0.4.0) in its own virtual environment, installed on first
    use from the package registry; None (with a message) if it cannot be installed."""
    py = PEER_VENV / "bin" / "python"
    if py.exists():
        return py
    print(f"installing m3-mcp=={PEER_VERSION} into {PEER_VENV} (its own environment) ...",
          file=sys.stderr)
    venv.create(PEER_VENV, with_pip=True)
    r = subprocess.run([str(py), "-m", "pip", "install", "-q", f"m3-mcp=={PEER_VERSION}"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(f"could not install m3-mcp: {r.stderr[-500:]}", file=sys.stderr)
        return None
    return py


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of values."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(q / 100 * (len(s) - 1))))
    return s[k]


def summary(values: list[float]) -> dict[str, float]:
    """p50, p95, p99 and mean of values."""
    return {"p50": pct(values, 50), "p95": pct(values, 95), "p99": pct(values, 99),
            "mean": statistics.fmean(values) if values else float("nan"), "n": len(values)}


def table(title: str, header: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |",
             "|" + "---|" * len(header)]
    for r in rows:
        lines.append("| " + " | ".join(f"{v:.3g}" if isinstance(v, float) else str(v)
                                       for v in r) + " |")
    return "\n".join(lines) + "\n"
