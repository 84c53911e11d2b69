"""Stage 2: label every criterion of a trial for one patient.

Criteria the predicates decide are labelled from the patient's facts; the rest go to a
:class:`~m3agent.retrieval.trials.judge.CriterionJudge` when one is given. Without a judge they
stay ``not enough information`` and the match lists them as not judged, so a caller always
sees what was computed, what was judged and what was left open.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from pydantic import BaseModel, Field

from m3agent.retrieval.trials.criteria import split_criteria
from m3agent.retrieval.trials.diagnoses import find_diagnoses
from m3agent.retrieval.trials.judge import CriterionJudge
from m3agent.retrieval.trials.labels import (
    CriterionResult,
    MissingPolicy,
    evaluate_criterion,
    evaluate_predicate,
    or3,
)
from m3agent.retrieval.trials.patient import PatientFacts
from m3agent.retrieval.trials.predicates import (
    DiagnosisPredicate,
    ParsedCriterion,
    parse_criterion,
    structured_criteria,
)
from m3agent.retrieval.trials.trial import Trial


class TrialMatch(BaseModel):
    """Every criterion of one trial labelled for one patient.

    Attributes:
        nct_id: The trial.
        patient_id: The patient.
        results: One result per criterion (structured registry criteria first).
        judge: Name of the judge used, or None.
        target_conditions: The trial's registry conditions that map to curated diagnoses.
        has_target_condition: Whether the patient has one of them (None: not known, or the
            trial's conditions map to no curated diagnosis). Informational: TrialGPT scores
            criteria only, so this does not enter the matching score.
        notes: What could not be done (e.g. criteria left unjudged without a model).
    """

    nct_id: str
    patient_id: str
    results: list[CriterionResult] = Field(default_factory=list)
    judge: str | None = None
    target_conditions: list[str] = Field(default_factory=list)
    has_target_condition: bool | None = None
    notes: list[str] = Field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        """Label counts per criterion type: ``{"inclusion": {...}, "exclusion": {...}}``."""
        out: dict[str, dict[str, int]] = {"inclusion": {}, "exclusion": {}}
        for ctype in out:
            c = Counter(r.label for r in self.results if r.criterion.type == ctype)
            out[ctype] = dict(c)
        return out

    @property
    def unjudged(self) -> list[CriterionResult]:
        """Criteria neither computed nor judged."""
        return [r for r in self.results if r.method == "undetermined"]


@lru_cache(maxsize=4096)
def _parsed_text_criteria(
    nct_id: str,
    inclusion: str,
    exclusion: str,
) -> tuple[ParsedCriterion, ...]:
    del nct_id  # part of the cache key only
    criteria = split_criteria(inclusion, "inclusion") + split_criteria(exclusion, "exclusion")
    return tuple(parse_criterion(c) for c in criteria)


def parse_trial(trial: Trial, *, include_structured: bool = True) -> list[ParsedCriterion]:
    """All criteria of a trial, parsed (cached per trial text).

    Args:
        trial: The trial.
        include_structured: Add the registry's age and sex fields as inclusion criteria.
    """
    parsed = [
        p.model_copy(deep=True)
        for p in _parsed_text_criteria(
            trial.nct_id, trial.inclusion_criteria, trial.exclusion_criteria
        )
    ]
    return (structured_criteria(trial) if include_structured else []) + parsed


def target_conditions(trial: Trial) -> list[str]:
    """Map the trial's registry conditions to curated diagnosis keys (in order, no repeats)."""
    keys = [m.concept for c in trial.conditions for m in find_diagnoses(c)]
    return list(dict.fromkeys(keys))


def match_trial(
    trial: Trial,
    facts: PatientFacts,
    *,
    judge: CriterionJudge | None = None,
    policy: MissingPolicy = "trialgpt",
    include_structured: bool = True,
) -> TrialMatch:
    """Label every criterion of ``trial`` for the patient.

    Args:
        trial: The trial.
        facts: The patient's facts.
        judge: Judges what predicates leave undecided; None leaves it undecided.
        policy: Missing-data policy (see :mod:`m3agent.retrieval.trials.labels`).
        include_structured: Add the registry's age and sex fields as inclusion criteria.

    Raises:
        JudgeError: When the judge fails.
    """
    parsed = parse_trial(trial, include_structured=include_structured)
    results = [evaluate_criterion(p, facts, policy=policy) for p in parsed]
    targets = target_conditions(trial)
    has_target = (
        or3(
            [
                evaluate_predicate(DiagnosisPredicate(concept=k), facts, policy="strict").value
                for k in targets
            ]
        )
        if targets
        else None
    )
    match = TrialMatch(
        nct_id=trial.nct_id,
        patient_id=facts.patient_id,
        results=results,
        judge=judge.name if judge else None,
        target_conditions=targets,
        has_target_condition=has_target,
    )
    open_idx = [i for i, r in enumerate(results) if r.method == "undetermined"]
    if not open_idx:
        return match
    if judge is None:
        match.notes.append(
            f"{len(open_idx)} of {len(results)} criteria are not computable from the record and "
            "were not judged (no model configured); they count as 'not enough information'"
        )
        return match
    for ctype in ("inclusion", "exclusion"):
        idx = [i for i in open_idx if results[i].criterion.type == ctype]
        if not idx:
            continue
        judgements = judge.judge(facts, trial, [results[i].criterion for i in idx])
        for i, j in zip(idx, judgements, strict=True):
            old = results[i]
            results[i] = CriterionResult(
                criterion=old.criterion,
                label=j.label,
                method="judged",
                outcomes=old.outcomes,
                residual=old.residual,
                explanation=j.explanation,
                sentence_ids=sorted(set(j.sentence_ids) | set(old.sentence_ids)),
            )
    match.results = results
    return match
