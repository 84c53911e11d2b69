"""The agent runtime and the benchmark runner: step overhead, a gold EHRSQL run, CLI latency.

1. Runtime overhead per step, the model excluded: scripted runs of many steps (a scripted
   model answers in microseconds) over the in-process server, each step one tool call. Per step:
   wall time minus model time, split into the tool round trip (MCP, the server's work and its
   audit record) and the runtime's own share (prompt hash, the model's audit record, step
   records, observation rendering). Target: ≤ 20 ms a step.
2. ``scripted:gold`` over the whole EHRSQL valid split (``run_bench``): the score (the tool
   ceiling: 931/931 answerable right, 232/232 unanswerable abstained, RS(N) = 1) and tasks per
   second, at concurrency 1 and 2.
3. ``m3-agent ask --help`` wall time, and ``m3-agent ask`` with a scripted model: time to the
   first step printed and to the end (fresh processes, so imports and server start count).

Usage: ``.venv/bin/python benchmarks/bench_agent.py [--runs 5] [--steps 20] [--skip-gold]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import EHRSQL, REPO, ehrsql_db, machine_note, summary, table, temp_dir

TARGET_STEP_MS = 20.0
CLI = str(Path(sys.executable).with_name("m3-agent"))


def step_overhead(db: Path, tmp: Path, runs: int, steps: int) -> list[list[Any]]:
    """Per-step time of scripted runs, model excluded, for two tools."""
    from m3agent.agents.budget import Budget
    from m3agent.agents.loop import AgentConfig
    from m3agent.agents.runtime import run_question_sync
    from m3agent.agents.scripted import ScriptedModel, call, final
    from m3agent.server.settings import ServerSettings
    from m3agent.tools.sql.engine import EngineSettings

    settings = ServerSettings(
        engine=EngineSettings(db_paths={"ehrsql": db}, default_dataset="ehrsql"),
        audit_path=tmp / "audit.jsonl",
        identity="bench",
    )
    tools = {
        "list_datasets (trivial tool)": ("list_datasets", {}),
        "run_sql count(*) on EHRSQL": (
            "run_sql",
            {"sql": "SELECT count(*) FROM patients", "dataset": "ehrsql"},
        ),
    }
    rows: list[list[Any]] = []
    for label, (tool, args) in tools.items():
        per_step, tool_ms, runtime_ms = [], [], []
        for r in range(runs + 1):  # the first run warms imports and the connection
            script = [call(tool, args, id=f"c{i}") for i in range(steps)] + [final("done")]
            model = ScriptedModel(script)
            config = AgentConfig(budget=Budget(max_steps=steps + 1))
            recs, answer = run_question_sync("How many?", model, settings=settings, config=config)
            assert answer.status == "answered", answer
            model_ms = sum(s.latency_ms for s in recs if s.kind == "model")
            tool_total = sum(s.duration_ms for s in recs if s.kind == "observation")
            n = steps + 1  # model steps, the last one the answer
            # The run itself (its own elapsed time) excludes connecting to the server.
            run_ms = answer.elapsed_ms
            if r == 0:
                continue
            per_step.append((run_ms - model_ms) / n)
            tool_ms.append(tool_total / steps)
            runtime_ms.append((run_ms - model_ms - tool_total) / n)
        s, t, o = summary(per_step), summary(tool_ms), summary(runtime_ms)
        rows.append(
            [
                label,
                steps,
                runs,
                s["p50"],
                t["p50"],
                o["p50"],
                s["p95"],
                "yes" if s["p50"] <= TARGET_STEP_MS else "NO",
            ]
        )
    return rows


def gold_run(tmp: Path, concurrency: int) -> list[Any]:
    """The whole EHRSQL valid split with scripted:gold."""
    from m3agent.agents.bench import BenchOptions, run_bench_sync

    out = tmp / f"gold-{concurrency}"
    result = run_bench_sync(
        BenchOptions(
            benchmark="ehrsql",
            model="scripted:gold",
            data=EHRSQL / "valid",
            out=out,
            concurrency=concurrency,
        )
    )
    s, t = result.summary, result.totals
    return [
        concurrency,
        s["questions"],
        f"{s['correct']}/{s['answerable']}",
        f"{s['abstained_unanswerable']}/{s['unanswerable']}",
        f"{100 * s['rs']['0']:.1f}",
        f"{100 * s['rs']['10']:.1f}",
        f"{100 * s['rs']['N']:.1f}",
        t["wall_seconds_now"],
        t["tasks_per_second_now"],
        1000 * t["task_seconds"] / max(t["tasks"], 1),
    ]


def cli_latency(db: Path, tmp: Path, runs: int) -> list[list[Any]]:
    """``ask --help`` and a scripted ``ask`` in fresh processes."""
    script = tmp / "script.json"
    script.write_text(
        json.dumps(
            [
                {
                    "name": "run_sql",
                    "arguments": {"sql": "SELECT count(*) AS n FROM patients", "dataset": "ehrsql"},
                },
                {"name": "final_answer", "arguments": {"answer": "done"}},
            ]
        ),
        encoding="utf-8",
    )
    env = dict(
        os.environ,
        M3AGENT_DB_EHRSQL=str(db),
        M3AGENT_DATASET="ehrsql",
        M3AGENT_AUDIT_LOG=str(tmp / "cli-audit.jsonl"),
        M3AGENT_DATA_DIR=str(tmp / "data"),
        COLUMNS="120",
    )
    help_ms, first_ms, total_ms = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = subprocess.run([CLI, "ask", "--help"], capture_output=True, text=True, env=env)
        help_ms.append((time.perf_counter() - t0) * 1000)
        assert r.returncode == 0, r.stderr
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [CLI, "ask", "How many patients?", "--model", f"scripted:{script}", "--show-steps"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        assert proc.stderr is not None
        first = proc.stderr.readline()
        first_ms.append((time.perf_counter() - t0) * 1000)
        _out, rest = proc.communicate(timeout=120)
        total_ms.append((time.perf_counter() - t0) * 1000)
        assert proc.returncode == 0 and first.strip(), (first, rest)
    rows = []
    for label, values in (
        ("`m3-agent ask --help`", help_ms),
        ("`m3-agent ask` (scripted): first step printed", first_ms),
        ("`m3-agent ask` (scripted): answer printed, process ended", total_ms),
    ):
        s = summary(values)
        rows.append([label, runs, s["p50"], min(values), max(values)])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="repetitions of each measurement")
    ap.add_argument("--steps", type=int, default=20, help="steps of each scripted run")
    ap.add_argument("--skip-gold", action="store_true", help="skip the full EHRSQL gold run")
    args = ap.parse_args()
    tmp = temp_dir("m3agent-bench-agent-")
    try:
        db = ehrsql_db()
        print("## Agent runtime and benchmark runner\n")
        print(machine_note())
        print(
            table(
                f"Runtime overhead per step, model excluded (target ≤ {TARGET_STEP_MS:.0f} ms)",
                [
                    "tool",
                    "steps a run",
                    "runs",
                    "per step p50 ms",
                    "of which tool round trip ms",
                    "of which runtime ms",
                    "per step p95 ms",
                    "≤ target",
                ],
                step_overhead(db, tmp, args.runs, args.steps),
            )
        )
        if not args.skip_gold:
            rows = [gold_run(tmp, c) for c in (1, 2)]
            print(
                table(
                    "scripted:gold over EHRSQL 2024 valid (the tool ceiling)",
                    [
                        "concurrency",
                        "questions",
                        "answerable right",
                        "unanswerable abstained",
                        "RS(0)",
                        "RS(10)",
                        "RS(N)",
                        "wall s",
                        "tasks/s",
                        "ms a task",
                    ],
                    rows,
                )
            )
        print(
            table(
                "CLI latency (fresh processes)",
                ["command", "runs", "p50 ms", "min ms", "max ms"],
                cli_latency(db, tmp, args.runs),
            )
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
