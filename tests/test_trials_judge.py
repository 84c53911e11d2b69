"""Stage 2: the scripted judge, the litellm judge (faked, never the network), match_trial."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

from m3agent.retrieval.trials.criteria import Criterion
from m3agent.retrieval.trials.judge import (
    CriterionJudge,
    JudgeError,
    Judgement,
    LiteLLMJudge,
    ScriptedJudge,
    build_messages,
    parse_reply,
)
from m3agent.retrieval.trials.matching import match_trial, parse_trial, target_conditions
from m3agent.retrieval.trials.patient import PatientFacts
from m3agent.retrieval.trials.text_facts import facts_from_text
from m3agent.retrieval.trials.trial import Trial
from m3agent.tools.errors import ConfigError

NOTE = (
    "A 58-year-old woman presents with chest pain on exertion. She is known to have "
    "hypertension. She denies diabetes. Creatinine 1.1 mg/dL."
)


@pytest.fixture
def trial() -> Trial:
    return Trial(
        nct_id="NCT00000042",
        title="Nicorandil in chronic stable angina",
        conditions=["Angina, Stable"],
        min_age_years=18,
        inclusion_criteria="* Chronic stable angina with abnormal perfusion scan\n* Age 25 to 65"
        " years\n* Able to give written informed consent",
        exclusion_criteria="* Type 1 diabetes\n* Known hypersensitivity to nicorandil\n"
        "* Serum creatinine > 2.0 mg/dL",
    )


@pytest.fixture
def facts() -> PatientFacts:
    return facts_from_text(NOTE, "p1")


def test_match_without_judge_says_what_it_could_not_do(trial: Trial, facts: PatientFacts) -> None:
    m = match_trial(trial, facts)
    by_text = {r.criterion.text: r for r in m.results}
    assert by_text["Age 25 to 65 years"].label == "included"
    assert by_text["Registry age limits: age ≥ 18 y"].label == "included"
    assert by_text["Type 1 diabetes"].label == "not excluded"  # "She denies diabetes."
    assert by_text["Type 1 diabetes"].sentence_ids == [2]
    assert by_text["Serum creatinine > 2.0 mg/dL"].label == "not excluded"
    assert [r.criterion.text for r in m.unjudged] == [
        "Chronic stable angina with abnormal perfusion scan",
        "Able to give written informed consent",
        "Known hypersensitivity to nicorandil",
    ]
    assert all(r.label == "not enough information" for r in m.unjudged)
    assert m.judge is None and "3 of 7 criteria" in m.notes[0]
    assert m.counts() == {
        "inclusion": {"not enough information": 2, "included": 2},
        "exclusion": {"not excluded": 2, "not enough information": 1},
    }
    assert len(parse_trial(trial, include_structured=False)) == 6


def test_scripted_judge_fills_the_gaps(trial: Trial, facts: PatientFacts) -> None:
    judge = ScriptedJudge(
        {
            "chronic stable angina with abnormal PERFUSION scan": "not enough information",
            "Able to give written informed consent": Judgement(
                label="included", explanation="consents", sentence_ids=[0]
            ),
            "Known hypersensitivity to nicorandil": "not excluded",
        }
    )
    assert isinstance(judge, CriterionJudge)
    m = match_trial(trial, facts, judge=judge)
    assert m.unjudged == [] and m.judge == "scripted" and m.notes == []
    judged = {r.criterion.text: r for r in m.results if r.method == "judged"}
    assert judged["Able to give written informed consent"].sentence_ids == [0]
    assert judged["Known hypersensitivity to nicorandil"].label == "not excluded"
    # One call per criterion type, only for what predicates left open.
    assert judge.calls == [
        (
            "p1",
            "NCT00000042",
            [
                "Chronic stable angina with abnormal perfusion scan",
                "Able to give written informed consent",
            ],
        ),
        ("p1", "NCT00000042", ["Known hypersensitivity to nicorandil"]),
    ]


def test_scripted_judge_errors(trial: Trial, facts: PatientFacts) -> None:
    with pytest.raises(JudgeError, match="no label for criterion"):
        match_trial(trial, facts, judge=ScriptedJudge({}))
    with pytest.raises(JudgeError, match="not a label of an exclusion criterion"):
        match_trial(trial, facts, judge=ScriptedJudge(default="included"))


class FakeCompletion:
    """Stands in for litellm.completion: records calls, replies with canned JSON."""

    def __init__(self, replies: list[str]) -> None:
        self.replies = replies
        self.calls: list[dict[str, Any]] = []

    def __call__(self, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        content = self.replies[len(self.calls) - 1]
        return SimpleNamespace(choices=[SimpleNamespace(message=SimpleNamespace(content=content))])


def test_litellm_judge_prompt_and_parsing(trial: Trial, facts: PatientFacts) -> None:
    inc = json.dumps(
        {
            "0": {
                "explanation": "exertional chest pain, no scan",
                "sentence_ids": [0],
                "label": "not enough information",
            },
            "1": ["no statement about consent", [], "included"],
        }
    )
    exc = (
        "```json\n" + json.dumps({"0": {"label": "Not Excluded", "sentence_ids": ["1"]}}) + "\n```"
    )
    fake = FakeCompletion([inc, exc])
    judge = LiteLLMJudge("gpt-4o", completion=fake, timeout=30)
    m = match_trial(trial, facts, judge=judge)
    assert len(fake.calls) == 2
    call = fake.calls[0]
    assert call["model"] == "gpt-4o" and call["temperature"] == 0.0 and call["timeout"] == 30
    system, user = call["messages"][0]["content"], call["messages"][1]["content"]
    assert "inclusion criterion" in system and '"not included"' in system
    assert "0. A 58-year-old woman presents with chest pain on exertion." in user
    assert "2. She denies diabetes." in user
    assert "0. Chronic stable angina with abnormal perfusion scan\n1. Able to give" in user
    assert "Title: Nicorandil in chronic stable angina" in user
    judged = {r.criterion.text: r for r in m.results if r.method == "judged"}
    assert judged["Able to give written informed consent"].label == "included"
    nic = judged["Known hypersensitivity to nicorandil"]
    assert nic.label == "not excluded" and nic.sentence_ids == [1]
    assert m.judge == "litellm:gpt-4o"


def test_parse_reply_tolerates_and_refuses() -> None:
    crits = [Criterion(type="exclusion", index=i, text=f"c{i}") for i in range(3)]
    out = parse_reply('Sure! {"0": {"label": "excluded"}, "1": {"label": "included"}}', crits)
    assert out[0].label == "excluded"
    assert out[1].label == "not enough information" and "'included'" in out[1].explanation
    assert out[2].label == "not enough information"  # left out by the model
    with pytest.raises(JudgeError, match="expected a JSON object"):
        parse_reply("I cannot help with that.", crits)
    with pytest.raises(JudgeError, match="not valid JSON"):
        parse_reply("{'0': 'excluded'}", crits)


def test_litellm_judge_failures(trial: Trial, facts: PatientFacts) -> None:
    def boom(**kwargs: Any) -> Any:
        raise RuntimeError("connection refused")

    with pytest.raises(JudgeError, match="call failed: RuntimeError: connection refused"):
        match_trial(trial, facts, judge=LiteLLMJudge("ollama/llama3", completion=boom))
    with pytest.raises(ConfigError, match="expected a model name"):
        LiteLLMJudge("  ")
    judge = LiteLLMJudge("m", completion=lambda **kw: {"choices": [{"message": {}}]})
    with pytest.raises(JudgeError, match="no message content|expected a JSON object"):
        judge.judge(facts, trial, [Criterion(type="inclusion", index=0, text="x" * 6)])
    assert judge.judge(facts, trial, []) == []
    with pytest.raises(JudgeError, match="one type"):
        build_messages(
            facts,
            trial,
            [
                Criterion(type="inclusion", index=0, text="aaaaa"),
                Criterion(type="exclusion", index=0, text="bbbbb"),
            ],
        )


def test_target_conditions(trial: Trial, facts: PatientFacts) -> None:
    assert target_conditions(trial) == ["angina"]
    m = match_trial(trial, facts)
    # The note never names angina: unknown, not absent.
    assert (m.target_conditions, m.has_target_condition) == (["angina"], None)
    htn = trial.model_copy(update={"conditions": ["Hypertension", "Type 2 Diabetes"]})
    m = match_trial(htn, facts)
    assert (m.target_conditions, m.has_target_condition) == (
        ["hypertension", "type2_diabetes"],
        True,
    )
    none = trial.model_copy(update={"conditions": ["Healthy"]})
    assert match_trial(none, facts).has_target_condition is None
