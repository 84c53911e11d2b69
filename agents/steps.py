"""Typed step records: what a run yields as it goes.

Every record carries ``index`` (the action step it belongs to, from 1), ``elapsed_ms`` (since
the run started, when the record was made) and ``duration_ms`` (how long that piece took).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field

from m3agent.agents.answer import FinalAnswer


class StepRecord(BaseModel):
    """Fields every step has."""

    index: int = Field(ge=0)
    elapsed_ms: float = Field(ge=0)
    duration_ms: float = Field(default=0.0, ge=0)


class ThoughtStep(StepRecord):
    """Text the model wrote alongside its tool calls (its reasoning)."""

    kind: Literal["thought"] = "thought"
    text: str


class PlanStep(StepRecord):
    """A supervisor's plan (``rar``): sub-questions and hypotheses to research."""

    kind: Literal["plan"] = "plan"
    round: int = Field(ge=1)
    sub_questions: list[str] = Field(default_factory=list)
    hypotheses: list[str] = Field(default_factory=list)


class ToolCallStep(StepRecord):
    """A tool call the model asked for."""

    kind: Literal["tool_call"] = "tool_call"
    call_id: str
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)


class ObservationStep(StepRecord):
    """What a tool call returned, as the model saw it.

    Attributes:
        text: The observation text (possibly truncated).
        is_error: The tool reported an error (the model sees it and may recover).
        truncated: The text was cut to fit the context.
        cut: What was cut, when truncated (e.g. ``rows 21-100 of 100``).
        full_chars: Length of the full observation before truncation.
        result_hash: sha256 of the structured result (as in the server's audit record).
    """

    kind: Literal["observation"] = "observation"
    call_id: str
    name: str
    text: str
    is_error: bool = False
    truncated: bool = False
    cut: str | None = None
    full_chars: int = 0
    result_hash: str | None = None


class ModelStep(StepRecord):
    """One model call: tokens, cost, latency."""

    kind: Literal["model"] = "model"
    purpose: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    prompt_hash: str = ""


class ConfidenceStep(StepRecord):
    """The model's rating of whether it has enough information (``ask``)."""

    kind: Literal["confidence"] = "confidence"
    score: float = Field(ge=0, le=1)
    threshold: float = Field(ge=0, le=1)
    scale: Literal["numeric", "likert"]
    samples: list[float] = Field(default_factory=list)
    raw: list[str] = Field(default_factory=list)


class ClarificationStep(StepRecord):
    """A clarifying question and its answer (None: no one could be asked)."""

    kind: Literal["clarification"] = "clarification"
    question: str
    answer: str | None = None
    channel: str


class EvidenceStep(StepRecord):
    """Evidence a researcher gathered for one hypothesis or sub-question (``rar``)."""

    kind: Literal["evidence"] = "evidence"
    topic: str
    supporting: list[str] = Field(default_factory=list)
    refuting: list[str] = Field(default_factory=list)
    summary: str = ""
    call_ids: list[str] = Field(default_factory=list)


class ErrorStep(StepRecord):
    """Something went wrong: a malformed tool call, a model error, a budget running out."""

    kind: Literal["error"] = "error"
    error_class: str
    message: str
    recoverable: bool = True


class FinalAnswerStep(StepRecord):
    """The run's conclusion (always the last step)."""

    kind: Literal["final_answer"] = "final_answer"
    answer: FinalAnswer


Step = Annotated[
    ThoughtStep
    | PlanStep
    | ToolCallStep
    | ObservationStep
    | ModelStep
    | ConfidenceStep
    | ClarificationStep
    | EvidenceStep
    | ErrorStep
    | FinalAnswerStep,
    Field(discriminator="kind"),
]
