"""OAuth 2.1 resource server for the HTTP transport: JWT access tokens checked against a JWKS.

Two pieces:

- :class:`JWKSTokenVerifier` implements the SDK's ``TokenVerifier`` protocol
  (``verify_token(token) -> AccessToken | None``) and, with reasons, :meth:`~JWKSTokenVerifier.
  verify`. It checks a JWS-compact JWT against the issuer's JWKS (fetched with httpx at start-up,
  cached, refetched after ``jwks_ttl_s`` and when a token names an unknown ``kid``, at most once
  every ``jwks_refresh_s``): the algorithm is on the allow-list (RS256, ES256, EdDSA) and matches
  the key's type, so ``alg: none`` and HS256 "signed" with the public key are refused before any
  key is touched; then the signature, ``iss`` (exact), ``aud`` (this server's resource URL),
  ``exp``, ``nbf`` and ``iat`` (with a small leeway). Keys in the token's header (``jwk``,
  ``jku``, ``x5u``) are never used.
- :class:`AuthGate`, an ASGI middleware around the streamable HTTP app. It serves the RFC 9728
  protected-resource metadata, answers a missing or invalid token with 401 and a
  ``WWW-Authenticate`` challenge naming the metadata, and a ``tools/call`` (or
  ``resources/read``) the token's scopes do not cover with 403 ``insufficient_scope`` naming the
  scope (the MCP authorization spec's scope challenge); both carry a JSON-RPC error body that MCP
  clients show. Every refusal is audited with the token's (claimed) subject and client id and
  the reason. An accepted token becomes the request's user exactly as the SDK's own middleware
  would do it (``scope["user"]``, ``get_access_token()``), so the tools audit its subject.

Why not the SDK's ``RequireAuthMiddleware``: its 401 never says what was wrong with a token, it
only knows scopes required for every request (not per tool) and audits nothing.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import ipaddress
import json
import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import anyio
import httpx
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, OKPKey, RSAKey, import_key
from joserfc.jws import JWSRegistry
from mcp.server.auth.middleware.auth_context import auth_context_var
from mcp.server.auth.middleware.bearer_auth import AuthenticatedUser
from mcp.server.auth.provider import AccessToken
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.authentication import AuthCredentials
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from m3agent.audit import AuditLog
from m3agent.server.policy import InsufficientScope, Policy
from m3agent.tools.errors import ConfigError, M3AgentError

#: The signature algorithms a token may use: asymmetric only.
ALLOWED_ALGORITHMS = ("RS256", "ES256", "EdDSA")

#: Longest token accepted (bytes); real access tokens are a few kB.
MAX_TOKEN_BYTES = 16_384

#: Largest JWKS or metadata document read (bytes).
MAX_DOCUMENT_BYTES = 1_048_576

#: Smallest RSA modulus accepted (NIST SP 800-131A: 2048 bits).
MIN_RSA_BITS = 2048

#: JOSE ``typ`` values accepted (RFC 9068 §4 ``at+jwt``; many providers still send ``JWT``).
ACCEPTED_TYP = frozenset({"at+jwt", "application/at+jwt", "jwt"})

_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


# -- configuration -----------------------------------------------------------------------------


def _check_url(name: str, value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{name} must be an http(s) URL, found {value!r}")
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK:
        raise ValueError(f"{name} must use https (plain http only on loopback), found {value!r}")
    if parts.fragment or (parts.query and name == "issuer"):  # RFC 8414 §2: no query
        raise ValueError(f"{name} must not have a query or fragment, found {value!r}")
    return value


class AuthConfig(BaseModel):
    """How tokens are checked (``M3AGENT_AUTH_*``, see :mod:`m3agent.server.config`).

    Attributes:
        issuer: The authorization server's issuer identifier; tokens' ``iss`` must equal it.
        audience: This server's resource URL (e.g. ``https://mcp.example.org/mcp``); tokens'
            ``aud`` must contain it.
        jwks_url: The issuer's JWKS; None to discover it from the issuer's metadata
            (RFC 8414 ``/.well-known/oauth-authorization-server``, then OpenID discovery).
        algorithms: Accepted signature algorithms, a subset of RS256, ES256, EdDSA.
        leeway_s: Clock skew tolerated on ``exp``, ``nbf`` and ``iat``.
        jwks_refresh_s: Fewest seconds between two JWKS fetches caused by unknown ``kid``s.
        jwks_ttl_s: Seconds after which the cached JWKS is refetched.
        http_timeout_s: Timeout of each JWKS or metadata request.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    issuer: str
    audience: str
    jwks_url: str | None = None
    algorithms: tuple[str, ...] = ALLOWED_ALGORITHMS
    leeway_s: float = Field(default=30.0, ge=0, le=300)
    jwks_refresh_s: float = Field(default=30.0, ge=0)
    jwks_ttl_s: float = Field(default=3600.0, gt=0)
    http_timeout_s: float = Field(default=5.0, gt=0)

    @field_validator("issuer")
    @classmethod
    def _issuer(cls, value: str) -> str:
        return _check_url("issuer", value)

    @field_validator("audience")
    @classmethod
    def _audience(cls, value: str) -> str:
        return _check_url("audience", value)

    @field_validator("jwks_url")
    @classmethod
    def _jwks(cls, value: str | None) -> str | None:
        return None if value is None else _check_url("jwks_url", value)

    @field_validator("algorithms")
    @classmethod
    def _algs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [a for a in value if a not in ALLOWED_ALGORITHMS]
        if bad or not value:
            raise ValueError(
                f"algorithms must be a non-empty subset of "
                f"{', '.join(ALLOWED_ALGORITHMS)}, found {', '.join(value) or '()'}"
            )
        return value

    @property
    def resource_metadata_url(self) -> str:
        """The RFC 9728 metadata URL of :attr:`audience` (``/.well-known/...`` + its path)."""
        parts = urlsplit(self.audience)
        path = parts.path.rstrip("/")
        return f"{parts.scheme}://{parts.netloc}/.well-known/oauth-protected-resource{path}"


# -- errors ------------------------------------------------------------------------------------


class TokenRejected(M3AgentError):
    """An access token was refused; ``kind`` names the check (and the audit's error class).

    Attributes:
        kind: ``MissingToken``, ``MalformedToken``, ``AlgorithmNotAllowed``, ``UnknownKey``,
            ``BadSignature``, ``TokenExpired``, ``TokenNotYetValid``, ``TokenIssuedInFuture``,
            ``WrongIssuer``, ``WrongAudience``, ``MissingClaim``.
        header: The token's JOSE header, when it could be decoded (unverified).
        claims: The token's claims, when they could be decoded (unverified).
    """

    code = "invalid_token"

    def __init__(
        self,
        kind: str,
        message: str,
        *,
        header: dict[str, Any] | None = None,
        claims: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.header = header or {}
        self.claims = claims or {}


# -- keys --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Key:
    kid: str | None
    alg: str  # the one algorithm this key verifies
    key: RSAKey | ECKey | OKPKey


_PUBLIC_MEMBERS = {
    "RSA": ("kty", "n", "e"),
    "EC": ("kty", "crv", "x", "y"),
    "OKP": ("kty", "crv", "x"),
}


def parse_jwks(data: Any, algorithms: tuple[str, ...]) -> tuple[list[_Key], list[str]]:
    """Turn a JWKS document into verification keys.

    Only public members are imported; symmetric keys, keys marked for encryption, curves and
    algorithms outside ``algorithms`` and RSA keys under 2048 bits are skipped (and listed).

    Returns:
        The usable keys and a description of each skipped key.

    Raises:
        ValueError: When ``data`` is not an object with a ``keys`` list.
    """
    if not isinstance(data, dict) or not isinstance(data.get("keys"), list):
        found = type(data).__name__ if not isinstance(data, dict) else f"keys {sorted(data)}"
        raise ValueError(f"expected a JWKS object with a 'keys' list, found {found}")
    keys: list[_Key] = []
    skipped: list[str] = []
    for i, jwk in enumerate(data["keys"]):
        label = f"key {i}" + (
            f" (kid {jwk.get('kid')!r})" if isinstance(jwk, dict) and jwk.get("kid") else ""
        )
        if not isinstance(jwk, dict):
            skipped.append(f"{label}: not an object")
            continue
        kty, crv = jwk.get("kty"), jwk.get("crv")
        alg = {
            "RSA": "RS256",
            "EC": "ES256" if crv == "P-256" else None,
            "OKP": "EdDSA" if crv == "Ed25519" else None,
        }.get(str(kty))
        if alg is None:
            skipped.append(
                f"{label}: key type {kty!r}{f' curve {crv!r}' if crv else ''} is "
                f"not used for RS256/ES256/EdDSA"
            )
            continue
        if jwk.get("use") not in (None, "sig"):
            skipped.append(f"{label}: use {jwk.get('use')!r} is not 'sig'")
            continue
        if jwk.get("alg") not in (None, alg):
            skipped.append(f"{label}: alg {jwk.get('alg')!r} does not fit a {kty} key")
            continue
        if alg not in algorithms:
            skipped.append(f"{label}: {alg} is not among the accepted algorithms")
            continue
        kid = jwk.get("kid")
        if kid is not None and not isinstance(kid, str):
            skipped.append(f"{label}: kid is not a string")
            continue
        bits = _rsa_bits(jwk) if kty == "RSA" else None
        if bits is not None and bits < MIN_RSA_BITS:  # before import, which would only warn
            skipped.append(f"{label}: RSA key of {bits} bits (under {MIN_RSA_BITS})")
            continue
        try:
            key = import_key({k: jwk[k] for k in _PUBLIC_MEMBERS[str(kty)] if k in jwk})
        except (JoseError, ValueError, TypeError, KeyError, binascii.Error) as e:
            skipped.append(f"{label}: cannot be imported ({e})")
            continue
        keys.append(_Key(kid=kid, alg=alg, key=key))  # type: ignore[arg-type]
    return keys, skipped


def _rsa_bits(jwk: dict[str, Any]) -> int | None:
    n = jwk.get("n")
    if not isinstance(n, str):
        return None
    try:
        raw = base64.urlsafe_b64decode(n + "=" * (-len(n) % 4))
    except (binascii.Error, ValueError):
        return None
    return int.from_bytes(raw, "big").bit_length()


def _signature_ok(token: str, key: _Key) -> bool:
    """Check the JWS signature with the key's one algorithm.

    The algorithm model is taken from joserfc's registry directly: its ``get_alg`` would warn
    that "EdDSA" is superseded by the fully-specified "Ed25519" (RFC 9864), which identity
    providers do not issue yet; the allow-list and the key-type match are checked here.
    """
    signing_input, _, signature = token.rpartition(".")
    try:
        sig = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        return bool(JWSRegistry.algorithms[key.alg].verify(signing_input.encode(), sig, key.key))
    except (ValueError, TypeError, binascii.Error, JoseError):
        return False


def _b64json(segment: str, what: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        value = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise TokenRejected("MalformedToken", f"the token's {what} is not base64url JSON") from None
    if not isinstance(value, dict):
        raise TokenRejected("MalformedToken", f"the token's {what} is not a JSON object")
    return value


def _number(claims: dict[str, Any], name: str) -> float | None:
    value = claims.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TokenRejected(
            "MalformedToken",
            f"claim {name!r} must be a number of seconds, found {value!r}",
            claims=claims,
        )
    return float(value)


def _scopes(claims: dict[str, Any]) -> list[str]:
    raw = claims.get("scope", claims.get("scp"))
    if raw is None:
        return []
    if isinstance(raw, str):
        return sorted(set(raw.split()))
    if isinstance(raw, list) and all(isinstance(s, str) for s in raw):
        return sorted(set(raw))
    raise TokenRejected(
        "MalformedToken",
        f"claim 'scope' must be a space-separated string, found {type(raw).__name__}",
        claims=claims,
    )


# -- the verifier ------------------------------------------------------------------------------


class JWKSTokenVerifier:
    """Verify JWT access tokens against an issuer's JWKS (the SDK's ``TokenVerifier``).

    Args:
        config: Issuer, audience, JWKS URL and tolerances.
        clock: Seconds since the epoch (injectable for tests).

    Call :meth:`load_sync` (or ``await`` :meth:`load`) once at start-up: it fails with a
    :class:`ConfigError` if the issuer's metadata or JWKS cannot be fetched, is not JSON or holds
    no usable key, so a misconfigured server never starts.
    """

    def __init__(self, config: AuthConfig, *, clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self.jwks_url: str | None = config.jwks_url
        self._clock = clock
        self._keys: list[_Key] = []
        self.skipped: list[str] = []
        self._fetched_at = float("-inf")  # monotonic time of the last fetch attempt
        self._loaded_at = float("-inf")  # monotonic time of the last successful fetch
        self._refresh_lock: asyncio.Lock | None = None
        self._cache: OrderedDict[str, AccessToken] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.fetches = 0

    # -- loading ---------------------------------------------------------------------------

    def load_sync(self) -> None:
        """Discover (if needed) and fetch the JWKS, blocking.

        Raises:
            ConfigError: Naming the URL and what was wrong (unreachable, HTTP status, not JSON,
                no usable keys, metadata for another issuer).
        """
        with httpx.Client(timeout=self.config.http_timeout_s, follow_redirects=False) as client:
            if self.jwks_url is None:
                self.jwks_url = self._discover(client)
            data = self._get_json(client, self.jwks_url, "JWKS")
        self._install(data)

    async def load(self) -> None:
        """Like :meth:`load_sync`, without blocking the event loop."""
        await anyio.to_thread.run_sync(self.load_sync)

    def _discover(self, client: httpx.Client) -> str:
        issuer = self.config.issuer.rstrip("/")
        parts = urlsplit(issuer)
        base = f"{parts.scheme}://{parts.netloc}"
        candidates = [
            f"{base}/.well-known/oauth-authorization-server{parts.path}",
            f"{issuer}/.well-known/openid-configuration",
        ]
        problems = []
        for url in candidates:
            try:
                meta = self._get_json(client, url, "issuer metadata")
            except ConfigError as e:
                problems.append(e.message)
                continue
            if meta.get("issuer") != self.config.issuer:
                raise ConfigError(
                    f"The metadata at {url} is for issuer {meta.get('issuer')!r}, not the "
                    f"configured M3AGENT_AUTH_ISSUER {self.config.issuer!r}.",
                    hint="Set M3AGENT_AUTH_ISSUER to the exact issuer the provider states.",
                )
            jwks_uri = meta.get("jwks_uri")
            if not isinstance(jwks_uri, str):
                raise ConfigError(
                    f"The issuer metadata at {url} has no 'jwks_uri'.",
                    hint="Set M3AGENT_AUTH_JWKS_URL explicitly.",
                )
            try:
                return _check_url("jwks_uri", jwks_uri)
            except ValueError as e:
                raise ConfigError(f"The issuer metadata at {url}: {e}.") from None
        raise ConfigError(
            "Cannot discover the issuer's JWKS: " + " ".join(problems),
            hint="Check M3AGENT_AUTH_ISSUER, or set M3AGENT_AUTH_JWKS_URL.",
        )

    def _get_json(self, client: httpx.Client, url: str, what: str) -> dict[str, Any]:
        self._fetched_at = time.monotonic()
        try:
            with client.stream("GET", url, headers={"Accept": "application/json"}) as r:
                if r.status_code != 200:
                    raise ConfigError(
                        f"The {what} at {url} answered HTTP {r.status_code}, expected 200."
                    )
                body = b""
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > MAX_DOCUMENT_BYTES:
                        raise ConfigError(
                            f"The {what} at {url} is over {MAX_DOCUMENT_BYTES} bytes."
                        )
        except httpx.HTTPError as e:
            raise ConfigError(
                f"The {what} at {url} is unreachable: {type(e).__name__}: {e}.",
                hint="Check the URL and that the server can reach it.",
            ) from None
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise ConfigError(f"The {what} at {url} is not JSON (found {body[:60]!r}).") from None
        if not isinstance(data, dict):
            raise ConfigError(
                f"The {what} at {url} must be a JSON object, found {type(data).__name__}."
            )
        return data

    def _install(self, data: dict[str, Any]) -> None:
        try:
            keys, skipped = parse_jwks(data, self.config.algorithms)
        except ValueError as e:
            raise ConfigError(f"The JWKS at {self.jwks_url}: {e}.") from None
        if not keys:
            raise ConfigError(
                f"The JWKS at {self.jwks_url} holds no usable signing key"
                + (f" ({'; '.join(skipped)})" if skipped else " (its 'keys' list is empty)")
                + ".",
                hint=f"Tokens must be signed with {', '.join(self.config.algorithms)}.",
            )
        self._keys, self.skipped = keys, skipped
        self._loaded_at = time.monotonic()
        self.fetches += 1
        with self._cache_lock:
            self._cache.clear()  # keys may have been withdrawn

    async def refresh(self, *, force: bool = False) -> bool:
        """Refetch the JWKS unless fetched within ``jwks_refresh_s`` (or ``force``).

        Concurrent callers share one fetch. A failed fetch keeps the keys already held.

        Returns:
            Whether a fetch was made and succeeded.
        """
        if self._refresh_lock is None:
            self._refresh_lock = asyncio.Lock()
        async with self._refresh_lock:
            if not force and time.monotonic() - self._fetched_at < self.config.jwks_refresh_s:
                return False
            url = self.jwks_url
            if url is None:
                return False
            self._fetched_at = time.monotonic()
            try:
                async with httpx.AsyncClient(timeout=self.config.http_timeout_s) as client:
                    r = await client.get(url, headers={"Accept": "application/json"})
                if r.status_code != 200 or len(r.content) > MAX_DOCUMENT_BYTES:
                    return False
                data = json.loads(r.content)
                if not isinstance(data, dict):
                    return False
                self._install(data)
            except (httpx.HTTPError, ValueError, ConfigError):
                return False
            return True

    @property
    def key_ids(self) -> list[str | None]:
        """The ``kid`` of each key held."""
        return [k.kid for k in self._keys]

    # -- verification ----------------------------------------------------------------------

    async def verify_token(self, token: str) -> AccessToken | None:
        """The SDK's ``TokenVerifier`` protocol: the token's details, or None if refused."""
        try:
            return await self.verify(token)
        except TokenRejected:
            return None

    async def verify(self, token: str) -> AccessToken:
        """Check ``token`` and return its details.

        Raises:
            TokenRejected: With ``kind`` naming the failed check and a message saying why.
        """
        now = self._clock()
        with self._cache_lock:
            cached = self._cache.get(token)
            if cached is not None:
                self._cache.move_to_end(token)
        if cached is not None and (cached.expires_at or 0) + self.config.leeway_s > now:
            return cached
        if time.monotonic() - self._loaded_at > self.config.jwks_ttl_s:
            await self.refresh()
        header, claims, alg, kid = self._parse(token)
        key = self._find_key(alg, kid)
        if key is None and kid is not None:
            await self.refresh()
            key = self._find_key(alg, kid)
        if key is None:
            raise TokenRejected(
                "UnknownKey",
                f"the token's key id {kid!r} is not in the issuer's JWKS (keys: "
                f"{', '.join(repr(k) for k in self.key_ids)}; refetched at most every "
                f"{self.config.jwks_refresh_s:g} s)"
                if kid is not None
                else f"the token has no key id and the JWKS holds {len(self._keys)} {alg} keys",
                header=header,
                claims=claims,
            )
        if not _signature_ok(token, key):
            raise TokenRejected(
                "BadSignature",
                f"the token's {alg} signature does not verify with key {key.kid!r}",
                header=header,
                claims=claims,
            )
        access = self._check_claims(token, header, claims, now)
        with self._cache_lock:
            self._cache[token] = access
            if len(self._cache) > 4096:
                self._cache.popitem(last=False)
        return access

    def _parse(self, token: str) -> tuple[dict[str, Any], dict[str, Any], str, str | None]:
        if not isinstance(token, str) or not token:
            raise TokenRejected("MalformedToken", "the bearer token is empty")
        if len(token) > MAX_TOKEN_BYTES:
            raise TokenRejected(
                "MalformedToken", f"the token is {len(token)} bytes, over {MAX_TOKEN_BYTES}"
            )
        parts = token.split(".")
        if len(parts) != 3:
            raise TokenRejected(
                "MalformedToken",
                f"expected a signed JWT (three dot-separated parts), found {len(parts)} part(s)",
            )
        header = _b64json(parts[0], "header")
        try:
            claims = _b64json(parts[1], "claims")
        except TokenRejected as e:
            e.header = header
            raise
        alg = header.get("alg")
        if alg not in self.config.algorithms:
            shown = "none (an unsigned token)" if str(alg).lower() == "none" else repr(alg)
            extra = (
                (" (a symmetric algorithm: this server only trusts the issuer's public keys)")
                if str(alg).upper().startswith("HS")
                else ""
            )
            raise TokenRejected(
                "AlgorithmNotAllowed",
                f"the token's algorithm {shown} is not allowed{extra}; expected "
                f"{', '.join(self.config.algorithms)}",
                header=header,
                claims=claims,
            )
        if "crit" in header:
            raise TokenRejected(
                "MalformedToken",
                f"critical header extensions {header['crit']!r} are not supported",
                header=header,
                claims=claims,
            )
        typ = header.get("typ")
        if typ is not None and (not isinstance(typ, str) or typ.lower() not in ACCEPTED_TYP):
            raise TokenRejected(
                "MalformedToken",
                f"the token's type {typ!r} is not an access token (expected at+jwt or JWT)",
                header=header,
                claims=claims,
            )
        kid = header.get("kid")
        if kid is not None and not isinstance(kid, str):
            raise TokenRejected(
                "MalformedToken", "the token's kid is not a string", header=header, claims=claims
            )
        return header, claims, alg, kid

    def _find_key(self, alg: str, kid: str | None) -> _Key | None:
        if kid is not None:
            return next((k for k in self._keys if k.kid == kid and k.alg == alg), None)
        fitting = [k for k in self._keys if k.alg == alg]
        return fitting[0] if len(fitting) == 1 else None

    def _check_claims(
        self, token: str, header: dict[str, Any], claims: dict[str, Any], now: float
    ) -> AccessToken:
        leeway = self.config.leeway_s

        def fail(kind: str, message: str) -> TokenRejected:
            return TokenRejected(kind, message, header=header, claims=claims)

        iss = claims.get("iss")
        if iss is None:
            raise fail("MissingClaim", "the token has no 'iss' (issuer) claim")
        if iss != self.config.issuer:
            raise fail(
                "WrongIssuer", f"the token was issued by {iss!r}, expected {self.config.issuer!r}"
            )
        aud = claims.get("aud")
        auds = [aud] if isinstance(aud, str) else aud if isinstance(aud, list) else None
        if not auds:
            raise fail("MissingClaim", "the token has no 'aud' (audience) claim")
        want = self.config.audience.rstrip("/")
        if not any(isinstance(a, str) and a.rstrip("/") == want for a in auds):
            raise fail(
                "WrongAudience",
                f"the token is meant for {aud!r}, not this server ({self.config.audience!r})",
            )
        exp = _number(claims, "exp")
        if exp is None:
            raise fail("MissingClaim", "the token has no 'exp' (expiry) claim")
        if now >= exp + leeway:
            raise fail("TokenExpired", f"the token expired {now - exp:.0f} s ago")
        nbf = _number(claims, "nbf")
        if nbf is not None and now < nbf - leeway:
            raise fail(
                "TokenNotYetValid", f"the token is not valid for another {nbf - now:.0f} s (nbf)"
            )
        iat = _number(claims, "iat")
        if iat is None:
            raise fail("MissingClaim", "the token has no 'iat' (issued at) claim")
        if iat > now + leeway:
            raise fail(
                "TokenIssuedInFuture",
                f"the token claims to be issued {iat - now:.0f} s in the future",
            )
        sub = claims.get("sub")
        client_id = claims.get("client_id", claims.get("azp"))
        if (
            sub is not None
            and not isinstance(sub, str)
            or client_id is not None
            and not (isinstance(client_id, str))
        ):
            raise fail("MalformedToken", "claims 'sub' and 'client_id' must be strings")
        if not sub and not client_id:
            raise fail(
                "MissingClaim",
                "the token names neither a subject ('sub') nor a client ('client_id')",
            )
        return AccessToken(
            token=token,
            client_id=client_id or sub,
            scopes=_scopes(claims),
            expires_at=int(exp),
            resource=self.config.audience,
            subject=sub or None,
            claims={k: claims[k] for k in ("iss", "jti", "iat", "azp") if k in claims},
        )


# -- the HTTP gate -----------------------------------------------------------------------------

#: Audited 401 refusals per remote address: a burst, then this many a second. The rest are
#: refused all the same, and counted in the next audited record (``extra.unaudited_before``).
AUDITED_401_BURST = 100
AUDITED_401_PER_S = 10.0

#: JSON-RPC error codes of refusals (implementation-defined server error range).
UNAUTHORIZED_CODE = -32001
FORBIDDEN_CODE = -32003

_HEADER_UNSAFE = re.compile(r"[^\x20\x21\x23-\x5b\x5d-\x7e]")


def _quoted(text: str) -> str:
    """Text safe inside a quoted WWW-Authenticate parameter (RFC 6750 §3)."""
    return _HEADER_UNSAFE.sub("'", text)[:300]


def protected_resource_metadata(config: AuthConfig, policy: Policy) -> dict[str, Any]:
    """The RFC 9728 metadata of this resource server."""
    return {
        "resource": config.audience,
        "authorization_servers": [config.issuer],
        "scopes_supported": list(policy.scopes),
        "bearer_methods_supported": ["header"],
        "resource_signing_alg_values_supported": list(config.algorithms),
        "resource_name": "m3-agent: MIMIC-IV tools",
    }


class AuthGate:
    """ASGI middleware: bearer-token authentication and per-tool scopes for the MCP endpoint.

    Args:
        app: The streamable HTTP app (built without the SDK's auth).
        verifier: The token verifier (its JWKS loaded).
        policy: Scopes per tool and resource.
        audit_path: The audit log refusals are written to.
        max_body: Largest request body inspected (bytes); larger ones are refused with 413.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        verifier: JWKSTokenVerifier,
        policy: Policy,
        audit_path: Path,
        max_body: int = 4_194_304,
    ) -> None:
        self.app = app
        self.verifier = verifier
        self.policy = policy
        self.config = verifier.config
        self.audit_path = audit_path
        self.max_body = max_body
        self._audit: AuditLog | None = None
        self._audit_lock = threading.Lock()
        meta_path = urlsplit(self.config.resource_metadata_url).path
        self.metadata_paths = {meta_path, "/.well-known/oauth-protected-resource"}
        self.metadata = json.dumps(protected_resource_metadata(self.config, policy)).encode()
        self.refusals = 0
        self.unaudited = 0
        # Per remote address: [tokens, last refill (monotonic), refusals not audited since].
        self._flood: dict[str, list[float]] = {}
        self._flood_lock = threading.Lock()

    # -- ASGI ----------------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the metadata, authenticate, check scopes, then pass the request on."""
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websocket routes exist; refuse rather than pass
            await send({"type": "websocket.close", "code": 1008})
            return
        method = scope.get("method", "GET")
        if scope.get("path") in self.metadata_paths and method in ("GET", "HEAD", "OPTIONS"):
            await self._send(
                send,
                200,
                self.metadata,
                [(b"access-control-allow-origin", b"*"), (b"cache-control", b"max-age=3600")],
            )
            return
        request = _Request(scope)
        tokens = [v for k, v in scope.get("headers", []) if k == b"authorization"]
        if len(tokens) != 1 or not tokens[0][:7].lower() == b"bearer ":
            detail = (
                "several Authorization headers"
                if len(tokens) > 1
                else "the Authorization header is not a Bearer token"
                if tokens
                else "no Authorization header"
            )
            await self._refuse_401(
                send,
                request,
                TokenRejected(
                    "MissingToken", f"this MCP server needs an OAuth bearer token ({detail})"
                ),
                no_error_code=not tokens,
            )
            return
        raw = tokens[0][7:].strip().decode("latin-1")
        try:
            access = await self.verifier.verify(raw)
        except TokenRejected as e:
            await self._refuse_401(send, request, e)
            return
        user = AuthenticatedUser(access)
        scope["user"] = user
        scope["auth"] = AuthCredentials(access.scopes)
        if method == "POST":
            body = await _read_body(receive, self.max_body)
            if body is None:
                await self._send_jsonrpc(
                    send, 413, None, -32600, f"The request body is over {self.max_body} bytes.", []
                )
                return
            refusal = self._check_scopes(body, access)
            if refusal is not None:
                message, err = refusal
                await self._refuse_403(send, request, access, message, err)
                return
            receive = _replay(body, receive)
        reset = auth_context_var.set(user)
        try:
            await self.app(scope, receive, send)
        finally:
            auth_context_var.reset(reset)

    # -- scopes --------------------------------------------------------------------------------

    def _check_scopes(
        self, body: bytes, access: AccessToken
    ) -> tuple[dict[str, Any], InsufficientScope] | None:
        try:
            parsed = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return None  # the transport answers a parse error; nothing runs
        scopes = frozenset(access.scopes)
        for message in parsed if isinstance(parsed, list) else [parsed]:
            if not isinstance(message, dict) or not isinstance(message.get("params"), dict):
                continue
            params = message["params"]
            if message.get("method") == "tools/call" and isinstance(params.get("name"), str):
                name = params["name"]
                # A tool no scope lists is refused by the tool layer (or is unknown to the SDK).
                if not self.policy.scopes_granting_tool(name):
                    continue
                args = params.get("arguments")
                try:
                    self.policy.grant(name, scopes, args if isinstance(args, dict) else None)
                except InsufficientScope as e:
                    return message, e
            elif message.get("method") == "resources/read" and isinstance(params.get("uri"), str):
                try:
                    self.policy.check_resource(params["uri"], scopes)
                except InsufficientScope as e:
                    return message, e
        return None

    # -- responses -----------------------------------------------------------------------------

    async def _refuse_401(
        self, send: Send, request: _Request, err: TokenRejected, no_error_code: bool = False
    ) -> None:
        meta = self.config.resource_metadata_url
        if no_error_code:  # RFC 6750 §3.1: no error code when no credentials were sent
            challenge = f'Bearer realm="m3-agent", resource_metadata="{meta}"'
        else:
            challenge = (
                f'Bearer realm="m3-agent", error="invalid_token", error_description='
                f'"{_quoted(err.message)}", resource_metadata="{meta}"'
            )
        claims = err.claims
        sub, client = claims.get("sub"), claims.get("client_id", claims.get("azp"))
        suppressed = self._unauthenticated_budget(request.client or "unknown")
        if suppressed is None:  # over the address's audit budget: refuse without a record
            await self._send_401(send, err, challenge, no_error_code)
            return
        await self._audit_refusal(
            identity=sub if isinstance(sub, str) and sub else "anonymous",
            client_id=client if isinstance(client, str) else None,
            tool="http",
            request=request,
            arguments={"http_method": request.method, "path": request.path},
            error_class=err.kind,
            request_id=None,
            extra={
                "rule": "invalid_token" if err.kind != "MissingToken" else "missing_token",
                "reason": err.message,
                "verified": False,
                "alg": err.header.get("alg"),
                "kid": err.header.get("kid"),
                "remote": request.client,
                "unaudited_before": suppressed or None,
            },
        )
        await self._send_401(send, err, challenge, no_error_code)

    def _unauthenticated_budget(self, remote: str) -> int | None:
        """Whether to audit one more 401 from ``remote``: the refusals left unaudited since its
        last audited one (to note in this record), or None to skip auditing this one.

        Unauthenticated requests cost nothing to send, and each audit record is an fsync: past
        :data:`AUDITED_401_BURST` records, an address gets :data:`AUDITED_401_PER_S` a second,
        and the record that follows a gap says how many refusals it left out.
        """
        now = time.monotonic()
        with self._flood_lock:
            state = self._flood.get(remote)
            if state is None:
                if len(self._flood) > 10_000:
                    self._flood.clear()
                state = self._flood[remote] = [float(AUDITED_401_BURST), now, 0.0]
            state[0] = min(
                float(AUDITED_401_BURST), state[0] + (now - state[1]) * AUDITED_401_PER_S
            )
            state[1] = now
            if state[0] < 1:
                state[2] += 1
                self.unaudited += 1
                return None
            state[0] -= 1
            skipped, state[2] = int(state[2]), 0.0
            return skipped

    async def _send_401(
        self, send: Send, err: TokenRejected, challenge: str, no_error_code: bool
    ) -> None:
        await self._send_jsonrpc(
            send,
            401,
            None,
            UNAUTHORIZED_CODE,
            f"Unauthorized: {err.message}.",
            [(b"www-authenticate", challenge.encode("latin-1"))],
            data={
                "error": "missing_token" if no_error_code else "invalid_token",
                "reason": err.kind,
            },
        )

    async def _refuse_403(
        self,
        send: Send,
        request: _Request,
        access: AccessToken,
        message: dict[str, Any],
        err: InsufficientScope,
    ) -> None:
        params = message.get("params") or {}
        tool = params.get("name") if message.get("method") == "tools/call" else None
        needed = " ".join(err.needed)
        challenge = (
            f'Bearer realm="m3-agent", error="insufficient_scope", scope="{needed}", '
            f'error_description="{_quoted(err.message)}", '
            f'resource_metadata="{self.config.resource_metadata_url}"'
        )
        args = params.get("arguments") if tool else {"uri": params.get("uri")}
        await self._audit_refusal(
            identity=access.subject or access.client_id,
            client_id=access.client_id,
            tool=str(tool or message.get("method")),
            request=request,
            arguments=args if isinstance(args, dict) else {"arguments": repr(args)[:500]},
            error_class="InsufficientScope",
            request_id=message.get("id"),
            extra={
                "rule": err.rule,
                "needed_scopes": err.needed,
                "token_scopes": sorted(access.scopes),
                "verified": True,
                "remote": request.client,
            },
        )
        await self._send_jsonrpc(
            send,
            403,
            message.get("id"),
            FORBIDDEN_CODE,
            f"Forbidden: {err}",
            [(b"www-authenticate", challenge.encode("latin-1"))],
            data={"error": "insufficient_scope", "rule": err.rule, "needed_scopes": err.needed},
        )

    async def _send_jsonrpc(
        self,
        send: Send,
        status: int,
        req_id: Any,
        code: int,
        text: str,
        headers: list[tuple[bytes, bytes]],
        data: dict[str, Any] | None = None,
    ) -> None:
        if not isinstance(req_id, str | int) or isinstance(req_id, bool):
            req_id = None
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "id": req_id,
                "error": {"code": code, "message": text, **({"data": data} if data else {})},
            }
        ).encode()
        await self._send(send, status, body, headers)

    @staticmethod
    async def _send(
        send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]
    ) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    *headers,
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    # -- audit ---------------------------------------------------------------------------------

    def _log(self) -> AuditLog:
        with self._audit_lock:
            if self._audit is None:
                self._audit = AuditLog(self.audit_path)
            return self._audit

    async def _audit_refusal(
        self,
        *,
        identity: str,
        client_id: str | None,
        tool: str,
        request: _Request,
        arguments: dict[str, Any],
        error_class: str,
        request_id: Any,
        extra: dict[str, Any],
    ) -> None:
        self.refusals += 1
        rid = (
            str(request_id)
            if isinstance(request_id, str | int) and not isinstance(request_id, bool)
            else f"http-{uuid.uuid4().hex[:16]}"
        )
        fields: dict[str, Any] = dict(
            kind="refusal",
            request_id=rid,
            session_id=request.session_id,
            identity=identity[:200],
            client_id=(client_id or None) and client_id[:200],
            tool=tool[:200] or "http",
            arguments=arguments,
            outcome="error",
            error_class=error_class,
            duration_ms=0.0,
            extra={k: v for k, v in extra.items() if v is not None},
        )
        await anyio.to_thread.run_sync(lambda: self._log().append(**fields))

    def close(self) -> None:
        """Close the gate's audit log handle."""
        with self._audit_lock:
            if self._audit is not None:
                self._audit.close()
                self._audit = None


class _Request:
    """What the gate records about an HTTP request (computed only when a refusal is audited)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.method = str(scope.get("method", ""))
        self.path = str(scope.get("path", ""))

    @property
    def client(self) -> str | None:
        """The remote address."""
        client = self.scope.get("client")
        host = client[0] if client else None
        try:
            return str(ipaddress.ip_address(host)) if host else None
        except ValueError:
            return str(host)[:100]

    @property
    def session_id(self) -> str:
        """The MCP session id, or a fresh id for a stateless request."""
        sid = next(
            (
                v.decode("latin-1")
                for k, v in self.scope.get("headers", [])
                if k == b"mcp-session-id"
            ),
            None,
        )
        return sid[:200] if sid else f"http-{uuid.uuid4().hex[:12]}"


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Callable[[], Awaitable[Message]]:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
