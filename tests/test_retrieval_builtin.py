"""Built-in indexes (schema, concepts, calculators, trials) and ``index eval-schema``.

Indexes are built with the model-free hashing embedder and searched in BM25 mode, where the
embedder plays no part; the real model is exercised by the retrieval layer's own tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from m3agent.calculators.registry import all_calculators
from m3agent.retrieval import builtin
from m3agent.retrieval.builtin import (
    BUILTINS,
    builtin_documents,
    calculator_documents,
    concept_documents,
    ensure_builtin,
    load_builtin_trials,
    schema_documents,
    trials_file,
)
from m3agent.retrieval.documents import Document
from m3agent.retrieval.embedding import HashingEmbedder
from m3agent.retrieval.errors import IndexNotFoundError, QueryError, RetrievalError
from m3agent.retrieval.eval_cli import (
    SchemaQuestion,
    app,
    evaluate_schema,
    gold_tables,
    load_schema_questions,
)
from m3agent.retrieval.index import HybridIndex
from m3agent.tools.catalog.catalog import descriptions
from m3agent.tools.errors import ConfigError, DataLoadError, M3AgentError

from conftest import EHRSQL_DIR, SHARED_DATA

HASH = HashingEmbedder()


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("builtin-indexes")


@pytest.fixture(scope="module")
def demo_con(demo_db: Path, engine):
    s = engine.settings  # same configuration as the engine: DuckDB shares one instance per file
    con = duckdb.connect(
        str(demo_db), read_only=True, config={"memory_limit": s.memory_limit, "threads": s.threads}
    )
    yield con
    con.close()


def top_ids(index: HybridIndex, query: str, k: int = 5) -> list[str]:
    return [h.chunk.doc_id for h in index.search(query, k=k, mode="bm25")]


# ----------------------------------------------------------------------------- documents


def test_schema_documents_one_per_table_and_column() -> None:
    catalog = descriptions("mimic-iv")
    docs = schema_documents("mimic-iv")
    tables = [d for d in docs if d.metadata["kind"] == "table"]
    columns = [d for d in docs if d.metadata["kind"] == "column"]
    assert len(tables) == len(catalog) == 31
    assert len(columns) == sum(len(t["columns"]) for t in catalog.values())
    assert len({d.doc_id for d in docs}) == len(docs)
    lab = next(d for d in docs if d.doc_id == "mimiciv_hosp.labevents.valuenum")
    assert lab.metadata["table"] == "labevents" and lab.metadata["schema"] == "mimiciv_hosp"
    assert catalog["mimiciv_hosp.labevents"]["columns"]["valuenum"]["description"] in lab.text
    table = next(d for d in docs if d.doc_id == "mimiciv_icu.icustays")
    assert catalog["mimiciv_icu.icustays"]["description"] in table.text
    assert "Columns: " in table.text and "stay_id" in table.text
    assert all(
        d.metadata["prechunked"] and d.source.startswith("m3agent-builtin:schema/") for d in docs
    )
    ehrsql = schema_documents("ehrsql")
    assert {d.metadata["table"] for d in ehrsql} >= {"cost", "labevents", "d_labitems"}
    assert all(d.source.startswith("m3agent-builtin:schema-ehrsql/") for d in ehrsql)
    with pytest.raises(ConfigError, match="expected 'mimic-iv' or 'ehrsql'"):
        schema_documents("eicu")


def test_calculator_documents_name_inputs_and_source() -> None:
    calcs = all_calculators()
    docs = calculator_documents()
    assert len(docs) == len(calcs)
    by_id = {d.metadata["calculator"]: d for d in docs}
    cg = next(c for c in calcs if c.id == "cockcroft_gault")
    doc = by_id["cockcroft_gault"]
    assert doc.doc_id == "calculator/cockcroft_gault" and doc.title == cg.meta.name
    for synonym in cg.meta.synonyms:
        assert synonym in doc.text
    for field in cg.inputs.model_fields:
        assert field in doc.text
    assert cg.meta.source in doc.text
    assert doc.metadata["doi"] == cg.meta.doi


def test_concept_documents_match_the_dictionaries(engine, demo_con) -> None:
    docs = concept_documents(engine, "mimic-iv-demo")
    kinds: dict[str, list[Document]] = {}
    for d in docs:
        kinds.setdefault(d.metadata["kind"], []).append(d)
    (used_labs,) = demo_con.execute(
        "SELECT count(DISTINCT itemid) FROM mimiciv_hosp.labevents"
    ).fetchone()
    (used_dx,) = demo_con.execute(
        "SELECT count(*) FROM (SELECT DISTINCT icd_code, icd_version "
        "FROM mimiciv_hosp.diagnoses_icd)"
    ).fetchone()
    assert len(kinds["lab"]) == used_labs  # only items with rows are indexed
    assert len(kinds["diagnosis"]) == used_dx
    lactate = next(d for d in docs if d.doc_id == "d_labitems/50813")
    (n, unit) = demo_con.execute(
        "SELECT count(*), mode(valueuom) FROM mimiciv_hosp.labevents WHERE itemid = 50813"
    ).fetchone()
    assert lactate.metadata["count"] == n and lactate.metadata["unit"] == unit
    assert f"{n:,} rows" in lactate.text and "Lactate" in lactate.title
    hr = next(d for d in docs if d.doc_id == "d_items/220045")
    assert hr.metadata["table"] == "mimiciv_icu.chartevents" and "bpm" in hr.text
    # ICD codes are shown with their dot, as written in the code books.
    assert builtin._icd_dotted("4019", 9, True) == "401.9"
    assert builtin._icd_dotted("E8889", 9, True) == "E888.9"
    assert builtin._icd_dotted("I10", 10, True) == "I10"
    assert builtin._icd_dotted("3893", 9, False) == "38.93"
    assert builtin._icd_dotted("0DTJ4ZZ", 10, False) == "0DTJ4ZZ"
    icd = next(d for d in docs if d.metadata["kind"] == "diagnosis")
    assert f"icd_code '{icd.metadata['code']}'" in icd.text


def test_concepts_need_a_mimic_dataset_and_an_engine(engine) -> None:
    with pytest.raises(M3AgentError, match="another layout"):
        concept_documents(engine, "ehrsql")
    with pytest.raises(ConfigError, match="expected an SQL engine"):
        builtin_documents("concepts")
    with pytest.raises(IndexNotFoundError, match="expected one of schema"):
        builtin_documents("guidelines")


def test_trials_file_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("M3AGENT_TRIALS_FILE", raising=False)
    monkeypatch.setenv("M3AGENT_SHARED_DATA", str(tmp_path))
    assert trials_file() == tmp_path / "trials" / "ctgov_v2_studies.jsonl"
    monkeypatch.setenv("M3AGENT_TRIALS_FILE", str(tmp_path / "mine.jsonl"))
    assert trials_file() == tmp_path / "mine.jsonl"
    monkeypatch.setenv("M3AGENT_TRIALS_FILE", " ")
    with pytest.raises(ConfigError, match="set but empty"):
        trials_file()


def test_builtin_trials_load_and_bad_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    trials = load_builtin_trials(SHARED_DATA / "trials" / "ctgov_v2_studies.jsonl")
    assert len(trials) == 677
    with pytest.raises(DataLoadError, match="trials file not found"):
        load_builtin_trials(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"protocolSection": {}}\nnot json\n', encoding="utf-8")
    with pytest.raises(DataLoadError, match=r"no trial could be read .*2 records, 0 ingested"):
        load_builtin_trials(bad)


# ----------------------------------------------------------------------------- building


def test_build_then_up_to_date_then_update(root: Path) -> None:
    index, status = ensure_builtin("schema", root=root, embedder=HASH)
    assert status.action == "built" and status.documents == len(schema_documents())
    again, status = ensure_builtin("schema", root=root, embedder=HASH)
    assert status.action == "up to date" and status.embedded == 0
    opened, status = ensure_builtin("schema", root=root, embedder=HASH, refresh=False)
    assert status.action == "opened"
    # A changed catalog re-embeds only the documents that changed.
    docs = schema_documents()
    docs[0] = docs[0].model_copy(update={"text": docs[0].text + "\nA new note."})
    _, status = ensure_builtin("schema", root=root, embedder=HASH, documents=docs[:-1])
    assert status.action == "updated" and status.embedded == 1
    assert status.documents == len(docs) - 1
    _, status = ensure_builtin("schema", root=root, embedder=HASH)
    assert status.action == "updated" and status.documents == len(docs)


def test_schema_search_finds_tables_from_plain_words(root: Path) -> None:
    index, _ = ensure_builtin("schema", root=root, embedder=HASH)
    assert "mimiciv_icu.icustays.los" in top_ids(index, "length of ICU stay in days")
    assert "mimiciv_hosp.patients.anchor_age" in top_ids(index, "age of the patient")
    assert any(d.startswith("mimiciv_hosp.prescriptions") for d in top_ids(index, "drug dose"))


def test_calculator_search(root: Path) -> None:
    index, _ = ensure_builtin("calculators", root=root, embedder=HASH)
    assert "calculator/cha2ds2_vasc" in top_ids(index, "stroke risk in atrial fibrillation", 3)
    assert "calculator/sofa" in top_ids(index, "sequential organ failure assessment", 3)
    assert "calculator/cockcroft_gault" in top_ids(index, "creatinine clearance Cockcroft", 3)


def test_concept_search_prefers_items_with_data(root: Path, engine) -> None:
    index, status = ensure_builtin("concepts", root=root, embedder=HASH, engine=engine)
    assert status.action == "built"
    assert "d_labitems/50813" in top_ids(index, "lactate", 3)
    assert "d_items/220045" in top_ids(index, "heart rate", 3)
    hit = index.search("essential hypertension", k=5, mode="bm25")
    assert any(h.chunk.metadata["kind"] == "diagnosis" for h in hit)
    # Opened again for the same dataset: not re-read from the database.
    _, status = ensure_builtin("concepts", root=root, embedder=HASH, engine=engine)
    assert status.action == "opened"


def test_never_overwrites_a_users_index(tmp_path: Path) -> None:
    user = Document(doc_id="/notes/a.md", title="A", text="my own notes", source="/notes/a.md")
    HybridIndex.build(tmp_path / "calculators", [user], embedder=HASH)
    with pytest.raises(RetrievalError, match="not the built-in calculators index"):
        ensure_builtin("calculators", root=tmp_path, embedder=HASH)
    assert HybridIndex.open(tmp_path / "calculators", embedder=HASH).manifest.document_count == 1


def test_rebuilds_its_own_index_built_with_another_model(tmp_path: Path) -> None:
    ensure_builtin("schema-ehrsql", root=tmp_path, embedder=HashingEmbedder(dimension=32))
    _, status = ensure_builtin("schema-ehrsql", root=tmp_path, embedder=HASH)
    assert status.action == "built"
    manifest = json.loads((tmp_path / "schema-ehrsql" / "manifest.json").read_text())
    assert manifest["dimension"] == HASH.dimension


def test_unreadable_manifest_is_reported_not_rebuilt(tmp_path: Path) -> None:
    ensure_builtin("schema-ehrsql", root=tmp_path, embedder=HASH)
    (tmp_path / "schema-ehrsql" / "manifest.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(RetrievalError, match="not valid JSON") as caught:
        ensure_builtin("schema-ehrsql", root=tmp_path, embedder=HASH)
    assert "remove" in (caught.value.hint or "") and "rebuilt on next use" in caught.value.hint


def test_other_format_version_of_its_own_index_is_rebuilt(tmp_path: Path) -> None:
    ensure_builtin("schema-ehrsql", root=tmp_path, embedder=HASH)
    path = tmp_path / "schema-ehrsql" / "manifest.json"
    manifest = json.loads(path.read_text())
    path.write_text(json.dumps({**manifest, "format_version": 999}))
    _, status = ensure_builtin("schema-ehrsql", root=tmp_path, embedder=HASH)
    assert status.action == "built"
    assert json.loads(path.read_text())["format_version"] == manifest["format_version"]


def test_unknown_builtin_and_empty_sources(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError, match="no built-in index 'docs'"):
        ensure_builtin("docs", root=tmp_path)
    with pytest.raises(RetrievalError, match="would be empty"):
        ensure_builtin("calculators", root=tmp_path, embedder=HASH, documents=[])
    assert set(BUILTINS) == {"schema", "schema-ehrsql", "concepts", "calculators", "trials"}


# ----------------------------------------------------------------------------- eval-schema


def test_gold_tables() -> None:
    sql = (
        "SELECT COUNT(*) FROM labevents WHERE labevents.itemid IN (SELECT d_labitems.itemid "
        "FROM d_labitems WHERE d_labitems.label = 'x') AND labevents.hadm_id IN "
        "(SELECT admissions.hadm_id FROM admissions)"
    )
    assert gold_tables(sql) == ["admissions", "d_labitems", "labevents"]
    assert gold_tables("WITH t AS (SELECT * FROM cost) SELECT * FROM t") == ["cost"]
    with pytest.raises(DataLoadError, match="does not parse"):
        gold_tables("SELECT FROM WHERE (")


def test_load_schema_questions_valid_split() -> None:
    questions, skipped = load_schema_questions(EHRSQL_DIR / "valid")
    assert len(questions) + skipped == 1163 and skipped >= 232
    assert len(questions) == 931
    assert all(q.tables for q in questions)


def test_load_schema_questions_errors(tmp_path: Path) -> None:
    with pytest.raises(DataLoadError, match="no folder"):
        load_schema_questions(tmp_path / "nope")
    with pytest.raises(DataLoadError, match="expected data.json"):
        load_schema_questions(tmp_path)
    (tmp_path / "data.json").write_text('{"data": [{"id": "a", "question": "q"}]}')
    (tmp_path / "label.json").write_text("[1, 2")
    with pytest.raises(DataLoadError, match="expected JSON"):
        load_schema_questions(tmp_path)
    (tmp_path / "label.json").write_text('{"a": "null"}')
    with pytest.raises(DataLoadError, match="no answerable question"):
        load_schema_questions(tmp_path)


def test_evaluate_schema_hand_made(tmp_path: Path) -> None:
    index, _ = ensure_builtin("schema-ehrsql", root=tmp_path, embedder=HASH)
    questions = [
        SchemaQuestion(id="1", question="What was the cost of the event?", tables=["cost"]),
        SchemaQuestion(id="2", question="zzzz qqqq", tables=["patients"]),
        SchemaQuestion(id="3", question="cost of a chest x-ray", tables=["cost", "unknown_t"]),
    ]
    result = evaluate_schema(index, questions, name="schema-ehrsql", modes=["bm25"], ks=[1, 5])
    (scores,) = result.modes
    # q1 finds cost first; q2 finds nothing; q3 can never find unknown_t.
    assert scores.all_found == {1: pytest.approx(1 / 3), 5: pytest.approx(1 / 3)}
    assert scores.table_recall[5] == pytest.approx((1 + 0 + 0.5) / 3)
    assert result.unknown_tables == ["unknown_t"]
    with pytest.raises(QueryError, match="expected modes"):
        evaluate_schema(index, questions, modes=["fuzzy"])
    with pytest.raises(QueryError, match="cut-offs"):
        evaluate_schema(index, questions, ks=[0])


@pytest.fixture
def small_split(tmp_path: Path) -> Path:
    """The first 80 questions of EHRSQL valid (some unanswerable), as a split folder."""
    data = json.loads((EHRSQL_DIR / "valid" / "data.json").read_text())["data"][:80]
    labels = json.loads((EHRSQL_DIR / "valid" / "label.json").read_text())
    split = tmp_path / "split"
    split.mkdir()
    (split / "data.json").write_text(json.dumps({"data": data}))
    (split / "label.json").write_text(json.dumps({d["id"]: labels[d["id"]] for d in data}))
    return split


def test_eval_schema_command_prints_figures_last(
    tmp_path: Path, small_split: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("M3AGENT_INDEX_DIR", str(tmp_path / "indexes"))
    args = ["eval-schema", "--questions", str(small_split), "--modes", "bm25"]
    result = CliRunner().invoke(app, [*args, "--embedder", "hashing", "--k", "1,5"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("bm25: all gold tables in top 1 = ")
    top5 = float(lines[-1].rsplit("= ", 1)[1])
    questions, skipped = load_schema_questions(small_split)
    assert f"{len(questions)} answerable questions ({skipped} skipped)" in result.stdout
    assert 0.0 < top5 <= 1.0
    as_json = CliRunner().invoke(app, [*args, "--embedder", "hashing", "--json"])
    figures = json.loads(as_json.stdout)
    assert figures["questions"] == len(questions) and figures["modes"][0]["mode"] == "bm25"
    # The model-free index went to a temporary folder, not over the built-in one.
    assert not (tmp_path / "indexes" / "schema-ehrsql").exists()
    bad = CliRunner().invoke(app, ["eval-schema", "--questions", str(tmp_path), "--index", "x"])
    assert bad.exit_code == 1 and "expected --index to be one of" in bad.stderr
    bad = CliRunner().invoke(app, ["eval-schema", "--questions", str(tmp_path), "--k", "a"])
    assert bad.exit_code == 1 and "expected integer cut-offs" in bad.stderr
    bad = CliRunner().invoke(app, ["eval-schema", "--questions", str(tmp_path / "none")])
    assert bad.exit_code == 1 and "no folder" in bad.stderr


def test_build_builtin_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("M3AGENT_INDEX_DIR", str(tmp_path))
    result = CliRunner().invoke(
        app, ["build-builtin", "schema", "calculators", "--embedder", "hashing"]
    )
    assert result.exit_code == 0, result.output
    assert "built schema" in result.stderr and "built calculators" in result.stderr
    assert (tmp_path / "schema" / "manifest.json").is_file()
    result = CliRunner().invoke(app, ["build-builtin", "schema", "--embedder", "hashing"])
    assert "up to date schema" in result.stderr
    result = CliRunner().invoke(app, ["build-builtin", "nope"])
    assert result.exit_code == 1 and "no built-in index 'nope'" in result.stderr
