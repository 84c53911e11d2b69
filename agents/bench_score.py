"""Deterministic scores of benchmark runs (no model as judge).

* EHRSQL 2024: a question is correct when the executed answer equals the gold answer under the
  shared task's comparison (:func:`m3agent.tools.ehrsql.answers_match`); the executed answer is
  the result of the SQL the final answer rests on (its last cited ``run_sql`` call, run again
  without a row cap, as the official scorer runs a submitted query), else the answer's value.
  A run that ends without an answer (abstained, needs information, budget out, failed) counts
  as an abstention, as a missing prediction ("null") does in the shared task; the summary
  still counts failures apart. Accuracy on answerable questions, abstention precision and
  recall, and the reliability score RS(c) for c = 0, 5, 10 and N (the number of questions).
* MedCalc-Bench: the answer's value within the row's limits
  (:func:`m3agent.calculators.medcalc_bench.within_limits`), overall and by category; rows
  whose ground truth is a documented erratum are counted apart too.
* MedMCP-Calc: read from the trace (the ``calculate`` calls and their observations) against
  each ground-truth calculator answer: calculator selection (a call of that calculator),
  inputs found (share of the ground-truth inputs, as the ``from_medmcp`` adapter reads them,
  that the call gave with the same value after unit conversion) and value accuracy
  (:func:`m3agent.calculators.medmcp_calc.matches`).
* Trials: NDCG@10 and recall@10 of the ranking (:mod:`m3agent.retrieval.trials.evaluate`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, Field

from m3agent.agents.answer import FinalAnswer
from m3agent.agents.bench_tasks import BenchTask
from m3agent.agents.steps import ObservationStep, Step, ToolCallStep
from m3agent.tools.errors import M3AgentError

#: The penalties c of the reliability scores besides N (EHRSQL 2024 reports 0, 5, 10 and N).
RS_PENALTIES = (0, 5, 10)
#: Relative tolerance when comparing a converted input with the ground truth's.
INPUT_REL_TOL = 1e-3
#: Cut-off of the trial rankings.
TRIALS_K = 10
#: Tools whose results rank trials (``{"trials": [{"nct_id", ...}]}``).
TRIAL_TOOLS = ("search_trials", "match_patient_to_trials")

Executor = Callable[[str, str, str | None], list[tuple[Any, ...]]]


class TraceCall(BaseModel):
    """One data tool call of a run, as the step records show it.

    Attributes:
        call_id: The model's call id.
        name: The tool.
        arguments: The arguments it was called with.
        is_error: Whether the tool reported an error.
        result: What the benchmark needs of the result: for ``calculate`` the calculator,
            value and unit; for ``run_sql`` the row count and truncation flag.
    """

    call_id: str
    name: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    is_error: bool = False
    result: dict[str, Any] | None = None


def trace_calls(steps: Sequence[Step]) -> list[TraceCall]:
    """The data tool calls of a run with the parts of their results the scores use."""
    calls: dict[str, TraceCall] = {}
    for s in steps:
        if isinstance(s, ToolCallStep):
            calls[s.call_id] = TraceCall(call_id=s.call_id, name=s.name, arguments=s.arguments)
        elif isinstance(s, ObservationStep) and s.call_id in calls:
            c = calls[s.call_id]
            c.is_error = s.is_error
            if not s.is_error:
                c.result = _result_summary(s.name, s.text)
    return list(calls.values())


def _result_summary(tool: str, text: str) -> dict[str, Any] | None:
    from m3agent.agents.bench_gold import observed_value

    if tool == "calculate":
        data = _json(text)
        if isinstance(data, dict):
            return {k: data.get(k) for k in ("calculator", "value", "unit")}
        return {"value": observed_value(text)}
    if tool == "run_sql":
        data = _json(text)
        if isinstance(data, dict):
            return {"row_count": data.get("row_count"), "truncated": data.get("truncated")}
    if tool in TRIAL_TOOLS:
        data = _json(text)
        if isinstance(data, dict) and isinstance(data.get("trials"), list):
            return {
                "nct_ids": [
                    str(t.get("nct_id"))
                    for t in data["trials"]
                    if isinstance(t, dict) and t.get("nct_id")
                ]
            }
    return None


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


# -- EHRSQL -------------------------------------------------------------------------------------


def _rows_of_value(value: Any) -> list[list[Any]] | None:
    """An answer value as result rows: a table, a list (one column) or a scalar (one cell)."""
    if value is None:
        return None
    if isinstance(value, list):
        if value and all(isinstance(r, list) for r in value):
            return [list(r) for r in value]
        return [[v] for v in value]
    return [[value]]


def score_ehrsql(task: BenchTask, answer: FinalAnswer, execute: Executor) -> dict[str, Any]:
    """Score one EHRSQL question.

    Args:
        task: The question with gold ``{"sql", "answer"}``.
        answer: The run's final answer.
        execute: Runs ``(sql, dialect, dataset)`` without a row cap and returns the rows.

    Returns:
        ``{"answerable", "abstained", "correct", "source", "sql", "error"}``; ``source`` says
        where the answer's rows came from: ``sql`` (its cited query), ``value`` or ``none``.
    """
    answerable = task.gold.get("sql") is not None
    out: dict[str, Any] = {
        "answerable": answerable,
        "abstained": answer.status != "answered",
        "correct": False,
        "source": "none",
        "sql": None,
        "error": None,
    }
    if out["abstained"]:
        return out
    cited = [c for c in answer.citations if c.kind == "sql" and c.tool == "run_sql"]
    rows: list[Any] | None = None
    if cited:
        args = cited[-1].arguments
        out["source"], out["sql"] = "sql", args.get("sql")
        try:
            rows = execute(
                str(args.get("sql") or ""),
                str(args.get("dialect") or "duckdb"),
                args.get("dataset"),
            )
        except M3AgentError as e:
            out["error"] = f"{type(e).__name__}: {e.message}"
        except Exception as e:  # noqa: BLE001 - an engine failure is a wrong answer, reported
            out["error"] = f"{type(e).__name__}: {e}"
    else:
        rows = _rows_of_value(answer.value)
        if rows is not None:
            out["source"] = "value"
    if answerable and rows is not None:
        try:
            out["correct"] = _matches(rows, task.gold["answer"])
        except (TypeError, ValueError) as e:
            out["error"] = f"{type(e).__name__}: {e}"
    return out


def _matches(rows: list[Any], gold: str) -> bool:
    from m3agent.tools.ehrsql import answers_match

    return answers_match(rows, gold)


def summarize_ehrsql(scores: Sequence[dict[str, Any]], statuses: Sequence[str]) -> dict[str, Any]:
    """Accuracy, abstention precision and recall, and RS(c) over scored questions.

    Args:
        scores: :func:`score_ehrsql` results.
        statuses: The final-answer status of each (to count failed runs apart).
    """
    from m3agent.tools.ehrsql import Outcome, reliability_score

    n = len(scores)
    outcomes = [Outcome(s["answerable"], s["abstained"], bool(s["correct"])) for s in scores]
    answerable = sum(o.answerable for o in outcomes)
    unanswerable = n - answerable
    correct = sum(o.answerable and not o.abstained and o.correct for o in outcomes)
    abstained = sum(o.abstained for o in outcomes)
    right_abstain = sum(o.abstained and not o.answerable for o in outcomes)
    out: dict[str, Any] = {
        "questions": n,
        "answerable": answerable,
        "unanswerable": unanswerable,
        "correct": correct,
        "wrong": sum(o.answerable and not o.abstained and not o.correct for o in outcomes),
        "abstained_answerable": sum(o.answerable and o.abstained for o in outcomes),
        "abstained_unanswerable": right_abstain,
        "answered_unanswerable": sum(not o.answerable and not o.abstained for o in outcomes),
        "no_answer_runs": sum(st in ("failed", "budget_exhausted", "error") for st in statuses),
        "accuracy_answerable": correct / answerable if answerable else None,
        "abstention_precision": right_abstain / abstained if abstained else None,
        "abstention_recall": right_abstain / unanswerable if unanswerable else None,
        "rs": {},
    }
    if n:
        for c in RS_PENALTIES:
            out["rs"][str(c)] = reliability_score(outcomes, c)
        out["rs"]["N"] = reliability_score(outcomes, n)
    return out


# -- MedCalc-Bench ------------------------------------------------------------------------------

_LAST_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
#: Limits that are not numbers: a date (MM/DD/YYYY or ISO) or a (weeks, days) tuple.
_TEXTUAL_LIMIT = re.compile(r"\d+/\d+/\d{4}|\d{4}-\d{2}-\d{2}|weeks?", re.IGNORECASE)


def medcalc_got(answer: FinalAnswer, lower: str) -> Any:
    """The value an answer gives for a MedCalc-Bench row (None when it gives none).

    The structured value first (numeric text read as a number); else, for date and
    (weeks, days) rows the answer text itself, and for numeric rows the last number of the
    text (answers end with their result: "... so the CrCl is 42.5 mL/min").
    """
    if answer.status != "answered":
        return None
    textual = bool(_TEXTUAL_LIMIT.search(lower or ""))
    value = answer.value
    if isinstance(value, str) and not textual:
        m = _LAST_NUMBER.fullmatch(value.strip())
        value = float(value) if m else None
    if isinstance(value, list) and textual:
        value = f"({', '.join(str(v) for v in value)})" if len(value) == 2 else None
    if value is not None and not isinstance(value, list | dict):
        return value
    if textual:
        return answer.text
    numbers = _LAST_NUMBER.findall(answer.text or "")
    return float(numbers[-1]) if numbers else None


def score_medcalc(task: BenchTask, answer: FinalAnswer) -> dict[str, Any]:
    """Score one MedCalc-Bench row: whether the answer lies within the row's limits."""
    from m3agent.calculators.medcalc_bench import ERRATA, within_limits

    row = task.gold["row"]
    lower, upper = row.get("Lower Limit", ""), row.get("Upper Limit", "")
    got = medcalc_got(answer, lower)
    key = (int(row["Row Number"]), int(row["Calculator ID"]), row.get("Note ID", ""))
    erratum = any((e.row_number, e.calculator_id, e.note_id) == key for e in ERRATA)
    return {
        "correct": within_limits(got, lower, upper),
        "got": got,
        "expected": row.get("Ground Truth Answer"),
        "lower": lower,
        "upper": upper,
        "category": row.get("Category") or "(none)",
        "calculator_id": row.get("Calculator ID"),
        "calculator_name": row.get("Calculator Name"),
        "erratum": erratum,
    }


def summarize_medcalc(scores: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy within limits overall, by category and by calculator."""
    n = len(scores)
    correct = sum(bool(s["correct"]) for s in scores)
    clean = [s for s in scores if not s["erratum"]]
    by_category: dict[str, dict[str, Any]] = {}
    by_calculator: dict[str, dict[str, Any]] = {}
    for s in scores:
        for table, key in (
            (by_category, s["category"]),
            (by_calculator, f"{s['calculator_id']} {s['calculator_name']}"),
        ):
            t = table.setdefault(key, {"rows": 0, "correct": 0})
            t["rows"] += 1
            t["correct"] += bool(s["correct"])
    for table in (by_category, by_calculator):
        for t in table.values():
            t["accuracy"] = t["correct"] / t["rows"]
    return {
        "rows": n,
        "correct": correct,
        "accuracy": correct / n if n else None,
        "errata_rows": n - len(clean),
        "accuracy_without_errata": (
            sum(bool(s["correct"]) for s in clean) / len(clean) if clean else None
        ),
        "by_category": dict(sorted(by_category.items())),
        "by_calculator": dict(sorted(by_calculator.items())),
    }


# -- MedMCP-Calc --------------------------------------------------------------------------------


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return math.isclose(float(a), float(b), rel_tol=INPUT_REL_TOL, abs_tol=1e-9)
    return bool(a == b)


def inputs_found(calc: Any, expected: dict[str, Any], given: dict[str, Any]) -> tuple[int, int]:
    """How many of the expected inputs the call gave with the same value.

    Each field is checked on its own: the expected inputs with that one field replaced by the
    given value must validate, and the field's parsed value (after unit conversion) must equal
    the expected one's.

    Returns:
        ``(found, expected)``.
    """
    from m3agent.calculators.registry import parse_inputs

    try:
        reference = parse_inputs(calc, expected)
    except M3AgentError:
        return 0, len(expected)
    found = 0
    for field in expected:
        if field not in given:
            continue
        try:
            parsed = parse_inputs(calc, {**expected, field: given[field]})
        except M3AgentError:
            continue
        found += _same(getattr(parsed, field), getattr(reference, field))
    return found, len(expected)


def score_medmcp(task: BenchTask, calls: Sequence[TraceCall]) -> dict[str, Any]:
    """Score one MedMCP-Calc task from its ``calculate`` calls.

    Each ground-truth answer whose calculator is registered (covered) is paired with at most
    one call of that calculator: the unused one with the most inputs found and a right value,
    the earliest on ties. Calls left unpaired lower the selection precision.
    """
    from m3agent.agents.bench_gold import medmcp_gold_calls
    from m3agent.calculators.medmcp_calc import matches_result
    from m3agent.calculators.registry import get_calculator

    made: list[tuple[TraceCall, str | None]] = []
    for c in calls:
        if c.name != "calculate":
            continue
        try:
            cid = get_calculator(str(c.arguments.get("calculator", ""))).id
        except M3AgentError:
            cid = None
        made.append((c, cid))
    used: set[int] = set()
    items: list[dict[str, Any]] = []
    for a in task.gold["answers"]:
        item: dict[str, Any] = {
            "order": a.get("order"),
            "name": a.get("name"),
            "calculator": None,
            "covered": False,
            "selected": False,
            "inputs_found": 0,
            "inputs_expected": 0,
            "value_correct": False,
            "got": None,
            "expected": a.get("final_answer"),
        }
        items.append(item)
        try:
            calc = get_calculator(str(a.get("name", "")))
        except M3AgentError:
            continue
        item["calculator"], item["covered"] = calc.id, True
        gold_calls = medmcp_gold_calls([a])
        expected = gold_calls[0][1]["inputs"] if gold_calls else {}
        best: tuple[tuple[float, bool, int], int, dict[str, Any]] | None = None
        for i, (c, cid) in enumerate(made):
            if i in used or cid != calc.id:
                continue
            found, total = inputs_found(calc, expected, dict(c.arguments.get("inputs") or {}))
            value = (c.result or {}).get("value") if not c.is_error else None
            right = value is not None and matches_result(
                value,
                (c.result or {}).get("interpretation"),
                a.get("final_answer"),
                (c.result or {}).get("unit"),
            )
            key = (found / total if total else 0.0, right, -i)
            if best is None or key > best[0]:
                best = (
                    key,
                    i,
                    {
                        "inputs_found": found,
                        "inputs_expected": total,
                        "value_correct": right,
                        "got": value,
                    },
                )
        if best is None:
            item["inputs_expected"] = len(expected)
            continue
        used.add(best[1])
        item.update(selected=True, **best[2])
    covered = [i for i in items if i["covered"]]
    return {
        "items": len(items),
        "covered": len(covered),
        "selected": sum(i["selected"] for i in covered),
        "calls": len(made),
        "paired_calls": len(used),
        "inputs_found": sum(i["inputs_found"] for i in covered),
        "inputs_expected": sum(i["inputs_expected"] for i in covered),
        "value_correct": sum(i["value_correct"] for i in covered),
        "solved": bool(covered) and all(i["value_correct"] for i in covered),
        "per_item": items,
    }


def summarize_medmcp(scores: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Calculator selection, inputs found and value accuracy over tasks."""

    def total(key: str) -> int:
        return sum(int(s[key]) for s in scores)

    items, covered, selected = total("items"), total("covered"), total("selected")
    calls, paired = total("calls"), total("paired_calls")
    found, expected, right = total("inputs_found"), total("inputs_expected"), total("value_correct")
    with_cover = [s for s in scores if s["covered"]]
    return {
        "tasks": len(scores),
        "items": items,
        "covered_items": covered,
        "selection_recall": selected / covered if covered else None,
        "selection_recall_all_items": selected / items if items else None,
        "selection_precision": paired / calls if calls else None,
        "inputs_found": found / expected if expected else None,
        "value_accuracy": right / covered if covered else None,
        "value_accuracy_all_items": right / items if items else None,
        "value_correct": right,
        "tasks_solved": sum(bool(s["solved"]) for s in with_cover),
        "tasks_with_covered_items": len(with_cover),
    }


# -- Trials -------------------------------------------------------------------------------------


def ranking_of(answer: FinalAnswer, calls: Sequence[TraceCall] = ()) -> list[str]:
    """The trial ids an answer ranks, best first.

    Its list value; else the NCT ids in its text, in order; else the result of the run's last
    successful trial search (the ranking the answer rests on). None when it did not answer.
    """
    if answer.status != "answered":
        return []
    value = answer.value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(dict.fromkeys(value))
    in_text = list(dict.fromkeys(re.findall(r"NCT\d{8}", answer.text or "")))
    if in_text:
        return in_text
    for c in reversed(calls):
        if c.name in TRIAL_TOOLS and not c.is_error and c.result and c.result.get("nct_ids"):
            return list(dict.fromkeys(c.result["nct_ids"]))
    return []


def score_trials(task: BenchTask, ranking: Sequence[str]) -> dict[str, Any]:
    """NDCG@10 and recall@10 of one query's ranking (None when no trial is relevant)."""
    from m3agent.retrieval.trials.evaluate import ndcg_at_k, recall_at_k

    rels: dict[str, int] = task.gold["qrels"]
    judged = any(g >= 1 for g in rels.values())
    return {
        "judged": judged,
        "ndcg": ndcg_at_k(ranking, rels, TRIALS_K) if judged else None,
        "recall": recall_at_k(ranking, rels, TRIALS_K) if judged else None,
        "ranking": list(ranking)[:TRIALS_K],
    }


def summarize_trials(scores: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Mean NDCG@10 and recall@10 over queries with a relevant trial (as TrialGPT reports)."""
    judged = [s for s in scores if s["judged"]]
    n = len(judged)
    return {
        "queries": len(scores),
        "judged_queries": n,
        f"ndcg@{TRIALS_K}": sum(s["ndcg"] for s in judged) / n if n else None,
        f"recall@{TRIALS_K}": sum(s["recall"] for s in judged) / n if n else None,
    }


def summarize(benchmark: str, records: Sequence[Any]) -> dict[str, Any]:
    """The benchmark's scores over task records (``.score`` and ``.status`` of each)."""
    scored = [r for r in records if r.score]
    scores = [r.score for r in scored]
    if benchmark == "ehrsql":
        return summarize_ehrsql(scores, [r.status for r in scored])
    if benchmark == "medcalc":
        return summarize_medcalc(scores)
    if benchmark == "medmcp-calc":
        return summarize_medmcp(scores)
    return summarize_trials(scores)
