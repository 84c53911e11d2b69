"""Brief Addiction Monitor (BAM)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import (
    Fields,
    MedMCPInputError,
    first_number,
    match_option,
)
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="brief_addiction_monitor",
    name="Brief Addiction Monitor (BAM)",
    synonyms=("BAM", "Brief Addiction Monitor"),
    category="psychiatry",
    source="Cacciola JS, Alterman AI, DePhilippis D, et al. Development and initial evaluation "
    "of the Brief Addiction Monitor (BAM). J Subst Abuse Treat. 2013;44(3):256-263; subscales "
    "per the VA BAM manual (Use 4-6; Risk 1, 2, 3, 8, 11, 15; Protective 9, 10, 12, 13, 14, "
    "16); total as MDCalc displays it (the sum of the selected points).",
    doi="10.1016/j.jsat.2012.07.013",
    pmid="22898042",
    output_type="integer",
    description="Seventeen questions on the past 30 days (with drug-specific items 7A-7G) for "
    "patients in substance use treatment, read as Use, Risk and Protective subscales.",
)

# Answer bands of the categorical BAM form: days in the past 30 → 0, 1-3, 4-8, 9-15, 16-30
# scored 0-4; intensity 'Not at all' 0 ... 'Extremely' 4; physical health 'Excellent' 0 ...
# 'Poor' 4; income 'No' 0 / 'Yes' 4 (BAM form, as reprinted on MDCalc and in the VA manual).
DAY_BANDS: tuple[tuple[int, int, int], ...] = (
    (0, 0, 0),
    (1, 3, 1),
    (4, 8, 2),
    (9, 15, 3),
    (16, 30, 4),
)
EXTENT: dict[int, tuple[str, ...]] = {
    0: ("Not at all",),
    1: ("Slightly",),
    2: ("Moderately",),
    3: ("Considerably",),
    4: ("Extremely",),
}
HEALTH: dict[int, tuple[str, ...]] = {
    0: ("Excellent",),
    1: ("Very good",),
    2: ("Good",),
    3: ("Fair",),
    4: ("Poor",),
}
INCOME: dict[int, tuple[str, ...]] = {0: ("No",), 4: ("Yes",)}

#: Input name → (item number and question, answer kind, MedMCP key phrases), in form order.
ITEMS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "physical_health": ("1. Physical health", "health", ("physical health",)),
    "sleep_trouble_nights": ("2. Nights with trouble sleeping", "days", ("insomnia", "sleep")),
    "mood_days": (
        "3. Days depressed, anxious, angry or very upset",
        "days",
        ("depressed", "anxious"),
    ),
    "alcohol_days": ("4. Days drinking any alcohol", "days", ("drink any alcohol", "any alcohol")),
    "heavy_drinking_days": (
        "5. Days with ≥5 drinks (men) / ≥4 drinks (women)",
        "days",
        ("at least 5 drinks", "heavy drinking", "5 drinks"),
    ),
    "drug_days": (
        "6. Days using illegal/street drugs or misusing prescription drugs",
        "days",
        ("illegal", "street drugs"),
    ),
    "marijuana_days": ("7A. Days using marijuana", "days", ("marijuana",)),
    "sedative_days": ("7B. Days using sedatives/tranquilizers", "days", ("sedatives",)),
    "cocaine_days": ("7C. Days using cocaine/crack", "days", ("cocaine",)),
    "stimulant_days": ("7D. Days using other stimulants", "days", ("other stimulants",)),
    "opiate_days": ("7E. Days using opiates", "days", ("opiates",)),
    "inhalant_days": ("7F. Days using inhalants", "days", ("inhalants",)),
    "other_drug_days": ("7G. Days using other drugs", "days", ("other drugs",)),
    "craving": ("8. Bothered by cravings or urges", "extent", ("craving", "urges")),
    "abstinence_confidence": (
        "9. Confidence in staying abstinent next 30 days",
        "extent",
        ("confidence", "confident"),
    ),
    "self_help_days": ("10. Days at self-help meetings", "days", ("self help",)),
    "risky_situation_days": (
        "11. Days in risky situations or with risky people",
        "days",
        ("risky", "increased risk"),
    ),
    "spirituality_support": (
        "12. Religion/spirituality supports recovery",
        "extent",
        ("religion", "spiritual"),
    ),
    "work_school_days": (
        "13. Days spent much of the time at work, school or volunteering",
        "days",
        ("work school", "volunteer"),
    ),
    "enough_income": ("14. Enough legal income for necessities", "income", ("income",)),
    "family_conflict": (
        "15. Bothered by arguments or problems with family/friends",
        "extent",
        ("arguments", "problems getting along"),
    ),
    "supportive_contact_days": (
        "16. Days in contact with supportive family/friends",
        "days",
        ("contact with supportive", "supportive"),
    ),
    "recovery_satisfaction": (
        "17. Satisfaction with progress toward recovery goals",
        "extent",
        ("satisfaction", "satisfied"),
    ),
}

USE = ("alcohol_days", "heavy_drinking_days", "drug_days")
RISK = (
    "physical_health",
    "sleep_trouble_nights",
    "mood_days",
    "craving",
    "risky_situation_days",
    "family_conflict",
)
PROTECTIVE = (
    "abstinence_confidence",
    "self_help_days",
    "spirituality_support",
    "work_school_days",
    "enough_income",
    "supportive_contact_days",
)


def _field(name: str) -> Any:
    label, kind, _ = ITEMS[name]
    if kind == "income":
        return Field(description=f"{label}: True (yes, 4 points) or False (no, 0)")
    if kind == "days":
        return Field(ge=0, le=30, description=f"{label}: number of days 0-30 (past 30 days)")
    anchors = HEALTH if kind == "health" else EXTENT
    levels = "; ".join(f"{k} {v[0]}" for k, v in anchors.items())
    return Field(ge=0, le=4, description=f"{label}: {levels}")


class Inputs(CalcInputs):
    """BAM answers: day counts (0-30), 0-4 ratings, and the income yes/no."""

    physical_health: int = _field("physical_health")
    sleep_trouble_nights: int = _field("sleep_trouble_nights")
    mood_days: int = _field("mood_days")
    alcohol_days: int = _field("alcohol_days")
    heavy_drinking_days: int = _field("heavy_drinking_days")
    drug_days: int = _field("drug_days")
    marijuana_days: int = _field("marijuana_days")
    sedative_days: int = _field("sedative_days")
    cocaine_days: int = _field("cocaine_days")
    stimulant_days: int = _field("stimulant_days")
    opiate_days: int = _field("opiate_days")
    inhalant_days: int = _field("inhalant_days")
    other_drug_days: int = _field("other_drug_days")
    craving: int = _field("craving")
    abstinence_confidence: int = _field("abstinence_confidence")
    self_help_days: int = _field("self_help_days")
    risky_situation_days: int = _field("risky_situation_days")
    spirituality_support: int = _field("spirituality_support")
    work_school_days: int = _field("work_school_days")
    enough_income: bool = _field("enough_income")
    family_conflict: int = _field("family_conflict")
    supportive_contact_days: int = _field("supportive_contact_days")
    recovery_satisfaction: int = _field("recovery_satisfaction")


def day_points(days: int) -> int:
    """Points of a day count on the BAM form (0, 1-3, 4-8, 9-15, 16-30 → 0-4)."""
    for low, high, points in DAY_BANDS:
        if low <= days <= high:
            return points
    raise ValueError(f"expected a number of days 0-30, found {days!r}")


def item_points(inputs: Inputs) -> dict[str, int]:
    """Points of every item (0-4)."""
    out: dict[str, int] = {}
    for name, (_, kind, _) in ITEMS.items():
        raw = getattr(inputs, name)
        if kind == "days":
            out[name] = day_points(raw)
        elif kind == "income":
            out[name] = 4 if raw else 0
        else:
            out[name] = int(raw)
    return out


def compute(inputs: Inputs) -> CalcResult:
    """Item points, the three subscales, and MDCalc's total of the selected points."""
    points = item_points(inputs)
    steps, total = tally((ITEMS[n][0], getattr(inputs, n), p) for n, p in points.items())
    use = sum(points[n] for n in USE)
    risk = sum(points[n] for n in RISK)
    protective = sum(points[n] for n in PROTECTIVE)
    value = int(total)
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=f"BAM {value} points: Use {use}/12, Risk {risk}/24, Protective "
        f"{protective}/24. Higher Use and Risk and lower Protective scores call for a closer "
        "look at the items and the treatment plan.",
        steps=steps,
        warnings=[
            "The BAM developers validate the subscales, not a total: read Use (items 4-6), "
            "Risk (1, 2, 3, 8, 11, 15) and Protective (9, 10, 12, 13, 14, 16); items 7A-7G "
            "detail item 6 and item 17 tracks recovery progress."
        ],
        extra={"use": use, "risk": risk, "protective": protective, "item_points": points},
    )


_RANGE = re.compile(r"^\s*(\d+)\s*[-–]\s*(\d+)\s*$")


def _days(value: Any, *, field: str) -> int:
    """A day count ('20 nights (16-30 category, +4)', '25') or a form band ('9-15') → days."""
    m = _RANGE.match(str(value))
    if m:
        return int(m.group(1))  # a band label: its lowest count has the band's points
    n = first_number(value, field=field)
    if not n.is_integer() or not 0 <= n <= 30:
        raise MedMCPInputError(f"{field}: expected a number of days 0-30, found {value!r}.")
    return int(n)


def _choice(value: Any, options: Mapping[int, tuple[str, ...]], *, field: str) -> int:
    text = re.split(r"[(]", str(value), maxsplit=1)[0].strip() or str(value)
    return int(match_option(text, options, field=field))


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Fair (+3)', '20 days (16-30 category, +4)', '9-15') → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {}
    for name, (_, kind, keys) in ITEMS.items():
        field, value = f.raw(*keys)
        where = f"{META.id}: {field}"
        if kind == "days":
            out[name] = _days(value, field=where)
        elif kind == "income":
            out[name] = _choice(value, INCOME, field=where) == 4
        else:
            out[name] = _choice(value, HEALTH if kind == "health" else EXTENT, field=where)
    return out
