"""Reading MedCalc-Bench "Relevant Entities", for the ``from_medcalc`` adapters.

MedCalc-Bench gives a dict of extracted inputs (``{'age': [87, 'years'], 'Stroke': True}``) with
its own unit spellings (``'mm hg'``, ``'degrees celsisus'``, ``'µL'`` for a count per µL). These
helpers pick values out of it and normalise the unit spellings, so that compute() never sees
benchmark spellings. Every miss raises :class:`AdapterError` naming what was looked for and what
the row holds.

The registry skips modules whose name starts with an underscore, so this is not a calculator.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from m3agent.calculators.library._adapter_errors import AdapterError

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
