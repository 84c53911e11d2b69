"""The three stages together: retrieve with the hybrid index, label criteria, rank."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from m3agent.retrieval.embedding import HashingEmbedder
from m3agent.retrieval.index import HybridIndex
from m3agent.retrieval.trials.ingest import load_trials
from m3agent.retrieval.trials.judge import ScriptedJudge
from m3agent.retrieval.trials.patient import Condition, PatientFacts
from m3agent.retrieval.trials.search import (
    TrialMatcher,
    build_trial_index,
    patient_summary,
    trial_document,
)
from m3agent.retrieval.trials.text_facts import facts_from_text
from m3agent.retrieval.trials.trial import Trial
from m3agent.tools.errors import NotFoundError


@pytest.fixture(scope="module")
def sigir(shared_data: Path) -> tuple[list[Trial], dict[str, str]]:
    d = shared_data / "trials/sigir-subset"
    trials = load_trials(d / "corpus.jsonl").trials
    queries = {
        q["_id"]: q["text"] for q in map(json.loads, (d / "queries.jsonl").read_text().splitlines())
    }
    return trials, queries


@pytest.fixture(scope="module")
def index(
    sigir: tuple[list[Trial], dict[str, str]], tmp_path_factory: pytest.TempPathFactory
) -> HybridIndex:
    return build_trial_index(
        tmp_path_factory.mktemp("trials") / "idx", sigir[0], embedder=HashingEmbedder()
    )


def test_trial_document_is_one_chunk(
    sigir: tuple[list[Trial], dict[str, str]], index: HybridIndex
) -> None:
    doc = trial_document(sigir[0][0])
    assert doc.metadata["prechunked"] is True and doc.doc_id == sigir[0][0].nct_id
    assert doc.source.endswith(sigir[0][0].nct_id)
    assert len(index) == len(sigir[0]) == 101


def test_three_stages(sigir: tuple[list[Trial], dict[str, str]], index: HybridIndex) -> None:
    trials, queries = sigir
    facts = facts_from_text(queries["sigir-20141"], "sigir-20141")
    matcher = TrialMatcher(trials, index)
    candidates = matcher.retrieve(facts, k=10, mode="bm25")
    assert len(candidates) == 10 and [c.rank for c in candidates] == list(range(1, 11))
    ranked = matcher.rank(facts, k=10, mode="bm25")
    assert {r.nct_id for r in ranked} == {c.nct_id for c in candidates}
    assert [r.rank for r in ranked] == list(range(1, 11))
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    for r in ranked:
        assert r.score == pytest.approx(r.matching_score + r.relevance)
        assert 0 <= r.relevance <= 1 and r.retrieval_rank is not None
        assert r.match.patient_id == "sigir-20141"
    assert max(r.relevance for r in ranked) == 1.0
    # Without a model, what was not computed is said so in every match.
    assert any(r.match.notes for r in ranked)
    # With a judge, nothing stays unjudged.
    judged = TrialMatcher(trials, index, judge=ScriptedJudge(default="not enough information"))
    for r in judged.rank(facts, k=3, mode="bm25"):
        assert r.match.unjudged == [] and r.match.judge == "scripted"


def test_unknown_trial_from_index(sigir: tuple[list[Trial], dict[str, str]]) -> None:
    class Stale:
        def search(self, query: str, k: int, mode: str) -> list[SimpleNamespace]:
            hit = SimpleNamespace(chunk=SimpleNamespace(doc_id="NCT99999999"), score=1.0)
            return [hit, hit]

    matcher = TrialMatcher(sigir[0], Stale())
    assert len(matcher.retrieve(PatientFacts(patient_id="x", text="asthma"))) == 1
    with pytest.raises(NotFoundError, match="NCT99999999"):
        matcher.rank(PatientFacts(patient_id="x", text="asthma"))


def test_patient_summary_for_coded_patients() -> None:
    facts = PatientFacts(
        patient_id="10000032",
        age_years=52,
        sex="female",
        conditions=[
            Condition(title="Type 2 diabetes mellitus", code="E119", icd_version=10),
            Condition(title="Asthma", code="J45909", icd_version=10, negated=True),
        ],
        labs={"creatinine": [(2.4, "mg/dL", None, 50912)]},
        source="mimic-iv",
    )
    assert patient_summary(facts) == (
        "52-year-old female patient with Type 2 diabetes mellitus. Labs: serum creatinine 2.4 mg/dL"
    )
    pregnant = PatientFacts(patient_id="y", pregnant=True)
    assert patient_summary(pregnant) == "Patient, pregnant"
    assert patient_summary(PatientFacts(patient_id="x")) == "x"
    assert patient_summary(PatientFacts(patient_id="x", text=" A note. ")) == "A note."
