"""``m3-agent audit``: check and read the audit log from the shell.

Exit codes: 0 success; 1 ``verify`` found a problem; 2 the log file is missing or an option is
invalid.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from m3agent.audit.log import default_audit_path
from m3agent.audit.records import AuditRecord, parse_timestamp
from m3agent.audit.verify import VerifyReport, collect_records, verify
from m3agent.tools.errors import NotFoundError

app = typer.Typer(
    help="Check and read the tamper-evident audit log of tool and model calls.",
    no_args_is_help=True,
    add_completion=False,
)

FileArg = Annotated[
    Path | None,
    typer.Argument(
        help="The audit log. Default: $M3AGENT_AUDIT_LOG, else audit.jsonl in the user data dir.",
        show_default=False,
        dir_okay=False,
    ),
]

#: Exit code when the log file does not exist.
EXIT_MISSING = 2


def _missing(exc: NotFoundError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(EXIT_MISSING)


def _print_report(report: VerifyReport, console: Console) -> None:
    if report.ok:
        anchor = {
            "matched": "the anchor matches the last record",
            "behind": f"the anchor lags at seq {report.anchor_seq}",
            "absent": "no anchor file",
        }.get(report.anchor, f"anchor {report.anchor}")
        console.print(
            f"[green]OK[/green]: {report.records:,} records, hash chain intact; {anchor}.",
            highlight=False,
        )
        console.print(f"last hash: {report.last_hash}", highlight=False)
    else:
        label = "TORN" if report.torn_tail else "BAD"
        console.print(f"[red]{label}[/red]: {report.reason}", highlight=False)
        where = [f"seq {report.first_bad_seq}"] if report.first_bad_seq is not None else []
        if report.first_bad_line is not None:
            where.append(f"line {report.first_bad_line}")
        if where:
            console.print(f"first bad record: {', '.join(where)}", highlight=False)
        console.print(
            f"{report.records:,} records verified before it; anchor: {report.anchor}",
            highlight=False,
        )
    for note in report.notes:
        console.print(f"note: {note}", highlight=False, markup=False)


@app.command("verify")
def verify_command(
    file: FileArg = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Check the hash chain, sequence, last line and anchor of an audit log.

    Prints OK and the record count, or the first bad record and why (exit code 1).
    """
    path = file or default_audit_path()
    try:
        report = verify(path)
    except NotFoundError as exc:
        raise _missing(exc) from None
    if as_json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        _print_report(report, Console(highlight=False, soft_wrap=True))
    if not report.ok:
        raise typer.Exit(1)


def _args_summary(record: AuditRecord, width: int = 60) -> str:
    text = json.dumps(record.arguments, ensure_ascii=False, separators=(", ", ": "))
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(records: list[AuditRecord]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False, header_style="bold")
    # Short, fixed columns never wrap; the arguments column takes what width is left.
    table.add_column("seq", justify="right", no_wrap=True)
    table.add_column("time (UTC)", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("identity", max_width=16, overflow="ellipsis")
    table.add_column("tool", no_wrap=True)
    table.add_column("outcome", max_width=24)
    table.add_column("rows", justify="right", no_wrap=True)
    table.add_column("ms", justify="right", no_wrap=True)
    table.add_column("arguments", ratio=1, min_width=12, overflow="fold")
    for rec in records:
        outcome = rec.outcome if rec.outcome == "ok" else f"[red]{rec.error_class}[/red]"
        rows = "" if rec.rows is None else f"{rec.rows:,}" + ("+" if rec.truncated else "")
        table.add_row(
            str(rec.seq),
            rec.ts[:19].replace("T", " "),  # to the second; --json has the microseconds
            rec.kind,
            rec.identity,
            rec.tool,
            outcome,
            rows,
            f"{rec.duration_ms:.1f}",
            _args_summary(rec),
        )
    return table


@app.command("show")
def show_command(
    file: FileArg = None,
    tail: Annotated[
        int | None, typer.Option("--tail", min=0, help="Only the last N matching records.")
    ] = None,
    tool: Annotated[str | None, typer.Option("--tool", help="Only this tool or model.")] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only records at or after this ISO time (UTC if no zone)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print records as JSON lines, as stored.")
    ] = False,
) -> None:
    """List audit records, oldest first (a table, or JSON lines with --json).

    This reads records without checking the chain: run ``verify`` for that.
    """
    if since is not None:
        try:
            parse_timestamp(since)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--since") from None
    path = file or default_audit_path()
    try:
        records, skipped = collect_records(path, tail=tail, tool=tool, since=since)
    except NotFoundError as exc:
        raise _missing(exc) from None
    if as_json:
        for rec in records:
            typer.echo(rec.to_line().decode("utf-8"), nl=False)
    else:
        console = Console(highlight=False)
        if records:
            console.print(_table(records))
        else:
            console.print("no matching records", highlight=False)
    if skipped:
        typer.echo(
            f"warning: {skipped} line(s) are not readable records (skipped); "
            f"run `m3-agent audit verify`",
            err=True,
        )
