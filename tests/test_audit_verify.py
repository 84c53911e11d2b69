"""verify() and read_records(): every kind of tampering is caught at the right seq."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from m3agent.audit import AuditLog, chain_hash, read_records, verify
from m3agent.audit.records import AuditAnchor, canonical_json, record_line
from m3agent.tools.errors import NotFoundError

N = 10


def fields(i: int, **over: Any) -> dict[str, Any]:
    base: dict[str, Any] = dict(
        kind="tool",
        request_id=f"req-{i}",
        session_id="sess-1",
        identity="alice",
        tool="execute_sql" if i % 2 else "list_tables",
        arguments={"sql": f"SELECT {i}"},
        outcome="ok",
        rows=i,
        truncated=False,
        duration_ms=1.25,
    )
    base.update(over)
    return base


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    path = tmp_path / "audit.jsonl"
    with AuditLog(path) as log:
        for i in range(1, N + 1):
            log.append(**fields(i))
    return path


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def write_lines(path: Path, lines: list[bytes]) -> None:
    path.write_bytes(b"".join(lines))


def rehash(obj: dict[str, Any]) -> bytes:
    """Re-serialise a record after an edit, with a fresh self-consistent hash."""
    body = {k: v for k, v in obj.items() if k != "hash"}
    obj = {**body, "hash": chain_hash(body)}
    return canonical_json(obj) + b"\n"


def test_clean_log_verifies(log_path: Path) -> None:
    report = verify(log_path)
    assert report.ok, report
    assert report.records == N
    assert report.anchor == "matched" and report.anchor_seq == N
    assert report.first_bad_seq is None and report.reason is None
    assert report.last_hash == read_records(log_path)[-1].hash
    assert report.notes == []


def test_empty_log_verifies(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    AuditLog(path).close()
    report = verify(path)
    assert report.ok and report.records == 0 and report.anchor == "absent"
    assert any("truncation" in n for n in report.notes)


def test_edited_field_is_caught_at_its_seq(log_path: Path) -> None:
    lines = lines_of(log_path)
    lines[3] = lines[3].replace(b'"rows":4', b'"rows":40')
    write_lines(log_path, lines)
    report = verify(log_path)
    assert not report.ok
    assert (report.first_bad_seq, report.first_bad_line) == (4, 4)
    assert "altered" in str(report.reason)
    assert report.records == 3


def test_edited_sql_is_caught(log_path: Path) -> None:
    lines = lines_of(log_path)
    lines[6] = lines[6].replace(b"SELECT 7", b"SELECT 8")
    write_lines(log_path, lines)
    report = verify(log_path)
    assert (report.ok, report.first_bad_seq) == (False, 7)


def test_edit_with_recomputed_own_hash_breaks_the_next_link(log_path: Path) -> None:
    lines = lines_of(log_path)
    obj = json.loads(lines[4])
    obj["identity"] = "mallory"
    lines[4] = rehash(obj)
    write_lines(log_path, lines)
    report = verify(log_path)
    assert not report.ok
    assert report.first_bad_seq == 6 and "does not chain" in str(report.reason)


def test_rewritten_last_record_is_caught_by_the_anchor(log_path: Path) -> None:
    lines = lines_of(log_path)
    obj = json.loads(lines[-1])
    obj["outcome"], obj["error_class"] = "error", "SQLExecutionError"
    lines[-1] = rehash(obj)
    write_lines(log_path, lines)
    report = verify(log_path)
    assert not report.ok
    assert report.anchor == "mismatch" and report.first_bad_seq == N


def test_deleted_record_is_caught(log_path: Path) -> None:
    lines = lines_of(log_path)
    del lines[4]  # seq 5
    write_lines(log_path, lines)
    report = verify(log_path)
    assert not report.ok
    assert (report.first_bad_seq, report.first_bad_line) == (5, 5)
    assert "holds seq 6 where seq 5 was expected" in str(report.reason)


def test_deleted_first_record_is_caught(log_path: Path) -> None:
    write_lines(log_path, lines_of(log_path)[1:])
    report = verify(log_path)
    assert (report.ok, report.first_bad_seq, report.first_bad_line) == (False, 1, 1)


def test_swapped_records_are_caught(log_path: Path) -> None:
    lines = lines_of(log_path)
    lines[6], lines[7] = lines[7], lines[6]  # seq 7 and 8
    write_lines(log_path, lines)
    report = verify(log_path)
    assert not report.ok
    assert (report.first_bad_seq, report.first_bad_line) == (7, 7)


def test_duplicated_record_is_caught(log_path: Path) -> None:
    lines = lines_of(log_path)
    lines.insert(3, lines[2])
    write_lines(log_path, lines)
    report = verify(log_path)
    assert (report.ok, report.first_bad_seq, report.first_bad_line) == (False, 4, 4)


def test_renumbered_deletion_is_caught_by_the_chain(log_path: Path) -> None:
    lines = lines_of(log_path)
    del lines[4]
    for idx in range(4, len(lines)):  # renumber the rest, each self-consistent
        obj = json.loads(lines[idx])
        obj["seq"] = idx + 1
        lines[idx] = rehash(obj)
    write_lines(log_path, lines)
    report = verify(log_path)
    assert (report.ok, report.first_bad_seq) == (False, 5)
    assert "does not chain" in str(report.reason)


def test_truncation_at_record_boundary_is_caught_by_the_anchor(log_path: Path) -> None:
    write_lines(log_path, lines_of(log_path)[:7])
    report = verify(log_path)
    assert not report.ok
    assert report.anchor == "truncated" and report.anchor_seq == N
    assert (report.first_bad_seq, report.first_bad_line) == (8, 8)
    assert "records 8..10 are missing" in str(report.reason)
    assert report.records == 7 and not report.torn_tail


def test_truncation_without_anchor_passes_but_says_so(log_path: Path) -> None:
    write_lines(log_path, lines_of(log_path)[:7])
    Path(str(log_path) + ".head").unlink()
    report = verify(log_path)
    assert report.ok and report.records == 7
    assert report.anchor == "absent"
    assert any("truncation at a record boundary cannot be detected" in n for n in report.notes)


def test_truncation_mid_line_is_a_torn_tail(log_path: Path) -> None:
    data = log_path.read_bytes()
    lines = lines_of(log_path)
    cut = sum(len(x) for x in lines[:7]) + len(lines[7]) // 2  # half of seq 8
    log_path.write_bytes(data[:cut])
    report = verify(log_path)
    assert not report.ok and report.torn_tail
    assert (report.first_bad_seq, report.first_bad_line) == (8, 8)
    assert str(report.reason).startswith("torn last line at line 8: the file ends mid-record")
    assert report.records == 7


def test_anchor_lagging_behind_is_only_a_note(log_path: Path) -> None:
    records = read_records(log_path)
    stale = AuditAnchor(seq=8, hash=records[7].hash, ts=records[7].ts)
    Path(str(log_path) + ".head").write_bytes(stale.to_bytes())
    report = verify(log_path)
    assert report.ok and report.anchor == "behind"
    assert any("anchor records seq 8" in n for n in report.notes)


def test_anchor_lagging_with_wrong_hash_is_caught(log_path: Path) -> None:
    records = read_records(log_path)
    forged = AuditAnchor(seq=8, hash=records[6].hash, ts=records[7].ts)
    Path(str(log_path) + ".head").write_bytes(forged.to_bytes())
    report = verify(log_path)
    assert (report.ok, report.anchor, report.first_bad_seq) == (False, "mismatch", 8)


def test_unreadable_anchor_is_caught(log_path: Path) -> None:
    Path(str(log_path) + ".head").write_bytes(b"\x00" * 160)
    report = verify(log_path)
    assert not report.ok and report.anchor == "unreadable"
    assert "anchor" in str(report.reason)


def test_non_canonical_rewrite_is_caught(log_path: Path) -> None:
    lines = lines_of(log_path)
    obj = json.loads(lines[2])
    lines[2] = json.dumps(obj, indent=None).encode() + b"\n"  # same content, other spacing
    write_lines(log_path, lines)
    report = verify(log_path)
    assert (report.ok, report.first_bad_seq) == (False, 3)
    assert "canonical" in str(report.reason)


def test_malformed_but_self_consistent_record_is_caught(log_path: Path) -> None:
    lines = lines_of(log_path)
    obj = json.loads(lines[1])
    obj["outcome"] = "maybe"
    lines[1] = rehash(obj)
    write_lines(log_path, lines)
    report = verify(log_path)
    assert (report.ok, report.first_bad_seq) == (False, 2)
    assert "malformed" in str(report.reason) and "outcome" in str(report.reason)


def test_garbage_line_is_caught(log_path: Path) -> None:
    lines = lines_of(log_path)
    lines.insert(5, b"not json at all\n")
    write_lines(log_path, lines)
    report = verify(log_path)
    assert (report.ok, report.first_bad_seq, report.first_bad_line) == (False, 6, 6)
    assert "not an audit record" in str(report.reason)


def test_missing_file_raises_not_found(tmp_path: Path, log_path: Path) -> None:
    with pytest.raises(NotFoundError, match="audit log not found"):
        verify(tmp_path / "nope.jsonl")
    with pytest.raises(NotFoundError, match="directory"):
        verify(tmp_path)
    log_path.unlink()
    with pytest.raises(NotFoundError) as info:
        verify(log_path)
    assert info.value.hint and "anchor" in info.value.hint


def test_verify_without_a_usable_lock_still_checks(log_path: Path) -> None:
    lock = Path(str(log_path) + ".lock")
    lock.unlink(missing_ok=True)
    lock.mkdir()  # the lock path cannot be opened as a file
    report = verify(log_path, lock_timeout=0.2)
    assert report.ok and report.records == N
    assert any("without the lock" in n for n in report.notes)


# -- read_records ----------------------------------------------------------------------------


def test_read_records_filters(log_path: Path) -> None:
    every = read_records(log_path)
    assert [r.seq for r in every] == list(range(1, N + 1))
    assert [r.seq for r in read_records(log_path, tail=3)] == [8, 9, 10]
    assert [r.seq for r in read_records(log_path, tool="execute_sql")] == [1, 3, 5, 7, 9]
    assert [r.seq for r in read_records(log_path, tool="execute_sql", tail=2)] == [7, 9]
    assert read_records(log_path, tail=0) == []
    assert read_records(log_path, tool="nope") == []
    future = datetime.now(UTC) + timedelta(days=1)
    assert read_records(log_path, since=future) == []
    assert len(read_records(log_path, since=every[4].ts)) == N - 4
    assert len(read_records(log_path, since=every[4].timestamp)) == N - 4
    assert len(read_records(log_path, since="2000-01-01")) == N


def test_read_records_rejects_bad_arguments(log_path: Path) -> None:
    with pytest.raises(ValueError, match="tail"):
        read_records(log_path, tail=-1)
    with pytest.raises(ValueError, match="ISO-8601"):
        read_records(log_path, since="yesterday")
    with pytest.raises(ValueError, match="timezone-aware"):
        read_records(log_path, since=datetime(2020, 1, 1))


def test_read_records_skips_a_torn_tail(log_path: Path) -> None:
    with open(log_path, "ab") as fh:
        fh.write(b'{"argu')
    assert len(read_records(log_path)) == N
    assert [r.seq for r in read_records(log_path, tail=2)] == [9, 10]


# -- the fast line writer equals the plain definition ----------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None)
@given(body=st.dictionaries(st.text(min_size=1), json_values, max_size=8), prev=st.text())
def test_record_line_matches_chain_hash_and_canonical_json(body: dict[str, Any], prev: str) -> None:
    body.pop("hash", None)
    body["prev_hash"] = prev
    try:
        expected_hash = chain_hash(body)
    except ValueError:  # lone surrogates: both must refuse
        with pytest.raises(ValueError):
            record_line(body)
        return
    digest, line = record_line(body)
    assert digest == expected_hash
    assert line == canonical_json({**body, "hash": expected_hash}) + b"\n"
