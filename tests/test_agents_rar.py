"""The rar strategy: plan, research each hypothesis for and against, review, answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from m3agent.agents.budget import Budget
from m3agent.agents.loop import AgentConfig, RarSettings
from m3agent.agents.runtime import run_question_sync
from m3agent.agents.scripted import ScriptedModel, call, final
from m3agent.server.settings import ServerSettings
from m3agent.tools.sql.engine import EngineSettings

QUESTION = "Is the demo cohort mostly female or mostly male? A) female B) male"
BY_GENDER = "SELECT gender, count(*) AS n FROM patients GROUP BY gender ORDER BY gender"


@pytest.fixture
def settings(demo_db: Path, tmp_path: Path) -> ServerSettings:
    return ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
        audit_path=tmp_path / "audit.jsonl",
        identity="tester",
    )


def run(settings, script, question=QUESTION, budget=None, **rar):
    model = ScriptedModel(script)
    config = AgentConfig(strategy="rar", rar=RarSettings(**rar), budget=budget or Budget())
    steps, answer = run_question_sync(question, model, settings=settings, config=config)
    return model, steps, answer


def plan(hypotheses=(), sub_questions=()):
    return call(
        "submit_plan", {"hypotheses": list(hypotheses), "sub_questions": list(sub_questions)}
    )


def report(summary, cite=(), supporting=(), refuting=()):
    return call(
        "report_evidence",
        {
            "summary": summary,
            "cite": list(cite),
            "supporting": list(supporting),
            "refuting": list(refuting),
        },
    )


def test_plan_research_each_hypothesis_and_answer_from_cited_evidence(settings):
    script = [
        plan(["A) mostly female", "B) mostly male"], ["How many patients of each gender?"]),
        call("run_sql", {"sql": BY_GENDER}, id="ga"),
        report("43 F vs 57 M", cite=["ga"], refuting=["only 43 of 100 are female"]),
        call("run_sql", {"sql": "SELECT count(*) AS n FROM patients WHERE gender = 'M'"}, id="gb"),
        report("57 of 100 are male", cite=["gb", "made-up"], supporting=["57 male"]),
        final("B) mostly male (57 of 100).", value="B"),
    ]
    model, steps, answer = run(settings, script)
    [p] = [s for s in steps if s.kind == "plan"]
    assert p.round == 1 and p.hypotheses == ["A) mostly female", "B) mostly male"]
    ev = [s for s in steps if s.kind == "evidence"]
    assert [e.topic for e in ev] == ["A) mostly female", "B) mostly male"]
    assert ev[0].refuting == ["only 43 of 100 are female"]
    assert ev[1].call_ids == ["gb"]  # an invented id is dropped
    # each researcher started afresh with its topic; the reviewer read the cited evidence
    assert "Your topic: B) mostly male" in model.seen[3][-1].content
    review = model.seen[5][-1].content
    assert "[ga] run_sql" in review and "[gb] run_sql" in review and "57 of 100" in review
    assert model.seen_tools[5] == ["final_answer", "abstain", "research_more"]
    assert model.seen_tools[0] == ["submit_plan"]
    assert answer.status == "answered" and answer.value == "B" and answer.strategy == "rar"
    assert [c.call_id for c in answer.citations] == ["ga", "gb"]
    assert answer.citations[0].rows == [["F", 43], ["M", 57]]


def test_a_second_round_then_a_forced_final_review(settings):
    script = [
        plan(sub_questions=["How many patients?"]),
        call("run_sql", {"sql": "SELECT count(*) AS n FROM patients"}, id="n"),
        report("100 patients", cite=["n"]),
        call("research_more", {"sub_questions": ["How many are female?"]}),
        call("run_sql", {"sql": "SELECT count(*) AS f FROM patients WHERE gender = 'F'"}, id="f"),
        report("43 female", cite=["f"]),
        final("Mostly male: 43 of 100 are female.", cite=["f", "n"]),
    ]
    model, steps, answer = run(settings, script, max_rounds=2)
    plans = [s for s in steps if s.kind == "plan"]
    assert [(p.round, p.sub_questions) for p in plans] == [
        (1, ["How many patients?"]),
        (2, ["How many are female?"]),
    ]
    assert model.seen_tools[6] == ["final_answer", "abstain"]  # the last round cannot ask more
    assert "last step" in model.seen[6][-1].content
    assert answer.status == "answered" and {c.call_id for c in answer.citations} == {"f", "n"}


def test_researcher_step_limit_keeps_its_calls_as_evidence(settings):
    script = [
        plan(sub_questions=["How many patients?"]),
        call("run_sql", {"sql": "SELECT count(*) AS n FROM patients"}, id="n"),
        final("100 patients."),
    ]
    _, steps, answer = run(settings, script, research_steps=1, max_rounds=1)
    [ev] = [s for s in steps if s.kind == "evidence"]
    assert ev.summary.startswith("(no report") and ev.call_ids == ["n"]
    assert answer.status == "answered" and answer.citations[0].call_id == "n"


def test_plan_written_as_json_text_and_abstention(settings):
    script = [
        '{"sub_questions": ["Is eye colour recorded?"], "hypotheses": []}',
        call("list_tables", {}, id="t"),
        report("No table records eye colour.", cite=["t"]),
        call("abstain", {"reason": "Eye colour is not recorded in MIMIC-IV."}),
    ]
    _, steps, answer = run(settings, script, "What is the most common eye colour?", max_rounds=1)
    assert [s for s in steps if s.kind == "plan"][0].sub_questions == ["Is eye colour recorded?"]
    assert answer.status == "abstained" and "not recorded" in answer.text


def test_no_plan_twice_fails(settings):
    _, _, answer = run(settings, ["I will just answer.", "Still no plan."])
    assert answer.status == "failed" and "no plan" in answer.text


def test_review_cannot_call_data_tools(settings):
    script = [
        plan(sub_questions=["How many patients?"]),
        report("unknown"),
        call("run_sql", {"sql": "SELECT 1"}),
        final("No evidence."),
    ]
    model, steps, answer = run(settings, script, max_rounds=1)
    [err] = [s for s in steps if s.kind == "error"]
    assert "not offered at this step" in err.message
    assert answer.status == "answered"


def test_rar_budget(settings):
    script = [plan(["A", "B"]), call("run_sql", {"sql": "SELECT 1 AS one"}), report("x")]
    _, _, answer = run(settings, script, budget=Budget(max_steps=3))
    assert answer.status == "budget_exhausted" and "3 steps" in answer.text
