"""PatientFacts of a MIMIC-IV patient, read through the SQL engine with bound parameters.

Everything is taken as of a moment ``at`` (default: the end of the patient's last hospital
admission), so a criterion is checked against what the record held then:

- age: ``anchor_age + (year(at) − anchor_year)`` (MIMIC-IV's documented way to get an age at a
  shifted date; ages over 89 are all stored as 91);
- sex: ``patients.gender``;
- conditions: every ICD diagnosis of the admissions that began at or before ``at``, with
  ``conditions_complete=True`` (a coded problem list: a diagnosis not coded counts as absent);
- pregnancy: from the ICD codes of the admission in progress at ``at`` (see
  :func:`pregnancy_from_codes`);
- labs and vital signs: the latest value at or before ``at`` of each concept of
  :data:`~m3agent.retrieval.trials.lab_concepts.LAB_CONCEPTS` that has MIMIC-IV item ids, from
  ``labevents`` (with the reference range, so "≤ 1.5 × ULN" is computable) or ``chartevents``,
  with its itemid and time as provenance.

The record is also rendered as numbered sentences (``PatientFacts.sentences``) so that a model
judging the criteria predicates cannot compute sees the same facts, one per line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from m3agent.retrieval.trials.lab_concepts import LAB_BY_KEY, LAB_CONCEPTS
from m3agent.retrieval.trials.patient import Condition, FactEvidence, LabValue, PatientFacts
from m3agent.tools.errors import M3AgentError
from m3agent.tools.patient import ensure_patient
from m3agent.tools.sql.engine import SQLEngine

#: MIMIC-IV stores every age above 89 as 91 (HIPAA safe harbour; MIMIC-IV documentation,
#: patients table: "anchor_age ... patients over 89 ... have anchor_age of 91").
AGE_CAP = 91
#: Item ids from this value up are ICU items (mimiciv_icu.d_items, MetaVision ids 220000+);
#: below it they are lab items (mimiciv_hosp.d_labitems, 50000-53000).
ICU_ITEMID_START = 200_000
#: Most diagnosis rows read for one patient (a very long record is cut and said so).
MAX_DIAGNOSES = 5000

# Pregnancy in ICD codes. ICD-10-CM: chapter 15 "Pregnancy, childbirth and the puerperium"
# (O00-O9A), Z33 pregnant state, Z34 supervision of normal pregnancy, Z3A weeks of gestation.
# ICD-9-CM: chapter 11 "Complications of pregnancy, childbirth, and the puerperium" (630-679),
# V22 normal pregnancy, V23 supervision of high-risk pregnancy. Sources: ICD-10-CM 2024
# Tabular List (CDC/NCHS); ICD-9-CM volume 1, version 32 (CMS).
_PREGNANCY_10 = ("O", "Z33", "Z34", "Z3A")
_PREGNANCY_9 = tuple(str(n) for n in range(630, 680)) + ("V22", "V23")
# Delivery during the stay: ICD-10-CM Z37 outcome of delivery, O80 full-term uncomplicated
# delivery, O82 caesarean delivery; ICD-9-CM V27 outcome of delivery, 650 normal delivery.
_DELIVERY_10 = ("Z37", "O80", "O82")
_DELIVERY_9 = ("V27", "650")


class Admission(BaseModel):
    """One hospital admission, as far as the facts need it."""

    hadm_id: int
    admittime: dt.datetime
    dischtime: dt.datetime | None = None


def parse_at(at: str | dt.datetime | dt.date | None) -> dt.datetime | None:
    """Read the moment facts are taken at.

    Args:
        at: A datetime, a date (its midnight), an ISO string, or None.

    Raises:
        M3AgentError: For anything else, saying what was expected.
    """
    if at is None or isinstance(at, dt.datetime):
        return at
    if isinstance(at, dt.date):
        return dt.datetime.combine(at, dt.time())
    if isinstance(at, str):
        try:
            return dt.datetime.fromisoformat(at.strip())
        except ValueError:
            pass
    raise M3AgentError(
        f"'at' must be an ISO date or time like '2180-07-23 12:00', found {at!r}.",
        hint="MIMIC-IV dates are shifted into the 2100s; see the patient's admissions.",
    )


def _is_code(code: str, version: int, prefixes10: tuple[str, ...], prefixes9: tuple[str, ...]):
    prefixes = prefixes10 if version == 10 else prefixes9
    return code.upper().startswith(prefixes)


def pregnancy_from_codes(
    codes: list[tuple[str, int, str]], admission: Admission | None, at: dt.datetime | None
) -> tuple[bool | None, str]:
    """Decide pregnancy at ``at`` from the ICD codes of the admission in progress then.

    ICD-10-CM Official Guidelines I.C.15.a.1: chapter 15 codes are assigned whenever the
    patient is pregnant (Z33.1 when the pregnancy is incidental), so a coded admission of a
    woman without any pregnancy code was not a pregnancy. A delivery code means the pregnancy
    ended during the stay: not pregnant at discharge, unknown earlier (the codes carry no time).

    Args:
        codes: ``(icd_code, icd_version, title)`` of that admission.
        admission: The admission in progress at ``at``; None when there is none.
        at: The moment (None: the end of the admission).

    Returns:
        ``(pregnant or None, the reason)``.
    """
    if admission is None:
        return None, "no hospital admission in progress at that time"
    if not codes:
        return None, f"admission {admission.hadm_id} has no diagnosis codes"
    at_end = at is None or admission.dischtime is None or at >= admission.dischtime
    delivered = [c for c in codes if _is_code(c[0], c[1], _DELIVERY_10, _DELIVERY_9)]
    if delivered:
        code, version, title = delivered[0]
        why = f"ICD-{version} {code} '{title}' in admission {admission.hadm_id}: delivered"
        return (False, why + " during the stay") if at_end else (None, why + " (time unknown)")
    pregnant = [c for c in codes if _is_code(c[0], c[1], _PREGNANCY_10, _PREGNANCY_9)]
    if pregnant:
        code, version, title = pregnant[0]
        return True, f"ICD-{version} {code} '{title}' in admission {admission.hadm_id}"
    return False, (
        f"no pregnancy code among the {len(codes)} diagnosis codes of admission "
        f"{admission.hadm_id} (ICD-10-CM guideline I.C.15.a.1)"
    )


def _admissions(engine: SQLEngine, subject_id: int, dataset: str) -> list[Admission]:
    r = engine.execute(
        "SELECT hadm_id, admittime, dischtime FROM mimiciv_hosp.admissions "
        "WHERE subject_id = ? ORDER BY admittime",
        params=[subject_id],
        dataset=dataset,
        max_rows=engine.settings.max_rows_cap,
    )
    return [Admission(hadm_id=h, admittime=a, dischtime=d) for h, a, d in r.rows]


def _time_clause(column: str, at: dt.datetime | None, params: list[Any]) -> str:
    if at is None:
        return ""
    params.append(at.isoformat(sep=" "))
    return f" AND {column} <= CAST(? AS TIMESTAMP)"


def _diagnoses(
    engine: SQLEngine, subject_id: int, dataset: str, at: dt.datetime | None
) -> tuple[list[list[Any]], bool]:
    """Diagnosis rows (hadm_id, admittime, seq_num, code, version, title), latest first."""
    params: list[Any] = [subject_id]
    where = _time_clause("a.admittime", at, params)
    r = engine.execute(
        "SELECT d.hadm_id, a.admittime, d.seq_num, d.icd_code, d.icd_version, t.long_title "
        "FROM mimiciv_hosp.diagnoses_icd d "
        "JOIN mimiciv_hosp.admissions a ON a.hadm_id = d.hadm_id "
        "LEFT JOIN mimiciv_hosp.d_icd_diagnoses t "
        "ON t.icd_code = d.icd_code AND t.icd_version = d.icd_version "
        f"WHERE d.subject_id = ?{where} ORDER BY a.admittime DESC, d.hadm_id, d.seq_num",
        params=params,
        dataset=dataset,
        max_rows=min(MAX_DIAGNOSES, engine.settings.max_rows_cap),
    )
    return r.rows, r.truncated


def _latest_values(
    engine: SQLEngine,
    subject_id: int,
    dataset: str,
    at: dt.datetime | None,
    itemids: list[int],
    *,
    lab: bool,
) -> dict[int, list[Any]]:
    """The latest numeric value of each itemid: itemid -> [time, value, unit, low, high]."""
    if not itemids:
        return {}
    params: list[Any] = [subject_id, *itemids]
    where = _time_clause("charttime", at, params)
    marks = ", ".join("?" * len(itemids))
    table = "mimiciv_hosp.labevents" if lab else "mimiciv_icu.chartevents"
    ranges = "ref_range_lower, ref_range_upper" if lab else "NULL, NULL"
    r = engine.execute(
        f"SELECT itemid, charttime, valuenum, valueuom, {ranges} FROM {table} "
        f"WHERE subject_id = ? AND itemid IN ({marks}) AND valuenum IS NOT NULL{where} "
        "QUALIFY row_number() OVER (PARTITION BY itemid ORDER BY charttime DESC) = 1",
        params=params,
        dataset=dataset,
        max_rows=len(itemids),
    )
    return {int(row[0]): list(row[1:]) for row in r.rows}


def _labs(
    engine: SQLEngine, subject_id: int, dataset: str, at: dt.datetime | None
) -> dict[str, list[LabValue]]:
    """The latest value of each lab concept (ties: the concept's first, most used item)."""
    all_ids = [i for c in LAB_CONCEPTS for i in c.mimic_itemids]
    found = _latest_values(
        engine, subject_id, dataset, at, [i for i in all_ids if i < ICU_ITEMID_START], lab=True
    )
    found |= _latest_values(
        engine, subject_id, dataset, at, [i for i in all_ids if i >= ICU_ITEMID_START], lab=False
    )
    labs: dict[str, list[LabValue]] = {}
    for concept in LAB_CONCEPTS:
        best: tuple[dt.datetime, int] | None = None
        for itemid in concept.mimic_itemids:
            row = found.get(itemid)
            if row is not None and (best is None or row[0] > best[0]):
                best = (row[0], itemid)
        if best is None:
            continue
        time, value, unit, low, high = found[best[1]]
        labs[concept.key] = [
            LabValue(
                value=float(value),
                unit=unit or "",
                time=time,
                itemid=best[1],
                ref_low=float(low) if low is not None else None,
                ref_high=float(high) if high is not None else None,
            )
        ]
    return labs


def _render(facts: PatientFacts, at: dt.datetime | None, dataset: str) -> list[str]:
    """The record as sentences, for a model judging criteria (ids are list positions)."""
    who = f"{facts.age_years:g}-year-old" if facts.age_years is not None else "age unknown,"
    when = at.isoformat(sep=" ", timespec="minutes") if at else "the end of the record"
    out = [
        f"Patient {facts.patient_id} of {dataset}: {who} {facts.sex or 'sex unknown'}, as of "
        f"{when}."
    ]
    if facts.pregnant is not None:
        reason = facts.evidence["pregnant"].text or ""
        out.append(f"Pregnant: {'yes' if facts.pregnant else 'no'} ({reason}).")
    for c in facts.conditions:
        day = c.time.date().isoformat() if c.time else "date unknown"
        out.append(f"Diagnosis: {c.title} (ICD-{c.icd_version} {c.code}), admission of {day}.")
    for key, values in facts.labs.items():
        v = values[-1]
        ref = ""
        if v.ref_low is not None or v.ref_high is not None:
            low, high = ("" if x is None else f"{x:g}" for x in (v.ref_low, v.ref_high))
            ref = f"; reference range {low}-{high}"
        day = v.time.isoformat(sep=" ", timespec="minutes") if v.time else "time unknown"
        out.append(
            f"Latest {LAB_BY_KEY[key].label}: {v.value:g} {v.unit}".rstrip()
            + f" on {day} (itemid {v.itemid}{ref})."
        )
    return out


def facts_from_ehr(
    engine: SQLEngine,
    subject_id: int,
    *,
    dataset: str = "mimic-iv-demo",
    at: str | dt.datetime | dt.date | None = None,
) -> PatientFacts:
    """Read a MIMIC-IV patient's facts for trial matching.

    Args:
        engine: The SQL engine (queries run with bound parameters through its validation).
        subject_id: The patient.
        dataset: A MIMIC-IV dataset (``mimic-iv-demo`` or ``mimic-iv``).
        at: The moment the facts are taken at (ISO string, date or datetime); default the
            discharge of the patient's last admission (or no limit if they have none).

    Returns:
        The facts, ``source`` the dataset name, ``patient_id`` the subject_id as text;
        ``evidence`` has ``age``, ``sex``, ``at`` and, for women, ``pregnant``.

    Raises:
        NotFoundError: If there is no such patient.
        M3AgentError: For a bad subject_id, a non-MIMIC dataset, an unreadable ``at``, or an
            ``at`` before the patient's birth.
    """
    patient = ensure_patient(engine, subject_id, dataset)
    when = parse_at(at)
    admissions = _admissions(engine, subject_id, dataset)
    if when is None and admissions:
        last = admissions[-1]
        when = last.dischtime or last.admittime
    anchor_age, anchor_year = int(patient["anchor_age"]), int(patient["anchor_year"])
    age = anchor_age + ((when.year - anchor_year) if when else 0)
    if age < 0:
        raise M3AgentError(
            f"'at' {when} is before the birth of patient {subject_id} (anchor_age {anchor_age} "
            f"in anchor_year {anchor_year} gives age {age}).",
            hint="Pick a time within the patient's admissions.",
        )
    age_note = f"anchor_age {anchor_age} in anchor_year {anchor_year}"
    if when is not None:
        age_note += f", year of 'at' {when.year}"
    if anchor_age >= AGE_CAP:
        age_note += "; MIMIC-IV stores every age over 89 as 91"
    evidence = {
        "age": FactEvidence(source="mimiciv_hosp.patients.anchor_age", text=age_note),
        "sex": FactEvidence(
            source="mimiciv_hosp.patients.gender", text=f"gender {patient['gender']}"
        ),
        "at": FactEvidence(
            source="m3agent",
            text="facts as of "
            + (when.isoformat(sep=" ") if when else "the whole record (no admission)"),
        ),
    }
    rows, truncated = _diagnoses(engine, subject_id, dataset, when)
    conditions: list[Condition] = []
    seen: set[tuple[str, int]] = set()
    for _hadm, admittime, _seq, code, version, title in rows:
        if (code, version) in seen:
            continue  # the latest admission that coded it stands for it
        seen.add((code, version))
        conditions.append(
            Condition(
                title=title or f"ICD-{version} {code} (no title in d_icd_diagnoses)",
                code=code,
                icd_version=int(version),
                time=admittime,
            )
        )
    current = next(
        (
            a
            for a in reversed(admissions)
            if when is not None
            and a.admittime <= when
            and (a.dischtime is None or when <= a.dischtime)
        ),
        None,
    )
    sex = str(patient["gender"]).upper()
    pregnant: bool | None = None
    if sex == "F":
        codes = [(r[3], int(r[4]), r[5] or "") for r in rows if current and r[0] == current.hadm_id]
        pregnant, reason = pregnancy_from_codes(codes, current, when)
        evidence["pregnant"] = FactEvidence(source="mimiciv_hosp.diagnoses_icd", text=reason)
    coded_admissions = {r[0] for r in rows}
    facts = PatientFacts(
        patient_id=str(subject_id),
        age_years=float(age),
        sex=sex,
        pregnant=pregnant,
        conditions=conditions,
        conditions_complete=bool(coded_admissions) and not truncated,
        labs=_labs(engine, subject_id, dataset, when),
        evidence=evidence,
        source=dataset,
    )
    facts.sentences = _render(facts, when, dataset)
    return facts
