"""The long fuzzing run: the SQL validator on 100k+ hypothesis cases, and every MCP tool's schema.

Validator phases (strategies in tests/sql_fuzz_strategies.py; nothing is executed):

- ``obfuscated``: refused fixture cases (denied.sql, bq_denied.sql) with keyword case flipped,
  token gaps replaced by other whitespace or comments, comments around, and SELECT-form attacks
  wrapped in a subquery, CTE, EXISTS or parentheses. Violation: one is accepted.
- ``grammar``: queries from a grammar mixing honest SQL with attack fragments, random
  separators and case, in duckdb, sqlite and bigquery. Violation: an accepted query whose output
  is refused on a second pass. Translation defects (output DuckDB cannot parse, refused at run
  time) are counted apart.
- ``text``: random Unicode text in every dialect.

A crash is any exception that is not m3-agent's own error. Then ``mcp``: hypothesis-generated
arguments (valid and ill-typed) for every tool through the in-memory MCP client on the demo; a
crash is a call that raises, an empty error, or an internal error (``<tool> failed: KeyError``).

Usage: .venv/bin/python benchmarks/bench_fuzz.py [--cases 100000] [--mcp-cases 3000] [--seed 7]
Exit status 1 if any crash or violation was found.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from _common import REPO, demo_db, machine_note, table

sys.path.insert(0, str(REPO / "tests"))
from mcp_fuzz_helpers import arguments, judge, sync_client  # noqa: E402
from sql_fuzz_strategies import (  # noqa: E402
    DENIED_CASES,
    accepted_is_safe,
    grammar_sql,
    obfuscate,
    still_refused,
    translates_cleanly,
)

from m3agent.tools.errors import M3AgentError  # noqa: E402
from m3agent.tools.sql.engine import SQLEngine  # noqa: E402

DIALECTS = ["duckdb", "sqlite", "postgres", "bigquery"]


class Tally:
    """Counts of one phase, with the first few examples of each kind of failure."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}
        self.seconds = 0.0

    def add(self, kind: str, example: str | None = None) -> None:
        self.counts[kind] += 1
        if example is not None and len(self.examples.setdefault(kind, [])) < 5:
            self.examples[kind].append(example)

    def row(self) -> list[Any]:
        n = self.counts["cases"]
        return [
            self.name,
            n,
            self.counts["refused"],
            self.counts["accepted"],
            self.counts["crash"],
            self.counts["violation"],
            self.counts["defect"],
            round(self.seconds, 1),
            round(n / self.seconds) if self.seconds else 0,
        ]


def _run(tally: Tally, n: int, seed_: int, strategy: st.SearchStrategy, check: Callable) -> None:
    """Run ``check`` on ``n`` hypothesis examples, never stopping on a failure."""

    @seed(seed_)
    @settings(
        max_examples=n,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def body(example: Any) -> None:
        try:
            check(tally, example)
        except Exception as e:  # noqa: BLE001 - a crash is what this run looks for
            tally.add("crash", f"{type(e).__name__}: {e} <- {example!r}"[:400])
        # Counted last: hypothesis abandons some examples mid-draw (a BaseException that
        # passes through here), and those never ran to a verdict.
        tally.add("cases")

    t0 = time.perf_counter()
    body()
    tally.seconds = time.perf_counter() - t0


def _verdict(tally: Tally, engine: SQLEngine, sql: str, dialect: str) -> None:
    try:
        engine.prepare(sql, dialect=dialect)
        tally.add("accepted")
    except M3AgentError:
        tally.add("refused")
        return
    problem = accepted_is_safe(engine, sql, dialect)
    if problem:
        tally.add("violation", f"{problem} <- {dialect}: {sql!r}"[:400])
    elif not translates_cleanly(engine, sql, dialect):
        tally.add("defect", f"{dialect}: {sql!r}"[:300])


def validator_phases(total: int, seed_: int) -> list[Tally]:
    from m3agent.tools.sql.engine import EngineSettings

    # prepare() only (nothing runs); the demo database gives SQLite translation its types.
    engine = SQLEngine(EngineSettings(db_paths={"mimic-iv-demo": demo_db()}))
    n_obf, n_gram = total // 2, total * 3 // 10
    n_text = total - n_obf - n_gram

    def obfuscated(tally: Tally, example: Any) -> None:
        (dialect, rule, sql), data = example
        variant = obfuscate(sql, dialect, rule, data)
        problem = still_refused(engine, variant, dialect)
        tally.add("refused" if problem is None else "accepted")
        if problem:
            tally.add("violation", f"{problem} <- {dialect}: {variant!r}"[:400])

    def grammar(tally: Tally, example: Any) -> None:
        _verdict(tally, engine, *example)

    def text(tally: Tally, example: Any) -> None:
        _verdict(tally, engine, *example)

    phases = [
        ("obfuscated", n_obf, st.tuples(st.sampled_from(DENIED_CASES), st.data()), obfuscated),
        (
            "grammar",
            n_gram,
            st.tuples(grammar_sql(), st.sampled_from(DIALECTS[:1] * 2 + DIALECTS)),
            grammar,
        ),
        ("text", n_text, st.tuples(st.text(max_size=400), st.sampled_from(DIALECTS)), text),
    ]
    out = []
    for name, n, strategy, check in phases:
        tally = Tally(name)
        print(f"  {name}: {n:,} cases ...", file=sys.stderr, flush=True)
        _run(tally, n, seed_, strategy, check)
        out.append(tally)
    return out


def mcp_phase(total: int, seed_: int) -> Tally:
    from m3agent.server.app import build_server
    from m3agent.server.settings import ServerSettings
    from m3agent.tools.sql.engine import EngineSettings

    tally = Tally("mcp")
    with tempfile.TemporaryDirectory(prefix="m3-fuzz-") as tmp:
        settings_ = ServerSettings(
            engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db()}, timeout_s=5.0),
            audit_path=Path(tmp) / "audit.jsonl",
            identity="fuzzer",
        )
        with sync_client(build_server(settings_)) as client:
            tools = client.tools()
            per_tool = max(1, total // len(tools))
            print(
                f"  mcp: {per_tool * len(tools):,} calls over {len(tools)} tools ...",
                file=sys.stderr,
                flush=True,
            )
            t0 = time.perf_counter()
            for tool in tools:

                def check(tally: Tally, args: Any, name: str = tool.name) -> None:
                    result = client.call(name, args)
                    tally.add("refused" if result.is_error else "accepted")
                    problem = judge(result)
                    if problem:
                        tally.add("crash", f"{name}({args!r}): {problem}"[:400])

                sub = Tally(tool.name)
                _run(
                    sub, per_tool, seed_, arguments(tool.input_schema or {"type": "object"}), check
                )
                tally.counts.update(sub.counts)
                for kind, examples in sub.examples.items():
                    tally.examples.setdefault(kind, []).extend(examples)
            alive = client.call("list_datasets", {})
            if alive.is_error:
                tally.add("crash", "the server stopped answering list_datasets")
            tally.seconds = time.perf_counter() - t0
    return tally


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000, help="validator cases (all phases)")
    ap.add_argument("--mcp-cases", type=int, default=3_000, help="MCP tool calls in all")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.cases < 3 or args.mcp_cases < 0:
        ap.error(
            f"--cases must be at least 3 and --mcp-cases at least 0, found {args.cases} "
            f"and {args.mcp_cases}"
        )
    print(
        f"fuzzing the validator with {args.cases:,} cases (seed {args.seed}), "
        f"{len(DENIED_CASES)} refused fixture cases as seeds",
        file=sys.stderr,
    )
    tallies = validator_phases(args.cases, args.seed)
    if args.mcp_cases:
        tallies.append(mcp_phase(args.mcp_cases, args.seed))
    print(machine_note())
    print(
        table(
            "Fuzzing (crash = not our error; violation = unsafe acceptance)",
            [
                "phase",
                "cases",
                "refused",
                "accepted",
                "crashes",
                "violations",
                "translation defects",
                "seconds",
                "cases/s",
            ],
            [t.row() for t in tallies],
        )
    )
    total = Counter()
    for t in tallies:
        total.update(t.counts)
    print(
        f"\nTotal: {total['cases']:,} cases, {total['crash']} crashes, "
        f"{total['violation']} violations, {total['defect']} translation defects."
    )
    for t in tallies:
        for kind, examples in t.examples.items():
            print(f"\n{t.name} {kind} (first {len(examples)}):")
            for e in examples:
                print(f"  - {e}")
    return 1 if total["crash"] or total["violation"] else 0


if __name__ == "__main__":
    sys.exit(main())
