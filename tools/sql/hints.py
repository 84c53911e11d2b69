"""Hints for failed queries: the closest table or column, the dictionary to search."""

from __future__ import annotations

import difflib
import re

from sqlglot import exp

from m3agent.tools.datasets import DatasetSpec

_COLUMN_NOT_FOUND = re.compile(r'Referenced column "([^"]+)" not found', re.IGNORECASE)

#: Which dictionary decodes which code column (MIMIC-IV documentation, hosp and icu modules).
DICTIONARIES = {
    "mimiciv_hosp.labevents": "mimiciv_hosp.d_labitems",
    "mimiciv_hosp.microbiologyevents": "mimiciv_hosp.d_labitems (spec_itemid/test_itemid)",
    "mimiciv_icu.chartevents": "mimiciv_icu.d_items",
    "mimiciv_icu.inputevents": "mimiciv_icu.d_items",
    "mimiciv_icu.outputevents": "mimiciv_icu.d_items",
    "mimiciv_icu.procedureevents": "mimiciv_icu.d_items",
    "mimiciv_icu.datetimeevents": "mimiciv_icu.d_items",
    "mimiciv_icu.ingredientevents": "mimiciv_icu.d_items",
    "labevents": "d_labitems", "chartevents": "d_items", "inputevents": "d_items",
    "outputevents": "d_items",
}


def for_execution_error(message: str, tree: exp.Expression, spec: DatasetSpec) -> str | None:
    """A hint for a DuckDB error on ``tree``, or None."""
    tables = sorted({".".join(p.name for p in (t.args.get("db"), t.this) if p is not None)
                     for t in tree.find_all(exp.Table)})
    m = _COLUMN_NOT_FOUND.search(message)
    if m:
        hint = "Call describe_table to see the columns"
        if tables:
            hint += " of " + ", ".join(tables)
        return hint + "."
    if "itemid" in message.lower() or "label" in message.lower():
        dicts = [DICTIONARIES[t] for t in tables if t in DICTIONARIES]
        if dicts:
            return ("Item ids are decoded by " + ", ".join(sorted(set(dicts)))
                    + "; search it with search_concepts.")
    if "conversion" in message.lower() or "could not convert" in message.lower():
        return "Cast text columns explicitly (e.g. CAST(value AS DOUBLE)) or use valuenum."
    return None


def closest(name: str, candidates: list[str], n: int = 3) -> list[str]:
    """The candidates closest to ``name``."""
    return difflib.get_close_matches(name, candidates, n=n, cutoff=0.6)
