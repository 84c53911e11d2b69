"""A benchmark run's folder: its options, one record per task, and resuming.

``<out>/run.json`` holds the settings of the run, ``<out>/results.jsonl`` one
:class:`TaskRecord` a line, appended as each task finishes; :func:`prepare_out` checks a folder
before a run (refusing to mix runs, dropping a torn last line left by an interrupted write).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from m3agent.agents.bench_score import TraceCall
from m3agent.agents.bench_tasks import DEFAULT_SPLITS, BenchDataError
from m3agent.tools.errors import ConfigError

RESULTS = "results.jsonl"
MANIFEST = "run.json"
#: Rows of a table value kept in a task record.
KEPT_ROWS = 50
#: Settings of a run that must match for ``resume`` to add to it.
RESUME_KEYS = ("benchmark", "model", "strategy", "split", "data")


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


def run_manifest(options: BenchOptions, data: Path) -> dict[str, Any]:
    """The settings of a run as ``run.json`` holds them (the data path made absolute)."""
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
    manifest = run_manifest(options, data)
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
