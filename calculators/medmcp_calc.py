"""Score MedMCP-Calc tasks against the registered calculators.

MedMCP-Calc (SPIRAL-MED) tasks list, per calculator, the ground-truth inputs and answer
(``calculator_answers``: ``{"order", "name", "inputs": [{"field", "value", "score"?}],
"final_answer", "notes"}``). :func:`score_file` runs every answer whose calculator we implement
through that module's ``from_medmcp`` adapter and compares the result with ``final_answer`` at
the precision the task displays; :func:`coverage` counts how many benchmark calculator names map
to a registered calculator. Answers where the published formula disagrees with the task are
listed in :data:`ERRATA` with the reason, and count as errata rather than mismatches.
"""

from __future__ import annotations

import csv
import json as jsonlib
import math
import re
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from pydantic import BaseModel

from m3agent.calculators import registry, units
from m3agent.tools.errors import DataLoadError, M3AgentError, NotFoundError

Status = Literal["matched", "mismatch", "erratum", "not_covered", "no_adapter", "error"]

#: (task_id, order) → why the task's final_answer departs from the published formula, for
#: calculators whose modules do not list it themselves. A calculator module may define its own
#: ``MEDMCP_ERRATA`` dict of the same shape; :func:`erratum_for` consults both.
ERRATA: dict[tuple[str, int], str] = {}


def erratum_for(module: Any, task_id: str, order: int) -> str | None:
    """Return the documented reason a task answer departs from the published formula, if any."""
    own = getattr(module, "MEDMCP_ERRATA", None) or {}
    return own.get((task_id, order)) or ERRATA.get((task_id, order))


class Row(BaseModel):
    """One scored calculator answer.

    Attributes:
        task_id: The MedMCP-Calc task.
        order: The answer's position in the task's chain.
        name: The benchmark's calculator name.
        calculator: The registered calculator id, if any.
        status: matched, mismatch, erratum, not_covered, no_adapter or error.
        expected: The task's final_answer.
        got: Our value.
        detail: The erratum reason or the error message.
    """

    task_id: str
    order: int
    name: str
    calculator: str | None = None
    status: Status
    expected: Any = None
    got: Any = None
    detail: str | None = None


class Totals(BaseModel):
    """Counts over a scored file (covered = the calculator is registered)."""

    items: int = 0
    covered: int = 0
    matched: int = 0
    mismatched: int = 0
    errata: int = 0
    not_covered: int = 0
    no_adapter: int = 0
    errors: int = 0


class Report(BaseModel):
    """All rows of a scored file and their totals."""

    path: str
    rows: list[Row]
    totals: Totals


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6}
_ROMAN_AFTER = re.compile(r"\b(?:grade|stage|class)\s+(i{1,3}|iv|v|vi)\b", re.IGNORECASE)


def _norm_text(text: str) -> str:
    """Fold case, punctuation and plural -s so "(31 weeks, 1 days)" equals "31 Weeks 1 Day"."""
    tokens = re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", str(text).casefold())
    return " ".join(t[:-1] if len(t) > 3 and t.isalpha() and t.endswith("s") else t for t in tokens)


def _unit_factor(from_unit: str, to_unit: str) -> float | None:
    """Factor converting ``from_unit`` to ``to_unit`` when one quantity kind knows both."""
    for kind in units.kinds():
        try:
            return units.convert(1.0, from_unit, to_unit, kind=kind)
        except M3AgentError:
            continue
    return None


_NUM_UNIT = re.compile(r"([-+]?\d+(?:\.\d+)?)\s*([A-Za-zµ%/][\w/%²³.]*)?")


def _displayed_number(expected: Any) -> tuple[float, int, str | None] | None:
    """Read the number, decimals and unit a final answer displays (``"2.9 L"`` → (2.9, 1, "L"))."""
    if isinstance(expected, bool):
        return None
    if isinstance(expected, int):
        return float(expected), 0, None
    if isinstance(expected, float):
        text = repr(expected)
        return expected, len(text.split(".")[1]) if "." in text else 0, None
    m = _ROMAN_AFTER.search(str(expected))
    if m:
        return float(_ROMAN[m.group(1).lower()]), 0, None
    m = _NUM_UNIT.search(str(expected))
    if not m:
        return None
    token = m.group(1)
    return float(token), len(token.split(".")[1]) if "." in token else 0, m.group(2)


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%A, %B %d, %Y",
    "%A, %b %d, %Y",
    "%m/%d/%Y",
)


def _parse_date(text: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _same_date(value: str, expected: str) -> bool | None:
    """Compare a date value with a date answer in any common spelling (None: not both dates)."""
    ours, theirs = _parse_date(value), _parse_date(expected)
    if ours is None or theirs is None:
        return None
    return ours == theirs


def matches(value: Any, expected: Any, unit: str | None = None) -> bool:
    """Tell whether our ``value`` equals the task's ``expected`` at the precision it displays.

    Text values match text answers after folding case, punctuation and plural -s; numeric
    values match when they round to the displayed number, after converting ``unit`` (our
    unit) to the unit the answer shows when both are units of one quantity kind
    (``70.7`` kg matches ``"155.9 lbs"``).
    """
    if isinstance(value, str):
        if not isinstance(expected, str):
            return False
        same_day = _same_date(value, expected)
        if same_day is not None:
            return same_day
        return _norm_text(value) == _norm_text(expected)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    shown = _displayed_number(expected)
    if shown is None:
        return False
    number, decimals, shown_unit = shown
    tol = 0.5 * 10**-decimals + 1e-9
    if math.isclose(value, number, abs_tol=tol):
        return True
    if unit and shown_unit:
        factor = _unit_factor(unit, shown_unit)
        if factor is not None and factor != 1.0:
            return math.isclose(value * factor, number, abs_tol=tol)
    return False


def matches_category(interpretation: str | None, expected: Any) -> bool:
    """Tell whether a category answer (``"Low"``, ``"High risk"``) names our interpretation.

    MDCalc often answers a score with its category alone. The category must lead our
    interpretation (``"Low risk (0): 30-day mortality 1.1%"`` leads with ``low``), so a
    text that merely mentions the word elsewhere ("not low risk") does not count. Answers
    that display a number are compared as numbers by :func:`matches`, never here.
    """
    if not interpretation or not isinstance(expected, str) or _displayed_number(expected):
        return False
    want = _norm_text(expected)
    got = _norm_text(interpretation)
    return bool(want) and (got == want or got.startswith(want + " "))


def matches_result(value: Any, interpretation: str | None, expected: Any, unit: str | None) -> bool:
    """:func:`matches` on the value, else :func:`matches_category` on the interpretation."""
    return matches(value, expected, unit) or matches_category(interpretation, expected)


def score_answer(task_id: str, answer: dict[str, Any]) -> Row:
    """Score one ``calculator_answers`` item (never raises for a calculator failure)."""
    name = str(answer.get("name", ""))
    order = int(answer.get("order", 0))
    expected = answer.get("final_answer")
    base = {"task_id": task_id, "order": order, "name": name, "expected": expected}
    try:
        calc = registry.get_calculator(name)
    except NotFoundError:
        return Row(status="not_covered", **base)
    adapter = getattr(calc.module, "from_medmcp", None)
    if adapter is None:
        return Row(status="no_adapter", calculator=calc.id, **base)
    erratum = erratum_for(calc.module, task_id, order)
    try:
        result = calc.run(adapter(answer.get("inputs") or []))
    except (M3AgentError, ValueError, TypeError, KeyError, NotImplementedError) as e:
        status: Status = "erratum" if erratum else "error"
        return Row(
            status=status, calculator=calc.id, detail=erratum or f"{type(e).__name__}: {e}", **base
        )
    if matches_result(result.value, result.interpretation, expected, result.unit):
        return Row(status="matched", calculator=calc.id, got=result.value, **base)
    status = "erratum" if erratum else "mismatch"
    return Row(status=status, calculator=calc.id, got=result.value, detail=erratum, **base)


def _read_tasks(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise DataLoadError(
            f"MedMCP-Calc file not found: {path}.",
            hint="Give a JSONL file in the dev_tasks.jsonl format.",
        )
    tasks = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            task = jsonlib.loads(line)
        except jsonlib.JSONDecodeError as e:
            raise DataLoadError(
                f"{path}:{n}: expected one JSON object per line, found invalid JSON ({e.msg})."
            ) from None
        if not isinstance(task, dict) or not isinstance(task.get("calculator_answers"), list):
            raise DataLoadError(
                f"{path}:{n}: expected an object with a 'calculator_answers' "
                f"list, found {type(task).__name__} without it."
            )
        tasks.append(task)
    return tasks


def score_file(path: str | Path) -> Report:
    """Score every calculator answer of a MedMCP-Calc JSONL file.

    Args:
        path: A JSONL file in the ``dev_tasks.jsonl`` format.

    Returns:
        The rows (one per ``calculator_answers`` item) and their totals.

    Raises:
        DataLoadError: When the file is missing or a line is not a task object.
    """
    p = Path(path)
    rows = [
        score_answer(str(t.get("task_id", f"line{i}")), a)
        for i, t in enumerate(_read_tasks(p), start=1)
        for a in t["calculator_answers"]
    ]
    totals = Totals(items=len(rows))
    for r in rows:
        totals.covered += r.status != "not_covered"
        totals.matched += r.status == "matched"
        totals.mismatched += r.status == "mismatch"
        totals.errata += r.status == "erratum"
        totals.not_covered += r.status == "not_covered"
        totals.no_adapter += r.status == "no_adapter"
        totals.errors += r.status == "error"
    return Report(path=str(p), rows=rows, totals=totals)


def coverage(freq_tsv: str | Path) -> tuple[list[str], int]:
    """Which MedMCP-Calc calculator names map to a registered calculator.

    Args:
        freq_tsv: ``calculator_frequency.tsv`` (columns ``tasks_using``, ``calculator``).

    Returns:
        The covered names (in file order) and the total number of names.

    Raises:
        DataLoadError: When the file is missing or lacks a ``calculator`` column.
    """
    p = Path(freq_tsv)
    if not p.is_file():
        raise DataLoadError(f"calculator frequency file not found: {p}.")
    with p.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        if not reader.fieldnames or "calculator" not in reader.fieldnames:
            raise DataLoadError(
                f"{p}: expected a tab-separated header with a 'calculator' "
                f"column, found {reader.fieldnames}."
            )
        names = [row["calculator"] for row in reader if row.get("calculator")]
    covered = []
    for name in names:
        try:
            registry.get_calculator(name)
        except NotFoundError:
            continue
        covered.append(name)
    return covered, len(names)


def check_medmcp(
    file: Annotated[Path, typer.Argument(help="A MedMCP-Calc JSONL file (dev_tasks format)")],
    json: Annotated[bool, typer.Option("--json", help="Print one JSON object")] = False,
) -> None:
    """Score a MedMCP-Calc task file against the calculators; totals are printed last."""
    try:
        report = score_file(file)
    except M3AgentError as e:
        if json:
            print(jsonlib.dumps(e.to_dict()))
        else:
            typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(2) from None
    if json:
        print(jsonlib.dumps(report.model_dump(mode="json"), ensure_ascii=False))
    else:
        for r in report.rows:
            if r.status == "not_covered":
                continue
            line = f"{r.status:<11} {r.task_id} #{r.order:<2} {r.calculator}: got {r.got!r}"
            line += f", expected {str(r.expected)[:60]!r}"
            if r.detail:
                line += f" ({r.detail[:120]})"
            typer.echo(line)
        t = report.totals
        typer.echo(
            f"items {t.items}  covered {t.covered}  matched {t.matched}  "
            f"mismatched {t.mismatched}  errata {t.errata}  not covered {t.not_covered}  "
            f"no adapter {t.no_adapter}  errors {t.errors}"
        )
    if report.totals.mismatched or report.totals.errors:
        raise typer.Exit(1)
