"""The hybrid index: build, search modes, update, damage detection, atomic writes."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from m3agent.retrieval import dense, storage
from m3agent.retrieval import index as index_module
from m3agent.retrieval.chunking import Chunk, ChunkingParams
from m3agent.retrieval.documents import Document, load_documents
from m3agent.retrieval.embedding import HashingEmbedder
from m3agent.retrieval.errors import (
    DocumentError,
    EmptyIndexError,
    IndexCorruptError,
    IndexMismatchError,
    IndexNotFoundError,
    QueryError,
    RetrievalError,
)
from m3agent.retrieval.fusion import reciprocal_rank_fusion
from m3agent.retrieval.index import HybridIndex, read_manifest
from m3agent.retrieval.lexical import s_stem, tokenize
from m3agent.tools.errors import ConfigError, NotFoundError

from conftest import FIXTURES

GUIDES = FIXTURES / "retrieval" / "guides"


class CountingEmbedder(HashingEmbedder):
    """A hashing embedder that records every text it embeds."""

    def __init__(self, dimension: int = 64) -> None:
        super().__init__(dimension)
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return super().embed(texts)


@pytest.fixture
def corpus() -> list[Document]:
    return load_documents([GUIDES]).documents


@pytest.fixture
def embedder() -> CountingEmbedder:
    return CountingEmbedder()


@pytest.fixture
def built(tmp_path: Path, corpus: list[Document], embedder: CountingEmbedder) -> HybridIndex:
    return HybridIndex.build(tmp_path / "idx", corpus, embedder=embedder)


def _by_name(docs: list[Document], name: str) -> Document:
    return next(d for d in docs if d.source.endswith(name))


def test_build_writes_the_documented_layout(built: HybridIndex, corpus: list[Document]) -> None:
    folder = built.path
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert {"manifest.json", "chunks.jsonl", "documents.jsonl", "vectors.faiss"} <= names
    assert any(n.startswith("bm25/") for n in names)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["model"] == "hashing-bag-of-words-64"
    assert manifest["dimension"] == 64
    assert manifest["chunking"] == {"chunk_size": 500, "overlap": 80}
    assert manifest["faiss_index"] == "flat_ip"
    assert manifest["chunker"] == "m3agent.retrieval.chunking:chunk_document"
    assert set(manifest["documents"]) == {d.doc_id for d in corpus}
    for doc in corpus:
        entry = manifest["documents"][doc.doc_id]
        assert entry["content_hash"] == doc.content_hash()
        assert entry["chunk_ids"][0] == f"{doc.doc_id}#0"
    assert set(manifest["files"]) == names - {"manifest.json"}
    lines = (folder / "chunks.jsonl").read_text().splitlines()
    assert len(lines) == manifest["chunk_count"] == len(built) == 10  # 3 + 1 + 1 + 5
    # No temporary or backup folders are left beside it.
    assert sorted(p.name for p in folder.parent.iterdir() if p.name != ".idx.lock") == ["idx"]


def test_progress_reports_chunks_embedded(tmp_path: Path, corpus: list[Document]) -> None:
    seen: list[tuple[int, int]] = []
    HybridIndex.build(
        tmp_path / "p",
        corpus,
        embedder=HashingEmbedder(),
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[0] == (0, 10) and seen[-1] == (10, 10)


def test_each_search_mode(built: HybridIndex) -> None:
    bm25 = built.search("norepinephrine vasopressors", k=3, mode="bm25")
    assert bm25[0].chunk.section == ["Resuscitation", "Vasopressors"]
    assert set(bm25[0].scores) == {"bm25"} and bm25[0].score == bm25[0].scores["bm25"] > 0
    assert [h.rank for h in bm25] == list(range(1, len(bm25) + 1))

    dense_hits = built.search("norepinephrine vasopressors", k=3, mode="dense")
    assert len(dense_hits) == 3
    assert set(dense_hits[0].scores) == {"dense"}
    assert dense_hits[0].scores["dense"] >= dense_hits[1].scores["dense"]

    hybrid = built.search("norepinephrine vasopressors", k=3)
    assert hybrid[0].chunk.chunk_id == bm25[0].chunk.chunk_id
    assert set(hybrid[0].scores) >= {"hybrid", "bm25", "dense"}
    assert hybrid[0].score == pytest.approx(hybrid[0].scores["hybrid"])
    # Fused score of an item ranked r1 by BM25 and r2 by dense: 1/(60+r1) + 1/(60+r2).
    top = hybrid[0].chunk.chunk_id
    r1 = next(
        h.rank
        for h in built.search("norepinephrine vasopressors", 50, "bm25")
        if h.chunk.chunk_id == top
    )
    r2 = next(
        h.rank
        for h in built.search("norepinephrine vasopressors", 50, "dense")
        if h.chunk.chunk_id == top
    )
    assert hybrid[0].score == pytest.approx(1 / (60 + r1) + 1 / (60 + r2))


def test_bm25_matches_plurals_and_split_identifiers(tmp_path: Path) -> None:
    docs = [
        Document(doc_id="a", title="t", text="column subject_id joins patients", source="m"),
        Document(doc_id="b", title="t", text="therapies for infections", source="m"),
    ]
    idx = HybridIndex.build(tmp_path / "i", docs, embedder=HashingEmbedder())
    assert idx.search("subject id", mode="bm25")[0].chunk.doc_id == "a"
    assert idx.search("infection therapy", mode="bm25")[0].chunk.doc_id == "b"
    assert idx.search("the of and", mode="bm25") == []  # only stop words: nothing matches


def test_k_caps_results_and_bad_queries_raise(built: HybridIndex) -> None:
    assert len(built.search("heparin", k=1000, mode="dense")) == len(built)
    for query in ("", "   ", None):
        with pytest.raises(QueryError, match="non-empty query"):
            built.search(query, k=3)  # type: ignore[arg-type]
    for k in (0, -1, 1001, 2.5, True):
        with pytest.raises(QueryError, match="integer from 1 to 1000"):
            built.search("heparin", k=k)  # type: ignore[arg-type]
    with pytest.raises(QueryError, match="hybrid, bm25, dense"):
        built.search("heparin", mode="fuzzy")  # type: ignore[arg-type]


def test_search_hits_are_copies(built: HybridIndex) -> None:
    hit = built.search("heparin", k=1, mode="bm25")[0]
    hit.chunk.metadata["tampered"] = True
    assert "tampered" not in built.search("heparin", k=1, mode="bm25")[0].chunk.metadata


def test_open_round_trip_gives_identical_results(
    built: HybridIndex, embedder: CountingEmbedder
) -> None:
    reopened = HybridIndex.open(built.path, embedder=embedder, verify=True)
    assert reopened.manifest == built.manifest
    for mode in ("hybrid", "bm25", "dense"):
        assert reopened.search("blood pressure target", 4, mode) == built.search(
            "blood pressure target", 4, mode
        )


def test_get_document_and_sections(built: HybridIndex, corpus: list[Document]) -> None:
    sepsis = _by_name(corpus, "sepsis.md")
    whole = built.get_document(sepsis.doc_id)
    assert whole.text == sepsis.text and whole.section is None
    assert ["Resuscitation", "Fluids"] in whole.sections
    fluids = built.get_document(sepsis.doc_id, "fluids")
    assert fluids.section == ["Resuscitation", "Fluids"]
    assert fluids.text.startswith("## Fluids") and "Vasopressors" not in fluids.text
    assert fluids.text == sepsis.text[fluids.start : fluids.end]
    parent = built.get_document(sepsis.doc_id, "Resuscitation")
    assert parent.section == ["Resuscitation"] and len(parent.chunk_ids) == 2
    assert "Norepinephrine" in parent.text and "crystalloid" in parent.text
    by_path = built.get_document(sepsis.doc_id, "resuscitation >  vasopressors")
    assert by_path.section == ["Resuscitation", "Vasopressors"]
    with pytest.raises(NotFoundError, match="no section 'Dosing'") as info:
        built.get_document(sepsis.doc_id, "Dosing")
    assert "Recognition" in (info.value.hint or "")
    with pytest.raises(NotFoundError, match="no document") as info:
        built.get_document(sepsis.doc_id.replace("sepsis", "sepsi"))
    assert sepsis.doc_id in (info.value.hint or "")


def test_get_document_after_open_reads_documents_file(
    built: HybridIndex, embedder: CountingEmbedder, corpus: list[Document]
) -> None:
    reopened = HybridIndex.open(built.path, embedder=embedder)
    heparin = _by_name(corpus, "heparin.txt")
    assert reopened.get_document(heparin.doc_id).text == heparin.text


def test_update_reembeds_only_changed_and_added_and_drops_deleted(
    built: HybridIndex, corpus: list[Document], embedder: CountingEmbedder
) -> None:
    created_at = built.manifest.created_at
    heparin = _by_name(corpus, "heparin.txt")
    ards = _by_name(corpus, "ards.html")
    changed = heparin.model_copy(update={"text": heparin.text + "\nRecheck aPTT daily.\n"})
    added = Document(doc_id="new", title="Insulin", text="Insulin sliding scale.", source="m")
    new_corpus = [d for d in corpus if d is not ards and d is not heparin] + [changed, added]
    embedder.texts.clear()
    report = built.update(new_corpus)
    assert report.written
    assert report.added == ["new"] and report.changed == [heparin.doc_id]
    assert report.removed == [ards.doc_id] and report.unchanged == 2
    # Exactly the chunks of the changed and the added document were embedded.
    assert report.chunks_embedded == len(embedder.texts) == 2
    assert any("Recheck aPTT daily." in t for t in embedder.texts)
    assert report.chunk_count == len(built) == 10 - 3 - 1 + 1 + 1
    assert ards.doc_id not in built.manifest.documents
    assert built.search("insulin sliding", 1, "bm25")[0].chunk.doc_id == "new"
    assert built.search("prone positioning ARDS", 5, "bm25") == []
    assert built.search("recheck aPTT daily", 1, "bm25")[0].chunk.doc_id == heparin.doc_id
    # Unchanged documents kept their vectors: dense results equal those of a fresh build.
    fresh = HybridIndex.build(built.path.parent / "fresh", new_corpus, embedder=HashingEmbedder())

    def ranking(index: HybridIndex) -> list[tuple[str, float]]:
        hits = index.search("mean arterial pressure", 8, "dense")
        return [(h.chunk.chunk_id, round(h.score, 5)) for h in hits]

    assert ranking(built) == ranking(fresh)
    # The update is on disk, with the creation time kept.
    reopened = HybridIndex.open(built.path, embedder=embedder)
    assert reopened.manifest.build_id == built.manifest.build_id
    assert reopened.manifest.created_at == created_at < reopened.manifest.updated_at
    assert ranking(reopened) == ranking(fresh)


def test_update_without_changes_writes_nothing(
    built: HybridIndex, corpus: list[Document], embedder: CountingEmbedder
) -> None:
    build_id = built.manifest.build_id
    embedder.texts.clear()
    report = built.update(corpus)
    assert not report.written and report.unchanged == len(corpus)
    assert embedder.texts == [] and built.manifest.build_id == build_id


def test_update_picks_up_another_writer_first(
    built: HybridIndex, corpus: list[Document], embedder: CountingEmbedder
) -> None:
    other = HybridIndex.open(built.path, embedder=embedder)
    other.update(corpus[:2])
    embedder.texts.clear()
    report = built.update(corpus[:3])  # diffs against the disk, not its stale copy
    assert report.added == [corpus[2].doc_id] and report.removed == []
    assert len(embedder.texts) == len(built.manifest.documents[corpus[2].doc_id].chunk_ids)


def test_update_that_would_empty_the_index_is_refused(
    built: HybridIndex, embedder: CountingEmbedder
) -> None:
    chunk_count = len(built)
    with pytest.raises(EmptyIndexError, match="would leave it empty"):
        built.update([])
    assert len(HybridIndex.open(built.path, embedder=embedder)) == chunk_count


def test_empty_corpus_and_duplicate_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(EmptyIndexError, match="gave no text"):
        HybridIndex.build(tmp_path / "e", [], embedder=HashingEmbedder())
    blank = Document(doc_id="b", title="t", text="  \n", source="m")
    with pytest.raises(EmptyIndexError):
        HybridIndex.build(tmp_path / "e", [blank], embedder=HashingEmbedder())
    twice = [Document(doc_id="x", title="t", text="a", source="m")] * 2
    with pytest.raises(DocumentError, match="appears twice"):
        HybridIndex.build(tmp_path / "d", twice, embedder=HashingEmbedder())
    with pytest.raises(DocumentError, match="expected a Document"):
        HybridIndex.build(tmp_path / "d", ["text"], embedder=HashingEmbedder())  # type: ignore[list-item]
    assert not (tmp_path / "e").exists() and not (tmp_path / "d").exists()


def test_build_refuses_to_replace_a_folder_that_is_not_an_index(tmp_path: Path) -> None:
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "mine.txt").write_text("keep me")
    doc = Document(doc_id="x", title="t", text="a b c", source="m")
    with pytest.raises(RetrievalError, match="not an index and will not be replaced"):
        HybridIndex.build(precious, [doc], embedder=HashingEmbedder())
    assert (precious / "mine.txt").read_text() == "keep me"


def test_prechunked_records_index_one_per_chunk(tmp_path: Path) -> None:
    records = [
        Document(
            doc_id=f"item:{itemid}",
            title=label,
            text=f"{label} ({unit}), itemid {itemid}",
            source="d_items",
            metadata={"prechunked": True, "itemid": itemid},
        )
        for itemid, label, unit in [
            (220045, "Heart Rate", "bpm"),
            (220179, "Non Invasive Blood Pressure systolic", "mmHg"),
            (223761, "Temperature Fahrenheit", "°F"),
        ]
    ]
    idx = HybridIndex.build(
        tmp_path / "items", records, embedder=HashingEmbedder(), params=ChunkingParams()
    )
    assert len(idx) == 3
    hit = idx.search("blood pressure systolic", 1, "bm25")[0]
    assert hit.chunk.metadata["itemid"] == 220179 and hit.chunk.chunk_id == "item:220179#0"


def _one_chunk_per_paragraph(doc: Document, params: ChunkingParams) -> list[Chunk]:
    out = []
    start = 0
    for n, part in enumerate(doc.text.split("\n\n")):
        out.append(
            Chunk(
                chunk_id=f"{doc.doc_id}#{n}",
                doc_id=doc.doc_id,
                title=doc.title,
                section=[],
                start=start,
                end=start + len(part),
                text=part,
            )
        )
        start += len(part) + 2
    return out


def test_custom_chunker_is_recorded_and_reused_by_update(tmp_path: Path) -> None:
    doc = Document(doc_id="p", title="t", text="one\n\ntwo\n\nthree", source="m")
    idx = HybridIndex.build(
        tmp_path / "c", [doc], embedder=HashingEmbedder(), chunker=_one_chunk_per_paragraph
    )
    assert len(idx) == 3
    assert idx.manifest.chunker.endswith(":_one_chunk_per_paragraph")
    reopened = HybridIndex.open(tmp_path / "c", embedder=HashingEmbedder())
    reopened.update([doc.model_copy(update={"text": "a\n\nb\n\nc\n\nd"})])
    assert len(reopened) == 4


def test_unimportable_chunker_blocks_update_with_clear_error(tmp_path: Path) -> None:
    doc = Document(doc_id="p", title="t", text="one\n\ntwo", source="m")
    HybridIndex.build(
        tmp_path / "c",
        [doc],
        embedder=HashingEmbedder(),
        chunker=lambda d, p: _one_chunk_per_paragraph(d, p),
    )
    reopened = HybridIndex.open(tmp_path / "c", embedder=HashingEmbedder())
    assert reopened.search("two", 1, "bm25")  # searching needs no chunker
    with pytest.raises(RetrievalError, match="cannot be imported"):
        reopened.update([doc.model_copy(update={"text": "changed"})])


def test_chunker_returning_foreign_chunks_is_refused(tmp_path: Path) -> None:
    doc = Document(doc_id="p", title="t", text="abc", source="m")

    def bad(d: Document, p: ChunkingParams) -> list[Chunk]:
        return [Chunk(chunk_id="z#0", doc_id="z", title="", section=[], start=0, end=3, text="")]

    with pytest.raises(DocumentError, match="with doc_id 'z'"):
        HybridIndex.build(tmp_path / "c", [doc], embedder=HashingEmbedder(), chunker=bad)

    def out_of_range(d: Document, p: ChunkingParams) -> list[Chunk]:
        return [Chunk(chunk_id="p#0", doc_id="p", title="", section=[], start=0, end=9, text="")]

    with pytest.raises(DocumentError, match="outside the document text"):
        HybridIndex.build(tmp_path / "c", [doc], embedder=HashingEmbedder(), chunker=out_of_range)

    def same_ids(d: Document, p: ChunkingParams) -> list[Chunk]:
        return [Chunk(chunk_id="0", doc_id=d.doc_id, title="", section=[], start=0, end=1, text="")]

    other = Document(doc_id="q", title="t", text="def", source="m")
    with pytest.raises(DocumentError, match="'0' is used twice"):
        HybridIndex.build(
            tmp_path / "c", [doc, other], embedder=HashingEmbedder(), chunker=same_ids
        )
    assert not (tmp_path / "c").exists()


def test_hnsw_is_chosen_above_the_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dense, "HNSW_THRESHOLD", 10)
    docs = [
        Document(doc_id=f"d{i}", title="t", text=f"note {i} about topic {i % 7}", source="m")
        for i in range(30)
    ]
    embedder = HashingEmbedder(dimension=32)
    idx = HybridIndex.build(tmp_path / "h", docs, embedder=embedder)
    assert idx.manifest.faiss_index == "hnsw_ip" and idx.manifest.hnsw_m == 32
    reopened = HybridIndex.open(tmp_path / "h", embedder=embedder)
    assert dense.kind_of(dense.load(tmp_path / "h" / "vectors.faiss")) == "hnsw_ip"
    hit = reopened.search("t note 17 about topic 3", 1, "dense")[0]  # title "t" is embedded too
    assert hit.chunk.doc_id == "d17" and hit.score == pytest.approx(1.0, abs=1e-5)
    # Shrinking below the threshold switches back to exact search.
    reopened.update(docs[:5])
    assert reopened.manifest.faiss_index == "flat_ip"
    assert dense.kind_of(dense.load(tmp_path / "h" / "vectors.faiss")) == "flat_ip"


# ---------------------------------------------------------------- damaged and mismatched indexes


def _damage_manifest(folder: Path, **changes: object) -> None:
    data = json.loads((folder / "manifest.json").read_text())
    data.update(changes)
    (folder / "manifest.json").write_text(json.dumps(data))


@pytest.mark.parametrize(
    ("damage", "error", "message"),
    [
        (lambda f: (f / "manifest.json").unlink(), IndexCorruptError, "manifest.json is missing"),
        (lambda f: (f / "manifest.json").write_text("{"), IndexCorruptError, "not valid JSON"),
        (lambda f: _damage_manifest(f, format_version=99), IndexMismatchError, "format version"),
        (lambda f: _damage_manifest(f, model="other-model"), IndexMismatchError, "other-model"),
        (lambda f: _damage_manifest(f, dimension=384), IndexMismatchError, "dimension 384"),
        (lambda f: _damage_manifest(f, chunk_count="x"), IndexCorruptError, "manifest schema"),
        (lambda f: _damage_manifest(f, chunk_count=9), IndexCorruptError, "holds 10 chunks"),
        (lambda f: (f / "vectors.faiss").unlink(), IndexCorruptError, "vectors.faiss is missing"),
        (lambda f: (f / "bm25" / "vocab.index.json").unlink(), IndexCorruptError, "is missing"),
        (
            lambda f: (f / "vectors.faiss").write_bytes((f / "vectors.faiss").read_bytes()[:-100]),
            IndexCorruptError,
            "truncated",
        ),
        (
            lambda f: (f / "chunks.jsonl").write_text(
                (f / "chunks.jsonl").read_text().split("\n", 1)[1]
            ),
            IndexCorruptError,
            "chunks.jsonl has",
        ),
    ],
)
def test_damaged_or_mismatched_index_is_refused_at_open(
    built: HybridIndex, embedder: CountingEmbedder, damage, error: type, message: str
) -> None:
    damage(built.path)
    with pytest.raises(error, match=message):
        HybridIndex.open(built.path, embedder=embedder)


def _rewrite_keeping_size(path: Path, data: bytes) -> None:
    original = path.stat().st_size
    assert len(data) <= original
    path.write_bytes(data + b" " * (original - len(data)))


def test_same_size_edit_of_chunk_ids_is_detected(
    built: HybridIndex, embedder: CountingEmbedder
) -> None:
    chunks = built.path / "chunks.jsonl"
    text = chunks.read_text()
    edited = text.replace('#0"', '#9"', 1)
    assert edited != text and len(edited) == len(text)
    chunks.write_text(edited)
    with pytest.raises(IndexCorruptError, match="chunk ids of chunks.jsonl differ"):
        HybridIndex.open(built.path, embedder=embedder)


def test_garbled_chunk_line_is_detected(built: HybridIndex, embedder: CountingEmbedder) -> None:
    chunks = built.path / "chunks.jsonl"
    lines = chunks.read_text().split("\n")
    lines[1] = "x" * len(lines[1])
    chunks.write_text("\n".join(lines))
    with pytest.raises(IndexCorruptError, match="chunks.jsonl line 2 is not a chunk"):
        HybridIndex.open(built.path, embedder=embedder)


def test_flipped_byte_is_caught_with_verify(built: HybridIndex, embedder: CountingEmbedder) -> None:
    vectors = built.path / "vectors.faiss"
    data = bytearray(vectors.read_bytes())
    data[-5] ^= 0xFF  # inside the last vector: FAISS still reads it
    vectors.write_bytes(bytes(data))
    HybridIndex.open(built.path, embedder=embedder)  # sizes and structure still agree
    with pytest.raises(IndexCorruptError, match="SHA-256"):
        HybridIndex.open(built.path, embedder=embedder, verify=True)


def test_vector_count_mismatch_is_detected(built: HybridIndex, embedder: CountingEmbedder) -> None:
    folder = built.path
    small = dense.build(np.eye(3, 64, dtype=np.float32), "flat_ip")
    dense.save(small, folder / "vectors.faiss")
    data = json.loads((folder / "manifest.json").read_text())
    data["files"]["vectors.faiss"]["size"] = (folder / "vectors.faiss").stat().st_size
    (folder / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(IndexCorruptError, match="holds 3 vectors for 10 chunks"):
        HybridIndex.open(folder, embedder=embedder)


def test_faiss_kind_or_dimension_mismatch_is_detected(
    built: HybridIndex, embedder: CountingEmbedder
) -> None:
    folder = built.path
    other = dense.build(np.eye(10, 64, dtype=np.float32), "hnsw_ip")
    dense.save(other, folder / "vectors.faiss")
    data = json.loads((folder / "manifest.json").read_text())
    data["files"]["vectors.faiss"]["size"] = (folder / "vectors.faiss").stat().st_size
    (folder / "manifest.json").write_text(json.dumps(data))
    with pytest.raises(IndexCorruptError, match="manifest says flat_ip"):
        HybridIndex.open(folder, embedder=embedder)


def test_missing_index_and_default_model_mismatch(tmp_path: Path, built: HybridIndex) -> None:
    with pytest.raises(IndexNotFoundError, match="no index at"):
        HybridIndex.open(tmp_path / "nothing")
    # Opened with the default embedder (MiniLM, not loaded by open): the model differs.
    with pytest.raises(IndexMismatchError, match="all-MiniLM-L6-v2"):
        HybridIndex.open(built.path)
    assert read_manifest(built.path).chunk_count == 10


def test_garbage_faiss_file_is_reported(built: HybridIndex, embedder: CountingEmbedder) -> None:
    folder = built.path
    _rewrite_keeping_size(folder / "vectors.faiss", b"garbage")
    with pytest.raises(IndexCorruptError, match="vectors.faiss is damaged"):
        HybridIndex.open(folder, embedder=embedder)


# ---------------------------------------------------------------- atomic writes


def test_failure_mid_build_leaves_the_old_index_usable(
    built: HybridIndex,
    corpus: list[Document],
    embedder: CountingEmbedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = built.search("heparin bolus", 3)
    manifest_before = (built.path / "manifest.json").read_text()

    def explode(index: object, path: Path) -> None:
        Path(path).write_bytes(b"half written")
        raise OSError("disk full")

    monkeypatch.setattr(index_module.dense, "save", explode)
    with pytest.raises(OSError, match="disk full"):
        HybridIndex.build(built.path, corpus[:1], embedder=embedder)
    with pytest.raises(OSError, match="disk full"):
        built.update(corpus[:2])
    monkeypatch.undo()
    # The folder is byte-for-byte the old one; no temporary folders remain.
    assert (built.path / "manifest.json").read_text() == manifest_before
    assert [p.name for p in built.path.parent.iterdir() if not p.name.endswith(".lock")] == ["idx"]
    reopened = HybridIndex.open(built.path, embedder=embedder)
    assert reopened.search("heparin bolus", 3) == before
    assert built.search("heparin bolus", 3) == before  # the in-memory one was not touched


def test_failure_while_embedding_leaves_no_trace(tmp_path: Path, corpus: list[Document]) -> None:
    class Failing(HashingEmbedder):
        def embed(self, texts: Sequence[str]) -> np.ndarray:
            raise RuntimeError("model crashed")

    with pytest.raises(RuntimeError, match="model crashed"):
        HybridIndex.build(tmp_path / "x", corpus, embedder=Failing())
    assert not (tmp_path / "x").exists()


def test_interrupted_swap_is_restored_by_the_next_writer(
    built: HybridIndex, corpus: list[Document], embedder: CountingEmbedder
) -> None:
    folder = built.path
    backup = folder.parent / ".idx.old-deadbeef"
    os.rename(folder, backup)  # as if a writer died between its two renames
    (folder.parent / ".idx.tmp-stale").mkdir()
    with pytest.raises(IndexNotFoundError):
        HybridIndex.open(folder, embedder=embedder)  # waits briefly, then gives up
    report = built.update(corpus[:3])
    assert report.written and len(report.removed) == 1
    assert sorted(p.name for p in folder.parent.iterdir()) == [".idx.lock", "idx"]


def test_a_second_writer_waits_then_fails_clearly(
    built: HybridIndex, corpus: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    monkeypatch.setattr(storage, "LOCK_TIMEOUT_S", 0.2)
    with FileLock(str(built.path.parent / ".idx.lock")):
        with pytest.raises(RetrievalError, match="being written by another process"):
            built.update(corpus[:1])
        with pytest.raises(RetrievalError, match="being written by another process"):
            HybridIndex.build(built.path, corpus, embedder=HashingEmbedder())
    assert built.update(corpus[:1]).written  # free again


def test_reload_if_changed(built: HybridIndex, corpus: list[Document]) -> None:
    reader = HybridIndex.open(built.path, embedder=HashingEmbedder())
    assert reader.reload_if_changed() is False
    built.update(corpus[:2])
    assert len(reader) == 10  # still the version it opened
    assert reader.reload_if_changed() is True
    assert len(reader) == len(built) and reader.manifest == built.manifest


def test_bad_embedder_output_is_refused(tmp_path: Path, corpus: list[Document]) -> None:
    class WrongShape(HashingEmbedder):
        def embed(self, texts: Sequence[str]) -> np.ndarray:
            return np.zeros((len(texts), 3), dtype=np.float32)

    class NotFinite(HashingEmbedder):
        def embed(self, texts: Sequence[str]) -> np.ndarray:
            return np.full((len(texts), self.dimension), np.nan, dtype=np.float32)

    with pytest.raises(RetrievalError, match="returned shape"):
        HybridIndex.build(tmp_path / "a", corpus, embedder=WrongShape())
    with pytest.raises(RetrievalError, match="NaN"):
        HybridIndex.build(tmp_path / "b", corpus, embedder=NotFinite())


# ---------------------------------------------------------------- names, fusion, tokens


def test_index_root_and_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("M3AGENT_INDEX_DIR", str(tmp_path))
    assert storage.index_root() == tmp_path
    assert storage.index_path("guides-v2_1.0") == tmp_path / "guides-v2_1.0"
    for bad in ("", "../x", "a/b", ".hidden", "x" * 65, "sp ace"):
        with pytest.raises(ConfigError, match="invalid index name"):
            storage.index_path(bad)
    monkeypatch.setenv("M3AGENT_INDEX_DIR", "  ")
    with pytest.raises(ConfigError, match="set but empty"):
        storage.index_root()
    monkeypatch.delenv("M3AGENT_INDEX_DIR")
    assert storage.index_root().parts[-2:] == ("m3-agent", "indexes")


def test_reciprocal_rank_fusion() -> None:
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 1]], k=60)
    assert [item for item, _ in fused] == [1, 3, 2]
    assert dict(fused)[1] == pytest.approx(1 / 61 + 1 / 62)
    assert dict(fused)[2] == pytest.approx(1 / 62)
    assert reciprocal_rank_fusion([[5], [6]]) == [(5, 1 / 61), (6, 1 / 61)]  # ties: smaller id
    with pytest.raises(ValueError, match="at least 1"):
        reciprocal_rank_fusion([[1]], k=0)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("infections", "infection"),
        ("therapies", "therapy"),
        ("diabetes", "diabete"),
        ("sepsis", "sepsis"),
        ("status", "status"),
        ("class", "class"),
        ("gas", "gas"),
        ("shoes", "shoe"),
        ("toes", "toe"),
    ],
)
def test_s_stemmer(word: str, stem: str) -> None:
    assert s_stem(word) == stem


def test_tokenize() -> None:
    assert tokenize("The subject_id of ICU-stays, in 2100!") == [
        "subject",
        "id",
        "icu",
        "stay",
        "2100",
    ]


def test_searches_during_updates_never_mix_versions(
    built: HybridIndex, corpus: list[Document]
) -> None:
    import threading

    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                for hit in built.search("heparin aPTT sepsis", 10, "hybrid"):
                    # A chunk row from one version read against another would be out of range
                    # or carry text that is not its document's.
                    assert hit.chunk.text in corpus_text[hit.chunk.doc_id]
            except BaseException as exc:  # collected for the assertion below
                errors.append(exc)
                return

    corpus_text = {d.doc_id: d.text for d in corpus}
    readers = [threading.Thread(target=reader) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        for i in range(6):
            built.update(corpus[: 2 + i % 3])
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    assert errors == []
