"""AuditLog: record fields, the hash chain, file modes, failures, crash recovery, concurrency."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
import threading
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import filelock
import pytest
import structlog
from pydantic import BaseModel

from m3agent.audit import (
    GENESIS_HASH,
    AuditLog,
    AuditRecord,
    AuditWriteError,
    chain_hash,
    default_audit_path,
    hash_result,
    read_records,
    verify,
)
from m3agent.audit.records import AuditAnchor, canonical_json, reverse_lines
from m3agent.tools.errors import ConfigError, M3AgentError


def fields(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict(
        kind="tool",
        request_id="req-1",
        session_id="sess-1",
        identity="alice",
        tool="execute_sql",
        arguments={"sql": "SELECT COUNT(*) FROM hosp.patients"},
        outcome="ok",
        rows=1,
        truncated=False,
        duration_ms=2.5,
    )
    base.update(over)
    return base


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "logs" / "audit.jsonl"


# -- records and the chain -------------------------------------------------------------------


def test_append_fills_chain_fields_and_writes_canonical_lines(log_path: Path) -> None:
    with AuditLog(log_path) as log:
        first = log.append(**fields(extra={"tokens": 12, "note": "é ✓"}))
        second = log.append(**fields(request_id="req-2", rows=None, truncated=None))
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    lines = log_path.read_bytes().splitlines()
    assert len(lines) == 2
    for line, record in zip(lines, (first, second), strict=True):
        obj = json.loads(line)
        # sorted keys, no spaces, non-ASCII kept as UTF-8
        assert line == canonical_json(obj)
        assert obj["hash"] == record.hash
        assert chain_hash({k: v for k, v in obj.items() if k != "hash"}) == record.hash
        assert AuditRecord.model_validate(obj, strict=True) == record
    assert "é ✓".encode() in lines[0]
    # ts: UTC with microseconds, not in the future
    assert first.ts.endswith("Z") and len(first.ts.split(".")[1]) == 7
    assert abs((datetime.now(UTC) - first.timestamp).total_seconds()) < 60


def test_hash_is_sha256_of_prev_hash_plus_canonical_body(log_path: Path) -> None:
    import hashlib

    with AuditLog(log_path) as log:
        rec = log.append(**fields())
    body = rec.model_dump(mode="json")
    del body["hash"]
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert rec.hash == hashlib.sha256((rec.prev_hash + text).encode("utf-8")).hexdigest()


def test_fields_are_validated_with_clear_errors(log_path: Path) -> None:
    with AuditLog(log_path) as log:
        cases = [
            (fields(request_id=None), "request_id"),
            (fields(session_id=""), "session_id"),
            (fields(outcome="error"), "error_class"),
            (fields(error_class="X"), "cannot carry error_class"),
            (fields(kind="query"), "kind"),
            (fields(outcome="fine"), "outcome"),
            (fields(duration_ms=-1), "duration_ms"),
            (fields(duration_ms=float("nan")), "duration_ms"),
            (fields(rows=-3), "rows"),
            (fields(result_hash="abc"), "result_hash"),
            (fields(identity=""), "identity"),
            (fields(colour="red"), "colour"),
            (fields(extra={"cost": float("nan")}), "JSON"),
            (fields(arguments={"sql": "SELECT '\ud800'"}), "Unicode"),
            (fields(arguments={"obj": object()}), "arguments"),
        ]
        for bad, needle in cases:
            with pytest.raises(AuditWriteError, match="audit record rejected") as info:
                log.append(**bad)
            assert needle in str(info.value), (needle, str(info.value))
        assert isinstance(info.value, M3AgentError)
        # nothing was written by the rejected calls
        assert log_path.read_bytes() == b""
        assert not Path(str(log_path) + ".head").exists()
        # JSON-RPC ids may be integers: kept as text
        assert log.append(**fields(request_id=7)).request_id == "7"
        # a server record needs no request or session
        rec = log.append(kind="server", identity="m3", tool="startup", outcome="ok", duration_ms=0)
        assert rec.seq == 2 and rec.duration_ms == 0.0


def test_arguments_are_stored_in_json_form(log_path: Path) -> None:
    class Params(BaseModel):
        limit: int

    with AuditLog(log_path) as log:
        rec = log.append(
            **fields(
                arguments={
                    "day": date(2100, 1, 2),
                    "dose": Decimal("1.50"),
                    "ids": (1, 2),
                    "params": Params(limit=5),
                }
            )
        )
    assert rec.arguments == {
        "day": "2100-01-02",
        "dose": "1.50",
        "ids": [1, 2],
        "params": {"limit": 5},
    }
    assert read_records(log_path)[0] == rec


def test_hash_result_is_canonical() -> None:
    class Row(BaseModel):
        a: int
        b: str

    assert hash_result({"a": 1, "b": "x"}) == hash_result({"b": "x", "a": 1})
    assert hash_result(Row(a=1, b="x")) == hash_result({"a": 1, "b": "x"})
    assert hash_result([1, 2]) == hash_result((1, 2))
    assert hash_result([1, 2]) != hash_result([2, 1])
    assert hash_result({"v": float("nan")}) != hash_result({"v": None})
    assert len(hash_result("text")) == 64
    with pytest.raises(TypeError, match="no JSON form"):
        hash_result(object())


def test_structlog_global_configuration_is_not_used(log_path: Path) -> None:
    def drop_everything(*_: Any) -> Any:
        raise structlog.DropEvent

    structlog.configure(processors=[drop_everything])
    try:
        with AuditLog(log_path) as log:
            rec = log.append(**fields())
        assert rec.seq == 1
        assert read_records(log_path) == [rec]
    finally:
        structlog.reset_defaults()


# -- files and modes -------------------------------------------------------------------------


def test_creates_folder_and_files_private(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "audit.jsonl"
    old = os.umask(0o022)
    try:
        with AuditLog(path) as log:
            log.append(**fields())
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(str(path) + ".head").stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(str(path) + ".lock").stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    anchor = AuditAnchor.from_bytes(Path(str(path) + ".head").read_bytes())
    assert anchor.seq == 1


def test_default_path_honours_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("M3AGENT_AUDIT_LOG", str(tmp_path / "x.jsonl"))
    assert default_audit_path() == tmp_path / "x.jsonl"
    monkeypatch.delenv("M3AGENT_AUDIT_LOG")
    assert default_audit_path().name == "audit.jsonl"
    assert "m3-agent" in str(default_audit_path())


def test_reopening_continues_the_chain(log_path: Path) -> None:
    with AuditLog(log_path) as log:
        a = log.append(**fields())
    with AuditLog(log_path) as log:
        b = log.append(**fields())
    assert (b.seq, b.prev_hash) == (2, a.hash)
    assert verify(log_path).ok


def test_two_instances_in_one_process_interleave(log_path: Path) -> None:
    one, two = AuditLog(log_path), AuditLog(log_path)
    try:
        for i in range(10):
            (one if i % 2 else two).append(**fields(request_id=f"r{i}"))
    finally:
        one.close()
        two.close()
    report = verify(log_path)
    assert report.ok and report.records == 10, report


def test_threads_share_one_log(log_path: Path) -> None:
    log = AuditLog(log_path)

    def work(n: int) -> None:
        for i in range(50):
            log.append(**fields(request_id=f"t{n}-{i}"))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    log.close()
    report = verify(log_path)
    assert report.ok and report.records == 200, report


# -- failures --------------------------------------------------------------------------------


def test_unwritable_path_raises_audit_write_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(AuditWriteError, match="cannot open the audit log") as info:
        AuditLog(blocker / "audit.jsonl")
    assert info.value.hint and "M3AGENT_AUDIT_LOG" in info.value.hint


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_raises_audit_write_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(AuditWriteError, match="Permission denied"):
            AuditLog(folder / "audit.jsonl")
    finally:
        folder.chmod(0o700)


def test_disk_full_raises_and_nothing_is_acknowledged(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("needs /dev/full")
    path = tmp_path / "audit.jsonl"
    path.symlink_to("/dev/full")  # every write fails with ENOSPC, as on a full disk
    with AuditLog(path) as log, pytest.raises(AuditWriteError, match="No space left") as info:
        log.append(**fields())
    assert "seq 1" in str(info.value)
    assert not Path(str(path) + ".head").exists()


def test_failed_write_is_rolled_back(log_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with AuditLog(log_path) as log:
        log.append(**fields())
        size = log_path.stat().st_size
        real_write = os.write

        def half_then_fail(fd: int, data: Any) -> int:
            if fd == log._fd:  # the log's descriptor only
                monkeypatch.setattr(os, "write", real_write)
                real_write(fd, bytes(data)[:20])
                raise OSError(28, "No space left on device")
            return real_write(fd, data)

        monkeypatch.setattr(os, "write", half_then_fail)
        with pytest.raises(AuditWriteError, match="could not write record seq 2"):
            log.append(**fields())
        assert log_path.stat().st_size == size  # the partial line was taken back
        rec = log.append(**fields())
    assert rec.seq == 2
    assert verify(log_path).ok


def test_lock_timeout_raises(log_path: Path) -> None:
    log = AuditLog(log_path, lock_timeout=0.2)
    holder = filelock.FileLock(str(log_path) + ".lock")
    with holder, pytest.raises(AuditWriteError, match=r"could not take the lock .* within 0.2 s"):
        log.append(**fields())
    assert log.append(**fields()).seq == 1
    log.close()


def test_bad_lock_timeout_and_closed_log(log_path: Path) -> None:
    for bad in (0, -1, float("inf"), "10"):
        with pytest.raises(ConfigError, match="lock_timeout"):
            AuditLog(log_path, lock_timeout=bad)  # type: ignore[arg-type]
    log = AuditLog(log_path)
    log.close()
    log.close()
    assert log.closed
    with pytest.raises(AuditWriteError, match="closed"):
        log.append(**fields())


# -- crash recovery and fail-closed ------------------------------------------------------------


def test_torn_tail_is_sealed_by_the_next_append(log_path: Path) -> None:
    with AuditLog(log_path) as log:
        for _ in range(3):
            log.append(**fields())
    with open(log_path, "ab") as fh:  # a writer killed mid-write
        fh.write(b'{"arguments":{"sql":"SELECT')
    assert verify(log_path).torn_tail
    with AuditLog(log_path) as log:
        rec = log.append(**fields(request_id="after-crash"))
    records = read_records(log_path)
    assert [r.seq for r in records] == [1, 2, 3, 4, 5]
    seal = records[3]
    assert seal.kind == "server" and seal.extra["event"] == "torn_tail_sealed"
    assert seal.extra["length"] == len(b'{"arguments":{"sql":"SELECT')
    assert seal.prev_hash == records[2].hash and rec.prev_hash == seal.hash
    report = verify(log_path)
    assert report.ok and report.records == 5, report
    assert any("torn write" in note for note in report.notes)


def test_torn_complete_record_without_newline_is_sealed(log_path: Path) -> None:
    head = Path(str(log_path) + ".head")
    with AuditLog(log_path) as log:
        log.append(**fields())
        anchor_before = head.read_bytes()
        log.append(**fields())
    # The crash cut exactly the final newline, before the anchor was updated.
    log_path.write_bytes(log_path.read_bytes()[:-1])
    head.write_bytes(anchor_before)
    with AuditLog(log_path) as log:
        rec = log.append(**fields())
    assert rec.seq == 3  # 1, a seal (2) over the unacknowledged record, then this one
    report = verify(log_path)
    assert report.ok and report.records == 3, report


def test_refuses_to_chain_onto_a_damaged_last_line(log_path: Path) -> None:
    with AuditLog(log_path) as log:
        log.append(**fields())
    with open(log_path, "ab") as fh:
        fh.write(b"garbage\n")
    with AuditLog(log_path) as log, pytest.raises(AuditWriteError, match="not an audit record"):
        log.append(**fields())


def test_refuses_to_append_over_a_truncation(log_path: Path) -> None:
    with AuditLog(log_path) as log:
        for _ in range(5):
            log.append(**fields())
        lines = log_path.read_bytes().splitlines(keepends=True)
        log_path.write_bytes(b"".join(lines[:3]))  # truncated behind the writer's back
        with pytest.raises(AuditWriteError, match="ends at seq 3.*anchor.*seq 5"):
            log.append(**fields())
    assert not verify(log_path).ok  # the evidence is still there


def test_refuses_when_log_deleted_but_anchor_kept(log_path: Path) -> None:
    with AuditLog(log_path) as log:
        log.append(**fields())
        log_path.unlink()
        with pytest.raises(AuditWriteError, match="ends at seq 0"):
            log.append(**fields())


def test_rotation_with_anchor_starts_a_new_chain(log_path: Path) -> None:
    with AuditLog(log_path) as log:
        log.append(**fields())
        log.append(**fields())
        archive = log_path.with_name("audit.1.jsonl")
        log_path.rename(archive)
        Path(str(log_path) + ".head").rename(str(archive) + ".head")
        rec = log.append(**fields())
    assert (rec.seq, rec.prev_hash) == (1, GENESIS_HASH)
    assert verify(archive).ok and verify(archive).records == 2
    assert verify(log_path).ok and verify(log_path).records == 1


def test_reverse_lines_finds_the_last_record_without_reading_everything(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"a" * 200_000 + b"\n" + b"last\n")
    fd = os.open(path, os.O_RDONLY)
    try:
        offset, line, terminated = next(reverse_lines(fd, path.stat().st_size, chunk=4096))
    finally:
        os.close(fd)
    assert (offset, line, terminated) == (200_001, b"last", True)


# -- many processes --------------------------------------------------------------------------


def _worker(path: str, worker: int, count: int) -> None:
    with AuditLog(Path(path), lock_timeout=60) as log:
        for i in range(count):
            log.append(**fields(request_id=f"{worker}-{i}", session_id=f"w{worker}"))


def test_eight_processes_append_one_valid_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_worker, args=(str(path), w, 200)) for w in range(8)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * 8
    report = verify(path)
    assert report.ok, report
    assert report.records == 1600 and report.anchor == "matched"
    records = read_records(path)
    assert [r.seq for r in records] == list(range(1, 1601))
    ids = [r.request_id for r in records]
    assert len(set(ids)) == 1600
    for w in range(8):  # each process's records appear in the order it wrote them
        mine = [int(str(r.request_id).split("-")[1]) for r in records if r.session_id == f"w{w}"]
        assert mine == list(range(200))
