"""Authenticated streamable HTTP, end to end: a JWKS issuer on 127.0.0.1 with keys made here,
``m3-agent serve --transport http`` with OAuth on, and every attack case refused AND audited
with the token's subject and client id; scopes per tool (403), row-level access and row caps
through a real MCP client; start-up refusals for a misconfigured issuer or JWKS."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import anyio
import httpx
import pytest
from mcp.shared.exceptions import MCPError
from test_auth_support import (
    M3,
    Issuer,
    free_port,
    jsonrpc_call,
    mcp_client,
    server_env,
    start_server,
    stop_server,
)

from m3agent.audit import read_records, verify

pytestmark = pytest.mark.e2e


class Server:
    def __init__(self, issuer: Issuer, port: int, audit: Path, proc: subprocess.Popen):
        self.issuer, self.port, self.audit, self.proc = issuer, port, audit, proc
        self.url = f"http://127.0.0.1:{port}/mcp"
        self.base = f"http://127.0.0.1:{port}"

    def token(self, **kw) -> str:
        return self.issuer.mint(self.url, **kw)

    def records(self) -> list:
        return list(read_records(self.audit))


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    issuer = Issuer()
    port = free_port()
    audit = tmp_path_factory.mktemp("auth-http") / "audit.jsonl"
    env = server_env(demo_db, audit, issuer, port, M3AGENT_AUTH_JWKS_REFRESH="0")
    proc = start_server(env, port)
    try:
        yield Server(issuer, port, audit, proc)
    finally:
        code = stop_server(proc)
        issuer.close()
        assert code in (0, -15), proc.stderr.read().decode()


def _new(server: Server, before: int) -> list:
    return server.records()[before:]


def test_protected_resource_metadata(server):
    for path in (
        "/.well-known/oauth-protected-resource/mcp",
        "/.well-known/oauth-protected-resource",
    ):
        r = httpx.get(server.base + path, timeout=10)
        assert r.status_code == 200, path
        meta = r.json()
        assert meta["resource"] == server.url
        assert meta["authorization_servers"] == [server.issuer.url]
        assert {"mimic.schema", "mimic.sql", "mimic.patient"} <= set(meta["scopes_supported"])
        assert meta["bearer_methods_supported"] == ["header"]


def test_missing_token_is_401_with_resource_metadata_and_audited(server):
    before = len(server.records())
    r = jsonrpc_call(server.url, None, "list_datasets", {})
    assert r.status_code == 401
    challenge = r.headers["www-authenticate"]
    assert challenge.startswith("Bearer ") and "error=" not in challenge  # RFC 6750 §3.1
    assert (
        f'resource_metadata="{server.base}/.well-known/oauth-protected-resource/mcp"' in challenge
    )
    assert "needs an OAuth bearer token" in r.json()["error"]["message"]
    [rec] = _new(server, before)
    assert (rec.kind, rec.error_class, rec.identity) == ("refusal", "MissingToken", "anonymous")


ATTACKS = {
    "expired": (lambda s, now: s.token(exp=now - 300, iat=now - 900), "TokenExpired"),
    "not yet valid": (lambda s, now: s.token(nbf=now + 900), "TokenNotYetValid"),
    "wrong issuer": (lambda s, now: s.token(iss="https://evil.example"), "WrongIssuer"),
    "wrong audience": (lambda s, now: s.issuer.mint("http://127.0.0.1:1/mcp"), "WrongAudience"),
    "alg none": (lambda s, now: s.issuer.alg_none(s.url), "AlgorithmNotAllowed"),
    "HS/RS confusion": (
        lambda s, now: s.issuer.hs256_with_public_key(s.url),
        "AlgorithmNotAllowed",
    ),
    "unknown kid": (lambda s, now: s.token(kid="unpublished"), "UnknownKey"),
    "tampered signature": (lambda s, now: s.issuer.tampered(s.url), "BadSignature"),
}


@pytest.mark.parametrize("case", list(ATTACKS))
def test_attack_is_refused_with_401_and_audited(server, case):
    if "unpublished" not in server.issuer.keys:
        server.issuer.add_key("unpublished", publish=False)
    make, kind = ATTACKS[case]
    token = make(server, int(time.time()))
    fetches = server.issuer.hits.get("/jwks.json", 0)
    before = len(server.records())
    r = jsonrpc_call(server.url, token, "run_sql", {"sql": "SELECT count(*) FROM patients"})
    assert r.status_code == 401, r.text
    challenge = r.headers["www-authenticate"]
    assert 'error="invalid_token"' in challenge and "error_description=" in challenge
    assert "resource_metadata=" in challenge
    body = r.json()["error"]
    assert body["data"]["reason"] == kind and body["message"].startswith("Unauthorized: ")
    [rec] = _new(server, before)
    assert (rec.kind, rec.outcome, rec.error_class) == ("refusal", "error", kind)
    # The token's (claimed) subject and client id, marked unverified.
    assert rec.identity == ("mallory" if case == "tampered signature" else "alice")
    assert rec.client_id == "notebook" and rec.extra["verified"] is False
    assert rec.extra["rule"] == "invalid_token" and rec.extra["reason"]
    if case == "unknown kid":  # refused only after refetching the JWKS, still without the kid
        assert server.issuer.hits["/jwks.json"] > fetches


def test_missing_scope_is_403_insufficient_scope_and_audited(server):
    before = len(server.records())
    token = server.token(scope="mimic.schema", sub="bob", client_id="nb-2")
    r = jsonrpc_call(server.url, token, "run_sql", {"sql": "SELECT 1"}, req_id=77)
    assert r.status_code == 403
    challenge = r.headers["www-authenticate"]
    assert 'error="insufficient_scope"' in challenge and 'scope="mimic.sql"' in challenge
    assert "resource_metadata=" in challenge
    err = r.json()
    assert err["id"] == 77 and "needs the scope 'mimic.sql'" in err["error"]["message"]
    [rec] = _new(server, before)
    assert (rec.kind, rec.tool, rec.error_class) == ("refusal", "run_sql", "InsufficientScope")
    assert (rec.identity, rec.client_id, rec.request_id) == ("bob", "nb-2", "77")
    assert rec.arguments == {"sql": "SELECT 1"} and rec.extra["needed_scopes"] == ["mimic.sql"]
    assert rec.extra["verified"] is True


def test_resource_read_needs_its_scope(server):
    token = server.token(scope="mimic.schema")
    body = {
        "jsonrpc": "2.0",
        "id": 5,
        "method": "resources/read",
        "params": {"uri": "mimic://schema/patients"},
    }
    r = httpx.post(
        server.url,
        json=body,
        timeout=30,
        headers={
            "Authorization": f"Bearer {token}",
            "Accept": "application/json, text/event-stream",
        },
    )
    assert r.status_code == 403 and 'scope="mimic.patient"' in r.headers["www-authenticate"]


def test_schema_and_sql_scopes_through_an_mcp_client(server):
    before = len(server.records())
    token = server.token(scope="mimic.schema mimic.sql", sub="carol", client_id="agent-9")

    async def go():
        async with mcp_client(server.url, token) as c:
            tools = [t.name for t in (await c.list_tools()).tools]
            agg = await c.call_tool(
                "run_sql",
                {"sql": "SELECT gender, count(*) AS n FROM patients GROUP BY gender ORDER BY 1"},
            )
            rows = await c.call_tool(
                "run_sql", {"sql": "SELECT subject_id, anchor_age FROM patients"}
            )
            desc = await c.call_tool("describe_table", {"table": "patients"})
            try:
                await c.call_tool("get_lab_results", {"subject_id": 10000032})
                forbidden = None
            except MCPError as e:
                forbidden = str(e)
            return tools, agg, rows, desc, forbidden

    tools, agg, rows, desc, forbidden = anyio.run(go)
    assert tools == ["list_datasets", "list_tables", "describe_table", "search_concepts", "run_sql"]
    assert agg.structured_content["rows"] == [["F", 43], ["M", 57]]
    assert rows.is_error and "Refused by rule 'row_level'" in rows.content[0].text
    assert desc.structured_content["sample_rows"] == []
    assert forbidden and "needs the scope 'mimic.patient'" in forbidden
    new = _new(server, before)
    assert [(r.kind, r.tool) for r in new] == [
        ("tool", "run_sql"),
        ("refusal", "run_sql"),
        ("tool", "describe_table"),
        ("refusal", "get_lab_results"),
    ]
    assert all((r.identity, r.client_id) == ("carol", "agent-9") for r in new)


def test_patient_scope_allows_rows_up_to_the_cap(server):
    token = server.token(scope="mimic.schema mimic.sql mimic.patient")

    async def go():
        async with mcp_client(server.url, token) as c:
            big = await c.call_tool(
                "run_sql", {"sql": "SELECT labevent_id FROM labevents", "max_rows": 5000}
            )
            pat = await c.call_tool("patient_overview", {"subject_id": 10000032})
            desc = await c.call_tool("describe_table", {"table": "patients"})
            return big, pat, desc

    big, pat, desc = anyio.run(go)
    s = big.structured_content
    assert len(s["rows"]) == 1000 and s["truncated"] and "cut to 1000 rows" in s["notes"][-1]
    assert pat.structured_content["subject_id"] == 10000032
    assert desc.structured_content["sample_rows"]
    assert server.records()[-3].rows == 1000


def test_audit_chain_verifies_and_names_every_caller(server):
    report = verify(server.audit)
    assert report.ok, report.reason
    for rec in server.records():
        assert rec.identity
        if rec.error_class != "MissingToken":
            assert rec.client_id, rec


# -- start-up ----------------------------------------------------------------------------------


def _start_fails(env: dict[str, str], port: int) -> str:
    proc = subprocess.run(
        [M3, "serve", "--transport", "http", "--port", str(port)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    with pytest.raises(
        httpx.ConnectError
    ):  # nothing listens: neither everyone nor no one was let in
        httpx.get(f"http://127.0.0.1:{port}/mcp", timeout=1)
    return proc.stderr


def test_unreachable_jwks_stops_start_up(demo_db, tmp_path):
    port = free_port()
    env = server_env(
        demo_db,
        tmp_path / "a.jsonl",
        None,
        port,
        M3AGENT_AUTH_ISSUER="http://127.0.0.1:9",
        M3AGENT_AUTH_JWKS_URL=f"http://127.0.0.1:{free_port()}/jwks.json",
    )
    err = _start_fails(env, port)
    assert "JWKS" in err and "unreachable" in err


def test_bad_jwks_and_stray_settings_stop_start_up(demo_db, tmp_path):
    issuer = Issuer()
    try:
        issuer.body = b'{"keys": []}'
        port = free_port()
        err = _start_fails(server_env(demo_db, tmp_path / "a.jsonl", issuer, port), port)
        assert "no usable signing key" in err
    finally:
        issuer.close()
    port = free_port()
    env = server_env(
        demo_db,
        tmp_path / "a.jsonl",
        None,
        port,
        M3AGENT_AUTH_AUDIENCE=f"http://127.0.0.1:{port}/mcp",
    )
    assert "set without M3AGENT_AUTH_ISSUER" in _start_fails(env, port)
