"""Chunking: section paths, boundaries, overlap, size bounds, pre-chunked records."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from m3agent.retrieval.chunking import ChunkingParams, chunk_document, index_text
from m3agent.retrieval.documents import Document, load_document
from m3agent.retrieval.errors import DocumentError
from m3agent.retrieval.markdown import clean_inline, find_headings, front_matter_end

from conftest import FIXTURES

GUIDES = FIXTURES / "retrieval" / "guides"


def _doc(text: str, fmt: str = "markdown", **metadata: object) -> Document:
    return Document(
        doc_id="doc", title="T", text=text, source="mem", metadata={"format": fmt, **metadata}
    )


def test_sepsis_guide_sections_and_ranges() -> None:
    doc = load_document(GUIDES / "sepsis.md")
    chunks = chunk_document(doc, ChunkingParams())
    assert [c.section for c in chunks] == [
        [],
        ["Recognition"],
        ["Resuscitation", "Fluids"],
        ["Resuscitation", "Vasopressors"],
        ["Antibiotics"],
    ]
    assert [c.chunk_id for c in chunks] == [f"{doc.doc_id}#{i}" for i in range(5)]
    for chunk in chunks:
        assert doc.text[chunk.start : chunk.end] == chunk.text
        assert chunk.title == "Sepsis bundle" and chunk.doc_id == doc.doc_id
    # The front matter is metadata, not content; the preamble is its own chunk.
    assert chunks[0].text == "This guide summarises the first hours of sepsis care for adults."
    assert chunks[0].start == front_matter_end(doc.text)
    # Each section chunk starts at its heading line.
    assert chunks[2].text.startswith("## Fluids\n")


def test_heading_without_body_gets_no_chunk_but_stays_in_the_path() -> None:
    doc = load_document(GUIDES / "empty_heading.md")
    chunks = chunk_document(doc, ChunkingParams())
    assert len(chunks) == 1
    assert chunks[0].section == ["Potassium", "Replacement"]


def test_small_chunks_split_at_sentences_with_word_aligned_overlap() -> None:
    sentences = [f"Sentence {i} says something useful about care." for i in range(40)]
    doc = _doc("# Notes\n\n" + " ".join(sentences) + "\n")
    params = ChunkingParams(chunk_size=200, overlap=60)
    chunks = chunk_document(doc, params)
    assert len(chunks) > 5
    for previous, current in zip(chunks, chunks[1:], strict=False):
        assert current.start < previous.end  # overlap
        assert previous.end - current.start <= params.overlap
        assert doc.text[current.start - 1].isspace()  # starts at a word
        assert current.text.startswith("Sentence")  # here: at a sentence
        assert previous.text.endswith(".")  # ends at a sentence end
    for chunk in chunks:
        assert len(chunk.text) <= params.chunk_size + params.overlap
        assert chunk.section == ["Notes"]


def test_no_overlap_when_zero_and_chunks_tile_the_text() -> None:
    doc = _doc("\n\n".join(f"Paragraph {i} " + "word " * 30 for i in range(10)), fmt="text")
    chunks = chunk_document(doc, ChunkingParams(chunk_size=300, overlap=0))
    for previous, current in zip(chunks, chunks[1:], strict=False):
        assert current.start >= previous.end
        assert not doc.text[previous.end : current.start].strip()
    assert "".join(c.text for c in chunks).replace(" ", "") == doc.text.replace("\n", "").replace(
        " ", ""
    )


def test_overlap_never_crosses_sections() -> None:
    doc = _doc("# A\n\n" + "alpha " * 100 + "\n\n# B\n\n" + "beta " * 100)
    chunks = chunk_document(doc, ChunkingParams(chunk_size=150, overlap=50))
    first_b = next(c for c in chunks if c.section == ["B"])
    assert first_b.text.startswith("# B")
    assert all("alpha" not in c.text for c in chunks if c.section == ["B"])


def test_long_token_is_cut_hard() -> None:
    doc = _doc("x" * 1000, fmt="text")
    chunks = chunk_document(doc, ChunkingParams(chunk_size=300, overlap=50))
    assert [(c.start, c.end) for c in chunks] == [(0, 300), (300, 600), (600, 900), (900, 1000)]


def test_plain_text_and_pdf_ignore_hash_lines() -> None:
    doc = _doc("# not a heading\n\nbody\n", fmt="text")
    (chunk,) = chunk_document(doc, ChunkingParams())
    assert chunk.section == [] and chunk.text.startswith("# not a heading")


def test_whitespace_document_gives_no_chunks() -> None:
    assert chunk_document(_doc("   \n\n  "), ChunkingParams()) == []


def test_prechunked_document_is_exactly_one_chunk_with_metadata() -> None:
    text = "Table admissions: one row per hospital stay. " * 50  # longer than chunk_size
    doc = Document(
        doc_id="table:admissions",
        title="admissions",
        text=text,
        source="catalog",
        metadata={"prechunked": True, "section": ["hosp"], "table": "admissions"},
    )
    (chunk,) = chunk_document(doc, ChunkingParams(chunk_size=100, overlap=0))
    assert chunk.chunk_id == "table:admissions#0"
    assert (chunk.start, chunk.end, chunk.text) == (0, len(text), text)
    assert chunk.section == ["hosp"]
    assert chunk.metadata["table"] == "admissions"


def test_prechunked_errors() -> None:
    bad_section = _doc("x", prechunked=True, section="hosp")
    with pytest.raises(DocumentError, match="list of strings"):
        chunk_document(bad_section, ChunkingParams())
    with pytest.raises(DocumentError, match="needs text"):
        chunk_document(_doc("  ", prechunked=True), ChunkingParams())


def test_index_text_prefixes_title_and_section() -> None:
    doc = load_document(GUIDES / "sepsis.md")
    chunk = chunk_document(doc, ChunkingParams())[3]
    assert index_text(chunk).startswith("Sepsis bundle\nResuscitation > Vasopressors\n## Vaso")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"chunk_size": 50}, "greater than or equal to 100"),
        ({"chunk_size": 400, "overlap": 201}, "at most half of chunk_size"),
        ({"overlap": -1}, "greater than or equal to 0"),
        ({"size": 400}, "Extra inputs are not permitted"),
    ],
)
def test_chunking_params_validation(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ChunkingParams(**kwargs)


def test_markdown_headings_atx_setext_fences() -> None:
    text = (
        "Title Line\n==========\n\n"
        "## Closed ##\n"
        "```python\n# comment, not a heading\n```\n"
        "After Fence\n-----------\n\n"
        "- list item\n---\n\n"  # a list item underlined is a thematic break, not a heading
        "#hashtag is not a heading\n"
        "### [Linked **bold**](http://x)\n"
        "~~~\n## inside tilde fence\n~~~~\n"
        "####### seven hashes is text\n"
    )
    headings = find_headings(text)
    assert [(h.level, h.title) for h in headings] == [
        (1, "Title Line"),
        (2, "Closed"),
        (2, "After Fence"),
        (3, "Linked bold"),
    ]
    assert text[headings[0].start : headings[0].end] == "Title Line\n=========="
    assert clean_inline("*Dose* of `drug` [here](u)") == "Dose of drug here"


def test_front_matter_without_close_is_content() -> None:
    assert front_matter_end("---\ntitle: x\nno close\n") == 0
    assert front_matter_end("---\ntitle: x\n---\nbody") == len("---\ntitle: x\n---\n")


_words = st.text(alphabet="abcdefghij .,!?\n#-", min_size=0, max_size=12)


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(
        st.one_of(
            _words,
            st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 4), _words),
            st.just("\n\n"),
            st.just("```\n"),
        ),
        max_size=60,
    ),
    size=st.integers(100, 300),
    overlap_ratio=st.floats(0, 0.5),
    fmt=st.sampled_from(["markdown", "text"]),
)
def test_chunk_invariants_on_random_text(
    parts: list[str], size: int, overlap_ratio: float, fmt: str
) -> None:
    text = " ".join(parts)
    params = ChunkingParams(chunk_size=size, overlap=min(int(size * overlap_ratio), size // 2))
    doc = _doc(text, fmt=fmt)
    chunks = chunk_document(doc, params)
    covered = [False] * len(text)
    for n, chunk in enumerate(chunks):
        assert chunk.chunk_id == f"doc#{n}"
        assert 0 <= chunk.start < chunk.end <= len(text)
        assert text[chunk.start : chunk.end] == chunk.text
        assert chunk.text.strip() == chunk.text  # trimmed
        assert len(chunk.text) <= params.chunk_size + params.overlap
        for i in range(chunk.start, chunk.end):
            covered[i] = True
    if fmt == "text":
        # Everything but whitespace lands in some chunk.
        assert all(covered[i] or text[i].isspace() for i in range(len(text)))
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)
