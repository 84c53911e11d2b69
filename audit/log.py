"""The append side of the audit log: :class:`AuditLog`.

Each :meth:`AuditLog.append` goes through a private structlog logger (never the global structlog
configuration) whose processor chain is: validate the caller's fields, then chain and write the
record. The final processor, under an exclusive cross-process lock (``filelock.FileLock`` on
``<file>.lock``):

1. checks that the path still names the file it has open (the log may have been rotated) and,
   only if the file's size changed since its own last write, re-reads the last record's seq and
   hash from the file's tail (reading backwards, never the whole file) and the anchor;
2. appends one line (canonical JSON, see :mod:`m3agent.audit.records`), then ``fsync``;
3. rewrites the anchor ``<file>.head`` in place with the new seq and hash.

Crash handling. A writer killed mid-``write`` leaves a *torn* last line with no newline. The next
append does not chain onto it and does not delete it: it ends the fragment with a newline and
first writes a ``server`` record (``tool="audit"``, ``extra.event="torn_tail_sealed"``) giving the
fragment's byte offset, length and sha256, chained to the last complete record. ``verify``
accepts such a sealed fragment (and lists it in its notes); an unsealed torn line is an error.

Fail closed. If the last complete line is not a record, or the anchor says the log once held
more (or different) records than it now does, ``append`` refuses with :class:`AuditWriteError`
instead of starting a new chain over the evidence; a log rotated on purpose must be moved
together with its ``.head`` file.

Durability. The log is ``fsync``-ed on every append; the anchor is not (only its first write is):
after a power loss it may lag behind the log, which ``verify`` reports as a note, never ahead of
it, because it is written only after the log's ``fsync`` returned.
"""

from __future__ import annotations

import getpass
import hashlib
import math
import os
import threading
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple, Self, Unpack

import filelock
import platformdirs
import structlog
from pydantic import ValidationError
from structlog.typing import EventDict, WrappedLogger

from m3agent.audit.records import (
    ANCHOR_WIDTH,
    GENESIS_HASH,
    AuditAnchor,
    AuditFields,
    AuditFieldsDict,
    AuditRecord,
    anchor_path,
    lock_path,
    parse_line,
    record_line,
    reverse_lines,
    utc_timestamp,
)
from m3agent.tools.errors import ConfigError, M3AgentError

#: Environment variable that moves the default log.
AUDIT_LOG_ENV = "M3AGENT_AUDIT_LOG"

#: How often a writer waiting for the lock retries. filelock polls with sleeps rather than
#: blocking in flock; an append holds the lock for a few tenths of a millisecond, so filelock's
#: default 50 ms poll would leave the lock idle most of the time under contention.
LOCK_POLL_SECONDS = 0.0005

_HEX64_CHARS = frozenset("0123456789abcdef")


class AuditWriteError(M3AgentError):
    """An audit record could not be written; the audited call must fail instead of running."""

    code = "audit_write"


def default_audit_path() -> Path:
    """Return the audit log path: ``$M3AGENT_AUDIT_LOG`` or ``<user data dir>/audit.jsonl``.

    The user data dir is ``platformdirs.user_data_dir("m3-agent")``.
    """
    env = os.environ.get(AUDIT_LOG_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("m3-agent")) / "audit.jsonl"


def os_identity() -> str:
    """Return the OS user running this process (the identity of stdio clients).

    Falls back to ``uid:<n>`` where the user has no name (e.g. containers without /etc/passwd).
    """
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid:{os.getuid()}"


class _Tail(NamedTuple):
    """What the writer knows about the file after its last write (under the lock)."""

    dev: int
    ino: int
    size: int
    seq: int
    hash: str


class _AuditBoundLogger(structlog.BoundLoggerBase):
    """A private structlog bound logger with one method, ``audit``, that returns the record."""

    def audit(self, **fields: Any) -> Any:
        """Run the processor chain over ``fields`` and return the wrapped logger's answer."""
        return self._proxy_to_logger("msg", None, **fields)


def _short_validation_error(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "record"
        found = err.get("input")
        shown = repr(found) if not isinstance(found, dict) else "{...}"
        if len(shown) > 60:
            shown = shown[:57] + "..."
        parts.append(f"{where}: {err['msg']} (found {shown})")
    return "; ".join(parts)


class AuditLog:
    """An append-only, hash-chained JSONL audit log shared safely by several processes.

    Args:
        path: The log file. It and its folder are created if missing (file mode 0600, folder
            0700); ``<path>.lock`` and ``<path>.head`` are created next to it.
        lock_timeout: Seconds to wait for the cross-process lock before giving up.

    Raises:
        AuditWriteError: If the file cannot be created or opened for appending.
        ConfigError: If ``lock_timeout`` is not a positive number.

    Create one ``AuditLog`` per process (it keeps a file descriptor open); it is thread-safe.
    """

    def __init__(self, path: Path | str, *, lock_timeout: float = 10.0) -> None:
        if not (isinstance(lock_timeout, int | float) and math.isfinite(lock_timeout)) or (
            lock_timeout <= 0
        ):
            raise ConfigError(
                f"lock_timeout must be a positive number of seconds, found {lock_timeout!r}"
            )
        self.path = Path(path).expanduser().absolute()
        self.anchor_path = anchor_path(self.path)
        self.lock_timeout = float(lock_timeout)
        self._mutex = threading.Lock()
        self._fd: int | None = None
        self._fd_id: tuple[int, int] = (0, 0)
        self._pid = os.getpid()
        self._tail: _Tail | None = None
        self._identity = os_identity()
        self._open()
        self._lock = filelock.FileLock(
            lock_path(self.path),
            timeout=self.lock_timeout,
            mode=0o600,
            thread_local=False,
            poll_interval=LOCK_POLL_SECONDS,
        )
        self._logger = structlog.wrap_logger(
            structlog.ReturnLogger(),
            processors=[self._validate, self._chain_and_write],
            wrapper_class=_AuditBoundLogger,
            context_class=dict,
            cache_logger_on_first_use=True,
        )

    # -- public API --------------------------------------------------------------------------

    def append(self, **fields: Unpack[AuditFieldsDict]) -> AuditRecord:
        """Write one record and return it with ``seq``, ``ts``, ``prev_hash`` and ``hash`` filled.

        Args:
            **fields: The fields of :class:`~m3agent.audit.records.AuditFields`: ``kind``,
                ``identity``, ``tool``, ``outcome``, ``duration_ms`` are required;
                ``request_id`` and ``session_id`` are required for tool, model and refusal
                records; ``error_class`` exactly when ``outcome`` is ``"error"``.

        Returns:
            The record as written.

        Raises:
            AuditWriteError: If a field is invalid, the lock cannot be taken in time, the file
                cannot be written or synced (disk full, permissions), or the file's tail or
                anchor shows it was damaged or truncated. Nothing was acknowledged then: fail
                the audited call.
        """
        record: AuditRecord = self._logger.audit(**fields)
        return record

    def close(self) -> None:
        """Close the file; later appends raise :class:`AuditWriteError`. Safe to call twice."""
        with self._mutex:
            fd, self._fd = self._fd, None
            self._tail = None
            if fd is not None:
                with suppress(OSError):
                    os.close(fd)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._fd is None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"AuditLog({str(self.path)!r})"

    # -- structlog processors ----------------------------------------------------------------

    def _validate(self, _logger: WrappedLogger, _method: str, event_dict: EventDict) -> EventDict:
        """First processor: turn the keyword arguments into a validated body dict."""
        try:
            fields = AuditFields.model_validate(event_dict)
        except ValidationError as exc:
            raise AuditWriteError(
                f"audit record rejected: {_short_validation_error(exc)}",
                hint="pass the fields of m3agent.audit.AuditFields",
            ) from None
        body = fields.model_dump(mode="json")
        return {"body": body}

    def _chain_and_write(
        self, _logger: WrappedLogger, _method: str, event_dict: EventDict
    ) -> tuple[tuple[AuditRecord], dict[str, Any]]:
        """Chain the record to the file's tail and append it, under the lock (final processor)."""
        body: dict[str, Any] = event_dict["body"]
        with self._mutex:
            if self._fd is None:
                raise AuditWriteError(
                    f"audit log {self.path} is closed", hint="open a new AuditLog"
                )
            if os.getpid() != self._pid:  # forked: do not share the parent's descriptor
                self._pid = os.getpid()
                self._reopen()
            try:
                self._lock.acquire()
            except filelock.Timeout:
                raise AuditWriteError(
                    f"audit log {self.path}: could not take the lock {self._lock.lock_file} "
                    f"within {self.lock_timeout:g} s",
                    hint="another process holds it; raise lock_timeout or look for a stuck writer",
                ) from None
            except OSError as exc:
                raise AuditWriteError(
                    f"audit log {self.path}: cannot use the lock file: {exc}",
                    hint="check the folder's permissions and free space",
                ) from None
            try:
                record = self._append_locked(body)
            except OSError as exc:  # anything not already explained (stat, read, reopen ...)
                self._tail = None
                raise AuditWriteError(
                    f"audit log {self.path}: could not append: {exc}",
                    hint="check the file, its folder and free space",
                ) from None
            finally:
                try:
                    self._lock.release()
                except OSError as exc:
                    raise AuditWriteError(
                        f"audit log {self.path}: could not release the lock: {exc}"
                    ) from None
        return (record,), {}

    # -- under the lock ----------------------------------------------------------------------

    def _append_locked(self, body: dict[str, Any]) -> AuditRecord:
        tail, prefix = self._current_tail()
        seq = tail.seq + 1
        body = {**body, "seq": seq, "ts": utc_timestamp(), "prev_hash": tail.hash}
        try:
            body_hash, line = record_line(body)
        except ValueError as exc:  # e.g. a lone surrogate in a string field
            raise AuditWriteError(
                f"audit record rejected: it cannot be stored as JSON: {exc}",
                hint="arguments and extra must be plain JSON values",
            ) from None
        data = prefix + line
        self._write(data, tail, seq)
        self._tail = tail._replace(size=tail.size + len(data), seq=seq, hash=body_hash)
        self._write_anchor(AuditAnchor(seq=seq, hash=body_hash, ts=body["ts"]))
        return AuditRecord.model_construct(**body, hash=body_hash)

    def _current_tail(self) -> tuple[_Tail, bytes]:
        """Return the file's last seq and hash, and bytes to write first (a torn-tail seal)."""
        assert self._fd is not None
        try:
            st: os.stat_result | None = os.stat(self.path)
        except FileNotFoundError:
            st = None
        if st is None or (st.st_dev, st.st_ino) != self._fd_id:
            self._reopen()  # deleted or rotated since we opened it: follow the path
            assert self._fd is not None
            st = os.fstat(self._fd)
        elif self._tail is not None and st.st_size == self._tail.size:
            return self._tail, b""  # nobody wrote since our last append
        return self._read_tail(st.st_dev, st.st_ino, st.st_size)

    def _read_tail(self, dev: int, ino: int, size: int) -> tuple[_Tail, bytes]:
        assert self._fd is not None
        self._tail = None
        try:
            lines = reverse_lines(self._fd, size)
            last = next(lines, None)
            fragment: tuple[int, bytes] | None = None
            if last is not None and not last[2]:
                fragment = (last[0], last[1])
                last = next(lines, None)
        except OSError as exc:
            raise AuditWriteError(
                f"audit log {self.path}: cannot read its last record: {exc}",
                hint="check the file's permissions",
            ) from None
        seq, last_hash = 0, GENESIS_HASH
        if last is not None:
            seq, last_hash = self._parse_tail_record(last[0], last[1])
        self._check_anchor(seq, last_hash)
        tail = _Tail(dev, ino, size, seq, last_hash)
        if fragment is None:
            return tail, b""
        return self._seal(tail, *fragment)

    def _parse_tail_record(self, offset: int, raw: bytes) -> tuple[int, str]:
        try:
            obj = parse_line(raw)
            seq, last_hash = obj.get("seq"), obj.get("hash")
            if not (isinstance(seq, int) and not isinstance(seq, bool) and seq >= 1):
                raise ValueError(f"expected a positive integer seq, found {seq!r}")
            if not (
                isinstance(last_hash, str)
                and len(last_hash) == 64
                and set(last_hash) <= _HEX64_CHARS
            ):
                raise ValueError(f"expected a sha256 hex hash, found {last_hash!r}")
        except ValueError as exc:
            raise AuditWriteError(
                f"audit log {self.path}: the last line (at byte {offset}) is not an audit "
                f"record ({exc}); refusing to chain new records onto a damaged log",
                hint="run `m3-agent audit verify`; move the damaged log and its .head aside",
            ) from None
        return seq, last_hash

    def _check_anchor(self, seq: int, last_hash: str) -> None:
        try:
            with open(self.anchor_path, "rb") as fh:
                data = fh.read(ANCHOR_WIDTH * 4)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise AuditWriteError(
                f"audit log {self.path}: cannot read its anchor {self.anchor_path}: {exc}"
            ) from None
        try:
            anchor = AuditAnchor.from_bytes(data)
        except ValueError as exc:
            raise AuditWriteError(
                f"audit log {self.path}: its anchor {self.anchor_path} is unreadable: {exc}",
                hint="run `m3-agent audit verify`",
            ) from None
        if anchor.seq > seq or (anchor.seq == seq and anchor.hash != last_hash):
            what = f"ends at seq {seq}" if anchor.seq > seq else f"has a different record seq {seq}"
            raise AuditWriteError(
                f"audit log {self.path} {what}, but its anchor {self.anchor_path} records seq "
                f"{anchor.seq} with hash {anchor.hash[:16]}...: the log was truncated, replaced "
                f"or rewritten; refusing to append over the evidence",
                hint="run `m3-agent audit verify`; if the log was rotated on purpose, move its "
                ".head file with it",
            )

    def _seal(self, tail: _Tail, offset: int, fragment: bytes) -> tuple[_Tail, bytes]:
        """Build the bytes that end a torn fragment and record it in a chained server record."""
        body = AuditFields(
            kind="server",
            identity=self._identity,
            tool="audit",
            outcome="ok",
            duration_ms=0.0,
            extra={
                "event": "torn_tail_sealed",
                "offset": offset,
                "length": len(fragment),
                "sha256": hashlib.sha256(fragment).hexdigest(),
            },
        ).model_dump(mode="json")
        body.update(seq=tail.seq + 1, ts=utc_timestamp(), prev_hash=tail.hash)
        seal_hash, line = record_line(body)
        return tail._replace(seq=tail.seq + 1, hash=seal_hash), b"\n" + line

    def _write(self, data: bytes, tail: _Tail, seq: int) -> None:
        assert self._fd is not None
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self._fd, view) :]
            os.fsync(self._fd)
        except OSError as exc:
            self._tail = None
            # Nothing was acknowledged: take back a partial line so the file stays clean.
            with suppress(OSError):
                os.ftruncate(self._fd, tail.size)
            raise AuditWriteError(
                f"audit log {self.path}: could not write record seq {seq}: {exc}",
                hint="check free disk space and the file's permissions",
            ) from None

    def _write_anchor(self, anchor: AuditAnchor) -> None:
        data = anchor.to_bytes()
        try:
            fd = os.open(self.anchor_path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
            try:
                fresh = os.fstat(fd).st_size != ANCHOR_WIDTH
                if fresh:
                    os.fchmod(fd, 0o600)
                    os.ftruncate(fd, ANCHOR_WIDTH)
                os.pwrite(fd, data, 0)
                if fresh:  # later rewrites may lag after a power loss; a first one must not
                    os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            self._tail = None
            raise AuditWriteError(
                f"audit log {self.path}: record seq {anchor.seq} was written, but its anchor "
                f"{self.anchor_path} could not be updated: {exc}",
                hint="check the folder's permissions and free space",
            ) from None

    # -- opening ---------------------------------------------------------------------------

    def _open(self) -> None:
        path = self.path
        flags = os.O_RDWR | os.O_APPEND | os.O_CLOEXEC
        try:
            if not path.parent.is_dir():
                path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
            try:
                fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                fd = os.open(path, flags)
            else:
                os.fchmod(fd, 0o600)  # whatever the umask
                with suppress(OSError):  # make the new file's name durable too
                    dir_fd = os.open(path.parent, os.O_RDONLY)
                    try:
                        os.fsync(dir_fd)
                    finally:
                        os.close(dir_fd)
        except OSError as exc:
            raise AuditWriteError(
                f"cannot open the audit log {path} for appending: {exc}",
                hint=f"choose a writable path with {AUDIT_LOG_ENV}",
            ) from None
        st = os.fstat(fd)
        self._fd = fd
        self._fd_id = (st.st_dev, st.st_ino)
        self._tail = None

    def _reopen(self) -> None:
        if self._fd is not None:
            with suppress(OSError):
                os.close(self._fd)
            self._fd = None
        self._open()


__all__ = [
    "AUDIT_LOG_ENV",
    "AuditLog",
    "AuditWriteError",
    "default_audit_path",
    "os_identity",
]
