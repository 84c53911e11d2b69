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
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import anyio
from pydantic import BaseModel, ConfigDict, Field

from m3agent.agents.answer import FinalAnswer
from m3agent.agents.bench_gold import GOLD_MODEL, gold_model
from m3agent.agents.bench_score import (
    TRIALS_K,
    TraceCall,
    ranking_of,
    score_ehrsql,
    score_medcalc,
    score_medmcp,
    score_trials,
    summarize,
    trace_calls,
)
from m3agent.agents.bench_tasks import (
    DEFAULT_SPLITS,
    BenchDataError,
    BenchTask,
    check_benchmark,
    load_tasks,
    resolve_data_path,
    sample_tasks,
    shared_data_dir,
    trials_files,
)
from m3agent.agents.model import Model
from m3agent.agents.steps import FinalAnswerStep, Step
from m3agent.tools.errors import ConfigError, M3AgentError

RESULTS = "results.jsonl"
MANIFEST = "run.json"
#: Rows of a table value kept in a task record.
KEPT_ROWS = 50
#: Settings of a run that must match for ``resume`` to add to it.
RESUME_KEYS = ("benchmark", "model", "strategy", "split", "data")

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


class BenchOptions(BaseModel):
    """What to run.

    Attributes:
        benchmark: ehrsql, medcalc, medmcp-calc or trials.
        model: ``scripted:gold``, ``scripted:FILE`` or a litellm model string.
        strategy: react, rar or ask.
        split: The split (default: valid for EHRSQL, dev for the others).
        limit: Run a fixed-seed sample of this many tasks (default: all).
        concurrency: Tasks answered at once.
        resume: Skip the tasks ``out`` already holds results for.
        overwrite: Start again in an ``out`` that holds results.
        out: The run folder (results.jsonl, report.md, plots, audit.jsonl).
        data: The split's data in the benchmark's own layout (default: the reference data).
        seed: Seed of the task sample (and of Python's ``random`` during the run).
        max_steps: Action steps per task.
        api_base: Base URL of an OpenAI-compatible model server.
        audit_path: The audit log (default ``<out>/audit.jsonl``).
        trials_mode: ``agent`` (the model with ``search_trials``) or a retrieval mode (bm25,
            dense, hybrid) to rank with the trial index directly, without a model.
    """

    model_config = ConfigDict(frozen=True)

    benchmark: Literal["ehrsql", "medcalc", "medmcp-calc", "trials"]
    model: str = Field(min_length=1)
    strategy: Literal["react", "rar", "ask"] = "react"
    split: str | None = None
    limit: int | None = Field(default=None, ge=1)
    concurrency: int = Field(default=1, ge=1, le=64)
    resume: bool = False
    overwrite: bool = False
    out: Path
    data: Path | None = None
    seed: int = 0
    max_steps: int = Field(default=10, ge=1)
    api_base: str | None = None
    audit_path: Path | None = None
    trials_mode: Literal["agent", "bm25", "dense", "hybrid"] = "agent"

    @property
    def split_name(self) -> str:
        """The split to run."""
        return self.split or DEFAULT_SPLITS[self.benchmark]


class TaskRecord(BaseModel):
    """One line of ``results.jsonl``.

    Attributes:
        benchmark: The benchmark.
        task_id: The task.
        run_id: The run's id: the ``request_id`` of its model records and the ``run_id`` of
            its tool records in the audit log (None when no agent ran, e.g. direct trial
            ranking).
        model: The model's name.
        strategy: The strategy.
        status: The final answer's status, or ``error`` if the runner itself failed.
        answer: The answer text.
        value: The answer's value (tables cut to :data:`KEPT_ROWS` rows).
        calls: The data tool calls of the run.
        score: The task's score (see :mod:`m3agent.agents.bench_score`).
        steps: Action steps taken.
        prompt_tokens: Prompt tokens.
        completion_tokens: Completion tokens.
        cost_usd: Cost.
        elapsed_ms: Wall time of the task.
        error: What went wrong, if anything.
    """

    benchmark: str
    task_id: str
    run_id: str | None = None
    model: str
    strategy: str
    status: str
    answer: str = ""
    value: Any = None
    calls: list[TraceCall] = Field(default_factory=list)
    score: dict[str, Any] = Field(default_factory=dict)
    steps: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    elapsed_ms: float = 0.0
    error: str | None = None


class BenchResult(BaseModel):
    """What a run produced.

    Attributes:
        out: The run folder.
        results: ``results.jsonl``.
        report: ``report.md``.
        plots: The PNG plots.
        summary: The benchmark's scores over every record of the folder.
        totals: Counts, tokens, cost and time.
        ran: Tasks answered by this invocation.
        skipped: Tasks skipped because the folder already held their results.
        notes: Remarks written into the report.
    """

    out: Path
    results: Path
    report: Path
    plots: list[Path]
    summary: dict[str, Any]
    totals: dict[str, Any]
    ran: int
    skipped: int
    notes: list[str] = Field(default_factory=list)


# -- the run folder -----------------------------------------------------------------------------


def _manifest(options: BenchOptions, data: Path) -> dict[str, Any]:
    return {
        "benchmark": options.benchmark,
        "model": options.model,
        "strategy": options.strategy,
        "split": options.split_name,
        "data": str(data.resolve()),
        "seed": options.seed,
        "limit": options.limit,
        "max_steps": options.max_steps,
    }


def read_records(path: Path) -> list[TaskRecord]:
    """The task records of a results file; a torn last line (an interrupted write) is dropped.

    Raises:
        BenchDataError: If a line other than the last is not a task record.
    """
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    records: list[TaskRecord] = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(TaskRecord.model_validate_json(line))
        except ValueError as e:
            if n == len(lines):
                break  # the write was interrupted: that task runs again
            raise BenchDataError(
                f"{path} line {n} is not a task record ({str(e)[:200]}).",
                hint="use another --out, or --overwrite to start again",
            ) from None
    return records


def prepare_out(options: BenchOptions, data: Path) -> list[TaskRecord]:
    """Create or check the run folder; return the records to keep (for ``resume``).

    Raises:
        ConfigError: If the folder holds results and neither resume nor overwrite was asked,
            or resume was asked for a different run.
    """
    out = options.out
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out must be a folder, found the file {out}.")
    out.mkdir(parents=True, exist_ok=True)
    results, manifest_path = out / RESULTS, out / MANIFEST
    manifest = _manifest(options, data)
    kept: list[TaskRecord] = []
    if results.exists() and results.stat().st_size > 0:
        if options.overwrite:
            results.unlink()
        elif not options.resume:
            raise ConfigError(
                f"{out} already holds results ({results.name}); expected an empty folder.",
                hint="pass --resume to go on with that run, --overwrite to start again, or "
                "another --out",
            )
        else:
            previous = (
                json.loads(manifest_path.read_text(encoding="utf-8"))
                if manifest_path.exists()
                else {}
            )
            differ = [k for k in RESUME_KEYS if previous.get(k) != manifest[k]]
            if differ:
                raise ConfigError(
                    f"--resume: {out} holds a run with other settings: "
                    + "; ".join(
                        f"{k} {previous.get(k)!r} there, {manifest[k]!r} now" for k in differ
                    )
                    + ".",
                    hint="resume with the same settings, or use another --out",
                )
            kept = read_records(results)
            # rewrite without a torn last line, so appends start on a fresh line
            text = "".join(r.model_dump_json() + "\n" for r in kept)
            tmp = results.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, results)
    manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return kept


# -- models -------------------------------------------------------------------------------------


def _script_file(path: Path) -> dict[str, Any]:
    """Scripts of a ``scripted:FILE``: a list (every task) or ``{task id | "*": list}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"Script file {path} not found.",
            hint="--model scripted:FILE needs an existing JSON file, or scripted:gold",
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ConfigError(f"Script file {path} is not JSON: {e}") from None
    if isinstance(data, list):
        return {"*": data}
    if isinstance(data, dict) and all(isinstance(v, list) for v in data.values()):
        return data
    raise ConfigError(
        f"Script file {path}: expected a JSON list of replies, or an object of task id (or "
        f"'*') to such lists; found {type(data).__name__}."
    )


def model_factory(options: BenchOptions) -> Callable[[BenchTask], Model]:
    """A function giving the model of each task (fresh for scripted models, shared otherwise).

    Raises:
        ConfigError: If a script file is missing or malformed.
        ModelError: If a litellm model lacks its key.
    """
    spec = options.model.strip()
    if spec == GOLD_MODEL:
        return lambda task: gold_model(options.benchmark, task)
    if spec.startswith("scripted:"):
        from m3agent.agents.scripted import ScriptedModel

        path = Path(spec.removeprefix("scripted:"))
        scripts = _script_file(path)

        def scripted(task: BenchTask) -> Model:
            script = scripts.get(task.id, scripts.get("*"))
            if script is None:
                raise ConfigError(
                    f"Script file {path} has no replies for task {task.id!r} and no '*' entry."
                )
            return ScriptedModel(script, name=f"scripted:{path.name}")

        return scripted
    from m3agent.agents.model import make_model

    model = make_model(spec, api_base=options.api_base)
    model.check()
    return lambda task: model


# -- the server ---------------------------------------------------------------------------------


def ensure_ehrsql_db(data: Path) -> Path:
    """The EHRSQL database, built with ``init`` from ``mimic_iv.sqlite`` when missing.

    It goes where ``m3-agent init --dataset ehrsql`` puts it (``M3AGENT_DB_EHRSQL`` or the data
    dir), from ``$M3AGENT_EHRSQL_SOURCE``, a ``mimic_iv.sqlite`` beside the split folder, or the
    reference data's.

    Raises:
        BenchDataError: If it is missing and no source can be found.
        DataLoadError: If the build fails.
    """
    from m3agent.tools.datasets import default_db_path

    db = default_db_path("ehrsql")
    if db.exists():
        return db
    candidates = [
        os.environ.get("M3AGENT_EHRSQL_SOURCE"),
        str(data.parent / "mimic_iv.sqlite"),
        str(shared_data_dir() / "ehrsql-2024" / "mimic_iv.sqlite"),
    ]
    source = next((c for c in candidates if c and Path(c).is_file()), None)
    if source is None:
        raise BenchDataError(
            f"The EHRSQL database {db} is missing and no mimic_iv.sqlite was found to build it "
            f"(looked at $M3AGENT_EHRSQL_SOURCE, {candidates[1]}, {candidates[2]}).",
            hint="run `m3-agent init --dataset ehrsql --source path/to/mimic_iv.sqlite`",
        )
    from m3agent.tools.loaders.init import init_dataset

    db.parent.mkdir(parents=True, exist_ok=True)
    init_dataset("ehrsql", source=source, db_path=db)
    return db


def server_settings(options: BenchOptions, data: Path) -> Any:
    """Server settings from the environment, with the run's audit log (and EHRSQL database)."""
    from m3agent.server.settings import settings_from_env

    settings = settings_from_env()
    settings.audit_path = options.audit_path or options.out / "audit.jsonl"
    if options.benchmark == "ehrsql":
        db = ensure_ehrsql_db(data)
        settings.engine = replace(
            settings.engine,
            db_paths={**settings.engine.db_paths, "ehrsql": db},
            default_dataset="ehrsql",
        )
    return settings


# -- one task -----------------------------------------------------------------------------------


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


# -- trials without a search_trials tool -------------------------------------------------------


def rank_trials_directly(
    options: BenchOptions,
    data: Path,
    tasks: list[BenchTask],
    on_record: Callable[[TaskRecord], None] | None,
    mode: Literal["bm25", "dense", "hybrid"],
) -> list[TaskRecord]:
    """Rank each query's trials with the trial index (or the judgments, for the gold model).

    The index is built over the split's corpus in ``<out>/trials-index``; ``bm25`` mode uses
    a hashing embedder for the (unused) dense half, so no embedding model loads.
    """
    index = None
    if options.model != GOLD_MODEL:
        from m3agent.retrieval.embedding import HashingEmbedder
        from m3agent.retrieval.trials.ingest import load_trials
        from m3agent.retrieval.trials.search import build_trial_index

        corpus, _, _ = trials_files(data, options.split_name)
        trials = load_trials(corpus).trials
        kwargs: dict[str, Any] = {}
        if mode == "bm25":
            kwargs["embedder"] = HashingEmbedder()
        index = build_trial_index(options.out / "trials-index", trials, **kwargs)
    records: list[TaskRecord] = []
    with (options.out / RESULTS).open("a", encoding="utf-8") as fh:
        for task in tasks:
            t0 = time.perf_counter()
            if index is None:
                ranking = gold_model("trials", task).ranking
            else:
                hits = index.search(task.question, k=max(TRIALS_K, 20), mode=mode)
                ranking = list(dict.fromkeys(h.chunk.doc_id for h in hits))
            score = score_trials(task, ranking)
            record = TaskRecord(
                benchmark="trials",
                task_id=task.id,
                run_id=None,
                model=options.model,
                strategy=f"direct:{mode}" if index is not None else "direct:gold",
                status="answered",
                answer=", ".join(ranking[:TRIALS_K]),
                value=ranking[:TRIALS_K],
                score=score,
                elapsed_ms=round((time.perf_counter() - t0) * 1000, 3),
            )
            fh.write(record.model_dump_json() + "\n")
            fh.flush()
            records.append(record)
            if on_record is not None:
                on_record(record)
    return records


@contextmanager
def _trials_environment(options: BenchOptions, data: Path) -> Iterator[None]:
    """For an agent trials run: the server's trial tools search the split's corpus, with the
    index in the run folder (never the user's own trials index); restored afterwards."""
    if options.benchmark != "trials":
        yield
        return
    corpus, _, _ = trials_files(data, options.split_name)
    wanted = {
        "M3AGENT_TRIALS_FILE": str(corpus.resolve()),
        "M3AGENT_INDEX_DIR": str((options.out / "indexes").resolve()),
    }
    before = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# -- the whole run ------------------------------------------------------------------------------


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
    # needs one only if the server can search trials.
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
    if options.benchmark != "trials" or options.trials_mode == "agent":
        from m3agent.agents.mcp_tools import connect

        assert make_model is not None
        with _trials_environment(options, data):
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
    header = {**_manifest(options, data), "concurrency": options.concurrency}
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
