"""``m3-agent trials``: evaluate trial retrieval, and match a patient to trials.

``eval --corpus FILE --queries FILE --qrels FILE`` indexes the corpus (ClinicalTrials.gov or
TrialGPT format) in a temporary folder and scores retrieval of the judged queries: NDCG@10
(graded) and recall@10, printed last. ``match`` ranks the built-in trials (``M3AGENT_TRIALS_FILE``)
for a MIMIC-IV patient or a free-text description, TrialGPT-style, without a model.
"""

from __future__ import annotations

import json
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from m3agent.retrieval.eval_cli import Embedding, _embedder, cli_errors, progress_bar
from m3agent.tools.errors import ConfigError, M3AgentError

app = typer.Typer(
    help="Clinical trials: retrieval evaluation and patient matching.", no_args_is_help=True
)

_err = Console(stderr=True, highlight=False, soft_wrap=True)

#: Trials retrieved (stage 1) before ranking.
MATCH_CANDIDATES = 50


class EvalMode(StrEnum):
    """Search modes to evaluate (``all``: the three)."""

    hybrid = "hybrid"
    bm25 = "bm25"
    dense = "dense"
    all = "all"


@app.command("eval")
def eval_command(
    corpus: Annotated[Path, typer.Option("--corpus", help="Trials (ctgov v2 or TrialGPT).")],
    queries: Annotated[Path, typer.Option("--queries", help="queries.jsonl (_id, text).")],
    qrels: Annotated[Path, typer.Option("--qrels", help="qrels TSV (query-id, corpus-id, score).")],
    mode: Annotated[EvalMode, typer.Option("--mode", help="hybrid, bm25, dense or all.")] = (
        EvalMode.hybrid
    ),
    k: Annotated[int, typer.Option("--k", help="Cut-off.", min=1, max=1000)] = 10,
    embedder: Annotated[
        Embedding,
        typer.Option("--embedder", help="minilm, or hashing (model-free; dense is meaningless)."),
    ] = Embedding.minilm,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Score trial retrieval on judged queries: NDCG@k and recall@k, printed last."""
    from m3agent.retrieval.trials.evaluate import evaluate_retrieval, load_qrels, load_queries
    from m3agent.retrieval.trials.ingest import load_trials
    from m3agent.retrieval.trials.search import build_trial_index

    with cli_errors():
        result = load_trials(corpus)
        report = result.report
        if report.skipped:
            _err.print(f"[yellow]{escape(report.summary())}[/yellow]")
        if not result.trials:
            raise M3AgentError(f"no trial could be read from {corpus}: {report.summary()}")
        for path, what in ((queries, "queries"), (qrels, "qrels")):
            if not Path(path).is_file():
                raise ConfigError(f"expected a {what} file at {path}, found none")
        query_text = load_queries(queries)
        judged = load_qrels(qrels)
        modes = ["bm25", "dense", "hybrid"] if mode == EvalMode.all else [mode.value]
        scores: dict[str, dict[str, float]] = {}
        with tempfile.TemporaryDirectory(prefix="m3agent-trials-") as tmp:
            with progress_bar() as bar:
                task = bar.add_task("Embedding trials", total=len(result.trials))
                index = build_trial_index(
                    Path(tmp) / "index",
                    result.trials,
                    embedder=_embedder(embedder),
                    progress=lambda d, t: bar.update(task, completed=d, total=t),
                )
            for m in modes:
                scores[m] = evaluate_retrieval(
                    result.trials, query_text, judged, m, k=k, index=index
                )  # type: ignore[arg-type]
        if as_json:
            typer.echo(json.dumps({"corpus": str(corpus), "k": k, "modes": scores}, indent=2))
            return
        n = int(next(iter(scores.values()))["queries"])
        typer.echo(
            f"Trial retrieval: {len(result.trials)} trials, {n} judged queries with a relevant "
            f"trial, k={k}."
        )
        typer.echo("")
        typer.echo(f"| mode | NDCG@{k} | recall@{k} |")
        typer.echo("|---|---|---|")
        for m, s in scores.items():
            typer.echo(f"| {m} | {s[f'ndcg@{k}']:.4f} | {s[f'recall@{k}']:.4f} |")
        typer.echo("")
        for m, s in scores.items():
            prefix = f"{m}: " if len(scores) > 1 else ""
            typer.echo(f"{prefix}NDCG@{k} = {s[f'ndcg@{k}']:.4f}")
            typer.echo(f"{prefix}recall@{k} = {s[f'recall@{k}']:.4f}")


@app.command("match")
def match_command(
    subject_id: Annotated[
        int | None, typer.Option("--subject-id", help="A MIMIC-IV patient.", min=1)
    ] = None,
    patient_text: Annotated[
        str | None, typer.Option("--patient-text", help="Or a free-text patient description.")
    ] = None,
    k: Annotated[int, typer.Option("--k", help="Trials to show.", min=1, max=200)] = 10,
    dataset: Annotated[
        str, typer.Option("--dataset", help="MIMIC-IV dataset of --subject-id.")
    ] = "mimic-iv-demo",
    at: Annotated[
        str | None, typer.Option("--at", help="Take the record as of this ISO time.")
    ] = None,
    embedder: Annotated[
        Embedding, typer.Option("--embedder", help="minilm, or hashing (model-free).")
    ] = Embedding.minilm,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Rank the built-in trials for a patient (TrialGPT's stages, no model)."""
    from m3agent.retrieval.builtin import ensure_builtin, load_builtin_trials, trial_documents
    from m3agent.retrieval.trials.search import TrialMatcher, patient_summary

    with cli_errors():
        if (subject_id is None) == (patient_text is None or not patient_text.strip()):
            raise ConfigError(
                "expected exactly one of --subject-id or --patient-text, found "
                + ("both" if subject_id is not None else "neither")
            )
        if subject_id is not None:
            from m3agent.retrieval.trials.ehr_facts import facts_from_ehr
            from m3agent.tools.sql.engine import default_engine

            facts = facts_from_ehr(default_engine(), subject_id, dataset=dataset, at=at)
        else:
            if at is not None:
                raise ConfigError("--at applies to --subject-id only")
            from m3agent.retrieval.trials.text_facts import facts_from_text

            facts = facts_from_text(patient_text or "", "patient")
        trials = load_builtin_trials()
        emb = _embedder(embedder)
        with tempfile.TemporaryDirectory(prefix="m3agent-trials-") as tmp:
            # A model-free index goes to a temporary folder, never over the built-in one.
            with progress_bar() as bar:
                task = bar.add_task("Trials index", total=None)
                index, _status = ensure_builtin(
                    "trials",
                    root=Path(tmp) if emb is not None else None,
                    embedder=emb,
                    documents=trial_documents(trials),
                    progress=lambda d, t: bar.update(task, completed=d, total=t),
                )
            ranked = TrialMatcher(trials, index).rank(
                facts, k=min(max(MATCH_CANDIDATES, k), len(trials))
            )[:k]
        if as_json:
            typer.echo(
                json.dumps(
                    {
                        "patient": facts.patient_id,
                        "query": patient_summary(facts),
                        "trials": [
                            {
                                "rank": r.rank,
                                "nct_id": r.nct_id,
                                "title": r.title,
                                "score": r.score,
                                "matching_score": r.matching_score,
                                "relevance": r.relevance,
                                "counts": r.counts.model_dump(),
                                "not_judged": len(r.match.unjudged),
                            }
                            for r in ranked
                        ],
                    },
                    indent=2,
                )
            )
            return
        _err.print(f"[dim]patient summary: {escape(patient_summary(facts)[:300])}[/dim]")
        typer.echo(
            "| # | trial | score | matching | relevance | inclusion met/unmet | "
            "exclusion met | open | title |"
        )
        typer.echo("|---|---|---|---|---|---|---|---|---|")
        for r in ranked:
            c = r.counts
            typer.echo(
                f"| {r.rank} | {r.nct_id} | {r.score:.3f} | {r.matching_score:.3f} | "
                f"{r.relevance:.3f} | {c.included}/{c.not_included} | {c.excluded} | "
                f"{len(r.match.unjudged)} | {r.title.replace('|', '/')} |"
            )
        _err.print(
            "[dim]open = criteria not computable from the record and not judged (no model); "
            "see the explain_match tool for each criterion's evidence.[/dim]"
        )
