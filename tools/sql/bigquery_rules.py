"""BigQuery-specific refusals, on top of the common rules (active for BigQuery SQL or backend).

BigQuery can do things DuckDB cannot, and the common rules were not written for them:

- **Scripting** (``DECLARE``, ``SET``, ``BEGIN ... END``, ``IF``, ``LOOP``, ``WHILE``, ``FOR``,
  ``CALL``, ``RAISE``, ...): a script runs several statements as one job, so one "query" could
  write, loop or call procedures. Checked on the token stream before parsing (sqlglot falls back
  to an opaque ``Command`` for most of these), so strings and comments never trigger it.
- ``EXECUTE IMMEDIATE``: dynamic SQL that no validator can see.
- ``EXTERNAL_QUERY``: federated queries into Cloud SQL or Spanner through a connection.
- ``INFORMATION_SCHEMA``: ``JOBS``, ``JOBS_BY_USER/PROJECT/FOLDER/ORGANIZATION`` and
  ``SESSIONS_*`` hold other users' query text and identities; ``TABLES``, ``COLUMNS`` and the rest
  list datasets beyond the catalog. All views are refused (the catalog tools describe the
  tables).
- ``ML.*``, ``AI.*`` and ``OBJ.*`` functions and ``VECTOR_SEARCH``: they call models or
  endpoints outside the query (Vertex AI, remote models, Cloud Storage objects) and can carry
  rows out with the request.
- ``@@`` system variables (``@@project_id``, ``@@session_id``, ``@@script.*``): session and
  project state, not data.

Sources: BigQuery documentation, "Procedural language", "EXECUTE IMMEDIATE", "EXTERNAL_QUERY
function", "INFORMATION_SCHEMA.JOBS view", "AI functions" and "System variables reference"
(cloud.google.com/bigquery/docs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import TokenError
from sqlglot.tokens import TokenType

from m3agent.tools.errors import SQLValidationError

if TYPE_CHECKING:
    from m3agent.tools.sql.rules import RuleContext

#: Words that start a BigQuery procedural-language statement (never a query).
SCRIPT_KEYWORDS = frozenset(
    {
        "DECLARE",
        "SET",
        "BEGIN",
        "END",
        "IF",
        "ELSEIF",
        "ELSE",
        "LOOP",
        "WHILE",
        "REPEAT",
        "UNTIL",
        "FOR",
        "CALL",
        "RAISE",
        "RETURN",
        "LEAVE",
        "BREAK",
        "CONTINUE",
        "ITERATE",
        "CASE",
        "EXCEPTION",
        "ASSERT",
        "EXECUTE",
    }
)

#: Namespaces of functions that reach models, endpoints or storage outside the query.
ML_NAMESPACES = frozenset({"ml", "ai", "obj", "vertex_ai"})

#: sqlglot's classes for BigQuery ML / AI functions (looked up by name: the set grows with
#: sqlglot releases, and a class missing from this version is simply skipped).
_ML_CLASS_NAMES = (
    "Predict",
    "GenerateText",
    "GenerateEmbedding",
    "GenerateTable",
    "GenerateBool",
    "GenerateInt",
    "GenerateDouble",
    "MLForecast",
    "AIForecast",
    "MLTranslate",
    "AIGenerate",
    "AIClassify",
    "AIEmbed",
    "AISimilarity",
    "AIAgg",
    "AISummarizeAgg",
    "FeaturesAtTime",
    "VectorSearch",
)
ML_CLASSES: tuple[type[exp.Expression], ...] = tuple(
    c for c in (getattr(exp, n, None) for n in _ML_CLASS_NAMES) if isinstance(c, type)
)

_SKIP_TOKENS = (
    TokenType.STRING,
    TokenType.IDENTIFIER,
    TokenType.NATIONAL_STRING,
    TokenType.RAW_STRING,
    TokenType.BYTE_STRING,
)


def _snippet(node: exp.Expression, limit: int = 80) -> str:
    try:
        text = node.sql(dialect="bigquery")
    except Exception:  # noqa: BLE001 - a snippet must never mask the real refusal
        text = type(node).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_bigquery_tokens(sql: str) -> None:
    """Refuse ``EXECUTE IMMEDIATE``, ML/AI calls and scripting from the token stream.

    Runs before parsing, because sqlglot turns most scripting into an opaque ``Command`` and
    cannot parse every ML function (``ML.EVALUATE(MODEL m)``). For scripting only the first
    word of each statement (after an optional ``label:``) is looked at, so ``IF(x, 1, 2)`` or
    ``CASE WHEN`` inside a query is fine. Strings, quoted identifiers and comments never match.

    Raises:
        SQLValidationError: Rule ``bq_execute_immediate``, ``bq_ml_functions`` or
            ``bq_scripting``.
    """
    try:
        tokens = Dialect.get_or_raise("bigquery").tokenize(sql)
    except (TokenError, ValueError):
        return  # the parser reports the syntax error with its position
    for i, tok in enumerate(tokens):
        if tok.token_type in _SKIP_TOKENS or tok.text.upper() != "EXECUTE":
            continue
        # sqlglot reads EXECUTE as a command and the rest of the statement as one string.
        nxt = tokens[i + 1].text.lstrip().upper() if i + 1 < len(tokens) else ""
        if nxt.startswith("IMMEDIATE"):
            raise SQLValidationError(
                "EXECUTE IMMEDIATE is not allowed: dynamic SQL cannot be validated.",
                rule="bq_execute_immediate",
                snippet=sql.strip()[:80],
                hint="Write the query itself as one SELECT.",
            )
    for i, tok in enumerate(tokens):
        if tok.token_type in _SKIP_TOKENS and tok.token_type != TokenType.IDENTIFIER:
            continue
        word = tok.text.lower()
        called = [t.token_type for t in tokens[i + 1 : i + 4]]
        if (
            word in ML_NAMESPACES
            and called[:1] == [TokenType.DOT]
            and called[2:3] == [TokenType.L_PAREN]
        ) or (word == "vector_search" and called[:1] == [TokenType.L_PAREN]):
            raise SQLValidationError(
                f"{tok.text}.{tokens[i + 2].text}() is not allowed: BigQuery ML and AI functions "
                f"call models or services outside the query."
                if called[:1] == [TokenType.DOT]
                else "VECTOR_SEARCH() is not allowed: it is a BigQuery ML table function.",
                rule="bq_ml_functions",
                snippet=sql.strip()[:80],
                hint="Compute in SQL with scalar and aggregate functions only.",
            )
    starts = [0] + [i + 1 for i, t in enumerate(tokens) if t.token_type == TokenType.SEMICOLON]
    for i in starts:
        if i >= len(tokens):
            continue
        if (
            i + 1 < len(tokens)
            and tokens[i + 1].token_type == TokenType.COLON
            and tokens[i].token_type == TokenType.VAR
        ):
            i += 2  # a block label
            if i >= len(tokens):
                continue
        tok = tokens[i]
        word = (tok.text.split() or [""])[0].upper()  # "BEGIN TRANSACTION" is one token
        if tok.token_type not in _SKIP_TOKENS and word in SCRIPT_KEYWORDS:
            raise SQLValidationError(
                f"BigQuery scripting is not allowed: found a {word} statement. A script runs "
                f"several statements in one job, beyond what one read-only query may do.",
                rule="bq_scripting",
                snippet=sql.strip()[:80],
                hint="Send one SELECT (WITH ... SELECT) without DECLARE, SET or blocks.",
            )


def _dotted_parts(table: exp.Table) -> list[str]:
    parts: list[str] = []
    for key in ("catalog", "db", "this"):
        node = table.args.get(key)
        if isinstance(node, exp.Identifier):
            parts.extend(p.lower() for p in node.name.split("."))
    return parts


def rule_bigquery_specific(tree: exp.Expression, ctx: RuleContext) -> None:
    """BigQuery-only refusals on the tree: EXTERNAL_QUERY, INFORMATION_SCHEMA, ML./AI.
    functions, ``@@`` system variables. A no-op unless ``ctx.bigquery``."""
    if not ctx.bigquery:
        return
    for node in tree.walk():
        if isinstance(node, exp.Anonymous):
            name = str(node.name).lower()
            if name == "external_query":
                raise SQLValidationError(
                    "EXTERNAL_QUERY is not allowed: it runs SQL in another database through a "
                    "connection.",
                    rule="bq_external_query",
                    snippet=_snippet(node),
                    hint="Only the MIMIC-IV tables of the catalog can be read.",
                )
            if name.split(".")[0] in ML_NAMESPACES and "." in name:
                _refuse_ml(node)
        elif isinstance(node, ML_CLASSES):
            _refuse_ml(node)
        elif isinstance(node, exp.Dot):
            left = node.this
            if (
                isinstance(left, exp.Identifier | exp.Column | exp.Var)
                and left.name.lower() in ML_NAMESPACES
                and isinstance(node.expression, exp.Func)
            ):
                _refuse_ml(node)
        elif isinstance(node, exp.Table):
            parts = _dotted_parts(node)
            if "information_schema" in parts:
                view = parts[parts.index("information_schema") + 1 :] or [""]
                raise SQLValidationError(
                    f"INFORMATION_SCHEMA.{view[0].upper()} is not allowed: INFORMATION_SCHEMA "
                    f"views reveal other users' queries (JOBS*, SESSIONS*) and datasets beyond "
                    f"the catalog.",
                    rule="bq_information_schema",
                    snippet=_snippet(node),
                    hint="Use list_tables and describe_table to see the schema.",
                )
            db = node.args.get("db")
            if (
                isinstance(node.this, exp.Func)
                and isinstance(db, exp.Identifier)
                and db.name.lower() in ML_NAMESPACES
            ):
                _refuse_ml(node)
        elif isinstance(node, exp.Parameter) and isinstance(node.this, exp.Parameter):
            raise SQLValidationError(
                f"BigQuery system variables are not allowed: found {_snippet(node)}.",
                rule="bq_system_variables",
                snippet=_snippet(node),
                hint="Query the data; session and project state are off limits.",
            )


def _refuse_ml(node: exp.Expression) -> None:
    raise SQLValidationError(
        "BigQuery ML and AI functions (ML.*, AI.*, OBJ.*, VECTOR_SEARCH) are not allowed: "
        "they call models or services outside the query and can send rows with the request.",
        rule="bq_ml_functions",
        snippet=_snippet(node),
        hint="Compute in SQL with scalar and aggregate functions only.",
    )
