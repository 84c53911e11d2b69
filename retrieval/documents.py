"""Documents: what the retrieval layer indexes, and how files become documents.

A :class:`Document` is extracted text plus a title, a source and free metadata. Files are read
by extension: Markdown (``.md``, ``.markdown``) and plain text (``.txt``) as UTF-8, HTML
(``.html``, ``.htm``) through the standard library's ``html.parser`` (rendered to Markdown-like
text, headings as ``#`` lines, so the chunker sees one structure), PDF (``.pdf``) through pypdf,
page by page. A file that cannot be read raises :class:`DocumentError` naming it;
:func:`load_documents` loads a batch, skipping such files and counting them.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from m3agent.retrieval.errors import DocumentError
from m3agent.retrieval.markdown import find_headings, front_matter_end, front_matter_title

#: File extensions :func:`load_document` reads, and the format each one means.
EXTENSIONS: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}

#: A line longer than this is not taken as a plain-text title.
_MAX_TITLE = 200


class Document(BaseModel):
    """One document to index.

    Attributes:
        doc_id: A stable id, unique in an index (files: the absolute path).
        title: A human title (first heading, HTML ``<title>``, PDF title, or the file name).
        text: The extracted text; chunk character ranges refer to it.
        source: Where it came from (a path or URL).
        metadata: Free JSON-safe data. ``format`` (markdown, text, html, pdf) steers the chunker;
            ``prechunked: true`` makes the whole document one chunk (one table, one item);
            PDFs carry ``page_starts``, the offset of each page in ``text``.
    """

    doc_id: str = Field(min_length=1)
    title: str
    text: str
    source: str
    metadata: dict[str, Any] = Field(default_factory=dict)

    def content_hash(self) -> str:
        """Return a SHA-256 over everything that shapes this document's chunks.

        Returns:
            A hex digest; equal digests mean the chunks and their embeddings can be reused.

        Raises:
            DocumentError: If the metadata is not JSON-serialisable.
        """
        try:
            payload = json.dumps(
                [self.doc_id, self.title, self.text, self.source, self.metadata],
                sort_keys=True,
                ensure_ascii=False,
            )
        except (TypeError, ValueError) as exc:
            raise DocumentError(
                f"document {self.doc_id!r}: metadata must be JSON-serialisable ({exc})",
                path=self.source,
                hint="Keep metadata to strings, numbers, booleans, lists and dicts.",
            ) from exc
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class SkippedFile(BaseModel):
    """A file a batch load left out, and why."""

    path: str
    reason: str


class LoadResult(BaseModel):
    """The outcome of loading a batch of files.

    Attributes:
        documents: The documents read, in path order.
        skipped: The files that could not be read, with the reason.
    """

    documents: list[Document]
    skipped: list[SkippedFile] = Field(default_factory=list)

    @property
    def skipped_count(self) -> int:
        """How many files were skipped."""
        return len(self.skipped)


def _title_from_name(path: Path) -> str:
    return path.stem.replace("_", " ").replace("-", " ").strip() or path.name


def _first_line_title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= _MAX_TITLE else None
    return None


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_utf8(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise DocumentError(
            f"cannot read {path}: expected a text file, found binary data (NUL bytes)",
            path=str(path),
            hint="Index text, Markdown, HTML or PDF files only.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"cannot read {path}: expected UTF-8 text, found an invalid byte at offset {exc.start}",
            path=str(path),
            hint="Convert the file to UTF-8 (for example with iconv).",
        ) from exc


def _require_text(path: Path, text: str) -> str:
    if not text.strip():
        raise DocumentError(
            f"cannot index {path}: the file has no text",
            path=str(path),
            hint="Remove empty files from the corpus.",
        )
    return text


def _load_markdown(path: Path, data: bytes) -> tuple[str, str, dict[str, Any]]:
    text = _require_text(path, _normalise_newlines(_decode_utf8(path, data)))
    title = front_matter_title(text)
    if title is None:
        headings = find_headings(text, front_matter_end(text))
        top = [h for h in headings if h.level == 1] or headings
        title = top[0].title if top else _title_from_name(path)
    return text, title, {"format": "markdown"}


def _load_text(path: Path, data: bytes) -> tuple[str, str, dict[str, Any]]:
    text = _require_text(path, _normalise_newlines(_decode_utf8(path, data)))
    return text, _first_line_title(text) or _title_from_name(path), {"format": "text"}


class _HTMLToText(HTMLParser):
    """Render HTML as Markdown-like text: headings as ``#`` lines, blocks as paragraphs."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe"})
    _HEADINGS = {f"h{i}": i for i in range(1, 7)}
    # Elements that end a paragraph (HTML Living Standard, flow content that is not phrasing).
    _BLOCKS = frozenset(
        {
            "p",
            "div",
            "section",
            "article",
            "main",
            "header",
            "footer",
            "nav",
            "aside",
            "blockquote",
            "ul",
            "ol",
            "dl",
            "table",
            "thead",
            "tbody",
            "tfoot",
            "form",
            "fieldset",
            "figure",
            "figcaption",
            "details",
            "summary",
            "address",
            "body",
            "hr",
            "caption",
        }
    )
    # Elements whose items stay together as lines of one paragraph.
    _LINES = frozenset({"li", "tr", "dt", "dd", "br"})
    _CELLS = frozenset({"td", "th"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, text): kind in heading, para, line
        self.title_parts: list[str] = []
        self.first_h1: str | None = None
        self._buffer: list[str] = []
        self._skip: list[str] = []
        self._in_title = False
        self._pre = 0
        self._heading: int | None = None
        self._cell_count = 0
        self._line_kind = "para"

    def _flush(self, kind: str | None = None) -> None:
        raw = "".join(self._buffer)
        self._buffer = []
        text = raw.strip("\n") if self._pre else " ".join(raw.split())
        if text.strip():
            self.blocks.append((kind or self._line_kind, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._skip = [t for t in self._skip if t != "head"]
        if tag == "title":
            self._in_title = True
            return
        if tag in self._SKIP:
            self._skip.append(tag)
            return
        if self._skip:
            return
        if tag in self._HEADINGS:
            self._flush()
            self._heading = self._HEADINGS[tag]
        elif tag == "pre":
            self._flush()
            self._pre += 1
        elif tag in self._LINES:
            self._flush()
            self._line_kind = "line"
            self._cell_count = 0
            if tag == "li":
                self._buffer.append("- ")
        elif tag in self._CELLS:
            if self._cell_count:
                self._buffer.append(" | ")
            self._cell_count += 1
        elif tag in self._BLOCKS:
            self._flush()
            self._line_kind = "para"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
            return
        if tag in self._SKIP:
            if tag in self._skip:
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if self._skip:
            return
        if tag in self._HEADINGS and self._heading is not None:
            level = self._heading
            text = " ".join("".join(self._buffer).split())
            self._buffer = []
            self._heading = None
            if text:
                self.blocks.append(("heading", "#" * level + " " + text))
                if level == 1 and self.first_h1 is None:
                    self.first_h1 = text
            self._line_kind = "para"
        elif tag == "pre":
            self._flush("para")
            self._pre = max(0, self._pre - 1)
        elif tag in self._LINES:
            self._flush()
        elif tag in self._BLOCKS:
            self._flush()
            self._line_kind = "para"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip:
            self._buffer.append(data)

    def render(self) -> str:
        """Return the collected blocks as text: lines of a list or table kept together."""
        self._flush()
        out: list[str] = []
        previous = ""
        for kind, text in self.blocks:
            if out:
                out.append("\n" if kind == "line" and previous == "line" else "\n\n")
            out.append(text)
            previous = kind
        return "".join(out) + "\n" if out else ""


def _decode_html(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        return _decode_utf8(path, data)  # raises the binary-data error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: honour a declared charset (HTML Living Standard 4.2.5.4, <meta charset>).
    declared = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.I)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode_utf8(path, data)  # raises the UTF-8 error, with the offset


def _load_html(path: Path, data: bytes) -> tuple[str, str, dict[str, Any]]:
    markup = _decode_html(path, data)
    parser = _HTMLToText()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser raises these on broken markup
        raise DocumentError(
            f"cannot parse {path} as HTML: {exc}", path=str(path), hint="Check the markup."
        ) from exc
    text = _require_text(path, parser.render())
    title = " ".join(unescape("".join(parser.title_parts)).split())
    return text, title or parser.first_h1 or _title_from_name(path), {"format": "html"}


def _load_pdf(path: Path, data: bytes) -> tuple[str, str, dict[str, Any]]:
    from pypdf import PdfReader  # imported here: only PDF loading pays for it

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(
                f"cannot read {path}: the PDF is encrypted with a password",
                path=str(path),
                hint="Save an unencrypted copy.",
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        info_title = reader.metadata.title if reader.metadata else None
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types (PdfReadError, ValueError, KeyError...)
        raise DocumentError(
            f"cannot parse {path} as PDF: {type(exc).__name__}: {exc}",
            path=str(path),
            hint="Check that the file is a complete, valid PDF.",
        ) from exc
    parts: list[str] = []
    page_starts: list[int] = []
    offset = 0
    for page in pages:
        page_text = "\n".join(line.rstrip() for line in _normalise_newlines(page).split("\n"))
        page_text = page_text.strip("\n")
        if parts:
            parts.append("\n\n")
            offset += 2
        page_starts.append(offset)
        parts.append(page_text)
        offset += len(page_text)
    text = "".join(parts)
    if not text.strip():
        raise DocumentError(
            f"cannot index {path}: the PDF has {len(pages)} page(s) but no extractable text",
            path=str(path),
            hint="Scanned PDFs need OCR before they can be indexed.",
        )
    title = (info_title or "").strip() or _first_line_title(text) or _title_from_name(path)
    return text, title, {"format": "pdf", "page_starts": page_starts}


_LOADERS: dict[str, Callable[[Path, bytes], tuple[str, str, dict[str, Any]]]] = {
    "markdown": _load_markdown,
    "text": _load_text,
    "html": _load_html,
    "pdf": _load_pdf,
}


def load_document(path: Path, *, doc_id: str | None = None) -> Document:
    """Read one file into a :class:`Document`, choosing the reader by extension.

    Args:
        path: A ``.md``, ``.markdown``, ``.txt``, ``.html``, ``.htm`` or ``.pdf`` file.
        doc_id: The id to give it; defaults to the absolute path.

    Returns:
        The document, its text as extracted (HTML rendered to Markdown-like text).

    Raises:
        DocumentError: If the file is missing, has another extension, or cannot be parsed.
    """
    path = Path(path)
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise DocumentError(
            f"cannot read {path}: expected one of {', '.join(sorted(EXTENSIONS))}, "
            f"found extension {path.suffix or '(none)'!r}",
            path=str(path),
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read {path}: {exc.strerror or exc}", path=str(path)) from exc
    text, title, metadata = _LOADERS[fmt](path, data)
    source = str(path.resolve())
    return Document(
        doc_id=doc_id or source, title=title, text=text, source=source, metadata=metadata
    )


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders (recursively) into the files :func:`load_document` reads.

    Hidden files and folders (names starting with ``.``) inside folders are left out, as are
    files of other extensions; a file named explicitly is kept whatever its extension, so that
    loading it reports why it was skipped.

    Args:
        paths: Files and folders.

    Returns:
        Unique resolved paths, in the order given, each folder's files sorted.

    Raises:
        DocumentError: If a path does not exist.
    """
    seen: set[Path] = set()
    files: list[Path] = []
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in EXTENSIONS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():
            found = [path]
        else:
            raise DocumentError(
                f"cannot index {path}: expected an existing file or folder, found nothing there",
                path=str(path),
            )
        for file in found:
            resolved = file.resolve()
            if resolved not in seen:
                seen.add(resolved)
                files.append(resolved)
    return files


def load_documents(
    paths: Iterable[Path], *, progress: Callable[[int, int], None] | None = None
) -> LoadResult:
    """Load every readable file under the given files and folders.

    A file that cannot be read is skipped and listed in the result; the rest still load.

    Args:
        paths: Files and folders (folders are searched recursively).
        progress: Called with (files done, files total) after each file.

    Returns:
        The documents and the skipped files.

    Raises:
        DocumentError: If a given path does not exist.
    """
    files = collect_files(paths)
    documents: list[Document] = []
    skipped: list[SkippedFile] = []
    for done, file in enumerate(files, start=1):
        try:
            documents.append(load_document(file))
        except DocumentError as exc:
            skipped.append(SkippedFile(path=str(file), reason=exc.message))
        if progress is not None:
            progress(done, len(files))
    return LoadResult(documents=documents, skipped=skipped)
