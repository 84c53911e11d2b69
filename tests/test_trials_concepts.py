"""The curated tables: ICD prefixes exist in MIMIC-IV, item ids name the right quantities."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from m3agent.calculators.units import accepted_units, kinds
from m3agent.retrieval.trials.diagnoses import (
    DIAGNOSES,
    DIAGNOSIS_BY_KEY,
    ancestors,
    code_matches,
    find_diagnoses,
    get_diagnosis,
)
from m3agent.retrieval.trials.lab_concepts import LAB_CONCEPTS, get_lab_concept

# Codes the table lists on purpose that MIMIC-IV's dictionary lacks: WHO ICD-10 only (E14,
# I64, J46, A16), and U07.1 (COVID-19, in ICD-10-CM since April 2020).
NOT_IN_MIMIC = {"E14", "I64", "J46", "A16", "U071"}


@pytest.fixture(scope="module")
def icd_codes(shared_data: Path) -> dict[int, set[str]]:
    path = shared_data / "mimic-iv-demo-2.2/hosp/d_icd_diagnoses.csv.gz"
    codes: dict[int, set[str]] = {9: set(), 10: set()}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            codes[int(row["icd_version"])].add(row["icd_code"])
    return codes


def test_every_icd_prefix_exists_in_mimic(icd_codes: dict[int, set[str]]) -> None:
    missing = []
    for d in DIAGNOSES:
        for version, prefixes in ((10, d.icd10), (9, d.icd9)):
            for p in prefixes:
                if version == 10 and p in NOT_IN_MIMIC:
                    continue
                if not any(c.startswith(p) for c in icd_codes[version]):
                    missing.append((d.key, version, p))
    assert missing == []


def test_diagnosis_table_is_consistent() -> None:
    assert len(DIAGNOSIS_BY_KEY) == len(DIAGNOSES) >= 60
    for d in DIAGNOSES:
        assert d.icd10 or d.icd9, d.key
        if d.parent:
            assert d.parent in DIAGNOSIS_BY_KEY, d.key
    assert ancestors("unstable_angina") == ["angina", "coronary_artery_disease"]
    with pytest.raises(KeyError, match="unknown diagnosis"):
        get_diagnosis("gout-ish")


@pytest.mark.parametrize(
    ("code", "version", "key", "matches"),
    [
        ("E11.9", 10, "diabetes", True),
        ("E119", 10, "type1_diabetes", False),
        ("25001", 9, "type1_diabetes", True),
        ("25000", 9, "type2_diabetes", True),
        ("4280", 9, "heart_failure", True),
        ("I5023", 10, "heart_failure", True),
        ("J45909", 10, "asthma", True),
        ("49390", 9, "asthma", True),
        ("C3490", 10, "cancer", True),
        ("1629", 9, "lung_cancer", True),
        ("D259", 10, "cancer", False),  # a leiomyoma is benign
        ("I10", None, "hypertension", True),
        ("", 10, "asthma", False),
    ],
)
def test_code_matches(code: str, version: int | None, key: str, matches: bool) -> None:
    assert code_matches(code, version, DIAGNOSIS_BY_KEY[key]) is matches


def test_find_diagnoses() -> None:
    found = [
        (m.concept, m.text)
        for m in find_diagnoses(
            "Type 2 diabetes, pulmonary hypertension, HTN, CHF and ALL; not diabetes insipidus"
        )
    ]
    assert found == [
        ("type2_diabetes", "Type 2 diabetes"),
        ("pulmonary_hypertension", "pulmonary hypertension"),
        ("hypertension", "HTN"),
        ("heart_failure", "CHF"),
        ("leukemia", "ALL"),
    ]
    assert find_diagnoses("all patients, prediabetes") == []


@pytest.fixture(scope="module")
def item_labels(shared_data: Path) -> dict[int, str]:
    demo = shared_data / "mimic-iv-demo-2.2"
    labels: dict[int, str] = {}
    for rel in ("hosp/d_labitems.csv.gz", "icu/d_items.csv.gz"):
        with gzip.open(demo / rel, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                labels[int(row["itemid"])] = row["label"].lower()
    return labels


# A word each item's MIMIC-IV label must contain.
EXPECTED_WORD = {
    "hba1c": "a1c",
    "egfr": "gfr",
    "creatinine": "creatinine",
    "platelets": "platelet",
    "anc": "neutrophil",
    "wbc": "white blood cells",
    "hemoglobin": "hemoglobin",
    "glucose": "glucose",
    "bilirubin": "bilirubin, total",
    "ast": "asparate",
    "alt": "alanine",
    "alp": "alkaline phosphatase",
    "albumin": "albumin",
    "potassium": "potassium",
    "sodium": "sodium",
    "inr": "inr",
    "ldl": "ldl",
    "triglycerides": "triglycerides",
    "cholesterol": "cholesterol, total",
    "sbp": "systolic",
    "dbp": "diastolic",
    "heart_rate": "heart rate",
    "temperature": "temperature",
    "weight": "weight",
}


def test_lab_item_ids_name_their_quantity(item_labels: dict[int, str]) -> None:
    for c in LAB_CONCEPTS:
        for itemid in c.mimic_itemids:
            assert itemid in item_labels, (c.key, itemid)
            assert EXPECTED_WORD[c.key] in item_labels[itemid], (c.key, item_labels[itemid])


def test_lab_concepts_use_known_units() -> None:
    for c in LAB_CONCEPTS:
        assert c.kind in kinds(), c.key
        assert c.unit in accepted_units(c.kind), c.key
        low, high = c.plausible
        assert low < high
    with pytest.raises(KeyError, match="unknown lab concept"):
        get_lab_concept("troponin")
