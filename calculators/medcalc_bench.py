"""MedCalc-Bench parity: run every row of a MedCalc-Bench CSV through our calculators.

Each row's ``Relevant Entities`` (a Python literal, parsed with :func:`ast.literal_eval`) goes
through the calculator's ``from_medcalc`` adapter and ``compute``; the value is compared with
the row's ``[Lower Limit, Upper Limit]`` the way the benchmark does (decimals within the
limits, integer scores and dates exactly, gestational-age tuples as (weeks, days)).

A row is **correct** when our value is within the limits, **erratum** when it is not and the
row is listed in :data:`ERRATA` (its ground truth disagrees with the published formula; each
entry says why, checked against the row's Ground Truth Explanation), **wrong** otherwise, and
**not covered** when no calculator has the row's Calculator ID.
"""

from __future__ import annotations

import ast
import csv
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from m3agent.calculators.registry import CALCULATORS, Calculator, CalculatorInputError
from m3agent.tools.errors import M3AgentError

Status = Literal["correct", "erratum", "wrong", "not_covered"]
REQUIRED_COLUMNS = (
    "Row Number",
    "Calculator ID",
    "Calculator Name",
    "Relevant Entities",
    "Ground Truth Answer",
    "Lower Limit",
    "Upper Limit",
)


class MedCalcFileError(M3AgentError):
    """The file is missing, unreadable or not in the MedCalc-Bench CSV format."""

    code = "medcalc_file"


class Erratum(BaseModel):
    """A row whose ground truth disagrees with the published formula.

    Attributes:
        row_number: The row's ``Row Number``.
        calculator_id: The row's ``Calculator ID``.
        note_id: The row's ``Note ID`` (with the two above, identifies the row).
        reason: What the ground truth does differently from the published formula.
    """

    row_number: int
    calculator_id: int
    note_id: str
    reason: str


# Every erratum was checked by hand against the row's Ground Truth Explanation (the numbers
# quoted are the explanation's own) and, where the entities looked odd, against the note.
_GCS_TWICE = (
    "Ground truth adds the verbal response twice (the explanation's 'best verbal "
    "response ... we add N points' step appears two times); GCS = E + V + M "
    "(Teasdale 1974)."
)
_CHILD_PUGH = "Ground truth leaves out the ascites criterion (no ascites step in the explanation)"
_RCRI = (
    "Ground truth reads only 'Cerebrovascular disease history' (False) and ignores "
    "'History of cerebrovascular disease': True; the note documents {what}, which scores "
    "1 point in the RCRI (Lee 1999)."
)
_MELD = (
    "Ground truth rounds MELD(i) to a whole number ({raw} → {old}) before × 10; OPTN/UNOS "
    "rounds MELD(i) to the tenth ({raw} → {new}), giving MELD-Na {score}."
)
_CCI = "Ground truth scores every comorbidity 1 point: {what} (Charlson 1987 weights)."
_FRAMINGHAM = (
    "Ground truth converts cholesterol to mmol/L although the ATP III coefficients "
    "are for mg/dL, rounds the linear predictor to 0.1 ({xb}) and reports a "
    "fraction rounded to 0.1 ({gt}) where a percentage is asked."
)
_SIRS = (
    "Ground truth counts the WBC criterion for a WBC of {wbc}/µL (criterion: > 12,000 or "
    "< 4,000/µL)."
)
_APACHE = (
    "Ground truth adds the GCS itself ({gcs}) instead of 15 − GCS, reads the temperature "
    "in °C as °F (→ 4 points for < 30 °C) and compares a WBC per µL with the ×10⁹/L "
    "bands (→ 4 points for ≥ 40){extra}."
)
_SOFA = (
    "Ground truth divides PaO2 by FiO2 in percent (ratio ≈ 1.3){resp}, scores the "
    "cardiovascular system 2 ('dopamine ≤ 5 or dobutamine'){cv}{renal}."
)
_CAPRINI = (
    "Ground truth's running total does not keep the points it adds for history items "
    "(e.g. '{example}'), {extra}and ignores the BMI it is given ('does not report "
    "anything about bmi')."
)
_EDD = (
    "Ground truth adds {n} days for a {cycle}-day cycle (the explanation says 'subtract "
    "{n} days' yet moves the date later); Naegele's rule adjusted for cycle length shifts "
    "the due date by cycle − 28 = −{n} days."
)
_CONCEPTION = (
    "Ground truth adds 14 days to the LMP whatever the cycle length, although the "
    "question asks to use it; ovulation/conception falls on day cycle − 14 "
    "({cycle} − 14 = {day})."
)

_E: list[tuple[int, int, str, str]] = [
    (21, 848, "1", _GCS_TWICE),
    (21, 851, "4", _GCS_TWICE),
    (21, 854, "7", _GCS_TWICE),
    (21, 860, "13", _GCS_TWICE),
    (21, 866, "19", _GCS_TWICE),
    (
        21,
        857,
        "10",
        _GCS_TWICE + " It also scores the non-testable eye response as 4; with a "
        "non-testable component there is no total (Teasdale 2014).",
    ),
    (
        21,
        863,
        "16",
        _GCS_TWICE + " It also scores the non-testable verbal response as 4; with a "
        "non-testable component there is no total (Teasdale 2014).",
    ),
    (15, 200, "2", _CHILD_PUGH + " (absent ascites, +1)."),
    (
        15,
        203,
        "5",
        _CHILD_PUGH + " and the 'Grade 0' encephalopathy (+1 each), and scores "
        "bilirubin 3.0 mg/dL as > 3 (Pugh 1973: 2-3 mg/dL = 2 points).",
    ),
    (
        15,
        209,
        "11",
        _CHILD_PUGH + " (moderate ascites, +3) and scores albumin 2.8 g/dL as < 2.8 "
        "(Pugh 1973: 2.8-3.5 g/dL = 2 points).",
    ),
    (15, 212, "14", _CHILD_PUGH + " (slight ascites, +2)."),
    (15, 218, "20", _CHILD_PUGH + " (absent ascites, +1)."),
    (17, 240, "2", _RCRI.format(what="an ischemic stroke with residual aphasia")),
    (17, 243, "5", _RCRI.format(what="multiple transient ischemic attacks")),
    (17, 246, "8", _RCRI.format(what="a cerebrovascular event")),
    (17, 249, "11", _RCRI.format(what="a previous cerebrovascular accident")),
    (17, 255, "17", _RCRI.format(what="a cerebrovascular accident three years ago")),
    (23, 340, "pmc-4528787-1", _MELD.format(raw="1.826", old="2", new="1.8", score=18)),
    (23, 343, "pmc-3701851-1", _MELD.format(raw="2.285", old="2", new="2.3", score=23)),
    (32, 427, "2", _CCI.format(what="diabetes 'None or Diet-controlled' (0)")),
    (
        32,
        430,
        "5",
        _CCI.format(what="diabetes with end-organ damage (2) and a localized solid tumour (2)"),
    ),
    (
        32,
        433,
        "8",
        _CCI.format(
            what="moderate to severe liver disease (3) and diabetes 'None or diet-controlled' (0)"
        ),
    ),
    (
        32,
        436,
        "11",
        _CCI.format(
            what="moderate to severe liver disease (3) and diabetes with end-organ damage (2)"
        ),
    ),
    (32, 439, "14", _CCI.format(what="diabetes with end-organ damage (2)")),
    (32, 442, "17", _CCI.format(what="diabetes with end-organ damage (2)")),
    (
        32,
        445,
        "20",
        _CCI.format(what="severe liver disease (3) and diabetes with end-organ damage (2)"),
    ),
    (
        44,
        521,
        "pmc-4296242-1",
        "Ground truth rounds the mole amount to 3 decimals while converting (4.5 mmol/L → 0.005 "
        "mol → 193.3 mg/dL instead of 174.0; triglycerides with 861.3 g/mol); Friedewald with "
        "the true conversions gives about 91 mg/dL.",
    ),
    (46, 552, "pmc-7871576-1", _FRAMINGHAM.format(xb="-1.0", gt="0.0")),
    (46, 555, "pmc-3651988-1", _FRAMINGHAM.format(xb="-10.6", gt="0.0")),
    (46, 558, "usmle-1128", _FRAMINGHAM.format(xb="1.6", gt="0.1")),
    (46, 561, "pmc-4429202-1", _FRAMINGHAM.format(xb="-4.4", gt="0.0")),
    (46, 564, "pmc-7887157-1", _FRAMINGHAM.format(xb="-1.6", gt="0.0")),
    (46, 567, "pmc-2769292-1", _FRAMINGHAM.format(xb="-15.9", gt="0.0")),
    (51, 588, "pmc-6935617-1", _SIRS.format(wbc="4,200")),
    (51, 591, "pmc-5578525-1", _SIRS.format(wbc="10,780")),
    (
        51,
        606,
        "pmc-7652029-1",
        "Ground truth's running total jumps from 0 to 1 with no criterion met ('the current "
        "total 1 + 1 = 2' at the WBC step); only the WBC criterion (15,500/µL) is met.",
    ),
    (
        65,
        780,
        "pmc-5885426-1",
        "The note's 'S.albumin 3.2 mg/dl' is a typo for g/dL; ground truth converts it literally "
        "to 0.0032 g/dL, which is not a physiological albumin, and our calculator rejects it as "
        "out of range (0.3-10 g/dL).",
    ),
    (
        66,
        794,
        "pmc-2481241-1",
        "The note's 'serum sodium 137 mg/dL' is a typo for mmol/L; ground truth converts it "
        "literally to 60 mEq/L (anion gap −65), and our calculator rejects sodium in mg/dL.",
    ),
    (
        29,
        831,
        "4",
        "Ground truth reads the temperature 36.0 °C as °F (2.2 °C) and adds 15 points "
        "for < 35 °C; 36.0 °C scores 0 (Fine 1997).",
    ),
    (28, 868, "1", _APACHE.format(gcs=12, extra="")),
    (28, 871, "4", _APACHE.format(gcs=15, extra="")),
    (28, 874, "7", _APACHE.format(gcs=13, extra="")),
    (28, 877, "10", _APACHE.format(gcs=15, extra="")),
    (28, 880, "13", _APACHE.format(gcs=13, extra="")),
    (
        28,
        883,
        "16",
        _APACHE.format(
            gcs=13,
            extra="; it also gives 0 chronic health points to "
            "an immunocompromised nonoperative patient "
            "(published: 5)",
        ),
    ),
    (
        28,
        886,
        "19",
        _APACHE.format(
            gcs=15,
            extra="; it also gives 0 chronic health points to "
            "an immunocompromised nonoperative patient "
            "(published: 5)",
        ),
    ),
    (
        43,
        888,
        "1",
        _SOFA.format(
            resp=" and gives 4 instead of 3 for 126.7 on ventilation",
            cv=" for hypotension without vasopressors (published: 1)",
            renal="",
        ),
    ),
    (
        43,
        891,
        "4",
        _SOFA.format(
            resp="",
            cv=" ignoring norepinephrine 0.27 mcg/kg/min (published: 4)",
            renal=" and gives urine output 132 mL/day 3 points (< 200: 4)",
        ),
    ),
    (
        43,
        894,
        "7",
        _SOFA.format(
            resp="",
            cv=" ignoring norepinephrine 0.06 and epinephrine 0.07 (published: 3)",
            renal=" and omits the renal score (creatinine 1.36 mg/dL: 1)",
        ),
    ),
    (
        43,
        897,
        "10",
        _SOFA.format(
            resp=" and gives 4 instead of 3 for 140.7 on ventilation",
            cv=" ignoring dopamine 7 (published: 3)",
            renal=" and omits the renal score (creatinine 1.4 mg/dL: 1)",
        ),
    ),
    (
        43,
        900,
        "13",
        _SOFA.format(resp="", cv=" ignoring norepinephrine 0.04 (published: 3)", renal=""),
    ),
    (
        43,
        903,
        "16",
        _SOFA.format(
            resp=" and gives 4 instead of 3 for 141.5 on ventilation",
            cv=" ignoring norepinephrine 0.03 (published: 3)",
            renal=" and omits the renal score (creatinine 1.81 mg/dL: 1)",
        ),
    ),
    (
        43,
        906,
        "19",
        _SOFA.format(
            resp=" and gives no respiratory points for 141.8 on CPAP (published: 3)",
            cv=" ignoring norepinephrine 0.05 (published: 3)",
            renal=" and omits the renal score (creatinine 1.7 mg/dL: 1)",
        ),
    ),
    (
        36,
        908,
        "1",
        _CAPRINI.format(
            example="making the current total 5 + 4 = 9 ... keeping the total at 4", extra=""
        ),
    ),
    (
        36,
        911,
        "4",
        _CAPRINI.format(
            example="making the current total 3 + 2 = 5 ... making the current total 3 + 2 = 5",
            extra="",
        ),
    ),
    (
        36,
        914,
        "7",
        _CAPRINI.format(
            example="making the current total 3 + 4 = 7 ... making the current total 3 + 4 = 7",
            extra="",
        ),
    ),
    (
        36,
        917,
        "10",
        _CAPRINI.format(
            example="making the current total 1 + 3 = 4 ... keeping the total at 3",
            extra="declares the recent major "
            "surgery and CHF unreported although the entities "
            "give them as present, ",
        ),
    ),
    (
        36,
        920,
        "13",
        _CAPRINI.format(
            example="making the current total 3 + 1 = 4 ... keeping the total at 1", extra=""
        ),
    ),
    (
        36,
        923,
        "16",
        _CAPRINI.format(
            example="making the current total 3 + 3 = 6 ... keeping the total at 3", extra=""
        ),
    ),
    (
        36,
        926,
        "19",
        _CAPRINI.format(
            example="making the current total 3 + 2 = 5 ... keeping the total at 2", extra=""
        ),
    ),
    (13, 928, "1", _EDD.format(n=6, cycle=22)),
    (13, 931, "4", _EDD.format(n=7, cycle=21)),
    (13, 937, "10", _EDD.format(n=4, cycle=24)),
    (13, 940, "13", _EDD.format(n=3, cycle=25)),
    (13, 943, "16", _EDD.format(n=5, cycle=23)),
    (13, 946, "19", _EDD.format(n=8, cycle=20)),
    (68, 1008, "1", _CONCEPTION.format(cycle=21, day=7)),
    (68, 1011, "4", _CONCEPTION.format(cycle=22, day=8)),
    (68, 1014, "7", _CONCEPTION.format(cycle=26, day=12)),
    (68, 1017, "10", _CONCEPTION.format(cycle=27, day=13)),
    (68, 1023, "16", _CONCEPTION.format(cycle=23, day=9)),
    (68, 1026, "19", _CONCEPTION.format(cycle=30, day=16)),
]
ERRATA: tuple[Erratum, ...] = tuple(
    Erratum(row_number=row, calculator_id=cid, note_id=note, reason=reason)
    for cid, row, note, reason in _E
)


class RowResult(BaseModel):
    """The outcome of one benchmark row."""

    row_number: int
    calculator_id: int
    calculator_name: str
    category: str = ""
    note_id: str = ""
    calculator: str | None = Field(None, description="Our calculator id")
    status: Status
    expected: str
    lower: str
    upper: str
    got: float | int | str | None = None
    within_limits: bool = False
    erratum_reason: str | None = None
    error: str | None = None


class Totals(BaseModel):
    """Counts of each status."""

    correct: int = 0
    erratum: int = 0
    wrong: int = 0
    not_covered: int = 0

    @property
    def total(self) -> int:
        """All rows counted."""
        return self.correct + self.erratum + self.wrong + self.not_covered

    def add(self, status: Status) -> None:
        """Count one row."""
        setattr(self, status, getattr(self, status) + 1)


class Report(BaseModel):
    """The scored file."""

    path: str
    rows: list[RowResult]
    totals: Totals
    by_category: dict[str, Totals]
    by_calculator: dict[str, Totals]

    @property
    def wrong_rows(self) -> list[RowResult]:
        """Rows classified wrong (the target is none)."""
        return [r for r in self.rows if r.status == "wrong"]


def calculators_by_medcalc_id() -> dict[int, Calculator]:
    """Our calculators keyed by their MedCalc-Bench calculator id."""
    return {c.meta.medcalc_id: c for c in CALCULATORS.values() if c.meta.medcalc_id is not None}


def _errata_index() -> dict[tuple[int, int, str], Erratum]:
    return {(e.row_number, e.calculator_id, e.note_id): e for e in ERRATA}


def _parse_date(text: str) -> date | None:
    for fmt in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


_WEEKS_DAYS = re.compile(r"(\d+)\s*weeks?\D+?(\d+)\s*days?", re.IGNORECASE)


def _weeks_days(value: Any) -> tuple[int, int] | None:
    m = _WEEKS_DAYS.search(str(value))
    return (int(m.group(1)), int(m.group(2))) if m else None


def within_limits(got: Any, lower: str, upper: str) -> bool:
    """Whether ``got`` lies within the row's limits, compared as the benchmark does.

    Gestational-age tuples compare (weeks, days) exactly, dates compare exactly, numbers by
    ``lower ≤ got ≤ upper`` (for integer scores the limits are equal).
    """
    if got is None:
        return False
    if _weeks_days(lower) is not None:
        return _weeks_days(got) == _weeks_days(lower) == _weeks_days(upper)
    lo_date = _parse_date(lower)
    if lo_date is not None:
        got_date = _parse_date(str(got))
        return got_date is not None and lo_date <= got_date <= (_parse_date(upper) or lo_date)
    if isinstance(got, bool) or not isinstance(got, int | float):
        return False
    try:
        lo, hi = float(lower), float(upper)
    except ValueError:
        return False
    return min(lo, hi) <= float(got) <= max(lo, hi)


def score_row(row: dict[str, str], calcs: dict[int, Calculator] | None = None) -> RowResult:
    """Score one CSV row (a dict of column name to text)."""
    calcs = calcs if calcs is not None else calculators_by_medcalc_id()
    try:
        calc_id = int(row["Calculator ID"])
        row_number = int(row["Row Number"])
    except (KeyError, ValueError) as e:
        raise MedCalcFileError(f"row without a numeric Row Number / Calculator ID: {e}") from None
    base = {
        "row_number": row_number,
        "calculator_id": calc_id,
        "calculator_name": row.get("Calculator Name", ""),
        "category": row.get("Category", ""),
        "note_id": row.get("Note ID", ""),
        "expected": row.get("Ground Truth Answer", ""),
        "lower": row.get("Lower Limit", ""),
        "upper": row.get("Upper Limit", ""),
    }
    erratum = _errata_index().get((row_number, calc_id, base["note_id"]))
    calc = calcs.get(calc_id)
    if calc is None:
        return RowResult(
            **base, status="not_covered", error=f"no calculator with MedCalc-Bench id {calc_id}"
        )
    adapter = getattr(calc.module, "from_medcalc", None)
    if adapter is None:
        return RowResult(
            **base,
            calculator=calc.id,
            status="not_covered",
            error=f"{calc.id} has no from_medcalc adapter",
        )
    try:
        entities = ast.literal_eval(row["Relevant Entities"])
        if not isinstance(entities, dict):
            raise ValueError("Relevant Entities is not a dict")
        result = calc.run(adapter(entities))
    except (M3AgentError, CalculatorInputError, ValueError, SyntaxError, TypeError, KeyError) as e:
        status: Status = "erratum" if erratum else "wrong"
        return RowResult(
            **base,
            calculator=calc.id,
            status=status,
            error=str(e),
            erratum_reason=erratum.reason if erratum else None,
        )
    ok = within_limits(result.value, base["lower"], base["upper"])
    status = "correct" if ok else ("erratum" if erratum else "wrong")
    return RowResult(
        **base,
        calculator=calc.id,
        status=status,
        got=result.value,
        within_limits=ok,
        erratum_reason=erratum.reason if erratum else None,
    )


def read_rows(path: str | Path) -> list[dict[str, str]]:
    """Read a MedCalc-Bench CSV.

    Raises:
        MedCalcFileError: If the file is missing or lacks the benchmark's columns.
    """
    p = Path(path)
    if not p.is_file():
        raise MedCalcFileError(
            f"MedCalc-Bench file not found: {p}",
            hint="Give the path of a CSV such as medcalc-bench/dev.csv.",
        )
    try:
        with p.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise MedCalcFileError(
                    f"{p} is not in the MedCalc-Bench format: missing columns {missing}; "
                    f"found {reader.fieldnames}."
                )
            return list(reader)
    except UnicodeDecodeError as e:
        raise MedCalcFileError(f"{p} is not UTF-8 text: {e}") from None


def score_file(path: str | Path) -> Report:
    """Score every row of a MedCalc-Bench CSV (the ``dev.csv`` format).

    Raises:
        MedCalcFileError: If the file cannot be read as a MedCalc-Bench CSV.
    """
    calcs = calculators_by_medcalc_id()
    rows = [score_row(r, calcs) for r in read_rows(path)]
    totals = Totals()
    by_category: dict[str, Totals] = {}
    by_calculator: dict[str, Totals] = {}
    for r in rows:
        totals.add(r.status)
        by_category.setdefault(r.category or "(none)", Totals()).add(r.status)
        by_calculator.setdefault(f"{r.calculator_id} {r.calculator_name}", Totals()).add(r.status)
    return Report(
        path=str(path),
        rows=rows,
        totals=totals,
        by_category=by_category,
        by_calculator=by_calculator,
    )
