"""GARFIELD-AF: hand-worked examples, every MedMCP-Calc dev item, and bad inputs.

(The Dubbo / Garvan fracture-risk nomogram of the same work package is not implemented: its
Cox coefficients and baseline survivals were found in no source that could be read, so there
is no module to test.)
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from m3agent.calculators import medmcp_calc
from m3agent.calculators.library import garfield_af
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError, get_calculator

from calc_testkit import dev_items

# The reference profile: every linear predictor is 0.
REFERENCE: dict[str, Any] = {
    "sex": "male",
    "age": 65,
    "weight": 75,
    "heart_failure": False,
    "vascular_disease": False,
    "prior_stroke": False,
    "history_of_bleeding": False,
    "carotid_occlusive_disease": False,
    "diabetes": False,
    "moderate_to_severe_ckd": False,
    "dementia": False,
    "current_smoker": False,
    "antiplatelet": False,
    "ethnicity": "caucasian",
    "pulse": 120,
    "diastolic_bp": 80,
    "anticoagulant": "none",
}


def _run(**changes: Any) -> Any:
    return get_calculator("GARFIELD-AF").run({**REFERENCE, **changes})


def test_reference_profile_gives_one_minus_baseline_survival():
    # Male, 65 y, 75 kg, pulse 120, DBP 80, Caucasian, no risk factor, no OAC: every spline
    # sits at its knot, so LP = 0 and risk = 1 − S0(t):
    #   mortality 1 − 0.987921904 = 1.2078%, 1 − 0.9790643336 = 2.0936%,
    #             1 − 0.962450119 = 3.7550%;
    #   stroke/SE 1 − 0.9955506465 = 0.4449%, 1 − 0.9925445321 = 0.7455%,
    #             1 − 0.987574311 = 1.2426%;
    #   bleeding  1 − 0.9968755499 = 0.3124%, 1 − 0.9946821686 = 0.5318%,
    #             1 − 0.991720115 = 0.8280%.
    res = _run(horizon="all")
    risks = res.extra["risks"]
    expected = {
        "6 months": (1.2078, 0.4449, 0.3124),
        "1 year": (2.0936, 0.7455, 0.5318),
        "2 years": (3.7550, 1.2426, 0.8280),
    }
    for horizon, (m, s, b) in expected.items():
        got = risks[horizon]
        assert got["mortality"] == pytest.approx(m, abs=1e-4)
        assert got["stroke"] == pytest.approx(s, abs=1e-4)
        assert got["bleeding"] == pytest.approx(b, abs=1e-4)
    assert res.extra["linear_predictors"] == {"mortality": 0.0, "stroke": 0.0, "bleeding": 0.0}
    assert res.value.splitlines()[0] == "6 months"
    assert "Major bleeding: 0.8%" in res.value  # 2-year block, 0.828 → 0.8


def test_hand_worked_woman_75_prior_stroke_on_vka():
    # Woman, 75 y, 60 kg, prior stroke, pulse 100, DBP 90, Caucasian, VKA, nothing else.
    # Mortality LP = −0.306202287 (female) + 0.26585298 (prior stroke)
    #   + 0.064594824 × 10 (age above 65) − 0.021535182 × (60 − 75) (weight ≤ 75)
    #   + 0.007678035 × (100 − 120) (pulse ≤ 120) + 0 (DBP > 80) − 0.18593561 (VKA)
    #   = 0.589130353; exp = 1.802420; 1-year risk = 1 − 0.9790643336^1.802420 = 3.7417%.
    # Stroke/SE LP = 0.800863063 + 0.039138147 × 10 + 0.01590016 × (90 − 80) − 0.352373263
    #   = 0.998872870; exp = 2.715220; 1-year risk = 1 − 0.9925445321^2.715220 = 2.0114%;
    #   2-year = 1 − 0.987574311^2.715220 = 3.3380%.
    # Bleeding LP = 0.043476276 × 10 + 0.004167103 × (100 − 120) + 0.609713354 (VKA)
    #   = 0.961134054; exp = 2.614660; 6-month risk = 1 − 0.9968755499^2.614660 = 0.8149%.
    res = _run(
        sex="female",
        age=75,
        weight=60,
        prior_stroke=True,
        pulse=100,
        diastolic_bp=90,
        anticoagulant="vka",
    )
    lp = res.extra["linear_predictors"]
    assert lp["mortality"] == pytest.approx(0.589130353, abs=1e-8)
    assert lp["stroke"] == pytest.approx(0.998872870, abs=1e-8)
    assert lp["bleeding"] == pytest.approx(0.961134054, abs=1e-8)
    risks = res.extra["risks"]
    assert risks["1 year"]["mortality"] == pytest.approx(3.7417, abs=1e-4)
    assert risks["1 year"]["stroke"] == pytest.approx(2.0114, abs=1e-4)
    assert risks["2 years"]["stroke"] == pytest.approx(3.3380, abs=1e-4)
    assert risks["6 months"]["bleeding"] == pytest.approx(0.8149, abs=1e-4)
    assert res.value == (
        "6 months\nAll-cause mortality: 2.2%\nIschemic stroke/SE: 1.2%\nMajor bleeding: 0.8%"
    )
    # The other treatment scenarios are computed from the same covariates.
    by = res.extra["risks_by_anticoagulant"]
    assert by["vka"] == risks
    assert by["noac"]["1 year"]["stroke"] < by["vka"]["1 year"]["stroke"]
    assert by["none"]["1 year"]["bleeding"] < by["noac"]["1 year"]["bleeding"]


def test_splines_are_continuous_at_their_knots():
    below = _run(age=64.999, weight=75.001, pulse=120.001, diastolic_bp=79.999)
    above = _run(age=65.001, weight=74.999, pulse=119.999, diastolic_bp=80.001)
    for outcome in ("mortality", "stroke", "bleeding"):
        assert below.extra["linear_predictors"][outcome] == pytest.approx(
            above.extra["linear_predictors"][outcome], abs=1e-3
        )


def test_weight_in_pounds_is_converted():
    kg = _run(weight=60)
    lb = _run(weight=[60 / 0.45359237, "lb"])
    assert lb.extra["risks"] == kg.extra["risks"]


def _notes_risks(notes: str) -> dict[str, dict[str, float]]:
    """Parse the nine risks a dev item's notes list, by horizon and outcome."""
    out: dict[str, dict[str, float]] = {}
    horizon = ""
    keys = {v: k for k, v in garfield_af.OUTCOME_LABELS.items()}
    for line in notes.splitlines():
        if line.strip() in garfield_af.HORIZONS:
            horizon = line.strip()
            out[horizon] = {}
            continue
        m = re.match(r"(.+): ([\d.]+)%", line.strip())
        if m:
            out[horizon][keys[m.group(1)]] = float(m.group(2))
    return out


def test_four_dev_items_exist():
    assert len(dev_items("GARFIELD-AF")) == 4


@pytest.mark.parametrize("task_id,answer", dev_items("GARFIELD-AF"), ids=lambda v: str(v)[:40])
def test_dev_item_scores(task_id: str, answer: dict[str, Any]):
    row = medmcp_calc.score_answer(task_id, answer)
    erratum = garfield_af.MEDMCP_ERRATA.get((task_id, answer["order"]))
    assert row.status == ("erratum" if erratum else "matched"), row
    # All nine published risks of the item (its notes) equal ours at one decimal.
    res = get_calculator("GARFIELD-AF").run(garfield_af.from_medmcp(answer["inputs"]))
    notes = _notes_risks(answer["notes"])
    assert set(notes) == set(garfield_af.HORIZONS)
    for horizon, risks in notes.items():
        for outcome, shown in risks.items():
            assert res.extra["risks"][horizon][outcome] == pytest.approx(shown, abs=0.05 + 1e-9)


def test_erratum_item_matches_word_for_word_with_all_horizons():
    (task_id, answer) = next(
        (t, a) for t, a in dev_items("GARFIELD-AF") if (t, a["order"]) in garfield_af.MEDMCP_ERRATA
    )
    kwargs = garfield_af.from_medmcp(answer["inputs"])
    res = get_calculator("GARFIELD-AF").run({**kwargs, "horizon": "all"})
    assert medmcp_calc.matches(res.value, answer["final_answer"])


def test_adapter_reads_units_and_options():
    task_id, answer = dev_items("GARFIELD-AF")[0]
    kwargs = garfield_af.from_medmcp(answer["inputs"])
    assert kwargs["weight"] == [176.0, "lbs"]
    assert kwargs["diastolic_bp"] == "82 mm Hg"
    assert kwargs["ethnicity"] == "caucasian"  # not "asian", which "Caucasian" contains
    assert kwargs["anticoagulant"] == "none"
    assert kwargs["moderate_to_severe_ckd"] is True
    oac = {i["field"]: i["value"] for i in answer["inputs"]}
    for text, option in (
        ("NOAC", "noac"),
        ("Apixaban 5 mg twice daily", "noac"),
        ("Non-vitamin K oral anticoagulant", "noac"),
        ("VKA", "vka"),
        ("Warfarin", "vka"),
        ("No oral anticoagulant", "none"),
    ):
        inputs = [
            {"field": f, "value": text if f == "OAC treatment" else v} for f, v in oac.items()
        ]
        assert garfield_af.from_medmcp(inputs)["anticoagulant"] == option, text


def test_adapter_refuses_unreadable_items():
    _, answer = dev_items("GARFIELD-AF")[0]
    without_pulse = [i for i in answer["inputs"] if i["field"] != "Pulse"]
    with pytest.raises(AdapterError, match="pulse"):
        garfield_af.from_medmcp(without_pulse)
    heparin = [
        {**i, "value": "Heparin infusion"} if i["field"] == "OAC treatment" else i
        for i in answer["inputs"]
    ]
    with pytest.raises(AdapterError, match="Heparin infusion"):
        garfield_af.from_medmcp(heparin)


@pytest.mark.parametrize(
    "changes,field",
    [
        ({"age": 15}, "age"),
        ({"pulse": 400}, "pulse"),
        ({"anticoagulant": "heparin"}, "anticoagulant"),
        ({"ethnicity": "martian"}, "ethnicity"),
        ({"sex": "unknown"}, "sex"),
        ({"horizon": "5 years"}, "horizon"),
        ({"dementia": "maybe"}, "dementia"),
    ],
)
def test_bad_inputs_name_the_field(changes: dict[str, Any], field: str):
    with pytest.raises(CalculatorInputError) as err:
        _run(**changes)
    assert field in err.value.fields


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"weight": [70, "stone"]}, "weight: unit 'stone' is not a unit of weight"),
        ({"diastolic_bp": [82, "cmHg"]}, "diastolic_bp: unit 'cmHg' is not a unit of pressure"),
        ({"pulse": [88, "Hz"]}, "pulse: unit 'Hz' is not a unit of rate"),
    ],
)
def test_wrong_units_are_refused(changes: dict[str, Any], message: str):
    with pytest.raises(CalculatorInputError, match=re.escape(message)):
        _run(**changes)


def test_missing_required_input_is_refused():
    raw = {k: v for k, v in REFERENCE.items() if k != "diastolic_bp"}
    with pytest.raises(CalculatorInputError) as err:
        get_calculator("garfield_af").run(raw)
    assert "diastolic_bp" in err.value.fields
