"""The BigQuery backend through the real google-cloud-bigquery client and a fake REST API.

The fake (tests/fixtures/bq/fake_bigquery.py) serves jobs.insert (with dry runs),
jobs.getQueryResults, jobs.get and jobs.cancel on 127.0.0.1 and runs the SQL on the demo in
DuckDB. The same checks as on DuckDB, plus BigQuery's own refusals (tests/fixtures/bq/
bq_denied.sql), the dry run before every query, the byte limit, the timeout and typed results.
"""

from __future__ import annotations

import sys
from pathlib import Path

import anyio
import pytest
from mcp import Client

from m3agent.tools.errors import (
    ConfigError,
    QueryTimeoutError,
    SQLExecutionError,
    SQLParseError,
    SQLValidationError,
)
from m3agent.tools.sql.bigquery import (
    DEFAULT_DATASET_MAP,
    BigQueryConfig,
    BigQueryRunner,
    check_dataset_map,
    human_bytes,
    make_client,
    parse_dataset_map,
)
from m3agent.tools.sql.engine import EngineSettings, SQLEngine

from conftest import FIXTURES

sys.path.insert(0, str(FIXTURES / "bq"))
from fake_bigquery import FakeBigQuery  # noqa: E402

PROJECT = "m3-agent-test"


def _lines(path: Path) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    return [
        tuple(ln.split("\t", 1))
        for ln in text.splitlines()
        if ln.strip() and not ln.startswith("#")
    ]


BQ_DENIED = _lines(FIXTURES / "bq" / "bq_denied.sql")
DENIED = _lines(FIXTURES / "sql" / "denied.sql")


@pytest.fixture(scope="module")
def fake(demo_db: Path):
    server = FakeBigQuery(demo_db)
    server.url = server.start()
    yield server
    server.stop()


@pytest.fixture
def bq(fake):
    """A BigQuery-backed engine on the fake; the fake's request log starts empty."""
    fake.requests.clear()
    fake.delay_s = 0.0
    fake.dry_run_bytes = None

    def make(**overrides) -> SQLEngine:
        settings = dict(
            backend="bigquery",
            bq_project=PROJECT,
            bq_api_endpoint=fake.url,
            default_dataset="mimic-iv",
            timeout_s=10.0,
        )
        settings.update(overrides)
        return SQLEngine(EngineSettings(**settings))

    return make


def _inserted(fake) -> list[dict]:
    """Bodies of jobs.insert calls, in order."""
    return [b for m, p, b in fake.requests if m == "POST" and p.endswith("/jobs")]


def test_fixture_is_large_and_well_formed():
    assert len(BQ_DENIED) >= 100
    assert all(len(d) == 2 and d[0] for d in BQ_DENIED)
    rules = {r for r, _ in BQ_DENIED}
    assert {
        "bq_scripting",
        "bq_execute_immediate",
        "bq_external_query",
        "bq_information_schema",
        "bq_ml_functions",
        "bq_system_variables",
    } <= rules


def test_query_round_trips_with_typed_results(bq, fake, engine):
    sql = (
        "SELECT p.subject_id, p.gender, p.anchor_age, p.dod, a.admittime, a.hadm_id "
        "FROM patients p JOIN admissions a ON a.subject_id = p.subject_id "
        "WHERE p.subject_id > ? ORDER BY p.subject_id, a.admittime"
    )
    got = bq().execute(sql, params=[10000000], max_rows=20)
    want = engine.execute(sql, params=[10000000], max_rows=20)
    assert got.columns == want.columns
    assert got.rows == want.rows and got.row_count == 20 and got.truncated
    assert got.types == ["BIGINT", "VARCHAR", "BIGINT", "DATE", "TIMESTAMP", "BIGINT"]
    assert got.dataset == "mimic-iv" and got.dialect == "duckdb"
    assert isinstance(got.rows[0][0], int) and got.rows[0][4][:2] == "21"
    assert any("dry run" in n for n in got.notes)


def test_sql_is_bigquery_dialect_with_backticked_tables(bq, fake, engine):
    sql = (
        "SELECT count(*) AS n FROM mimiciv_icu.icustays i "
        "JOIN hosp.patients USING (subject_id) WHERE patients.gender = 'F'"
    )
    r = bq().execute(sql)
    sent = _inserted(fake)[-1]["configuration"]["query"]["query"]
    assert sent == r.sql
    assert "`physionet-data`.`mimiciv_3_1_icu`.`icustays`" in sent
    assert "`physionet-data`.`mimiciv_3_1_hosp`.`patients`" in sent
    assert "mimiciv_hosp" not in sent and "LIMIT 101" in sent
    assert r.rows == engine.execute(sql).rows


def test_every_query_is_dry_run_first_and_the_job_carries_the_limits(bq, fake):
    bq(maximum_bytes_billed=5_000_000, timeout_s=7.0).execute(
        "SELECT gender FROM patients WHERE subject_id = ?", params=[10000032]
    )
    first, second = _inserted(fake)
    assert first["configuration"]["dryRun"] is True
    assert not second["configuration"].get("dryRun")
    query = second["configuration"]["query"]
    assert query["maximumBytesBilled"] == "5000000"
    assert second["configuration"]["jobTimeoutMs"] == "7000"
    assert query["useLegacySql"] is False
    assert query["queryParameters"][0]["parameterValue"]["value"] == "10000032"


def test_dry_run_above_the_byte_limit_is_refused_with_the_estimate(bq, fake):
    with pytest.raises(SQLValidationError) as info:
        bq(maximum_bytes_billed=1_000_000).execute("SELECT * FROM labevents")
    e = info.value
    assert e.rule == "maximum_bytes_billed"
    estimate = fake.estimate_bytes(
        fake.to_duckdb(_inserted(fake)[0]["configuration"]["query"]["query"])[1]
    )
    assert estimate > 1_000_000
    assert f"{estimate:,} bytes" in e.message and "1,000,000 bytes" in e.message
    assert human_bytes(estimate) in e.message
    assert len(_inserted(fake)) == 1  # the dry run only: nothing ran, nothing billed


def test_bigquery_also_enforces_the_limit_on_the_job(bq, fake):
    fake.dry_run_bytes = 0  # a dry run that underestimates: BigQuery's own limit still holds
    with pytest.raises(SQLExecutionError) as info:
        bq(maximum_bytes_billed=1_000).execute("SELECT * FROM labevents")
    assert "bytes billed" in info.value.message
    assert "fewer columns" in (info.value.hint or "")


def test_timeout_cancels_the_job(bq, fake):
    fake.delay_s = 30.0
    with pytest.raises(QueryTimeoutError) as info:
        bq(timeout_s=0.5).execute("SELECT count(*) FROM patients")
    assert "0.5 s" in info.value.message
    job_id = _inserted(fake)[-1]["jobReference"]["jobId"]
    assert ("POST", f"/bigquery/v2/projects/{PROJECT}/jobs/{job_id}/cancel", {}) in [
        (m, p, b or {}) for m, p, b in fake.requests
    ]
    assert fake.jobs[job_id].cancelled


def test_a_failing_job_reports_bigquery_message(bq):
    with pytest.raises(SQLExecutionError) as info:
        bq().execute("SELECT CAST(gender AS INTEGER) FROM patients")
    assert "BigQuery refused the query (job)" in info.value.message


def test_bigquery_dialect_functions_run(bq):
    r = bq().execute(
        "SELECT IF(anchor_age > 60, 'old', 'young') AS g, COUNTIF(dod IS NOT NULL) AS died, "
        "SAFE_DIVIDE(COUNT(*), 100) AS share FROM `physionet-data.mimiciv_3_1_hosp.patients` "
        "GROUP BY g ORDER BY g",
        dialect="bigquery",
    )
    assert r.columns == ["g", "died", "share"]
    assert [row[0] for row in r.rows] == ["old", "young"]
    assert sum(row[2] for row in r.rows) == pytest.approx(1.0)
    r = bq().execute(
        "SELECT DATETIME_DIFF(dischtime, admittime, HOUR) AS h "
        "FROM `physionet-data.mimiciv_3_1_hosp.admissions` WHERE hadm_id = ?",
        dialect="bigquery",
        params=[20626031],
    )
    assert r.types == ["BIGINT"] and r.rows[0][0] > 0


@pytest.mark.parametrize(("rule", "sql"), BQ_DENIED, ids=[f"{r}:{s[:40]}" for r, s in BQ_DENIED])
def test_bq_denied_on_duckdb_with_bigquery_dialect(engine, rule, sql):
    if rule == "parse":
        with pytest.raises(SQLParseError):
            engine.execute(sql, dialect="bigquery")
        return
    with pytest.raises(SQLValidationError) as info:
        engine.execute(sql, dialect="bigquery")
    assert info.value.rule == rule, str(info.value)


def test_every_denied_query_is_refused_on_the_bigquery_backend_before_any_request(bq, fake):
    eng = bq()
    accepted = []
    for dialect, cases in (("bigquery", BQ_DENIED), ("duckdb", DENIED)):
        for rule, sql in cases:
            try:
                eng.execute(sql, dialect=dialect)
                accepted.append(sql)
            except (SQLValidationError, SQLParseError) as e:
                if rule.startswith("bq_"):
                    assert getattr(e, "rule", "parse") == rule, sql
    assert accepted == []
    assert fake.requests == []  # nothing reached BigQuery, not even a dry run


def test_bigquery_rules_are_off_for_other_dialects_on_duckdb(engine):
    # DuckDB's SET is refused by the common rules, with their own name.
    with pytest.raises(SQLValidationError) as info:
        engine.execute("SET threads = 1")
    assert info.value.rule == "read_only_statement"
    # INFORMATION_SCHEMA in DuckDB SQL is a table outside the catalog.
    with pytest.raises(SQLValidationError) as info:
        engine.execute("SELECT * FROM information_schema.tables")
    assert info.value.rule == "tables_in_catalog"


def test_honest_bigquery_queries_are_not_taken_for_scripts(engine):
    for sql in (
        "SELECT IF(gender = 'F', 1, 0) AS f FROM patients LIMIT 1",
        "SELECT CASE WHEN gender = 'F' THEN 'set' ELSE 'begin' END AS x FROM patients LIMIT 1",
        "SELECT 'DECLARE x; EXECUTE IMMEDIATE' AS s",
        "SELECT `end`, `set` FROM (SELECT 1 AS `end`, 2 AS `set`)",
        "SELECT ml FROM (SELECT 1 AS ml) AS ai",
    ):
        assert engine.execute(sql, dialect="bigquery").row_count == 1, sql


def test_configuration_errors_say_what_is_expected(fake, monkeypatch):
    with pytest.raises(ConfigError, match="billing project"):
        SQLEngine(EngineSettings(backend="bigquery"))
    with pytest.raises(ConfigError, match="project id"):
        SQLEngine(EngineSettings(backend="bigquery", bq_project="Not A Project!"))
    with pytest.raises(ConfigError, match="Unknown backend"):
        SQLEngine(EngineSettings(backend="oracle"))  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="project.dataset"):
        check_dataset_map({"mimiciv_hosp": "no-dataset-part"})
    with pytest.raises(ConfigError, match="schema=project.dataset"):
        parse_dataset_map("mimiciv_hosp")
    with pytest.raises(ConfigError, match="positive number of bytes"):
        BigQueryRunner(BigQueryConfig(project=PROJECT, maximum_bytes_billed=0))
    assert parse_dataset_map("MIMICIV_HOSP=my-project.hosp_copy, mimiciv_icu=my-project.icu") == {
        "mimiciv_hosp": "my-project.hosp_copy",
        "mimiciv_icu": "my-project.icu",
    }
    eng = SQLEngine(
        EngineSettings(backend="bigquery", bq_project=PROJECT, bq_api_endpoint=fake.url)
    )
    with pytest.raises(ConfigError, match="schema\\(s\\) main"):
        eng.prepare("SELECT 1", dataset="ehrsql")


def test_custom_dataset_map_is_used(bq, fake):
    eng = bq(
        bq_dataset_map={
            "mimiciv_hosp": "physionet-data.mimiciv_3_1_hosp",
            "mimiciv_icu": "my-project.icu_copy",
        }
    )
    sql = eng.prepare("SELECT count(*) FROM icustays").sql
    assert "`my-project`.`icu_copy`.`icustays`" in sql


def test_missing_application_default_credentials_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "missing.json"))
    with pytest.raises(ConfigError) as info:
        make_client(BigQueryConfig(project=PROJECT))
    assert "Application Default Credentials" in info.value.message
    assert "gcloud auth application-default login" in (info.value.hint or "")


def test_environment_selects_the_backend(monkeypatch):
    from m3agent.server.config import engine_settings_from_env

    for var in (
        "M3AGENT_BQ_DATASETS",
        "M3AGENT_BQ_LOCATION",
        "M3AGENT_BQ_API_ENDPOINT",
        "M3AGENT_MAX_BYTES_BILLED",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("M3AGENT_BACKEND", "bigquery")
    monkeypatch.delenv("M3AGENT_BQ_PROJECT", raising=False)
    with pytest.raises(ConfigError, match="billing project"):
        engine_settings_from_env()
    monkeypatch.setenv("M3AGENT_BQ_PROJECT", PROJECT)
    monkeypatch.setenv("M3AGENT_MAX_BYTES_BILLED", "123456789")
    s = engine_settings_from_env()
    assert (s.backend, s.bq_project, s.maximum_bytes_billed) == ("bigquery", PROJECT, 123456789)
    assert s.bq_dataset_map == DEFAULT_DATASET_MAP
    monkeypatch.setenv("M3AGENT_BACKEND", "sqlite")
    with pytest.raises(ConfigError, match="M3AGENT_BACKEND"):
        engine_settings_from_env()


def test_serve_refuses_bigquery_without_a_project(monkeypatch):
    from typer.testing import CliRunner

    from m3agent.server.serve import app

    # serve writes its flags into the environment: registered here so they are undone.
    monkeypatch.setenv("M3AGENT_BACKEND", "duckdb")
    monkeypatch.setenv("M3AGENT_BQ_PROJECT", "")
    result = CliRunner().invoke(app, ["serve", "--backend", "bigquery"])
    assert result.exit_code == 1
    assert "billing project" in result.output


def test_run_sql_tool_on_the_bigquery_backend(fake, demo_db, tmp_path):
    from m3agent.server.app import build_server
    from m3agent.server.settings import ServerSettings

    fake.requests.clear()
    fake.delay_s = 0.0
    fake.dry_run_bytes = None
    settings = ServerSettings(
        engine=EngineSettings(
            backend="bigquery",
            bq_project=PROJECT,
            bq_api_endpoint=fake.url,
            db_paths={"mimic-iv-demo": demo_db},
        ),
        audit_path=tmp_path / "audit.jsonl",
        identity="tester",
    )

    async def go():
        async with Client(build_server(settings)) as c:
            ok = await c.call_tool(
                "run_sql", {"sql": "SELECT count(*) AS n FROM patients", "dataset": "mimic-iv-demo"}
            )
            bad = await c.call_tool("run_sql", {"sql": "DECLARE x INT64", "dialect": "bigquery"})
            return ok, bad

    ok, bad = anyio.run(go)
    assert not ok.is_error and ok.structured_content["rows"] == [[100]]
    assert "`physionet-data`" in ok.structured_content["sql"]
    assert bad.is_error and "bq_scripting" in bad.content[0].text
