"""Calculator speed, MedCalc-Bench accuracy and MedMCP-Calc matching.

Times ``compute()`` (validated inputs, pure function) and ``Calculator.run()`` (validation, unit
conversion and compute) for each of the 55 MedCalc-Bench calculators on the inputs of its first
development row, and for every other calculator that a MedMCP-Calc development item names, on
that item's inputs (through the calculator's ``from_medmcp`` adapter). Calculators no benchmark
item names are not timed (their count is printed). Then it scores the MedCalc-Bench development
file by category and the MedMCP-Calc development file.

Usage: ``.venv/bin/python benchmarks/bench_calculators.py [--data ../shared/data] [--repeat 2000]``
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import statistics
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from m3agent.calculators import medmcp_calc
from m3agent.calculators.medcalc_bench import calculators_by_medcalc_id, score_file
from m3agent.calculators.registry import Calculator, all_calculators, get_calculator, parse_inputs

from _common import SHARED

TARGET_US = 50.0


def _p50_us(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - t0)
    return statistics.median(samples) / 1000


def _medmcp_examples(path: Path) -> dict[str, tuple[Calculator, dict]]:
    """The inputs of the first MedMCP-Calc dev item each calculator can read, by calculator id."""
    found: dict[str, tuple[Calculator, dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        for answer in json.loads(line).get("calculator_answers") or []:
            try:
                calc = get_calculator(str(answer.get("name", "")))
                if calc.id in found or not hasattr(calc.module, "from_medmcp"):
                    continue
                raw = calc.module.from_medmcp(answer.get("inputs") or [])
                parse_inputs(calc, raw)
            except Exception:  # noqa: BLE001 - not covered, or an erratum item the adapter refuses
                continue
            found[calc.id] = (calc, raw)
    return found


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
    examples: list[tuple[str, Calculator, dict]] = []
    for mid, calc in sorted(calculators_by_medcalc_id().items()):
        raw = calc.module.from_medcalc(ast.literal_eval(first_rows[mid]["Relevant Entities"]))
        examples.append((str(mid), calc, raw))
    timed_ids = {calc.id for _, calc, _ in examples}
    medmcp_dev = args.data / "medmcp-calc" / "dev_tasks.jsonl"
    for cid, (calc, raw) in sorted(_medmcp_examples(medmcp_dev).items()):
        if cid not in timed_ids:
            examples.append(("MedMCP", calc, raw))
    for mid, calc, raw in examples:
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
        table.add_row(mid, calc.id, f"{c_us:.1f}", f"{r_us:.1f}", "yes" if ok else "NO")
    console.print(table)
    untimed = len(all_calculators()) - len(computes)
    console.print(
        f"compute p50 over {len(computes)} calculators: median "
        f"{statistics.median(computes):.1f} µs, max {max(computes):.1f} µs; {slow} above "
        f"{TARGET_US:.0f} µs ({untimed} calculators have no benchmark item to time them on)"
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

    t0 = time.perf_counter()
    mcp = medmcp_calc.score_file(medmcp_dev).totals
    elapsed = time.perf_counter() - t0
    covered, names = medmcp_calc.coverage(args.data / "medmcp-calc" / "calculator_frequency.tsv")
    console.print(
        f"MedMCP-Calc dev ({elapsed:.2f} s): {mcp.items} items, {mcp.covered} covered, "
        f"{mcp.matched} matched, {mcp.errata} errata, {mcp.mismatched} mismatched, "
        f"{mcp.errors} errors; {len(covered)} of {names} calculator names resolve; "
        f"{len(all_calculators())} calculators registered"
    )


if __name__ == "__main__":
    main()
