"""Evaluate parsed criteria against a patient into TrialGPT's criterion labels, with provenance.

Labels (TrialGPT, Jin et al., Nat Commun 2024; ncbi-nlp/TrialGPT trialgpt_matching):
inclusion → ``included`` / ``not included`` / ``not applicable`` / ``not enough information``;
exclusion → ``excluded`` / ``not excluded`` / ``not applicable`` / ``not enough information``.

Each predicate gives True, False or unknown; unknown is either *missing* (the record holds no
value at all) or *undecidable* (a value exists but does not settle it, e.g. a threshold relative
to the upper limit of normal without a reference range). Predicates combine in three-valued
logic (a False conjunct decides "all", a True alternative decides "any"), so a partly parsed
criterion is still decided when its parsed part is enough.

Missing data follow a policy. ``strict``: missing stays unknown. ``trialgpt``: TrialGPT's
matching prompt tells the model "If the criterion is not mentioned and is medically important,
assume it is not true for the patient" (trialgpt_matching/TrialGPT.py), and its expert
annotators label accordingly (an unmentioned exclusion condition is "not excluded"); under this
policy a missing diagnosis, pregnancy state or (in exclusion criteria) lab value counts as
absent, and the label says it was assumed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from m3agent.calculators.units import UnitError, convert
from m3agent.retrieval.trials.criteria import Criterion, CriterionType
from m3agent.retrieval.trials.diagnoses import DIAGNOSIS_BY_KEY, ancestors, code_matches
from m3agent.retrieval.trials.lab_concepts import LAB_BY_KEY
from m3agent.retrieval.trials.patient import Condition, LabValue, PatientFacts
from m3agent.retrieval.trials.predicates import (
    AgePredicate,
    BloodPressurePredicate,
    DiagnosisPredicate,
    LabPredicate,
    ParsedCriterion,
    Predicate,
    PregnancyPredicate,
    SexPredicate,
)
from m3agent.retrieval.trials.quantities import compare, normalize_unit

InclusionLabel = Literal["included", "not included", "not applicable", "not enough information"]
ExclusionLabel = Literal["excluded", "not excluded", "not applicable", "not enough information"]
Label = Literal[
    "included",
    "not included",
    "excluded",
    "not excluded",
    "not applicable",
    "not enough information",
]
MissingPolicy = Literal["strict", "trialgpt"]

INCLUSION_LABELS: tuple[str, ...] = (
    "included",
    "not included",
    "not applicable",
    "not enough information",
)
EXCLUSION_LABELS: tuple[str, ...] = (
    "excluded",
    "not excluded",
    "not applicable",
    "not enough information",
)


class Evidence(BaseModel):
    """A fact a label rests on: what, its value and unit, when, and where it came from.

    Attributes:
        fact: ``age``, ``sex``, ``pregnant``, ``breastfeeding``, ``lab:<concept>`` or
            ``condition``.
        value: The value (number, text or flag).
        unit: Unit of a numeric value.
        time: When it was recorded.
        itemid: MIMIC-IV item id of a lab or vital sign.
        code: ICD code of a condition; ``icd_version`` its version.
        sentence_ids: Note sentences it was read from.
        source: Table/column or ``note``.
        note: Anything else worth saying (e.g. "unit assumed").
    """

    fact: str
    value: float | str | bool | None = None
    unit: str | None = None
    time: datetime | None = None
    itemid: int | None = None
    code: str | None = None
    icd_version: int | None = None
    sentence_ids: list[int] = Field(default_factory=list)
    source: str | None = None
    note: str | None = None


class PredicateOutcome(BaseModel):
    """How one predicate came out for the patient."""

    predicate: Predicate
    value: bool | None
    not_applicable: bool = False
    missing: bool = False
    assumed: bool = False
    evidence: list[Evidence] = Field(default_factory=list)
    note: str = ""


class CriterionResult(BaseModel):
    """A criterion's label for one patient, how it was reached and on what evidence.

    Attributes:
        criterion: The criterion.
        label: The TrialGPT label.
        method: ``computed`` (from predicates), ``judged`` (by a model) or ``undetermined``
            (neither: no predicate decided it and no judge was available).
        outcomes: Per-predicate outcomes.
        residual: Words of the criterion no predicate covered.
        explanation: A readable account.
        sentence_ids: Note sentences supporting the label.
        assumed: True when the label rests on the missing-data policy.
    """

    criterion: Criterion
    label: Label
    method: Literal["computed", "judged", "undetermined"]
    outcomes: list[PredicateOutcome] = Field(default_factory=list)
    residual: str = ""
    explanation: str = ""
    sentence_ids: list[int] = Field(default_factory=list)
    assumed: bool = False

    @property
    def evidence(self) -> list[Evidence]:
        """All evidence of all predicate outcomes."""
        return [e for o in self.outcomes for e in o.evidence]


def label_for(criterion_type: CriterionType, truth: bool | None) -> Label:
    """Return the label of a criterion whose condition is ``truth`` (None: unknown)."""
    if truth is None:
        return "not enough information"
    if criterion_type == "inclusion":
        return "included" if truth else "not included"
    return "excluded" if truth else "not excluded"


def and3(values: list[bool | None]) -> bool | None:
    """Three-valued AND: any False decides; all True is True; otherwise unknown."""
    if any(v is False for v in values):
        return False
    if all(v is True for v in values):
        return True
    return None


def or3(values: list[bool | None]) -> bool | None:
    """Three-valued OR: any True decides; all False is False; otherwise unknown."""
    if any(v is True for v in values):
        return True
    if values and all(v is False for v in values):
        return False
    return None


def _fact_evidence(
    facts: PatientFacts, key: str, value: float | str | bool | None, unit: str | None = None
) -> Evidence:
    ev = facts.evidence.get(key)
    return Evidence(
        fact=key,
        value=value,
        unit=unit,
        source=ev.source if ev else facts.source,
        sentence_ids=list(ev.sentence_ids) if ev else [],
        note=ev.text if ev else None,
    )


def _in_bounds(
    value: float, low: float | None, low_incl: bool, high: float | None, high_incl: bool
) -> bool:
    if low is not None and not compare(value, ">=" if low_incl else ">", low):
        return False
    if high is not None and not compare(value, "<=" if high_incl else "<", high):
        return False
    return True


def _age(p: AgePredicate, facts: PatientFacts) -> PredicateOutcome:
    if facts.age_years is None:
        return PredicateOutcome(predicate=p, value=None, missing=True, note="age unknown")
    ok = _in_bounds(facts.age_years, p.min_years, p.min_inclusive, p.max_years, p.max_inclusive)
    return PredicateOutcome(
        predicate=p,
        value=ok,
        evidence=[_fact_evidence(facts, "age", facts.age_years, "years")],
        note=f"age {facts.age_years:g} y {'meets' if ok else 'fails'} {p.describe()}",
    )


def _sex(p: SexPredicate, facts: PatientFacts) -> PredicateOutcome:
    if facts.sex is None:
        return PredicateOutcome(predicate=p, value=None, missing=True, note="sex unknown")
    ev = [_fact_evidence(facts, "sex", facts.sex)]
    if facts.sex in p.allowed:
        return PredicateOutcome(
            predicate=p,
            value=True,
            evidence=ev,
            note=f"sex {facts.sex} is {' or '.join(p.allowed)}",
        )
    if p.qualifier:
        return PredicateOutcome(
            predicate=p,
            value=False,
            not_applicable=True,
            evidence=ev,
            note=f"criterion concerns {' or '.join(p.allowed)} patients; patient is {facts.sex}",
        )
    return PredicateOutcome(
        predicate=p,
        value=False,
        evidence=ev,
        note=f"sex {facts.sex} is not {' or '.join(p.allowed)}",
    )


def _pregnancy(p: PregnancyPredicate, facts: PatientFacts) -> PredicateOutcome:
    if facts.sex == "male":
        return PredicateOutcome(
            predicate=p,
            value=False,
            not_applicable=True,
            evidence=[_fact_evidence(facts, "sex", "male")],
            note=f"{p.state.replace('_', ' ')} does not apply to a male",
        )
    known: bool | None
    if p.state == "pregnant":
        known, key = facts.pregnant, "pregnant"
    elif p.state == "breastfeeding":
        known, key = facts.breastfeeding, "breastfeeding"
    else:
        known, key = (True if facts.pregnant else None), "pregnant"
    if known is None and facts.age_years is not None and facts.age_years < 10:
        # Before menarche (rare before age 10; median 12.4 y, NHANES, Chumlea et al.,
        # Pediatrics 2003;111:110) a girl is neither pregnant nor of childbearing potential.
        value = p.negated is True
        return PredicateOutcome(
            predicate=p,
            value=value,
            evidence=[_fact_evidence(facts, "age", facts.age_years, "years")],
            note=f"age {facts.age_years:g} y: before menarche",
        )
    if known is None:
        return PredicateOutcome(predicate=p, value=None, missing=True, note=f"{key} not recorded")
    value = known != p.negated
    return PredicateOutcome(
        predicate=p,
        value=value,
        evidence=[_fact_evidence(facts, key, known)],
        note=f"{key}: {known}",
    )


def _lab_value(concept: str, lv: LabValue, p: LabPredicate) -> tuple[bool | None, Evidence, str]:
    c = LAB_BY_KEY[concept]
    ev = Evidence(
        fact=f"lab:{concept}",
        value=lv.value,
        unit=lv.unit,
        time=lv.time,
        itemid=lv.itemid,
        sentence_ids=list(lv.sentence_ids),
        source="note" if lv.sentence_ids else None,
        note="unit assumed" if lv.unit_assumed else None,
    )
    if p.relative_to_uln:
        if lv.ref_high is None or lv.ref_high <= 0:
            return (
                None,
                ev,
                (
                    f"{c.label} threshold is relative to the upper limit of normal; "
                    "no reference range is recorded with the value"
                ),
            )
        ratio = lv.value / lv.ref_high
        ok = _in_bounds(ratio, p.low, p.low_inclusive, p.high, p.high_inclusive)
        ev.note = f"ULN {lv.ref_high:g} {lv.unit}; value is {ratio:.2f} × ULN"
        return ok, ev, f"{c.label} {ratio:.2f} × ULN vs {p.describe()}"
    unit = normalize_unit(lv.unit) if lv.unit else None
    if lv.unit and unit is None:
        unit = lv.unit  # let calculators.units try its own spellings
    if not lv.unit:
        unit = c.unit
    if c.count and unit == "g/l":
        unit = "10^9/l"
    try:
        value = convert(lv.value, unit or "", c.unit, kind=c.kind, field=concept)
    except UnitError as exc:
        return None, ev, exc.message
    ok = _in_bounds(value, p.low, p.low_inclusive, p.high, p.high_inclusive)
    shown = f"{value:g} {c.unit}".strip()
    return ok, ev, f"{c.label} {shown} {'meets' if ok else 'fails'} {p.describe()}"


def _lab(p: LabPredicate, facts: PatientFacts) -> PredicateOutcome:
    values: list[bool | None] = []
    evidence: list[Evidence] = []
    notes: list[str] = []
    missing = 0
    for concept in p.concepts:
        lv = facts.latest(concept)
        if lv is None:
            values.append(None)
            missing += 1
            notes.append(f"no {LAB_BY_KEY[concept].label} value recorded")
            continue
        ok, ev, note = _lab_value(concept, lv, p)
        values.append(ok)
        evidence.append(ev)
        notes.append(note)
    value = and3(values) if p.require == "all" else or3(values)
    return PredicateOutcome(
        predicate=p,
        value=value,
        missing=value is None and missing > 0 and missing == len(p.concepts),
        evidence=evidence,
        note="; ".join(notes),
    )


def _blood_pressure(p: BloodPressurePredicate, facts: PatientFacts) -> PredicateOutcome:
    parts: list[bool | None] = []
    evidence: list[Evidence] = []
    for concept, limit in (("sbp", p.systolic), ("dbp", p.diastolic)):
        lv = facts.latest(concept)
        if lv is None:
            parts.append(None)
            continue
        try:
            v = convert(
                lv.value,
                normalize_unit(lv.unit) or lv.unit or "mmhg",
                "mmhg",
                kind="pressure",
                field=concept,
            )
        except UnitError as exc:
            return PredicateOutcome(predicate=p, value=None, note=exc.message)
        parts.append(compare(v, p.op, limit))
        evidence.append(
            Evidence(
                fact=f"lab:{concept}",
                value=lv.value,
                unit=lv.unit,
                time=lv.time,
                itemid=lv.itemid,
                sentence_ids=list(lv.sentence_ids),
            )
        )
    value = or3(parts) if p.op in (">", ">=") else and3(parts)
    return PredicateOutcome(
        predicate=p,
        value=value,
        evidence=evidence,
        missing=value is None and not evidence,
        note=f"{p.describe()}: {'unknown' if value is None else value}",
    )


def _condition_evidence(c: Condition) -> Evidence:
    return Evidence(
        fact="condition",
        value=c.title,
        code=c.code,
        icd_version=c.icd_version,
        time=c.time,
        sentence_ids=list(c.sentence_ids),
        source="note" if c.sentence_ids else None,
        note="stated absent" if c.negated else None,
    )


def _diagnosis(p: DiagnosisPredicate, facts: PatientFacts) -> PredicateOutcome:
    concept = DIAGNOSIS_BY_KEY[p.concept]
    label = concept.label
    present = None
    broader = None
    denied = None
    for c in facts.conditions:
        matches = (c.code is not None and code_matches(c.code, c.icd_version, concept)) or (
            c.concept is not None and (c.concept == p.concept or p.concept in ancestors(c.concept))
        )
        if matches and not c.negated and present is None:
            present = c
        elif matches and c.negated and denied is None:
            denied = c
        elif (
            c.concept is not None
            and not c.negated
            and c.concept in ancestors(p.concept)
            and broader is None
        ):
            broader = c
        elif (
            c.negated
            and c.concept is not None
            and c.concept in ancestors(p.concept)
            and denied is None
        ):
            denied = c  # "denies diabetes" also rules out type 1 diabetes
    if present is not None:
        if p.modifier:
            return PredicateOutcome(
                predicate=p,
                value=None,
                evidence=[_condition_evidence(present)],
                note=f"has {label}; whether it is {p.modifier} is not recorded",
            )
        return PredicateOutcome(
            predicate=p,
            value=not p.negated,
            evidence=[_condition_evidence(present)],
            note=f"has {label} ({present.title})",
        )
    if broader is not None:
        return PredicateOutcome(
            predicate=p,
            value=None,
            evidence=[_condition_evidence(broader)],
            note=f"has {broader.title}; whether it is {label} is not recorded",
        )
    if denied is not None:
        return PredicateOutcome(
            predicate=p,
            value=p.negated,
            evidence=[_condition_evidence(denied)],
            note=f"{label} stated absent",
        )
    if facts.conditions_complete:
        return PredicateOutcome(
            predicate=p,
            value=p.negated,
            evidence=[
                Evidence(
                    fact="condition",
                    value=None,
                    source=facts.source,
                    note=f"no code under {label} among {len(facts.conditions)} coded diagnoses",
                )
            ],
            note=f"no {label} among the coded diagnoses",
        )
    return PredicateOutcome(predicate=p, value=None, missing=True, note=f"{label} not mentioned")


def evaluate_predicate(
    p: Predicate,
    facts: PatientFacts,
    *,
    policy: MissingPolicy = "trialgpt",
    criterion_type: CriterionType = "inclusion",
) -> PredicateOutcome:
    """Evaluate one predicate against the patient's facts, applying the missing-data policy.

    Under ``trialgpt``, a missing fact makes an exclusion predicate not hold (TrialGPT: an
    unmentioned criterion is taken as not true), and a missing pregnancy or breastfeeding
    status counts as not pregnant / not breastfeeding in any criterion (a pregnancy is a
    medically important fact a record would state). Age and sex are never assumed.
    """
    if isinstance(p, AgePredicate):
        return _age(p, facts)
    if isinstance(p, SexPredicate):
        return _sex(p, facts)
    if isinstance(p, PregnancyPredicate):
        out = _pregnancy(p, facts)
    elif isinstance(p, LabPredicate):
        out = _lab(p, facts)
    elif isinstance(p, BloodPressurePredicate):
        out = _blood_pressure(p, facts)
    else:
        out = _diagnosis(p, facts)
    if not out.missing or policy != "trialgpt":
        return out
    if criterion_type == "exclusion":
        out.value, out.assumed = False, True
        out.note += "; assumed not met (not in the record)"
    elif isinstance(p, PregnancyPredicate) and p.state != "childbearing_potential":
        out.value, out.assumed = p.negated, True
        out.note += f"; assumed not {p.state}"
    return out


def evaluate_criterion(
    parsed: ParsedCriterion, facts: PatientFacts, *, policy: MissingPolicy = "trialgpt"
) -> CriterionResult:
    """Label one parsed criterion for a patient from its predicates.

    The label is ``not enough information`` with ``method="undetermined"`` when the predicates
    do not decide it (no predicates, an undecided residual, unknown values); the caller may
    then ask a judge.
    """
    ctype = parsed.criterion.type
    outcomes = [
        evaluate_predicate(p, facts, policy=policy, criterion_type=ctype) for p in parsed.predicates
    ]
    sentence_ids = sorted({i for o in outcomes for e in o.evidence for i in e.sentence_ids})
    assumed = any(o.assumed for o in outcomes)
    if any(o.not_applicable for o in outcomes):
        why = "; ".join(o.note for o in outcomes if o.not_applicable)
        return CriterionResult(
            criterion=parsed.criterion,
            label="not applicable",
            method="computed",
            outcomes=outcomes,
            residual=parsed.residual,
            explanation=why,
            sentence_ids=sentence_ids,
        )
    truth = _truth(parsed, outcomes, [o.value for o in outcomes])
    explanation = "; ".join(o.note for o in outcomes if o.note)
    if truth is None:
        parts = [explanation] if explanation else []
        if parsed.residual:
            parts.append(f"not computable: '{parsed.residual}'")
        parts += parsed.notes
        return CriterionResult(
            criterion=parsed.criterion,
            label="not enough information",
            method="undetermined",
            outcomes=outcomes,
            residual=parsed.residual,
            explanation="; ".join(parts),
            sentence_ids=sentence_ids,
        )
    # The label rests on the policy when it would be unknown without the assumed values.
    without = [None if o.assumed else o.value for o in outcomes]
    deciding_assumed = assumed and _truth(parsed, outcomes, without) is None
    return CriterionResult(
        criterion=parsed.criterion,
        label=label_for(ctype, truth),
        method="computed",
        outcomes=outcomes,
        residual=parsed.residual,
        explanation=explanation,
        sentence_ids=sentence_ids,
        assumed=deciding_assumed,
    )


def _truth(
    parsed: ParsedCriterion, outcomes: list[PredicateOutcome], values: list[bool | None]
) -> bool | None:
    """Combine predicate values: qualifiers (age, sex) AND the conditions joined by the mode,
    with an unread residual as one more unknown conjunct or alternative."""
    if not parsed.predicates:
        return None
    kinds = [o.predicate.kind for o in outcomes]
    qualifiers = [v for v, k in zip(values, kinds, strict=True) if k in ("age", "sex")]
    conditions = [v for v, k in zip(values, kinds, strict=True) if k not in ("age", "sex")]
    combined: bool | None = True
    if conditions:
        combined = and3(conditions) if parsed.mode == "all" else or3(conditions)
    if parsed.residual:
        pair = [combined, None]
        combined = and3(pair) if parsed.residual_role == "conjunct" else or3(pair)
    return and3([*qualifiers, combined])
