"""The access policy: loading, scopes per tool, row-level SQL, row caps, and in-process
enforcement with a token in the auth context (the HTTP layer is in test_auth_http.py)."""

from __future__ import annotations

import json
from pathlib import Path

import anyio
import pytest
import sqlglot
from mcp import Client
from mcp.server.auth.middleware.auth_context import auth_context_var
from mcp.server.auth.middleware.bearer_auth import AuthenticatedUser
from mcp.server.auth.provider import AccessToken

from m3agent.audit import read_records, verify
from m3agent.server.app import build_server
from m3agent.server.auth import AuthConfig
from m3agent.server.policy import (
    DEFAULT_POLICY_PATH,
    InsufficientScope,
    count_rows,
    load_policy,
    restrict_result,
    row_level_reason,
)
from m3agent.server.settings import ServerSettings
from m3agent.tools.catalog.catalog import TableDescription
from m3agent.tools.errors import ConfigError
from m3agent.tools.patient import PatientOverview, PatientTable
from m3agent.tools.sql.engine import EngineSettings
from m3agent.tools.sql.result import QueryResult

POLICY = load_policy()
IDS = frozenset(POLICY.identifier_columns)
REFS = frozenset(POLICY.reference_tables)


# -- loading -----------------------------------------------------------------------------------


def test_default_policy_has_the_issue_scopes():
    assert set(POLICY.scopes) == {
        "mimic.schema",
        "mimic.sql",
        "mimic.patient",
        "calc",
        "retrieval",
        "trials",
        "agent",
    }
    assert POLICY.row_level_scope == "mimic.patient"
    assert POLICY.source == str(DEFAULT_POLICY_PATH)


def test_every_registered_tool_is_granted_by_the_default_policy():
    async def names():
        return [t.name for t in await build_server(ServerSettings()).list_tools()]

    tools = anyio.run(names)
    assert len(tools) >= 13
    assert POLICY.uncovered_tools(tools) == []


def test_toml_policy_loads(tmp_path):
    f = tmp_path / "p.toml"
    f.write_text(
        'row_level_scope = "rows"\n[scopes.read]\ntools = ["list_*"]\nmax_rows = 5\n'
        '[scopes.rows]\ntools = ["run_sql"]\n'
    )
    p = load_policy(f)
    assert p.scopes_granting_tool("list_tables") == ["read"]
    assert p.scopes["read"].max_rows == 5


@pytest.mark.parametrize(
    ("content", "suffix", "expected"),
    [
        ("{not json", ".json", "is not valid JSON"),
        ("scopes = [", ".toml", "is not valid TOML"),
        ("[1, 2]", ".json", "must hold an object with 'scopes', found list"),
        ('{"scopes": {}}', ".json", "expected at least one scope"),
        (
            '{"scopes": {"a b": {"tools": []}}, "row_level_scope": "a b"}',
            ".json",
            "printable ASCII without spaces",
        ),
        (
            '{"scopes": {"x": {"tools": []}}}',
            ".json",
            "row_level_scope 'mimic.patient' is not one of the scopes: x",
        ),
        (
            '{"scopes": {"x": {"tools": [], "max_rows": 0}}, "row_level_scope": "x"}',
            ".json",
            "scopes.x.max_rows",
        ),
        (
            '{"scopes": {"x": {"tool": []}}, "row_level_scope": "x"}',
            ".json",
            "scopes.x.tool: Extra inputs are not permitted",
        ),
        ('{"version": 2, "scopes": {"x": {}}, "row_level_scope": "x"}', ".json", "version"),
    ],
)
def test_bad_policy_files_are_refused_naming_the_problem(tmp_path, content, suffix, expected):
    f = tmp_path / f"policy{suffix}"
    f.write_text(content)
    with pytest.raises(ConfigError) as e:
        load_policy(f)
    assert expected in e.value.message and str(f) in e.value.message


def test_missing_policy_file(tmp_path):
    with pytest.raises(ConfigError, match="Cannot read the policy file"):
        load_policy(tmp_path / "nope.json")


# -- decisions ---------------------------------------------------------------------------------


def test_grant_needs_a_scope_that_lists_the_tool():
    g = POLICY.grant("run_sql", frozenset({"mimic.sql"}))
    assert g.max_rows == 1000 and not g.row_level
    with pytest.raises(InsufficientScope) as e:
        POLICY.grant("run_sql", frozenset({"mimic.schema"}))
    assert e.value.rule == "insufficient_scope" and e.value.needed == ["mimic.sql"]
    assert "needs the scope 'mimic.sql'; the token has 'mimic.schema'" in str(e.value)


def test_tool_in_no_scope_is_refused_to_everyone():
    with pytest.raises(InsufficientScope) as e:
        POLICY.grant("drop_everything", frozenset(POLICY.scopes))
    assert e.value.rule == "not_in_policy"


def test_naming_a_patient_needs_the_row_level_scope():
    POLICY.grant("search_trials", frozenset({"trials"}), {"query": "sepsis"})
    with pytest.raises(InsufficientScope) as e:
        POLICY.grant("search_trials", frozenset({"trials"}), {"subject_id": 10000032})
    assert e.value.rule == "row_level" and e.value.needed == ["mimic.patient"]
    g = POLICY.grant(
        "search_trials", frozenset({"trials", "mimic.patient"}), {"subject_id": 10000032}
    )
    assert g.row_level


def test_row_caps_per_scope():
    patient = POLICY.grant("get_vitals", frozenset({"mimic.patient"}))
    assert patient.cap(True) == 5000
    sql = POLICY.grant("run_sql", frozenset({"mimic.sql", "mimic.patient"}))
    assert sql.cap(True) == 1000  # the tool's scope caps, the row-level scope too
    calc = POLICY.grant("calculate", frozenset({"calc"}))
    assert calc.cap(False) is None


def test_resources_need_their_scope():
    POLICY.check_resource("mimic://schema/patients", frozenset({"mimic.patient"}))
    with pytest.raises(InsufficientScope) as e:
        POLICY.check_resource("mimic://schema/patients", frozenset({"mimic.schema"}))
    assert e.value.needed == ["mimic.patient"]


# -- row-level SQL -----------------------------------------------------------------------------

AGGREGATES = [
    "SELECT count(*) FROM mimiciv_hosp.patients",
    "SELECT gender, count(*) AS n FROM mimiciv_hosp.patients GROUP BY gender",
    "SELECT avg(anchor_age), max(anchor_age), quantile_cont(anchor_age, 0.5) "
    "FROM mimiciv_hosp.patients",
    "SELECT count(DISTINCT subject_id) FROM mimiciv_hosp.admissions",
    "SELECT count(*) FILTER (WHERE gender = 'F') FROM mimiciv_hosp.patients",
    "SELECT label, category FROM mimiciv_hosp.d_labitems",
    "SELECT * FROM (SELECT gender, count(*) AS n FROM mimiciv_hosp.patients GROUP BY gender) "
    "AS _m3_q LIMIT 101",
    "WITH c AS (SELECT subject_id FROM mimiciv_hosp.patients) SELECT count(*) FROM c",
    "SELECT p.gender, avg(a.n) FROM mimiciv_hosp.patients AS p JOIN (SELECT subject_id, "
    "count(*) AS n FROM mimiciv_hosp.admissions GROUP BY subject_id) AS a "
    "ON a.subject_id = p.subject_id GROUP BY p.gender",
    "SELECT 1",
    "SELECT * FROM range(10)",
]

ROW_LEVEL = [
    ("SELECT * FROM mimiciv_hosp.patients", "reads mimiciv_hosp.patients"),
    ("SELECT anchor_age FROM mimiciv_hosp.patients LIMIT 5", "without aggregating"),
    (
        "SELECT subject_id, count(*) FROM mimiciv_hosp.labevents GROUP BY subject_id",
        "groups by the identifier subject_id",
    ),
    (
        "SELECT subject_id + 0 AS x, count(*) FROM mimiciv_hosp.labevents GROUP BY 1",
        "identifier subject_id",
    ),
    ("SELECT hadm_id AS x, count(*) FROM mimiciv_hosp.labevents GROUP BY x", "identifier hadm_id"),
    ("SELECT list(subject_id) FROM mimiciv_hosp.patients", "individual values"),
    ("SELECT string_agg(gender, ',') FROM mimiciv_hosp.patients", "individual values"),
    ("SELECT any_value(anchor_age) FROM mimiciv_hosp.patients", "individual values"),
    ("SELECT arg_max(subject_id, anchor_age) FROM mimiciv_hosp.patients", "individual values"),
    ("SELECT max(subject_id) FROM mimiciv_hosp.patients", "returns an identifier"),
    ("SELECT count(*) OVER () FROM mimiciv_hosp.patients", "window function"),
    ("SELECT DISTINCT gender FROM mimiciv_hosp.patients", "DISTINCT"),
    (
        "WITH c AS (SELECT subject_id FROM mimiciv_hosp.patients) SELECT * FROM c",
        "reads mimiciv_hosp.patients",
    ),
    (
        "SELECT (SELECT anchor_age FROM mimiciv_hosp.patients LIMIT 1) AS a",
        "subquery in the select list",
    ),
    (
        "SELECT count(*) FROM mimiciv_hosp.patients UNION ALL "
        "SELECT anchor_age FROM mimiciv_hosp.patients",
        "without aggregating",
    ),
    ("SELECT count(*), anchor_age FROM mimiciv_hosp.patients", "outside any aggregate"),
]


@pytest.mark.parametrize("sql", AGGREGATES)
def test_aggregates_are_not_row_level(sql):
    tree = sqlglot.parse_one(sql, read="duckdb")
    assert row_level_reason(tree, identifiers=IDS, reference_tables=REFS) is None


@pytest.mark.parametrize(("sql", "why"), ROW_LEVEL)
def test_row_level_statements_are_named(sql, why):
    tree = sqlglot.parse_one(sql, read="duckdb")
    reason = row_level_reason(tree, identifiers=IDS, reference_tables=REFS)
    assert reason is not None and why in reason


def test_check_sql_refuses_only_without_the_row_level_scope():
    tree = sqlglot.parse_one("SELECT * FROM mimiciv_hosp.patients", read="duckdb")
    with pytest.raises(InsufficientScope) as e:
        POLICY.check_sql(POLICY.grant("run_sql", frozenset({"mimic.sql"})), tree)
    assert e.value.rule == "row_level" and "Aggregate instead" in str(e.value)
    POLICY.check_sql(POLICY.grant("run_sql", frozenset({"mimic.sql", "mimic.patient"})), tree)


# -- result restriction ------------------------------------------------------------------------


def _qr(n: int) -> QueryResult:
    return QueryResult(
        columns=["x"],
        types=["INTEGER"],
        rows=[[i] for i in range(n)],
        row_count=n,
        truncated=False,
        elapsed_ms=1.0,
        sql="SELECT x",
    )


def test_restrict_cuts_rows_and_says_so():
    out = restrict_result(_qr(10), cap=3, row_level=True)
    assert out.rows == [[0], [1], [2]] and out.row_count == 3 and out.truncated
    assert "cut to 3 rows" in out.notes[-1]
    same = _qr(3)
    assert restrict_result(same, cap=3, row_level=True) is same


def test_restrict_nested_tables_notes_on_the_parent():
    def table(n: int) -> PatientTable:
        return PatientTable(title="Admissions", columns=["a"], rows=[[i] for i in range(n)])

    ov = PatientOverview(
        subject_id=1,
        demographics={},
        admissions=table(8),
        icu_stays=table(1),
        main_diagnoses=table(2),
        latest_labs=table(9),
    )
    out = restrict_result(ov, cap=2, row_level=True, why="the budget")
    assert [
        len(t.rows) for t in (out.admissions, out.icu_stays, out.main_diagnoses, out.latest_labs)
    ] == [2, 1, 2, 2]
    assert out.admissions.truncated and not out.icu_stays.truncated
    assert any("Admissions" in n and "the budget" in n for n in out.notes)
    assert count_rows(out) == 7


def test_restrict_withholds_sample_rows_without_row_level():
    desc = TableDescription(
        table="mimiciv_hosp.patients",
        dataset="mimic-iv-demo",
        row_count=100,
        columns=[],
        sample_rows=[[1, "F"]],
    )
    out = restrict_result(desc, cap=None, row_level=False)
    assert out.sample_rows == [] and "withheld" in out.notes[-1]
    assert restrict_result(desc, cap=None, row_level=True).sample_rows == [[1, "F"]]


# -- in-process enforcement ---------------------------------------------------------------------


def _auth_settings(demo_db: Path, audit: Path, policy: Path | None = None) -> ServerSettings:
    return ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
        audit_path=audit,
        identity="os-user",
        policy_file=policy,
        auth=AuthConfig(issuer="http://127.0.0.1:1", audience="http://127.0.0.1:2/mcp"),
    )


def _as_token(settings: ServerSettings, scopes: list[str] | None, calls):
    """Run ``calls(client)`` in-process with a verified token of ``scopes`` in the context."""

    async def go():
        reset = None
        if scopes is not None:
            reset = auth_context_var.set(
                AuthenticatedUser(
                    AccessToken(token="t", client_id="nb-1", scopes=scopes, subject="bob")
                )
            )
        try:
            async with Client(build_server(settings)) as c:
                return await calls(c)
        finally:
            if reset is not None:
                auth_context_var.reset(reset)

    return anyio.run(go)


def test_scopes_shape_tools_rows_and_sample_rows(demo_db, tmp_path):
    audit = tmp_path / "a.jsonl"

    async def calls(c):
        tools = [t.name for t in (await c.list_tools()).tools]
        agg = await c.call_tool(
            "run_sql",
            {"sql": "SELECT gender, count(*) FROM patients GROUP BY gender ORDER BY gender"},
        )
        rows = await c.call_tool("run_sql", {"sql": "SELECT subject_id FROM patients"})
        desc = await c.call_tool("describe_table", {"table": "patients"})
        pat = await c.call_tool("get_vitals", {"subject_id": 10000032})
        return tools, agg, rows, desc, pat

    tools, agg, rows, desc, pat = _as_token(
        _auth_settings(demo_db, audit), ["mimic.schema", "mimic.sql"], calls
    )
    assert tools == ["list_datasets", "list_tables", "describe_table", "search_concepts", "run_sql"]
    assert agg.structured_content["rows"] == [["F", 43], ["M", 57]]
    assert rows.is_error and "Refused by rule 'row_level'" in rows.content[0].text
    assert "mimic.patient" in rows.content[0].text
    assert desc.structured_content["sample_rows"] == []
    assert pat.is_error and "needs the scope 'mimic.patient'" in pat.content[0].text
    records = list(read_records(audit))
    assert [(r.kind, r.tool) for r in records] == [
        ("tool", "run_sql"),
        ("refusal", "run_sql"),
        ("tool", "describe_table"),
        ("refusal", "get_vitals"),
    ]
    assert all(r.identity == "bob" and r.client_id == "nb-1" for r in records)
    assert records[1].extra["rule"] == "row_level"
    assert records[3].extra["needed_scopes"] == ["mimic.patient"]
    assert verify(audit).ok


def test_row_level_scope_caps_rows_per_scope(demo_db, tmp_path):
    policy = json.loads(DEFAULT_POLICY_PATH.read_text())
    policy["scopes"]["mimic.sql"]["max_rows"] = 7
    f = tmp_path / "p.json"
    f.write_text(json.dumps(policy))

    async def calls(c):
        return await c.call_tool(
            "run_sql", {"sql": "SELECT subject_id FROM patients", "max_rows": 50}
        )

    r = _as_token(
        _auth_settings(demo_db, tmp_path / "a.jsonl", f), ["mimic.sql", "mimic.patient"], calls
    )
    s = r.structured_content
    assert len(s["rows"]) == 7 and s["row_count"] == 7 and s["truncated"]
    assert "cut to 7 rows" in s["notes"][-1]
    assert list(read_records(tmp_path / "a.jsonl"))[0].rows == 7


def test_authenticated_server_refuses_calls_without_a_token(demo_db, tmp_path):
    async def calls(c):
        return await c.call_tool("list_datasets", {})

    r = _as_token(_auth_settings(demo_db, tmp_path / "a.jsonl"), None, calls)
    assert r.is_error and "missing_token" in r.content[0].text
    rec = list(read_records(tmp_path / "a.jsonl"))[0]
    assert rec.kind == "refusal" and rec.identity == "os-user"


def test_without_auth_nothing_changes(demo_db, tmp_path):
    settings = ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
        audit_path=tmp_path / "a.jsonl",
        identity="os-user",
    )

    async def calls(c):
        return await c.call_tool("describe_table", {"table": "patients"})

    r = _as_token(settings, None, calls)
    assert len(r.structured_content["sample_rows"]) > 0
    assert list(read_records(tmp_path / "a.jsonl"))[0].extra == {}


def test_patient_calculations_need_the_row_level_scope():
    args = {"calculator": "cha2ds2_vasc", "subject_id": 10000032}
    with pytest.raises(InsufficientScope) as e:
        POLICY.grant("calculate_for_patient", frozenset({"calc"}), args)
    assert e.value.rule == "row_level"
    assert POLICY.grant("calculate_for_patient", frozenset({"calc", "mimic.patient"}), args)
    assert not POLICY.grant("calculate", frozenset({"calc"}), {"calculator": "bmi"}).row_level
