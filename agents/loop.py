"""The agent loop's machinery and entry point.

:func:`run_agent` drives one strategy (``react``, ``rar`` or ``ask``, see
:mod:`m3agent.agents.strategies`) and yields typed step records as they happen, ending with a
:class:`FinalAnswerStep`. :class:`AgentRun` holds what a strategy needs: audited model calls
under a budget, tool execution with observation truncation and the one-correction rule for
malformed tool calls, and the construction of the final answer.
"""

from __future__ import annotations

import functools
import json
import re
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from typing import Any, Literal

import anyio
from pydantic import BaseModel, ConfigDict, Field, model_validator

from m3agent.agents import prompts
from m3agent.agents.answer import (
    CallRecord,
    FinalAnswer,
    Status,
    build_citations,
    classify_value,
    value_from_text,
)
from m3agent.agents.budget import Budget, BudgetExhausted, BudgetTracker
from m3agent.agents.clarify import Asker, BatchAsker
from m3agent.agents.control import CONTROL_ARGS, parse_control
from m3agent.agents.mcp_tools import Toolbox, ToolResult
from m3agent.agents.messages import ChatMessage, MalformedToolCall, ToolCall, ToolSpec
from m3agent.agents.model import Model, ModelError
from m3agent.agents.steps import (
    ErrorStep,
    FinalAnswerStep,
    ModelStep,
    ObservationStep,
    Step,
    ThoughtStep,
    ToolCallStep,
)
from m3agent.agents.trace import ModelAuditor, prompt_hash
from m3agent.audit import AuditLog, os_identity
from m3agent.tools.errors import M3AgentError

StrategyName = Literal["react", "rar", "ask"]


class AskSettings(BaseModel):
    """The ``ask`` strategy's confidence rating.

    Attributes:
        scale: ``numeric`` (0..1) or ``likert`` (1..5).
        threshold: Below it the model asks its one question: 0..1 on the numeric scale,
            1..5 on the Likert scale.
        samples: Ratings per check (self-consistency: their mean is used).
        sample_temperature: Temperature of the ratings when ``samples`` > 1.
        rate_every_step: Also rate after each tool step (else only when the model answers).
    """

    model_config = ConfigDict(frozen=True)

    scale: Literal["numeric", "likert"] = "numeric"
    threshold: float = 0.8
    samples: int = Field(default=1, ge=1, le=10)
    sample_temperature: float = Field(default=0.7, ge=0, le=2)
    rate_every_step: bool = True

    @model_validator(mode="after")
    def _threshold_on_scale(self) -> AskSettings:
        lo, hi = (0.0, 1.0) if self.scale == "numeric" else (1.0, 5.0)
        if not lo <= self.threshold <= hi:
            raise ValueError(
                f"threshold on the {self.scale} scale must be within {lo:g}..{hi:g}, "
                f"found {self.threshold:g}"
            )
        return self

    @property
    def normalised_threshold(self) -> float:
        """The threshold on 0..1."""
        if self.scale == "likert":
            return (self.threshold - 1) / 4
        return self.threshold


class RarSettings(BaseModel):
    """The ``rar`` strategy's bounds.

    Attributes:
        max_rounds: Supervisor rounds (plan or follow-up, then research, then review).
        max_items: Hypotheses or sub-questions researched per round.
        research_steps: Action steps of one researcher.
    """

    model_config = ConfigDict(frozen=True)

    max_rounds: int = Field(default=2, ge=1, le=5)
    max_items: int = Field(default=4, ge=1, le=10)
    research_steps: int = Field(default=4, ge=1, le=20)


class AgentConfig(BaseModel):
    """How a run behaves.

    Attributes:
        strategy: react, rar or ask.
        budget: Limits on steps, tokens, cost and time.
        max_observation_chars: Longest observation shown to the model; longer ones are cut.
        max_corrections: Corrective observations for malformed tool calls before the run fails.
        context: Extra instructions for this question (e.g. what "now" means in a dataset).
        ask: Settings of the ``ask`` strategy.
        rar: Settings of the ``rar`` strategy.
    """

    model_config = ConfigDict(frozen=True)

    strategy: StrategyName = "react"
    budget: Budget = Field(default_factory=Budget)
    max_observation_chars: int = Field(default=8000, ge=200)
    max_corrections: int = Field(default=1, ge=0)
    context: str | None = None
    ask: AskSettings = Field(default_factory=AskSettings)
    rar: RarSettings = Field(default_factory=RarSettings)


class AgentFailed(M3AgentError):
    """The run cannot go on (e.g. malformed tool calls after the one correction)."""

    code = "agent"


class ControlCall(BaseModel):
    """A control tool call the strategy must act on."""

    call: ToolCall
    name: str
    args: Any


def render_observation(result: ToolResult, limit: int) -> tuple[str, bool, str | None, int | None]:
    """Fit a tool result into ``limit`` characters.

    Tabular results lose whole rows from the end (the note says how many were kept); anything
    else is cut at ``limit`` characters. Either way a note says what was cut and how to see less.

    Returns:
        ``(text, truncated, cut, rows_shown)``; ``rows_shown`` is None for non-tabular results.
    """
    text = result.text
    s = result.structured
    rows = s.get("rows") if isinstance(s, dict) else None
    if len(text) <= limit:
        return text, False, None, len(rows) if isinstance(rows, list) else None
    if isinstance(rows, list) and rows:

        def dump(k: int) -> str:
            return json.dumps(
                {**s, "rows": rows[:k]}, ensure_ascii=False, separators=(",", ":"), default=str
            )

        lo, hi = 0, len(rows)
        while lo < hi:  # the most rows whose JSON fits, leaving room for the note
            mid = (lo + hi + 1) // 2
            if len(dump(mid)) <= limit - 300:
                lo = mid
            else:
                hi = mid - 1
        if lo > 0:
            cut = f"rows {lo + 1}-{len(rows)} of {len(rows)}"
            note = (
                f"\n[observation truncated: showing {lo} of {len(rows)} rows; {cut} cut "
                f"({len(text) - len(dump(lo)):,} characters). Use LIMIT, fewer columns or "
                f"an aggregate to see what you need.]"
            )
            return dump(lo) + note, True, cut, lo
    keep = max(limit - 200, 100)
    cut = f"characters {keep + 1}-{len(text)} of {len(text)}"
    note = (
        f"\n[observation truncated: showing the first {keep:,} of {len(text):,} characters; "
        f"{len(text) - keep:,} cut. Ask for less (LIMIT, fewer columns, a narrower filter).]"
    )
    return text[:keep] + note, True, cut, 0 if isinstance(rows, list) else None


class AgentRun:
    """One run of a strategy: its model, tools, budget, audit trail and collected evidence.

    Args:
        question: The user's question.
        model: The model.
        toolbox: The connected server's tools.
        config: Strategy, budget and limits.
        auditor: Writes the model records.
        asker: Where a clarifying question goes.
        run_id: The run id.
    """

    def __init__(
        self,
        question: str,
        model: Model,
        toolbox: Toolbox,
        config: AgentConfig,
        auditor: ModelAuditor,
        asker: Asker,
        run_id: str,
    ) -> None:
        reserved = sorted(set(CONTROL_ARGS) & {t.name for t in toolbox.tools})
        if reserved:
            raise AgentFailed(
                f"The server has tools named like the runtime's control tools: "
                f"{', '.join(reserved)}; expected none of "
                f"{', '.join(sorted(CONTROL_ARGS))}."
            )
        self.question = question
        self.model = model
        self.toolbox = toolbox
        self.config = config
        self.auditor = auditor
        self.asker = asker
        self.run_id = run_id
        self.tracker = BudgetTracker(config.budget)
        self.step = 0
        self.calls: list[CallRecord] = []
        self.corrections: list[str] = []
        self._buffer: list[Step] = []
        self._observed: list[dict[str, Any]] = []

    # -- records --------------------------------------------------------------------------------

    def stamp(self, duration_ms: float = 0.0) -> dict[str, Any]:
        """The common fields of a step record made now."""
        return {
            "index": self.step,
            "elapsed_ms": round(self.tracker.elapsed * 1000, 3),
            "duration_ms": round(max(duration_ms, 0.0), 3),
        }

    def emit(self, step: Step) -> None:
        """Queue a step record (the strategy yields it at its next :meth:`flush`)."""
        self._buffer.append(step)

    def flush(self) -> list[Step]:
        """Take the queued step records."""
        out, self._buffer = self._buffer, []
        return out

    # -- messages -------------------------------------------------------------------------------

    def system_prompt(self, extra: str | None = None) -> ChatMessage:
        """The system message: the base prompt, strategy additions and the question's context."""
        parts = [prompts.SYSTEM]
        if extra:
            parts.append(extra)
        if self.config.context:
            parts.append(prompts.CONTEXT.format(context=self.config.context))
        return ChatMessage.system("\n".join(parts))

    @property
    def data_tools(self) -> list[ToolSpec]:
        """The server's tools."""
        return list(self.toolbox.tools)

    # -- model calls ----------------------------------------------------------------------------

    async def generate(
        self,
        messages: Sequence[ChatMessage],
        tools: Sequence[ToolSpec] | None,
        purpose: str,
        *,
        new_step: bool = True,
        **options: Any,
    ) -> ChatMessage:
        """One audited model call under the budget.

        Args:
            messages: The conversation.
            tools: Tools offered.
            purpose: act, rate, plan, research, review or clarify (recorded).
            new_step: Counts as an action step (ratings and question drafting do not).
            **options: Model options (temperature ...).

        Raises:
            BudgetExhausted: If a limit is reached before the call.
            ModelError: If the model call fails.
        """
        self.tracker.check(new_step=new_step)
        if new_step:
            self.step += 1
            self.tracker.steps += 1
        remaining = self.tracker.remaining_seconds()
        if remaining is not None:
            options.setdefault("timeout", max(remaining, 1.0))
        msgs, specs = list(messages), list(tools or [])
        digest = prompt_hash(msgs, specs, {k: v for k, v in options.items() if k != "timeout"})
        observed, self._observed = self._observed, []
        t0 = time.perf_counter()
        output: ChatMessage | None = None
        error: BaseException | None = None
        try:
            output = await anyio.to_thread.run_sync(
                functools.partial(self.model.generate, msgs, specs or None, **options)
            )
            if output.role != "assistant":
                raise ModelError(
                    f"Model {self.model.name!r} returned a {output.role!r} message; "
                    f"expected an assistant message."
                )
        except ModelError as exc:
            error = exc
        except Exception as exc:  # noqa: BLE001 - a backend bug still ends the run clearly
            error = ModelError(f"Model {self.model.name!r} failed: {type(exc).__name__}: {exc}")
        latency = (time.perf_counter() - t0) * 1000
        recorded = {k: v for k, v in options.items() if k != "timeout"}
        await anyio.to_thread.run_sync(
            functools.partial(
                self.auditor.record,
                model=self.model.name,
                purpose=purpose,
                step=self.step,
                messages=msgs,
                tools=specs,
                options=recorded,
                output=output,
                error=error,
                latency_ms=latency,
                digest=digest,
                observed=observed,
            )
        )
        if error is not None:
            raise error
        assert output is not None
        usage = output.usage
        self.tracker.add(usage)
        self.emit(
            ModelStep(
                **self.stamp(latency),
                purpose=purpose,
                model=self.model.name,
                prompt_tokens=usage.prompt_tokens if usage else 0,
                completion_tokens=usage.completion_tokens if usage else 0,
                cost_usd=usage.cost_usd if usage else 0.0,
                latency_ms=latency,
                prompt_hash=digest,
            )
        )
        if output.content and output.tool_calls:
            self.emit(ThoughtStep(**self.stamp(), text=output.content))
        return output

    # -- tool calls -----------------------------------------------------------------------------

    def malformed(self, problem: str, allowed: Sequence[str]) -> str:
        """Count one malformed call and return the corrective observation.

        Raises:
            AgentFailed: If the corrections allowed are used up.
        """
        self.corrections.append(problem)
        if len(self.corrections) > self.config.max_corrections:
            raise AgentFailed(
                f"The model sent a malformed tool call again after "
                f"{self.config.max_corrections} correction(s): {problem}. Earlier: "
                f"{'; '.join(self.corrections[:-1]) or '(none)'}.",
                hint="use a model with reliable tool calling, or raise max_corrections",
            )
        self.emit(
            ErrorStep(
                **self.stamp(), error_class="MalformedToolCall", message=problem, recoverable=True
            )
        )
        return prompts.MALFORMED.format(problem=problem, tools=", ".join(allowed))

    async def run_tools(
        self,
        message: ChatMessage,
        messages: list[ChatMessage],
        control: Sequence[str] = (),
        *,
        data: bool = True,
    ) -> list[ControlCall]:
        """Append ``message`` and answer its tool calls.

        Data tool calls run on the server (errors come back as observations); malformed calls
        (unknown tool, arguments not a JSON object, invalid control arguments) get the
        corrective observation. Control calls are validated and returned, unanswered, for the
        strategy to act on; when mixed with data calls they are refused (call them alone).
        With ``data=False`` (a step that offers only control tools) a data tool call is
        malformed too.

        Raises:
            AgentFailed: On a malformed call after the corrections allowed.
            BudgetExhausted: If the time budget runs out between calls.
        """
        messages.append(message)
        allowed = ([t.name for t in self.toolbox.tools] if data else []) + list(control)
        has_data = data and any(self.toolbox.has(c.name) for c in message.tool_calls)
        controls: list[ControlCall] = []
        for call in message.tool_calls:
            if call.name in control:
                try:
                    args = parse_control(call.name, call.parsed_arguments())
                except (MalformedToolCall, ValueError) as exc:
                    messages.append(
                        ChatMessage.tool_result(call, self.malformed(str(exc), allowed))
                    )
                    continue
                if has_data or controls:
                    messages.append(ChatMessage.tool_result(call, prompts.FINAL_ALONE))
                    continue
                controls.append(ControlCall(call=call, name=call.name, args=args))
                continue
            if not (data and self.toolbox.has(call.name)):
                problem = (
                    f"unknown tool {call.name!r}" if call.name else "a tool call without a name"
                )
                if call.name and self.toolbox.has(call.name):
                    problem = f"tool {call.name!r} is not offered at this step"
                messages.append(ChatMessage.tool_result(call, self.malformed(problem, allowed)))
                continue
            try:
                arguments = call.parsed_arguments()
            except MalformedToolCall as exc:
                messages.append(ChatMessage.tool_result(call, self.malformed(str(exc), allowed)))
                continue
            text = await self.call_tool(call, arguments)
            messages.append(ChatMessage.tool_result(call, text))
        return controls

    async def call_tool(self, call: ToolCall, arguments: dict[str, Any]) -> str:
        """Run one data tool call; return the observation text the model will see."""
        self.tracker.check()
        self.emit(
            ToolCallStep(**self.stamp(), call_id=call.id, name=call.name, arguments=arguments)
        )
        t0 = time.perf_counter()
        remaining = self.tracker.remaining_seconds()
        with anyio.move_on_after(remaining if remaining is not None else float("inf")) as scope:
            result = await self.toolbox.call(call.name, arguments, run_id=self.run_id)
        if scope.cancelled_caught:
            raise BudgetExhausted(
                "time",
                f"the time budget ({self.config.budget.max_seconds:g} "
                f"s) ran out during {call.name}",
            )
        duration = (time.perf_counter() - t0) * 1000
        text, truncated, cut, rows_shown = render_observation(
            result, self.config.max_observation_chars
        )
        if result.is_error:
            text = prompts.TOOL_ERROR.format(tool=call.name, text=text)
        self.calls.append(
            CallRecord(
                call_id=call.id,
                tool=call.name,
                arguments=arguments,
                structured=result.structured,
                is_error=result.is_error,
                rows_shown=rows_shown,
                result_hash=result.result_hash,
            )
        )
        self._observed.append(
            {
                "call_id": call.id,
                "tool": call.name,
                "is_error": result.is_error,
                "result_hash": result.result_hash,
            }
        )
        self.emit(
            ObservationStep(
                **self.stamp(duration),
                call_id=call.id,
                name=call.name,
                text=text,
                is_error=result.is_error,
                truncated=truncated,
                cut=cut,
                full_chars=len(result.text),
                result_hash=result.result_hash,
            )
        )
        return text

    # -- the end --------------------------------------------------------------------------------

    def final(
        self,
        status: Status,
        text: str,
        *,
        value: Any = None,
        confidence: float | None = None,
        cite: Sequence[str] | None = None,
        question: str | None = None,
        error: dict[str, Any] | None = None,
    ) -> FinalAnswerStep:
        """Build the final answer with citations and totals, and queue its step."""
        if status == "answered":
            value, value_type = (
                classify_value(value) if value is not None else value_from_text(text)
            )
        else:
            value, value_type = None, None
        answer = FinalAnswer(
            status=status,
            text=text,
            value=value,
            value_type=value_type,
            citations=build_citations(self.calls, cite) if status != "failed" else [],
            confidence=confidence,
            abstained=status == "abstained",
            needs_information=status == "needs_information",
            question=question,
            error=error,
            run_id=self.run_id,
            model=self.model.name,
            strategy=self.config.strategy,
            steps=self.tracker.steps,
            prompt_tokens=self.tracker.prompt_tokens,
            completion_tokens=self.tracker.completion_tokens,
            cost_usd=self.tracker.cost_usd,
            elapsed_ms=round(self.tracker.elapsed * 1000, 3),
        )
        step = FinalAnswerStep(**self.stamp(), answer=answer)
        self.emit(step)
        return step


_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def parse_confidence(text: str | None, scale: Literal["numeric", "likert"]) -> float | None:
    """A rating reply as a 0..1 score (None when it holds no usable number).

    Numeric: the first number; ``85%`` or a number in (1, 100] is read as a percentage. Likert:
    the first number, which must be 1..5, mapped to (x - 1) / 4.
    """
    m = _NUMBER.search(text or "")
    if m is None:
        return None
    x = float(m.group())
    if scale == "likert":
        return (x - 1) / 4 if 1 <= x <= 5 else None
    percent = (text or "")[m.end() : m.end() + 1] == "%"
    if percent or 1 < x <= 100:
        x /= 100
    return x if 0 <= x <= 1 else None


async def run_agent(
    question: str,
    model: Model,
    toolbox: Toolbox,
    *,
    config: AgentConfig | None = None,
    audit: AuditLog | None = None,
    identity: str | None = None,
    asker: Asker | None = None,
    run_id: str | None = None,
) -> AsyncIterator[Step]:
    """Run one question and yield step records as they happen; the last is the final answer.

    Args:
        question: The question.
        model: The model (``LiteLLMModel``, ``ScriptedModel`` ...).
        toolbox: The connected server (:func:`m3agent.agents.mcp_tools.connect`).
        config: Strategy, budget and limits.
        audit: The audit log for model records (None: not audited).
        identity: Who runs it (default: the OS user).
        asker: Where a clarifying question goes (default: batch, i.e. needs_information).
        run_id: The run id (default: a new uuid4 hex).

    Yields:
        Step records; a :class:`FinalAnswerStep` always ends the run, also on failure.

    Raises:
        AgentFailed: If the run cannot start (the server has tools named like control tools).
    """
    from m3agent.agents.strategies import STRATEGIES

    if not question or not question.strip():
        raise AgentFailed("Expected a question, found an empty string.")
    config = config or AgentConfig()
    run_id = run_id or uuid.uuid4().hex
    auditor = ModelAuditor(audit, run_id, identity or os_identity())
    run = AgentRun(question.strip(), model, toolbox, config, auditor, asker or BatchAsker(), run_id)
    strategy = STRATEGIES[config.strategy]
    try:
        async for step in strategy(run):
            yield step
    except BudgetExhausted as exc:
        for step in run.flush():
            yield step
        run.emit(
            ErrorStep(
                **run.stamp(), error_class="BudgetExhausted", message=exc.detail, recoverable=False
            )
        )
        gathered = len([c for c in run.calls if not c.is_error])
        run.final(
            "budget_exhausted",
            f"No answer: {exc.detail} before the model answered "
            f"({gathered} successful tool call(s) gathered; see the citations).",
            error={"error": "BudgetExhausted", "which": exc.which, "message": exc.detail},
        )
    except M3AgentError as exc:  # ModelError, AgentFailed, AuditWriteError ...
        for step in run.flush():
            yield step
        run.emit(
            ErrorStep(
                **run.stamp(), error_class=type(exc).__name__, message=str(exc), recoverable=False
            )
        )
        run.final(
            "failed",
            exc.message,
            error={"error": type(exc).__name__, "message": exc.message, "hint": exc.hint},
        )
    for step in run.flush():
        yield step


async def answer_question(
    question: str, model: Model, toolbox: Toolbox, **kwargs: Any
) -> tuple[list[Step], FinalAnswer]:
    """Run :func:`run_agent` to the end; return every step and the final answer."""
    steps = [s async for s in run_agent(question, model, toolbox, **kwargs)]
    last = steps[-1]
    assert isinstance(last, FinalAnswerStep)
    return steps, last.answer
