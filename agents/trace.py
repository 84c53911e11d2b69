"""Model calls in the audit log, and rebuilding a run from it.

Every model call of a run is one ``kind="model"`` record in the same hash-chained log as the
server's tool records, with ``request_id`` = ``session_id`` = the run id, ``tool`` = the model's
name, and in ``extra``: the output (text and tool calls), tokens, cost, latency, the sha256 of
the prompt (messages, tools and options) and the tool results observed since the previous model
call (tool, arguments, error flag, result hash). :func:`replay` reads them back; the model
outputs alone drive a :class:`ScriptedModel` that repeats the run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from m3agent.agents.messages import ChatMessage, ToolCall, ToolSpec, Usage
from m3agent.audit import AuditLog, canonical_json, hash_result, read_records
from m3agent.tools.errors import NotFoundError


def prompt_hash(
    messages: Sequence[ChatMessage],
    tools: Sequence[ToolSpec] | None,
    options: dict[str, Any] | None = None,
) -> str:
    """sha256 of the canonical JSON of everything the model was sent."""
    body = {
        "messages": [m.to_openai() for m in messages],
        "tools": [t.to_openai() for t in tools or []],
        "options": options or {},
    }
    return hashlib.sha256(canonical_json(body, allow_nan=True)).hexdigest()


class ModelAuditor:
    """Writes one audit record per model call of a run.

    Args:
        log: The audit log (None: nothing is written, e.g. for benchmarks that opt out).
        run_id: The run id (request and session id of the records).
        identity: Who runs the agent.
    """

    def __init__(self, log: AuditLog | None, run_id: str, identity: str) -> None:
        self.log = log
        self.run_id = run_id
        self.identity = identity

    def record(
        self,
        *,
        model: str,
        purpose: str,
        step: int,
        messages: Sequence[ChatMessage],
        tools: Sequence[ToolSpec] | None,
        options: dict[str, Any],
        output: ChatMessage | None,
        error: BaseException | None,
        latency_ms: float,
        digest: str,
        observed: list[dict[str, Any]],
    ) -> None:
        """Append the record of one model call (raises AuditWriteError if it cannot)."""
        if self.log is None:
            return
        usage = (output.usage if output is not None else None) or Usage()
        extra: dict[str, Any] = {
            "purpose": purpose,
            "step": step,
            "prompt_hash": digest,
            "latency_ms": round(latency_ms, 3),
            "tokens": {
                "prompt": usage.prompt_tokens,
                "completion": usage.completion_tokens,
                "total": usage.total_tokens,
            },
            "cost": usage.cost_usd,
            "observed": observed,
        }
        if output is not None:
            extra["output"] = output.output_dict()
        if error is not None:
            extra["error"] = str(error)[:2000]
        self.log.append(
            kind="model",
            request_id=self.run_id,
            session_id=self.run_id,
            identity=self.identity,
            tool=model or "model",
            arguments={
                "purpose": purpose,
                "step": step,
                "messages": len(messages),
                "tools": [t.name for t in tools or []],
                "options": options,
            },
            outcome="ok" if error is None else "error",
            error_class=None if error is None else type(error).__name__,
            duration_ms=round(latency_ms, 3),
            result_hash=hash_result(output.output_dict()) if output is not None else None,
            extra=extra,
        )


class ReplayEvent(BaseModel):
    """One event of a recorded run, in order.

    Attributes:
        kind: ``model`` (a model call and its output) or ``tool`` (a tool call it requested).
        seq: The audit record's seq (model events; for tools: the server's record, if found).
        purpose: Why the model was called (act, rate, plan, research, review, clarify).
        step: The action step.
        output: The model's output.
        error_class: The model call's error, if it failed.
        tool: The tool called.
        call_id: The call id the model chose.
        arguments: The call's arguments as the model sent them.
        is_error: Whether the tool reported an error (None when not observed).
        result_hash: The tool result's hash as observed by the runtime.
    """

    kind: Literal["model", "tool"]
    seq: int | None = None
    purpose: str | None = None
    step: int | None = None
    output: ChatMessage | None = None
    error_class: str | None = None
    tool: str | None = None
    call_id: str | None = None
    arguments: Any = None
    is_error: bool | None = None
    result_hash: str | None = None


class RunReplay(BaseModel):
    """A run rebuilt from the audit log."""

    run_id: str
    model: str
    events: list[ReplayEvent] = Field(default_factory=list)

    def model_outputs(self) -> list[ChatMessage]:
        """The model's outputs in order (failed calls skipped)."""
        return [e.output for e in self.events if e.kind == "model" and e.output is not None]

    def tool_calls(self) -> list[ReplayEvent]:
        """The tool calls in order."""
        return [e for e in self.events if e.kind == "tool"]

    def scripted_model(self) -> Any:
        """A :class:`ScriptedModel` that repeats the recorded outputs."""
        from m3agent.agents.scripted import ScriptedModel

        return ScriptedModel(list(self.model_outputs()), name=self.model)


def _subset(wanted: Any, stored: dict[str, Any]) -> bool:
    if not isinstance(wanted, dict):
        return False
    return all(stored.get(k) == v for k, v in wanted.items() if v is not None)


def replay(audit_path: str | Path, run_id: str) -> RunReplay:
    """Rebuild the sequence of model outputs and tool calls of one run from the audit log.

    Tool calls come from the model outputs (in the order the runtime executes them), enriched
    with what the runtime observed (error flag, result hash) and, when the server wrote to the
    same log (in-process runs), the seq of the server's own record of the call.

    Raises:
        NotFoundError: If the log has no model record of this run.
    """
    records = read_records(audit_path)
    model_records = [r for r in records if r.kind == "model" and r.request_id == run_id]
    if not model_records:
        raise NotFoundError(
            f"No model records of run {run_id!r} in {audit_path}.",
            hint="check the run id (FinalAnswer.run_id) and the audit log path",
        )
    server = [r for r in records if r.kind in ("tool", "refusal")]
    used: set[int] = set()
    observed: dict[str, dict[str, Any]] = {}
    for r in model_records:
        for obs in r.extra.get("observed") or []:
            observed[str(obs.get("call_id"))] = obs
    events: list[ReplayEvent] = []
    for r in model_records:
        out = r.extra.get("output")
        message = None
        if out is not None:
            message = ChatMessage(
                role="assistant",
                content=out.get("content"),
                tool_calls=[ToolCall(**c) for c in out.get("tool_calls") or []],
                usage=Usage(
                    prompt_tokens=r.extra.get("tokens", {}).get("prompt", 0),
                    completion_tokens=r.extra.get("tokens", {}).get("completion", 0),
                    cost_usd=r.extra.get("cost", 0.0),
                ),
            )
        events.append(
            ReplayEvent(
                kind="model",
                seq=r.seq,
                purpose=r.extra.get("purpose"),
                step=r.extra.get("step"),
                output=message,
                error_class=r.error_class,
            )
        )
        for c in message.tool_calls if message is not None else []:
            obs = observed.get(c.id, {})
            server_seq = None
            for s in server:
                if (
                    s.seq > r.seq
                    and s.seq not in used
                    and s.tool == c.name
                    and _subset(c.arguments, s.arguments)
                ):
                    server_seq = s.seq
                    used.add(s.seq)
                    break
            events.append(
                ReplayEvent(
                    kind="tool",
                    seq=server_seq,
                    step=r.extra.get("step"),
                    tool=c.name,
                    call_id=c.id,
                    arguments=c.arguments,
                    is_error=obs.get("is_error"),
                    result_hash=obs.get("result_hash"),
                )
            )
    return RunReplay(run_id=run_id, model=model_records[0].tool, events=events)
