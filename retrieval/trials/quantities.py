"""Numbers, units and comparison operators as eligibility criteria and notes write them.

Conversions themselves go through :mod:`m3agent.calculators.units`; this module only reads the
many spellings ("100,000/µL", "1.5 x 10^9/L", "mL/min/1.73 m2", "mm of Hg") into the spellings
that module accepts.
"""

from __future__ import annotations

import re
from typing import Literal

from m3agent.calculators.units import convert
from m3agent.retrieval.trials.lab_concepts import LabConcept

Op = Literal[">", ">=", "<", "<=", "="]

NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"

# Written comparison operators, longest phrases first so "less than or equal to" wins over
# "less than".
_OP_PHRASES: list[tuple[str, Op]] = [
    (r"greater\s+than\s+or\s+equal\s+to", ">="),
    (r"more\s+than\s+or\s+equal\s+to", ">="),
    (r"higher\s+than\s+or\s+equal\s+to", ">="),
    (r"equal\s+to\s+or\s+(?:greater|more|higher)\s+than", ">="),
    (r"less\s+than\s+or\s+equal\s+to", "<="),
    (r"lower\s+than\s+or\s+equal\s+to", "<="),
    (r"equal\s+to\s+or\s+(?:less|lower)\s+than", "<="),
    (r"(?:no|not)\s+(?:less|lower|fewer)\s+than", ">="),
    (r"(?:no|not)\s+(?:more|greater|higher)\s+than", "<="),
    (r"not\s+exceeding", "<="),
    (r"at\s+least", ">="),
    (r"at\s+most", "<="),
    (r"up\s+to", "<="),
    (r"a\s+minimum\s+of", ">="),
    (r"a\s+maximum\s+of", "<="),
    (r"minimum(?:\s+of)?", ">="),
    (r"maximum(?:\s+of)?", "<="),
    (r"greater\s+than", ">"),
    (r"more\s+than", ">"),
    (r"higher\s+than", ">"),
    (r"above", ">"),
    (r"over", ">"),
    (r"exceeding", ">"),
    (r"exceeds?", ">"),
    (r"in\s+excess\s+of", ">"),
    (r"less\s+than", "<"),
    (r"lower\s+than", "<"),
    (r"fewer\s+than", "<"),
    (r"below", "<"),
    (r"under", "<"),
    (r"of\s+less\s+than", "<"),
]
_OP_SYMBOLS: list[tuple[str, Op]] = [
    (r"≥|⩾|>\s*=|=\s*>|\+/?=", ">="),
    (r"≤|⩽|<\s*=|=\s*<", "<="),
    (r">", ">"),
    (r"<", "<"),
    (r"=", "="),
]
OPERATOR = "|".join(
    [f"(?:{s})" for s, _ in _OP_SYMBOLS] + [rf"\b(?:{p})\b" for p, _ in _OP_PHRASES]
)


def parse_operator(text: str) -> Op:
    """Map an operator as written ("≥", "less than", "at least") to a symbol.

    Raises:
        ValueError: When ``text`` is not an operator this module knows.
    """
    t = text.strip().lower()
    for pattern, op in _OP_SYMBOLS:
        if re.fullmatch(pattern, t):
            return op
    for pattern, op in _OP_PHRASES:
        if re.fullmatch(pattern, t):
            return op
    raise ValueError(f"expected a comparison such as '>=', '≤' or 'less than', found {text!r}")


def parse_number(text: str) -> float:
    """Read a number written with thousands separators ("100,000") or plainly.

    Raises:
        ValueError: When ``text`` is not a number.
    """
    t = text.strip().replace(",", "").replace("\u2009", "").replace(" ", "")
    try:
        return float(t)
    except ValueError:
        raise ValueError(f"expected a number such as '2.0' or '100,000', found {text!r}") from None


def compare(value: float, op: Op, threshold: float) -> bool:
    """Apply a comparison operator."""
    if op == ">":
        return value > threshold
    if op == ">=":
        return value >= threshold
    if op == "<":
        return value < threshold
    if op == "<=":
        return value <= threshold
    return abs(value - threshold) < 1e-9


_SUPERSCRIPTS = str.maketrans(
    {
        "⁰": "0",
        "¹": "1",
        "²": "2",
        "³": "3",
        "⁴": "4",
        "⁵": "5",
        "⁶": "6",
        "⁷": "7",
        "⁸": "8",
        "⁹": "9",
    }
)

# Normalised surface spelling -> spelling accepted by calculators.units.
_UNIT_CANON: dict[str, str] = {
    "mg/dl": "mg/dl",
    "mg/l": "mg/l",
    "g/dl": "g/dl",
    "g/l": "g/l",
    "gm/dl": "g/dl",
    "mmol/l": "mmol/l",
    "umol/l": "umol/l",
    "mcmol/l": "umol/l",
    "meq/l": "meq/l",
    "iu/l": "iu/l",
    "u/l": "u/l",
    "units/l": "u/l",
    "ml/min": "ml/min",
    "ml/min/1.73m2": "ml/min/1.73m²",
    "ml/min/1.73m^2": "ml/min/1.73m²",
    "ml/min/1.73m²": "ml/min/1.73m²",
    "ml/min/1,73m2": "ml/min/1.73m²",
    "ml/min/1.73": "ml/min/1.73m²",
    "%": "%",
    "percent": "%",
    "mmol/mol": "mmol/mol",
    "kg/m2": "kg/m²",
    "kg/m^2": "kg/m²",
    "kg/m²": "kg/m²",
    "mmhg": "mmhg",
    "mm/hg": "mmhg",
    "mmofhg": "mmhg",
    "mmhgs": "mmhg",
    "bpm": "/min",
    "beats/min": "/min",
    "/min": "/min",
    "beats/minute": "/min",
    "breaths/min": "/min",
    "kg": "kg",
    "g": "g",
    "lb": "lb",
    "lbs": "lb",
    "°c": "°c",
    "c": "°c",
    "degc": "°c",
    "°f": "°f",
    "f": "°f",
    "/ul": "/ul",
    "/mm3": "/mm3",
    "/mm": "/mm3",
    "/cumm": "/mm3",
    "/cmm": "/mm3",
    "k/ul": "k/ul",
    "10^3/ul": "k/ul",
    "10^3/mm3": "k/ul",
    "thou/ul": "k/ul",
    "1000/ul": "k/ul",
    "10^9/l": "10^9/l",
    "10^9l": "10^9/l",
    "g/l_count": "10^9/l",
    "/l": "/l",
}


def normalize_unit(surface: str) -> str | None:
    """Return the :mod:`calculators.units` spelling of a written unit, or None if unknown."""
    u = surface.strip().lower().translate(_SUPERSCRIPTS)
    u = u.replace("µ", "u").replace("μ", "u").replace("×", "x").replace("**", "^")
    u = re.sub(r"\s+", "", u)
    u = u.replace("mcl", "ul").replace("cells", "").replace("per", "/").replace("microm", "um")
    u = u.replace("micro", "u").replace("litre", "l").replace("liter", "l")
    u = u.replace("ummol", "umol")
    u = re.sub(r"^x?10[\^*e]?(9|3)/", lambda m: f"10^{m.group(1)}/", u)
    u = re.sub(r"^x", "", u)
    u = u.replace("10*9", "10^9").replace("10*3", "10^3").replace("10e9", "10^9")
    u = u.replace("10e3", "10^3")
    u = re.sub(r"^109/", "10^9/", u)  # "x 109/L": a lost superscript
    u = re.sub(r"^103/", "10^3/", u)
    u = u.rstrip(".,;:)")
    return _UNIT_CANON.get(u)


def read_unit(after: str, *, max_tokens: int = 4) -> tuple[str | None, int]:
    """Read the unit at the start of ``after`` (the text right after a number).

    Tries the first 1..``max_tokens`` whitespace-separated tokens and keeps the longest run that
    is a known unit.

    Returns:
        ``(canonical unit or None, characters consumed)``.
    """
    best: tuple[str | None, int] = (None, 0)
    for m in list(re.finditer(r"\S+", after))[:max_tokens]:
        candidate = after[: m.end()]
        # Trailing punctuation belongs to the sentence, not the unit.
        trimmed = re.sub(r"[)\],;:]+$|(?<![\d])\.$", "", candidate)
        unit = normalize_unit(trimmed)
        if unit is not None:
            best = (unit, len(trimmed))
    return best


def count_unit_by_magnitude(value: float) -> str:
    """Return the unit of a cell count written without one.

    Thresholds written as whole cells (ANC 1500, platelets 100,000) are per µL; small numbers
    (platelets 100, WBC 3.5) are thousands per µL. No count criterion uses a threshold between
    the two (10³/µL values stay below ~1000, per-µL ones above).
    """
    return "/ul" if value >= 1000 else "k/ul"


def to_concept_unit(value: float, unit: str | None, concept: LabConcept) -> tuple[float, bool]:
    """Convert ``value`` in ``unit`` to the concept's canonical unit.

    A missing unit means the concept's canonical unit, except for counts, which are read by
    magnitude (:func:`count_unit_by_magnitude`).

    Returns:
        ``(converted value, unit_assumed)``.

    Raises:
        UnitError: When the unit is not one of the concept's kind.
    """
    assumed = not unit
    if not unit:
        unit = count_unit_by_magnitude(value) if concept.count else concept.unit
    if concept.count and unit == "g/l":
        unit = "10^9/l"  # "G/L" (giga per litre) in a count is 10^9/L, not grams
    return convert(value, unit, concept.unit, kind=concept.kind, field=concept.key), assumed
