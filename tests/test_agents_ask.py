"""The ask strategy: confidence ratings, one clarifying question, needs_information, abstention,
and the MCP elicitation channel."""

from __future__ import annotations

from pathlib import Path

import anyio
import mcp.types as mt
import pytest
from mcp import Client
from mcp.server.mcpserver import Context, MCPServer
from pydantic import ValidationError

from m3agent.agents.clarify import DECLINED, BatchAsker, ElicitationAsker
from m3agent.agents.loop import AgentConfig, AskSettings, parse_confidence
from m3agent.agents.runtime import run_question, run_question_sync
from m3agent.agents.scripted import ScriptedModel, call, final
from m3agent.audit import read_records
from m3agent.server.settings import ServerSettings
from m3agent.tools.sql.engine import EngineSettings

QUESTION = "What was the patient's last creatinine?"


@pytest.fixture
def settings(demo_db: Path, tmp_path: Path) -> ServerSettings:
    return ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
        audit_path=tmp_path / "audit.jsonl",
        identity="tester",
    )


class FakeAsker:
    channel = "test"

    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.questions: list[str] = []

    async def ask(self, question: str) -> str | None:
        self.questions.append(question)
        return self.answer


def run(settings, script, asker=None, question=QUESTION, **ask):
    model = ScriptedModel(script)
    steps, answer = run_question_sync(
        question,
        model,
        settings=settings,
        asker=asker,
        config=AgentConfig(strategy="ask", ask=AskSettings(**ask)),
    )
    return model, steps, answer


LAST_CREAT = (
    "SELECT valuenum FROM labevents WHERE subject_id = 10000032 AND itemid = 50912 "
    "ORDER BY charttime DESC LIMIT 1"
)


def test_clarifying_question_then_answer(settings, engine):
    value = engine.execute(LAST_CREAT).rows[0][0]
    script = [
        call("ask_user", {"question": "Which patient (subject_id)?"}, id="ask"),
        call("run_sql", {"sql": LAST_CREAT}),
        "0.95",  # rating after the tool step: confident
        final(f"{value} mg/dL", value=value),
        "0.9",  # rating of the proposed answer
    ]
    asker = FakeAsker("subject 10000032")
    model, steps, answer = run(settings, script, asker)
    assert asker.questions == ["Which patient (subject_id)?"]
    [clar] = [s for s in steps if s.kind == "clarification"]
    assert clar.answer == "subject 10000032" and clar.channel == "test"
    told = model.seen[1][-1]
    assert told.role == "tool" and told.tool_call_id == "ask" and "10000032" in told.content
    ratings = [s for s in steps if s.kind == "confidence"]
    assert [r.score for r in ratings] == [0.95, 0.9]
    assert "final answer now" in model.seen[3][-1].content  # nudged after the confident rating
    assert answer.status == "answered" and answer.value == value and answer.confidence == 0.9
    assert answer.citations[0].rows == [[value]]
    purposes = [r.extra["purpose"] for r in read_records(settings.audit_path) if r.kind == "model"]
    assert purposes == ["act", "act", "rate", "act", "rate"]
    assert answer.steps == 3  # ratings are not action steps


def test_low_confidence_asks_once_then_answers(settings):
    script = [
        final("I am not sure which admission."),
        "0.3",  # below 0.8
        "Which admission (hadm_id) do you mean?",  # the drafted question
        final("Creatinine was 1.1 mg/dL.", value=1.1),
        "0.85",
    ]
    asker = FakeAsker("the first one")
    model, steps, answer = run(settings, script, asker, rate_every_step=False)
    assert asker.questions == ["Which admission (hadm_id) do you mean?"]
    assert "Not accepted yet" in model.seen[3][-1].content
    assert "the first one" in model.seen[3][-1].content
    assert answer.status == "answered" and answer.value == 1.1 and answer.confidence == 0.85
    # the rating saw the proposal as a user turn, with no unanswered tool call
    rating_prompt = model.seen[1]
    assert rating_prompt[-2].content.startswith("Your proposed answer: I am not sure")
    assert all(not m.tool_calls for m in rating_prompt)


def test_batch_mode_returns_needs_information(settings):
    script = [final("Probably 1.1."), "0.2", "Which patient do you mean?"]
    model, steps, answer = run(settings, script, BatchAsker())
    assert answer.status == "needs_information" and answer.needs_information
    assert answer.question == "Which patient do you mean?" and answer.confidence == 0.2
    assert [s for s in steps if s.kind == "clarification"][0].answer is None
    assert model.calls == 3


def test_ask_user_in_batch_mode(settings):
    _, _, answer = run(settings, [call("ask_user", {"question": "Which patient?"})])
    assert answer.status == "needs_information" and answer.question == "Which patient?"
    assert answer.text == "I need to know: Which patient?"


def test_only_one_question_then_a_low_confidence_answer_is_given(settings):
    script = [
        call("ask_user", {"question": "Which patient?"}),
        call("ask_user", {"question": "And which admission?"}),
        final("1.1 mg/dL", value=1.1),
        "0.4",
    ]
    asker = FakeAsker(None)  # declined: the run goes on
    asker.answer = DECLINED
    model, _, answer = run(settings, script, asker)
    assert asker.questions == ["Which patient?"]
    assert "already asked" in model.seen[2][-1].content
    assert answer.status == "answered" and answer.confidence == 0.4


def test_likert_scale_with_self_consistency(settings):
    script = [final("1.1 mg/dL", value=1.1), "5", "4", "Rating: 3 of 5"]
    _, steps, answer = run(settings, script, scale="likert", threshold=4, samples=3)
    [rating] = [s for s in steps if s.kind == "confidence"]
    assert rating.samples == [1.0, 0.75, 0.5] and rating.score == 0.75
    assert rating.threshold == 0.75 and rating.scale == "likert" and len(rating.raw) == 3
    assert answer.status == "answered" and answer.confidence == 0.75
    rates = [r for r in read_records(settings.audit_path) if r.extra.get("purpose") == "rate"]
    assert [r.arguments["options"] for r in rates] == [{"temperature": 0.7}] * 3


def test_abstains_when_the_data_cannot_answer(settings):
    script = [call("abstain", {"reason": "Future lab values cannot be known."})]
    _, _, answer = run(settings, script, question="What will the creatinine be tomorrow?")
    assert answer.status == "abstained" and answer.abstained


@pytest.mark.parametrize(
    ("text", "scale", "expected"),
    [
        ("0.85", "numeric", 0.85),
        ("Confidence: 85%", "numeric", 0.85),
        ("70", "numeric", 0.7),
        ("1", "numeric", 1.0),
        ("I'm unsure", "numeric", None),
        ("250", "numeric", None),
        ("4", "likert", 0.75),
        ("1", "likert", 0.0),
        ("7", "likert", None),
        (None, "likert", None),
    ],
)
def test_parse_confidence(text, scale, expected):
    assert parse_confidence(text, scale) == expected


def test_threshold_must_be_on_its_scale():
    with pytest.raises(ValidationError, match="within 0..1"):
        AskSettings(threshold=3)
    with pytest.raises(ValidationError, match="within 1..5"):
        AskSettings(scale="likert", threshold=0.5)
    assert AskSettings(scale="likert", threshold=5).normalised_threshold == 1.0


def _agent_server(settings: ServerSettings, script: list) -> MCPServer:
    """An MCP server whose tool runs the ask strategy and asks its user by elicitation."""
    srv = MCPServer("agent-host")

    @srv.tool()
    async def agent_ask(ctx: Context, question: str) -> str:
        _, answer = await run_question(
            question,
            ScriptedModel(script),
            settings=settings,
            config=AgentConfig(strategy="ask"),
            asker=ElicitationAsker(ctx),
        )
        return f"{answer.status}: {answer.text}"

    return srv


def test_question_goes_through_mcp_elicitation(settings):
    script = [call("ask_user", {"question": "Which patient?"}), final("1.1 mg/dL"), "0.9"]
    asked: list[str] = []

    async def on_elicit(context, params):
        asked.append(params.message)
        return mt.ElicitResult(action="accept", content={"answer": "10000032"})

    async def go():
        async with Client(
            _agent_server(settings, script), elicitation_callback=on_elicit, mode="legacy"
        ) as c:
            return await c.call_tool("agent_ask", {"question": QUESTION})

    result = anyio.run(go)
    assert asked == ["Which patient?"]
    assert result.content[0].text == "answered: 1.1 mg/dL"


def test_elicitation_unsupported_falls_back_to_needs_information(settings):
    script = [call("ask_user", {"question": "Which patient?"})]

    async def go():
        async with Client(_agent_server(settings, script), mode="legacy") as c:
            return await c.call_tool("agent_ask", {"question": QUESTION})

    result = anyio.run(go)
    assert result.content[0].text == "needs_information: I need to know: Which patient?"


@pytest.mark.parametrize(("typed", "expected"), [("10000032 ", "10000032"), ("", DECLINED)])
def test_terminal_asker(monkeypatch, typed, expected):
    from rich.prompt import Prompt

    from m3agent.agents.clarify import TerminalAsker, default_asker

    asked: list[str] = []
    monkeypatch.setattr(Prompt, "ask", lambda text, **kw: asked.append(text) or typed)
    assert anyio.run(TerminalAsker().ask, "Which patient?") == expected
    assert asked and "Which patient?" in asked[0]
    assert isinstance(default_asker(interactive=False), BatchAsker)
    assert isinstance(default_asker(interactive=True), TerminalAsker)
