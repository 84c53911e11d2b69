"""calculate_for_patient latency on MIMIC-IV: calculators fed from the record, with provenance.

For each calculator below, every sampled ICU stay (the first ``--patients`` stays in subject
order) is computed once to warm up, then ``--repeat`` times; the table gives the p50 and p95
over all calls, how many of the stays got a number (the rest have inputs missing), and whether
the p50 meets the target (< 100 ms on the demo). Bedside and first-24 h scores are asked for
the stay (``stay_id``); the others for the stay's admission (``hadm_id``). A last row times the
same call through the MCP server in memory (validation, audit record and structured output).

The default database is the demo built into benchmarks/out/cache; ``--db PATH`` points at any
database in the MIMIC-IV layout (e.g. the 100× replica), ``--dataset`` names its dataset.

Usage: .venv/bin/python benchmarks/bench_calc_patient.py [--db PATH] [--dataset mimic-iv-demo]
       [--patients 10] [--repeat 10]
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import anyio
from mcp import Client

from m3agent.calculators.ehr_sources import SOURCES
from m3agent.calculators.from_record import calculate_for_patient
from m3agent.server.app import build_server
from m3agent.server.settings import ServerSettings
from m3agent.tools.errors import M3AgentError
from m3agent.tools.sql.engine import EngineSettings, SQLEngine

from _common import demo_db, machine_note, summary, table, temp_dir

TARGET_MS = 100.0
#: Calculators timed: anthropometric, renal, chemistry, liver, comorbidity (ICD codes),
#: bedside and first-24 h ICU scores, blood-gas and haemodynamic indices.
CALCULATORS = (
    "bmi",
    "ckd_epi_2021",
    "cockcroft_gault",
    "anion_gap",
    "meld_na",
    "child_pugh",
    "cha2ds2_vasc",
    "charlson_comorbidity_index",
    "has_bled",
    "qsofa",
    "news2",
    "sofa",
    "apache_ii",
    "glasgow_imrie",
    "modified_marshall",
    "aa_gradient",
    "systemic_vascular_resistance",
)
#: Scores asked for a stay rather than an admission.
BY_STAY = {
    "qsofa",
    "news2",
    "sofa",
    "apache_ii",
    "glasgow_imrie",
    "modified_marshall",
    "aa_gradient",
    "systemic_vascular_resistance",
}


def _stays(engine: SQLEngine, dataset: str, n: int) -> list[tuple[int, int, int]]:
    _, rows = engine.fetch(
        dataset,
        "SELECT subject_id, hadm_id, stay_id FROM "
        "mimiciv_icu.icustays ORDER BY subject_id, intime LIMIT ?",
        [n],
    )
    return [(int(s), int(h), int(st)) for s, h, st in rows]


def _args(calc: str, hadm: int, stay: int) -> dict[str, int]:
    return {"stay_id": stay} if calc in BY_STAY else {"hadm_id": hadm}


def bench_library(
    engine: SQLEngine, dataset: str, stays: list[tuple[int, int, int]], repeat: int
) -> list[list]:
    rows = []
    for calc in CALCULATORS:
        assert calc in SOURCES, calc
        samples: list[float] = []
        computed = errors = 0
        for subject, hadm, stay in stays:
            kwargs = _args(calc, hadm, stay)
            try:
                first = calculate_for_patient(
                    calc, subject, dataset=dataset, engine=engine, **kwargs
                )
            except M3AgentError:
                errors += 1  # e.g. a record value outside the calculator's range
                continue
            computed += first.status == "computed"
            for _ in range(repeat):
                t0 = time.perf_counter()
                calculate_for_patient(calc, subject, dataset=dataset, engine=engine, **kwargs)
                samples.append((time.perf_counter() - t0) * 1000)
        s = summary(samples)
        rows.append(
            [
                calc,
                SOURCES[calc].window,
                len(stays),
                f"{computed}/{len(stays)}",
                errors,
                s["p50"],
                s["p95"],
                "yes" if s["p50"] < TARGET_MS else "NO",
            ]
        )
    return rows


def bench_mcp(db: Path, dataset: str, stays: list[tuple[int, int, int]], repeat: int) -> list:
    audit = temp_dir("m3-bench-calc-") / "audit.jsonl"
    server = build_server(
        ServerSettings(
            engine=EngineSettings(db_paths={dataset: db}, default_dataset=dataset),
            audit_path=audit,
            identity="bench",
        )
    )
    samples: list[float] = []

    async def go() -> None:
        async with Client(server) as c:
            for subject, _hadm, stay in stays:
                args = {"calculator": "sofa", "subject_id": subject, "stay_id": stay}
                await c.call_tool("calculate_for_patient", args)
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    await c.call_tool("calculate_for_patient", args)
                    samples.append((time.perf_counter() - t0) * 1000)

    anyio.run(go)
    shutil.rmtree(audit.parent, ignore_errors=True)
    s = summary(samples)
    return [
        "sofa via MCP (in-memory client)",
        "first_24h",
        len(stays),
        "-",
        0,
        s["p50"],
        s["p95"],
        "yes" if s["p50"] < TARGET_MS else "NO",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--db",
        type=Path,
        default=None,
        help="a DuckDB database in the MIMIC-IV layout (default: the demo cache)",
    )
    ap.add_argument(
        "--dataset",
        default="mimic-iv-demo",
        help="the dataset name of --db (mimic-iv-demo or mimic-iv)",
    )
    ap.add_argument("--patients", type=int, default=10, help="ICU stays sampled")
    ap.add_argument("--repeat", type=int, default=10, help="timed calls per stay")
    args = ap.parse_args()
    db = args.db or demo_db()
    engine = SQLEngine(EngineSettings(db_paths={args.dataset: db}, default_dataset=args.dataset))
    stays = _stays(engine, args.dataset, args.patients)
    rows = bench_library(engine, args.dataset, stays, args.repeat)
    rows.append(bench_mcp(db, args.dataset, stays, args.repeat))
    engine.close()
    print(f"## calculate_for_patient on {args.dataset} ({db.name})\n")
    print(machine_note())
    print(
        table(
            f"calculate_for_patient latency, ms ({len(stays)} ICU stays × {args.repeat} "
            f"calls; target p50 < {TARGET_MS:.0f} ms)",
            [
                "calculator",
                "time rule",
                "stays",
                "computed",
                "errors",
                "p50 ms",
                "p95 ms",
                "p50 < target",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()
