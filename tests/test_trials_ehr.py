"""PatientFacts read from the MIMIC-IV demo, checked against hand-written SQL, and matched.

The expected values come from plain SQL on the demo database (a DuckDB connection of its own,
not the engine); the facts are compared with them, then used to label real criteria.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from m3agent.retrieval.trials.ehr_facts import (
    Admission,
    facts_from_ehr,
    parse_at,
    pregnancy_from_codes,
)
from m3agent.retrieval.trials.lab_concepts import LAB_CONCEPTS
from m3agent.retrieval.trials.matching import match_trial
from m3agent.retrieval.trials.search import patient_summary
from m3agent.retrieval.trials.trial import Trial
from m3agent.tools.errors import M3AgentError, NotFoundError

MANY_ADMISSIONS = 10014354  # male, 20 admissions
FEMALE = 10002930
DIABETIC = 10002495  # ICD-10 E11.8
HIGH_CREATININE = 10021938
OLDEST = 10012853  # anchor_age 91: over 89


@pytest.fixture(scope="module")
def con(demo_db: Path, engine):
    s = engine.settings  # same configuration as the engine: DuckDB shares one instance per file
    c = duckdb.connect(
        str(demo_db), read_only=True, config={"memory_limit": s.memory_limit, "threads": s.threads}
    )
    yield c
    c.close()


def rows(con, sql: str, *params):
    return con.execute(sql, list(params)).fetchall()


def last_discharge(con, subject: int) -> dt.datetime:
    ((t,),) = rows(
        con,
        "SELECT coalesce(dischtime, admittime) FROM mimiciv_hosp.admissions WHERE subject_id = ? "
        "ORDER BY admittime DESC LIMIT 1",
        subject,
    )
    return t


def test_demographics_and_default_time(engine, con) -> None:
    facts = facts_from_ehr(engine, MANY_ADMISSIONS)
    ((age, year, gender),) = rows(
        con,
        "SELECT anchor_age, anchor_year, gender FROM mimiciv_hosp.patients WHERE subject_id = ?",
        MANY_ADMISSIONS,
    )
    at = last_discharge(con, MANY_ADMISSIONS)
    assert facts.age_years == age + at.year - year
    assert facts.sex == ("male" if gender == "M" else "female")
    assert facts.pregnant is None and "pregnant" not in facts.evidence  # a man
    assert facts.patient_id == str(MANY_ADMISSIONS) and facts.source == "mimic-iv-demo"
    assert facts.evidence["age"].source == "mimiciv_hosp.patients.anchor_age"
    assert str(at) in (facts.evidence["at"].text or "")
    assert facts.text == ""  # retrieval searches with the facts summary, not a note


def test_conditions_are_the_coded_diagnoses(engine, con) -> None:
    facts = facts_from_ehr(engine, MANY_ADMISSIONS)
    expected = rows(
        con,
        "SELECT d.icd_code, d.icd_version, max(a.admittime) FROM mimiciv_hosp.diagnoses_icd d "
        "JOIN mimiciv_hosp.admissions a ON a.hadm_id = d.hadm_id WHERE d.subject_id = ? "
        "GROUP BY 1, 2",
        MANY_ADMISSIONS,
    )
    got = {(c.code, c.icd_version): c.time for c in facts.conditions}
    assert got == {(code, version): t for code, version, t in expected}
    assert facts.conditions_complete is True
    assert all(c.title and not c.negated for c in facts.conditions)


def test_at_limits_the_record(engine, con) -> None:
    admissions = rows(
        con,
        "SELECT hadm_id, admittime, dischtime FROM mimiciv_hosp.admissions WHERE subject_id = ? "
        "ORDER BY admittime",
        MANY_ADMISSIONS,
    )
    _hadm, _admit, disch = admissions[2]
    facts = facts_from_ehr(engine, MANY_ADMISSIONS, at=disch.isoformat())
    ((n,),) = rows(
        con,
        "SELECT count(*) FROM (SELECT DISTINCT d.icd_code, d.icd_version "
        "FROM mimiciv_hosp.diagnoses_icd d JOIN mimiciv_hosp.admissions a USING (hadm_id) "
        "WHERE d.subject_id = ? AND a.admittime <= ?)",
        MANY_ADMISSIONS,
        disch,
    )
    assert len(facts.conditions) == n < len(facts_from_ehr(engine, MANY_ADMISSIONS).conditions)
    for values in facts.labs.values():
        assert all(v.time is not None and v.time <= disch for v in values)
    assert facts_from_ehr(engine, MANY_ADMISSIONS, at=disch).conditions == facts.conditions
    # Before the first admission nothing is coded yet: no complete problem list.
    early = facts_from_ehr(engine, MANY_ADMISSIONS, at=admissions[0][1] - dt.timedelta(days=1))
    assert early.conditions == [] and early.conditions_complete is False


@pytest.mark.parametrize("subject", [HIGH_CREATININE, FEMALE, DIABETIC])
def test_labs_are_the_latest_values_with_provenance(engine, con, subject: int) -> None:
    facts = facts_from_ehr(engine, subject)
    at = last_discharge(con, subject)
    checked = 0
    for concept in LAB_CONCEPTS:
        lab_ids = [i for i in concept.mimic_itemids if i < 200_000]
        icu_ids = [i for i in concept.mimic_itemids if i >= 200_000]
        found = []
        for ids, table, ranges in (
            (lab_ids, "mimiciv_hosp.labevents", "ref_range_lower, ref_range_upper"),
            (icu_ids, "mimiciv_icu.chartevents", "NULL, NULL"),
        ):
            if ids:
                marks = ", ".join("?" * len(ids))
                found += rows(
                    con,
                    f"SELECT charttime, itemid, valuenum, valueuom, {ranges} FROM {table} "
                    f"WHERE subject_id = ? AND itemid IN ({marks}) AND valuenum IS NOT NULL "
                    "AND charttime <= ? ORDER BY charttime DESC LIMIT 1",
                    subject,
                    *ids,
                    at,
                )
        if not found:
            assert concept.key not in facts.labs
            continue
        time, itemid, value, unit, low, high = max(found, key=lambda r: r[0])
        (got,) = facts.labs[concept.key]
        assert (got.time, got.value, got.unit) == (time, value, unit or "")
        if sum(r[0] == time for r in found) == 1:
            assert got.itemid == itemid
        assert (got.ref_low, got.ref_high) == (low, high)
        checked += 1
    assert checked >= 10  # creatinine, counts, chemistry, vital signs...


def test_female_pregnancy_from_the_current_admission(engine, con) -> None:
    facts = facts_from_ehr(engine, FEMALE)
    ((hadm,),) = rows(
        con,
        "SELECT hadm_id FROM mimiciv_hosp.admissions WHERE subject_id = ? "
        "ORDER BY admittime DESC LIMIT 1",
        FEMALE,
    )
    assert facts.sex == "female" and facts.pregnant is False
    assert f"admission {hadm}" in (facts.evidence["pregnant"].text or "")


def test_pregnancy_from_codes() -> None:
    adm = Admission(hadm_id=1, admittime=dt.datetime(2150, 1, 1), dischtime=dt.datetime(2150, 1, 5))
    mid = dt.datetime(2150, 1, 3)
    assert pregnancy_from_codes([("O24410", 10, "GDM")], adm, mid)[0] is True
    assert pregnancy_from_codes([("Z3A32", 10, "32 weeks")], adm, None)[0] is True
    assert pregnancy_from_codes([("64813", 9, "diabetes in pregnancy")], adm, mid)[0] is True
    assert pregnancy_from_codes([("V220", 9, "normal first pregnancy")], adm, mid)[0] is True
    delivered = [("O80", 10, "full-term delivery"), ("Z370", 10, "single live birth")]
    value, why = pregnancy_from_codes(delivered, adm, adm.dischtime)
    assert value is False and "delivered during the stay" in why
    value, why = pregnancy_from_codes(delivered, adm, mid)
    assert value is None and "time unknown" in why  # delivered, but before or after 'at'?
    assert pregnancy_from_codes([("V270", 9, "single liveborn")], adm, None)[0] is False
    value, why = pregnancy_from_codes([("I10", 10, "hypertension")], adm, mid)
    assert value is False and "no pregnancy code among the 1" in why
    assert pregnancy_from_codes([], adm, mid) == (None, "admission 1 has no diagnosis codes")
    assert pregnancy_from_codes([("O80", 10, "x")], None, mid)[0] is None
    # ICD-9 V codes and E codes that only look alike are not pregnancy.
    assert pregnancy_from_codes([("V6284", 9, "suicidal ideation")], adm, mid)[0] is False


def test_age_over_89_is_flagged(engine) -> None:
    facts = facts_from_ehr(engine, OLDEST)
    assert facts.age_years is not None and facts.age_years >= 91
    assert "over 89 as 91" in (facts.evidence["age"].text or "")


def test_sentences_render_the_record(engine) -> None:
    facts = facts_from_ehr(engine, DIABETIC)
    assert facts.sentences[0].startswith(f"Patient {DIABETIC} of mimic-iv-demo: ")
    assert f"{facts.age_years:g}-year-old male" in facts.sentences[0]
    assert sum(s.startswith("Diagnosis: ") for s in facts.sentences) == len(facts.conditions)
    assert any("(itemid 50912;" in s for s in facts.sentences)
    assert len(facts.numbered_note().splitlines()) == len(facts.sentences)
    summary = patient_summary(facts)
    assert summary.startswith(f"{facts.age_years:g}-year-old male patient with ")
    assert "Type 2 diabetes mellitus" in summary


def test_bad_input(engine) -> None:
    with pytest.raises(NotFoundError, match="No patient with subject_id 1 "):
        facts_from_ehr(engine, 1)
    with pytest.raises(M3AgentError, match="positive integer"):
        facts_from_ehr(engine, -5)
    with pytest.raises(M3AgentError, match="ISO date or time"):
        facts_from_ehr(engine, FEMALE, at="last tuesday")
    with pytest.raises(M3AgentError, match="before the birth"):
        facts_from_ehr(engine, FEMALE, at="1900-01-01")
    with pytest.raises(M3AgentError, match="MIMIC-IV datasets"):
        facts_from_ehr(engine, FEMALE, dataset="ehrsql")
    assert parse_at(dt.date(2150, 1, 2)) == dt.datetime(2150, 1, 2)
    assert parse_at(None) is None
    with pytest.raises(M3AgentError, match="found 12"):
        parse_at(12)  # type: ignore[arg-type]


TRIAL = Trial(
    nct_id="NCT00000001",
    title="A hand-made trial",
    inclusion_criteria="- Serum creatinine > 2.0 mg/dL\n- Type 2 diabetes mellitus\n"
    "- Platelets >= 100,000/µL",
    exclusion_criteria="- AST > 3 x ULN\n- Pregnant or breastfeeding women\n- Heart failure",
)


def labels(subject: int, engine) -> dict[str, tuple[str, str, list]]:
    m = match_trial(TRIAL, facts_from_ehr(engine, subject))
    return {r.criterion.text: (r.label, r.method, r.evidence) for r in m.results}


def test_criteria_labelled_from_the_record(engine, con) -> None:
    at = last_discharge(con, HIGH_CREATININE)
    ((creat, creat_time),) = rows(
        con,
        "SELECT valuenum, charttime FROM mimiciv_hosp.labevents WHERE subject_id = ? AND "
        "itemid = 50912 AND valuenum IS NOT NULL AND charttime <= ? ORDER BY charttime DESC "
        "LIMIT 1",
        HIGH_CREATININE,
        at,
    )
    ((ast, uln),) = rows(
        con,
        "SELECT valuenum, ref_range_upper FROM mimiciv_hosp.labevents WHERE subject_id = ? AND "
        "itemid = 50878 AND valuenum IS NOT NULL AND charttime <= ? ORDER BY charttime DESC "
        "LIMIT 1",
        HIGH_CREATININE,
        at,
    )
    got = labels(HIGH_CREATININE, engine)
    label, method, evidence = got["Serum creatinine > 2.0 mg/dL"]
    assert method == "computed" and label == ("included" if creat > 2.0 else "not included")
    assert (evidence[0].value, evidence[0].itemid, evidence[0].time) == (creat, 50912, creat_time)
    label, _, evidence = got["AST > 3 x ULN"]
    assert label == ("excluded" if ast / uln > 3 else "not excluded")
    assert evidence[0].itemid == 50878 and f"ULN {uln:g}" in (evidence[0].note or "")
    hf = rows(
        con,
        "SELECT count(*) FROM mimiciv_hosp.diagnoses_icd WHERE subject_id = ? AND ("
        "(icd_version = 10 AND icd_code LIKE 'I50%') OR (icd_version = 9 AND icd_code LIKE "
        "'428%'))",
        HIGH_CREATININE,
    )[0][0]
    assert got["Heart failure"][0] == ("excluded" if hf else "not excluded")
    # A man: pregnancy criteria do not apply to him.
    assert got["Pregnant or breastfeeding women"][0] == "not applicable"


def test_diagnosis_criterion_cites_the_code(engine) -> None:
    label, method, evidence = labels(DIABETIC, engine)["Type 2 diabetes mellitus"]
    assert (label, method) == ("included", "computed")
    assert evidence[0].code == "E118" and evidence[0].icd_version == 10
    # Not coded: absent (the coded problem list is complete).
    label, _, evidence = labels(FEMALE, engine)["Type 2 diabetes mellitus"]
    assert label == "not included" and "coded diagnoses" in (evidence[0].note or "")
    label, _, _ = labels(FEMALE, engine)["Pregnant or breastfeeding women"]
    assert label == "not excluded"
