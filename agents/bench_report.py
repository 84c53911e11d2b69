"""The Markdown report of a benchmark run, with PNG plots (matplotlib, no display needed).

Figures are drawn on :class:`matplotlib.figure.Figure` objects directly, never through
``pyplot``, so no GUI backend is touched and nothing global is shared between runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: Rows of failures listed in the report.
SHOWN_FAILURES = 20


def _figure(width: float = 6.4, height: float = 3.6) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _bars(
    path: Path,
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    *,
    ylabel: str = "",
    horizontal: bool = False,
    limits: tuple[float, float] | None = None,
    fmt: str = "{:.2f}",
) -> Path:
    """One bar chart with the value written on each bar."""
    height = max(3.0, 0.3 * len(labels) + 1.2) if horizontal else 3.6
    fig = _figure(7.0 if horizontal else 6.4, height)
    ax = fig.subplots()
    if horizontal:
        bars = ax.barh(list(labels), list(values), color="#4c72b0")
        ax.invert_yaxis()
        ax.set_xlabel(ylabel)
        if limits:
            ax.set_xlim(*limits)
    else:
        colours = ["#c44e52" if v < 0 else "#4c72b0" for v in values]
        bars = ax.bar(list(labels), list(values), color=colours)
        ax.set_ylabel(ylabel)
        if limits:
            ax.set_ylim(*limits)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.tick_params(axis="x", labelrotation=20)
    ax.bar_label(bars, labels=[fmt.format(v) for v in values], fontsize=8)
    ax.set_title(title)
    fig.savefig(path)
    return path


def _histogram(path: Path, title: str, values: Sequence[float], xlabel: str) -> Path:
    fig = _figure()
    ax = fig.subplots()
    ax.hist(list(values), bins=min(30, max(5, len(values) // 3)), color="#55a868")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("tasks")
    ax.set_title(title)
    fig.savefig(path)
    return path


def make_plots(
    out: Path, benchmark: str, summary: dict[str, Any], records: Sequence[Any]
) -> list[Path]:
    """Draw the run's PNG plots into ``out``; return their paths."""
    plots: list[Path] = []
    statuses = Counter(r.status for r in records)
    plots.append(
        _bars(
            out / "status.png",
            "Run outcomes",
            list(statuses),
            [float(v) for v in statuses.values()],
            ylabel="tasks",
            fmt="{:.0f}",
        )
    )
    times = [r.elapsed_ms / 1000 for r in records]
    if times:
        plots.append(_histogram(out / "task_time.png", "Time per task", times, "seconds"))
    if benchmark == "ehrsql" and summary.get("questions"):
        labels = [
            "correct",
            "wrong",
            "abstained\n(answerable)",
            "abstained\n(unanswerable)",
            "answered\n(unanswerable)",
        ]
        keys = [
            "correct",
            "wrong",
            "abstained_answerable",
            "abstained_unanswerable",
            "answered_unanswerable",
        ]
        plots.append(
            _bars(
                out / "ehrsql_outcomes.png",
                "EHRSQL outcomes",
                labels,
                [float(summary[k]) for k in keys],
                ylabel="questions",
                fmt="{:.0f}",
            )
        )
        rs = summary["rs"]
        plots.append(
            _bars(
                out / "ehrsql_rs.png",
                "Reliability score RS(c)",
                [f"RS({k})" for k in rs],
                [100 * v for v in rs.values()],
                ylabel="RS × 100",
                fmt="{:.1f}",
            )
        )
    elif benchmark == "medcalc" and summary.get("rows"):
        cats = summary["by_category"]
        plots.append(
            _bars(
                out / "medcalc_by_category.png",
                "MedCalc-Bench accuracy by category",
                list(cats),
                [100 * c["accuracy"] for c in cats.values()],
                ylabel="% within limits",
                horizontal=True,
                limits=(0, 105),
                fmt="{:.0f}",
            )
        )
    elif benchmark == "medmcp-calc" and summary.get("tasks"):
        keys = [
            ("selection_recall", "selection\nrecall"),
            ("selection_precision", "selection\nprecision"),
            ("inputs_found", "inputs\nfound"),
            ("value_accuracy", "value\naccuracy"),
        ]
        shown = [(label, summary[k]) for k, label in keys if summary.get(k) is not None]
        plots.append(
            _bars(
                out / "medmcp_scores.png",
                "MedMCP-Calc (covered calculators)",
                [lab for lab, _ in shown],
                [100 * v for _, v in shown],
                ylabel="%",
                limits=(0, 105),
                fmt="{:.0f}",
            )
        )
    elif benchmark == "trials":
        judged = [r for r in records if r.score and r.score.get("judged")]
        if judged:
            plots.append(
                _bars(
                    out / "trials_ndcg.png",
                    "NDCG@10 per query",
                    [r.task_id for r in judged],
                    [r.score["ndcg"] for r in judged],
                    ylabel="NDCG@10",
                    horizontal=True,
                    limits=(0, 1.05),
                )
            )
    return plots


def _pct(v: Any) -> str:
    return "n/a" if v is None else f"{100 * v:.1f}%"


def _num(v: Any) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.4f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += [
        "| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in r) + " |"
        for r in rows
    ]
    return "\n".join(lines) + "\n"


def _scores_section(benchmark: str, s: dict[str, Any]) -> str:
    if benchmark == "ehrsql":
        rows = [
            [
                "questions (answerable / unanswerable)",
                f"{s['questions']:,} ({s['answerable']:,} / {s['unanswerable']:,})",
            ],
            [
                "accuracy on answerable questions",
                f"{_pct(s['accuracy_answerable'])} ({s['correct']:,}/{s['answerable']:,})",
            ],
            ["abstention precision", _pct(s["abstention_precision"])],
            ["abstention recall", _pct(s["abstention_recall"])],
            *[
                [f"RS({k})" + (f" (N = {s['questions']})" if k == "N" else ""), f"{100 * v:.2f}"]
                for k, v in s["rs"].items()
            ],
            [
                "wrong answers / answered unanswerable",
                f"{s['wrong']:,} / {s['answered_unanswerable']:,}",
            ],
            [
                "runs that ended without an answer (counted as abstentions)",
                f"{s['no_answer_runs']:,}",
            ],
        ]
        return _table(["score", "value"], rows) + (
            "\nRS(c): mean over questions of +1 (correct answer or correct abstention), 0 "
            "(abstained on an answerable question), −c (wrong answer, or an answer to an "
            "unanswerable question); shown × 100 as on the EHRSQL 2024 leaderboard.\n"
        )
    if benchmark == "medcalc":
        rows = [
            ["rows", f"{s['rows']:,}"],
            ["accuracy within limits", f"{_pct(s['accuracy'])} ({s['correct']}/{s['rows']})"],
            ["rows with a ground-truth erratum", f"{s['errata_rows']:,}"],
            ["accuracy without the errata rows", _pct(s["accuracy_without_errata"])],
        ]
        cats = [
            [k, v["rows"], v["correct"], _pct(v["accuracy"])] for k, v in s["by_category"].items()
        ]
        return (
            _table(["score", "value"], rows)
            + "\n#### By category\n\n"
            + _table(["category", "rows", "correct", "accuracy"], cats)
        )
    if benchmark == "medmcp-calc":
        rows = [
            ["tasks", f"{s['tasks']:,}"],
            [
                "calculator answers (covered by a registered calculator)",
                f"{s['items']:,} ({s['covered_items']:,})",
            ],
            [
                "calculator selection recall (covered / all answers)",
                f"{_pct(s['selection_recall'])} / {_pct(s['selection_recall_all_items'])}",
            ],
            [
                "calculator selection precision (calls paired with an answer)",
                _pct(s["selection_precision"]),
            ],
            ["inputs found", _pct(s["inputs_found"])],
            [
                "value accuracy (covered / all answers)",
                f"{_pct(s['value_accuracy'])} ({s['value_correct']:,}) / "
                f"{_pct(s['value_accuracy_all_items'])}",
            ],
            [
                "tasks with every covered answer right",
                f"{s['tasks_solved']:,} of {s['tasks_with_covered_items']:,}",
            ],
        ]
        return _table(["score", "value"], rows)
    rows = [
        ["queries (judged with a relevant trial)", f"{s['queries']} ({s['judged_queries']})"],
        ["NDCG@10", _num(s["ndcg@10"])],
        ["recall@10", _num(s["recall@10"])],
    ]
    return _table(["score", "value"], rows)


def _failures(benchmark: str, records: Sequence[Any]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for r in records:
        sc = r.score or {}
        if r.status == "error":
            out.append([r.task_id, r.status, (r.error or "")[:120]])
        elif benchmark == "ehrsql" and (
            (sc.get("answerable") and not sc.get("correct"))
            or (not sc.get("answerable") and not sc.get("abstained"))
        ):
            why = sc.get("error") or ("abstained" if sc.get("abstained") else "wrong answer")
            out.append([r.task_id, r.status, why[:120]])
        elif benchmark == "medcalc" and not sc.get("correct"):
            out.append(
                [
                    r.task_id,
                    r.status,
                    f"got {sc.get('got')!r}, limits "
                    f"{sc.get('lower')}..{sc.get('upper')}"
                    + (" (erratum row)" if sc.get("erratum") else ""),
                ]
            )
        elif benchmark == "medmcp-calc" and sc.get("covered") and not sc.get("solved"):
            out.append(
                [
                    r.task_id,
                    r.status,
                    f"{sc.get('value_correct')}/{sc.get('covered')} covered answers right",
                ]
            )
    return out


def write_report(
    out: Path,
    *,
    header: dict[str, Any],
    summary: dict[str, Any],
    totals: dict[str, Any],
    records: Sequence[Any],
    notes: Sequence[str] = (),
) -> tuple[Path, list[Path]]:
    """Write ``report.md`` and its plots into ``out``.

    Args:
        out: The run folder.
        header: What ran (benchmark, model, strategy, split, data, seed ...).
        summary: The benchmark's scores (:func:`m3agent.agents.bench_score.summarize`).
        totals: Tokens, cost, time and counts of the run.
        records: Every task record.
        notes: Sentences to add (e.g. how the trials were ranked).

    Returns:
        The report's path and the plots' paths.
    """
    benchmark = header["benchmark"]
    plots = make_plots(out, benchmark, summary, records)
    parts = [f"# Benchmark {benchmark}: {header['model']} ({header['strategy']})\n"]
    parts.append(_table(["setting", "value"], [[k, v] for k, v in header.items()]))
    parts += ["\n## Scores\n", _scores_section(benchmark, summary)]
    parts.append("\n## Totals\n")
    parts.append(_table(["total", "value"], [[k, _num(v)] for k, v in totals.items()]))
    for note in notes:
        parts.append(f"\n{note}\n")
    parts.append("\n## Plots\n")
    parts += [f"\n![{p.stem}]({p.name})\n" for p in plots]
    fails = _failures(benchmark, records)
    if fails:
        parts.append(f"\n## Misses ({len(fails)}; first {min(len(fails), SHOWN_FAILURES)})\n")
        parts.append(_table(["task", "status", "why"], fails[:SHOWN_FAILURES]))
    parts.append(
        "\nEach task's answer, score and run id (its trace in the audit log: "
        "`m3-agent audit` or `m3agent.agents.trace.replay`) are in results.jsonl.\n"
    )
    path = out / "report.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path, plots
