"""Who may call what: scopes per tool from a policy file, row-level access, rows per result.

A policy file (JSON, or TOML by its ``.toml`` suffix) maps OAuth scopes to the tools and
resources they grant, and caps the rows one result may hold::

    {
      "version": 1,
      "row_level_scope": "mimic.patient",
      "scopes": {
        "mimic.schema": {"tools": ["list_datasets", "describe_table"], "max_rows": 1000},
        "mimic.sql": {"tools": ["run_sql"], "max_rows": 1000},
        "mimic.patient": {"tools": ["patient_*", "get_*"], "resources": ["mimic://schema/*"],
                          "max_rows": 5000}
      }
    }

Rules, applied to every tool call of an authenticated caller (see :meth:`Policy.grant`):

- A tool is allowed when **any** scope of the token lists it (names or ``fnmatch`` patterns);
  a tool no scope lists is refused for everyone (deny by default).
- **Row-level patient data** needs ``row_level_scope``. A call is row-level when it names a
  patient (an argument in ``row_level_arguments``, e.g. ``subject_id``), when ``run_sql``'s
  statement returns patient rows (:func:`row_level_reason`: not aggregated, grouped by a patient
  identifier, or collecting values with ``list``/``array_agg``/``string_agg``, or a window over
  patient rows), and ``describe_table``'s sample rows are dropped without it.
- **Rows per result**: the cap of a call is the largest ``max_rows`` of the scopes that grant the
  tool, and, for a row-level call, no more than the row-level scope's ``max_rows``. Longer results
  are cut and marked truncated, with a note.

What this does not prevent: an aggregate over a group of one patient (``GROUP BY charttime``,
``WHERE subject_id = ...``) still reveals that patient's values, and differencing across
queries is not tracked; small-cell suppression of counts is a separate, result-side safeguard.

The default policy ships as ``server/policy_default.json``.
"""

from __future__ import annotations

import fnmatch
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlglot import exp

from m3agent.tools.errors import ConfigError, M3AgentError

#: The policy shipped with m3-agent.
DEFAULT_POLICY_PATH = Path(__file__).with_name("policy_default.json")

#: RFC 6749 §3.3 scope-token: printable ASCII except space, double quote and backslash.
_SCOPE_TOKEN = re.compile(r"^[\x21\x23-\x5b\x5d-\x7e]+$")

#: Aggregates that hand back the individual values they collect, so they do not aggregate away
#: row-level data (DuckDB names and their common aliases).
ROW_REVEALING_AGGREGATES = frozenset(
    {
        "array_agg",
        "list",
        "array_concat_agg",
        "string_agg",
        "group_concat",
        "listagg",
        "json_group_array",
        "json_group_object",
        "json_arrayagg",
        "json_objectagg",
        "histogram",
        "map_agg",
        "first",
        "last",
        "any_value",
        "arbitrary",
        "reservoir_quantile",
        "arg_max",
        "arg_min",
        "argmax",
        "argmin",
        "max_by",
        "min_by",
        "arg_max_null",
        "arg_min_null",
    }
)

#: Aggregates that may take an identifier column without revealing one (they count it).
COUNTING_AGGREGATES = frozenset({"count", "count_if", "approx_count_distinct", "approx_distinct"})


class AccessRefused(M3AgentError):
    """A call refused by the access policy or a limit; audited as a ``refusal``.

    Args:
        message: What was refused and why.
        rule: The rule that refused it (``insufficient_scope``, ``row_level``, ``rate_limit`` ...).
        hint: What to do instead.
        details: Extra facts for the audit record (missing scope, seconds until retry ...).
    """

    code = "access_refused"

    def __init__(
        self,
        message: str,
        *,
        rule: str,
        hint: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.rule = rule
        self.details = dict(details or {})

    def __str__(self) -> str:
        text = f"Refused by rule '{self.rule}': {self.message}"
        return f"{text} Hint: {self.hint}" if self.hint else text

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe description with the rule and details."""
        d: dict[str, Any] = dict(super().to_dict())
        d.update(rule=self.rule, **self.details)
        return d


class InsufficientScope(AccessRefused):
    """The token lacks a scope the call needs (HTTP 403 ``insufficient_scope``)."""

    code = "insufficient_scope"

    def __init__(
        self,
        message: str,
        *,
        needed: list[str],
        hint: str | None = None,
        rule: str = "insufficient_scope",
    ) -> None:
        super().__init__(message, rule=rule, hint=hint, details={"needed_scopes": needed})
        self.needed = needed


class ScopeRule(BaseModel):
    """What one scope grants.

    Attributes:
        description: What holding the scope means, for people reading the policy.
        tools: Tool names or ``fnmatch`` patterns (``get_*``) this scope allows.
        resources: Resource URIs or patterns (``mimic://schema/*``) this scope allows to read.
        max_rows: The most rows one result may hold under this scope (None: no cap beyond the
            engine's own).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    tools: list[str] = Field(default_factory=list)
    resources: list[str] = Field(default_factory=list)
    max_rows: int | None = Field(default=None, ge=1)


class Policy(BaseModel):
    """A parsed policy file (see the module docstring).

    Attributes:
        version: The file format version (1).
        row_level_scope: The scope needed for row-level patient data.
        row_level_arguments: Tool arguments that name a patient or stay: a call carrying one is
            row-level.
        identifier_columns: Columns that identify a patient, admission, stay or event: grouping
            by one keeps results row-level.
        reference_tables: Tables holding no patient data (dictionaries): queries on them alone
            are never row-level.
        scopes: Scope name → what it grants.
        source: Where the policy was read from (filled by :func:`load_policy`).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1] = 1
    description: str = ""
    row_level_scope: str = "mimic.patient"
    row_level_arguments: list[str] = Field(
        default_factory=lambda: ["subject_id", "hadm_id", "stay_id"]
    )
    identifier_columns: list[str] = Field(
        default_factory=lambda: ["subject_id", "hadm_id", "stay_id", "transfer_id", "row_id"]
    )
    reference_tables: list[str] = Field(default_factory=list)
    scopes: dict[str, ScopeRule]
    source: str = "<memory>"

    @field_validator("scopes")
    @classmethod
    def _scope_names(cls, value: dict[str, ScopeRule]) -> dict[str, ScopeRule]:
        if not value:
            raise ValueError("expected at least one scope, found none")
        for name in value:
            if not _SCOPE_TOKEN.match(name):
                raise ValueError(
                    f"scope names are printable ASCII without spaces, quotes or "
                    f"backslashes (RFC 6749 §3.3), found {name!r}"
                )
        return value

    @model_validator(mode="after")
    def _row_scope_known(self) -> Policy:
        if self.row_level_scope not in self.scopes:
            raise ValueError(
                f"row_level_scope {self.row_level_scope!r} is not one of the "
                f"scopes: {', '.join(self.scopes)}"
            )
        return self

    # -- look-ups ------------------------------------------------------------------------------

    def scopes_granting_tool(self, tool: str) -> list[str]:
        """The scopes whose tool list matches ``tool``, in file order."""
        return [
            name
            for name, rule in self.scopes.items()
            if any(fnmatch.fnmatchcase(tool, pat) for pat in rule.tools)
        ]

    def scopes_granting_resource(self, uri: str) -> list[str]:
        """The scopes whose resource list matches ``uri``, in file order."""
        return [
            name
            for name, rule in self.scopes.items()
            if any(fnmatch.fnmatchcase(uri, pat) for pat in rule.resources)
        ]

    def uncovered_tools(self, tools: list[str]) -> list[str]:
        """The tools of ``tools`` that no scope grants (they are refused to every token)."""
        return [t for t in tools if not self.scopes_granting_tool(t)]

    def allowed_tools(self, tools: list[str], scopes: frozenset[str]) -> list[str]:
        """The tools of ``tools`` that a token with ``scopes`` may call."""
        return [t for t in tools if scopes.intersection(self.scopes_granting_tool(t))]

    # -- decisions -----------------------------------------------------------------------------

    def grant(
        self,
        tool: str,
        scopes: frozenset[str],
        arguments: dict[str, Any] | None = None,
    ) -> Grant:
        """Decide whether a caller with ``scopes`` may call ``tool`` with ``arguments``.

        Returns:
            The :class:`Grant` (row cap, whether row-level data is allowed).

        Raises:
            InsufficientScope: When no scope of the token grants the tool, or the arguments name
                a patient and the token lacks the row-level scope; the message names the scopes.
        """
        granting = self.scopes_granting_tool(tool)
        if not granting:
            raise InsufficientScope(
                f"tool {tool!r} is not granted by any scope of the access policy ({self.source}).",
                needed=[],
                rule="not_in_policy",
                hint="Ask the server's administrator to add the tool to a scope of the policy.",
            )
        held = [s for s in granting if s in scopes]
        if not held:
            raise InsufficientScope(
                f"tool {tool!r} needs the scope {_or(granting)}; the token has {_list(scopes)}.",
                needed=granting,
                hint=f"Request a token with the scope {granting[0]!r}.",
            )
        row_level = self.row_level_scope in scopes
        named = sorted(k for k in self.row_level_arguments if (arguments or {}).get(k) is not None)
        if named and not row_level:
            raise InsufficientScope(
                f"tool {tool!r} with {', '.join(named)} reads one patient's records, which "
                f"needs the scope {self.row_level_scope!r}; the token has {_list(scopes)}.",
                needed=[self.row_level_scope],
                rule="row_level",
                hint=f"Request a token with {self.row_level_scope!r}, or ask without naming a "
                f"patient.",
            )
        caps = [self.scopes[s].max_rows for s in held]
        cap = None if any(c is None for c in caps) else max(c for c in caps if c is not None)
        return Grant(
            tool=tool,
            scopes=scopes,
            row_level=row_level,
            max_rows=cap,
            row_level_max_rows=self.scopes[self.row_level_scope].max_rows,
        )

    def check_resource(self, uri: str, scopes: frozenset[str]) -> None:
        """Refuse reading resource ``uri`` unless a scope of the token grants it.

        Raises:
            InsufficientScope: Naming the scopes that would grant it.
        """
        granting = self.scopes_granting_resource(uri)
        if not scopes.intersection(granting):
            raise InsufficientScope(
                f"reading resource {uri!r} needs the scope {_or(granting)}; the token has "
                f"{_list(scopes)}."
                if granting
                else f"resource {uri!r} is not granted by any scope of the access policy "
                f"({self.source}).",
                needed=granting,
                rule="insufficient_scope" if granting else "not_in_policy",
            )

    def check_sql(self, grant: Grant, tree: exp.Expression) -> None:
        """Refuse a statement that returns row-level patient data without the row-level scope.

        Raises:
            InsufficientScope: With rule ``row_level`` and why the statement is row-level.
        """
        if grant.row_level:
            return
        reason = row_level_reason(
            tree,
            identifiers=frozenset(self.identifier_columns),
            reference_tables=frozenset(self.reference_tables),
        )
        if reason is not None:
            raise InsufficientScope(
                f"this query returns row-level patient data ({reason}), which needs the scope "
                f"{self.row_level_scope!r}; the token has {_list(grant.scopes)}.",
                needed=[self.row_level_scope],
                rule="row_level",
                hint="Aggregate instead (COUNT, AVG, percentiles ... GROUP BY categories, not "
                "patient identifiers), or request a token with "
                f"{self.row_level_scope!r}.",
            )


@dataclass(frozen=True)
class Grant:
    """What an allowed call may return.

    Attributes:
        tool: The tool.
        scopes: The token's scopes.
        row_level: Whether the token holds the row-level scope.
        max_rows: The largest row cap of the scopes granting the tool (None: uncapped).
        row_level_max_rows: The row-level scope's cap, applied to row-level results.
    """

    tool: str
    scopes: frozenset[str]
    row_level: bool
    max_rows: int | None
    row_level_max_rows: int | None

    def cap(self, result_is_row_level: bool) -> int | None:
        """The most rows a result may hold."""
        caps = [self.max_rows]
        if result_is_row_level:
            caps.append(self.row_level_max_rows)
        present = [c for c in caps if c is not None]
        return min(present) if present else None


def _or(names: list[str]) -> str:
    return " or ".join(repr(n) for n in names) if names else "(none)"


def _list(scopes: frozenset[str]) -> str:
    return ", ".join(repr(s) for s in sorted(scopes)) if scopes else "no scopes"


# -- loading -----------------------------------------------------------------------------------


def load_policy(path: Path | str | None = None) -> Policy:
    """Read and check a policy file (JSON, or TOML when it ends in ``.toml``).

    Args:
        path: The file; None for the shipped default policy.

    Raises:
        ConfigError: When the file is missing, not JSON/TOML, or breaks the format, naming the
            file and the field.
    """
    file = Path(path) if path is not None else DEFAULT_POLICY_PATH
    try:
        raw = file.read_bytes()
    except OSError as e:
        raise ConfigError(
            f"Cannot read the policy file {file}: {e.strerror or e}.",
            hint="Set M3AGENT_POLICY_FILE to a readable JSON or TOML file.",
        ) from None
    try:
        if file.suffix.lower() == ".toml":
            data: Any = tomllib.loads(raw.decode("utf-8"))
        else:
            data = json.loads(raw)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as e:
        kind = "TOML" if file.suffix.lower() == ".toml" else "JSON"
        raise ConfigError(f"The policy file {file} is not valid {kind}: {e}.") from None
    if not isinstance(data, dict):
        raise ConfigError(
            f"The policy file {file} must hold an object with 'scopes', found "
            f"{type(data).__name__}."
        )
    try:
        return Policy.model_validate({**data, "source": str(file)})
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'policy'}: {err['msg']}"
            for err in e.errors()
        )
        raise ConfigError(
            f"The policy file {file} is not a valid policy: {problems}.",
            hint="See server/policy_default.json for the format.",
        ) from None


# -- results -----------------------------------------------------------------------------------


def count_rows(result: Any) -> int:
    """Rows in a result: ``rows`` lists of it and of the models it nests (sample rows aside)."""
    if isinstance(result, BaseModel):
        total = 0
        for name in type(result).model_fields:
            value = getattr(result, name)
            if name == "rows" and isinstance(value, list):
                total += len(value)
            elif isinstance(value, BaseModel):
                total += count_rows(value)
            elif isinstance(value, list):
                total += sum(count_rows(v) for v in value if isinstance(v, BaseModel))
        return total
    return 0


def restrict_result(
    result: Any,
    *,
    cap: int | None,
    row_level: bool,
    why: str = "the most one result may hold under the token's scopes",
) -> Any:
    """Cut a result to the rows a grant allows and drop sample rows without row-level access.

    Works on any pydantic result: each ``rows`` list (also in nested models) is cut to ``cap``
    with ``truncated`` set and ``row_count`` updated where the model has them; ``sample_rows``
    are emptied unless ``row_level``. Each change is explained in the nearest ``notes`` list.

    Args:
        result: The tool's result.
        cap: The most rows one table of the result may hold (None: no cut).
        row_level: Whether the caller may see row-level patient data.
        why: Why rows are cut, for the note.

    Returns:
        The result, or a copy with the changes.
    """
    if not isinstance(result, BaseModel):
        return result
    model, _pending = _restrict(result, cap, row_level, why)
    return model


def _restrict(
    result: BaseModel, cap: int | None, row_level: bool, why: str
) -> tuple[BaseModel, list[str]]:
    update: dict[str, Any] = {}
    notes: list[str] = []
    fields = type(result).model_fields
    for name in fields:
        value = getattr(result, name)
        if name == "rows" and isinstance(value, list) and cap is not None and len(value) > cap:
            update["rows"] = value[:cap]
            if "truncated" in fields:
                update["truncated"] = True
            if "row_count" in fields:
                update["row_count"] = cap
            title = getattr(result, "title", None)
            where = f" ({title})" if isinstance(title, str) else ""
            notes.append(f"Result{where} cut to {cap} rows: {why}.")
        elif name == "sample_rows" and isinstance(value, list) and value and not row_level:
            update["sample_rows"] = []
            notes.append("Sample rows withheld: row-level patient data needs the row-level scope.")
        elif isinstance(value, BaseModel):
            new, pending = _restrict(value, cap, row_level, why)
            notes.extend(pending)
            if new is not value:
                update[name] = new
        elif isinstance(value, list) and any(isinstance(v, BaseModel) for v in value):
            new_list = []
            for v in value:
                if isinstance(v, BaseModel):
                    v, pending = _restrict(v, cap, row_level, why)
                    notes.extend(pending)
                new_list.append(v)
            if any(a is not b for a, b in zip(new_list, value, strict=True)):
                update[name] = new_list
    if notes and isinstance(getattr(result, "notes", None), list):
        update["notes"] = [*result.notes, *notes]
        notes = []
    return (result.model_copy(update=update) if update else result), notes


# -- row-level SQL -----------------------------------------------------------------------------

_NONE, _AGG, _ROWS = 0, 1, 2


def row_level_reason(
    tree: exp.Expression, *, identifiers: frozenset[str], reference_tables: frozenset[str]
) -> str | None:
    """Why a validated statement returns row-level patient data, or None if it does not.

    A SELECT reading patient tables (any table not in ``reference_tables``, directly or through
    subqueries and CTEs) returns rows unless it aggregates them: a GROUP BY or aggregate-only
    projections, no GROUP BY key built from an identifier column, no value-collecting aggregate
    (:data:`ROW_REVEALING_AGGREGATES`), no window function. Scalar subqueries in the select
    list count as sources. Set operations are row-level if any branch is.

    Args:
        tree: The statement (tables resolved, as :meth:`SQLEngine.prepare` returns it).
        identifiers: Lower-case column names that identify patients, stays or events.
        reference_tables: Lower-case table names (bare or ``schema.table``) without patient
            data.
    """
    level, reason = _classify(tree, {}, identifiers, reference_tables)
    return reason if level == _ROWS else None


def _ctes(
    node: exp.Expression,
    outer: dict[str, tuple[int, str | None]],
    ids: frozenset[str],
    refs: frozenset[str],
) -> dict[str, tuple[int, str | None]]:
    with_ = node.args.get("with_") or node.args.get("with")
    if not isinstance(with_, exp.With):
        return outer
    scope = dict(outer)
    for cte in with_.expressions:
        scope[cte.alias_or_name.lower()] = _classify(cte.this, scope, ids, refs)
    return scope


def _classify(
    node: exp.Expression,
    ctes: dict[str, tuple[int, str | None]],
    ids: frozenset[str],
    refs: frozenset[str],
) -> tuple[int, str | None]:
    ctes = _ctes(node, ctes, ids, refs)
    if isinstance(node, exp.Subquery):
        return _classify(node.this, ctes, ids, refs)
    if isinstance(node, exp.SetOperation):
        left = _classify(node.left, ctes, ids, refs)
        right = _classify(node.right, ctes, ids, refs)
        return max(left, right, key=lambda lr: lr[0])
    if not isinstance(node, exp.Select):
        return _NONE, None
    level, why = _NONE, None
    for source in _sources(node):
        got = _source_level(source, ctes, ids, refs)
        if got[0] > level:
            level, why = got
    for proj in node.expressions:
        for sub in proj.find_all(exp.Subquery, exp.Select):
            inner = sub if isinstance(sub, exp.Subquery) else sub
            got = _classify(inner, ctes, ids, refs)
            if got[0] == _ROWS:
                return _ROWS, f"a subquery in the select list returns patient rows ({got[1]})"
            level = max(level, got[0])
    if level != _ROWS:
        return level, why
    return _aggregated(node, why, ids)


def _sources(select: exp.Select) -> list[exp.Expression]:
    out: list[exp.Expression] = []
    from_ = select.args.get("from_") or select.args.get("from")
    if isinstance(from_, exp.From):
        out.append(from_.this)
    for join in select.args.get("joins") or []:
        out.append(join.this)
    return out


def _source_level(
    source: exp.Expression,
    ctes: dict[str, tuple[int, str | None]],
    ids: frozenset[str],
    refs: frozenset[str],
) -> tuple[int, str | None]:
    if isinstance(source, exp.Table):
        if not source.name:  # a table function such as range(10) or unnest(...)
            return _NONE, None
        name = source.name.lower()
        qualified = f"{source.db.lower()}.{name}" if source.db else name
        if not source.db and name in ctes:
            return ctes[name]
        if name in refs or qualified in refs:
            return _NONE, None
        return _ROWS, f"it reads {qualified} without aggregating"
    if isinstance(source, exp.Subquery | exp.Select | exp.SetOperation):
        return _classify(source, ctes, ids, refs)
    if isinstance(source, exp.Values):
        return _NONE, None
    # Lateral, unnest and other table expressions: look at what they read.
    worst: tuple[int, str | None] = (_NONE, None)
    for sub in source.find_all(exp.Select):
        got = _classify(sub, ctes, ids, refs)
        if got[0] > worst[0]:
            worst = got
    for table in source.find_all(exp.Table):
        got = _source_level(table, ctes, ids, refs)
        if got[0] > worst[0]:
            worst = got
    return worst


def _agg_name(node: exp.Expression) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.this).lower()
    return node.sql_name().lower() if hasattr(node, "sql_name") else type(node).__name__.lower()


def _aggregated(select: exp.Select, why: str | None, ids: frozenset[str]) -> tuple[int, str | None]:
    """Classify a SELECT whose input holds patient rows."""
    for node in select.find_all(exp.Window):
        if node.find_ancestor(exp.Select) is select:
            return _ROWS, "a window function keeps one output row per patient row"
    aggs = [
        a
        for a in select.find_all(exp.AggFunc, exp.Anonymous)
        if (isinstance(a, exp.AggFunc) or _agg_name(a) in ROW_REVEALING_AGGREGATES)
        and a.find_ancestor(exp.Select) is select
    ]
    for agg in aggs:
        name = _agg_name(agg)
        if name in ROW_REVEALING_AGGREGATES or type(agg).__name__.lower() in {
            "arrayagg",
            "grouparray",
            "groupconcat",
            "stringagg",
            "listagg",
            "first",
            "last",
            "anyvalue",
            "arrayconcatagg",
            "jsonarrayagg",
            "jsonobjectagg",
            "argmax",
            "argmin",
        }:
            return _ROWS, f"{name}() returns the individual values it collects"
        if name not in COUNTING_AGGREGATES and not isinstance(agg, exp.Count):
            for col in agg.find_all(exp.Column):
                if col.name.lower() in ids:
                    return _ROWS, f"{name}() of the identifier {col.name} returns an identifier"
    group = select.args.get("group")
    if group is not None:
        for col in group.find_all(exp.Column):
            if col.name.lower() in ids:
                return _ROWS, f"it groups by the identifier {col.name}"
        # GROUP BY 1 / GROUP BY alias: look at the projection it names.
        by_pos = {str(i + 1): p for i, p in enumerate(select.expressions)}
        by_alias = {p.alias_or_name.lower(): p for p in select.expressions}
        for key in group.expressions:
            target = None
            if isinstance(key, exp.Literal) and key.is_int:
                target = by_pos.get(key.name)
            elif isinstance(key, exp.Column) and not key.table:
                target = by_alias.get(key.name.lower())
            if target is not None:
                for col in target.find_all(exp.Column):
                    if col.name.lower() in ids:
                        return _ROWS, f"it groups by the identifier {col.name}"
        return _AGG, None
    if select.args.get("distinct") is not None:
        return _ROWS, "SELECT DISTINCT without aggregation returns patient rows"
    if not aggs:
        return _ROWS, why
    for proj in select.expressions:
        inner = proj.this if isinstance(proj, exp.Alias) else proj
        if isinstance(inner, exp.Star) or any(
            c.find_ancestor(exp.AggFunc, exp.Filter) is None
            and c.find_ancestor(exp.Select) is select
            for c in inner.find_all(exp.Column)
        ):
            return _ROWS, "a column is selected outside any aggregate"
    return _AGG, None
