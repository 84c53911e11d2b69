"""Calculator speed and MedCalc-Bench accuracy.

Times ``compute()`` (validated inputs, pure function) and ``Calculator.run()`` (validation, unit
conversion and compute) for each of the 55 MedCalc-Bench calculators on the inputs of its first
development row, then scores the whole development file by category.

Usage: ``.venv/bin/python benchmarks/bench_calculators.py [--data ../shared/data] [--repeat 2000]``
"""

from __future__ import annotations

import argparse
import ast
import csv
import statistics
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from m3agent.calculators.medcalc_bench import calculators_by_medcalc_id, score_file
from m3agent.calculators.registry import parse_inputs

from _common import SHARED

TARGET_US = 50.0


def _p50_us(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - t0)
    return statistics.median(samples) / 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=SHARED, help="the reference data folder")
    ap.add_argument("--repeat", type=int, default=2000)
    args = ap.parse_args()
    dev = args.data / "medcalc-bench" / "dev.csv"
    console = Console()

    first_rows: dict[int, dict[str, str]] = {}
    with dev.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            first_rows.setdefault(int(row["Calculator ID"]), row)

    table = Table(
        title=f"compute() and run() p50 over {args.repeat} calls (target < "
        f"{TARGET_US:.0f} µs for compute)"
    )
    for col in ("MedCalc id", "calculator", "compute p50 µs", "run p50 µs", "≤ target"):
        table.add_column(col, justify="right" if "p50" in col else "left")
    slow = 0
    computes = []
    for mid, calc in sorted(calculators_by_medcalc_id().items()):
        raw = calc.module.from_medcalc(ast.literal_eval(first_rows[mid]["Relevant Entities"]))
        try:
            parsed = parse_inputs(calc, raw)
        except Exception as e:  # an erratum row the calculator rejects: use the next
            console.print(f"{calc.id}: first row rejected ({e}); skipped")
            continue
        c_us = _p50_us(lambda calc=calc, parsed=parsed: calc.compute(parsed), args.repeat)
        r_us = _p50_us(lambda calc=calc, raw=raw: calc.run(raw), max(args.repeat // 4, 50))
        computes.append(c_us)
        ok = c_us < TARGET_US
        slow += not ok
        table.add_row(str(mid), calc.id, f"{c_us:.1f}", f"{r_us:.1f}", "yes" if ok else "NO")
    console.print(table)
    console.print(
        f"compute p50 over calculators: median {statistics.median(computes):.1f} µs, "
        f"max {max(computes):.1f} µs; {slow} above {TARGET_US:.0f} µs"
    )

    t0 = time.perf_counter()
    report = score_file(dev)
    elapsed = time.perf_counter() - t0
    acc = Table(
        title=f"MedCalc-Bench dev accuracy ({report.totals.total} rows, scored in {elapsed:.2f} s)"
    )
    for col in (
        "category",
        "rows",
        "correct",
        "erratum",
        "wrong",
        "not covered",
        "correct %",
        "correct or erratum %",
    ):
        acc.add_column(col, justify="left" if col == "category" else "right")
    for name, t in sorted(report.by_category.items()) + [("all", report.totals)]:
        acc.add_row(
            name,
            str(t.total),
            str(t.correct),
            str(t.erratum),
            str(t.wrong),
            str(t.not_covered),
            f"{100 * t.correct / t.total:.1f}",
            f"{100 * (t.correct + t.erratum) / t.total:.1f}",
        )
    console.print(acc)


if __name__ == "__main__":
    main()
