"""Retrieval and trial tools through the MCP in-memory client, and the ``trials`` CLI.

Indexes are built with the model-free hashing embedder (``retrieval_tools.set_embedder``) under
a temporary index root, and searched in BM25 mode where a test needs stable rankings; trial
matching runs over the 677 real ClinicalTrials.gov records and the demo patients.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import Client
from typer.testing import CliRunner

from m3agent.audit import read_records
from m3agent.retrieval.documents import load_documents
from m3agent.retrieval.embedding import HashingEmbedder
from m3agent.retrieval.index import HybridIndex
from m3agent.retrieval.trials.cli import app as trials_app
from m3agent.retrieval.trials.ehr_facts import facts_from_ehr
from m3agent.retrieval.trials.evaluate import evaluate_retrieval
from m3agent.retrieval.trials.ingest import load_trials
from m3agent.retrieval.trials.labels import EXCLUSION_LABELS, INCLUSION_LABELS
from m3agent.retrieval.trials.search import build_trial_index
from m3agent.server import retrieval_tools
from m3agent.server.app import build_server
from m3agent.server.settings import ServerSettings
from m3agent.tools.sql.engine import EngineSettings

from conftest import FIXTURES, SHARED_DATA

HASH = HashingEmbedder()
SIGIR = SHARED_DATA / "trials" / "sigir-subset"
PATIENT = 10002495  # type 2 diabetes, heart failure
TOOLS = (
    "search_documents",
    "get_document",
    "search_trials",
    "match_patient_to_trials",
    "explain_match",
)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("tool-indexes")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("M3AGENT_INDEX_DIR", str(folder))
        mp.setenv("M3AGENT_SHARED_DATA", str(SHARED_DATA))
        mp.delenv("M3AGENT_TRIALS_FILE", raising=False)
        retrieval_tools.set_embedder(HASH)
        try:
            yield folder
        finally:
            retrieval_tools.set_embedder(None)


@pytest.fixture(scope="module")
def settings(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> ServerSettings:
    audit = tmp_path_factory.mktemp("audit") / "audit.jsonl"
    return ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
        audit_path=audit,
        identity="tester",
    )


def session(settings: ServerSettings, calls: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    """Run tool calls in one in-memory client session; return each result."""

    async def go() -> list[Any]:
        async with Client(build_server(settings)) as c:
            return [await c.call_tool(name, args) for name, args in calls]

    return anyio.run(go)


def ok(result: Any) -> dict[str, Any]:
    assert not result.is_error, result.content[0].text
    return result.structured_content


def error(result: Any) -> str:
    assert result.is_error, result.structured_content
    return result.content[0].text


def test_tools_listed_and_nothing_opened_at_start(root: Path, settings: ServerSettings) -> None:
    async def go():
        async with Client(build_server(settings)) as c:
            return (await c.list_tools()).tools

    tools = {t.name: t for t in anyio.run(go)}
    for name in TOOLS:
        t = tools[name]
        assert t.annotations.read_only_hint is True and t.annotations.destructive_hint is False
        assert t.output_schema is not None and t.description and t.title
    assert not any(root.iterdir())  # start-up built or opened no index


def test_search_builtin_indexes_with_citations(root: Path, settings: ServerSettings) -> None:
    schema, calcs, concepts = session(
        settings,
        [
            (
                "search_documents",
                {"query": "length of ICU stay", "index": "schema", "mode": "bm25"},
            ),
            (
                "search_documents",
                {
                    "query": "stroke risk atrial fibrillation",
                    "index": "calculators",
                    "mode": "bm25",
                    "k": 3,
                },
            ),
            ("search_documents", {"query": "lactate", "index": "concepts", "mode": "bm25", "k": 3}),
        ],
    )
    hits = ok(schema)["hits"]
    assert len(hits) == 5 and [h["rank"] for h in hits] == [1, 2, 3, 4, 5]
    los = next(h for h in hits if h["citation"]["doc_id"] == "mimiciv_icu.icustays.los")
    cite = los["citation"]
    assert cite["source"] == "m3agent-builtin:schema/mimiciv_icu.icustays.los"
    assert cite["chunk_id"] == "mimiciv_icu.icustays.los#0" and cite["start"] == 0
    assert cite["end"] == len(los["text"]) and "bm25" in los["scores"]
    assert los["metadata"]["table"] == "icustays" and "prechunked" not in los["metadata"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert "calculator/cha2ds2_vasc" in [h["citation"]["doc_id"] for h in ok(calcs)["hits"]]
    lactate = ok(concepts)["hits"]
    assert "d_labitems/50813" in [h["citation"]["doc_id"] for h in lactate]
    assert {"schema", "calculators", "concepts"} <= {p.name for p in root.iterdir()}


def test_user_index_search_and_get_document(root: Path, settings: ServerSettings) -> None:
    docs = load_documents([FIXTURES / "retrieval" / "guides"]).documents
    HybridIndex.build(root / "docs", docs, embedder=HASH)
    sepsis = next(d for d in docs if d.title == "Sepsis bundle")
    found, whole, section, no_section, no_doc = session(
        settings,
        [
            ("search_documents", {"query": "norepinephrine vasopressor", "mode": "bm25", "k": 2}),
            ("get_document", {"doc_id": sepsis.doc_id}),
            ("get_document", {"doc_id": sepsis.doc_id, "section": "Resuscitation > Fluids"}),
            ("get_document", {"doc_id": sepsis.doc_id, "section": "Dosing"}),
            ("get_document", {"doc_id": sepsis.doc_id + "x"}),
        ],
    )
    top = ok(found)["hits"][0]
    assert top["citation"]["doc_id"] == sepsis.doc_id
    assert top["citation"]["source"] == sepsis.source
    assert top["citation"]["section"] == ["Resuscitation", "Vasopressors"]
    assert sepsis.text[top["citation"]["start"] : top["citation"]["end"]] == top["text"]
    view = ok(whole)
    assert view["text"] == sepsis.text and not view["truncated"]
    assert ["Resuscitation", "Fluids"] in view["sections"]
    part = ok(section)
    assert part["section"] == ["Resuscitation", "Fluids"] and "30 mL/kg" in part["text"]
    assert sepsis.text[part["start"] : part["end"]] == part["text"]
    assert "has no section 'Dosing'" in error(no_section)
    assert "Resuscitation > Fluids" in error(no_section)
    assert "Closest ids" in error(no_doc) and sepsis.doc_id in error(no_doc)


def test_document_tool_errors(root: Path, settings: ServerSettings) -> None:
    unknown, invalid, empty, k0 = session(
        settings,
        [
            ("search_documents", {"query": "x", "index": "guidelines"}),
            ("search_documents", {"query": "x", "index": "../etc"}),
            ("search_documents", {"query": "  ", "index": "schema"}),
            ("search_documents", {"query": "x", "index": "schema", "k": 0}),
        ],
    )
    text = error(unknown)
    assert "no index named 'guidelines'" in text and "calculators" in text and "trials" in text
    assert "m3-agent index build guidelines" in text
    assert "invalid index name '../etc'" in error(invalid)
    assert "expected a non-empty query" in error(empty)
    assert error(k0)  # refused by the input schema (k ≥ 1)


def test_search_trials(root: Path, settings: ServerSettings) -> None:
    by_words, recruiting, patient, bad_status, neither = session(
        settings,
        [
            ("search_trials", {"query": "asthma inhaled corticosteroid", "k": 5}),
            ("search_trials", {"query": "asthma", "status": "recruiting", "k": 50}),
            ("search_trials", {"subject_id": PATIENT, "k": 3}),
            ("search_trials", {"query": "asthma", "status": "open"}),
            ("search_trials", {}),
        ],
    )
    hits = ok(by_words)["trials"]
    assert len(hits) == 5 and any("sthma" in " ".join(h["conditions"]) for h in hits)
    assert all(h["url"] == f"https://clinicaltrials.gov/study/{h['nct_id']}" for h in hits)
    rec = ok(recruiting)
    assert rec["status"] == "RECRUITING" and rec["trials"]
    assert all(h["status"] == "RECRUITING" for h in rec["trials"])
    assert [h["rank"] for h in rec["trials"]] == list(range(1, len(rec["trials"]) + 1))
    pat = ok(patient)
    assert pat["subject_id"] == PATIENT and "Type 2 diabetes mellitus" in pat["query"]
    assert len(pat["trials"]) == 3 and "record of patient" in pat["notes"][0]
    text = error(bad_status)
    assert "unknown trial status 'open'" in text and "RECRUITING" in text
    assert "expected a query, a subject_id or both" in error(neither)


def test_match_patient_to_trials(root: Path, settings: ServerSettings, engine) -> None:
    by_record, by_text, both, unknown = session(
        settings,
        [
            ("match_patient_to_trials", {"subject_id": PATIENT, "k": 5}),
            (
                "match_patient_to_trials",
                {
                    "patient_text": "A 45-year-old man with type 2 diabetes. His HbA1c is 8.5%.",
                    "k": 5,
                },
            ),
            ("match_patient_to_trials", {"subject_id": PATIENT, "patient_text": "x"}),
            ("match_patient_to_trials", {"subject_id": 1}),
        ],
    )
    out = ok(by_record)
    facts = facts_from_ehr(engine, PATIENT)
    assert out["patient"]["age_years"] == facts.age_years and out["patient"]["sex"] == "male"
    assert out["patient"]["conditions"] == len(facts.conditions)
    assert "(" in out["patient"]["labs"]["serum creatinine"]  # time and itemid shown
    trials = out["trials"]
    assert len(trials) == 5 and out["candidates"] == 50
    assert [t["score"] for t in trials] == sorted((t["score"] for t in trials), reverse=True)
    for t in trials:
        assert t["score"] == pytest.approx(t["matching_score"] + t["relevance"], abs=1e-5)
        assert t["computed"] + t["not_judged"] <= sum(t["counts"].values())
        assert -2 <= t["matching_score"] <= 1
    assert any("No model is configured" in n for n in out["notes"])
    text_out = ok(by_text)
    assert text_out["patient"]["source"] == "text" and text_out["patient"]["age_years"] == 45
    assert "HbA1c" in text_out["patient"]["labs"]
    assert "found both" in error(both)
    assert "No patient with subject_id 1" in error(unknown)


def test_explain_match(root: Path, settings: ServerSettings) -> None:
    first = ok(
        session(settings, [("match_patient_to_trials", {"subject_id": PATIENT, "k": 1})])[0]
    )["trials"][0]
    explained, lower, unknown, neither = session(
        settings,
        [
            ("explain_match", {"trial_id": first["nct_id"], "subject_id": PATIENT}),
            (
                "explain_match",
                {"trial_id": first["nct_id"].lower(), "patient_text": "A 70-year-old woman."},
            ),
            ("explain_match", {"trial_id": "NCT0000000", "subject_id": PATIENT}),
            ("explain_match", {"trial_id": first["nct_id"]}),
        ],
    )
    out = ok(explained)
    assert out["nct_id"] == first["nct_id"] and out["columns"][3] == "label"
    assert out["matching_score"] == pytest.approx(first["matching_score"], abs=1e-5)
    assert len(out["rows"]) == sum(out["counts"].values())
    for _n, ctype, text, label, method, evidence, reason in out["rows"]:
        assert label in (INCLUSION_LABELS if ctype == "inclusion" else EXCLUSION_LABELS)
        assert method in ("computed", "undetermined") and text
        if method == "computed" and ctype == "inclusion" and text.startswith("Registry age"):
            assert "anchor_age" in evidence and "age" in reason
    assert ok(lower)["patient"]["sex"] == "female"
    text = error(unknown)
    assert "no trial 'NCT0000000' among the 677 trials" in text and "Closest ids" in text
    assert "expected exactly one of subject_id" in error(neither)


def test_calls_are_audited(root: Path, settings: ServerSettings) -> None:
    session(settings, [("search_trials", {"query": "leukemia", "k": 2})])
    records = list(read_records(settings.audit_path))
    tools = {r.tool for r in records}
    assert {"search_documents", "search_trials", "match_patient_to_trials"} <= tools
    last = [r for r in records if r.tool == "search_trials"][-1]
    assert last.arguments == {"query": "leukemia", "k": 2} and last.outcome == "ok"


def test_bad_trials_file(
    root: Path, settings: ServerSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("M3AGENT_INDEX_DIR", str(tmp_path / "indexes"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"protocolSection": {"identificationModule": {"nctId": "X1"}}}\n{oops\n')
    monkeypatch.setenv("M3AGENT_TRIALS_FILE", str(bad))
    (result,) = session(settings, [("search_trials", {"query": "asthma"})])
    text = error(result)
    assert "no trial could be read" in text and "line 2" in text
    monkeypatch.setenv("M3AGENT_TRIALS_FILE", str(tmp_path / "none.jsonl"))
    (result,) = session(settings, [("match_patient_to_trials", {"patient_text": "asthma"})])
    assert "trials file not found" in error(result) and "M3AGENT_TRIALS_FILE" in error(result)
    # A file with some good records: the good ones are indexed and matched.
    good = (SHARED_DATA / "trials" / "ctgov_v2_studies.jsonl").read_text().splitlines()[:3]
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join([good[0], "{oops", good[1], good[2]]) + "\n")
    monkeypatch.setenv("M3AGENT_TRIALS_FILE", str(mixed))
    (result,) = session(settings, [("search_trials", {"query": "study", "k": 10})])
    assert len(ok(result)["trials"]) <= 3


# ----------------------------------------------------------------------------- trials CLI


def test_trials_eval_cli_prints_ndcg_and_recall_last(tmp_path: Path) -> None:
    args = [
        "eval",
        "--corpus",
        str(SIGIR / "corpus.jsonl"),
        "--queries",
        str(SIGIR / "queries.jsonl"),
        "--qrels",
        str(SIGIR / "qrels_dev.tsv"),
        "--embedder",
        "hashing",
    ]
    result = CliRunner().invoke(trials_app, [*args, "--mode", "bm25"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[-2].startswith("NDCG@10 = ") and lines[-1].startswith("recall@10 = ")
    index = build_trial_index(
        tmp_path / "idx", load_trials(SIGIR / "corpus.jsonl").trials, embedder=HASH
    )
    expected = evaluate_retrieval(
        [], SIGIR / "queries.jsonl", SIGIR / "qrels_dev.tsv", "bm25", index=index
    )
    assert float(lines[-2].split("= ")[1]) == pytest.approx(expected["ndcg@10"], abs=1e-4)
    assert float(lines[-1].split("= ")[1]) == pytest.approx(expected["recall@10"], abs=1e-4)
    assert "27 judged queries" in result.stdout
    every = CliRunner().invoke(trials_app, [*args, "--mode", "all", "--json"])
    modes = json.loads(every.stdout)["modes"]
    assert set(modes) == {"bm25", "dense", "hybrid"}
    assert modes["bm25"]["ndcg@10"] == pytest.approx(expected["ndcg@10"])


def test_trials_eval_cli_errors(tmp_path: Path) -> None:
    missing = CliRunner().invoke(
        trials_app,
        [
            "eval",
            "--corpus",
            str(SIGIR / "corpus.jsonl"),
            "--queries",
            str(tmp_path / "q.jsonl"),
            "--qrels",
            str(SIGIR / "qrels_dev.tsv"),
        ],
    )
    assert missing.exit_code == 1 and "expected a queries file" in missing.stderr
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("query-id\tcorpus-id\tscore\nsigir-20141\tNCT00149227\thigh\n")
    bad = CliRunner().invoke(
        trials_app,
        [
            "eval",
            "--corpus",
            str(SIGIR / "corpus.jsonl"),
            "--queries",
            str(SIGIR / "queries.jsonl"),
            "--qrels",
            str(qrels),
            "--embedder",
            "hashing",
        ],
    )
    assert bad.exit_code == 1 and "line 2: expected an integer score" in bad.stderr
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("not json\n")
    bad = CliRunner().invoke(
        trials_app,
        [
            "eval",
            "--corpus",
            str(corpus),
            "--queries",
            str(SIGIR / "queries.jsonl"),
            "--qrels",
            str(SIGIR / "qrels_dev.tsv"),
        ],
    )
    assert bad.exit_code == 1 and "no trial could be read" in bad.stderr


def test_trials_match_cli(root: Path, engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from m3agent.tools.sql import engine as engine_module

    result = CliRunner().invoke(
        trials_app,
        [
            "match",
            "--patient-text",
            "A 62-year-old woman with type 2 diabetes, HbA1c 9%.",
            "--k",
            "4",
            "--embedder",
            "hashing",
        ],
    )
    assert result.exit_code == 0, result.output
    table = [ln for ln in result.stdout.splitlines() if ln.startswith("| ")]
    assert table[0].startswith("| # | trial | score") and len(table) == 1 + 4
    monkeypatch.setattr(engine_module, "_default", engine)
    result = CliRunner().invoke(
        trials_app,
        ["match", "--subject-id", str(PATIENT), "--k", "2", "--embedder", "hashing", "--json"],
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["patient"] == str(PATIENT) and len(out["trials"]) == 2
    assert out["trials"][0]["score"] >= out["trials"][1]["score"]
    for args, message in (
        ([], "found neither"),
        (["--subject-id", "1", "--patient-text", "x"], "found both"),
        (["--patient-text", "x", "--at", "2150-01-01"], "--at applies"),
        (["--subject-id", "1"], "No patient with subject_id 1"),
    ):
        bad = CliRunner().invoke(trials_app, ["match", *args, "--embedder", "hashing"])
        assert bad.exit_code == 1 and message in bad.stderr, bad.output
