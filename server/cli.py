"""The ``m3-agent`` command line."""

from __future__ import annotations

import csv
import importlib
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from m3agent.tools.datasets import DATASETS, default_db_path
from m3agent.tools.errors import M3AgentError

app = typer.Typer(help="m3-agent: a safe MCP server and agent runtime for MIMIC-IV.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
console = Console(stderr=True)
out = Console()

#: Commands owned by other packages: (module, attribute, group name or None to merge the
#: app's commands at the top level, the command words it provides, help).
_SUBAPPS: list[tuple[str, str, str | None, tuple[str, ...], str | None]] = [
    ("m3agent.audit.cli", "app", "audit", ("audit",),
     "Verify and read the tamper-evident audit log."),
    ("m3agent.calculators.cli", "app", "calc", ("calc",), "Medical calculators."),
    ("m3agent.retrieval.cli", "app", "index", ("index",),
     "Document indexes: build, update, search."),
    ("m3agent.retrieval.trials.cli", "app", "trials", ("trials",),
     "Clinical-trial search and matching."),
    ("m3agent.server.serve", "app", None, ("serve", "config"), None),
    ("m3agent.agents.cli", "app", None, ("ask",), None),
    ("m3agent.agents.bench_cli", "app", None, ("bench",), None),
]
_BUILTIN = ("init", "status", "query")


def _fail(err: M3AgentError, as_json: bool = False, code: int = 1) -> None:
    if as_json:
        print(json.dumps(err.to_dict()))
    else:
        console.print(f"[red]Error:[/red] {err.message}", highlight=False)
        if err.hint:
            console.print(f"[yellow]Hint:[/yellow] {err.hint}", highlight=False)
    raise typer.Exit(code)


class _RichInit:
    """Rich progress bars for ``init``: one bar per download, one for the tables."""

    def __init__(self, progress: Progress) -> None:
        self.p = progress
        self.tasks: dict[str, int] = {}
        self.tables = None

    def download(self, file: str, done: int, total: int | None) -> None:
        if file not in self.tasks:
            self.tasks[file] = self.p.add_task(f"download {file}", total=total)
        self.p.update(self.tasks[file], completed=done, total=total)

    def table_started(self, table: str, index: int, total: int) -> None:
        if self.tables is None:
            self.tables = self.p.add_task("load tables", total=total)
        self.p.update(self.tables, description=f"load {table}", completed=index)

    def table_done(self, table: str, rows: int, seconds: float) -> None:
        if self.tables is not None:
            self.p.advance(self.tables)

    def message(self, text: str) -> None:
        self.p.console.print(text, highlight=False)


@app.command()
def init(
    dataset: Annotated[str, typer.Option(help="mimic-iv-demo, mimic-iv or ehrsql")] =
    "mimic-iv-demo",
    source: Annotated[str | None, typer.Option(
        help="A local folder, .zip, .sqlite file or URL (default: PhysioNet for the demo)")] =
    None,
    db: Annotated[Path | None, typer.Option(help="Database file to build")] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if up to date")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
) -> None:
    """Load a dataset into its DuckDB database (atomic; does nothing when up to date)."""
    from m3agent.tools.loaders.init import InitProgress, init_dataset

    if dataset not in DATASETS:
        _fail(M3AgentError(f"Unknown dataset {dataset!r}; expected one of "
                           f"{', '.join(DATASETS)}."), as_json, 2)
    try:
        if as_json or not sys.stderr.isatty():
            report = init_dataset(dataset, source=source, db_path=db, force=force,
                                  progress=InitProgress())
        else:
            cols = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                    TimeElapsedColumn())
            with Progress(*cols, console=console, transient=True) as p:
                report = init_dataset(dataset, source=source, db_path=db, force=force,
                                      progress=_RichInit(p))
    except M3AgentError as e:
        _fail(e, as_json)
    except KeyboardInterrupt:
        console.print("[red]Interrupted:[/red] the previous database, if any, is untouched.")
        raise typer.Exit(130) from None
    if as_json:
        print(report.model_dump_json(indent=2))
        return
    if report.up_to_date:
        out.print(f"{report.dataset}: {report.db_path} is up to date (built {report.built_at}). "
                  f"Use --force to rebuild.")
    else:
        t = Table(title=f"{report.dataset} → {report.db_path}")
        t.add_column("table")
        t.add_column("rows", justify="right")
        t.add_column("seconds", justify="right")
        for tr in report.tables:
            t.add_row(tr.table, f"{tr.rows:,}", f"{tr.seconds:.2f}")
        out.print(t)
        out.print(f"Built in {report.seconds:.1f} s from {report.source}.")
    for issue in report.checksum_issues:
        console.print(f"[yellow]warning:[/yellow] {issue.message()}", highlight=False)


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Datasets, database paths and sizes, tables with row counts, checksum warnings."""
    from m3agent.tools.loaders.report import read_build_info

    items = []
    for name in DATASETS:
        path = default_db_path(name)
        info = read_build_info(path)
        items.append({
            "dataset": name, "db_path": str(path), "installed": info is not None,
            "size_bytes": path.stat().st_size if path.exists() else None,
            "built_at": info.built_at if info else None,
            "source": info.source if info else None,
            "tables": {t.table: t.rows for t in info.tables} if info else {},
            "warnings": [i.message() for i in info.checksum_issues] if info else [],
        })
    if as_json:
        print(json.dumps(items, indent=2))
        return
    for it in items:
        if not it["installed"]:
            out.print(f"[bold]{it['dataset']}[/bold]: not installed "
                      f"(run `m3-agent init --dataset {it['dataset']}`)")
            continue
        size = it["size_bytes"] / 1e6
        out.print(f"[bold]{it['dataset']}[/bold]: {it['db_path']} ({size:.1f} MB), built "
                  f"{it['built_at']} from {it['source']}")
        t = Table(show_header=True)
        t.add_column("table")
        t.add_column("rows", justify="right")
        for name, rows in it["tables"].items():
            t.add_row(name, f"{rows:,}")
        out.print(t)
        for w in it["warnings"]:
            out.print(f"[yellow]warning:[/yellow] {w}", highlight=False)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="The SQL query (use - to read it from stdin)")],
    dialect: Annotated[str, typer.Option(help="duckdb, sqlite, postgres or bigquery")] =
    "duckdb",
    dataset: Annotated[str | None, typer.Option(help="Dataset to query")] = None,
    max_rows: Annotated[int, typer.Option(help="Most rows to return")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print the QueryResult as JSON")] =
    False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print rows as CSV")] = False,
) -> None:
    """Run one validated, read-only query (the same path the MCP tool uses)."""
    from m3agent.tools.sql.engine import default_engine

    if sql == "-":
        sql = sys.stdin.read()
    try:
        result = default_engine().execute(sql, dialect=dialect, max_rows=max_rows,
                                          dataset=dataset)
    except M3AgentError as e:
        _fail(e, as_json)
    if as_json:
        print(result.model_dump_json(indent=2))
    elif as_csv:
        w = csv.writer(sys.stdout)
        w.writerow(result.columns)
        w.writerows(result.rows)
    else:
        t = Table(*result.columns)
        for row in result.rows:
            t.add_row(*("" if v is None else str(v) for v in row))
        out.print(t)
        more = " (truncated)" if result.truncated else ""
        console.print(f"{result.row_count} rows{more} in {result.elapsed_ms:.1f} ms")


def _command_word(argv: list[str]) -> str | None:
    return next((a for a in argv if not a.startswith("-")), None)


def _mount(argv: list[str] | None = None) -> None:
    """Import and mount only the sub-commands this command line needs (all of them for
    ``--help``), so `m3-agent serve` does not pay for retrieval, FAISS and the calculators."""
    word = _command_word(sys.argv[1:] if argv is None else argv)
    if word in _BUILTIN:
        return
    known = {w for *_, words, _h in _SUBAPPS for w in words}
    for module, attr, group, words, help_text in _SUBAPPS:
        if word in known and word not in words:
            continue
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as e:
            if e.name and module.startswith(e.name):
                continue  # that part of m3-agent is not present in this build
            raise
        sub = getattr(mod, attr, None)
        if sub is None:
            continue
        if group is None:
            app.registered_commands.extend(sub.registered_commands)
            app.registered_groups.extend(sub.registered_groups)
        else:
            app.add_typer(sub, name=group, help=help_text)


_mount()


def main() -> None:
    """Entry point of the ``m3-agent`` console script."""
    app()


if __name__ == "__main__":
    main()
