"""``m3-agent ask`` through typer's CliRunner: output, JSON, exit codes, clear errors."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from m3agent.agents.cli import app, exit_code
from m3agent.agents.scripted import call, final
from m3agent.audit import read_records

runner = CliRunner()

# litellm's TypedDicts make pydantic warn; nothing to do with the code under test
pytestmark = pytest.mark.filterwarnings("ignore:.*ReadOnly. qualifier:UserWarning")


@pytest.fixture
def env(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("M3AGENT_DB_MIMIC_IV_DEMO", str(demo_db))
    monkeypatch.setenv("M3AGENT_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    monkeypatch.setenv("M3AGENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("M3AGENT_MODEL", raising=False)
    monkeypatch.delenv("M3AGENT_API_BASE", raising=False)
    return tmp_path


def script(tmp: Path, replies: list, name: str = "script.json") -> str:
    path = tmp / name
    path.write_text(json.dumps(replies), encoding="utf-8")
    return f"scripted:{path}"


GENDER_SQL = "SELECT gender, count(*) AS n FROM patients GROUP BY 1 ORDER BY 1"


def test_answer_with_citations_and_streamed_steps(env):
    model = script(
        env,
        [
            call("run_sql", {"sql": GENDER_SQL}),
            final("43 female and 57 male patients.", value=[["F", 43], ["M", 57]]),
        ],
    )
    r = runner.invoke(app, ["How many patients of each gender?", "--model", model])
    assert r.exit_code == 0, r.output
    assert "43 female and 57 male patients." in r.stdout
    assert "mimiciv_hosp.patients" in r.stdout  # the SQL as run, cited
    assert "→ run_sql" in r.stderr and "characters in" in r.stderr
    run_id = read_records(env / "audit.jsonl", tool="scripted:script.json")[0].request_id
    assert f"run {run_id}" in r.stdout


def test_json_output_and_show_steps(env):
    model = script(env, [call("run_sql", {"sql": GENDER_SQL}), final("done", value=2)])
    r = runner.invoke(app, ["q", "--model", model, "--json"])
    assert r.exit_code == 0 and r.stderr == ""
    answer = json.loads(r.stdout)
    assert answer["status"] == "answered" and answer["value"] == 2
    assert answer["citations"][0]["rows"] == [["F", 43], ["M", 57]]
    r = runner.invoke(app, ["q", "--model", model, "--json", "--show-steps"])
    payload = json.loads(r.stdout)
    assert [s["kind"] for s in payload["steps"]] == [
        "model",
        "tool_call",
        "observation",
        "model",
        "final_answer",
    ]


def test_default_model_from_the_environment(env, monkeypatch):
    monkeypatch.setenv("M3AGENT_MODEL", script(env, ["Forty-two."]))
    r = runner.invoke(app, ["q"])
    assert r.exit_code == 0 and "Forty-two." in r.stdout


def test_abstention_and_needs_information_exit_3(env):
    r = runner.invoke(
        app,
        [
            "favourite colour?",
            "--model",
            script(env, [call("abstain", {"reason": "Not recorded."})]),
        ],
    )
    assert r.exit_code == 3 and "Abstained" in r.stdout and "Not recorded." in r.stdout
    # stdin is not a terminal here: the question comes back instead of a prompt
    r = runner.invoke(
        app,
        [
            "last creatinine?",
            "--strategy",
            "ask",
            "--json",
            "--model",
            script(env, [call("ask_user", {"question": "Which patient?"})]),
        ],
    )
    assert r.exit_code == 3
    out = json.loads(r.stdout)
    assert out["status"] == "needs_information" and out["question"] == "Which patient?"


def test_budget_exhausted_exits_1(env):
    model = script(
        env,
        [call("run_sql", {"sql": "SELECT 1 AS one"}), call("run_sql", {"sql": "SELECT 2 AS two"})],
    )
    r = runner.invoke(app, ["q", "--model", model, "--max-steps", "1"])
    assert r.exit_code == 1 and "Budget exhausted" in r.stdout
    assert "step budget (1 steps)" in r.stdout


def test_no_model_configured_is_a_usage_error(env):
    r = runner.invoke(app, ["q"])
    assert r.exit_code == 2
    assert "M3AGENT_MODEL" in r.stderr and "--model" in r.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--strategy", "guess"], "--strategy must be one of react, rar, ask"),
        (["--server", "http://x/mcp", "--server-cmd", "m3-agent serve"], "found both"),
        (["--server", "ftp://x"], "http(s) URL"),
        (["--strategy", "ask", "--likert", "--threshold", "7"], "within 1..5"),
        (["--max-steps", "0"], "max_steps"),
        (["--model", "scripted:/no/such/file.json"], "not found"),
    ],
)
def test_bad_usage_exits_2(env, args, message):
    model = [] if "--model" in args else ["--model", script(env, ["x"])]
    r = runner.invoke(app, ["q", *model, *args])
    assert r.exit_code == 2, r.output
    assert message in r.stderr


def test_bad_usage_as_json(env):
    r = runner.invoke(app, ["q", "--json"])
    assert r.exit_code == 2 and json.loads(r.stdout)["error"] == "ConfigError"


def test_unreachable_server_exits_1(env):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = runner.invoke(
        app, ["q", "--model", script(env, ["x"]), "--server", f"http://127.0.0.1:{port}/mcp"]
    )
    assert r.exit_code == 1 and "Could not connect to the MCP server" in r.stderr
    assert "--server" in r.stderr


def test_missing_api_key_names_the_variable(env, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    r = runner.invoke(app, ["q", "--model", "openai/gpt-4o-mini"])
    assert r.exit_code == 1 and "OPENAI_API_KEY" in r.stderr


@pytest.mark.parametrize(
    ("status", "code"),
    [
        ("answered", 0),
        ("abstained", 3),
        ("needs_information", 3),
        ("budget_exhausted", 1),
        ("failed", 1),
    ],
)
def test_exit_codes(status, code):
    assert exit_code(status) == code
