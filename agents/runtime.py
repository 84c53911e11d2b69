"""Connect, run one question, close: the runtime in one call.

:func:`run_question` connects to the server (in-process by default), opens the audit log, runs
:func:`m3agent.agents.loop.run_agent` and returns every step and the final answer;
:func:`run_question_sync` does the same from synchronous code (tests, scripts, benchmarks).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anyio

from m3agent.agents.answer import FinalAnswer
from m3agent.agents.clarify import Asker
from m3agent.agents.loop import AgentConfig, run_agent
from m3agent.agents.mcp_tools import connect
from m3agent.agents.model import Model
from m3agent.agents.steps import FinalAnswerStep, Step
from m3agent.audit import AuditLog, default_audit_path


async def run_question(
    question: str,
    model: Model,
    *,
    config: AgentConfig | None = None,
    settings: Any = None,
    server: str | None = None,
    server_cmd: str | None = None,
    token: str | None = None,
    asker: Asker | None = None,
    audit: bool = True,
    audit_path: Path | str | None = None,
    identity: str | None = None,
    run_id: str | None = None,
    on_step: Callable[[Step], None] | None = None,
) -> tuple[list[Step], FinalAnswer]:
    """Answer one question over a fresh connection to the server.

    Args:
        question: The question.
        model: The model.
        config: Strategy, budget and limits.
        settings: ``ServerSettings`` of the in-process server (default: from the environment).
        server: Streamable HTTP URL of a running server instead.
        server_cmd: A stdio server command instead.
        token: Bearer token for ``server``.
        asker: Where a clarifying question goes (default: batch).
        audit: Whether to write model records.
        audit_path: The audit log (default: the in-process server's, else
            ``$M3AGENT_AUDIT_LOG`` or the data dir's).
        identity: Who runs it (default: the settings' identity, else the OS user).
        run_id: The run id (default: new).
        on_step: Called with each step as it happens.

    Returns:
        Every step (the last is the final answer's) and the final answer.

    Raises:
        ConfigError: On conflicting connection options.
        ServerConnectionError: If the server cannot be reached.
        AuditWriteError: If the audit log cannot be opened.
    """
    if settings is None and not server and not server_cmd:
        from m3agent.server.settings import settings_from_env

        settings = settings_from_env()
    if audit_path is None:
        audit_path = getattr(settings, "audit_path", None) or default_audit_path()
    if identity is None:
        identity = getattr(settings, "identity", None)
    steps: list[Step] = []
    async with connect(
        server=server, server_cmd=server_cmd, settings=settings, token=token
    ) as toolbox:
        log = AuditLog(audit_path) if audit else None
        try:
            async for step in run_agent(
                question,
                model,
                toolbox,
                config=config,
                audit=log,
                identity=identity,
                asker=asker,
                run_id=run_id,
            ):
                steps.append(step)
                if on_step is not None:
                    on_step(step)
        finally:
            if log is not None:
                log.close()
    final = steps[-1]
    assert isinstance(final, FinalAnswerStep)
    return steps, final.answer


def run_question_sync(question: str, model: Model, **kwargs: Any) -> tuple[list[Step], FinalAnswer]:
    """:func:`run_question` from synchronous code (same arguments)."""
    return anyio.run(lambda: run_question(question, model, **kwargs))
