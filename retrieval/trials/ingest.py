"""Read trials from ClinicalTrials.gov API v2 JSON and from TrialGPT's corpus format.

Accepted inputs: one study a line (JSON Lines, the shape of ``ctgov_v2_studies.jsonl`` and of
TrialGPT's ``corpus.jsonl``), the registry's JSON download (a JSON array of studies, or
``{"studies": [...]}`` as the API's ``/studies`` endpoint returns), or a single study object. A
record that does not parse or lacks a required field is skipped and reported with its line (or
array position) and the field; every other record is still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from m3agent.retrieval.trials.criteria import split_sections, unescape_markdown
from m3agent.retrieval.trials.trial import Intervention, Trial
from m3agent.tools.errors import DataLoadError

_NCT = re.compile(r"^NCT\d{8}$")
_AGE = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(years?|months?|weeks?|days?|hours?|minutes?)\s*$", re.IGNORECASE
)
# Days per unit / 365.25 (Julian year), the registry's age units.
_AGE_UNIT_YEARS = {
    "year": 1.0,
    "month": 1 / 12,
    "week": 7 / 365.25,
    "day": 1 / 365.25,
    "hour": 1 / 8766,
    "minute": 1 / 525960,
}


class IngestIssue(BaseModel):
    """One problem met while reading trials.

    Attributes:
        line: 1-based line of a JSON Lines file (None for a JSON array or object).
        record: 0-based position of the record in the input.
        nct_id: The record's NCT id, when it could be read.
        field: Dotted path of the offending field (None when the record is not JSON at all).
        message: What was expected and what was found.
        skipped: Whether the record was left out (False: a warning, the record was kept).
    """

    line: int | None = None
    record: int
    nct_id: str | None = None
    field: str | None = None
    message: str
    skipped: bool = True

    def where(self) -> str:
        """Return a short location, e.g. ``line 12`` or ``record 3``."""
        return f"line {self.line}" if self.line is not None else f"record {self.record}"


class IngestReport(BaseModel):
    """What an ingestion read, kept and skipped."""

    source: str
    format: str
    records: int = 0
    ingested: int = 0
    skipped: int = 0
    issues: list[IngestIssue] = Field(default_factory=list)

    def summary(self) -> str:
        """One line: counts, then the first few issues."""
        head = (
            f"{self.source}: {self.records} records, {self.ingested} ingested, "
            f"{self.skipped} skipped"
        )
        shown = "; ".join(f"{i.where()} {i.field or ''}: {i.message}" for i in self.issues[:3])
        return head + (f" ({shown})" if shown else "")


class IngestResult(BaseModel):
    """Trials read plus the report on the input."""

    trials: list[Trial]
    report: IngestReport


# --- ClinicalTrials.gov API v2: only the fields we use; strict types so bad values are named.


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)


class _Identification(_Strict):
    nctId: str
    briefTitle: str
    officialTitle: str | None = None

    @field_validator("nctId")
    @classmethod
    def _nct(cls, v: str) -> str:
        if not _NCT.match(v):
            raise ValueError(f"expected an NCT id like NCT01234567, found {v!r}")
        return v


class _Status(_Strict):
    overallStatus: str | None = None


class _Description(_Strict):
    briefSummary: str | None = None


class _Conditions(_Strict):
    conditions: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)


class _Design(_Strict):
    phases: list[str] = Field(default_factory=list)


class _Eligibility(_Strict):
    eligibilityCriteria: str | None = None
    sex: Literal["ALL", "FEMALE", "MALE"] | None = None
    minimumAge: str | None = None
    maximumAge: str | None = None
    healthyVolunteers: bool | None = None


class _Intervention(_Strict):
    type: str | None = None
    name: str
    description: str | None = None


class _Arms(_Strict):
    interventions: list[_Intervention] = Field(default_factory=list)


class _Protocol(_Strict):
    identificationModule: _Identification
    statusModule: _Status | None = None
    descriptionModule: _Description | None = None
    conditionsModule: _Conditions | None = None
    designModule: _Design | None = None
    eligibilityModule: _Eligibility | None = None
    armsInterventionsModule: _Arms | None = None


class _Study(_Strict):
    protocolSection: _Protocol


# --- TrialGPT corpus entry.


class _TrialGPTMeta(_Strict):
    brief_title: str | None = None
    phase: str = ""
    drugs_list: list[str] = Field(default_factory=list)
    diseases_list: list[str] = Field(default_factory=list)
    inclusion_criteria: str = ""
    exclusion_criteria: str = ""
    brief_summary: str = ""


class _TrialGPTEntry(_Strict):
    id: str = Field(alias="_id")
    title: str
    text: str = ""
    metadata: _TrialGPTMeta

    @field_validator("id")
    @classmethod
    def _nct(cls, v: str) -> str:
        if not _NCT.match(v):
            raise ValueError(f"expected an NCT id like NCT01234567, found {v!r}")
        return v


class _RecordError(Exception):
    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def parse_age(text: str | None, *, field: str = "minimumAge") -> float | None:
    """Turn a registry age such as ``"18 Years"`` or ``"6 Months"`` into years.

    ``None``, ``""`` and ``"N/A"`` mean no limit.

    Raises:
        ValueError: For any other text, naming the field and the accepted shape.
    """
    if text is None or text.strip().upper() in ("", "N/A", "NA"):
        return None
    m = _AGE.match(text)
    if not m:
        raise ValueError(f"{field}: expected an age like '18 Years' or '6 Months', found {text!r}")
    unit = m.group(2).lower().rstrip("s")
    return round(float(m.group(1)) * _AGE_UNIT_YEARS[unit], 6)


def _first_error(exc: ValidationError) -> _RecordError:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    found = err.get("input")
    shown = repr(found)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    msg = err["msg"]
    if err["type"] == "missing":
        return _RecordError(loc, "required field is missing")
    return _RecordError(loc, f"{msg}; found {shown}")


def _normalise_phase(phase: str) -> str:
    p = phase.strip().upper().replace(" ", "")
    if p in ("N/A", "NA", "NOTAPPLICABLE"):
        return "NA"
    if p.startswith("EARLYPHASE"):
        return "EARLY_PHASE" + p[len("EARLYPHASE") :]
    return p


def parse_ctgov_study(record: dict[str, Any]) -> Trial:
    """Read one ClinicalTrials.gov API v2 study object into a :class:`Trial`.

    Raises:
        ValueError: When a required field is missing or a field has the wrong type; the
            message starts with the dotted field path.
    """
    try:
        study = _Study.model_validate(record)
    except ValidationError as exc:
        err = _first_error(exc)
        raise ValueError(f"{err.field}: {err.message}") from None
    p = study.protocolSection
    ident = p.identificationModule
    elig = p.eligibilityModule or _Eligibility()
    text = unescape_markdown(elig.eligibilityCriteria or "")
    inclusion, exclusion = split_sections(text)
    min_age = parse_age(elig.minimumAge, field="protocolSection.eligibilityModule.minimumAge")
    max_age = parse_age(elig.maximumAge, field="protocolSection.eligibilityModule.maximumAge")
    return Trial(
        nct_id=ident.nctId,
        title=ident.briefTitle,
        official_title=ident.officialTitle,
        brief_summary=unescape_markdown((p.descriptionModule or _Description()).briefSummary or ""),
        conditions=(p.conditionsModule or _Conditions()).conditions,
        keywords=(p.conditionsModule or _Conditions()).keywords,
        status=(p.statusModule or _Status()).overallStatus,
        phases=[_normalise_phase(x) for x in (p.designModule or _Design()).phases],
        sex=elig.sex or "ALL",
        min_age_years=min_age,
        max_age_years=max_age,
        healthy_volunteers=elig.healthyVolunteers,
        eligibility_text=text,
        inclusion_criteria=inclusion,
        exclusion_criteria=exclusion,
        interventions=[
            Intervention(type=i.type, name=i.name, description=i.description)
            for i in (p.armsInterventionsModule or _Arms()).interventions
        ],
        source="ctgov_v2",
    )


def parse_trialgpt_entry(record: dict[str, Any]) -> Trial:
    """Read one entry of TrialGPT's ``corpus.jsonl`` into a :class:`Trial`.

    TrialGPT's format has no structured age or sex fields; they stay None/``ALL`` and come from
    the criteria text instead.

    Raises:
        ValueError: When a required field is missing or has the wrong type (field path first).
    """
    try:
        entry = _TrialGPTEntry.model_validate(record)
    except ValidationError as exc:
        err = _first_error(exc)
        raise ValueError(f"{err.field}: {err.message}") from None
    meta = entry.metadata
    phases = [_normalise_phase(x) for x in meta.phase.split(";") if x.strip()]
    inclusion = meta.inclusion_criteria.strip()
    exclusion = meta.exclusion_criteria.strip()
    return Trial(
        nct_id=entry.id,
        title=meta.brief_title or entry.title,
        brief_summary=meta.brief_summary,
        conditions=meta.diseases_list,
        phases=phases,
        eligibility_text=(
            f"Inclusion Criteria:\n\n{inclusion}\n\nExclusion Criteria:\n\n{exclusion}"
        ),
        inclusion_criteria=inclusion,
        exclusion_criteria=exclusion,
        interventions=[Intervention(type=None, name=d) for d in meta.drugs_list],
        source="trialgpt",
    )


def _records(text: str) -> tuple[str, list[tuple[int | None, int, Any]], list[IngestIssue]]:
    """Split the input into records: (format, [(line or None, ordinal, parsed)], issues)."""
    stripped = text.lstrip()
    if not stripped:
        return "empty", [], []
    if stripped[0] == "[" or stripped[0] == "{":
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None
        if isinstance(whole, list):
            return "json-array", [(None, i, r) for i, r in enumerate(whole)], []
        if isinstance(whole, dict):
            if isinstance(whole.get("studies"), list):
                return "json-studies", [(None, i, r) for i, r in enumerate(whole["studies"])], []
            return "json-object", [(None, 0, whole)], []
        if stripped[0] == "[":
            try:
                json.loads(text)
            except json.JSONDecodeError as exc:
                raise DataLoadError(
                    f"expected a JSON array of studies, found invalid JSON at line {exc.lineno} "
                    f"column {exc.colno}: {exc.msg}"
                ) from None
    out: list[tuple[int | None, int, Any]] = []
    issues: list[IngestIssue] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        ordinal = len(out) + len(issues)
        try:
            out.append((n, ordinal, json.loads(line)))
        except json.JSONDecodeError as exc:
            issues.append(
                IngestIssue(
                    line=n,
                    record=ordinal,
                    field=None,
                    message=f"not valid JSON ({exc.msg} at column {exc.colno})",
                )
            )
    return "jsonl", out, issues


def _kind_of(record: Any) -> Literal["ctgov", "trialgpt"] | None:
    if isinstance(record, dict) and "protocolSection" in record:
        return "ctgov"
    if isinstance(record, dict) and "_id" in record:
        return "trialgpt"
    return None


def ingest_text(text: str, *, source: str = "<text>") -> IngestResult:
    """Read trials from the text of a JSON Lines, JSON array or ``{"studies": [...]}`` input.

    Each record may be a ClinicalTrials.gov API v2 study or a TrialGPT corpus entry (told apart
    by ``protocolSection`` / ``_id``). Duplicated NCT ids keep the first record.

    Raises:
        DataLoadError: When the input is a JSON array that is not valid JSON as a whole.
    """
    fmt, records, issues = _records(text)
    report = IngestReport(source=source, format=fmt, issues=list(issues))
    report.records = len(records) + len(issues)
    trials: list[Trial] = []
    seen: set[str] = set()
    kinds: set[str] = set()
    for line, index, record in records:
        kind = _kind_of(record)
        nct = None
        if isinstance(record, dict):
            ident = record.get("protocolSection", {})
            ident = ident.get("identificationModule", {}) if isinstance(ident, dict) else {}
            nct = record.get("_id") or (ident.get("nctId") if isinstance(ident, dict) else None)
            nct = nct if isinstance(nct, str) else None
        if kind is None:
            found = (
                type(record).__name__
                if not isinstance(record, dict)
                else f"keys {sorted(record)[:5]}"
            )
            report.issues.append(
                IngestIssue(
                    line=line,
                    record=index,
                    nct_id=nct,
                    field=None,
                    message="expected a ClinicalTrials.gov v2 study (with protocolSection) or a "
                    f"TrialGPT corpus entry (with _id), found {found}",
                )
            )
            continue
        kinds.add(kind)
        try:
            trial = parse_ctgov_study(record) if kind == "ctgov" else parse_trialgpt_entry(record)
        except ValueError as exc:
            field, _, message = str(exc).partition(": ")
            report.issues.append(
                IngestIssue(line=line, record=index, nct_id=nct, field=field, message=message)
            )
            continue
        if trial.nct_id in seen:
            report.issues.append(
                IngestIssue(
                    line=line,
                    record=index,
                    nct_id=trial.nct_id,
                    field="nct_id",
                    message="duplicate NCT id; the first record is kept",
                )
            )
            continue
        seen.add(trial.nct_id)
        trials.append(trial)
    report.ingested = len(trials)
    report.skipped = sum(1 for i in report.issues if i.skipped)
    if kinds:
        report.format += "/" + "+".join(sorted(kinds))
    return IngestResult(trials=trials, report=report)


def load_trials(path: str | Path) -> IngestResult:
    """Read trials from a file (JSON Lines, JSON array, or ``{"studies": [...]}``).

    Raises:
        DataLoadError: When the file does not exist or cannot be read as UTF-8 text.
    """
    p = Path(path)
    if not p.is_file():
        raise DataLoadError(
            f"trial file not found: expected a JSON or JSON Lines file at {p}",
            hint="pass the path of ctgov_v2_studies.jsonl or a corpus.jsonl",
        )
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DataLoadError(
            f"{p}: expected UTF-8 text, found undecodable bytes at offset {exc.start}"
        ) from None
    return ingest_text(text, source=str(p))


def load_many(paths: Iterable[str | Path]) -> IngestResult:
    """Read several trial files into one list; the first record of a duplicated id wins."""
    trials: list[Trial] = []
    seen: set[str] = set()
    reports: list[IngestReport] = []
    for path in paths:
        result = load_trials(path)
        reports.append(result.report)
        for t in result.trials:
            if t.nct_id not in seen:
                seen.add(t.nct_id)
                trials.append(t)
    merged = IngestReport(
        source=", ".join(r.source for r in reports),
        format="+".join(sorted({r.format for r in reports})),
        records=sum(r.records for r in reports),
        ingested=len(trials),
        skipped=sum(r.skipped for r in reports),
        issues=[i for r in reports for i in r.issues],
    )
    return IngestResult(trials=trials, report=merged)
