"""``m3-agent ask``: ask a question, watch the steps, get the answer with its citations.

Exit codes: 0 answered; 3 abstained or needs information; 1 error (model, server, budget run
out, malformed tool calls); 2 bad usage (no model configured, unknown strategy, bad option).
"""

from __future__ import annotations

import json as jsonlib
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from m3agent.tools.errors import ConfigError, M3AgentError

app = typer.Typer(
    help="Ask questions of the records with an agent.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

EXIT_ANSWERED = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NO_ANSWER = 3
STRATEGY_NAMES = ("react", "rar", "ask")

#: Characters of an observation printed with --show-steps.
SHOWN_OBSERVATION = 1500


def exit_code(status: str) -> int:
    """The process exit code of a final answer's status."""
    if status == "answered":
        return EXIT_ANSWERED
    if status in ("abstained", "needs_information"):
        return EXIT_NO_ANSWER
    return EXIT_ERROR


def _fail(console: Console, err: M3AgentError, as_json: bool, code: int) -> None:
    if as_json:
        print(jsonlib.dumps(err.to_dict()))
    else:
        # soft_wrap: no line breaks inside names a user may copy (variables, URLs, paths)
        console.print(f"[red]Error:[/red] {err.message}", highlight=False, soft_wrap=True)
        if err.hint:
            console.print(f"[yellow]Hint:[/yellow] {err.hint}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _problem(error: Any) -> str:
    """One pydantic validation error as ``field: message``."""
    where = ".".join(str(p) for p in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


class StepPrinter:
    """Prints step records on stderr as they arrive.

    Args:
        console: Where to print.
        detailed: Everything (thoughts, arguments, observations, tokens) or one line per event.
    """

    def __init__(self, console: Console, detailed: bool) -> None:
        self.console = console
        self.detailed = detailed

    def __call__(self, step: Any) -> None:
        """Print one step."""
        c, kind = self.console, step.kind
        at = f"[dim]{step.elapsed_ms / 1000:6.2f}s[/dim]"
        if kind == "tool_call":
            args = jsonlib.dumps(step.arguments, ensure_ascii=False, default=str)
            if not self.detailed and len(args) > 100:
                args = args[:97] + "..."
            c.print(f"{at} [bold]→ {step.name}[/bold] {args}", highlight=False)
        elif kind == "observation":
            mark = "[red]✗[/red]" if step.is_error else "[green]←[/green]"
            note = f" [yellow](truncated: {step.cut})[/yellow]" if step.truncated else ""
            if self.detailed or step.is_error:
                text = (
                    step.text
                    if len(step.text) <= SHOWN_OBSERVATION
                    else (step.text[:SHOWN_OBSERVATION] + " ...")
                )
                c.print(f"{at} {mark} {text}{note}", highlight=False)
            else:
                c.print(
                    f"{at} {mark} {step.full_chars:,} characters in "
                    f"{step.duration_ms:.0f} ms{note}",
                    highlight=False,
                )
        elif kind == "model" and self.detailed:
            c.print(
                f"{at} [dim]model {step.model} ({step.purpose}): {step.prompt_tokens}+"
                f"{step.completion_tokens} tokens, ${step.cost_usd:.4f}, "
                f"{step.latency_ms:.0f} ms[/dim]",
                highlight=False,
            )
        elif kind == "thought" and self.detailed:
            c.print(f"{at} [italic]{step.text}[/italic]", highlight=False)
        elif kind == "plan":
            items = step.hypotheses or step.sub_questions
            c.print(
                f"{at} [bold]plan (round {step.round}):[/bold] " + "; ".join(items), highlight=False
            )
        elif kind == "evidence":
            c.print(f"{at} [bold]evidence[/bold] {step.topic}: {step.summary}", highlight=False)
        elif kind == "confidence":
            c.print(
                f"{at} confidence {step.score:.2f} (threshold {step.threshold:.2f})",
                highlight=False,
            )
        elif kind == "clarification":
            c.print(
                f"{at} [bold cyan]?[/bold cyan] {step.question} → "
                f"{step.answer if step.answer is not None else '(no one to ask)'}",
                highlight=False,
            )
        elif kind == "error":
            c.print(f"{at} [red]{step.error_class}:[/red] {step.message}", highlight=False)


def render_answer(console: Console, answer: Any, audit_path: Path | None) -> None:
    """Print a final answer and its citations."""
    from rich.panel import Panel
    from rich.syntax import Syntax
    from rich.table import Table

    styles = {
        "answered": ("green", "Answer"),
        "abstained": ("yellow", "Abstained"),
        "needs_information": ("yellow", "Needs information"),
        "budget_exhausted": ("red", "Budget exhausted"),
        "failed": ("red", "Failed"),
    }
    colour, title = styles.get(answer.status, ("white", answer.status))
    body = answer.text
    if answer.value is not None and answer.value_type != "table":
        body += f"\n\nvalue: {answer.value}"
    if answer.confidence is not None:
        body += f"\nconfidence: {answer.confidence:.2f}"
    if answer.error and answer.error.get("hint"):
        body += f"\nhint: {answer.error['hint']}"
    console.print(Panel(body, title=title, border_style=colour), highlight=False)
    if answer.value_type == "table":
        t = Table(show_header=False)
        for row in answer.value[:20]:
            t.add_row(*("" if v is None else str(v) for v in row))
        console.print(t)
    for i, cit in enumerate(answer.citations, 1):
        head = f"[{i}] {cit.tool} ({cit.call_id})"
        if cit.kind == "sql" and cit.sql:
            console.print(head, highlight=False)
            console.print(Syntax(cit.sql, "sql", word_wrap=True))
        elif cit.kind == "calculator" and cit.calculator:
            calc = cit.calculator
            console.print(
                f"{head}: {calc.get('calculator')} = {calc.get('value')} {calc.get('unit') or ''}",
                highlight=False,
            )
            for s in calc.get("steps") or []:
                console.print(
                    f"    {s.get('label')}: {s.get('value')} {s.get('detail') or ''}",
                    highlight=False,
                )
        elif cit.kind == "document" and cit.documents:
            console.print(head, highlight=False)
            for d in cit.documents[:5]:
                console.print(
                    f"    {d.get('title') or d.get('id')} ({d.get('source') or ''})",
                    highlight=False,
                )
        else:
            console.print(f"{head} {jsonlib.dumps(cit.arguments, default=str)}", highlight=False)
        if cit.rows is not None:
            t = Table(*(cit.columns or []), show_header=bool(cit.columns))
            for row in cit.rows[:5]:
                t.add_row(*("" if v is None else str(v) for v in row))
            console.print(t)
            more = cit.row_count - min(len(cit.rows), 5) if cit.row_count is not None else 0
            if more > 0:
                console.print(f"    ... {more} more row(s)", highlight=False)
    where = f" in {audit_path}" if audit_path else ""
    console.print(
        f"[dim]run {answer.run_id}{where}: {answer.steps} steps, "
        f"{answer.prompt_tokens + answer.completion_tokens} tokens, "
        f"${answer.cost_usd:.4f}, {answer.elapsed_ms / 1000:.1f} s[/dim]",
        highlight=False,
    )


@app.command("ask")
def ask(
    question: Annotated[str, typer.Argument(help="The question, in plain words.")],
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            help="A litellm model string (openai/gpt-4o-mini, ollama/llama3.1 ...) or "
            "scripted:FILE; default $M3AGENT_MODEL.",
        ),
    ] = None,
    strategy: Annotated[str, typer.Option(help="react, rar or ask.")] = "react",
    max_steps: Annotated[int, typer.Option(help="Most action steps.")] = 10,
    show_steps: Annotated[
        bool,
        typer.Option("--show-steps", help="Show every step in full (with --json: include them)."),
    ] = False,
    json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    server: Annotated[
        str | None,
        typer.Option(
            help="A running server's streamable HTTP URL, e.g. http://127.0.0.1:8000/mcp."
        ),
    ] = None,
    server_cmd: Annotated[
        str | None, typer.Option(help="A command serving MCP over stdio, e.g. 'm3-agent serve'.")
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="M3AGENT_SERVER_TOKEN",
            show_envvar=True,
            show_default=False,
            help="Bearer token for --server.",
        ),
    ] = None,
    api_base: Annotated[
        str | None,
        typer.Option(
            envvar="M3AGENT_API_BASE",
            show_envvar=True,
            help="Base URL of an OpenAI-compatible model server (vLLM, Ollama ...).",
        ),
    ] = None,
    max_tokens: Annotated[int | None, typer.Option(help="Token budget of the run.")] = None,
    max_cost: Annotated[float | None, typer.Option(help="Cost budget in USD.")] = None,
    timeout: Annotated[float | None, typer.Option(help="Wall-time budget in seconds.")] = None,
    threshold: Annotated[
        float | None, typer.Option(help="ask: confidence threshold (0..1, or 1..5 with --likert).")
    ] = None,
    likert: Annotated[bool, typer.Option("--likert", help="ask: rate on a 1..5 scale.")] = False,
    samples: Annotated[int, typer.Option(help="ask: ratings per check (self-consistency).")] = 1,
) -> None:
    """Answer a question with the MCP tools; print the steps, then the answer and citations."""
    import anyio
    from pydantic import ValidationError

    from m3agent.agents.budget import Budget
    from m3agent.agents.loop import AgentConfig, AskSettings
    from m3agent.agents.model import make_model, resolve_model_name

    err_console = Console(stderr=True)
    out = Console()
    if strategy not in STRATEGY_NAMES:
        _fail(
            err_console,
            ConfigError(
                f"--strategy must be one of {', '.join(STRATEGY_NAMES)}, found {strategy!r}."
            ),
            json,
            EXIT_USAGE,
        )
    if server and server_cmd:
        _fail(
            err_console,
            ConfigError("Expected at most one of --server and --server-cmd, found both."),
            json,
            EXIT_USAGE,
        )
    if server and not server.startswith(("http://", "https://")):
        _fail(
            err_console,
            ConfigError(
                f"--server must be an http(s) URL such as "
                f"http://127.0.0.1:8000/mcp, found {server!r}."
            ),
            json,
            EXIT_USAGE,
        )
    try:
        model_name = resolve_model_name(model)
        ask_kwargs: dict[str, Any] = {
            "scale": "likert" if likert else "numeric",
            "samples": samples,
        }
        if threshold is not None:
            ask_kwargs["threshold"] = threshold
        elif likert:
            ask_kwargs["threshold"] = 4
        config = AgentConfig(
            strategy=strategy,
            budget=Budget(  # type: ignore[arg-type]
                max_steps=max_steps,
                max_tokens=max_tokens,
                max_cost_usd=max_cost,
                max_seconds=timeout,
            ),
            ask=AskSettings(**ask_kwargs),
        )
    except ConfigError as e:
        _fail(err_console, e, json, EXIT_USAGE)
    except ValidationError as e:
        problems = "; ".join(_problem(x) for x in e.errors(include_url=False))
        _fail(err_console, ConfigError(f"Bad option: {problems}."), json, EXIT_USAGE)
    try:
        llm = make_model(model_name, api_base=api_base)
        llm.check()
    except ConfigError as e:
        _fail(err_console, e, json, EXIT_USAGE)
    except M3AgentError as e:
        _fail(err_console, e, json, EXIT_ERROR)
    printer = None if json and not show_steps else StepPrinter(err_console, show_steps)
    interactive = not json and sys.stdin is not None and sys.stdin.isatty()
    try:
        steps, answer, audit_path = anyio.run(
            lambda: _run(
                question,
                llm,
                config,
                server=server,
                server_cmd=server_cmd,
                token=token,
                printer=None if json else printer,
                interactive=interactive,
                console=err_console,
            )
        )
    except M3AgentError as e:
        _fail(err_console, e, json, EXIT_ERROR)
    except KeyboardInterrupt:
        err_console.print("[red]Interrupted.[/red]")
        raise typer.Exit(130) from None
    if json:
        payload: dict[str, Any] = answer.model_dump(mode="json")
        if show_steps:
            payload = {"answer": payload, "steps": [s.model_dump(mode="json") for s in steps]}
        print(jsonlib.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        render_answer(out, answer, audit_path)
    raise typer.Exit(exit_code(answer.status))


async def _run(
    question: str,
    llm: Any,
    config: Any,
    *,
    server: str | None,
    server_cmd: str | None,
    token: str | None,
    printer: StepPrinter | None,
    interactive: bool,
    console: Console,
) -> tuple[list[Any], Any, Path | None]:
    from m3agent.agents.clarify import BatchAsker, TerminalAsker
    from m3agent.agents.runtime import run_question
    from m3agent.audit import default_audit_path

    settings = None
    if not server and not server_cmd:
        from m3agent.server.settings import settings_from_env

        settings = settings_from_env()
    audit_path = Path(
        settings.audit_path if settings and settings.audit_path else default_audit_path()
    )
    steps, answer = await run_question(
        question,
        llm,
        config=config,
        settings=settings,
        server=server,
        server_cmd=server_cmd,
        token=token,
        asker=TerminalAsker(console) if interactive else BatchAsker(),
        audit_path=audit_path,
        on_step=printer,
    )
    return steps, answer, audit_path


def main() -> None:  # pragma: no cover - for `python -m m3agent.agents.cli`
    """Run this command group on its own."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
