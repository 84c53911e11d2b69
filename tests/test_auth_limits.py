"""Per-subject limits: token bucket, concurrency, daily budgets (with fake clocks), seeding from
the audit log, configuration, and refusals audited through the server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import anyio
import pytest
from mcp import Client

from m3agent.audit import AuditLog, read_records, verify
from m3agent.server.app import build_server
from m3agent.server.config import auth_config_from_env, limit_settings_from_env
from m3agent.server.limits import Limits, LimitSettings, RateLimited
from m3agent.server.settings import ServerSettings
from m3agent.tools.errors import ConfigError
from m3agent.tools.sql.engine import EngineSettings


class Clock:
    def __init__(self) -> None:
        self.mono = 1000.0
        self.wall = datetime(2030, 5, 1, 23, 59, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        return self.mono

    def now(self) -> datetime:
        return self.wall


def limits(clock: Clock, **kw) -> Limits:
    return Limits(LimitSettings(**kw), monotonic=clock.monotonic, utc_now=clock.now)


def test_all_limits_off_by_default():
    assert not LimitSettings().enabled
    lim = Limits(LimitSettings())
    for _ in range(1000):
        lim.admit("a").release()
    assert lim.rows_allowance("a") is None


def test_token_bucket_refuses_with_exact_retry_time_and_refills():
    clock = Clock()
    lim = limits(clock, rate_per_minute=6, burst=3)  # one token every 10 s
    for _ in range(3):
        lim.admit("alice").release()
    with pytest.raises(RateLimited) as e:
        lim.admit("alice")
    assert e.value.rule == "rate_limit" and e.value.retry_after_s == pytest.approx(10.0)
    assert "6 calls a minute" in str(e.value) and "Retry in 10.0 s" in str(e.value)
    lim.admit("bob").release()  # per subject
    clock.mono += 4
    with pytest.raises(RateLimited) as e:
        lim.admit("alice")
    assert e.value.retry_after_s == pytest.approx(6.0)
    clock.mono += 6
    lim.admit("alice").release()
    clock.mono += 3600
    assert lim.usage("alice").tokens == 3  # never above the bucket size


def test_burst_defaults_to_a_minutes_worth():
    assert LimitSettings(rate_per_minute=90).bucket_size == 90
    assert LimitSettings(rate_per_minute=0.5).bucket_size == 1


def test_concurrency_limit_and_release():
    lim = limits(Clock(), max_concurrent=2)
    a, b = lim.admit("s"), lim.admit("s")
    with pytest.raises(RateLimited) as e:
        lim.admit("s")
    assert e.value.rule == "concurrency" and "2 calls running" in e.value.message
    a.release()
    a.release()  # idempotent: frees one slot only
    with lim.admit("s"):
        assert lim.usage("s").running == 2
    b.release()
    assert lim.usage("s").running == 0


def test_daily_query_budget_resets_at_utc_midnight():
    clock = Clock()
    lim = limits(clock, daily_queries=2)
    lim.admit("s").release()
    lim.admit("s").release()
    with pytest.raises(RateLimited) as e:
        lim.admit("s")
    assert e.value.rule == "daily_queries" and e.value.retry_after_s == pytest.approx(60.0)
    assert "2030-05-01" in e.value.message
    clock.wall += timedelta(minutes=2)
    lim.admit("s").release()
    assert lim.usage("s").queries == 1


def test_daily_rows_budget_allowance_and_refusal():
    lim = limits(Clock(), daily_rows=100)
    assert lim.rows_allowance("s") == 100
    lim.admit("s").release()
    lim.charge_rows("s", 60)
    assert lim.rows_allowance("s") == 40
    lim.charge_rows("s", 40)
    with pytest.raises(RateLimited) as e:
        lim.admit("s")
    assert e.value.rule == "daily_rows" and e.value.details["used"] == 100


def test_refused_calls_do_not_use_tokens_or_budget():
    lim = limits(Clock(), rate_per_minute=60, burst=5, max_concurrent=1, daily_queries=10)
    held = lim.admit("s")
    for _ in range(5):
        with pytest.raises(RateLimited):
            lim.admit("s")
    held.release()
    u = lim.usage("s")
    assert u.queries == 1 and u.tokens == 4


def test_seed_from_audit_counts_todays_tool_calls(tmp_path):
    path = tmp_path / "a.jsonl"
    with AuditLog(path) as log:
        for i, who in enumerate(["alice", "alice", "bob"]):
            log.append(
                kind="tool",
                request_id=str(i),
                session_id="s",
                identity=who,
                tool="run_sql",
                outcome="ok",
                rows=10 * (i + 1),
                duration_ms=1.0,
            )
        log.append(
            kind="refusal",
            request_id="r",
            session_id="s",
            identity="alice",
            tool="run_sql",
            outcome="error",
            error_class="X",
            duration_ms=0.0,
        )
    today = Limits(LimitSettings(daily_queries=5, daily_rows=1000))
    assert today.seed_from_audit(path) == 3
    assert today.usage("alice").queries == 2 and today.usage("alice").rows == 30
    assert today.usage("bob").rows == 30
    tomorrow = Limits(
        LimitSettings(daily_queries=5), utc_now=lambda: datetime.now(UTC) + timedelta(days=1)
    )
    assert tomorrow.seed_from_audit(path) == 0
    assert Limits(LimitSettings(daily_queries=5)).seed_from_audit(tmp_path / "none") == 0
    with path.open("ab") as f:  # a torn last line is skipped
        f.write(b'{"kind":"tool","identity":"alice"')
    assert Limits(LimitSettings(daily_queries=5)).seed_from_audit(path) == 3


@pytest.mark.parametrize(
    ("var", "value", "expected"),
    [
        ("M3AGENT_RATE_LIMIT", "fast", "M3AGENT_RATE_LIMIT must be a number, found 'fast'"),
        ("M3AGENT_RATE_LIMIT", "-1", "must be zero or positive"),
        ("M3AGENT_RATE_LIMIT", "nan", "must be a finite number"),
        ("M3AGENT_MAX_CONCURRENT", "2.5", "M3AGENT_MAX_CONCURRENT must be an integer"),
        ("M3AGENT_DAILY_ROWS", "-3", "M3AGENT_DAILY_ROWS must be at least 0"),
    ],
)
def test_bad_limit_settings_name_the_variable(monkeypatch, var, value, expected):
    monkeypatch.setenv(var, value)
    with pytest.raises(ConfigError, match=expected):
        limit_settings_from_env()


def test_limit_settings_from_env(monkeypatch):
    for var, value in {
        "M3AGENT_RATE_LIMIT": "120",
        "M3AGENT_RATE_BURST": "10",
        "M3AGENT_MAX_CONCURRENT": "4",
        "M3AGENT_DAILY_QUERIES": "5000",
        "M3AGENT_DAILY_ROWS": "1000000",
    }.items():
        monkeypatch.setenv(var, value)
    s = limit_settings_from_env()
    assert (s.rate_per_minute, s.burst, s.max_concurrent, s.daily_queries, s.daily_rows) == (
        120,
        10,
        4,
        5000,
        1_000_000,
    )


def test_auth_variables_without_issuer_are_an_error(monkeypatch):
    monkeypatch.delenv("M3AGENT_AUTH_ISSUER", raising=False)
    assert auth_config_from_env("http://127.0.0.1:8000/mcp") is None
    monkeypatch.setenv("M3AGENT_AUTH_JWKS_URL", "https://idp.example/jwks")
    with pytest.raises(ConfigError, match="set without M3AGENT_AUTH_ISSUER"):
        auth_config_from_env("http://127.0.0.1:8000/mcp")


def _settings(demo_db: Path, audit: Path, **limits) -> ServerSettings:
    return ServerSettings(
        engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
        audit_path=audit,
        identity="carol",
        limits=LimitSettings(**limits),
    )


def test_server_refuses_over_rate_and_audits_when_to_retry(demo_db, tmp_path):
    audit = tmp_path / "a.jsonl"

    async def go():
        async with Client(build_server(_settings(demo_db, audit, rate_per_minute=2))) as c:
            return [await c.call_tool("list_datasets", {}) for _ in range(3)]

    ok1, ok2, over = anyio.run(go)
    assert not ok1.is_error and not ok2.is_error
    assert over.is_error and "Refused by rule 'rate_limit'" in over.content[0].text
    assert "Retry in" in over.content[0].text
    records = list(read_records(audit))
    assert [r.kind for r in records] == ["tool", "tool", "refusal"]
    assert records[2].identity == "carol" and records[2].error_class == "RateLimited"
    assert 0 < records[2].extra["retry_after_s"] <= 30
    assert verify(audit).ok


def test_rows_budget_cuts_results_and_survives_a_restart(demo_db, tmp_path):
    audit = tmp_path / "a.jsonl"
    sql = {"sql": "SELECT subject_id FROM patients", "max_rows": 100}

    async def go():
        async with Client(build_server(_settings(demo_db, audit, daily_rows=150))) as c:
            return [await c.call_tool("run_sql", sql) for _ in range(3)]

    a, b, over = anyio.run(go)
    assert len(a.structured_content["rows"]) == 100
    assert len(b.structured_content["rows"]) == 50  # cut to what is left of 150 rows today
    assert "rows left in today's budget" in b.structured_content["notes"][-1]
    assert over.is_error and "Refused by rule 'daily_rows'" in over.content[0].text
    assert [r.rows for r in read_records(audit)] == [100, 50, None]

    async def restart():  # a new server counts today's rows from the log: the budget is spent
        async with Client(build_server(_settings(demo_db, audit, daily_rows=150))) as c:
            return await c.call_tool("list_datasets", {})

    r = anyio.run(restart)
    assert r.is_error and "daily_rows" in r.content[0].text
