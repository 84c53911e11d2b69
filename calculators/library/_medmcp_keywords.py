"""Reading MedMCP-Calc inputs by key words, for the ``from_medmcp`` adapters written with it.

MedMCP-Calc gives a list of ``{field, value, score?}`` with free-text values such as
``"142.9 lb (Adjusted body weight)"`` or ``"Yes (38.9 C)"`` and field names that vary between
tasks. :class:`KeywordInputs` finds a field whose name holds every key word of an alternative,
in any order; the ``parse_*`` functions read its value. (:mod:`._medmcp_fields` matches key
phrases instead, and :mod:`._medmcp_patterns` regular expressions; each adapter keeps the reader
it was written and checked with, as their edge cases differ.)

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

import re
from typing import Any

from m3agent.calculators.library._adapter_errors import AdapterError


def norm_field(name: str) -> str:
    """Lower-case a field name and turn every run of punctuation into one space."""
    return " ".join(re.sub(r"[^a-z0-9₂²]+", " ", name.lower()).split())


class KeywordInputs:
    """The ``inputs`` list of one MedMCP-Calc calculator answer, searchable by keywords.

    Field names vary between tasks ("Age", "age_years", "Age, years"), so a lookup gives one or
    more alternatives, each a space-separated set of keywords that must all occur in the field
    name (after lower-casing and replacing punctuation with spaces).
    """

    def __init__(self, inputs: list[dict[str, Any]]) -> None:
        if not isinstance(inputs, list):
            raise AdapterError(
                f"expected the MedMCP-Calc inputs as a list of {{field, value}}, "
                f"found {type(inputs).__name__}."
            )
        self.items = [(norm_field(str(i.get("field", ""))), i.get("value")) for i in inputs]

    def find(self, *alternatives: str, default: Any = ...) -> Any:
        """Return the value of the first field matching any alternative.

        Raises:
            AdapterError: When no field matches and no default is given.
        """
        for alt in alternatives:
            words = alt.lower().split()
            for name, value in self.items:
                if all(w in name.split() or (len(w) > 3 and w in name) for w in words):
                    return value
        if default is ...:
            raise AdapterError(
                f"MedMCP-Calc inputs lack a field like {alternatives[0]!r}; "
                f"fields: {[n for n, _ in self.items]}."
            )
        return default

    def has(self, *alternatives: str) -> bool:
        """Whether a field matches any alternative."""
        return self.find(*alternatives, default=None) is not None


_NUM = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?|[-+]?\.\d+")


def parse_number(value: Any) -> float:
    """Return the first number in a value (``"76 years"`` → 76; ``"18,500 /µL"`` → 18500).

    Raises:
        AdapterError: When there is no number.
    """
    if isinstance(value, bool):
        raise AdapterError(f"expected a number, found {value!r}.")
    if isinstance(value, int | float):
        return float(value)
    m = _NUM.search(str(value))
    if not m:
        raise AdapterError(f"expected a number, found {value!r}.")
    return float(m.group(0).replace(",", ""))


def parse_quantity(value: Any, default_unit: str) -> list[Any]:
    """``"142.9 lb (Adjusted body weight)"`` → ``[142.9, "lb"]``; a bare number gets the default.

    The unit is the text after the first number up to a parenthesis or semicolon.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [float(value), default_unit]
    text = str(value)
    m = _NUM.search(text)
    if not m:
        raise AdapterError(f"expected a number with a unit, found {value!r}.")
    rest = re.split(r"[(;,]| or | and ", text[m.end() :], maxsplit=1)[0].strip()
    unit = rest.split(" ")[0] if rest else default_unit
    if unit.lower() in {"x10^3/ul", "x10^3/µl", "×10³/µl", "x10³/µl", "×10^3/µl"}:
        unit = "x10^3/ul"
    return [float(m.group(0).replace(",", "")), unit or default_unit]


def parse_yes(value: Any) -> bool:
    """``"Yes (SBP 168 mmHg)"`` → True; ``"No"`` / ``"None"`` → False.

    Raises:
        AdapterError: For a value that is neither.
    """
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text.startswith(("yes", "true", "present")):
        return True
    if text.startswith(("no", "false", "absent", "none")):
        return False
    raise AdapterError(f"expected Yes or No, found {value!r}.")


def parse_date(value: Any) -> str:
    """Return the ISO date at the start of a value (``"2025-09-20 (date of birth)"``)."""
    m = re.search(r"\d{4}-\d{2}-\d{2}", str(value))
    if not m:
        raise AdapterError(f"expected a date as YYYY-MM-DD, found {value!r}.")
    return m.group(0)
