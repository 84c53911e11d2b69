"""Trial ingestion: ClinicalTrials.gov API v2 JSON and TrialGPT's corpus, malformed records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from m3agent.retrieval.trials.ingest import (
    ingest_text,
    load_many,
    load_trials,
    parse_age,
    parse_ctgov_study,
    parse_trialgpt_entry,
)
from m3agent.tools.errors import DataLoadError


def _study(nct: str = "NCT00000001", **elig: Any) -> dict[str, Any]:
    eligibility = {
        "eligibilityCriteria": "Inclusion Criteria:\n\n* Age 18 or older\n\n"
        "Exclusion Criteria:\n\n* Pregnancy",
        "sex": "ALL",
        "minimumAge": "18 Years",
        "healthyVolunteers": False,
    }
    eligibility.update(elig)
    return {
        "protocolSection": {
            "identificationModule": {"nctId": nct, "briefTitle": f"Trial {nct}"},
            "statusModule": {"overallStatus": "RECRUITING"},
            "conditionsModule": {"conditions": ["Asthma"]},
            "designModule": {"phases": ["PHASE2", "PHASE3"]},
            "eligibilityModule": eligibility,
            "armsInterventionsModule": {"interventions": [{"type": "DRUG", "name": "X"}]},
        }
    }


def test_real_ctgov_file_reads_every_study(shared_data: Path) -> None:
    result = load_trials(shared_data / "trials" / "ctgov_v2_studies.jsonl")
    assert result.report.records == 677
    assert result.report.ingested == 677 and result.report.skipped == 0
    assert result.report.format == "jsonl/ctgov"
    first = result.trials[0]
    assert first.nct_id == "NCT05923281"
    assert first.min_age_years == 18 and first.max_age_years is None
    assert first.phases == ["PHASE3"] and first.status == "RECRUITING"
    assert first.conditions == ["Hypercholesterolemia"]
    assert [i.type for i in first.interventions] == ["DRUG", "DRUG", "DRUG"]
    # Markdown escapes are removed: the API writes "\<= 150 mg/dL".
    assert "TG <= 150 mg/dL" in first.inclusion_criteria
    assert "\\<" not in first.eligibility_text
    assert first.exclusion_criteria.startswith("1. Patients who require")
    sexes = {t.sex for t in result.trials}
    assert sexes == {"ALL", "FEMALE", "MALE"}


def test_real_trialgpt_corpus(shared_data: Path) -> None:
    result = load_trials(shared_data / "trials" / "sigir-subset" / "corpus.jsonl")
    assert result.report.ingested == 101 and result.report.skipped == 0
    assert result.report.format == "jsonl/trialgpt"
    by_id = {t.nct_id: t for t in result.trials}
    t = by_id["NCT01397994"]
    assert t.source == "trialgpt"
    assert "Age 25 to 65 years" in t.inclusion_criteria
    assert "Unstable angina" in t.exclusion_criteria
    assert t.min_age_years is None and t.sex == "ALL"  # the format has no structured fields
    phased = [x for x in result.trials if x.phases]
    assert all(p.startswith("PHASE") for x in phased for p in x.phases)


def test_both_formats_in_one_jsonl() -> None:
    tg = {
        "_id": "NCT00000009",
        "title": "T",
        "text": "",
        "metadata": {
            "brief_title": "Brief",
            "phase": "Phase 1; Phase 2",
            "drugs_list": ["aspirin"],
            "diseases_list": ["Stroke"],
            "inclusion_criteria": "inclusion criteria: \n\n Stroke \n\n ",
            "exclusion_criteria": ": \n\n Pregnancy",
            "brief_summary": "S",
        },
    }
    text = json.dumps(_study()) + "\n\n" + json.dumps(tg) + "\n"
    result = ingest_text(text)
    assert [t.nct_id for t in result.trials] == ["NCT00000001", "NCT00000009"]
    assert result.report.format == "jsonl/ctgov+trialgpt"
    assert result.trials[1].phases == ["PHASE1", "PHASE2"]
    assert result.trials[1].interventions[0].name == "aspirin"
    assert result.trials[0].phases == ["PHASE2", "PHASE3"]


def test_malformed_lines_are_reported_and_the_rest_ingested() -> None:
    lines = [
        json.dumps(_study("NCT00000001")),
        '{"protocolSection": {"identificationModule": ',  # line 2: not JSON
        json.dumps(_study("NCT00000003", healthyVolunteers="yes")),  # wrong type
        json.dumps({"protocolSection": {"identificationModule": {"briefTitle": "x"}}}),
        json.dumps(_study("NCT00000005", minimumAge="eighteen")),  # bad age
        json.dumps(_study("NCT0000006")),  # bad NCT id
        json.dumps({"foo": 1}),  # neither format
        json.dumps(_study("NCT00000001")),  # duplicate
        json.dumps(_study("NCT00000009")),
    ]
    result = ingest_text("\n".join(lines), source="test.jsonl")
    report = result.report
    assert [t.nct_id for t in result.trials] == ["NCT00000001", "NCT00000009"]
    assert report.records == 9 and report.ingested == 2 and report.skipped == 7
    by_line = {i.line: i for i in report.issues}
    assert by_line[2].field is None and "not valid JSON" in by_line[2].message
    assert by_line[3].field == "protocolSection.eligibilityModule.healthyVolunteers"
    assert "'yes'" in by_line[3].message and by_line[3].nct_id == "NCT00000003"
    assert by_line[4].field == "protocolSection.identificationModule.nctId"
    assert by_line[4].message == "required field is missing"
    assert by_line[5].field == "protocolSection.eligibilityModule.minimumAge"
    assert "'18 Years'" in by_line[5].message and "'eighteen'" in by_line[5].message
    assert by_line[6].field == "protocolSection.identificationModule.nctId"
    assert "NCT01234567" in by_line[6].message
    assert "protocolSection" in by_line[7].message and "_id" in by_line[7].message
    assert by_line[8].field == "nct_id" and "duplicate" in by_line[8].message
    assert [i.record for i in report.issues] == [1, 2, 3, 4, 5, 6, 7]
    assert "9 records, 2 ingested, 7 skipped" in report.summary()
    assert by_line[2].where() == "line 2"


def test_json_array_and_studies_object(tmp_path: Path) -> None:
    studies = [_study("NCT00000001"), _study("NCT00000002", sex="FEMALE", maximumAge="6 Months")]
    arr = tmp_path / "a.json"
    arr.write_text(json.dumps(studies), encoding="utf-8")
    obj = tmp_path / "b.json"
    obj.write_text(json.dumps({"studies": studies, "nextPageToken": "x"}), encoding="utf-8")
    ra, rb = load_trials(arr), load_trials(obj)
    assert ra.report.format == "json-array/ctgov" and rb.report.format == "json-studies/ctgov"
    for r in (ra, rb):
        assert [t.nct_id for t in r.trials] == ["NCT00000001", "NCT00000002"]
        assert r.trials[1].sex == "FEMALE"
        assert r.trials[1].max_age_years == pytest.approx(0.5)
    bad = [_study("NCT00000001"), {"protocolSection": 3}]
    r = ingest_text(json.dumps(bad))
    assert r.report.skipped == 1
    assert r.report.issues[0].line is None and r.report.issues[0].record == 1
    assert r.report.issues[0].where() == "record 1"
    single = ingest_text(json.dumps(_study("NCT00000007")))
    assert single.report.format == "json-object/ctgov" and len(single.trials) == 1


def test_unreadable_inputs_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(DataLoadError, match="trial file not found"):
        load_trials(tmp_path / "missing.jsonl")
    broken = tmp_path / "broken.json"
    broken.write_text('[{"protocolSection": {}},', encoding="utf-8")
    with pytest.raises(DataLoadError, match="JSON array"):
        load_trials(broken)
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(DataLoadError, match="UTF-8"):
        load_trials(binary)
    assert ingest_text("   \n").report.records == 0


def test_load_many_merges_and_dedupes(tmp_path: Path) -> None:
    a = tmp_path / "a.jsonl"
    b = tmp_path / "b.jsonl"
    a.write_text(json.dumps(_study("NCT00000001")) + "\nnot json\n", encoding="utf-8")
    b.write_text(json.dumps(_study("NCT00000001")) + "\n" + json.dumps(_study("NCT00000002")))
    r = load_many([a, b])
    assert [t.nct_id for t in r.trials] == ["NCT00000001", "NCT00000002"]
    assert r.report.records == 4 and r.report.skipped == 1


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("18 Years", 18.0),
        ("6 Months", 0.5),
        ("1 Year", 1.0),
        ("2 Weeks", 14 / 365.25),
        ("30 Days", 30 / 365.25),
        (None, None),
        ("N/A", None),
        ("", None),
    ],
)
def test_parse_age(text: str | None, years: float | None) -> None:
    got = parse_age(text)
    assert got == (pytest.approx(years, abs=1e-6) if years is not None else None)


@pytest.mark.parametrize("bad", ["eighteen", "18", "18 Decades", "-3 Years"])
def test_parse_age_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="expected an age like"):
        parse_age(bad, field="minimumAge")


def test_parsers_name_the_field() -> None:
    with pytest.raises(ValueError, match=r"^protocolSection: required field is missing"):
        parse_ctgov_study({})
    with pytest.raises(ValueError, match=r"^_id: "):
        parse_trialgpt_entry({"_id": "X1", "title": "t", "metadata": {}})
    with pytest.raises(ValueError, match=r"^metadata.diseases_list"):
        parse_trialgpt_entry(
            {"_id": "NCT00000001", "title": "t", "metadata": {"diseases_list": "Asthma"}}
        )
