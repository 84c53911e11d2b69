"""``LiteLLMModel``: any litellm model string behind :class:`m3agent.agents.model.Model`.

litellm is imported lazily (it takes seconds to import) and with its own network fetches off:
``LITELLM_LOCAL_MODEL_COST_MAP`` keeps the bundled price table instead of downloading it at
import, ``LITELLM_OFFLINE_MODE`` stops the catalogs and tokenizers it would fetch on its own. The
only outbound calls are then the ones to the model endpoint the user configured.
"""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from m3agent.agents.messages import ChatMessage, ToolCall, ToolSpec, Usage
from m3agent.agents.model import API_BASE_ENV, MODEL_ENV, Model, ModelError

#: Key sent to an OpenAI-compatible local server (vLLM, Ollama, llama.cpp) when none is set:
#: such servers ignore it, but the OpenAI client refuses to send a request without one.
LOCAL_PLACEHOLDER_KEY = "not-needed"

_litellm: Any = None


def _import_litellm() -> Any:
    global _litellm
    if _litellm is None:
        os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        os.environ.setdefault("LITELLM_OFFLINE_MODE", "true")
        # litellm's TypedDicts make pydantic warn once per type; it says nothing about our calls
        warnings.filterwarnings(
            "ignore", message=r".*is using the `ReadOnly` qualifier", category=UserWarning
        )
        import litellm

        litellm.suppress_debug_info = True  # no "Give Feedback / Get Help" banners
        if hasattr(litellm, "telemetry"):
            litellm.telemetry = False
        _litellm = litellm
    return _litellm


def _is_connection_failure(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) is a failure to reach the endpoint.

    litellm reports a refused connection as ``InternalServerError('Connection error.')``, so the
    class alone does not tell; the cause chain does.
    """
    seen: BaseException | None = exc
    for _ in range(6):
        if seen is None:
            return False
        name = type(seen).__name__
        if "Connect" in name or "Connection error" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class LiteLLMModel(Model):
    """A chat model reached through ``litellm.completion`` with tool calling.

    Args:
        model: A litellm model string, e.g. ``openai/gpt-4o-mini`` or ``ollama/llama3.1``.
        api_base: Base URL of an OpenAI-compatible endpoint (e.g. ``http://127.0.0.1:8000/v1``).
        api_key: API key; default: the provider's usual environment variable.
        temperature: Sampling temperature (0: as deterministic as the backend allows).
        seed: Sampling seed passed to backends that accept one (benchmarks are repeatable).
        max_retries: Retries after a transient failure (rate limit, timeout, 5xx, no
            connection), with exponential backoff.
        timeout: Seconds one request may take.
        backoff_base: First backoff delay in seconds; it doubles on each retry.
        sleep: The sleep function (tests pass a fake).
    """

    def __init__(
        self,
        model: str,
        api_base: str | None = None,
        api_key: str | None = None,
        temperature: float = 0,
        max_retries: int = 3,
        *,
        timeout: float = 120.0,
        backoff_base: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        seed: int | None = 0,
    ) -> None:
        if not model or not model.strip():
            raise ModelError(
                f"Expected a litellm model string, found {model!r}.",
                hint=f"set --model or {MODEL_ENV}, e.g. openai/gpt-4o-mini",
            )
        if max_retries < 0:
            raise ModelError(f"max_retries must be >= 0, found {max_retries}.")
        self.model = model.strip()
        self.name = self.model
        self.api_base = api_base
        self.api_key = api_key
        self.temperature = temperature
        self.max_retries = max_retries
        self.timeout = timeout
        self.backoff_base = backoff_base
        self._sleep = sleep
        self.seed = seed
        self._checked = False

    # -- settings -----------------------------------------------------------------------------

    def check(self) -> None:
        """Fail with a :class:`ModelError` naming the setting to fix if no key is available.

        With an ``api_base`` (a local OpenAI-compatible server) a missing key is replaced by a
        placeholder, since such servers ignore it.
        """
        if self._checked:
            return
        litellm = _import_litellm()
        if self.api_key is None:
            try:
                env = litellm.validate_environment(self.model, api_base=self.api_base)
            except Exception:  # noqa: BLE001 - an unknown provider is reported by the call itself
                env = {"missing_keys": []}
            missing = [
                k
                for k in env.get("missing_keys") or []
                if not (self.api_base and k.endswith("_API_BASE"))
            ]
            if missing and self.api_base:
                self.api_key = LOCAL_PLACEHOLDER_KEY
            elif missing:
                raise ModelError(
                    f"Model {self.model!r} needs {' and '.join(missing)}, which is not set.",
                    hint=f"export {missing[0]}=... (or pass --api-key), choose another --model "
                    f"/ {MODEL_ENV}, or point --api-base / {API_BASE_ENV} at a local "
                    f"OpenAI-compatible server",
                )
        self._checked = True

    # -- the call -----------------------------------------------------------------------------

    def generate(
        self,
        messages: Sequence[ChatMessage],
        tools: Sequence[ToolSpec] | None = None,
        **options: Any,
    ) -> ChatMessage:
        """Call the model once (retrying transient failures) and return its reply.

        Raises:
            ModelError: With the setting to fix: a key, the endpoint, the model name.
        """
        self.check()
        litellm = _import_litellm()
        kwargs: dict[str, Any] = {
            "model": self.model,
            "messages": [m.to_openai() for m in messages],
            "temperature": options.get("temperature", self.temperature),
            "timeout": options.get("timeout", self.timeout),
            "max_retries": 0,  # retries are ours: one policy, one backoff, one error message
            "drop_params": True,  # backends without a seed (or tools) ignore it, not fail
        }
        seed = options.get("seed", self.seed)
        if seed is not None:
            kwargs["seed"] = seed
        if tools:
            kwargs["tools"] = [t.to_openai() for t in tools]
            kwargs["tool_choice"] = "auto"
        if self.api_base:
            kwargs["api_base"] = self.api_base
        if self.api_key:
            kwargs["api_key"] = self.api_key
        attempt = 0
        while True:
            try:
                response = litellm.completion(**kwargs)
                break
            except Exception as exc:  # noqa: BLE001 - every failure becomes a ModelError
                error = self._model_error(exc)
                if not error.transient or attempt >= self.max_retries:
                    if error.transient and attempt:
                        error.message += f" (gave up after {attempt + 1} attempts)"
                    raise error from None
                self._sleep(self.backoff_base * 2**attempt)
                attempt += 1
        return self._to_message(litellm, response)

    def _to_message(self, litellm: Any, response: Any) -> ChatMessage:
        try:
            choice = response.choices[0].message
        except (AttributeError, IndexError) as exc:
            raise ModelError(f"Model {self.model!r} returned no choices: {exc}") from None
        calls = []
        for i, tc in enumerate(getattr(choice, "tool_calls", None) or []):
            fn = tc.function
            calls.append(
                ToolCall(
                    id=tc.id or f"call_{i}",
                    name=fn.name or "",
                    arguments=fn.arguments if fn.arguments is not None else "{}",
                )
            )
        usage = getattr(response, "usage", None)
        try:
            cost = float(litellm.completion_cost(completion_response=response) or 0.0)
        except Exception:  # noqa: BLE001 - a model without a price (local, unknown) costs 0
            cost = 0.0
        return ChatMessage(
            role="assistant",
            content=choice.content or None,
            tool_calls=calls,
            usage=Usage(
                prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
                completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
                cost_usd=max(cost, 0.0),
            ),
        )

    def _model_error(self, exc: Exception) -> ModelError:
        """Map a litellm/OpenAI exception to a ModelError naming the setting to fix."""
        name = type(exc).__name__
        text = str(exc).replace("litellm.", "").strip()
        where = self.api_base or f"the {self.model.split('/')[0]} API"
        if (
            "AuthenticationError" in name
            or "PermissionDenied" in name
            or ("Missing credentials" in text)
        ):
            return ModelError(
                f"{where} refused the credentials for model {self.model!r}: {text}",
                hint="check the provider's API key variable (e.g. OPENAI_API_KEY) or --api-key",
            )
        if _is_connection_failure(exc):
            return ModelError(
                f"Could not reach the model endpoint {where} for model {self.model!r}: {text}",
                hint=f"check --api-base / {API_BASE_ENV} and that the server is running",
                transient=True,
            )
        if "RateLimit" in name:
            return ModelError(
                f"{where} rate-limited model {self.model!r}: {text}",
                hint="wait and retry, or lower --concurrency",
                transient=True,
            )
        if "Timeout" in name:
            return ModelError(
                f"Model {self.model!r} at {where} did not answer within {self.timeout:g} s: {text}",
                hint="retry, or raise the timeout",
                transient=True,
            )
        if "NotFound" in name:
            return ModelError(
                f"{where} does not know model {self.model!r}: {text}",
                hint=f"check --model / {MODEL_ENV}",
            )
        if "ContextWindow" in name:
            return ModelError(
                f"The prompt is too long for model {self.model!r}: {text}",
                hint="lower --max-steps or use a model with a longer context",
            )
        if any(
            k in name for k in ("ServiceUnavailable", "InternalServer", "BadGateway", "APIError")
        ):
            return ModelError(
                f"{where} failed for model {self.model!r}: {text}",
                hint=f"retry later, or check --api-base / {API_BASE_ENV}",
                transient=True,
            )
        if "BadRequest" in name or "UnknownProvider" in name:
            return ModelError(
                f"{where} rejected the request for model {self.model!r}: {text}",
                hint=f"check --model / {MODEL_ENV} (a litellm model string such "
                f"as openai/gpt-4o-mini)",
            )
        return ModelError(
            f"Model {self.model!r} failed: {name}: {text}",
            hint=f"check --model / {MODEL_ENV} and --api-base / {API_BASE_ENV}",
        )
