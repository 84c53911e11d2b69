"""Calculators fed from the MIMIC-IV record: ``calculate_for_patient``.

For a calculator with record sources (:mod:`m3agent.calculators.ehr_sources`), this module
resolves the patient, admission, ICU stay and the time ``at``; fetches each input with a few
constant, parameter-bound queries on the guarded engine; converts units in one place
(:mod:`m3agent.calculators.units`); and runs the calculator only when every required input was
found or passed as an override. Every input comes back with its provenance (table, itemid or ICD
code, charttime, raw value and unit, converted value, the rule used); inputs that could not be
found come back as a list with their expected units, and no number is returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from m3agent.calculators import ehr_sources as src
from m3agent.calculators import units
from m3agent.calculators.base import CalcResult
from m3agent.tools.datasets import get_dataset
from m3agent.tools.errors import M3AgentError, NotFoundError
from m3agent.tools.sql.engine import SQLEngine

if TYPE_CHECKING:  # the registry imports every calculator: loaded on first use, not at import
    from m3agent.calculators.registry import Calculator

# --------------------------------------------------------------------------------------------
# Output models.
# --------------------------------------------------------------------------------------------


class Evidence(BaseModel):
    """One record row behind an input.

    Attributes:
        table: ``schema.table`` the row comes from.
        itemid: The itemid (labevents, chartevents, inputevents, ...), if any.
        label: What the itemid or code means.
        code: The ICD code (no dots), if any.
        icd_version: 9 or 10 for ICD codes.
        hadm_id: The admission of the row, when known.
        charttime: When it was charted (ISO), or the start of an infusion or procedure.
        raw_value: The value as stored.
        raw_unit: The unit as stored (``valueuom``), or the unit implied by the itemid.
        value: The value converted to the feature's unit.
        unit: That unit.
    """

    table: str
    itemid: int | None = None
    label: str | None = None
    code: str | None = None
    icd_version: int | None = None
    hadm_id: int | None = None
    charttime: str | None = None
    raw_value: float | str | None = None
    raw_unit: str | None = None
    value: float | str | None = None
    unit: str | None = None


class InputProvenance(BaseModel):
    """Where one calculator input came from.

    Attributes:
        input: The calculator's input name.
        value: The value passed to the calculator (in ``unit``).
        unit: The calculator's unit for this input (None for yes/no and categories).
        origin: ``record``, ``override`` (the caller's value, which wins over the record) or
            ``default`` (the calculator's own default; the record had nothing).
        rule: The time rule and selection used (``latest at or before ...``).
        table: The table of the main evidence row.
        itemid: Its itemid.
        code: Its ICD code.
        charttime: Its time.
        raw_value: Its stored value.
        raw_unit: Its stored unit.
        evidence: Every row the value rests on (one for a lab; the matched codes of a
            condition; the three components of a GCS; the gas, FiO2 and ventilation of a
            PaO2/FiO2 pair).
        detail: How the value was derived, in words.
    """

    input: str
    value: Any
    unit: str | None = None
    origin: Literal["record", "override", "default"]
    rule: str
    table: str | None = None
    itemid: int | None = None
    code: str | None = None
    charttime: str | None = None
    raw_value: float | str | None = None
    raw_unit: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    detail: str | None = None


class MissingInput(BaseModel):
    """An input the record could not supply.

    Attributes:
        input: The calculator's input name.
        expected: What the calculator expects (description with unit).
        unit: The calculator's unit, if a quantity.
        accepted_units: Other units an override may use.
        looked_for: Where and by which rule it was looked for.
        reason: Why nothing was found.
    """

    input: str
    expected: str
    unit: str | None = None
    accepted_units: list[str] = Field(default_factory=list)
    looked_for: str
    reason: str


class PatientCalculation(BaseModel):
    """A calculator computed from a patient's record, with the provenance of every input.

    Attributes:
        calculator: The calculator id.
        name: Its name.
        dataset: The dataset queried.
        subject_id: The patient.
        hadm_id: The admission used (given, from the stay, or the one in progress at ``at``).
        stay_id: The ICU stay used (first-24 h scores), if any.
        at: The time the inputs are taken at or before (ISO).
        at_rule: How ``at`` was chosen.
        window_start: Start of the first-24 h window, for SOFA/APACHE II-type scores.
        window_end: Its end.
        status: ``computed``, or ``missing_inputs`` (then ``result`` is None).
        result: The calculator's result when computed.
        inputs: Provenance of every input used.
        missing: Inputs the record could not supply: pass them as ``overrides``.
        not_from_record: Inputs the record does not feed (their defaults are used unless
            overridden).
        notes: How this calculator is fed from the record.
        warnings: Stale values, skipped rows, capped ages.
    """

    calculator: str
    name: str
    dataset: str
    subject_id: int
    hadm_id: int | None = None
    stay_id: int | None = None
    at: str
    at_rule: str
    window_start: str | None = None
    window_end: str | None = None
    status: Literal["computed", "missing_inputs"]
    result: CalcResult | None = None
    inputs: list[InputProvenance] = Field(default_factory=list)
    missing: list[MissingInput] = Field(default_factory=list)
    not_from_record: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class RecordValueError(M3AgentError):
    """A value taken from the record is outside what the calculator accepts.

    Attributes:
        fields: The calculator inputs concerned.
    """

    code = "record_value"

    def __init__(self, message: str, *, fields: list[str], hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.fields = fields


# --------------------------------------------------------------------------------------------
# Context: patient, admission, stay, time.
# --------------------------------------------------------------------------------------------

_HOSP = "mimiciv_hosp"
_ICU = "mimiciv_icu"
#: Record unit spellings that :mod:`units` writes differently.
_UNIT_ALIASES = {"insp/min": "/min", "#/ul": "/ul", "units": "", "k/ul": "10^3/uL"}
#: Services counted as surgical for APACHE II's postoperative categories (MIMIC-IV services
#: table: cardiac, neuro, orthopaedic, plastic, general, thoracic, vascular surgery, trauma).
_SURGICAL_SERVICES = frozenset(
    {"CSURG", "NSURG", "ORTHO", "PSURG", "SURG", "TSURG", "VSURG", "TRAUM"}
)
#: Admission types of planned admissions (elective, and same-day surgical admissions).
_ELECTIVE = frozenset({"ELECTIVE", "SURGICAL SAME DAY ADMISSION"})
_VENT_ITEMS = (225792, 225794)  # procedureevents: invasive, non-invasive ventilation
_VASO_ITEMS = (221662, 221653, 221289, 221906)
_URINE_ITEMS = (
    226559,
    226560,
    226561,
    226584,
    226563,
    226564,
    226565,
    226567,
    226557,
    226558,
    227488,
    227489,
)  # mimic-code measurement/urine_output.sql
_DIALYSIS_INTERMITTENT = {225441: "Hemodialysis", 225805: "Peritoneal Dialysis"}
_DIALYSIS_CRRT = {
    225802: "Dialysis - CRRT",
    225803: "Dialysis - CVVHD",
    225809: "Dialysis - CVVHDF",
}
_DIALYSIS_ICD9 = ("3995", "5498")
_DIALYSIS_ICD10 = ("5A1D70Z", "5A1D80Z", "3E1M39Z")
_CRRT_ICD10 = ("5A1D90Z",)


@dataclass
class _Ctx:
    engine: SQLEngine
    dataset: str
    subject_id: int
    patient: dict[str, Any]
    admissions: list[dict[str, Any]]
    stays: list[dict[str, Any]]
    at: dt.datetime
    at_rule: str
    hadm: dict[str, Any] | None = None
    stay: dict[str, Any] | None = None
    window: tuple[dt.datetime, dt.datetime] | None = None
    window_reason: str | None = None
    warnings: list[str] = field(default_factory=list)
    cache: dict[Any, Any] = field(default_factory=dict)

    def fetch(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        key = (sql, tuple(params))
        if key not in self.cache:
            cols, rows = self.engine.fetch(self.dataset, sql, params)
            self.cache[key] = [dict(zip(cols, r, strict=True)) for r in rows]
        return self.cache[key]

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)


def _iso(t: Any) -> str | None:
    if t is None:
        return None
    if isinstance(t, dt.datetime):
        return t.isoformat(sep=" ")
    return str(t)


def _parse_at(at: Any) -> dt.datetime:
    if not isinstance(at, str):
        raise M3AgentError(
            f"at must be an ISO date or time string like '2180-07-23 12:00', "
            f"found {type(at).__name__} {at!r}."
        )
    try:
        t = dt.datetime.fromisoformat(at.strip())
    except ValueError:
        raise M3AgentError(
            f"at must be an ISO date or time like '2180-07-23 12:00' or '2180-07-23', found {at!r}."
        ) from None
    return t.replace(tzinfo=None)


def _positive_id(name: str, value: Any, *, optional: bool) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise M3AgentError(f"{name} must be a positive integer, found {value!r}.")
    return value


def _check_owner(
    ctx_rows: list[dict[str, Any]],
    key: str,
    value: int,
    what: str,
    subject_id: int,
    engine: SQLEngine,
    dataset: str,
    table: str,
) -> dict[str, Any]:
    for row in ctx_rows:
        if row[key] == value:
            return row
    found = engine.fetch(dataset, f"SELECT subject_id FROM {table} WHERE {key} = ?", [value])[1]
    mine = ", ".join(str(r[key]) for r in ctx_rows[:8]) or "none"
    if found:
        raise M3AgentError(
            f"{what} {value} does not belong to patient {subject_id}.",
            hint=f"This patient's {what.lower()}s: {mine}.",
        )
    raise NotFoundError(
        f"No {what.lower()} with {key} {value} in {dataset!r}.",
        hint=f"This patient's {what.lower()}s: {mine}.",
    )


def _context(
    engine: SQLEngine,
    dataset: str,
    subject_id: int,
    hadm_id: int | None,
    stay_id: int | None,
    at: str | None,
    window: src.Window,
) -> _Ctx:
    spec = get_dataset(dataset)
    if "mimiciv_hosp" not in spec.schemas or "mimiciv_icu" not in spec.schemas:
        raise M3AgentError(
            f"calculate_for_patient works on MIMIC-IV datasets; {dataset!r} has another layout.",
            hint="Use mimic-iv-demo or mimic-iv.",
        )
    cols, rows = engine.fetch(
        dataset, f"SELECT * FROM {_HOSP}.patients WHERE subject_id = ?", [subject_id]
    )
    if not rows:
        sample = engine.fetch(
            dataset, f"SELECT subject_id FROM {_HOSP}.patients ORDER BY 1 LIMIT 3", []
        )[1]
        raise NotFoundError(
            f"No patient with subject_id {subject_id} in {dataset!r}.",
            hint="Existing ids look like " + ", ".join(str(x[0]) for x in sample) + ".",
        )
    patient = dict(zip(cols, rows[0], strict=True))
    c, r = engine.fetch(
        dataset,
        f"SELECT hadm_id, admittime, dischtime, admission_type, race "
        f"FROM {_HOSP}.admissions WHERE subject_id = ? ORDER BY "
        f"admittime",
        [subject_id],
    )
    admissions = [dict(zip(c, x, strict=True)) for x in r]
    c, r = engine.fetch(
        dataset,
        f"SELECT stay_id, hadm_id, intime, outtime, first_careunit "
        f"FROM {_ICU}.icustays WHERE subject_id = ? ORDER BY intime",
        [subject_id],
    )
    stays = [dict(zip(c, x, strict=True)) for x in r]

    hadm = stay = None
    if stay_id is not None:
        stay = _check_owner(
            stays, "stay_id", stay_id, "ICU stay", subject_id, engine, dataset, f"{_ICU}.icustays"
        )
    if hadm_id is not None:
        hadm = _check_owner(
            admissions,
            "hadm_id",
            hadm_id,
            "Admission",
            subject_id,
            engine,
            dataset,
            f"{_HOSP}.admissions",
        )
        if stay is not None and stay["hadm_id"] != hadm_id:
            raise M3AgentError(
                f"ICU stay {stay_id} belongs to admission {stay['hadm_id']}, "
                f"not to admission {hadm_id}.",
                hint="Pass the stay's own hadm_id, or only stay_id.",
            )
    elif stay is not None:
        hadm = next((a for a in admissions if a["hadm_id"] == stay["hadm_id"]), None)

    given = _parse_at(at) if at is not None else None
    no_stay_reason = None
    if window == "first_24h" and stay is None:
        # Scores of the first 24 h need a stay: the admission's first stay, else the
        # patient's latest stay started at or before 'at'.
        if hadm is not None:
            pool = [
                s
                for s in stays
                if s["hadm_id"] == hadm["hadm_id"] and (given is None or s["intime"] <= given)
            ][:1]
            where = f"in admission {hadm['hadm_id']}"
        else:
            pool = [s for s in stays if given is None or s["intime"] <= given][-1:]
            where = "for this patient"
        stay = pool[0] if pool else None
        if stay is None:
            no_stay_reason = f"no ICU stay {where}" + (
                f" started at or before {_iso(given)}" if given is not None else ""
            )
        elif hadm is None:
            hadm = next((a for a in admissions if a["hadm_id"] == stay["hadm_id"]), None)

    if given is not None:
        t, rule = given, "given"
    elif window == "first_24h" and stay is not None:
        t = stay["intime"] + dt.timedelta(hours=24)
        rule = f"end of the first 24 h of ICU stay {stay['stay_id']}"
    elif stay is not None:
        t, rule = stay["outtime"], f"end of ICU stay {stay['stay_id']} (outtime)"
    elif hadm is not None:
        t, rule = hadm["dischtime"], f"end of admission {hadm['hadm_id']} (dischtime)"
    elif admissions:
        t = max(a["dischtime"] for a in admissions if a["dischtime"] is not None)
        rule = "end of the patient's last admission (dischtime)"
    else:
        t = dt.datetime.fromisoformat(spec.now) if getattr(spec, "now", None) else dt.datetime.now()
        rule = "now for the dataset"
    if stay is not None and t < stay["intime"]:
        raise M3AgentError(
            f"at {_iso(t)} is before ICU stay {stay['stay_id']} began ({_iso(stay['intime'])}).",
            hint="Pass a later 'at' or omit it.",
        )
    if hadm is not None and t < hadm["admittime"]:
        raise M3AgentError(
            f"at {_iso(t)} is before admission {hadm['hadm_id']} began "
            f"({_iso(hadm['admittime'])}).",
            hint="Pass a later 'at' or omit it.",
        )
    if hadm is None:
        started = [a for a in admissions if a["admittime"] <= t]
        hadm = started[-1] if started else None

    ctx = _Ctx(
        engine=engine,
        dataset=dataset,
        subject_id=subject_id,
        patient=patient,
        admissions=admissions,
        stays=stays,
        at=t,
        at_rule=rule,
        hadm=hadm,
        stay=stay,
    )
    if window == "first_24h":
        if stay is None:
            ctx.window_reason = no_stay_reason or "no ICU stay"
        else:
            end = stay["intime"] + dt.timedelta(hours=24)
            if t < end:
                ctx.warn(
                    f"'at' ({_iso(t)}) falls inside the first 24 h of the stay: the window "
                    f"is cut at 'at'."
                )
                end = t
            ctx.window = (stay["intime"], end)
    return ctx


# --------------------------------------------------------------------------------------------
# Resolved values.
# --------------------------------------------------------------------------------------------


@dataclass
class _Found:
    value: Any
    rule: str
    evidence: list[Evidence] = field(default_factory=list)
    detail: str | None = None
    unit: str | None = None  # the unit ``value`` is in (feature unit)
    kind: str | None = None


@dataclass
class _Missing:
    looked_for: str
    reason: str


def _rule_text(ctx: _Ctx, pick: str, points: bool = False) -> str:
    if ctx.window is not None:
        w = (
            f"first 24 h of ICU stay {ctx.stay['stay_id']} ({_iso(ctx.window[0])} to "
            f"{_iso(ctx.window[1])})"
        )
        what = {
            "max": "highest",
            "min": "lowest",
            "worst": "most abnormal (most points)",
            "latest": "latest",
        }.get(pick, pick)
        return f"{what} in the {w}"
    return f"latest at or before {_iso(ctx.at)}"


def _bounds(ctx: _Ctx) -> tuple[dt.datetime | None, dt.datetime]:
    if ctx.window is not None:
        return ctx.window
    return None, ctx.at


# ---- measurements -----------------------------------------------------------------------


def _features_in(uses: Iterable[src.Use]) -> list[Any]:
    out: list[Any] = []
    for u in uses:
        out.append(u.feature)
        if isinstance(u.feature, src.AnyOf):
            out.extend(_features_in(u.feature.parts))
    return out


_GCS_ITEMS = (220739, 223900, 223901)
_GAS_ITEMS = (50821, 50818, 50816, 52033)


def _event_rows(ctx: _Ctx, table: str, itemids: tuple[int, ...]) -> list[dict[str, Any]]:
    """All rows of ``itemids`` for the patient in the time bounds, newest first (cached)."""
    start, end = _bounds(ctx)
    full = f"{_HOSP}.labevents" if table == "labevents" else f"{_ICU}.chartevents"
    extra = ", specimen_id, ref_range_upper, value" if table == "labevents" else ", stay_id"
    # Two rows of one item can share a charttime (397 such pairs in the demo's labevents, 421
    # in chartevents): the one stored last is taken as the latest (a correction is stored after
    # the value it corrects), then a fixed order, so a call never depends on the scan order.
    ties = (
        "storetime DESC NULLS LAST, labevent_id DESC"
        if table == "labevents"
        else "storetime DESC NULLS LAST, valuenum DESC NULLS LAST"
    )
    marks = ", ".join("?" * len(itemids))
    # Specimen type (52033) is text only: kept for the blood gases' arterial filter.
    where = (
        f"subject_id = ? AND itemid IN ({marks}) AND (valuenum IS NOT NULL OR itemid = "
        f"52033) AND charttime <= ?"
    )
    params: list[Any] = [ctx.subject_id, *itemids, end]
    if start is not None:
        where += " AND charttime >= ?"
        params.append(start)
        cap = ""
    else:
        # The latest value needs only the newest rows of each item (a few spare for rows
        # skipped as implausible).
        cap = (
            " QUALIFY row_number() OVER (PARTITION BY itemid ORDER BY charttime DESC, "
            f"{ties}) <= 50"
        )
    sql = (
        f"SELECT itemid, charttime, valuenum, valueuom, hadm_id{extra} FROM {full} "
        f"WHERE {where}{cap} ORDER BY charttime DESC, itemid, {ties}"
    )
    return ctx.fetch(sql, params)


def _prefetch(ctx: _Ctx, features: list[Any]) -> None:
    """Fetch the lab and chart rows of every measurement, GCS and blood gas of a calculator in
    one query per table (each query scans the patient's rows of a large table once)."""
    by_table: dict[str, set[int]] = {}
    for f in features:
        if isinstance(f, src.Measure):
            by_table.setdefault(f.table, set()).update(f.items)
            if f.specimen:
                by_table["labevents"].add(52033)
        elif isinstance(f, src.Gcs):
            by_table.setdefault("chartevents", set()).update(_GCS_ITEMS)
        elif isinstance(f, src.BloodGas):
            by_table.setdefault("labevents", set()).update(_GAS_ITEMS)
    for table, ids in by_table.items():
        rows = _event_rows(ctx, table, tuple(sorted(ids)))
        ctx.cache[("events", table)] = rows
        ctx.cache[("event_ids", table)] = frozenset(ids)


def _cached_rows(ctx: _Ctx, table: str, ids: Iterable[int]) -> list[dict[str, Any]] | None:
    """The prefetched rows of ``ids`` (newest first), or None when they were not prefetched."""
    want = set(ids)
    if not want <= ctx.cache.get(("event_ids", table), frozenset()):
        return None
    return [r for r in ctx.cache[("events", table)] if r["itemid"] in want]


def _specimen_types(ctx: _Ctx) -> dict[int, str]:
    cached = _cached_rows(ctx, "labevents", (52033,))
    if cached is not None:
        return {r["specimen_id"]: str(r["value"]) for r in cached}
    start, end = _bounds(ctx)
    sql = (
        f"SELECT specimen_id, value FROM {_HOSP}.labevents WHERE subject_id = ? AND "
        f"itemid = 52033 AND charttime <= ?"
    )
    params: list[Any] = [ctx.subject_id, end]
    if start is not None:
        sql += " AND charttime >= ?"
        params.append(start)
    return {r["specimen_id"]: str(r["value"]) for r in ctx.fetch(sql, params)}


def _unit_of(raw_unit: str | None, fallback: str | None) -> str | None:
    u = raw_unit if raw_unit not in (None, "") else fallback
    if u is None:
        return None
    return _UNIT_ALIASES.get(u.strip().lower(), u)


def _convert(
    value: float, from_unit: str | None, to_unit: str | None, kind: str | None, name: str
) -> float:
    if kind is None or to_unit is None:
        return float(value)
    return units.convert(value, from_unit or to_unit, to_unit, kind=kind, field=name)


def _measure_values(ctx: _Ctx, m: src.Measure) -> list[tuple[float, dict[str, Any]]]:
    """Valid, converted values of ``m`` in the bounds, newest first, with their rows."""
    rows = _cached_rows(ctx, m.table, m.items)
    if rows is None:
        _prefetch(ctx, [m])
        rows = ctx.cache[("events", m.table)]
    specimens = _specimen_types(ctx) if m.specimen else {}
    out: list[tuple[float, dict[str, Any]]] = []
    skipped = 0
    for row in rows:
        iid = row["itemid"]
        if iid not in m.items:
            continue
        raw = row["valuenum"]
        lo, hi = m.valid.get(iid, (float("-inf"), float("inf")))
        if not lo < raw < hi:
            skipped += 1
            continue
        if m.specimen and specimens.get(row.get("specimen_id")) != m.specimen:
            continue
        try:
            value = _convert(raw, _unit_of(row["valueuom"], m.items[iid]), m.unit, m.kind, m.name)
        except units.UnitError:
            ctx.warn(
                f"{m.label}: a row with unit {row['valueuom']!r} (itemid {iid}) could not "
                f"be converted to {m.unit} and was skipped."
            )
            continue
        out.append((value, row))
    if m.omr and ctx.window is None:
        out = sorted(out + _omr_values(ctx, m), key=lambda v: v[1]["charttime"], reverse=True)
    if skipped:
        ctx.warn(
            f"{m.label}: {skipped} implausible value(s) skipped (outside the plausible "
            f"range of the item)."
        )
    return out


def _omr_values(ctx: _Ctx, m: src.Measure) -> list[tuple[float, dict[str, Any]]]:
    """Outpatient readings (omr, a date and text like ``120/80``) of ``m``, newest first."""
    assert m.omr is not None
    name, part = m.omr
    rows = ctx.fetch(
        f"SELECT chartdate, seq_num, result_value FROM {_HOSP}.omr WHERE subject_id = ? AND "
        f"result_name = ? AND chartdate <= CAST(? AS DATE) ORDER BY chartdate DESC, seq_num "
        f"DESC LIMIT 20",
        [ctx.subject_id, name, ctx.at],
    )
    lo, hi = next(iter(m.valid.values()))
    out = []
    for r in rows:
        pieces = str(r["result_value"]).split("/")
        try:
            v = float(pieces[part])
        except (IndexError, ValueError):
            continue
        if lo < v < hi:
            when = dt.datetime.combine(r["chartdate"], dt.time())
            out.append(
                (
                    v,
                    {
                        "itemid": None,
                        "charttime": when,
                        "valuenum": v,
                        "valueuom": "mmHg",
                        "omr": name,
                        "raw": r["result_value"],
                    },
                )
            )
    return out


def _lab_evidence(ctx: _Ctx, m: src.Measure, value: float, row: dict[str, Any]) -> Evidence:
    if row.get("omr"):
        return Evidence(
            table=f"{_HOSP}.omr",
            label=row["omr"],
            charttime=str(row["charttime"].date()),
            raw_value=row["raw"],
            raw_unit="mmHg",
            value=value,
            unit=m.unit,
        )
    table = f"{_HOSP}.labevents" if m.table == "labevents" else f"{_ICU}.chartevents"
    return Evidence(
        table=table,
        itemid=row["itemid"],
        label=m.label,
        hadm_id=row.get("hadm_id"),
        charttime=_iso(row["charttime"]),
        raw_value=row["valuenum"],
        raw_unit=row["valueuom"] or m.items[row["itemid"]],
        value=value,
        unit=m.unit,
    )


def _resolve_measure(ctx: _Ctx, use: src.Use) -> _Found | _Missing:
    m: src.Measure = use.feature
    table = f"{_HOSP}.labevents" if m.table == "labevents" else f"{_ICU}.chartevents"
    ids = ", ".join(str(i) for i in m.items)
    looked = f"{table} itemid {ids} ({m.label}), {_rule_text(ctx, use.pick)}"
    if m.omr and ctx.window is None:
        looked += f", and {_HOSP}.omr '{m.omr[0]}'"
    limit = use.max_age_hours or m.max_age_hours
    if limit is not None and ctx.window is None:
        looked += f", no older than {limit:g} h"
    if ctx.window is None and ctx.window_reason:
        return _Missing(looked, ctx.window_reason)
    values = _measure_values(ctx, m)
    if not values:
        return _Missing(
            looked, "no value recorded" + (" for an arterial specimen" if m.specimen else "")
        )
    if ctx.window is None or use.pick == "latest":
        value, row = values[0]
    elif use.pick == "max":
        value, row = max(reversed(values), key=lambda v: v[0])
    elif use.pick == "min":
        value, row = min(reversed(values), key=lambda v: v[0])
    else:  # worst: the value scoring most points; the earliest on ties
        assert use.points is not None
        value, row = max(reversed(values), key=lambda v: use.points(v[0]))
    if ctx.window is None:
        age_h = (ctx.at - row["charttime"]).total_seconds() / 3600
        limit = use.max_age_hours or m.max_age_hours
        if limit is not None and age_h > limit:
            return _Missing(
                looked,
                f"the latest value ({_iso(row['charttime'])}) is "
                f"{age_h / 24:.1f} days before 'at', over the {limit:g} h "
                f"this rule accepts; pass a stay_id or 'at' near it, or an "
                f"override",
            )
        if age_h > m.stale_hours:
            ctx.warn(
                f"{m.label} is from {_iso(row['charttime'])}, {age_h / 24:.1f} days before 'at'."
            )
    detail = None
    if ctx.window is not None and use.pick != "latest":
        detail = f"chosen among {len(values)} value(s) in the window"
    return _Found(
        value=value,
        rule=_rule_text(ctx, use.pick),
        unit=m.unit,
        kind=m.kind,
        evidence=[_lab_evidence(ctx, m, value, row)],
        detail=detail,
    )


# ---- demographics, weight and height ------------------------------------------------------


def _resolve_demographic(ctx: _Ctx, f: src.Demographic) -> _Found | _Missing:
    p = ctx.patient
    table = f"{_HOSP}.patients"
    if f.name == "age":
        age = int(p["anchor_age"]) + (ctx.at.year - int(p["anchor_year"]))
        if int(p["anchor_age"]) >= 89:
            ctx.warn("MIMIC-IV caps ages: anchor_age 91 stands for any age over 89.")
        return _Found(
            age,
            f"anchor_age + (year of 'at' {ctx.at.year} − anchor_year)",
            unit="years",
            kind="age",
            evidence=[
                Evidence(
                    table=table,
                    label=f"anchor_age (anchor_year {p['anchor_year']})",
                    raw_value=p["anchor_age"],
                    raw_unit="years",
                    value=age,
                    unit="years",
                )
            ],
        )
    if f.name == "sex":
        g = str(p.get("gender") or "").upper()
        if g not in ("M", "F"):
            return _Missing(f"{table}.gender", f"gender is {p.get('gender')!r}")
        sex = "male" if g == "M" else "female"
        return _Found(
            sex,
            "patients.gender",
            evidence=[Evidence(table=table, label="gender", raw_value=p["gender"], value=sex)],
        )
    adm = ctx.hadm
    looked = f"{_HOSP}.admissions.race of the admission at 'at'"
    if adm is None:
        return _Missing(looked, "no admission started at or before 'at'")
    race = str(adm.get("race") or "")
    if race.upper() in ("", "UNKNOWN", "UNABLE TO OBTAIN", "PATIENT DECLINED TO ANSWER"):
        return _Missing(looked, f"race is {race!r}")
    black = race.upper().startswith("BLACK")
    return _Found(
        black,
        "admissions.race starts with BLACK",
        evidence=[
            Evidence(
                table=f"{_HOSP}.admissions",
                label="race",
                hadm_id=adm["hadm_id"],
                raw_value=race,
                value=str(black),
            )
        ],
    )


# Itemid → (label, unit, preference among rows charted at the same time: higher wins; omr 0).
_WEIGHT_ITEMS = {
    224639: ("Daily Weight", "kg", 3),
    226512: ("Admission Weight (Kg)", "kg", 2),
    226531: ("Admission Weight (lbs.)", "lb", 1),
}
_HEIGHT_ITEMS = {226730: ("Height (cm)", "cm", 2), 226707: ("Height", "in", 1)}
# Plausibility bounds (adults: MIMIC-IV admits patients aged 18 or more) that drop zero and
# placeholder entries.
_SIZE_BOUNDS = {"weight": (20.0, 400.0), "height": (100.0, 250.0)}


def _resolve_body_size(ctx: _Ctx, f: src.BodySize) -> _Found | _Missing:
    items = _WEIGHT_ITEMS if f.name == "weight" else _HEIGHT_ITEMS
    unit, kind = ("kg", "weight") if f.name == "weight" else ("cm", "height")
    omr_name = "Weight (Lbs)" if f.name == "weight" else "Height (Inches)"
    omr_unit = "lb" if f.name == "weight" else "in"
    end = ctx.window[1] if ctx.window else ctx.at
    ids = tuple(items)
    chart = ctx.fetch(
        f"SELECT itemid, charttime, valuenum, valueuom, hadm_id FROM {_ICU}.chartevents WHERE "
        f"subject_id = ? AND itemid IN ({', '.join('?' * len(ids))}) AND charttime <= ? AND "
        f"valuenum > 0 ORDER BY charttime DESC LIMIT 50",
        [ctx.subject_id, *ids, end],
    )
    omr = ctx.fetch(
        f"SELECT chartdate, seq_num, result_value FROM {_HOSP}.omr WHERE subject_id = ? AND "
        f"result_name = ? AND chartdate <= CAST(? AS DATE) ORDER BY chartdate DESC, seq_num "
        f"DESC LIMIT 50",
        [ctx.subject_id, omr_name, end],
    )
    cands: list[tuple[dt.datetime, int, float, Evidence]] = []
    lo, hi = _SIZE_BOUNDS[f.name]
    for r in chart:
        label, item_unit, preference = items[r["itemid"]]
        v = units.convert(r["valuenum"], item_unit, unit, kind=kind, field=f.name)
        if lo <= v <= hi:
            cands.append(
                (
                    r["charttime"],
                    preference,
                    v,
                    Evidence(
                        table=f"{_ICU}.chartevents",
                        itemid=r["itemid"],
                        label=label,
                        hadm_id=r["hadm_id"],
                        charttime=_iso(r["charttime"]),
                        raw_value=r["valuenum"],
                        raw_unit=r["valueuom"] or item_unit,
                        value=round(v, 3),
                        unit=unit,
                    ),
                )
            )
    for r in omr:
        try:
            raw = float(str(r["result_value"]).strip())
        except ValueError:
            continue
        v = units.convert(raw, omr_unit, unit, kind=kind, field=f.name)
        when = dt.datetime.combine(r["chartdate"], dt.time())
        if lo <= v <= hi:
            cands.append(
                (
                    when,
                    0,
                    v,
                    Evidence(
                        table=f"{_HOSP}.omr",
                        label=omr_name,
                        charttime=str(r["chartdate"]),
                        raw_value=r["result_value"],
                        raw_unit=omr_unit,
                        value=round(v, 3),
                        unit=unit,
                    ),
                )
            )
    looked = (
        f"{_ICU}.chartevents itemid {', '.join(str(i) for i in ids)} and {_HOSP}.omr "
        f"'{omr_name}', latest at or before {_iso(end)}"
    )
    if not cands:
        return _Missing(looked, "no plausible value recorded")
    when, _, value, ev = max(cands, key=lambda c: (c[0], c[1]))
    if f.name == "weight" and (end - when).days > 30:
        ctx.warn(f"The latest weight is from {ev.charttime}, {(end - when).days} days before 'at'.")
    return _Found(
        value,
        f"latest at or before {_iso(end)} (chartevents or omr)",
        unit=unit,
        kind=kind,
        evidence=[ev],
    )


# ---- ICD-coded conditions -----------------------------------------------------------------


def _diagnoses(ctx: _Ctx) -> list[dict[str, Any]]:
    return ctx.fetch(
        f"SELECT d.hadm_id, d.icd_code, d.icd_version, t.long_title, a.admittime FROM "
        f"{_HOSP}.diagnoses_icd d JOIN {_HOSP}.admissions a USING (hadm_id) LEFT JOIN "
        f"{_HOSP}.d_icd_diagnoses t USING (icd_code, icd_version) WHERE d.subject_id = ? AND "
        f"a.admittime <= ? ORDER BY a.admittime, d.seq_num",
        [ctx.subject_id, ctx.at],
    )


def _procedures(ctx: _Ctx) -> list[dict[str, Any]]:
    return ctx.fetch(
        f"SELECT p.hadm_id, p.icd_code, p.icd_version, p.chartdate, t.long_title FROM "
        f"{_HOSP}.procedures_icd p JOIN {_HOSP}.admissions a USING (hadm_id) LEFT JOIN "
        f"{_HOSP}.d_icd_procedures t USING (icd_code, icd_version) WHERE p.subject_id = ? AND "
        f"a.admittime <= ? AND p.chartdate <= CAST(? AS DATE) ORDER BY p.chartdate",
        [ctx.subject_id, ctx.at, ctx.at],
    )


def _matches(code: str, version: int, icd9: tuple[str, ...], icd10: tuple[str, ...]) -> bool:
    prefixes = icd9 if int(version) == 9 else icd10
    return any(code.startswith(p) for p in prefixes)


def _resolve_condition(ctx: _Ctx, c: src.Condition) -> _Found | _Missing:
    if c.scope == "admission":
        scope_text = (
            f"ICD codes of admission {ctx.hadm['hadm_id']}"
            if ctx.hadm
            else "ICD codes of the current admission"
        )
        if ctx.hadm is None:
            return _Missing(scope_text, "no admission started at or before 'at'")
        keep = {ctx.hadm["hadm_id"]}
    else:
        scope_text = f"ICD codes of every admission started at or before {_iso(ctx.at)}"
        keep = None
    dx = [r for r in _diagnoses(ctx) if keep is None or r["hadm_id"] in keep]
    coded = {r["hadm_id"] for r in dx}
    looked = f"{_HOSP}.diagnoses_icd: {scope_text} ({c.label}; {c.source})"
    if not coded:
        return _Missing(looked, "no coded diagnoses in that scope")
    hits = [
        Evidence(
            table=f"{_HOSP}.diagnoses_icd",
            code=r["icd_code"],
            icd_version=int(r["icd_version"]),
            label=r["long_title"],
            hadm_id=r["hadm_id"],
            charttime=_iso(r["admittime"]),
        )
        for r in dx
        if _matches(r["icd_code"], r["icd_version"], c.icd9, c.icd10)
    ]
    if c.procedures9 or c.procedures10:
        px = [r for r in _procedures(ctx) if keep is None or r["hadm_id"] in keep]
        hits += [
            Evidence(
                table=f"{_HOSP}.procedures_icd",
                code=r["icd_code"],
                icd_version=int(r["icd_version"]),
                label=r["long_title"],
                hadm_id=r["hadm_id"],
                charttime=_iso(r["chartdate"]),
            )
            for r in px
            if _matches(r["icd_code"], r["icd_version"], c.procedures9, c.procedures10)
        ]
    seen: set[tuple[str, int | None]] = set()
    unique = []
    for h in hits:
        if (h.code or "", h.hadm_id) not in seen:
            seen.add((h.code or "", h.hadm_id))
            unique.append(h)
    detail = (
        f"{len(unique)} matching code(s)"
        if unique
        else f"no matching code among {len(dx)} code(s) of {len(coded)} admission(s); "
        f"absent when not coded"
    )
    return _Found(bool(unique), f"{scope_text}: {c.label}", evidence=unique, detail=detail)


def _resolve_graded(ctx: _Ctx, g: src.Graded) -> _Found | _Missing:
    evidence: list[Evidence] = []
    for level, cond in g.levels:
        r = _resolve_condition(ctx, cond)
        if isinstance(r, _Missing):
            return r
        if r.value:
            return _Found(
                level, r.rule, evidence=r.evidence, detail=f"'{level}': {cond.label} coded"
            )
        evidence += r.evidence
    names = ", ".join(c.label for _, c in g.levels)
    return _Found(
        g.otherwise,
        "ICD codes (" + names + ")",
        evidence=evidence,
        detail=f"none of {names} coded: '{g.otherwise}'",
    )


# ---- GCS, blood gases, infusions, procedures ----------------------------------------------


def _gcs_sets(ctx: _Ctx) -> list[dict[str, Any]]:
    cached = _cached_rows(ctx, "chartevents", _GCS_ITEMS)
    if cached is not None:
        by_time: dict[Any, dict[str, Any]] = {}
        for r in cached:  # newest first: the dict keeps that order
            g = by_time.setdefault(
                r["charttime"],
                {
                    "charttime": r["charttime"],
                    "eye": None,
                    "verbal": None,
                    "motor": None,
                    "hadm_id": r["hadm_id"],
                },
            )
            part = {220739: "eye", 223900: "verbal", 223901: "motor"}[r["itemid"]]
            g[part] = r["valuenum"] if g[part] is None else max(g[part], r["valuenum"])
        return _complete_gcs(ctx, list(by_time.values()))
    start, end = _bounds(ctx)
    sql = (
        f"SELECT charttime, max(CASE WHEN itemid = 220739 THEN valuenum END) AS eye, "
        f"max(CASE WHEN itemid = 223900 THEN valuenum END) AS verbal, "
        f"max(CASE WHEN itemid = 223901 THEN valuenum END) AS motor, "
        f"max(hadm_id) AS hadm_id FROM {_ICU}.chartevents WHERE subject_id = ? AND itemid IN "
        f"(220739, 223900, 223901) AND charttime <= ?"
    )
    params: list[Any] = [ctx.subject_id, end]
    if start is not None:
        sql += " AND charttime >= ?"
        params.append(start)
    sql += " GROUP BY charttime ORDER BY charttime DESC"
    return _complete_gcs(ctx, ctx.fetch(sql, params))


def _complete_gcs(ctx: _Ctx, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out, skipped = [], 0
    for r in rows:
        e, v, m = r["eye"], r["verbal"], r["motor"]
        if e is None or v is None or m is None:
            continue
        if not (1 <= e <= 4 and 1 <= v <= 5 and 1 <= m <= 6):
            skipped += 1  # e.g. verbal 'No Response-ETT' (intubated): no valid total
            continue
        out.append(
            {
                "charttime": r["charttime"],
                "hadm_id": r["hadm_id"],
                "eye": int(e),
                "verbal": int(v),
                "motor": int(m),
                "total": int(e + v + m),
            }
        )
    if skipped:
        ctx.warn(
            f"GCS: {skipped} charting(s) without a scorable component (e.g. verbal "
            f"'No Response-ETT') skipped."
        )
    return out


def _resolve_gcs(ctx: _Ctx, use: src.Use) -> _Found | _Missing:
    looked = (
        f"{_ICU}.chartevents itemid 220739, 223900, 223901 (GCS eye, verbal, motor "
        f"charted together), {_rule_text(ctx, use.pick)}"
    )
    if ctx.window is None and ctx.window_reason:
        return _Missing(looked, ctx.window_reason)
    sets = _gcs_sets(ctx)
    if not sets:
        return _Missing(looked, "no complete GCS charting")
    if ctx.window is not None and use.pick == "min":
        chosen = min(reversed(sets), key=lambda s: s["total"])
    else:
        chosen = sets[0]
    t = _iso(chosen["charttime"])
    ev = [
        Evidence(
            table=f"{_ICU}.chartevents",
            itemid=i,
            label=lab,
            hadm_id=chosen["hadm_id"],
            charttime=t,
            raw_value=chosen[k],
            value=chosen[k],
        )
        for i, lab, k in (
            (220739, "GCS - Eye Opening", "eye"),
            (223900, "GCS - Verbal Response", "verbal"),
            (223901, "GCS - Motor Response", "motor"),
        )
    ]
    value: Any = chosen if use.part is None else chosen[use.part]
    detail = (
        f"eye {chosen['eye']} + verbal {chosen['verbal']} + motor {chosen['motor']} = "
        f"{chosen['total']}"
    )
    if ctx.window is None:
        age_h = (ctx.at - chosen["charttime"]).total_seconds() / 3600
        if age_h > src.VITALS_MAX_AGE_HOURS:
            return _Missing(
                looked,
                f"the latest GCS ({t}) is {age_h / 24:.1f} days before "
                f"'at', over the {src.VITALS_MAX_AGE_HOURS:g} h this rule "
                f"accepts; pass a stay_id or 'at' near it, or an override",
            )
    return _Found(value, _rule_text(ctx, use.pick), evidence=ev, detail=detail)


def _clean_fio2(v: float | None) -> float | None:
    # mimic-code bg.sql: fractions 0.2-1 are rescaled to percent; values 1-20 are oxygen
    # flows entered by mistake and dropped; 20-100 are percent.
    if v is None:
        return None
    if 0.2 < v <= 1:
        return v * 100
    if 20 <= v <= 100:
        return v
    return None


def _ventilation(ctx: _Ctx, start: dt.datetime, end: dt.datetime) -> list[dict[str, Any]]:
    return ctx.fetch(
        f"SELECT itemid, starttime, endtime FROM {_ICU}.procedureevents WHERE subject_id = ? "
        f"AND itemid IN (225792, 225794) AND starttime <= ? AND endtime >= ? ORDER BY starttime",
        [ctx.subject_id, end, start],
    )


def _vent_at(vents: list[dict[str, Any]], t: dt.datetime) -> dict[str, Any] | None:
    return next((v for v in vents if v["starttime"] <= t <= v["endtime"]), None)


def _gases(ctx: _Ctx) -> list[dict[str, Any]]:
    """Arterial gases in the bounds with PaO2 and a FiO2, newest first (cached)."""
    key = ("gases",)
    if key in ctx.cache:
        return ctx.cache[key]
    rows = _cached_rows(ctx, "labevents", _GAS_ITEMS)
    if rows is None:
        start, end = _bounds(ctx)
        sql = (
            f"SELECT specimen_id, itemid, charttime, valuenum, value, hadm_id FROM "
            f"{_HOSP}.labevents WHERE subject_id = ? AND itemid IN (50821, 50818, 50816, "
            f"52033) AND charttime <= ?"
        )
        params: list[Any] = [ctx.subject_id, end]
        if start is not None:
            sql += " AND charttime >= ?"
            params.append(start)
        rows = ctx.fetch(sql, params)
    by_spec: dict[int, dict[str, Any]] = {}
    for r in rows:
        g = by_spec.setdefault(
            r["specimen_id"],
            {"charttime": r["charttime"], "hadm_id": r["hadm_id"], "specimen_id": r["specimen_id"]},
        )
        name = {50821: "pao2", 50818: "paco2", 50816: "fio2_lab", 52033: "specimen"}[r["itemid"]]
        g[name] = r["value"] if name == "specimen" else r["valuenum"]
    gases = [
        g for g in by_spec.values() if g.get("specimen") == "ART." and g.get("pao2") is not None
    ]
    if gases:
        first = min(g["charttime"] for g in gases)
        last = max(g["charttime"] for g in gases)
        fio2_chart = ctx.fetch(
            f"SELECT charttime, valuenum FROM {_ICU}.chartevents WHERE subject_id = ? AND "
            f"itemid = 223835 AND charttime >= ? AND charttime <= ? AND valuenum IS NOT NULL "
            f"ORDER BY charttime DESC",
            [ctx.subject_id, first - dt.timedelta(hours=4), last],
        )
        vents = _ventilation(ctx, first, last)
    else:
        fio2_chart, vents = [], []
    out = []
    for g in gases:
        t = g["charttime"]
        fio2 = _clean_fio2(g.get("fio2_lab"))
        g["fio2_source"] = "labevents 50816 (same specimen)" if fio2 is not None else None
        if fio2 is None:
            near = next(
                (
                    c
                    for c in fio2_chart
                    if t - dt.timedelta(hours=4) <= c["charttime"] <= t
                    and _clean_fio2(c["valuenum"]) is not None
                ),
                None,
            )
            if near is not None:
                fio2 = _clean_fio2(near["valuenum"])
                g["fio2_source"] = f"chartevents 223835 at {_iso(near['charttime'])}"
                g["fio2_time"] = near["charttime"]
                g["fio2_raw"] = near["valuenum"]
        if fio2 is None:
            continue
        g["fio2"] = fio2 / 100
        g["ratio"] = g["pao2"] / g["fio2"]
        vent = _vent_at(vents, t)
        g["ventilated"] = vent is not None
        g["vent"] = vent
        paco2 = g.get("paco2")
        # Alveolar gas equation at sea level: PAO2 = FiO2 × (760 − 47) − PaCO2 / 0.8.
        g["aa_gradient"] = (
            g["fio2"] * (760 - 47) - paco2 / 0.8 - g["pao2"] if paco2 is not None else None
        )
        if g["aa_gradient"] is not None and g["aa_gradient"] < 0:
            # PaO2 above the alveolar PO2 of the paired FiO2: the gas was not drawn at that
            # FiO2, so the pair (and its PaO2/FiO2) is not used.
            ctx.warn(
                f"Blood gas at {_iso(t)} skipped: PaO2 {g['pao2']:g} mmHg exceeds the "
                f"alveolar PO2 of the paired FiO2 {g['fio2']:.2f} ({g['fio2_source']})."
            )
            continue
        out.append(g)
    out.sort(key=lambda g: g["charttime"], reverse=True)
    ctx.cache[key] = out
    return out


def _apache_oxygen(g: dict[str, Any]) -> int:
    if g["fio2"] >= 0.5 and g["aa_gradient"] is None:
        return -1  # cannot be scored without PaCO2
    ns = SimpleNamespace(fio2=g["fio2"], pao2=g["pao2"], aa_gradient=g["aa_gradient"])
    return int(src.apache_oxygen_points(ns)[2])


def _resolve_gas(ctx: _Ctx, use: src.Use) -> _Found | _Missing:
    f: src.BloodGas = use.feature
    looked = (
        f"{_HOSP}.labevents itemid 50821 PaO2 (specimen 52033 ART.) with FiO2 from 50816 "
        f"or chartevents 223835 in the 4 h before, {_rule_text(ctx, 'worst')}"
    )
    if ctx.window is None and ctx.window_reason:
        return _Missing(looked, ctx.window_reason)
    gases = _gases(ctx)
    if not gases:
        return _Missing(looked, "no arterial blood gas with a known FiO2")
    if ctx.window is None or f.purpose == "latest":
        g = gases[0]
    elif f.purpose == "sofa":
        g = max(
            reversed(gases),
            key=lambda x: (src.sofa_respiration_points(x["ratio"], x["ventilated"]), -x["ratio"]),
        )
    else:
        scored = [x for x in gases if _apache_oxygen(x) >= 0]
        if not scored:
            return _Missing(looked, "FiO2 ≥ 0.5 but no PaCO2 on the gas for the A-a gradient")
        g = max(reversed(scored), key=_apache_oxygen)
    part = use.part or "pao2"
    value = g.get(part)
    if part == "aa_gradient" and g["fio2"] < 0.5:
        return _Found(
            None,
            _rule_text(ctx, "worst"),
            detail="not scored when FiO2 < 0.5 (APACHE II scores the PaO2 then)",
        )
    if value is None:
        return _Missing(looked, f"the chosen gas has no {part}")
    t = _iso(g["charttime"])
    if ctx.window is None:
        # A blood gas describes the moment it was drawn, like a vital sign: say so when the
        # latest one is older than the vitals' limit, so an old gas is not read as today's.
        age_h = (ctx.at - g["charttime"]).total_seconds() / 3600
        if age_h > src.VITALS_MAX_AGE_HOURS:
            ctx.warn(
                f"The blood gas is from {t}, {age_h / 24:.1f} days before 'at' (over "
                f"{src.VITALS_MAX_AGE_HOURS:g} h); pass 'at' near a gas to use a current one."
            )

    def gas(itemid: int, label: str, key: str) -> Evidence:
        return Evidence(
            table=f"{_HOSP}.labevents",
            itemid=itemid,
            label=label,
            hadm_id=g["hadm_id"],
            charttime=t,
            raw_value=g[key],
            raw_unit="mm Hg",
            value=g[key],
            unit="mmHg",
        )

    ev = [gas(50821, "pO2 (arterial)", "pao2")]
    if g.get("paco2") is not None:
        ev.append(gas(50818, "pCO2 (arterial)", "paco2"))
    if g.get("fio2_time") is not None:
        ev.append(
            Evidence(
                table=f"{_ICU}.chartevents",
                itemid=223835,
                label="Inspired O2 Fraction",
                charttime=_iso(g["fio2_time"]),
                raw_value=g["fio2_raw"],
                raw_unit="%",
                value=g["fio2"],
                unit="fraction",
            )
        )
    else:
        ev.append(
            Evidence(
                table=f"{_HOSP}.labevents",
                itemid=50816,
                label="Oxygen (FiO2)",
                charttime=t,
                raw_value=g["fio2_lab"],
                raw_unit="%",
                value=g["fio2"],
                unit="fraction",
            )
        )
    if g["vent"] is not None:
        v = g["vent"]
        ev.append(
            Evidence(
                table=f"{_ICU}.procedureevents",
                itemid=v["itemid"],
                label="Invasive Ventilation"
                if v["itemid"] == 225792
                else "Non-invasive Ventilation",
                charttime=_iso(v["starttime"]),
                raw_value=f"until {_iso(v['endtime'])}",
            )
        )
    if part == "ventilated":
        ev = ev[-1:] + ev[:-1] if g["vent"] is not None else ev
    elif part == "fio2":
        ev = [e for e in ev if e.itemid in (223835, 50816)] + [
            e for e in ev if e.itemid not in (223835, 50816)
        ]
    elif part == "paco2":  # the PaCO2 row is the main evidence of a PaCO2 input
        ev = [e for e in ev if e.itemid == 50818] + [e for e in ev if e.itemid != 50818]
    aa = g["aa_gradient"]
    detail = (
        f"gas at {t}: PaO2 {g['pao2']:g} mmHg, FiO2 {g['fio2']:.2f} "
        f"({g['fio2_source']}), PaO2/FiO2 {g['ratio']:.0f}"
        + (f", A-a gradient {aa:.0f} mmHg" if aa is not None else "")
        + (", on ventilation" if g["ventilated"] else ", not on ventilation")
    )
    unit = {"pao2": "mmHg", "paco2": "mmHg", "aa_gradient": "mmHg", "fio2": "fraction"}.get(part)
    kind = {"pao2": "pressure", "paco2": "pressure", "aa_gradient": "pressure", "fio2": "fio2"}.get(
        part
    )
    return _Found(
        value,
        _rule_text(ctx, "worst")
        if ctx.window
        else f"latest arterial gas with a FiO2 at or before {_iso(ctx.at)}",
        evidence=ev,
        detail=detail,
        unit=unit,
        kind=kind,
    )


def _resolve_vasopressor(ctx: _Ctx, f: src.Vasopressor) -> _Found | _Missing:
    looked = f"{_ICU}.inputevents itemid {f.itemid} ({f.name}), {_rule_text(ctx, 'max')}"
    if ctx.window is None:
        return _Missing(looked, ctx.window_reason or "needs an ICU stay window")
    start, end = ctx.window
    rows = ctx.fetch(
        f"SELECT itemid, starttime, endtime, rate, rateuom, hadm_id FROM {_ICU}.inputevents "
        f"WHERE subject_id = ? AND itemid IN ({', '.join('?' * len(_VASO_ITEMS))}) AND "
        f"starttime <= ? AND endtime >= ? AND rate IS NOT NULL ORDER BY starttime",
        [ctx.subject_id, *_VASO_ITEMS, end, start],
    )
    best: tuple[float, dict[str, Any]] | None = None
    for r in rows:
        if r["itemid"] != f.itemid:
            continue
        try:
            rate = units.convert(
                r["rate"], r["rateuom"] or "mcg/kg/min", "mcg/kg/min", kind="infusion", field=f.name
            )
        except units.UnitError:
            ctx.warn(
                f"{f.name}: a rate in {r['rateuom']!r} could not be converted and was skipped."
            )
            continue
        if best is None or rate > best[0]:
            best = (rate, r)
    rule = _rule_text(ctx, "max")
    if best is None:
        return _Found(
            0.0,
            rule,
            unit="mcg/kg/min",
            kind="infusion",
            detail="no infusion recorded in the window: 0",
        )
    rate, r = best
    return _Found(
        rate,
        rule,
        unit="mcg/kg/min",
        kind="infusion",
        evidence=[
            Evidence(
                table=f"{_ICU}.inputevents",
                itemid=r["itemid"],
                label=f.name.capitalize(),
                hadm_id=r["hadm_id"],
                charttime=_iso(r["starttime"]),
                raw_value=r["rate"],
                raw_unit=r["rateuom"],
                value=rate,
                unit="mcg/kg/min",
            )
        ],
    )


def _resolve_urine(ctx: _Ctx) -> _Found | _Missing:
    looked = f"{_ICU}.outputevents urine itemids summed over the first 24 h of the ICU stay"
    if ctx.window is None:
        return _Missing(looked, ctx.window_reason or "needs an ICU stay window")
    start, end = ctx.window
    rows = ctx.fetch(
        f"SELECT itemid, charttime, value, valueuom FROM {_ICU}.outputevents WHERE subject_id "
        f"= ? AND itemid IN ({', '.join('?' * len(_URINE_ITEMS))}) AND charttime > ? AND "
        f"charttime <= ? AND value IS NOT NULL ORDER BY charttime",
        [ctx.subject_id, *_URINE_ITEMS, start, end],
    )
    if not rows:
        return _Missing(looked, "no urine output charted in the window")
    # 227488 (GU irrigant volume in) is subtracted: its fluid comes back in 227489.
    total = sum(-r["value"] if r["itemid"] == 227488 else r["value"] for r in rows)
    hours = (min(end, ctx.stay["outtime"]) - start).total_seconds() / 3600
    if hours < 23.99:
        ctx.warn(
            f"Urine output covers {hours:.1f} h (the stay or 'at' ends before 24 h): "
            f"the sum is not scaled to a day."
        )
    rule = (
        f"sum over the first 24 h of ICU stay {ctx.stay['stay_id']} ({_iso(start)} to {_iso(end)})"
    )
    return _Found(
        max(total, 0.0),
        rule,
        unit="mL/day",
        kind="volume_per_day",
        detail=f"{len(rows)} outputevents rows, first {_iso(rows[0]['charttime'])}, "
        f"last {_iso(rows[-1]['charttime'])}",
        evidence=[
            Evidence(
                table=f"{_ICU}.outputevents",
                label="urine output sum",
                charttime=_iso(start),
                raw_value=total,
                raw_unit="mL",
                value=total,
                unit="mL",
            )
        ],
    )


def _resolve_dialysis(ctx: _Ctx) -> _Found | _Missing:
    start = ctx.at - dt.timedelta(days=7)
    ids = (*_DIALYSIS_INTERMITTENT, *_DIALYSIS_CRRT)
    ev_rows = ctx.fetch(
        f"SELECT itemid, starttime, endtime FROM {_ICU}.procedureevents WHERE subject_id = ? "
        f"AND itemid IN ({', '.join('?' * len(ids))}) AND starttime <= ? AND endtime >= ? "
        f"ORDER BY starttime",
        [ctx.subject_id, *ids, ctx.at, start],
    )
    px = ctx.fetch(
        f"SELECT icd_code, icd_version, chartdate, hadm_id FROM {_HOSP}.procedures_icd WHERE "
        f"subject_id = ? AND chartdate >= CAST(? AS DATE) AND chartdate <= CAST(? AS DATE)",
        [ctx.subject_id, start, ctx.at],
    )
    evidence: list[Evidence] = []
    sessions, crrt_hours, crrt_code = 0, 0.0, False
    for r in ev_rows:
        if r["itemid"] in _DIALYSIS_INTERMITTENT:
            sessions += 1
            label = _DIALYSIS_INTERMITTENT[r["itemid"]]
        else:
            s, e = max(r["starttime"], start), min(r["endtime"], ctx.at)
            crrt_hours += max((e - s).total_seconds() / 3600, 0)
            label = _DIALYSIS_CRRT[r["itemid"]]
        evidence.append(
            Evidence(
                table=f"{_ICU}.procedureevents",
                itemid=r["itemid"],
                label=label,
                charttime=_iso(r["starttime"]),
                raw_value=f"until {_iso(r['endtime'])}",
            )
        )
    dates = set()
    for r in px:
        code, ver = r["icd_code"], int(r["icd_version"])
        if _matches(code, ver, _DIALYSIS_ICD9, _DIALYSIS_ICD10):
            dates.add(r["chartdate"])
        elif _matches(code, ver, (), _CRRT_ICD10):
            crrt_code = True
        else:
            continue
        evidence.append(
            Evidence(
                table=f"{_HOSP}.procedures_icd",
                code=code,
                icd_version=ver,
                hadm_id=r["hadm_id"],
                charttime=str(r["chartdate"]),
            )
        )
    count = sessions + len(dates)
    value = count >= 2 or crrt_hours >= 24 or crrt_code
    detail = (
        f"{count} intermittent session(s)/day(s), {crrt_hours:.1f} h of CRRT"
        + (", continuous dialysis > 18 h/day coded" if crrt_code else "")
        + " in the 7 days before 'at' (UNOS: dialysis twice, or CRRT 24 h, in a week)"
    )
    return _Found(
        value,
        f"procedureevents and procedures_icd from {_iso(start)} to {_iso(ctx.at)}",
        evidence=evidence,
        detail=detail,
    )


def _resolve_oxygen(ctx: _Ctx) -> _Found | _Missing:
    # NEWS scores oxygen at the observation: anchor on the latest SpO2 at or before 'at'.
    looked = (
        f"{_ICU}.chartevents 220277 SpO2 (latest at or before {_iso(ctx.at)}), then "
        f"ventilation (procedureevents 225792/225794) at that time, or O2 flow 223834, "
        f"FiO2 223835 or O2 delivery device 226732 in the 4 h before it"
    )
    spo2 = ctx.fetch(
        f"SELECT charttime, valuenum FROM {_ICU}.chartevents WHERE subject_id = ? AND itemid = "
        f"220277 AND charttime <= ? AND valuenum IS NOT NULL ORDER BY charttime DESC LIMIT 1",
        [ctx.subject_id, ctx.at],
    )
    if not spo2:
        return _Missing(looked, "no SpO2 charted")
    ref = spo2[0]["charttime"]
    if (ctx.at - ref).total_seconds() / 3600 > src.VITALS_MAX_AGE_HOURS:
        return _Missing(
            looked,
            f"the latest SpO2 ({_iso(ref)}) is more than "
            f"{src.VITALS_MAX_AGE_HOURS:g} h before 'at'",
        )
    start = ref - dt.timedelta(hours=4)
    vent = _vent_at(_ventilation(ctx, ref, ref), ref)
    if vent is not None:
        return _Found(
            True,
            f"ventilation running at the latest SpO2 ({_iso(ref)})",
            evidence=[
                Evidence(
                    table=f"{_ICU}.procedureevents",
                    itemid=vent["itemid"],
                    charttime=_iso(vent["starttime"]),
                    raw_value=f"until {_iso(vent['endtime'])}",
                )
            ],
        )
    rows = ctx.fetch(
        f"SELECT itemid, charttime, valuenum, value FROM {_ICU}.chartevents WHERE subject_id = "
        f"? AND itemid IN (223834, 223835, 226732) AND charttime >= ? AND charttime <= ? ORDER "
        f"BY charttime DESC",
        [ctx.subject_id, start, ref],
    )
    rule = (
        f"oxygen charted in the 4 h up to the latest SpO2 ({_iso(ref)}): O2 flow > 0, FiO2 "
        f"> 21% or a delivery device other than 'None' = oxygen; none charted = room air"
    )
    for r in rows:
        label = {
            223834: "O2 Flow",
            223835: "Inspired O2 Fraction",
            226732: "O2 Delivery Device(s)",
        }[r["itemid"]]
        if r["itemid"] == 226732:
            text = str(r["value"] or "").strip()
            if not text:
                continue  # the demo's reconstructed chartevents has no text values
            on = text.lower() not in ("none", "room air")
            raw: Any = text
        elif r["valuenum"] is None:
            continue
        elif r["itemid"] == 223834:
            on, raw = r["valuenum"] > 0, r["valuenum"]
        else:
            f = _clean_fio2(r["valuenum"])
            if f is None:
                continue
            on, raw = f > 21, r["valuenum"]
        return _Found(
            on,
            rule,
            evidence=[
                Evidence(
                    table=f"{_ICU}.chartevents",
                    itemid=r["itemid"],
                    label=label,
                    charttime=_iso(r["charttime"]),
                    raw_value=raw,
                )
            ],
        )
    return _Found(
        False,
        rule,
        evidence=[
            Evidence(
                table=f"{_ICU}.chartevents",
                itemid=220277,
                label="O2 saturation pulseoxymetry",
                charttime=_iso(ref),
                raw_value=spo2[0]["valuenum"],
                raw_unit="%",
            )
        ],
        detail="no oxygen therapy charted: room air",
    )


def _resolve_apache_admission(ctx: _Ctx) -> _Found | _Missing:
    looked = f"{_HOSP}.admissions.admission_type and {_HOSP}.services"
    if ctx.hadm is None:
        return _Missing(looked, "no admission started at or before 'at'")
    end = ctx.window[1] if ctx.window else ctx.at
    svc = ctx.fetch(
        f"SELECT transfertime, curr_service FROM {_HOSP}.services WHERE hadm_id = ? "
        f"AND transfertime <= ? ORDER BY transfertime",
        [ctx.hadm["hadm_id"], end],
    )
    surgical = [s for s in svc if s["curr_service"] in _SURGICAL_SERVICES]
    atype = str(ctx.hadm.get("admission_type") or "")
    if not surgical:
        value = "nonoperative"
    elif atype in _ELECTIVE:
        value = "elective_postoperative"
    else:
        value = "emergency_postoperative"
    ev = [
        Evidence(
            table=f"{_HOSP}.admissions",
            label="admission_type",
            hadm_id=ctx.hadm["hadm_id"],
            raw_value=atype,
        )
    ]
    ev += [
        Evidence(
            table=f"{_HOSP}.services",
            label="curr_service",
            hadm_id=ctx.hadm["hadm_id"],
            charttime=_iso(s["transfertime"]),
            raw_value=s["curr_service"],
        )
        for s in surgical[:3]
    ]
    return _Found(
        value,
        "surgical service (CSURG, NSURG, ORTHO, PSURG, SURG, TSURG, VSURG, "
        "TRAUM) before the window ends = postoperative; ELECTIVE or SURGICAL "
        "SAME DAY ADMISSION = elective",
        evidence=ev,
    )


def _prescriptions(ctx: _Ctx) -> list[dict[str, Any]]:
    if ctx.hadm is None:
        return []
    return ctx.fetch(
        f"SELECT drug, starttime FROM {_HOSP}.prescriptions WHERE hadm_id = ? AND "
        f"starttime <= ? ORDER BY starttime",
        [ctx.hadm["hadm_id"], ctx.at],
    )


def _resolve_prescribed(ctx: _Ctx, f: src.Prescribed) -> _Found | _Missing:
    looked = f"{_HOSP}.prescriptions of the current admission up to 'at' ({f.label})"
    if ctx.hadm is None:
        return _Missing(looked, "no admission started at or before 'at'")
    hits = [r for r in _prescriptions(ctx) if any(d in str(r["drug"]).lower() for d in f.drugs)]
    names = sorted({str(r["drug"]) for r in hits})
    ev = [
        Evidence(
            table=f"{_HOSP}.prescriptions",
            label="drug",
            hadm_id=ctx.hadm["hadm_id"],
            charttime=_iso(next(r["starttime"] for r in hits if r["drug"] == n)),
            raw_value=n,
        )
        for n in names
    ]
    return _Found(
        bool(hits),
        f"prescribed in admission {ctx.hadm['hadm_id']} at or before {_iso(ctx.at)}",
        evidence=ev,
        detail=("prescribed: " + ", ".join(names)) if names else "none prescribed",
    )


def _resolve_labile_inr(ctx: _Ctx) -> _Found | _Missing:
    looked = (
        f"{_HOSP}.prescriptions (warfarin) of the current admission and labevents 51237 "
        f"INR in the 180 days before 'at'"
    )
    if ctx.hadm is None:
        return _Missing(looked, "no admission started at or before 'at'")
    warfarin = [r for r in _prescriptions(ctx) if "warfarin" in str(r["drug"]).lower()]
    if not warfarin:
        return _Found(
            False,
            "not on warfarin in this admission (the criterion applies to "
            "vitamin K antagonist users)",
            detail="no warfarin prescribed",
        )
    start = ctx.at - dt.timedelta(days=180)
    inrs = ctx.fetch(
        f"SELECT charttime, valuenum FROM {_HOSP}.labevents WHERE subject_id = ? "
        f"AND itemid = 51237 AND valuenum IS NOT NULL AND charttime >= ? AND "
        f"charttime <= ? ORDER BY charttime",
        [ctx.subject_id, start, ctx.at],
    )
    if len(inrs) < 3:
        return _Missing(looked, f"on warfarin but only {len(inrs)} INR result(s) in 180 days")
    in_range = sum(1 for r in inrs if 2.0 <= r["valuenum"] <= 3.0)
    share = in_range / len(inrs)
    return _Found(
        share < 0.6,
        "share of INR results in 2.0-3.0 over the 180 days before 'at' "
        "< 60% (Pisters 2010: time in therapeutic range < 60%)",
        detail=f"{in_range} of {len(inrs)} INR results in range ({share:.0%})",
        evidence=[
            Evidence(
                table=f"{_HOSP}.labevents",
                itemid=51237,
                label="INR(PT)",
                charttime=_iso(r["charttime"]),
                raw_value=r["valuenum"],
            )
            for r in inrs[-5:]
        ],
    )


_LFT = {
    50885: ("Bilirubin, Total", 2.0),
    50878: ("AST", 3.0),
    50861: ("ALT", 3.0),
    50863: ("Alkaline Phosphatase", 3.0),
}


def _resolve_liver_biochemistry(ctx: _Ctx) -> _Found | _Missing:
    looked = (
        f"{_HOSP}.labevents 50885 bilirubin, 50878 AST, 50861 ALT, 50863 ALP "
        f"(latest, with ref_range_upper) at or before {_iso(ctx.at)}"
    )
    rows = ctx.fetch(
        f"SELECT itemid, charttime, valuenum, valueuom, ref_range_upper FROM {_HOSP}.labevents "
        f"WHERE subject_id = ? AND itemid IN (50885, 50878, 50861, 50863) AND valuenum IS NOT "
        f"NULL AND ref_range_upper > 0 AND charttime <= ? QUALIFY row_number() OVER (PARTITION "
        f"BY itemid ORDER BY charttime DESC) = 1",
        [ctx.subject_id, ctx.at],
    )
    latest = {r["itemid"]: r for r in rows}
    if 50885 not in latest:
        return _Missing(looked, "no bilirubin with a reference range")
    ev = [
        Evidence(
            table=f"{_HOSP}.labevents",
            itemid=i,
            label=_LFT[i][0],
            charttime=_iso(r["charttime"]),
            raw_value=r["valuenum"],
            raw_unit=r["valueuom"],
            value=round(r["valuenum"] / r["ref_range_upper"], 2),
            unit="× upper reference limit",
        )
        for i, r in latest.items()
    ]
    bili = latest[50885]
    high_bili = bili["valuenum"] > 2 * bili["ref_range_upper"]
    enzymes = [latest[i] for i in (50878, 50861, 50863) if i in latest]
    high_enz = any(r["valuenum"] > 3 * r["ref_range_upper"] for r in enzymes)
    if high_bili and not enzymes:
        return _Missing(looked, "bilirubin > 2 × ULN but no AST, ALT or ALP")
    return _Found(
        high_bili and high_enz,
        "bilirubin > 2 × ULN and AST/ALT/ALP > 3 × ULN (latest values)",
        evidence=ev,
    )


def _resolve_any(ctx: _Ctx, f: src.AnyOf) -> _Found | _Missing:
    flags = f.absent_if_missing or (False,) * len(f.parts)
    evidence: list[Evidence] = []
    unknown: list[str] = []
    details: list[str] = []
    for part, absent_ok in zip(f.parts, flags, strict=True):
        r = _resolve_use(ctx, part)
        name = _feature_name(part)
        if isinstance(r, _Missing):
            if absent_ok:
                details.append(f"{name}: not recorded, counted as not met")
            else:
                unknown.append(f"{name}: {r.reason}")
            continue
        value = part.test(r.value) if part.test else r.value
        evidence += r.evidence
        details.append(f"{name}{' ' + part.test_text if part.test_text else ''}: {value}")
        if value:
            return _Found(
                True,
                f"any of: {', '.join(_feature_name(p) for p in f.parts)}",
                evidence=r.evidence,
                detail="; ".join(details),
            )
    if unknown:
        return _Missing(
            f"any of: {', '.join(_feature_name(p) for p in f.parts)}", "; ".join(unknown)
        )
    return _Found(
        False,
        f"any of: {', '.join(_feature_name(p) for p in f.parts)}",
        evidence=evidence,
        detail="; ".join(details),
    )


def _feature_name(use: src.Use) -> str:
    f = use.feature
    return getattr(f, "label", None) or getattr(f, "name", type(f).__name__)


def _resolve_use(ctx: _Ctx, use: src.Use) -> _Found | _Missing:
    f = use.feature
    if isinstance(f, src.Measure):
        return _resolve_measure(ctx, use)
    if isinstance(f, src.Demographic):
        return _resolve_demographic(ctx, f)
    if isinstance(f, src.BodySize):
        return _resolve_body_size(ctx, f)
    if isinstance(f, src.Condition):
        return _resolve_condition(ctx, f)
    if isinstance(f, src.Graded):
        return _resolve_graded(ctx, f)
    if isinstance(f, src.AnyOf):
        return _resolve_any(ctx, f)
    if isinstance(f, src.Gcs):
        return _resolve_gcs(ctx, use)
    if isinstance(f, src.BloodGas):
        return _resolve_gas(ctx, use)
    if isinstance(f, src.Vasopressor):
        return _resolve_vasopressor(ctx, f)
    if isinstance(f, src.UrineOutput):
        return _resolve_urine(ctx)
    if isinstance(f, src.Dialysis):
        return _resolve_dialysis(ctx)
    if isinstance(f, src.OxygenTherapy):
        return _resolve_oxygen(ctx)
    if isinstance(f, src.ApacheAdmission):
        return _resolve_apache_admission(ctx)
    if isinstance(f, src.Prescribed):
        return _resolve_prescribed(ctx, f)
    if isinstance(f, src.LabileInr):
        return _resolve_labile_inr(ctx)
    if isinstance(f, src.LiverDerangement):
        return _resolve_liver_biochemistry(ctx)
    if isinstance(f, src.Reference):
        # Not a measurement of the patient: the published value, named with its source.
        return _Found(
            f.value,
            f"reference value, not from the record ({f.source})",
            unit=f.unit,
            kind=f.kind,
            detail=f"{f.label}: {f.value:g}" + (f" {f.unit}" if f.unit else ""),
        )
    raise TypeError(f"unknown feature {f!r}")


# --------------------------------------------------------------------------------------------
# The calculator's side: units, missing inputs, the run.
# --------------------------------------------------------------------------------------------


def _field_info(calc: Calculator, name: str) -> tuple[str, str | None, str | None, list[str]]:
    f = calc.inputs.model_fields[name]
    extra = f.json_schema_extra if isinstance(f.json_schema_extra, dict) else {}
    unit = extra.get("unit")
    kind = extra.get("kind")
    accepted = list(extra.get("accepted_units") or [])
    return (
        f.description or name,
        str(unit) if unit else None,
        str(kind) if kind else None,
        accepted,
    )


def _to_calc_value(calc: Calculator, name: str, found: _Found, use: src.Use) -> Any:
    value = found.value
    if use.test is not None:
        return use.test(value)
    _, unit, kind, _ = _field_info(calc, name)
    if unit is None or kind is None or found.unit is None or not isinstance(value, int | float):
        return value
    return units.convert(float(value), found.unit, unit, kind=kind, field=name)


def _closest_ehr(name: str) -> list[str]:
    hits = process.extract(name.lower(), src.ehr_calculators(), scorer=fuzz.WRatio, limit=5)
    return [h[0] for h in hits]


def _provenance(
    name: str, value: Any, unit: str | None, found: _Found, use: src.Use
) -> InputProvenance:
    main = found.evidence[0] if found.evidence else None
    detail = found.detail
    if use.test_text:
        detail = f"{use.test_text} → {value}" + (f" ({detail})" if detail else "")
    if isinstance(value, float):
        value = round(value, 6)
    return InputProvenance(
        input=name,
        value=value,
        unit=unit if isinstance(value, int | float) and not isinstance(value, bool) else None,
        origin="record",
        rule=found.rule,
        table=main.table if main else None,
        itemid=main.itemid if main else None,
        code=main.code if main else None,
        charttime=main.charttime if main else None,
        raw_value=main.raw_value if main else None,
        raw_unit=main.raw_unit if main else None,
        evidence=found.evidence,
        detail=detail,
    )


def calculate_for_patient(
    calculator: str,
    subject_id: int,
    hadm_id: int | None = None,
    stay_id: int | None = None,
    at: str | None = None,
    overrides: dict[str, Any] | None = None,
    dataset: str | None = None,
    *,
    engine: SQLEngine | None = None,
) -> PatientCalculation:
    """Compute a calculator for a real patient from the MIMIC-IV record.

    Args:
        calculator: Calculator id, name or synonym (``cha2ds2_vasc``, ``SOFA``).
        subject_id: The patient.
        hadm_id: The admission (optional: default the admission in progress at ``at``).
        stay_id: The ICU stay (optional: first-24 h scores default to the admission's first
            stay, or the patient's latest stay started before ``at``).
        at: ISO time the inputs are taken at or before (default: the end of the stay, of the
            admission, or of the patient's last admission).
        overrides: Input name → value; wins over the record (quantities as a number in the
            calculator's unit or ``[value, "unit"]``).
        dataset: A MIMIC-IV dataset (default: the engine's default).
        engine: The SQL engine (default: the process-wide engine).

    Returns:
        A :class:`PatientCalculation`: the result and each input's provenance, or, when inputs
        are missing, no result and the list of missing inputs with their expected units.

    Raises:
        NotFoundError: Unknown calculator (closest names in the hint), patient, admission or
            stay.
        M3AgentError: A calculator that cannot be fed from the record (the ones that can in
            the hint), a stay or admission of another patient, ``at`` not ISO or before the
            admission or stay, bad ids.
        CalculatorInputError: Unknown override names or invalid override values
            (:mod:`m3agent.calculators.registry`).
        RecordValueError: A value from the record outside the calculator's accepted range.
    """
    from m3agent.calculators.registry import CalculatorInputError, get_calculator

    if not isinstance(calculator, str) or not calculator.strip():
        raise M3AgentError(f"calculator must be a calculator id or name, found {calculator!r}.")
    subject_id = _positive_id("subject_id", subject_id, optional=False)  # type: ignore[assignment]
    hadm_id = _positive_id("hadm_id", hadm_id, optional=True)
    stay_id = _positive_id("stay_id", stay_id, optional=True)
    if overrides is None:
        overrides = {}
    if not isinstance(overrides, dict):
        raise M3AgentError(
            f"overrides must be an object of input names to values, found "
            f"{type(overrides).__name__}."
        )
    calc = get_calculator(calculator)
    sources = src.sources_for(calc.id)
    if sources is None:
        raise M3AgentError(
            f"{calc.id} cannot be computed from the record: its inputs have no MIMIC-IV source "
            f"(use calculate with explicit inputs).",
            hint="Calculators that can: "
            + ", ".join(src.ehr_calculators())
            + ". Closest: "
            + ", ".join(_closest_ehr(calc.id))
            + ".",
        )
    fields = calc.inputs.model_fields
    unknown = sorted(set(overrides) - set(fields))
    if unknown:
        raise CalculatorInputError(
            f"{calc.id}: override(s) {', '.join(map(repr, unknown))} are not inputs of {calc.id}.",
            fields=unknown,
            hint="Inputs: " + ", ".join(fields) + ".",
        )
    for name, raw in overrides.items():
        _, unit, kind, accepted = _field_info(calc, name)
        if unit is not None and kind is not None and raw is not None:
            try:
                units.to_canonical(raw, kind=kind, unit=unit, field=name)
            except units.UnitError as e:
                raise CalculatorInputError(
                    f"{calc.id}: override {e.message}",
                    fields=[name],
                    hint=f"{name} is in {unit}; accepted units: {', '.join(accepted)}.",
                ) from None
    engine = engine or _default_engine()
    dataset = dataset or engine.settings.default_dataset
    get_dataset(dataset)
    ctx = _context(engine, dataset, subject_id, hadm_id, stay_id, at, sources.window)
    _prefetch(ctx, _features_in(u for n, u in sources.inputs.items() if n not in overrides))

    kwargs: dict[str, Any] = {}
    provenance: list[InputProvenance] = []
    missing: list[MissingInput] = []
    optional_missing: list[MissingInput] = []
    for name in fields:
        desc, unit, _, accepted = _field_info(calc, name)
        if name in overrides:
            kwargs[name] = overrides[name]
            provenance.append(
                InputProvenance(
                    input=name,
                    value=overrides[name],
                    unit=unit,
                    origin="override",
                    rule="override (wins over the record)",
                )
            )
            continue
        use = sources.inputs.get(name)
        required = fields[name].is_required()
        if use is None:
            if required:
                missing.append(
                    MissingInput(
                        input=name,
                        expected=desc,
                        unit=unit,
                        accepted_units=accepted,
                        looked_for="not fed from the record",
                        reason="pass it in overrides",
                    )
                )
            continue
        found = _resolve_use(ctx, use)
        if isinstance(found, _Missing):
            entry = MissingInput(
                input=name,
                expected=desc,
                unit=unit,
                accepted_units=accepted,
                looked_for=found.looked_for,
                reason=found.reason,
            )
            (missing if required else optional_missing).append(entry)
            continue
        try:
            value = _to_calc_value(calc, name, found, use)
        except units.UnitError as e:
            raise RecordValueError(
                f"{calc.id}: {name} from the record could not be converted: {e.message}",
                fields=[name],
            ) from None
        kwargs[name] = value
        provenance.append(_provenance(name, value, unit, found, use))

    not_fed = [n for n in fields if n not in sources.inputs and n not in overrides]
    base = dict(
        calculator=calc.id,
        name=calc.meta.name,
        dataset=dataset,
        subject_id=subject_id,
        hadm_id=ctx.hadm["hadm_id"] if ctx.hadm else None,
        stay_id=ctx.stay["stay_id"] if ctx.stay else None,
        at=_iso(ctx.at),
        at_rule=ctx.at_rule,
        window_start=_iso(ctx.window[0]) if ctx.window else None,
        window_end=_iso(ctx.window[1]) if ctx.window else None,
        inputs=provenance,
        not_from_record=not_fed,
        notes=list(sources.notes),
        warnings=ctx.warnings,
    )
    if missing:
        return PatientCalculation(
            status="missing_inputs", missing=missing + optional_missing, **base
        )
    try:
        result = calc.run(kwargs)
    except CalculatorInputError as e:
        from_record = {p.input: p for p in provenance if p.origin == "record"}
        bad = [f for f in e.fields if f.split(".")[0] in from_record]
        if bad:
            where = "; ".join(
                f"{f} = {from_record[f].value} {from_record[f].unit or ''} from "
                f"{from_record[f].table} {from_record[f].itemid or from_record[f].code or ''} "
                f"at {from_record[f].charttime}".replace("  ", " ")
                for f in bad
            )
            raise RecordValueError(
                f"{e.message} Record value(s): {where}.",
                fields=bad,
                hint="Check the value; pass the input in overrides to replace it.",
            ) from None
        if (
            optional_missing
            and not [f for f in e.fields if f in overrides]
            and any(f.startswith("(") for f in e.fields)
        ):
            # A cross-field rule (e.g. SOFA needs MAP or a vasopressor) failed because
            # optional inputs were not in the record.
            for m in optional_missing:
                m.reason += f" ({e.message})"
            return PatientCalculation(status="missing_inputs", missing=optional_missing, **base)
        if from_record and not any(f.split(".")[0] in overrides for f in e.fields):
            used = ", ".join(f"{k} = {p.value}" for k, p in from_record.items())
            raise RecordValueError(
                f"{e.message} Inputs from the record: {used}.", fields=e.fields, hint=e.hint
            ) from None
        raise
    return PatientCalculation(status="computed", result=result, **base)


def _default_engine() -> SQLEngine:
    from m3agent.tools.sql.engine import default_engine

    return default_engine()


def describe_sources(calculator: str) -> dict[str, str]:
    """Input name → where it comes from in MIMIC-IV, in words (for docs and tool help).

    Raises:
        NotFoundError: Unknown calculator, with the closest names.
        M3AgentError: A calculator with no record sources.
    """
    from m3agent.calculators.registry import get_calculator

    calc = get_calculator(calculator)
    s = src.sources_for(calc.id)
    if s is None:
        raise M3AgentError(
            f"{calc.id} has no MIMIC-IV sources.",
            hint="Calculators that can: " + ", ".join(src.ehr_calculators()),
        )
    return {
        name: _feature_name(use) + (f" ({use.test_text})" if use.test_text else "")
        for name, use in s.inputs.items()
    }


__all__ = [
    "Evidence",
    "InputProvenance",
    "MissingInput",
    "PatientCalculation",
    "RecordValueError",
    "calculate_for_patient",
    "describe_sources",
]
