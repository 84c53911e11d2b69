"""MedMCP-Calc one-task calculators (session 7, batch a): DSM-5 bipolar, plasmapheresis.

Covered: DSM-5 Criteria for Bipolar Disorder and the Therapeutic Plasmapheresis Calculator.
Neither name has a dev item, so each is checked with hand-worked examples, its ``from_medmcp``
adapter on benchmark-style inputs (through ``medmcp_calc.score_answer``), and bad inputs.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError, get_calculator

from calc_testkit import assert_name_resolves, dev_rows, items, run, score

NAMES = {
    "DSM-5 Criteria for Bipolar Disorder": "dsm5_bipolar",
    "Therapeutic Plasmapheresis Calculator": "therapeutic_plasmapheresis",
}


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_no_dev_items_for_these_names() -> None:
    # Both names are used by one task outside the dev split.
    assert dev_rows(NAMES) == []


# --- DSM-5 bipolar I / II ------------------------------------------------------------------

MANIC_KEYS = (
    "grandiosity",
    "decreased_sleep",
    "talkative",
    "racing_thoughts",
    "distractibility",
    "goal_directed",
    "risky_activities",
)
DEPRESSIVE_KEYS = (
    "depressed_mood",
    "anhedonia",
    "weight_appetite",
    "sleep",
    "psychomotor",
    "fatigue",
    "worthlessness",
    "concentration",
    "death_thoughts",
)


def nothing() -> dict[str, Any]:
    """Every criterion absent (no episode of any kind), the exclusion satisfied."""
    out: dict[str, Any] = {"not_better_explained_by_psychotic_disorder": True}
    for prefix in ("manic", "hypomanic"):
        out[f"{prefix}_mood"] = "none"
        out |= {f"{prefix}_{k}": False for k in MANIC_KEYS}
    out |= {
        "manic_one_week_or_hospitalized": False,
        "manic_marked_impairment": False,
        "manic_not_substance_or_medical": False,
        "hypomanic_four_days": False,
        "hypomanic_change_in_functioning": False,
        "hypomanic_observable_by_others": False,
        "hypomanic_not_severe": False,
        "hypomanic_not_substance_or_medical": False,
        "depressive_two_weeks": False,
        "depressive_distress_or_impairment": False,
        "depressive_not_substance_or_medical": False,
    }
    out |= {k: False for k in DEPRESSIVE_KEYS}
    return out


def manic(symptoms: int, mood: str = "elevated_or_expansive") -> dict[str, Any]:
    """A manic episode with the first ``symptoms`` criterion B symptoms and A, C, D met."""
    out = {"manic_mood": mood} | {f"manic_{k}": i < symptoms for i, k in enumerate(MANIC_KEYS)}
    return out | {
        "manic_one_week_or_hospitalized": True,
        "manic_marked_impairment": True,
        "manic_not_substance_or_medical": True,
    }


def hypomanic(symptoms: int, mood: str = "elevated_or_expansive") -> dict[str, Any]:
    """A hypomanic episode with ``symptoms`` criterion B symptoms and A, C-F met."""
    out = {"hypomanic_mood": mood}
    out |= {f"hypomanic_{k}": i < symptoms for i, k in enumerate(MANIC_KEYS)}
    return out | {
        "hypomanic_four_days": True,
        "hypomanic_change_in_functioning": True,
        "hypomanic_observable_by_others": True,
        "hypomanic_not_severe": True,
        "hypomanic_not_substance_or_medical": True,
    }


def depressive(symptoms: int) -> dict[str, Any]:
    """A major depressive episode with the first ``symptoms`` of 9 (depressed mood first)."""
    out = {k: i < symptoms for i, k in enumerate(DEPRESSIVE_KEYS)}
    return out | {
        "depressive_two_weeks": True,
        "depressive_distress_or_impairment": True,
        "depressive_not_substance_or_medical": True,
    }


def bipolar(**parts: Any) -> Any:
    return run("dsm5_bipolar", **{**nothing(), **parts})


def test_bipolar_one_manic_episode_is_bipolar_i() -> None:
    # Elevated mood + grandiosity, decreased sleep, talkative (3 of 7, 3 needed), 1 week,
    # hospitalized, not substance-induced → manic episode → bipolar I (no depression needed).
    r = bipolar(**manic(3))
    assert r.value == "Bipolar I disorder"
    assert r.interpretation.startswith("Bipolar I disorder")
    assert r.extra == {"manic": True, "hypomanic": False, "major_depressive": False}


def test_bipolar_irritable_mood_needs_four_symptoms() -> None:
    # DSM-5 B: 3 symptoms, 4 if the mood is only irritable.
    assert bipolar(**manic(3, "irritable_only")).value == "Not positive"
    assert bipolar(**manic(4, "irritable_only")).value == "Bipolar I disorder"
    assert bipolar(**manic(2)).value == "Not positive"


def test_bipolar_each_manic_criterion_is_required() -> None:
    for field in (
        "manic_one_week_or_hospitalized",
        "manic_marked_impairment",
        "manic_not_substance_or_medical",
    ):
        assert bipolar(**{**manic(7), field: False}).value == "Not positive", field
    assert bipolar(**{**manic(7), "manic_mood": "none"}).value == "Not positive"


def test_bipolar_ii_needs_hypomanic_and_major_depressive_episodes() -> None:
    # Hypomania (3 symptoms, ≥ 4 days, observable change, not severe) + major depression
    # (5 of 9 including depressed mood, 2 weeks, impairment) and never mania → bipolar II.
    r = bipolar(**hypomanic(3), **depressive(5))
    assert r.value == "Bipolar II disorder"
    assert r.interpretation.startswith("Bipolar II disorder")
    # Hypomania alone, or with only 4 depressive symptoms → not positive.
    assert bipolar(**hypomanic(3)).value == "Not positive"
    assert bipolar(**hypomanic(3), **depressive(4)).value == "Not positive"
    # A hypomanic episode severe enough for marked impairment is not hypomanic (criterion E).
    severe = {**hypomanic(3), "hypomanic_not_severe": False}
    assert bipolar(**severe, **depressive(9)).value == "Not positive"


def test_bipolar_depression_needs_mood_or_interest() -> None:
    # 5 symptoms but neither depressed mood nor anhedonia: not a major depressive episode.
    five_without_core = depressive(7) | {"depressed_mood": False, "anhedonia": False}
    assert bipolar(**hypomanic(3), **five_without_core).value == "Not positive"


def test_bipolar_mania_wins_over_hypomania_and_exclusion_overrides() -> None:
    both = {**manic(3), **hypomanic(3), **depressive(5)}
    assert bipolar(**both).value == "Bipolar I disorder"
    excluded = bipolar(**both, not_better_explained_by_psychotic_disorder=False)
    assert excluded.value == "Not positive"
    assert "psychotic disorder" in excluded.interpretation


def test_bipolar_steps_cover_every_criterion() -> None:
    r = bipolar(**manic(3))
    labels = [s.label for s in r.steps]
    assert sum(label.startswith("Manic episode B: ") for label in labels) == 8  # 7 + count
    assert "Manic episode criteria met" in labels
    assert "Major depressive episode criteria met" in labels


def bipolar_items(
    manic_yes: int, hypomanic_yes: int, depressive_yes: int, mood: str = "Yes (euphoric)"
) -> list[dict[str, Any]]:
    """MDCalc-style items: each field names its episode; 'Yes'/'No' answers."""

    def yn(flag: bool) -> str:
        return "Yes" if flag else "No"

    manic_labels = (
        "Inflated self-esteem or grandiosity",
        "Decreased need for sleep",
        "More talkative than usual or pressure to keep talking",
        "Flight of ideas or racing thoughts",
        "Distractibility",
        "Increase in goal-directed activity or psychomotor agitation",
        "Excessive involvement in activities with painful consequences",
    )
    out = [{"field": "Episodes not better explained by a psychotic disorder", "value": "Yes"}]
    for episode, n in (("Manic episode", manic_yes), ("Hypomanic episode", hypomanic_yes)):
        out.append({"field": f"{episode}: elevated/irritable mood and energy", "value": mood})
        out += [
            {"field": f"{episode}: {label}", "value": yn(i < n)}
            for i, label in enumerate(manic_labels)
        ]
    met = yn(manic_yes > 0)
    out += [
        {"field": "Manic episode: lasted at least 1 week or hospitalized", "value": met},
        {"field": "Manic episode: marked impairment or psychotic features", "value": met},
        {"field": "Manic episode: not attributable to a substance", "value": "Yes"},
    ]
    hyp = yn(hypomanic_yes > 0)
    out += [
        {"field": "Hypomanic episode: lasted at least 4 consecutive days", "value": hyp},
        {"field": "Hypomanic episode: unequivocal change in functioning", "value": hyp},
        {"field": "Hypomanic episode: observable by others", "value": hyp},
        {"field": "Hypomanic episode: not severe enough for marked impairment", "value": hyp},
        {"field": "Hypomanic episode: not attributable to a substance", "value": "Yes"},
    ]
    depressive_labels = (
        "Depressed mood",
        "Loss of interest or pleasure",
        "Weight or appetite change",
        "Insomnia or hypersomnia",
        "Psychomotor agitation or retardation",
        "Fatigue or loss of energy",
        "Worthlessness or guilt",
        "Diminished ability to concentrate",
        "Recurrent thoughts of death or suicidal ideation",
    )
    out += [
        {"field": f"Major depressive episode: {label}", "value": yn(i < depressive_yes)}
        for i, label in enumerate(depressive_labels)
    ]
    out += [
        {"field": "Major depressive episode: same 2-week period", "value": "Yes"},
        {"field": "Major depressive episode: distress or impairment", "value": "Yes"},
        {"field": "Major depressive episode: not attributable to a substance", "value": "Yes"},
    ]
    return out


def test_bipolar_adapter_through_the_scorer() -> None:
    name = "DSM-5 Criteria for Bipolar Disorder"
    assert score(name, bipolar_items(3, 0, 0), "Bipolar I disorder").status == "matched"
    assert score(name, bipolar_items(0, 3, 5), "Bipolar II disorder").status == "matched"
    assert score(name, bipolar_items(0, 3, 4), "Not positive").status == "matched"
    # 'Yes, irritable only' needs 4 symptoms.
    irritable = bipolar_items(3, 0, 0, mood="Yes, irritable only")
    assert score(name, irritable, "Not positive").status == "matched"
    assert score(name, bipolar_items(3, 0, 0), "Not positive").status == "mismatch"


def test_bipolar_adapter_reads_a_negated_exclusion_question() -> None:
    inputs = bipolar_items(3, 0, 0)
    inputs[0] = {"field": "Better explained by schizoaffective disorder", "value": "Yes"}
    r = get_calculator("dsm5_bipolar")
    kwargs = r.module.from_medmcp(inputs)
    assert kwargs["not_better_explained_by_psychotic_disorder"] is False


def test_bipolar_bad_inputs() -> None:
    data = nothing()
    del data["manic_marked_impairment"]
    with pytest.raises(CalculatorInputError) as e:
        run("dsm5_bipolar", **data)
    assert "manic_marked_impairment" in e.value.fields
    with pytest.raises(CalculatorInputError) as e:
        run("dsm5_bipolar", **{**nothing(), "manic_mood": "sad"})
    assert "manic_mood" in e.value.fields
    with pytest.raises(AdapterError, match="no input field"):
        get_calculator("dsm5_bipolar").module.from_medmcp(bipolar_items(3, 0, 0)[:5])


# --- Therapeutic plasmapheresis -------------------------------------------------------------


def test_plasmapheresis_one_plasma_volume() -> None:
    # e^-1 = 0.367879 → 36.79% remains, 63.21% removed.
    r = run("therapeutic_plasmapheresis", plasma_volumes_exchanged=1)
    assert r.value == pytest.approx(36.79, abs=0.005)
    assert r.unit == "%"
    assert r.extra["percent_removed"] == pytest.approx(63.21, abs=0.005)


def test_plasmapheresis_from_weight_and_hematocrit() -> None:
    # 70 kg × 70 mL/kg = 4900 mL blood; × (1 - 0.40) = 2940 mL plasma.
    # 2 procedures of 2940 mL → x = 5880 / 2940 = 2 → e^-2 = 0.135335 → 13.53%;
    # initial IgG 1000 mg/dL → 135.34 mg/dL left.
    r = run(
        "therapeutic_plasmapheresis",
        weight=70,
        hematocrit=40,
        exchange_volume=2940,
        exchanges=2,
        initial_amount=1000,
    )
    assert r.value == pytest.approx(13.53, abs=0.005)
    assert r.extra["plasma_volumes_exchanged"] == pytest.approx(2.0)
    assert r.extra["amount_remaining"] == pytest.approx(1000 * math.exp(-2), abs=1e-3)
    plasma = next(s for s in r.steps if s.label == "Estimated plasma volume")
    assert plasma.value == pytest.approx(2940)


def test_plasmapheresis_units_convert() -> None:
    # 154.3236 lb = 70 kg; 2.94 L = 2940 mL; Hct 0.40 as a fraction = 40%.
    r = run(
        "therapeutic_plasmapheresis",
        weight=[154.3236, "lb"],
        hematocrit=[0.40, "fraction"],
        exchange_volume=[2.94, "L"],
        exchanges=1,
    )
    assert r.value == pytest.approx(36.79, abs=0.01)


def test_plasmapheresis_adapter_through_the_scorer() -> None:
    name = "Therapeutic Plasmapheresis Calculator"
    # 1.5 plasma volumes: e^-1.5 = 0.22313 → 22.3%.
    one_and_half = items(**{"Plasma volumes exchanged": "1.5 plasma volumes"})
    assert score(name, one_and_half, "22.3 %").status == "matched"
    assert score(name, one_and_half, "36.8 %").status == "mismatch"
    by_weight = items(
        Weight="70 kg",
        Hematocrit="40%",
        **{"Volume exchanged per procedure": "2940 mL", "Number of exchanges": 1},
    )
    assert score(name, by_weight, "36.8%").status == "matched"


def test_plasmapheresis_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="missing hematocrit"):
        run("therapeutic_plasmapheresis", weight=70, exchange_volume=2000, exchanges=1)
    with pytest.raises(CalculatorInputError, match="not both"):
        run("therapeutic_plasmapheresis", plasma_volumes_exchanged=1, weight=70)
    with pytest.raises(CalculatorInputError) as e:
        run(
            "therapeutic_plasmapheresis",
            weight=70,
            hematocrit=95,
            exchange_volume=2000,
            exchanges=1,
        )
    assert "hematocrit" in e.value.fields
    with pytest.raises(CalculatorInputError) as e:
        run("therapeutic_plasmapheresis", plasma_volumes_exchanged=0)
    assert "plasma_volumes_exchanged" in e.value.fields
    # An unknown unit names the field and the accepted units in the message.
    with pytest.raises(CalculatorInputError, match=r"weight: unit 'stone'.*expected one of"):
        run(
            "therapeutic_plasmapheresis",
            weight=[70, "stone"],
            hematocrit=40,
            exchange_volume=2000,
            exchanges=1,
        )
    with pytest.raises(AdapterError, match="whole number"):
        get_calculator("therapeutic_plasmapheresis").module.from_medmcp(
            items(Weight="70 kg", Hct="40%", **{"Exchange volume": "2 L", "Exchanges": "1.5"})
        )
