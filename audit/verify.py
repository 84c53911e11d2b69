"""Checking and reading an audit log: :func:`verify` and :func:`read_records`.

:func:`verify` reads the log once, front to back, and stops at the first record it cannot trust:

- a line whose hash does not match its content: the record was **edited**;
- a line holding the wrong ``seq``, or whose ``prev_hash`` is not the previous record's hash:
  a record was **deleted**, **inserted** or the records were **reordered**;
- a last line without a newline: a **torn** write (the writer crashed, or the file was cut
  mid-record), reported as ``torn_tail`` and never accepted;
- fewer records than the anchor ``<file>.head`` says were written, or a different hash at the
  anchor's seq: the file was **truncated** at a record boundary, or rewritten. Without the anchor
  such a truncation is indistinguishable from a shorter log; the report says when it is absent.

A torn fragment that a later writer *sealed* (see :mod:`m3agent.audit.log`) is not an error: the
report lists it in ``notes``. So is an anchor that lags behind the log (a writer crashed between
its append and the anchor update).

Limits: the chain and anchor detect accidental damage and edits by someone who does not rewrite
every later record and the anchor too. Against an adversary with write access to both files,
copy ``last_hash`` somewhere they cannot write (another host, a ticket) and compare later.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import filelock
from pydantic import BaseModel, Field, ValidationError

from m3agent.audit.records import (
    ANCHOR_WIDTH,
    GENESIS_HASH,
    AuditAnchor,
    AuditRecord,
    anchor_path,
    lock_path,
    parse_line,
    parse_timestamp,
    record_line,
    reverse_lines,
)
from m3agent.tools.errors import NotFoundError

AnchorStatus = Literal[
    "absent", "matched", "behind", "truncated", "mismatch", "unreadable", "unchecked"
]

#: Validation context for records read back from a log (skips the JSON-form conversion).
_STORED = {"stored": True}

#: Marker of a seal record; checked as bytes first so ordinary lines are not parsed twice.
_SEAL_EVENT = "torn_tail_sealed"


class VerifyReport(BaseModel):
    """The outcome of :func:`verify`.

    Attributes:
        path: The log checked.
        ok: Whether every record checked out (and the anchor, when present, agrees).
        records: Records verified intact, from the start of the file to the first problem
            (all of them when ``ok``).
        first_bad_seq: The seq at which the log stops being trustworthy: the altered, missing or
            misplaced record, or the first record missing at the end.
        first_bad_line: The 1-based line of the file where the problem was found.
        reason: What is wrong, in words.
        torn_tail: The file ends mid-record (no newline after the last line).
        anchor: How the log compares with ``<file>.head``: ``matched``, ``behind`` (the anchor
            lags the log: harmless), ``truncated``, ``mismatch``, ``unreadable``, ``absent``, or
            ``unchecked`` when an earlier problem stopped the check.
        anchor_seq: The seq the anchor records, when readable.
        last_hash: The hash of the last intact record (64 zeros for an empty log): keep a copy
            elsewhere to detect a later rewrite of the whole file.
        notes: Things worth knowing that are not errors (sealed torn writes, a lagging anchor,
            a missing anchor, a check made without the lock).
    """

    path: str
    ok: bool
    records: int = Field(ge=0)
    first_bad_seq: int | None = None
    first_bad_line: int | None = None
    reason: str | None = None
    torn_tail: bool = False
    anchor: AnchorStatus = "absent"
    anchor_seq: int | None = None
    last_hash: str = GENESIS_HASH
    notes: list[str] = Field(default_factory=list)


class _Problem(Exception):
    """Internal: the first untrustworthy line, raised out of the scan loop."""

    def __init__(self, reason: str, *, seq: int, line: int, torn: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.seq = seq
        self.line = line
        self.torn = torn


def _require_file(path: Path) -> None:
    if path.is_file():
        return
    if path.exists():
        raise NotFoundError(
            f"expected an audit log file at {path}, found a directory or special file"
        )
    anchor = anchor_path(path)
    hint = None
    if anchor.is_file():
        hint = (
            f"its anchor {anchor} still exists: the log was deleted or moved (move the "
            f".head file with it when rotating)"
        )
    raise NotFoundError(f"audit log not found: {path}", hint=hint)


def _snapshot(path: Path, lock_timeout: float, notes: list[str]) -> tuple[int, bytes | None]:
    """Return the log's size and the anchor's bytes, read consistently under the writers' lock.

    Without the lock (read-only folder, lock held too long) the anchor is read before the size,
    so a concurrent append can make the anchor lag, never lead; the notes say so.
    """
    lock = filelock.FileLock(lock_path(path), timeout=lock_timeout, mode=0o600, thread_local=False)
    try:
        with lock:
            return _read_anchor_then_size(path)
    except filelock.Timeout:
        notes.append(
            f"checked without the lock (not free within {lock_timeout:g} s): an "
            f"append in progress may show as a torn last line"
        )
    except OSError as exc:
        notes.append(
            f"checked without the lock ({exc.strerror or exc}): an append in "
            f"progress may show as a torn last line"
        )
    return _read_anchor_then_size(path)


def _read_anchor_then_size(path: Path) -> tuple[int, bytes | None]:
    try:
        with open(anchor_path(path), "rb") as fh:
            anchor = fh.read(ANCHOR_WIDTH * 4)
    except FileNotFoundError:
        anchor = None
    return path.stat().st_size, anchor


def iter_lines(path: Path, end: int | None = None) -> Iterator[tuple[int, int, bytes, bool]]:
    """Yield every line of a file up to byte ``end``, front to back.

    Args:
        path: The file.
        end: Stop at this byte offset (default: the current size).

    Yields:
        ``(line_no, offset, line, terminated)``: 1-based line number, start offset, the bytes
        without the newline, and whether a newline ended the line.
    """
    with open(path, "rb") as fh:
        limit = os.fstat(fh.fileno()).st_size if end is None else end
        offset = 0
        line_no = 0
        while offset < limit:
            raw = fh.readline(limit - offset)
            if not raw:
                return
            line_no += 1
            terminated = raw.endswith(b"\n")
            yield line_no, offset, raw[:-1] if terminated else raw, terminated
            offset += len(raw)


def _seal_covers(seal_raw: bytes, offset: int, fragment: bytes) -> bool:
    """Whether ``seal_raw`` is a seal record for the fragment at ``offset``."""
    if _SEAL_EVENT.encode() not in seal_raw:
        return False
    try:
        obj = parse_line(seal_raw)
    except ValueError:
        return False
    extra = obj.get("extra")
    return (
        obj.get("kind") == "server"
        and isinstance(extra, dict)
        and extra.get("event") == _SEAL_EVENT
        and extra.get("offset") == offset
        and extra.get("length") == len(fragment)
        and extra.get("sha256") == hashlib.sha256(fragment).hexdigest()
    )


def _check_record(raw: bytes, line_no: int, expected: int, prev: str) -> dict[str, Any]:
    """Return the parsed record at ``line_no`` if it is intact and in place, else raise."""
    try:
        obj = parse_line(raw)
    except ValueError as exc:
        raise _Problem(
            f"line {line_no} is not an audit record: {exc}", seq=expected, line=line_no
        ) from None
    stored = obj.get("seq")
    label = f"record at line {line_no} (seq {stored!r})"
    stored_hash = obj.get("hash")
    body = {k: v for k, v in obj.items() if k != "hash"}
    if not isinstance(body.get("prev_hash"), str):
        raise _Problem(f"{label} is malformed: it has no prev_hash", seq=expected, line=line_no)
    try:
        recomputed, canonical = record_line(body)  # the hash and the line as it should be
    except (ValueError, TypeError) as exc:
        raise _Problem(f"{label} is malformed: {exc}", seq=expected, line=line_no) from None
    if stored_hash != recomputed:
        raise _Problem(
            f"{label} was altered: its hash does not match its content (stored "
            f"{str(stored_hash)[:16]}..., recomputed {recomputed[:16]}...)",
            seq=expected,
            line=line_no,
        )
    try:
        AuditRecord.model_validate(obj, strict=True, context=_STORED)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "record"
        raise _Problem(
            f"{label} is malformed: {where}: {first['msg']}", seq=expected, line=line_no
        ) from None
    if canonical[:-1] != raw:
        raise _Problem(
            f"{label} is not in canonical form: the line was rewritten",
            seq=expected,
            line=line_no,
        )
    if stored != expected:
        raise _Problem(
            f"line {line_no} holds seq {stored} where seq {expected} was expected: a record was "
            f"deleted, inserted or records were reordered",
            seq=expected,
            line=line_no,
        )
    if obj["prev_hash"] != prev:
        raise _Problem(
            f"record seq {expected} at line {line_no} does not chain to the record before it: "
            f"its prev_hash {obj['prev_hash'][:16]}... is not {prev[:16]}... (a record was "
            f"removed, inserted or replaced)",
            seq=expected,
            line=line_no,
        )
    return obj


def verify(path: Path | str, *, lock_timeout: float = 10.0) -> VerifyReport:
    """Check an audit log's hash chain, sequence, last line and anchor.

    Args:
        path: The log file.
        lock_timeout: Seconds to wait for the writers' lock, taken only to read the file size
            and anchor consistently; past it, the check goes on without the lock (noted).

    Returns:
        The report; ``ok`` is False at the first record that cannot be trusted.

    Raises:
        NotFoundError: If the file does not exist.
    """
    path = Path(path).expanduser()
    _require_file(path)
    notes: list[str] = []
    size, anchor_bytes = _snapshot(path, lock_timeout, notes)

    expected, prev = 1, GENESIS_HASH
    hashes_at: dict[int, str] = {0: GENESIS_HASH}
    anchor: AuditAnchor | None = None
    anchor_error: str | None = None
    if anchor_bytes is not None:
        try:
            anchor = AuditAnchor.from_bytes(anchor_bytes)
        except ValueError as exc:
            anchor_error = str(exc)

    problem: _Problem | None = None
    last_line = 0
    lines = iter_lines(path, size)
    current = next(lines, None)
    while current is not None:
        line_no, offset, raw, terminated = current
        last_line = line_no
        following = next(lines, None)
        if following is not None and _seal_covers(following[2], offset, raw):
            notes.append(
                f"line {line_no}: a torn write ({len(raw)} bytes) from a crashed "
                f"writer, sealed by the next record"
            )
            current = following
            continue
        if not terminated:
            problem = _Problem(
                f"torn last line at line {line_no}: the file ends mid-record ({len(raw)} bytes "
                f"and no newline; a writer crashed or the file was cut)",
                seq=expected,
                line=line_no,
                torn=True,
            )
            break
        try:
            obj = _check_record(raw, line_no, expected, prev)
        except _Problem as exc:
            problem = exc
            break
        prev = obj["hash"]
        if anchor is not None and anchor.seq == expected:
            hashes_at[expected] = prev
        expected += 1
        current = following

    records = expected - 1
    report = VerifyReport(
        path=str(path), ok=problem is None, records=records, last_hash=prev, notes=notes
    )
    if problem is not None:
        report.first_bad_seq, report.first_bad_line = problem.seq, problem.line
        report.reason, report.torn_tail = problem.reason, problem.torn
    _check_anchor(report, anchor, anchor_error, hashes_at, problem, path, last_line + 1)
    return report


def _check_anchor(
    report: VerifyReport,
    anchor: AuditAnchor | None,
    error: str | None,
    hashes_at: dict[int, str],
    problem: _Problem | None,
    path: Path,
    next_line: int,
) -> None:
    """Compare the verified log with its anchor and update ``report`` in place.

    ``next_line`` is the line after the last one scanned, where a missing record would be.
    """
    where = anchor_path(path)
    if error is not None:
        report.anchor = "unreadable"
        if report.ok:
            report.ok = False
            report.reason = f"the anchor {where} is unreadable: {error}"
        return
    if anchor is None:
        report.anchor = "absent"
        report.notes.append(
            f"no anchor {where.name}: a truncation at a record boundary cannot be detected"
        )
        return
    report.anchor_seq = anchor.seq
    if problem is not None and not problem.torn:
        report.anchor = "unchecked"
        return
    records = report.records
    if anchor.seq > records:
        report.anchor = "truncated"
        if report.ok:
            report.ok = False
            report.first_bad_seq = records + 1
            report.first_bad_line = next_line
            report.reason = (
                f"the file ends after seq {records}, but its anchor {where.name} records seq "
                f"{anchor.seq}: records {records + 1}..{anchor.seq} are missing (the file was "
                f"truncated)"
            )
        return
    if hashes_at.get(anchor.seq) != anchor.hash:
        report.anchor = "mismatch"
        if report.ok:
            report.ok = False
            report.first_bad_seq = anchor.seq
            report.reason = (
                f"record seq {anchor.seq} differs from the one its anchor {where.name} recorded "
                f"(hash {anchor.hash[:16]}...): the log was rewritten from there on"
            )
        return
    if anchor.seq == records:
        report.anchor = "matched"
    else:
        report.anchor = "behind"
        report.notes.append(
            f"the anchor records seq {anchor.seq}, the log goes on to seq {records}: a writer "
            f"stopped between an append and its anchor update (harmless)"
        )


def _parse_since(since: datetime | str | None) -> datetime | None:
    if since is None or isinstance(since, datetime):
        if isinstance(since, datetime) and since.tzinfo is None:
            raise ValueError(f"since must be timezone-aware, found naive {since.isoformat()}")
        return since
    return parse_timestamp(since)


def _matches(record: AuditRecord, tool: str | None, since: datetime | None) -> bool:
    if tool is not None and record.tool != tool:
        return False
    return since is None or record.timestamp >= since


def _as_record(raw: bytes) -> AuditRecord | None:
    try:
        return AuditRecord.model_validate(parse_line(raw), strict=True, context=_STORED)
    except (ValueError, ValidationError):
        return None


def collect_records(
    path: Path | str,
    *,
    tail: int | None = None,
    tool: str | None = None,
    since: datetime | str | None = None,
) -> tuple[list[AuditRecord], int]:
    """Like :func:`read_records`, and also count the lines skipped as unreadable."""
    path = Path(path).expanduser()
    _require_file(path)
    if tail is not None and (isinstance(tail, bool) or not isinstance(tail, int) or tail < 0):
        raise ValueError(f"tail must be a non-negative whole number, found {tail!r}")
    when = _parse_since(since)
    found: list[AuditRecord] = []
    skipped = 0
    if tail is not None:
        if tail == 0:
            return [], 0
        with open(path, "rb") as fh:
            for _offset, raw, _terminated in reverse_lines(
                fh.fileno(), os.fstat(fh.fileno()).st_size
            ):
                record = _as_record(raw)
                if record is None:
                    skipped += 1
                elif _matches(record, tool, when):
                    found.append(record)
                    if len(found) == tail:
                        break
        found.reverse()
        return found, skipped
    for _line_no, _offset, raw, _terminated in iter_lines(path):
        record = _as_record(raw)
        if record is None:
            skipped += 1
        elif _matches(record, tool, when):
            found.append(record)
    return found, skipped


def read_records(
    path: Path | str,
    *,
    tail: int | None = None,
    tool: str | None = None,
    since: datetime | str | None = None,
) -> list[AuditRecord]:
    """Read records from a log, oldest first, without checking the chain (see :func:`verify`).

    Lines that are not records (a torn last line, damage) are skipped.

    Args:
        path: The log file.
        tail: Keep only the last ``tail`` matching records (read from the end of the file).
        tool: Keep only records of this tool (or model) name.
        since: Keep only records written at or after this moment: an aware datetime or ISO-8601
            text (text without a zone is taken as UTC).

    Raises:
        NotFoundError: If the file does not exist.
        ValueError: If ``tail`` is negative or ``since`` is not a valid timestamp.
    """
    return collect_records(path, tail=tail, tool=tool, since=since)[0]
