"""Small-cell suppression for research access: small counts in aggregate results are masked.

In research mode (``EngineSettings.research_mode``, off by default; ``M3AGENT_RESEARCH_MODE=1``)
every result goes through :func:`suppress_small_cells`: cells of **count columns** holding a
value from 1 to ``k - 1`` become null, the result's ``suppressed_cells`` says how many, and a
note names the columns. ``k`` defaults to 11: "no cell (e.g. admittances, discharges, patients,
services) 10 or less may be displayed" (CMS Cell Size Suppression Policy, 2020), which PhysioNet
asks MIMIC users to follow when publishing counts. Zero is shown, as that policy allows.

**What is a count column.** Found on the query tree, not guessed from values or names:

- a projection that is ``COUNT(...)``, ``COUNT_IF(...)``, ``APPROX_COUNT_DISTINCT(...)`` (also as
  a window), ``SUM(1)`` or the sum of a 0/1 indicator (``SUM(CASE WHEN ... THEN 1 ELSE 0 END)``),
  possibly under value-preserving wrappers (parentheses, ``CAST``, ``COALESCE(x, 0)``,
  ``ROUND``, ``ABS``);
- its alias, followed through CTEs and subqueries: an outer ``SELECT n`` or ``SELECT *`` over a
  subquery with ``count(*) AS n`` is a count column too, and so is ``SUM(n)`` of counts;
- by position in the outermost SELECT (or each branch of a UNION), so unaliased
  ``count(*)`` columns are found whatever the database names them.

**What it does NOT prevent** (state this to anyone relying on it):

- *Differencing across queries*: ``count(*)`` over all patients and over all but one subgroup
  are both large, and their difference is the small cell. Each query is judged alone.
- *Complementary cells*: a masked cell can be recomputed from a shown total and the other
  cells of its row or column (no secondary suppression is done).
- *Arithmetic on counts*: ``count(*) + 100``, ``count(*) * 2`` or percentages are not count
  columns, so their cells are shown, and a small count can be read back from them.
- *Non-count aggregates over tiny groups*: ``AVG``, ``MIN``, ``MAX``, ``MEDIAN`` or
  ``STRING_AGG`` of a group of one patient is that patient's value, and is shown.
- *Counts outside the projection*: ``HAVING count(*) = 3``, ``WHERE`` filters on a window
  count, or ``ORDER BY count(*)`` reveal group sizes without a count column.
- *Row-level queries*: rows of individual patients are not aggregates; limiting who may run
  them is the job of scopes and row limits, not of this module.
"""

from __future__ import annotations

from sqlglot import exp

from m3agent.tools.sql.result import QueryResult

#: The threshold: counts 1..10 are masked (CMS Cell Size Suppression Policy, 2020).
DEFAULT_K = 11

_COUNT_FUNCS: tuple[type[exp.Expression], ...] = (exp.Count, exp.CountIf, exp.ApproxDistinct)
_WRAPPERS: tuple[type[exp.Expression], ...] = (exp.Paren, exp.Cast, exp.TryCast, exp.Round, exp.Abs)


def _is_literal(node: exp.Expression | None, values: set[str] | None = None) -> bool:
    if isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Null):
        return values is None or "null" in values
    if not isinstance(node, exp.Literal) or node.is_string:
        return False
    return values is None or node.name in values


def _is_indicator(node: exp.Expression) -> bool:
    """``1``, or a CASE/IF whose every outcome is 0, 1 or null."""
    if isinstance(node, exp.Paren):
        node = node.this
    if _is_literal(node, {"1"}):
        return True
    zero_one = {"0", "1", "null"}
    if isinstance(node, exp.Case):
        outcomes = [i.args.get("true") for i in node.args.get("ifs") or []]
        default = node.args.get("default")
        return (
            bool(outcomes)
            and all(_is_literal(o, zero_one) for o in outcomes)
            and (default is None or _is_literal(default, zero_one))
        )
    if isinstance(node, exp.If):
        branches = [node.args.get("true"), node.args.get("false")]
        return all(b is None or _is_literal(b, zero_one) for b in branches)
    return False


def is_count_expression(node: exp.Expression, count_names: set[str]) -> bool:
    """Whether ``node`` (a projection without its alias) is a count.

    Args:
        node: The expression.
        count_names: Lower-case names of columns already known to be counts (from CTEs and
            subqueries).
    """
    while True:
        if isinstance(node, exp.Window):
            node = node.this
        elif isinstance(node, _WRAPPERS):
            node = node.this
        elif isinstance(node, exp.Coalesce) and all(_is_literal(e) for e in node.expressions or []):
            node = node.this
        else:
            break
    if isinstance(node, _COUNT_FUNCS):
        return True
    if isinstance(node, exp.Column):
        return node.name.lower() in count_names
    if isinstance(node, exp.Sum):
        inner = node.this
        return _is_indicator(inner) or is_count_expression(inner, count_names)
    return False


def count_column_names(tree: exp.Expression) -> set[str]:
    """Lower-case output names of every count projection in the tree, to a fixed point."""
    names: set[str] = set()
    selects = list(tree.find_all(exp.Select))
    changed = True
    while changed:
        changed = False
        for select in selects:
            for proj in select.expressions:
                name = proj.alias_or_name.lower()
                if name and name not in names and is_count_expression(proj.unalias(), names):
                    names.add(name)
                    changed = True
    return names


def _output_flags(query: exp.Expression, names: set[str]) -> list[bool] | None:
    """Which output columns of ``query`` are counts, by position (None: not knowable, e.g.
    ``SELECT *`` over a join)."""
    if isinstance(query, exp.Subquery):
        return _output_flags(query.this, names)
    if isinstance(query, exp.SetOperation):
        left = _output_flags(query.left, names)
        right = _output_flags(query.right, names)
        if left is None or right is None or len(left) != len(right):
            return left or right
        return [a or b for a, b in zip(left, right, strict=True)]
    if not isinstance(query, exp.Select):
        return None
    projections = query.expressions
    if any(
        isinstance(p, exp.Star) or (isinstance(p, exp.Column) and isinstance(p.this, exp.Star))
        for p in projections
    ):
        source = query.args.get("from_") or query.args.get("from")
        if (
            len(projections) == 1
            and not query.args.get("joins")
            and source is not None
            and isinstance(source.this, exp.Subquery)
        ):
            return _output_flags(source.this, names)
        return None
    return [is_count_expression(p.unalias(), names) for p in projections]


def count_columns(tree: exp.Expression, columns: list[str]) -> list[int]:
    """Indexes of the result columns that hold counts."""
    names = count_column_names(tree)
    flags = _output_flags(tree, names)
    if flags is not None and len(flags) != len(columns):
        flags = None
    return [
        i for i, c in enumerate(columns) if (flags is not None and flags[i]) or c.lower() in names
    ]


def suppress_small_cells(
    tree: exp.Expression, result: QueryResult, k: int = DEFAULT_K
) -> QueryResult:
    """Mask count cells from 1 to ``k - 1`` (null), and say so in the result.

    Args:
        tree: The query tree that was executed (after the LIMIT cap).
        result: Its result.
        k: The smallest count shown (default 11).

    Returns:
        A copy of ``result`` with ``suppression_k`` set, small counts masked,
        ``suppressed_cells`` counted and a note naming the columns.
    """
    out = result.model_copy(deep=True)
    out.suppression_k = k
    idx = count_columns(tree, out.columns)
    masked = 0
    hit: set[str] = set()
    for row in out.rows:
        for i in idx:
            v = row[i]
            if isinstance(v, int | float) and not isinstance(v, bool) and 0 < v < k:
                row[i] = None
                masked += 1
                hit.add(out.columns[i])
    out.suppressed_cells = masked
    if masked:
        cols = ", ".join(c for c in out.columns if c in hit)
        out.notes.append(
            f"Small-cell suppression (research mode, k={k}): {masked} count cell(s) from 1 to "
            f"{k - 1} in column(s) {cols} are shown as null."
        )
    return out
