"""End to end: real clients over stdio and streamable HTTP, and the MCP Inspector CLI."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import anyio
import pytest
from mcp import Client, StdioServerParameters

from m3agent.audit import read_records, verify

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[1]
M3 = str(Path(sys.executable).with_name("m3-agent"))


@pytest.fixture
def env(demo_db, tmp_path):
    e = dict(os.environ)
    e.update(M3AGENT_DB_MIMIC_IV_DEMO=str(demo_db), M3AGENT_AUDIT_LOG=str(tmp_path / "a.jsonl"),
             M3AGENT_DATA_DIR=str(tmp_path / "data"))
    return e


def test_stdio_client_spawning_serve(env, tmp_path):
    async def go():
        params = StdioServerParameters(command=M3, args=["serve"], env=env)
        async with Client(params) as c:
            tools = await c.list_tools()
            r = await c.call_tool("run_sql", {"sql": "SELECT count(*) FROM icustays"})
            return tools, r

    tools, r = anyio.run(go)
    assert len(tools.tools) >= 13
    assert r.structured_content["rows"] == [[140]]
    records = list(read_records(tmp_path / "a.jsonl"))
    assert [x.tool for x in records] == ["run_sql"]
    assert records[0].identity  # the OS user under stdio
    assert verify(tmp_path / "a.jsonl").ok


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read().decode()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("server did not start")


def test_streamable_http_client(env, tmp_path):
    port = _free_port()
    proc = subprocess.Popen([M3, "serve", "--transport", "http", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_port(port, proc)

        async def go():
            async with Client(f"http://127.0.0.1:{port}/mcp") as c:
                r1 = await c.call_tool("patient_overview", {"subject_id": 10000032})
                r2 = await c.call_tool("run_sql", {"sql": "DROP TABLE patients"})
                return r1, r2

        r1, r2 = anyio.run(go)
        assert r1.structured_content["subject_id"] == 10000032
        assert r2.is_error and "read_only_statement" in r2.content[0].text
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    assert proc.returncode == 0, proc.stderr.read().decode()  # clean shutdown on SIGTERM
    assert verify(tmp_path / "a.jsonl").ok
    assert len(list(read_records(tmp_path / "a.jsonl"))) == 2


def test_serve_refuses_to_start_without_database(tmp_path):
    e = dict(os.environ, M3AGENT_DATA_DIR=str(tmp_path))
    e.pop("M3AGENT_DB_MIMIC_IV_DEMO", None)
    r = subprocess.run([M3, "serve"], env=e, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1
    assert "m3-agent init" in r.stderr


def _inspector() -> list[str] | None:
    local = REPO / ".npm-tools" / "node_modules" / ".bin" / "mcp-inspector"
    if local.exists():
        return [str(local)]
    return None


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is absent: the MCP Inspector "
                    "(npm @modelcontextprotocol/inspector) cannot be installed")
def test_mcp_inspector_cli(env):
    cmd = _inspector()
    if cmd is None:
        pytest.fail("The MCP Inspector is not installed: `make test` installs it into "
                    ".npm-tools with npm; run `make npm-tools`.")
    listed = subprocess.run([*cmd, "--cli", M3, "serve", "--method", "tools/list"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    names = {t["name"] for t in json.loads(listed.stdout)["tools"]}
    assert {"run_sql", "patient_overview", "search_concepts"} <= names
    called = subprocess.run([*cmd, "--cli", M3, "serve", "--method", "tools/call",
                             "--tool-name", "run_sql", "--tool-arg",
                             "sql=SELECT count(*) AS n FROM patients"], env=env,
                            capture_output=True, text=True, timeout=120)
    assert called.returncode == 0, called.stderr
    out = json.loads(called.stdout)
    assert out["structuredContent"]["rows"] == [[100]]


def test_stdio_server_exits_cleanly_on_sigint_and_sigterm(env):
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM):
        proc = subprocess.Popen([M3, "serve"], env=env, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(2.0)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, (sig, err.decode()[-500:])
        assert b"Traceback" not in err, err.decode()[-800:]
