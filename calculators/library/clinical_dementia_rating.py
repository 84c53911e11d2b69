"""Clinical Dementia Rating (CDR): global score from the six box scores."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields, match_option

META = CalculatorMeta(
    id="clinical_dementia_rating",
    name="Clinical Dementia Rating (CDR) Scale",
    synonyms=("CDR", "Clinical Dementia Rating", "CDR global score"),
    category="geriatrics",
    source="Morris JC. The Clinical Dementia Rating (CDR): current version and scoring rules. "
    "Neurology. 1993;43(11):2412-4; scoring rules as published by the Knight ADRC, Washington "
    "University (https://knightadrc.wustl.edu/professionals-clinicians/cdr-dementia-staging-"
    "instrument/cdr-scoring-rules/).",
    output_type="decimal",
    description="Global CDR (0, 0.5, 1, 2, 3) from memory (primary) and five secondary "
    "categories by the Morris 1993 rules; the sum of boxes (0-18) is also reported.",
)

CATEGORIES: dict[str, str] = {
    "memory": "Memory",
    "orientation": "Orientation",
    "judgment": "Judgment and problem solving",
    "community": "Community affairs",
    "home_hobbies": "Home and hobbies",
    "personal_care": "Personal care",
}

# Morris 1993 global stages.
STAGES: dict[float, str] = {
    0: "Normal",
    0.5: "Very mild dementia (questionable)",
    1: "Mild dementia",
    2: "Moderate dementia",
    3: "Severe dementia",
}

# Short anchors of the CDR table (Morris 1993), used to read text answers.
ANCHORS: dict[str, dict[float, tuple[str, ...]]] = {
    "memory": {
        0: ("No memory loss or slight inconsistent forgetfulness",),
        0.5: ("Consistent slight forgetfulness; partial recollection of events",),
        1: ("Moderate memory loss; more marked for recent events",),
        2: ("Severe memory loss; only highly learned material retained",),
        3: ("Severe memory loss; only fragments remain",),
    },
    "orientation": {
        0: ("Fully oriented",),
        0.5: ("Fully oriented except for slight difficulty with time relationships",),
        1: ("Moderate difficulty with time relationships",),
        2: ("Severe difficulty with time relationships",),
        3: ("Oriented to person only",),
    },
    "judgment": {
        0: ("Solves everyday problems and handles business and financial affairs well",),
        0.5: ("Slight impairment in solving problems, similarities and differences",),
        1: ("Moderate difficulty in handling problems, similarities and differences",),
        2: ("Severely impaired in handling problems, similarities and differences",),
        3: ("Unable to make judgments or solve problems",),
    },
    "community": {
        0: ("Independent function at usual level in job, shopping, volunteer and social groups",),
        0.5: ("Slight impairment in these activities",),
        1: ("Unable to function independently at these activities",),
        2: ("No pretense of independent function outside home; appears well enough",),
        3: ("No pretense of independent function outside home; appears too ill",),
    },
    "home_hobbies": {
        0: ("Life at home, hobbies and intellectual interests well maintained",),
        0.5: ("Life at home, hobbies and intellectual interests slightly impaired",),
        1: ("Mild but definite impairment of function at home",),
        2: ("Only simple chores preserved",),
        3: ("No significant function in home",),
    },
    "personal_care": {
        0: ("Fully capable of self-care",),
        1: ("Needs prompting",),
        2: ("Requires assistance in dressing, hygiene, keeping of personal effects",),
        3: ("Requires much help with personal care; frequent incontinence",),
    },
}


def _box(name: str) -> Any:
    levels = "; ".join(f"{k:g} {v[0]}" for k, v in ANCHORS[name].items())
    return Field(ge=0, le=3, description=f"{CATEGORIES[name]} box score: {levels}")


class Inputs(CalcInputs):
    """The six CDR box scores (0, 0.5, 1, 2, 3; personal care has no 0.5)."""

    memory: float = _box("memory")
    orientation: float = _box("orientation")
    judgment: float = _box("judgment")
    community: float = _box("community")
    home_hobbies: float = _box("home_hobbies")
    personal_care: float = _box("personal_care")

    @model_validator(mode="after")
    def _levels(self) -> Inputs:
        for name, anchors in ANCHORS.items():
            v = getattr(self, name)
            if v not in anchors:
                allowed = ", ".join(f"{k:g}" for k in anchors)
                raise ValueError(f"{name}: expected one of {allowed}, found {v:g}")
        return self


def global_cdr(m: float, secondary: list[float]) -> tuple[float, str]:
    """The global CDR from memory ``m`` and the five secondary box scores, with the rule used.

    Rules (Morris 1993; Knight ADRC scoring rules): memory is primary. M = 0: CDR 0 unless two
    or more secondary categories are ≥ 0.5 (then 0.5). M = 0.5: CDR 1 if three or more are ≥ 1,
    else 0.5. Otherwise CDR = M when three or more secondary scores equal M; when three or more
    lie on one side of M, the CDR is the most frequent score on that side (ties: the one closest
    to M), except that three on one side and two on the other gives M; with only one or two
    equal to M and no more than two on either side, CDR = M. With M ≥ 1 the CDR cannot be 0
    (it is 0.5 when the majority of secondary categories are 0).
    """
    if m == 0:
        impaired = sum(s >= 0.5 for s in secondary)
        if impaired >= 2:
            return 0.5, "M = 0 and two or more secondary categories ≥ 0.5"
        return 0.0, "M = 0 and fewer than two secondary categories impaired"
    if m == 0.5:
        if sum(s >= 1 for s in secondary) >= 3:
            return 1.0, "M = 0.5 and three or more secondary categories ≥ 1"
        return 0.5, "M = 0.5 and fewer than three secondary categories ≥ 1"
    same = sum(s == m for s in secondary)
    above = [s for s in secondary if s > m]
    below = [s for s in secondary if s < m]
    if same >= 3:
        return m, "three or more secondary categories equal memory"
    if (len(above) == 3 and len(below) == 2) or (len(below) == 3 and len(above) == 2):
        return m, "three secondary categories on one side of memory and two on the other"
    side = above if len(above) >= 3 else below if len(below) >= 3 else None
    if side is None:
        return m, "no more than two secondary categories on either side of memory"
    counts = Counter(side)
    top = max(counts.values())
    cdr = min((s for s, c in counts.items() if c == top), key=lambda s: abs(s - m))
    rule = "majority of the secondary categories on the side of memory with more of them"
    if cdr == 0:
        return 0.5, "memory ≥ 1 so the CDR cannot be 0 (majority of secondary categories 0)"
    return cdr, rule


def compute(inputs: Inputs) -> CalcResult:
    """Global CDR by the Morris 1993 rules, with the sum of boxes."""
    values = {k: getattr(inputs, k) for k in CATEGORIES}
    secondary = [values[k] for k in CATEGORIES if k != "memory"]
    cdr, rule = global_cdr(values["memory"], secondary)
    boxes = sum(values.values())
    steps = [Step(label=f"{CATEGORIES[k]} box", value=v) for k, v in values.items()]
    steps.append(Step(label="Global CDR", value=cdr, detail=rule))
    shown: int | float = int(cdr) if float(cdr).is_integer() else cdr
    return CalcResult(
        calculator=META.id,
        value=shown,
        interpretation=f"{STAGES[cdr]} (CDR {shown}; sum of boxes {boxes:g}/18).",
        steps=steps,
        extra={"sum_of_boxes": boxes, "stage": STAGES[cdr]},
    )


_BRACKET = re.compile(r"\(\s*(\d(?:\.5)?)\s*\)\s*$")

_KEYS: dict[str, tuple[str, ...]] = {
    "memory": ("memory",),
    "orientation": ("orientation",),
    "judgment": ("judgment", "judgement"),
    "community": ("community",),
    "home_hobbies": ("home", "hobbies"),
    "personal_care": ("personal care",),
}


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (box description, maybe ending in '(1)') → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {}
    for name, keys in _KEYS.items():
        field, value = f.raw(*keys)
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[name] = float(value)
            continue
        m = _BRACKET.search(str(value))
        if m and float(m.group(1)) in ANCHORS[name]:
            out[name] = float(m.group(1))
        else:
            out[name] = match_option(value, ANCHORS[name], field=f"{META.id}: {field}")
    return out
