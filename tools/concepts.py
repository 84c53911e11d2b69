"""Concept search: find the itemid, ICD code or drug name behind plain words.

A model asking for "lactate" should get itemid 50813 with its unit and how often it is used,
not guess. The dictionaries (d_labitems, d_items, d_icd_diagnoses, d_icd_procedures and the
drug names of prescriptions) are loaded once per dataset with usage counts, then searched with
rapidfuzz; ties go to the concept with more data.
"""

from __future__ import annotations

import threading
from typing import Literal

from pydantic import BaseModel
from rapidfuzz import fuzz, process, utils

from m3agent.tools.errors import M3AgentError
from m3agent.tools.sql.engine import SQLEngine

Kind = Literal["lab", "chart", "diagnosis", "procedure", "drug"]
KINDS: tuple[str, ...] = ("lab", "chart", "diagnosis", "procedure", "drug")

# One query per kind for MIMIC-IV: (code, label, category, unit, count, table).
_MIMIC_QUERIES = {
    "lab": """SELECT CAST(d.itemid AS VARCHAR), d.label, concat_ws(' / ', d.fluid, d.category),
                     c.unit, coalesce(c.n, 0), 'mimiciv_hosp.labevents'
              FROM mimiciv_hosp.d_labitems d LEFT JOIN (
                  SELECT itemid, count(*) AS n, mode(valueuom) AS unit
                  FROM mimiciv_hosp.labevents GROUP BY itemid) c USING (itemid)""",
    "chart": """SELECT CAST(d.itemid AS VARCHAR), d.label,
                       concat_ws(' / ', d.category, d.abbreviation),
                       coalesce(d.unitname, c.unit), coalesce(c.n, 0), 'mimiciv_icu.' || d.linksto
                FROM mimiciv_icu.d_items d LEFT JOIN (
                    SELECT itemid, count(*) AS n, mode(valueuom) AS unit FROM (
                        SELECT itemid, valueuom FROM mimiciv_icu.chartevents
                        UNION ALL SELECT itemid, amountuom FROM mimiciv_icu.inputevents
                        UNION ALL SELECT itemid, valueuom FROM mimiciv_icu.outputevents
                        UNION ALL SELECT itemid, valueuom FROM mimiciv_icu.procedureevents
                        UNION ALL SELECT itemid, valueuom FROM mimiciv_icu.datetimeevents)
                    GROUP BY itemid) c USING (itemid)""",
    "diagnosis": """SELECT d.icd_code || ' (ICD-' || d.icd_version || ')', d.long_title,
                           'ICD-' || d.icd_version, NULL, coalesce(c.n, 0),
                           'mimiciv_hosp.diagnoses_icd'
                    FROM mimiciv_hosp.d_icd_diagnoses d LEFT JOIN (
                        SELECT icd_code, icd_version, count(*) AS n
                        FROM mimiciv_hosp.diagnoses_icd GROUP BY ALL) c
                    USING (icd_code, icd_version)""",
    "procedure": """SELECT d.icd_code || ' (ICD-' || d.icd_version || ')', d.long_title,
                           'ICD-' || d.icd_version, NULL, coalesce(c.n, 0),
                           'mimiciv_hosp.procedures_icd'
                    FROM mimiciv_hosp.d_icd_procedures d LEFT JOIN (
                        SELECT icd_code, icd_version, count(*) AS n
                        FROM mimiciv_hosp.procedures_icd GROUP BY ALL) c
                    USING (icd_code, icd_version)""",
    "drug": """SELECT drug, drug, mode(route), mode(dose_unit_rx), count(*),
                      'mimiciv_hosp.prescriptions'
               FROM mimiciv_hosp.prescriptions WHERE drug IS NOT NULL GROUP BY drug""",
}
_EHRSQL_QUERIES = {
    "lab": """SELECT CAST(d.itemid AS VARCHAR), d.label, NULL, c.unit, coalesce(c.n, 0), 'labevents'
              FROM d_labitems d LEFT JOIN (SELECT itemid, count(*) AS n, mode(valueuom) AS unit
              FROM labevents GROUP BY itemid) c USING (itemid)""",
    "chart": """SELECT CAST(d.itemid AS VARCHAR), d.label, d.abbreviation, c.unit,
                       coalesce(c.n, 0), d.linksto
                FROM d_items d LEFT JOIN (SELECT itemid, count(*) AS n, mode(valueuom) AS unit
                FROM chartevents GROUP BY itemid) c USING (itemid)""",
    "diagnosis": """SELECT d.icd_code, d.long_title, NULL, NULL, coalesce(c.n, 0), 'diagnoses_icd'
                    FROM d_icd_diagnoses d LEFT JOIN (SELECT icd_code, count(*) AS n
                    FROM diagnoses_icd GROUP BY ALL) c USING (icd_code)""",
    "procedure": """SELECT d.icd_code, d.long_title, NULL, NULL, coalesce(c.n, 0), 'procedures_icd'
                    FROM d_icd_procedures d LEFT JOIN (SELECT icd_code, count(*) AS n
                    FROM procedures_icd GROUP BY ALL) c USING (icd_code)""",
    "drug": """SELECT drug, drug, mode(route), mode(dose_unit_rx), count(*), 'prescriptions'
               FROM prescriptions GROUP BY drug""",
}


class Concept(BaseModel):
    """One dictionary entry that matches a search."""

    kind: str
    code: str
    label: str
    category: str | None = None
    unit: str | None = None
    count: int
    table: str
    score: float


class ConceptIndex:
    """Dictionaries of one dataset, loaded on first use."""

    def __init__(self, engine: SQLEngine) -> None:
        self.engine = engine
        self._data: dict[tuple[str, str], list[tuple]] = {}
        self._choices: dict[tuple[str, str], list[str]] = {}
        self._lock = threading.Lock()

    def _load(self, dataset: str, kind: str) -> None:
        key = (dataset, kind)
        if key in self._data:
            return
        queries = _EHRSQL_QUERIES if dataset == "ehrsql" else _MIMIC_QUERIES
        _, rows = self.engine.fetch(dataset, queries[kind])
        self._data[key] = rows
        self._choices[key] = [utils.default_process(f"{r[1]} {r[2] or ''}") for r in rows]

    def search(self, text: str, *, kind: str | None = None, limit: int = 20,
               dataset: str) -> list[Concept]:
        """The best matches for ``text`` across the dictionaries (or one ``kind``).

        Raises:
            M3AgentError: For an empty text, an unknown kind or a bad limit.
        """
        if not isinstance(text, str) or not text.strip():
            raise M3AgentError("Expected search words such as 'lactate', found nothing.")
        if kind is not None and kind not in KINDS:
            raise M3AgentError(f"Unknown kind {kind!r}; expected one of {', '.join(KINDS)}.")
        if not 1 <= limit <= 200:
            raise M3AgentError(f"limit must be between 1 and 200, found {limit}.")
        query = utils.default_process(text)
        found: list[Concept] = []
        for k in [kind] if kind else KINDS:
            with self._lock:
                self._load(dataset, k)
            rows, choices = self._data[(dataset, k)], self._choices[(dataset, k)]
            code_hits = [i for i, r in enumerate(rows) if str(r[0]).split(" ")[0].lower()
                         == text.strip().lower()]
            hits = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit * 3,
                                   score_cutoff=60)
            scored = {i: 100.0 for i in code_hits}
            for _, score, i in hits:
                # Prefer labels that contain the words themselves over fuzzy look-alikes.
                label = utils.default_process(str(rows[i][1]))
                bonus = 10.0 if label == query else 5.0 if query in choices[i] else 0.0
                scored[i] = max(scored.get(i, 0.0), score + bonus)
            for i, score in scored.items():
                r = rows[i]
                found.append(Concept(kind=k, code=str(r[0]), label=str(r[1]), category=r[2],
                                     unit=r[3], count=int(r[4] or 0), table=str(r[5]),
                                     score=round(score, 1)))
        found.sort(key=lambda c: (-round(c.score), -c.count, c.label))
        return found[:limit]
