"""Stage 1 and the whole pipeline: retrieve candidate trials, judge criteria, rank.

Trials are indexed one chunk per trial (``metadata={"prechunked": True}``) in the retrieval
layer's :class:`~m3agent.retrieval.index.HybridIndex` (BM25, dense, or both fused by RRF). A
patient is searched for by a summary of their facts; TrialGPT-Retrieval likewise searches with
a patient description (it has an LLM write keywords first; we search with the note itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from m3agent.retrieval.documents import Document
from m3agent.retrieval.index import HybridIndex
from m3agent.retrieval.trials.judge import CriterionJudge
from m3agent.retrieval.trials.lab_concepts import LAB_BY_KEY
from m3agent.retrieval.trials.labels import MissingPolicy
from m3agent.retrieval.trials.matching import match_trial
from m3agent.retrieval.trials.patient import PatientFacts
from m3agent.retrieval.trials.ranking import RankedTrial, rank_matches
from m3agent.retrieval.trials.trial import Trial
from m3agent.tools.errors import NotFoundError

SearchMode = Literal["bm25", "dense", "hybrid"]


def trial_document(trial: Trial) -> Document:
    """One retrieval document for a trial (pre-chunked: the whole trial is one chunk)."""
    return Document(
        doc_id=trial.nct_id,
        title=trial.title,
        text=trial.search_text(),
        source=f"https://clinicaltrials.gov/study/{trial.nct_id}",
        metadata={
            "prechunked": True,
            "kind": "clinical_trial",
            "nct_id": trial.nct_id,
            "conditions": trial.conditions,
            "phases": trial.phases,
            "status": trial.status,
        },
    )


def build_trial_index(path: str | Path, trials: Sequence[Trial], **kwargs: Any) -> HybridIndex:
    """Build (or replace) a hybrid index of ``trials`` at ``path``.

    Args:
        path: Index folder.
        trials: The trials.
        **kwargs: Passed to :meth:`HybridIndex.build` (e.g. ``embedder``).
    """
    return HybridIndex.build(Path(path), [trial_document(t) for t in trials], **kwargs)


def patient_summary(facts: PatientFacts, *, max_chars: int = 2000) -> str:
    """Return the search query for a patient: the note if any, else a facts summary."""
    if facts.text.strip():
        return facts.text.strip()[:max_chars]
    who = [f"{facts.age_years:g}-year-old"] if facts.age_years is not None else []
    who += [facts.sex] if facts.sex else []
    head = " ".join([*who, "patient"]) if who else ""
    present = list(dict.fromkeys(c.title for c in facts.conditions if not c.negated))
    if present:
        head = f"{head or 'Patient'} with {'; '.join(present)}"
    if facts.pregnant:
        head = f"{head or 'Patient'}, pregnant"
    parts = [head] if head else []
    labs = []
    for key in facts.labs:
        v = facts.latest(key)
        if v is not None:
            labs.append(f"{LAB_BY_KEY[key].label} {v.value:g} {v.unit}".strip())
    if labs:
        parts.append("Labs: " + ", ".join(labs))
    return ". ".join(parts)[:max_chars] or facts.patient_id


class Candidate(BaseModel):
    """A trial retrieved for a patient."""

    nct_id: str
    score: float
    rank: int


class TrialMatcher:
    """TrialGPT's three stages over one set of trials and one index.

    Args:
        trials: The trials (their NCT ids must be the index's document ids).
        index: An open :class:`HybridIndex` over :func:`trial_document` documents (or any object
            with the same ``search(query, k, mode)``).
        judge: Judges criteria that predicates cannot compute; None judges only what computes.
        policy: Missing-data policy.
    """

    def __init__(
        self,
        trials: Sequence[Trial],
        index: Any,
        *,
        judge: CriterionJudge | None = None,
        policy: MissingPolicy = "trialgpt",
    ) -> None:
        self.trials = {t.nct_id: t for t in trials}
        self.index = index
        self.judge = judge
        self.policy: MissingPolicy = policy

    def retrieve(
        self, facts: PatientFacts, *, k: int = 20, mode: SearchMode = "hybrid"
    ) -> list[Candidate]:
        """Stage 1: the top-``k`` trials for the patient's summary."""
        hits = self.index.search(patient_summary(facts), k=k, mode=mode)
        out: list[Candidate] = []
        seen: set[str] = set()
        for hit in hits:
            doc_id = hit.chunk.doc_id
            if doc_id in seen:
                continue
            seen.add(doc_id)
            out.append(Candidate(nct_id=doc_id, score=float(hit.score), rank=len(out) + 1))
        return out

    def rank(
        self,
        facts: PatientFacts,
        *,
        k: int = 20,
        mode: SearchMode = "hybrid",
    ) -> list[RankedTrial]:
        """All three stages: retrieve ``k`` candidates, label their criteria, rank them.

        Raises:
            NotFoundError: When the index returns a trial this matcher does not hold.
            JudgeError: When the judge fails.
        """
        candidates = self.retrieve(facts, k=k, mode=mode)
        matches = []
        for c in candidates:
            trial = self.trials.get(c.nct_id)
            if trial is None:
                raise NotFoundError(
                    f"index returned trial {c.nct_id}, which is not among the "
                    f"{len(self.trials)} trials given to the matcher",
                    hint="rebuild the index from the same trials",
                )
            matches.append(match_trial(trial, facts, judge=self.judge, policy=self.policy))
        return rank_matches(
            matches,
            retrieval={c.nct_id: c.score for c in candidates},
            retrieval_ranks={c.nct_id: c.rank for c in candidates},
            titles={c.nct_id: self.trials[c.nct_id].title for c in candidates},
        )
