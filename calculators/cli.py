"""The ``m3-agent calc`` commands: list, inspect and run calculators, and score benchmarks.

Exit codes: 0 success, 1 a benchmark check found wrong rows, 2 bad input (unknown calculator,
invalid inputs, unreadable file).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from m3agent.calculators.registry import (
    Calculator,
    CalculatorInputError,
    all_calculators,
    get_calculator,
)
from m3agent.tools.errors import M3AgentError

app = typer.Typer(
    help="Medical calculators: list, info, run, and benchmark checks.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object")]


def _fail(error: M3AgentError, as_json: bool, code: int = 2) -> NoReturn:
    if as_json:
        print(json.dumps(error.to_dict(), ensure_ascii=False))
    else:
        err.print(f"[red]Error:[/red] {escape(error.message)}", highlight=False)
        if error.hint:
            err.print(f"[yellow]Hint:[/yellow] {escape(error.hint)}", highlight=False)
    raise typer.Exit(code)


def _find(name: str, as_json: bool) -> Calculator:
    try:
        return get_calculator(name)
    except M3AgentError as e:
        _fail(e, as_json)


@app.command("list")
def list_calculators(
    category: Annotated[str | None, typer.Option(help="Only this category")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the calculators (id, name, category, MedCalc-Bench id)."""
    calcs = [
        c
        for c in all_calculators()
        if category is None or c.meta.category.lower() == category.lower()
    ]
    if category is not None and not calcs:
        known = sorted({c.meta.category for c in all_calculators()})
        _fail(
            M3AgentError(
                f"No calculator in category {category!r}.", hint=f"Categories: {', '.join(known)}."
            ),
            as_json,
        )
    if as_json:
        print(
            json.dumps(
                [
                    {
                        "id": c.id,
                        "name": c.meta.name,
                        "category": c.meta.category,
                        "medcalc_id": c.meta.medcalc_id,
                        "unit": c.meta.unit,
                    }
                    for c in calcs
                ],
                ensure_ascii=False,
            )
        )
        return
    table = Table(title=f"{len(calcs)} calculators")
    for col in ("id", "name", "category", "MedCalc-Bench id"):
        table.add_column(col)
    for c in calcs:
        table.add_row(
            escape(c.id),
            escape(c.meta.name),
            escape(c.meta.category),
            str(c.meta.medcalc_id) if c.meta.medcalc_id else "",
        )
    out.print(table)


def _input_rows(calc: Calculator) -> list[dict[str, Any]]:
    schema = calc.inputs.model_json_schema()
    props = schema.get("properties", {})
    required = set(schema.get("required", []))
    rows = []
    for name, field in calc.inputs.model_fields.items():
        prop = props.get(name, {})
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        lo = hi = None
        for m in field.metadata:
            lo = getattr(m, "ge", getattr(m, "gt", lo))
            hi = getattr(m, "le", getattr(m, "lt", hi))
        for option in [prop, *prop.get("anyOf", [])]:  # e.g. int 1-4 or "NT" (GCS)
            lo = option.get("minimum", lo) if lo is None else lo
            hi = option.get("maximum", hi) if hi is None else hi
        choices = _choices(prop)
        rows.append(
            {
                "name": name,
                "required": name in required,
                "unit": extra.get("unit"),
                "accepted_units": extra.get("accepted_units"),
                "min": lo,
                "max": hi,
                "choices": choices,
                "default": None if field.is_required() else field.default,
                "description": field.description or "",
            }
        )
    return rows


def _choices(prop: dict[str, Any]) -> list[Any] | None:
    found: list[Any] = list(prop.get("enum", []))
    for option in prop.get("anyOf", []) + prop.get("oneOf", []):
        found += option.get("enum", [])
        if "const" in option:
            found.append(option["const"])
    return found or None


@app.command()
def info(
    name: Annotated[str, typer.Argument(help="Calculator id, name or synonym")],
    as_json: JsonOpt = False,
) -> None:
    """Show a calculator's inputs (units, ranges, choices) and its source."""
    calc = _find(name, as_json)
    m = calc.meta
    rows = _input_rows(calc)
    if as_json:
        print(
            json.dumps(
                {
                    "id": m.id,
                    "name": m.name,
                    "category": m.category,
                    "synonyms": list(m.synonyms),
                    "description": m.description,
                    "unit": m.unit,
                    "output_type": m.output_type,
                    "source": m.source,
                    "doi": m.doi,
                    "pmid": m.pmid,
                    "medcalc_id": m.medcalc_id,
                    "inputs": rows,
                },
                ensure_ascii=False,
                default=str,
            )
        )
        return
    out.print(f"[bold]{escape(m.name)}[/bold] ({m.id}) — {escape(m.category)}", highlight=False)
    out.print(m.description, highlight=False, markup=False)
    table = Table(title="Inputs")
    for col in ("input", "unit", "range / choices", "required", "description"):
        table.add_column(col)
    for r in rows:
        parts = []
        if r["min"] is not None or r["max"] is not None:
            parts.append(f"{r['min']}-{r['max']}")
        if r["choices"]:
            parts.append(", ".join(str(c) for c in r["choices"]))
        rng = " or ".join(parts)
        req = "yes" if r["required"] else f"no (default {r['default']})"
        table.add_row(
            r["name"], escape(r["unit"] or ""), escape(rng), req, escape(r["description"])
        )
    out.print(table)
    ref = m.source + (f" doi:{m.doi}" if m.doi else "") + (f" PMID {m.pmid}" if m.pmid else "")
    out.print(f"Source: {ref}", highlight=False, markup=False)
    if m.synonyms:
        out.print(f"Also known as: {'; '.join(m.synonyms)}", highlight=False, markup=False)


def parse_assignments(pairs: list[str]) -> dict[str, Any]:
    """Turn ``key=value`` arguments into calculator inputs.

    Values stay text (``1.4mg/dL``, ``176lb``, ``true``, ``2024-01-31``) for the calculator's
    own validation to convert; a value starting with ``[`` or ``{`` is read as JSON.

    Raises:
        CalculatorInputError: For an argument without ``=`` or an empty key.
    """
    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CalculatorInputError(
                f"expected inputs as key=value (e.g. creatinine=1.4mg/dL), found {pair!r}.",
                fields=[key],
            )
        value = value.strip()
        if value[:1] in "[{":
            try:
                values[key.strip()] = json.loads(value)
                continue
            except json.JSONDecodeError:
                raise CalculatorInputError(
                    f"{key}: value {value!r} is not valid JSON.", fields=[key]
                ) from None
        values[key.strip()] = value
    return values


@app.command()
def run(
    name: Annotated[str, typer.Argument(help="Calculator id, name or synonym")],
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Inputs as key=value, e.g. creatinine=1.4mg/dL weight=176lb diabetes=true"
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Run a calculator: prints the value, unit, interpretation and each step."""
    calc = _find(name, as_json)
    try:
        result = calc.run(parse_assignments(inputs or []))
    except M3AgentError as e:
        _fail(e, as_json)
    if as_json:
        print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
        return
    table = Table(title=calc.meta.name)
    for col in ("step", "value", "points", "total", "detail"):
        table.add_column(col)
    for s in result.steps:
        table.add_row(
            escape(s.label),
            "" if s.value is None else escape(str(s.value)),
            "" if s.points is None else f"{s.points:g}",
            "" if s.total is None else f"{s.total:g}",
            escape(s.detail or ""),
        )
    out.print(table)
    for w in result.warnings:
        out.print(f"[yellow]Warning:[/yellow] {escape(w)}", highlight=False)
    out.print(
        f"[bold]{escape(str(result.value))}[/bold] {escape(result.unit or '')}".rstrip(),
        highlight=False,
    )
    if result.interpretation:
        out.print(result.interpretation, highlight=False, markup=False)


@app.command("check-medcalc")
def check_medcalc(
    file: Annotated[Path, typer.Argument(help="A MedCalc-Bench CSV (dev.csv format)")],
    as_json: JsonOpt = False,
) -> None:
    """Score every row of a MedCalc-Bench CSV; exit 1 if any row is wrong.

    Totals (correct, erratum, wrong, not covered) are printed last.
    """
    from m3agent.calculators.medcalc_bench import score_file

    try:
        report = score_file(file)
    except M3AgentError as e:
        _fail(e, as_json)
    t = report.totals
    totals = {
        "correct": t.correct,
        "erratum": t.erratum,
        "wrong": t.wrong,
        "not_covered": t.not_covered,
        "total": t.total,
    }
    if as_json:
        rows = [
            {
                "row_number": r.row_number,
                "calculator_id": r.calculator_id,
                "calculator": r.calculator,
                "status": r.status,
                "expected": r.expected,
                "got": r.got,
                "within_limits": r.within_limits,
                "erratum_reason": r.erratum_reason,
                "error": r.error,
            }
            for r in report.rows
        ]
        by_cat = {
            k: {
                "correct": v.correct,
                "erratum": v.erratum,
                "wrong": v.wrong,
                "not_covered": v.not_covered,
            }
            for k, v in report.by_category.items()
        }
        print(
            json.dumps(
                {"file": str(file), "rows": rows, "by_category": by_cat, "totals": totals},
                ensure_ascii=False,
            )
        )
    else:
        for r in report.rows:
            if r.status == "correct":
                continue
            line = (
                f"{r.status:<11} row {r.row_number} (calc {r.calculator_id}): expected "
                f"{r.expected}, got {r.got}"
            )
            if r.erratum_reason:
                line += f" — {r.erratum_reason}"
            elif r.error:
                line += f" — {r.error}"
            out.print(line, highlight=False, markup=False)
        table = Table(title="By category")
        for col in ("category", "correct", "erratum", "wrong", "not covered"):
            table.add_column(col)
        for k, v in sorted(report.by_category.items()):
            table.add_row(
                escape(k), str(v.correct), str(v.erratum), str(v.wrong), str(v.not_covered)
            )
        out.print(table)
        out.print(
            f"correct {t.correct}  erratum {t.erratum}  wrong {t.wrong}  "
            f"not covered {t.not_covered}  (rows {t.total})",
            highlight=False,
        )
    if t.wrong:
        raise typer.Exit(1)


@app.command("check-medmcp")
def check_medmcp(
    file: Annotated[Path, typer.Argument(help="A MedMCP-Calc JSONL file (dev_tasks format)")],
    as_json: JsonOpt = False,
) -> None:
    """Score a MedMCP-Calc task file against the calculators; totals are printed last."""
    from m3agent.calculators.medmcp_calc import check_medmcp as _check_medmcp

    _check_medmcp(file, json=as_json)
