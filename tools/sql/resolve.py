"""Resolve table names to the dataset's ``schema.table``, however the user wrote them.

``patients``, ``hosp.patients``, ``mimiciv_hosp.patients``, ``mimiciv_3_1_hosp.patients`` and
``physionet-data.mimiciv_3_1_hosp.patients`` (BigQuery) all name ``mimiciv_hosp.patients``.
"""

from __future__ import annotations

import difflib
import re

from sqlglot import exp

from m3agent.tools.datasets import DatasetSpec

# mimiciv_hosp, mimiciv_3_1_hosp, mimiciv_2_2_icu, mimic_hosp, hosp, icu, mimic_iv_hosp ...
_SCHEMA_ALIAS = re.compile(r"^(?:mimic(?:_?iv)?(?:_v?\d+(?:_\d+)*)?_)?(hosp|icu)$")
_CATALOG_ALIASES = {"physionet-data", "physionet_data"}


def schema_alias(name: str, spec: DatasetSpec) -> str | None:
    """Map a schema as written to the dataset's schema, or None if it names none."""
    low = name.lower()
    if low in spec.schemas:
        return low
    m = _SCHEMA_ALIAS.match(low)
    if m and f"mimiciv_{m.group(1)}" in spec.schemas:
        return f"mimiciv_{m.group(1)}"
    return None


def table_index(spec: DatasetSpec) -> dict[str, str]:
    """Unqualified table name → its schema (MIMIC-IV table names are unique across modules)."""
    return {t: s for s, tables in spec.schemas.items() for t in tables}


def closest_tables(name: str, allowed: frozenset[str] | set[str], n: int = 3) -> list[str]:
    """The allowed ``schema.table`` names closest to ``name`` (by full and bare name)."""
    bare = {a.split(".")[-1]: a for a in allowed}
    hits = difflib.get_close_matches(name.split(".")[-1], list(bare), n=n, cutoff=0.6)
    out = [bare[h] for h in hits]
    for h in difflib.get_close_matches(name, list(allowed), n=n, cutoff=0.6):
        if h not in out:
            out.append(h)
    return out[:n]


def resolve_tables(tree: exp.Expression, spec: DatasetSpec) -> exp.Expression:
    """Rewrite every table reference (and column qualifier) to ``schema.table`` in place.

    Names that match a CTE of the statement are left alone, as are names that cannot be
    resolved: the catalog rule then refuses them with a suggestion.
    """
    ctes = {c.alias_or_name.lower() for c in tree.find_all(exp.CTE)}
    index = table_index(spec)
    for table in tree.find_all(exp.Table):
        if not isinstance(table.this, exp.Identifier):
            continue
        name = table.name.lower()
        db = table.args.get("db")
        catalog = table.args.get("catalog")
        if db is None:
            if name in ctes:
                continue
            schema = index.get(name)
        else:
            schema = schema_alias(db.name, spec)
            if catalog is not None and (schema is None
                                        or catalog.name.lower() not in _CATALOG_ALIASES):
                continue  # left for the catalog rule to refuse with a clear message
        if schema is None or name not in spec.schemas.get(schema, ()):
            continue
        table.set("this", exp.to_identifier(name))
        table.set("db", exp.to_identifier(schema))
        table.set("catalog", None)
    for col in tree.find_all(exp.Column):
        db = col.args.get("db")
        if db is not None:
            schema = schema_alias(db.name, spec)
            if schema:
                col.set("db", exp.to_identifier(schema))
                col.set("catalog", None)
    return tree
