"""Chat messages, tool calls and tool descriptions: the currency between the loop and models.

The shapes follow OpenAI's chat-completions format (which litellm speaks for every backend), so a
message converts to the wire form with :meth:`ChatMessage.to_openai` and back without loss.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, Field

Role = Literal["system", "user", "assistant", "tool"]


class MalformedToolCall(ValueError):
    """A tool call whose arguments are not a JSON object (what was expected, what was found)."""


class ToolCall(BaseModel):
    """One tool call requested by a model.

    Attributes:
        id: The call id the model chose (tool results answer it).
        name: The tool's name.
        arguments: The arguments as the model sent them: JSON text (the wire form, possibly
            invalid) or an already decoded object.
    """

    id: str
    name: str
    arguments: str | dict[str, Any] = Field(default_factory=dict)

    def parsed_arguments(self) -> dict[str, Any]:
        """Return the arguments as a dict.

        Raises:
            MalformedToolCall: If they are not valid JSON, or not a JSON object.
        """
        value: Any = self.arguments
        if isinstance(value, str):
            text = value.strip() or "{}"
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                shown = text if len(text) <= 200 else text[:200] + "..."
                raise MalformedToolCall(
                    f"the arguments of {self.name} are not valid JSON ({exc.msg} at column "
                    f"{exc.colno}); expected a JSON object, found {shown!r}"
                ) from None
        if not isinstance(value, dict):
            raise MalformedToolCall(
                f"the arguments of {self.name} must be a JSON object, found "
                f"{type(value).__name__} {value!r}"
            )
        return value

    def arguments_text(self) -> str:
        """The arguments as JSON text (as sent on the wire)."""
        if isinstance(self.arguments, str):
            return self.arguments
        return json.dumps(self.arguments, ensure_ascii=False, sort_keys=True, default=str)


class Usage(BaseModel):
    """Tokens and cost of one model call (0 when the backend does not report them)."""

    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)
    cost_usd: float = Field(default=0.0, ge=0)

    @property
    def total_tokens(self) -> int:
        """Prompt plus completion tokens."""
        return self.prompt_tokens + self.completion_tokens


class ChatMessage(BaseModel):
    """One message of a conversation.

    Attributes:
        role: system, user, assistant or tool.
        content: The text (None for an assistant message holding only tool calls).
        tool_calls: Calls requested by an assistant message.
        tool_call_id: For a tool message: the call it answers.
        name: For a tool message: the tool's name.
        usage: For a model's reply: its tokens and cost.
    """

    role: Role
    content: str | None = None
    tool_calls: list[ToolCall] = Field(default_factory=list)
    tool_call_id: str | None = None
    name: str | None = None
    usage: Usage | None = None

    @classmethod
    def system(cls, text: str) -> ChatMessage:
        """A system message."""
        return cls(role="system", content=text)

    @classmethod
    def user(cls, text: str) -> ChatMessage:
        """A user message."""
        return cls(role="user", content=text)

    @classmethod
    def tool_result(cls, call: ToolCall, text: str) -> ChatMessage:
        """The answer to one tool call."""
        return cls(role="tool", content=text, tool_call_id=call.id, name=call.name)

    def to_openai(self) -> dict[str, Any]:
        """The message in OpenAI's chat-completions wire form."""
        out: dict[str, Any] = {"role": self.role, "content": self.content}
        if self.tool_calls:
            out["tool_calls"] = [
                {
                    "id": c.id,
                    "type": "function",
                    "function": {"name": c.name, "arguments": c.arguments_text()},
                }
                for c in self.tool_calls
            ]
        if self.role == "tool":
            out["tool_call_id"] = self.tool_call_id
            if self.name:
                out["name"] = self.name
        return out

    def output_dict(self) -> dict[str, Any]:
        """What a model produced (content and tool calls), for the audit log and replay."""
        return {
            "content": self.content,
            "tool_calls": [
                {"id": c.id, "name": c.name, "arguments": c.arguments} for c in self.tool_calls
            ],
        }


class ToolSpec(BaseModel):
    """A tool as a model sees it: name, description and JSON Schema of its arguments."""

    name: str
    description: str = ""
    input_schema: dict[str, Any] = Field(default_factory=lambda: {"type": "object"})

    def to_openai(self) -> dict[str, Any]:
        """The tool in OpenAI's function-calling schema."""
        params = dict(self.input_schema)
        params.setdefault("type", "object")
        params.setdefault("properties", {})
        params.pop("title", None)  # a schema title only adds tokens
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": params},
        }
