"""Stage 3: TrialGPT's matching score and the ranking, on hand-worked examples."""

from __future__ import annotations

import pytest

from m3agent.retrieval.trials.criteria import Criterion
from m3agent.retrieval.trials.labels import CriterionResult
from m3agent.retrieval.trials.matching import TrialMatch
from m3agent.retrieval.trials.ranking import (
    LabelCounts,
    aggregation_score,
    matching_score,
    normalise_relevance,
    rank_matches,
)


def _match(nct: str, inclusion: list[str], exclusion: list[str]) -> TrialMatch:
    results = [
        CriterionResult(
            criterion=Criterion(type="inclusion", index=i, text=f"inc {i}"),
            label=label,
            method="computed",
        )  # type: ignore[arg-type]
        for i, label in enumerate(inclusion)
    ] + [
        CriterionResult(
            criterion=Criterion(type="exclusion", index=i, text=f"exc {i}"),
            label=label,
            method="computed",
        )  # type: ignore[arg-type]
        for i, label in enumerate(exclusion)
    ]
    return TrialMatch(nct_id=nct, patient_id="p", results=results)


# Trial A: 3 included, 1 not enough information, 1 not applicable; 2 not excluded.
A = _match(
    "NCT0000000A",
    ["included"] * 3 + ["not enough information", "not applicable"],
    ["not excluded"] * 2,
)
# Trial B: 2 included, 1 not included, 1 not enough information; 1 excluded, 1 not excluded.
B = _match(
    "NCT0000000B",
    ["included", "included", "not included", "not enough information"],
    ["excluded", "not excluded"],
)
# Trial C: nothing met, nothing known.
C = _match("NCT0000000C", ["not enough information"] * 2, ["not enough information"])


def test_counts() -> None:
    c = LabelCounts.of(A.results)
    assert (c.included, c.not_included, c.inclusion_no_info, c.inclusion_not_applicable) == (
        3,
        0,
        1,
        1,
    )
    assert (c.excluded, c.not_excluded) == (0, 2)


def test_matching_score_hand_worked() -> None:
    # A: 3 / (3 + 0 + 1) = 0.75; no penalties. (Not applicable is left out.)
    assert matching_score(LabelCounts.of(A.results)) == pytest.approx(0.75)
    # B: 2 / (2 + 1 + 1) = 0.5, minus 1 (an inclusion not met), minus 1 (an exclusion met).
    assert matching_score(LabelCounts.of(B.results)) == pytest.approx(-1.5)
    # C: 0 / (0 + 0 + 2) = 0.
    assert matching_score(LabelCounts.of(C.results)) == pytest.approx(0.0)
    # No applicable inclusion criterion at all: 0 / eps = 0, not a division error.
    assert matching_score(LabelCounts()) == 0.0


def test_aggregation_score() -> None:
    assert aggregation_score(80, 40) == pytest.approx(1.2)
    assert aggregation_score(80, -80) == 0.0
    with pytest.raises(ValueError, match=r"R must lie in \[0, 100\]"):
        aggregation_score(120, 0)
    with pytest.raises(ValueError, match="E must lie in"):
        aggregation_score(50, 60)


def test_ranking_with_retrieval_relevance() -> None:
    # Retrieval scores 0.02, 0.04, 0.01 → relevance 0.5, 1.0, 0.25 (divided by the best).
    retrieval = {"NCT0000000A": 0.02, "NCT0000000B": 0.04, "NCT0000000C": 0.01}
    assert normalise_relevance(retrieval) == pytest.approx(
        {"NCT0000000A": 0.5, "NCT0000000B": 1.0, "NCT0000000C": 0.25}
    )
    ranked = rank_matches(
        [B, C, A],
        retrieval=retrieval,
        retrieval_ranks={"NCT0000000B": 1, "NCT0000000A": 2, "NCT0000000C": 3},
        titles={"NCT0000000A": "Trial A"},
    )
    # A: 0.75 + 0.5 = 1.25; C: 0 + 0.25 = 0.25; B: -1.5 + 1.0 = -0.5.
    assert [r.nct_id for r in ranked] == ["NCT0000000A", "NCT0000000C", "NCT0000000B"]
    assert [r.rank for r in ranked] == [1, 2, 3]
    assert [r.score for r in ranked] == pytest.approx([1.25, 0.25, -0.5])
    top = ranked[0]
    assert (
        top.matching_score,
        top.relevance,
        top.retrieval_score,
        top.retrieval_rank,
        top.title,
    ) == (pytest.approx(0.75), 0.5, 0.02, 2, "Trial A")
    # LLM aggregation scores, where given, replace the retrieval term (TrialGPT's (R+E)/100).
    ranked = rank_matches([A, B], retrieval=retrieval, aggregation={"NCT0000000B": (100, 100)})
    assert [r.score for r in ranked] == pytest.approx([1.25, 0.5])
    # Without retrieval scores the matching score alone ranks; ties keep retrieval order.
    tie = rank_matches(
        [_match("NCT0000000E", [], []), _match("NCT0000000D", [], [])],
        retrieval_ranks={"NCT0000000E": 1, "NCT0000000D": 2},
    )
    assert [r.nct_id for r in tie] == ["NCT0000000E", "NCT0000000D"]
    assert normalise_relevance({"x": 0.0}) == {"x": 0.0}
