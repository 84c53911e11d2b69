"""Mood Disorder Questionnaire (MDQ) screen for bipolar spectrum disorder."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="mdq",
    name="Mood Disorder Questionnaire (MDQ)",
    synonyms=("MDQ", "Mood Disorder Questionnaire", "MDQ bipolar screen"),
    category="psychiatry",
    source="Hirschfeld RM, Williams JB, Spitzer RL, et al. Development and validation of a "
    "screening instrument for bipolar spectrum disorder: the Mood Disorder Questionnaire. "
    "Am J Psychiatry. 2000;157(11):1873-1875.",
    output_type="integer",
    description="Thirteen yes/no lifetime manic or hypomanic symptoms plus two questions "
    "(symptoms clustered in one period; how much of a problem they caused); 7 or more "
    "symptoms, clustering and a moderate or serious problem make a positive screen.",
)

#: Question 1 items (input name → form wording, MedMCP key phrases), in form order.
SYMPTOMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "felt_hyper": (
        "Felt so good or so hyper that other people thought you were not your normal self, "
        "or so hyper that you got into trouble",
        ("hyper", "felt so good"),
    ),
    "irritable": (
        "So irritable that you shouted at people or started fights or arguments",
        ("irritable",),
    ),
    "self_confident": ("Felt much more self-confident than usual", ("self confident",)),
    "less_sleep": (
        "Got much less sleep than usual and found you didn't really miss it",
        ("less sleep", "sleep"),
    ),
    "talkative": (
        "Much more talkative or spoke much faster than usual",
        ("talkative", "spoke faster"),
    ),
    "racing_thoughts": (
        "Thoughts raced through your head or you couldn't slow your mind down",
        ("thoughts raced", "racing", "slow your mind"),
    ),
    "distracted": (
        "So easily distracted by things around you that you had trouble concentrating or "
        "staying on track",
        ("distracted",),
    ),
    "more_energy": ("Had much more energy than usual", ("energy",)),
    "more_active": (
        "Much more active or did many more things than usual",
        ("more active", "active"),
    ),
    "more_social": (
        "Much more social or outgoing than usual, for example telephoning friends in the "
        "middle of the night",
        ("social", "outgoing"),
    ),
    "more_sex": ("Much more interested in sex than usual", ("sex",)),
    "risky_things": (
        "Did things that were unusual for you or that other people might have thought were "
        "excessive, foolish or risky",
        ("risky", "foolish", "unusual for you"),
    ),
    "spending": (
        "Spending money got you or your family into trouble",
        ("spending", "money"),
    ),
}

Problem = Literal["no_problem", "minor_problem", "moderate_problem", "serious_problem"]

#: Question 3 answers as printed on the form.
PROBLEMS: dict[str, tuple[str, ...]] = {
    "no_problem": ("No problem",),
    "minor_problem": ("Minor problem",),
    "moderate_problem": ("Moderate problem",),
    "serious_problem": ("Serious problem",),
}

# Hirschfeld 2000: a positive screen needs "yes" to 7 or more of the 13 Question 1 items, "yes"
# to Question 2 and "moderate" or "serious" problem on Question 3.
SYMPTOM_THRESHOLD = 7
IMPAIRING: tuple[str, ...] = ("moderate_problem", "serious_problem")


def _symptom(name: str) -> Any:
    return Field(description=f"Q1: ever a period when you {SYMPTOMS[name][0].lower()}?")


class Inputs(CalcInputs):
    """The 13 Question 1 items, the clustering question and the problem question."""

    felt_hyper: bool = _symptom("felt_hyper")
    irritable: bool = _symptom("irritable")
    self_confident: bool = _symptom("self_confident")
    less_sleep: bool = _symptom("less_sleep")
    talkative: bool = _symptom("talkative")
    racing_thoughts: bool = _symptom("racing_thoughts")
    distracted: bool = _symptom("distracted")
    more_energy: bool = _symptom("more_energy")
    more_active: bool = _symptom("more_active")
    more_social: bool = _symptom("more_social")
    more_sex: bool = _symptom("more_sex")
    risky_things: bool = _symptom("risky_things")
    spending: bool = _symptom("spending")
    same_period: bool = Field(
        description="Q2: have several of these ever happened during the same period of time?"
    )
    problem: Problem = Field(
        description="Q3: how much of a problem did any of these cause you (work, family, money, "
        "legal trouble, arguments)? no_problem, minor_problem, moderate_problem, serious_problem"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Count the Question 1 'yes' answers and apply the three-part screening rule."""
    score = Score()
    for name, (label, _) in SYMPTOMS.items():
        score.flag(label, getattr(inputs, name), 1)
    count = int(score.value)
    criteria = {
        f"Q1: {SYMPTOM_THRESHOLD} or more of 13 symptoms": count >= SYMPTOM_THRESHOLD,
        "Q2: several symptoms in the same period": inputs.same_period,
        "Q3: moderate or serious problem": inputs.problem in IMPAIRING,
    }
    for label, met in criteria.items():
        score.add(label, met, 0, "met" if met else "not met")
    positive = all(criteria.values())
    unmet = [label for label, met in criteria.items() if not met]
    if positive:
        interpretation = (
            f"Positive screen for bipolar spectrum disorder ({count}/13 symptoms, clustered, "
            f"{inputs.problem.replace('_', ' ')}): needs a full diagnostic evaluation."
        )
    else:
        interpretation = f"Negative screen ({count}/13 symptoms); not met: {'; '.join(unmet)}."
    return CalcResult(
        calculator=META.id,
        value=count,
        interpretation=interpretation,
        steps=score.steps,
        warnings=["A screen, not a diagnosis: confirm with a clinical interview (DSM-5)."],
        extra={"positive_screen": positive, "symptom_count": count},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc MDQ inputs (each symptom Yes/No, clustering Yes/No, problem text) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {name: f.yes(*keys) for name, (_, keys) in SYMPTOMS.items()}
    out["same_period"] = f.yes("same period", "same time", "question 2", "q2")
    out["problem"] = f.option("problem", "question 3", "q3", options=PROBLEMS)
    return out
