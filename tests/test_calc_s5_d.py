"""MedMCP-Calc one-task pediatric calculators (session 5, batch d).

Covered: Phoenix Sepsis Score, Pediatric SIRS (SIRS / sepsis rungs), Pediatric NEXUS II head CT
instrument and the Step-by-Step approach to febrile infants. None of these names has a dev item;
each is tested with a hand-worked example, boundaries, its MedMCP-Calc adapter and bad inputs.
"""

from __future__ import annotations

from typing import Any

import pytest

from m3agent.calculators.library._adapter_errors import MedMCPInputError
from m3agent.calculators.registry import CalculatorInputError, get_calculator

from calc_testkit import assert_name_resolves, dev_rows, items, medmcp, run

NAMES = {
    "Phoenix Sepsis Score": "phoenix_sepsis_score",
    "Pediatric SIRS, Sepsis, and Septic Shock Criteria": "pediatric_sirs",
    "Pediatric NEXUS II Head CT Decision Instrument for Blunt Trauma": (
        "pediatric_nexus_ii_head_ct"
    ),
    "Step-by-Step Approach to Febrile Infants": "step_by_step_febrile_infant",
}


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_no_dev_items_for_these_names() -> None:
    rows = dev_rows(NAMES)
    # The dev split has no item for these names (they come from the 483-name frequency list).
    assert rows == []


# --- Phoenix Sepsis Score (Schlapbach 2024) ------------------------------------------------

PHOENIX_BASE: dict[str, Any] = {
    "age_group": "2_to_under_5_years",
    "respiratory_support": False,
    "invasive_ventilation": False,
    "vasoactive_medications": 0,
    "pupils_fixed_bilaterally": False,
}


def test_phoenix_worked_example_septic_shock() -> None:
    # 3-year-old on IMV, PaO2 90 / FiO2 0.6 = 150 (100-200 with IMV: 2); one vasoactive (1);
    # lactate 6 (5-10.9: 1); MAP 40 (2 to < 5 y band 32-44: 1); platelets 80, INR 1.5,
    # D-dimer 3 (three abnormal, capped at 2); GCS 9 (≤ 10: 1); pupils reactive.
    # Total 2 + 1 + 1 + 1 + 2 + 1 = 8; cardiovascular 3 ≥ 1 with infection → septic shock.
    r = run(
        "phoenix_sepsis_score",
        **{
            **PHOENIX_BASE,
            "respiratory_support": True,
            "invasive_ventilation": True,
            "pao2": [90, "mmHg"],
            "fio2": 0.6,
            "vasoactive_medications": 1,
            "lactate": 6,
            "mean_arterial_pressure": 40,
            "platelets": 80,
            "inr": 1.5,
            "d_dimer_mg_l_feu": 3,
            "gcs": 9,
            "suspected_infection": True,
        },
    )
    assert r.value == 8
    assert [s.points for s in r.steps[:6]] == [2, 1, 1, 1, 2, 1]
    assert r.extra["cardiovascular"] == 3
    assert r.interpretation.startswith("Septic shock")


def test_phoenix_sepsis_without_shock_and_missing_values() -> None:
    # Oxygen by mask, SpO2 92% / FiO2 0.4 = 230 (< 292 on support: 1) + GCS 10 (1) = 2;
    # no cardiovascular point → sepsis. Unmeasured labs are scored 0 with a warning.
    r = run(
        "phoenix_sepsis_score",
        **{
            **PHOENIX_BASE,
            "respiratory_support": True,
            "spo2": 92,
            "fio2": [40, "%"],
            "gcs": 10,
            "suspected_infection": True,
        },
    )
    assert r.value == 2 and r.interpretation.startswith("Sepsis:")
    assert "lactate" in r.warnings[0]


def test_phoenix_respiratory_and_map_boundaries() -> None:
    # SpO2 98% is not used for SpO2:FiO2 (only ≤ 97%); no support → respiratory 0.
    r = run("phoenix_sepsis_score", **{**PHOENIX_BASE, "spo2": 98, "fio2": 0.3})
    assert r.extra["respiratory"] == 0
    # PaO2:FiO2 exactly 100 with IMV: 100-200 band → 2; 99 → 3.
    ivm = {**PHOENIX_BASE, "respiratory_support": True, "invasive_ventilation": True}
    assert run("phoenix_sepsis_score", **ivm, pao2=50, fio2=0.5).extra["respiratory"] == 2
    assert run("phoenix_sepsis_score", **ivm, pao2=49.5, fio2=0.5).extra["respiratory"] == 3
    # MAP for < 1 month: 31 → 0, 30 → 1, 16 → 2; lactate 11 → 2.
    base = {**PHOENIX_BASE, "age_group": "under_1_month"}
    assert run("phoenix_sepsis_score", **base, mean_arterial_pressure=31).value == 0
    assert run("phoenix_sepsis_score", **base, mean_arterial_pressure=30).value == 1
    assert run("phoenix_sepsis_score", **base, mean_arterial_pressure=16).value == 2
    assert run("phoenix_sepsis_score", **base, lactate=11).value == 2
    # Fixed pupils score 2 even with a normal GCS; two vasoactives score 2.
    assert run("phoenix_sepsis_score", **{**base, "pupils_fixed_bilaterally": True}).value == 2
    assert run("phoenix_sepsis_score", **{**base, "vasoactive_medications": 3}).value == 2


def test_phoenix_adapter() -> None:
    r = medmcp(
        "phoenix_sepsis_score",
        items(
            Age="18 months",
            **{
                "Invasive mechanical ventilation": "Yes",
                "PaO2": "70 mmHg",
                "FiO2": "50%",
                "Vasoactive medications": "2 (epinephrine, norepinephrine)",
                "Lactate": "4.2 mmol/L",
                "Mean arterial pressure": "35 mmHg",
                "Platelets": "150 x10^3/uL",
                "GCS": "14",
                "Suspected infection": "Yes",
            },
        ),
    )
    # PF 140 with IMV: 2; vasoactives 2; lactate 0; MAP 35 (1 to < 2 y: 31-43) 1; → 5, shock.
    assert r.value == 5 and r.interpretation.startswith("Septic shock")


def test_phoenix_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="age_group"):
        run("phoenix_sepsis_score", **{**PHOENIX_BASE, "age_group": "adult"})
    with pytest.raises(CalculatorInputError, match="gcs"):
        run("phoenix_sepsis_score", **PHOENIX_BASE, gcs=2)
    with pytest.raises(CalculatorInputError, match="lactate"):
        run("phoenix_sepsis_score", **PHOENIX_BASE, lactate=[5, "furlongs"])
    missing = dict(PHOENIX_BASE)
    del missing["vasoactive_medications"]
    with pytest.raises(CalculatorInputError, match="vasoactive_medications"):
        run("phoenix_sepsis_score", **missing)


# --- Pediatric SIRS (Goldstein 2005) ------------------------------------------------------


def test_pediatric_sirs_worked_example_sepsis() -> None:
    # 3-year-old (toddler/preschool: HR > 140, RR > 22, WBC > 15.5 or < 6): T 39.0 > 38.5 (1),
    # HR 150 > 140 (1), RR 20 ≤ 22 (0), WBC 17 > 15.5 (1) → 3 criteria incl. temperature;
    # with suspected infection → sepsis.
    r = run(
        "pediatric_sirs",
        age_group="toddler_preschool",
        temperature=39.0,
        heart_rate=150,
        respiratory_rate=20,
        wbc=17,
        suspected_infection=True,
    )
    assert r.value == 3
    assert [s.points for s in r.steps[:4]] == [1, 1, 0, 1]
    assert r.interpretation.startswith("Sepsis")


def test_pediatric_sirs_needs_temperature_or_wbc() -> None:
    # Adolescent: HR 120 > 110 and RR 20 > 14 meet, but temperature and WBC are normal →
    # 2 criteria without temperature / leukocytes: not SIRS.
    r = run(
        "pediatric_sirs",
        age_group="adolescent",
        temperature=37.0,
        heart_rate=120,
        respiratory_rate=20,
        wbc=8,
    )
    assert r.value == 2 and r.interpretation.startswith("SIRS criteria not met")
    # Temperature exactly 38.5 does not meet (> 38.5); 38.6 does.
    kw = dict(age_group="adolescent", heart_rate=120, respiratory_rate=12, wbc=8)
    assert run("pediatric_sirs", temperature=38.5, **kw).value == 1
    r = run("pediatric_sirs", temperature=38.6, **kw)
    assert r.value == 2 and r.interpretation.startswith("SIRS:")


def test_pediatric_sirs_infant_bradycardia_and_newborn_wbc() -> None:
    # Infant HR 85 < 90 (bradycardia counts under 1 year); ventilated; bands 12% > 10%.
    r = run(
        "pediatric_sirs",
        age_group="infant",
        temperature=35.5,
        heart_rate=85,
        respiratory_rate=30,
        mechanical_ventilation=True,
        wbc=9,
        bands_percent=12,
    )
    assert r.value == 4
    # Newborn WBC has no low threshold: WBC 3 does not meet; 35 > 34 meets.
    kw = dict(age_group="newborn", temperature=37, heart_rate=140, respiratory_rate=40)
    assert run("pediatric_sirs", wbc=3, **kw).value == 0
    assert run("pediatric_sirs", wbc=35, **kw).value == 1
    # School age HR 80: no bradycardia criterion after 1 year.
    assert (
        run(
            "pediatric_sirs",
            age_group="school_age",
            temperature=37,
            heart_rate=50,
            respiratory_rate=16,
            wbc=8,
        ).value
        == 0
    )


def test_pediatric_sirs_adapter() -> None:
    r = medmcp(
        "pediatric_sirs",
        items(
            Age="10 days",
            Temperature="35.5 °C",
            **{
                "Heart rate": "190 bpm",
                "Respiratory rate": "45 /min",
                "WBC": "21,000 /uL",
                "Suspected infection": "Yes",
            },
        ),
    )
    # Neonate: T < 36 (1), HR > 180 (1), RR > 40 (1), WBC 21 > 19.5 (1) → 4, sepsis.
    assert r.value == 4 and r.interpretation.startswith("Sepsis")
    with pytest.raises(MedMCPInputError, match="(?i)age"):
        get_calculator("pediatric_sirs").module.from_medmcp(
            items(Age="young", Temperature="37", **{"Heart rate": "90"})
        )


def test_pediatric_sirs_bad_inputs() -> None:
    kw = dict(temperature=37, heart_rate=100, respiratory_rate=20, wbc=8)
    with pytest.raises(CalculatorInputError, match="age_group"):
        run("pediatric_sirs", age_group="adult", **kw)
    with pytest.raises(CalculatorInputError, match="temperature"):
        run("pediatric_sirs", age_group="infant", **{**kw, "temperature": 50})
    with pytest.raises(CalculatorInputError, match="wbc"):
        run("pediatric_sirs", age_group="infant", **{**kw, "wbc": [8, "grams"]})


# --- Pediatric NEXUS II (Oman 2006) -------------------------------------------------------

NEXUS_NONE = {
    "skull_fracture": False,
    "altered_alertness": False,
    "neurologic_deficit": False,
    "persistent_vomiting": False,
    "scalp_hematoma": False,
    "abnormal_behavior": False,
    "coagulopathy": False,
}


def test_nexus_ii_low_risk_and_any_criterion() -> None:
    r = run("pediatric_nexus_ii_head_ct", **NEXUS_NONE)
    assert r.value == 0 and r.interpretation.startswith("Low risk")
    # A scalp hematoma and persistent vomiting: 2 criteria → not low risk, CT indicated.
    r = run(
        "pediatric_nexus_ii_head_ct",
        **{**NEXUS_NONE, "scalp_hematoma": True, "persistent_vomiting": True},
    )
    assert r.value == 2 and r.interpretation.startswith("Not low risk")
    assert [s.total for s in r.steps] == [0, 0, 0, 1, 2, 2, 2]


def test_nexus_ii_adapter_and_bad_inputs() -> None:
    r = medmcp(
        "pediatric_nexus_ii_head_ct",
        items(
            **{
                "Evidence of significant skull fracture": "No",
                "Altered level of alertness": "Yes (GCS 14)",
                "Neurologic deficit": "No",
                "Persistent vomiting": "No",
                "Scalp hematoma": "No",
                "Abnormal behavior": "No",
                "Coagulopathy": "No",
            }
        ),
    )
    assert r.value == 1
    missing = dict(NEXUS_NONE)
    del missing["coagulopathy"]
    with pytest.raises(CalculatorInputError, match="coagulopathy"):
        run("pediatric_nexus_ii_head_ct", **missing)
    with pytest.raises(CalculatorInputError, match="scalp_hematoma"):
        run("pediatric_nexus_ii_head_ct", **{**NEXUS_NONE, "scalp_hematoma": "maybe"})


# --- Step-by-Step (Gomez 2016) ------------------------------------------------------------


def test_step_by_step_sequence() -> None:
    # Ill-appearing: high risk at step 1, nothing else needed.
    assert run("step_by_step_febrile_infant", ill_appearing=True, age_days=40).value == "High risk"
    # Well, 21 days old (≤ 21): high risk at step 2.
    assert run("step_by_step_febrile_infant", ill_appearing=False, age_days=21).value == (
        "High risk"
    )
    well = dict(ill_appearing=False, age_days=45)
    assert run("step_by_step_febrile_infant", **well, leukocyturia=True).value == "High risk"
    # Procalcitonin exactly 0.5 ng/mL: high risk (≥ 0.5).
    r = run("step_by_step_febrile_infant", **well, leukocyturia=False, procalcitonin=0.5)
    assert r.value == "High risk"
    # PCT 0.2, CRP 25 mg/L > 20: intermediate; CRP 2.5 mg/dL = 25 mg/L likewise.
    labs = dict(**well, leukocyturia=False, procalcitonin=0.2)
    assert run("step_by_step_febrile_infant", **labs, crp=25, anc=5).value == "Intermediate risk"
    r = run("step_by_step_febrile_infant", **labs, crp=[2.5, "mg/dL"], anc=5)
    assert r.value == "Intermediate risk"
    # CRP 20 (not > 20) and ANC 10 ×10³/µL (not > 10): low risk.
    r = run("step_by_step_febrile_infant", **labs, crp=20, anc=10)
    assert r.value == "Low risk" and r.interpretation.startswith("Low risk")
    assert [s.label[:2] for s in r.steps] == ["1.", "2.", "3.", "4.", "5.", "Ri"]


def test_step_by_step_adapter_and_bad_inputs() -> None:
    r = medmcp(
        "step_by_step_febrile_infant",
        items(
            **{
                "Ill appearance": "No",
                "Age (days)": "35",
                "Leukocyturia": "No",
                "Procalcitonin": "0.3 ng/mL",
                "CRP": "12 mg/L",
                "ANC": "12,500",
            }
        ),
    )
    assert r.value == "Intermediate risk"  # ANC 12.5 ×10³/µL > 10
    with pytest.raises(CalculatorInputError, match="procalcitonin"):
        run("step_by_step_febrile_infant", ill_appearing=False, age_days=45, leukocyturia=False)
    with pytest.raises(CalculatorInputError, match="crp"):
        run(
            "step_by_step_febrile_infant",
            ill_appearing=False,
            age_days=45,
            leukocyturia=False,
            procalcitonin=0.1,
            anc=3,
        )
    with pytest.raises(CalculatorInputError, match="age_days"):
        run("step_by_step_febrile_infant", ill_appearing=False, age_days=120)
