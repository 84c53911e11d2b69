"""'with or without X' makes X optional: it neither includes nor excludes (NCT05563090)."""

from __future__ import annotations

import pytest

from m3agent.retrieval.trials.criteria import Criterion
from m3agent.retrieval.trials.labels import evaluate_criterion
from m3agent.retrieval.trials.patient import Condition, PatientFacts
from m3agent.retrieval.trials.predicates import parse_criterion

TEXT = "Type II Diabetes Mellitus with or without hypertension and dyslipidemia"


def _facts(*codes: str) -> PatientFacts:
    conditions = [Condition(title=c, code=c, icd_version=10) for c in codes]
    return PatientFacts(patient_id="p", age_years=60, sex="male", conditions=conditions,
                        conditions_complete=True)


def test_optional_conditions_are_not_predicates():
    parsed = parse_criterion(Criterion(text=TEXT, type="inclusion", index=0))
    assert [(p.concept, p.negated) for p in parsed.predicates] == [("type2_diabetes", False)]


@pytest.mark.parametrize(("codes", "label"), [
    ((), "not included"),                       # no diabetes
    (("E119",), "included"),                    # diabetes without hypertension
    (("E119", "I10"), "included"),              # diabetes with hypertension
])
def test_labels(codes, label):
    parsed = parse_criterion(Criterion(text=TEXT, type="inclusion", index=0))
    assert evaluate_criterion(parsed, _facts(*codes)).label == label


def test_plain_without_still_negates():
    parsed = parse_criterion(Criterion(text="Type 2 diabetes without hypertension",
                                       type="inclusion", index=0))
    assert ("hypertension", True) in [(p.concept, p.negated) for p in parsed.predicates]
