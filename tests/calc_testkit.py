"""Small helpers the calculator test files share (import as ``from calc_testkit import ...``).

Running a calculator by id or benchmark name, feeding MedMCP-Calc style inputs through a
module's ``from_medmcp`` adapter, and reading the MedMCP-Calc dev tasks
(``../shared/data/medmcp-calc/dev_tasks.jsonl``) to find and score the items of given names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

import pytest

from m3agent.calculators import medmcp_calc
from m3agent.calculators.base import CalcResult
from m3agent.calculators.registry import get_calculator

from conftest import SHARED_DATA

DEV_TASKS = SHARED_DATA / "medmcp-calc" / "dev_tasks.jsonl"
FREQUENCY_TSV = SHARED_DATA / "medmcp-calc" / "calculator_frequency.tsv"

#: A dev item: the task id and one of its ``calculator_answers``.
DevItem = tuple[str, dict[str, Any]]


def run(calc_id: str, /, **inputs: Any) -> CalcResult:
    """Run the calculator registered as ``calc_id`` (an id or any of its names) on ``inputs``."""
    return get_calculator(calc_id).run(inputs)


def adapt(calc_id: str, inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """The kwargs the calculator's ``from_medmcp`` adapter reads from MedMCP-Calc inputs."""
    return get_calculator(calc_id).module.from_medmcp(inputs)


def medmcp(calc_id: str, inputs: list[dict[str, Any]]) -> CalcResult:
    """Run the calculator on MedMCP-Calc inputs, through its ``from_medmcp`` adapter."""
    return run(calc_id, **adapt(calc_id, inputs))


def items(**fields: Any) -> list[dict[str, Any]]:
    """MedMCP-Calc inputs ``[{"field": name, "value": value}, ...]`` from keyword arguments."""
    return [{"field": k, "value": v} for k, v in fields.items()]


def spaced_items(**fields: Any) -> list[dict[str, Any]]:
    """Like :func:`items`, with the underscores of each keyword read as spaces."""
    return [{"field": k.replace("_", " "), "value": v} for k, v in fields.items()]


def score(name: str, inputs: list[dict[str, Any]], final_answer: Any) -> medmcp_calc.Row:
    """Score a synthetic MedMCP-Calc answer item (order 1) through the benchmark scorer."""
    answer = {"name": name, "order": 1, "inputs": inputs, "final_answer": final_answer}
    return medmcp_calc.score_answer("synthetic", answer)


@cache
def _dev_tasks() -> tuple[dict[str, Any], ...]:
    if not DEV_TASKS.is_file():
        pytest.fail(f"MedMCP-Calc dev tasks not found at {DEV_TASKS}; set M3AGENT_SHARED_DATA")
    lines = DEV_TASKS.read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip())


def dev_items(names: str | Iterable[str]) -> list[DevItem]:
    """The dev items (task id, answer) whose calculator name is ``names`` or one of them.

    The items are fresh copies in file order, so a test may change them freely.
    """
    wanted = {names} if isinstance(names, str) else set(names)
    return [
        (task["task_id"], json.loads(json.dumps(answer)))
        for task in _dev_tasks()
        for answer in task["calculator_answers"]
        if answer["name"] in wanted
    ]


def dev_rows(names: str | Iterable[str]) -> list[medmcp_calc.Row]:
    """Every dev item of ``names`` scored by :func:`medmcp_calc.score_answer`."""
    return [medmcp_calc.score_answer(task_id, answer) for task_id, answer in dev_items(names)]


def dev_names() -> set[str]:
    """Every calculator name any dev item uses."""
    return {a["name"] for task in _dev_tasks() for a in task["calculator_answers"]}


def frequency_names() -> set[str]:
    """The calculator names of calculator_frequency.tsv (its last column)."""
    text = FREQUENCY_TSV.read_text(encoding="utf-8")
    return {line.split("\t")[-1] for line in text.splitlines()}


def assert_name_resolves(name: str, calc_id: str) -> None:
    """``name`` resolves to ``calc_id``, whose module has a ``from_medmcp`` adapter."""
    calc = get_calculator(name)
    assert calc.id == calc_id
    assert callable(getattr(calc.module, "from_medmcp", None))
