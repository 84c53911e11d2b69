"""EHRSQL 2024: loading a split, preparing its SQL, and the shared task's answer comparison.

A split directory holds ``data.json`` (``{"data": [{"id", "question"}]}``), ``label.json``
(``{id: SQL or "null"}``) and ``answer.json`` (``{id: stringified result}``).

Scoring follows the official scorer (github.com/glee4810/ehrsql-2024, ``scoring_program/``):
``post_process_sql`` prepares every query before it runs, and a result is compared as
``str(sorted(rows)[:100])`` of its rows after each float is rounded to 3 decimals, which is how
``answer.json`` was written (running the gold SQL reproduces it exactly that way). Here the
rows may come from DuckDB, whose types differ from SQLite's in harmless ways (``2.0`` for
``2``, ``Decimal``, ``datetime``), so every cell that reads as a number is compared by its
value rounded to 3 decimals, and everything else by its text.
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel

from m3agent.tools.errors import DataLoadError

#: The scorer compares only the first 100 rows of the sorted result.
MAX_COMPARED_ROWS = 100

#: Decimals a numeric cell is rounded to before comparison.
ROUND_DECIMALS = 3

#: Placeholders some gold SQL uses for normal vital-sign ranges, and the values the official
#: scorer substitutes (``scoring_program/postprocessing.py``, ``PRECOMPUTED_DICT``).
VITAL_RANGES: dict[str, tuple[float, float]] = {
    "temperature": (35.5, 38.1),
    "sao2": (95.0, 100.0),
    "heart rate": (60.0, 100.0),
    "respiration": (12.0, 18.0),
    "systolic bp": (90.0, 120.0),
    "diastolic bp": (60.0, 90.0),
    "mean bp": (60.0, 110.0),
}

_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_LOWER = re.compile(r"[ \n]+([a-zA-Z0-9_]+_lower)")
_UPPER = re.compile(r"[ \n]+([a-zA-Z0-9_]+_upper)")


class EhrsqlRecord(BaseModel):
    """One EHRSQL question with its gold SQL and answer.

    Attributes:
        id: The question id.
        question: The natural-language question.
        gold_sql: The gold SQLite query, or None when the question is unanswerable.
        gold_answer: The gold result as ``answer.json`` stores it (a Python-literal list of
            rows of strings), or None when the question is unanswerable.
    """

    id: str
    question: str
    gold_sql: str | None
    gold_answer: str | None

    @property
    def answerable(self) -> bool:
        """Whether the question has a gold query (unanswerable ones expect an abstention)."""
        return self.gold_sql is not None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataLoadError(f"EHRSQL split file not found: {path}.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise DataLoadError(f"{path}: not readable as JSON ({e}).") from e


def _string_map(path: Path, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise DataLoadError(
            f"{path}: expected a JSON object of id to string; found "
            f"{type(value).__name__} with other contents."
        )
    return value


def load_split(split_dir: Path) -> list[EhrsqlRecord]:
    """Load an EHRSQL split directory into typed records, in ``data.json`` order.

    Args:
        split_dir: A folder with ``data.json``, ``label.json`` and ``answer.json``.

    Returns:
        One :class:`EhrsqlRecord` per question.

    Raises:
        DataLoadError: When a file is missing or malformed, or the three files disagree on the
            question ids; the message names the file and the id.
    """
    split_dir = Path(split_dir)
    data_path, label_path = split_dir / "data.json", split_dir / "label.json"
    answer_path = split_dir / "answer.json"
    data = _read_json(data_path)
    items = data.get("data") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DataLoadError(
            f'{data_path}: expected {{"data": [{{"id", "question"}}]}}; found no \'data\' list.'
        )
    labels = _string_map(label_path, _read_json(label_path))
    answers = _string_map(answer_path, _read_json(answer_path))
    records = []
    for i, item in enumerate(items):
        if not (
            isinstance(item, dict)
            and isinstance(item.get("id"), str)
            and isinstance(item.get("question"), str)
        ):
            raise DataLoadError(
                f"{data_path}: entry {i} must have string 'id' and 'question'; found {item!r:.200}."
            )
        qid = item["id"]
        if qid not in labels:
            raise DataLoadError(f"{label_path}: no label for question id {qid!r}.")
        sql = None if labels[qid] == "null" else labels[qid]
        answer = answers.get(qid)
        if sql is not None and answer is None:
            raise DataLoadError(f"{answer_path}: no answer for answerable question id {qid!r}.")
        records.append(
            EhrsqlRecord(
                id=qid,
                question=item["question"],
                gold_sql=sql,
                gold_answer=None if sql is None else answer,
            )
        )
    return records


def post_process_sql(sql: str, *, now: str | None = None) -> str:
    """Prepare a query the way the official EHRSQL 2024 scorer does before running it.

    Collapses whitespace, joins ``> =``/``< =``/``! =``, replaces the vital-sign range
    placeholders (``diastolic_bp_lower`` ... ``_upper``) by :data:`VITAL_RANGES`, and turns
    ``%y``/``%j`` into ``%Y``/``%J``. The scorer also replaces ``current_time`` by the frozen
    "now"; pass ``now`` for that, or leave it to ``translate_sqlite(now=...)``.

    Args:
        sql: A gold or predicted SQLite query.
        now: If given, ``current_time`` is replaced by ``'now'`` as the scorer does.

    Returns:
        The prepared query text.
    """
    query = re.sub("[ ]+", " ", sql.replace("\n", " ")).strip()
    query = query.replace("> =", ">=").replace("< =", "<=").replace("! =", "!=")
    if now is not None and "current_time" in query:
        query = query.replace("current_time", f"'{now}'")
    lower, upper = _LOWER.findall(query), _UPPER.findall(query)
    if lower and upper:
        names = set(
            re.findall("([a-zA-Z0-9_]+)_lower", lower[0])
            + re.findall("([a-zA-Z0-9_]+)_upper", upper[0])
        )
        if len(names) == 1:
            vital = names.pop().replace("_", " ")
            if vital in VITAL_RANGES:
                low, high = VITAL_RANGES[vital]
                query = query.replace(lower[0], f"{low}").replace(upper[0], f"{high}")
    return query.replace("%y", "%Y").replace("%j", "%J")


def _number_text(value: float) -> str:
    rounded = round(value, ROUND_DECIMALS)
    if rounded == int(rounded) and abs(rounded) < 1e15:
        return str(int(rounded))
    return repr(rounded)


def normalize_cell(value: Any) -> str:
    """The comparison form of one result cell.

    Integers print as integers; floats, ``Decimal`` and strings that read as a number print as
    their value rounded to 3 decimals (an integral value without ``.0``); booleans are 1/0 (as
    SQLite returns them); ``None`` is ``'None'`` and anything else its ``str()`` (a
    ``datetime`` prints as SQLite's 'YYYY-MM-DD HH:MM:SS').
    """
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)):
        f = float(value)
        return _number_text(f) if math.isfinite(f) else str(value)
    if isinstance(value, str) and _NUMBER.match(value):
        if _INTEGER.match(value):
            return str(int(value))
        f = float(value)
        return _number_text(f) if math.isfinite(f) else value
    return str(value)


def normalize_answer(rows: Iterable[Sequence[Any]]) -> list[list[str]]:
    """Rows in the scorer's comparison form: cells normalized, rows sorted, the first 100.

    Args:
        rows: Result rows (tuples or lists of cells), from any engine.

    Returns:
        The sorted first :data:`MAX_COMPARED_ROWS` rows of normalized cells.

    Raises:
        TypeError: If a row is not a sequence of cells.
    """
    out = []
    for row in rows:
        if isinstance(row, (str, bytes)) or not isinstance(row, Sequence):
            raise TypeError(
                f"Each result row must be a sequence of cells; found "
                f"{type(row).__name__}: {row!r:.100}."
            )
        out.append([normalize_cell(c) for c in row])
    return sorted(out)[:MAX_COMPARED_ROWS]


def parse_gold_answer(text: str) -> list[list[Any]]:
    """Parse an ``answer.json`` value (a Python literal such as ``"[['iv'], ['iv drip']]"``).

    Raises:
        ValueError: If the text is not a literal list of lists (``eval`` is never used).
    """
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError) as e:
        raise ValueError(
            f"Gold answer is not a Python literal list of rows: {text!r:.200} ({e})."
        ) from None
    if not isinstance(value, list) or not all(isinstance(r, (list, tuple)) for r in value):
        raise ValueError(f"Gold answer must be a list of rows; found {text!r:.200}.")
    return [list(r) for r in value]


def answers_match(predicted_rows: Iterable[Sequence[Any]], gold_answer: str) -> bool:
    """Whether executed rows equal a gold answer under the EHRSQL 2024 comparison.

    Args:
        predicted_rows: The rows the predicted query returned.
        gold_answer: The gold result string from ``answer.json``.

    Returns:
        True when both normalize (:func:`normalize_answer`) to the same rows.

    Raises:
        ValueError: If ``gold_answer`` is not a literal list of rows.
    """
    return normalize_answer(predicted_rows) == normalize_answer(parse_gold_answer(gold_answer))


class Outcome(NamedTuple):
    """One question's outcome for the reliability score.

    Attributes:
        answerable: The question has a gold query.
        abstained: The system declined to answer.
        correct: The executed answer matched the gold answer (ignored when abstaining).
    """

    answerable: bool
    abstained: bool
    correct: bool


def outcome_score(outcome: Outcome | tuple[bool, bool, bool], penalty: float) -> float:
    """One question's reliability score: +1 right, 0 abstained on answerable, -penalty wrong.

    A correct abstention (unanswerable, abstained) scores +1; answering an unanswerable
    question scores -penalty like a wrong answer.
    """
    answerable, abstained, correct = outcome
    if answerable:
        if abstained:
            return 0.0
        return 1.0 if correct else -float(penalty)
    return 1.0 if abstained else -float(penalty)


def reliability_score(
    outcomes: Sequence[Outcome | tuple[bool, bool, bool]], penalty: float
) -> float:
    """The EHRSQL 2024 reliability score RS(c): the mean of :func:`outcome_score`.

    The shared task reports RS(0), RS(5), RS(10) and RS(N) with N the number of questions
    (``scoring_utils.penalize``), as fractions; multiply by 100 for the leaderboard's figures.

    Args:
        outcomes: (answerable, abstained, correct) per question.
        penalty: c, the cost of a wrong answer (0 or more).

    Returns:
        The mean score, between -penalty and 1.

    Raises:
        ValueError: If there are no outcomes or the penalty is negative or not finite.
    """
    if not outcomes:
        raise ValueError("reliability_score needs at least one outcome; found none.")
    if not (isinstance(penalty, (int, float)) and math.isfinite(penalty) and penalty >= 0):
        raise ValueError(f"The penalty c must be a finite number >= 0; found {penalty!r}.")
    for o in outcomes:
        if len(o) != 3 or not all(isinstance(x, bool) for x in o):
            raise ValueError(
                f"Each outcome must be (answerable, abstained, correct) booleans; found {o!r}."
            )
    return sum(outcome_score(o, penalty) for o in outcomes) / len(outcomes)
