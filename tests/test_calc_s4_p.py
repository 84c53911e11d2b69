"""MedMCP-Calc one-task calculators (batch s4-p): hand-worked examples, dev items, bad inputs.

Covered: Neuropathic Pain Scale, Brief Addiction Monitor, mMINDS (the three with dev items),
AUDIT, EPDS and the Epworth Sleepiness Scale.
"""

from __future__ import annotations

import pytest

from m3agent.calculators import medmcp_calc
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError, get_calculator

from calc_testkit import assert_name_resolves, dev_items, run

NAMES = {
    "Neuropathic Pain Scale (NPS)": "neuropathic_pain_scale",
    "Brief Addiction Monitor (BAM)": "brief_addiction_monitor",
    "Modified Minnesota Detoxification Scale (mMINDS)": "mminds",
    "Alcohol Use Disorders Identification Test (AUDIT)": "audit_alcohol",
    "Edinburgh Postnatal Depression Scale (EPDS)": "epds",
    "Epworth Sleepiness Scale": "epworth_sleepiness",
}
WITH_DEV_ITEMS = {
    "Neuropathic Pain Scale (NPS)",
    "Brief Addiction Monitor (BAM)",
    "Modified Minnesota Detoxification Scale (mMINDS)",
}


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_every_dev_item_matches() -> None:
    items = dev_items(NAMES)
    assert {a["name"] for _, a in items} == WITH_DEV_ITEMS
    for task_id, answer in items:
        row = medmcp_calc.score_answer(task_id, answer)
        assert row.status == "matched", (task_id, answer["name"], row)


# --- Neuropathic Pain Scale -------------------------------------------------------------------

NPS = {
    "intensity": 5,
    "sharp": 4,
    "hot": 0,
    "dull": 6,
    "cold": 1,
    "sensitive": 3,
    "itchy": 0,
    "unpleasant": 7,
    "deep": 6,
    "surface": 2,
}


def test_nps_hand_worked_sum() -> None:
    # 5 + 4 + 0 + 6 + 1 + 3 + 0 + 7 + 6 + 2 = 34 of a possible 100.
    r = run("neuropathic_pain_scale", **NPS, time_quality="single_type_constant")
    assert r.value == 34
    assert len(r.steps) == 11 and r.steps[9].total == 34
    assert r.extra["time_quality"].startswith("I feel a single type of pain all the time")


def test_nps_bounds() -> None:
    assert run("neuropathic_pain_scale", **{k: 0 for k in NPS}).value == 0
    assert run("neuropathic_pain_scale", **{k: 10 for k in NPS}).value == 100


def test_nps_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("neuropathic_pain_scale", **{**NPS, "hot": 11})
    assert "hot" in e.value.fields
    bad = dict(NPS)
    del bad["itchy"]
    with pytest.raises(CalculatorInputError) as e:
        run("neuropathic_pain_scale", **bad)
    assert "itchy" in e.value.fields
    with pytest.raises(CalculatorInputError):
        run("neuropathic_pain_scale", **NPS, time_quality="sometimes")


def test_nps_adapter_rejects_fractional_or_missing_rating() -> None:
    mod = get_calculator("neuropathic_pain_scale").module
    questions = {
        "intensity": "How intense is the pain?",
        "sharp": "How sharp is the pain?",
        "hot": "How hot is the pain?",
        "dull": "How dull is the pain?",
        "cold": "How cold is the pain?",
        "sensitive": "How sensitive is the skin to light touch?",
        "itchy": "How itchy is the pain?",
        "unpleasant": "How unpleasant is the pain?",
        "deep": "If the pain is deep, how intense is the deep pain?",
        "surface": "If the pain is on the surface, how intense is the surface pain?",
    }
    full = [{"field": q, "value": NPS[k]} for k, q in questions.items()]
    assert mod.from_medmcp(full) == NPS
    fractional = [dict(i, value=6.5) if i["field"].startswith("How hot") else i for i in full]
    with pytest.raises(AdapterError, match="whole 0-10"):
        mod.from_medmcp(fractional)
    with pytest.raises(AdapterError, match="itchy"):
        mod.from_medmcp([i for i in full if "itchy" not in i["field"]])


# --- Brief Addiction Monitor ------------------------------------------------------------------

BAM = {
    "physical_health": 2,  # good → 2 (risk)
    "sleep_trouble_nights": 5,  # 4-8 → 2 (risk)
    "mood_days": 0,  # 0 (risk)
    "alcohol_days": 3,  # 1-3 → 1 (use)
    "heavy_drinking_days": 0,  # 0 (use)
    "drug_days": 10,  # 9-15 → 3 (use)
    "marijuana_days": 10,  # 9-15 → 3
    "sedative_days": 0,
    "cocaine_days": 0,
    "stimulant_days": 0,
    "opiate_days": 0,
    "inhalant_days": 0,
    "other_drug_days": 0,
    "craving": 1,  # slightly → 1 (risk)
    "abstinence_confidence": 3,  # considerably → 3 (protective)
    "self_help_days": 16,  # 16-30 → 4 (protective)
    "risky_situation_days": 2,  # 1-3 → 1 (risk)
    "spirituality_support": 0,  # (protective)
    "work_school_days": 20,  # 16-30 → 4 (protective)
    "enough_income": True,  # yes → 4 (protective)
    "family_conflict": 2,  # moderately → 2 (risk)
    "supportive_contact_days": 30,  # 16-30 → 4 (protective)
    "recovery_satisfaction": 2,  # moderately → 2 (no subscale)
}


def test_bam_hand_worked_subscales() -> None:
    # Use 1 + 0 + 3 = 4; Risk 2 + 2 + 0 + 1 + 1 + 2 = 8; Protective 3 + 4 + 0 + 4 + 4 + 4 = 19;
    # total of all selected points = 4 + 8 + 19 + 3 (7A) + 2 (item 17) = 36.
    r = run("brief_addiction_monitor", **BAM)
    assert (r.extra["use"], r.extra["risk"], r.extra["protective"]) == (4, 8, 19)
    assert r.value == 36
    assert r.interpretation.startswith("BAM 36 points: Use 4/12, Risk 8/24, Protective 19/24")
    assert r.warnings


@pytest.mark.parametrize(
    "days,points", [(0, 0), (1, 1), (3, 1), (4, 2), (8, 2), (9, 3), (15, 3), (16, 4), (30, 4)]
)
def test_bam_day_bands(days: int, points: int) -> None:
    mod = get_calculator("brief_addiction_monitor").module
    assert mod.day_points(days) == points


def test_bam_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("brief_addiction_monitor", **{**BAM, "alcohol_days": 31})
    assert "alcohol_days" in e.value.fields
    with pytest.raises(CalculatorInputError) as e:
        run("brief_addiction_monitor", **{**BAM, "craving": 5})
    assert "craving" in e.value.fields
    bad = dict(BAM)
    del bad["enough_income"]
    with pytest.raises(CalculatorInputError) as e:
        run("brief_addiction_monitor", **bad)
    assert "enough_income" in e.value.fields


def test_bam_adapter_unknown_answer() -> None:
    mod = get_calculator("brief_addiction_monitor").module
    with pytest.raises(AdapterError):
        mod.from_medmcp([{"field": "physical_health_past_30_days", "value": "Splendid"}])


# --- mMINDS -----------------------------------------------------------------------------------

MMINDS = {
    "pulse": 115,
    "diastolic_bp": 85,
    "tremor": "slightly_visible",
    "sweat": "moist_palms",
    "hallucinations": "absent",
    "agitation": "somewhat_increased",
    "orientation": "oriented_x2",
    "delusions": False,
    "actively_seizing": False,
}


def test_mminds_hand_worked() -> None:
    # Pulse 115 > 110 → 2; DBP 85 < 90 → 0; tremor slightly visible 2; moist palms 2;
    # hallucinations 0; agitation somewhat increased 3; oriented x2 2; no delusions or seizure:
    # 2 + 0 + 2 + 2 + 0 + 3 + 2 = 11.
    r = run("mminds", **MMINDS)
    assert r.value == 11
    assert [s.points for s in r.steps] == [2, 0, 2, 2, 0, 3, 2, 0, 0]


def test_mminds_maximum_and_vital_cut_points() -> None:
    worst = {
        "pulse": 130,
        "diastolic_bp": 120,
        "tremor": "severe",
        "sweat": "drenching",
        "hallucinations": "severe",
        "agitation": "pacing",
        "orientation": "disoriented",
        "delusions": True,
        "actively_seizing": True,
    }
    # 2 + 2 + 6 + 6 + 3 + 9 + 6 + 6 + 6 = 46.
    assert run("mminds", **worst).value == 46
    mod = get_calculator("mminds").module
    assert [mod.vital_points(v) for v in (89, 90, 110, 111)] == [0, 1, 1, 2]


def test_mminds_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("mminds", **{**MMINDS, "tremor": "violent"})
    assert "tremor" in e.value.fields
    with pytest.raises(CalculatorInputError) as e:
        run("mminds", **{**MMINDS, "pulse": 400})
    assert "pulse" in e.value.fields
    with pytest.raises(CalculatorInputError):
        run("mminds", **{**MMINDS, "diastolic_bp": [98, "furlongs"]})
    bad = dict(MMINDS)
    del bad["sweat"]
    with pytest.raises(CalculatorInputError) as e:
        run("mminds", **bad)
    assert "sweat" in e.value.fields


def test_mminds_adapter_reads_units_and_brackets() -> None:
    mod = get_calculator("mminds").module
    kwargs = mod.from_medmcp(
        [
            {"field": "pulse_bpm", "value": "95 bpm"},
            {"field": "diastolic_bp_mmhg", "value": "112 mmHg"},
            {"field": "tremor", "value": "Absent (0)"},
            {"field": "sweat", "value": "Drenching (+6)"},
            {"field": "hallucinations", "value": "Severe - continuous (+3)"},
            {"field": "agitation_rass", "value": "RASS +1 (Somewhat increased activity, +3)"},
            {"field": "orientation", "value": "Oriented x1 (+4)"},
            {"field": "delusions", "value": "Present (+6)"},
            {"field": "seizures", "value": "Not actively seizing (0)"},
        ]
    )
    # 1 + 2 + 0 + 6 + 3 + 3 + 4 + 6 + 0 = 25.
    assert run("mminds", **kwargs).value == 25


# --- AUDIT ------------------------------------------------------------------------------------

AUDIT = {
    "frequency": 3,  # 2-3 times a week
    "typical_quantity": 1,  # 3 or 4
    "six_or_more": 2,  # monthly
    "unable_to_stop": 1,
    "failed_expectations": 0,
    "morning_drink": 0,
    "guilt": 1,
    "blackout": 1,
    "injury": 0,
    "others_concerned": 2,  # yes, but not in the last year
}


def test_audit_hand_worked_zone_ii() -> None:
    # 3 + 1 + 2 + 1 + 0 + 0 + 1 + 1 + 0 + 2 = 11 → zone II (8-15), hazardous use.
    r = run("audit_alcohol", **AUDIT)
    assert r.value == 11
    assert r.interpretation.startswith("Zone II (8-15)")
    assert not r.warnings


@pytest.mark.parametrize(
    "total_items,zone",
    [((0,) * 10, "Zone I"), ((4, 4, 4, 4, 0, 0, 0, 0, 0, 0), "Zone III"), ((4,) * 10, "Zone IV")],
)
def test_audit_zone_boundaries(total_items: tuple[int, ...], zone: str) -> None:
    kwargs = dict(zip(AUDIT, total_items, strict=True))
    assert run("audit_alcohol", **kwargs).interpretation.startswith(zone)


def test_audit_dependence_item_warning() -> None:
    r = run("audit_alcohol", **{**AUDIT, "morning_drink": 2})
    assert r.warnings


def test_audit_bad_inputs() -> None:
    # Items 9 and 10 score 0, 2 or 4 only.
    with pytest.raises(CalculatorInputError) as e:
        run("audit_alcohol", **{**AUDIT, "injury": 1})
    assert "injury" in str(e.value)
    with pytest.raises(CalculatorInputError) as e:
        run("audit_alcohol", **{**AUDIT, "guilt": 5})
    assert "guilt" in e.value.fields


def test_audit_adapter_reads_answer_texts() -> None:
    mod = get_calculator("audit_alcohol").module
    fields = [
        ("How often do you have a drink containing alcohol?", "2-3 times a week"),
        ("How many drinks containing alcohol on a typical day?", "3 or 4"),
        ("How often do you have six or more drinks on one occasion?", "Monthly"),
        ("Not able to stop drinking once started", "Less than monthly"),
        ("Failed to do what was normally expected", "Never"),
        ("Needed a first drink in the morning", "Never"),
        ("Feeling of guilt or remorse after drinking", "Less than monthly"),
        ("Unable to remember what happened the night before", "Less than monthly"),
        ("Have you or someone else been injured?", "No"),
        (
            "Relative, friend or doctor concerned about your drinking?",
            "Yes, but not in the last year",
        ),
    ]
    kwargs = mod.from_medmcp([{"field": f, "value": v} for f, v in fields])
    assert kwargs == AUDIT


# --- EPDS -------------------------------------------------------------------------------------

EPDS = {
    "laugh": 1,
    "enjoyment": 1,
    "self_blame": 2,
    "anxious": 2,
    "scared": 1,
    "coping": 2,
    "sleep": 1,
    "sad": 2,
    "crying": 1,
    "self_harm": 0,
}


def test_epds_hand_worked() -> None:
    # 1 + 1 + 2 + 2 + 1 + 2 + 1 + 2 + 1 + 0 = 13 → probable depression (≥ 13).
    r = run("epds", **EPDS)
    assert r.value == 13
    assert r.interpretation.startswith("Probable depression")
    assert not r.warnings


def test_epds_bands_and_self_harm_warning() -> None:
    # 13 - 2 (sad) - 1 (laugh) = 10 → possible depression (10-12); minus crying (1) = 9 → unlikely.
    assert run("epds", **{**EPDS, "sad": 0, "laugh": 0}).interpretation.startswith(
        "Possible depression"
    )
    assert run("epds", **{**EPDS, "sad": 0, "laugh": 0, "crying": 0}).interpretation.startswith(
        "Depression unlikely"
    )
    assert run("epds", **{**EPDS, "self_harm": 1}).warnings


def test_epds_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("epds", **{**EPDS, "crying": 4})
    assert "crying" in e.value.fields
    bad = dict(EPDS)
    del bad["laugh"]
    with pytest.raises(CalculatorInputError) as e:
        run("epds", **bad)
    assert "laugh" in e.value.fields


def test_epds_adapter_reads_answer_texts() -> None:
    mod = get_calculator("epds").module
    kwargs = mod.from_medmcp(
        [
            {"field": "I have been able to laugh and see the funny side", "value": "Not at all"},
            {"field": "Looked forward with enjoyment", "value": "As much as I ever did"},
            {"field": "Blamed myself unnecessarily", "value": "Yes, most of the time"},
            {"field": "Anxious or worried for no good reason", "value": "Hardly ever"},
            {"field": "Scared or panicky", "value": "No, not much"},
            {"field": "Things have been getting on top of me", "value": "Yes, sometimes (2)"},
            {"field": "Difficulty sleeping", "value": "Not very often"},
            {"field": "Felt sad or miserable", "value": "Yes, quite often"},
            {"field": "Been crying", "value": "Only occasionally"},
            {"field": "The thought of harming myself", "value": "Never"},
        ]
    )
    # 3 + 0 + 3 + 1 + 1 + 2 + 1 + 2 + 1 + 0 = 14.
    assert run("epds", **kwargs).value == 14


# --- Epworth ----------------------------------------------------------------------------------

ESS = {
    "reading": 2,
    "tv": 1,
    "public_place": 1,
    "passenger": 2,
    "afternoon_rest": 3,
    "talking": 0,
    "after_lunch": 2,
    "traffic": 0,
}


def test_epworth_hand_worked() -> None:
    # 2 + 1 + 1 + 2 + 3 + 0 + 2 + 0 = 11 → mild excessive daytime sleepiness (11-12).
    r = run("epworth_sleepiness", **ESS)
    assert r.value == 11
    assert r.interpretation.startswith("Mild excessive daytime sleepiness")


@pytest.mark.parametrize(
    "total,band",
    [
        (5, "Lower normal"),
        (6, "Higher normal"),
        (10, "Higher normal"),
        (12, "Mild excessive"),
        (13, "Moderate excessive"),
        (15, "Moderate excessive"),
        (16, "Severe excessive"),
        (24, "Severe excessive"),
    ],
)
def test_epworth_band_boundaries(total: int, band: str) -> None:
    mod = get_calculator("epworth_sleepiness").module
    assert mod.band(total).startswith(band)


def test_epworth_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("epworth_sleepiness", **{**ESS, "tv": -1})
    assert "tv" in e.value.fields
    bad = dict(ESS)
    del bad["traffic"]
    with pytest.raises(CalculatorInputError) as e:
        run("epworth_sleepiness", **bad)
    assert "traffic" in e.value.fields


def test_epworth_adapter_reads_answer_texts() -> None:
    mod = get_calculator("epworth_sleepiness").module
    texts = [
        "Moderate chance of dozing",
        "Slight chance",
        "Slight chance of dozing (1)",
        "2",
        "High chance of dozing",
        "Would never doze",
        "Moderate chance",
        "0 - would never doze",
    ]
    situations = [
        "Sitting and reading",
        "Watching TV",
        "Sitting inactive in a public place",
        "As a passenger in a car",
        "Lying down to rest in the afternoon",
        "Sitting and talking to someone",
        "Sitting quietly after lunch",
        "In a car, stopped in traffic",
    ]
    kwargs = mod.from_medmcp(
        [{"field": f, "value": v} for f, v in zip(situations, texts, strict=True)]
    )
    assert kwargs == ESS
