"""Turn eligibility criteria into computable predicates (age, sex, pregnancy, labs, diagnoses).

A criterion is read into a :class:`ParsedCriterion`: the predicates found in it, how they
combine, and the words left over (the *residual*). A criterion with predicates and no residual
is fully computable; one with a residual is partly computable (its predicates may still decide
it, see :mod:`m3agent.retrieval.trials.labels`); one with no predicates goes to the judge.

How parts combine: age and sex are qualifiers and always hold together with the rest ("Female
subjects with Kawasaki disease 12 years and older"). The other predicates ("conditions") are
joined as written: in an inclusion criterion "or" between them means any, otherwise all; in an
exclusion criterion a plain list ("pregnant and nursing women", "valvular heart disease and
cardiomyopathy") names several reasons to exclude, so any of them counts, while linking words
such as "with" make them joint.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from m3agent.calculators.units import UnitError
from m3agent.retrieval.trials.criteria import Criterion, CriterionType
from m3agent.retrieval.trials.diagnoses import find_diagnoses
from m3agent.retrieval.trials.lab_concepts import LAB_BY_KEY, concept_of_match, lab_name_pattern
from m3agent.retrieval.trials.quantities import (
    NUMBER,
    OPERATOR,
    Op,
    parse_number,
    parse_operator,
    read_unit,
    to_concept_unit,
)
from m3agent.retrieval.trials.trial import Trial

# --- Predicate models ------------------------------------------------------------------------


class AgePredicate(BaseModel):
    """Age within bounds (years). None means unbounded on that side."""

    kind: Literal["age"] = "age"
    min_years: float | None = None
    min_inclusive: bool = True
    max_years: float | None = None
    max_inclusive: bool = True
    text: str = ""

    def describe(self) -> str:
        """Return a short human-readable form."""
        parts = []
        if self.min_years is not None:
            parts.append(f"age {'≥' if self.min_inclusive else '>'} {self.min_years:g} y")
        if self.max_years is not None:
            parts.append(f"age {'≤' if self.max_inclusive else '<'} {self.max_years:g} y")
        return " and ".join(parts) or "any age"


class SexPredicate(BaseModel):
    """The patient's sex is one of ``allowed``.

    ``qualifier`` is True when the criterion says more than the sex ("Female subjects with
    Kawasaki disease"): a patient of the other sex is then outside the criterion's scope
    (*not applicable*) rather than failing it.
    """

    kind: Literal["sex"] = "sex"
    allowed: list[Literal["female", "male"]]
    qualifier: bool = False
    text: str = ""

    def describe(self) -> str:
        """Return a short human-readable form."""
        return "sex: " + " or ".join(self.allowed)


class PregnancyPredicate(BaseModel):
    """Pregnant, breastfeeding, or of childbearing potential (``negated``: not so)."""

    kind: Literal["pregnancy"] = "pregnancy"
    state: Literal["pregnant", "breastfeeding", "childbearing_potential"]
    negated: bool = False
    text: str = ""

    def describe(self) -> str:
        """Return a short human-readable form."""
        return ("not " if self.negated else "") + self.state.replace("_", " ")


class LabPredicate(BaseModel):
    """A lab or vital-sign value within bounds, in the concept's canonical unit.

    With ``relative_to_uln`` the bounds are multiples of the upper limit of normal, computable
    only when the patient's value comes with its reference range.
    ``concepts`` lists several quantities under one threshold ("AST or ALT > 3 × ULN"),
    combined by ``require``.
    """

    kind: Literal["lab"] = "lab"
    concepts: list[str]
    require: Literal["all", "any"] = "all"
    low: float | None = None
    low_inclusive: bool = True
    high: float | None = None
    high_inclusive: bool = True
    unit: str = ""
    relative_to_uln: bool = False
    unit_assumed: bool = False
    text: str = ""

    def describe(self) -> str:
        """Return a short human-readable form."""
        names = (
            f" {self.require} of ".join(LAB_BY_KEY[c].label for c in self.concepts)
            if len(self.concepts) > 1
            else LAB_BY_KEY[self.concepts[0]].label
        )
        unit = " × ULN" if self.relative_to_uln else (f" {self.unit}" if self.unit else "")
        parts = []
        if self.low is not None:
            parts.append(f"{'≥' if self.low_inclusive else '>'} {self.low:g}{unit}")
        if self.high is not None:
            parts.append(f"{'≤' if self.high_inclusive else '<'} {self.high:g}{unit}")
        return f"{names} " + " and ".join(parts)


class BloodPressurePredicate(BaseModel):
    """A blood pressure written as systolic/diastolic ("BP > 160/100 mmHg").

    Above a limit means either number above it; below a limit means both below it.
    """

    kind: Literal["blood_pressure"] = "blood_pressure"
    op: Op
    systolic: float
    diastolic: float
    text: str = ""

    def describe(self) -> str:
        """Return a short human-readable form."""
        return f"blood pressure {self.op} {self.systolic:g}/{self.diastolic:g} mmHg"


class DiagnosisPredicate(BaseModel):
    """The patient has (``negated``: does not have) a named diagnosis.

    ``modifier`` keeps a qualifying word written before the name ("uncontrolled",
    "severe"): a patient without the diagnosis fails the predicate whatever the modifier, but
    a patient with it cannot be decided from a diagnosis code.
    """

    kind: Literal["diagnosis"] = "diagnosis"
    concept: str
    negated: bool = False
    modifier: str | None = None
    text: str = ""

    def describe(self) -> str:
        """Return a short human-readable form."""
        name = self.concept.replace("_", " ")
        if self.modifier:
            name = f"{self.modifier} {name}"
        return ("no " if self.negated else "") + name


Predicate = Annotated[
    AgePredicate
    | SexPredicate
    | PregnancyPredicate
    | LabPredicate
    | BloodPressurePredicate
    | DiagnosisPredicate,
    Field(discriminator="kind"),
]


class ParsedCriterion(BaseModel):
    """A criterion with the predicates read from it.

    Attributes:
        criterion: The criterion.
        predicates: Predicates found, in text order.
        mode: How the non-qualifier predicates combine (``all`` or ``any``).
        residual: Content words no predicate accounts for ("" when fully read).
        residual_role: Whether the residual is one more condition that must also hold
            (``conjunct``) or one more alternative (``alternative``, in an "or" list).
        notes: Why parts could not be computed (e.g. a threshold relative to ULN).
    """

    criterion: Criterion
    predicates: list[Predicate] = Field(default_factory=list)
    mode: Literal["all", "any"] = "all"
    residual: str = ""
    residual_role: Literal["conjunct", "alternative"] = "conjunct"
    notes: list[str] = Field(default_factory=list)

    @property
    def computable(self) -> bool:
        """True when predicates account for the whole criterion."""
        return bool(self.predicates) and not self.residual


# --- Parsing ---------------------------------------------------------------------------------

_AGE_UNIT = r"(?:years?|yrs?|y/?o|months?|mos?|weeks?|wks?|days?)"
_AGE_UNIT_YEARS = {"y": 1.0, "m": 1 / 12, "w": 7 / 365.25, "d": 1 / 365.25}
_AGE_OPS = OPERATOR + r"|\b(?:older|younger)\s+than\b"
_SUBJECT = (
    r"(?:patients?|subjects?|participants?|individuals?|persons?|people|volunteers?|"
    r"adults?|children|men|women|males?|females?|boys?|girls?|infants?|adolescents?)"
)

_AGE_RANGE = re.compile(
    rf"(?P<pre>\bages?d?\b[\s:]*(?:of\s+)?(?:between\s+|from\s+)?|\bbetween\s+|\bfrom\s+)?"
    rf"(?P<a>{NUMBER})\s*(?P<ua>{_AGE_UNIT})?\s*(?:of\s+age\s*)?"
    rf"(?:-|–|to|and|through)\s*(?P<ubound><\s*|less\s+than\s+|under\s+|younger\s+than\s+)?"
    rf"(?P<b>{NUMBER})\s*(?P<ub>{_AGE_UNIT}|age\b)?(?P<post>\s*(?:of\s+age|old|of\s+life))?"
    rf"(?:\s*\(?(?P<incl>inclusive|included)\)?)?(?:\s*\(\s*[<≤]?\s*{NUMBER}\s*\))?",
    re.IGNORECASE,
)
_AGE_OP = re.compile(
    rf"(?P<pre>\bages?d?\b[\s:]*(?:of\s+|is\s+|must\s+be\s+|at\s+any\s+age\s+)?)?"
    rf"(?P<op>{_AGE_OPS})\s*(?P<n>{NUMBER})\s*(?P<u>{_AGE_UNIT})?"
    rf"(?P<post>\s*(?:of\s+age|old|of\s+life))?",
    re.IGNORECASE,
)
_AGE_POSTFIX = re.compile(
    rf"(?P<pre>\bages?d?\b[\s:]*(?:of\s+)?)?(?P<n>{NUMBER})\s*(?P<u>{_AGE_UNIT})\s*"
    rf"(?:of\s+age\s*|old\s*)?(?:or|and)\s+"
    rf"(?P<dir>older|above|over|more|greater|up|younger|below|less|under)\b",
    re.IGNORECASE,
)
_AGE_PLUS = re.compile(
    rf"(?:(?P<pre>\bages?d?\b[\s:]*)(?P<n1>{NUMBER})\s*\+|(?P<n2>{NUMBER})\s*\+\s*(?P<u>{_AGE_UNIT}))",
    re.IGNORECASE,
)
_FROM_BIRTH = re.compile(
    rf"\bfrom\s+birth\s+to\s*(?P<ubound><\s*|less\s+than\s+|under\s+)?(?P<b>{NUMBER})\s*"
    rf"(?P<ub>{_AGE_UNIT})(?:\s*of\s+age)?",
    re.IGNORECASE,
)
_ADULT = re.compile(r"\badults?\b(?![-\s]onset)", re.IGNORECASE)
_DURATION_BEFORE = re.compile(
    r"\b(?:within|in|for|during|last|past|previous|since|after|"
    r"before|prior|duration|history|interval|least)\s*$",
    re.IGNORECASE,
)
_DURATION_AFTER = re.compile(
    r"^\s*(?:ago|prior|before|since|after|of\s+(?:treatment|therapy|"
    r"follow|diagnosis|symptoms|onset|the)|post|from)\b",
    re.IGNORECASE,
)


def _age_years(n: str, unit: str | None) -> float:
    value = parse_number(n)
    if not unit or unit.lower().startswith("age"):
        return value
    return value * _AGE_UNIT_YEARS.get(unit.lower()[0], 1.0)


def _age_context(
    text: str, start: int, end: int, pre: str | None, post: str | None, unit: str | None
) -> bool:
    """Whether a number with a time unit is an age, not a duration ("within 6 months")."""
    if pre or post:
        return True
    if not unit or not unit.lower().startswith("y"):
        return False
    before = text[max(0, start - 30) : start]
    if _DURATION_BEFORE.search(before) or _DURATION_AFTER.search(text[end : end + 25]):
        return False
    return True


class _Span(BaseModel):
    start: int
    end: int


def _parse_age(text: str) -> tuple[list[AgePredicate], list[_Span]]:
    preds: list[AgePredicate] = []
    spans: list[_Span] = []

    def taken(s: int, e: int) -> bool:
        return any(not (e <= x.start or s >= x.end) for x in spans)

    for m in _FROM_BIRTH.finditer(text):
        high = _age_years(m.group("b"), m.group("ub"))
        preds.append(
            AgePredicate(
                min_years=0, max_years=high, max_inclusive=not m.group("ubound"), text=m.group(0)
            )
        )
        spans.append(_Span(start=m.start(), end=m.end()))
    for m in _AGE_RANGE.finditer(text):
        if taken(m.start(), m.end()):
            continue
        unit_b = m.group("ub")
        if not (m.group("pre") or unit_b or m.group("post")):
            continue
        if not (m.group("pre") or m.group("post") or (unit_b and unit_b.lower().startswith("age"))):
            # Bare "18-65 years": an age when it opens the criterion or follows a subject word.
            before = text[: m.start()].strip().lower()
            if before and not re.search(rf"{_SUBJECT}\s*(?:aged?|,)?$", before, re.IGNORECASE):
                continue
        low = _age_years(m.group("a"), m.group("ua") or unit_b)
        high = _age_years(m.group("b"), unit_b)
        if low > high:
            continue
        preds.append(
            AgePredicate(
                min_years=low, max_years=high, max_inclusive=not m.group("ubound"), text=m.group(0)
            )
        )
        spans.append(_Span(start=m.start(), end=m.end()))
    for m in _AGE_POSTFIX.finditer(text):
        if taken(m.start(), m.end()):
            continue
        if not _age_context(text, m.start(), m.end(), m.group("pre"), "postfix", m.group("u")):
            continue
        value = _age_years(m.group("n"), m.group("u"))
        if m.group("dir").lower() in ("older", "above", "over", "more", "greater", "up"):
            preds.append(AgePredicate(min_years=value, text=m.group(0)))
        else:
            preds.append(AgePredicate(max_years=value, text=m.group(0)))
        spans.append(_Span(start=m.start(), end=m.end()))
    for m in _AGE_OP.finditer(text):
        if taken(m.start(), m.end()):
            continue
        unit = m.group("u")
        if not _age_context(text, m.start(), m.end(), m.group("pre"), m.group("post"), unit):
            continue
        op_text = m.group("op").lower()
        op: Op = (
            ">"
            if op_text.startswith("older")
            else "<"
            if op_text.startswith("younger")
            else parse_operator(m.group("op"))
        )
        value = _age_years(m.group("n"), unit)
        if op in (">", ">="):
            preds.append(AgePredicate(min_years=value, min_inclusive=op == ">=", text=m.group(0)))
        elif op in ("<", "<="):
            preds.append(AgePredicate(max_years=value, max_inclusive=op == "<=", text=m.group(0)))
        else:
            continue
        spans.append(_Span(start=m.start(), end=m.end()))
    for m in _AGE_PLUS.finditer(text):
        if taken(m.start(), m.end()):
            continue
        value = _age_years(m.group("n1") or m.group("n2"), m.group("u"))
        preds.append(AgePredicate(min_years=value, text=m.group(0)))
        spans.append(_Span(start=m.start(), end=m.end()))
    if not preds:
        m = _ADULT.search(text)
        if m:
            # Adults: 18 or older, the age of majority for consent to research in most
            # jurisdictions (45 CFR 46.402 defers to local law; 18 in nearly all US states).
            preds.append(AgePredicate(min_years=18, text=m.group(0)))
            spans.append(_Span(start=m.start(), end=m.end()))
    return preds, spans


_SEX_ANY = re.compile(
    r"\b(?:males?|men|man|boys?)\s*(?:and/or|and|or|&|/|,)\s*(?:females?|women|woman|girls?)\b"
    r"|\b(?:females?|women|woman|girls?)\s*(?:and/or|and|or|&|/|,)\s*(?:males?|men|man|boys?)\b"
    r"|\bboth\s+(?:sexes|genders)\b|\beither\s+(?:sex|gender)\b|\ball\s+(?:sexes|genders)\b"
    r"|\b(?:of\s+)?(?:any|either)\s+(?:sex|gender)\b",
    re.IGNORECASE,
)
_FEMALE = re.compile(r"\b(?:females?|women|woman|girls?|ladies|lady)\b", re.IGNORECASE)
_MALE = re.compile(r"\b(?:males?|men|man|boys?)\b", re.IGNORECASE)
_IF_SEX = re.compile(r"^\s*if\s+(?:female|male|a\s+woman|a\s+man)\b", re.IGNORECASE)

_PREGNANT = re.compile(
    r"\b(?:(?:non|not)[-\s]?)?(?:pregnan(?:t|cy|cies)|gravid)\b"
    r"(?:\s+(?:women|females|patients|subjects|participants))?",
    re.IGNORECASE,
)
_BREASTFEEDING = re.compile(
    r"\b(?:lactating|lactation|breast[-\s]?feeding|breast[-\s]?fed|nursing\s+(?:women|mothers)"
    r"|(?<=and\s)nursing|(?<=or\s)nursing|nursing(?=\s*(?:[,.;)]|$)))\b"
    r"(?:\s+(?:women|females|mothers|patients))?",
    re.IGNORECASE,
)
_CHILDBEARING = re.compile(
    r"\b(?:women|females?)?\s*(?:of\s+)?(?:child[-\s]?bearing|reproductive)\s+(?:potential|age)"
    r"|\bwocbp\b",
    re.IGNORECASE,
)
_PREG_PLAN = re.compile(
    r"\b(?:become|becoming|get|getting|planning|planned|plan|plans|desire|desires|wish|wishes|intend|"
    r"intends|attempting|trying|want|wants)\b(?:\s+\w+){0,2}\s*$",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:no|not|without|non|never|absence\s+of|free\s+of|negative\s+for|lack\s+of|"
    r"ruled\s+out|neither|nor)\b",
    re.IGNORECASE,
)
_OPTIONAL = re.compile(r"\bwith\s+or\s+without\b|\bwith(?:out)?\s*/\s*with(?:out)?\b",
                       re.IGNORECASE)
_BREAK = re.compile(
    r"\b(?:but|however|although|except|other\s+than|unless|excluding)\b|[;:.]", re.IGNORECASE
)
_EXCEPTION = re.compile(
    r"\b(?:except(?:\s+for)?|other\s+than|excluding|with\s+the\s+exception"
    r"\s+of|apart\s+from)\b",
    re.IGNORECASE,
)


def _negated_before(text: str, start: int) -> bool:
    """Whether a negation governs the mention at ``start`` (same clause, no "but")."""
    clause_start = 0
    for m in _BREAK.finditer(text, 0, start):
        clause_start = m.end()
    # "with or without X" makes X optional, not absent.
    prefix = _OPTIONAL.sub(" ", text[clause_start:start])
    return bool(_NEGATION.search(prefix))


def _optional_before(text: str, start: int) -> bool:
    """Whether "with or without" governs the mention at ``start`` (same clause)."""
    clause_start = 0
    for m in _BREAK.finditer(text, 0, start):
        clause_start = m.end()
    return bool(_OPTIONAL.search(text[clause_start:start]))


def _after_exception(text: str, start: int) -> bool:
    clause_start = max((m.end() for m in re.finditer(r"[;.]", text[:start])), default=0)
    return bool(_EXCEPTION.search(text[clause_start:start]))


def _parse_pregnancy(
    text: str,
) -> tuple[list[tuple[PregnancyPredicate, _Span]], list[_Span], list[str]]:
    """Pregnancy-related predicates, plus spans consumed without a predicate, plus notes."""
    hits: list[tuple[PregnancyPredicate, _Span]] = []
    consumed: list[_Span] = []
    notes: list[str] = []
    found: list[
        tuple[re.Match[str], Literal["pregnant", "breastfeeding", "childbearing_potential"]]
    ] = []
    found += [(m, "childbearing_potential") for m in _CHILDBEARING.finditer(text)]
    found += [(m, "pregnant") for m in _PREGNANT.finditer(text)]
    found += [(m, "breastfeeding") for m in _BREASTFEEDING.finditer(text)]
    for m, state in sorted(found, key=lambda x: x[0].start()):
        span = _Span(start=m.start(), end=m.end())
        if any(
            not (span.end <= s.start or span.start >= s.end)
            for s in consumed + [h[1] for h in hits]
        ):
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if state == "pregnant" and _PREG_PLAN.search(before):
            notes.append(f"'{m.group(0)}' names a plan or wish, not a state")
            continue
        if (
            state == "pregnant"
            and re.match(r"\s*tests?\b", text[m.end() :])
            and not re.search(r"\b(?:positive|negative)\s*$", before, re.IGNORECASE)
        ):
            consumed.append(span)  # "as confirmed by pregnancy test": no new condition
            continue
        negated = m.group(0).lower().startswith(("non", "not")) or _negated_before(text, m.start())
        if state == "pregnant" and re.search(r"\bnegative\s*$", before, re.IGNORECASE):
            negated = True
        if any(p.state == state and p.negated == negated for p, _ in hits):
            consumed.append(span)
            continue
        hits.append((PregnancyPredicate(state=state, negated=negated, text=m.group(0)), span))
    return hits, consumed, notes


_BP = re.compile(
    rf"\b(?:(?:blood\s+pressure|(?-i:BP)|hypertension)\s*(?:of|:|is)?\s*)"
    rf"(?P<op>{OPERATOR})\s*(?P<s>\d{{2,3}})\s*/\s*(?P<d>\d{{2,3}})\s*(?:mm\s*(?:of\s*)?hg)?",
    re.IGNORECASE,
)
_ULN = re.compile(
    r"^\s*(?:x|×|\*|times|-?fold)?\s*(?:the\s+)?(?:institutional\s+|site\s+)?"
    r"(?:upper\s+(?:limits?|levels?)\s+(?:of\s+)?(?:the\s+)?normal(?:\s+range)?|(?-i:ULN)"
    r"|upper\s+normal\s+limit|(?-i:UNL)|upper\s+limits?\b"
    r"|(?:standard|normal|reference)\s+range(?:\s+(?:of\s+the\s+)?institution)?)"
    r"(?:\s*[({]\s*(?-i:ULN)\s*[)}])?",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twice": 2,
}
_LAB_GAP = re.compile(
    r"^\s*(?:\([^()<>=≤≥\d]{0,30}\)\s*)?(?:(?:levels?|counts?|values?|concentration|results?|of|is|was|"
    r"must\s+be|should\s+be|at\s+screening|:|,|-|\()\s*){0,4}",
    re.IGNORECASE,
)
_LAB_OP_VALUE = re.compile(
    rf"^(?P<op>{OPERATOR})\s*(?P<n>{NUMBER}|"
    rf"{'|'.join(_NUMBER_WORDS)})",
    re.IGNORECASE,
)
_LAB_RANGE = re.compile(
    rf"^(?:between\s+|from\s+|of\s+)?(?P<a>{NUMBER})\s*(?P<ua>%|[a-zµμ/.^\d ]{{0,12}}?)?\s*"
    rf"(?:-|–|to|and)\s*(?P<b>{NUMBER})",
    re.IGNORECASE,
)
_LAB_ULN_ONLY = re.compile(
    rf"^(?P<n>{NUMBER}|{'|'.join(_NUMBER_WORDS)})\s*(?=(?:x|×|times|-?fold)\s)", re.IGNORECASE
)
_LIST_JOIN = re.compile(r"^\s*(?:\([^()]{0,20}\)\s*)?(?P<j>and/or|or|and|/|,)\s*", re.IGNORECASE)


def _number(text: str) -> float:
    low = text.lower()
    return float(_NUMBER_WORDS[low]) if low in _NUMBER_WORDS else parse_number(text)


class _LabHit(BaseModel):
    pred: LabPredicate
    start: int
    end: int


def _bounds(op: Op, value: float) -> dict[str, float | bool]:
    if op == ">":
        return {"low": value, "low_inclusive": False}
    if op == ">=":
        return {"low": value, "low_inclusive": True}
    if op == "<":
        return {"high": value, "high_inclusive": False}
    if op == "<=":
        return {"high": value, "high_inclusive": True}
    return {"low": value, "high": value}


def _parse_labs(text: str) -> tuple[list[_LabHit], list[str], list[_Span]]:
    hits: list[_LabHit] = []
    notes: list[str] = []
    mentions: list[_Span] = []
    names: list[re.Match[str]] = []
    for m in lab_name_pattern().finditer(text):
        # "Aspartate aminotransferase (AST)": the abbreviation repeats the name.
        if (
            names
            and concept_of_match(names[-1]).key == concept_of_match(m).key
            and re.fullmatch(r"\s*\(\s*", text[names[-1].end() : m.start()])
            and re.match(r"\s*\)", text[m.end() :])
        ):
            continue
        names.append(m)
    i = 0
    while i < len(names):
        first = names[i]
        group = [concept_of_match(first).key]
        require: Literal["all", "any"] = "all"
        end = first.end()
        j = i
        # "AST or ALT > 3 x ULN", "AST/ALT ≤ 2.5 ULN", "ALP, ALT, AST or bilirubin > 5 x ULN":
        # one threshold for a list of names. A comma joins only a list closed by "or"/"and".
        joins: list[str] = []
        ends = [end]
        while j + 1 < len(names):
            join = _LIST_JOIN.match(text[end : names[j + 1].start()] + " ")
            if not join or end + join.end() < names[j + 1].start() - 1:
                break
            joins.append(join.group("j").lower())
            j += 1
            group.append(concept_of_match(names[j]).key)
            end = names[j].end()
            ends.append(end)
        if "," in joins and not any(x != "," for x in joins):
            keep = joins.index(",")
            j, group, end, joins = i + keep, group[: keep + 1], ends[keep], joins[:keep]
        if "or" in joins or "and/or" in joins:
            require = "any"
        mentions.append(_Span(start=first.start(), end=end))
        i = j + 1
        gap = _LAB_GAP.match(text[end:])
        pos = end + (gap.end() if gap else 0)
        rest = text[pos:]
        concept = LAB_BY_KEY[group[0]]
        m = _LAB_OP_VALUE.match(rest)
        bounds: dict[str, float | bool] = {}
        value_end = pos
        raw_value: float
        unit: str | None
        if m:
            op = parse_operator(m.group("op"))
            raw_value = _number(m.group("n"))
            unit, used = read_unit(rest[m.end() :])
            value_end = pos + m.end() + used
            raw_bounds = ("op", op)
        else:
            r = _LAB_RANGE.match(rest)
            u = _LAB_ULN_ONLY.match(rest)
            if r:
                unit, used = read_unit(rest[r.end() :])
                unit_a = read_unit(r.group("ua") or "")[0]
                unit = unit or unit_a
                raw_bounds = ("range", (parse_number(r.group("a")), parse_number(r.group("b"))))
                raw_value = parse_number(r.group("a"))
                value_end = pos + r.end() + used
            elif u:
                op = ">="  # "AST three times the upper limit": at or above the multiple
                raw_value = _number(u.group("n"))
                unit, used = None, 0
                value_end = pos + u.end()
                raw_bounds = ("op", op)
            else:
                continue
        uln = _ULN.match(text[value_end:])
        if (
            not uln
            and unit is None
            and re.match(r"\s*(?:x|×|times|-?fold)(?:\W|$)", text[value_end:], re.IGNORECASE)
        ):
            notes.append(f"{concept.label}: a multiple of an unrecognised reference value")
            continue
        if uln:
            value_end += uln.end()
            kind, payload = raw_bounds
            if kind == "op":
                bounds = _bounds(payload, raw_value)  # type: ignore[arg-type]
            else:
                a, b = payload  # type: ignore[misc]
                bounds = {"low": a, "high": b}
            pred = LabPredicate(
                concepts=group,
                require=require,
                relative_to_uln=True,
                text=text[first.start() : value_end],
                **bounds,
            )  # type: ignore[arg-type]
            hits.append(_LabHit(pred=pred, start=first.start(), end=value_end))
            continue
        try:
            kind, payload = raw_bounds
            if kind == "op":
                value, assumed = to_concept_unit(raw_value, unit, concept)
                bounds = _bounds(payload, value)  # type: ignore[arg-type]
            else:
                a, b = payload  # type: ignore[misc]
                lo, assumed = to_concept_unit(a, unit, concept)
                hi, _ = to_concept_unit(b, unit, concept)
                bounds = {"low": lo, "high": hi}
        except UnitError as exc:
            notes.append(f"{concept.label}: {exc.message}")
            continue
        lo_ok, hi_ok = concept.plausible
        if any(
            isinstance(v, float) and not isinstance(v, bool) and not lo_ok <= v <= hi_ok
            for k, v in bounds.items()
            if k in ("low", "high")
        ):
            notes.append(
                f"{concept.label}: threshold outside the plausible range "
                f"{lo_ok:g}-{hi_ok:g} {concept.unit}; not read"
            )
            continue
        if len(group) > 1 and any(LAB_BY_KEY[c].kind != concept.kind for c in group):
            notes.append(f"one threshold for quantities of different kinds: {', '.join(group)}")
            continue
        pred = LabPredicate(
            concepts=group,
            require=require,
            unit=concept.unit,
            unit_assumed=assumed,
            text=text[first.start() : value_end],
            **bounds,
        )  # type: ignore[arg-type]
        hits.append(_LabHit(pred=pred, start=first.start(), end=value_end))
    return hits, notes, mentions


# Words that carry no eligibility content of their own once predicates are read.
_FILLER = frozenset(
    """
a an the and or of with without in on at to for by as from who whom which that this these those
is are was were be been being has have had having must should will can may shall also both either
any all each per than more less equal greater higher lower fewer least most no not non
patient patients subject subjects participant participants individual individuals person persons
people population case cases candidate candidates
history hx known documented diagnosis diagnosed diagnoses clinical clinically confirmed
established existing prior previous previously presence present evidence ever
age aged ages year years yr yrs old y yo of_age
level levels value values serum plasma blood count counts concentration measured measurement
result results test tests testing laboratory lab labs screening baseline visit time enrollment
enrolment entry randomization randomisation inclusive included study trial
ie eg etc defined define definition as shown adult adults only exclusively
uln institutional institution standard per
disease diseases disorder disorders condition conditions mellitus type
sex sexes gender genders female females male males women woman men man girls boys
""".split()
)

# Qualifiers that narrow a diagnosis; a code cannot tell whether they hold.
_MODIFIER = re.compile(
    r"\b(?P<m>uncontrolled|poorly\s+controlled|unstable|severe|decompensated|advanced|active|"
    r"significant|clinically\s+significant|symptomatic|refractory|acute|chronic|recurrent|"
    r"moderate|mild|newly\s+diagnosed|untreated|treated|stable|controlled|end[-\s]stage|"
    r"metastatic|progressive|current|concurrent|recent|ongoing)"
    r"(?:\s+(?:or|and|to)\s+\w+)?\s+$",
    re.IGNORECASE,
)
_DEFINITION = re.compile(
    r"\(|\bdefined\s+(?:as|by)\b|\bas\s+(?:shown|evidenced|defined)\s+by\b"
    r"|\bi\.?e\.?\b|:",
    re.IGNORECASE,
)


def _residual(text: str, spans: list[_Span]) -> str:
    chars = list(text)
    for s in spans:
        for k in range(s.start, min(s.end, len(chars))):
            chars[k] = " "
    rest = "".join(chars)
    words = re.findall(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]|\d+(?:\.\d+)?", rest)
    kept = [w for w in words if w.lower() not in _FILLER and w.lower().strip("'") not in _FILLER]
    return " ".join(kept)


def _mode(text: str, spans: list[_Span], criterion_type: CriterionType) -> Literal["all", "any"]:
    if len(spans) < 2:
        return "all"
    ordered = sorted(spans, key=lambda s: s.start)
    gaps = [
        text[a.end : b.start].strip().lower() for a, b in zip(ordered, ordered[1:], strict=False)
    ]
    if criterion_type == "inclusion":
        return "any" if any(re.search(r"\bor\b|/", g) for g in gaps) else "all"
    plain = re.compile(
        r"^(?:[,;/&]|\band\b|\bor\b|and/or|as\s+well\s+as|\s|\(|\)|\bwith\s+or\s+"
        r"without\b|\bnursing\b|\bwomen\b)*$"
    )
    return "any" if all(plain.match(g) for g in gaps) else "all"


class _Reading:
    """The state of reading one criterion: predicates found and the text they cover."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.preds: list[tuple[int, Predicate]] = []
        self.qualifier_spans: list[_Span] = []
        self.condition_spans: list[_Span] = []
        self.notes: list[str] = []

    def free(self, start: int, end: int) -> bool:
        """Whether no predicate covers any of ``text[start:end]`` yet."""
        return all(end <= x.start or start >= x.end for x in self.spans)

    @property
    def spans(self) -> list[_Span]:
        return self.qualifier_spans + self.condition_spans

    def add(self, pred: Predicate, start: int, end: int, *, qualifier: bool = False) -> None:
        self.preds.append((start, pred))
        (self.qualifier_spans if qualifier else self.condition_spans).append(
            _Span(start=start, end=end)
        )


def _read_blood_pressure_and_labs(r: _Reading) -> list[_Span]:
    for m in _BP.finditer(r.text):
        if r.free(m.start(), m.end()):
            pred = BloodPressurePredicate(
                op=parse_operator(m.group("op")),
                systolic=float(m.group("s")),
                diastolic=float(m.group("d")),
                text=m.group(0),
            )
            r.add(pred, m.start(), m.end())
    hits, notes, mentions = _parse_labs(r.text)
    r.notes += notes
    for hit in hits:
        if r.free(hit.start, hit.end):
            r.add(hit.pred, hit.start, hit.end)
    return mentions


def _read_pregnancy(r: _Reading) -> None:
    hits, consumed, notes = _parse_pregnancy(r.text)
    r.notes += notes
    for pred, span in hits:
        if r.free(span.start, span.end):
            r.add(pred, span.start, span.end)
    r.condition_spans += [s for s in consumed if r.free(s.start, s.end)]


def _read_diagnoses(r: _Reading) -> None:
    text = r.text
    for mention in find_diagnoses(text):
        if not r.free(mention.start, mention.end):
            continue
        if re.match(
            r"\s*(?:screening|tests?|vaccin\w*|prevention)\b", text[mention.end :], re.IGNORECASE
        ):
            continue  # "cervical cancer screening" is a procedure, not the disease
        if _after_exception(text, mention.start):
            r.notes.append(f"'{mention.text}' is named as an exception")
            continue
        if _optional_before(text, mention.start):
            # "with or without hypertension": optional, so it neither includes nor excludes.
            r.notes.append(f"'{mention.text}' is optional ('with or without')")
            r.condition_spans.append(_Span(start=mention.start, end=mention.end))
            continue
        negated = _negated_before(text, mention.start)
        modifier = _MODIFIER.search(text[: mention.start])
        start = modifier.start() if modifier else mention.start
        repeated = any(
            isinstance(p, DiagnosisPredicate)
            and p.concept == mention.concept
            and p.negated == negated
            for _, p in r.preds
        )
        if repeated:  # "IDDM (Type-1 diabetes mellitus)": one predicate
            r.condition_spans.append(_Span(start=start, end=mention.end))
            continue
        pred = DiagnosisPredicate(
            concept=mention.concept,
            negated=negated,
            text=text[start : mention.end],
            modifier=modifier.group("m").lower() if modifier else None,
        )
        r.add(pred, start, mention.end)


def _read_sex(r: _Reading) -> None:
    text = r.text
    any_sex = list(_SEX_ANY.finditer(text))
    if any_sex:
        r.add(
            SexPredicate(allowed=["female", "male"], text=any_sex[0].group(0)),
            any_sex[0].start(),
            any_sex[0].end(),
            qualifier=True,
        )
        r.qualifier_spans += [_Span(start=m.start(), end=m.end()) for m in any_sex[1:]]
    else:
        fem = [m for m in _FEMALE.finditer(text) if r.free(m.start(), m.end())]
        mal = [m for m in _MALE.finditer(text) if r.free(m.start(), m.end())]
        if fem and mal:
            r.notes.append("both sexes named separately; sex is not read")
        elif fem or mal:
            found = fem or mal
            sex: Literal["female", "male"] = "female" if fem else "male"
            r.add(
                SexPredicate(allowed=[sex], text=found[0].group(0)),
                found[0].start(),
                found[0].end(),
                qualifier=True,
            )
            r.qualifier_spans += [_Span(start=m.start(), end=m.end()) for m in found[1:]]
    conditional = _IF_SEX.match(text)
    if conditional:
        r.qualifier_spans.append(_Span(start=0, end=conditional.end()))


def _apply_definition(r: _Reading, residual: str) -> str:
    """Read "Adequate renal function (creatinine ≤ 1.5 mg/dL)" as its threshold.

    When the words before a parenthesis, colon, "defined as" or "i.e." are left over (or name
    a diagnosis) and everything after it is read as thresholds, the leading words are the term
    the thresholds define: they are dropped, with a note.
    """
    starts = [s for s, p in r.preds if p.kind in ("lab", "blood_pressure")]
    if not starts:
        return residual
    definition = _DEFINITION.search(r.text[: min(starts) + 1])
    if definition is None:
        return residual
    cut = definition.start()
    defined_diagnosis = any(isinstance(p, DiagnosisPredicate) and s < cut for s, p in r.preds)
    rest = [_Span(start=s.start - cut, end=s.end - cut) for s in r.spans if s.start >= cut]
    if not (residual or defined_diagnosis) or _residual(r.text[cut:], rest):
        return residual
    r.notes.append(f"'{r.text[:cut].strip(' ,')}' read as defined by its threshold")
    # "uncontrolled hypertension (SBP ≥ 160 ...)": the threshold, not a diagnosis of its own.
    r.preds = [(s, p) for s, p in r.preds if not (isinstance(p, DiagnosisPredicate) and s < cut)]
    r.condition_spans = [s for s in r.condition_spans if s.start >= cut]
    return ""


def parse_criterion(criterion: Criterion) -> ParsedCriterion:
    """Read the predicates in one criterion.

    Returns:
        The parsed criterion; ``computable`` tells whether it was read completely.
    """
    text = criterion.text
    r = _Reading(text)
    age_preds, age_spans = _parse_age(text)
    for pred, span in zip(age_preds, age_spans, strict=True):
        r.add(pred, span.start, span.end, qualifier=True)
    lab_mentions = _read_blood_pressure_and_labs(r)
    _read_pregnancy(r)
    _read_diagnoses(r)
    _read_sex(r)  # last: "pregnant women" has already taken "women"

    residual = _apply_definition(r, _residual(text, r.spans))
    if not residual:
        # A lab named without a threshold the parser could read is content it missed.
        unread = [m for m in lab_mentions if r.free(m.start, m.end)]
        residual = text[unread[0].start : unread[0].end] if unread else ""
    ordered = [p for _, p in sorted(r.preds, key=lambda x: x[0])]
    has_other = bool(residual) or any(p.kind != "sex" for p in ordered)
    for p in ordered:
        if isinstance(p, SexPredicate):
            p.qualifier = has_other or bool(_IF_SEX.match(text))
    mode = _mode(text, r.condition_spans, criterion.type)
    # The unread rest is one more alternative when the criterion lists with "or" outside its
    # predicates ("diabetes or other endocrine disease"), else one more condition.
    blanked = list(text)
    for span in r.spans:
        blanked[span.start : span.end] = " " * (span.end - span.start)
    listed_or = bool(re.search(r"\bor\b", "".join(blanked), re.IGNORECASE))
    role: Literal["conjunct", "alternative"] = (
        "alternative" if mode == "any" or listed_or else "conjunct"
    )
    if any(p.kind == "pregnancy" for p in ordered) and all(
        p.kind in ("pregnancy", "sex", "age") for p in ordered
    ):
        # Pregnant / breastfeeding / of childbearing potential: any of the states; other
        # words qualify them ("term pregnancy").
        mode, role = "any", "conjunct"
    return ParsedCriterion(
        criterion=criterion,
        predicates=ordered,
        mode=mode,
        residual=residual,
        residual_role=role,
        notes=r.notes,
    )


def structured_criteria(trial: Trial) -> list[ParsedCriterion]:
    """Criteria made from the registry's structured fields: age range and sex.

    These are inclusion criteria with ``source="structured"``; trials in TrialGPT's format
    carry no such fields and yield none.
    """
    out: list[ParsedCriterion] = []
    if trial.min_age_years is not None or trial.max_age_years is not None:
        pred = AgePredicate(min_years=trial.min_age_years, max_years=trial.max_age_years)
        crit = Criterion(
            type="inclusion",
            index=-1,
            source="structured",
            text=f"Registry age limits: {pred.describe()}",
        )
        out.append(ParsedCriterion(criterion=crit, predicates=[pred]))
    if trial.sex != "ALL":
        sex: Literal["female", "male"] = "female" if trial.sex == "FEMALE" else "male"
        crit = Criterion(
            type="inclusion", index=-2, source="structured", text=f"Registry sex: {trial.sex}"
        )
        out.append(ParsedCriterion(criterion=crit, predicates=[SexPredicate(allowed=[sex])]))
    return out
