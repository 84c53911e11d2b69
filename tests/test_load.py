"""Load on 127.0.0.1: concurrent authenticated MCP clients over streamable HTTP; every call
succeeds and is audited exactly once, and the chain verifies; then SIGKILL mid-load leaves an
audit log whose complete records all verify (a torn last line is reported as torn), and the
next server seals it. The full 20 × 500 run is benchmarks/bench_load.py."""

from __future__ import annotations

import os
import signal
import threading
import time

import anyio
import pytest
from test_auth_support import (
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

from m3agent.audit import read_records, verify

pytestmark = [pytest.mark.e2e, pytest.mark.slow]  # ~1 min; runs in `make test` all the same

CLIENTS = int(os.environ.get("M3AGENT_LOAD_CLIENTS", "20"))
CALLS = int(os.environ.get("M3AGENT_LOAD_CALLS", "50"))


@pytest.fixture
def issuer():
    iss = Issuer()
    yield iss
    iss.close()


def _tokens(issuer: Issuer, url: str, n: int) -> list[str]:
    return [
        issuer.mint(
            url, sub=f"user-{i:02d}", client_id=f"client-{i:02d}", scope="mimic.schema mimic.sql"
        )
        for i in range(n)
    ]


def test_concurrent_authenticated_clients(issuer, demo_db, tmp_path):
    port = free_port()
    audit = tmp_path / "audit.jsonl"
    proc = start_server(server_env(demo_db, audit, issuer, port), port)
    url = f"http://127.0.0.1:{port}/mcp"
    try:
        rss_before = rss_kb(proc.pid)
        result = LoadResult()
        anyio.run(run_load, url, _tokens(issuer, url, CLIENTS), CALLS, result)
        rss_after = rss_kb(proc.pid)
    finally:
        code = stop_server(proc)
    total = CLIENTS * CALLS
    print(
        f"\nload {CLIENTS} clients x {CALLS} calls: {result.ok} ok, {len(result.errors)} "
        f"errors in {result.elapsed_s:.1f} s ({total / result.elapsed_s:.0f} calls/s); "
        f"p50 {result.pct(0.5):.1f} ms, p99 {result.pct(0.99):.1f} ms; server RSS "
        f"{rss_before / 1024:.0f} -> {rss_after / 1024:.0f} MiB"
    )
    assert code in (0, -15)
    assert result.errors == [] and result.ok == total
    records = list(read_records(audit))
    assert len(records) == total
    assert {r.kind for r in records} == {"tool"}
    per_client: dict[str, int] = {}
    for r in records:
        assert r.identity == "user-" + r.client_id.removeprefix("client-")
        per_client[r.client_id] = per_client.get(r.client_id, 0) + 1
    assert per_client == {f"client-{i:02d}": CALLS for i in range(CLIENTS)}
    report = verify(audit)
    assert report.ok and report.records == total and report.anchor == "matched"


def test_sigkill_mid_load_leaves_a_verifiable_log(issuer, demo_db, tmp_path):
    port = free_port()
    audit = tmp_path / "audit.jsonl"
    env = server_env(demo_db, audit, issuer, port)
    proc = start_server(env, port)
    url = f"http://127.0.0.1:{port}/mcp"
    result = LoadResult()
    killed_at: list[int] = []

    def killer() -> None:  # SIGKILL once the load is well under way
        deadline = time.time() + 60
        while time.time() < deadline:
            if audit.exists() and count_lines(audit)[0] >= 300:
                proc.send_signal(signal.SIGKILL)
                killed_at.append(count_lines(audit)[0])
                return
            time.sleep(0.005)

    t = threading.Thread(target=killer)
    t.start()
    anyio.run(run_load, url, _tokens(issuer, url, CLIENTS), 10_000, result, True)
    t.join()
    assert stop_server(proc) == -signal.SIGKILL and killed_at
    assert result.errors  # the clients saw the server die
    complete, torn = count_lines(audit)
    report = verify(audit)
    print(
        f"\nSIGKILL after {killed_at[0]} records: {complete} complete records, torn tail "
        f"{torn}; verify ok={report.ok} records={report.records} torn={report.torn_tail} "
        f"anchor={report.anchor}"
    )
    assert report.records == complete  # every complete record verifies
    if torn:
        assert not report.ok and report.torn_tail
    else:
        assert report.ok
    # A new server seals any torn fragment and the whole log verifies again.
    port2 = free_port()
    proc2 = start_server(server_env(demo_db, audit, issuer, port2), port2)
    try:
        after = LoadResult()
        url2 = f"http://127.0.0.1:{port2}/mcp"
        anyio.run(run_load, url2, _tokens(issuer, url2, 1), 1, after)
        assert after.errors == []
    finally:
        stop_server(proc2)
    final = verify(audit)
    assert final.ok, final.reason
    assert final.records == complete + 1 + (1 if torn else 0)
