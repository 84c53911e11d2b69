"""Where a clarifying question goes: MCP elicitation, the terminal, or nowhere (batch).

An asker returns the user's answer, or None when nobody can be asked; the run then ends with
``needs_information`` and the question.
"""

from __future__ import annotations

import sys
from typing import Any, Protocol

import anyio
from pydantic import BaseModel, Field

#: Said to the model when the user declined to answer (it must then answer or abstain).
DECLINED = "(the user declined to answer)"


class Asker(Protocol):
    """Asks the user one question."""

    channel: str

    async def ask(self, question: str) -> str | None:
        """Return the user's answer, or None if no one can be asked."""
        ...


class BatchAsker:
    """Batch mode: nobody to ask, so the run returns ``needs_information``."""

    channel = "batch"

    async def ask(self, question: str) -> str | None:
        """Always None."""
        return None


class TerminalAsker:
    """Ask at the terminal (stdin must be interactive).

    Args:
        console: A rich console to print on (default: stderr).
    """

    channel = "terminal"

    def __init__(self, console: Any = None) -> None:
        from rich.console import Console

        self.console = console or Console(stderr=True)

    async def ask(self, question: str) -> str | None:
        """Prompt for an answer; an empty answer or end of input counts as declined."""
        from rich.prompt import Prompt

        def prompt() -> str:
            try:
                return Prompt.ask(
                    f"[bold cyan]?[/bold cyan] {question}",
                    console=self.console,
                    default="",
                    show_default=False,
                )
            except EOFError:
                return ""

        answer = (await anyio.to_thread.run_sync(prompt)).strip()
        return answer or DECLINED


class ClarificationAnswer(BaseModel):
    """The form an elicitation asks the user to fill."""

    answer: str = Field(description="Your answer")


class ElicitationAsker:
    """Ask through MCP elicitation: for a runtime running inside an MCP tool call.

    Args:
        ctx: The tool's ``mcp.server.mcpserver.Context``; its client must support elicitation.
        fallback: Used when the client does not support elicitation (default: batch).
    """

    channel = "elicitation"

    def __init__(self, ctx: Any, fallback: Asker | None = None) -> None:
        self.ctx = ctx
        self.fallback = fallback or BatchAsker()

    def available(self) -> bool:
        """Whether the client declared the elicitation capability."""
        try:
            caps = self.ctx.client_capabilities
        except Exception:  # noqa: BLE001 - no request context: no elicitation
            return False
        return caps is not None and getattr(caps, "elicitation", None) is not None

    async def ask(self, question: str) -> str | None:
        """Elicit an answer; decline or cancel counts as declined."""
        if not self.available():
            return await self.fallback.ask(question)
        try:
            result = await self.ctx.elicit(question, ClarificationAnswer)
        except Exception:  # noqa: BLE001 - e.g. no back-channel on this transport
            return await self.fallback.ask(question)
        if result.action == "accept" and getattr(result, "data", None) is not None:
            return result.data.answer.strip() or DECLINED
        return DECLINED


def default_asker(interactive: bool | None = None, console: Any = None) -> Asker:
    """The terminal when stdin is a terminal (or ``interactive`` says so), else batch."""
    if interactive is None:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    return TerminalAsker(console) if interactive else BatchAsker()
