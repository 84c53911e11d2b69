"""Reading MedMCP-Calc ``calculator_answers[i]["inputs"]`` lists, for ``from_medmcp`` adapters.

A MedMCP-Calc item lists its inputs as ``[{"field": "Weight", "value": "142.9 lb (Adjusted
body weight)", "score": 1}, ...]``. Field names differ between tasks ("Weight", "Weight (lbs)",
"patient_weight") and values mix a number, a unit and a comment. :class:`Fields` finds a field by
key phrases (each key word begins a word of the field name) and reads yes/no answers, numbers with
units and option texts. The ``score`` a task
attached to an input is never read: adapters map what was observed and the calculator scores it,
so a task whose points disagree with the published score shows up as a disagreement.

This is the reader for new adapters. (:mod:`._medmcp_keywords` and :mod:`._medmcp_patterns` are
the key-word and regular-expression readers older adapters were written and checked with.)

The leading underscore keeps the registry from loading this module as a calculator.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz

from m3agent.calculators.library._adapter_errors import MedMCPInputError

_SYMBOLS = (
    ("≥", " ge "),
    (">=", " ge "),
    ("≤", " le "),
    ("<=", " le "),
    (">", " gt "),
    ("<", " lt "),
    ("−", "-"),
    ("–", "-"),
    ("—", " "),
    ("×", "x"),
)


def norm(text: Any) -> str:
    """Lower-case ``text``, spell out comparison signs and keep only letters, digits, spaces."""
    t = unicodedata.normalize("NFKC", str(text)).lower()
    for sym, word in _SYMBOLS:
        t = t.replace(sym, word)
    t = re.sub(r"[^a-z0-9]+", " ", t)
    return " ".join(t.split())


_NUMBER = re.compile(r"(?<![\w.])[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d*\.?\d+")
_SCORE_NOTE = re.compile(r"\(\s*[-+−]?\d+(?:\.\d+)?\s*(?:points?|pts?)?\s*\)", re.IGNORECASE)


def first_number(value: Any, *, field: str = "value") -> float:
    """Read the first number in ``value`` (``"1,234 /µL"`` → 1234.0, ``"−2.1"`` → -2.1).

    Raises:
        MedMCPInputError: If ``value`` holds no number.
    """
    if isinstance(value, bool):
        raise MedMCPInputError(f"{field}: expected a number, found a boolean {value!r}.")
    if isinstance(value, int | float):
        return float(value)
    text = unicodedata.normalize("NFKC", str(value)).replace("−", "-").replace("–", "-")
    m = _NUMBER.search(text)
    if not m:
        raise MedMCPInputError(f"{field}: expected a number, found {value!r}.")
    return float(m.group(0).replace(",", ""))


def _clean_unit(unit: str) -> str:
    u = unicodedata.normalize("NFKC", unit).strip().rstrip(".")
    u = re.sub(r"^[x×]\s*(?=10)", "", u)
    u = u.replace("10³", "10^3").replace("10⁹", "10^9").replace("10e3", "10^3")
    return u


def split_quantity(value: Any, *, field: str = "value") -> tuple[float, str | None]:
    """Split ``"55 mmHg (worst in 24 h)"`` into ``(55.0, "mmHg")``; the unit may be None."""
    num = first_number(value, field=field)
    if isinstance(value, int | float):
        return num, None
    text = unicodedata.normalize("NFKC", str(value)).replace("−", "-")
    m = _NUMBER.search(text)
    rest = text[m.end() :].strip() if m else ""
    if not rest or rest[0] in "(;,":
        return num, None
    two = re.match(r"(?i)^(mm\s*hg|cm\s*h2o|x\s*10\^?\d+\s*/\s*\S+|×\s*10\S*)", rest)
    unit = two.group(1).replace(" ", "") if two else rest.split()[0].rstrip(",;")
    return num, _clean_unit(unit)


def clean_option(value: Any) -> str:
    """Drop score notes like ``(+3)`` or ``(2 points)`` from an option text, then normalise."""
    return norm(_SCORE_NOTE.sub(" ", str(value)))


def _word_matches(token: str, word: str) -> bool:
    # A key word matches a field word it begins ("immobili" → "immobilization"); short key
    # words (≤3 letters: "ph", "m1", "age") must match whole, or be followed by digits only
    # ("pao" → "pao2").
    if len(word) <= 3:
        return token == word or (token.startswith(word) and token[len(word) :].isdigit())
    return token.startswith(word)


def _phrase_in(field: str, phrase: str) -> bool:
    """Whether the key ``phrase`` appears in ``field`` as consecutive (prefix-matched) words."""
    tokens, words = field.split(), phrase.split()
    if not words:
        return False
    return any(
        all(_word_matches(tokens[i + j], w) for j, w in enumerate(words))
        for i in range(len(tokens) - len(words) + 1)
    )


class Fields:
    """The inputs of one MedMCP-Calc item, searchable by key words.

    Args:
        inputs: The item's ``inputs`` list of ``{"field", "value"}`` dicts.
        calculator: The calculator id (for error messages).

    Raises:
        MedMCPInputError: If ``inputs`` is not a list of dicts with ``field`` and ``value``.
    """

    def __init__(self, inputs: Sequence[Mapping[str, Any]], calculator: str) -> None:
        if not isinstance(inputs, Sequence) or isinstance(inputs, str | bytes):
            raise MedMCPInputError(
                f"{calculator}: expected a list of {{field, value}} inputs, "
                f"found {type(inputs).__name__}."
            )
        self.calculator = calculator
        self.items: list[tuple[str, str, Any]] = []
        for i, item in enumerate(inputs):
            if not isinstance(item, Mapping) or "field" not in item or "value" not in item:
                raise MedMCPInputError(
                    f"{calculator}: input #{i} must be an object with 'field' "
                    f"and 'value', found {item!r}."
                )
            self.items.append((norm(item["field"]), str(item["field"]), item["value"]))

    def _match(self, keys: Sequence[str], exclude: Sequence[str]) -> tuple[str, Any] | None:
        bad = [norm(x) for x in exclude]
        for key in keys:
            phrase = norm(key)
            for nfield, field, value in self.items:
                if _phrase_in(nfield, phrase) and not any(b and b in nfield for b in bad):
                    return field, value
        return None

    def has(self, *keys: str, exclude: Sequence[str] = ()) -> bool:
        """Whether a field matches any of ``keys`` (phrases whose words begin field words)."""
        return self._match(keys, exclude) is not None

    def raw(self, *keys: str, exclude: Sequence[str] = ()) -> tuple[str, Any]:
        """Return the ``(field, value)`` of the first field matching ``keys``.

        Raises:
            MedMCPInputError: Naming the keys looked for and the fields present.
        """
        hit = self._match(keys, exclude)
        if hit is None:
            present = "; ".join(f for _, f, _ in self.items)
            raise MedMCPInputError(
                f"{self.calculator}: no input field matches {' / '.join(map(repr, keys))}; "
                f"fields present: {present}."
            )
        return hit

    def value(self, *keys: str, exclude: Sequence[str] = ()) -> Any:
        """Return the raw value of the first field matching ``keys``."""
        return self.raw(*keys, exclude=exclude)[1]

    def text(self, *keys: str, exclude: Sequence[str] = ()) -> str:
        """Return the value as text."""
        return str(self.value(*keys, exclude=exclude))

    def yes(self, *keys: str, exclude: Sequence[str] = ()) -> bool:
        """Read a yes/no answer (``"Yes (78 years)"`` → True, ``"No"`` → False)."""
        field, value = self.raw(*keys, exclude=exclude)
        return parse_yes(value, field=field)

    def number(self, *keys: str, exclude: Sequence[str] = ()) -> float:
        """Read the first number of the value."""
        field, value = self.raw(*keys, exclude=exclude)
        return first_number(value, field=field)

    def quantity(
        self, *keys: str, default_unit: str | None = None, exclude: Sequence[str] = ()
    ) -> float | list[Any]:
        """Read a number with its unit, for a ``quantity`` input of a calculator.

        The unit comes from the value (``"176 lb"``), else from the field name (``"Weight
        (lbs)"``, ``"Platelets, ×10³/µL"``), else ``default_unit``; with no unit at all the bare
        number is returned (taken as the calculator's canonical unit).
        """
        field, value = self.raw(*keys, exclude=exclude)
        num, unit = split_quantity(value, field=field)
        if unit is None:
            unit = unit_in_field_name(field)
        if unit is None:
            unit = default_unit
        return [num, unit] if unit else num

    def sex(self, *keys: str) -> str:
        """Read ``"male"`` or ``"female"`` (also from "M"/"F", "Woman", "Man")."""
        field, value = self.raw(*(keys or ("sex", "gender")))
        words = norm(value).split()
        if words and words[0] in ("female", "f", "woman", "women"):
            return "female"
        if words and words[0] in ("male", "m", "man", "men"):
            return "male"
        raise MedMCPInputError(
            f"{self.calculator}: {field}: expected Male or Female, found {value!r}."
        )

    def option(
        self, *keys: str, options: Mapping[Any, str | Sequence[str]], exclude: Sequence[str] = ()
    ) -> Any:
        """Map the value's text to the key of the closest option description."""
        field, value = self.raw(*keys, exclude=exclude)
        return match_option(value, options, field=f"{self.calculator}: {field}")


def unit_in_field_name(field: str) -> str | None:
    """Find a unit written in a field name: ``"Weight (lbs)"`` → ``"lbs"``."""
    m = re.search(r"\(([^()]*)\)\s*\??\s*$", field)
    if m and not re.search(r"\d\s*-\s*\d|\bor\b", m.group(1)):
        return _clean_unit(m.group(1))
    m = re.search(r",\s*([^,]+)$", field)
    if m and re.search(r"[/%]|10", m.group(1)):
        return _clean_unit(m.group(1))
    return None


_YES = ("yes", "y", "true", "present", "positive", "abnormal")
_NO = ("no", "n", "false", "absent", "negative", "none", "normal", "not")


def parse_yes(value: Any, *, field: str = "value") -> bool:
    """Read a yes/no answer from a boolean, 0/1, or text starting with yes/no.

    Raises:
        MedMCPInputError: If the answer is neither.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    words = norm(value).split()
    if words and words[0] in _YES:
        return True
    if words and words[0] in _NO:
        return False
    raise MedMCPInputError(f"{field}: expected a yes/no answer, found {value!r}.")


def match_option(value: Any, options: Mapping[Any, str | Sequence[str]], *, field: str) -> Any:
    """Return the key whose description best matches ``value``.

    A description contained in the text wins (the longest such one); otherwise the closest by
    token-sort similarity, which must reach 70/100 and beat every other key's best.

    Raises:
        MedMCPInputError: If no option is close enough or two options tie.
    """
    text = clean_option(value)
    contained: list[tuple[int, Any]] = []
    fuzzy: dict[Any, float] = {}
    for key, phrases in options.items():
        for phrase in [phrases] if isinstance(phrases, str) else phrases:
            p = norm(phrase)
            if p and (f" {p} " in f" {text} "):
                contained.append((len(p), key))
            fuzzy[key] = max(fuzzy.get(key, 0.0), fuzz.token_sort_ratio(text, p))
    if contained:
        contained.sort(key=lambda x: x[0], reverse=True)
        if (
            len(contained) == 1
            or contained[0][0] > contained[1][0]
            or contained[0][1] == contained[1][1]
        ):
            return contained[0][1]
    ranked = sorted(fuzzy.items(), key=lambda kv: kv[1], reverse=True)
    if ranked and ranked[0][1] >= 70 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    choices = "; ".join(f"{k!r}: {v if isinstance(v, str) else v[0]}" for k, v in options.items())
    raise MedMCPInputError(
        f"{field}: cannot match {value!r} to one option; expected one of {choices}."
    )
