"""The final answer of a run and its citations.

Citations are built by the runtime from the tool calls it actually made (never from what the
model claims): the SQL that ran and the rows it returned, documents retrieved, calculator steps.
The model may narrow them with ``cite`` (call ids); it cannot invent one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field

Status = Literal["answered", "abstained", "needs_information", "budget_exhausted", "failed"]
ValueType = Literal["number", "text", "boolean", "table", "list"]

#: Rows of a SQL result kept in a citation (the model saw at most what its observation showed).
CITED_ROWS = 50
#: Characters of a document kept in a citation.
CITED_TEXT = 500


class Citation(BaseModel):
    """One piece of evidence behind an answer: a tool call and what it returned.

    Attributes:
        kind: ``sql`` (a query and its rows), ``calculator`` (inputs, value, steps),
            ``document`` (retrieved passages) or ``data`` (another data tool, e.g. a patient's
            labs).
        call_id: The tool call's id in the run.
        tool: The tool called.
        arguments: Its arguments.
        sql: The SQL as run by the engine (for ``sql``).
        columns: Result columns (``sql`` and tabular ``data``).
        rows: Rows used (at most :data:`CITED_ROWS`).
        row_count: Rows the tool returned.
        truncated: Whether the tool or the observation cut rows.
        calculator: Calculator id, value, unit and steps (for ``calculator``).
        documents: ``{id, title, source, text}`` of retrieved passages (for ``document``).
        result_hash: sha256 of the tool's structured result (links to the audit log).
    """

    kind: Literal["sql", "calculator", "document", "data"]
    call_id: str
    tool: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    sql: str | None = None
    columns: list[str] | None = None
    rows: list[list[Any]] | None = None
    row_count: int | None = None
    truncated: bool | None = None
    calculator: dict[str, Any] | None = None
    documents: list[dict[str, Any]] | None = None
    result_hash: str | None = None


class FinalAnswer(BaseModel):
    """What a run concluded.

    Attributes:
        status: answered, abstained, needs_information, budget_exhausted or failed.
        text: The answer (or the reason for abstaining / the question / what failed).
        value: The structured value when the question has one: a number, text, a boolean,
            a list or a table (list of rows).
        value_type: The kind of ``value``.
        citations: The evidence behind the answer.
        confidence: 0..1 when rated (the ``ask`` strategy) or stated by the model.
        abstained: True when the data cannot answer the question.
        needs_information: True when a clarifying question is pending.
        question: The clarifying question (with ``needs_information``).
        error: For ``failed``: ``{error, message, hint}``.
        run_id: The run's id: the ``request_id`` of its model records in the audit log.
        model: The model's name.
        strategy: react, rar or ask.
        steps: Action steps taken (model calls other than ratings).
        prompt_tokens: Prompt tokens over all model calls.
        completion_tokens: Completion tokens over all model calls.
        cost_usd: Cost over all model calls (0 when unknown).
        elapsed_ms: Wall time of the run.
    """

    status: Status
    text: str
    value: Any = None
    value_type: ValueType | None = None
    citations: list[Citation] = Field(default_factory=list)
    confidence: float | None = Field(default=None, ge=0, le=1)
    abstained: bool = False
    needs_information: bool = False
    question: str | None = None
    error: dict[str, Any] | None = None
    run_id: str = ""
    model: str = ""
    strategy: str = ""
    steps: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    elapsed_ms: float = 0.0


_NUMBER = re.compile(r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$")


def classify_value(value: Any) -> tuple[Any, ValueType | None]:
    """Return ``value`` normalised and its type (None when there is no value).

    Numbers stay numbers (a float with no fraction becomes an int); a list of lists is a table;
    a list of scalars is a list; numeric text is *not* converted (the model chose text).
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        return value, "boolean"
    if isinstance(value, int):
        return value, "number"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return int(value), "number"
        return value, "number"
    if isinstance(value, str):
        return value, "text"
    if isinstance(value, list):
        if value and all(isinstance(r, list) for r in value):
            return value, "table"
        return value, "list"
    return str(value), "text"


def value_from_text(text: str) -> tuple[Any, ValueType | None]:
    """A number when the answer text is exactly one number, else no value."""
    if _NUMBER.match(text or ""):
        number = float(text)
        return classify_value(number)
    return None, None


class CallRecord(BaseModel):
    """A data tool call made during a run (what citations are built from).

    Attributes:
        call_id: The model's call id.
        tool: The tool name.
        arguments: The arguments sent.
        structured: The tool's structured result (None for text-only results and errors).
        is_error: Whether the tool reported an error.
        rows_shown: Rows of a tabular result the model saw (after observation truncation).
        result_hash: sha256 of the structured result.
    """

    call_id: str
    tool: str
    arguments: dict[str, Any] = Field(default_factory=dict)
    structured: Any = None
    is_error: bool = False
    rows_shown: int | None = None
    result_hash: str | None = None


def _documents(structured: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Passages in a retrieval result: lists named hits/documents/results/chunks with ids."""
    for key in ("hits", "documents", "results", "chunks"):
        items = structured.get(key)
        if not isinstance(items, list) or not items or not isinstance(items[0], dict):
            continue
        docs = []
        for item in items:
            doc = item.get("chunk") if isinstance(item.get("chunk"), dict) else item
            ident = doc.get("doc_id") or doc.get("id") or doc.get("chunk_id")
            if ident is None:
                return None
            docs.append(
                {
                    "id": str(ident),
                    "title": doc.get("title"),
                    "source": doc.get("source"),
                    "score": item.get("score"),
                    "text": str(doc.get("text") or "")[:CITED_TEXT],
                }
            )
        return docs
    if "doc_id" in structured and "text" in structured:
        return [
            {
                "id": str(structured["doc_id"]),
                "title": structured.get("title"),
                "source": structured.get("source"),
                "text": str(structured["text"])[:CITED_TEXT],
            }
        ]
    return None


def citation_for(call: CallRecord) -> Citation:
    """Build the citation of one successful data tool call."""
    s = call.structured if isinstance(call.structured, dict) else {}
    base = {
        "call_id": call.call_id,
        "tool": call.tool,
        "arguments": call.arguments,
        "result_hash": call.result_hash,
    }
    rows = s.get("rows")
    if isinstance(rows, list):
        shown = rows[: call.rows_shown] if call.rows_shown is not None else rows
        kept = shown[:CITED_ROWS]
        columns = s.get("columns")
        row_count = s.get("row_count") if isinstance(s.get("row_count"), int) else len(rows)
        truncated = bool(s.get("truncated")) or len(kept) < len(rows)
        common = dict(
            columns=list(columns) if isinstance(columns, list) else None,
            rows=[list(r) if isinstance(r, list | tuple) else [r] for r in kept],
            row_count=row_count,
            truncated=truncated,
        )
        if call.tool == "run_sql" or isinstance(s.get("sql"), str):
            sql = s.get("sql") or call.arguments.get("sql")
            return Citation(kind="sql", sql=str(sql) if sql else None, **base, **common)
        return Citation(kind="data", **base, **common)
    if "calculator" in s and "value" in s:
        calc = {
            k: s.get(k)
            for k in ("calculator", "value", "unit", "interpretation", "steps", "source")
        }
        calc["inputs"] = call.arguments.get("inputs")
        return Citation(kind="calculator", calculator=calc, **base)
    docs = _documents(s)
    if docs is not None:
        return Citation(kind="document", documents=docs, **base)
    return Citation(kind="data", **base)


def build_citations(
    calls: Iterable[CallRecord], cite: Sequence[str] | None = None
) -> list[Citation]:
    """Citations of the successful data tool calls, narrowed to ``cite`` ids when given.

    Ids in ``cite`` that name no successful call are ignored (the model cannot invent evidence);
    if none of them matches, every successful call is cited.
    """
    ok = [c for c in calls if not c.is_error]
    if cite:
        wanted = set(cite)
        chosen = [c for c in ok if c.call_id in wanted]
        if chosen:
            ok = chosen
    return [citation_for(c) for c in ok]
