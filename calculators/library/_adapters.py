"""Parsing helpers for benchmark rows, used only by the ``from_medcalc`` / ``from_medmcp`` adapters.

MedCalc-Bench gives a dict of "Relevant Entities" (``{'age': [87, 'years'], 'Stroke': True}``)
with its own unit spellings (``'mm hg'``, ``'degrees celsisus'``, ``'µL'`` for a count per µL).
MedMCP-Calc gives a list of ``{field, value, score?}`` with free-text values such as
``"142.9 lb (Adjusted body weight)"`` or ``"Yes (38.9 C)"`` and field names that vary between
tasks. Both are normalised here so that compute() never sees benchmark spellings.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from m3agent.tools.errors import M3AgentError


class AdapterError(M3AgentError):
    """A benchmark row lacks a value the calculator needs, or has one that cannot be read."""

    code = "calculator_adapter"


# MedCalc-Bench unit spellings → spellings m3agent.calculators.units understands. In the
# benchmark a bare 'µL', 'mm^3' or 'm^3' after a count means "per µL" (its explanations
# convert 'count/µL'), and a bare 'L' after a platelet count means "per litre".
_MEDCALC_UNITS = {
    "mm hg": "mmHg",
    "mmhg": "mmHg",
    "beats per minute": "bpm",
    "breaths per minute": "breaths/min",
    "degrees celsius": "°C",
    "degrees celsisus": "°C",
    "degrees celcius": "°C",
    "degrees fahrenheit": "°F",
    "degrees fahreinheit": "°F",
    "µl": "/uL",
    "ul": "/uL",
    "mm^3": "/mm3",
    "m^3": "/mm3",
    "l": "/l",
    "lbs": "lb",
    "kg/m^2": "kg/m²",
    "msec": "ms",
    "mc/kg/min": "mcg/kg/min",
    "µg": "mcg",
    "ug": "mcg",
    "µiu/ml": "uIU/mL",
}


def medcalc_unit(unit: str) -> str:
    """Map a MedCalc-Bench unit spelling to one the unit tables accept."""
    return _MEDCALC_UNITS.get(unit.strip().lower(), unit)


def has(entities: dict[str, Any], *names: str) -> bool:
    """Whether any of ``names`` is present in the entities."""
    return any(n in entities for n in names)


def get(entities: dict[str, Any], *names: str, default: Any = ...) -> Any:
    """Return the value of the first of ``names`` present.

    Raises:
        AdapterError: When none is present and no default is given.
    """
    for n in names:
        if n in entities:
            return entities[n]
    if default is ...:
        raise AdapterError(
            f"benchmark row lacks {' / '.join(repr(n) for n in names)}; "
            f"found only {sorted(entities)}."
        )
    return default


def flag(entities: dict[str, Any], *names: str) -> bool:
    """Return True when any of ``names`` is present and true.

    MedCalc-Bench's explanations state the convention for a criterion the note does not
    mention: "we assume it to be absent", so a missing flag is False.
    """
    for n in names:
        v = entities.get(n)
        if isinstance(v, str):
            if v.strip().lower() in {"true", "yes", "present"}:
                return True
        elif v:
            return True
    return False


def quantity(entities: dict[str, Any], *names: str, default: Any = ...) -> Any:
    """Return a ``[value, unit]`` pair with the unit spelling normalised, or a number."""
    v = get(entities, *names, default=default)
    if isinstance(v, list | tuple) and len(v) == 2 and isinstance(v[1], str):
        return [v[0], medcalc_unit(v[1])]
    return v


def number(entities: dict[str, Any], *names: str, default: Any = ...) -> Any:
    """Return a plain number (``[value, unit]`` pairs give their value)."""
    v = get(entities, *names, default=default)
    if isinstance(v, list | tuple) and v:
        return v[0]
    return v


def sex(entities: dict[str, Any]) -> str:
    """'Male' / 'Female' → 'male' / 'female'."""
    return str(get(entities, "sex")).strip().lower()


def mdy(value: str) -> str:
    """Convert a MedCalc-Bench date ``MM/DD/YYYY`` to ISO ``YYYY-MM-DD``."""
    try:
        return datetime.strptime(value.strip(), "%m/%d/%Y").date().isoformat()
    except ValueError:
        raise AdapterError(f"expected a date as MM/DD/YYYY, found {value!r}.") from None


# --- MedMCP-Calc -------------------------------------------------------------------------


def _norm_field(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9₂²]+", " ", name.lower()).split())


class MedmcpInputs:
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
        self.items = [(_norm_field(str(i.get("field", ""))), i.get("value")) for i in inputs]

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
