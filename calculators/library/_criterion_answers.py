"""Reading a criterion answer: "Yes (pH 7.25)" / "No", or the raw measurement against a threshold.

MedMCP-Calc items record a criterion either as ``"Yes (pH 7.25)"`` / ``"No"`` or as the raw
measurement (``"7.25"``, ``"88 mmHg"``); :func:`criterion` reads both.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError


def criterion(value: Any, met: Callable[[float], bool] | None = None) -> bool:
    """A yes/no criterion from ``"Yes (...)"``/``"No"``, or from a number tested by ``met``.

    Raises:
        AdapterError: When the value is neither yes/no nor (with ``met``) a number.
    """
    try:
        return kw.parse_yes(value)
    except AdapterError:
        if met is None:
            raise
        return met(kw.parse_number(value))


def sex(value: Any) -> str:
    """``"Female"`` / ``"F"`` / ``"woman"`` → ``"female"``; ``"Male"`` / ``"M"`` → ``"male"``."""
    text = str(value).strip().lower()
    if text.startswith(("f", "w")):
        return "female"
    if text.startswith("m"):
        return "male"
    raise AdapterError(f"expected the sex as male or female, found {value!r}.")
