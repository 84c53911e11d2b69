"""The one trial record both registry formats are read into."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

TrialSex = Literal["ALL", "FEMALE", "MALE"]


class Intervention(BaseModel):
    """A studied intervention (drug, device, procedure, ...)."""

    type: str | None = Field(None, description="Registry type, e.g. DRUG; None when unknown.")
    name: str
    description: str | None = None


class Trial(BaseModel):
    """A clinical trial, as read from ClinicalTrials.gov API v2 JSON or TrialGPT's corpus.

    Attributes:
        nct_id: The registry id, e.g. ``NCT01234567``.
        title: The brief title.
        official_title: The official title, when the registry gives one.
        brief_summary: The registry's brief summary.
        conditions: Conditions studied, as listed by the registry.
        keywords: Registry keywords.
        status: Overall recruitment status (e.g. ``RECRUITING``); None when not given.
        phases: Phases, normalised to the API v2 spelling (``PHASE2``, ``EARLY_PHASE1``, ``NA``).
        sex: The sex eligible to enrol.
        min_age_years: Minimum age in years (None: no lower limit given).
        max_age_years: Maximum age in years (None: no upper limit given).
        healthy_volunteers: Whether healthy volunteers are accepted (None: not stated).
        eligibility_text: The eligibility criteria as one text (Markdown escapes removed).
        inclusion_criteria: The inclusion part of the eligibility text.
        exclusion_criteria: The exclusion part of the eligibility text.
        interventions: The interventions studied.
        source: Which format the record came from.
    """

    nct_id: str
    title: str
    official_title: str | None = None
    brief_summary: str = ""
    conditions: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    status: str | None = None
    phases: list[str] = Field(default_factory=list)
    sex: TrialSex = "ALL"
    min_age_years: float | None = None
    max_age_years: float | None = None
    healthy_volunteers: bool | None = None
    eligibility_text: str = ""
    inclusion_criteria: str = ""
    exclusion_criteria: str = ""
    interventions: list[Intervention] = Field(default_factory=list)
    source: Literal["ctgov_v2", "trialgpt"] = "ctgov_v2"

    def search_text(self) -> str:
        """Return the text indexed for retrieval: title, conditions, interventions, criteria.

        TrialGPT indexes title, conditions and summary plus the criteria for BM25; we keep the
        same fields in one passage (one chunk per trial).
        """
        parts = [
            self.title,
            "Conditions: " + ", ".join(self.conditions) if self.conditions else "",
            "Keywords: " + ", ".join(self.keywords) if self.keywords else "",
            "Interventions: " + ", ".join(i.name for i in self.interventions)
            if self.interventions
            else "",
            self.brief_summary,
            "Inclusion criteria: " + self.inclusion_criteria if self.inclusion_criteria else "",
            "Exclusion criteria: " + self.exclusion_criteria if self.exclusion_criteria else "",
        ]
        return "\n".join(p for p in parts if p)
