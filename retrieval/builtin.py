"""Built-in indexes: the schema, the concept dictionaries, the calculators and the trials.

A model that knows only plain words ("kidney function", "lactate", "white cell count") must
find the table, the itemid or the calculator to use. These indexes hold m3-agent's own
reference material as one pre-chunked document per item, searchable like any other index:

``schema``
    The MIMIC-IV catalog (``tools/catalog/mimic_iv.json``): one document per table and one per
    column, with its description, unit and examples.
``schema-ehrsql``
    The same for the EHRSQL 2024 database (``tools/catalog/ehrsql.json``; 17 tables, among them
    the synthetic ``cost`` table), the schema the EHRSQL questions are asked over.
``concepts``
    The dictionaries of a MIMIC-IV database, read through the SQL engine: every lab item
    (``d_labitems``), every ICU item (``d_items``), and the ICD diagnosis and procedure titles
    of the codes the database uses, each with its usage count and usual unit.
``calculators``
    One document per calculator of the registry: name, synonyms, category, description,
    inputs with units, and the published source.
``trials``
    The ClinicalTrials.gov studies of ``M3AGENT_TRIALS_FILE`` (default: the 677 studies of
    ``../shared/data/trials/ctgov_v2_studies.jsonl``), one document per trial.

Each is built under the index root (:func:`~m3agent.retrieval.storage.index_root`) on first use,
or ahead of time by ``m3-agent index build-builtin``. Opening one again compares its documents
with the current sources and re-embeds only what changed (the concept index, whose documents
come from database queries, is refreshed only when asked or when the dataset changed). An index
of that name that was not built here (a user's own) is never overwritten.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from m3agent.retrieval.documents import Document
from m3agent.retrieval.embedding import Embedder
from m3agent.retrieval.errors import (
    EmptyIndexError,
    IndexCorruptError,
    IndexNotFoundError,
    RetrievalError,
)
from m3agent.retrieval.index import HybridIndex
from m3agent.retrieval.manifest import MANIFEST_FILE
from m3agent.retrieval.storage import index_root
from m3agent.tools.errors import ConfigError, DataLoadError

if TYPE_CHECKING:
    from m3agent.retrieval.trials.trial import Trial
    from m3agent.tools.sql.engine import SQLEngine

#: Prefix of the ``source`` of every built-in document that is not a web page.
BUILTIN_SOURCE = "m3agent-builtin:"
#: Source prefix of trial documents (their registry page, see ``trials.search.trial_document``).
TRIAL_SOURCE = "https://clinicaltrials.gov/study/"
#: Environment variable naming the trials file of the ``trials`` index.
TRIALS_FILE_ENV = "M3AGENT_TRIALS_FILE"
#: Environment variable of the shared reference data folder (as the tests and benchmarks use).
SHARED_DATA_ENV = "M3AGENT_SHARED_DATA"
#: The trials file inside the shared data folder.
DEFAULT_TRIALS = Path("trials") / "ctgov_v2_studies.jsonl"
#: Where the shared data sits when no variable says: ``../shared/data`` from the project root.
_PROJECT_ROOT = Path(__file__).resolve().parents[1]

ProgressCallback = Callable[[int, int], None]


class BuiltinSpec(BaseModel):
    """What a built-in index holds.

    Attributes:
        name: The index name under the index root.
        title: One line for listings.
        needs_engine: Its documents are read from a database through the SQL engine.
        cheap: Its documents are cheap to produce, so every open compares them with the index.
        source_prefix: The ``source`` every document of it starts with (tells it from a user's
            index of the same name).
    """

    name: str
    title: str
    needs_engine: bool = False
    cheap: bool = True
    source_prefix: str


BUILTINS: dict[str, BuiltinSpec] = {
    spec.name: spec
    for spec in (
        BuiltinSpec(
            name="schema",
            title="MIMIC-IV catalog: one document per table and per column",
            source_prefix=BUILTIN_SOURCE + "schema/",
        ),
        BuiltinSpec(
            name="schema-ehrsql",
            title="EHRSQL 2024 database catalog (17 tables): one document per table and column",
            source_prefix=BUILTIN_SOURCE + "schema-ehrsql/",
        ),
        BuiltinSpec(
            name="concepts",
            title="Lab items, ICU items and the ICD titles in use, with usage counts and units",
            needs_engine=True,
            cheap=False,
            source_prefix=BUILTIN_SOURCE + "concepts/",
        ),
        BuiltinSpec(
            name="calculators",
            title="Medical calculators: name, synonyms, inputs with units, published source",
            source_prefix=BUILTIN_SOURCE + "calculators/",
        ),
        BuiltinSpec(
            name="trials",
            title="ClinicalTrials.gov studies (M3AGENT_TRIALS_FILE), one document per trial",
            source_prefix=TRIAL_SOURCE,
        ),
    )
}

_LOCKS: dict[str, threading.Lock] = {name: threading.Lock() for name in BUILTINS}


def builtin_names() -> list[str]:
    """Return the names of the built-in indexes."""
    return list(BUILTINS)


def get_builtin(name: str) -> BuiltinSpec:
    """Return the spec of built-in index ``name``.

    Raises:
        IndexNotFoundError: If no built-in index has that name (the message lists them).
    """
    spec = BUILTINS.get(name)
    if spec is None:
        raise IndexNotFoundError(
            f"no built-in index {name!r}; expected one of {', '.join(BUILTINS)}"
        )
    return spec


# ----------------------------------------------------------------------------- schema


def _join(items: Sequence[Any]) -> str:
    return ", ".join(str(i) for i in items)


def schema_documents(catalog: str = "mimic-iv") -> list[Document]:
    """One document per table and per column of a catalog.

    Args:
        catalog: ``mimic-iv`` (the MIMIC-IV catalog, also used for the demo) or ``ehrsql``.

    Returns:
        Table documents (``schema.table``) each followed by its column documents
        (``schema.table.column``); metadata ``kind`` (table or column), ``schema``, ``table``
        (bare name), ``qualified`` and, for columns, ``column``.

    Raises:
        ConfigError: For an unknown catalog.
        DataLoadError: If the catalog file is missing or empty.
    """
    from m3agent.tools.catalog.catalog import descriptions

    if catalog not in ("mimic-iv", "ehrsql"):
        raise ConfigError(f"unknown catalog {catalog!r}; expected 'mimic-iv' or 'ehrsql'")
    name = "schema" if catalog == "mimic-iv" else "schema-ehrsql"
    tables: dict[str, Any] = descriptions(catalog)
    if not tables:
        raise DataLoadError(
            f"the {catalog} catalog holds no tables; expected tools/catalog/"
            f"{'mimic_iv' if catalog == 'mimic-iv' else 'ehrsql'}.json with a 'tables' object"
        )
    docs: list[Document] = []
    for qualified, info in tables.items():
        schema, _, table = qualified.rpartition(".")
        columns: dict[str, Any] = info.get("columns") or {}
        lines = [
            f"Table {qualified}" + (f" ({info['module']} module)" if info.get("module") else "")
        ]
        if info.get("description"):
            lines.append(info["description"])
        if info.get("row"):
            lines.append(f"One row is {info['row']}.")
        if info.get("primary_key"):
            lines.append(f"Primary key: {_join(info['primary_key'])}.")
        if info.get("join_keys"):
            lines.append(
                "Joins: " + "; ".join(f"{k} -> {v}" for k, v in info["join_keys"].items()) + "."
            )
        if info.get("decoded_by"):
            lines.append(
                "Codes decoded by: "
                + "; ".join(f"{k} -> {v}" for k, v in info["decoded_by"].items())
                + "."
            )
        if info.get("time_columns"):
            lines.append(f"Time columns: {_join(info['time_columns'])}.")
        if columns:
            lines.append(f"Columns: {_join(columns)}.")
        lines.extend(info.get("notes") or [])
        base = {"schema": schema, "table": table, "qualified": qualified, "catalog": catalog}
        docs.append(
            Document(
                doc_id=qualified,
                title=f"Table {qualified}",
                text="\n".join(lines),
                source=f"{BUILTIN_SOURCE}{name}/{qualified}",
                metadata={"prechunked": True, "kind": "table", **base},
            )
        )
        for column, col in columns.items():
            col_lines = [f"Column {column} of table {qualified}"]
            if info.get("row"):
                col_lines[0] += f" (one row is {info['row']})"
            if col.get("description"):
                col_lines.append(col["description"])
            if col.get("unit"):
                col_lines.append(f"Unit: {col['unit']}.")
            if col.get("examples"):
                col_lines.append(f"Examples: {_join(col['examples'][:8])}.")
            docs.append(
                Document(
                    doc_id=f"{qualified}.{column}",
                    title=f"Column {qualified}.{column}",
                    text="\n".join(col_lines),
                    source=f"{BUILTIN_SOURCE}{name}/{qualified}.{column}",
                    metadata={"prechunked": True, "kind": "column", "column": column, **base},
                )
            )
    return docs


# ----------------------------------------------------------------------------- concepts

# Constant queries of m3-agent (never user text), run with SQLEngine.fetch. Only items and codes
# the database uses are indexed: one without a single row cannot answer a question about this
# database, and the dictionaries are mostly unused (the demo uses 498 of 1,622 lab items and
# 1,474 of 109,775 diagnosis codes); unused look-alikes ("Lactate" 53154, no rows) would also
# crowd out the item that holds the data (50813). The usage count and most frequent unit come
# from the event tables.
_LAB_ITEMS = """
SELECT d.itemid, d.label, d.fluid, d.category, c.unit, c.n
FROM mimiciv_hosp.d_labitems d JOIN (
    SELECT itemid, count(*) AS n, mode(valueuom) AS unit
    FROM mimiciv_hosp.labevents GROUP BY itemid) c USING (itemid)
ORDER BY d.itemid"""
_ICU_ITEMS = """
SELECT d.itemid, d.label, d.abbreviation, d.linksto, d.category, coalesce(d.unitname, c.unit),
       d.param_type, d.lownormalvalue, d.highnormalvalue, c.n
FROM mimiciv_icu.d_items d JOIN (
    SELECT itemid, count(*) AS n, mode(uom) AS unit FROM (
        SELECT itemid, valueuom AS uom FROM mimiciv_icu.chartevents
        UNION ALL SELECT itemid, amountuom FROM mimiciv_icu.inputevents
        UNION ALL SELECT itemid, amountuom FROM mimiciv_icu.ingredientevents
        UNION ALL SELECT itemid, valueuom FROM mimiciv_icu.outputevents
        UNION ALL SELECT itemid, valueuom FROM mimiciv_icu.procedureevents
        UNION ALL SELECT itemid, valueuom FROM mimiciv_icu.datetimeevents)
    GROUP BY itemid) c USING (itemid)
ORDER BY d.itemid"""
# ICD dictionaries list about 195k codes (109,775 diagnoses and 85,257 procedures in MIMIC-IV
# 2.2): embedding them all would take most of an hour on two cores.
_ICD = """
SELECT d.icd_code, d.icd_version, d.long_title, c.n
FROM mimiciv_hosp.{dictionary} d JOIN (
    SELECT icd_code, icd_version, count(*) AS n
    FROM mimiciv_hosp.{events} GROUP BY icd_code, icd_version) c
USING (icd_code, icd_version)
ORDER BY d.icd_version, d.icd_code"""


def _icd_dotted(code: str, version: int, diagnosis: bool) -> str:
    """Write an ICD code with its dot, as clinicians read it (MIMIC-IV stores none).

    ICD-10-CM and ICD-9-CM diagnosis codes put the dot after the third character (after the
    fourth for ICD-9 E codes); ICD-9-CM procedure codes after the second (CMS code books).
    ICD-10-PCS procedure codes have no dot.
    """
    code = code.strip()
    if not diagnosis:
        return code if version == 10 or len(code) <= 2 else f"{code[:2]}.{code[2:]}"
    cut = 4 if version == 9 and code.startswith("E") else 3
    return code if len(code) <= cut else f"{code[:cut]}.{code[cut:]}"


def concept_documents(engine: SQLEngine, dataset: str = "mimic-iv-demo") -> list[Document]:
    """One document per lab item, ICU item, ICD diagnosis and procedure code the database uses.

    Args:
        engine: The SQL engine (its guarded connection runs m3-agent's constant queries).
        dataset: A MIMIC-IV dataset (``mimic-iv-demo`` or ``mimic-iv``).

    Returns:
        Documents with ids ``d_labitems/<itemid>``, ``d_items/<itemid>``,
        ``d_icd_diagnoses/<version>/<code>``, ``d_icd_procedures/<version>/<code>``; metadata
        ``kind`` (lab, item, diagnosis, procedure), ``code`` (itemid or ICD code), ``table``
        (where the rows are), ``count`` (rows there), ``unit`` and ``dataset``.

    Raises:
        DatasetError, M3AgentError: For an unknown dataset or one that is not MIMIC-IV.
        SQLExecutionError: If the database lacks the dictionaries.
    """
    from m3agent.tools.datasets import get_dataset
    from m3agent.tools.errors import M3AgentError

    spec = get_dataset(dataset)
    if "mimiciv_hosp" not in spec.schemas:
        raise M3AgentError(
            f"the concept index is built from a MIMIC-IV database; dataset {dataset!r} has "
            "another layout",
            hint="Use dataset mimic-iv-demo or mimic-iv.",
        )
    prefix = f"{BUILTIN_SOURCE}concepts/{dataset}/"
    docs: list[Document] = []
    _, labs = engine.fetch(dataset, _LAB_ITEMS)
    for itemid, label, fluid, category, unit, n in labs:
        text = f"Lab test {label}: itemid {itemid} in mimiciv_hosp.d_labitems"
        details = [f"fluid {fluid}" if fluid else "", f"category {category}" if category else ""]
        text += "".join(f"; {d}" for d in details if d)
        text += f". Usual unit: {unit}." if unit else "."
        text += f" {n:,} rows in mimiciv_hosp.labevents."
        docs.append(
            Document(
                doc_id=f"d_labitems/{itemid}",
                title=f"{label} (lab itemid {itemid})",
                text=text,
                source=f"{prefix}d_labitems/{itemid}",
                metadata={
                    "prechunked": True,
                    "kind": "lab",
                    "code": str(itemid),
                    "itemid": int(itemid),
                    "label": label,
                    "table": "mimiciv_hosp.labevents",
                    "unit": unit,
                    "count": int(n),
                    "dataset": dataset,
                },
            )
        )
    _, items = engine.fetch(dataset, _ICU_ITEMS)
    for itemid, label, abbr, linksto, category, unit, ptype, low, high, n in items:
        table = f"mimiciv_icu.{linksto}" if linksto else "mimiciv_icu"
        text = f"ICU item {label}"
        if abbr and abbr != label:
            text += f" ({abbr})"
        text += f": itemid {itemid} in mimiciv_icu.d_items, recorded in {table}"
        text += f"; category {category}" if category else ""
        text += f"; {ptype}" if ptype else ""
        text += f". Unit: {unit}." if unit else "."
        if low is not None or high is not None:
            shown = ["" if v is None else f"{v:g}" for v in (low, high)]
            text += f" Normal range {shown[0]}-{shown[1]}."
        text += f" {n:,} rows."
        docs.append(
            Document(
                doc_id=f"d_items/{itemid}",
                title=f"{label} (ICU itemid {itemid})",
                text=text,
                source=f"{prefix}d_items/{itemid}",
                metadata={
                    "prechunked": True,
                    "kind": "item",
                    "code": str(itemid),
                    "itemid": int(itemid),
                    "label": label,
                    "table": table,
                    "unit": unit,
                    "count": int(n),
                    "dataset": dataset,
                },
            )
        )
    for kind, dictionary, events in (
        ("diagnosis", "d_icd_diagnoses", "diagnoses_icd"),
        ("procedure", "d_icd_procedures", "procedures_icd"),
    ):
        _, rows = engine.fetch(dataset, _ICD.format(dictionary=dictionary, events=events))
        for code, version, title, n in rows:
            dotted = _icd_dotted(code, int(version), kind == "diagnosis")
            docs.append(
                Document(
                    doc_id=f"{dictionary}/{version}/{code}",
                    title=f"{title} (ICD-{version} {dotted})",
                    text=(
                        f"ICD-{version} {kind} {dotted} (icd_code '{code}', icd_version "
                        f"{version} in mimiciv_hosp.{dictionary}): {title}. {n:,} rows in "
                        f"mimiciv_hosp.{events}."
                    ),
                    source=f"{prefix}{dictionary}/{version}/{code}",
                    metadata={
                        "prechunked": True,
                        "kind": kind,
                        "code": code,
                        "icd_version": int(version),
                        "label": title,
                        "table": f"mimiciv_hosp.{events}",
                        "unit": None,
                        "count": int(n),
                        "dataset": dataset,
                    },
                )
            )
    return docs


# ----------------------------------------------------------------------------- calculators


def calculator_documents() -> list[Document]:
    """One document per registered calculator.

    Returns:
        Documents ``calculator/<id>`` with name, synonyms, category, description, inputs (with
        their descriptions and units) and source; metadata ``calculator`` (the id), ``category``,
        ``doi``, ``pmid``.
    """
    from m3agent.calculators.registry import all_calculators

    docs: list[Document] = []
    for calc in all_calculators():
        meta = calc.meta
        lines = [meta.name]
        if meta.synonyms:
            lines.append(f"Also called: {_join(meta.synonyms)}.")
        lines.append(f"Category: {meta.category}. Calculator id: {meta.id}.")
        lines.append(meta.description)
        inputs = []
        for field, info in calc.inputs.model_fields.items():
            inputs.append(f"{field} ({info.description})" if info.description else field)
        if inputs:
            lines.append("Inputs: " + "; ".join(inputs) + ".")
        if meta.unit:
            lines.append(f"Result unit: {meta.unit}.")
        cite = meta.source + (f" doi:{meta.doi}" if meta.doi else "")
        cite += f" PMID {meta.pmid}" if meta.pmid else ""
        lines.append(f"Source: {cite}")
        docs.append(
            Document(
                doc_id=f"calculator/{meta.id}",
                title=meta.name,
                text="\n".join(lines),
                source=f"{BUILTIN_SOURCE}calculators/{meta.id}",
                metadata={
                    "prechunked": True,
                    "kind": "calculator",
                    "calculator": meta.id,
                    "category": meta.category,
                    "doi": meta.doi,
                    "pmid": meta.pmid,
                },
            )
        )
    return docs


# ----------------------------------------------------------------------------- trials


def trials_file() -> Path:
    """Return the trials file of the ``trials`` index.

    ``M3AGENT_TRIALS_FILE`` when set; else ``trials/ctgov_v2_studies.jsonl`` in
    ``M3AGENT_SHARED_DATA``; else in ``../shared/data`` beside the project root.

    Raises:
        ConfigError: If ``M3AGENT_TRIALS_FILE`` is set but empty.
    """
    value = os.environ.get(TRIALS_FILE_ENV)
    if value is not None:
        if not value.strip():
            raise ConfigError(
                f"{TRIALS_FILE_ENV} is set but empty; expected the path of a trials file",
                hint=f"Unset {TRIALS_FILE_ENV} or point it at a ClinicalTrials.gov JSON file.",
            )
        return Path(value).expanduser()
    shared = os.environ.get(SHARED_DATA_ENV)
    base = Path(shared).expanduser() if shared else _PROJECT_ROOT.parent / "shared" / "data"
    return base / DEFAULT_TRIALS


_TRIALS_CACHE: dict[tuple[str, int, int], list[Trial]] = {}
_TRIALS_LOCK = threading.Lock()


def load_builtin_trials(path: Path | None = None) -> list[Trial]:
    """Read the trials of the ``trials`` index (cached per file, size and modification time).

    Args:
        path: The trials file; default :func:`trials_file`.

    Returns:
        The trials (records that do not parse are skipped, see ``trials.ingest``).

    Raises:
        DataLoadError: If the file is missing, unreadable, or holds no trial at all.
    """
    from m3agent.retrieval.trials.ingest import load_trials

    path = Path(path) if path is not None else trials_file()
    if not path.is_file():
        raise DataLoadError(
            f"trials file not found: expected ClinicalTrials.gov studies at {path}",
            hint=f"Set {TRIALS_FILE_ENV} to a JSON or JSON Lines file of studies "
            "(API v2 format or TrialGPT's corpus format).",
        )
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _TRIALS_LOCK:
        cached = _TRIALS_CACHE.get(key)
        if cached is not None:
            return cached
        result = load_trials(path)
        if not result.trials:
            raise DataLoadError(
                f"no trial could be read from {path}: {result.report.summary()}",
                hint="Expected ClinicalTrials.gov API v2 studies or TrialGPT corpus entries.",
            )
        _TRIALS_CACHE.clear()
        _TRIALS_CACHE[key] = result.trials
        return result.trials


def trial_documents(trials: Sequence[Trial] | None = None) -> list[Document]:
    """One document per trial (the trials of :func:`load_builtin_trials` by default)."""
    from m3agent.retrieval.trials.search import trial_document

    return [trial_document(t) for t in (trials if trials is not None else load_builtin_trials())]


# ----------------------------------------------------------------------------- building


def builtin_documents(
    name: str, *, engine: SQLEngine | None = None, dataset: str = "mimic-iv-demo"
) -> list[Document]:
    """Return the current documents of built-in index ``name``.

    Args:
        name: A built-in index name.
        engine: The SQL engine; needed for ``concepts``.
        dataset: The MIMIC-IV dataset ``concepts`` is read from.

    Raises:
        IndexNotFoundError: For an unknown name.
        ConfigError: If ``concepts`` is asked for without an engine.
    """
    get_builtin(name)
    if name == "schema":
        return schema_documents("mimic-iv")
    if name == "schema-ehrsql":
        return schema_documents("ehrsql")
    if name == "calculators":
        return calculator_documents()
    if name == "trials":
        return trial_documents()
    if engine is None:
        raise ConfigError(
            "the concepts index is read from a database; expected an SQL engine, found none",
            hint="Run `m3-agent init` first, then `m3-agent index build-builtin concepts`.",
        )
    return concept_documents(engine, dataset)


def _recorded_sources(path: Path) -> dict[str, str] | None:
    """doc_id -> source from an index's manifest, read as plain JSON (None if unreadable)."""
    try:
        data = json.loads((path / MANIFEST_FILE).read_text(encoding="utf-8"))
        documents = data["documents"]
        return {str(d): str(e["source"]) for d, e in documents.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _check_is_builtin(spec: BuiltinSpec, path: Path, sources: dict[str, str]) -> None:
    """Refuse to touch an index of a built-in's name that holds other documents."""
    foreign = [d for d, src in sources.items() if not src.startswith(spec.source_prefix)]
    if foreign:
        raise RetrievalError(
            f"index {spec.name!r} at {path} is not the built-in {spec.name} index: it holds "
            f"{len(foreign)} other document(s), e.g. {foreign[0]!r}; it is left untouched",
            hint="Rename that index, or set M3AGENT_INDEX_DIR to another folder for m3-agent's "
            "built-in indexes.",
        )


def _dataset_of(manifest_documents: dict[str, Any]) -> str | None:
    for entry in manifest_documents.values():
        rest = entry.source.removeprefix(BUILTIN_SOURCE + "concepts/")
        return rest.split("/", 1)[0] if rest != entry.source else None
    return None


class BuiltinStatus(BaseModel):
    """What :func:`ensure_builtin` did."""

    name: str
    path: str
    action: str  # opened, built, updated, up to date
    documents: int
    chunks: int
    embedded: int = 0


def ensure_builtin(
    name: str,
    *,
    engine: SQLEngine | None = None,
    dataset: str = "mimic-iv-demo",
    root: Path | None = None,
    embedder: Embedder | None = None,
    refresh: bool | None = None,
    documents: Sequence[Document] | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[HybridIndex, BuiltinStatus]:
    """Open built-in index ``name``, building or refreshing it as needed.

    Args:
        name: A built-in index name (see :data:`BUILTINS`).
        engine: The SQL engine (for ``concepts``).
        dataset: The MIMIC-IV dataset of ``concepts``.
        root: The folder holding indexes; default the index root.
        embedder: The embedder (default all-MiniLM-L6-v2).
        refresh: True: compare with the current documents and re-embed what changed. False:
            open as it is. None (default): refresh the cheap ones (schema, calculators,
            trials) and ``concepts`` only when it was built from another dataset.
        documents: The current documents, when the caller has them already (else read here).
        progress: Called with (chunks embedded, chunks to embed).

    Returns:
        The open index and what was done.

    Raises:
        IndexNotFoundError: For an unknown name.
        RetrievalError: If an index of that name exists that is not the built-in one.
        IndexCorruptError: If it is damaged and its manifest cannot even be read (a damaged
            built-in index whose manifest reads, or one built with another model or format
            version, is rebuilt).
        DataLoadError, ConfigError, SQLError: If its sources cannot be read.
    """
    spec = get_builtin(name)
    path = Path(root if root is not None else index_root()) / name
    with _LOCKS[name]:
        index: HybridIndex | None = None
        if path.exists():
            try:
                index = HybridIndex.open(path, embedder=embedder)
            except IndexNotFoundError:
                index = None  # gone between the check and the open
            except IndexCorruptError as exc:
                # Damaged, or built with another model or format: rebuilt if it is ours.
                sources = _recorded_sources(path)
                if sources is None:
                    exc.hint = (
                        f"Its manifest cannot be read, so it cannot be told apart from a user's "
                        f"index: remove {path} and the built-in index is rebuilt on next use."
                    )
                    raise
                _check_is_builtin(spec, path, sources)
                index = None
        if index is not None:
            _check_is_builtin(
                spec, path, {d: e.source for d, e in index.manifest.documents.items()}
            )
            if refresh is None:
                refresh = spec.cheap or _dataset_of(index.manifest.documents) != dataset
            if not refresh:
                m = index.manifest
                return index, BuiltinStatus(
                    name=name,
                    path=str(path),
                    action="opened",
                    documents=m.document_count,
                    chunks=m.chunk_count,
                )
        docs = (
            list(documents)
            if documents is not None
            else builtin_documents(name, engine=engine, dataset=dataset)
        )
        if not docs:
            raise EmptyIndexError(
                f"built-in index {name!r} would be empty: its sources gave no document",
                hint="Check the catalog, the database or the trials file it is built from.",
            )
        if index is not None:
            report = index.update(docs, progress=progress)
            return index, BuiltinStatus(
                name=name,
                path=str(path),
                action="updated" if report.written else "up to date",
                documents=report.document_count,
                chunks=report.chunk_count,
                embedded=report.chunks_embedded,
            )
        built = HybridIndex.build(path, docs, embedder=embedder, progress=progress)
        m = built.manifest
        return built, BuiltinStatus(
            name=name,
            path=str(path),
            action="built",
            documents=m.document_count,
            chunks=m.chunk_count,
            embedded=m.chunk_count,
        )
