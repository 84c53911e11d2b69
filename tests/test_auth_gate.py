"""The ASGI auth gate in-process (no server process): what reaches the app, what is refused,
what is audited, and the cap on audit records for unauthenticated floods."""

from __future__ import annotations

import json
from typing import Any

import anyio
import pytest
from mcp.server.auth.middleware.auth_context import get_access_token
from test_auth_support import Issuer

from m3agent.audit import read_records, verify
from m3agent.server.auth import AUDITED_401_BURST, AuthConfig, AuthGate, JWKSTokenVerifier
from m3agent.server.policy import load_policy

AUD = "http://127.0.0.1:8000/mcp"


@pytest.fixture(scope="module")
def issuer():
    iss = Issuer()
    yield iss
    iss.close()


class App:
    """The inner app: records what reached it (body, user, token in the auth context)."""

    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []

    async def __call__(self, scope, receive, send) -> None:
        message = await receive()
        token = get_access_token()
        self.seen.append(
            {
                "body": message.get("body"),
                "user": scope.get("user"),
                "subject": token.subject if token else None,
            }
        )
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})


@pytest.fixture
def gate(issuer, tmp_path):
    v = JWKSTokenVerifier(AuthConfig(issuer=issuer.url, audience=AUD, jwks_url=issuer.jwks_url))
    v.load_sync()
    app = App()
    g = AuthGate(
        app, verifier=v, policy=load_policy(), audit_path=tmp_path / "a.jsonl", max_body=10_000
    )
    g.inner = app
    yield g
    g.close()


def request(
    gate: AuthGate,
    body: Any = None,
    *,
    token: str | None = None,
    method: str = "POST",
    path: str = "/mcp",
    headers: list[tuple[bytes, bytes]] | None = None,
    remote: str = "127.0.0.1",
):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode() if body else b""
    hdrs = list(headers or [])
    if token is not None:
        hdrs.append((b"authorization", b"Bearer " + token.encode()))
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": hdrs,
        "client": (remote, 5555),
    }
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": raw, "more_body": False}

    async def send(message):
        sent.append(message)

    anyio.run(gate, scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    payload = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], dict(start["headers"]), payload


def call(tool: str, args: dict | None = None, req_id: int = 1) -> dict:
    return {
        "jsonrpc": "2.0",
        "id": req_id,
        "method": "tools/call",
        "params": {"name": tool, "arguments": args or {}},
    }


def test_valid_token_reaches_the_app_with_its_identity(gate, issuer):
    body = call("run_sql", {"sql": "SELECT 1"})
    status, _h, _b = request(gate, body, token=issuer.mint(AUD, sub="dora"))
    assert status == 200
    [seen] = gate.inner.seen
    assert json.loads(seen["body"]) == body  # the body is replayed intact
    assert seen["subject"] == "dora" and seen["user"].access_token.client_id == "notebook"
    assert get_access_token() is None  # the context is reset afterwards


def test_non_bearer_and_duplicate_headers_are_401(gate, issuer):
    status, headers, _ = request(
        gate, call("list_datasets"), headers=[(b"authorization", b"Basic dXNlcjpwYXNz")]
    )
    assert status == 401 and b"resource_metadata" in headers[b"www-authenticate"]
    token = issuer.mint(AUD)
    status, _h, body = request(
        gate,
        call("list_datasets"),
        headers=[
            (b"authorization", f"Bearer {token}".encode()),
            (b"authorization", f"Bearer {token}".encode()),
        ],
    )
    assert status == 401 and b"several Authorization headers" in body
    assert gate.inner.seen == []


def test_batch_with_one_forbidden_call_is_refused_whole(gate, issuer):
    token = issuer.mint(AUD, scope="mimic.schema")
    status, headers, body = request(
        gate,
        [call("list_tables", req_id=1), call("run_sql", {"sql": "SELECT 1"}, req_id=2)],
        token=token,
    )
    assert status == 403 and b'scope="mimic.sql"' in headers[b"www-authenticate"]
    assert json.loads(body)["id"] == 2 and gate.inner.seen == []


def test_patient_argument_without_row_level_scope_is_403(gate, issuer):
    token = issuer.mint(AUD, scope="trials")
    status, headers, _ = request(gate, call("search_trials", {"subject_id": 10000032}), token=token)
    assert status == 403 and b'scope="mimic.patient"' in headers[b"www-authenticate"]
    rec = list(read_records(gate.audit_path))[-1]
    assert rec.extra["rule"] == "row_level" and rec.arguments == {"subject_id": 10000032}


def test_unknown_tools_and_bad_json_pass_to_the_server(gate, issuer):
    token = issuer.mint(AUD, scope="calc")
    assert request(gate, call("no_such_tool"), token=token)[0] == 200
    assert request(gate, b"{not json", token=token)[0] == 200  # the SDK answers a parse error
    assert len(gate.inner.seen) == 2


def test_oversized_body_is_413(gate, issuer):
    big = call("run_sql", {"sql": "SELECT '" + "x" * 20_000 + "'"})
    status, _h, body = request(gate, big, token=issuer.mint(AUD))
    assert status == 413 and b"over 10000 bytes" in body and gate.inner.seen == []


def test_metadata_is_public_and_other_paths_need_a_token(gate):
    status, _h, body = request(gate, method="GET", path="/.well-known/oauth-protected-resource")
    assert status == 200 and json.loads(body)["resource"] == AUD
    assert request(gate, method="GET", path="/anything")[0] == 401


def test_unauthenticated_flood_is_refused_but_audited_only_up_to_a_budget(gate):
    n = AUDITED_401_BURST + 50
    statuses = {request(gate, call("list_datasets"), remote="10.0.0.9")[0] for _ in range(n)}
    assert statuses == {401}
    records = list(read_records(gate.audit_path))
    assert AUDITED_401_BURST <= len(records) < n and gate.unaudited == n - len(records)
    # Another address has its own budget; a later audited record counts what was left out.
    request(gate, call("list_datasets"), remote="10.0.0.10")
    assert list(read_records(gate.audit_path))[-1].extra["remote"] == "10.0.0.10"
    gate._flood["10.0.0.9"][0] = 5.0  # time has passed: tokens again
    request(gate, call("list_datasets"), remote="10.0.0.9")
    last = list(read_records(gate.audit_path))[-1]
    assert last.extra["unaudited_before"] == gate.unaudited
    assert verify(gate.audit_path).ok
