"""Retrieval and trial matching through the product: schema retrieval, trial retrieval,
computable criteria, built-in indexes, and matching latency. No language model is used.

1. Schema retrieval on EHRSQL valid: for each answerable question, are all the tables its gold
   SQL reads in the top 3 / top 5 tables of the schema index? (BM25, dense, hybrid; the same
   evaluation as ``m3-agent index eval-schema --questions DIR``.)
2. Trial retrieval on TrialGPT's SIGIR subset (27 judged dev patients): NDCG@10 and recall@10
   per mode (``m3-agent trials eval``).
3. Computable criteria on ``criterion_annotations_dev.json``: coverage (share of criteria our
   predicates label) and agreement with the physicians' labels on those.
4. Built-in indexes with all-MiniLM-L6-v2: documents, build time, and whether a few plain-word
   probes find the intended table, itemid or calculator in the top 3.
5. Latency: the facts of a demo patient from the database, and matching the 677
   ClinicalTrials.gov studies against one demo patient without a model (target ≤ 2 s), cold
   (criteria parsed on first use) and warm (parsed criteria cached).

Usage: ``.venv/bin/python benchmarks/bench_trials.py [--data ../shared/data] [--repeat 5]
[--skip-builtin]``
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from m3agent.retrieval.builtin import ensure_builtin, load_builtin_trials, trial_documents
from m3agent.retrieval.eval_cli import evaluate_schema, load_schema_questions
from m3agent.retrieval.trials.ehr_facts import facts_from_ehr
from m3agent.retrieval.trials.evaluate import evaluate_criteria, evaluate_retrieval
from m3agent.retrieval.trials.ingest import load_trials
from m3agent.retrieval.trials.matching import match_trial
from m3agent.retrieval.trials.ranking import rank_matches
from m3agent.retrieval.trials.search import TrialMatcher, build_trial_index
from m3agent.tools.sql.engine import EngineSettings, SQLEngine

from _common import SHARED, demo_db, machine_note, table, timed

TARGET_MATCH_S = 2.0
MODES = ("bm25", "dense", "hybrid")
#: Patient of the latency run: a demo patient with diabetes, heart failure and many labs.
LATENCY_PATIENT = 10002495

#: Hand-written probes: plain words and the document a model should find in the top 3. An
#: illustration of the built-in indexes, not a benchmark (they were written by us).
PROBES: dict[str, list[tuple[str, str]]] = {
    "schema": [
        ("how long did the patient stay in the ICU", "mimiciv_icu.icustays.los"),
        ("patient's age", "mimiciv_hosp.patients.anchor_age"),
        ("when did the patient die", "mimiciv_hosp.patients.dod"),
        ("dose of a prescribed drug", "mimiciv_hosp.prescriptions.dose_val_rx"),
        ("blood culture organism", "mimiciv_hosp.microbiologyevents.org_name"),
    ],
    "concepts": [
        ("lactate", "d_labitems/50813"),
        ("serum creatinine", "d_labitems/50912"),
        ("heart rate", "d_items/220045"),
        ("white blood cell count", "d_labitems/51301"),
        ("norepinephrine infusion", "d_items/221906"),
    ],
    "calculators": [
        ("stroke risk in atrial fibrillation", "calculator/cha2ds2_vasc"),
        ("kidney function from creatinine", "calculator/ckd_epi_2021"),
        ("organ failure score in the ICU", "calculator/sofa"),
        ("liver disease severity for transplant", "calculator/meld_na"),
        ("bleeding risk on anticoagulation", "calculator/has_bled"),
    ],
}


def schema_section(data: Path, root: Path) -> str:
    questions, skipped = load_schema_questions(data / "ehrsql-2024" / "valid")
    out = []
    rows = []
    for name in ("schema-ehrsql", "schema"):
        index, _ = ensure_builtin(name, root=root)
        t0 = time.perf_counter()
        result = evaluate_schema(index, questions, name=name, modes=MODES, ks=(3, 5))
        per_query_ms = (time.perf_counter() - t0) * 1000 / (len(questions) * len(MODES))
        for m in result.modes:
            rows.append(
                [
                    name,
                    m.mode,
                    m.all_found[3],
                    m.all_found[5],
                    m.table_recall[3],
                    m.table_recall[5],
                    per_query_ms,
                ]
            )
        if result.unknown_tables:
            out.append(
                f"_Index {name} has no document for gold table(s) "
                f"{', '.join(result.unknown_tables)}._\n"
            )
    out.insert(
        0,
        table(
            f"Schema retrieval, EHRSQL 2024 valid ({len(questions)} answerable questions, "
            f"{skipped} skipped)",
            [
                "index",
                "mode",
                "all gold tables in top 3",
                "all in top 5",
                "table recall@3",
                "table recall@5",
                "ms / question (mean)",
            ],
            rows,
        ),
    )
    out.append(
        "_Reference: plain BM25 over table and column names alone finds all gold tables "
        "in the top 5 for 27% of questions (measured-facts.md)._\n"
    )
    return "\n".join(out)


def trials_retrieval_section(data: Path, root: Path) -> str:
    sigir = data / "trials" / "sigir-subset"
    trials = load_trials(sigir / "corpus.jsonl").trials
    index = build_trial_index(root / "sigir", trials)
    rows = []
    for mode in MODES:
        s = evaluate_retrieval(
            trials, sigir / "queries.jsonl", sigir / "qrels_dev.tsv", mode, index=index
        )
        rows.append([mode, s["ndcg@10"], s["recall@10"], int(s["queries"])])
    return table(
        f"Trial retrieval, TrialGPT SIGIR subset ({len(trials)} trials, judged dev patients)",
        ["mode", "NDCG@10", "recall@10", "queries"],
        rows,
    ) + ("\n_Reference: plain BM25 NDCG@10 ≈ 0.3–0.4 (measured-facts.md)._\n")


def criteria_section(data: Path) -> str:
    path = data / "trials" / "sigir-subset" / "criterion_annotations_dev.json"
    rows = []
    for policy in ("trialgpt", "strict"):
        ms, r = timed(lambda policy=policy: evaluate_criteria(path, policy=policy))
        rows.append(
            [
                policy,
                r.total,
                r.decided,
                r.coverage,
                r.agreement,
                r.fully_computable,
                r.agreement_fully_computable,
                ms / max(r.total, 1),
            ]
        )
    return table(
        "Computable criteria vs expert labels (criterion_annotations_dev.json)",
        [
            "missing-data policy",
            "criteria",
            "labelled by predicates",
            "coverage",
            "agreement",
            "fully computable",
            "agreement (fully computable)",
            "ms / criterion",
        ],
        rows,
    )


def builtin_section(root: Path, engine: SQLEngine) -> str:
    rows = []
    probe_rows = []
    for name in ("schema", "schema-ehrsql", "calculators", "concepts", "trials"):
        ms, (index, status) = timed(
            lambda name=name: ensure_builtin(
                name, root=root, engine=engine, dataset="mimic-iv-demo"
            )
        )
        rows.append(
            [
                name,
                status.documents,
                status.chunks,
                ms / 1000,
                status.chunks / (ms / 1000) if ms else float("nan"),
            ]
        )
        for query, want in PROBES.get(name, []):
            cells = [name, query, want]
            for mode in MODES:
                found = [h.chunk.doc_id for h in index.search(query, k=3, mode=mode)]
                cells.append("yes" if want in found else "no")
            probe_rows.append(cells)
    return (
        table(
            "Built-in indexes (all-MiniLM-L6-v2, built from scratch)",
            ["index", "documents", "chunks", "build s", "chunks / s"],
            rows,
        )
        + "\n"
        + table(
            "Plain-word probes of the built-in indexes (hand-written; found in the top 3?)",
            ["index", "query", "expected", *MODES],
            probe_rows,
        )
    )


def latency_section(engine: SQLEngine, root: Path, repeat: int) -> str:
    subjects = [
        r[0]
        for r in engine.fetch(
            "mimic-iv-demo", "SELECT subject_id FROM mimiciv_hosp.patients ORDER BY 1"
        )[1]
    ]
    facts_ms = [timed(lambda s=s: facts_from_ehr(engine, s))[0] for s in subjects]
    trials = load_builtin_trials()
    facts = facts_from_ehr(engine, LATENCY_PATIENT)

    def match_all() -> list:
        return rank_matches([match_trial(t, facts) for t in trials])

    cold_ms, ranked = timed(match_all)
    warm = [timed(match_all)[0] for _ in range(repeat)]
    index, _ = ensure_builtin("trials", root=root, documents=trial_documents(trials))
    matcher = TrialMatcher(trials, index)
    pipeline = [timed(lambda: matcher.rank(facts, k=50))[0] for _ in range(repeat)]
    computed = sum(r.method == "computed" for x in ranked for r in x.match.results)
    total = sum(len(x.match.results) for x in ranked)
    rows = [
        [
            "facts of one demo patient from the database (p50 of 100)",
            statistics.median(facts_ms),
            "",
        ],
        [
            f"match all {len(trials)} trials, cold (criteria parsed)",
            cold_ms,
            "yes" if cold_ms <= TARGET_MATCH_S * 1000 else "no",
        ],
        [
            f"match all {len(trials)} trials, warm (p50 of {repeat})",
            statistics.median(warm),
            "yes" if statistics.median(warm) <= TARGET_MATCH_S * 1000 else "no",
        ],
        [
            f"retrieve 50 + match + rank, warm (p50 of {repeat})",
            statistics.median(pipeline),
            "yes" if statistics.median(pipeline) <= TARGET_MATCH_S * 1000 else "no",
        ],
    ]
    return table(
        f"Matching latency, demo patient {LATENCY_PATIENT}, no model (target ≤ "
        f"{TARGET_MATCH_S:g} s)",
        ["step", "ms", "≤ target"],
        rows,
    ) + (
        f"\n_{computed:,} of {total:,} criteria ({computed / total:.0%}) computed from the record; "
        "the rest left to a model._\n"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=SHARED, help="the reference data folder")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each warm latency")
    ap.add_argument("--skip-builtin", action="store_true", help="skip the built-in index builds")
    args = ap.parse_args()
    engine = SQLEngine(EngineSettings(db_paths={"mimic-iv-demo": demo_db()}))
    print("## Retrieval and trial matching\n")
    print(machine_note())
    with tempfile.TemporaryDirectory(prefix="m3agent-bench-trials-") as tmp:
        root = Path(tmp)
        print(schema_section(args.data, root))
        print(trials_retrieval_section(args.data, root))
        print(criteria_section(args.data))
        # A folder of its own: the schema indexes above are already built in ``root``.
        builtins = root / "builtin"
        if not args.skip_builtin:
            print(builtin_section(builtins, engine))
        print(latency_section(engine, builtins, args.repeat))
    engine.close()


if __name__ == "__main__":
    main()
