"""Reaching the server three ways: in-process, stdio (--server-cmd) and streamable HTTP with a
bearer token (--server)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest

from m3agent.agents.mcp_tools import ServerConnectionError, connect, stdio_parameters
from m3agent.agents.runtime import run_question_sync
from m3agent.agents.scripted import ScriptedModel, call, final
from m3agent.agents.trace import replay
from m3agent.server.app import build_server
from m3agent.server.settings import ServerSettings
from m3agent.tools.errors import ConfigError
from m3agent.tools.sql.engine import EngineSettings

M3 = str(Path(sys.executable).with_name("m3-agent"))
TOKEN = "s3cret-token"
SCRIPT = [
    call("run_sql", {"sql": "SELECT count(*) AS n FROM icustays"}, id="q"),
    final("140 ICU stays.", value=140),
]


@pytest.fixture
def settings(demo_db: Path, tmp_path: Path) -> ServerSettings:
    return ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
        audit_path=tmp_path / "audit.jsonl",
        identity="tester",
    )


def test_stdio_parameters_pass_only_m3agent_variables(monkeypatch):
    monkeypatch.setenv("M3AGENT_DB_MIMIC_IV_DEMO", "/data/demo.duckdb")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret")
    p = stdio_parameters("m3-agent serve --transport stdio")
    assert p.command == "m3-agent" and p.args == ["serve", "--transport", "stdio"]
    assert p.env["M3AGENT_DB_MIMIC_IV_DEMO"] == "/data/demo.duckdb"
    assert "OPENAI_API_KEY" not in p.env and "PATH" in p.env
    with pytest.raises(ConfigError, match="empty"):
        stdio_parameters("  ")
    with pytest.raises(ConfigError, match="cannot split"):
        stdio_parameters('m3-agent "serve')


@pytest.mark.e2e
def test_run_over_stdio_spawning_serve(demo_db, tmp_path, monkeypatch):
    audit = tmp_path / "audit.jsonl"
    monkeypatch.setenv("M3AGENT_DB_MIMIC_IV_DEMO", str(demo_db))
    monkeypatch.setenv("M3AGENT_AUDIT_LOG", str(audit))
    monkeypatch.setenv("M3AGENT_DATA_DIR", str(tmp_path / "data"))
    _, answer = run_question_sync(
        "How many ICU stays?", ScriptedModel(SCRIPT), server_cmd=f"{M3} serve"
    )
    assert answer.status == "answered" and answer.citations[0].rows == [[140]]
    # the spawned server and the runtime wrote to the same log: the run links to its record
    [tool] = [e for e in replay(audit, answer.run_id).tool_calls() if e.tool == "run_sql"]
    assert tool.seq is not None and tool.result_hash == answer.citations[0].result_hash


class BearerOnly:
    """ASGI wrapper: HTTP requests without the right bearer token get 401."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.seen: list[str] = []

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            auth = dict(scope["headers"]).get(b"authorization", b"").decode()
            self.seen.append(auth)
            if auth != f"Bearer {TOKEN}":
                await send(
                    {
                        "type": "http.response.start",
                        "status": 401,
                        "headers": [(b"content-type", b"text/plain")],
                    }
                )
                await send({"type": "http.response.body", "body": b"unauthorized"})
                return
        await self.app(scope, receive, send)


@pytest.fixture
def http_server(settings: ServerSettings) -> Iterator[tuple[str, BearerOnly]]:
    import uvicorn

    app = BearerOnly(
        build_server(settings).streamable_http_app(stateless_http=True, json_response=True)
    )
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}/mcp", app
    server.should_exit = True
    thread.join(timeout=10)


def test_run_over_http_with_a_bearer_token(http_server, settings):
    url, app = http_server
    _, answer = run_question_sync(
        "How many ICU stays?",
        ScriptedModel(SCRIPT),
        server=url,
        token=TOKEN,
        audit_path=settings.audit_path,
    )
    assert answer.status == "answered" and answer.citations[0].rows == [[140]]
    assert app.seen and set(app.seen) == {f"Bearer {TOKEN}"}


def test_wrong_token_is_a_clear_connection_error(http_server):
    url, _ = http_server

    async def go() -> None:
        async with connect(server=url, token="wrong"):
            pass

    with pytest.raises(ServerConnectionError, match="Could not connect") as e:
        anyio.run(go)
    assert "--token" in e.value.hint


def test_in_process_tools_are_listed(settings):
    async def go() -> list[str]:
        async with connect(settings=settings) as tb:
            return [t.name for t in tb.tools]

    names = anyio.run(go)
    assert {"run_sql", "describe_table", "search_concepts", "calculate"} <= set(names)
