"""Trials runs: ranking with the trial index directly, and the server setting for agent runs.

:func:`rank_trials_directly` ranks each patient's trials without a model (a retrieval baseline,
or the judgments for ``scripted:gold``); :func:`trials_environment` points the server's trial
tools at the split's corpus, with the index in the run folder, while an agent run lasts.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from m3agent.agents.bench_gold import GOLD_MODEL, gold_model
from m3agent.agents.bench_records import RESULTS, BenchOptions, TaskRecord
from m3agent.agents.bench_score import TRIALS_K, score_trials
from m3agent.agents.bench_tasks import BenchTask, trials_files


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
def trials_environment(options: BenchOptions, data: Path) -> Iterator[None]:
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
