"""What item-sum rating scales share: items with anchored options, steps, and MedMCP reading.

Many clinical rating scales (the Webster scale, AIMS, the Neck Disability Index, the Hamilton
Anxiety Scale ...) rate each item on anchored levels and add the item points. A scale module lists
its items as :class:`RatedItem` (label, points → anchor texts, MedMCP key phrases); this module
turns them into pydantic fields, checks that a value is one of the item's levels, builds one
:class:`Step` per item with the running total, and reads a MedMCP-Calc answer such as
``"2 (Moderate slowing ...)"`` or ``"The pain is fairly severe at the moment (+3)"``.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from m3agent.calculators.base import Step
from m3agent.calculators.library._medmcp_fields import Fields, match_option
from m3agent.calculators.library._points import tally


@dataclass(frozen=True)
class RatedItem:
    """One item of a rating scale.

    Attributes:
        label: The item as printed on the form.
        options: Points → anchor texts (the first is the form's wording; others are short forms).
        keys: Key phrases that find the item among MedMCP-Calc field names.
    """

    label: str
    options: Mapping[int, tuple[str, ...]]
    keys: tuple[str, ...]

    @property
    def low(self) -> int:
        """The lowest level."""
        return min(self.options)

    @property
    def high(self) -> int:
        """The highest level."""
        return max(self.options)


def item_field(item: RatedItem) -> Any:
    """A required integer field whose description lists every level of ``item``."""
    levels = "; ".join(f"{k} {v[0]}" for k, v in sorted(item.options.items()))
    return Field(ge=item.low, le=item.high, description=f"{item.label}: {levels}")


def check_levels(values: Mapping[str, Any], items: Mapping[str, RatedItem]) -> None:
    """Raise ``ValueError`` naming the first field whose value is not one of its item's levels.

    (Range checks come from :func:`item_field`; this catches levels a scale skips, such as 1 on
    an item scored 0, 2 or 4.)
    """
    for name, item in items.items():
        v = values.get(name)
        if v is not None and v not in item.options:
            allowed = ", ".join(str(k) for k in sorted(item.options))
            raise ValueError(f"{name}: expected one of {allowed} ({item.label}), found {v!r}")


def item_steps(values: Mapping[str, int], items: Mapping[str, RatedItem]) -> tuple[list[Step], int]:
    """One Step per item (its label, level and points) with the running total."""
    steps, total = tally((item.label, values[name], values[name]) for name, item in items.items())
    for step, name in zip(steps, items, strict=True):
        step.detail = items[name].options[values[name]][0]
    return steps, int(total)


_LEADING = re.compile(r"^\s*(\d+)\s*(?:$|[(:\-–—=]|\s+[(\-–—:]|\s+[A-Za-z])")
_TRAILING = re.compile(r"\(\s*\+?(\d+)\s*\)\s*$")


def level_of(value: Any, item: RatedItem, *, field: str) -> int:
    """Read the level an answer records for ``item``.

    A bare number, or a text that starts with the level (``"2 (Moderate ...)"``) or ends with it
    in brackets (``"Severe (3)"``), gives that level when the item has it; otherwise the text is
    matched to the closest anchor.

    Raises:
        MedMCPInputError: When the answer matches no level.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and int(value) in item.options:
            return int(value)
    text = str(value)
    for pattern in (_LEADING, _TRAILING):
        m = pattern.search(text)
        if m and int(m.group(1)) in item.options:
            return int(m.group(1))
    return match_option(text, item.options, field=field)


def read_items(fields: Fields, items: Mapping[str, RatedItem]) -> dict[str, int]:
    """Read every item's level from a MedMCP-Calc input list."""
    out: dict[str, int] = {}
    for name, item in items.items():
        field, value = fields.raw(*item.keys)
        out[name] = level_of(value, item, field=f"{fields.calculator}: {field}")
    return out
