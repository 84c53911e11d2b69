"""`m3-agent init` of the demo from local files, against M3's `m3 init` on the same files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import DEMO, peer_env, peer_python, table


def ours(runs: int = 3) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as d:
            t0 = time.perf_counter()
            subprocess.run(
                [
                    str(Path(sys.executable).with_name("m3-agent")),
                    "init",
                    "--source",
                    str(DEMO),
                    "--db",
                    f"{d}/demo.duckdb",
                    "--json",
                ],
                check=True,
                capture_output=True,
                env=dict(os.environ, M3AGENT_DATA_DIR=d),
            )
            times.append(time.perf_counter() - t0)
    return times


def peer(runs: int = 3) -> list[float] | None:
    py = peer_python()
    if py is None:
        return None
    m3 = py.with_name("m3")
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            t0 = time.perf_counter()
            r = subprocess.run(
                [str(m3), "init", "mimic-iv-demo", "--src", str(DEMO)],
                capture_output=True,
                text=True,
                env=peer_env(Path(home)),
            )
            times.append(time.perf_counter() - t0)
            if r.returncode != 0:
                print(f"m3 init failed: {r.stderr[-400:]}", file=sys.stderr)
                return None
            shutil.rmtree(home, ignore_errors=True)
    return times


def main() -> None:
    o = ours()
    p = peer()
    rows = [["m3-agent init (31 tables → DuckDB)", min(o), sorted(o)[len(o) // 2]]]
    if p:
        rows.append(["M3 0.4.0 m3 init (Parquet + views)", min(p), sorted(p)[len(p) // 2]])
        rows.append(
            ["ratio M3 / ours (median)", "", sorted(p)[len(p) // 2] / sorted(o)[len(o) // 2]]
        )
    print(
        table(
            "init of the demo from local files (seconds, 2 cores)", ["what", "best", "median"], rows
        )
    )


if __name__ == "__main__":
    main()
