"""Reading MedMCP-Calc inputs by regular expressions, for the adapters written with them.

MedMCP-Calc gives each calculator's inputs as ``[{"field": ..., "value": ..., "score"?: ...}]``
with free-text field names ("Age, years", "PaCO2 (mm Hg)", "sirs_temp_criterion") and values
such as ``"142.9 lb (Adjusted body weight)"``, ``"Yes (RR 28 /min)"`` or ``"Localizes pain (+5)"``.
These helpers find a field by a regular expression over a normalised name and turn values into
numbers, booleans, ``[value, unit]`` pairs or option points. Every miss raises
:class:`AdapterError` naming what was looked for and what the item holds. (:mod:`._medmcp_fields`
matches key phrases instead, and :mod:`._medmcp_keywords` key words; each adapter keeps the
reader it was written and checked with, as their edge cases differ.)

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from m3agent.calculators.library._adapter_errors import AdapterError

_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉ₐₑₒ", "0123456789aeo")


def norm(text: str) -> str:
    """Lower-case ``text``, turn subscripts to plain characters and collapse separators."""
    t = str(text).translate(_SUBSCRIPTS).lower().replace("_", " ")
    return re.sub(r"\s+", " ", t).strip()


def find(inputs: list[dict[str, Any]], *patterns: str) -> dict[str, Any] | None:
    """Find the first input whose normalised field name matches any regex in ``patterns``."""
    for pattern in patterns:
        rx = re.compile(pattern)
        for item in inputs:
            if rx.search(norm(item.get("field", ""))):
                return item
    return None


def get(inputs: list[dict[str, Any]], *patterns: str) -> Any:
    """Return the value of the first input matching ``patterns``.

    Raises:
        AdapterError: When no field matches; the message lists the fields the item has.
    """
    item = find(inputs, *patterns)
    if item is None:
        names = ", ".join(repr(i.get("field")) for i in inputs)
        raise AdapterError(f"no input field matches {list(patterns)}; the item has: {names}.")
    return item.get("value")


def opt(inputs: list[dict[str, Any]], *patterns: str) -> Any:
    """Like :func:`get` but returns ``None`` when no field matches."""
    item = find(inputs, *patterns)
    return None if item is None else item.get("value")


_NUM = re.compile(r"[-+−]?\d[\d,]*(?:\.\d+)?|[-+−]?\.\d+")


def number(value: Any) -> float:
    """Read the first number in ``value`` (thousands separators removed).

    Raises:
        AdapterError: When ``value`` holds no number.
    """
    if isinstance(value, bool):
        raise AdapterError(f"expected a number, found the boolean {value!r}.")
    if isinstance(value, int | float):
        return float(value)
    m = _NUM.search(str(value))
    if not m:
        raise AdapterError(f"expected a number, found {value!r}.")
    return float(m.group(0).replace(",", "").replace("−", "-"))


_UNIT = re.compile(
    r"^\s*([-+]?\d[\d,]*(?:\.\d+)?)\s*([A-Za-z%°µμ/][A-Za-z0-9%°µμ/²³^.\-]*(?:\s?H2O)?)?"
)


def quantity(value: Any, default_unit: str) -> list[Any]:
    """Read ``[number, unit]`` from text such as ``"142.9 lb (Adjusted body weight)"``.

    The unit is the token right after the leading number; a bare number takes
    ``default_unit``.

    Raises:
        AdapterError: When ``value`` does not start with a number.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [float(value), default_unit]
    text = str(value).replace("≥", "").replace("≤", "").replace("~", "").replace("≈", "")
    m = _UNIT.match(text)
    if not m:
        raise AdapterError(f"expected a quantity such as '1.4 {default_unit}', found {value!r}.")
    unit = (m.group(2) or default_unit).rstrip(".")
    return [float(m.group(1).replace(",", "")), unit]


def cell_count(value: Any, default_unit: str = "10^9/L") -> list[Any]:
    """Read a blood count such as ``"11.2 x10^3/uL"`` or ``"85 x10^9/L"`` as ``[n, unit]``.

    Spellings like ``x10^3/uL``, ``×10³/µL`` and ``K/uL`` become units the ``count_per_ul`` and
    ``thousand_per_ul`` kinds know; a bare number takes ``default_unit``.
    """
    n, unit = quantity(value, default_unit)
    u = str(unit).lower().replace("×", "x").replace("³", "^3").replace("⁹", "^9")
    u = u.replace("µ", "u").replace("μ", "u").lstrip("x")
    if u.startswith("10e"):
        u = "10^" + u[3:]
    return [n, u]


_YES = re.compile(r"^(yes|present|positive|true|y)\b")
_NO = re.compile(r"^(no|none|not|absent|negative|false|n)\b")


def yes(value: Any) -> bool:
    """Read a yes/no answer as a boolean (``"Yes (38.9 C)"`` → True, ``"Absent"`` → False).

    Raises:
        AdapterError: When the text is neither.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    t = norm(str(value))
    if _YES.match(t):
        return True
    if _NO.match(t):
        return False
    raise AdapterError(f"expected a yes/no answer, found {value!r}.")


_POINTS = re.compile(r"\(\s*([+\-−]?\d+(?:\.\d+)?)\s*(?:points?|pts?)?\s*\)")


def points(value: Any) -> float:
    """Read the points an option announces: ``"Localizes pain (+5)"`` → 5, ``"(-1)"`` → -1.

    Raises:
        AdapterError: When the text announces no points.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    found = _POINTS.findall(str(value))
    if not found:
        raise AdapterError(f"expected an option with its points such as 'X (+2)', found {value!r}.")
    return float(found[0].replace("−", "-"))


def choose(value: Any, options: Iterable[tuple[str, Any]]) -> Any:
    """Map free text to an option: the first ``(regex, result)`` whose regex matches.

    Raises:
        AdapterError: When no option matches.
    """
    t = norm(str(value))
    opts = list(options)
    for pattern, result in opts:
        if re.search(pattern, t):
            return result
    raise AdapterError(f"cannot map {value!r} to one of {[r for _, r in opts]}.")
