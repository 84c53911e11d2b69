"""The manifest of an index: what it holds, how it was built, and the files that make it up."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, Field

from m3agent.retrieval.chunking import ChunkingParams
from m3agent.retrieval.dense import FaissKind

#: Bumped whenever the on-disk layout changes; an index of another version is not opened.
FORMAT_VERSION = 1

MANIFEST_FILE = "manifest.json"
CHUNKS_FILE = "chunks.jsonl"
DOCUMENTS_FILE = "documents.jsonl"
VECTORS_FILE = "vectors.faiss"
BM25_DIR = "bm25"


class DocumentEntry(BaseModel):
    """One indexed document.

    Attributes:
        content_hash: SHA-256 of the document (see ``Document.content_hash``).
        chunk_ids: Its chunks, in order; rows of the index in the same order.
        title: Its title.
        source: Where it came from.
    """

    content_hash: str
    chunk_ids: list[str]
    title: str
    source: str


class FileEntry(BaseModel):
    """A file of the index folder, for the integrity checks at open."""

    size: int
    sha256: str


class Manifest(BaseModel):
    """Everything about an index except its contents.

    Attributes:
        format_version: The on-disk layout version (:data:`FORMAT_VERSION`).
        build_id: Changes with every write; tells an open index that the disk moved on.
        model: The embedding model name.
        dimension: The vector length.
        chunking: The chunking parameters.
        chunker: ``module:qualname`` of the chunker, so updates chunk the same way.
        faiss_index: ``flat_ip`` (exact) or ``hnsw_ip`` (HNSW), chosen from the chunk count.
        hnsw_m: The HNSW graph degree, for ``hnsw_ip``.
        created_at: When the index was first built (UTC).
        updated_at: When it was last written (UTC).
        chunk_count: Rows in chunks.jsonl, the FAISS index and the BM25 index.
        documents: doc_id -> entry, in row order.
        files: Relative path -> size and SHA-256 of every other file of the folder.
        sources: The files and folders it was built from (used by ``index update NAME``).
    """

    format_version: int
    build_id: str
    model: str
    dimension: int
    chunking: ChunkingParams
    chunker: str
    faiss_index: FaissKind
    hnsw_m: int | None = None
    created_at: datetime
    updated_at: datetime
    chunk_count: int
    documents: dict[str, DocumentEntry]
    files: dict[str, FileEntry] = Field(default_factory=dict)
    sources: list[str] = Field(default_factory=list)

    @property
    def document_count(self) -> int:
        """How many documents the index holds."""
        return len(self.documents)


def file_entry(path: Path) -> FileEntry:
    """Return the size and SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return FileEntry(size=path.stat().st_size, sha256=digest.hexdigest())
