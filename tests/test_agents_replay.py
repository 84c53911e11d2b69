"""Runs are rebuilt from the audit trail and replay identically."""

from __future__ import annotations

from pathlib import Path

import pytest

from m3agent.agents.loop import AgentConfig
from m3agent.agents.runtime import run_question_sync
from m3agent.agents.scripted import ScriptedModel, call, final
from m3agent.agents.trace import replay
from m3agent.audit import read_records, verify
from m3agent.server.settings import ServerSettings
from m3agent.tools.errors import NotFoundError
from m3agent.tools.sql.engine import EngineSettings

# Timings differ between runs, and so does the server's hash of a QueryResult (it holds the
# engine's elapsed_ms); everything else, prompt hashes included, must be identical.
VOLATILE = {"elapsed_ms", "duration_ms", "latency_ms", "result_hash"}


@pytest.fixture
def settings(demo_db: Path, tmp_path: Path) -> ServerSettings:
    return ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
        audit_path=tmp_path / "audit.jsonl",
        identity="tester",
    )


SCRIPTS = {
    "react": [
        call("search_concepts", {"text": "heart rate", "kind": "chart"}),
        call("run_sql", {"sql": "SELECT count(*) FROM nowhere"}),
        call("run_sql", '{"sql": '),
        {
            "content": "Count charted heart rates.",
            "tool_calls": [
                call(
                    "run_sql",
                    {"sql": "SELECT count(*) AS n FROM chartevents WHERE itemid = 220045"},
                )
            ],
        },
        final("Counted.", cite=["call_3_0"]),
    ],
    "ask": [
        call("run_sql", {"sql": "SELECT count(*) AS n FROM patients"}),
        "0.5",
        final("100 patients", value=100),
        "0.9",
    ],
}


def comparable(steps):
    out = []
    for s in steps:
        d = s.model_dump(mode="json", exclude=VOLATILE)
        if s.kind == "final_answer":
            for k in ("run_id", "elapsed_ms"):
                d["answer"].pop(k)
            for c in d["answer"]["citations"]:
                c.pop("result_hash")
        out.append(d)
    return out


@pytest.mark.parametrize("strategy", ["react", "ask"])
def test_a_scripted_run_replays_identically_from_the_audit_log(settings, strategy):
    config = AgentConfig(strategy=strategy)
    steps, answer = run_question_sync(
        "How many heart rate measurements?",
        ScriptedModel(SCRIPTS[strategy]),
        settings=settings,
        config=config,
    )
    assert answer.status == "answered"
    first = replay(settings.audit_path, answer.run_id)
    assert first.model == "scripted"
    outputs = [m.output_dict() for m in first.model_outputs()]
    scripted = [ScriptedModel(SCRIPTS[strategy]).generate([], None).output_dict()]
    assert outputs[0] == scripted[0] and len(outputs) == len(SCRIPTS[strategy])

    steps2, answer2 = run_question_sync(
        "How many heart rate measurements?",
        first.scripted_model(),
        settings=settings,
        config=config,
    )
    assert answer2.run_id != answer.run_id
    assert comparable(steps2) == comparable(steps)
    second = replay(settings.audit_path, answer2.run_id)

    def seq(r):
        return [(e.kind, e.purpose, e.tool, e.arguments, e.is_error, e.output) for e in r.events]

    assert seq(second) == seq(first)
    assert [m.prompt_hash for m in steps2 if m.kind == "model"] == [
        m.prompt_hash for m in steps if m.kind == "model"
    ]
    assert verify(settings.audit_path).ok


def test_replayed_tool_calls_point_at_the_servers_records(settings):
    _, answer = run_question_sync("q", ScriptedModel(SCRIPTS["react"]), settings=settings)
    r = replay(settings.audit_path, answer.run_id)
    tools = r.tool_calls()
    assert [t.tool for t in tools] == [
        "search_concepts",
        "run_sql",
        "run_sql",
        "run_sql",
        "final_answer",
    ]
    by_seq = {rec.seq: rec for rec in read_records(settings.audit_path)}
    ok = tools[0]
    assert ok.seq is not None and by_seq[ok.seq].result_hash == ok.result_hash
    refused = tools[1]
    assert refused.is_error and by_seq[refused.seq].kind == "refusal"
    malformed = tools[2]  # never reached the server
    assert malformed.seq is None and malformed.arguments == '{"sql": '
    assert tools[4].seq is None  # control tools are the runtime's own
    model_events = [e for e in r.events if e.kind == "model"]
    assert [e.step for e in model_events] == [1, 2, 3, 4, 5]


def test_replay_of_an_unknown_run(settings):
    run_question_sync("q", ScriptedModel([final("x")]), settings=settings)
    with pytest.raises(NotFoundError, match="no-such-run"):
        replay(settings.audit_path, "no-such-run")
