"""Every MCP tool's input schema, fuzzed through the in-memory client: no crash, only results or
clear tool errors, every call audited, and the server keeps answering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mcp_fuzz_helpers import arguments, judge, sync_client, valid_arguments

from m3agent.audit import verify
from m3agent.server.app import build_server
from m3agent.server.settings import ServerSettings
from m3agent.tools.sql.engine import EngineSettings

EXAMPLES_PER_TOOL = 15


@pytest.fixture(scope="module")
def session(demo_db: Path, tmp_path_factory: pytest.TempPathFactory):
    from m3agent.retrieval.embedding import HashingEmbedder
    from m3agent.server import retrieval_tools

    audit = tmp_path_factory.mktemp("audit") / "audit.jsonl"
    # Indexes in a temporary folder with a model-free embedder: the fuzz tests the tools'
    # input handling, not MiniLM (which would embed 677 trials into the user's data folder).
    mp = pytest.MonkeyPatch()
    mp.setenv("M3AGENT_INDEX_DIR", str(tmp_path_factory.mktemp("indexes")))
    retrieval_tools.set_embedder(HashingEmbedder(384))
    settings_ = ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}, timeout_s=5.0),
        audit_path=audit,
        identity="fuzzer",
    )
    with sync_client(build_server(settings_)) as client:
        client.audit_path = audit
        yield client
    retrieval_tools.set_embedder(None)
    mp.undo()


def _fuzz_tool(session, name: str, schema: dict, calls: list[str]) -> None:
    @settings(
        max_examples=EXAMPLES_PER_TOOL,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(arguments(schema))
    def fuzz(args):
        result = session.call(name, args)
        text = " ".join(getattr(c, "text", "") for c in result.content or [])
        # The SDK refuses ill-typed arguments before the tool (and its audit) runs.
        sdk = result.is_error and re.search(r"\d+ validation errors? for \w+Arguments", text)
        calls.append("sdk" if sdk else "tool")
        verdict = judge(result)
        assert verdict is None, f"{name}({args!r}): {verdict}"

    fuzz()


def test_every_tool_survives_fuzzed_arguments(session):
    tools = session.tools()
    assert len(tools) >= 13
    calls: list[str] = []
    for tool in tools:
        _fuzz_tool(session, tool.name, tool.input_schema or {"type": "object"}, calls)
    assert len(calls) >= EXAMPLES_PER_TOOL * len(tools) // 2
    # The server still answers, and every call (results and refusals) is in a sound audit log.
    ok = session.call("list_datasets", {})
    assert not ok.is_error and ok.structured_content["datasets"]
    report = verify(session.audit_path)
    assert report.ok, report.reason
    # Refusals by the SDK's own argument checks are audited too: every call has a record.
    assert report.records >= len(calls) > 0
    assert calls.count("tool") > 0


def test_valid_arguments_follow_the_schema():
    schema = {
        "type": "object",
        "required": ["n"],
        "properties": {
            "n": {"type": "integer", "exclusiveMinimum": 0},
            "kind": {"anyOf": [{"enum": ["a", "b"], "type": "string"}, {"type": "null"}]},
        },
    }

    @settings(max_examples=50, deadline=None, database=None)
    @given(valid_arguments(schema))
    def check(args):
        assert isinstance(args["n"], int) and args["n"] > 0
        assert args.get("kind") in (None, "a", "b")

    check()


def test_judge_flags_internal_errors():
    class R:
        def __init__(self, is_error, text, sc=None):
            self.is_error, self.structured_content = is_error, sc
            self.content = [type("C", (), {"text": text})()]

    assert judge(R(True, "Refused by rule 'x': no. Hint: y")) is None
    assert judge(R(False, "{}", {"rows": []})) is None
    assert judge(R(True, "run_sql failed: KeyError: 'x'"))
    assert judge(R(True, "  "))
    assert judge(R(False, "text only"))


@settings(max_examples=30, deadline=None, database=None)
@given(st.text(max_size=200))
def test_run_sql_with_random_text(session, sql):
    assert judge(session.call("run_sql", {"sql": sql})) is None
