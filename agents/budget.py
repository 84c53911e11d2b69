"""Budgets of a run: action steps, tokens, cost and wall time."""

from __future__ import annotations

import time

from pydantic import BaseModel, ConfigDict, Field

from m3agent.agents.messages import Usage


class Budget(BaseModel):
    """Limits of one run; None means unlimited.

    Attributes:
        max_steps: Action steps (model calls other than confidence ratings).
        max_tokens: Prompt plus completion tokens over all model calls.
        max_cost_usd: Cost over all model calls.
        max_seconds: Wall time of the run.
    """

    model_config = ConfigDict(frozen=True)

    max_steps: int = Field(default=10, ge=1)
    max_tokens: int | None = Field(default=None, ge=1)
    max_cost_usd: float | None = Field(default=None, gt=0)
    max_seconds: float | None = Field(default=None, gt=0)


class BudgetExhausted(Exception):
    """Raised inside a run when a limit is reached; the run ends with a budget result.

    Args:
        which: steps, tokens, cost or time.
        detail: A sentence saying what ran out.
    """

    def __init__(self, which: str, detail: str) -> None:
        super().__init__(detail)
        self.which = which
        self.detail = detail


class BudgetTracker:
    """What a run has spent so far, checked against its :class:`Budget`."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.started = time.perf_counter()
        self.steps = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.cost_usd = 0.0

    @property
    def elapsed(self) -> float:
        """Seconds since the run started."""
        return time.perf_counter() - self.started

    def remaining_seconds(self) -> float | None:
        """Seconds left of the wall-time budget (None: unlimited)."""
        if self.budget.max_seconds is None:
            return None
        return max(self.budget.max_seconds - self.elapsed, 0.0)

    def add(self, usage: Usage | None) -> None:
        """Count one model call's tokens and cost."""
        if usage is not None:
            self.prompt_tokens += usage.prompt_tokens
            self.completion_tokens += usage.completion_tokens
            self.cost_usd += usage.cost_usd

    def check(self, *, new_step: bool = False) -> None:
        """Raise :class:`BudgetExhausted` if a limit is reached.

        Args:
            new_step: An action step is about to start (checks the step limit too).
        """
        b = self.budget
        if new_step and self.steps >= b.max_steps:
            raise BudgetExhausted("steps", f"the step budget ({b.max_steps} steps) ran out")
        tokens = self.prompt_tokens + self.completion_tokens
        if b.max_tokens is not None and tokens >= b.max_tokens:
            raise BudgetExhausted(
                "tokens",
                f"the token budget ({b.max_tokens:,} tokens) ran out after {tokens:,} tokens",
            )
        if b.max_cost_usd is not None and self.cost_usd >= b.max_cost_usd:
            raise BudgetExhausted(
                "cost", f"the cost budget (${b.max_cost_usd:g}) ran out after ${self.cost_usd:.4f}"
            )
        if b.max_seconds is not None and self.elapsed >= b.max_seconds:
            raise BudgetExhausted(
                "time", f"the time budget ({b.max_seconds:g} s) ran out after {self.elapsed:.1f} s"
            )
