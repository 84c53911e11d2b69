"""Helpers for the auth and load tests (no tests here): a JWKS issuer on 127.0.0.1 with keys
made in the test, token minting (good and hostile), and an authenticated HTTP server process.

Also imported by benchmarks/bench_load.py.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import asynccontextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from joserfc.jwk import ECKey, OKPKey, RSAKey
from joserfc.jws import JWSRegistry

M3 = str(Path(sys.executable).with_name("m3-agent"))
ALL_SCOPES = "mimic.schema mimic.sql mimic.patient calc retrieval trials agent"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64json(obj: Any) -> str:
    return b64url(json.dumps(obj, separators=(",", ":")).encode())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Issuer:
    """A token issuer: RSA, EC P-256 and Ed25519 keys, a JWKS and RFC 8414 metadata served on
    127.0.0.1, and ``mint`` for tokens. ``hits`` counts requests per path; ``jwks`` can be
    replaced to rotate keys; ``body`` overrides the JWKS response (to serve garbage)."""

    def __init__(self) -> None:
        self.keys = {
            "rsa-1": ("RS256", RSAKey.generate_key(2048, parameters={"kid": "rsa-1"})),
            "ec-1": ("ES256", ECKey.generate_key("P-256", parameters={"kid": "ec-1"})),
            "ed-1": ("EdDSA", OKPKey.generate_key("Ed25519", parameters={"kid": "ed-1"})),
        }
        self.jwks: dict[str, Any] = {"keys": [self.public_jwk(k) for k in self.keys]}
        self.body: bytes | None = None
        self.meta_issuer: str | None = None  # to serve metadata naming another issuer
        self.hits: dict[str, int] = {}
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                issuer.hits[self.path] = issuer.hits.get(self.path, 0) + 1
                if self.path == "/jwks.json":
                    body = (
                        issuer.body if issuer.body is not None else json.dumps(issuer.jwks).encode()
                    )
                elif self.path == "/.well-known/oauth-authorization-server":
                    body = json.dumps(
                        {
                            "issuer": issuer.meta_issuer or issuer.url,
                            "jwks_uri": issuer.jwks_url,
                            "token_endpoint": issuer.url + "/token",
                        }
                    ).encode()
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.jwks_url = self.url + "/jwks.json"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def public_jwk(self, kid: str) -> dict[str, Any]:
        alg, key = self.keys[kid]
        return {**key.as_dict(private=False), "kid": kid, "use": "sig", "alg": alg}

    def add_key(self, kid: str, alg: str = "RS256", publish: bool = True) -> None:
        key = {
            "RS256": lambda: RSAKey.generate_key(2048),
            "ES256": lambda: ECKey.generate_key("P-256"),
            "EdDSA": lambda: OKPKey.generate_key("Ed25519"),
        }[alg]()
        self.keys[kid] = (alg, key)
        if publish:
            self.jwks = {"keys": [*self.jwks["keys"], self.public_jwk(kid)]}

    def claims(self, audience: str, **over: Any) -> dict[str, Any]:
        now = int(time.time())
        base = {
            "iss": self.url,
            "aud": audience,
            "sub": "alice",
            "client_id": "notebook",
            "scope": ALL_SCOPES,
            "iat": now,
            "exp": now + 600,
            "jti": os.urandom(6).hex(),
        }
        base.update(over)
        return {k: v for k, v in base.items() if v is not None}

    def mint(
        self,
        audience: str,
        *,
        kid: str = "rsa-1",
        header: dict[str, Any] | None = None,
        **claims: Any,
    ) -> str:
        alg, _key = self.keys[kid]
        hdr = {"alg": alg, "kid": kid, "typ": "at+jwt", **(header or {})}
        return self.sign_raw(hdr, self.claims(audience, **claims), kid)

    def sign_raw(self, header: dict[str, Any], claims: dict[str, Any], kid: str) -> str:
        """Sign exactly this header and these claims (no library checks on the header)."""
        alg, key = self.keys[kid]
        signing = b64json(header) + "." + b64json(claims)
        return signing + "." + b64url(JWSRegistry.algorithms[alg].sign(signing.encode(), key))

    def alg_none(self, audience: str, **claims: Any) -> str:
        return (
            b64json({"alg": "none", "typ": "JWT", "kid": "rsa-1"})
            + "."
            + b64json(self.claims(audience, **claims))
            + "."
        )

    def hs256_with_public_key(self, audience: str, **claims: Any) -> str:
        """The HS/RS confusion attack: HMAC-SHA256 keyed with the RSA public key's PEM."""
        _alg, key = self.keys["rsa-1"]
        secret = key.as_pem(private=False)
        signing = (
            b64json({"alg": "HS256", "typ": "JWT", "kid": "rsa-1"})
            + "."
            + b64json(self.claims(audience, **claims))
        )
        mac = hmac.new(secret, signing.encode(), hashlib.sha256).digest()
        return signing + "." + b64url(mac)

    def tampered(self, audience: str, **claims: Any) -> str:
        """A valid token whose claims were swapped for others after signing."""
        good = self.mint(audience, **claims)
        header, _payload, sig = good.split(".")
        forged = self.claims(audience, sub="mallory", scope=ALL_SCOPES)
        return f"{header}.{b64json(forged)}.{sig}"


def wait_port(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            out = proc.stderr.read().decode() if proc.stderr else ""
            raise AssertionError(f"server exited with {proc.returncode}: {out}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError("server did not start")


def server_env(
    demo_db: Path, audit: Path, issuer: Issuer | None, port: int, **extra: str
) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            (
                "M3AGENT_AUTH_",
                "M3AGENT_RATE",
                "M3AGENT_DAILY",
                "M3AGENT_MAX_CONCURRENT",
                "M3AGENT_POLICY",
            )
        )
    }
    env.update(
        M3AGENT_DB_MIMIC_IV_DEMO=str(demo_db),
        M3AGENT_AUDIT_LOG=str(audit),
        M3AGENT_DATA_DIR=str(audit.parent / "data"),
    )
    if issuer is not None:
        env.update(
            M3AGENT_AUTH_ISSUER=issuer.url,
            M3AGENT_AUTH_JWKS_URL=issuer.jwks_url,
            M3AGENT_AUTH_AUDIENCE=f"http://127.0.0.1:{port}/mcp",
        )
    env.update(extra)
    return env


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [M3, "serve", "--transport", "http", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_port(port, proc)
    return proc


def stop_server(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> int:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    return proc.returncode


def rss_kb(pid: int) -> int:
    """Resident set size of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError(f"no VmRSS for pid {pid}")


@asynccontextmanager
async def mcp_client(url: str, token: str | None):
    """An MCP client over streamable HTTP sending ``Authorization: Bearer <token>``."""
    import httpx2
    from mcp import Client
    from mcp.client.streamable_http import streamable_http_client

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx2.AsyncClient(headers=headers, timeout=60) as http:
        async with Client(streamable_http_client(url, http_client=http)) as client:
            yield client


def jsonrpc_call(
    url: str, token: str | None, tool: str, arguments: dict[str, Any], req_id: int = 1
):
    """One raw ``tools/call`` POST (httpx), returning the response."""
    import httpx

    headers = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    body = {
        "jsonrpc": "2.0",
        "id": req_id,
        "method": "tools/call",
        "params": {"name": tool, "arguments": arguments},
    }
    return httpx.post(url, json=body, headers=headers, timeout=30)


# -- load --------------------------------------------------------------------------------------

#: The calls each load client cycles through: cheap, read-only, each audited once.
LOAD_CALLS: list[tuple[str, dict[str, Any]]] = [
    ("run_sql", {"sql": "SELECT gender, count(*) AS n FROM patients GROUP BY gender"}),
    ("list_datasets", {}),
    ("search_concepts", {"text": "lactate", "kind": "lab", "limit": 5}),
    ("list_tables", {"schema": "icu"}),
]


class LoadResult:
    """What a load run saw from the clients' side."""

    def __init__(self) -> None:
        self.latencies_ms: list[float] = []
        self.errors: list[str] = []
        self.ok = 0
        self.elapsed_s = 0.0

    def pct(self, q: float) -> float:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


async def run_load(
    url: str, tokens: list[str], calls: int, result: LoadResult, stop_on_error: bool = False
) -> None:
    """``len(tokens)`` concurrent MCP clients, each making ``calls`` tool calls in one session."""
    import anyio

    async def client(token: str) -> None:
        try:
            async with mcp_client(url, token) as c:
                for i in range(calls):
                    tool, args = LOAD_CALLS[i % len(LOAD_CALLS)]
                    t0 = time.perf_counter()
                    try:
                        r = await c.call_tool(tool, args)
                    except Exception as e:  # noqa: BLE001 - counted, reported by the caller
                        result.errors.append(f"{tool}: {type(e).__name__}: {e}")
                        if stop_on_error:
                            return
                        continue
                    result.latencies_ms.append((time.perf_counter() - t0) * 1000)
                    if r.is_error:
                        result.errors.append(f"{tool}: {r.content[0].text[:200]}")
                    else:
                        result.ok += 1
        except Exception as e:  # noqa: BLE001 - a session that could not open or was cut
            result.errors.append(f"session: {type(e).__name__}: {e}")

    t0 = time.perf_counter()
    async with anyio.create_task_group() as tg:
        for token in tokens:
            tg.start_soon(client, token)
    result.elapsed_s = time.perf_counter() - t0


def count_lines(path: Path) -> tuple[int, bool]:
    """Complete (newline-terminated) lines of a file, and whether a torn fragment follows."""
    data = path.read_bytes()
    return data.count(b"\n"), bool(data) and not data.endswith(b"\n")
