"""The react loop with scripted models over the real in-process server and demo database."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from m3agent.agents.budget import Budget
from m3agent.agents.loop import AgentConfig, render_observation
from m3agent.agents.mcp_tools import ToolResult
from m3agent.agents.messages import Usage
from m3agent.agents.runtime import run_question_sync
from m3agent.agents.scripted import ScriptedModel, call, final
from m3agent.audit import read_records, verify
from m3agent.server.settings import ServerSettings
from m3agent.tools.sql.engine import EngineSettings


@pytest.fixture
def settings(demo_db: Path, tmp_path: Path) -> ServerSettings:
    return ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
        audit_path=tmp_path / "audit.jsonl",
        identity="tester",
    )


def run(settings, script, question="How many patients are there?", model=None, **cfg):
    model = model or ScriptedModel(script)
    steps, answer = run_question_sync(question, model, settings=settings, config=AgentConfig(**cfg))
    return model, steps, answer


def kinds(steps):
    return [s.kind for s in steps]


def test_direct_answer_without_tools(settings):
    model, steps, answer = run(
        settings, [final("The demo holds 100 patients.", value=100.0, confidence=0.9)]
    )
    assert answer.status == "answered" and answer.value == 100 and answer.value_type == "number"
    assert answer.confidence == 0.9 and answer.citations == [] and not answer.abstained
    assert kinds(steps) == ["model", "final_answer"]
    assert answer.steps == 1 and answer.strategy == "react" and answer.model == "scripted"
    # the model was offered the server's tools plus final_answer and abstain
    assert {"run_sql", "describe_table", "final_answer", "abstain"} <= set(model.seen_tools[0])
    records = read_records(settings.audit_path)
    assert [r.kind for r in records] == ["model"]
    rec = records[0]
    assert rec.request_id == answer.run_id and rec.identity == "tester"
    assert len(rec.extra["prompt_hash"]) == 64 and rec.extra["purpose"] == "act"
    assert rec.extra["output"]["tool_calls"][0]["name"] == "final_answer"
    assert verify(settings.audit_path).ok


def test_plain_text_reply_is_the_answer_and_a_lone_number_its_value(settings):
    _, steps, answer = run(settings, ["100"])
    assert answer.status == "answered" and answer.text == "100"
    assert answer.value == 100 and answer.value_type == "number"
    _, _, answer = run(settings, ["About a hundred."])
    assert answer.value is None and answer.value_type is None


def test_multi_step_sql_answer_with_citations(settings, engine):
    sql = "SELECT count(*) AS n FROM labevents WHERE itemid = 50813"
    expected = engine.execute(sql).rows[0][0]
    script = [
        call("search_concepts", {"text": "lactate", "kind": "lab"}),
        {
            "content": "50813 is lactate; count its results.",
            "tool_calls": [call("run_sql", {"sql": sql}, id="q1")],
        },
        final(f"There are {expected} lactate results.", value=expected, cite=["q1"]),
    ]
    model, steps, answer = run(settings, script, "How many lactate results are there?")
    assert kinds(steps) == [
        "model",
        "tool_call",
        "observation",
        "model",
        "thought",
        "tool_call",
        "observation",
        "model",
        "final_answer",
    ]
    assert "50813" in steps[2].text  # the concept search found the itemid
    assert answer.status == "answered" and answer.value == expected
    [cit] = answer.citations  # narrowed to the cited call
    assert cit.kind == "sql" and cit.call_id == "q1" and cit.rows == [[expected]]
    assert "mimiciv_hosp.labevents" in cit.sql and cit.row_count == 1
    # the model saw the observation of its first call in its second prompt
    assert "50813" in model.seen[1][-1].content and model.seen[1][-1].role == "tool"
    # the citation's hash is the server's own audit record of that call
    server = [r for r in read_records(settings.audit_path) if r.tool == "run_sql"]
    assert server[0].result_hash == cit.result_hash
    times = [s.elapsed_ms for s in steps]
    assert times == sorted(times) and steps[-1].index == 3


def test_tool_error_goes_back_to_the_model_and_it_recovers(settings):
    script = [
        call("run_sql", {"sql": "SELECT count(*) FROM no_such_table"}),
        call("run_sql", {"sql": "SELECT count(*) AS n FROM patients"}),
        final("100 patients.", value=100),
    ]
    model, steps, answer = run(settings, script)
    bad, good = [s for s in steps if s.kind == "observation"]
    assert bad.is_error and "tables_in_catalog" in bad.text and "ERROR from run_sql" in bad.text
    assert not good.is_error and '"rows":[[100]]' in good.text
    assert "no_such_table" in model.seen[1][-1].content
    assert answer.status == "answered" and len(answer.citations) == 1  # only the good call
    assert answer.citations[0].rows == [[100]]
    assert not any(s.kind == "error" for s in steps)  # a tool error is not a malformed call


def test_invalid_json_arguments_get_one_correction(settings):
    script = [
        call("run_sql", '{"sql": "SELECT count(*) FROM patients"', id="broken"),
        call("run_sql", {"sql": "SELECT count(*) AS n FROM patients"}),
        final("100 patients.", value=100),
    ]
    model, steps, answer = run(settings, script)
    [err] = [s for s in steps if s.kind == "error"]
    assert err.error_class == "MalformedToolCall" and err.recoverable
    assert "not valid JSON" in err.message
    correction = model.seen[1][-1]
    assert correction.role == "tool" and correction.tool_call_id == "broken"
    assert "only correction" in correction.content and "run_sql" in correction.content
    assert answer.status == "answered"


def test_second_malformed_call_ends_the_run_clearly(settings):
    script = [
        call("drop_everything", {"now": True}),
        call("final_answer", {"value": 3}),  # no 'answer'
        final("never reached"),
    ]
    model, steps, answer = run(settings, script)
    assert model.calls == 2
    assert answer.status == "failed" and answer.error["error"] == "AgentFailed"
    assert "answer" in answer.text and "drop_everything" in answer.text
    assert steps[-2].kind == "error" and not steps[-2].recoverable


def test_abstention(settings):
    script = [
        call("list_tables", {}),
        call("abstain", {"reason": "Patients' favourite colours are not recorded."}),
    ]
    _, steps, answer = run(settings, script, "What is patient 10000032's favourite colour?")
    assert answer.status == "abstained" and answer.abstained and not answer.needs_information
    assert answer.text.startswith("Patients' favourite colours") and answer.value is None


def test_final_answer_mixed_with_tool_calls_is_refused_not_counted(settings):
    script = [
        {"tool_calls": [call("run_sql", {"sql": "SELECT 1 AS one"}), final("1")]},
        final("one", value=1),
    ]
    model, steps, answer = run(settings, script)
    assert "must be called alone" in model.seen[1][-1].content
    assert answer.status == "answered" and answer.text == "one"
    assert not any(s.kind == "error" for s in steps)


@pytest.mark.parametrize(
    ("budget", "usage", "which", "gathered"),
    [
        ({"max_steps": 2}, None, "steps", 2),
        # tokens and cost are over after the second model call: its tool call does not run
        ({"max_tokens": 1000}, Usage(prompt_tokens=600, completion_tokens=100), "tokens", 1),
        ({"max_cost_usd": 0.01}, Usage(prompt_tokens=1, cost_usd=0.006), "cost", 1),
    ],
)
def test_budget_running_out_ends_with_a_clear_result(settings, budget, usage, which, gathered):
    loop = lambda step, messages: call("run_sql", {"sql": f"SELECT {step} AS s"})  # noqa: E731
    model = ScriptedModel(loop, usage=usage)
    _, steps, answer = run(settings, None, model=model, budget=Budget(**budget))
    assert answer.status == "budget_exhausted" and answer.error["which"] == which
    assert "ran out" in answer.text and model.calls == 2
    assert len(answer.citations) == gathered  # what was gathered is still shown
    assert steps[-2].kind == "error" and steps[-2].error_class == "BudgetExhausted"


def test_wall_time_budget(settings):
    def slow(step, messages):
        time.sleep(0.3)
        return call("run_sql", {"sql": "SELECT 1 AS one"})

    model = ScriptedModel(slow)
    _, _, answer = run(settings, None, model=model, budget=Budget(max_seconds=0.2))
    assert answer.status == "budget_exhausted" and answer.error["which"] == "time"
    assert model.calls == 1


def test_model_failure_ends_the_run_with_the_hint(settings):
    model, steps, answer = run(settings, [call("list_tables", {})])  # the script runs out
    assert answer.status == "failed" and answer.error["error"] == "ModelError"
    assert "2" in answer.text and answer.error["hint"]
    model_records = [r for r in read_records(settings.audit_path) if r.kind == "model"]
    assert [r.outcome for r in model_records] == ["ok", "error"]
    assert model_records[1].error_class == "ModelError"


def test_long_observations_are_truncated_with_a_note(settings):
    script = [call("run_sql", {"sql": "SELECT * FROM patients ORDER BY subject_id"}), final("done")]
    model, steps, answer = run(settings, script, max_observation_chars=1000)
    [obs] = [s for s in steps if s.kind == "observation"]
    assert obs.truncated and obs.full_chars > 1000 and len(obs.text) <= 1000
    shown = int(obs.cut.split("-")[0].split()[-1]) - 1
    assert obs.cut == f"rows {shown + 1}-100 of 100" and 0 < shown < 100
    assert f"showing {shown} of 100 rows" in obs.text
    assert model.seen[1][-1].content == obs.text  # the model saw the truncated text
    assert len(answer.citations[0].rows) == shown and answer.citations[0].truncated


def test_render_observation_cuts_plain_text():
    text, truncated, cut, rows = render_observation(ToolResult(text="x" * 5000), 1000)
    assert truncated and cut == "characters 801-5000 of 5000" and rows is None
    assert len(text) <= 1000 and "4,200 cut" in text
    text, truncated, cut, _ = render_observation(ToolResult(text="short"), 1000)
    assert (text, truncated, cut) == ("short", False, None)
