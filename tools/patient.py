"""Patient look-ups on the SQL engine with bound parameters (MIMIC-IV datasets).

Every query here is a constant with ``?`` placeholders run through the same engine, validation
and guards as a user's SQL; the caller's values are bound, never pasted.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from m3agent.tools.datasets import get_dataset
from m3agent.tools.errors import M3AgentError, NotFoundError
from m3agent.tools.sql.engine import SQLEngine
from m3agent.tools.sql.result import QueryResult

#: Labs shown in a patient overview, by MIMIC-IV d_labitems itemid (blood, chemistry and
#: hematology items with the most data in MIMIC-IV; checked against the demo's d_labitems).
KEY_LABS = {50912: "Creatinine", 51006: "Urea Nitrogen", 50983: "Sodium", 50971: "Potassium",
            50882: "Bicarbonate", 50931: "Glucose", 51222: "Hemoglobin",
            51301: "White Blood Cells", 51265: "Platelet Count", 50813: "Lactate",
            50885: "Bilirubin, Total", 51237: "INR(PT)"}

#: Vital signs by d_items itemid (MetaVision items of MIMIC-IV's chartevents).
VITALS = {220045: "Heart Rate", 220179: "Non Invasive Blood Pressure systolic",
          220180: "Non Invasive Blood Pressure diastolic",
          220181: "Non Invasive Blood Pressure mean", 220050: "Arterial Blood Pressure systolic",
          220051: "Arterial Blood Pressure diastolic", 220052: "Arterial Blood Pressure mean",
          220210: "Respiratory Rate", 223761: "Temperature Fahrenheit",
          223762: "Temperature Celsius", 220277: "O2 saturation pulseoxymetry"}


@cache
def concept_map() -> dict[str, Any]:
    """Curated concept → itemids map (``catalog/concepts.json``), or {} if absent."""
    path = Path(__file__).parent / "catalog" / "concepts.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("concepts", data)


class PatientTable(BaseModel):
    """A titled result table."""

    title: str
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False


class PatientOverview(BaseModel):
    """A patient at a glance."""

    subject_id: int
    demographics: dict[str, Any]
    admissions: PatientTable
    icu_stays: PatientTable
    main_diagnoses: PatientTable
    latest_labs: PatientTable
    notes: list[str] = Field(default_factory=list)


def _table(title: str, r: QueryResult) -> PatientTable:
    return PatientTable(title=title, columns=r.columns, rows=r.rows, truncated=r.truncated)


def _check_mimic(dataset: str) -> None:
    spec = get_dataset(dataset)
    if "mimiciv_hosp" not in spec.schemas:
        raise M3AgentError(f"Patient tools work on MIMIC-IV datasets; {dataset!r} has another "
                           f"layout.", hint="Use run_sql on this dataset.")


def _check_id(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise M3AgentError(f"{name} must be a positive integer, found {value!r}.")
    return value


def ensure_patient(engine: SQLEngine, subject_id: int, dataset: str) -> dict[str, Any]:
    """The patient's row from ``patients``.

    Raises:
        NotFoundError: If no such subject_id exists, with a hint.
    """
    _check_mimic(dataset)
    _check_id("subject_id", subject_id)
    r = engine.execute("SELECT * FROM mimiciv_hosp.patients WHERE subject_id = ?",
                       params=[subject_id], dataset=dataset, max_rows=1)
    if not r.rows:
        sample = engine.execute("SELECT subject_id FROM mimiciv_hosp.patients ORDER BY 1",
                                dataset=dataset, max_rows=3).rows
        raise NotFoundError(f"No patient with subject_id {subject_id} in {dataset!r}.",
                            hint="Existing ids look like "
                                 + ", ".join(str(x[0]) for x in sample) + ".")
    return dict(zip(r.columns, r.rows[0], strict=True))


def patient_overview(engine: SQLEngine, subject_id: int, dataset: str) -> PatientOverview:
    """Demographics, admissions, ICU stays, main diagnoses and the latest key labs."""
    demo = ensure_patient(engine, subject_id, dataset)
    p = [subject_id]
    adm = engine.execute(
        "SELECT hadm_id, admittime, dischtime, admission_type, admission_location, "
        "discharge_location, hospital_expire_flag FROM mimiciv_hosp.admissions "
        "WHERE subject_id = ? ORDER BY admittime", params=p, dataset=dataset, max_rows=50)
    icu = engine.execute(
        "SELECT stay_id, hadm_id, first_careunit, intime, outtime, round(los, 2) AS los_days "
        "FROM mimiciv_icu.icustays WHERE subject_id = ? ORDER BY intime",
        params=p, dataset=dataset, max_rows=50)
    dx = engine.execute(
        "SELECT d.hadm_id, d.seq_num, d.icd_code, d.icd_version, t.long_title "
        "FROM mimiciv_hosp.diagnoses_icd d LEFT JOIN mimiciv_hosp.d_icd_diagnoses t "
        "USING (icd_code, icd_version) WHERE d.subject_id = ? AND d.seq_num <= 3 "
        "ORDER BY d.hadm_id, d.seq_num", params=p, dataset=dataset, max_rows=60)
    ids = list(KEY_LABS)
    marks = ", ".join("?" * len(ids))
    labs = engine.execute(
        "SELECT l.itemid, d.label, l.charttime, l.valuenum, l.valueuom, l.flag "
        "FROM mimiciv_hosp.labevents l JOIN mimiciv_hosp.d_labitems d USING (itemid) "
        f"WHERE l.subject_id = ? AND l.itemid IN ({marks}) AND l.valuenum IS NOT NULL "
        "QUALIFY row_number() OVER (PARTITION BY l.itemid ORDER BY l.charttime DESC) = 1 "
        "ORDER BY d.label", params=[subject_id, *ids], dataset=dataset, max_rows=50)
    return PatientOverview(subject_id=subject_id, demographics=demo,
                           admissions=_table("Admissions", adm),
                           icu_stays=_table("ICU stays", icu),
                           main_diagnoses=_table("Diagnoses (first three of each admission)",
                                                 dx),
                           latest_labs=_table("Latest key labs", labs),
                           notes=["Dates are shifted into the future (2100s) for privacy; "
                                  "intervals within a patient are real.",
                                  "anchor_age is the age in anchor_year "
                                  f"{demo.get('anchor_year')}."])


def curated_itemids(concept: str, table: str) -> list[int] | None:
    """Itemids of a curated concept (by name or synonym) recorded in ``table``, or None."""
    want = concept.strip().lower()
    for key, entry in concept_map().items():
        names = {key, key.replace("_", " "), *(s.lower() for s in entry.get("synonyms") or [])}
        if want in names and entry.get("table") == table and entry.get("itemids"):
            return [int(i) for i in entry["itemids"]]
    return None


def _itemids_for(concept: str, kind: str, engine: SQLEngine, dataset: str) -> list[int]:
    table = "mimiciv_hosp.labevents" if kind == "lab" else "mimiciv_icu.chartevents"
    curated = curated_itemids(concept, table)
    if curated:
        return curated
    from m3agent.tools.concepts import ConceptIndex

    hits = ConceptIndex(engine).search(concept, kind=kind, limit=5, dataset=dataset)
    hits = [h for h in hits if h.count > 0 and h.score >= 90]
    if not hits:
        raise NotFoundError(f"No {kind} concept matches {concept!r}.",
                            hint="Call search_concepts to find the itemid, then pass itemid.")
    return [int(h.code) for h in hits[:1]]


def _time(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value).isoformat(sep=" ")
    except (TypeError, ValueError):
        raise M3AgentError(f"{name} must be an ISO date or time like '2180-07-23 12:00', "
                           f"found {value!r}.") from None


def _events(engine: SQLEngine, dataset: str, *, table: str, dictionary: str, subject_id: int,
            itemids: list[int] | None, extra: list[tuple[str, Any]], start: str | None,
            end: str | None, limit: int, title: str) -> PatientTable:
    where, params = ["e.subject_id = ?"], [subject_id]
    if itemids:
        where.append(f"e.itemid IN ({', '.join('?' * len(itemids))})")
        params += itemids
    for col, val in extra:
        if val is not None:
            where.append(f"e.{col} = ?")
            params.append(val)
    if start:
        where.append("e.charttime >= CAST(? AS TIMESTAMP)")
        params.append(start)
    if end:
        where.append("e.charttime <= CAST(? AS TIMESTAMP)")
        params.append(end)
    r = engine.execute(
        f"SELECT e.charttime, e.itemid, d.label, e.value, e.valuenum, e.valueuom "
        f"FROM {table} e JOIN {dictionary} d USING (itemid) WHERE {' AND '.join(where)} "
        f"ORDER BY e.charttime, d.label", params=params, dataset=dataset, max_rows=limit)
    return _table(title, r)


def get_lab_results(engine: SQLEngine, subject_id: int, dataset: str, *,
                    concept: str | None = None, itemid: int | None = None,
                    hadm_id: int | None = None, start: str | None = None,
                    end: str | None = None, limit: int = 200) -> PatientTable:
    """Lab results of one patient, optionally one concept or itemid, admission or window."""
    ensure_patient(engine, subject_id, dataset)
    ids = [_check_id("itemid", itemid)] if itemid is not None else (
        _itemids_for(concept, "lab", engine, dataset) if concept else None)
    return _events(engine, dataset, table="mimiciv_hosp.labevents",
                   dictionary="mimiciv_hosp.d_labitems", subject_id=subject_id, itemids=ids,
                   extra=[("hadm_id", hadm_id)], start=_time("start", start),
                   end=_time("end", end), limit=limit, title="Lab results")


def get_vitals(engine: SQLEngine, subject_id: int, dataset: str, *, stay_id: int | None = None,
               concept: str | None = None, itemid: int | None = None, start: str | None = None,
               end: str | None = None, limit: int = 200) -> PatientTable:
    """Charted vital signs of one patient (ICU chartevents)."""
    ensure_patient(engine, subject_id, dataset)
    if itemid is not None:
        ids = [_check_id("itemid", itemid)]
    elif concept:
        ids = _itemids_for(concept, "chart", engine, dataset)
    else:
        ids = list(VITALS)
    return _events(engine, dataset, table="mimiciv_icu.chartevents",
                   dictionary="mimiciv_icu.d_items", subject_id=subject_id, itemids=ids,
                   extra=[("stay_id", stay_id)], start=_time("start", start),
                   end=_time("end", end), limit=limit, title="Vital signs")


def get_medications(engine: SQLEngine, subject_id: int, dataset: str, *,
                    hadm_id: int | None = None, limit: int = 200) -> PatientTable:
    """Prescriptions of one patient, optionally one admission."""
    ensure_patient(engine, subject_id, dataset)
    sql = ("SELECT hadm_id, starttime, stoptime, drug, dose_val_rx, dose_unit_rx, route "
           "FROM mimiciv_hosp.prescriptions WHERE subject_id = ?")
    params: list[Any] = [subject_id]
    if hadm_id is not None:
        sql += " AND hadm_id = ?"
        params.append(_check_id("hadm_id", hadm_id))
    r = engine.execute(sql + " ORDER BY starttime, drug", params=params, dataset=dataset,
                       max_rows=limit)
    return _table("Prescriptions", r)


def get_diagnoses(engine: SQLEngine, subject_id: int, dataset: str, *,
                  hadm_id: int | None = None, limit: int = 200) -> PatientTable:
    """ICD diagnoses of one patient with their titles, in billing order."""
    ensure_patient(engine, subject_id, dataset)
    sql = ("SELECT d.hadm_id, d.seq_num, d.icd_code, d.icd_version, t.long_title "
           "FROM mimiciv_hosp.diagnoses_icd d LEFT JOIN mimiciv_hosp.d_icd_diagnoses t "
           "USING (icd_code, icd_version) WHERE d.subject_id = ?")
    params: list[Any] = [subject_id]
    if hadm_id is not None:
        sql += " AND d.hadm_id = ?"
        params.append(_check_id("hadm_id", hadm_id))
    r = engine.execute(sql + " ORDER BY d.hadm_id, d.seq_num", params=params, dataset=dataset,
                       max_rows=limit)
    return _table("Diagnoses", r)
