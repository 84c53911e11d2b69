"""Benchmark tasks: where each benchmark's data lives and how a split becomes a list of tasks.

Every benchmark is read in its own published layout, so ``--data`` can point at any split:

* ``ehrsql``: a folder with ``data.json``, ``label.json`` and ``answer.json`` (EHRSQL 2024);
  the folder holding split folders (``ehrsql-2024/``) works too, with ``--split``.
* ``medcalc``: a MedCalc-Bench CSV (``dev.csv``); a folder means ``<folder>/<split>.csv``.
* ``medmcp-calc``: a MedMCP-Calc JSONL file (``dev_tasks.jsonl``); a folder means
  ``<folder>/<split>_tasks.jsonl``.
* ``trials``: a TrialGPT folder with ``corpus.jsonl``, ``queries.jsonl`` and qrels
  (``qrels_<split>.tsv``, ``qrels/<split>.tsv`` or the folder's only ``qrels*.tsv``).

The defaults point at the reference data beside the project (``../shared/data``, or
``$M3AGENT_SHARED_DATA``).
"""

from __future__ import annotations

import ast
import json
import os
import random
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from m3agent.tools.errors import M3AgentError

BenchmarkName = Literal["ehrsql", "medcalc", "medmcp-calc", "trials"]
BENCHMARKS: tuple[str, ...] = ("ehrsql", "medcalc", "medmcp-calc", "trials")

#: The split each benchmark runs when ``--split`` is not given.
DEFAULT_SPLITS: dict[str, str] = {
    "ehrsql": "valid",
    "medcalc": "dev",
    "medmcp-calc": "dev",
    "trials": "dev",
}

#: Environment variable naming the reference data folder (as in the tests and benchmarks).
SHARED_DATA_ENV = "M3AGENT_SHARED_DATA"

#: Columns of a MedCalc-Bench CSV the runner needs besides the scorer's own.
MEDCALC_AGENT_COLUMNS = ("Patient Note", "Question", "Category")


class BenchDataError(M3AgentError):
    """A benchmark's data is missing or not in the benchmark's own layout."""

    code = "bench_data"


class BenchTask(BaseModel):
    """One task of a benchmark.

    Attributes:
        id: The task id, unique in the split (EHRSQL question id, MedCalc-Bench row number,
            MedMCP-Calc task id, TrialGPT query id).
        question: What the agent is asked.
        gold: The ground truth, in the benchmark's own terms (never shown to the agent).
    """

    id: str
    question: str
    gold: dict[str, Any] = Field(default_factory=dict)


def shared_data_dir() -> Path:
    """The reference data folder: ``$M3AGENT_SHARED_DATA``, else ``../shared/data``."""
    env = os.environ.get(SHARED_DATA_ENV)
    if env:
        return Path(env).expanduser()
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def check_benchmark(name: str) -> str:
    """Return ``name`` if it is a benchmark.

    Raises:
        BenchDataError: Naming the benchmarks there are.
    """
    if name not in BENCHMARKS:
        raise BenchDataError(
            f"Unknown benchmark {name!r}; expected one of {', '.join(BENCHMARKS)}.",
        )
    return name


def default_data_path(benchmark: str, split: str) -> Path:
    """Where the reference data of ``benchmark``'s ``split`` lives."""
    root = shared_data_dir()
    if benchmark == "ehrsql":
        return root / "ehrsql-2024" / split
    if benchmark == "medcalc":
        return root / "medcalc-bench" / f"{split}.csv"
    if benchmark == "medmcp-calc":
        return root / "medmcp-calc" / f"{split}_tasks.jsonl"
    return root / "trials" / "sigir-subset"


def resolve_data_path(benchmark: str, split: str, data: Path | None) -> Path:
    """The file or folder to read: ``data`` (a folder resolved by split) or the default.

    Raises:
        BenchDataError: If the path does not exist or has not the benchmark's layout.
    """
    path = Path(data).expanduser() if data is not None else default_data_path(benchmark, split)
    where = "--data" if data is not None else f"the default ({SHARED_DATA_ENV} or ../shared/data)"
    if not path.exists():
        raise BenchDataError(
            f"{benchmark} data not found: {path} does not exist (from {where}).",
            hint=_layout_hint(benchmark),
        )
    if benchmark == "ehrsql":
        if path.is_dir() and not (path / "data.json").exists() and (path / split).is_dir():
            path = path / split
        if not path.is_dir():
            raise BenchDataError(
                f"ehrsql: expected a split folder with data.json, label.json and answer.json, "
                f"found the file {path}.",
                hint=_layout_hint(benchmark),
            )
        missing = [
            f for f in ("data.json", "label.json", "answer.json") if not (path / f).is_file()
        ]
        if missing:
            raise BenchDataError(
                f"ehrsql: {path} is not an EHRSQL split folder: missing {', '.join(missing)}; "
                f"found {sorted(p.name for p in path.iterdir())[:10]}.",
                hint=_layout_hint(benchmark),
            )
        return path
    if benchmark in ("medcalc", "medmcp-calc"):
        if path.is_dir():
            name = f"{split}.csv" if benchmark == "medcalc" else f"{split}_tasks.jsonl"
            if not (path / name).is_file():
                raise BenchDataError(
                    f"{benchmark}: {path} is a folder without {name}; expected a "
                    f"{'CSV' if benchmark == 'medcalc' else 'JSONL'} file or a folder holding "
                    f"{name}.",
                    hint=_layout_hint(benchmark),
                )
            path = path / name
        return path
    if not path.is_dir():
        raise BenchDataError(
            f"trials: expected a TrialGPT folder (corpus.jsonl, queries.jsonl, qrels), found the "
            f"file {path}.",
            hint=_layout_hint(benchmark),
        )
    return path


def _layout_hint(benchmark: str) -> str:
    return {
        "ehrsql": "--data DIR with data.json, label.json, answer.json (an EHRSQL 2024 split), "
        "or the folder holding the split folders with --split",
        "medcalc": "--data FILE.csv in the MedCalc-Bench layout (Row Number, Calculator ID, "
        "Patient Note, Question, Relevant Entities, Lower Limit, Upper Limit ...)",
        "medmcp-calc": "--data FILE.jsonl in the MedMCP-Calc layout (one task a line with "
        "task_id, fuzzy_question, calculator_answers)",
        "trials": "--data DIR with corpus.jsonl, queries.jsonl and qrels_<split>.tsv (TrialGPT)",
    }[benchmark]


def sample_tasks(tasks: list[BenchTask], limit: int | None, seed: int) -> list[BenchTask]:
    """A fixed-seed sample of ``limit`` tasks, kept in file order (all when ``limit`` is None).

    A sample rather than the first ``limit`` tasks because splits are often sorted (EHRSQL puts
    every unanswerable question at the end); the seed makes it the same sample on every run.

    Raises:
        BenchDataError: If ``limit`` is below 1.
    """
    if limit is None or limit >= len(tasks):
        return list(tasks)
    if limit < 1:
        raise BenchDataError(f"--limit must be at least 1, found {limit}.")
    chosen = sorted(random.Random(seed).sample(range(len(tasks)), limit))
    return [tasks[i] for i in chosen]


# -- loaders ------------------------------------------------------------------------------------


def load_ehrsql_tasks(path: Path) -> list[BenchTask]:
    """EHRSQL 2024 questions; gold = ``{"sql", "answer"}`` (None for unanswerable ones).

    Raises:
        BenchDataError: If the split cannot be read.
    """
    from m3agent.tools.ehrsql import load_split

    try:
        records = load_split(path)
    except M3AgentError as e:
        raise BenchDataError(f"ehrsql: {e.message}", hint=_layout_hint("ehrsql")) from None
    return [
        BenchTask(id=r.id, question=r.question, gold={"sql": r.gold_sql, "answer": r.gold_answer})
        for r in records
    ]


def load_medcalc_tasks(path: Path) -> list[BenchTask]:
    """MedCalc-Bench rows; question = the patient note and the question; gold = the row.

    Raises:
        BenchDataError: If the CSV lacks the benchmark's columns or repeats a row number.
    """
    from m3agent.calculators.medcalc_bench import read_rows

    try:
        rows = read_rows(path)
    except M3AgentError as e:
        raise BenchDataError(f"medcalc: {e.message}", hint=_layout_hint("medcalc")) from None
    tasks: list[BenchTask] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, start=2):  # line 1 is the header
        missing = [c for c in MEDCALC_AGENT_COLUMNS if c not in row]
        if missing:
            raise BenchDataError(
                f"medcalc: {path} lacks the columns {missing} the agent needs; found "
                f"{sorted(row)}.",
                hint=_layout_hint("medcalc"),
            )
        rid = (row.get("Row Number") or "").strip()
        if not rid:
            raise BenchDataError(f"medcalc: {path} line {n}: empty Row Number.")
        if rid in seen:
            raise BenchDataError(f"medcalc: {path}: Row Number {rid} appears twice.")
        seen.add(rid)
        question = f"{row['Patient Note'].strip()}\n\n{row['Question'].strip()}"
        tasks.append(BenchTask(id=rid, question=question, gold={"row": dict(row)}))
    return tasks


def load_medmcp_tasks(path: Path) -> list[BenchTask]:
    """MedMCP-Calc tasks; question = the fuzzy question and the patient's data.

    The original benchmark lets the agent read the patient from its own hospital database,
    which is not public; here the inputs of the task's ground-truth answers stand in for that
    record, listed once each as "field: value" lines (scores and answers left out).

    Raises:
        BenchDataError: Naming the line of a record that is not a task.
    """
    if not path.is_file():
        raise BenchDataError(
            f"medmcp-calc: {path} is not a file.", hint=_layout_hint("medmcp-calc")
        )
    tasks: list[BenchTask] = []
    seen: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise BenchDataError(f"medmcp-calc: cannot read {path} as UTF-8 text: {e}") from None
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise BenchDataError(
                f"medmcp-calc: {path} line {n}: expected one JSON object, found invalid JSON "
                f"({e.msg}).",
                hint=_layout_hint("medmcp-calc"),
            ) from None
        answers = rec.get("calculator_answers") if isinstance(rec, dict) else None
        if (
            not isinstance(rec, dict)
            or not isinstance(rec.get("task_id"), str)
            or not isinstance(rec.get("fuzzy_question"), str)
            or not isinstance(answers, list)
            or not all(isinstance(a, dict) and "name" in a for a in answers)
        ):
            raise BenchDataError(
                f"medmcp-calc: {path} line {n}: expected a task with string task_id and "
                f"fuzzy_question and a calculator_answers list of {{name, inputs, final_answer}}; "
                f"found {str(rec)[:120]!r}.",
                hint=_layout_hint("medmcp-calc"),
            )
        if rec["task_id"] in seen:
            raise BenchDataError(f"medmcp-calc: {path} line {n}: task {rec['task_id']} repeats.")
        seen.add(rec["task_id"])
        tasks.append(
            BenchTask(
                id=rec["task_id"],
                question=medmcp_question(rec["fuzzy_question"], answers),
                gold={"answers": answers, "required": rec.get("required_calculators") or []},
            )
        )
    return tasks


def medmcp_question(fuzzy: str, answers: list[dict[str, Any]]) -> str:
    """The fuzzy question followed by the patient's data (each field and value once)."""
    facts: list[str] = []
    for a in answers:
        for item in a.get("inputs") or []:
            if not isinstance(item, dict) or "field" not in item:
                continue
            line = f"- {item['field']}: {item.get('value')}"
            if line not in facts:
                facts.append(line)
    body = fuzzy.strip()
    if facts:
        body += "\n\nPatient data:\n" + "\n".join(facts)
    return body


def trials_files(folder: Path, split: str) -> tuple[Path, Path, Path]:
    """The corpus, queries and qrels files of a TrialGPT folder.

    Raises:
        BenchDataError: If one is missing, saying what was looked for.
    """
    corpus, queries = folder / "corpus.jsonl", folder / "queries.jsonl"
    candidates = [folder / f"qrels_{split}.tsv", folder / "qrels" / f"{split}.tsv"]
    qrels = next((p for p in candidates if p.is_file()), None)
    if qrels is None:
        found = sorted(folder.glob("qrels*.tsv"))
        qrels = found[0] if len(found) == 1 else None
    missing = [p.name for p in (corpus, queries) if not p.is_file()]
    if qrels is None:
        missing.append(f"qrels_{split}.tsv (or qrels/{split}.tsv)")
    if missing:
        raise BenchDataError(
            f"trials: {folder} lacks {', '.join(missing)}; found "
            f"{sorted(p.name for p in folder.iterdir())[:10]}.",
            hint=_layout_hint("trials"),
        )
    assert qrels is not None
    return corpus, queries, qrels


def load_trials_tasks(folder: Path, split: str) -> list[BenchTask]:
    """One task per judged query; gold = ``{"qrels": {trial id: grade}}``.

    Raises:
        BenchDataError: If a file is missing or malformed, or qrels name a query without text.
    """
    from m3agent.retrieval.trials.evaluate import load_qrels, load_queries

    _, queries_path, qrels_path = trials_files(folder, split)
    try:
        queries = load_queries(queries_path)
        qrels = load_qrels(qrels_path)
    except M3AgentError as e:
        raise BenchDataError(f"trials: {e.message}", hint=_layout_hint("trials")) from None
    missing = sorted(set(qrels) - set(queries))
    if missing:
        raise BenchDataError(
            f"trials: {qrels_path} judges {len(missing)} queries that {queries_path} lacks, e.g. "
            f"{missing[:3]}."
        )
    return [
        BenchTask(id=qid, question=queries[qid], gold={"qrels": qrels[qid]})
        for qid in sorted(qrels)
    ]


def load_tasks(benchmark: str, path: Path, split: str) -> list[BenchTask]:
    """Every task of a benchmark split (see the module docstring for the layouts).

    Raises:
        BenchDataError: If the data cannot be read as the benchmark's layout, or holds no task.
    """
    if benchmark == "ehrsql":
        tasks = load_ehrsql_tasks(path)
    elif benchmark == "medcalc":
        tasks = load_medcalc_tasks(path)
    elif benchmark == "medmcp-calc":
        tasks = load_medmcp_tasks(path)
    else:
        tasks = load_trials_tasks(path, split)
    if not tasks:
        raise BenchDataError(f"{benchmark}: {path} holds no task.", hint=_layout_hint(benchmark))
    return tasks


def medcalc_entities(row: dict[str, str]) -> dict[str, Any]:
    """A MedCalc-Bench row's Relevant Entities (a Python literal; ``eval`` is never used).

    Raises:
        BenchDataError: If the text is not a literal dict.
    """
    try:
        value = ast.literal_eval(row.get("Relevant Entities") or "")
    except (ValueError, SyntaxError) as e:
        raise BenchDataError(
            f"medcalc row {row.get('Row Number')}: Relevant Entities is not a Python literal "
            f"dict ({e})."
        ) from None
    if not isinstance(value, dict):
        raise BenchDataError(
            f"medcalc row {row.get('Row Number')}: Relevant Entities must be a dict, found "
            f"{type(value).__name__}."
        )
    return value
