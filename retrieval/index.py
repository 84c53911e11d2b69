"""The hybrid index: dense (FAISS) and lexical (BM25) search over chunks, fused by RRF.

An index is a folder::

    manifest.json      model, dimension, chunking, FAISS kind, times, documents and their
                       content hashes and chunk ids, size and SHA-256 of every other file
    chunks.jsonl       one Chunk per line; line i is row i of both search indexes
    documents.jsonl    one Document per line (for get_document)
    vectors.faiss      IndexFlatIP, or IndexHNSWFlat (M=32, inner product) from 20k chunks on
    bm25/              the bm25s index files

Every write builds a complete new folder and swaps it in (see :mod:`.storage`). ``open`` checks
the folder against its manifest and refuses anything damaged or built with another model.
"""

from __future__ import annotations

import importlib
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import faiss
import numpy as np
from pydantic import BaseModel, Field, ValidationError

from m3agent.retrieval import dense
from m3agent.retrieval.chunking import Chunk, Chunker, ChunkingParams, chunk_document, index_text
from m3agent.retrieval.documents import Document, load_document, load_documents
from m3agent.retrieval.embedding import Embedder, default_embedder, embed_checked
from m3agent.retrieval.errors import (
    DocumentError,
    EmptyIndexError,
    IndexCorruptError,
    IndexMismatchError,
    IndexNotFoundError,
    QueryError,
    RetrievalError,
)
from m3agent.retrieval.fusion import RRF_K, reciprocal_rank_fusion
from m3agent.retrieval.lexical import LexicalIndex
from m3agent.retrieval.manifest import (
    BM25_DIR,
    CHUNKS_FILE,
    DOCUMENTS_FILE,
    FORMAT_VERSION,
    MANIFEST_FILE,
    VECTORS_FILE,
    DocumentEntry,
    Manifest,
    file_entry,
)
from m3agent.retrieval.storage import (
    index_path,
    index_root,
    replace_folder,
    restore_interrupted,
    wait_for_swap,
    writer_lock,
)
from m3agent.tools.errors import NotFoundError

# The whole public API of the retrieval layer, importable from this one module.
__all__ = [
    "Chunk",
    "ChunkingParams",
    "Document",
    "DocumentView",
    "HybridIndex",
    "Manifest",
    "SearchHit",
    "SearchMode",
    "UpdateReport",
    "chunk_document",
    "index_path",
    "index_root",
    "load_document",
    "load_documents",
    "read_manifest",
]

SearchMode = Literal["hybrid", "bm25", "dense"]
SEARCH_MODES: tuple[str, ...] = ("hybrid", "bm25", "dense")
#: The largest k a search accepts.
MAX_K = 1000
#: Texts per call to the embedder while building (one progress step each).
EMBED_STEP = 256
#: Each ranking fused in hybrid mode holds this many times k candidates (at least
#: :data:`MIN_POOL`), so that a chunk ranked well by one mode and modestly by the other is seen.
POOL_FACTOR = 4
MIN_POOL = 50

ProgressCallback = Callable[[int, int], None]


class SearchHit(BaseModel):
    """One search result.

    Attributes:
        chunk: The chunk found.
        score: The score that ranked it: the RRF score in hybrid mode, else the mode's score.
        rank: 1 for the best hit.
        scores: The score from each mode that retrieved it: ``bm25`` (BM25), ``dense`` (cosine
            similarity) and, in hybrid mode, ``hybrid`` (the fused score).
    """

    chunk: Chunk
    score: float
    rank: int
    scores: dict[str, float]


class DocumentView(BaseModel):
    """A stored document, or one section of it.

    Attributes:
        doc_id: The document id.
        title: Its title.
        source: Where it came from.
        metadata: Its metadata.
        section: The section path shown, or None for the whole document.
        start: Offset of the text shown in the document text.
        end: Offset just past it.
        text: The document text, or the section's (subsections included).
        chunk_ids: The chunks that fall in this range.
        sections: Every section path of the document, in order (a table of contents).
    """

    doc_id: str
    title: str
    source: str
    metadata: dict[str, Any] = Field(default_factory=dict)
    section: list[str] | None = None
    start: int
    end: int
    text: str
    chunk_ids: list[str]
    sections: list[list[str]]


class UpdateReport(BaseModel):
    """What an update did.

    Attributes:
        added: Documents new to the index.
        changed: Documents whose content changed (re-chunked and re-embedded).
        removed: Documents no longer in the corpus (dropped).
        unchanged: How many documents were kept as they were (not re-embedded).
        chunks_embedded: How many chunks were embedded.
        chunk_count: Chunks in the index afterwards.
        document_count: Documents in the index afterwards.
        faiss_index: The FAISS index kind afterwards.
        written: False when nothing changed and the folder was left alone.
    """

    added: list[str]
    changed: list[str]
    removed: list[str]
    unchanged: int
    chunks_embedded: int
    chunk_count: int
    document_count: int
    faiss_index: dense.FaissKind
    written: bool


def _now() -> datetime:
    return datetime.now(UTC)


def _chunker_ref(chunker: Chunker) -> str:
    module = getattr(chunker, "__module__", None) or "?"
    qualname = getattr(chunker, "__qualname__", None) or type(chunker).__qualname__
    return f"{module}:{qualname}"


def _resolve_chunker(ref: str) -> Chunker | None:
    """Import a chunker from ``module:qualname``; None if it cannot be imported."""
    module_name, _, qualname = ref.partition(":")
    if not qualname or "<" in qualname:
        return None
    try:
        obj: Any = importlib.import_module(module_name)
        for part in qualname.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError):
        return None
    return obj if callable(obj) else None


def _check_documents(documents: Iterable[Document]) -> list[Document]:
    docs: list[Document] = []
    seen: set[str] = set()
    for doc in documents:
        if not isinstance(doc, Document):
            raise DocumentError(f"expected a Document, found {type(doc).__name__}: {doc!r:.80}")
        if doc.doc_id in seen:
            raise DocumentError(
                f"document id {doc.doc_id!r} appears twice; expected unique ids",
                path=doc.source,
            )
        seen.add(doc.doc_id)
        docs.append(doc)
    return docs


def _chunk(doc: Document, chunker: Chunker, params: ChunkingParams) -> list[Chunk]:
    """Run a chunker and check that what it returns belongs to the document."""
    chunks = chunker(doc, params)
    ids: set[str] = set()
    for chunk in chunks:
        if not isinstance(chunk, Chunk):
            raise DocumentError(
                f"chunker returned {type(chunk).__name__} for {doc.doc_id!r}, expected Chunk"
            )
        if chunk.doc_id != doc.doc_id:
            raise DocumentError(
                f"chunker returned chunk {chunk.chunk_id!r} with doc_id {chunk.doc_id!r} "
                f"for document {doc.doc_id!r}"
            )
        if not 0 <= chunk.start <= chunk.end <= len(doc.text):
            raise DocumentError(
                f"chunk {chunk.chunk_id!r}: range ({chunk.start}, {chunk.end}) is outside the "
                f"document text (length {len(doc.text)})"
            )
        if chunk.chunk_id in ids:
            raise DocumentError(f"chunker returned chunk id {chunk.chunk_id!r} twice")
        ids.add(chunk.chunk_id)
    return chunks


def _embed_chunks(
    chunks: Sequence[Chunk], embedder: Embedder, progress: ProgressCallback | None
) -> np.ndarray:
    texts = [index_text(c) for c in chunks]
    parts: list[np.ndarray] = [np.zeros((0, embedder.dimension), dtype=np.float32)]
    if progress is not None:
        progress(0, len(texts))
    for start in range(0, len(texts), EMBED_STEP):
        parts.append(embed_checked(embedder, texts[start : start + EMBED_STEP]))
        if progress is not None:
            progress(min(start + EMBED_STEP, len(texts)), len(texts))
    return np.concatenate(parts)


def _check_replaceable(path: Path) -> None:
    """Refuse to replace a folder that is not an index (it may hold the user's files)."""
    if path.exists() and not path.is_dir():
        raise RetrievalError(f"cannot build an index at {path}: expected a folder, found a file")
    if path.is_dir() and any(path.iterdir()) and not (path / MANIFEST_FILE).exists():
        raise RetrievalError(
            f"cannot build an index at {path}: the folder exists, is not empty and holds no "
            f"{MANIFEST_FILE}, so it is not an index and will not be replaced",
            hint="Choose an empty or new folder.",
        )


def read_manifest(path: Path, *, check_files: bool = True) -> Manifest:
    """Read and check an index's manifest without loading the index (for listings).

    Args:
        path: The index folder.
        check_files: Also check that every listed file exists with its recorded size.

    Returns:
        The manifest.

    Raises:
        IndexNotFoundError: If there is no folder at ``path``.
        IndexMismatchError, IndexCorruptError: As :meth:`HybridIndex.open`.
    """
    path = Path(path)
    if not path.is_dir():
        raise IndexNotFoundError(f"no index at {path}: expected a folder, found nothing")
    manifest = HybridIndex._read_manifest(path)
    if check_files:
        HybridIndex._check_files(path, manifest, verify=False)
    return manifest


@dataclass
class _State:
    """One version of an index in memory; replaced as a whole so readers never mix versions."""

    manifest: Manifest
    chunks: list[Chunk]
    vectors: faiss.Index
    lexical: LexicalIndex
    documents: dict[str, Document] | None = None  # loaded on first get_document
    row_of: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.row_of = {chunk.chunk_id: row for row, chunk in enumerate(self.chunks)}


class HybridIndex:
    """Chunks searchable by BM25, by embeddings, or both fused (RRF, k=60).

    Build with :meth:`build`, reopen with :meth:`open`, refresh with :meth:`update`. Searching
    is safe from several threads; an update swaps the whole in-memory version at once.
    """

    def __init__(
        self, path: Path, state: _State, embedder: Embedder, chunker: Chunker | None
    ) -> None:
        self.path = path
        self._state = state
        self._embedder = embedder
        self._chunker = chunker

    @property
    def manifest(self) -> Manifest:
        """The manifest of the version in memory."""
        return self._state.manifest

    # ------------------------------------------------------------------ building and opening

    @classmethod
    def build(
        cls,
        path: Path,
        documents: Iterable[Document],
        *,
        params: ChunkingParams | None = None,
        progress: ProgressCallback | None = None,
        chunker: Chunker | None = None,
        embedder: Embedder | None = None,
        sources: Sequence[str | Path] = (),
    ) -> HybridIndex:
        """Chunk, embed and index documents into a new index folder (replacing an old one).

        The old index at ``path``, if any, stays intact and usable until the new one is
        complete; a failure part-way leaves it untouched.

        Args:
            path: The index folder.
            documents: The corpus (unique doc ids).
            params: Chunking parameters (defaults when None).
            progress: Called with (chunks embedded, chunks total) as embedding proceeds.
            chunker: Replaces :func:`chunk_document`; recorded by import path for updates.
            embedder: Replaces the default all-MiniLM-L6-v2 embedder.
            sources: The files and folders the corpus came from, recorded for the CLI update.

        Returns:
            The open index.

        Raises:
            DocumentError: On duplicate ids or a chunker returning foreign chunks.
            EmptyIndexError: If the documents yield no chunks.
            RetrievalError: If ``path`` is a non-empty folder that is not an index.
        """
        path = Path(path)
        _check_replaceable(path)
        params = params or ChunkingParams()
        chunker = chunker or chunk_document
        embedder = embedder or default_embedder()
        docs = _check_documents(documents)
        chunks_by_doc = {doc.doc_id: _chunk(doc, chunker, params) for doc in docs}
        hashes = {doc.doc_id: doc.content_hash() for doc in docs}
        all_chunks = [c for doc in docs for c in chunks_by_doc[doc.doc_id]]
        if not all_chunks:
            raise EmptyIndexError(
                f"cannot build an index at {path}: {len(docs)} document(s) gave no text to index",
                hint="Give at least one document with text.",
            )
        vectors = _embed_chunks(all_chunks, embedder, progress)
        now = _now()
        base = Manifest(
            format_version=FORMAT_VERSION,
            build_id="",
            model=embedder.model_name,
            dimension=embedder.dimension,
            chunking=params,
            chunker=_chunker_ref(chunker),
            faiss_index=dense.choose_kind(len(all_chunks)),
            created_at=now,
            updated_at=now,
            chunk_count=0,
            documents={},
            sources=[str(Path(s).expanduser().resolve()) for s in sources],
        )
        with writer_lock(path):
            restore_interrupted(path)
            _check_replaceable(path)
            return cls._write(path, base, docs, hashes, all_chunks, vectors, embedder, chunker)

    @classmethod
    def _write(
        cls,
        path: Path,
        base: Manifest,
        docs: list[Document],
        hashes: dict[str, str],
        chunks: list[Chunk],
        vectors: np.ndarray,
        embedder: Embedder,
        chunker: Chunker | None,
    ) -> HybridIndex:
        """Write a complete index folder atomically and return it open (writer lock held)."""
        seen: set[str] = set()
        for chunk in chunks:
            if chunk.chunk_id in seen:
                raise DocumentError(
                    f"chunk id {chunk.chunk_id!r} is used twice (second time by document "
                    f"{chunk.doc_id!r}); expected ids unique across the index",
                    hint="Make the chunker derive chunk ids from the document id.",
                )
            seen.add(chunk.chunk_id)
        kind = dense.choose_kind(len(chunks))
        faiss_index = dense.build(vectors, kind)
        lexical = LexicalIndex.build([index_text(c) for c in chunks])
        by_doc: dict[str, list[str]] = {doc.doc_id: [] for doc in docs}
        for chunk in chunks:
            by_doc[chunk.doc_id].append(chunk.chunk_id)
        manifest = base.model_copy(
            update={
                "build_id": uuid.uuid4().hex,
                "faiss_index": kind,
                "hnsw_m": dense.HNSW_M if kind == "hnsw_ip" else None,
                "updated_at": _now(),
                "chunk_count": len(chunks),
                "documents": {
                    doc.doc_id: DocumentEntry(
                        content_hash=hashes[doc.doc_id],
                        chunk_ids=by_doc[doc.doc_id],
                        title=doc.title,
                        source=doc.source,
                    )
                    for doc in docs
                },
            }
        )

        def fill(folder: Path) -> None:
            with (folder / CHUNKS_FILE).open("w", encoding="utf-8") as handle:
                for chunk in chunks:
                    handle.write(chunk.model_dump_json() + "\n")
            with (folder / DOCUMENTS_FILE).open("w", encoding="utf-8") as handle:
                for doc in docs:
                    handle.write(doc.model_dump_json() + "\n")
            dense.save(faiss_index, folder / VECTORS_FILE)
            lexical.save(folder / BM25_DIR)
            files = {
                p.relative_to(folder).as_posix(): file_entry(p)
                for p in sorted(folder.rglob("*"))
                if p.is_file()
            }
            final = manifest.model_copy(update={"files": files})
            (folder / MANIFEST_FILE).write_text(final.model_dump_json(indent=2), encoding="utf-8")
            manifest_holder.append(final)

        manifest_holder: list[Manifest] = []
        replace_folder(path, fill)
        documents = {doc.doc_id: doc for doc in docs}
        state = _State(manifest_holder[0], chunks, faiss_index, lexical, documents)
        return cls(path, state, embedder, chunker)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        embedder: Embedder | None = None,
        chunker: Chunker | None = None,
        verify: bool = False,
    ) -> HybridIndex:
        """Open an index folder, checking it against its manifest.

        Checked every time: the manifest parses and has this format version; the model and
        dimension match the embedder; every file listed exists with its recorded size;
        chunks.jsonl parses and its chunk ids are the manifest's, in order; the FAISS index has
        the recorded kind, dimension and one vector per chunk; BM25 has one row per chunk.

        Args:
            path: The index folder.
            embedder: The embedder queries will use (default all-MiniLM-L6-v2, not loaded here).
            chunker: The chunker for updates; default: the one recorded in the manifest.
            verify: Also compare every file's SHA-256 with the manifest (reads every byte).

        Returns:
            The open index.

        Raises:
            IndexNotFoundError: If there is no index folder at ``path``.
            IndexMismatchError: If it was built with another model, dimension or format.
            IndexCorruptError: If any check fails.
        """
        path = Path(path)
        embedder = embedder or default_embedder()
        if not path.is_dir() and not wait_for_swap(path):
            raise IndexNotFoundError(
                f"no index at {path}: expected a folder with {MANIFEST_FILE}, found nothing",
                hint="Build it first: m3-agent index build NAME PATH...",
            )
        manifest = cls._read_manifest(path)
        if manifest.model != embedder.model_name or manifest.dimension != embedder.dimension:
            raise IndexMismatchError(
                f"index {path} was built with model {manifest.model!r} (dimension "
                f"{manifest.dimension}); this process embeds with {embedder.model_name!r} "
                f"(dimension {embedder.dimension})",
                hint="Rebuild the index with the current model.",
            )
        cls._check_files(path, manifest, verify)
        chunks = cls._read_chunks(path, manifest)
        try:
            vectors = dense.load(path / VECTORS_FILE)
        except RuntimeError as exc:
            raise IndexCorruptError(
                f"index {path}: {VECTORS_FILE} is damaged ({str(exc).splitlines()[-1]})",
                hint="Rebuild the index.",
            ) from exc
        kind = dense.kind_of(vectors)
        if kind != manifest.faiss_index or vectors.d != manifest.dimension:
            raise IndexCorruptError(
                f"index {path}: {VECTORS_FILE} is a {kind or type(vectors).__name__} index of "
                f"dimension {vectors.d}; the manifest says {manifest.faiss_index} of dimension "
                f"{manifest.dimension}",
                hint="Rebuild the index.",
            )
        if vectors.ntotal != manifest.chunk_count:
            raise IndexCorruptError(
                f"index {path}: {VECTORS_FILE} holds {vectors.ntotal} vectors for "
                f"{manifest.chunk_count} chunks",
                hint="Rebuild the index.",
            )
        try:
            lexical = LexicalIndex.load(path / BM25_DIR)
        except (OSError, EOFError, ValueError, KeyError, TypeError) as exc:
            raise IndexCorruptError(
                f"index {path}: the BM25 files are damaged ({type(exc).__name__}: {exc})",
                hint="Rebuild the index.",
            ) from exc
        if lexical.size != manifest.chunk_count:
            raise IndexCorruptError(
                f"index {path}: BM25 holds {lexical.size} rows for {manifest.chunk_count} chunks",
                hint="Rebuild the index.",
            )
        if chunker is None:
            chunker = _resolve_chunker(manifest.chunker)
        return cls(path, _State(manifest, chunks, vectors, lexical), embedder, chunker)

    @staticmethod
    def _read_manifest(path: Path) -> Manifest:
        manifest_path = path / MANIFEST_FILE
        try:
            raw = manifest_path.read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise IndexCorruptError(
                f"index {path}: {MANIFEST_FILE} is missing", hint="Rebuild the index."
            ) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise IndexCorruptError(
                f"index {path}: {MANIFEST_FILE} cannot be read ({exc})", hint="Rebuild the index."
            ) from exc
        try:
            # Parsed and validated in one pass by pydantic-core: about 3x faster than json.loads
            # followed by validation, which matters for manifests of 100k documents.
            manifest = Manifest.model_validate_json(raw)
        except ValidationError as exc:
            manifest = None
            schema_error = exc
        version = manifest.format_version if manifest is not None else None
        if manifest is None:
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise IndexCorruptError(
                    f"index {path}: {MANIFEST_FILE} is not valid JSON ({exc.msg} at line "
                    f"{exc.lineno})",
                    hint="Rebuild the index.",
                ) from exc
            version = data.get("format_version") if isinstance(data, dict) else None
        if version != FORMAT_VERSION:
            raise IndexMismatchError(
                f"index {path}: format version {version!r}, this code reads {FORMAT_VERSION}",
                hint="Rebuild the index.",
            )
        if manifest is None:
            first = schema_error.errors()[0]
            raise IndexCorruptError(
                f"index {path}: {MANIFEST_FILE} does not match the manifest schema "
                f"({schema_error.error_count()} error(s), first: {first['msg']} at "
                f"{'.'.join(str(p) for p in first['loc'])})",
                hint="Rebuild the index.",
            ) from schema_error
        return manifest

    @staticmethod
    def _check_files(path: Path, manifest: Manifest, verify: bool) -> None:
        required = {CHUNKS_FILE, DOCUMENTS_FILE, VECTORS_FILE}
        missing_required = required - set(manifest.files)
        if missing_required or not any(f.startswith(BM25_DIR + "/") for f in manifest.files):
            raise IndexCorruptError(
                f"index {path}: the manifest lists no {sorted(missing_required) or BM25_DIR}",
                hint="Rebuild the index.",
            )
        for name, entry in manifest.files.items():
            file = path / name
            if not file.is_file():
                raise IndexCorruptError(
                    f"index {path}: {name} is missing", hint="Rebuild the index."
                )
            size = file.stat().st_size
            if size != entry.size:
                raise IndexCorruptError(
                    f"index {path}: {name} has {size} bytes, the manifest recorded {entry.size} "
                    "(truncated or overwritten)",
                    hint="Rebuild the index.",
                )
            if verify and file_entry(file).sha256 != entry.sha256:
                raise IndexCorruptError(
                    f"index {path}: {name} does not match its recorded SHA-256",
                    hint="Rebuild the index.",
                )

    @staticmethod
    def _read_chunks(path: Path, manifest: Manifest) -> list[Chunk]:
        chunks: list[Chunk] = []
        # Bytes, split by hand: a damaged file must give a line number, not a decoding error.
        with (path / CHUNKS_FILE).open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    chunks.append(Chunk.model_validate_json(line))
                except ValidationError as exc:
                    raise IndexCorruptError(
                        f"index {path}: {CHUNKS_FILE} line {number} is not a chunk "
                        f"({exc.errors()[0]['msg']})",
                        hint="Rebuild the index.",
                    ) from exc
        if len(chunks) != manifest.chunk_count:
            raise IndexCorruptError(
                f"index {path}: {CHUNKS_FILE} holds {len(chunks)} chunks, the manifest "
                f"{manifest.chunk_count}",
                hint="Rebuild the index.",
            )
        expected = [cid for entry in manifest.documents.values() for cid in entry.chunk_ids]
        if [c.chunk_id for c in chunks] != expected:
            raise IndexCorruptError(
                f"index {path}: the chunk ids of {CHUNKS_FILE} differ from the manifest's",
                hint="Rebuild the index.",
            )
        return chunks

    def _load_documents(self, state: _State) -> dict[str, Document]:
        if state.documents is not None:
            return state.documents
        documents: dict[str, Document] = {}
        try:
            with (self.path / DOCUMENTS_FILE).open(encoding="utf-8") as handle:
                for line in handle:
                    doc = Document.model_validate_json(line)
                    documents[doc.doc_id] = doc
        except (OSError, ValueError) as exc:  # ValidationError and UnicodeDecodeError included
            raise IndexCorruptError(
                f"index {self.path}: {DOCUMENTS_FILE} cannot be read ({exc})",
                hint="Rebuild the index.",
            ) from exc
        if list(documents) != list(state.manifest.documents):
            raise IndexCorruptError(
                f"index {self.path}: {DOCUMENTS_FILE} holds other documents than the manifest",
                hint="Rebuild the index.",
            )
        state.documents = documents
        return documents

    # ------------------------------------------------------------------ updating

    def update(
        self, documents: Iterable[Document], *, progress: ProgressCallback | None = None
    ) -> UpdateReport:
        """Bring the index in line with a corpus, re-embedding only what changed.

        ``documents`` is the whole corpus now: documents with a new id are added, those whose
        content hash changed are re-chunked and re-embedded, those missing are dropped, and the
        rest keep their chunks and vectors. The folder is rewritten atomically.

        Args:
            documents: The complete current corpus.
            progress: Called with (chunks embedded, chunks to embed).

        Returns:
            What changed.

        Raises:
            DocumentError: On duplicate ids.
            EmptyIndexError: If the corpus would leave the index empty (the index is kept).
            RetrievalError: If the chunker recorded at build cannot be imported.
        """
        docs = _check_documents(documents)
        with writer_lock(self.path):
            restore_interrupted(self.path)
            self._reload_if_changed()
            if self._chunker is None:
                raise RetrievalError(
                    f"index {self.path} was built with chunker {self.manifest.chunker!r}, "
                    "which cannot be imported here",
                    hint="Open the index with chunker=... to update it.",
                )
            old = self.manifest.documents
            hashes = {doc.doc_id: doc.content_hash() for doc in docs}
            added = [d for d in hashes if d not in old]
            changed = [d for d in hashes if d in old and old[d].content_hash != hashes[d]]
            removed = [d for d in old if d not in hashes]
            unchanged = len(docs) - len(added) - len(changed)
            if not (added or changed or removed):
                return UpdateReport(
                    added=[],
                    changed=[],
                    removed=[],
                    unchanged=unchanged,
                    chunks_embedded=0,
                    chunk_count=self.manifest.chunk_count,
                    document_count=self.manifest.document_count,
                    faiss_index=self.manifest.faiss_index,
                    written=False,
                )
            fresh = set(added) | set(changed)
            new_chunks = {
                doc.doc_id: _chunk(doc, self._chunker, self.manifest.chunking)
                for doc in docs
                if doc.doc_id in fresh
            }
            to_embed = [c for doc in docs if doc.doc_id in fresh for c in new_chunks[doc.doc_id]]
            new_vectors = _embed_chunks(to_embed, self._embedder, progress)
            state = self._state
            old_vectors = dense.all_vectors(state.vectors)
            row_of = state.row_of
            new_row = {chunk.chunk_id: row for row, chunk in enumerate(to_embed)}
            chunks: list[Chunk] = []
            rows: list[np.ndarray] = []
            for doc in docs:
                if doc.doc_id in fresh:
                    doc_chunks = new_chunks[doc.doc_id]
                    picked = [new_row[c.chunk_id] for c in doc_chunks]
                    rows.append(new_vectors[picked])
                else:
                    picked = [row_of[cid] for cid in old[doc.doc_id].chunk_ids]
                    doc_chunks = [state.chunks[r] for r in picked]
                    rows.append(old_vectors[picked])
                chunks.extend(doc_chunks)
            if not chunks:
                raise EmptyIndexError(
                    f"updating {self.path} would leave it empty: the corpus has no text; "
                    "the index was left as it was",
                    hint="Give at least one document with text.",
                )
            vectors = np.concatenate(rows) if rows else new_vectors
            base = self.manifest.model_copy(update={"files": {}})
            updated = self._write(
                self.path, base, docs, hashes, chunks, vectors, self._embedder, self._chunker
            )
            self._state = updated._state
        return UpdateReport(
            added=added,
            changed=changed,
            removed=removed,
            unchanged=unchanged,
            chunks_embedded=len(to_embed),
            chunk_count=self.manifest.chunk_count,
            document_count=self.manifest.document_count,
            faiss_index=self.manifest.faiss_index,
            written=True,
        )

    def _reload_if_changed(self) -> bool:
        """Reload from disk if another process rewrote the folder since it was opened."""
        try:
            on_disk = self._read_manifest(self.path)
        except IndexCorruptError:
            on_disk = None
        if on_disk is not None and on_disk.build_id == self.manifest.build_id:
            return False
        fresh = HybridIndex.open(self.path, embedder=self._embedder, chunker=self._chunker)
        self._state = fresh._state
        return True

    def reload_if_changed(self) -> bool:
        """Pick up a newer version another process wrote; return whether it reloaded.

        Raises:
            IndexNotFoundError, IndexCorruptError: If the folder is gone or damaged now.
        """
        return self._reload_if_changed()

    # ------------------------------------------------------------------ reading

    def __len__(self) -> int:
        return len(self._state.chunks)

    @property
    def chunks(self) -> Sequence[Chunk]:
        """Every chunk, in row order (read-only view)."""
        return tuple(self._state.chunks)

    def search(self, query: str, k: int = 5, mode: SearchMode = "hybrid") -> list[SearchHit]:
        """Search the index.

        Args:
            query: Free text (not empty).
            k: The most hits to return, 1 to 1000.
            mode: ``hybrid`` (BM25 and dense fused by RRF, k=60), ``bm25`` or ``dense``.

        Returns:
            Up to k hits, best first (BM25 returns only chunks sharing a term with the query).

        Raises:
            QueryError: On an empty query, a bad k or an unknown mode.
        """
        if not isinstance(query, str) or not query.strip():
            raise QueryError(
                f"expected a non-empty query, found {query!r}",
                hint="Ask with a few words, e.g. 'sepsis fluid resuscitation'.",
            )
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= MAX_K:
            raise QueryError(f"expected k to be an integer from 1 to {MAX_K}, found {k!r}")
        if mode not in SEARCH_MODES:
            raise QueryError(
                f"expected mode to be one of {', '.join(SEARCH_MODES)}, found {mode!r}"
            )
        state = self._state  # one version for the whole search, even if an update swaps it
        if mode == "bm25":
            rows, scores = state.lexical.search(query, k)
            return [
                self._hit(state, r, float(s), rank, {"bm25": float(s)})
                for rank, (r, s) in enumerate(zip(rows, scores, strict=True), start=1)
            ]
        query_vector = embed_checked(self._embedder, [query])[0]
        if mode == "dense":
            rows, scores = dense.search(state.vectors, query_vector, k)
            return [
                self._hit(state, r, float(s), rank, {"dense": float(s)})
                for rank, (r, s) in enumerate(zip(rows, scores, strict=True), start=1)
            ]
        pool = max(k * POOL_FACTOR, MIN_POOL)
        lex_rows, lex_scores = state.lexical.search(query, pool)
        dense_rows, dense_scores = dense.search(state.vectors, query_vector, pool)
        lex = dict(zip(lex_rows.tolist(), lex_scores.tolist(), strict=True))
        vec = dict(zip(dense_rows.tolist(), dense_scores.tolist(), strict=True))
        fused = reciprocal_rank_fusion([lex_rows.tolist(), dense_rows.tolist()], k=RRF_K)
        hits: list[SearchHit] = []
        for rank, (row, score) in enumerate(fused[:k], start=1):
            parts = {"hybrid": score}
            if row in lex:
                parts["bm25"] = lex[row]
            if row in vec:
                parts["dense"] = vec[row]
            hits.append(self._hit(state, row, score, rank, parts))
        return hits

    @staticmethod
    def _hit(
        state: _State, row: int, score: float, rank: int, scores: dict[str, float]
    ) -> SearchHit:
        chunk = state.chunks[int(row)].model_copy(deep=True)
        return SearchHit(chunk=chunk, score=score, rank=rank, scores=scores)

    def get_document(self, doc_id: str, section: str | None = None) -> DocumentView:
        """Return a stored document, or one of its sections with its subsections.

        Args:
            doc_id: The document id (as in ``SearchHit.chunk.doc_id``).
            section: A heading title or a path ``"A > B"`` (case-insensitive); None for all.

        Returns:
            The text and where it lies.

        Raises:
            NotFoundError: If the document or the section does not exist (the message lists
                the closest ids or the sections there are).
        """
        state = self._state
        entry = state.manifest.documents.get(doc_id)
        if entry is None:
            from rapidfuzz import process

            close = [m[0] for m in process.extract(doc_id, list(state.manifest.documents), limit=3)]
            raise NotFoundError(
                f"no document {doc_id!r} in index {self.path.name}",
                hint=f"Closest ids: {', '.join(close)}" if close else None,
            )
        doc = self._load_documents(state)[doc_id]
        doc_chunks = [state.chunks[state.row_of[cid]] for cid in entry.chunk_ids]
        sections: list[list[str]] = []
        for chunk in doc_chunks:
            if not sections or sections[-1] != chunk.section:
                sections.append(list(chunk.section))
        if section is None:
            return DocumentView(
                doc_id=doc.doc_id,
                title=doc.title,
                source=doc.source,
                metadata=doc.metadata,
                section=None,
                start=0,
                end=len(doc.text),
                text=doc.text,
                chunk_ids=list(entry.chunk_ids),
                sections=sections,
            )
        wanted = " ".join(section.lower().split())
        prefix: list[str] | None = None
        for path in sections:
            for depth in range(1, len(path) + 1):
                candidate = path[:depth]
                joined = " ".join(" > ".join(candidate).lower().split())
                if wanted in (joined, " ".join(candidate[-1].lower().split())):
                    prefix = candidate
                    break
            if prefix is not None:
                break
        if prefix is None:
            listing = "; ".join(" > ".join(p) for p in sections if p)[:600]
            raise NotFoundError(
                f"document {doc_id!r} has no section {section!r}",
                hint=f"Its sections: {listing}" if listing else "It has no sections.",
            )
        run: list[Chunk] = []
        for chunk in doc_chunks:
            if chunk.section[: len(prefix)] == prefix:
                run.append(chunk)
            elif run:
                break  # the first contiguous run only: a repeated heading is another section
        start = min(c.start for c in run)
        end = max(c.end for c in run)
        return DocumentView(
            doc_id=doc.doc_id,
            title=doc.title,
            source=doc.source,
            metadata=doc.metadata,
            section=prefix,
            start=start,
            end=end,
            text=doc.text[start:end],
            chunk_ids=[c.chunk_id for c in run],
            sections=sections,
        )
