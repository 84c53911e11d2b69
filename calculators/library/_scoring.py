"""Small helpers shared by point-sum scores: one Step per criterion with a running total.

The leading underscore keeps the registry from loading this module as a calculator.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from m3agent.calculators.base import Step


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


def as_int(total: float) -> int | float:
    """Return ``total`` as an int when it is whole (scores with half points stay floats)."""
    return int(total) if float(total).is_integer() else total


def band(value: float, bands: Sequence[tuple[float, str]], last: str) -> str:
    """Pick the label of the first band whose upper bound (exclusive) exceeds ``value``.

    Args:
        value: The score or measurement.
        bands: ``(upper_bound_exclusive, label)`` pairs in increasing order.
        last: The label when ``value`` is at or above every bound.
    """
    for upper, label in bands:
        if value < upper:
            return label
    return last


def points_for(value: float, cuts: Sequence[tuple[float, float]], last: float) -> float:
    """Points for a measurement from ``(upper_bound_exclusive, points)`` pairs in order."""
    for upper, pts in cuts:
        if value < upper:
            return pts
    return last
