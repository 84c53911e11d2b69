"""Load on 127.0.0.1: authenticated MCP clients over streamable HTTP, and SIGKILL mid-load.

Usage:
    .venv/bin/python benchmarks/bench_load.py [--clients 20] [--calls 500] [--kill-after 2000]

1. ``m3-agent serve --transport http`` with OAuth on (a JWKS issuer on 127.0.0.1 with an RSA key
   made here); ``--clients`` concurrent MCP clients, each with its own token (subject and client
   id), each making ``--calls`` tool calls in one session (an aggregate run_sql, list_datasets,
   search_concepts, list_tables in turn). Checks: 0 errors, exactly clients × calls audit
   records, each carrying its token's subject and client id, the chain verifying. Reports
   throughput, p50/p99 latency and the server's RSS before and after.
2. The same load without authentication, to show what the gate costs end to end.
3. The gate alone, in-process: microseconds per request with a token seen before (cached) and
   a new one (signature checked), for RS256, ES256 and EdDSA.
4. SIGKILL of the server once ``--kill-after`` records are written, with the load running:
   the complete records must all verify (a torn last line is reported as torn); a new server
   then seals the fragment and the whole log verifies.

Prints Markdown tables; writes benchmarks/out/load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

import anyio

from _common import OUT, REPO, demo_db, machine_note, table

sys.path.insert(0, str(REPO / "tests"))

from test_auth_support import (  # noqa: E402 - the tests folder holds the shared load driver
    Issuer,
    LoadResult,
    count_lines,
    free_port,
    rss_kb,
    run_load,
    server_env,
    start_server,
    stop_server,
)

from m3agent.audit import read_records, verify  # noqa: E402


def tokens(issuer: Issuer, url: str, n: int) -> list[str]:
    return [
        issuer.mint(
            url,
            sub=f"user-{i:02d}",
            client_id=f"client-{i:02d}",
            scope="mimic.schema mimic.sql",
            exp=int(time.time()) + 7200,
        )
        for i in range(n)
    ]


def load_run(db: Path, clients: int, calls: int, auth: bool) -> dict:
    issuer = Issuer()
    work = Path(tempfile.mkdtemp(prefix="m3-load-"))
    audit = work / "audit.jsonl"
    port = free_port()
    proc = start_server(server_env(db, audit, issuer if auth else None, port), port)
    url = f"http://127.0.0.1:{port}/mcp"
    try:
        rss_before = rss_kb(proc.pid)
        result = LoadResult()
        toks = tokens(issuer, url, clients) if auth else [None] * clients
        anyio.run(run_load, url, toks, calls, result)
        rss_after = rss_kb(proc.pid)
    finally:
        stop_server(proc)
        issuer.close()
    records = list(read_records(audit))
    report = verify(audit)
    identities_ok = (
        all(r.identity == "user-" + (r.client_id or "").removeprefix("client-") for r in records)
        if auth
        else all(r.identity for r in records)
    )
    return {
        "auth": auth,
        "clients": clients,
        "calls_per_client": calls,
        "calls": clients * calls,
        "ok": result.ok,
        "errors": len(result.errors),
        "first_errors": result.errors[:3],
        "seconds": round(result.elapsed_s, 2),
        "calls_per_s": round(clients * calls / result.elapsed_s, 1),
        "p50_ms": round(result.pct(0.50), 2),
        "p99_ms": round(result.pct(0.99), 2),
        "rss_before_mib": round(rss_before / 1024, 1),
        "rss_after_mib": round(rss_after / 1024, 1),
        "audit_records": len(records),
        "chain_ok": report.ok,
        "anchor": report.anchor,
        "identities_ok": identities_ok,
    }


def gate_overhead() -> list[list]:
    from m3agent.server.auth import AuthConfig, AuthGate, JWKSTokenVerifier
    from m3agent.server.policy import load_policy

    issuer = Issuer()
    aud = "http://127.0.0.1:9/mcp"
    verifier = JWKSTokenVerifier(
        AuthConfig(issuer=issuer.url, audience=aud, jwks_url=issuer.jwks_url)
    )
    verifier.load_sync()

    async def inner(scope, receive, send):
        await receive()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    gate = AuthGate(
        inner,
        verifier=verifier,
        policy=load_policy(),
        audit_path=Path(tempfile.mkdtemp()) / "a.jsonl",
    )
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "tools/call",
            "params": {"name": "run_sql", "arguments": {"sql": "SELECT 1"}},
        }
    ).encode()

    async def one(token: str) -> None:
        scope = {
            "type": "http",
            "method": "POST",
            "path": "/mcp",
            "client": ("127.0.0.1", 1),
            "headers": [(b"authorization", b"Bearer " + token.encode())],
        }

        async def receive():
            return {"type": "http.request", "body": body, "more_body": False}

        async def send(_message):
            return None

        await gate(scope, receive, send)

    rows = []

    async def measure() -> None:
        for kid, alg in (("rsa-1", "RS256"), ("ec-1", "ES256"), ("ed-1", "EdDSA")):
            toks = [issuer.mint(aud, kid=kid, jti=str(i)) for i in range(500)]
            t0 = time.perf_counter()
            for t in toks:
                await one(t)
            first = (time.perf_counter() - t0) / len(toks) * 1e6
            t0 = time.perf_counter()
            for t in toks:
                await one(t)
            cached = (time.perf_counter() - t0) / len(toks) * 1e6
            rows.append([alg, round(first), round(cached)])

    asyncio.run(measure())
    issuer.close()
    return rows


def sigkill_run(db: Path, clients: int, kill_after: int) -> dict:
    issuer = Issuer()
    work = Path(tempfile.mkdtemp(prefix="m3-kill-"))
    audit = work / "audit.jsonl"
    port = free_port()
    proc = start_server(server_env(db, audit, issuer, port), port)
    url = f"http://127.0.0.1:{port}/mcp"
    killed_at: list[int] = []

    def killer() -> None:
        deadline = time.time() + 600
        while time.time() < deadline:
            if audit.exists() and count_lines(audit)[0] >= kill_after:
                proc.send_signal(signal.SIGKILL)
                killed_at.append(count_lines(audit)[0])
                return
            time.sleep(0.002)

    thread = threading.Thread(target=killer)
    thread.start()
    result = LoadResult()
    anyio.run(run_load, url, tokens(issuer, url, clients), 100_000, result, True)
    thread.join()
    stop_server(proc)
    complete, torn = count_lines(audit)
    report = verify(audit)
    port2 = free_port()
    proc2 = start_server(server_env(db, audit, issuer, port2), port2)
    url2 = f"http://127.0.0.1:{port2}/mcp"
    after = LoadResult()
    anyio.run(run_load, url2, tokens(issuer, url2, 1), 1, after)
    stop_server(proc2)
    final = verify(audit)
    issuer.close()
    return {
        "killed_after_records": killed_at[0] if killed_at else None,
        "complete_records": complete,
        "torn_tail": torn,
        "verified_records": report.records,
        "all_complete_verify": report.records == complete,
        "verify_ok_before_restart": report.ok,
        "anchor": report.anchor,
        "client_errors_seen": len(result.errors),
        "after_restart_ok": final.ok,
        "after_restart_records": final.records,
        "notes": final.notes,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--calls", type=int, default=500, help="calls per client")
    ap.add_argument(
        "--kill-after",
        type=int,
        default=2000,
        help="SIGKILL once this many audit records are written",
    )
    args = ap.parse_args()
    for name in ("clients", "calls", "kill_after"):
        if getattr(args, name) < 1:
            ap.error(f"--{name.replace('_', '-')} must be at least 1")

    db = demo_db()
    print(
        f"## Load: {args.clients} concurrent authenticated clients × {args.calls} calls "
        f"(streamable HTTP, 127.0.0.1)\n"
    )
    print(machine_note())
    runs = [
        load_run(db, args.clients, args.calls, auth=True),
        load_run(db, args.clients, args.calls, auth=False),
    ]
    header = [
        "server",
        "calls",
        "ok",
        "errors",
        "calls/s",
        "p50 ms",
        "p99 ms",
        "RSS before MiB",
        "RSS after MiB",
        "audit records",
        "chain verifies",
        "subject + client id on every record",
    ]
    rows = [
        [
            "OAuth on" if r["auth"] else "no auth",
            r["calls"],
            r["ok"],
            r["errors"],
            r["calls_per_s"],
            r["p50_ms"],
            r["p99_ms"],
            r["rss_before_mib"],
            r["rss_after_mib"],
            r["audit_records"],
            r["chain_ok"],
            r["identities_ok"],
        ]
        for r in runs
    ]
    print(table("End to end", header, rows))
    gate = gate_overhead()
    print(
        table(
            "The auth gate alone (in-process, per request)",
            ["algorithm", "new token µs (signature checked)", "cached token µs"],
            gate,
        )
    )
    kill = sigkill_run(db, args.clients, args.kill_after)
    print(
        table(
            "SIGKILL mid-load",
            [
                "killed after",
                "complete records",
                "torn tail",
                "complete records verify",
                "after restart: verifies",
                "records",
            ],
            [
                [
                    kill["killed_after_records"],
                    kill["complete_records"],
                    kill["torn_tail"],
                    kill["all_complete_verify"],
                    kill["after_restart_ok"],
                    kill["after_restart_records"],
                ]
            ],
        )
    )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "load.json").write_text(
        json.dumps({"runs": runs, "gate_us": gate, "sigkill": kill}, indent=2), encoding="utf-8"
    )
    failed = [
        r for r in runs if r["errors"] or r["audit_records"] != r["calls"] or not r["chain_ok"]
    ]
    if failed or not kill["all_complete_verify"] or not kill["after_restart_ok"]:
        print("FAILED: see benchmarks/out/load.json", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
