"""Fuzzing every MCP tool's input schema through the in-memory client (shared by
tests/test_mcp_fuzz.py and benchmarks/bench_fuzz.py).

Arguments come from each tool's JSON schema: half valid (the small generator below, which reads
the types, enums, ``anyOf``, bounds and required keys pydantic writes), half ill-typed (any JSON
value for each property, sometimes with an unknown key or a required one missing). PyPI's
``hypothesis-jsonschema`` 0.23.1 installs but fails at the first draw with hypothesis 6.170
(``AttributeError: 'many' object has no attribute 'more'``: it uses a hypothesis internal that
changed), so it is not used. The
verdict on each call (:func:`judge`): a result with structured content, or a tool error whose
text is clear. A call that raises, an empty error, a traceback, or an error that only names a
Python exception (``<tool> failed: KeyError: ...``, what the server says when a tool hits a bug)
counts as a crash.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from anyio.from_thread import start_blocking_portal
from hypothesis import strategies as st
from mcp import Client

JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=10,
)

_BUG = re.compile(r"\bfailed: [A-Za-z_]+(Error|Exception)\b|Traceback \(most recent call")


def _simple_from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values valid for the JSON schemas pydantic writes for these tools (types, enums, anyOf,
    bounds, objects)."""
    if "anyOf" in schema:
        return st.one_of(*[_simple_from_schema(s) for s in schema["anyOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "string":
        return st.text(max_size=schema.get("maxLength", 60))
    if kind == "integer":
        low = schema.get("minimum", schema.get("exclusiveMinimum", -(2**31) - 1) + 1)
        high = schema.get("maximum", schema.get("exclusiveMaximum", 2**31 + 1) - 1)
        return st.integers(low, high)
    if kind == "number":
        return st.floats(
            schema.get("minimum"), schema.get("maximum"), allow_nan=False, allow_infinity=False
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    if kind == "array":
        return st.lists(_simple_from_schema(schema.get("items", {})), max_size=4)
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        required = set(schema.get("required", []))
        return st.fixed_dictionaries(
            {k: _simple_from_schema(v) for k, v in props.items() if k in required},
            optional={k: _simple_from_schema(v) for k, v in props.items() if k not in required},
        )
    return JSON_VALUES


def valid_arguments(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Arguments that satisfy ``schema``."""
    return _simple_from_schema(schema)


def wrong_arguments(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Arguments of any JSON type for the schema's properties, sometimes with an unknown key."""
    props = list(schema.get("properties", {}))
    keys = st.sampled_from(props) if props else st.just("x")
    return st.dictionaries(
        st.one_of(keys, st.text(min_size=1, max_size=12)),
        JSON_VALUES,
        max_size=max(2, len(props) + 1),
    )


def arguments(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Half valid, half ill-typed arguments for ``schema``."""
    return st.one_of(valid_arguments(schema), wrong_arguments(schema))


def judge(result: Any) -> str | None:
    """None for a result or a clear tool error; otherwise what is wrong."""
    text = " ".join(getattr(c, "text", "") for c in result.content or [])
    if result.is_error:
        if not text.strip():
            return "an empty error"
        if _BUG.search(text):
            return f"an internal error: {text[:300]}"
        return None
    if not isinstance(result.structured_content, dict):
        return f"a result without structured content: {text[:200]}"
    return None


class SyncClient:
    """An in-memory MCP client session usable from synchronous code (hypothesis tests)."""

    def __init__(self, portal: Any, client: Client) -> None:
        self.portal = portal
        self.client = client

    def call(self, tool: str, args: dict[str, Any]) -> Any:
        """Call ``tool`` with ``args`` and return the ``CallToolResult``."""
        return self.portal.call(self.client.call_tool, tool, args)

    def tools(self) -> list[Any]:
        """The server's tools."""
        return self.portal.call(self.client.list_tools).tools


@contextmanager
def sync_client(server: Any) -> Iterator[SyncClient]:
    """Open one in-memory session on ``server`` for the whole block."""
    with (
        start_blocking_portal() as portal,
        portal.wrap_async_context_manager(Client(server)) as client,
    ):
        yield SyncClient(portal, client)
