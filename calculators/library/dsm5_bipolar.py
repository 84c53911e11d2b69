"""DSM-5 criteria for bipolar I and bipolar II disorder (manic, hypomanic, depressive episodes)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _dsm5_depressive_episode as mde
from m3agent.calculators.library._medmcp_fields import Fields, match_option, norm, parse_yes

META = CalculatorMeta(
    id="dsm5_bipolar",
    name="DSM-5 Criteria for Bipolar Disorder",
    synonyms=(
        "DSM-5 bipolar disorder",
        "DSM-5 bipolar criteria",
        "DSM-5 bipolar I/II disorder",
    ),
    category="psychiatry",
    source="American Psychiatric Association. Diagnostic and Statistical Manual of Mental "
    "Disorders, Fifth Edition (DSM-5). Arlington, VA: American Psychiatric Publishing; 2013: "
    "Bipolar I Disorder (manic episode criteria A-D, hypomanic episode A-F, major depressive "
    "episode A-C) and Bipolar II Disorder. As laid out by MDCalc calc/10196.",
    output_type="text",
    description="Bipolar I: at least one manic episode; bipolar II: at least one hypomanic and "
    "one major depressive episode and never a manic episode; in both, the episodes are not "
    "better explained by a schizophrenia-spectrum or other psychotic disorder.",
)

MoodOption = Literal["none", "elevated_or_expansive", "irritable_only"]

#: Manic / hypomanic criterion B symptoms (DSM-5 wording), shared by both episode types.
MANIC_SYMPTOMS: dict[str, str] = {
    "grandiosity": "Inflated self-esteem or grandiosity",
    "decreased_sleep": "Decreased need for sleep",
    "talkative": "More talkative than usual or pressure to keep talking",
    "racing_thoughts": "Flight of ideas or subjective experience that thoughts are racing",
    "distractibility": "Distractibility, as reported or observed",
    "goal_directed": "Increase in goal-directed activity or psychomotor agitation",
    "risky_activities": "Excessive involvement in activities with a high potential for painful "
    "consequences",
}

#: MedMCP-Calc key phrases of each manic symptom.
_MANIC_KEYS: dict[str, tuple[str, ...]] = {
    "grandiosity": ("grandiosity", "self esteem"),
    "decreased_sleep": ("sleep",),
    "talkative": ("talkative", "pressure", "pressured"),
    "racing_thoughts": ("flight", "racing"),
    "distractibility": ("distractib",),
    "goal_directed": ("goal directed", "agitation"),
    "risky_activities": ("painful", "risky", "excessive involvement"),
}

#: Major depressive episode criterion A symptoms (wording in :data:`mde.SYMPTOMS`) → MedMCP
#: key phrases.
_DEPRESSIVE_KEYS: dict[str, tuple[str, ...]] = {
    "depressed_mood": ("depressed mood",),
    "anhedonia": ("interest", "pleasure", "anhedonia"),
    "weight_appetite": ("weight", "appetite"),
    "sleep": ("insomnia", "hypersomnia", "sleep"),
    "psychomotor": ("psychomotor",),
    "fatigue": ("fatigue", "energy"),
    "worthlessness": ("worthless", "guilt"),
    "concentration": ("concentrat", "think", "indecis"),
    "death_thoughts": ("death", "suicid"),
}


def _mood(episode: str, days: str) -> Any:
    return Field(
        description=f"{episode} A: distinct period of abnormally and persistently elevated, "
        f"expansive or irritable mood AND abnormally and persistently increased activity or "
        f"energy, most of the day, nearly every day ({days}); 'none' when there was no such "
        "period, 'irritable_only' when the mood was only irritable (4 symptoms then needed)"
    )


def _manic(episode: str, key: str) -> Any:
    return Field(description=f"{episode} B: {MANIC_SYMPTOMS[key]}")


def _depressive(key: str) -> Any:
    return mde.symptom_field(key, "Major depressive episode A")


class Inputs(CalcInputs):
    """The three episode types of DSM-5 and the psychotic-disorder exclusion (all required)."""

    not_better_explained_by_psychotic_disorder: bool = Field(
        description="Episode(s) not better explained by schizoaffective disorder, schizophrenia, "
        "schizophreniform disorder, delusional disorder or another schizophrenia-spectrum or "
        "psychotic disorder"
    )
    # Manic episode (criteria A-D).
    manic_mood: MoodOption = _mood("Manic episode", "any duration if hospitalized")
    manic_grandiosity: bool = _manic("Manic episode", "grandiosity")
    manic_decreased_sleep: bool = _manic("Manic episode", "decreased_sleep")
    manic_talkative: bool = _manic("Manic episode", "talkative")
    manic_racing_thoughts: bool = _manic("Manic episode", "racing_thoughts")
    manic_distractibility: bool = _manic("Manic episode", "distractibility")
    manic_goal_directed: bool = _manic("Manic episode", "goal_directed")
    manic_risky_activities: bool = _manic("Manic episode", "risky_activities")
    manic_one_week_or_hospitalized: bool = Field(
        description="Manic episode A: lasted at least 1 week (any duration if hospitalization "
        "was necessary)"
    )
    manic_marked_impairment: bool = Field(
        description="Manic episode C: marked impairment in social or occupational functioning, "
        "or hospitalization to prevent harm to self or others, or psychotic features"
    )
    manic_not_substance_or_medical: bool = Field(
        description="Manic episode D: not attributable to a substance or another medical condition"
    )
    # Hypomanic episode (criteria A-F).
    hypomanic_mood: MoodOption = _mood("Hypomanic episode", "at least 4 consecutive days")
    hypomanic_grandiosity: bool = _manic("Hypomanic episode", "grandiosity")
    hypomanic_decreased_sleep: bool = _manic("Hypomanic episode", "decreased_sleep")
    hypomanic_talkative: bool = _manic("Hypomanic episode", "talkative")
    hypomanic_racing_thoughts: bool = _manic("Hypomanic episode", "racing_thoughts")
    hypomanic_distractibility: bool = _manic("Hypomanic episode", "distractibility")
    hypomanic_goal_directed: bool = _manic("Hypomanic episode", "goal_directed")
    hypomanic_risky_activities: bool = _manic("Hypomanic episode", "risky_activities")
    hypomanic_four_days: bool = Field(
        description="Hypomanic episode A: lasted at least 4 consecutive days"
    )
    hypomanic_change_in_functioning: bool = Field(
        description="Hypomanic episode C: unequivocal change in functioning, uncharacteristic of "
        "the individual when not symptomatic"
    )
    hypomanic_observable_by_others: bool = Field(
        description="Hypomanic episode D: the mood disturbance and change in functioning are "
        "observable by others"
    )
    hypomanic_not_severe: bool = Field(
        description="Hypomanic episode E: not severe enough to cause marked impairment or "
        "hospitalization, and no psychotic features (if there are, the episode is manic)"
    )
    hypomanic_not_substance_or_medical: bool = Field(
        description="Hypomanic episode F: not attributable to a substance or another medical "
        "condition"
    )
    # Major depressive episode (criteria A-C).
    depressed_mood: bool = _depressive("depressed_mood")
    anhedonia: bool = _depressive("anhedonia")
    weight_appetite: bool = _depressive("weight_appetite")
    sleep: bool = _depressive("sleep")
    psychomotor: bool = _depressive("psychomotor")
    fatigue: bool = _depressive("fatigue")
    worthlessness: bool = _depressive("worthlessness")
    concentration: bool = _depressive("concentration")
    death_thoughts: bool = _depressive("death_thoughts")
    depressive_two_weeks: bool = Field(
        description="Major depressive episode A: the symptoms were present during the same "
        "2-week period and are a change from previous functioning"
    )
    depressive_distress_or_impairment: bool = Field(
        description="Major depressive episode B: clinically significant distress or impairment"
    )
    depressive_not_substance_or_medical: bool = Field(
        description="Major depressive episode C: not attributable to a substance or another "
        "medical condition"
    )


def _needed(mood: MoodOption) -> int:
    # DSM-5 manic / hypomanic criterion B: "three (or more) ... (four if the mood is only
    # irritable)".
    return 4 if mood == "irritable_only" else 3


def _elated_episode(
    inputs: Inputs, prefix: str, label: str, extra: list[tuple[str, str]]
) -> tuple[bool, list[Step]]:
    """Check a manic or hypomanic episode: A (mood + duration), B (symptoms), and the rest."""
    mood: MoodOption = getattr(inputs, f"{prefix}_mood")
    count = sum(bool(getattr(inputs, f"{prefix}_{k}")) for k in MANIC_SYMPTOMS)
    need = _needed(mood)
    steps = [Step(label=f"{label} A: mood and energy disturbance", value=mood)]
    steps += [
        Step(label=f"{label} B: {text}", value=getattr(inputs, f"{prefix}_{k}"))
        for k, text in MANIC_SYMPTOMS.items()
    ]
    met = mood != "none"
    steps.append(
        Step(label=f"{label} B: ≥ {need} symptoms", value=count >= need, detail=f"{count} of 7")
    )
    met = met and count >= need
    for field, text in extra:
        v = bool(getattr(inputs, field))
        steps.append(Step(label=f"{label} {text}", value=v))
        met = met and v
    steps.append(Step(label=f"{label} criteria met", value=met))
    return met, steps


def _depressive_episode(inputs: Inputs) -> tuple[bool, list[Step]]:
    """Check a major depressive episode: ≥ 5 of 9 with mood or interest, 2 weeks, B, C."""
    count, core = mde.criterion_a(inputs)
    steps = [
        Step(label=f"Major depressive episode A: {text}", value=getattr(inputs, k))
        for k, text in mde.SYMPTOMS.items()
    ]
    checks = [
        ("A: ≥ 5 of 9 symptoms", count >= 5, f"{count} of 9"),
        ("A: depressed mood or loss of interest among them", core, None),
        ("A: same 2-week period", inputs.depressive_two_weeks, None),
        ("B: distress or impairment", inputs.depressive_distress_or_impairment, None),
        (
            "C: not due to a substance or medical condition",
            inputs.depressive_not_substance_or_medical,
            None,
        ),
    ]
    met = True
    for text, v, detail in checks:
        steps.append(Step(label=f"Major depressive episode {text}", value=v, detail=detail))
        met = met and bool(v)
    steps.append(Step(label="Major depressive episode criteria met", value=met))
    return met, steps


def compute(inputs: Inputs) -> CalcResult:
    """Bipolar I if a manic episode; bipolar II if hypomanic + major depressive, never manic."""
    manic, steps = _elated_episode(
        inputs,
        "manic",
        "Manic episode",
        [
            ("manic_one_week_or_hospitalized", "A: ≥ 1 week (or hospitalized)"),
            ("manic_marked_impairment", "C: marked impairment, hospitalization or psychosis"),
            ("manic_not_substance_or_medical", "D: not due to a substance or medical condition"),
        ],
    )
    hypomanic, more = _elated_episode(
        inputs,
        "hypomanic",
        "Hypomanic episode",
        [
            ("hypomanic_four_days", "A: ≥ 4 consecutive days"),
            ("hypomanic_change_in_functioning", "C: unequivocal change in functioning"),
            ("hypomanic_observable_by_others", "D: observable by others"),
            ("hypomanic_not_severe", "E: no marked impairment, hospitalization or psychosis"),
            ("hypomanic_not_substance_or_medical", "F: not due to a substance or medical"),
        ],
    )
    steps += more
    depressive, more = _depressive_episode(inputs)
    steps += more
    excluded = not inputs.not_better_explained_by_psychotic_disorder
    steps.append(Step(label="Not better explained by a psychotic disorder", value=not excluded))
    if excluded:
        value = "Not positive"
        reading = (
            "Not positive for bipolar I/II disorder by DSM-5 criteria: the episodes are better "
            "explained by a schizophrenia-spectrum or other psychotic disorder"
        )
    elif manic:
        value = "Bipolar I disorder"
        reading = "Bipolar I disorder: positive by DSM-5 criteria (at least one manic episode)"
    elif hypomanic and depressive:
        value = "Bipolar II disorder"
        reading = (
            "Bipolar II disorder: positive by DSM-5 criteria (a hypomanic and a major "
            "depressive episode, never a manic episode)"
        )
    else:
        value = "Not positive"
        reading = "Not positive for bipolar I/II disorder by DSM-5 criteria"
    return CalcResult(
        calculator=META.id,
        value=value,
        interpretation=reading,
        steps=steps,
        extra={"manic": manic, "hypomanic": hypomanic, "major_depressive": depressive},
    )


_MOOD_OPTIONS: dict[str, tuple[str, ...]] = {
    "none": ("none", "no", "absent", "not present"),
    "elevated_or_expansive": ("elevated", "expansive", "euphoric", "yes", "present"),
    "irritable_only": ("irritable only", "only irritable", "irritable"),
}


def _read_mood(field: str, value: Any) -> MoodOption:
    """'Yes (euphoric)' → elevated; 'Yes, irritable only' → irritable_only; 'No' → none."""
    text = norm(value)
    if text.split()[:1] in (["no"], ["none"], ["absent"]):
        return "none"
    if "irritab" in text and not any(w in text for w in ("elevated", "expansive", "euphor")):
        return "irritable_only"
    return match_option(value, _MOOD_OPTIONS, field=field)


def _sections(inputs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Split the items by the episode their field name names (others go to 'general')."""
    out: dict[str, list[dict[str, Any]]] = {
        "manic": [],
        "hypomanic": [],
        "depressive": [],
        "general": [],
    }
    for item in inputs:
        name = norm(item.get("field", "")) if isinstance(item, dict) else ""
        if "hypomani" in name:
            out["hypomanic"].append(item)
        elif "mani" in name:
            out["manic"].append(item)
        elif "depressive episode" in name or name.startswith(("mde", "major depress")):
            out["depressive"].append(item)
        else:
            out["general"].append(item)
    return out


def _elated_kwargs(items: list[dict[str, Any]], prefix: str) -> dict[str, Any]:
    f = Fields(items, META.id)
    field, value = f.raw("mood", "period", "criterion a")
    out: dict[str, Any] = {f"{prefix}_mood": _read_mood(field, value)}
    for key, keys in _MANIC_KEYS.items():
        out[f"{prefix}_{key}"] = f.yes(*keys, exclude=("mood",))
    return out


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → kwargs.

    Field names are expected to name their episode ('Manic episode: grandiosity', 'Hypomanic
    episode: lasted ≥ 4 days', 'Major depressive episode: fatigue'); depressive symptoms and the
    psychotic-disorder exclusion may also stand without a prefix.
    """
    Fields(inputs, META.id)  # validates the list shape with a clear error
    s = _sections(inputs)
    out: dict[str, Any] = {}
    general = Fields(s["general"] + s["depressive"], META.id)
    out["not_better_explained_by_psychotic_disorder"] = _not_psychotic(general)
    out |= _elated_kwargs(s["manic"], "manic")
    manic = Fields(s["manic"], META.id)
    out["manic_one_week_or_hospitalized"] = manic.yes("week", "duration", "hospitaliz")
    out["manic_marked_impairment"] = manic.yes("impairment", "psychotic features", "severity")
    out["manic_not_substance_or_medical"] = manic.yes("substance", "medical")
    out |= _elated_kwargs(s["hypomanic"], "hypomanic")
    hypo = Fields(s["hypomanic"], META.id)
    out["hypomanic_four_days"] = hypo.yes("4 days", "four days", "days", "duration")
    out["hypomanic_change_in_functioning"] = hypo.yes("change in functioning", "unequivocal")
    out["hypomanic_observable_by_others"] = hypo.yes("observable", "others")
    out["hypomanic_not_severe"] = hypo.yes("not severe", "severe")
    out["hypomanic_not_substance_or_medical"] = hypo.yes("substance", "medical")
    depressive = Fields(s["depressive"] + s["general"], META.id)
    for key, keys in _DEPRESSIVE_KEYS.items():
        out[key] = depressive.yes(*keys, exclude=("week", "distress", "substance", "psychotic"))
    out["depressive_two_weeks"] = depressive.yes("2 week", "two week", "week")
    out["depressive_distress_or_impairment"] = depressive.yes("distress", "impairment")
    out["depressive_not_substance_or_medical"] = depressive.yes("substance", "medical")
    return out


def _not_psychotic(f: Fields) -> bool:
    """The exclusion is asked either way round: 'not better explained' or 'better explained'."""
    field, value = f.raw("better explained", "psychotic", "schizo")
    answer = parse_yes(value, field=field)
    negated = "not" in norm(field).split()
    return answer if negated else not answer
