"""``m3-agent index``: build, update, list, search and show retrieval indexes.

Indexes live in :func:`~m3agent.retrieval.storage.index_root` / NAME. Progress bars and messages
go to stderr, results to stdout (``--json`` for machines).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from m3agent.retrieval.chunking import ChunkingParams
from m3agent.retrieval.documents import LoadResult, load_documents
from m3agent.retrieval.errors import IndexCorruptError, IndexNotFoundError, RetrievalError
from m3agent.retrieval.index import HybridIndex, read_manifest
from m3agent.retrieval.storage import check_name, index_path, index_root
from m3agent.tools.errors import M3AgentError

app = typer.Typer(
    help="Build, update, list and search document indexes (BM25 + embeddings).",
    no_args_is_help=True,
)

_out = Console(highlight=False, soft_wrap=False)
_err = Console(stderr=True, highlight=False, soft_wrap=True)  # messages unwrapped: paths stay whole

#: Characters of chunk text shown per hit in the table view.
SNIPPET_CHARS = 160


class Mode(StrEnum):
    """Search modes."""

    hybrid = "hybrid"
    bm25 = "bm25"
    dense = "dense"


@contextmanager
def _errors() -> Iterator[None]:
    """Print known errors as one clear message on stderr and exit 1 (2 for bad options)."""
    try:
        yield
    except M3AgentError as exc:
        _err.print(f"[red]error:[/red] {escape(exc.message)}")
        if exc.hint:
            _err.print(f"[dim]hint: {escape(exc.hint)}[/dim]")
        raise typer.Exit(1) from exc
    except ValidationError as exc:
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"])
            message = error["msg"].removeprefix("Value error, ")
            if where:
                message = f"{where}: {message}"
            _err.print(f"[red]error:[/red] {escape(message)}")
        raise typer.Exit(2) from exc


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_err,
    )


def _tracker(progress: Progress, description: str) -> Callable[[int, int], None]:
    task = progress.add_task(description, total=None)

    def update(done: int, total: int) -> None:
        progress.update(task, completed=done, total=total)

    return update


def _report_skipped(result: LoadResult) -> None:
    if not result.skipped:
        return
    _err.print(f"[yellow]skipped {result.skipped_count} file(s) that could not be read:[/yellow]")
    for skipped in result.skipped:
        _err.print(f"  {escape(skipped.reason)}")


@app.command("build")
def build_command(
    name: Annotated[str, typer.Argument(help="Index name (letters, digits, . _ -).")],
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (searched recursively).")],
    chunk_size: Annotated[
        int, typer.Option("--chunk-size", help="Most new characters per chunk.")
    ] = ChunkingParams().chunk_size,
    overlap: Annotated[
        int, typer.Option("--overlap", help="Characters repeated from the previous chunk.")
    ] = ChunkingParams().overlap,
) -> None:
    """Index .md, .txt, .html and .pdf files into a new index NAME (replacing an old one)."""
    with _errors():
        params = ChunkingParams(chunk_size=chunk_size, overlap=overlap)
        target = index_path(name)
        with _progress() as progress:
            result = load_documents(paths, progress=_tracker(progress, "Reading files"))
            _report_skipped(result)
            index = HybridIndex.build(
                target,
                result.documents,
                params=params,
                progress=_tracker(progress, "Embedding chunks"),
                sources=paths,
            )
        manifest = index.manifest
        _err.print(
            f"[green]built[/green] index {escape(name)} at {escape(str(target))}: "
            f"{manifest.document_count} document(s), {manifest.chunk_count} chunk(s), "
            f"{manifest.faiss_index}; {result.skipped_count} file(s) skipped"
        )


@app.command("update")
def update_command(
    name: Annotated[str, typer.Argument(help="Index name.")],
) -> None:
    """Re-read the files NAME was built from; re-embed changed ones, drop deleted ones."""
    with _errors():
        index = HybridIndex.open(index_path(name))
        sources = index.manifest.sources
        if not sources:
            raise RetrievalError(
                f"index {name} records no source files (it was built through the Python API)",
                hint="Update it with HybridIndex.update(documents), or rebuild it here.",
            )
        with _progress() as progress:
            result = load_documents(
                [Path(s) for s in sources], progress=_tracker(progress, "Reading files")
            )
            _report_skipped(result)
            report = index.update(result.documents, progress=_tracker(progress, "Embedding"))
        if not report.written:
            _err.print(f"index {escape(name)} is up to date ({report.unchanged} document(s))")
            return
        _err.print(
            f"[green]updated[/green] index {escape(name)}: {len(report.added)} added, "
            f"{len(report.changed)} changed, {len(report.removed)} removed, "
            f"{report.unchanged} unchanged; {report.chunks_embedded} chunk(s) embedded; now "
            f"{report.document_count} document(s), {report.chunk_count} chunk(s), "
            f"{report.faiss_index}; {result.skipped_count} file(s) skipped"
        )


@app.command("list")
def list_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the indexes under the index folder, with their state."""
    with _errors():
        root = index_root()
        rows: list[dict[str, object]] = []
        folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
        for folder in folders:
            if folder.name.startswith("."):
                continue
            try:
                check_name(folder.name)
                manifest = read_manifest(folder)
            except (IndexCorruptError, IndexNotFoundError) as exc:
                rows.append({"name": folder.name, "status": f"damaged: {exc.message}"})
                continue
            except M3AgentError:
                continue  # not an index name: some other folder
            rows.append(
                {
                    "name": folder.name,
                    "status": "ok",
                    "documents": manifest.document_count,
                    "chunks": manifest.chunk_count,
                    "model": manifest.model,
                    "faiss_index": manifest.faiss_index,
                    "updated_at": manifest.updated_at.isoformat(timespec="seconds"),
                    "path": str(folder),
                }
            )
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
            return
        if not rows:
            _err.print(f"no indexes under {escape(str(root))}")
            return
        table = Table("name", "docs", "chunks", "faiss", "model", "updated", "status")
        for row in rows:
            table.add_row(
                escape(str(row["name"])),
                str(row.get("documents", "")),
                str(row.get("chunks", "")),
                str(row.get("faiss_index", "")),
                escape(str(row.get("model", ""))),
                str(row.get("updated_at", "")),
                escape(str(row["status"])),
            )
        _out.print(table)


@app.command("search")
def search_command(
    name: Annotated[str, typer.Argument(help="Index name.")],
    query: Annotated[str, typer.Argument(help="What to look for.")],
    k: Annotated[int, typer.Option("--k", "-k", help="Number of hits.")] = 5,
    mode: Annotated[Mode, typer.Option("--mode", help="hybrid, bm25 or dense.")] = Mode.hybrid,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Search index NAME and print the best chunks."""
    with _errors():
        index = HybridIndex.open(index_path(name))
        hits = index.search(query, k=k, mode=mode.value)
        if as_json:
            typer.echo(json.dumps([hit.model_dump(mode="json") for hit in hits], indent=2))
            return
        if not hits:
            _err.print("no matches")
            return
        table = Table("#", "score", "document / section", "text", show_lines=True)
        for hit in hits:
            chunk = hit.chunk
            where = chunk.title + ("\n" + " > ".join(chunk.section) if chunk.section else "")
            snippet = " ".join(chunk.text.split())
            if len(snippet) > SNIPPET_CHARS:
                snippet = snippet[:SNIPPET_CHARS] + "…"
            table.add_row(
                str(hit.rank),
                f"{hit.score:.4f}",
                escape(where + "\n" + chunk.doc_id),
                escape(snippet),
            )
        _out.print(table)


@app.command("show")
def show_command(
    name: Annotated[str, typer.Argument(help="Index name.")],
    doc_id: Annotated[str, typer.Argument(help="Document id, as search prints it.")],
    section: Annotated[
        str | None, typer.Option("--section", help="A heading, or a path 'A > B'.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print a stored document, or one of its sections."""
    with _errors():
        view = HybridIndex.open(index_path(name)).get_document(doc_id, section)
        if as_json:
            typer.echo(view.model_dump_json(indent=2))
            return
        heading = view.title + (" — " + " > ".join(view.section) if view.section else "")
        _err.print(f"[bold]{escape(heading)}[/bold] [dim]({escape(view.source)})[/dim]")
        typer.echo(view.text)


from m3agent.retrieval.eval_cli import register as _register_eval  # noqa: E402

_register_eval(app)
