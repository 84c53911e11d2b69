"""Retrieval and trial tools: document search with citations, trial search and matching.

Indexes are opened lazily, on the first call that needs one, and kept for the server's life
(start-up stays fast: nothing here is imported or opened before a call). The built-in indexes
(``schema``, ``schema-ehrsql``, ``concepts``, ``calculators``, ``trials``; see
:mod:`m3agent.retrieval.builtin`) are built under the index root on first use; any other name
is an index the user built with ``m3-agent index build NAME PATH...``.

Trial matching follows TrialGPT's three stages (:class:`~m3agent.retrieval.trials.search.
TrialMatcher`) without a model: criteria the record can decide are computed with their
evidence, the rest are reported as not judged.
"""

from __future__ import annotations

import threading
import weakref
from typing import TYPE_CHECKING, Annotated, Any, Literal

from mcp.server.mcpserver import Context, MCPServer
from pydantic import BaseModel, Field

from m3agent.server.app import READ_ONLY, DatasetArg, ServerState, _call, _dataset
from m3agent.tools.errors import M3AgentError, NotFoundError

if TYPE_CHECKING:
    from m3agent.retrieval.embedding import Embedder
    from m3agent.retrieval.index import HybridIndex, SearchHit
    from m3agent.retrieval.trials.labels import CriterionResult, Evidence
    from m3agent.retrieval.trials.patient import PatientFacts
    from m3agent.retrieval.trials.search import TrialMatcher
    from m3agent.retrieval.trials.trial import Trial
    from m3agent.tools.sql.engine import SQLEngine

#: The most characters of a document ``get_document`` returns (ask for a section for more).
MAX_DOCUMENT_CHARS = 100_000
#: Trials retrieved (stage 1) before ranking; TrialGPT ranks a retrieved shortlist likewise.
MATCH_CANDIDATES = 50
#: Characters of a criterion shown in a match summary.
CRITERION_CHARS = 200

SearchModeArg = Annotated[
    Literal["hybrid", "bm25", "dense"],
    Field(description="hybrid (BM25 and embeddings fused), bm25 (words) or dense (meaning)"),
]
IndexArg = Annotated[
    str,
    Field(
        description="Index name: 'docs' (your documents, built with `m3-agent index build "
        "docs PATH`), or a built-in one: 'schema' (MIMIC-IV tables and columns), "
        "'schema-ehrsql', 'concepts' (lab/ICU itemids, ICD codes), 'calculators', 'trials'"
    ),
]

# ----------------------------------------------------------------------------- resources

_EMBEDDER: Embedder | None = None


def set_embedder(embedder: Embedder | None) -> None:
    """Use ``embedder`` for every index the tools open or build (None: all-MiniLM-L6-v2).

    For tests and offline set-ups; an index only opens with the model it was built with.
    """
    global _EMBEDDER
    _EMBEDDER = embedder
    _RESOURCES.clear()


class Resources:
    """The indexes and trials one server has opened, loaded on first use.

    Args:
        engine: The server's SQL engine (patients, the concept dictionaries).
        dataset: The dataset the concept index is built from.
        embedder: The embedder (None: all-MiniLM-L6-v2).
    """

    def __init__(self, engine: SQLEngine, dataset: str, embedder: Embedder | None = None) -> None:
        self.engine = engine
        self.dataset = dataset
        self.embedder = embedder
        self._indexes: dict[str, HybridIndex] = {}
        self._lock = threading.Lock()  # guards the caches only, never held while building
        self._trial_set: tuple[list[Trial], HybridIndex, TrialMatcher] | None = None

    def index(self, name: str) -> HybridIndex:
        """Open index ``name`` (a built-in one is built on first use).

        Raises:
            ConfigError: For an invalid name.
            IndexNotFoundError: If no such index exists (the hint lists those that do).
            IndexCorruptError: If it is damaged or built with another model.
        """
        from m3agent.retrieval.builtin import BUILTINS, ensure_builtin

        if name == "trials":
            return self.trials()[1]
        with self._lock:
            index = self._indexes.get(name)
        if index is not None:
            if name not in BUILTINS:
                index.reload_if_changed()  # the user may have rebuilt or updated it
            return index
        if name in BUILTINS:
            # Built or refreshed once per server; ensure_builtin serialises builders per name.
            index, _status = ensure_builtin(
                name, engine=self.engine, dataset=self.dataset, embedder=self.embedder
            )
        else:
            index = _open_named(name, self.embedder)
        with self._lock:
            return self._indexes.setdefault(name, index)

    def trials(self) -> tuple[list[Trial], HybridIndex]:
        """The trials of the ``trials`` index and the index, refreshed if the file changed.

        Raises:
            DataLoadError: If the trials file is missing or holds no trial.
        """
        trials, index, _matcher = self._trials_matcher()
        return trials, index

    def trial_list(self) -> list[Trial]:
        """The trials alone, without opening the index (cached per file version).

        Raises:
            DataLoadError: If the trials file is missing or holds no trial.
        """
        from m3agent.retrieval.builtin import load_builtin_trials

        return load_builtin_trials()

    def matcher(self) -> TrialMatcher:
        """A TrialMatcher over the trials (no judge: what cannot be computed stays open)."""
        return self._trials_matcher()[2]

    def _trials_matcher(self) -> tuple[list[Trial], HybridIndex, TrialMatcher]:
        from m3agent.retrieval.builtin import ensure_builtin, load_builtin_trials, trial_documents
        from m3agent.retrieval.trials.search import TrialMatcher

        trials = load_builtin_trials()  # the same list object until the file changes
        with self._lock:
            current = self._trial_set
        if current is not None and current[0] is trials:
            return current
        index, _status = ensure_builtin(
            "trials", embedder=self.embedder, documents=trial_documents(trials)
        )
        fresh = (trials, index, TrialMatcher(trials, index))
        with self._lock:
            self._trial_set = fresh
        return fresh


def _open_named(name: str, embedder: Embedder | None) -> HybridIndex:
    from m3agent.retrieval.builtin import builtin_names
    from m3agent.retrieval.errors import IndexNotFoundError
    from m3agent.retrieval.index import HybridIndex
    from m3agent.retrieval.storage import index_path, index_root

    path = index_path(name)
    try:
        return HybridIndex.open(path, embedder=embedder)
    except IndexNotFoundError:
        root = index_root()
        existing = (
            sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
            if root.is_dir()
            else []
        )
        names = sorted(set(existing) | set(builtin_names()))
        raise IndexNotFoundError(
            f"no index named {name!r} under {root}",
            hint=f"Available: {', '.join(names)}. Build your own with "
            f"`m3-agent index build {name} PATH...`.",
        ) from None


_RESOURCES: dict[int, Resources] = {}
_RESOURCES_LOCK = threading.Lock()


def resources(state: ServerState) -> Resources:
    """The retrieval resources of a server (created on first use, dropped with the state)."""
    key = id(state)
    with _RESOURCES_LOCK:
        found = _RESOURCES.get(key)
        if found is None:
            found = Resources(state.engine, state.settings.engine.default_dataset, _EMBEDDER)
            _RESOURCES[key] = found
            weakref.finalize(state, _RESOURCES.pop, key, None)
        return found


# ----------------------------------------------------------------------------- documents


class Citation(BaseModel):
    """Where a chunk comes from, precisely enough to cite and to fetch it again."""

    doc_id: str = Field(description="Pass to get_document")
    title: str
    source: str = Field(description="File path, URL or m3agent-builtin:... reference")
    section: list[str] = Field(description="Heading path, outermost first")
    start: int = Field(description="Character offset in the document text")
    end: int
    pages: list[int] | None = Field(None, description="First and last PDF page, 1-based")
    chunk_id: str


class DocumentHit(BaseModel):
    """One chunk found."""

    rank: int
    score: float = Field(description="The score that ranked it (RRF in hybrid mode)")
    scores: dict[str, float] = Field(description="bm25, dense (cosine) and hybrid scores")
    text: str
    citation: Citation
    metadata: dict[str, Any] = Field(default_factory=dict)


class DocumentSearch(BaseModel):
    """Chunks matching a query, best first, each with its citation."""

    query: str
    index: str
    mode: str
    hits: list[DocumentHit]
    notes: list[str] = Field(default_factory=list)


class DocumentText(BaseModel):
    """A stored document, or one section of it."""

    index: str
    doc_id: str
    title: str
    source: str
    section: list[str] | None = None
    start: int
    end: int
    text: str
    truncated: bool = False
    sections: list[list[str]] = Field(description="Every section path: a table of contents")
    metadata: dict[str, Any] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)


_HIDDEN_METADATA = frozenset({"prechunked", "page_starts"})


def _hit(hit: SearchHit) -> DocumentHit:
    chunk = hit.chunk
    pages = chunk.metadata.get("pages")
    return DocumentHit(
        rank=hit.rank,
        score=round(hit.score, 6),
        scores={k: round(v, 6) for k, v in hit.scores.items()},
        text=chunk.text,
        citation=Citation(
            doc_id=chunk.doc_id,
            title=chunk.title,
            source=_source_of(chunk.doc_id, chunk.metadata),
            section=list(chunk.section),
            start=chunk.start,
            end=chunk.end,
            pages=list(pages) if isinstance(pages, list) else None,
            chunk_id=chunk.chunk_id,
        ),
        metadata={k: v for k, v in chunk.metadata.items() if k not in _HIDDEN_METADATA},
    )


def _source_of(doc_id: str, metadata: dict[str, Any]) -> str:
    # Chunks do not carry their document's source; files use their path as doc id, trials
    # their registry page, built-in documents the m3agent-builtin reference.
    if metadata.get("kind") == "clinical_trial":
        return f"https://clinicaltrials.gov/study/{doc_id}"
    return str(metadata.get("source") or doc_id)


def find_documents(res: Resources, query: str, index: str, k: int, mode: str) -> DocumentSearch:
    """Search an index; see the ``search_documents`` tool."""
    idx = res.index(index)
    hits = idx.search(query, k=k, mode=mode)  # type: ignore[arg-type]
    manifest = idx.manifest
    sources = {d: e.source for d, e in manifest.documents.items()}
    out = []
    for h in hits:
        doc = _hit(h)
        doc.citation.source = sources.get(h.chunk.doc_id, doc.citation.source)
        out.append(doc)
    notes = []
    if not out:
        notes.append(
            "No chunk matched."
            + (" BM25 needs a word in common; try mode 'hybrid'." if mode == "bm25" else "")
        )
    return DocumentSearch(query=query, index=index, mode=mode, hits=out, notes=notes)


def read_document(res: Resources, doc_id: str, section: str | None, index: str) -> DocumentText:
    """A document or one section; see the ``get_document`` tool."""
    view = res.index(index).get_document(doc_id, section)
    text = view.text
    notes = []
    truncated = len(text) > MAX_DOCUMENT_CHARS
    if truncated:
        text = text[:MAX_DOCUMENT_CHARS]
        notes.append(
            f"Text cut at {MAX_DOCUMENT_CHARS:,} of {len(view.text):,} characters; ask for one "
            "of the sections listed."
        )
    return DocumentText(
        index=index,
        doc_id=view.doc_id,
        title=view.title,
        source=view.source,
        section=view.section,
        start=view.start,
        end=view.end if not truncated else view.start + len(text),
        text=text,
        truncated=truncated,
        sections=view.sections,
        metadata={k: v for k, v in view.metadata.items() if k not in _HIDDEN_METADATA},
        notes=notes,
    )


# ----------------------------------------------------------------------------- trials


class TrialHit(BaseModel):
    """One trial found."""

    rank: int
    nct_id: str
    title: str
    status: str | None
    phases: list[str]
    conditions: list[str]
    score: float
    scores: dict[str, float]
    url: str


class TrialSearch(BaseModel):
    """Trials matching a query or a patient's record, best first."""

    query: str = Field(description="The text searched (built from the record for a patient)")
    subject_id: int | None = None
    status: str | None = None
    trials: list[TrialHit]
    notes: list[str] = Field(default_factory=list)


class PatientSummary(BaseModel):
    """The facts matching used, in short."""

    patient_id: str
    source: str
    age_years: float | None
    sex: str | None
    pregnant: bool | None
    conditions: int = Field(description="Coded or mentioned diagnoses")
    conditions_complete: bool
    labs: dict[str, str] = Field(description="Latest value per lab concept, with provenance")
    as_of: str | None = None


class MatchedTrial(BaseModel):
    """One ranked trial, with how its score was made."""

    rank: int
    nct_id: str
    title: str
    status: str | None
    url: str
    score: float = Field(description="matching_score + relevance")
    matching_score: float = Field(
        description="TrialGPT: share of inclusion criteria met, −1 if one is not met, −1 if "
        "an exclusion criterion is met (range −2 to 1)"
    )
    relevance: float = Field(description="Retrieval relevance, 0 to 1")
    retrieval_rank: int | None
    counts: dict[str, int] = Field(description="Criterion labels by kind")
    computed: int = Field(description="Criteria decided from the record")
    not_judged: int = Field(description="Criteria left open (no model)")
    unmet_inclusion: list[str]
    met_exclusion: list[str]
    has_target_condition: bool | None
    notes: list[str] = Field(default_factory=list)


class TrialMatches(BaseModel):
    """Trials ranked for one patient."""

    patient: PatientSummary
    query: str = Field(description="The patient summary trials were retrieved with")
    candidates: int
    trials: list[MatchedTrial]
    notes: list[str] = Field(default_factory=list)


class MatchExplanation(BaseModel):
    """Every criterion of one trial for one patient: label, how it was reached, evidence."""

    nct_id: str
    title: str
    url: str
    patient: PatientSummary
    matching_score: float = Field(description="TrialGPT's criterion-based score, −2 to 1")
    counts: dict[str, int]
    columns: list[str]
    rows: list[list[Any]]
    notes: list[str] = Field(default_factory=list)


def _status_filter(trials: list[Trial], status: str | None) -> str | None:
    if status is None:
        return None
    wanted = status.strip().upper().replace(" ", "_").replace("-", "_")
    known = sorted({t.status for t in trials if t.status})
    if wanted not in known:
        raise M3AgentError(
            f"unknown trial status {status!r}; expected one of {', '.join(known)}",
            hint="For example status='RECRUITING'.",
        )
    return wanted


def _patient_facts(
    res: Resources, subject_id: int | None, patient_text: str | None, dataset: str
) -> PatientFacts:
    """Facts from exactly one of a MIMIC-IV subject_id or a free-text note."""
    if (subject_id is None) == (patient_text is None or not patient_text.strip()):
        raise M3AgentError(
            "expected exactly one of subject_id (a MIMIC-IV patient) or patient_text (a "
            f"patient description), found {'both' if subject_id is not None else 'neither'}",
            hint="For example subject_id=10000032, or patient_text='A 58-year-old woman ...'.",
        )
    if subject_id is not None:
        from m3agent.retrieval.trials.ehr_facts import facts_from_ehr

        return facts_from_ehr(res.engine, subject_id, dataset=dataset)
    from m3agent.retrieval.trials.text_facts import facts_from_text

    return facts_from_text(patient_text or "", "patient")


def _summary(facts: PatientFacts) -> PatientSummary:
    from m3agent.retrieval.trials.lab_concepts import LAB_BY_KEY

    labs = {}
    for key in facts.labs:
        v = facts.latest(key)
        if v is None:
            continue
        where = [v.time.isoformat(sep=" ", timespec="minutes")] if v.time else []
        where += [f"itemid {v.itemid}"] if v.itemid else []
        where += [f"sentences {v.sentence_ids}"] if v.sentence_ids else []
        shown = f"{v.value:g} {v.unit}".strip()
        labs[LAB_BY_KEY[key].label] = shown + (f" ({', '.join(where)})" if where else "")
    at = facts.evidence.get("at")
    return PatientSummary(
        patient_id=facts.patient_id,
        source=facts.source,
        age_years=facts.age_years,
        sex=facts.sex,
        pregnant=facts.pregnant,
        conditions=sum(1 for c in facts.conditions if not c.negated),
        conditions_complete=facts.conditions_complete,
        labs=labs,
        as_of=(at.text or "").removeprefix("facts as of ") if at else None,
    )


def find_trials(
    res: Resources,
    query: str | None,
    subject_id: int | None,
    status: str | None,
    k: int,
    dataset: str,
) -> TrialSearch:
    """Search the trials; see the ``search_trials`` tool."""
    from m3agent.retrieval.trials.search import patient_summary

    if (query is None or not query.strip()) and subject_id is None:
        raise M3AgentError(
            "expected a query, a subject_id or both, found neither",
            hint="For example query='type 2 diabetes insulin', or subject_id=10000032.",
        )
    trials, index = res.trials()
    by_id = {t.nct_id: t for t in trials}
    wanted = _status_filter(trials, status)
    parts = [query.strip()] if query and query.strip() else []
    notes = []
    if subject_id is not None:
        facts = _patient_facts(res, subject_id, None, dataset)
        summary = patient_summary(facts)
        parts.append(summary)
        notes.append(
            f"Searched with the record of patient {subject_id} as of {_summary(facts).as_of}."
        )
    text = ". ".join(parts)
    pool = len(index) if wanted else k
    found: list[TrialHit] = []
    for hit in index.search(text, k=min(pool, len(index)), mode="hybrid"):
        trial = by_id.get(hit.chunk.doc_id)
        if trial is None or (wanted and trial.status != wanted):
            continue
        found.append(
            TrialHit(
                rank=len(found) + 1,
                nct_id=trial.nct_id,
                title=trial.title,
                status=trial.status,
                phases=trial.phases,
                conditions=trial.conditions,
                score=round(hit.score, 6),
                scores={m: round(s, 6) for m, s in hit.scores.items()},
                url=f"https://clinicaltrials.gov/study/{trial.nct_id}",
            )
        )
        if len(found) == k:
            break
    if not found:
        notes.append("No trial matched" + (f" with status {wanted}." if wanted else "."))
    return TrialSearch(query=text, subject_id=subject_id, status=wanted, trials=found, notes=notes)


def _short(text: str) -> str:
    return text if len(text) <= CRITERION_CHARS else text[: CRITERION_CHARS - 1] + "…"


def match_patient(
    res: Resources, subject_id: int | None, patient_text: str | None, k: int, dataset: str
) -> TrialMatches:
    """Rank trials for a patient; see the ``match_patient_to_trials`` tool."""
    from m3agent.retrieval.trials.search import patient_summary

    facts = _patient_facts(res, subject_id, patient_text, dataset)
    matcher = res.matcher()
    trials, _index = res.trials()
    candidates = min(max(MATCH_CANDIDATES, k), len(trials))
    ranked = matcher.rank(facts, k=candidates, mode="hybrid")
    status = {t.nct_id: t.status for t in trials}
    out = []
    for r in ranked[:k]:
        m = r.match
        out.append(
            MatchedTrial(
                rank=r.rank,
                nct_id=r.nct_id,
                title=r.title,
                status=status.get(r.nct_id),
                url=f"https://clinicaltrials.gov/study/{r.nct_id}",
                score=round(r.score, 6),
                matching_score=round(r.matching_score, 6),
                relevance=round(r.relevance, 6),
                retrieval_rank=r.retrieval_rank,
                counts={k2: v for k2, v in r.counts.model_dump().items() if v},
                computed=sum(1 for x in m.results if x.method == "computed"),
                not_judged=len(m.unjudged),
                unmet_inclusion=[
                    _short(x.criterion.text)
                    for x in m.results
                    if x.criterion.type == "inclusion" and x.label == "not included"
                ],
                met_exclusion=[
                    _short(x.criterion.text)
                    for x in m.results
                    if x.criterion.type == "exclusion" and x.label == "excluded"
                ],
                has_target_condition=m.has_target_condition,
                notes=m.notes,
            )
        )
    notes = [
        f"Stage 1 retrieved {len(ranked)} of {len(trials)} trials with the patient summary; "
        "stage 2 computed the criteria the record decides; stage 3 ranked by TrialGPT's "
        "matching score plus retrieval relevance.",
        "No model is configured: criteria that cannot be computed count as 'not enough "
        "information'. Call explain_match for a trial's criteria and evidence.",
    ]
    return TrialMatches(
        patient=_summary(facts),
        query=patient_summary(facts),
        candidates=len(ranked),
        trials=out,
        notes=notes,
    )


def _evidence_text(ev: Evidence) -> str:
    when = f" at {ev.time.isoformat(sep=' ', timespec='minutes')}" if ev.time else ""
    if ev.fact == "condition":
        if ev.code:
            return f"ICD-{ev.icd_version} {ev.code} '{ev.value}'{when}"
        return str(ev.note or ev.value or "condition")
    value = f"{ev.value:g}" if isinstance(ev.value, float) else str(ev.value)
    text = f"{ev.fact.removeprefix('lab:')} {value} {ev.unit or ''}".strip() + when
    extra = [f"itemid {ev.itemid}"] if ev.itemid else []
    extra += [f"sentences {ev.sentence_ids}"] if ev.sentence_ids else []
    extra += [ev.source] if ev.source and not ev.itemid else []
    extra += [ev.note] if ev.note else []
    return text + (f" ({'; '.join(extra)})" if extra else "")


def _row(n: int, r: CriterionResult) -> list[Any]:
    evidence = "; ".join(_evidence_text(e) for e in r.evidence)
    return [n, r.criterion.type, r.criterion.text, r.label, r.method, evidence, r.explanation]


def explain_trial_match(
    res: Resources,
    trial_id: str,
    subject_id: int | None,
    patient_text: str | None,
    dataset: str,
) -> MatchExplanation:
    """Every criterion of one trial for a patient; see the ``explain_match`` tool."""
    from rapidfuzz import process

    from m3agent.retrieval.trials.matching import match_trial
    from m3agent.retrieval.trials.ranking import LabelCounts, matching_score

    trials = res.trial_list()
    by_id = {t.nct_id: t for t in trials}
    wanted = trial_id.strip().upper() if isinstance(trial_id, str) else trial_id
    trial = by_id.get(wanted)
    if trial is None:
        close = [m[0] for m in process.extract(str(trial_id), list(by_id), limit=3)]
        raise NotFoundError(
            f"no trial {trial_id!r} among the {len(trials)} trials of the trials index",
            hint=f"Closest ids: {', '.join(close)}. Find trials with search_trials.",
        )
    facts = _patient_facts(res, subject_id, patient_text, dataset)
    m = match_trial(trial, facts)
    counts = LabelCounts.of(m.results)
    return MatchExplanation(
        nct_id=trial.nct_id,
        title=trial.title,
        url=f"https://clinicaltrials.gov/study/{trial.nct_id}",
        patient=_summary(facts),
        matching_score=round(matching_score(counts), 6),
        counts={k: v for k, v in counts.model_dump().items() if v},
        columns=["#", "type", "criterion", "label", "method", "evidence", "reason"],
        rows=[_row(n, r) for n, r in enumerate(m.results, start=1)],
        notes=[
            *m.notes,
            "method: computed = decided from the record by a predicate; undetermined = not "
            "computable and not judged (no model).",
        ],
    )


# ----------------------------------------------------------------------------- MCP tools


def register(mcp: MCPServer) -> None:
    """Add the retrieval and trial tools to ``mcp``."""

    @mcp.tool(name="search_documents", title="Search documents", annotations=READ_ONLY)
    async def search_documents(
        ctx: Context,
        query: Annotated[str, Field(description="Plain words, e.g. 'sepsis fluid bolus'")],
        index: IndexArg = "docs",
        k: Annotated[int, Field(ge=1, le=50, description="Number of chunks")] = 5,
        mode: SearchModeArg = "hybrid",
    ) -> DocumentSearch:
        """Search an index of documents and return the best chunks with their citations
        (document, section, character range, pages) and scores. The built-in indexes find
        the right table or column ('schema'), itemid or ICD code ('concepts') or calculator
        ('calculators') from plain words."""
        state: ServerState = ctx.request_context.lifespan_context
        args = {"query": query, "index": index, "k": k, "mode": mode}
        return await _call(
            ctx,
            "search_documents",
            args,
            lambda: find_documents(resources(state), query, index, k, mode),
        )

    @mcp.tool(name="get_document", title="Read a document", annotations=READ_ONLY)
    async def get_document(
        ctx: Context,
        doc_id: Annotated[str, Field(description="A citation's doc_id from search_documents")],
        section: Annotated[
            str | None, Field(description="A heading, or a path 'A > B' (default: all)")
        ] = None,
        index: IndexArg = "docs",
    ) -> DocumentText:
        """Read a stored document, or one of its sections, with its table of contents."""
        state: ServerState = ctx.request_context.lifespan_context
        args = {"doc_id": doc_id, "section": section, "index": index}
        return await _call(
            ctx,
            "get_document",
            args,
            lambda: read_document(resources(state), doc_id, section, index),
        )

    @mcp.tool(name="search_trials", title="Search clinical trials", annotations=READ_ONLY)
    async def search_trials(
        ctx: Context,
        query: Annotated[
            str | None, Field(description="Words, e.g. 'metformin type 2 diabetes'")
        ] = None,
        subject_id: Annotated[
            int | None, Field(gt=0, description="Search with this MIMIC-IV patient's record")
        ] = None,
        status: Annotated[
            str | None, Field(description="Only this status, e.g. RECRUITING, COMPLETED")
        ] = None,
        k: Annotated[int, Field(ge=1, le=100)] = 10,
        dataset: DatasetArg = None,
    ) -> TrialSearch:
        """Find clinical trials (ClinicalTrials.gov records) by words, by a MIMIC-IV
        patient's conditions and labs, or both; optionally only one recruitment status."""
        state: ServerState = ctx.request_context.lifespan_context
        args = {
            "query": query,
            "subject_id": subject_id,
            "status": status,
            "k": k,
            "dataset": dataset,
        }
        return await _call(
            ctx,
            "search_trials",
            args,
            lambda: find_trials(
                resources(state), query, subject_id, status, k, _dataset(state, dataset)
            ),
        )

    @mcp.tool(
        name="match_patient_to_trials",
        title="Match a patient to clinical trials",
        annotations=READ_ONLY,
    )
    async def match_patient_to_trials(
        ctx: Context,
        subject_id: Annotated[int | None, Field(gt=0, description="A MIMIC-IV patient")] = None,
        patient_text: Annotated[
            str | None, Field(description="Or a free-text patient description")
        ] = None,
        k: Annotated[int, Field(ge=1, le=50)] = 10,
        dataset: DatasetArg = None,
    ) -> TrialMatches:
        """Rank trials for a patient, TrialGPT-style: retrieve candidates with the patient's
        summary, check each eligibility criterion the record can decide (age, sex,
        pregnancy, diagnoses, lab thresholds, with the value, time and itemid used), and
        rank by the share of inclusion criteria met, penalising unmet inclusion and met
        exclusion criteria."""
        state: ServerState = ctx.request_context.lifespan_context
        args = {"subject_id": subject_id, "patient_text": patient_text, "k": k, "dataset": dataset}
        return await _call(
            ctx,
            "match_patient_to_trials",
            args,
            lambda: match_patient(
                resources(state), subject_id, patient_text, k, _dataset(state, dataset)
            ),
        )

    @mcp.tool(name="explain_match", title="Explain a trial match", annotations=READ_ONLY)
    async def explain_match(
        ctx: Context,
        trial_id: Annotated[str, Field(description="NCT id, e.g. NCT01234567")],
        subject_id: Annotated[int | None, Field(gt=0, description="A MIMIC-IV patient")] = None,
        patient_text: Annotated[
            str | None, Field(description="Or a free-text patient description")
        ] = None,
        dataset: DatasetArg = None,
    ) -> MatchExplanation:
        """A table of every eligibility criterion of one trial for one patient: its label
        (TrialGPT's: included / not included / excluded / not excluded / not applicable /
        not enough information), whether it was computed, and the evidence used."""
        state: ServerState = ctx.request_context.lifespan_context
        args = {
            "trial_id": trial_id,
            "subject_id": subject_id,
            "patient_text": patient_text,
            "dataset": dataset,
        }
        return await _call(
            ctx,
            "explain_match",
            args,
            lambda: explain_trial_match(
                resources(state), trial_id, subject_id, patient_text, _dataset(state, dataset)
            ),
        )
