"""``ScriptedModel``: canned replies and tool calls chosen by step; never touches a network.

Used by tests, by replays of a recorded run (:func:`m3agent.agents.trace.replay`) and by gold
action replays in benchmarks. A script is either a list (reply ``i`` answers the ``i``-th call)
or a function ``(step, messages) -> reply``. A reply is a :class:`ChatMessage`, a string (plain
text), a tool call dict ``{"name": ..., "arguments": {...}}`` or a list of such dicts, or a dict
``{"content": ..., "tool_calls": [...]}``. :func:`call` and :func:`final` build them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from m3agent.agents.messages import ChatMessage, ToolCall, ToolSpec, Usage
from m3agent.agents.model import Model, ModelError
from m3agent.tools.errors import ConfigError

Reply = ChatMessage | str | dict[str, Any] | list[dict[str, Any]]
ScriptFn = Callable[[int, Sequence[ChatMessage]], Reply]


def call(
    name: str, arguments: dict[str, Any] | str | None = None, *, id: str | None = None
) -> dict[str, Any]:  # noqa: A002 - mirrors the wire field
    """A scripted tool call (``arguments`` as text allows malformed JSON on purpose)."""
    out: dict[str, Any] = {"name": name, "arguments": {} if arguments is None else arguments}
    if id is not None:
        out["id"] = id
    return out


def final(answer: str, **fields: Any) -> dict[str, Any]:
    """A scripted ``final_answer`` call (fields: value, confidence, cite)."""
    return call("final_answer", {"answer": answer, **fields})


def to_message(reply: Reply, step: int) -> ChatMessage:
    """Turn one script reply into an assistant message.

    Raises:
        ConfigError: If the reply has none of the accepted shapes.
    """
    if isinstance(reply, ChatMessage):
        return reply
    if isinstance(reply, str):
        return ChatMessage(role="assistant", content=reply)
    if isinstance(reply, dict) and "name" in reply:
        reply = [reply]
    if isinstance(reply, dict) and ("content" in reply or "tool_calls" in reply):
        content = reply.get("content")
        raw_calls = reply.get("tool_calls") or []
        usage = Usage(**reply["usage"]) if reply.get("usage") else None
    elif isinstance(reply, list):
        content, raw_calls, usage = None, reply, None
    else:
        raise ConfigError(
            f"Script reply {step} has an unknown shape: expected a ChatMessage, text, a tool call "
            f"{{'name', 'arguments'}} or a list of them, or {{'content', 'tool_calls'}}; found "
            f"{type(reply).__name__} {reply!r:.200}"
        )
    calls = []
    for i, c in enumerate(raw_calls):
        if not isinstance(c, dict) or "name" not in c:
            raise ConfigError(
                f"Script reply {step}, tool call {i}: expected a dict with 'name' "
                f"and 'arguments', found {c!r:.200}"
            )
        calls.append(
            ToolCall(
                id=str(c.get("id") or f"call_{step}_{i}"),
                name=str(c["name"]),
                arguments=c.get("arguments") if c.get("arguments") is not None else {},
            )
        )
    return ChatMessage(role="assistant", content=content, tool_calls=calls, usage=usage)


class ScriptedModel(Model):
    """A model whose replies are fixed in advance.

    Args:
        script: A list of replies (one per call, in order) or a function of
            ``(step, messages)`` returning the reply to call number ``step`` (0-based).
        name: The model name recorded in the audit log.
        usage: Tokens and cost reported for every reply that carries none (default zero).
    """

    def __init__(
        self,
        script: Sequence[Reply] | ScriptFn,
        *,
        name: str = "scripted",
        usage: Usage | None = None,
    ) -> None:
        if not callable(script) and not isinstance(script, Sequence):
            raise ConfigError(
                f"Expected a list of replies or a function (step, messages) -> "
                f"reply, found {type(script).__name__}."
            )
        self.script = script
        self.name = name
        self.usage = usage or Usage()
        self.calls = 0
        self.seen: list[list[ChatMessage]] = []
        self.seen_tools: list[list[str]] = []

    @classmethod
    def from_file(cls, path: str | Path) -> ScriptedModel:
        """Load a script: a JSON list of replies (see the module docstring).

        Raises:
            ConfigError: If the file is missing or not a JSON list.
        """
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(
                f"Script file {p} not found.",
                hint="--model scripted:FILE needs an existing JSON file",
            ) from None
        except json.JSONDecodeError as exc:
            raise ConfigError(f"Script file {p} is not JSON: {exc}") from None
        if not isinstance(data, list):
            raise ConfigError(
                f"Script file {p}: expected a JSON list of replies, found {type(data).__name__}."
            )
        return cls(data, name=f"scripted:{p.name}")

    def generate(
        self,
        messages: Sequence[ChatMessage],
        tools: Sequence[ToolSpec] | None = None,
        **options: Any,
    ) -> ChatMessage:
        """Return the scripted reply for this call.

        Raises:
            ModelError: If a list script has no reply left.
        """
        step = self.calls
        self.calls += 1
        self.seen.append(list(messages))
        self.seen_tools.append([t.name for t in tools or []])
        if callable(self.script):
            reply = self.script(step, messages)
        else:
            if step >= len(self.script):
                raise ModelError(
                    f"The script has {len(self.script)} replies; call {step + 1} asked for "
                    f"one more.",
                    hint="add replies to the script or lower --max-steps",
                )
            reply = self.script[step]
        msg = to_message(reply, step)
        if msg.usage is None:
            msg = msg.model_copy(update={"usage": self.usage})
        return msg
