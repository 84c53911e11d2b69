"""The `m3-agent audit` commands, driven through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from m3agent.audit import AuditLog
from m3agent.audit.cli import app

runner = CliRunner()


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    path = tmp_path / "audit.jsonl"
    with AuditLog(path) as log:
        for i in range(1, 6):
            log.append(
                kind="tool",
                request_id=f"req-{i}",
                session_id="sess-1",
                identity="alice",
                tool="execute_sql" if i % 2 else "list_tables",
                arguments={"sql": f"SELECT {i}"},
                outcome="ok",
                rows=i,
                duration_ms=1.5,
            )
        log.append(
            kind="refusal",
            request_id="req-6",
            session_id="sess-1",
            identity="alice",
            tool="execute_sql",
            arguments={"sql": "DROP TABLE hosp.patients"},
            outcome="error",
            error_class="SQLValidationError",
            duration_ms=0.2,
        )
    return path


def test_verify_ok(log_path: Path) -> None:
    result = runner.invoke(app, ["verify", str(log_path)])
    assert result.exit_code == 0, result.output
    assert "OK: 6 records" in result.output
    assert "anchor matches" in result.output


def test_verify_json(log_path: Path) -> None:
    result = runner.invoke(app, ["verify", str(log_path), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["records"] == 6


def test_verify_tampered_exits_1(log_path: Path) -> None:
    lines = log_path.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].replace(b"SELECT 3", b"SELECT 4")
    log_path.write_bytes(b"".join(lines))
    result = runner.invoke(app, ["verify", str(log_path)])
    assert result.exit_code == 1
    assert "BAD" in result.output and "altered" in result.output
    assert "seq 3, line 3" in result.output


def test_verify_torn_exits_1(log_path: Path) -> None:
    with open(log_path, "ab") as fh:
        fh.write(b'{"arguments":')
    result = runner.invoke(app, ["verify", str(log_path)])
    assert result.exit_code == 1
    assert "torn last line at line 7" in result.output


def test_verify_missing_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["verify", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
    assert "audit log not found" in result.output


def test_verify_uses_env_default(log_path: Path) -> None:
    result = runner.invoke(app, ["verify"], env={"M3AGENT_AUDIT_LOG": str(log_path)})
    assert result.exit_code == 0, result.output
    assert "OK: 6 records" in result.output


def test_show_table(log_path: Path) -> None:
    result = runner.invoke(app, ["show", str(log_path)], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "list_tables" in result.output and "SQLValidationError" in result.output
    assert "DROP TABLE hosp.patients" in result.output


def test_show_json_with_filters(log_path: Path) -> None:
    result = runner.invoke(app, ["show", str(log_path), "--json", "--tool", "execute_sql"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["seq"] for r in records] == [1, 3, 5, 6]
    result = runner.invoke(app, ["show", str(log_path), "--json", "--tail", "2"])
    assert [json.loads(line)["seq"] for line in result.stdout.splitlines()] == [5, 6]
    result = runner.invoke(app, ["show", str(log_path), "--json", "--since", "2999-01-01"])
    assert result.exit_code == 0 and result.stdout == ""


def test_show_warns_about_unreadable_lines(log_path: Path) -> None:
    with open(log_path, "ab") as fh:
        fh.write(b"{torn")
    result = runner.invoke(app, ["show", str(log_path), "--json"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 6
    assert "1 line(s) are not readable records" in result.stderr


def test_show_bad_options_and_missing_file(log_path: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", str(log_path), "--since", "last tuesday"])
    assert result.exit_code == 2 and "ISO-8601" in result.output
    result = runner.invoke(app, ["show", str(log_path), "--tail", "-1"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["show", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2 and "audit log not found" in result.output


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "verify" in result.output and "show" in result.output
