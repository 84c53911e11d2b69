"""What trial matching knows about a patient: one model for MIMIC-IV and free-text patients.

The MIMIC-IV side fills it from the database (age from ``patients.anchor_age``, sex from
``patients.gender``, conditions from ``diagnoses_icd`` with ``conditions_complete=True``, labs
from ``labevents``/``chartevents`` under the keys of
:data:`m3agent.retrieval.trials.lab_concepts.LAB_CONCEPTS`); free-text patients (TrialGPT's
queries) are filled by :func:`m3agent.retrieval.trials.text_facts.facts_from_text`. Matching
reads only this model, so both kinds of patient are judged alike.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from m3agent.retrieval.trials.lab_concepts import LAB_BY_KEY

Sex = Literal["female", "male"]


class LabValue(BaseModel):
    """One measured value.

    Accepts the tuple ``(value, unit, time, itemid)`` as well as keyword fields.

    Attributes:
        value: The number.
        unit: Its unit as recorded (``""`` when none was given).
        time: When it was measured (None when unknown, as in free-text notes).
        itemid: The MIMIC-IV item id, when from the database.
        ref_low: Lower limit of the reference range, when recorded (labevents has it).
        ref_high: Upper limit of normal (ULN), when recorded; makes "≤ 1.5 × ULN" computable.
        sentence_ids: Note sentences the value was read from (free-text patients).
        unit_assumed: True when the unit was not written and was inferred.
    """

    value: float
    unit: str = ""
    time: datetime | None = None
    itemid: int | None = None
    ref_low: float | None = None
    ref_high: float | None = None
    sentence_ids: list[int] = Field(default_factory=list)
    unit_assumed: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_tuple(cls, data: Any) -> Any:
        if isinstance(data, list | tuple):
            if not 1 <= len(data) <= 4:
                raise ValueError(
                    f"expected (value, unit, time, itemid) with 1 to 4 items, found {len(data)}"
                )
            keys = ("value", "unit", "time", "itemid")
            return {k: v for k, v in zip(keys, data, strict=False) if v is not None}
        return data


class Condition(BaseModel):
    """A diagnosis the patient has (or, with ``negated``, is stated not to have).

    Attributes:
        title: The diagnosis as written (ICD long title or the words in the note).
        code: ICD code (dots optional), when coded.
        icd_version: 9 or 10, when coded.
        concept: Key in :data:`m3agent.retrieval.trials.diagnoses.DIAGNOSES`, when known (text
            patients; coded patients are matched by code).
        negated: True when the record states the patient does not have it ("denies diabetes").
        time: When it was recorded.
        sentence_ids: Note sentences that mention it.
    """

    title: str
    code: str | None = None
    icd_version: Literal[9, 10] | None = None
    concept: str | None = None
    negated: bool = False
    time: datetime | None = None
    sentence_ids: list[int] = Field(default_factory=list)


class FactEvidence(BaseModel):
    """Where a scalar fact (age, sex, pregnancy) came from."""

    source: str = Field(description="e.g. 'patients.anchor_age' or 'note'.")
    text: str | None = None
    sentence_ids: list[int] = Field(default_factory=list)


class PatientFacts(BaseModel):
    """The facts eligibility predicates are checked against.

    Attributes:
        patient_id: An id (MIMIC-IV ``subject_id`` or a query id).
        age_years: Age in years at the time of matching.
        sex: ``female`` or ``male``.
        pregnant: Pregnancy status (None: unknown).
        breastfeeding: Breastfeeding status (None: unknown).
        conditions: Diagnoses, present or stated absent (``negated``).
        conditions_complete: True when ``conditions`` is a full coded problem list (MIMIC-IV
            ``diagnoses_icd``), so a diagnosis not in it counts as absent; False for notes,
            where an unmentioned diagnosis is unknown.
        labs: Lab and vital-sign values by concept key (see ``LAB_CONCEPTS``).
        text: Free text (the patient note or a summary).
        sentences: The note split into sentences; ids index this list.
        evidence: Provenance of scalar facts, keyed ``age``, ``sex``, ``pregnant``.
        source: ``mimic-iv``, ``text`` or another label of where the facts came from.
    """

    patient_id: str
    age_years: float | None = Field(None, ge=0, le=130)
    sex: Sex | None = None
    pregnant: bool | None = None
    breastfeeding: bool | None = None
    conditions: list[Condition] = Field(default_factory=list)
    conditions_complete: bool = False
    labs: dict[str, list[LabValue]] = Field(default_factory=dict)
    text: str = ""
    sentences: list[str] = Field(default_factory=list)
    evidence: dict[str, FactEvidence] = Field(default_factory=dict)
    source: str = "text"

    @field_validator("sex", mode="before")
    @classmethod
    def _sex(cls, v: Any) -> Any:
        if isinstance(v, str):
            low = v.strip().lower()
            mapping = {
                "f": "female",
                "female": "female",
                "woman": "female",
                "m": "male",
                "male": "male",
                "man": "male",
            }
            if low in mapping:
                return mapping[low]
            raise ValueError(f"expected sex 'female'/'F' or 'male'/'M', found {v!r}")
        return v

    @field_validator("labs")
    @classmethod
    def _known_concepts(cls, v: dict[str, list[LabValue]]) -> dict[str, list[LabValue]]:
        unknown = sorted(set(v) - set(LAB_BY_KEY))
        if unknown:
            raise ValueError(
                f"unknown lab concept(s) {unknown}; expected keys of LAB_CONCEPTS: "
                f"{sorted(LAB_BY_KEY)}"
            )
        return v

    def latest(self, concept: str) -> LabValue | None:
        """Return the most recent value of a lab concept (by time; else the last one listed).

        Criteria ask about the patient's current state ("at screening"), so the latest value
        stands for it.
        """
        values = self.labs.get(concept) or []
        if not values:
            return None
        timed = [v for v in values if v.time is not None]
        if timed:
            return max(timed, key=lambda v: v.time or datetime.min)
        return values[-1]

    def numbered_note(self) -> str:
        """Return the note as TrialGPT numbers it: one ``"<id>. sentence"`` per line."""
        sentences = self.sentences or ([self.text] if self.text else [])
        return "\n".join(f"{i}. {s}" for i, s in enumerate(sentences))
