"""The same scenarios through every strategy: a direct answer, a multi-step SQL answer, a tool
error recovered, malformed tool arguments, an abstention and a budget running out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from m3agent.agents.budget import Budget
from m3agent.agents.loop import AgentConfig
from m3agent.agents.messages import ChatMessage
from m3agent.agents.runtime import run_question_sync
from m3agent.agents.scripted import ScriptedModel, call, final
from m3agent.server.settings import ServerSettings
from m3agent.tools.sql.engine import EngineSettings

STRATEGIES = ["react", "rar", "ask"]
COUNT = "SELECT count(*) AS n FROM admissions"
ADMISSIONS = 275  # rows of mimiciv_hosp.admissions in the MIMIC-IV demo 2.2


@pytest.fixture
def settings(demo_db: Path, tmp_path: Path) -> ServerSettings:
    return ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
        audit_path=tmp_path / "audit.jsonl",
        identity="tester",
    )


def is_rating(messages: Sequence[ChatMessage]) -> bool:
    last = messages[-1]
    return last.role == "user" and "enough information" in (last.content or "")


def scripted(strategy: str, work: list, end: Any) -> ScriptedModel:
    """The work steps then the end, shaped for the strategy: rar plans first and reports its
    evidence before the review; ask's ratings are answered confidently wherever they come."""
    if strategy == "rar":
        replies = [
            call("submit_plan", {"sub_questions": ["How many admissions?"]}),
            *work,
            call("report_evidence", {"summary": "Counted the admissions."}),
            end,
        ]
    else:
        replies = [*work, end]
    queue = list(replies)

    def reply(step: int, messages: Sequence[ChatMessage]) -> Any:
        if is_rating(messages):
            return "0.9"
        if not queue:
            return call("run_sql", {"sql": f"SELECT {step} AS s"})  # keeps the loop busy
        return queue.pop(0)

    return ScriptedModel(reply)


def run(settings, strategy, work, end, **cfg):
    model = scripted(strategy, work, end)
    config = AgentConfig(strategy=strategy, **cfg)
    steps, answer = run_question_sync(
        "How many admissions are in the demo?", model, settings=settings, config=config
    )
    return steps, answer


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_direct_answer(settings, strategy):
    _, answer = run(settings, strategy, [], final("275 admissions.", value=275))
    assert answer.status == "answered" and answer.value == 275 and answer.strategy == strategy
    if strategy == "ask":
        assert answer.confidence == 0.9


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_multi_step_sql_answer(settings, strategy):
    work = [
        call("describe_table", {"table": "admissions"}),
        call("run_sql", {"sql": COUNT}, id="count"),
    ]
    _, answer = run(
        settings, strategy, work, final(f"{ADMISSIONS}", value=ADMISSIONS, cite=["count"])
    )
    assert answer.status == "answered" and answer.value == ADMISSIONS
    [cit] = answer.citations
    assert cit.kind == "sql" and cit.rows == [[ADMISSIONS]]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_tool_error_recovered(settings, strategy):
    work = [
        call("run_sql", {"sql": "SELECT count(*) FROM admission"}),
        call("run_sql", {"sql": COUNT}),
    ]
    steps, answer = run(settings, strategy, work, final("275", value=275))
    errors = [s for s in steps if s.kind == "observation" and s.is_error]
    assert len(errors) == 1 and "admission" in errors[0].text
    assert answer.status == "answered" and [c.rows for c in answer.citations] == [[[275]]]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_malformed_tool_arguments(settings, strategy):
    work = [
        call("run_sql", "{'sql': 'single quotes are not JSON'}"),
        call("run_sql", {"sql": COUNT}),
    ]
    steps, answer = run(settings, strategy, work, final("275", value=275))
    [err] = [s for s in steps if s.kind == "error"]
    assert err.error_class == "MalformedToolCall" and "not valid JSON" in err.message
    assert answer.status == "answered"


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_malformed_twice_fails(settings, strategy):
    work = [call("run_sql", "{"), call("nonexistent_tool", {})]
    _, answer = run(settings, strategy, work, final("never"))
    assert answer.status == "failed" and "nonexistent_tool" in answer.text


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_abstention(settings, strategy):
    _, answer = run(settings, strategy, [], call("abstain", {"reason": "Not in the data."}))
    assert answer.status == "abstained" and answer.text == "Not in the data."


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_budget_running_out(settings, strategy):
    endless = [call("run_sql", {"sql": f"SELECT {i} AS i"}) for i in range(10)]
    _, answer = run(settings, strategy, endless, final("never"), budget=Budget(max_steps=4))
    assert answer.status == "budget_exhausted" and "step budget (4 steps)" in answer.text
    assert answer.steps == 4 and answer.citations
