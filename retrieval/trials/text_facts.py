"""Read :class:`PatientFacts` out of a free-text patient note with regular expressions.

TrialGPT's patients are short case descriptions ("A 58-year-old African-American woman presents
... She denies smoking, diabetes ..."). This extractor finds age, sex, pregnancy and
breastfeeding, lab and vital-sign values with units, and named diagnoses, noting for each fact
the sentences it was read from, and which diagnoses the note states are absent (a NegEx-style
negation window: a trigger earlier in the same clause, e.g. Chapman et al., J Biomed Inform
2001;34:301-310). Facts about relatives ("family history of heart disease") and suspected
diagnoses ("rule out pneumonia") are left out.
"""

from __future__ import annotations

import re

from m3agent.calculators.units import UnitError
from m3agent.retrieval.trials.diagnoses import find_diagnoses
from m3agent.retrieval.trials.lab_concepts import LabConcept, concept_of_match, lab_name_pattern
from m3agent.retrieval.trials.patient import Condition, FactEvidence, LabValue, PatientFacts
from m3agent.retrieval.trials.quantities import NUMBER, parse_number, read_unit, to_concept_unit

_NUMBERED = re.compile(r"^\s*(\d+)\.\s+(.*)$")
_ABBREV = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|St|vs|approx|e\.g|i\.e|No|Fig|etc)\.$", re.IGNORECASE)


def split_sentences(text: str) -> list[str]:
    r"""Split a note into sentences.

    A note already numbered one sentence a line (``"0. ...\n1. ..."``, the form of TrialGPT's
    criterion annotations) keeps its numbering; otherwise sentences end at ``.``, ``!`` or ``?``
    followed by a capital letter or digit, except after common abbreviations and inside numbers.
    """
    lines = [ln for ln in text.splitlines() if ln.strip()]
    numbered = [_NUMBERED.match(ln) for ln in lines]
    if lines and all(numbered):
        ids = [int(m.group(1)) for m in numbered if m]
        if ids == list(range(len(ids))):
            return [m.group(2).strip() for m in numbered if m]
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        flat = re.sub(r"\s+", " ", paragraph).strip()
        start = 0
        for m in re.finditer(r"[.!?](?=\s+[A-Z0-9(\"'])", flat):
            piece = flat[start : m.end()]
            if _ABBREV.search(piece) or re.search(r"(?<!\d )\b[A-Z]\.$", piece):
                continue
            out.append(piece.strip())
            start = m.end()
        if flat[start:].strip():
            out.append(flat[start:].strip())
    return out


_AGE_PATTERNS = [
    re.compile(
        rf"\b(?P<n>{NUMBER})[-\s]*(?P<u>year|yr|month|week|day)s?[-\s]*old\b", re.IGNORECASE
    ),
    re.compile(rf"\b(?P<n>{NUMBER})[-\s]?(?:yo|y/o|y\.o\.)(?=\W|$)", re.IGNORECASE),
    re.compile(
        rf"\bage[sd]?\s*(?:of\s+)?(?P<n>{NUMBER})\b(?!\s*(?:%|mg|g/|mmol|kg))", re.IGNORECASE
    ),
]
_NEWBORN = re.compile(r"\b(?:newborn|neonate|new-born)\b", re.IGNORECASE)
_UNIT_YEARS = {"y": 1.0, "m": 1 / 12, "w": 7 / 365.25, "d": 1 / 365.25}

_FEMALE_NOUN = re.compile(r"\b(?:woman|female|girl|lady|mother|wife|daughter)\b", re.IGNORECASE)
_MALE_NOUN = re.compile(r"\b(?:man|male|boy|gentleman|father|husband|son)\b", re.IGNORECASE)
_FEMALE_PRONOUN = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_MALE_PRONOUN = re.compile(r"\b(?:he|his|him|himself)\b", re.IGNORECASE)

_NOTE_NEGATION = re.compile(
    r"\b(?:no|not|denies|denied|denying|without|negative\s+for|free\s+of|ruled\s+out|never|"
    r"absence\s+of|nor|none|neither|unremarkable\s+for)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"\b(?:but|however|although|though|yet|except|which|who)\b|[;:.]", re.IGNORECASE
)
_OTHER_PERSON = re.compile(
    r"\b(?:family\s+history|mother|father|sister|brother|sibling|siblings|parents?|aunt|uncle|"
    r"grand(?:mother|father|parents?)|cousin|son|daughter|husband|wife|partner)\b",
    re.IGNORECASE,
)
_UNCERTAIN = re.compile(
    r"\b(?:possible|possibly|probable|suspected|suspicion\s+of|suspicious\s+for|concern\s+for|"
    r"rule\s+out|r/o|risk\s+(?:of|for)|to\s+exclude|differential|screening\s+for|"
    r"evaluat\w+\s+for|work-?up\s+for|versus|vs\.?|consistent\s+with\s+either)\b",
    re.IGNORECASE,
)
_NONSMOKER = re.compile(r"\bnon-?smok(?:er|ing)\b", re.IGNORECASE)

_PREGNANT = re.compile(
    r"\bpregnan(?:t|cy)\b|\b\d{1,2}\s*weeks?\s+(?:of\s+)?(?:gestation|pregnant)"
    r"|\bG\d+\s*P\d+\b|\bgravida\b",
    re.IGNORECASE,
)
_NOT_PREGNANT = re.compile(
    r"\b(?:not\s+pregnant|negative\s+(?:urine\s+|serum\s+)?(?:pregnancy|hcg|β-?hcg|beta-?hcg)"
    r"(?:\s+test)?|(?:pregnancy|hcg|β-?hcg|beta-?hcg)\s+(?:test\s+)?(?:was\s+|is\s+)?negative|"
    r"denies\s+(?:any\s+)?(?:possibility\s+of\s+)?pregnancy|post-?partum|post-?menopausal|"
    r"gave\s+birth|delivered)\b",
    re.IGNORECASE,
)
_BREASTFEEDING = re.compile(
    r"\b(?:breast-?\s?feeding|lactating|nursing\s+(?:her|a|an)\b)", re.IGNORECASE
)
_BP = re.compile(
    r"\b(?:blood\s+pressure|(?-i:BP))\s*(?:of|is|was|:|=|at)?\s*(?P<s>\d{2,3})\s*/\s*(?P<d>\d{2,3})"
    r"\s*(?P<u>mm\s*hg)?",
    re.IGNORECASE,
)
_VALUE_GAP = re.compile(
    r"^\s*(?:\([^()]{0,15}\)\s*)?(?:(?:levels?|counts?|of|was|is|were|are|:|=|at|measured|"
    r"value|values|elevated\s+to|increased\s+to|decreased\s+to|low|high|raised)\s*){0,4}",
    re.IGNORECASE,
)


def _clause_prefix(sentence: str, start: int) -> str:
    clause_start = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        clause_start = m.end()
    return sentence[clause_start:start]


def _age(sentences: list[str]) -> tuple[float | None, FactEvidence | None]:
    for i, s in enumerate(sentences):
        for pattern in _AGE_PATTERNS:
            m = pattern.search(s)
            if m:
                unit = (m.groupdict().get("u") or "y").lower()[0]
                years = parse_number(m.group("n")) * _UNIT_YEARS.get(unit, 1.0)
                if 0 <= years <= 130:
                    return round(years, 4), FactEvidence(
                        source="note", text=m.group(0), sentence_ids=[i]
                    )
        m = _NEWBORN.search(s)
        if m:
            return 0.0, FactEvidence(source="note", text=m.group(0), sentence_ids=[i])
    return None, None


def _sex(sentences: list[str]) -> tuple[str | None, FactEvidence | None]:
    for i, s in enumerate(sentences):
        f, m = _FEMALE_NOUN.search(s), _MALE_NOUN.search(s)
        if f and (not m or f.start() < m.start()):
            return "female", FactEvidence(source="note", text=f.group(0), sentence_ids=[i])
        if m:
            return "male", FactEvidence(source="note", text=m.group(0), sentence_ids=[i])
    fem = [i for i, s in enumerate(sentences) if _FEMALE_PRONOUN.search(s)]
    mal = [i for i, s in enumerate(sentences) if _MALE_PRONOUN.search(s)]
    if len(fem) > len(mal):
        return "female", FactEvidence(source="note", text="she/her", sentence_ids=fem[:3])
    if len(mal) > len(fem):
        return "male", FactEvidence(source="note", text="he/his", sentence_ids=mal[:3])
    return None, None


def _pregnancy(
    sentences: list[str],
    sex: str | None,
    age: float | None,
) -> tuple[bool | None, bool | None, dict[str, FactEvidence]]:
    evidence: dict[str, FactEvidence] = {}
    if sex == "male":
        return False, False, evidence
    pregnant: bool | None = None
    breastfeeding: bool | None = None
    for i, s in enumerate(sentences):
        neg = _NOT_PREGNANT.search(s)
        if neg:
            pregnant = False
            evidence["pregnant"] = FactEvidence(source="note", text=neg.group(0), sentence_ids=[i])
            continue
        m = _PREGNANT.search(s)
        if (
            m
            and (age is None or age >= 10)
            and not _NOTE_NEGATION.search(_clause_prefix(s, m.start()))
            and not _OTHER_PERSON.search(_clause_prefix(s, m.start()))
        ):
            pregnant = True
            evidence["pregnant"] = FactEvidence(source="note", text=m.group(0), sentence_ids=[i])
        b = _BREASTFEEDING.search(s)
        if b and not _NOTE_NEGATION.search(_clause_prefix(s, b.start())):
            breastfeeding = True
            evidence["breastfeeding"] = FactEvidence(
                source="note", text=b.group(0), sentence_ids=[i]
            )
    return pregnant, breastfeeding, evidence


def _lab_value(
    concept: LabConcept,
    raw: float,
    unit: str | None,
    sentence_id: int,
) -> LabValue | None:
    try:
        canonical, assumed = to_concept_unit(raw, unit, concept)
    except UnitError:
        return None  # a unit of another kind: the number is not this concept's value
    low, high = concept.plausible
    if not low <= canonical <= high:
        return None  # e.g. "heart rate 5 days": not a value of this concept
    if unit is None:
        unit = ("/ul" if raw >= 1000 else "k/ul") if concept.count else concept.unit
    return LabValue(value=raw, unit=unit, sentence_ids=[sentence_id], unit_assumed=assumed)


def _labs(sentences: list[str]) -> dict[str, list[LabValue]]:
    labs: dict[str, list[LabValue]] = {}
    for i, s in enumerate(sentences):
        taken: list[tuple[int, int]] = []
        for m in _BP.finditer(s):
            unit = "mmhg"
            labs.setdefault("sbp", []).append(
                LabValue(
                    value=float(m.group("s")),
                    unit=unit,
                    sentence_ids=[i],
                    unit_assumed=not m.group("u"),
                )
            )
            labs.setdefault("dbp", []).append(
                LabValue(
                    value=float(m.group("d")),
                    unit=unit,
                    sentence_ids=[i],
                    unit_assumed=not m.group("u"),
                )
            )
            taken.append((m.start(), m.end()))
        for m in lab_name_pattern().finditer(s):
            if any(a <= m.start() < b for a, b in taken):
                continue
            concept = concept_of_match(m)
            if concept.key in ("sbp", "dbp") and re.match(
                r"\s*(?:blood\s+pressure\s*)?"
                r"(?:of\s*)?\d{2,3}\s*/",
                s[m.end() :],
            ):
                continue
            gap = _VALUE_GAP.match(s[m.end() :])
            pos = m.end() + (gap.end() if gap else 0)
            v = re.match(NUMBER, s[pos:])
            if not v or re.match(
                r"\s*(?:years?|months?|days?|weeks?|hours?|times)\b",
                s[pos + v.end() :],
                re.IGNORECASE,
            ):
                continue
            unit, _ = read_unit(s[pos + v.end() :])
            value = _lab_value(concept, parse_number(v.group(0)), unit, i)
            if value is not None:
                labs.setdefault(concept.key, []).append(value)
                taken.append((m.start(), pos + v.end()))
    return labs


def _conditions(sentences: list[str]) -> list[Condition]:
    found: dict[tuple[str, bool], Condition] = {}
    for i, s in enumerate(sentences):
        mentions = [(m.concept, m.start, m.text) for m in find_diagnoses(s)]
        mentions += [("tobacco_use", m.start(), m.group(0)) for m in _NONSMOKER.finditer(s)]
        for concept, start, text in mentions:
            prefix = _clause_prefix(s, start)
            if _OTHER_PERSON.search(prefix) or _UNCERTAIN.search(prefix):
                continue
            negated = bool(_NOTE_NEGATION.search(prefix)) or bool(_NONSMOKER.fullmatch(text))
            key = (concept, negated)
            if key in found:
                if i not in found[key].sentence_ids:
                    found[key].sentence_ids.append(i)
                continue
            found[key] = Condition(title=text, concept=concept, negated=negated, sentence_ids=[i])
    # A condition both stated and denied (different sentences): the positive mention wins.
    return [c for (concept, neg), c in found.items() if not (neg and (concept, False) in found)]


def facts_from_text(text: str, patient_id: str = "patient") -> PatientFacts:
    """Extract trial-matching facts from a free-text patient note.

    Args:
        text: The note (plain, or numbered one sentence a line).
        patient_id: An id for the patient.

    Raises:
        ValueError: When ``text`` is empty.
    """
    if not text or not text.strip():
        raise ValueError("facts_from_text: expected a non-empty patient note, found empty text")
    sentences = split_sentences(text)
    age, age_ev = _age(sentences)
    sex, sex_ev = _sex(sentences)
    pregnant, breastfeeding, preg_ev = _pregnancy(sentences, sex, age)
    evidence: dict[str, FactEvidence] = dict(preg_ev)
    if age_ev:
        evidence["age"] = age_ev
    if sex_ev:
        evidence["sex"] = sex_ev
    return PatientFacts(
        patient_id=patient_id,
        age_years=age,
        sex=sex,  # type: ignore[arg-type]
        pregnant=pregnant,
        breastfeeding=breastfeeding,
        conditions=_conditions(sentences),
        conditions_complete=False,
        labs=_labs(sentences),
        text=" ".join(sentences),
        sentences=sentences,
        evidence=evidence,
        source="text",
    )
