"""Calculator speed, MedCalc-Bench accuracy and MedMCP-Calc matching.

Times ``compute()`` (validated inputs, pure function) and ``Calculator.run()`` (validation, unit
conversion and compute) for each of the 55 MedCalc-Bench calculators on the inputs of its first
development row, for every other calculator that a MedMCP-Calc development item names on that
item's inputs (through the calculator's ``from_medmcp`` adapter), and for the rest on inputs built
from the input schema (each required number at the middle of its allowed range, the first choice,
``False`` for yes/no); a calculator whose cross-field checks refuse those is counted as not timed.
Then it scores the MedCalc-Bench development file by category and the MedMCP-Calc development
file.

Usage: ``.venv/bin/python benchmarks/bench_calculators.py [--data ../shared/data] [--repeat 2000]``
"""

from __future__ import annotations

import argparse
import ast
import csv
import datetime as dt
import json
import statistics
import time
import types
import typing
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


def _schema_example(calc: Calculator) -> dict | None:
    """Inputs built from the schema alone: the middle of each required number's range, the first
    choice, ``False`` for yes/no, a fixed date; None when a field has another type."""
    raw: dict = {}
    for name, f in calc.inputs.model_fields.items():
        if not f.is_required():
            continue
        ann, args = f.annotation, typing.get_args(f.annotation)
        if typing.get_origin(ann) in (typing.Union, types.UnionType):
            ann = next(a for a in args if a is not type(None))
            args = typing.get_args(ann)
        lo = next((getattr(m, a) for m in f.metadata for a in ("ge", "gt") if hasattr(m, a)), None)
        hi = next((getattr(m, a) for m in f.metadata for a in ("le", "lt") if hasattr(m, a)), None)
        if typing.get_origin(ann) is typing.Literal:
            raw[name] = args[0]
        elif ann is bool:
            raw[name] = False
        elif ann in (int, float):
            mid = (lo + hi) / 2 if lo is not None and hi is not None else (lo or 0) + 1
            raw[name] = int(mid) if ann is int else float(mid)
        elif ann is dt.date:
            raw[name] = dt.date(2025, 1, 1)
        else:
            return None
    return raw


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
            timed_ids.add(cid)
    for calc in sorted(all_calculators(), key=lambda c: c.id):
        raw = None if calc.id in timed_ids else _schema_example(calc)
        if raw is not None:
            try:
                calc.compute(parse_inputs(calc, raw))
            except Exception:  # noqa: BLE001 - cross-field checks refuse schema-only inputs
                continue
            examples.append(("schema", calc, raw))
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
    by_schema = sum(1 for mid, _, _ in examples if mid == "schema")
    console.print(
        f"compute p50 over {len(computes)} calculators ({len(computes) - by_schema} on "
        f"benchmark inputs, {by_schema} on schema-derived inputs): median "
        f"{statistics.median(computes):.1f} µs, max {max(computes):.1f} µs; {slow} above "
        f"{TARGET_US:.0f} µs; {untimed} not timed (their cross-field checks refuse "
        "schema-only inputs and no benchmark item feeds them)"
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
