"""Point-sum scores: one :class:`Step` per criterion with a running total.

Two ways to build one: :class:`Score`, which adds one criterion at a time, and :func:`tally`,
which takes every ``(label, value, points)`` triple at once.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from m3agent.calculators.base import Step


def as_int(total: float) -> int | float:
    """Return ``total`` as an int when it is whole (scores with half points stay floats)."""
    return int(total) if float(total).is_integer() else total


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


class Score:
    """Builds a points score one criterion at a time, recording a :class:`Step` for each.

    Args:
        start: The starting total (0 for every score here).
    """

    def __init__(self, start: float = 0) -> None:
        self.total: float = start
        self.steps: list[Step] = []

    def add(self, label: str, value: Any, points: float, detail: str | None = None) -> None:
        """Add ``points`` for the criterion ``label`` (``value`` is what the input was)."""
        self.total += points
        shown = (
            value if isinstance(value, int | float | str | bool) or value is None else str(value)
        )
        self.steps.append(
            Step(label=label, value=shown, points=points, total=self.total, detail=detail)
        )

    def flag(self, label: str, present: bool, points: float) -> None:
        """Add ``points`` when the yes/no criterion ``label`` is present."""
        self.add(
            label,
            present,
            points if present else 0,
            f"+{_fmt(points)} if present" if points >= 0 else f"{_fmt(points)} if present",
        )

    @property
    def value(self) -> int | float:
        """The total as an int when it is whole (scores), else a float (Wells PE halves)."""
        return as_int(self.total)


def tally(criteria: Iterable[tuple[str, Any, float]]) -> tuple[list[Step], float]:
    """Turn ``(label, value, points)`` triples into Steps with a running total.

    Args:
        criteria: Each criterion's label, the input value it looked at, and the points it adds.

    Returns:
        The steps (one per criterion, in order) and the total.
    """
    steps: list[Step] = []
    total = 0.0
    for label, value, points in criteria:
        total += points
        steps.append(Step(label=label, value=value, points=points, total=total))
    return steps, total


def points_for(value: float, cuts: Sequence[tuple[float, float]], last: float) -> float:
    """Points for a measurement from ``(upper_bound_exclusive, points)`` pairs in order."""
    for upper, pts in cuts:
        if value < upper:
            return pts
    return last
