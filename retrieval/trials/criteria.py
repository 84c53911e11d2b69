r"""Split eligibility text into single inclusion and exclusion criteria.

Registry texts come as Markdown: an "Inclusion Criteria:" heading, bullets (``*``, ``-``, ``•``)
or numbers (``1.``, ``1)``, ``a.``), sub-bullets indented under a lead-in line, and sometimes
several headed blocks ("Key Exclusion Criteria:", "Specific inclusion criteria for healthy
participants:"). TrialGPT's corpus stores each part separately with criteria separated by blank
lines (``"inclusion criteria: \n\n X \n\n Y"``); TrialGPT itself splits on blank lines and
drops header lines and lines shorter than 5 characters (ncbi-nlp/TrialGPT,
trialgpt_matching/TrialGPT.py ``parse_criteria``), which this splitter also does.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

CriterionType = Literal["inclusion", "exclusion"]

_HEADING = re.compile(
    r"^(?P<head>[^.:\n]{0,60}?\b(?P<kind>inclusion|exclusion)s?\s+criteri(?:a|on)\b[^:\n]{0,60}?)"
    r"\s*(?::\s*(?P<after>.*))?$",
    re.IGNORECASE,
)
# "Inclusion:", "Exclusion criteria." and the like, with text possibly following on the line.
_SHORT_HEADING = re.compile(
    r"^(?:(?:key|main|major|study)\s+)?(?P<kind>inclusion|exclusion)s?(?:\s+criteri(?:a|on))?"
    r"\s*[:.]\s*(?P<after>.*)$",
    re.IGNORECASE,
)
_INLINE_DASH = re.compile(r"\s+-\s+(?=[A-Z])")
# A heading run into the previous text ("... conception Exclusion Criteria: - Women ...").
_INLINE_HEADING = re.compile(
    r"(?<=\S)(?<!Key)(?<!Main)(?<!Study)[ \t]+"
    r"(?=(?:(?:Key|Main|Study)\s+)?(?:Inclusion|Exclusion)\s+[Cc]riteria\s*[:.])"
)
_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?P<mark>[*•·‣▪◦§➢►–-]|o(?=\s)|\(?\d{1,2}[.)](?!\d)|\(?[a-zA-Z][.)](?=\s)"
    r"|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)[.)](?=\s))\s*(?P<text>.*)$"
)
_INLINE_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\)\s+")
_BOILERPLATE = re.compile(
    r"^(?:further|other|additional)\b.{0,60}\bcriteria\b.{0,40}\bapply\b"
    r"|^note:?\s.{0,40}criteria\s+may\s+apply",
    re.IGNORECASE,
)
_MARKDOWN_ESCAPE = re.compile(r"\\([^\w\s])")


class Criterion(BaseModel):
    """One eligibility criterion.

    Attributes:
        type: Inclusion or exclusion.
        index: Position among the trial's criteria of the same type (0-based, as TrialGPT).
        text: The criterion text, bullets and numbering removed.
        context: The lead-in line it sits under ("Any of the following:"), if any.
        source: ``text`` when split from eligibility text, ``structured`` when made from the
            registry's age/sex fields.
    """

    type: CriterionType
    index: int
    text: str
    context: str | None = None
    source: Literal["text", "structured"] = "text"


def unescape_markdown(text: str) -> str:
    r"""Remove ClinicalTrials.gov API v2 Markdown escapes (``\<``, ``\>``, ``\[``, ``\*``)."""
    return _MARKDOWN_ESCAPE.sub(r"\1", text)


def _heading(line: str) -> tuple[CriterionType, str] | None:
    """If ``line`` is a section heading, its kind and the text after its colon."""
    stripped = line.strip()
    bullet = _BULLET.match(stripped)
    body = bullet.group("text") if bullet else stripped
    short = _SHORT_HEADING.match(body)
    if short:
        kind_s: CriterionType = (
            "inclusion" if short.group("kind").lower() == "inclusion" else "exclusion"
        )
        return kind_s, short.group("after").strip()
    m = _HEADING.match(body)
    if not m:
        return None
    head = m.group("head").lower()
    if "inclusion" in head and "exclusion" in head:
        return None
    has_colon = m.group("after") is not None
    # A bulleted or long line without a colon is a criterion that mentions criteria
    # ("* Patient meets the inclusion criteria for trial entry"), not a heading.
    if not has_colon and (
        bullet
        or len(head.split()) > 6
        or re.match(r"^\s*(?:patient|subject|participant)s?\s+(?:meet|fulfil)", head)
    ):
        return None
    if has_colon and bullet and bullet.group("mark")[0].isdigit():
        return None
    kind: CriterionType = "inclusion" if m.group("kind").lower() == "inclusion" else "exclusion"
    return kind, (m.group("after") or "").strip()


def split_sections(text: str) -> tuple[str, str]:
    """Split eligibility text into its inclusion and exclusion parts.

    Text before any heading counts as inclusion; with no heading at all, the whole text is
    inclusion (the registry's convention for lists of requirements).

    Returns:
        ``(inclusion_text, exclusion_text)``, headings removed.
    """
    parts: dict[CriterionType, list[str]] = {"inclusion": [], "exclusion": []}
    current: CriterionType = "inclusion"
    for line in _INLINE_HEADING.sub("\n", text).splitlines():
        head = _heading(line)
        if head is None:
            parts[current].append(line)
            continue
        current, after = head
        parts[current].append("")
        lead_in = after.endswith(":") or (
            re.search(r"\bfollowing\b", after, re.IGNORECASE) and not _INLINE_DASH.search(after)
        )
        if after and not lead_in:
            parts[current].append(after)
    return "\n".join(parts["inclusion"]).strip("\n"), "\n".join(parts["exclusion"]).strip("\n")


class _Item(BaseModel):
    text: str
    indent: int
    bulleted: bool
    parent: int | None = None


def _split_inline_numbers(text: str) -> list[str]:
    """Split ``"1) a 2) b"`` run-in numbered lists (markers must ascend)."""
    marks = list(_INLINE_NUMBER.finditer(text))
    numbers = [int(m.group(1)) for m in marks]
    if not marks or any(b <= a for a, b in zip(numbers, numbers[1:], strict=False)):
        return [text]
    # A single run-in marker counts only mid-text and past 1 ("... screening 5) are able").
    if len(marks) == 1 and (marks[0].start() == 0 or numbers[0] < 2):
        return [text]
    pieces = [text[: marks[0].start()]]
    for m, nxt in zip(marks, [*marks[1:], None], strict=False):
        pieces.append(text[m.end() : nxt.start() if nxt else len(text)])
    return [p for p in pieces if p.strip()]


def _items(section: str) -> list[_Item]:
    items: list[_Item] = []
    blank_before = True
    for raw in section.replace("\t", "    ").splitlines():
        if not raw.strip():
            blank_before = True
            continue
        if _heading(raw) is not None:
            blank_before = True
            continue
        m = _BULLET.match(raw)
        if m and m.group("text").strip():
            indent = len(m.group("indent"))
            items.append(_Item(text=m.group("text").strip(), indent=indent, bulleted=True))
        elif m:
            blank_before = False
            continue
        elif blank_before or not items:
            items.append(
                _Item(text=raw.strip(), indent=len(raw) - len(raw.lstrip()), bulleted=False)
            )
        else:
            items[-1].text += " " + raw.strip()
        blank_before = False
    # Parents: the nearest earlier item with a smaller indent (bullets), or an unbulleted
    # lead-in ending with ":" for the bullets after it.
    for i, item in enumerate(items):
        if not item.bulleted:
            continue
        for j in range(i - 1, -1, -1):
            prev = items[j]
            if not prev.bulleted:
                item.parent = j if prev.text.rstrip().endswith(":") else None
                break
            if prev.indent < item.indent:
                item.parent = j
                break
            if prev.indent == item.indent:
                item.parent = prev.parent
                break
    return items


def split_criteria(section: str, criterion_type: CriterionType) -> list[Criterion]:
    """Split one section (inclusion or exclusion text) into criteria.

    Lead-in lines that end with ":" and have sub-items become the ``context`` of those items,
    not criteria of their own; other parents are kept as criteria too (as TrialGPT does).

    Args:
        section: The section text, with or without its heading.
        criterion_type: Whether these are inclusion or exclusion criteria.
    """
    items = _items(unescape_markdown(section))
    has_children = {it.parent for it in items if it.parent is not None}
    out: list[Criterion] = []
    for i, item in enumerate(items):
        text = re.sub(r"\s+", " ", item.text).strip()
        if i in has_children and text.endswith(":"):
            continue
        if not item.bulleted and text.endswith(":") and i + 1 < len(items):
            continue  # a group heading such as "Medical and therapeutic criteria:"
        context = None
        if item.parent is not None:
            context = re.sub(r"\s+", " ", items[item.parent].text).strip().rstrip(":")
        pieces = _INLINE_DASH.split(text) if len(_INLINE_DASH.findall(text)) >= 2 else [text]
        for piece in (q for p in pieces for q in _split_inline_numbers(p)):
            piece = piece.strip(" ;")
            if len(piece) < 5 or _BOILERPLATE.search(piece):
                continue
            out.append(Criterion(type=criterion_type, index=len(out), text=piece, context=context))
    return out


def split_eligibility(text: str) -> tuple[list[Criterion], list[Criterion]]:
    """Split a whole eligibility text into inclusion and exclusion criteria."""
    inclusion, exclusion = split_sections(unescape_markdown(text))
    return split_criteria(inclusion, "inclusion"), split_criteria(exclusion, "exclusion")
