"""The catalog data files agree with the data they describe.

``tools/catalog/mimic_iv.json`` is checked against the MIMIC-IV demo CSV headers and values,
``tools/catalog/ehrsql.json`` against the EHRSQL DDL (``mimic_iv.sql``) and SQLite database, and
``tools/catalog/concepts.json`` against the demo dictionaries (d_labitems, d_items) and the units
actually stored in labevents / chartevents / outputevents. Each check is a function that returns
the problems it finds, so the tests can also show that a broken catalog is caught.
"""

from __future__ import annotations

import copy
import csv
import gzip
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from m3agent.tools.datasets import EHRSQL_TABLES, MIMIC_IV_TABLES

from conftest import DEMO_DIR, EHRSQL_DIR, REPO_ROOT

CATALOG_DIR = REPO_ROOT / "tools" / "catalog"

#: Concepts the patient tools and calculators rely on (the task's required coverage).
REQUIRED_CONCEPTS = frozenset(
    (
        "heart_rate sbp_invasive dbp_invasive mbp_invasive sbp_noninvasive dbp_noninvasive "
        "mbp_noninvasive respiratory_rate temperature_c temperature_f spo2 gcs_eye "
        "gcs_verbal gcs_motor weight height fio2 urine_output creatinine bun sodium "
        "potassium chloride bicarbonate glucose hemoglobin hematocrit wbc platelets "
        "bilirubin_total albumin alt ast alkaline_phosphatase inr pt ptt lactate ph po2 pco2 "
        "troponin_t ntprobnp crp calcium_total magnesium phosphate hba1c ldl hdl "
        "total_cholesterol triglycerides"
    ).split()
)
MAX_EXAMPLES = 5
CONCEPT_TABLES = {
    "mimiciv_hosp.labevents": "mimiciv_hosp.d_labitems",
    "mimiciv_icu.chartevents": "mimiciv_icu.d_items",
    "mimiciv_icu.outputevents": "mimiciv_icu.d_items",
}


# ----------------------------------------------------------------------------- loading


def load_json(name: str) -> dict[str, Any]:
    """One catalog file, parsed."""
    return json.loads((CATALOG_DIR / name).read_text(encoding="utf-8"))


def demo_path(qualified: str) -> Path:
    """``mimiciv_hosp.patients`` -> the demo's ``hosp/patients.csv.gz``."""
    schema, table = qualified.split(".")
    return DEMO_DIR / schema.removeprefix("mimiciv_") / f"{table}.csv.gz"


@cache
def demo_header(qualified: str) -> tuple[str, ...]:
    """The CSV header of one demo table, lower-cased (first line only: fast).

    The loader (tools/loaders/mimic.py) lower-cases column names, so the catalog describes
    ``originalamount`` where procedureevents.csv.gz says ``ORIGINALAMOUNT``.
    """
    with gzip.open(demo_path(qualified), "rt", newline="") as fh:
        return tuple(h.lower() for h in next(csv.reader(fh)))


def stream_rows(qualified: str) -> Iterator[list[str]]:
    """The data rows of one demo table, one at a time (the tables are never held whole)."""
    with gzip.open(demo_path(qualified), "rt", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        yield from reader


@cache
def column_profile(qualified: str, columns: tuple[str, ...]) -> tuple[int, dict[str, frozenset]]:
    """Row count and the distinct CSV strings of some columns, in one pass over the table."""
    header = demo_header(qualified)
    idx = {c: header.index(c) for c in columns}
    seen: dict[str, set[str]] = {c: set() for c in columns}
    count = 0
    for r in stream_rows(qualified):
        count += 1
        for c, i in idx.items():
            seen[c].add(r[i])
    return count, {c: frozenset(v) for c, v in seen.items()}


@cache
def unit_usage(qualified: str) -> dict[int, Counter[str]]:
    """itemid -> Counter of valueuom strings ('' = NULL) in one event table."""
    header = demo_header(qualified)
    ii, ui = header.index("itemid"), header.index("valueuom")
    usage: dict[int, Counter[str]] = {}
    for r in stream_rows(qualified):
        usage.setdefault(int(r[ii]), Counter())[r[ui]] += 1
    return usage


@cache
def dictionary(qualified: str) -> dict[int, dict[str, str]]:
    """itemid -> row (as a dict) of d_labitems or d_items."""
    header = demo_header(qualified)
    return {int(r[0]): dict(zip(header, r, strict=True)) for r in stream_rows(qualified)}


def profiled_columns(entry: dict[str, Any]) -> tuple[str, ...]:
    """The columns of a catalog entry whose values a test compares (those with examples)."""
    return tuple(c for c, info in entry["columns"].items() if info.get("examples"))


@cache
def ehrsql_ddl() -> dict[str, tuple[str, ...]]:
    """Table -> column names, parsed from the EHRSQL DDL (mimic_iv.sql)."""
    text = (EHRSQL_DIR / "mimic_iv.sql").read_text(encoding="utf-8")
    tables: dict[str, tuple[str, ...]] = {}
    for match in re.finditer(r"CREATE TABLE (\w+)\s*\((.*?)\);", text, re.S):
        cols = [
            line.split()[0]
            for line in match.group(2).splitlines()
            if line.strip() and not line.strip().startswith("FOREIGN")
        ]
        tables[match.group(1)] = tuple(cols)
    return tables


def ehrsql_connection() -> sqlite3.Connection:
    """The EHRSQL SQLite database, opened read-only."""
    return sqlite3.connect(f"file:{EHRSQL_DIR / 'mimic_iv.sqlite'}?mode=ro", uri=True)


def _same_value(example: Any, present: frozenset[str]) -> bool:
    """Whether a JSON example equals one of the CSV strings of its column."""
    if isinstance(example, bool) or not isinstance(example, str | int | float):
        return False
    return str(example) in present


# ----------------------------------------------------------------------------- checks


def check_table_entry(
    name: str,
    entry: dict[str, Any],
    columns: tuple[str, ...],
    all_columns: dict[str, tuple[str, ...]],
) -> list[str]:
    """Problems of one table entry against its real columns and the other tables' columns."""
    problems = []
    for field in ("description", "row"):
        if not isinstance(entry.get(field), str) or len(entry[field].strip()) < 10:
            problems.append(f"{name}: {field} missing or too short")
    described = entry.get("columns") or {}
    for c in columns:
        if c not in described:
            problems.append(f"{name}.{c}: in the data but not described")
    for c, info in described.items():
        if c not in columns:
            problems.append(f"{name}.{c}: described but not in the data")
            continue
        if not isinstance(info.get("description"), str) or len(info["description"]) < 5:
            problems.append(f"{name}.{c}: empty description")
        if info.get("unit") is not None and not isinstance(info["unit"], str):
            problems.append(f"{name}.{c}: unit must be a string or null")
        if info.get("unit_column") and info["unit_column"] not in columns:
            problems.append(f"{name}.{c}: unit_column {info['unit_column']!r} is not a column")
        if len(info.get("examples") or []) > MAX_EXAMPLES:
            problems.append(f"{name}.{c}: more than {MAX_EXAMPLES} examples")
    for key in ("primary_key", "time_columns"):
        for c in entry.get(key) or []:
            if c not in columns:
                problems.append(f"{name}: {key} column {c!r} does not exist")
    for c, target in (entry.get("join_keys") or {}).items():
        if c not in columns:
            problems.append(f"{name}: join key {c!r} is not a column")
        table, _, col = target.rpartition(".")
        if table not in all_columns or col not in all_columns[table]:
            problems.append(f"{name}.{c}: join target {target!r} does not exist")
    for cs, target in (entry.get("decoded_by") or {}).items():
        if target not in all_columns:
            problems.append(f"{name}: decoded_by target {target!r} is not a table")
            continue
        for c in cs.split(","):
            if c not in columns:
                problems.append(f"{name}: decoded_by column {c!r} is not a column")
            elif c not in all_columns[target] and c not in (entry.get("join_keys") or {}):
                problems.append(f"{name}.{c}: {target} has no {c!r} and join_keys gives no mapping")
    return problems


def check_catalog(doc: dict[str, Any], all_columns: dict[str, tuple[str, ...]]) -> list[str]:
    """Problems of a whole catalog file: every table present, each entry sound."""
    tables = doc.get("tables") or {}
    problems = [f"{t}: no catalog entry" for t in all_columns if t not in tables]
    problems += [f"{t}: not a table of the dataset" for t in tables if t not in all_columns]
    for name, entry in tables.items():
        if name in all_columns:
            problems += check_table_entry(name, entry, all_columns[name], all_columns)
    return problems


def check_concept_item(item: dict[str, Any], table: str) -> list[str]:
    """Problems of one concept item against the dictionary and the stored units."""
    itemid = item.get("itemid")
    where = f"{table} itemid {itemid}"
    if table not in CONCEPT_TABLES:
        return [f"{where}: concepts may only point at {sorted(CONCEPT_TABLES)}"]
    row = dictionary(CONCEPT_TABLES[table]).get(itemid) if isinstance(itemid, int) else None
    if row is None:
        return [f"{where}: not in {CONCEPT_TABLES[table]}"]
    problems = []
    if row["label"] != item.get("label"):
        problems.append(f"{where}: label {item.get('label')!r}, dictionary says {row['label']!r}")
    if table == "mimiciv_hosp.labevents" and row["fluid"] != item.get("fluid"):
        problems.append(f"{where}: fluid {item.get('fluid')!r}, dictionary says {row['fluid']!r}")
    if table != "mimiciv_hosp.labevents" and row["linksto"] != table.split(".")[1]:
        problems.append(f"{where}: d_items.linksto is {row['linksto']!r}")
    usage = unit_usage(table).get(itemid, Counter())
    if item.get("demo_rows") != sum(usage.values()):
        rows = sum(usage.values())
        problems.append(f"{where}: demo_rows {item.get('demo_rows')}, data has {rows}")
    stored = Counter({u: n for u, n in usage.items() if u})
    observed = stored.most_common(1)[0][0] if stored else None
    if usage and item.get("unit") != observed:
        problems.append(f"{where}: unit {item.get('unit')!r}, valueuom in the data is {observed!r}")
    return problems


def check_concepts(doc: dict[str, Any]) -> list[str]:
    """Problems of concepts.json: coverage, itemids, labels, units, OMR names."""
    concepts = doc.get("concepts") or {}
    problems = [f"missing concept {k}" for k in sorted(REQUIRED_CONCEPTS - set(concepts))]
    for key, concept in concepts.items():
        table = concept.get("table")
        items = concept.get("items") or []
        if not concept.get("itemids"):
            problems.append(f"{key}: no itemids")
        if [i.get("itemid") for i in items] != concept.get("itemids"):
            problems.append(f"{key}: itemids and items disagree")
        if not concept.get("synonyms"):
            problems.append(f"{key}: no synonyms")
        # The preferred (first) itemid must have data; others may be codes that only the full
        # database uses (e.g. the rarer urine-output routes of mimic-code's urine_output.sql).
        if not items or not items[0].get("demo_rows"):
            problems.append(f"{key}: the first itemid has no demo data")
        for item in items:
            problems += [f"{key}: {p}" for p in check_concept_item(item, table)]
            unit, stated = item.get("unit"), concept.get("unit")
            if unit and stated and unit.lower() != stated.lower():
                itemid = item.get("itemid")
                problems.append(f"{key}: itemid {itemid} stores {unit!r}, concept says {stated!r}")
        for rel in concept.get("related") or []:
            problems += [f"{key} related: {p}" for p in check_concept_item(rel, rel.get("table"))]
            if rel.get("itemid") in (concept.get("itemids") or []):
                problems.append(f"{key}: itemid {rel.get('itemid')} is both main and related")
    omr = doc.get("omr_result_names") or {}
    present = column_profile("mimiciv_hosp.omr", ("result_name",))[1]["result_name"]
    problems += [f"omr result_name {n!r} not in the demo" for n in omr if n not in present]
    problems += [f"omr result_name {n!r} not listed" for n in present if n not in omr]
    for name, info in omr.items():
        for key in info.get("concepts", []):
            if key not in concepts:
                problems.append(f"omr {name!r}: unknown concept {key!r}")
            elif name not in concepts[key].get("omr_result_names", []):
                problems.append(f"omr {name!r}: concept {key!r} does not list it")
    return problems


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def mimic_doc(shared_data: Path) -> dict[str, Any]:
    return load_json("mimic_iv.json")


@pytest.fixture(scope="module")
def mimic_columns(shared_data: Path) -> dict[str, tuple[str, ...]]:
    return {
        f"mimiciv_{m}.{t}": demo_header(f"mimiciv_{m}.{t}")
        for m, tables in MIMIC_IV_TABLES.items()
        for t in tables
    }


@pytest.fixture(scope="module")
def ehrsql_doc(shared_data: Path) -> dict[str, Any]:
    return load_json("ehrsql.json")


@pytest.fixture(scope="module")
def ehrsql_columns(shared_data: Path) -> dict[str, tuple[str, ...]]:
    return {f"main.{t}": cols for t, cols in ehrsql_ddl().items()}


@pytest.fixture(scope="module")
def concepts_doc(shared_data: Path) -> dict[str, Any]:
    return load_json("concepts.json")


# ----------------------------------------------------------------------------- MIMIC-IV


def test_every_demo_table_has_a_csv(mimic_columns: dict[str, tuple[str, ...]]) -> None:
    assert len(mimic_columns) == 31
    assert all(cols for cols in mimic_columns.values())


def test_mimic_catalog_matches_the_demo(
    mimic_doc: dict[str, Any], mimic_columns: dict[str, tuple[str, ...]]
) -> None:
    assert check_catalog(mimic_doc, mimic_columns) == []


def test_mimic_modules_and_conventions(mimic_doc: dict[str, Any]) -> None:
    for name, entry in mimic_doc["tables"].items():
        assert entry["module"] == name.split(".")[0].removeprefix("mimiciv_"), name
    text = " ".join(mimic_doc["conventions"])
    for needle in ("anchor_year", "anchor_year_group", "91", "subject_id", "hadm_id", "stay_id"):
        assert needle in text


def test_mimic_examples_occur_in_the_demo(mimic_doc: dict[str, Any]) -> None:
    problems = []
    for name, entry in mimic_doc["tables"].items():
        _, values = column_profile(name, profiled_columns(entry))
        for col, info in entry["columns"].items():
            examples = info.get("examples") or []
            present = values.get(col, frozenset())
            problems += [
                f"{name}.{col}: example {e!r} not in the demo"
                for e in examples
                if not _same_value(e, present)
            ]
            labels = info.get("example_labels") or {}
            if labels:
                dic = dictionary(
                    "mimiciv_hosp.d_labitems"
                    if name.startswith("mimiciv_hosp")
                    else "mimiciv_icu.d_items"
                )
                problems += [
                    f"{name}.{col}: label of {k} is {dic[int(k)]['label']!r}"
                    for k, v in labels.items()
                    if dic[int(k)]["label"] != v
                ]
    assert problems == []


def test_mimic_primary_keys_are_unique_in_the_demo(mimic_doc: dict[str, Any]) -> None:
    for name, entry in mimic_doc["tables"].items():
        pk = entry["primary_key"]
        if not pk:
            continue
        idx = [demo_header(name).index(c) for c in pk]
        seen: set[tuple[str, ...]] = set()
        for r in stream_rows(name):
            key = tuple(r[i] for i in idx)
            assert all(key), f"{name}: {pk} has an empty value in {key}"
            assert key not in seen, f"{name}: {pk} is not unique ({key} repeats)"
            seen.add(key)


def test_mimic_row_counts_match_the_demo(mimic_doc: dict[str, Any]) -> None:
    for name, entry in mimic_doc["tables"].items():
        count, _ = column_profile(name, profiled_columns(entry))
        assert entry["row_count_demo"] == count, name


# ----------------------------------------------------------------------------- EHRSQL


def test_ehrsql_ddl_has_the_17_tables(ehrsql_columns: dict[str, tuple[str, ...]]) -> None:
    assert set(ehrsql_columns) == {f"main.{t}" for t in EHRSQL_TABLES}


def test_ehrsql_catalog_matches_the_ddl(
    ehrsql_doc: dict[str, Any], ehrsql_columns: dict[str, tuple[str, ...]]
) -> None:
    assert check_catalog(ehrsql_doc, ehrsql_columns) == []


def test_ehrsql_facts_and_examples(ehrsql_doc: dict[str, Any]) -> None:
    assert ehrsql_doc["now"] == "2100-12-31 23:59:00"
    assert ehrsql_doc["tables"]["main.cost"]["derived_from"] is None
    con = ehrsql_connection()
    try:
        problems = []
        for name, entry in ehrsql_doc["tables"].items():
            table = name.removeprefix("main.")
            # Table and column names come from the DDL-checked catalog, values are bound.
            count = con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
            if entry["row_count"] != count:
                problems.append(f"{name}: row_count {entry['row_count']}, database has {count}")
            for col, info in entry["columns"].items():
                for e in info.get("examples") or []:
                    hit = con.execute(
                        f'SELECT 1 FROM "{table}" WHERE "{col}" = ? LIMIT 1', (e,)
                    ).fetchone()
                    if hit is None:
                        problems.append(f"{name}.{col}: example {e!r} not in the database")
                dic = "d_labitems" if table == "labevents" else "d_items"
                for itemid, label in (info.get("example_labels") or {}).items():
                    row = con.execute(
                        f"SELECT label FROM {dic} WHERE itemid = ?", (int(itemid),)
                    ).fetchone()
                    if row is None or row[0] != label:
                        problems.append(f"{name}.{col}: {itemid} is not labelled {label!r}")
        assert problems == []
    finally:
        con.close()


# ----------------------------------------------------------------------------- concepts


def test_concepts_match_the_demo_dictionaries(concepts_doc: dict[str, Any]) -> None:
    assert check_concepts(concepts_doc) == []


def test_concept_spot_checks(concepts_doc: dict[str, Any]) -> None:
    c = concepts_doc["concepts"]
    assert c["heart_rate"]["itemids"] == [220045] and c["heart_rate"]["unit"] == "bpm"
    assert 50813 in c["lactate"]["itemids"] and c["lactate"]["unit"] == "mmol/L"
    assert c["creatinine"]["itemids"] == [50912] and c["creatinine"]["unit"] == "mg/dL"
    assert c["temperature_f"]["unit"] == "°F" and c["temperature_c"]["unit"] == "°C"
    assert c["weight"]["omr_result_names"] == ["Weight (Lbs)"]
    assert c["height"]["omr_result_names"] == ["Height (Inches)"]
    assert "Blood Pressure" in c["sbp_noninvasive"]["omr_result_names"]
    assert "Blood Pressure" in c["dbp_noninvasive"]["omr_result_names"]
    assert "BMI (kg/m2)" in concepts_doc["omr_result_names"]


# ----------------------------------------------------------------------------- the checks can fail


def test_checks_catch_a_broken_mimic_catalog(
    mimic_doc: dict[str, Any], mimic_columns: dict[str, tuple[str, ...]]
) -> None:
    broken = copy.deepcopy(mimic_doc)
    del broken["tables"]["mimiciv_hosp.omr"]
    adm = broken["tables"]["mimiciv_hosp.admissions"]
    del adm["columns"]["race"]
    adm["columns"]["ethnicity"] = {"description": "Renamed in MIMIC-IV 2.0.", "unit": None}
    adm["join_keys"]["subject_id"] = "mimiciv_hosp.patient.subject_id"
    broken["tables"]["mimiciv_hosp.labevents"]["decoded_by"]["itemid"] = "mimiciv_icu.d_labitems"
    problems = check_catalog(broken, mimic_columns)
    assert "mimiciv_hosp.omr: no catalog entry" in problems
    assert "mimiciv_hosp.admissions.race: in the data but not described" in problems
    assert "mimiciv_hosp.admissions.ethnicity: described but not in the data" in problems
    assert any("join target 'mimiciv_hosp.patient.subject_id'" in p for p in problems)
    assert any("decoded_by target 'mimiciv_icu.d_labitems'" in p for p in problems)


def test_checks_catch_wrong_concepts(concepts_doc: dict[str, Any]) -> None:
    broken = copy.deepcopy(concepts_doc)
    del broken["concepts"]["hdl"]
    broken["concepts"]["lactate"]["items"][0]["unit"] = "mg/dL"
    broken["concepts"]["heart_rate"]["items"][0]["label"] = "Pulse"
    broken["concepts"]["sodium"]["items"][0]["itemid"] = 99999999
    broken["concepts"]["sodium"]["itemids"] = [99999999]
    broken["omr_result_names"]["Weight (kg)"] = {"unit": "kg", "concepts": ["weight"]}
    problems = check_concepts(broken)
    assert "missing concept hdl" in problems
    assert any("50813: unit 'mg/dL', valueuom in the data is 'mmol/L'" in p for p in problems)
    assert any("220045: label 'Pulse'" in p for p in problems)
    assert any("99999999: not in mimiciv_hosp.d_labitems" in p for p in problems)
    assert "omr result_name 'Weight (kg)' not in the demo" in problems
