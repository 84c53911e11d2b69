"""Chunking: documents become overlapping chunks along headings and paragraphs.

A document is cut into sections at its Markdown headings (HTML is rendered with ``#`` headings,
plain text and PDF have none). Each section is cut into paragraphs; a paragraph longer than the
chunk size is cut at sentence ends, then line ends, then spaces. Pieces are packed greedily into
chunks of at most ``chunk_size`` new characters, and every chunk after the first of a section
also repeats up to ``overlap`` characters of the previous one, starting at a word. Chunks never
span two sections, and each keeps its character range in the document text, so
``doc.text[chunk.start:chunk.end] == chunk.text``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from m3agent.retrieval.documents import Document
from m3agent.retrieval.errors import DocumentError
from m3agent.retrieval.markdown import find_headings, front_matter_end

#: Formats whose text has no Markdown headings to honour.
_FLAT_FORMATS = frozenset({"text", "pdf"})
#: Document metadata that stays with the document, not copied onto each chunk.
_DOCUMENT_ONLY_METADATA = frozenset({"page_starts"})

# Where an oversized span may be cut, from the best place to the worst.
_SPLITTERS = (
    re.compile(r"\n[ \t]*\n\s*"),  # paragraphs
    re.compile(r"(?<=[.!?;:])[\"')\]]*\s+"),  # sentences (prose is often hard-wrapped)
    re.compile(r"\n\s*"),  # lines (lists, tables, code)
    re.compile(r"\s+"),  # words
)
# The gap before a sentence or paragraph: an end mark and closing quotes, or a blank line.
_SENTENCE_START = re.compile(r"(?:[.!?;:][\"')\]]*\s+|\n[ \t]*\n\s*)(?=\S)")


class ChunkingParams(BaseModel):
    """How documents are cut.

    all-MiniLM-L6-v2 reads at most 256 word pieces (model card) and ignores the rest. Measured on
    100 ClinicalTrials.gov records (benchmarks/bench_retrieval.py tokenizer run), the embedded
    text (title, section path, chunk) of chunks cut at 800 + 120 characters was over 256 pieces
    for 28% of chunks, at 600 + 100 for 10%, at 500 + 80 for 5% (median 164, p95 254 pieces):
    hence the defaults. BM25 always sees the whole chunk.

    Attributes:
        chunk_size: The most new characters a chunk holds (100 to 20,000).
        overlap: Characters of the previous chunk repeated at the start of the next (0 to
            half the chunk size).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    chunk_size: int = Field(default=500, ge=100, le=20_000)
    overlap: int = Field(default=80, ge=0)

    @model_validator(mode="after")
    def _overlap_below_half(self) -> ChunkingParams:
        if self.overlap > self.chunk_size // 2:
            raise ValueError(
                f"overlap must be at most half of chunk_size ({self.chunk_size // 2}), "
                f"found {self.overlap}"
            )
        return self


class Chunk(BaseModel):
    """A piece of a document, the unit that is embedded, indexed and returned.

    Attributes:
        chunk_id: ``{doc_id}#{n}``, n counting from 0 in document order.
        doc_id: The document it comes from.
        title: The document title.
        section: The heading path above the chunk, outermost first (empty before any heading).
        start: Offset of the first character in the document's extracted text.
        end: Offset just past the last character.
        text: ``doc.text[start:end]``.
        metadata: The document's metadata (PDF chunks add ``pages``: [first, last], 1-based).
    """

    chunk_id: str
    doc_id: str
    title: str
    section: list[str]
    start: int
    end: int
    text: str
    metadata: dict[str, Any] = Field(default_factory=dict)


#: A chunker turns a document into chunks; :func:`chunk_document` is the default one.
Chunker = Callable[[Document, ChunkingParams], list[Chunk]]


def index_text(chunk: Chunk) -> str:
    """Return the text that is embedded and BM25-indexed for a chunk.

    The title and section path are prepended so that a chunk deep in a section still matches
    queries naming the document or the heading.

    Args:
        chunk: The chunk.

    Returns:
        Title, section path and text, one per line (empty parts left out).
    """
    parts = [chunk.title.strip(), " > ".join(chunk.section), chunk.text]
    return "\n".join(part for part in parts if part)


def _sections(doc: Document) -> list[tuple[list[str], int, int]]:
    """Cut a document into (heading path, start, end) spans."""
    text = doc.text
    if doc.metadata.get("format") in _FLAT_FORMATS:
        return [([], 0, len(text))]
    body = front_matter_end(text)
    headings = find_headings(text, body)
    spans: list[tuple[list[str], int, int]] = []
    first = headings[0].start if headings else len(text)
    if text[body:first].strip():
        spans.append(([], body, first))
    stack: list[tuple[int, str]] = []
    for i, heading in enumerate(headings):
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        stack.append((heading.level, heading.title))
        end = headings[i + 1].start if i + 1 < len(headings) else len(text)
        # A heading directly followed by another one has no body: its title lives on in the
        # section path of the subsections, so it gets no chunk of its own.
        if text[heading.end : end].strip():
            spans.append(([title for _, title in stack], heading.start, end))
    return spans


def _split(text: str, start: int, end: int, size: int, level: int = 0) -> list[tuple[int, int]]:
    """Cut text[start:end] into whitespace-trimmed pieces of at most ``size`` characters."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return []
    if end - start <= size:
        return [(start, end)]
    if level >= len(_SPLITTERS):
        return [(i, min(i + size, end)) for i in range(start, end, size)]
    pieces: list[tuple[int, int]] = []
    previous = start
    for match in _SPLITTERS[level].finditer(text, start, end):
        pieces.extend(_split(text, previous, match.start(), size, level + 1))
        previous = match.end()
    pieces.extend(_split(text, previous, end, size, level + 1))
    return pieces


def _overlap_start(text: str, previous: tuple[int, int], next_start: int, overlap: int) -> int:
    """Return where a chunk starts so that it repeats up to ``overlap`` characters.

    The repeated part starts at a sentence if one starts in the overlap window, else at a word;
    with neither (one long token), the chunk starts at its own first piece.
    """
    prev_start, prev_end = previous
    low = max(prev_start + 1, prev_end - overlap)
    sentence = _SENTENCE_START.search(text, low, prev_end)
    if sentence:
        return sentence.end()
    for position in range(low, prev_end):
        if not text[position].isspace() and text[position - 1].isspace():
            return position
    return next_start


def _pages(page_starts: list[int], start: int, end: int) -> list[int]:
    first = bisect.bisect_right(page_starts, start)
    last = bisect.bisect_right(page_starts, max(start, end - 1))
    return [max(first, 1), max(last, 1)]


def chunk_document(doc: Document, params: ChunkingParams | None = None) -> list[Chunk]:
    """Cut a document into chunks along headings and paragraphs, with overlap.

    A document whose metadata has ``prechunked: true`` becomes exactly one chunk holding its
    whole text (its ``section`` metadata, a list of strings, becomes the section path).

    Args:
        doc: The document.
        params: Chunk size and overlap; the defaults when None.

    Returns:
        The chunks in document order (none for a document that is only whitespace).

    Raises:
        DocumentError: If a pre-chunked document has no text or a malformed section.
    """
    params = params or ChunkingParams()
    metadata = {k: v for k, v in doc.metadata.items() if k not in _DOCUMENT_ONLY_METADATA}
    if doc.metadata.get("prechunked"):
        section = doc.metadata.get("section", [])
        if not isinstance(section, list) or not all(isinstance(s, str) for s in section):
            raise DocumentError(
                f"document {doc.doc_id!r}: expected metadata 'section' to be a list of strings, "
                f"found {section!r}",
                path=doc.source,
            )
        if not doc.text.strip():
            raise DocumentError(
                f"document {doc.doc_id!r}: a pre-chunked document needs text, found none",
                path=doc.source,
            )
        return [
            Chunk(
                chunk_id=f"{doc.doc_id}#0",
                doc_id=doc.doc_id,
                title=doc.title,
                section=list(section),
                start=0,
                end=len(doc.text),
                text=doc.text,
                metadata=metadata,
            )
        ]
    page_starts = doc.metadata.get("page_starts")
    spans: list[tuple[list[str], int, int]] = []
    for path, sec_start, sec_end in _sections(doc):
        previous: tuple[int, int] | None = None
        pieces = _split(doc.text, sec_start, sec_end, params.chunk_size)
        i = 0
        while i < len(pieces):
            first_start, end = pieces[i]
            j = i + 1
            while j < len(pieces) and pieces[j][1] - first_start <= params.chunk_size:
                end = pieces[j][1]
                j += 1
            start = first_start
            if previous is not None and params.overlap:
                start = _overlap_start(doc.text, previous, first_start, params.overlap)
            spans.append((path, start, end))
            previous = (start, end)
            i = j
    chunks: list[Chunk] = []
    for n, (path, start, end) in enumerate(spans):
        chunk_metadata = dict(metadata)
        if isinstance(page_starts, list) and page_starts:
            chunk_metadata["pages"] = _pages(page_starts, start, end)
        chunks.append(
            Chunk(
                chunk_id=f"{doc.doc_id}#{n}",
                doc_id=doc.doc_id,
                title=doc.title,
                section=path,
                start=start,
                end=end,
                text=doc.text[start:end],
                metadata=chunk_metadata,
            )
        )
    return chunks
