"""The little Markdown structure the chunker needs: headings, fenced code, front matter.

Only block structure matters here (where sections start and what they are called), so this is a
line scanner following the CommonMark rules for ATX headings (``# Title``), setext headings
(a line underlined with ``===`` or ``---``) and fenced code blocks (CommonMark spec 0.31,
sections 4.2, 4.3 and 4.5), not a full Markdown parser.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

# CommonMark 4.2: up to three spaces of indent, 1-6 '#', then a space or end of line; an optional
# closing run of '#' preceded by a space is not part of the title.
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
# CommonMark 4.3: a setext underline is a run of '=' (level 1) or '-' (level 2).
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# CommonMark 4.5: a fence is at least three backticks or tildes.
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# Lines that cannot be the text of a setext heading: list items, quotes, tables, indented code.
_NOT_SETEXT_TEXT = re.compile(r"^(?: {4,}|\t| {0,3}(?:[-+*>|]|\d+[.)])(?:\s|$))")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")
_LINE = re.compile(r"[^\n]*\n?")


class Heading(BaseModel):
    """A heading found in a text.

    Attributes:
        start: Offset of the first character of the heading line (for setext, its text line).
        end: Offset just past the heading (past the underline for setext), newline excluded.
        level: 1 to 6.
        title: The heading text with inline markup (links, emphasis, code) removed.
    """

    start: int
    end: int
    level: int
    title: str


def clean_inline(text: str) -> str:
    """Strip the inline Markdown markup of a heading: links keep their text, emphasis goes.

    Args:
        text: One line of Markdown.

    Returns:
        The plain text, whitespace collapsed.
    """
    text = _LINK.sub(r"\1", text)
    for _ in range(3):  # nested emphasis such as ***x***
        text = _EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())


def front_matter_end(text: str) -> int:
    """Return where a YAML front matter block ends (0 when the text has none).

    Front matter is a block that opens the text with a ``---`` line and closes with a ``---`` or
    ``...`` line (the Jekyll/Hugo convention); it is metadata, not content.

    Args:
        text: The whole document.

    Returns:
        The offset just past the closing line, or 0.
    """
    if not text.startswith("---\n"):
        return 0
    match = re.compile(r"^(?:---|\.\.\.)[ \t]*$\n?", re.MULTILINE).search(text, 4)
    return match.end() if match else 0


def front_matter_title(text: str) -> str | None:
    """Return the ``title:`` of a YAML front matter block, if the text has one.

    Args:
        text: The whole document.

    Returns:
        The title without quotes, or None.
    """
    end = front_matter_end(text)
    match = re.search(r"^title:[ \t]*(.+?)[ \t]*$", text[:end], re.MULTILINE)
    if not match:
        return None
    title = match.group(1).strip().strip("\"'").strip()
    return title or None


def find_headings(text: str, start: int = 0) -> list[Heading]:
    """Find the ATX and setext headings of a Markdown text, skipping fenced code.

    Args:
        text: The whole document.
        start: Offset where scanning starts (past any front matter).

    Returns:
        The headings in document order.
    """
    headings: list[Heading] = []
    fence: str | None = None
    # The previous line, if it could be the text of a setext heading: (start, end, text).
    candidate: tuple[int, int, str] | None = None
    # Whether the next line would open a new block (after a blank line, a heading or a fence).
    new_block = True
    for match in _LINE.finditer(text, start):
        line_start = match.start()
        line = match.group().rstrip("\n")
        if not match.group():
            break
        line_end = line_start + len(line)
        fence_match = _FENCE.match(line)
        if fence is not None:
            # CommonMark 4.5: a closing fence uses the same character, at least as long.
            if (
                fence_match
                and fence_match.group(1)[0] == fence[0]
                and len(fence_match.group(1)) >= len(fence)
                and not line[fence_match.end() :].strip()
            ):
                fence = None
                new_block = True
            candidate = None
            continue
        if fence_match:
            fence = fence_match.group(1)
            candidate, new_block = None, False
            continue
        atx = _ATX.match(line)
        if atx:
            title = clean_inline(atx.group(2) or "")
            if title:
                headings.append(
                    Heading(start=line_start, end=line_end, level=len(atx.group(1)), title=title)
                )
            candidate, new_block = None, True
            continue
        setext = _SETEXT.match(line)
        if setext and candidate is not None:
            c_start, _c_end, c_text = candidate
            level = 1 if setext.group(1)[0] == "=" else 2
            headings.append(Heading(start=c_start, end=line_end, level=level, title=c_text))
            candidate, new_block = None, True
            continue
        blank = not line.strip()
        if not blank and new_block and not _NOT_SETEXT_TEXT.match(line):
            title = clean_inline(line)
            candidate = (line_start, line_end, title) if title else None
        else:
            candidate = None
        new_block = blank
    return headings
