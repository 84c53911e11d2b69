"""``m3-agent serve`` and ``m3-agent config``: run the MCP server, configure clients."""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

from m3agent.tools.errors import M3AgentError

app = typer.Typer()
config_app = typer.Typer(help="Print or write MCP client configuration.")
app.add_typer(config_app, name="config")
console = Console(stderr=True)

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _check_ready(dataset: str | None) -> None:
    """Refuse to start half-working: the default dataset's database must exist."""
    from m3agent.server.config import engine_settings_from_env
    from m3agent.tools.datasets import default_db_path

    settings = engine_settings_from_env()
    name = dataset or settings.default_dataset
    path = default_db_path(name)
    if not path.exists():
        raise M3AgentError(f"The database of dataset {name!r} is missing: expected {path}.",
                           hint=f"Run `m3-agent init --dataset {name}` first, or set "
                                f"M3AGENT_DB_{name.upper().replace('-', '_')}.")


@app.command()
def serve(
    transport: Annotated[Literal["stdio", "http"], typer.Option(
        help="stdio for Claude Desktop and local clients; http for streamable HTTP")] = "stdio",
    host: Annotated[str, typer.Option(help="Interface to listen on (HTTP)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (HTTP)")] = 8000,
    dataset: Annotated[str | None, typer.Option(help="Default dataset")] = None,
    auth_issuer: Annotated[str | None, typer.Option(
        help="HTTP: OAuth issuer whose JWT access tokens are accepted (turns auth on)")] = None,
    auth_audience: Annotated[str | None, typer.Option(
        help="HTTP: this server's resource URL, the tokens' audience")] = None,
    auth_jwks_url: Annotated[str | None, typer.Option(
        help="HTTP: the issuer's JWKS URL (default: discovered from the issuer)")] = None,
    policy_file: Annotated[Path | None, typer.Option(
        help="Access policy: scopes per tool (JSON or TOML)")] = None,
    rate_limit: Annotated[float | None, typer.Option(
        help="Calls a minute per subject (0: off)")] = None,
    backend: Annotated[Literal["duckdb", "bigquery"] | None, typer.Option(
        help="Where run_sql queries run: duckdb (local) or bigquery (physionet-data, with "
             "Application Default Credentials)")] = None,
    project: Annotated[str | None, typer.Option(
        help="BigQuery: the Google Cloud project jobs are billed to")] = None,
) -> None:
    """Run the MCP server (stdio by default; streamable HTTP on loopback with --transport http).

    Over HTTP, M3AGENT_AUTH_ISSUER (or --auth-issuer) turns on OAuth: JWT access tokens checked
    against the issuer's JWKS, scopes per tool from the policy file. Under stdio the OS user is
    the identity and no token is asked for.
    """
    for var, value in (("M3AGENT_DATASET", dataset), ("M3AGENT_AUTH_ISSUER", auth_issuer),
                       ("M3AGENT_AUTH_AUDIENCE", auth_audience),
                       ("M3AGENT_AUTH_JWKS_URL", auth_jwks_url),
                       ("M3AGENT_POLICY_FILE", policy_file),
                       ("M3AGENT_RATE_LIMIT", rate_limit),
                       ("M3AGENT_BACKEND", backend), ("M3AGENT_BQ_PROJECT", project)):
        if value is not None and value != "":
            os.environ[var] = str(value)
    # SIGTERM shuts down like Ctrl-C (from the first moment, start-up included): the lifespan
    # closes the database and the audit log.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        _run(transport, host, port, dataset)
    except KeyboardInterrupt:
        pass


def _run(transport: str, host: str, port: int, dataset: str | None) -> None:
    try:
        _check_ready(dataset)
        if transport == "stdio":
            from m3agent.server.app import build_server

            if os.environ.get("M3AGENT_AUTH_ISSUER"):
                console.print("[yellow]note:[/yellow] M3AGENT_AUTH_* applies to --transport "
                              "http only; under stdio the OS user is the identity.")
            server = build_server()
        else:
            app_ = _http_app(host, port)
    except M3AgentError as e:
        console.print(f"[red]Error:[/red] {e.message}", highlight=False)
        if e.hint:
            console.print(f"[yellow]Hint:[/yellow] {e.hint}", highlight=False)
        raise typer.Exit(1) from None
    if transport == "stdio":
        server.run("stdio")
    else:
        _serve_http(app_, host, port)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _http_app(host: str, port: int):
    """Build the HTTP app; with auth configured this fetches the issuer's JWKS (or fails)."""
    from m3agent.server.app import build_http_app
    from m3agent.server.config import auth_config_from_env
    from m3agent.server.settings import settings_from_env

    settings = settings_from_env()
    shown = f"[{host}]" if ":" in host else host
    settings.auth = auth_config_from_env(default_audience=f"http://{shown}:{port}/mcp")
    if settings.auth is None and host not in LOOPBACK:
        console.print(f"[yellow]warning:[/yellow] listening on {host} without authentication: "
                      f"anyone who can reach it can call every tool. Set M3AGENT_AUTH_ISSUER.")
    elif settings.auth is not None:
        console.print(f"OAuth on: tokens from {settings.auth.issuer} for "
                      f"{settings.auth.audience}.", highlight=False)
    return build_http_app(settings, host=host)


def _serve_http(app_, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(app_, host=host, port=port, log_level="warning", access_log=False)


def _server_entry() -> dict:
    exe = shutil.which("m3-agent") or str(Path(sys.executable).with_name("m3-agent"))
    env = {k: v for k, v in os.environ.items()
           if k.startswith("M3AGENT_") and k != "M3AGENT_SHARED_DATA"}
    entry: dict = {"command": exe, "args": ["serve"]}
    if env:
        entry["env"] = env
    return entry


def claude_desktop_config_path() -> Path:
    """Where Claude Desktop keeps its configuration on this OS."""
    system = platform.system()
    if system == "Darwin":
        return Path.home() / "Library/Application Support/Claude/claude_desktop_config.json"
    if system == "Windows":
        return Path(os.environ.get("APPDATA", Path.home())) / "Claude/claude_desktop_config.json"
    return Path.home() / ".config/Claude/claude_desktop_config.json"


@config_app.command("claude-desktop")
def claude_desktop(
    write: Annotated[bool, typer.Option("--write", help="Merge into the config file")] = False,
    path: Annotated[Path | None, typer.Option(help="Config file (default: per OS)")] = None,
) -> None:
    """Print (or merge into Claude Desktop's file) the configuration for m3-agent."""
    block = {"mcpServers": {"m3-agent": _server_entry()}}
    if not write:
        print(json.dumps(block, indent=2))
        return
    target = path or claude_desktop_config_path()
    current: dict = {}
    if target.exists():
        try:
            current = json.loads(target.read_text(encoding="utf-8") or "{}")
        except json.JSONDecodeError as e:
            console.print(f"[red]Error:[/red] {target} is not valid JSON ({e}); expected an "
                          f"object. Nothing was written.")
            raise typer.Exit(1) from None
        if not isinstance(current, dict):
            console.print(f"[red]Error:[/red] {target} holds {type(current).__name__}, "
                          f"expected a JSON object. Nothing was written.")
            raise typer.Exit(1)
    current.setdefault("mcpServers", {})["m3-agent"] = block["mcpServers"]["m3-agent"]
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, target)
    console.print(f"Wrote the m3-agent server into {target}; restart Claude Desktop.")


@config_app.command("mcp-json")
def mcp_json() -> None:
    """Print the generic MCP client configuration (mcpServers JSON)."""
    print(json.dumps({"mcpServers": {"m3-agent": _server_entry()}}, indent=2))
