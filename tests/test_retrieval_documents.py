"""Loading documents: each format, titles, PDF pages, and clear errors for unreadable files."""

from __future__ import annotations

from pathlib import Path

import pytest

from m3agent.retrieval.chunking import ChunkingParams, chunk_document
from m3agent.retrieval.documents import (
    Document,
    collect_files,
    load_document,
    load_documents,
)
from m3agent.retrieval.errors import DocumentError

from conftest import FIXTURES

GUIDES = FIXTURES / "retrieval" / "guides"


def _pdf_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """Build a minimal valid PDF: one Helvetica text line per entry, pages in order."""
    objects: dict[int, bytes] = {}
    n_pages = len(pages)
    page_ids = [4 + 2 * i for i in range(n_pages)]
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode()
    objects[3] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    for i, lines in enumerate(pages):
        ops = ["BT /F1 12 Tf 72 720 Td 14 TL"]
        ops += [f"({_pdf_string(line)}) Tj T*" for line in lines]
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects[page_ids[i]] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_ids[i] + 1} 0 R >>"
        ).encode()
        objects[page_ids[i] + 1] = (
            f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
        )
    info_id = None
    if title is not None:
        info_id = 4 + 2 * n_pages
        objects[info_id] = f"<< /Title ({_pdf_string(title)}) >>".encode("latin-1")
    out = bytearray(b"%PDF-1.4\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    info = f" /Info {info_id} 0 R" if info_id else ""
    out += f"trailer\n<< /Size {size} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_markdown_title_from_front_matter_and_text_kept_verbatim() -> None:
    doc = load_document(GUIDES / "sepsis.md")
    assert doc.title == "Sepsis bundle"
    assert doc.metadata == {"format": "markdown"}
    assert doc.text == (GUIDES / "sepsis.md").read_text(encoding="utf-8")
    assert doc.doc_id == doc.source == str((GUIDES / "sepsis.md").resolve())


def test_markdown_title_falls_back_to_first_h1_then_file_name(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("intro\n\n## Minor\n\ntext\n\n# Major\n\nmore\n")
    assert load_document(tmp_path / "a.md").title == "Major"
    (tmp_path / "b.md").write_text("## Only level two\n\ntext\n")
    assert load_document(tmp_path / "b.md").title == "Only level two"
    (tmp_path / "acute_kidney-injury.md").write_text("no headings at all\n")
    assert load_document(tmp_path / "acute_kidney-injury.md").title == "acute kidney injury"


def test_plain_text_title_is_first_line_and_crlf_is_normalised(tmp_path: Path) -> None:
    doc = load_document(GUIDES / "heparin.txt")
    assert doc.title == "Heparin infusion protocol"
    assert doc.metadata["format"] == "text"
    (tmp_path / "w.txt").write_bytes("\ufeffTitle line\r\n\r\nBody\r\n".encode())
    windows = load_document(tmp_path / "w.txt")
    assert windows.text == "Title line\n\nBody\n"
    assert windows.title == "Title line"


def test_html_rendered_with_headings_lists_tables_and_no_script() -> None:
    doc = load_document(GUIDES / "ards.html")
    assert doc.title == "ARDS ventilation"
    assert doc.metadata["format"] == "html"
    assert "# Lung-protective ventilation\n" in doc.text
    assert "## Settings\n\n- Tidal volume 6 mL/kg of predicted body weight\n- Plateau" in doc.text
    assert "PaO2/FiO2 | Severity\n<100 | severe" in doc.text
    assert "low tidal volume ventilation & limited plateau pressures." in doc.text
    assert "ignored" not in doc.text and "color" not in doc.text


def test_html_without_title_uses_h1_and_declared_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><h1>Caf\xe9</h1><p>x</p>'
    (tmp_path / "p.htm").write_bytes(page.encode("latin-1"))
    doc = load_document(tmp_path / "p.htm")
    assert doc.title == "Café"
    assert doc.text.startswith("# Café\n\nx")


def test_pdf_pages_text_title_and_page_numbers_on_chunks(tmp_path: Path) -> None:
    pdf = tmp_path / "guide.pdf"
    pdf.write_bytes(
        make_pdf(
            [
                ["Delirium screening", "Use the CAM-ICU twice a day, and after any change."],
                ["Page two talks of sleep.", "Keep lights low and noise down at night."],
            ],
            title="ICU delirium",
        )
    )
    doc = load_document(pdf)
    assert doc.title == "ICU delirium"
    assert doc.metadata["format"] == "pdf"
    assert "CAM-ICU" in doc.text and "sleep" in doc.text
    starts = doc.metadata["page_starts"]
    assert starts[0] == 0 and doc.text[starts[1] :].startswith("Page two")
    chunks = chunk_document(doc, ChunkingParams(chunk_size=100, overlap=0))
    assert [c.metadata["pages"] for c in chunks] == [[1, 1], [2, 2]]
    assert all("page_starts" not in c.metadata for c in chunks)


def test_pdf_title_falls_back_to_first_line(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(make_pdf([["Renal dosing table", "body"]]))
    assert load_document(tmp_path / "x.pdf").title == "Renal dosing table"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("broken.pdf", b"%PDF-1.4\nthis is not a pdf at all", "cannot parse"),
        ("blank.pdf", None, "no extractable text"),
        ("latin.txt", "fi\xe8vre".encode("latin-1"), "expected UTF-8 text"),
        ("binary.md", b"\x00\x01\x02binary", "binary data"),
        ("empty.txt", b"  \n\n", "has no text"),
        ("notes.docx", b"PK\x03\x04", "found extension '.docx'"),
    ],
)
def test_unreadable_files_raise_document_error_naming_the_file(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content if content is not None else make_pdf([[]]))
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert expected in info.value.message
    assert name in info.value.message
    assert info.value.path == str(path)


def test_missing_file_raises_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="gone.md"):
        load_document(tmp_path / "gone.md")


def test_batch_skips_bad_files_counts_them_and_keeps_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("# Good\n\nreadable\n")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa bad")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "also.txt").write_text("nested file\n")
    (tmp_path / "sub" / "image.png").write_bytes(b"\x89PNG")  # ignored: not a document type
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "secret.md").write_text("# hidden\n")
    seen: list[tuple[int, int]] = []
    result = load_documents([tmp_path], progress=lambda d, t: seen.append((d, t)))
    assert sorted(Path(d.source).name for d in result.documents) == ["also.txt", "good.md"]
    assert result.skipped_count == 1
    assert result.skipped[0].path.endswith("bad.txt")
    assert "expected UTF-8" in result.skipped[0].reason
    assert seen[-1] == (3, 3)


def test_collect_files_dedupes_and_keeps_explicit_files(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("a\n")
    (tmp_path / "b.csv").write_text("x,y\n")
    files = collect_files([tmp_path, tmp_path / "a.md", tmp_path / "b.csv"])
    assert [f.name for f in files] == ["a.md", "b.csv"]
    with pytest.raises(DocumentError, match="expected an existing file or folder"):
        collect_files([tmp_path / "nope"])
    result = load_documents([tmp_path / "b.csv"])
    assert result.documents == [] and result.skipped_count == 1


def test_content_hash_tracks_content_and_rejects_unserialisable_metadata() -> None:
    base = Document(doc_id="d", title="t", text="x", source="s")
    assert base.content_hash() == base.model_copy().content_hash()
    assert base.content_hash() != base.model_copy(update={"text": "y"}).content_hash()
    assert base.content_hash() != base.model_copy(update={"metadata": {"a": 1}}).content_hash()
    with pytest.raises(DocumentError, match="JSON-serialisable"):
        Document(
            doc_id="d", title="t", text="x", source="s", metadata={"o": object()}
        ).content_hash()
