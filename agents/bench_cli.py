"""``m3-agent bench``: run an agent over EHRSQL, MedCalc-Bench, MedMCP-Calc or trial matching.

Exit codes: 0 the run finished (whatever the scores); 2 bad usage or data (unknown benchmark,
bad option, missing or malformed --data, a run folder in the way); 1 any other error (a model
that cannot be reached, a server failure).
"""

from __future__ import annotations

import json as jsonlib
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from m3agent.tools.errors import ConfigError, M3AgentError

app = typer.Typer(
    help="Run an agent over a benchmark and score it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

EXIT_USAGE = 2
EXIT_ERROR = 1


def _fail(console: Console, err: M3AgentError, as_json: bool, code: int) -> None:
    if as_json:
        print(jsonlib.dumps(err.to_dict()))
    else:
        console.print(f"[red]Error:[/red] {err.message}", highlight=False, soft_wrap=True)
        if err.hint:
            console.print(f"[yellow]Hint:[/yellow] {err.hint}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _headline(benchmark: str, s: dict[str, Any]) -> list[tuple[str, str]]:
    """The few scores printed at the end of a run."""

    def pct(v: Any) -> str:
        return "n/a" if v is None else f"{100 * v:.1f}%"

    if benchmark == "ehrsql":
        return [
            (
                "accuracy (answerable)",
                f"{pct(s['accuracy_answerable'])} ({s['correct']}/{s['answerable']})",
            ),
            (
                "abstention precision / recall",
                f"{pct(s['abstention_precision'])} / {pct(s['abstention_recall'])}",
            ),
            *[(f"RS({k})", f"{100 * v:.2f}") for k, v in s["rs"].items()],
        ]
    if benchmark == "medcalc":
        return [
            ("accuracy within limits", f"{pct(s['accuracy'])} ({s['correct']}/{s['rows']})"),
            *[(f"  {k}", pct(v["accuracy"])) for k, v in s["by_category"].items()],
        ]
    if benchmark == "medmcp-calc":
        return [
            (
                "calculator selection (recall / precision)",
                f"{pct(s['selection_recall'])} / {pct(s['selection_precision'])}",
            ),
            ("inputs found", pct(s["inputs_found"])),
            (
                "value accuracy (covered answers)",
                f"{pct(s['value_accuracy'])} ({s['value_correct']}/{s['covered_items']})",
            ),
        ]
    return [
        ("NDCG@10", "n/a" if s["ndcg@10"] is None else f"{s['ndcg@10']:.4f}"),
        ("recall@10", "n/a" if s["recall@10"] is None else f"{s['recall@10']:.4f}"),
    ]


@app.command("bench")
def bench(
    benchmark: Annotated[
        str, typer.Argument(help="ehrsql, medcalc, medmcp-calc or trials.", show_default=False)
    ],
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            help="scripted:gold (replay the gold actions), scripted:FILE, or a litellm model "
            "string; default $M3AGENT_MODEL.",
        ),
    ] = None,
    strategy: Annotated[str, typer.Option(help="react, rar or ask.")] = "react",
    split: Annotated[
        str | None, typer.Option(help="train, valid or dev (default: valid for ehrsql, else dev).")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Run a fixed-seed sample of N tasks (default: all).")
    ] = None,
    concurrency: Annotated[int, typer.Option(help="Tasks answered at once.")] = 1,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip the tasks --out already has results for.")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Start again in an --out that holds results.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Run folder: results.jsonl, report.md, plots, audit.jsonl "
            "(default bench-out/<benchmark>)."
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            help="The split in the benchmark's own layout (default: ../shared/data "
            "or $M3AGENT_SHARED_DATA)."
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the task sample.")] = 0,
    max_steps: Annotated[int, typer.Option(help="Most action steps per task.")] = 10,
    api_base: Annotated[
        str | None,
        typer.Option(
            envvar="M3AGENT_API_BASE",
            show_envvar=True,
            help="Base URL of an OpenAI-compatible model server (vLLM, Ollama ...).",
        ),
    ] = None,
    audit_log: Annotated[
        Path | None, typer.Option(help="The audit log (default <out>/audit.jsonl).")
    ] = None,
    trials_mode: Annotated[
        str,
        typer.Option(
            help="trials: agent (the model with search_trials), or bm25, dense or "
            "hybrid to rank with the trial index directly, without a model."
        ),
    ] = "agent",
    json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Run an agent over a benchmark split; write results.jsonl, report.md and plots."""
    from pydantic import ValidationError
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from m3agent.agents.bench import BenchOptions, check_error, run_bench_sync
    from m3agent.agents.bench_tasks import BENCHMARKS
    from m3agent.agents.model import resolve_model_name

    err = Console(stderr=True)
    if benchmark not in BENCHMARKS:
        _fail(
            err,
            ConfigError(
                f"Unknown benchmark {benchmark!r}; expected one of {', '.join(BENCHMARKS)}."
            ),
            json,
            EXIT_USAGE,
        )
    try:
        options = BenchOptions(
            benchmark=benchmark,  # type: ignore[arg-type] - checked above
            model=resolve_model_name(model),
            strategy=strategy,  # type: ignore[arg-type] - validated by the model
            split=split,
            limit=limit,
            concurrency=concurrency,
            resume=resume,
            overwrite=overwrite,
            out=out or Path("bench-out") / benchmark,
            data=data,
            seed=seed,
            max_steps=max_steps,
            api_base=api_base,
            audit_path=audit_log,
            trials_mode=trials_mode,  # type: ignore[arg-type] - validated by the model
        )
    except ConfigError as e:
        _fail(err, e, json, EXIT_USAGE)
    except ValidationError as e:
        problems = "; ".join(
            f"--{'-'.join(str(p) for p in x['loc']).replace('_', '-')}: "
            f"{str(x['msg']).removeprefix('Value error, ')}, found {x.get('input')!r}"
            for x in e.errors(include_url=False)
        )
        _fail(err, ConfigError(f"Bad option: {problems}."), json, EXIT_USAGE)
    if resume and overwrite:
        _fail(
            err,
            ConfigError("Expected at most one of --resume and --overwrite, found both."),
            json,
            EXIT_USAGE,
        )

    progress = Progress(
        TextColumn(f"[bold]{benchmark}[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=json,
    )
    bar: dict[str, Any] = {}

    def on_start(total: int, skipped: int) -> None:
        if skipped:
            err.print(f"resuming: {skipped} task(s) already done", highlight=False)
        bar["id"] = progress.add_task("tasks", total=total, last="")

    def on_record(record: Any) -> None:
        if "id" in bar:
            progress.update(bar["id"], advance=1, last=f"{record.task_id} {record.status}")

    try:
        with progress:
            result = run_bench_sync(options, on_start=on_start, on_record=on_record)
    except M3AgentError as e:
        _fail(err, e, json, check_error(e))
    except KeyboardInterrupt:
        err.print("[red]Interrupted.[/red] Finished tasks are kept; go on with --resume.")
        raise typer.Exit(130) from None
    if json:
        print(
            jsonlib.dumps(
                {
                    "summary": result.summary,
                    "totals": result.totals,
                    "report": str(result.report),
                    "results": str(result.results),
                    "notes": result.notes,
                },
                indent=2,
                default=str,
            )
        )
        return
    from rich.table import Table

    table = Table(title=f"{benchmark} ({options.split_name}): {options.model}, {options.strategy}")
    table.add_column("score")
    table.add_column("value", justify="right")
    for name, value in _headline(benchmark, result.summary):
        table.add_row(name, value)
    t = result.totals
    table.add_row(
        "tasks (run now / resumed)", f"{t['tasks']} ({t['ran_now']} / {t['skipped_resumed']})"
    )
    table.add_row(
        "tokens / cost", f"{t['prompt_tokens'] + t['completion_tokens']:,} / ${t['cost_usd']:.4f}"
    )
    table.add_row("wall time", f"{t['wall_seconds_now']:.1f} s")
    Console().print(table)
    for note in result.notes:
        err.print(note, highlight=False)
    Console().print(f"report: {result.report}", highlight=False, soft_wrap=True)


def main() -> None:  # pragma: no cover - for `python -m m3agent.agents.bench_cli`
    """Run this command on its own."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
