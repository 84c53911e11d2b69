"""The runtime as an MCP client: connect to the server and call its tools.

Three ways to reach the server, so every call goes through the same validation and audit as a
call from Claude Desktop:

* in-process (default): ``Client(build_server(settings))``;
* ``--server URL``: streamable HTTP, with an optional bearer token in ``Authorization``;
* ``--server-cmd "..."``: a server process spawned over stdio.
"""

from __future__ import annotations

import json
import os
import shlex
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from mcp import Client, StdioServerParameters
from pydantic import BaseModel

from m3agent.agents.messages import ToolSpec
from m3agent.audit import hash_result
from m3agent.tools.errors import ConfigError, M3AgentError

#: Environment variable holding the bearer token for ``--server URL``.
TOKEN_ENV = "M3AGENT_SERVER_TOKEN"
#: ``_meta`` key carrying the run id on every tool call (servers may record it).
RUN_ID_META = "m3agent/run_id"
#: Result fields left out of what the model sees: timings say nothing about the data, cost
#: tokens, and would make identical runs send different prompts (breaking replay and caching).
VOLATILE_KEYS = frozenset({"elapsed_ms"})


class ServerConnectionError(M3AgentError):
    """The MCP server could not be reached or did not answer as an MCP server."""

    code = "connection"


class ToolResult(BaseModel):
    """What one tool call returned.

    Attributes:
        text: The result as text: compact JSON of the structured result (without
            :data:`VOLATILE_KEYS`), else the text content.
        structured: The structured result, when the tool returns one.
        is_error: Whether the tool reported an error (the text then says what went wrong).
        result_hash: sha256 of the structured result, as the server's audit record has it.
    """

    text: str
    structured: Any = None
    is_error: bool = False
    result_hash: str | None = None


class Toolbox:
    """The tools of one connected MCP server.

    Args:
        client: An entered ``mcp.Client``.
        tools: The server's tools.
        description: Where the server is (for messages).
    """

    def __init__(self, client: Client, tools: list[ToolSpec], description: str) -> None:
        self.client = client
        self.tools = tools
        self.description = description
        self._names = {t.name for t in tools}

    def has(self, name: str) -> bool:
        """Whether the server has a tool of this name."""
        return name in self._names

    async def call(
        self, name: str, arguments: dict[str, Any], *, run_id: str | None = None
    ) -> ToolResult:
        """Call one tool; transport failures come back as error results, never exceptions.

        Args:
            name: The tool.
            arguments: Its arguments.
            run_id: Sent in ``_meta`` so the server can link the call to the run.
        """
        meta = {RUN_ID_META: run_id} if run_id else None
        try:
            result = await self.client.call_tool(name, arguments, meta=meta)
        except Exception as exc:  # noqa: BLE001 - the model sees the failure and may recover
            return ToolResult(
                text=f"Calling {name} failed: {type(exc).__name__}: {exc}", is_error=True
            )
        texts = [getattr(c, "text", "") for c in result.content or [] if hasattr(c, "text")]
        structured = result.structured_content
        if result.is_error or structured is None:
            return ToolResult(
                text="\n".join(t for t in texts if t) or "(no content)",
                structured=None if result.is_error else structured,
                is_error=bool(result.is_error),
            )
        shown = structured
        if isinstance(structured, dict) and VOLATILE_KEYS & structured.keys():
            shown = {k: v for k, v in structured.items() if k not in VOLATILE_KEYS}
        text = json.dumps(shown, ensure_ascii=False, separators=(",", ":"), default=str)
        try:
            # Hashed as the server's audit record hashes it: without timing (server/app.py).
            digest = hash_result({k: v for k, v in structured.items() if k != "elapsed_ms"}
                                 if isinstance(structured, dict) else structured)
        except TypeError:
            digest = None
        return ToolResult(text=text, structured=structured, result_hash=digest)


def stdio_parameters(server_cmd: str) -> StdioServerParameters:
    """Parse ``--server-cmd`` into stdio parameters.

    The child gets the SDK's safe default environment plus every ``M3AGENT_*`` variable (its
    database paths and audit log), never the rest (API keys stay with the runtime).

    Raises:
        ConfigError: If the command is empty or cannot be split like a shell would.
    """
    from mcp.client.stdio import get_default_environment

    try:
        argv = shlex.split(server_cmd)
    except ValueError as exc:
        raise ConfigError(
            f"--server-cmd: cannot split {server_cmd!r} into words: {exc}",
            hint='quote it like a shell command, e.g. "m3-agent serve"',
        ) from None
    if not argv:
        raise ConfigError("--server-cmd is empty; expected a command such as 'm3-agent serve'.")
    env = get_default_environment()
    env.update({k: v for k, v in os.environ.items() if k.startswith("M3AGENT_")})
    return StdioServerParameters(command=argv[0], args=argv[1:], env=env)


@asynccontextmanager
async def connect(
    *,
    server: str | None = None,
    server_cmd: str | None = None,
    settings: Any = None,
    token: str | None = None,
    elicitation_callback: Any = None,
) -> AsyncIterator[Toolbox]:
    """Connect to the m3-agent MCP server and list its tools.

    Args:
        server: A streamable HTTP URL (``http://127.0.0.1:8000/mcp``).
        server_cmd: A command that serves MCP over stdio (``m3-agent serve``).
        settings: ``ServerSettings`` for the in-process server (default: from the environment).
        token: Bearer token for ``server`` (default ``$M3AGENT_SERVER_TOKEN``).
        elicitation_callback: Passed to the client (answers the server's elicitation requests).

    Yields:
        A :class:`Toolbox` over the connected server.

    Raises:
        ConfigError: If both ``server`` and ``server_cmd`` are given, or the URL is not http(s).
        ServerConnectionError: If the server cannot be reached or listed.
    """
    if server and server_cmd:
        raise ConfigError(
            "Expected at most one of --server and --server-cmd, found both.",
            hint="--server for a running HTTP server, --server-cmd to spawn one",
        )
    async with AsyncExitStack() as stack:
        target: Any
        if server:
            if not server.startswith(("http://", "https://")):
                raise ConfigError(
                    f"--server must be an http(s) URL such as "
                    f"http://127.0.0.1:8000/mcp, found {server!r}."
                )
            from mcp.client.streamable_http import streamable_http_client
            from mcp.shared._httpx_utils import create_mcp_http_client

            token = token or os.environ.get(TOKEN_ENV) or None
            headers = {"Authorization": f"Bearer {token}"} if token else None
            http = await stack.enter_async_context(create_mcp_http_client(headers=headers))
            target, where = streamable_http_client(server, http_client=http), server
        elif server_cmd:
            target, where = stdio_parameters(server_cmd), f"`{server_cmd}`"
        else:
            from m3agent.server.app import build_server

            target, where = build_server(settings), "the in-process server"
        kwargs: dict[str, Any] = {}
        if elicitation_callback is not None:
            # Server-initiated requests need the handshake-era session (a back-channel).
            kwargs.update(elicitation_callback=elicitation_callback, mode="legacy")
        try:
            client = await stack.enter_async_context(Client(target, **kwargs))
            listed = await client.list_tools()
        except M3AgentError:
            raise
        except Exception as exc:  # noqa: BLE001 - any transport failure gets one clear message
            raise ServerConnectionError(
                f"Could not connect to the MCP server at {where}: {_describe(exc)}",
                hint="check --server (e.g. http://127.0.0.1:8000/mcp from `m3-agent serve "
                "--transport http`) and --token / M3AGENT_SERVER_TOKEN, or --server-cmd",
            ) from None
        tools = [
            ToolSpec(
                name=t.name,
                description=t.description or t.title or "",
                input_schema=dict(t.input_schema or {"type": "object"}),
            )
            for t in listed.tools
        ]
        yield Toolbox(client, tools, where)


def _describe(exc: BaseException) -> str:
    """The innermost message of an exception group (anyio wraps transport errors)."""
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return f"{type(exc).__name__}: {exc}"
