"""Reciprocal rank fusion of several rankings."""

from __future__ import annotations

from collections.abc import Sequence

#: Cormack, Clarke & Büttcher, "Reciprocal rank fusion outperforms Condorcet and individual rank
#: learning methods", SIGIR 2009: k=60 was best across their TREC runs and is the usual default.
RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]], k: int = RRF_K
) -> list[tuple[int, float]]:
    """Fuse rankings: each item scores the sum over rankings of 1 / (k + rank), rank from 1.

    Args:
        rankings: Lists of item ids, best first; an item missing from a list adds nothing.
        k: The RRF constant.

    Returns:
        (item, fused score) pairs, best first; ties go to the item with the better best rank,
        then the smaller id, so the order is deterministic.
    """
    if k < 1:
        raise ValueError(f"RRF k must be at least 1, found {k}")
    scores: dict[int, float] = {}
    best_rank: dict[int, int] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
            best_rank[item] = min(best_rank.get(item, rank), rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], best_rank[pair[0]], pair[0]))
