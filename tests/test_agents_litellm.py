"""The real LiteLLMModel against a fake OpenAI-compatible server on 127.0.0.1 (no other
network): tool calling, tokens and cost, retries with backoff, clear errors."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from m3agent.agents.litellm_model import LiteLLMModel
from m3agent.agents.loop import AgentConfig
from m3agent.agents.messages import ChatMessage, ToolSpec
from m3agent.agents.model import ModelError
from m3agent.agents.runtime import run_question_sync
from m3agent.audit import read_records
from m3agent.server.settings import ServerSettings
from m3agent.tools.sql.engine import EngineSettings

# litellm's TypedDicts make pydantic warn; nothing to do with the code under test
pytestmark = pytest.mark.filterwarnings("ignore:.*ReadOnly. qualifier:UserWarning")


def tool_reply(name: str, arguments: Any, call_id: str, tokens=(120, 30)) -> dict:
    args = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return {
        "message": {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": call_id, "type": "function", "function": {"name": name, "arguments": args}}
            ],
        },
        "usage": tokens,
    }


class FakeOpenAI:
    """Answers POST /v1/chat/completions from a queue of canned replies (or HTTP errors)."""

    def __init__(self) -> None:
        self.replies: list[dict | int] = []
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(body)
                fake.headers.append({k.lower(): v for k, v in self.headers.items()})
                reply = fake.replies.pop(0) if fake.replies else 500
                if isinstance(reply, int):
                    data = json.dumps(
                        {"error": {"message": f"fake status {reply}", "type": "server_error"}}
                    ).encode()
                    self.send_response(reply)
                else:
                    prompt, completion = reply["usage"]
                    data = json.dumps(
                        {
                            "id": "chatcmpl-fake",
                            "object": "chat.completion",
                            "created": 1,
                            "model": body["model"],
                            "choices": [
                                {
                                    "index": 0,
                                    "message": reply["message"],
                                    "finish_reason": "tool_calls"
                                    if reply["message"].get("tool_calls")
                                    else "stop",
                                }
                            ],
                            "usage": {
                                "prompt_tokens": prompt,
                                "completion_tokens": completion,
                                "total_tokens": prompt + completion,
                            },
                        }
                    ).encode()
                    self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[list]:
    """Refuse (and remember) any connection that is not to the loopback interface."""
    attempts: list = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in (
            "127.0.0.1",
            "::1",
            "localhost",
        ):
            attempts.append(address)
            raise OSError(f"test: no network beyond 127.0.0.1 (tried {address})")

    monkeypatch.setattr(
        socket.socket, "connect", lambda self, a: (check(self, a), real_connect(self, a))[1]
    )
    monkeypatch.setattr(
        socket.socket, "connect_ex", lambda self, a: (check(self, a), real_connect_ex(self, a))[1]
    )
    yield attempts
    assert attempts == [], f"unexpected network calls: {attempts}"


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    thread = threading.Thread(
        target=fake.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield fake
    fake.httpd.shutdown()
    fake.httpd.server_close()


@pytest.fixture
def settings(demo_db: Path, tmp_path: Path) -> ServerSettings:
    return ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
        audit_path=tmp_path / "audit.jsonl",
        identity="tester",
    )


def model_for(fake: FakeOpenAI, **kw: Any) -> LiteLLMModel:
    sleeps: list[float] = []
    m = LiteLLMModel(
        "openai/gpt-4o-mini", api_base=fake.url, api_key="sk-test", sleep=sleeps.append, **kw
    )
    m.sleeps = sleeps  # type: ignore[attr-defined]
    return m


def test_react_run_through_litellm_with_tool_calls_tokens_and_cost(fake_openai, settings):
    fake_openai.replies = [
        tool_reply("run_sql", '{"sql": "SELECT count(*) FROM patients"', "c0"),  # bad JSON
        tool_reply("run_sql", {"sql": "SELECT count(*) AS n FROM patients"}, "c1"),
        tool_reply(
            "final_answer",
            {"answer": "100 patients.", "value": 100, "cite": ["c1"]},
            "c2",
            tokens=(400, 20),
        ),
    ]
    model = model_for(fake_openai)
    steps, answer = run_question_sync(
        "How many patients?", model, settings=settings, config=AgentConfig()
    )
    assert answer.status == "answered" and answer.value == 100
    assert answer.citations[0].rows == [[100]] and answer.citations[0].call_id == "c1"
    assert answer.prompt_tokens == 640 and answer.completion_tokens == 80
    assert answer.cost_usd > 0  # priced from litellm's bundled table for gpt-4o-mini
    # what the endpoint received: OpenAI tool schemas from the MCP input schemas, our key
    first = fake_openai.requests[0]
    tools = {t["function"]["name"]: t["function"] for t in first["tools"]}
    assert tools["run_sql"]["parameters"]["required"] == ["sql"]
    assert "final_answer" in tools and "abstain" in tools
    assert first["messages"][0]["role"] == "system" and first["temperature"] == 0
    assert fake_openai.headers[0]["authorization"] == "Bearer sk-test"
    # the malformed call got one correction; the observation went back as a tool message
    second = fake_openai.requests[1]["messages"]
    assert second[-1]["role"] == "tool" and "not valid JSON" in second[-1]["content"]
    third = fake_openai.requests[2]["messages"]
    assert third[-1]["tool_call_id"] == "c1" and '"rows":[[100]]' in third[-1]["content"]
    # every model call audited with tokens, cost, latency and the prompt's hash
    records = [r for r in read_records(settings.audit_path) if r.kind == "model"]
    assert [r.tool for r in records] == ["openai/gpt-4o-mini"] * 3
    assert records[2].extra["tokens"] == {"prompt": 400, "completion": 20, "total": 420}
    assert records[2].extra["cost"] > 0 and records[2].extra["latency_ms"] > 0
    assert len({r.extra["prompt_hash"] for r in records}) == 3


def test_transient_errors_are_retried_with_backoff(fake_openai):
    fake_openai.replies = [
        503,
        429,
        {"message": {"role": "assistant", "content": "hello"}, "usage": (5, 1)},
    ]
    model = model_for(fake_openai)
    reply = model.generate(
        [ChatMessage.user("hi")], [ToolSpec(name="t", input_schema={"type": "object"})]
    )
    assert reply.content == "hello" and reply.usage.total_tokens == 6
    assert model.sleeps == [0.5, 1.0]
    assert len(fake_openai.requests) == 3


def test_errors_that_retrying_cannot_fix_are_not_retried(fake_openai):
    fake_openai.replies = [401]
    model = model_for(fake_openai)
    with pytest.raises(ModelError, match="refused the credentials") as e:
        model.generate([ChatMessage.user("hi")])
    assert "API key" in e.value.hint and model.sleeps == [] and not e.value.transient


def test_unreachable_endpoint_names_the_setting(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed once the block ends: nothing listens
    sleeps: list[float] = []
    model = LiteLLMModel(
        "openai/gpt-4o-mini",
        api_base=f"http://127.0.0.1:{port}/v1",
        max_retries=2,
        timeout=5,
        sleep=sleeps.append,
    )
    with pytest.raises(ModelError, match="Could not reach the model endpoint") as e:
        model.generate([ChatMessage.user("hi")])
    assert "--api-base" in e.value.hint and "M3AGENT_API_BASE" in e.value.hint
    assert "after 3 attempts" in e.value.message and sleeps == [0.5, 1.0]


def test_missing_api_key_names_the_variable(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    model = LiteLLMModel("openai/gpt-4o-mini")
    with pytest.raises(ModelError, match="OPENAI_API_KEY") as e:
        model.check()
    assert "--model" in e.value.hint and "--api-base" in e.value.hint


def test_local_server_needs_no_key(monkeypatch, fake_openai):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    fake_openai.replies = [{"message": {"role": "assistant", "content": "ok"}, "usage": (1, 1)}]
    model = LiteLLMModel("openai/local-model", api_base=fake_openai.url)
    assert model.generate([ChatMessage.user("hi")]).content == "ok"
    assert fake_openai.headers[0]["authorization"] == "Bearer not-needed"


def test_bad_model_string():
    with pytest.raises(ModelError, match="Expected a litellm model string"):
        LiteLLMModel("  ")
