"""The benchmark runner behind ``m3-agent bench``: run an agent over a benchmark split, score it.

:func:`run_bench` loads the split (:mod:`.bench_tasks`), samples ``limit`` tasks with a fixed
seed, and answers each with the agent runtime over one in-process MCP server (the same
validation and audit as any client), ``concurrency`` at a time. Each finished task is appended
to ``<out>/results.jsonl`` at once (answer, score, the ids of its trace in the audit log), so a
run that stops can go on with ``resume``: finished tasks are skipped. At the end the scores
(:mod:`.bench_score`), ``summary.json`` and ``report.md`` with its plots (:mod:`.bench_report`)
are written from every record of the folder.

Trials: by default the agent answers each patient description with the server's
``search_trials`` tool over the split's corpus (the run points ``M3AGENT_TRIALS_FILE`` at it and
keeps the trial index under ``<out>/indexes``); its ranking is the answer's list of NCT ids, else
the result of its last trial search. ``trials_mode`` bm25, dense or hybrid instead ranks with
the trial index directly, without a model (a retrieval baseline), as does a server without
``search_trials``; the report says which. ``scripted:gold`` ranks by the judgments.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import anyio

from m3agent.agents.answer import FinalAnswer
from m3agent.agents.bench_gold import GOLD_MODEL
from m3agent.agents.bench_records import (
    KEPT_ROWS,
    RESULTS,
    BenchOptions,
    BenchResult,
    TaskRecord,
    prepare_out,
    read_records,
    run_manifest,
)
from m3agent.agents.bench_score import (
    TraceCall,
    ranking_of,
    score_ehrsql,
    score_medcalc,
    score_medmcp,
    score_trials,
    summarize,
    trace_calls,
)
from m3agent.agents.bench_setup import model_factory, server_settings
from m3agent.agents.bench_tasks import (
    BenchDataError,
    BenchTask,
    check_benchmark,
    load_tasks,
    resolve_data_path,
    sample_tasks,
)
from m3agent.agents.bench_trials import rank_trials_directly, trials_environment
from m3agent.agents.model import Model
from m3agent.agents.steps import FinalAnswerStep, Step
from m3agent.tools.errors import ConfigError, M3AgentError

__all__ = [
    "BenchOptions",
    "BenchResult",
    "TaskRecord",
    "read_records",
    "run_bench",
    "run_bench_sync",
]

#: Instructions added to the system prompt of every question of a benchmark.
CONTEXT: dict[str, str] = {
    "ehrsql": (
        "The question is about the EHRSQL 2024 MIMIC-IV database: query it with run_sql using "
        "dataset='ehrsql' (SQLite or DuckDB dialect). Its 'now' is 2100-12-31 23:59:00. The "
        "answer is the result of one SQL query: give it with final_answer citing that run_sql "
        "call. If this database cannot answer the question, call abstain."
    ),
    "medcalc": (
        "Compute the answer with the calculator tools (search_calculators, calculator_info, "
        "calculate) from the values in the patient note. Give the result in final_answer's "
        "value: a number, a date as MM/DD/YYYY, or weeks and days as '(W weeks, D days)'."
    ),
    "medmcp-calc": (
        "The patient's data is listed in the question. Choose the medical calculators the "
        "question needs and compute each with calculate (search_calculators and "
        "calculator_info give their names and inputs); then answer with the values."
    ),
    "trials": (
        "The question is a patient description. Find the clinical trials this patient may be "
        "eligible for with search_trials (query = the description, or its key conditions) or "
        "match_patient_to_trials (patient_text); give final_answer a value listing the NCT "
        "ids, best first (at most 10)."
    ),
}


def _kept_value(value: Any) -> Any:
    if isinstance(value, list) and len(value) > KEPT_ROWS:
        return value[:KEPT_ROWS]
    return value


class _Runner:
    """Answers and scores tasks over one connection; writes each record as it finishes."""

    def __init__(
        self,
        options: BenchOptions,
        make_model: Callable[[BenchTask], Model],
        toolbox: Any,
        audit: Any,
        identity: str,
        settings: Any,
        on_record: Callable[[TaskRecord], None] | None,
    ) -> None:
        from m3agent.agents.budget import Budget
        from m3agent.agents.loop import AgentConfig

        self.options = options
        self.toolbox = toolbox
        self.audit = audit
        self.identity = identity
        self.make_model = make_model
        self.config = AgentConfig(
            strategy=options.strategy,
            budget=Budget(max_steps=options.max_steps),
            context=CONTEXT[options.benchmark],
        )
        self.on_record = on_record
        self.results = (options.out / RESULTS).open("a", encoding="utf-8")
        self.records: list[TaskRecord] = []
        self.engine = None
        if options.benchmark == "ehrsql":
            from m3agent.tools.sql.engine import SQLEngine

            # The scorer's own engine: the same databases, no row cap (the official scorer
            # runs a submitted query in full, then compares its first 100 sorted rows).
            self.engine = SQLEngine(
                replace(
                    settings.engine,
                    max_rows_cap=1_000_000,
                    timeout_s=max(settings.engine.timeout_s, 120),
                    research_mode=False,
                )
            )

    def close(self) -> None:
        self.results.close()
        if self.engine is not None:
            self.engine.close()

    def execute(self, sql: str, dialect: str, dataset: str | None) -> list[tuple[Any, ...]]:
        assert self.engine is not None
        result = self.engine.execute(
            sql, dialect=dialect, dataset=dataset or "ehrsql", max_rows=1_000_000
        )
        return [tuple(r) for r in result.rows]

    def write(self, record: TaskRecord) -> None:
        self.results.write(record.model_dump_json() + "\n")
        self.results.flush()
        self.records.append(record)
        if self.on_record is not None:
            self.on_record(record)

    async def run(self, task: BenchTask) -> None:
        from m3agent.agents.loop import run_agent

        run_id = uuid.uuid4().hex
        t0 = time.perf_counter()
        steps: list[Step] = []
        try:
            model = self.make_model(task)
            async for step in run_agent(
                task.question,
                model,
                self.toolbox,
                config=self.config,
                audit=self.audit,
                identity=self.identity,
                run_id=run_id,
            ):
                steps.append(step)
            final = steps[-1]
            assert isinstance(final, FinalAnswerStep)
            answer = final.answer
            calls = trace_calls(steps)
            score = await anyio.to_thread.run_sync(lambda: self.score(task, answer, calls))
        except Exception as e:  # noqa: BLE001 - one broken task must not end the run
            self.write(
                TaskRecord(
                    benchmark=self.options.benchmark,
                    task_id=task.id,
                    run_id=run_id,
                    model=self.options.model,
                    strategy=self.options.strategy,
                    status="error",
                    error=f"{type(e).__name__}: {e}",
                    calls=trace_calls(steps),
                    elapsed_ms=round((time.perf_counter() - t0) * 1000, 3),
                )
            )
            return
        self.write(
            TaskRecord(
                benchmark=self.options.benchmark,
                task_id=task.id,
                run_id=answer.run_id,
                model=answer.model,
                strategy=answer.strategy,
                status=answer.status,
                answer=answer.text,
                value=_kept_value(answer.value),
                calls=calls,
                score=score,
                steps=answer.steps,
                prompt_tokens=answer.prompt_tokens,
                completion_tokens=answer.completion_tokens,
                cost_usd=answer.cost_usd,
                elapsed_ms=round((time.perf_counter() - t0) * 1000, 3),
                error=(answer.error or {}).get("message"),
            )
        )

    def score(self, task: BenchTask, answer: FinalAnswer, calls: list[TraceCall]) -> dict[str, Any]:
        b = self.options.benchmark
        if b == "ehrsql":
            return score_ehrsql(task, answer, self.execute)
        if b == "medcalc":
            return score_medcalc(task, answer)
        if b == "medmcp-calc":
            return score_medmcp(task, calls)
        return score_trials(task, ranking_of(answer, calls))


async def _run_agent_tasks(
    options: BenchOptions,
    make_model: Callable[[BenchTask], Model],
    tasks: list[BenchTask],
    settings: Any,
    on_record: Callable[[TaskRecord], None] | None,
    toolbox: Any,
) -> list[TaskRecord]:
    from m3agent.audit import AuditLog, os_identity

    audit = AuditLog(settings.audit_path)
    runner = _Runner(
        options, make_model, toolbox, audit, settings.identity or os_identity(), settings, on_record
    )
    limiter = anyio.Semaphore(options.concurrency)

    async def one(task: BenchTask) -> None:
        async with limiter:
            await runner.run(task)

    try:
        async with anyio.create_task_group() as tg:
            for task in tasks:
                tg.start_soon(one, task)
    finally:
        runner.close()
        audit.close()
    return runner.records


async def run_bench(
    options: BenchOptions,
    *,
    on_start: Callable[[int, int], None] | None = None,
    on_record: Callable[[TaskRecord], None] | None = None,
) -> BenchResult:
    """Run a benchmark and write its results, summary and report.

    Args:
        options: What to run.
        on_start: Called with (tasks to run, tasks skipped) once the split is loaded.
        on_record: Called with each task record as it is written.

    Returns:
        Where everything went, and the scores.

    Raises:
        BenchDataError: If the data is missing or not in the benchmark's layout.
        ConfigError: For a bad option, a script file, or a run folder in the way.
        ModelError: If the model cannot be used (e.g. no API key).
    """
    import random

    check_benchmark(options.benchmark)
    random.seed(options.seed)
    data = resolve_data_path(options.benchmark, options.split_name, options.data)
    tasks = sample_tasks(
        load_tasks(options.benchmark, data, options.split_name), options.limit, options.seed
    )
    # Models fail early (a missing script or key), before anything is written; a trials run
    # ranked by the index directly needs none.
    agent = options.benchmark != "trials" or options.trials_mode == "agent"
    make_model = model_factory(options) if agent else None
    kept = prepare_out(options, data)
    done = {r.task_id for r in kept}
    pending = [t for t in tasks if t.id not in done]
    if on_start is not None:
        on_start(len(pending), len(tasks) - len(pending))
    notes: list[str] = []
    t0 = time.perf_counter()
    new: list[TaskRecord] | None = None
    if agent:
        from m3agent.agents.mcp_tools import connect

        assert make_model is not None
        with trials_environment(options, data):
            settings = server_settings(options, data)
            async with connect(settings=settings) as toolbox:
                if options.benchmark != "trials" or toolbox.has("search_trials"):
                    new = await _run_agent_tasks(
                        options, make_model, pending, settings, on_record, toolbox
                    )
    if new is None:  # trials ranked by the index (asked for, or no search_trials tool)
        mode = "hybrid" if options.trials_mode == "agent" else options.trials_mode
        how = (
            "the judgments (gold ranking)"
            if options.model == GOLD_MODEL
            else f"the trial index ({mode})"
        )
        why = (
            "The server has no search_trials tool, so"
            if options.trials_mode == "agent"
            else f"With --trials-mode {mode}"
        )
        notes.append(
            f"{why} the model was not used: each patient's trials were ranked by {how} "
            "directly and scored with the retrieval evaluation functions (NDCG@10, "
            "recall@10)."
        )
        new = await anyio.to_thread.run_sync(
            lambda: rank_trials_directly(options, data, pending, on_record, mode)
        )
    elif options.benchmark == "trials":
        notes.append(
            "The agent searched the split's corpus with the server's trial tools "
            "(M3AGENT_TRIALS_FILE pointed at it, the index kept in the run folder); its ranking "
            "is the answer's list of NCT ids, else the result of its last trial search."
        )
    wall = time.perf_counter() - t0
    order = {t.id: i for i, t in enumerate(tasks)}
    records = sorted([*kept, *new], key=lambda r: order.get(r.task_id, len(order)))
    records = [r for r in records if r.task_id in order]
    return finish(
        options,
        data,
        records,
        ran=len(new),
        skipped=len(tasks) - len(pending),
        wall=wall,
        notes=notes,
    )


def totals_of(records: list[TaskRecord], *, ran: int, skipped: int, wall: float) -> dict[str, Any]:
    """Counts, tokens, cost and time of a run."""
    statuses: dict[str, int] = {}
    for r in records:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    return {
        "tasks": len(records),
        "ran_now": ran,
        "skipped_resumed": skipped,
        **{f"status_{k}": v for k, v in sorted(statuses.items())},
        "prompt_tokens": sum(r.prompt_tokens for r in records),
        "completion_tokens": sum(r.completion_tokens for r in records),
        "cost_usd": round(sum(r.cost_usd for r in records), 6),
        "task_seconds": round(sum(r.elapsed_ms for r in records) / 1000, 3),
        "wall_seconds_now": round(wall, 3),
        "tasks_per_second_now": round(ran / wall, 3) if wall > 0 and ran else None,
    }


def finish(
    options: BenchOptions,
    data: Path,
    records: list[TaskRecord],
    *,
    ran: int,
    skipped: int,
    wall: float,
    notes: list[str],
) -> BenchResult:
    """Score every record and write summary.json and the report."""
    from m3agent.agents.bench_report import write_report

    summary = summarize(options.benchmark, records)
    totals = totals_of(records, ran=ran, skipped=skipped, wall=wall)
    header = {**run_manifest(options, data), "concurrency": options.concurrency}
    report, plots = write_report(
        options.out, header=header, summary=summary, totals=totals, records=records, notes=notes
    )
    (options.out / "summary.json").write_text(
        json.dumps(
            {"settings": header, "summary": summary, "totals": totals, "notes": notes},
            indent=2,
            default=str,
        ),
        encoding="utf-8",
    )
    return BenchResult(
        out=options.out,
        results=options.out / RESULTS,
        report=report,
        plots=plots,
        summary=summary,
        totals=totals,
        ran=ran,
        skipped=skipped,
        notes=notes,
    )


def run_bench_sync(options: BenchOptions, **kwargs: Any) -> BenchResult:
    """:func:`run_bench` from synchronous code (same arguments)."""
    return anyio.run(lambda: run_bench(options, **kwargs))


def check_error(e: M3AgentError) -> int:
    """The exit code of an error: 2 for usage and data problems, 1 otherwise."""
    from m3agent.calculators.medcalc_bench import MedCalcFileError
    from m3agent.tools.errors import DataLoadError

    return (
        2 if isinstance(e, BenchDataError | ConfigError | DataLoadError | MedCalcFileError) else 1
    )
