"""The examples run as documented."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(demo_db, tmp_path):
    venv_bin = str(Path(sys.executable).parent)
    return dict(os.environ, M3AGENT_DB_MIMIC_IV_DEMO=str(demo_db),
                M3AGENT_AUDIT_LOG=str(tmp_path / "a.jsonl"), M3AGENT_DATA_DIR=str(tmp_path),
                PATH=venv_bin + os.pathsep + os.environ.get("PATH", ""))


def test_first_question(env):
    r = subprocess.run([sys.executable, str(REPO / "examples" / "first_question.py")], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Patient 10000032: F" in r.stdout
    assert "Medical Intensive Care Unit (MICU) | 29" in r.stdout


def test_claude_desktop_config_matches_the_generated_block(env):
    example = json.loads((REPO / "examples" / "claude_desktop_config.json").read_text())
    r = subprocess.run([str(Path(sys.executable).with_name("m3-agent")), "config",
                        "claude-desktop"], env=env, capture_output=True, text=True, timeout=60)
    generated = json.loads(r.stdout)
    assert example["mcpServers"]["m3-agent"]["args"] == generated["mcpServers"]["m3-agent"]["args"]
    assert generated["mcpServers"]["m3-agent"]["command"].endswith("m3-agent")


def test_claude_desktop_write_merges_and_keeps_other_servers(env, tmp_path):
    target = tmp_path / "claude.json"
    target.write_text(json.dumps({"mcpServers": {"other": {"command": "x"}}, "theme": "dark"}))
    m3 = str(Path(sys.executable).with_name("m3-agent"))
    r = subprocess.run([m3, "config", "claude-desktop", "--write", "--path", str(target)],
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    merged = json.loads(target.read_text())
    assert set(merged["mcpServers"]) == {"other", "m3-agent"} and merged["theme"] == "dark"
    target.write_text("{not json")
    r = subprocess.run([m3, "config", "claude-desktop", "--write", "--path", str(target)],
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "not valid JSON" in r.stderr
    assert target.read_text() == "{not json"


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is absent: no MCP Inspector")
def test_inspector_script(env):
    if not (REPO / ".npm-tools" / "node_modules" / ".bin" / "mcp-inspector").exists():
        pytest.fail("The MCP Inspector is not installed; run `make npm-tools`.")
    r = subprocess.run([str(REPO / "examples" / "inspector.sh"), "tools/call", "run_sql",
                        "sql=SELECT count(*) AS n FROM admissions"], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["structuredContent"]["rows"] == [[275]]
