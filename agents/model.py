"""One model interface over every backend: ``Model.generate(messages, tools) -> ChatMessage``.

Backends: :class:`m3agent.agents.litellm_model.LiteLLMModel` (any litellm model string, local
OpenAI-compatible servers included) and :class:`m3agent.agents.scripted.ScriptedModel` (canned
replies for tests and replays). :func:`make_model` turns a ``--model`` string into one of them.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

from m3agent.agents.messages import ChatMessage, ToolSpec
from m3agent.tools.errors import ConfigError, M3AgentError

#: Environment variable naming the default model (``--model`` overrides it).
MODEL_ENV = "M3AGENT_MODEL"
#: Environment variable naming the default API base URL (``--api-base`` overrides it).
API_BASE_ENV = "M3AGENT_API_BASE"


class ModelError(M3AgentError):
    """A model call failed: a missing key, an unreachable endpoint, a refused request ...

    Args:
        message: What went wrong.
        hint: The setting to fix.
        transient: Whether retrying later may succeed (rate limits, timeouts, 5xx).
    """

    code = "model"

    def __init__(self, message: str, *, hint: str | None = None, transient: bool = False) -> None:
        super().__init__(message, hint=hint)
        self.transient = transient


class Model(ABC):
    """A chat model that may call tools.

    Attributes:
        name: The model's name as it appears in the audit log.
    """

    name: str = "model"

    @abstractmethod
    def generate(
        self,
        messages: Sequence[ChatMessage],
        tools: Sequence[ToolSpec] | None = None,
        **options: Any,
    ) -> ChatMessage:
        """Return the model's next assistant message.

        Args:
            messages: The conversation so far.
            tools: Tools the model may call (None or empty: no tool calling).
            **options: Backend options such as ``temperature`` (ignored where meaningless).

        Returns:
            An assistant message with text and/or tool calls, and its usage.

        Raises:
            ModelError: If the call fails (after retries, for transient failures).
        """

    def check(self) -> None:
        """Fail early with a :class:`ModelError` if the model cannot be used (e.g. no key).

        The default does nothing; backends that need settings override it.
        """
        return None


def resolve_model_name(model: str | None) -> str:
    """Return the model to use: ``model``, else ``$M3AGENT_MODEL``.

    Raises:
        ConfigError: If neither names a model.
    """
    name = (model or os.environ.get(MODEL_ENV) or "").strip()
    if not name:
        raise ConfigError(
            f"No model configured: expected --model or the {MODEL_ENV} environment variable, "
            f"found neither.",
            hint=f"e.g. --model openai/gpt-4o-mini, or export {MODEL_ENV}=ollama/llama3.1 "
            f"with --api-base http://127.0.0.1:11434",
        )
    return name


def make_model(
    spec: str, *, api_base: str | None = None, api_key: str | None = None, temperature: float = 0
) -> Model:
    """Build a model from a ``--model`` string.

    Args:
        spec: ``scripted:FILE`` (a JSON script for :class:`ScriptedModel`) or any litellm model
            string (``openai/gpt-4o-mini``, ``anthropic/claude-...``, ``ollama/llama3.1``,
            ``hosted_vllm/NAME`` ...).
        api_base: Base URL of an OpenAI-compatible endpoint (default ``$M3AGENT_API_BASE``).
        api_key: API key (default: the provider's usual environment variable).
        temperature: Sampling temperature of ordinary calls.

    Raises:
        ConfigError: If a scripted model's file is missing or not a script.
    """
    if spec.startswith("scripted:"):
        from m3agent.agents.scripted import ScriptedModel

        path = spec.removeprefix("scripted:")
        if not path:
            raise ConfigError(
                "Expected a script file after 'scripted:', found nothing.",
                hint="e.g. --model scripted:run.json (a JSON list of replies)",
            )
        return ScriptedModel.from_file(path)
    from m3agent.agents.litellm_model import LiteLLMModel

    return LiteLLMModel(
        spec,
        api_base=api_base or os.environ.get(API_BASE_ENV) or None,
        api_key=api_key,
        temperature=temperature,
    )
