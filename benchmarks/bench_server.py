"""Our MCP server against M3 0.4.0's, on the same demo data with equivalent tools.

Both servers are driven by the same client (the official SDK's ``mcp.Client``, in this
process), so the client's cost is the same on both sides:

- start-up: spawn over stdio until the ``initialize`` handshake completes;
- stdio round trips: a schema listing (our ``list_tables``, M3's ``get_database_schema``) and a
  small query (our ``run_sql``, M3's ``execute_mimic_query``: ``SELECT COUNT(*)`` of patients),
  ``--calls`` calls each after a warm-up;
- streamable HTTP on 127.0.0.1: 4 and 16 concurrent client sessions calling the small query
  for ``--seconds`` each; calls per second and latency percentiles. Ours is ``m3-agent serve
  --transport http`` (stateless JSON at /mcp); M3's is ``MCP_TRANSPORT=http`` (FastMCP's
  streamable HTTP, at path /sse by default);
- audit overhead, in-process (``Client(server)``): our ``run_sql`` with the real audit log
  against the same server with a no-op audit object, in alternating batches, and the time of
  ``AuditLog.append`` itself.

M3 runs in its own environment (benchmarks/out/m3-peer-venv) on its own ``m3 init`` of the
demo, with FastMCP's PyPI update check and banner switched off (FASTMCP_CHECK_FOR_UPDATES=off).
Targets: stdio p50 ≤3 ms, ≥300 calls/s over HTTP, audit ≤10% of a call.

Usage: .venv/bin/python benchmarks/bench_server.py [--calls 200] [--seconds 5] [--starts 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
from mcp import Client, StdioServerParameters

from m3agent.server import app as server_app
from m3agent.server.app import build_server
from m3agent.server.settings import ServerSettings
from m3agent.tools.sql.engine import EngineSettings

from _common import (
    CACHE,
    demo_db,
    m3_init_demo,
    machine_note,
    peer_env,
    peer_python,
    ratio,
    summary,
    table,
    temp_dir,
)

M3AGENT = str(Path(sys.executable).with_name("m3-agent"))
STDIO_P50_TARGET_MS = 3.0
HTTP_TARGET_CPS = 300.0
AUDIT_TARGET_PCT = 10.0
SMALL_SQL = "SELECT COUNT(*) FROM patients"


@dataclass
class Side:
    """How to start one server and call its equivalent tools."""

    name: str
    stdio: StdioServerParameters
    http_cmd: list[str]
    http_env: Callable[[int], dict[str, str]]
    http_path: str
    schema_call: tuple[str, dict[str, Any]]
    query_call: tuple[str, dict[str, Any]]
    notes: list[str] = field(default_factory=list)


def ours_side(db: Path, work: Path) -> Side:
    """Our server on our demo database, audit log and data folder in ``work``."""
    env = dict(
        os.environ,
        M3AGENT_DB_MIMIC_IV_DEMO=str(db),
        M3AGENT_AUDIT_LOG=str(work / "audit.jsonl"),
        M3AGENT_DATA_DIR=str(work / "data"),
    )
    return Side(
        name="m3-agent",
        stdio=StdioServerParameters(command=M3AGENT, args=["serve"], env=env),
        http_cmd=[M3AGENT, "serve", "--transport", "http", "--port"],
        http_env=lambda port: env,
        http_path="/mcp",
        schema_call=("list_tables", {}),
        query_call=("run_sql", {"sql": SMALL_SQL}),
    )


def m3_side(home: Path) -> Side | None:
    """M3 0.4.0's server on its own ``m3 init`` of the demo; None if M3 is unavailable."""
    py = peer_python()
    if py is None:
        return None
    db = m3_init_demo(home)
    env = peer_env(home, M3_BACKEND="duckdb", M3_DB_PATH=str(db))
    exe = str(py.with_name("m3-mcp-server"))

    def http_env(port: int) -> dict[str, str]:
        # M3 binds 0.0.0.0 unless told otherwise: keep it on loopback.
        return dict(
            env, MCP_TRANSPORT="http", MCP_HOST="127.0.0.1", MCP_PORT=str(port), MCP_PATH="/sse"
        )

    return Side(
        name="M3 0.4.0",
        stdio=StdioServerParameters(command=exe, args=[], env=env),
        http_cmd=[exe],
        http_env=http_env,
        http_path="/sse",
        schema_call=("get_database_schema", {}),
        query_call=("execute_mimic_query", {"sql_query": "SELECT COUNT(*) FROM hosp_patients"}),
    )


async def _call(client: Client, call: tuple[str, dict[str, Any]]) -> None:
    result = await client.call_tool(call[0], call[1])
    if result.is_error:
        raise RuntimeError(f"{call[0]} failed: {result.content[0].text[:300]}")


async def startup_times(side: Side, starts: int) -> list[float]:
    """Seconds from spawning the server to a completed ``initialize`` handshake."""
    out = []
    for _ in range(starts):
        t0 = time.perf_counter()
        async with Client(side.stdio):
            out.append(time.perf_counter() - t0)
    return out


async def stdio_round_trips(side: Side, calls: int) -> dict[str, list[float]]:
    """Round-trip milliseconds of the schema listing and the small query over stdio."""
    out: dict[str, list[float]] = {"schema": [], "query": []}
    async with Client(side.stdio) as client:
        for kind, call in (("schema", side.schema_call), ("query", side.query_call)):
            for _ in range(10):
                await _call(client, call)
            for _ in range(calls):
                t0 = time.perf_counter()
                await _call(client, call)
                out[kind].append((time.perf_counter() - t0) * 1000)
    return out


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until something listens on 127.0.0.1:port (a TCP connect, no HTTP request)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listened on 127.0.0.1:{port} within {timeout:g} s")


async def http_load(
    url: str, call: tuple[str, dict[str, Any]], clients: int, seconds: float
) -> tuple[float, list[float], int]:
    """``clients`` concurrent sessions calling ``call`` for ``seconds``.

    Every session connects and makes one warm-up call first; the clock starts when all are
    ready, so session set-up is not counted. Returns calls/s, latencies (ms) and errors.
    """
    latencies: list[float] = []
    errors = 0
    ready = 0
    go = anyio.Event()
    window: dict[str, float] = {}

    async def worker() -> None:
        nonlocal errors, ready
        async with Client(url) as client:
            await _call(client, call)  # warm-up, not counted
            ready += 1
            if ready == clients:
                window["start"] = time.perf_counter()
                window["deadline"] = window["start"] + seconds
                go.set()
            await go.wait()
            while time.perf_counter() < window["deadline"]:
                t0 = time.perf_counter()
                try:
                    await _call(client, call)
                except Exception:  # noqa: BLE001 - counted and reported, the load goes on
                    errors += 1
                    continue
                window["last"] = time.perf_counter()
                latencies.append((window["last"] - t0) * 1000)

    with anyio.fail_after(seconds + 120):  # bounded even if a server stops answering
        async with anyio.create_task_group() as tg:
            for _ in range(clients):
                tg.start_soon(worker)
            await go.wait()
            await anyio.sleep(seconds)
    # Up to the last completed call: closing the sessions is not part of the load.
    elapsed = window.get("last", window["start"] + seconds) - window["start"]
    return len(latencies) / elapsed, latencies, errors


def http_levels(side: Side, levels: list[int], seconds: float) -> dict[int, tuple]:
    """Run the HTTP load at each concurrency level against a fresh server process."""
    port = free_port()
    log = temp_dir("bench-server-log-") / "server.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [*side.http_cmd, *([str(port)] if side.http_cmd[0] == M3AGENT else [])],
            env=side.http_env(port),
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        try:
            wait_port(port, proc)
            url = f"http://127.0.0.1:{port}{side.http_path}"
            return {n: anyio.run(http_load, url, side.query_call, n, seconds) for n in levels}
        except RuntimeError as e:
            raise RuntimeError(
                f"{side.name} over HTTP: {e}; log: {log.read_text(errors='replace')[-600:]}"
            ) from None
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            shutil.rmtree(log.parent, ignore_errors=True)


class NoopAudit:
    """Stands in for ``AuditLog`` to measure a call without the audit write."""

    def append(self, **fields: Any) -> None:
        """Accept the record and write nothing."""

    def close(self) -> None:
        """Nothing to close."""


@asynccontextmanager
async def _client_without_audit(settings: ServerSettings):
    """An in-process client whose server's state carries a :class:`NoopAudit`."""
    real = server_app.open_state

    def patched(s: ServerSettings) -> server_app.ServerState:
        state = real(s)
        state.audit.close()
        state.audit = NoopAudit()  # type: ignore[assignment]
        return state

    server_app.open_state = patched
    try:
        async with Client(build_server(settings)) as client:
            server_app.open_state = real
            yield client
    finally:
        server_app.open_state = real


async def audit_overhead(db: Path, work: Path, batches: int, per_batch: int) -> dict[str, Any]:
    """run_sql in-process with and without the audit log, and ``AuditLog.append`` alone, in
    alternating batches (fsync time on a shared disk drifts; alternation spreads the drift)."""
    from m3agent.audit import AuditLog

    settings = ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": db}),
        audit_path=work / "audit-inproc.jsonl",
        identity="bench",
    )
    call = ("run_sql", {"sql": SMALL_SQL})
    with_audit: list[float] = []
    without: list[float] = []
    append: list[float] = []
    log = AuditLog(work / "audit-append.jsonl")
    try:
        async with (
            Client(build_server(settings)) as audited,
            _client_without_audit(settings) as bare,
        ):
            for client in (audited, bare):
                for _ in range(20):
                    await _call(client, call)
            for _ in range(batches):
                for client, sink in ((audited, with_audit), (bare, without)):
                    for _ in range(per_batch):
                        t0 = time.perf_counter()
                        await _call(client, call)
                        sink.append((time.perf_counter() - t0) * 1000)
                append += _append_times(log, per_batch)
    finally:
        log.close()
    return {"with": with_audit, "without": without, "append": append, "engine": engine_times(db)}


def engine_times(db: Path, n: int = 300) -> dict[str, list[float]]:
    """The engine's share of a run_sql call: prepare, execute, and the result's JSON."""
    from m3agent.tools.sql.engine import SQLEngine

    engine = SQLEngine(EngineSettings(db_paths={"mimic-iv-demo": db}))
    out: dict[str, list[float]] = {"prepare": [], "execute": [], "json": []}
    try:
        for i in range(n + 20):
            t0 = time.perf_counter()
            engine.prepare(SMALL_SQL)
            t1 = time.perf_counter()
            result = engine.execute(SMALL_SQL)
            t2 = time.perf_counter()
            result.model_dump_json()
            t3 = time.perf_counter()
            if i >= 20:  # the first calls warm the caches
                out["prepare"].append((t1 - t0) * 1000)
                out["execute"].append((t2 - t1) * 1000)
                out["json"].append((t3 - t2) * 1000)
    finally:
        engine.close()
    return out


def _append_times(log: Any, n: int) -> list[float]:
    """Milliseconds of ``AuditLog.append`` alone with a run_sql-like record, ``n`` times."""
    out = []
    for i in range(n):
        t0 = time.perf_counter()
        log.append(
            kind="tool",
            request_id=f"r{i}",
            session_id="bench",
            identity="bench",
            tool="run_sql",
            arguments={"sql": SMALL_SQL},
            outcome="ok",
            rows=1,
            truncated=False,
            duration_ms=1.0,
            result_hash="0" * 64,
        )
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _p(values: list[float], key: str) -> float:
    return summary(values)[key] if values else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calls", type=int, default=200, help="stdio calls per tool")
    ap.add_argument("--seconds", type=float, default=5.0, help="HTTP load per level")
    ap.add_argument("--levels", type=int, nargs="+", default=[4, 16])
    ap.add_argument("--starts", type=int, default=5, help="start-ups to time per server")
    args = ap.parse_args()
    if args.calls < 1 or args.starts < 1 or not 0 < args.seconds <= 60:
        ap.error("expected --calls ≥1, --starts ≥1 and 0 < --seconds ≤ 60 (a bounded run)")
    if any(n < 1 or n > 64 for n in args.levels):
        ap.error(f"--levels must be between 1 and 64 clients, found {args.levels}")

    db = demo_db()
    work = temp_dir("bench-server-")
    try:
        sides = [ours_side(db, work)]
        try:
            m3 = m3_side(CACHE / "m3-home")
        except RuntimeError as e:
            print(f"M3 not measured: {e}", file=sys.stderr)
            m3 = None
        if m3:
            sides.append(m3)
        results: dict[str, dict[str, Any]] = {}
        for side in sides:
            r: dict[str, Any] = {}
            r["start"] = anyio.run(startup_times, side, args.starts)
            r["stdio"] = anyio.run(stdio_round_trips, side, args.calls)
            try:
                r["http"] = http_levels(side, args.levels, args.seconds)
            except RuntimeError as e:
                print(f"HTTP not measured: {e}", file=sys.stderr)
                r["http"] = {}
            results[side.name] = r
        audit = anyio.run(audit_overhead, db, work, 5, 100)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print("## MCP server: m3-agent against M3 0.4.0 on the demo\n")
    print(machine_note())
    ours, peer = results["m3-agent"], results.get("M3 0.4.0")
    start_rows = [["m3-agent serve", statistics.median(ours["start"]), min(ours["start"])]]
    if peer:
        start_rows.append(
            ["M3 0.4.0 m3-mcp-server", statistics.median(peer["start"]), min(peer["start"])]
        )
        start_rows.append(
            [
                "M3 / ours",
                ratio(statistics.median(peer["start"]), statistics.median(ours["start"])),
                "",
            ]
        )
    print(
        table(
            f"Start-up to initialised over stdio (s, {args.starts} starts)",
            ["server", "median", "best"],
            start_rows,
        )
    )

    rows = []
    for kind, label_ours, label_m3 in (
        ("schema", "list_tables", "get_database_schema"),
        (
            "query",
            f"run_sql `{SMALL_SQL}`",
            "execute_mimic_query `SELECT COUNT(*) FROM hosp_patients`",
        ),
    ):
        o = ours["stdio"][kind]
        verdict = "pass" if _p(o, "p50") <= STDIO_P50_TARGET_MS else "MISSED"
        rows.append([f"m3-agent {label_ours}", _p(o, "p50"), _p(o, "p95"), _p(o, "p99"), verdict])
        if peer:
            m = peer["stdio"][kind]
            rows.append([f"M3 0.4.0 {label_m3}", _p(m, "p50"), _p(m, "p95"), _p(m, "p99"), ""])
            rows.append(
                [
                    "M3 / ours",
                    ratio(_p(m, "p50"), _p(o, "p50")),
                    ratio(_p(m, "p95"), _p(o, "p95")),
                    ratio(_p(m, "p99"), _p(o, "p99")),
                    "",
                ]
            )
    print(
        table(
            f"stdio round trip (ms, {args.calls} calls each after 10 warm-up calls; "
            f"target p50 ≤{STDIO_P50_TARGET_MS:g} ms)",
            ["call", "p50", "p95", "p99", "target"],
            rows,
        )
    )

    rows = []
    for n in args.levels:
        o = ours["http"].get(n)
        m = peer["http"].get(n) if peer else None
        if o:
            verdict = "pass" if o[0] >= HTTP_TARGET_CPS else "MISSED"
            rows.append(
                [f"m3-agent, {n} clients", o[0], _p(o[1], "p50"), _p(o[1], "p99"), o[2], verdict]
            )
        if m:
            rows.append(
                [f"M3 0.4.0, {n} clients", m[0], _p(m[1], "p50"), _p(m[1], "p99"), m[2], ""]
            )
        if o and m:
            rows.append(
                [
                    "ours / M3 (throughput); M3 / ours (latency)",
                    ratio(o[0], m[0]),
                    ratio(_p(m[1], "p50"), _p(o[1], "p50")),
                    ratio(_p(m[1], "p99"), _p(o[1], "p99")),
                    "",
                    "",
                ]
            )
    print(
        table(
            f"Streamable HTTP on 127.0.0.1, small query, {args.seconds:g} s per level "
            f"(target ≥{HTTP_TARGET_CPS:g} calls/s)",
            ["server, clients", "calls/s", "p50 ms", "p99 ms", "errors", "target"],
            rows,
        )
    )

    w, wo, ap_ = audit["with"], audit["without"], audit["append"]
    share = 100 * (_p(w, "p50") - _p(wo, "p50")) / _p(w, "p50")
    append_share = 100 * _p(ap_, "p50") / _p(w, "p50")
    verdict = "pass" if max(share, append_share) <= AUDIT_TARGET_PCT else "MISSED"
    print(
        table(
            f"Audit overhead, in-process run_sql (ms; {len(w)} calls each side in "
            f"alternating batches; target ≤{AUDIT_TARGET_PCT:g}% of a call)",
            ["what", "p50", "p95", "mean", "share of an audited call (p50)"],
            [
                ["run_sql with the audit log", _p(w, "p50"), _p(w, "p95"), _p(w, "mean"), ""],
                ["run_sql with a no-op audit", _p(wo, "p50"), _p(wo, "p95"), _p(wo, "mean"), ""],
                ["difference", _p(w, "p50") - _p(wo, "p50"), "", "", f"{share:.1f}% ({verdict})"],
                [
                    "AuditLog.append alone",
                    _p(ap_, "p50"),
                    _p(ap_, "p95"),
                    _p(ap_, "mean"),
                    f"{append_share:.1f}%",
                ],
            ],
        )
    )
    eng = audit["engine"]
    call = _p(wo, "p50")
    parts = [
        ["SQLEngine.prepare (parse, resolve, validate, LIMIT)", _p(eng["prepare"], "p50")],
        ["SQLEngine.execute (prepare + DuckDB + rows)", _p(eng["execute"], "p50")],
        ["QueryResult → JSON", _p(eng["json"], "p50")],
        ["in-process MCP call, no-op audit", call],
        [
            "rest: SDK dispatch, argument and output validation, thread hops, progress",
            call - _p(eng["execute"], "p50") - _p(eng["json"], "p50"),
        ],
    ]
    print(
        table(
            "Where an in-process run_sql call goes (ms, p50 of each part measured alone)",
            ["part", "p50 ms"],
            parts,
        )
    )


if __name__ == "__main__":
    main()
