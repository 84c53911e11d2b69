"""``m3-agent index eval-schema`` and ``m3-agent index build-builtin``.

``eval-schema --questions DIR`` measures schema retrieval on an EHRSQL split directory
(``data.json`` with the questions, ``label.json`` with the gold SQL): for each answerable
question, are all the tables its gold SQL reads among the top 3 / top 5 tables the schema index
returns for the question? Tables are ranked by the summed reciprocal ranks of their chunks (a
table's own document and its columns, see :func:`rank_tables`). Figures are given for BM25,
dense and hybrid search; they are printed last.

``build-builtin [NAME...]`` builds (or refreshes) the built-in indexes of
:mod:`m3agent.retrieval.builtin` ahead of first use.

The commands are plain typer functions: :func:`register` adds them to a typer app (the
``index`` group), and :data:`app` holds them for use on their own.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel, Field
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from m3agent.retrieval.errors import QueryError
from m3agent.tools.errors import ConfigError, DataLoadError, M3AgentError

_err = Console(stderr=True, highlight=False, soft_wrap=True)

#: The schema indexes eval-schema can use, and the catalog each is built from.
SCHEMA_INDEXES = ("schema-ehrsql", "schema")
MODES = ("bm25", "dense", "hybrid")
DEFAULT_KS = (3, 5)
#: The constant of the table score (see :func:`rank_tables`). A sweep of 1, 5, 10, 30 and 60 on
#: the first 900 answerable EHRSQL *train* questions favoured 5-10 in every mode (all gold
#: tables in the top 3, hybrid: 0.418 / 0.437 / 0.433 / 0.404 / 0.402); ranking tables by their
#: best chunk alone gave 0.302 on valid, hybrid.
TABLE_RANK_C = 10


class Embedding(StrEnum):
    """Embedders the commands can use."""

    minilm = "minilm"
    hashing = "hashing"


def _embedder(choice: Embedding) -> Any:
    """None (the default all-MiniLM-L6-v2) or the model-free hashing embedder."""
    if choice == Embedding.hashing:
        from m3agent.retrieval.embedding import HashingEmbedder

        return HashingEmbedder()
    return None


@contextmanager
def cli_errors() -> Iterator[None]:
    """Print our errors as one message (and its hint) on stderr and exit 1."""
    try:
        yield
    except M3AgentError as exc:
        _err.print(f"[red]error:[/red] {escape(exc.message)}")
        if exc.hint:
            _err.print(f"[dim]hint: {escape(exc.hint)}[/dim]")
        raise typer.Exit(1) from exc


def progress_bar() -> Progress:
    """A progress bar on stderr."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_err,
    )


# ----------------------------------------------------------------------------- schema eval


class SchemaQuestion(BaseModel):
    """An answerable question and the tables its gold SQL reads (lower case, no schema)."""

    id: str
    question: str
    tables: list[str]


class ModeScores(BaseModel):
    """Schema retrieval figures of one search mode.

    Attributes:
        mode: bm25, dense or hybrid.
        all_found: For each k, the share of questions whose gold tables are all in the top k.
        table_recall: For each k, the mean share of a question's gold tables in the top k.
    """

    mode: str
    all_found: dict[int, float]
    table_recall: dict[int, float]


class SchemaEvaluation(BaseModel):
    """What eval-schema measured."""

    index: str
    questions: int
    skipped: int = Field(description="Unanswerable questions and gold SQL that did not parse")
    unknown_tables: list[str] = Field(
        description="Gold tables the index has no document for (never found)"
    )
    modes: list[ModeScores]


def gold_tables(sql: str) -> list[str]:
    """The tables an SQL query reads (lower case, schema dropped, CTE names left out).

    Raises:
        DataLoadError: If the SQL does not parse as SQLite.
    """
    import sqlglot
    from sqlglot import exp
    from sqlglot.errors import ParseError, TokenError

    try:
        tree = sqlglot.parse_one(sql, read="sqlite")
    except (ParseError, TokenError) as exc:
        raise DataLoadError(f"gold SQL does not parse: {str(exc).splitlines()[0]}") from None
    ctes = {c.alias_or_name.lower() for c in tree.find_all(exp.CTE)}
    names = {t.name.lower() for t in tree.find_all(exp.Table) if t.name}
    return sorted(names - ctes)


def _read_json(path: Path) -> Any:
    if not path.is_file():
        raise DataLoadError(
            f"expected {path.name} in {path.parent}, found no such file",
            hint="Pass an EHRSQL split directory (data.json and label.json), e.g. "
            "../shared/data/ehrsql-2024/valid.",
        )
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataLoadError(f"{path}: expected JSON, found invalid content ({exc})") from None


def load_schema_questions(directory: Path) -> tuple[list[SchemaQuestion], int]:
    """Read an EHRSQL split: its answerable questions with their gold tables.

    Args:
        directory: A folder with ``data.json`` (``{"data": [{"id", "question"}]}``) and
            ``label.json`` (``{id: SQL or "null"}``).

    Returns:
        The questions, and how many were skipped (unanswerable, or SQL that does not parse).

    Raises:
        DataLoadError: If a file is missing or malformed, or no question is answerable.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise DataLoadError(f"expected an EHRSQL split directory, found no folder at {directory}")
    data = _read_json(directory / "data.json")
    labels = _read_json(directory / "label.json")
    if not isinstance(data, dict) or not isinstance(data.get("data"), list):
        raise DataLoadError(
            f'{directory / "data.json"}: expected {{"data": [{{"id", "question"}}]}}, '
            f"found {type(data).__name__}"
        )
    if not isinstance(labels, dict):
        raise DataLoadError(
            f"{directory / 'label.json'}: expected an object of id -> SQL, found "
            f"{type(labels).__name__}"
        )
    out: list[SchemaQuestion] = []
    skipped = 0
    for n, item in enumerate(data["data"]):
        if not isinstance(item, dict) or not isinstance(item.get("question"), str):
            raise DataLoadError(
                f"{directory / 'data.json'} entry {n}: expected id and question, found {item!r:.80}"
            )
        sql = labels.get(str(item.get("id")))
        if not isinstance(sql, str) or sql.strip().lower() in ("", "null"):
            skipped += 1
            continue
        try:
            tables = gold_tables(sql)
        except DataLoadError:
            skipped += 1
            continue
        if tables:
            out.append(SchemaQuestion(id=str(item["id"]), question=item["question"], tables=tables))
        else:
            skipped += 1
    if not out:
        raise DataLoadError(f"{directory}: no answerable question with gold SQL found")
    return out, skipped


def rank_tables(index: Any, question: str, mode: str, depth: int) -> list[str]:
    """Tables (bare names) ranked by the summed reciprocal ranks of their chunks.

    A table scores ``Σ 1 / (TABLE_RANK_C + rank)`` over its own document and its columns'
    among the top ``depth`` chunks, so a table several of whose columns match outranks one
    with a single lucky column.
    """
    scores: dict[str, float] = {}
    for hit in index.search(question, k=depth, mode=mode):
        table = hit.chunk.metadata.get("table")
        if isinstance(table, str):
            key = table.lower()
            scores[key] = scores.get(key, 0.0) + 1.0 / (TABLE_RANK_C + hit.rank)
    return sorted(scores, key=lambda t: -scores[t])


def evaluate_schema(
    index: Any,
    questions: Sequence[SchemaQuestion],
    *,
    name: str = "schema",
    modes: Sequence[str] = MODES,
    ks: Sequence[int] = DEFAULT_KS,
    skipped: int = 0,
    progress: Any = None,
) -> SchemaEvaluation:
    """Schema retrieval recall of an index over questions, per mode and cut-off.

    Args:
        index: A schema index (chunks carry ``metadata["table"]``).
        questions: The questions with their gold tables.
        name: The index name, for the report.
        modes: Search modes.
        ks: Cut-offs (tables).
        skipped: Questions left out upstream, for the report.
        progress: Called with (done, total) after each question and mode.

    Raises:
        QueryError: For an unknown mode or a cut-off below 1.
    """
    bad = [m for m in modes if m not in MODES]
    if bad or not modes:
        raise QueryError(f"expected modes among {', '.join(MODES)}, found {list(modes)}")
    if not ks or any(k < 1 for k in ks):
        raise QueryError(f"expected cut-offs of at least 1, found {list(ks)}")
    known = {
        str(c.metadata.get("table", "")).lower() for c in index.chunks if c.metadata.get("table")
    }
    unknown = sorted({t for q in questions for t in q.tables} - known)
    depth = min(len(index), 1000)
    total = len(questions) * len(modes)
    done = 0
    results: list[ModeScores] = []
    for mode in modes:
        all_found = dict.fromkeys(ks, 0.0)
        recall = dict.fromkeys(ks, 0.0)
        for q in questions:
            ranked = rank_tables(index, q.question, mode, depth)
            for k in ks:
                found = set(ranked[:k]) & set(q.tables)
                all_found[k] += len(found) == len(q.tables)
                recall[k] += len(found) / len(q.tables)
            done += 1
            if progress is not None:
                progress(done, total)
        n = len(questions)
        results.append(
            ModeScores(
                mode=mode,
                all_found={k: v / n for k, v in all_found.items()},
                table_recall={k: v / n for k, v in recall.items()},
            )
        )
    return SchemaEvaluation(
        index=name,
        questions=len(questions),
        skipped=skipped,
        unknown_tables=unknown,
        modes=results,
    )


def schema_markdown(result: SchemaEvaluation) -> str:
    """The figures as a Markdown table (one row per mode)."""
    ks = list(result.modes[0].all_found) if result.modes else []
    head = ["mode"] + [f"all gold tables in top {k}" for k in ks]
    head += [f"gold-table recall@{k}" for k in ks]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for m in result.modes:
        cells = [m.mode] + [f"{m.all_found[k]:.3f}" for k in ks]
        cells += [f"{m.table_recall[k]:.3f}" for k in ks]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _parse_list(text: str, what: str) -> list[str]:
    items = [p.strip() for p in text.split(",") if p.strip()]
    if not items:
        raise ConfigError(f"expected a comma-separated list of {what}, found {text!r}")
    return items


def eval_schema_command(
    questions: Annotated[
        Path, typer.Option("--questions", help="EHRSQL split folder (data.json, label.json).")
    ],
    index: Annotated[
        str, typer.Option("--index", help="Schema index: schema-ehrsql or schema (MIMIC-IV).")
    ] = "schema-ehrsql",
    modes: Annotated[str, typer.Option("--modes", help="Comma-separated modes.")] = ",".join(MODES),
    ks: Annotated[str, typer.Option("--k", help="Comma-separated cut-offs (tables).")] = "3,5",
    embedder: Annotated[
        Embedding,
        typer.Option("--embedder", help="minilm, or hashing (model-free; dense is meaningless)."),
    ] = Embedding.minilm,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Measure schema retrieval on EHRSQL questions (gold tables in the top 3 / top 5)."""
    from m3agent.retrieval.builtin import ensure_builtin

    with cli_errors():
        if index not in SCHEMA_INDEXES:
            raise ConfigError(
                f"expected --index to be one of {', '.join(SCHEMA_INDEXES)}, found {index!r}"
            )
        mode_list = _parse_list(modes, "modes")
        try:
            k_list = [int(k) for k in _parse_list(ks, "cut-offs")]
        except ValueError:
            raise ConfigError(f"expected integer cut-offs such as 3,5, found {ks!r}") from None
        items, skipped = load_schema_questions(questions)
        emb = _embedder(embedder)
        with tempfile.TemporaryDirectory(prefix="m3agent-schema-") as tmp:
            # A model-free index goes to a temporary folder, never over the built-in one.
            root = Path(tmp) if emb is not None else None
            with progress_bar() as bar:
                task = bar.add_task(f"Index {index}", total=None)
                idx, _status = ensure_builtin(
                    index,
                    root=root,
                    embedder=emb,
                    progress=lambda d, t: bar.update(task, completed=d, total=t),
                )
                task = bar.add_task("Questions", total=len(items) * len(mode_list))
                result = evaluate_schema(
                    idx,
                    items,
                    name=index,
                    modes=mode_list,
                    ks=k_list,
                    skipped=skipped,
                    progress=lambda d, t: bar.update(task, completed=d, total=t),
                )
        if as_json:
            typer.echo(result.model_dump_json(indent=2))
            return
        typer.echo(
            f"Schema retrieval on {questions}: {result.questions} answerable questions "
            f"({result.skipped} skipped), index {index}."
        )
        if result.unknown_tables:
            typer.echo(f"Gold tables without a document in the index: {result.unknown_tables}")
        typer.echo("")
        typer.echo(schema_markdown(result))
        typer.echo("")
        for m in result.modes:
            typer.echo(
                f"{m.mode}: "
                + ", ".join(f"all gold tables in top {k} = {v:.3f}" for k, v in m.all_found.items())
            )


# ----------------------------------------------------------------------------- build-builtin


def build_builtin_command(
    names: Annotated[
        list[str] | None, typer.Argument(help="Built-in indexes to build (default: all).")
    ] = None,
    dataset: Annotated[
        str, typer.Option("--dataset", help="MIMIC-IV dataset the concept index is read from.")
    ] = "mimic-iv-demo",
    embedder: Annotated[
        Embedding, typer.Option("--embedder", help="minilm, or hashing (model-free).")
    ] = Embedding.minilm,
) -> None:
    """Build or refresh the built-in indexes (schema, concepts, calculators, trials)."""
    from m3agent.retrieval.builtin import builtin_names, ensure_builtin, get_builtin
    from m3agent.tools.sql.engine import default_engine

    with cli_errors():
        wanted = list(names or builtin_names())
        for name in wanted:
            get_builtin(name)
        emb = _embedder(embedder)
        for name in wanted:
            engine = default_engine() if get_builtin(name).needs_engine else None
            with progress_bar() as bar:
                task = bar.add_task(f"Embedding {name}", total=None)
                _idx, status = ensure_builtin(
                    name,
                    engine=engine,
                    dataset=dataset,
                    embedder=emb,
                    refresh=True,
                    progress=lambda d, t, task=task: bar.update(task, completed=d, total=t),
                )
            _err.print(
                f"[green]{status.action}[/green] {escape(name)} at {escape(status.path)}: "
                f"{status.documents} document(s), {status.chunks} chunk(s), "
                f"{status.embedded} embedded"
            )


def register(app: typer.Typer) -> None:
    """Add ``eval-schema`` and ``build-builtin`` to a typer app (the ``index`` group)."""
    app.command("eval-schema")(eval_schema_command)
    app.command("build-builtin")(build_builtin_command)


app = typer.Typer(
    help="Schema-retrieval evaluation and the built-in indexes.", no_args_is_help=True
)
register(app)
