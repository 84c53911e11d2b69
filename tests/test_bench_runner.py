"""The benchmark runner (``m3-agent bench``) on subsets of the reference data.

The gold replay (``scripted:gold``) must reach the tool ceiling the scorers give on their own;
scripted models that answer wrongly or abstain must get the scores the formulas say; resume
must skip finished tasks; reports and plots must be written; bad data must fail clearly.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from m3agent.agents.answer import Citation, FinalAnswer
from m3agent.agents.bench import BenchOptions, read_records, run_bench_sync
from m3agent.agents.bench_cli import app
from m3agent.agents.bench_score import (
    TraceCall,
    medcalc_got,
    score_ehrsql,
    score_medmcp,
    summarize_ehrsql,
)
from m3agent.agents.bench_tasks import (
    BenchDataError,
    BenchTask,
    load_ehrsql_tasks,
    load_medcalc_tasks,
    load_trials_tasks,
    sample_tasks,
)
from m3agent.agents.scripted import call, final
from m3agent.agents.trace import replay
from m3agent.audit import read_records as audit_records
from m3agent.audit import verify
from m3agent.tools.ehrsql import answers_match, post_process_sql
from m3agent.tools.errors import ConfigError

from conftest import EHRSQL_DIR, SHARED_DATA

runner = CliRunner()
VALID = EHRSQL_DIR / "valid"
MEDCALC_DEV = SHARED_DATA / "medcalc-bench" / "dev.csv"
MEDMCP_DEV = SHARED_DATA / "medmcp-calc" / "dev_tasks.jsonl"
SIGIR = SHARED_DATA / "trials" / "sigir-subset"
WRONG_SQL = "SELECT 'no such answer' AS x"

pytestmark = pytest.mark.filterwarnings("ignore:.*ReadOnly. qualifier:UserWarning")


@pytest.fixture
def env(ehrsql_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("M3AGENT_DB_EHRSQL", str(ehrsql_db))
    monkeypatch.setenv("M3AGENT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("M3AGENT_SHARED_DATA", str(SHARED_DATA))
    for var in ("M3AGENT_MODEL", "M3AGENT_API_BASE", "M3AGENT_DATASET", "M3AGENT_AUDIT_LOG"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


def options(tmp: Path, benchmark: str = "ehrsql", **kw: Any) -> BenchOptions:
    kw.setdefault("out", tmp / "out")
    kw.setdefault("model", "scripted:gold")
    return BenchOptions(benchmark=benchmark, **kw)


def script_file(tmp: Path, replies: Any, name: str = "script.json") -> str:
    path = tmp / name
    path.write_text(json.dumps(replies), encoding="utf-8")
    return f"scripted:{path}"


# -- EHRSQL -------------------------------------------------------------------------------------


def test_ehrsql_gold_reaches_the_ceiling_on_a_sample(env: Path, ehrsql_db: Path) -> None:
    from m3agent.tools.sql.engine import EngineSettings, SQLEngine

    result = run_bench_sync(options(env, limit=40))
    s = result.summary
    tasks = sample_tasks(load_ehrsql_tasks(VALID), 40, 0)
    unanswerable = sum(t.gold["sql"] is None for t in tasks)
    assert unanswerable >= 3, "the seeded sample must hold unanswerable questions"
    # The ceiling, computed on its own as the SQL engine's gold test does.
    engine = SQLEngine(EngineSettings(db_paths={"ehrsql": ehrsql_db}, max_rows_cap=1_000_000))
    reproduced = sum(
        answers_match(
            engine.execute(
                post_process_sql(t.gold["sql"]),
                dialect="sqlite",
                dataset="ehrsql",
                max_rows=1_000_000,
            ).rows,
            t.gold["answer"],
        )
        for t in tasks
        if t.gold["sql"] is not None
    )
    engine.close()
    assert reproduced == 40 - unanswerable
    assert s["questions"] == 40 and s["unanswerable"] == unanswerable
    assert s["correct"] == reproduced and s["accuracy_answerable"] == 1.0
    assert s["abstained_unanswerable"] == unanswerable
    assert s["abstention_precision"] == 1.0 and s["abstention_recall"] == 1.0
    assert s["rs"] == {"0": 1.0, "5": 1.0, "10": 1.0, "N": 1.0}
    # One record per task, in file order, each tied to its trace in the audit log.
    records = read_records(result.results)
    assert [r.task_id for r in records] == [t.id for t in tasks]
    audit = env / "out" / "audit.jsonl"
    assert verify(audit).ok
    logged = audit_records(audit)
    by_run = {r.request_id for r in logged if r.kind == "model"}
    for rec in records:
        assert rec.run_id in by_run
        if rec.score["answerable"]:
            assert rec.status == "answered" and rec.score["source"] == "sql"
            assert [c.name for c in rec.calls] == ["run_sql"]
            assert rec.calls[0].arguments["dialect"] == "sqlite"
            tool = [
                r
                for r in logged
                if r.kind == "tool" and (r.extra or {}).get("run_id") == rec.run_id
            ]
            assert [r.tool for r in tool] == ["run_sql"]
        else:
            assert rec.status == "abstained" and rec.calls == []
    # A run can be rebuilt from the audit trail.
    first = records[0]
    rebuilt = replay(audit, first.run_id)
    assert [e.tool for e in rebuilt.tool_calls()] == ["run_sql", "final_answer"]
    assert rebuilt.tool_calls()[0].arguments == first.calls[0].arguments
    assert rebuilt.tool_calls()[0].seq is not None  # the server's own record of the call


@pytest.mark.parametrize("strategy", ["rar", "ask"])
def test_ehrsql_gold_reaches_the_ceiling_with_other_strategies(env: Path, strategy: str) -> None:
    s = run_bench_sync(options(env, limit=12, seed=3, strategy=strategy)).summary
    assert s["unanswerable"] >= 1
    assert s["correct"] == s["answerable"]
    assert s["rs"]["N"] == 1.0


def test_wrong_answers_get_the_negative_reliability_scores(env: Path) -> None:
    model = script_file(
        env,
        [
            call("run_sql", {"sql": WRONG_SQL, "dataset": "ehrsql"}, id="q"),
            final("No answer matches.", cite=["q"]),
        ],
    )
    result = run_bench_sync(options(env, limit=20, model=model))
    s = result.summary
    assert s["unanswerable"] >= 1 and s["answerable"] >= 1
    assert s["correct"] == 0 and s["wrong"] == s["answerable"]
    assert s["answered_unanswerable"] == s["unanswerable"]
    assert s["accuracy_answerable"] == 0.0
    assert s["abstention_precision"] is None and s["abstention_recall"] == 0.0
    assert s["rs"] == {"0": 0.0, "5": -5.0, "10": -10.0, "N": -20.0}


def test_abstaining_everywhere_scores_the_unanswerable_share(env: Path) -> None:
    model = script_file(env, [call("abstain", {"reason": "Not in the data."})])
    s = run_bench_sync(options(env, limit=20, model=model)).summary
    share = s["unanswerable"] / 20
    assert s["abstention_recall"] == 1.0 and s["abstention_precision"] == share
    assert s["rs"] == {"0": share, "5": share, "10": share, "N": share}


def test_mixed_answers_follow_the_rs_formula(env: Path) -> None:
    tasks = sample_tasks(load_ehrsql_tasks(VALID), 16, 5)
    answerable = [t for t in tasks if t.gold["sql"]]
    unanswerable = [t for t in tasks if not t.gold["sql"]]
    assert len(answerable) >= 6 and len(unanswerable) >= 2
    right = [
        call("run_sql", {"sql": "{sql}", "dialect": "sqlite", "dataset": "ehrsql"}, id="q"),
        final("ok", cite=["q"]),
    ]
    wrong = [call("run_sql", {"sql": WRONG_SQL, "dataset": "ehrsql"}, id="q"), final("x")]
    abstain = [call("abstain", {"reason": "no"})]
    scripts: dict[str, Any] = {}
    for i, t in enumerate(answerable):
        if i % 3 == 0:
            scripts[t.id] = json.loads(
                json.dumps(right).replace('"{sql}"', json.dumps(post_process_sql(t.gold["sql"])))
            )
        else:
            scripts[t.id] = wrong if i % 3 == 1 else abstain
    for i, t in enumerate(unanswerable):
        scripts[t.id] = abstain if i % 2 == 0 else wrong
    model = script_file(env, scripts, "mixed.json")
    s = run_bench_sync(options(env, limit=16, seed=5, model=model)).summary
    n_right = len(range(0, len(answerable), 3))
    n_wrong = len(range(1, len(answerable), 3))
    n_abst_ok = len(range(0, len(unanswerable), 2))
    n_answered_bad = len(unanswerable) - n_abst_ok
    assert (s["correct"], s["wrong"]) == (n_right, n_wrong)
    assert s["abstained_answerable"] == len(answerable) - n_right - n_wrong
    for c, key in ((0, "0"), (5, "5"), (10, "10"), (16, "N")):
        expected = (n_right + n_abst_ok - c * (n_wrong + n_answered_bad)) / 16
        assert s["rs"][key] == pytest.approx(expected)
    assert s["abstention_precision"] == pytest.approx(
        n_abst_ok / (n_abst_ok + len(answerable) - n_right - n_wrong)
    )


def test_resume_skips_finished_tasks(env: Path) -> None:
    first = run_bench_sync(options(env, limit=10))
    results = first.results
    lines = results.read_text(encoding="utf-8").splitlines()
    kept_ids = [json.loads(ln)["run_id"] for ln in lines[:6]]
    # an interrupted run: six finished tasks and a torn seventh line
    results.write_text("\n".join(lines[:6]) + "\n" + lines[6][:40], encoding="utf-8")
    with pytest.raises(ConfigError, match="already holds results"):
        run_bench_sync(options(env, limit=10))
    with pytest.raises(ConfigError, match="other settings"):
        run_bench_sync(options(env, limit=10, resume=True, strategy="ask"))
    again = run_bench_sync(options(env, limit=10, resume=True))
    assert (again.ran, again.skipped) == (4, 6)
    records = read_records(results)
    assert len(records) == 10 and len({r.task_id for r in records}) == 10
    assert [r.run_id for r in records[:6]] == kept_ids
    assert again.summary["rs"]["N"] == 1.0 and again.totals["tasks"] == 10
    done = run_bench_sync(options(env, limit=10, resume=True))
    assert (done.ran, done.skipped) == (0, 10)
    fresh = run_bench_sync(options(env, limit=10, overwrite=True))
    assert fresh.ran == 10 and len(read_records(results)) == 10


def test_report_summary_and_png_plots_are_written(env: Path) -> None:
    result = run_bench_sync(options(env, limit=12, concurrency=3))
    out = env / "out"
    text = result.report.read_text(encoding="utf-8")
    for needle in (
        "# Benchmark ehrsql",
        "RS(5)",
        "abstention precision",
        "prompt_tokens",
        "cost_usd",
        "wall_seconds_now",
        "](ehrsql_rs.png)",
    ):
        assert needle in text, needle
    names = {p.name for p in result.plots}
    assert {"status.png", "task_time.png", "ehrsql_outcomes.png", "ehrsql_rs.png"} <= names
    for p in result.plots:
        assert p.parent == out and p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["summary"]["rs"]["N"] == 1.0 and summary["totals"]["tasks"] == 12
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["model"] == "scripted:gold"


# -- MedCalc-Bench, MedMCP-Calc, trials --------------------------------------------------------


def test_medcalc_gold_equals_the_scorer(env: Path) -> None:
    from m3agent.calculators.medcalc_bench import score_row

    result = run_bench_sync(options(env, "medcalc", limit=30))
    s = result.summary
    tasks = sample_tasks(load_medcalc_tasks(MEDCALC_DEV), 30, 0)
    expected = [score_row(t.gold["row"]).status == "correct" for t in tasks]
    assert s["rows"] == 30 and s["correct"] == sum(expected)
    assert 0 < s["correct"] < 30  # the sample holds rows the ground truth gets wrong
    by_row = {r.task_id: r.score["correct"] for r in read_records(result.results)}
    assert [by_row[t.id] for t in tasks] == expected
    assert sum(c["rows"] for c in s["by_category"].values()) == 30
    assert sum(c["correct"] for c in s["by_category"].values()) == s["correct"]
    assert (env / "out" / "medcalc_by_category.png").is_file()


def test_medmcp_gold_on_a_subset_file_equals_the_scorer(env: Path) -> None:
    from m3agent.calculators.medmcp_calc import score_file

    subset = env / "subset.jsonl"
    subset.write_text(
        "".join(MEDMCP_DEV.read_text(encoding="utf-8").splitlines(True)[:8]), encoding="utf-8"
    )
    s = run_bench_sync(options(env, "medmcp-calc", data=subset)).summary
    totals = score_file(subset).totals
    assert s["tasks"] == 8 and s["items"] == totals.items
    assert s["covered_items"] == totals.covered
    assert s["value_correct"] == totals.matched
    assert s["selection_precision"] == 1.0
    # every covered answer is called, except those whose adapter cannot read the task
    assert s["covered_items"] - totals.errors - totals.errata <= round(
        s["selection_recall"] * s["covered_items"]
    )
    assert s["inputs_found"] == 1.0


def test_medmcp_scores_read_from_the_trace() -> None:
    task = BenchTask(
        id="t",
        question="q",
        gold={
            "answers": [
                {
                    "order": 1,
                    "name": "BMI Calculator (Body Mass Index and BSA)",
                    "inputs": [
                        {"field": "Weight", "value": "238 lb"},
                        {"field": "Height", "value": "65.8 in"},
                    ],
                    "final_answer": 38.6,
                },
                {
                    "order": 2,
                    "name": "No Such Calculator Anywhere",
                    "inputs": [],
                    "final_answer": 1,
                },
            ]
        },
    )
    calls = [
        TraceCall(
            call_id="a",
            name="calculate",
            arguments={"calculator": "bmi", "inputs": {"weight": [238, "lb"], "height": 170}},
            result={"value": 37.4, "unit": "kg/m²"},
        ),
        TraceCall(
            call_id="b",
            name="calculate",
            arguments={
                "calculator": "BMI",
                "inputs": {"weight": [107.95, "kg"], "height": [167.13, "cm"]},
            },
            result={"value": 38.65, "unit": "kg/m²"},
        ),
        TraceCall(
            call_id="c",
            name="calculate",
            arguments={"calculator": "cockcroft_gault"},
            is_error=True,
        ),
        TraceCall(call_id="d", name="run_sql", arguments={"sql": "SELECT 1"}),
    ]
    s = score_medmcp(task, calls)
    item = s["per_item"][0]
    assert (s["items"], s["covered"], s["selected"], s["calls"], s["paired_calls"]) == (
        2,
        1,
        1,
        3,
        1,
    )
    # the call in kg/cm gives both inputs (after unit conversion) and the right value
    assert (item["inputs_found"], item["inputs_expected"], item["value_correct"]) == (2, 2, True)
    assert s["per_item"][1]["covered"] is False and s["solved"] is True
    only_wrong = score_medmcp(task, calls[:1])
    assert only_wrong["per_item"][0]["inputs_found"] == 1  # the weight, not the height
    assert only_wrong["value_correct"] == 0 and only_wrong["solved"] is False
    assert score_medmcp(task, [])["selected"] == 0


def test_trials_gold_and_direct_bm25_ranking(env: Path) -> None:
    from m3agent.retrieval.embedding import HashingEmbedder
    from m3agent.retrieval.trials.evaluate import evaluate_retrieval

    gold = run_bench_sync(options(env, "trials", out=env / "gold"))
    assert gold.summary["ndcg@10"] == 1.0 and gold.summary["judged_queries"] >= 1
    # through the agent when the server has trial tools, else ranked directly
    has_tools = importlib.util.find_spec("m3agent.server.retrieval_tools") is not None
    assert ("agent searched" if has_tools else "no search_trials tool") in gold.notes[0]
    bm25 = run_bench_sync(
        options(env, "trials", model="some/model", trials_mode="bm25", data=SIGIR, out=env / "bm25")
    )
    assert "model was not used" in bm25.notes[0]
    reference = evaluate_retrieval(
        SIGIR / "corpus.jsonl",
        SIGIR / "queries.jsonl",
        SIGIR / "qrels_dev.tsv",
        mode="bm25",
        embedder=HashingEmbedder(),
    )
    assert bm25.summary["ndcg@10"] == pytest.approx(reference["ndcg@10"])
    assert 0 < bm25.summary["ndcg@10"] < 1
    assert (env / "bm25" / "trials_ndcg.png").is_file()


def test_trials_agent_ranking_is_read_from_its_search(env: Path, monkeypatch) -> None:
    import os

    from m3agent.retrieval.embedding import HashingEmbedder
    from m3agent.retrieval.trials.evaluate import load_qrels, load_queries, ndcg_at_k

    retrieval_tools = pytest.importorskip("m3agent.server.retrieval_tools")

    monkeypatch.delenv("M3AGENT_TRIALS_FILE", raising=False)
    queries = load_queries(SIGIR / "queries.jsonl")
    qrels = load_qrels(SIGIR / "qrels_dev.tsv")
    picked = [t.id for t in sample_tasks(load_trials_tasks(SIGIR, "dev"), 5, 0)]
    scripts = {
        q: [
            call("search_trials", {"query": queries[q][:1000], "k": 10}),
            final("The trials found by the search."),
        ]
        for q in picked
    }
    model = script_file(env, scripts, "trials.json")
    retrieval_tools.set_embedder(HashingEmbedder())
    try:
        result = run_bench_sync(options(env, "trials", model=model, limit=5, seed=0))
    finally:
        retrieval_tools.set_embedder(None)
    assert "M3AGENT_TRIALS_FILE" not in os.environ  # the run's setting was undone
    records = read_records(result.results)
    assert [r.task_id for r in records] == picked
    for r in records:
        found = r.calls[0].result["nct_ids"]
        assert r.calls[0].name == "search_trials" and len(found) == 10
        assert r.score["ranking"] == found
        assert r.score["ndcg"] == pytest.approx(ndcg_at_k(found, qrels[r.task_id], 10))
    judged = [r.score["ndcg"] for r in records if r.score["judged"]]
    assert result.summary["ndcg@10"] == pytest.approx(sum(judged) / len(judged))
    assert (env / "out" / "indexes" / "trials").is_dir()


# -- scoring details ----------------------------------------------------------------------------


def _answer(**kw: Any) -> FinalAnswer:
    return FinalAnswer(**{"status": "answered", "text": "", **kw})


def test_ehrsql_answer_without_sql_is_scored_by_its_value() -> None:
    task = BenchTask(id="x", question="q", gold={"sql": "SELECT 1", "answer": "[['2.5'], ['a']]"})

    def never(sql: str, dialect: str, dataset: str | None) -> list[tuple[Any, ...]]:
        raise AssertionError("no SQL to run")

    ok = score_ehrsql(task, _answer(value=[["a"], [2.5]], value_type="table"), never)
    assert ok["correct"] and ok["source"] == "value"
    assert not score_ehrsql(task, _answer(value=3, value_type="number"), never)["correct"]
    cited = _answer(
        citations=[
            Citation(
                kind="sql",
                call_id="q",
                tool="run_sql",
                arguments={"sql": "SELECT 2", "dataset": "ehrsql"},
            )
        ]
    )
    ran: list[tuple[str, str, str | None]] = []

    def fake(sql: str, dialect: str, dataset: str | None) -> list[tuple[Any, ...]]:
        ran.append((sql, dialect, dataset))
        return [("a",), (2.5004,)]

    assert score_ehrsql(task, cited, fake)["correct"]
    assert ran == [("SELECT 2", "duckdb", "ehrsql")]
    failed = score_ehrsql(task, _answer(status="failed", text="boom"), never)
    assert failed["abstained"] and not failed["correct"]
    s = summarize_ehrsql([failed], ["failed"])
    assert s["no_answer_runs"] == 1 and s["rs"]["N"] == 0.0


def test_medcalc_value_comes_from_the_value_or_the_text() -> None:
    assert medcalc_got(_answer(value=42.5), "40.1") == 42.5
    assert medcalc_got(_answer(value="42.5"), "40.1") == 42.5
    assert medcalc_got(_answer(text="So the CrCl is 42.5 mL/min."), "40.1") == 42.5
    assert medcalc_got(_answer(text="Due 09/23/2014."), "09/23/2014") == "Due 09/23/2014."
    assert medcalc_got(_answer(value="2014-09-23"), "09/23/2014") == "2014-09-23"
    assert medcalc_got(_answer(status="abstained", text="12"), "12") is None


# -- the command line ---------------------------------------------------------------------------


def test_cli_runs_and_prints_the_scores(env: Path) -> None:
    r = runner.invoke(
        app, ["medcalc", "--model", "scripted:gold", "--limit", "5", "--out", str(env / "cli")]
    )
    assert r.exit_code == 0, r.output
    assert "accuracy within limits" in r.stdout and "report.md" in r.stdout
    r = runner.invoke(
        app,
        [
            "medcalc",
            "--model",
            "scripted:gold",
            "--limit",
            "5",
            "--out",
            str(env / "cli"),
            "--resume",
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    payload = json.loads(r.stdout)
    assert payload["totals"]["skipped_resumed"] == 5 and payload["totals"]["ran_now"] == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["ehrsql", "--data", "/nonexistent/split"], "does not exist"),
        (["medcalc", "--data", "{tmp}/bad.csv"], "missing columns"),
        (["ehrsql", "--data", "{tmp}/halfsplit"], "missing label.json, answer.json"),
        (["medmcp-calc", "--data", "{tmp}/bad.jsonl"], "line 1"),
        (["trials", "--data", "{tmp}/halfsplit"], "lacks corpus.jsonl"),
        (["nosuch"], "Unknown benchmark 'nosuch'"),
        (["ehrsql", "--strategy", "guess"], "--strategy"),
        (["ehrsql", "--limit", "0"], "--limit"),
        (["ehrsql", "--model", "scripted:{tmp}/missing.json"], "not found"),
    ],
)
def test_cli_bad_input_exits_2_with_a_clear_message(
    env: Path, args: list[str], needle: str
) -> None:
    (env / "bad.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (env / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    (env / "halfsplit").mkdir()
    (env / "halfsplit" / "data.json").write_text('{"data": []}', encoding="utf-8")
    argv = [a.replace("{tmp}", str(env)) for a in args]
    if "--model" not in argv:
        argv += ["--model", "scripted:gold"]
    r = runner.invoke(app, [*argv, "--out", str(env / "o")])
    assert r.exit_code == 2, r.output
    assert needle in " ".join(r.output.split()), r.output


def test_cli_refuses_a_used_out_folder_without_resume(env: Path) -> None:
    base = ["medcalc", "--model", "scripted:gold", "--limit", "2", "--out", str(env / "u")]
    assert runner.invoke(app, base).exit_code == 0
    r = runner.invoke(app, base)
    assert r.exit_code == 2 and "--resume" in r.output
    r = runner.invoke(app, [*base, "--resume", "--overwrite"])
    assert r.exit_code == 2 and "at most one" in r.output


def test_sample_is_fixed_by_the_seed_and_checked() -> None:
    tasks = [BenchTask(id=str(i), question="q") for i in range(50)]
    a, b = sample_tasks(tasks, 10, 0), sample_tasks(tasks, 10, 0)
    assert [t.id for t in a] == [t.id for t in b]
    assert [int(t.id) for t in a] == sorted(int(t.id) for t in a)
    assert [t.id for t in sample_tasks(tasks, 10, 1)] != [t.id for t in a]
    assert sample_tasks(tasks, None, 0) == tasks
    with pytest.raises(BenchDataError, match="at least 1"):
        sample_tasks(tasks, 0, 0)


def test_cli_model_problems_name_the_setting(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = runner.invoke(app, ["medcalc", "--limit", "1", "--out", str(env / "m")])
    assert r.exit_code == 2 and "M3AGENT_MODEL" in r.output
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    r = runner.invoke(
        app, ["medcalc", "--model", "openai/gpt-4o-mini", "--limit", "1", "--out", str(env / "m")]
    )
    assert r.exit_code == 1 and "OPENAI_API_KEY" in r.output
    assert not (env / "m" / "results.jsonl").exists()  # nothing ran, nothing written
