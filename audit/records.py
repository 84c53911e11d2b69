r"""What one audit record is, and how it is stored on one line of the log.

The log is a UTF-8 JSONL file: one record per line, each line the record's canonical JSON
(sorted keys, no spaces, ``ensure_ascii=False``) followed by ``\\n``. Records form a hash chain:

    hash = sha256(prev_hash + canonical_json(record without "hash"))

where ``prev_hash`` is the previous record's ``hash`` and, for the first record (seq 1), 64 zeros
(:data:`GENESIS_HASH`; there is no header record). ``seq`` counts records from 1 in file order,
so editing, deleting or reordering any record breaks either its own hash, the ``seq`` sequence
or the next record's ``prev_hash``.

Next to the log, ``<file>.head`` (the *anchor*) holds the seq and hash of the last record written,
as fixed-width JSON; it lets :func:`m3agent.audit.verify` notice a log truncated at a record
boundary, which the chain alone cannot (a shorter chain is still a valid chain).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, Literal, TypedDict

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticSerializationError, to_jsonable_python

#: ``prev_hash`` of the first record of every log.
GENESIS_HASH = "0" * 64

#: A sha256 digest as lowercase hex.
HEX64 = r"^[0-9a-f]{64}$"

#: ``ts`` format: UTC, microseconds, ``Z`` suffix (``2025-11-25T12:34:56.123456Z``).
#: ``TS_FORMAT`` writes it; ``datetime.fromisoformat`` (Python >= 3.11) reads it.
TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
_TS_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")

#: Width of the anchor file: it is always rewritten in place with exactly this many bytes, so a
#: reader never sees a half-old, half-new anchor of a different length.
ANCHOR_WIDTH = 160

Kind = Literal["tool", "model", "refusal", "server"]
Outcome = Literal["ok", "error"]

#: Kinds that answer a client's request and so must name the request and session.
_REQUEST_KINDS = frozenset({"tool", "model", "refusal"})


def utc_timestamp(moment: datetime | None = None) -> str:
    """Return ``moment`` (default: now) as the log's UTC ISO-8601 text with microseconds."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime(TS_FORMAT)


def parse_timestamp(text: str) -> datetime:
    """Parse an ISO-8601 timestamp; a value without a zone is taken as UTC.

    Args:
        text: For example ``2025-11-25``, ``2025-11-25T12:00``, ``2025-11-25T12:00:00+01:00``.

    Returns:
        An aware datetime in UTC.

    Raises:
        ValueError: If ``text`` is not ISO-8601.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"expected an ISO-8601 date or timestamp such as 2025-11-25 or "
            f"2025-11-25T12:00:00Z, found {text!r}"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def canonical_json(obj: Any, *, allow_nan: bool = False) -> bytes:
    """Serialise JSON-safe data canonically: sorted keys, no spaces, UTF-8, non-ASCII kept.

    Args:
        obj: Dicts, lists, strings, numbers, booleans and None only.
        allow_nan: Accept NaN and infinities (written as ``NaN``/``Infinity``, which are not
            standard JSON: allowed for hashing results, never for log lines).

    Raises:
        ValueError: On NaN/infinity (unless allowed) or text that is not valid Unicode.
        TypeError: On a value JSON cannot hold.
    """
    text = json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=allow_nan
    )
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # json.dumps lets lone surrogates through (e.g. from a "\ud800" escape); UTF-8 cannot.
        raise ValueError(f"text is not valid Unicode (a lone surrogate): {exc}") from None


def chain_hash(body: dict[str, Any]) -> str:
    """Return a record's hash: sha256 of its ``prev_hash`` + canonical JSON of ``body``.

    Args:
        body: The record as a dict without its ``hash`` key (``prev_hash`` included).
    """
    prev = body.get("prev_hash")
    if not isinstance(prev, str):
        raise ValueError(f"expected a string prev_hash in the record, found {prev!r}")
    return hashlib.sha256(prev.encode("utf-8") + canonical_json(body)).hexdigest()


def record_line(body: dict[str, Any]) -> tuple[str, bytes]:
    """Return a record's hash and its stored line, serialising the body only once.

    Equivalent to ``h = chain_hash(body)`` then ``canonical_json({**body, "hash": h})`` plus a
    newline (the tests check this), but about twice as fast: the keys sorting before ``"hash"`` and
    those after it are serialised as two halves, joined once without and once with the hash.

    Args:
        body: The record as a dict without its ``hash`` key (``prev_hash`` included).

    Raises:
        ValueError: On NaN/infinity or text that is not valid Unicode.
    """
    if "hash" in body:
        raise ValueError("the body must not contain 'hash' yet")
    before = canonical_json({k: v for k, v in body.items() if k < "hash"})[1:-1]
    after = canonical_json({k: v for k, v in body.items() if k > "hash"})[1:-1]
    unhashed = b"{" + b",".join(part for part in (before, after) if part) + b"}"
    digest = hashlib.sha256(str(body["prev_hash"]).encode("utf-8") + unhashed).hexdigest()
    hashed = b'"hash":"' + digest.encode("ascii") + b'"'
    return digest, b"{" + b",".join(p for p in (before, hashed, after) if p) + b"}\n"


def to_jsonable(obj: Any) -> Any:
    """Convert ``obj`` to JSON-safe data (pydantic models, dates, decimals, sets, tuples ...).

    Dates become ISO text, decimals text, bytes base64, sets sorted lists, tuples lists.

    Raises:
        TypeError: If ``obj`` holds a value with no JSON form.
    """
    try:
        return to_jsonable_python(obj, bytes_mode="base64")
    except PydanticSerializationError as exc:
        raise TypeError(f"value has no JSON form: {exc}") from None


def hash_result(obj: Any) -> str:
    """Return the sha256 hex digest of a tool or model result's canonical JSON.

    The result is first made JSON-safe with :func:`to_jsonable`; NaN and infinities are hashed
    as ``NaN``/``Infinity`` so that results holding them still get a stable digest.

    Args:
        obj: The result: a pydantic model, a dict, a list of rows, a string ...

    Raises:
        TypeError: If the result holds a value with no JSON form.
    """
    return hashlib.sha256(canonical_json(to_jsonable(obj), allow_nan=True)).hexdigest()


class AuditFieldsDict(TypedDict, total=False):
    """The keyword arguments of :meth:`m3agent.audit.AuditLog.append` (for type checkers)."""

    kind: Kind
    request_id: str | None
    session_id: str | None
    identity: str
    client_id: str | None
    tool: str
    arguments: dict[str, Any]
    outcome: Outcome
    error_class: str | None
    rows: int | None
    truncated: bool | None
    duration_ms: float
    result_hash: str | None
    extra: dict[str, Any]


class AuditFields(BaseModel):
    """What the caller of :meth:`AuditLog.append` states about one event.

    Attributes:
        kind: ``tool`` (an MCP tool call), ``model`` (an LLM call of the agent runtime),
            ``refusal`` (a call refused before it ran, e.g. by the SQL guard) or ``server``
            (server life-cycle and log maintenance events).
        request_id: The request's id; required for tool, model and refusal records.
        session_id: The client session's id; required for tool, model and refusal records.
        identity: Who asked: the OS user under stdio, the token subject over HTTP.
        client_id: The client application, when known.
        tool: The tool name (or the model name for ``model`` records).
        arguments: The call's arguments in full (SQL text included).
        outcome: ``ok`` or ``error``.
        error_class: The error's class name; required exactly when the outcome is ``error``.
        rows: Rows returned, for tools that return rows.
        truncated: Whether the returned rows were cut to a limit.
        duration_ms: Wall time of the call in milliseconds.
        result_hash: :func:`hash_result` of the result returned to the client.
        extra: Anything else: tokens, cost, prompt hash ...
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    request_id: str | None = None
    session_id: str | None = None
    identity: str = Field(min_length=1)
    client_id: str | None = None
    tool: str = Field(min_length=1)
    arguments: dict[str, Any] = Field(default_factory=dict)
    outcome: Outcome
    error_class: str | None = None
    rows: int | None = Field(default=None, ge=0)
    truncated: bool | None = None
    duration_ms: float = Field(ge=0, allow_inf_nan=False)
    result_hash: str | None = Field(default=None, pattern=HEX64)
    extra: dict[str, Any] = Field(default_factory=dict)

    @field_validator("request_id", "session_id", "client_id", mode="before")
    @classmethod
    def _id_text(cls, value: Any) -> Any:
        # JSON-RPC request ids may be integers; the log keeps every id as text.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("arguments", "extra", mode="before")
    @classmethod
    def _jsonable(cls, value: Any, info: ValidationInfo) -> Any:
        # Arguments may carry dates, decimals or models; the log stores their JSON form.
        # Records read back from a log are JSON already (and verify checks them byte for byte).
        if not isinstance(value, dict) or (info.context or {}).get("stored"):
            return value
        try:
            value = to_jsonable(value)
            # NaN/infinity are not JSON, and pydantic's JSON dump would turn them into null.
            canonical_json(value)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"cannot be stored as JSON: {exc}") from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> AuditFields:
        if self.kind in _REQUEST_KINDS:
            for name in ("request_id", "session_id"):
                if not getattr(self, name):
                    raise ValueError(
                        f"a {self.kind!r} record needs a non-empty {name}, found "
                        f"{getattr(self, name)!r}"
                    )
        if self.outcome == "error" and not self.error_class:
            raise ValueError("outcome 'error' needs error_class (the error's class name)")
        if self.outcome == "ok" and self.error_class is not None:
            raise ValueError(f"outcome 'ok' cannot carry error_class {self.error_class!r}")
        return self


class AuditRecord(AuditFields):
    """One line of the audit log: the caller's fields plus the chain fields.

    Attributes:
        seq: 1-based position of the record in the file.
        ts: When it was written: UTC ISO-8601 with microseconds (``...T12:34:56.123456Z``).
        prev_hash: The previous record's hash (64 zeros for seq 1).
        hash: sha256 of ``prev_hash`` + canonical JSON of this record without ``hash``.
    """

    seq: int = Field(ge=1)
    ts: str
    prev_hash: str = Field(pattern=HEX64)
    hash: str = Field(pattern=HEX64)

    @field_validator("ts")
    @classmethod
    def _utc_micro(cls, value: str) -> str:
        if not _TS_RE.match(value):
            raise ValueError(
                f"expected a UTC timestamp with microseconds like 2025-11-25T12:34:56.123456Z, "
                f"found {value!r}"
            )
        datetime.fromisoformat(value)  # rejects impossible dates such as month 13
        return value

    @property
    def timestamp(self) -> datetime:
        """``ts`` as an aware UTC datetime."""
        return datetime.fromisoformat(self.ts)

    def to_line(self) -> bytes:
        """Return the record as it is stored: canonical JSON and a newline."""
        return canonical_json(self.model_dump(mode="json")) + b"\n"


class AuditAnchor(BaseModel):
    """The content of ``<file>.head``: the last record written to the log.

    Attributes:
        seq: The last record's seq (0: the log was created empty).
        hash: The last record's hash (:data:`GENESIS_HASH` when ``seq`` is 0).
        ts: When the anchor was written.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    seq: int = Field(ge=0)
    hash: str = Field(pattern=HEX64)
    ts: str

    def to_bytes(self) -> bytes:
        """Return the fixed-width form written to the anchor file."""
        text = canonical_json(self.model_dump())
        if len(text) >= ANCHOR_WIDTH:
            raise ValueError(f"anchor longer than {ANCHOR_WIDTH} bytes: {text!r}")
        return text.ljust(ANCHOR_WIDTH - 1) + b"\n"

    @classmethod
    def from_bytes(cls, data: bytes) -> AuditAnchor:
        """Parse an anchor file's content.

        Raises:
            ValueError: If the content is not an anchor (with what was found).
        """
        try:
            return cls.model_validate_json(data.strip() or b"null", strict=True)
        except ValueError as exc:
            shown = data[:80]
            raise ValueError(
                f"expected an anchor like {{'seq': N, 'hash': ...}}, found {shown!r}: {exc}"
            ) from None


def anchor_path(log_path: Any) -> Any:
    """Return the anchor file next to a log: ``<file>.head`` (same type as ``log_path``)."""
    return log_path.with_name(log_path.name + ".head")


def lock_path(log_path: Any) -> Any:
    """Return the lock file next to a log: ``<file>.lock`` (same type as ``log_path``)."""
    return log_path.with_name(log_path.name + ".lock")


def parse_line(raw: bytes) -> dict[str, Any]:
    """Parse one stored line (without its newline) into a JSON object.

    Raises:
        ValueError: If the line is not UTF-8 JSON holding an object.
    """
    try:
        obj = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"the line is not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"the line is not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, found {type(obj).__name__}")
    return obj


def reverse_lines(fd: int, end: int, *, chunk: int = 65536) -> Iterator[tuple[int, bytes, bool]]:
    """Yield the lines of the file ``fd`` ending before byte ``end``, last line first.

    Reads backwards from ``end`` in chunks with ``os.pread``, so finding the last record of a
    large log costs about one record's size, never the whole file.

    Args:
        fd: An open file descriptor with read access.
        end: The byte offset to stop at (normally the file size).
        chunk: Read size in bytes.

    Yields:
        ``(offset, line, terminated)``: the line's start offset, its bytes without the newline,
        and whether a newline ended it (only the very last line can lack one: a torn write).
    """
    if end <= 0:
        return
    terminated = os.pread(fd, 1, end - 1) == b"\n"
    pos = end - 1 if terminated else end
    buf = b""
    while True:
        cut = buf.rfind(b"\n")
        while cut < 0 and pos > 0:
            size = min(chunk, pos)
            pos -= size
            buf = os.pread(fd, size, pos) + buf
            cut = buf.rfind(b"\n")
        if cut < 0:  # reached the start of the file: buf is the first line
            yield 0, buf, terminated
            return
        yield pos + cut + 1, buf[cut + 1 :], terminated
        terminated = True
        buf = buf[:cut]
