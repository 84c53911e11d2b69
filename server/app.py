"""The MCP server: ``build_server(settings)`` registers every tool, resource and prompt.

Resources (the SQL engine, catalog, concept index and audit log) are opened once in a typed
lifespan and reached through the request context. Each tool is a thin typed function; the
shared :func:`_call` runs it off the event loop, writes one audit record, and turns our errors
into tool errors (``isError``) whose text the model can act on.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field

from m3agent.audit import AuditLog, default_audit_path, hash_result, os_identity
from m3agent.server.limits import Limits
from m3agent.server.policy import (
    AccessRefused,
    Grant,
    Policy,
    count_rows,
    load_policy,
    restrict_result,
)
from m3agent.server.settings import ServerSettings
from m3agent.tools import patient as patient_tools
from m3agent.tools.catalog.catalog import Catalog, TableDescription, TableInfo
from m3agent.tools.concepts import Concept, ConceptIndex
from m3agent.tools.datasets import DATASETS, get_dataset
from m3agent.tools.errors import M3AgentError
from m3agent.tools.sql.engine import SQLEngine
from m3agent.tools.sql.result import QueryResult

T = TypeVar("T")
INSTRUCTIONS = (Path(__file__).with_name("instructions.md")).read_text(encoding="utf-8")
READ_ONLY = ToolAnnotations(read_only_hint=True, idempotent_hint=True, destructive_hint=False,
                            open_world_hint=False)


@dataclass
class ServerState:
    """Everything the tools share, opened once per server."""

    settings: ServerSettings
    engine: SQLEngine
    catalog: Catalog
    concepts: ConceptIndex
    audit: AuditLog
    identity: str
    #: Scopes per tool, applied to every call when authentication is on (None: off).
    policy: Policy | None = None
    #: Per-subject rate limit, concurrency and daily budgets (None: all off).
    limits: Limits | None = None


def open_state(settings: ServerSettings) -> ServerState:
    """Open the engine, catalog, concept index, audit log, access policy and limits."""
    policy = load_policy(settings.policy_file) if settings.auth is not None else None
    engine = SQLEngine(settings.engine)
    audit = AuditLog(settings.audit_path or default_audit_path())
    limits = None
    if settings.limits.enabled:
        limits = Limits(settings.limits)
        limits.seed_from_audit(audit.path)  # today's budgets survive a restart
    return ServerState(settings=settings, engine=engine, catalog=Catalog(engine),
                       concepts=ConceptIndex(engine), audit=audit,
                       identity=settings.identity or os_identity(), policy=policy,
                       limits=limits)


def _caller(ctx: Context | None, state: ServerState
            ) -> tuple[str, str | None, frozenset[str] | None]:
    """The identity, client id and scopes of the caller: a verified token's subject, client
    and scopes over authenticated HTTP; the OS user (and no scopes) otherwise."""
    try:
        from mcp.server.auth.middleware.auth_context import get_access_token

        token = get_access_token()
    except Exception:  # noqa: BLE001 - no auth context outside HTTP
        token = None
    if token is not None:
        subject = getattr(token, "subject", None) or getattr(token, "client_id", None)
        return (str(subject or "unknown"), getattr(token, "client_id", None),
                frozenset(getattr(token, "scopes", None) or ()))
    return state.identity, None, None


def _authorize(state: ServerState, tool: str, arguments: dict[str, Any],
               scopes: frozenset[str] | None) -> Grant | None:
    """The caller's grant for ``tool`` under the access policy (None when there is none)."""
    if state.policy is None:
        return None
    if scopes is None:  # authentication is on, yet the call carries no verified token
        raise AccessRefused(f"{tool} needs a verified access token; this call carries none.",
                            rule="missing_token",
                            hint="Call the server over HTTP with an OAuth bearer token.")
    return state.policy.grant(tool, scopes, arguments)


def _restrict(state: ServerState, grant: Grant | None, identity: str, result: Any) -> Any:
    """Cut the result to the grant's row cap and the subject's remaining daily rows."""
    cap = grant.cap(grant.row_level) if grant is not None else None
    why = "the most one result may hold under the token's scopes"
    allowance = state.limits.rows_allowance(identity) if state.limits is not None else None
    if allowance is not None and (cap is None or allowance < cap):
        cap, why = allowance, "the rows left in today's budget"
    if grant is not None or cap is not None:
        result = restrict_result(result, cap=cap, row_level=grant is None or grant.row_level,
                                 why=why)
    if state.limits is not None:
        state.limits.charge_rows(identity, count_rows(result))
    return result


def _session_id(ctx: Context) -> str:
    headers = ctx.headers or {}
    sid = headers.get("mcp-session-id") if hasattr(headers, "get") else None
    return sid or f"s-{id(ctx.session):x}"


def _rows_of(result: Any) -> tuple[int | None, bool | None]:
    if isinstance(result, QueryResult):
        return result.row_count, result.truncated
    rows = getattr(result, "rows", None)
    if isinstance(rows, list):
        return len(rows), getattr(result, "truncated", None)
    if isinstance(result, list):
        return len(result), None
    return None, None


def _run_id(ctx: Context) -> str | None:
    """The agent run this call belongs to (``_meta["m3agent/run_id"]``), if any."""
    try:
        meta = ctx.request_context.meta
    except Exception:  # noqa: BLE001 - no request metadata outside a request
        return None
    value = meta.get("m3agent/run_id") if isinstance(meta, dict) else getattr(
        meta, "m3agent/run_id", None)
    if value is None and meta is not None and hasattr(meta, "model_extra"):
        value = (meta.model_extra or {}).get("m3agent/run_id")
    return str(value) if value else None


def _wants_progress(ctx: Context) -> bool:
    """Whether the client asked for progress (a progressToken): notifications cost a message
    each, so they are sent only to clients that will show them."""
    try:
        meta = ctx.request_context.meta
    except Exception:  # noqa: BLE001 - no request metadata outside a request
        return False
    return isinstance(meta, dict) and meta.get("progressToken") is not None


def _hashable(result: Any) -> Any:
    """The result as hashed for the audit trail: timing left out, so identical answers to
    identical calls hash identically (and an agent run can be replayed by hash)."""
    if isinstance(result, BaseModel):
        data = result.model_dump(mode="json")
        data.pop("elapsed_ms", None)
        return data
    return result


async def _call(ctx: Context, tool: str, arguments: dict[str, Any], fn: Callable[[], T], *,
                sql_tree: Callable[[], Any] | None = None) -> T:
    """Check access and limits, run ``fn`` in a worker thread, audit the call, map our errors
    to tool errors.

    With an access policy (authenticated HTTP) the token's scopes must grant the tool; a
    ``sql_tree`` (the validated statement, for ``run_sql``) is checked for row-level patient
    data before anything runs; the result is cut to the scopes' row cap. Limits admit the call
    first and count its rows. Refusals are audited with kind ``refusal`` and the rule.

    The audit record is written before the result is returned; if it cannot be written the
    call fails and the result is withheld, so nothing leaves the server unaudited.
    """
    state: ServerState = ctx.request_context.lifespan_context
    identity, client_id, scopes = _caller(ctx, state)
    request_id = ctx.request_id or uuid.uuid4().hex
    session_id = _session_id(ctx)
    run_id = _run_id(ctx)

    def run_and_audit() -> tuple[Any, BaseException | None, BaseException | None]:
        # One worker-thread hop for the call and its audit record: a second hop costs a
        # thread wake-up per call, which dominated small calls on a busy machine.
        t0 = time.perf_counter()
        result: Any = None
        error: BaseException | None = None
        lease = None
        try:
            grant = _authorize(state, tool, arguments, scopes)
            if state.limits is not None:
                lease = state.limits.admit(identity)
            if (grant is not None and not grant.row_level and sql_tree is not None
                    and state.policy is not None):
                state.policy.check_sql(grant, sql_tree())
            result = _restrict(state, grant, identity, fn())
        except Exception as e:  # noqa: BLE001 - any failure is audited, then reported
            error = e
        finally:
            if lease is not None:
                lease.release()
        duration = (time.perf_counter() - t0) * 1000
        rows, truncated = _rows_of(result)
        record: dict[str, Any] = dict(
            kind="refusal" if getattr(error, "rule", None) else "tool",
            request_id=request_id, session_id=session_id,
            identity=identity, client_id=client_id, tool=tool,
            arguments={k: v for k, v in arguments.items() if v is not None},
            outcome="ok" if error is None else "error",
            error_class=None if error is None else type(error).__name__,
            rows=rows, truncated=truncated, duration_ms=round(duration, 3),
            result_hash=None if error is not None else hash_result(_hashable(result)))
        extra: dict[str, Any] = {}
        if scopes is not None:
            extra["scopes"] = sorted(scopes)
        if error is not None and hasattr(error, "rule"):
            extra.update(rule=error.rule, **getattr(error, "details", {}))
        if run_id:
            extra["run_id"] = run_id
        if extra:
            record["extra"] = extra
        try:
            state.audit.append(**record)
        except M3AgentError as e:
            return None, error, e
        return result, error, None

    result, error, audit_error = await anyio.to_thread.run_sync(run_and_audit)
    if audit_error is not None:
        raise ToolError(f"The call was not completed because the audit log could not be "
                        f"written: {audit_error.message} The result is withheld.") from None
    if error is not None:
        if isinstance(error, M3AgentError):
            raise ToolError(str(error)) from None
        raise ToolError(f"{tool} failed: {type(error).__name__}: {error}") from None
    return result


def _dataset(state: ServerState, dataset: str | None) -> str:
    name = dataset or state.settings.engine.default_dataset
    get_dataset(name)
    return name


class DatasetInfo(BaseModel):
    """One dataset this server knows."""

    name: str
    title: str
    installed: bool
    default: bool
    db_path: str
    schemas: list[str]
    default_dialect: str


class DatasetList(BaseModel):
    """The datasets, and which is used when a call names none."""

    datasets: list[DatasetInfo]


class TableList(BaseModel):
    """Tables of a dataset."""

    dataset: str
    tables: list[TableInfo]


class ConceptList(BaseModel):
    """Concept search results, best first."""

    query: str
    concepts: list[Concept]


DatasetArg = Annotated[str | None, Field(description="Dataset: mimic-iv-demo (default), "
                                                     "mimic-iv or ehrsql")]
SubjectArg = Annotated[int, Field(description="The patient's subject_id", gt=0)]


def build_server(settings: ServerSettings | None = None) -> MCPServer:
    """Create the m3-agent MCP server.

    Args:
        settings: Engine limits, database paths and audit log; default from the environment.

    Returns:
        An ``MCPServer`` ready for ``Client(server)``, stdio or streamable HTTP.
    """
    if settings is None:
        from m3agent.server.settings import settings_from_env

        settings = settings_from_env()

    @asynccontextmanager
    async def lifespan(_server: MCPServer) -> AsyncIterator[ServerState]:
        state = open_state(settings)
        try:
            yield state
        finally:
            state.engine.close()
            state.audit.close()

    mcp = MCPServer(settings.name, title="m3-agent: MIMIC-IV tools", instructions=INSTRUCTIONS,
                    version="0.1.0", lifespan=lifespan, log_level="WARNING")

    @mcp.tool(title="List datasets", annotations=READ_ONLY)
    async def list_datasets(ctx: Context) -> DatasetList:
        """The datasets this server can query, whether each is installed, and the default."""
        state: ServerState = ctx.request_context.lifespan_context

        def run() -> DatasetList:
            out = []
            for name, spec in DATASETS.items():
                path = state.engine.db_path(name)
                out.append(DatasetInfo(name=name, title=spec.title, installed=path.exists(),
                                       default=name == state.settings.engine.default_dataset,
                                       db_path=str(path), schemas=list(spec.schemas),
                                       default_dialect=spec.default_dialect))
            return DatasetList(datasets=out)

        return await _call(ctx, "list_datasets", {}, run)

    @mcp.tool(title="List tables", annotations=READ_ONLY)
    async def list_tables(ctx: Context, schema: Annotated[str | None, Field(
            description="Only this schema: mimiciv_hosp (hosp) or mimiciv_icu (icu)")] = None,
            dataset: DatasetArg = None) -> TableList:
        """Tables of a dataset with what each holds and its row count."""
        state: ServerState = ctx.request_context.lifespan_context
        return await _call(ctx, "list_tables", {"schema": schema, "dataset": dataset},
                           lambda: TableList(dataset=_dataset(state, dataset),
                                             tables=state.catalog.list_tables(
                                                 _dataset(state, dataset), schema)))

    @mcp.tool(title="Describe a table", annotations=READ_ONLY)
    async def describe_table(ctx: Context, table: Annotated[str, Field(
            description="Table name, e.g. labevents or mimiciv_hosp.labevents")],
            dataset: DatasetArg = None) -> TableDescription:
        """Columns with types, meanings and units; join keys; the dictionary decoding codes;
        and a few sample rows."""
        state: ServerState = ctx.request_context.lifespan_context
        return await _call(ctx, "describe_table", {"table": table, "dataset": dataset},
                           lambda: state.catalog.describe(table, _dataset(state, dataset)))

    @mcp.tool(title="Search clinical concepts", annotations=READ_ONLY)
    async def search_concepts(
        ctx: Context,
        text: Annotated[str, Field(description="Plain words, e.g. 'lactate', 'heart rate', "
                                               "'sepsis', 'vancomycin'")],
        kind: Annotated[Literal["lab", "chart", "diagnosis", "procedure", "drug"] | None,
                        Field(description="Only this kind of concept")] = None,
        limit: Annotated[int, Field(ge=1, le=200)] = 20,
        dataset: DatasetArg = None,
    ) -> ConceptList:
        """Find itemids (labs, charted items), ICD codes and drug names from plain words, with
        label, category, unit and how often each is used in the data."""
        state: ServerState = ctx.request_context.lifespan_context
        return await _call(
            ctx, "search_concepts", {"text": text, "kind": kind, "limit": limit,
                                     "dataset": dataset},
            lambda: ConceptList(query=text, concepts=state.concepts.search(
                text, kind=kind, limit=limit, dataset=_dataset(state, dataset))))

    @mcp.tool(title="Run a read-only SQL query", annotations=READ_ONLY)
    async def run_sql(
        ctx: Context,
        sql: Annotated[str, Field(description="One SELECT statement")],
        dialect: Annotated[Literal["duckdb", "sqlite", "postgres", "bigquery"], Field(
            description="The dialect the SQL is written in")] = "duckdb",
        max_rows: Annotated[int, Field(ge=1, le=10_000, description="Most rows to return")]
        = 100,
        dataset: DatasetArg = None,
    ) -> QueryResult:
        """Run one validated, read-only SELECT and return columns, rows (JSON-safe), row
        count and whether the result was truncated. Refusals name the rule and a fix."""
        state: ServerState = ctx.request_context.lifespan_context
        progress = _wants_progress(ctx)
        if progress:
            await ctx.report_progress(0, 1, "validating and running")
        result = await _call(ctx, "run_sql", {"sql": sql, "dialect": dialect,
                                              "max_rows": max_rows, "dataset": dataset},
                             lambda: state.engine.execute(sql, dialect=dialect,
                                                          max_rows=max_rows,
                                                          dataset=_dataset(state, dataset)),
                             sql_tree=lambda: state.engine.prepare(
                                 sql, dialect=dialect, dataset=_dataset(state, dataset),
                                 max_rows=max_rows).tree)
        if progress:
            await ctx.report_progress(1, 1, f"{result.row_count} rows")
        return result

    @mcp.tool(title="Patient overview", annotations=READ_ONLY)
    async def patient_overview(ctx: Context, subject_id: SubjectArg,
                               dataset: DatasetArg = None) -> patient_tools.PatientOverview:
        """Demographics, admissions, ICU stays, main diagnoses and latest key labs of one
        patient."""
        state: ServerState = ctx.request_context.lifespan_context
        return await _call(ctx, "patient_overview", {"subject_id": subject_id,
                                                     "dataset": dataset},
                           lambda: patient_tools.patient_overview(
                               state.engine, subject_id, _dataset(state, dataset)))

    @mcp.tool(title="Lab results of a patient", annotations=READ_ONLY)
    async def get_lab_results(
        ctx: Context, subject_id: SubjectArg,
        concept: Annotated[str | None, Field(description="e.g. 'creatinine', 'lactate'")]
        = None,
        itemid: Annotated[int | None, Field(description="A d_labitems itemid", gt=0)] = None,
        hadm_id: Annotated[int | None, Field(gt=0)] = None,
        start: Annotated[str | None, Field(description="ISO time, inclusive")] = None,
        end: Annotated[str | None, Field(description="ISO time, inclusive")] = None,
        limit: Annotated[int, Field(ge=1, le=5000)] = 200,
        dataset: DatasetArg = None,
    ) -> patient_tools.PatientTable:
        """A patient's lab results in time order, optionally one concept or itemid, one
        admission or a time window."""
        state: ServerState = ctx.request_context.lifespan_context
        args = {"subject_id": subject_id, "concept": concept, "itemid": itemid,
                "hadm_id": hadm_id, "start": start, "end": end, "limit": limit,
                "dataset": dataset}
        return await _call(ctx, "get_lab_results", args, lambda: patient_tools.get_lab_results(
            state.engine, subject_id, _dataset(state, dataset), concept=concept, itemid=itemid,
            hadm_id=hadm_id, start=start, end=end, limit=limit))

    @mcp.tool(title="Vital signs of a patient", annotations=READ_ONLY)
    async def get_vitals(
        ctx: Context, subject_id: SubjectArg,
        stay_id: Annotated[int | None, Field(gt=0)] = None,
        concept: Annotated[str | None, Field(description="e.g. 'heart rate'")] = None,
        itemid: Annotated[int | None, Field(description="A d_items itemid", gt=0)] = None,
        start: Annotated[str | None, Field(description="ISO time, inclusive")] = None,
        end: Annotated[str | None, Field(description="ISO time, inclusive")] = None,
        limit: Annotated[int, Field(ge=1, le=5000)] = 200,
        dataset: DatasetArg = None,
    ) -> patient_tools.PatientTable:
        """Charted vital signs (heart rate, blood pressure, respiratory rate, temperature,
        SpO2) of a patient's ICU stays, or one concept or itemid."""
        state: ServerState = ctx.request_context.lifespan_context
        args = {"subject_id": subject_id, "stay_id": stay_id, "concept": concept,
                "itemid": itemid, "start": start, "end": end, "limit": limit,
                "dataset": dataset}
        return await _call(ctx, "get_vitals", args, lambda: patient_tools.get_vitals(
            state.engine, subject_id, _dataset(state, dataset), stay_id=stay_id,
            concept=concept, itemid=itemid, start=start, end=end, limit=limit))

    @mcp.tool(title="Medications of a patient", annotations=READ_ONLY)
    async def get_medications(ctx: Context, subject_id: SubjectArg,
                              hadm_id: Annotated[int | None, Field(gt=0)] = None,
                              limit: Annotated[int, Field(ge=1, le=5000)] = 200,
                              dataset: DatasetArg = None) -> patient_tools.PatientTable:
        """A patient's prescriptions (drug, dose, route, start and stop)."""
        state: ServerState = ctx.request_context.lifespan_context
        return await _call(ctx, "get_medications", {"subject_id": subject_id,
                                                    "hadm_id": hadm_id, "limit": limit,
                                                    "dataset": dataset},
                           lambda: patient_tools.get_medications(
                               state.engine, subject_id, _dataset(state, dataset),
                               hadm_id=hadm_id, limit=limit))

    @mcp.tool(title="Diagnoses of a patient", annotations=READ_ONLY)
    async def get_diagnoses(ctx: Context, subject_id: SubjectArg,
                            hadm_id: Annotated[int | None, Field(gt=0)] = None,
                            limit: Annotated[int, Field(ge=1, le=5000)] = 200,
                            dataset: DatasetArg = None) -> patient_tools.PatientTable:
        """A patient's ICD diagnoses with titles, in billing order per admission."""
        state: ServerState = ctx.request_context.lifespan_context
        return await _call(ctx, "get_diagnoses", {"subject_id": subject_id,
                                                  "hadm_id": hadm_id, "limit": limit,
                                                  "dataset": dataset},
                           lambda: patient_tools.get_diagnoses(
                               state.engine, subject_id, _dataset(state, dataset),
                               hadm_id=hadm_id, limit=limit))

    from m3agent.server import calculator_tools, resources, retrieval_tools

    calculator_tools.register(mcp)
    retrieval_tools.register(mcp)  # indexes open lazily, on the first call that needs one
    resources.register(mcp)
    mcp.middleware.append(UnknownArgumentsGuard(mcp))
    mcp.middleware.append(ScopedToolList())
    return mcp


def build_http_app(settings: ServerSettings | None = None, *, host: str = "127.0.0.1") -> Any:
    """The streamable HTTP app (stateless, JSON responses), authenticated when configured.

    With ``settings.auth`` the app is wrapped in :class:`~m3agent.server.auth.AuthGate`: the
    issuer's JWKS is fetched now, so a wrong issuer or JWKS URL stops start-up with a
    :class:`~m3agent.tools.errors.ConfigError` instead of serving.

    Args:
        settings: As for :func:`build_server`; default from the environment.
        host: The interface the app will listen on (for DNS-rebinding protection).

    Returns:
        An ASGI app for uvicorn.
    """
    if settings is None:
        from m3agent.server.settings import settings_from_env

        settings = settings_from_env()
    if settings.auth is not None:  # check the policy and the issuer before anything opens
        from m3agent.server.auth import AuthGate, JWKSTokenVerifier

        policy = load_policy(settings.policy_file)
        verifier = JWKSTokenVerifier(settings.auth)
        verifier.load_sync()
    server = build_server(settings)
    app = server.streamable_http_app(stateless_http=True, json_response=True, host=host)
    if settings.auth is None:
        return app
    return AuthGate(app, verifier=verifier, policy=policy,
                    audit_path=settings.audit_path or default_audit_path())


class ScopedToolList:
    """List only the tools the caller's token may call (authenticated HTTP only)."""

    async def __call__(self, ctx: Any, call_next: Callable[[Any], Any]) -> Any:
        """Filter the answer of ``tools/list`` by the access policy and the token's scopes."""
        result = await call_next(ctx)
        state = getattr(ctx, "lifespan_context", None)
        if ctx.method != "tools/list" or not isinstance(state, ServerState) or (
                state.policy is None):
            return result
        _identity, _client, scopes = _caller(None, state)
        allowed = set(state.policy.allowed_tools(_tool_names(result), scopes or frozenset()))
        if isinstance(result, BaseModel) and isinstance(getattr(result, "tools", None), list):
            return result.model_copy(update={"tools": [
                t for t in result.tools if getattr(t, "name", None) in allowed]})
        if isinstance(result, dict) and isinstance(result.get("tools"), list):
            return {**result, "tools": [t for t in result["tools"]
                                        if isinstance(t, dict) and t.get("name") in allowed]}
        return result


def _tool_names(result: Any) -> list[str]:
    tools = result.get("tools") if isinstance(result, dict) else getattr(result, "tools", None)
    names = []
    for t in tools or []:
        name = t.get("name") if isinstance(t, dict) else getattr(t, "name", None)
        if isinstance(name, str):
            names.append(name)
    return names


class UnknownArgumentsGuard:
    """Refuse tool calls with arguments the tool does not take (the SDK would drop them
    silently, so a misspelt ``max_row`` would quietly fall back to the default)."""

    def __init__(self, mcp: MCPServer) -> None:
        self.mcp = mcp
        self.known: dict[str, set[str]] | None = None

    async def __call__(self, ctx: Any, call_next: Callable[[Any], Any]) -> Any:
        """Refuse (and audit) a ``tools/call`` naming an argument the tool does not take."""
        params = ctx.params if isinstance(getattr(ctx, "params", None), dict) else None
        if ctx.method != "tools/call" or params is None:
            return await call_next(ctx)
        if self.known is None:
            self.known = {t.name: set((t.input_schema or {}).get("properties", {}))
                          for t in await self.mcp.list_tools()}
        name, args = params.get("name"), params.get("arguments") or {}
        allowed = self.known.get(name)
        unknown = sorted(set(args) - allowed) if allowed is not None and isinstance(
            args, dict) else []
        if not unknown:
            result = await call_next(ctx)
            if _sdk_argument_error(result):
                # The SDK refused ill-typed arguments before the tool (and its audit) ran.
                await self._audit(ctx, name, args, "InvalidArguments", "invalid_arguments")
            return result
        text = (f"Error executing tool {name}: unknown argument(s) {', '.join(unknown)}; "
                f"expected only: {', '.join(sorted(allowed)) or '(none)'}.")
        await self._audit(ctx, name, args, "UnknownArgument", "unknown_argument")
        return CallToolResult(content=[TextContent(type="text", text=text)], is_error=True)

    async def _audit(self, ctx: Any, name: Any, args: Any, error_class: str, rule: str) -> None:
        state = getattr(ctx, "lifespan_context", None)
        if not isinstance(state, ServerState):
            return
        identity, client_id, _scopes = _caller(None, state)
        await anyio.to_thread.run_sync(lambda: state.audit.append(
            kind="refusal", request_id=str(ctx.request_id), session_id="s-" + str(
                id(ctx.session)), identity=identity, client_id=client_id, tool=str(name),
            arguments=args if isinstance(args, dict) else {"arguments": repr(args)},
            outcome="error", error_class=error_class, duration_ms=0.0,
            extra={"rule": rule}))


_SDK_ARGUMENT_ERROR = re.compile(r"\d+ validation errors? for \w+Arguments")


def _sdk_argument_error(result: Any) -> bool:
    """Whether ``result`` is the SDK's refusal of ill-typed arguments."""
    if isinstance(result, BaseModel):
        result = result.model_dump(by_alias=True)
    if not isinstance(result, dict) or not (result.get("isError") or result.get("is_error")):
        return False
    text = " ".join(str(c.get("text", "")) for c in result.get("content") or []
                    if isinstance(c, dict))
    return bool(_SDK_ARGUMENT_ERROR.search(text))
