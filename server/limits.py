"""Per-subject limits: a token-bucket rate limit, concurrent calls, daily query and row budgets.

Every tool call is admitted by :meth:`Limits.admit` before it runs and released when it ends.
A refused call raises :class:`RateLimited` (an :class:`~m3agent.server.policy.AccessRefused`,
so the server audits it as a ``refusal``) whose message names the limit and says when to retry.

- **Rate** (``M3AGENT_RATE_LIMIT`` calls a minute, ``M3AGENT_RATE_BURST``): a token bucket per
  subject holding ``burst`` tokens, refilled at ``rate / 60`` a second; a call takes one. The
  retry time is exact: when the next token arrives.
- **Concurrency** (``M3AGENT_MAX_CONCURRENT``): calls of one subject running at once.
- **Daily budgets** (``M3AGENT_DAILY_QUERIES``, ``M3AGENT_DAILY_ROWS``): calls run and rows
  returned per subject per UTC day. A result that would cross the rows budget is cut to what is
  left (:meth:`Limits.rows_allowance`); the retry time is the next UTC midnight. Budgets are
  counted from the audit log at start-up (:meth:`Limits.seed_from_audit`), so a restart does not
  reset them.

A limit set to 0 is off; all are off by default. Counters live in the server process: several
server processes sharing one audit log each keep their own (seeded from the log at start).
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Self

from pydantic import BaseModel, ConfigDict, Field

from m3agent.audit.records import parse_line, reverse_lines
from m3agent.server.policy import AccessRefused


class LimitSettings(BaseModel):
    """The limits, each per subject (0 turns a limit off).

    Attributes:
        rate_per_minute: Calls a minute (token refill rate).
        burst: Bucket size: calls allowed at once after a quiet spell (default: one minute's
            worth, at least 1).
        max_concurrent: Calls running at once.
        daily_queries: Calls a UTC day.
        daily_rows: Result rows a UTC day.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    rate_per_minute: float = Field(default=0, ge=0, allow_inf_nan=False)
    burst: int | None = Field(default=None, ge=1)
    max_concurrent: int = Field(default=0, ge=0)
    daily_queries: int = Field(default=0, ge=0)
    daily_rows: int = Field(default=0, ge=0)

    @property
    def enabled(self) -> bool:
        """Whether any limit is on."""
        return bool(
            self.rate_per_minute or self.max_concurrent or self.daily_queries or self.daily_rows
        )

    @property
    def bucket_size(self) -> int:
        """The token bucket's capacity."""
        return self.burst or max(1, math.ceil(self.rate_per_minute))


class RateLimited(AccessRefused):
    """A call refused by a limit; ``retry_after_s`` says when trying again can succeed."""

    code = "rate_limited"

    def __init__(
        self,
        message: str,
        *,
        rule: str,
        retry_after_s: float,
        details: dict[str, object] | None = None,
    ) -> None:
        retry = round(max(retry_after_s, 0.001), 3)
        super().__init__(
            message,
            rule=rule,
            hint=f"Retry in {_human(retry)}.",
            details={"retry_after_s": retry, **(details or {})},
        )
        self.retry_after_s = retry


def _human(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.1f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h (at 00:00 UTC)"


class Usage(BaseModel):
    """One subject's counters (for reports and tests)."""

    day: date
    queries: int = 0
    rows: int = 0
    running: int = 0
    tokens: float = 0.0


class _Subject:
    __slots__ = ("tokens", "stamp", "running", "day", "queries", "rows")

    def __init__(self, tokens: float, stamp: float, day: date) -> None:
        self.tokens = tokens
        self.stamp = stamp
        self.running = 0
        self.day = day
        self.queries = 0
        self.rows = 0


class Lease:
    """An admitted call; :meth:`release` (or leaving the ``with`` block) ends it. Idempotent."""

    def __init__(self, limits: Limits, subject: str) -> None:
        self._limits = limits
        self.subject = subject
        self._done = False

    def release(self) -> None:
        """End the call (frees its concurrency slot)."""
        if not self._done:
            self._done = True
            self._limits._release(self.subject)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


class Limits:
    """The counters of every subject, thread-safe.

    Args:
        settings: The limits.
        monotonic: Clock for the token bucket (seconds; injectable for tests).
        utc_now: Wall clock for the daily budgets (injectable for tests).
    """

    def __init__(
        self,
        settings: LimitSettings,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        utc_now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings = settings
        self._monotonic = monotonic
        self._utc_now = utc_now
        self._lock = threading.Lock()
        self._subjects: dict[str, _Subject] = {}

    # -- admission -----------------------------------------------------------------------------

    def admit(self, subject: str) -> Lease:
        """Admit one call of ``subject`` or refuse it.

        Raises:
            RateLimited: With rule ``daily_queries``, ``daily_rows``, ``concurrency`` or
                ``rate_limit`` and the seconds until a retry can succeed.
        """
        s = self.settings
        with self._lock:
            st = self._state(subject)
            if s.daily_queries and st.queries >= s.daily_queries:
                raise RateLimited(
                    f"{subject!r} has used its {s.daily_queries} calls for {st.day} (UTC).",
                    rule="daily_queries",
                    retry_after_s=self._until_midnight(),
                    details={"limit": s.daily_queries, "used": st.queries},
                )
            if s.daily_rows and st.rows >= s.daily_rows:
                raise RateLimited(
                    f"{subject!r} has received its {s.daily_rows} result rows for {st.day} (UTC).",
                    rule="daily_rows",
                    retry_after_s=self._until_midnight(),
                    details={"limit": s.daily_rows, "used": st.rows},
                )
            if s.max_concurrent and st.running >= s.max_concurrent:
                raise RateLimited(
                    f"{subject!r} already has {st.running} calls running, the most allowed at "
                    f"once; retry when one finishes.",
                    rule="concurrency",
                    retry_after_s=1.0,
                    details={"limit": s.max_concurrent},
                )
            if s.rate_per_minute:
                self._refill(st)
                if st.tokens < 1:
                    wait = (1 - st.tokens) / (s.rate_per_minute / 60)
                    raise RateLimited(
                        f"{subject!r} is over its rate limit of {s.rate_per_minute:g} calls a "
                        f"minute (bursts of {s.bucket_size}).",
                        rule="rate_limit",
                        retry_after_s=wait,
                        details={"limit_per_minute": s.rate_per_minute, "burst": s.bucket_size},
                    )
                st.tokens -= 1
            st.running += 1
            st.queries += 1
        return Lease(self, subject)

    def rows_allowance(self, subject: str) -> int | None:
        """Rows ``subject`` may still receive today (None: no rows budget)."""
        if not self.settings.daily_rows:
            return None
        with self._lock:
            st = self._state(subject)
            return max(0, self.settings.daily_rows - st.rows)

    def charge_rows(self, subject: str, rows: int) -> None:
        """Count ``rows`` returned to ``subject`` today."""
        if rows <= 0:
            return
        with self._lock:
            self._state(subject).rows += rows

    def usage(self, subject: str) -> Usage:
        """The counters of ``subject`` now."""
        with self._lock:
            st = self._state(subject)
            if self.settings.rate_per_minute:
                self._refill(st)
            return Usage(
                day=st.day,
                queries=st.queries,
                rows=st.rows,
                running=st.running,
                tokens=round(st.tokens, 3),
            )

    # -- the audit log -------------------------------------------------------------------------

    def seed_from_audit(self, path: Path | str) -> int:
        """Count today's (UTC) tool calls and rows per identity from an audit log.

        Reads the log backwards from its end and stops at the first record of an earlier day,
        so the cost is that of today's records only. A torn last line is skipped.

        Returns:
            The number of records counted.
        """
        if not (self.settings.daily_queries or self.settings.daily_rows):
            return 0
        today = self._utc_now().date()
        try:
            fd = os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            return 0
        counted = 0
        try:
            size = os.fstat(fd).st_size
            for _offset, raw, terminated in reverse_lines(fd, size):
                if not terminated or not raw.strip():
                    continue
                try:
                    rec = parse_line(raw)
                    day = datetime.fromisoformat(str(rec.get("ts"))).date()
                except ValueError:
                    continue
                if day < today:
                    break
                if rec.get("kind") != "tool" or not isinstance(rec.get("identity"), str):
                    continue
                rows = rec.get("rows")
                with self._lock:
                    st = self._state(rec["identity"])
                    st.queries += 1
                    if isinstance(rows, int) and not isinstance(rows, bool) and rows > 0:
                        st.rows += rows
                counted += 1
        finally:
            os.close(fd)
        return counted

    # -- internals -----------------------------------------------------------------------------

    def _state(self, subject: str) -> _Subject:
        today = self._utc_now().date()
        st = self._subjects.get(subject)
        if st is None:
            if len(self._subjects) > 10_000:
                self._prune(today)
            st = _Subject(float(self.settings.bucket_size), self._monotonic(), today)
            self._subjects[subject] = st
        elif st.day != today:
            st.day, st.queries, st.rows = today, 0, 0
        return st

    def _refill(self, st: _Subject) -> None:
        now = self._monotonic()
        rate = self.settings.rate_per_minute / 60
        st.tokens = min(float(self.settings.bucket_size), st.tokens + (now - st.stamp) * rate)
        st.stamp = now

    def _prune(self, today: date) -> None:
        """Forget idle subjects of earlier days whose buckets are full again."""
        for name in [n for n, st in self._subjects.items() if st.running == 0 and st.day != today]:
            del self._subjects[name]

    def _release(self, subject: str) -> None:
        with self._lock:
            st = self._subjects.get(subject)
            if st is not None and st.running > 0:
                st.running -= 1

    def _until_midnight(self) -> float:
        now = self._utc_now()
        midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC)
        return (midnight - now).total_seconds()
