"""Stage 3: score and rank trials for a patient, TrialGPT-style.

TrialGPT-Ranking (Jin et al., "Matching patients to clinical trials with large language
models", Nat Commun 2024;15:9074, doi:10.1038/s41467-024-53081-z; code: ncbi-nlp/TrialGPT,
``trialgpt_ranking/rank_results.py``) scores a trial as

    matching = I / (I + NI + U + ε)  − [NI > 0]  − [E > 0]
    trial score = matching + (R + E_llm) / 100

where I, NI, U count inclusion criteria labelled included, not included and not enough
information (``not applicable`` ones are left out), E counts exclusion criteria labelled
excluded, ε = 1e-9, and R ∈ [0, 100], E_llm ∈ [−R, R] are the relevance and eligibility scores
of its LLM aggregation step. We keep the matching formula as is. For the aggregation term we
use what stage 1 measured, the retrieval relevance of the trial to the patient summary
(normalised to [0, 1] by the best candidate's score), in place of R / 100; when a caller has
LLM aggregation scores, :func:`aggregation_score` gives TrialGPT's term and it is used instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import BaseModel, Field

from m3agent.retrieval.trials.labels import CriterionResult
from m3agent.retrieval.trials.matching import TrialMatch

EPS = 1e-9


class LabelCounts(BaseModel):
    """Criterion label counts of one trial for one patient."""

    included: int = 0
    not_included: int = 0
    inclusion_not_applicable: int = 0
    inclusion_no_info: int = 0
    excluded: int = 0
    not_excluded: int = 0
    exclusion_not_applicable: int = 0
    exclusion_no_info: int = 0

    @classmethod
    def of(cls, results: Iterable[CriterionResult]) -> LabelCounts:
        """Count the labels of a trial's criterion results."""
        c = cls()
        for r in results:
            if r.criterion.type == "inclusion":
                if r.label == "included":
                    c.included += 1
                elif r.label == "not included":
                    c.not_included += 1
                elif r.label == "not applicable":
                    c.inclusion_not_applicable += 1
                else:
                    c.inclusion_no_info += 1
            else:
                if r.label == "excluded":
                    c.excluded += 1
                elif r.label == "not excluded":
                    c.not_excluded += 1
                elif r.label == "not applicable":
                    c.exclusion_not_applicable += 1
                else:
                    c.exclusion_no_info += 1
        return c


def matching_score(counts: LabelCounts) -> float:
    """TrialGPT's criterion-based matching score (``get_matching_score`` in rank_results.py).

    The share of inclusion criteria met among those that apply, minus 1 if any inclusion
    criterion is not met, minus 1 if any exclusion criterion is met. Range [−2, 1].
    """
    score = counts.included / (
        counts.included + counts.not_included + counts.inclusion_no_info + EPS
    )
    if counts.not_included > 0:
        score -= 1
    if counts.excluded > 0:
        score -= 1
    return score


def aggregation_score(relevance: float, eligibility: float) -> float:
    """TrialGPT's LLM aggregation term, (R + E) / 100 (``get_agg_score``).

    Args:
        relevance: R, 0 to 100.
        eligibility: E, −R to R.

    Raises:
        ValueError: When R is outside [0, 100] or |E| > R.
    """
    if not 0 <= relevance <= 100:
        raise ValueError(f"relevance R must lie in [0, 100], found {relevance}")
    if abs(eligibility) > relevance + 1e-9:
        raise ValueError(
            f"eligibility E must lie in [-R, R] = [{-relevance}, {relevance}], found {eligibility}"
        )
    return (relevance + eligibility) / 100


def normalise_relevance(scores: Mapping[str, float]) -> dict[str, float]:
    """Divide retrieval scores by the best one, so the top candidate has relevance 1.

    Non-positive scores map to 0.
    """
    top = max(scores.values(), default=0.0)
    if top <= 0:
        return {k: 0.0 for k in scores}
    return {k: max(v, 0.0) / top for k, v in scores.items()}


class RankedTrial(BaseModel):
    """One trial in a patient's ranking, with how its score was made."""

    nct_id: str
    title: str = ""
    rank: int
    score: float
    matching_score: float
    relevance: float = Field(description="The aggregation term added to the matching score.")
    retrieval_score: float | None = None
    retrieval_rank: int | None = None
    counts: LabelCounts
    match: TrialMatch


def rank_matches(
    matches: Iterable[TrialMatch],
    *,
    retrieval: Mapping[str, float] | None = None,
    retrieval_ranks: Mapping[str, int] | None = None,
    aggregation: Mapping[str, tuple[float, float]] | None = None,
    titles: Mapping[str, str] | None = None,
    relevance_weight: float = 1.0,
) -> list[RankedTrial]:
    """Rank trials by TrialGPT's matching score plus a relevance term.

    Args:
        matches: One match per candidate trial.
        retrieval: Stage-1 retrieval scores by NCT id (normalised here).
        retrieval_ranks: Stage-1 ranks by NCT id (reported only).
        aggregation: Optional LLM aggregation scores (R, E) by NCT id; where given they
            replace the retrieval relevance, as in TrialGPT.
        titles: Trial titles by NCT id (reported only).
        relevance_weight: Weight of the retrieval relevance term (1 = TrialGPT's weight of
            R / 100).

    Returns:
        Ranked trials, best first; ties keep retrieval order, then NCT id.
    """
    relevance = normalise_relevance(retrieval or {})
    ranked: list[RankedTrial] = []
    for m in matches:
        counts = LabelCounts.of(m.results)
        ms = matching_score(counts)
        if aggregation and m.nct_id in aggregation:
            rel = aggregation_score(*aggregation[m.nct_id])
        else:
            rel = relevance_weight * relevance.get(m.nct_id, 0.0)
        ranked.append(
            RankedTrial(
                nct_id=m.nct_id,
                title=(titles or {}).get(m.nct_id, ""),
                rank=0,
                score=ms + rel,
                matching_score=ms,
                relevance=rel,
                retrieval_score=(retrieval or {}).get(m.nct_id),
                retrieval_rank=(retrieval_ranks or {}).get(m.nct_id),
                counts=counts,
                match=m,
            )
        )
    ranked.sort(key=lambda r: (-r.score, r.retrieval_rank or 10**9, r.nct_id))
    for i, r in enumerate(ranked, start=1):
        r.rank = i
    return ranked
