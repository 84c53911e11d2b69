"""The JWKS token verifier: good tokens of each algorithm, every attack refused with a reason,
JWKS caching and refresh, and start-up refusals for a misconfigured issuer or JWKS."""

from __future__ import annotations

import time

import anyio
import pytest
from test_auth_support import ALL_SCOPES, Issuer, b64json, free_port

from m3agent.server.auth import (
    AuthConfig,
    JWKSTokenVerifier,
    TokenRejected,
    parse_jwks,
)
from m3agent.server.config import auth_config_from_env
from m3agent.tools.errors import ConfigError

AUD = "http://127.0.0.1:8000/mcp"


@pytest.fixture(scope="module")
def issuer():
    iss = Issuer()
    yield iss
    iss.close()


@pytest.fixture
def verifier(issuer):
    issuer.body = None
    v = JWKSTokenVerifier(
        AuthConfig(issuer=issuer.url, audience=AUD, jwks_url=issuer.jwks_url, jwks_refresh_s=0)
    )
    v.load_sync()
    return v


def verify(v: JWKSTokenVerifier, token: str):
    return anyio.run(v.verify, token)


def rejected(v: JWKSTokenVerifier, token: str) -> TokenRejected:
    with pytest.raises(TokenRejected) as e:
        verify(v, token)
    assert anyio.run(v.verify_token, token) is None  # the SDK protocol: None, never raises
    return e.value


@pytest.mark.parametrize("kid", ["rsa-1", "ec-1", "ed-1"])
def test_good_tokens_of_each_algorithm(verifier, issuer, kid):
    token = issuer.mint(AUD, kid=kid)
    access = verify(verifier, token)
    assert access.subject == "alice" and access.client_id == "notebook"
    assert access.scopes == sorted(ALL_SCOPES.split()) and access.resource == AUD
    assert access.claims["iss"] == issuer.url
    assert anyio.run(verifier.verify_token, token) == access


def test_scope_as_list_and_client_from_azp(verifier, issuer):
    access = verify(
        verifier,
        issuer.mint(AUD, scope=None, scp=["calc", "mimic.sql"], client_id=None, azp="app-7"),
    )
    assert access.scopes == ["calc", "mimic.sql"] and access.client_id == "app-7"


def test_audience_list_and_trailing_slash(verifier, issuer):
    verify(verifier, issuer.mint(AUD, aud=["https://other.example", AUD + "/"]))


def test_leeway_accepts_small_skew(verifier, issuer):
    now = int(time.time())
    verify(verifier, issuer.mint(AUD, exp=now - 10, iat=now - 100))
    verify(verifier, issuer.mint(AUD, nbf=now + 10, iat=now + 10))


def test_attack_cases_are_refused_with_reasons(verifier, issuer):
    now = int(time.time())
    issuer.add_key("rogue-ed", alg="EdDSA", publish=False)
    cases = {
        "expired": (issuer.mint(AUD, exp=now - 120, iat=now - 900), "TokenExpired", "expired"),
        "not yet valid": (issuer.mint(AUD, nbf=now + 600), "TokenNotYetValid", "nbf"),
        "wrong issuer": (
            issuer.mint(AUD, iss="https://evil.example"),
            "WrongIssuer",
            "issued by 'https://evil.example'",
        ),
        "wrong audience": (
            issuer.mint("https://other.example/mcp"),
            "WrongAudience",
            "not this server",
        ),
        "alg none": (issuer.alg_none(AUD), "AlgorithmNotAllowed", "unsigned token"),
        "HS/RS confusion": (
            issuer.hs256_with_public_key(AUD),
            "AlgorithmNotAllowed",
            "symmetric algorithm",
        ),
        "unknown kid": (issuer.mint(AUD, kid="rogue-ed"), "UnknownKey", "'rogue-ed'"),
        "tampered signature": (issuer.tampered(AUD), "BadSignature", "does not verify"),
        "issued in the future": (
            issuer.mint(AUD, iat=now + 3600),
            "TokenIssuedInFuture",
            "in the future",
        ),
    }
    for name, (token, kind, words) in cases.items():
        err = rejected(verifier, token)
        assert (err.kind, words in err.message) == (kind, True), (name, err.kind, err.message)
        assert err.claims.get("sub") in ("alice", "mallory"), name  # for the audit record


def test_unknown_kid_refetches_the_jwks_then_refuses(verifier, issuer):
    issuer.add_key("never-published", publish=False)
    before = issuer.hits.get("/jwks.json", 0)
    err = rejected(verifier, issuer.mint(AUD, kid="never-published"))
    assert err.kind == "UnknownKey"
    assert issuer.hits["/jwks.json"] > before  # it looked again before refusing


def test_rotated_key_is_picked_up_on_refresh(verifier, issuer):
    issuer.add_key("rsa-2", alg="RS256")
    assert "rsa-2" not in verifier.key_ids
    assert verify(verifier, issuer.mint(AUD, kid="rsa-2")).subject == "alice"
    assert "rsa-2" in verifier.key_ids


def test_unknown_kid_refreshes_are_rate_limited(issuer):
    v = JWKSTokenVerifier(
        AuthConfig(issuer=issuer.url, audience=AUD, jwks_url=issuer.jwks_url, jwks_refresh_s=60)
    )
    v.load_sync()
    issuer.add_key("flood", publish=False)
    before = issuer.hits["/jwks.json"]
    for _ in range(20):
        rejected(v, issuer.mint(AUD, kid="flood"))
    assert issuer.hits["/jwks.json"] == before  # fetched at start-up, not again within 60 s


def test_failed_refresh_keeps_the_keys(verifier, issuer):
    issuer.body = b"<html>down</html>"
    assert anyio.run(verifier.refresh) is False
    assert verify(verifier, issuer.mint(AUD)).subject == "alice"


@pytest.mark.parametrize(
    ("token", "words"),
    [
        ("", "empty"),
        ("abc", "three dot-separated parts"),
        ("a.b.c.d.e", "found 5 part(s)"),
        ("!!!.e30.x", "header is not base64url JSON"),
        (b64json([1]) + ".e30.x", "header is not a JSON object"),
        (b64json({"alg": "RS256"}) + ".bm90anNvbg.x", "claims is not base64url JSON"),
        ("x" * 20000, "over 16384"),
    ],
)
def test_malformed_tokens(verifier, token, words):
    err = rejected(verifier, token)
    assert err.kind == "MalformedToken" and words in err.message


def test_header_and_claim_checks(verifier, issuer):
    assert (
        "critical header"
        in rejected(verifier, issuer.mint(AUD, header={"crit": ["exp"], "exp": 1})).message
    )
    assert (
        "not an access token"
        in rejected(verifier, issuer.mint(AUD, header={"typ": "id_token+jwt"})).message
    )
    for claim in ("exp", "iat", "iss", "aud"):
        err = rejected(verifier, issuer.mint(AUD, **{claim: None}))
        assert err.kind == "MissingClaim" and f"'{claim}'" in err.message
    err = rejected(verifier, issuer.mint(AUD, sub=None, client_id=None))
    assert "neither a subject" in err.message
    err = rejected(verifier, issuer.mint(AUD, exp="tomorrow"))
    assert "must be a number" in err.message
    err = rejected(verifier, issuer.mint(AUD, scope={"a": 1}))
    assert "space-separated" in err.message


def test_algorithm_allow_list_is_configurable(issuer):
    v = JWKSTokenVerifier(
        AuthConfig(issuer=issuer.url, audience=AUD, jwks_url=issuer.jwks_url, algorithms=("ES256",))
    )
    v.load_sync()
    assert v.key_ids == ["ec-1"]
    assert rejected(v, issuer.mint(AUD, kid="rsa-1")).kind == "AlgorithmNotAllowed"
    verify(v, issuer.mint(AUD, kid="ec-1"))


def test_parse_jwks_skips_unusable_keys(issuer):
    from joserfc.jwk import ECKey, OctKey, RSAKey, SecurityWarning

    with pytest.warns(SecurityWarning):
        small = RSAKey.generate_key(1024, private=True).as_dict(private=False)
    keys, skipped = parse_jwks(
        {
            "keys": [
                issuer.public_jwk("rsa-1"),
                {**small, "kid": "small"},
                {**ECKey.generate_key("P-384").as_dict(private=False), "kid": "p384"},
                {**OctKey.generate_key(256).as_dict(), "kid": "hmac"},
                {**issuer.public_jwk("ec-1"), "use": "enc"},
                {**issuer.public_jwk("ed-1"), "alg": "RS256"},
                "junk",
            ]
        },
        ("RS256", "ES256", "EdDSA"),
    )
    assert [k.kid for k in keys] == ["rsa-1"]
    text = " | ".join(skipped)
    for words in (
        "1024 bits",
        "curve 'P-384'",
        "key type 'oct'",
        "use 'enc'",
        "does not fit",
        "not an object",
    ):
        assert words in text, words
    private = issuer.keys["rsa-1"][1].as_dict(private=True)
    keys, _ = parse_jwks({"keys": [{**private, "kid": "p"}]}, ("RS256",))
    assert not keys[0].key.is_private  # private members are never imported


# -- start-up ----------------------------------------------------------------------------------


def test_discovery_from_issuer_metadata(issuer):
    v = JWKSTokenVerifier(AuthConfig(issuer=issuer.url, audience=AUD))
    v.load_sync()
    assert v.jwks_url == issuer.jwks_url and len(v.key_ids) >= 3


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<html>not json</html>", "is not JSON"),
        (b'{"issuer": "x"}', "expected a JWKS object with a 'keys' list"),
        (b'{"keys": []}', "holds no usable signing key (its 'keys' list is empty)"),
        (b'{"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}', "key type 'oct'"),
        (b"[1, 2]", "must be a JSON object, found list"),
    ],
)
def test_bad_jwks_stops_start_up(issuer, body, expected):
    issuer.body = body
    try:
        v = JWKSTokenVerifier(AuthConfig(issuer=issuer.url, audience=AUD, jwks_url=issuer.jwks_url))
        with pytest.raises(ConfigError) as e:
            v.load_sync()
        assert expected in e.value.message and issuer.jwks_url in e.value.message
    finally:
        issuer.body = None


def test_unreachable_jwks_or_issuer_stops_start_up(issuer):
    dead = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(ConfigError, match="is unreachable"):
        JWKSTokenVerifier(
            AuthConfig(issuer=issuer.url, audience=AUD, jwks_url=dead + "/jwks.json")
        ).load_sync()
    with pytest.raises(ConfigError, match="Cannot discover the issuer's JWKS"):
        JWKSTokenVerifier(AuthConfig(issuer=dead, audience=AUD)).load_sync()
    with pytest.raises(ConfigError, match="answered HTTP 404"):
        JWKSTokenVerifier(
            AuthConfig(issuer=issuer.url, audience=AUD, jwks_url=issuer.url + "/missing")
        ).load_sync()


def test_metadata_of_another_issuer_stops_start_up(issuer):
    issuer.meta_issuer = "https://someone-else.example"
    try:
        with pytest.raises(ConfigError, match="is for issuer 'https://someone-else.example'"):
            JWKSTokenVerifier(AuthConfig(issuer=issuer.url, audience=AUD)).load_sync()
    finally:
        issuer.meta_issuer = None


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"issuer": "http://idp.example"}, "must use https"),
        ({"issuer": "ftp://idp.example"}, "must be an http(s) URL"),
        ({"issuer": "https://idp.example?x=1"}, "query or fragment"),
        ({"audience": "not a url"}, "must be an http(s) URL"),
        ({"algorithms": ("HS256",)}, "subset of RS256, ES256, EdDSA"),
        ({"algorithms": ()}, "non-empty subset"),
    ],
)
def test_auth_config_validation(kwargs, expected):
    base = {"issuer": "https://idp.example", "audience": "https://mcp.example/mcp"}
    with pytest.raises(ValueError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        AuthConfig(**{**base, **kwargs})


def test_auth_config_from_env(monkeypatch):
    monkeypatch.setenv("M3AGENT_AUTH_ISSUER", "https://idp.example")
    monkeypatch.setenv("M3AGENT_AUTH_ALGORITHMS", "ES256, EdDSA")
    monkeypatch.setenv("M3AGENT_AUTH_LEEWAY", "5")
    cfg = auth_config_from_env("http://127.0.0.1:8000/mcp")
    assert cfg.algorithms == ("ES256", "EdDSA") and cfg.leeway_s == 5
    assert cfg.audience == "http://127.0.0.1:8000/mcp"
    assert cfg.resource_metadata_url == (
        "http://127.0.0.1:8000/.well-known/oauth-protected-resource/mcp"
    )
    monkeypatch.setenv("M3AGENT_AUTH_ALGORITHMS", "HS256")
    with pytest.raises(ConfigError, match="M3AGENT_AUTH_ALGORITHMS: algorithms must be"):
        auth_config_from_env("http://127.0.0.1:8000/mcp")
    monkeypatch.setenv("M3AGENT_AUTH_ALGORITHMS", "RS256")
    monkeypatch.setenv("M3AGENT_AUTH_AUDIENCE", "http://mcp.example/mcp")
    with pytest.raises(ConfigError, match="M3AGENT_AUTH_AUDIENCE: audience must use https"):
        auth_config_from_env("http://127.0.0.1:8000/mcp")
