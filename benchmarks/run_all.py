"""Run every ``benchmarks/bench_*.py``, each in its own process; collect their Markdown.

Each script prints Markdown tables (ours against the reference, side by side) on stdout. This
runner echoes them as they come, passes the scripts' stderr (progress, warnings) through, and
writes everything to benchmarks/out/results.md with a header that says on what machine, at
which commit and with which versions the figures were taken. A script that fails or runs past
its time limit is reported as such in the results; the others still run.

Usage: .venv/bin/python benchmarks/run_all.py [--only sql scale] [--skip server]
       [--timeout 1800]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from collections import deque
from importlib import metadata
from pathlib import Path
from typing import IO

from _common import OUT, PEER_VENV, REPO, machine_note

BENCH_DIR = Path(__file__).resolve().parent
#: The usual reading order; scripts not named here follow in alphabetical order.
ORDER = ("init", "sql", "scale", "server", "audit", "retrieval", "calculators")


def discover() -> list[Path]:
    """Every bench_*.py of the benchmarks folder, in :data:`ORDER` then alphabetically."""
    found = sorted(BENCH_DIR.glob("bench_*.py"))

    def key(p: Path) -> tuple[int, str]:
        name = p.stem.removeprefix("bench_")
        return (ORDER.index(name) if name in ORDER else len(ORDER), name)

    return sorted(found, key=key)


def _pump(stream: IO[str], sink: IO[str], keep: deque[str] | list[str]) -> None:
    for line in stream:
        sink.write(line)
        sink.flush()
        keep.append(line)


def run_one(script: Path, timeout: float) -> tuple[int | None, str, str, float]:
    """Run one script; return (exit code or None on timeout, stdout, stderr tail, seconds)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    out: list[str] = []
    err: deque[str] = deque(maxlen=40)
    pumps = [
        threading.Thread(target=_pump, args=(proc.stdout, sys.stdout, out), daemon=True),
        threading.Thread(target=_pump, args=(proc.stderr, sys.stderr, err), daemon=True),
    ]
    for t in pumps:
        t.start()
    try:
        code: int | None = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        code = None
    for t in pumps:
        t.join(timeout=10)
    return code, "".join(out), "".join(err), time.perf_counter() - t0


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def _peer_version() -> str:
    found = list((PEER_VENV / "lib").glob("python*/site-packages/m3_mcp-*.dist-info"))
    return found[0].name.removeprefix("m3_mcp-").removesuffix(".dist-info") if found else "absent"


def _commit() -> str:
    try:
        r = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True, timeout=10
        )
        return r.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def header() -> str:
    """Where and with what the figures were taken."""
    versions = ", ".join(
        f"{d} {_version(d)}" for d in ("duckdb", "sqlglot", "mcp", "pydantic", "faiss-cpu")
    )
    return (
        "# m3-agent benchmarks\n\n"
        + machine_note()
        + f"\nCommit {_commit()}; {versions}; reference M3 (m3-mcp) {_peer_version()} in its "
        f"own environment.\n"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="*", default=None, help="run only these (e.g. sql scale)")
    ap.add_argument("--skip", nargs="*", default=[], help="skip these (e.g. server)")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per script")
    args = ap.parse_args()
    scripts = discover()
    names = {p.stem.removeprefix("bench_") for p in scripts}
    for n in (args.only or []) + args.skip:
        if n not in names:
            ap.error(f"no benchmark named {n!r}; expected one of {', '.join(sorted(names))}")
    if args.only is not None:
        scripts = [p for p in scripts if p.stem.removeprefix("bench_") in args.only]
    scripts = [p for p in scripts if p.stem.removeprefix("bench_") not in args.skip]
    if args.timeout <= 0:
        ap.error(f"--timeout must be positive, found {args.timeout}")

    OUT.mkdir(parents=True, exist_ok=True)
    parts = [header()]
    summary_rows = []
    failed = []
    t_all = time.perf_counter()
    for script in scripts:
        print(f"\n<!-- running {script.name} -->\n", flush=True)
        code, out, err, seconds = run_one(script, args.timeout)
        status = "ok" if code == 0 else ("timed out" if code is None else f"failed ({code})")
        summary_rows.append(f"| {script.name} | {status} | {seconds:.0f} |")
        if code != 0:
            failed.append(script.name)
        section = f"\n---\n\n<!-- {script.name}: {status}, {seconds:.0f} s -->\n\n{out.strip()}\n"
        if code != 0:
            section += f"\n**{script.name} {status}.** Last lines of its stderr:\n\n```\n"
            section += err.strip()[-3000:] + "\n```\n"
        parts.append(section)
    total = time.perf_counter() - t_all
    parts.insert(
        1,
        "\n| script | status | seconds |\n|---|---|---|\n"
        + "\n".join(summary_rows)
        + f"\n| **all** | | {total:.0f} |\n",
    )
    target = OUT / "results.md"
    target.write_text("".join(parts), encoding="utf-8")
    print(f"\nwrote {target} ({total:.0f} s in all)", flush=True)
    if failed:
        print(f"failed or timed out: {', '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
