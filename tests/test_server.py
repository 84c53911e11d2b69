"""Every MCP tool through the SDK's in-memory Client, good and bad inputs, and the audit trail."""

from __future__ import annotations

import json
from pathlib import Path

import anyio
import pytest
from mcp import Client

from m3agent.audit import read_records, verify
from m3agent.server.app import build_server
from m3agent.server.settings import ServerSettings
from m3agent.tools.sql.engine import EngineSettings


def _settings(demo_db: Path, audit: Path, ehrsql_db: Path | None = None) -> ServerSettings:
    paths = {"mimic-iv-demo": demo_db}
    if ehrsql_db:
        paths["ehrsql"] = ehrsql_db
    return ServerSettings(engine=EngineSettings(db_paths=paths), audit_path=audit,
                          identity="tester")


def run(coro_fn):
    return anyio.run(coro_fn)


@pytest.fixture
def audit_path(tmp_path: Path) -> Path:
    return tmp_path / "audit.jsonl"


@pytest.fixture
def call(demo_db, audit_path):
    """call(tool, args) -> CallToolResult, through a fresh in-memory client."""

    def _call(tool: str, args: dict):
        async def go():
            async with Client(build_server(_settings(demo_db, audit_path))) as c:
                return await c.call_tool(tool, args)

        return run(go)

    return _call


def test_tools_are_listed_read_only_with_output_schemas(demo_db, audit_path):
    async def go():
        async with Client(build_server(_settings(demo_db, audit_path))) as c:
            return (await c.list_tools()).tools

    tools = run(go)
    names = {t.name for t in tools}
    assert {"list_datasets", "list_tables", "describe_table", "search_concepts", "run_sql",
            "patient_overview", "get_lab_results", "get_vitals", "get_medications",
            "get_diagnoses", "search_calculators", "calculator_info", "calculate"} <= names
    for t in tools:
        assert t.annotations.read_only_hint is True, t.name
        assert t.annotations.destructive_hint is False, t.name
        assert t.output_schema is not None, t.name
        assert t.description and t.title, t.name


@pytest.mark.parametrize(("tool", "args", "check"), [
    ("list_datasets", {}, lambda s: any(d["name"] == "mimic-iv-demo" and d["installed"]
                                        for d in s["datasets"])),
    ("list_tables", {}, lambda s: len(s["tables"]) == 31),
    ("list_tables", {"schema": "icu"}, lambda s: len(s["tables"]) == 9),
    ("describe_table", {"table": "labevents"},
     lambda s: s["table"] == "mimiciv_hosp.labevents" and s["row_count"] == 107727
     and any(c["name"] == "valuenum" for c in s["columns"]) and len(s["sample_rows"]) == 3),
    ("search_concepts", {"text": "lactate", "kind": "lab"},
     lambda s: s["concepts"][0]["code"] == "50813" and s["concepts"][0]["unit"] == "mmol/L"),
    ("search_concepts", {"text": "heart rate"},
     lambda s: s["concepts"][0]["code"] == "220045"),
    ("run_sql", {"sql": "SELECT count(*) AS n FROM patients"},
     lambda s: s["rows"] == [[100]] and s["columns"] == ["n"] and not s["truncated"]),
    ("run_sql", {"sql": "SELECT subject_id FROM patients", "max_rows": 5},
     lambda s: s["row_count"] == 5 and s["truncated"]),
    ("run_sql", {"sql": "SELECT count(*) FROM `physionet-data.mimiciv_3_1_hosp.admissions`",
                 "dialect": "bigquery"}, lambda s: s["rows"] == [[275]]),
    ("patient_overview", {"subject_id": 10000032},
     lambda s: s["demographics"]["gender"] == "F" and len(s["admissions"]["rows"]) == 4),
    ("get_lab_results", {"subject_id": 10000032, "itemid": 50912},
     lambda s: s["rows"] and all(r[1] == 50912 for r in s["rows"])),
    ("get_lab_results", {"subject_id": 10000032, "concept": "lactate"},
     lambda s: s["rows"] and all(r[2] == "Lactate" for r in s["rows"])),
    ("get_vitals", {"subject_id": 10000032, "limit": 5}, lambda s: len(s["rows"]) == 5),
    ("get_medications", {"subject_id": 10000032}, lambda s: len(s["rows"]) > 0),
    ("get_diagnoses", {"subject_id": 10000032}, lambda s: len(s["rows"]) > 0),
    ("search_calculators", {"query": "body mass index"},
     lambda s: s["calculators"][0]["id"] == "bmi"),
    ("calculator_info", {"calculator": "BMI"},
     lambda s: "weight" in s["input_schema"]["properties"] and s["source"]),
    ("calculate", {"calculator": "bmi", "inputs": {"weight": [154, "lb"], "height": 175}},
     lambda s: abs(s["value"] - 22.81) < 0.01 and s["unit"] == "kg/m²"),
])
def test_tool_good_inputs(call, tool, args, check):
    r = call(tool, args)
    assert not r.is_error, r.content[0].text
    assert check(r.structured_content), r.structured_content


@pytest.mark.parametrize(("tool", "args", "expect"), [
    ("run_sql", {"sql": "COPY patients TO '/tmp/x.csv'"}, "read_only_statement"),
    ("run_sql", {"sql": "SELECT * FROM read_csv('/etc/passwd')"}, "no_table_functions"),
    ("run_sql", {"sql": "SELECT * FROM patiens"}, "mimiciv_hosp.patients"),
    ("run_sql", {"sql": "SELECT nope FROM patients"}, "describe_table"),
    ("run_sql", {"sql": 42}, "valid string"),
    ("run_sql", {"sql": "SELECT 1", "max_rows": 0}, "greater than or equal to 1"),
    ("run_sql", {"sql": "SELECT 1", "dialect": "oracle"}, "duckdb"),
    ("run_sql", {"sql": "SELECT 1", "dataset": "nope"}, "Unknown dataset"),
    ("run_sql", {"sql": "SELECT 1", "unknown_arg": 1}, "unknown_arg"),
    ("run_sql", {}, "sql"),
    ("describe_table", {"table": "admisions"}, "mimiciv_hosp.admissions"),
    ("list_tables", {"schema": "nope"}, "Unknown schema"),
    ("patient_overview", {"subject_id": 1}, "No patient with subject_id 1"),
    ("patient_overview", {"subject_id": -5}, "greater than 0"),
    ("patient_overview", {"subject_id": "abc"}, "valid integer"),
    ("get_lab_results", {"subject_id": 10000032, "start": "yesterday"}, "ISO date"),
    ("get_lab_results", {"subject_id": 10000032, "concept": "zzzzqqq"}, "search_concepts"),
    ("search_concepts", {"text": ""}, "Expected search words"),
    ("search_concepts", {"text": "x", "kind": "gene"}, "Input should be"),
    ("calculator_info", {"calculator": "bmx index"}, "Closest"),
    ("calculate", {"calculator": "bmi", "inputs": {"weight": 70}}, "'height' is required"),
    ("calculate", {"calculator": "bmi", "inputs": {"weight": [70, "stone"], "height": 170}},
     "stone"),
    ("calculate", {"calculator": "bmi", "inputs": {"weight": 7000, "height": 170}},
     "less than or equal"),
])
def test_tool_bad_inputs_are_tool_errors(call, tool, args, expect):
    r = call(tool, args)
    assert r.is_error
    assert expect in r.content[0].text, r.content[0].text


def test_server_survives_errors_and_next_call_works(demo_db, audit_path):
    async def go():
        async with Client(build_server(_settings(demo_db, audit_path))) as c:
            bad = await c.call_tool("run_sql", {"sql": "SELECT * FROM glob('/*')"})
            good = await c.call_tool("run_sql", {"sql": "SELECT 1 AS x"})
            return bad, good

    bad, good = run(go)
    assert bad.is_error and not good.is_error and good.structured_content["rows"] == [[1]]


def test_every_call_is_audited_with_full_arguments(demo_db, audit_path):
    sql = "SELECT gender, count(*) FROM patients GROUP BY 1"

    async def go():
        async with Client(build_server(_settings(demo_db, audit_path))) as c:
            await c.call_tool("run_sql", {"sql": sql})
            await c.call_tool("run_sql", {"sql": "ATTACH 'x.db'"})
            await c.call_tool("patient_overview", {"subject_id": 10000032})

    run(go)
    records = list(read_records(audit_path))
    assert [r.tool for r in records] == ["run_sql", "run_sql", "patient_overview"]
    ok, refused, overview = records
    assert ok.arguments["sql"] == sql and ok.outcome == "ok" and ok.rows == 2
    assert ok.identity == "tester" and ok.result_hash and ok.duration_ms > 0
    assert ok.request_id and ok.session_id
    assert refused.outcome == "error" and refused.kind == "refusal"
    assert refused.error_class == "SQLValidationError"
    assert overview.arguments == {"subject_id": 10000032}
    assert verify(audit_path).ok


def test_unwritable_audit_log_fails_the_call(demo_db, tmp_path, monkeypatch):
    """If the record cannot be written the call fails and the result is withheld (root in CI
    ignores file modes, so the write failure is injected into the log itself)."""
    from m3agent.audit import AuditLog, AuditWriteError

    def fail(self, **fields):
        raise AuditWriteError("disk full (injected)")

    monkeypatch.setattr(AuditLog, "append", fail)

    async def go():
        async with Client(build_server(_settings(demo_db, tmp_path / "a.jsonl"))) as c:
            return await c.call_tool("run_sql", {"sql": "SELECT 42 AS secret"})

    r = run(go)
    assert r.is_error and "audit log could not be written" in r.content[0].text
    assert "42" not in r.content[0].text and r.structured_content is None


def test_eight_concurrent_clients_200_calls_each(demo_db, audit_path):
    async def client(i: int):
        async with Client(build_server(_settings(demo_db, audit_path))) as c:
            for j in range(200):
                r = await c.call_tool("run_sql", {"sql": f"SELECT {i} AS c, {j} AS n"})
                assert not r.is_error

    async def go():
        async with anyio.create_task_group() as tg:
            for i in range(8):
                tg.start_soon(client, i)

    run(go)
    report = verify(audit_path)
    assert report.ok, report
    records = list(read_records(audit_path))
    assert len(records) == 1600
    assert [r.seq for r in records] == list(range(1, 1601))
    pairs = {(r.arguments["sql"]) for r in records}
    assert len(pairs) == 1600


def test_schema_resource_and_prompts(demo_db, audit_path):
    async def go():
        async with Client(build_server(_settings(demo_db, audit_path))) as c:
            res = await c.read_resource("mimic://schema/patients")
            templates = await c.list_resource_templates()
            prompts = await c.list_prompts()
            p = await c.get_prompt("patient_summary", {"subject_id": "10000032"})
            return res, templates, prompts, p

    res, templates, prompts, p = run(go)
    body = json.loads(res.contents[0].text)
    assert body["table"] == "mimiciv_hosp.patients"
    assert any("mimic://schema/" in t.uri_template for t in templates.resource_templates)
    assert {"cohort_question", "patient_summary"} <= {x.name for x in prompts.prompts}
    assert "10000032" in p.messages[0].content.text


def test_ehrsql_dataset_through_the_server(demo_db, ehrsql_db, audit_path):
    async def go():
        async with Client(build_server(_settings(demo_db, audit_path, ehrsql_db))) as c:
            return await c.call_tool("run_sql", {
                "sql": "SELECT count(*) FROM patients", "dialect": "sqlite",
                "dataset": "ehrsql"})

    r = run(go)
    assert not r.is_error, r.content[0].text
    assert r.structured_content["rows"][0][0] > 0


def test_agent_run_id_links_tool_records(demo_db, audit_path):
    async def go():
        async with Client(build_server(_settings(demo_db, audit_path))) as c:
            await c.call_tool("run_sql", {"sql": "SELECT 1"}, meta={"m3agent/run_id": "run-7"})
            await c.call_tool("run_sql", {"sql": "SELECT 2"})

    run(go)
    first, second = read_records(audit_path)
    assert first.extra.get("run_id") == "run-7" and "run_id" not in (second.extra or {})
