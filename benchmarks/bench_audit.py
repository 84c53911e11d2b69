"""Micro-benchmark of AuditLog.append: p50/p95 append time in microseconds.

Usage:
    .venv/bin/python benchmarks/bench_audit.py [--n 2000] [--procs 4] [--dir /some/folder]

Prints, for one process appending alone:
- the full append (validation, lock, tail check, write, fsync, anchor update);
- its floors on this file system: write+fsync of a line, and a FileLock acquire+release;
then, with ``--procs P``, P processes appending to one log at once: throughput and latency.
The log goes to a temporary folder on the same file system as ``--dir`` (default: the system
temp folder), which matters: fsync cost is the file system's.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import filelock

from m3agent.audit import AuditLog, verify

SQL = (
    "SELECT p.subject_id, COUNT(*) AS n FROM hosp.patients p JOIN hosp.admissions a "
    "ON a.subject_id = p.subject_id GROUP BY p.subject_id ORDER BY n DESC LIMIT 10"
)


def fields(i: int) -> dict[str, object]:
    return dict(
        kind="tool",
        request_id=f"req-{i}",
        session_id="bench",
        identity="bench",
        tool="execute_sql",
        arguments={"sql": SQL, "dataset": "mimic-iv-demo"},
        outcome="ok",
        rows=10,
        truncated=False,
        duration_ms=3.2,
        result_hash="0" * 64,
        extra={"tokens_in": 812, "tokens_out": 96},
    )


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def line(label: str, seconds: list[float]) -> str:
    us = [s * 1e6 for s in seconds]
    return (
        f"{label:<34} p50 {pct(us, 0.50):7.0f} us   p95 {pct(us, 0.95):7.0f} us   "
        f"p99 {pct(us, 0.99):7.0f} us   mean {statistics.fmean(us):7.0f} us"
    )


def bench_single(folder: Path, n: int) -> None:
    path = folder / "single.jsonl"
    times: list[float] = []
    with AuditLog(path) as log:
        for i in range(50):  # warm-up: imports, first tail read, anchor creation
            log.append(**fields(i))
        for i in range(n):
            t0 = time.perf_counter()
            log.append(**fields(i))
            times.append(time.perf_counter() - t0)
    size = path.stat().st_size
    print(line("append (1 process)", times))
    print(f"{'':<34} {size / (n + 50):.0f} bytes a record")

    floor = folder / "floor.bin"
    record = path.read_bytes().splitlines(keepends=True)[-1]
    fd = os.open(floor, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    fsyncs: list[float] = []
    try:
        for _ in range(n):
            t0 = time.perf_counter()
            os.write(fd, record)
            os.fsync(fd)
            fsyncs.append(time.perf_counter() - t0)
    finally:
        os.close(fd)
    print(line("  floor: write+fsync of one line", fsyncs))

    lock = filelock.FileLock(folder / "floor.lock", mode=0o600, thread_local=False)
    locks: list[float] = []
    for _ in range(n):
        t0 = time.perf_counter()
        lock.acquire()
        lock.release()
        locks.append(time.perf_counter() - t0)
    print(line("  floor: FileLock acquire+release", locks))


def _worker(path: str, start: int, count: int, barrier: Any, out: Any) -> None:
    times: list[float] = []
    with AuditLog(Path(path), lock_timeout=60) as log:
        log.append(**fields(start))  # open and warm up before the race starts
        barrier.wait()
        began = time.perf_counter()
        for i in range(count):
            t0 = time.perf_counter()
            log.append(**fields(start + i + 1))
            times.append(time.perf_counter() - t0)
        ended = time.perf_counter()
    out.put((times, began, ended))


def bench_procs(folder: Path, n: int, procs: int) -> None:
    path = folder / "shared.jsonl"
    per = max(1, n // procs)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(procs)
    out = ctx.Queue()
    workers = [
        ctx.Process(target=_worker, args=(str(path), w * (per + 1), per, barrier, out))
        for w in range(procs)
    ]
    for w in workers:
        w.start()
    results = [out.get(timeout=300) for _ in workers]
    for w in workers:
        w.join()
    times = [t for r in results for t in r[0]]
    # perf_counter is CLOCK_MONOTONIC on Linux: comparable across processes.
    wall = max(r[2] for r in results) - min(r[1] for r in results)
    report = verify(path)
    print(line(f"append ({procs} processes at once)", times))
    print(
        f"{'':<34} {len(times)} appends in {wall:.2f} s = {len(times) / wall:,.0f}/s; "
        f"chain ok: {report.ok}, {report.records} records"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="appends to time (default 2000)")
    parser.add_argument("--procs", type=int, default=4, help="processes for the shared run")
    parser.add_argument("--dir", type=Path, default=None, help="folder to benchmark in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="bench-audit-") as tmp:
        folder = Path(tmp)
        print(f"audit append benchmark in {folder} ({os.cpu_count()} cores)")
        bench_single(folder, args.n)
        if args.procs > 1:
            bench_procs(folder, args.n, args.procs)


if __name__ == "__main__":
    main()
