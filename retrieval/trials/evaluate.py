"""Evaluation on TrialGPT's SIGIR subset: trial retrieval and criterion-level labelling.

Retrieval: NDCG@k with graded relevance (gain = the qrels score 0/1/2, discount log2(rank + 1),
as trec_eval's ``ndcg_cut`` that TrialGPT reports via pytrec_eval) and recall@k, where a trial
counts as relevant when its score is ≥ 1 (trec_eval's default relevance level). Unjudged
trials count as not relevant. Queries without any relevant trial are left out of the means.

Criteria: for each expert-annotated (patient, criterion) pair, the patient's facts are read from
the note with :func:`facts_from_text`, the criterion is parsed into predicates and evaluated.
*Coverage* is the share of criteria our predicates label (fully computable ones plus those whose
parsed part already decides them); *agreement* is the share of those labels equal to the
expert's.
"""

from __future__ import annotations

import csv
import json
import math
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from m3agent.retrieval.trials.criteria import Criterion
from m3agent.retrieval.trials.ingest import load_trials
from m3agent.retrieval.trials.labels import MissingPolicy, evaluate_criterion
from m3agent.retrieval.trials.predicates import parse_criterion
from m3agent.retrieval.trials.text_facts import facts_from_text
from m3agent.retrieval.trials.trial import Trial
from m3agent.tools.errors import DataLoadError

Qrels = Mapping[str, Mapping[str, int]]


def ndcg_at_k(ranked: Sequence[str], relevance: Mapping[str, int], k: int = 10) -> float:
    """NDCG@k of a ranking with graded relevance (gain = grade, discount log2(rank + 1)).

    Args:
        ranked: Document ids, best first (duplicates count once, at their first rank).
        relevance: Grade of each judged document (missing = 0).
        k: Cut-off.

    Returns:
        A value in [0, 1]; 0 when no document is relevant.

    Raises:
        ValueError: When ``k`` < 1 or a grade is negative.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, found {k}")
    if any(g < 0 for g in relevance.values()):
        raise ValueError("relevance grades must be ≥ 0")
    seen: list[str] = []
    for d in ranked:
        if d not in seen:
            seen.append(d)
        if len(seen) == k:
            break
    dcg = sum(relevance.get(d, 0) / math.log2(i + 2) for i, d in enumerate(seen))
    ideal = sorted((g for g in relevance.values() if g > 0), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at_k(ranked: Sequence[str], relevance: Mapping[str, int], k: int = 10) -> float:
    """Share of relevant documents (grade ≥ 1) found in the top ``k``; 0 when none is relevant.

    Raises:
        ValueError: When ``k`` < 1.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, found {k}")
    relevant = {d for d, g in relevance.items() if g >= 1}
    if not relevant:
        return 0.0
    return len(relevant & set(list(dict.fromkeys(ranked))[:k])) / len(relevant)


def load_queries(path: str | Path) -> dict[str, str]:
    """Read TrialGPT's ``queries.jsonl`` (``{"_id", "text"}`` a line).

    Raises:
        DataLoadError: Naming the line of a record that is not JSON or lacks ``_id``/``text``.
    """
    out: dict[str, str] = {}
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataLoadError(
                f"{path} line {n}: expected a JSON object, found invalid JSON ({exc.msg})"
            ) from None
        if (
            not isinstance(rec, dict)
            or not isinstance(rec.get("_id"), str)
            or not isinstance(rec.get("text"), str)
        ):
            raise DataLoadError(f"{path} line {n}: expected string fields _id and text")
        out[rec["_id"]] = rec["text"]
    return out


def load_qrels(path: str | Path) -> dict[str, dict[str, int]]:
    """Read a qrels TSV (``query-id``, ``corpus-id``, ``score`` with a header line).

    Raises:
        DataLoadError: Naming the line of a row that has not three fields or a non-integer score.
    """
    out: dict[str, dict[str, int]] = {}
    with Path(path).open(encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh, delimiter="\t")
        for n, row in enumerate(rows, start=1):
            if n == 1 and row and row[0].strip().lower() in ("query-id", "query_id", "qid"):
                continue
            if not row or not "".join(row).strip():
                continue
            if len(row) != 3:
                raise DataLoadError(
                    f"{path} line {n}: expected 3 tab-separated fields "
                    f"(query-id, corpus-id, score), found {len(row)}"
                )
            try:
                grade = int(row[2])
            except ValueError:
                raise DataLoadError(
                    f"{path} line {n}: expected an integer score, found {row[2]!r}"
                ) from None
            out.setdefault(row[0].strip(), {})[row[1].strip()] = grade
    return out


class RetrievalScores(BaseModel):
    """Mean retrieval metrics over the judged queries."""

    mode: str
    k: int
    queries: int
    ndcg: float
    recall: float
    per_query: dict[str, dict[str, float]] = Field(default_factory=dict)

    def as_dict(self) -> dict[str, float]:
        """``{"ndcg@k": ..., "recall@k": ...}``."""
        return {f"ndcg@{self.k}": self.ndcg, f"recall@{self.k}": self.recall}


def _trials(corpus: Sequence[Trial] | str | Path) -> list[Trial]:
    if isinstance(corpus, str | Path):
        return load_trials(corpus).trials
    return list(corpus)


def score_rankings(
    rankings: Mapping[str, Sequence[str]], qrels: Qrels, *, k: int = 10, mode: str = "given"
) -> RetrievalScores:
    """Mean NDCG@k and recall@k of given rankings over queries with a relevant document."""
    per: dict[str, dict[str, float]] = {}
    for qid, rels in qrels.items():
        if not any(g >= 1 for g in rels.values()) or qid not in rankings:
            continue
        ranked = rankings[qid]
        per[qid] = {"ndcg": ndcg_at_k(ranked, rels, k), "recall": recall_at_k(ranked, rels, k)}
    n = len(per)
    return RetrievalScores(
        mode=mode,
        k=k,
        queries=n,
        ndcg=sum(v["ndcg"] for v in per.values()) / n if n else 0.0,
        recall=sum(v["recall"] for v in per.values()) / n if n else 0.0,
        per_query=per,
    )


def evaluate_retrieval(
    corpus: Sequence[Trial] | str | Path,
    queries: Mapping[str, str] | str | Path,
    qrels: Qrels | str | Path,
    mode: Literal["bm25", "dense", "hybrid"] = "hybrid",
    *,
    k: int = 10,
    index: Any = None,
    index_dir: str | Path | None = None,
    **build_kwargs: Any,
) -> dict[str, float]:
    """Measure retrieval quality of the trial index on judged queries.

    Args:
        corpus: Trials, or a trial file (ctgov or TrialGPT format).
        queries: Query id → patient text, or a ``queries.jsonl`` path.
        qrels: Query id → {trial id: grade}, or a qrels TSV path.
        mode: ``bm25``, ``dense`` or ``hybrid``.
        k: Cut-off.
        index: An already built index over ``corpus`` (anything with ``search``); built when
            None.
        index_dir: Where to build the index (a temporary folder when None).
        **build_kwargs: Passed to :meth:`HybridIndex.build` (e.g. ``embedder``).

    Returns:
        ``{"ndcg@10": ..., "recall@10": ..., "queries": n}`` for ``k=10``.

    Raises:
        DataLoadError: When a query of the qrels has no text.
    """
    q = load_queries(queries) if isinstance(queries, str | Path) else dict(queries)
    rels = load_qrels(qrels) if isinstance(qrels, str | Path) else qrels
    missing = sorted(set(rels) - set(q))
    if missing:
        raise DataLoadError(f"qrels name {len(missing)} queries with no text, e.g. {missing[:3]}")
    if index is None:
        from m3agent.retrieval.trials.search import build_trial_index

        trials = _trials(corpus)
        if index_dir is None:
            with tempfile.TemporaryDirectory(prefix="m3agent-trials-") as tmp:
                idx = build_trial_index(Path(tmp) / "index", trials, **build_kwargs)
                return _run(idx, q, rels, mode, k)
        index = build_trial_index(index_dir, trials, **build_kwargs)
    return _run(index, q, rels, mode, k)


def _run(
    index: Any, queries: Mapping[str, str], qrels: Qrels, mode: str, k: int
) -> dict[str, float]:
    rankings: dict[str, list[str]] = {}
    for qid, rels in qrels.items():
        if not any(g >= 1 for g in rels.values()):
            continue
        hits = index.search(queries[qid], k=k, mode=mode)
        rankings[qid] = [h.chunk.doc_id for h in hits]
    scores = score_rankings(rankings, qrels, k=k, mode=mode)
    return {**scores.as_dict(), "queries": float(scores.queries)}


class CriterionEvalItem(BaseModel):
    """One annotated criterion and what we made of it."""

    annotation_id: int | str
    patient_id: str
    criterion_type: str
    criterion_text: str
    expert: str
    predicted: str
    method: str
    computable: bool
    assumed: bool = False


class CriteriaEvaluation(BaseModel):
    """Coverage and agreement of predicate labelling on expert annotations.

    Attributes:
        total: Annotated criteria evaluated.
        skipped: Annotations without criterion text or label (malformed), not evaluated.
        with_predicates: Criteria in which at least one predicate was found.
        fully_computable: Criteria read completely into predicates.
        decided: Criteria our predicates labelled (the coverage numerator).
        coverage: decided / total.
        agreement: Share of decided criteria whose label equals the expert's.
        agreement_fully_computable: The same on fully computable criteria only.
        confusion: ``"expert -> predicted"`` counts on decided criteria.
        items: Per-criterion detail.
    """

    policy: str
    total: int
    skipped: int
    with_predicates: int
    fully_computable: int
    decided: int
    coverage: float
    agreement: float
    agreement_fully_computable: float
    confusion: dict[str, int]
    items: list[CriterionEvalItem] = Field(default_factory=list)


def evaluate_criteria(
    annotations: str | Path | Sequence[Mapping[str, Any]], *, policy: MissingPolicy = "trialgpt"
) -> CriteriaEvaluation:
    """Coverage and agreement of predicate labels with expert criterion labels.

    Args:
        annotations: ``criterion_annotations_dev.json`` (path or its parsed list): each entry has
            ``note`` (numbered sentences), ``criterion_type``, ``criterion_text`` and
            ``expert_eligibility``.
        policy: Missing-data policy for the predicates.

    Raises:
        DataLoadError: When the file is not a JSON list.
    """
    if isinstance(annotations, str | Path):
        try:
            data = json.loads(Path(annotations).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise DataLoadError(
                f"{annotations}: expected a JSON list of annotations, found "
                f"invalid JSON ({exc.msg} at line {exc.lineno})"
            ) from None
    else:
        data = list(annotations)
    if not isinstance(data, list):
        raise DataLoadError(f"expected a JSON list of annotations, found {type(data).__name__}")
    facts_cache: dict[tuple[str, str], Any] = {}
    items: list[CriterionEvalItem] = []
    skipped = 0
    with_predicates = 0
    for n, a in enumerate(data):
        text, ctype, expert = (
            a.get("criterion_text"),
            a.get("criterion_type"),
            a.get("expert_eligibility"),
        )
        note = a.get("note")
        if (
            not isinstance(text, str)
            or not text.strip()
            or ctype not in ("inclusion", "exclusion")
            or not isinstance(expert, str)
            or not isinstance(note, str)
        ):
            skipped += 1
            continue
        key = (str(a.get("patient_id", n)), note)
        if key not in facts_cache:
            facts_cache[key] = facts_from_text(note, key[0])
        facts = facts_cache[key]
        parsed = parse_criterion(Criterion(type=ctype, index=0, text=text.strip()))
        with_predicates += bool(parsed.predicates)
        result = evaluate_criterion(parsed, facts, policy=policy)
        items.append(
            CriterionEvalItem(
                annotation_id=a.get("annotation_id", n),
                patient_id=key[0],
                criterion_type=ctype,
                criterion_text=text,
                expert=expert,
                predicted=result.label,
                method=result.method,
                computable=parsed.computable,
                assumed=result.assumed,
            )
        )
    decided = [i for i in items if i.method == "computed"]
    full = [i for i in decided if i.computable]
    confusion = Counter(f"{i.expert} -> {i.predicted}" for i in decided)
    return CriteriaEvaluation(
        policy=policy,
        total=len(items),
        skipped=skipped,
        with_predicates=with_predicates,
        fully_computable=sum(1 for i in items if i.computable),
        decided=len(decided),
        coverage=len(decided) / len(items) if items else 0.0,
        agreement=sum(i.expert == i.predicted for i in decided) / len(decided) if decided else 0.0,
        agreement_fully_computable=sum(i.expert == i.predicted for i in full) / len(full)
        if full
        else 0.0,
        confusion=dict(confusion.most_common()),
        items=items,
    )
