"""Young Mania Rating Scale (YMRS)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _rated_items as ri
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="ymrs",
    name="Young Mania Rating Scale (YMRS)",
    synonyms=("YMRS", "Young Mania Rating Scale", "Young Mania Scale"),
    category="psychiatry",
    source="Young RC, Biggs JT, Ziegler VE, Meyer DA. A rating scale for mania: reliability, "
    "validity and sensitivity. Br J Psychiatry. 1978;133:429-435.",
    doi="10.1192/bjp.133.5.429",
    output_type="integer",
    description="Eleven clinician-rated manic symptoms over the past 48 hours: seven items 0-4 "
    "and four double-weighted items 0-8 (irritability, speech, content, disruptive-aggressive "
    "behaviour), 0-60; higher is more severe mania.",
)

# Young 1978 anchors (as reprinted with the scale, e.g. mhscales.com/ymrs and the
# PsychCentral reprint): items 1-4, 7, 10 and 11 are rated 0-4; items 5, 6, 8 and 9 carry
# double weight and are anchored at 0, 2, 4, 6 and 8.
ITEMS: dict[str, ri.RatedItem] = {
    "elevated_mood": ri.RatedItem(
        "1. Elevated mood",
        {
            0: ("Absent",),
            1: ("Mildly or possibly increased on questioning",),
            2: (
                "Definite subjective elevation; optimistic, self-confident; cheerful; "
                "appropriate to content",
            ),
            3: ("Elevated; inappropriate to content; humorous",),
            4: ("Euphoric; inappropriate laughter; singing",),
        },
        ("elevated mood", "mood"),
    ),
    "motor_activity": ri.RatedItem(
        "2. Increased motor activity-energy",
        {
            0: ("Absent",),
            1: ("Subjectively increased",),
            2: ("Animated; gestures increased",),
            3: ("Excessive energy; hyperactive at times; restless (can be calmed)",),
            4: ("Motor excitement; continuous hyperactivity (cannot be calmed)",),
        },
        ("motor activity", "energy"),
    ),
    "sexual_interest": ri.RatedItem(
        "3. Sexual interest",
        {
            0: ("Normal; not increased",),
            1: ("Mildly or possibly increased",),
            2: ("Definite subjective increase on questioning",),
            3: (
                "Spontaneous sexual content; elaborates on sexual matters; hypersexual by "
                "self-report",
            ),
            4: ("Overt sexual acts (toward patients, staff, or interviewer)",),
        },
        ("sexual",),
    ),
    "sleep": ri.RatedItem(
        "4. Sleep",
        {
            0: ("Reports no decrease in sleep",),
            1: ("Sleeping less than normal amount by up to one hour",),
            2: ("Sleeping less than normal by more than one hour",),
            3: ("Reports decreased need for sleep",),
            4: ("Denies need for sleep",),
        },
        ("sleep",),
    ),
    "irritability": ri.RatedItem(
        "5. Irritability (double weight)",
        {
            0: ("Absent",),
            2: ("Subjectively increased",),
            4: (
                "Irritable at times during interview; recent episodes of anger or annoyance "
                "on ward",
            ),
            6: ("Frequently irritable during interview; short, curt throughout",),
            8: ("Hostile, uncooperative; interview impossible",),
        },
        ("irritability", "irritable"),
    ),
    "speech": ri.RatedItem(
        "6. Speech (rate and amount) (double weight)",
        {
            0: ("No increase",),
            2: ("Feels talkative",),
            4: ("Increased rate or amount at times, verbose at times",),
            6: ("Push; consistently increased rate and amount; difficult to interrupt",),
            8: ("Pressured; uninterruptible, continuous speech",),
        },
        ("speech rate", "rate and amount", "speech"),
    ),
    "thought_disorder": ri.RatedItem(
        "7. Language-thought disorder",
        {
            0: ("Absent",),
            1: ("Circumstantial; mild distractibility; quick thoughts",),
            2: ("Distractible; loses goal of thought; changes topics frequently; racing thoughts",),
            3: ("Flight of ideas; tangentiality; difficult to follow; rhyming; echolalia",),
            4: ("Incoherent; communication impossible",),
        },
        ("thought disorder", "language"),
    ),
    "content": ri.RatedItem(
        "8. Content (double weight)",
        {
            0: ("Normal",),
            2: ("Questionable plans, new interests",),
            4: ("Special project(s); hyper-religious",),
            6: ("Grandiose or paranoid ideas; ideas of reference",),
            8: ("Delusions; hallucinations",),
        },
        ("content",),
    ),
    "disruptive_aggressive": ri.RatedItem(
        "9. Disruptive-aggressive behaviour (double weight)",
        {
            0: ("Absent, cooperative",),
            2: ("Sarcastic; loud at times, guarded",),
            4: ("Demanding; threats on ward",),
            6: ("Threatens interviewer; shouting; interview difficult",),
            8: ("Assaultive; destructive; interview impossible",),
        },
        ("disruptive", "aggressive"),
    ),
    "appearance": ri.RatedItem(
        "10. Appearance",
        {
            0: ("Appropriate dress and grooming",),
            1: ("Minimally unkempt",),
            2: ("Poorly groomed; moderately dishevelled; overdressed",),
            3: ("Dishevelled; partly clothed; garish make-up",),
            4: ("Completely unkempt; decorated; bizarre garb",),
        },
        ("appearance",),
    ),
    "insight": ri.RatedItem(
        "11. Insight",
        {
            0: ("Present; admits illness; agrees with need for treatment",),
            1: ("Possibly ill",),
            2: ("Admits behaviour change, but denies illness",),
            3: ("Admits possible change in behaviour, but denies illness",),
            4: ("Denies any behaviour change",),
        },
        ("insight",),
    ),
}


class Inputs(CalcInputs):
    """The eleven YMRS ratings (0-4, or 0-8 for the double-weighted items 5, 6, 8, 9).

    Young 1978 encourages rating between the anchors, so any whole number in an item's range
    is accepted.
    """

    elevated_mood: int = ri.item_field(ITEMS["elevated_mood"])
    motor_activity: int = ri.item_field(ITEMS["motor_activity"])
    sexual_interest: int = ri.item_field(ITEMS["sexual_interest"])
    sleep: int = ri.item_field(ITEMS["sleep"])
    irritability: int = ri.item_field(ITEMS["irritability"])
    speech: int = ri.item_field(ITEMS["speech"])
    thought_disorder: int = ri.item_field(ITEMS["thought_disorder"])
    content: int = ri.item_field(ITEMS["content"])
    disruptive_aggressive: int = ri.item_field(ITEMS["disruptive_aggressive"])
    appearance: int = ri.item_field(ITEMS["appearance"])
    insight: int = ri.item_field(ITEMS["insight"])


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the eleven ratings (0-60)."""
    values = inputs.model_dump()
    steps, total = tally((item.label, values[k], values[k]) for k, item in ITEMS.items())
    for step, (k, item) in zip(steps, ITEMS.items(), strict=True):
        anchor = item.options.get(values[k])
        step.detail = anchor[0] if anchor else "rated between the published anchors"
    score = int(total)
    return CalcResult(
        calculator=META.id,
        value=score,
        interpretation=f"YMRS {score}/60: higher scores mean more severe manic symptoms "
        "(Young 1978 publishes no severity bands; follow the change over time).",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc YMRS inputs ('4 (Irritable at times ...)' per item) → kwargs."""
    return ri.read_items(Fields(inputs, META.id), ITEMS)
