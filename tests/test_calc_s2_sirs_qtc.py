"""SIRS, Sepsis, and Septic Shock Criteria (MDCalc checklist) and Corrected QT Interval (QTc)."""

from __future__ import annotations

import copy
import itertools
import math
from typing import Any

import pytest

from m3agent.calculators import medmcp_calc, registry
from m3agent.calculators.library import _sepsis_ladder as ladder
from m3agent.calculators.library import sirs_sepsis_septic_shock as sss
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import dev_items

SIRS_NAME = "SIRS, Sepsis, and Septic Shock Criteria"
QTC_NAME = "Corrected QT Interval (QTc)"
GUIDE = (
    "Follow your guidelines for sepsis, which typically include aggressive fluid resuscitation, "
    "early, broad-spectrum antibiotics, ICU consultation, CVP evaluation, and occasionally "
    "pressors and transfusion."
)


def checklist(**overrides: bool) -> dict[str, bool]:
    """All eight answers 'No' unless overridden."""
    base = dict.fromkeys(sss.Inputs.model_fields, False)
    base.update(overrides)
    return base


def run_sirs(**answers: bool) -> Any:
    return registry.get_calculator(SIRS_NAME).run(checklist(**answers))


# ------------------------------------------------------------------------------ SIRS checklist


def test_sirs_name_resolves_to_the_checklist_and_the_count_stays_separate() -> None:
    assert registry.get_calculator(SIRS_NAME).id == "sirs_sepsis_septic_shock"
    assert registry.get_calculator("SIRS Criteria").id == "sirs_criteria"


def test_fewer_than_two_criteria_is_mdcalcs_not_met_text() -> None:
    # Fever only: 1 of 4 criteria < 2 → not SIRS, whatever the infection answer.
    r = run_sirs(temperature_criterion=True, suspected_infection=True)
    assert r.value == (
        "This patient does not meet SIRS criteria. For other causes of shock, see the Next "
        "Steps section."
    )
    assert r.extra == {"category": "none", "sirs_count": 1}
    assert r.warnings == []


def test_two_criteria_without_infection_is_sirs() -> None:
    # Tachycardia + tachypnoea = 2 criteria, no infection → SIRS (Bone 1992).
    r = run_sirs(heart_rate_criterion=True, respiratory_criterion=True)
    assert r.value == "This patient meets SIRS criteria."
    assert r.interpretation == "SIRS (2 of 4 SIRS criteria)."


@pytest.mark.parametrize(
    ("answers", "key", "lead"),
    [
        # 3 criteria + infection → sepsis.
        ({"suspected_infection": True}, "sepsis", "This patient meets sepsis criteria."),
        # + lactic acidosis / SBP < 90 → severe sepsis.
        (
            {"suspected_infection": True, "organ_hypoperfusion": True},
            "severe_sepsis",
            "This patient meets severe sepsis criteria.",
        ),
        # + hypotension despite fluids → septic shock.
        (
            {
                "suspected_infection": True,
                "organ_hypoperfusion": True,
                "refractory_hypotension": True,
            },
            "septic_shock",
            "This patient meets septic shock criteria.",
        ),
        # + ≥ 2 organs failing on top of severe sepsis → MODS.
        (
            {
                "suspected_infection": True,
                "organ_hypoperfusion": True,
                "multiple_organ_dysfunction": True,
            },
            "mods",
            "This patient meets multiple organ dysfunction syndrome.",
        ),
    ],
)
def test_each_rung_of_the_ladder_has_mdcalcs_text(
    answers: dict[str, bool], key: str, lead: str
) -> None:
    r = run_sirs(
        temperature_criterion=True, heart_rate_criterion=True, wbc_criterion=True, **answers
    )
    assert r.extra["category"] == key
    assert r.value == f"{lead} {GUIDE}"
    assert r.extra["sirs_count"] == 3


def test_steps_count_each_criterion_with_a_running_total() -> None:
    r = run_sirs(temperature_criterion=True, wbc_criterion=True)
    points = [(s.points, s.total) for s in r.steps[:4]]
    assert points == [(1, 1), (0, 1), (0, 1), (1, 2)]
    assert r.steps[-1].label == "Category" and r.steps[-1].value == "SIRS"


def test_later_rungs_without_infection_warn_and_do_not_grade() -> None:
    r = run_sirs(
        temperature_criterion=True,
        heart_rate_criterion=True,
        organ_hypoperfusion=True,
        multiple_organ_dysfunction=True,
    )
    assert r.extra["category"] == "sirs"
    assert len(r.warnings) == 1 and "suspected infection" in r.warnings[0]


def test_refractory_hypotension_without_hypoperfusion_is_rejected() -> None:
    with pytest.raises(CalculatorInputError, match="needs organ_hypoperfusion=True"):
        run_sirs(
            temperature_criterion=True,
            heart_rate_criterion=True,
            suspected_infection=True,
            refractory_hypotension=True,
        )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({k: v for k, v in checklist().items() if k != "suspected_infection"}, "is required"),
        (checklist() | {"wbc_criterion": "maybe"}, "'wbc_criterion'"),
        (checklist() | {"temperature": 39.0}, "not an input of sirs_sepsis_septic_shock"),
    ],
)
def test_bad_checklist_inputs_name_the_field(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(CalculatorInputError, match=message):
        registry.get_calculator(SIRS_NAME).run(raw)


def test_ladder_rejects_an_impossible_count() -> None:
    with pytest.raises(ValueError, match="0-4"):
        ladder.sepsis_category(5, True, True, True, True)


def _sirs_criteria_raw(met: tuple[bool, bool, bool, bool]) -> dict[str, float]:
    """Vital signs on the met / not-met side of each Bone 1992 threshold."""
    return {
        "temperature": 38.5 if met[0] else 37.0,
        "heart_rate": 91 if met[1] else 90,
        "respiratory_rate": 21 if met[2] else 20,
        "wbc": 12.1 if met[3] else 8.0,
    }


def test_the_checklist_and_sirs_criteria_agree_on_every_category() -> None:
    count_calc = registry.get_calculator("SIRS Criteria")
    check_calc = registry.get_calculator(SIRS_NAME)
    seen = set()
    for met in itertools.product([False, True], repeat=4):
        for inf, hyp, ref, mods in itertools.product([False, True], repeat=4):
            if ref and not hyp:
                continue  # rejected by the checklist (see above)
            ladder_answers = {
                "suspected_infection": inf,
                "organ_hypoperfusion": hyp,
                "refractory_hypotension": ref,
                "multiple_organ_dysfunction": mods,
            }
            counted = count_calc.run(_sirs_criteria_raw(met) | ladder_answers)
            checked = check_calc.run(
                dict(
                    zip(
                        [
                            "temperature_criterion",
                            "heart_rate_criterion",
                            "respiratory_criterion",
                            "wbc_criterion",
                        ],
                        met,
                        strict=True,
                    )
                )
                | ladder_answers
            )
            key = checked.extra["category"]
            assert counted.value == checked.extra["sirs_count"] == sum(met)
            assert counted.extra["category"] == ladder.CATEGORY_LABELS[key]
            seen.add(key)
    assert seen == set(sss.RESULT_TEXT)


@pytest.mark.parametrize(
    ("raw", "category"),
    [
        # Pinned outputs of sirs_criteria (unchanged by moving its ladder to _sepsis_ladder):
        # 39 °C, HR 100, RR 25, WBC 15 = 4 criteria; MODS needs hypoperfusion or refractory.
        ({"suspected_infection": True, "multiple_organ_dysfunction": True}, "Sepsis"),
        (
            {"suspected_infection": True, "refractory_hypotension": True},
            "Sepsis (SIRS + suspected infection)",
        ),
        (
            {
                "suspected_infection": True,
                "refractory_hypotension": True,
                "multiple_organ_dysfunction": True,
            },
            "Multiple organ dysfunction syndrome (MODS)",
        ),
        ({"suspected_infection": None}, "SIRS (≥ 2 criteria)"),
    ],
)
def test_sirs_criteria_categories_are_unchanged(raw: dict[str, Any], category: str) -> None:
    r = registry.get_calculator("SIRS Criteria").run(
        {"temperature": 39, "heart_rate": 100, "respiratory_rate": 25, "wbc": 15} | raw
    )
    assert r.value == 4 and r.extra["category"].startswith(category)


def test_the_three_dev_items_match() -> None:
    items = dev_items(SIRS_NAME)
    assert len(items) == 3
    for task_id, answer in items:
        row = medmcp_calc.score_answer(task_id, answer)
        assert row.status == "matched", row


def test_adapter_derives_criteria_from_raw_values_when_no_yes_no() -> None:
    # Item 077 records both the yes/no criteria and the raw values (38.7 °C, 118 bpm, RR 28,
    # PaCO2 60 mmHg, WBC 18,500/µL); with the yes/no fields removed the raw values decide.
    task_id, answer = next(
        (t, a) for t, a in dev_items(SIRS_NAME) if t == "medmcp-calc_077_ac79114e"
    )
    raw_only = [i for i in answer["inputs"] if not i["field"].startswith("sirs_")]
    assert sss.from_medmcp(raw_only) == sss.from_medmcp(answer["inputs"])
    # 37.0 °C is not > 38 or < 36, so the temperature criterion is not met.
    afebrile = copy.deepcopy(raw_only)
    next(i for i in afebrile if i["field"] == "temperature_c")["value"] = "37.0 °C"
    assert sss.from_medmcp(afebrile)["temperature_criterion"] is False
    # 101.3 °F is (101.3 − 32) × 5/9 = 38.5 °C > 38 (units.py converts).
    next(i for i in afebrile if i["field"] == "temperature_c")["value"] = "101.3 °F"
    assert sss.from_medmcp(afebrile)["temperature_criterion"] is True
    # WBC 9,000/µL (bands not given, optional as in sirs_criteria): not > 12,000 or < 4,000.
    normal_wbc = copy.deepcopy(raw_only)
    next(i for i in normal_wbc if i["field"] == "wbc_count_per_uL")["value"] = "9,000 /µL"
    assert sss.from_medmcp(normal_wbc)["wbc_criterion"] is False
    # 12% bands alone meet the criterion (> 10%); with no count and no bands nothing decides.
    no_wbc = [i for i in raw_only if i["field"] != "wbc_count_per_uL"]
    assert sss.from_medmcp([*no_wbc, {"field": "bands", "value": "12%"}])["wbc_criterion"]
    with pytest.raises(AdapterError, match="white count"):
        sss.from_medmcp(no_wbc)
    # PaCO2 60 mmHg alone (no rate) cannot rule the respiratory criterion out.
    no_rr = [i for i in raw_only if i["field"] != "respiratory_rate_bpm"]
    with pytest.raises(AdapterError, match="respiratory rate"):
        sss.from_medmcp(no_rr)


def test_adapter_errors_name_what_is_missing() -> None:
    answers = [
        {"field": "Temp >38 C or <36 C", "value": "Yes"},
        {"field": "Heart rate >90", "value": "Yes"},
        {"field": "Respiratory rate >20 or PaCO2 <32 mmHg", "value": "No"},
        {"field": "WBC >12,000/mm3, <4,000/mm3, or >10% bands", "value": "No"},
    ]
    with pytest.raises(AdapterError, match="infection"):
        sss.from_medmcp(answers)
    unclear = [{"field": "Temp >38 C or <36 C", "value": "unknown"}, *answers[1:]]
    with pytest.raises(AdapterError, match="the temperature"):
        sss.from_medmcp(unclear)


# ------------------------------------------------------------------------------------- QTc


def run_qtc(**raw: Any) -> Any:
    return registry.get_calculator(QTC_NAME).run(raw)


def test_qtc_name_resolves_to_the_generic_module_and_the_others_keep_theirs() -> None:
    assert registry.get_calculator(QTC_NAME).id == "qtc_corrected"
    for name, cid in [
        ("QTc Bazett Calculator", "qtc_bazett"),
        ("QTcF", "qtc_fridericia"),
        ("QTc Framingham", "qtc_framingham"),
        ("Hodges QTc", "qtc_hodges"),
        ("QTc Rautaharju Calculator", "qtc_rautaharju"),
    ]:
        assert registry.get_calculator(name).id == cid


def test_bazett_from_small_boxes_worked_example() -> None:
    # 9 small boxes × 40 ms (25 mm/s) = 360 ms; RR = 60/120 = 0.5 s; 360 / √0.5 = 509.12 ms.
    r = run_qtc(formula="Bazett", heart_rate=120, qt_small_boxes=9, paper_speed=25)
    assert r.value == pytest.approx(360 / math.sqrt(0.5), abs=1e-3)
    assert round(r.value) == 509 and r.unit == "ms"
    assert r.steps[0].value == 360 and "40 ms" in (r.steps[0].detail or "")
    assert r.extra["formula_calculator"] == "qtc_bazett"
    assert r.interpretation and "markedly prolonged" in r.interpretation


def test_fifty_mm_per_second_halves_the_box() -> None:
    # 18 boxes × 20 ms (50 mm/s) = 360 ms, the same QT as 9 boxes at 25 mm/s.
    a = run_qtc(formula="bazett", heart_rate=120, qt_small_boxes=18, paper_speed=50)
    b = run_qtc(formula="bazett", heart_rate=120, qt=360)
    assert a.value == b.value == pytest.approx(509.117, abs=1e-3)


@pytest.mark.parametrize(
    ("formula", "qt", "hr", "expected"),
    [
        # Fridericia: RR 60/72 = 0.8333 s; ∛0.8333 = 0.9410; 400 / 0.9410 = 425.06.
        ("fridericia", 400, 72, 425.06),
        # Framingham (Sagie): RR 0.8 s; 400 + 154 × (1 − 0.8) = 430.8.
        ("framingham", 400, 75, 430.8),
        # Hodges: 400 + 1.75 × (80 − 60) = 435.
        ("hodges", 400, 80, 435.0),
        # Rautaharju: 400 × (120 + 90) / 180 = 466.67.
        ("rautaharju", 400, 90, 466.67),
        # Bazett: RR 0.6 s; 400 / √0.6 = 516.40.
        ("bazett", 400, 100, 516.40),
    ],
)
def test_each_formula_by_hand_and_equal_to_its_own_module(
    formula: str, qt: float, hr: float, expected: float
) -> None:
    r = run_qtc(formula=formula, heart_rate=hr, qt=qt)
    assert r.value == pytest.approx(expected, abs=0.01)
    own = registry.get_calculator(f"qtc_{formula}").run({"qt": qt, "heart_rate": hr})
    assert r.value == own.value and r.interpretation == own.interpretation


def test_qt_in_seconds_is_converted() -> None:
    assert run_qtc(formula="hodges", heart_rate=60, qt=[0.4, "s"]).value == pytest.approx(400)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"formula": "bazett", "heart_rate": 80}, "found neither"),
        (
            {"formula": "bazett", "heart_rate": 80, "qt": 400, "qt_small_boxes": 10},
            "found both",
        ),
        ({"formula": "bazett", "heart_rate": 80, "qt_small_boxes": 10}, "needs paper_speed"),
        (
            {"formula": "bazett", "heart_rate": 80, "qt_small_boxes": 10, "paper_speed": 30},
            "'paper_speed'",
        ),
        (
            {"formula": "bazett", "heart_rate": 80, "qt_small_boxes": 2, "paper_speed": 25},
            "QT of 80 ms; expected 150-800 ms",
        ),
        ({"formula": "mosteller", "heart_rate": 80, "qt": 400}, "'formula'"),
        ({"heart_rate": 80, "qt": 400}, "'formula' is required"),
        ({"formula": "bazett", "heart_rate": 500, "qt": 400}, "'heart_rate'"),
        ({"formula": "bazett", "heart_rate": 80, "qt": [400, "kg"]}, "not a unit"),
    ],
)
def test_bad_qtc_inputs_say_what_was_expected(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(CalculatorInputError, match=message):
        registry.get_calculator(QTC_NAME).run(raw)


def test_the_qtc_dev_item_matches() -> None:
    items = dev_items(QTC_NAME)
    assert len(items) == 1
    for task_id, answer in items:
        row = medmcp_calc.score_answer(task_id, answer)
        assert row.status == "matched", row


def test_qtc_adapter_reads_ms_and_rejects_unknown_speed_or_formula() -> None:
    from m3agent.calculators.library import qtc_corrected as qc

    base = [
        {"field": "Formula", "value": "Fridericia"},
        {"field": "Heart rate/pulse", "value": "72 beats/min"},
        {"field": "QT interval", "value": "400 msec"},
    ]
    assert qc.from_medmcp(base) == {
        "formula": "fridericia",
        "heart_rate": [72.0, "beats/min"],
        "qt": [400.0, "msec"],
    }
    boxes = [*base[:2], {"field": "QT interval", "value": "10 small boxes"}]
    with pytest.raises(AdapterError, match="paper speed"):
        qc.from_medmcp(boxes)
    odd = [*boxes, {"field": "Paper speed, mm/sec", "value": "30"}]
    with pytest.raises(AdapterError, match="25 or 50"):
        qc.from_medmcp(odd)
    with pytest.raises(AdapterError, match="cannot map"):
        qc.from_medmcp([{"field": "Formula", "value": "Mayeda"}, *base[1:]])
