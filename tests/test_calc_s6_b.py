"""MedMCP-Calc one-task calculators (session 6, batch b): worked examples, adapters, bad inputs.

Covered: Fosphenytoin Load, Estimated Ethanol (and Toxic Alcohol) Serum Concentration Based on
Ingestion (Widmark), HCT-CI (Sorror 2005) and the Rebound Hyperbilirubinemia Risk Score (Chang
2017). None of these names has an item in the dev subset, so each is checked with a hand-worked
example, its published boundaries, and a MedMCP-style item scored through
``medmcp_calc.score_answer``.
"""

from __future__ import annotations

from typing import Any

import pytest

from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import assert_name_resolves, dev_names, run, score

NAMES = {
    "Fosphenytoin Load": "fosphenytoin_load",
    "Estimated Ethanol (and Toxic Alcohol) Serum Concentration Based on Ingestion": (
        "ethanol_ingestion_level"
    ),
    "Hematopoietic Cell Transplantation-specific Comorbidity Index (HCT-CI)": "hct_ci",
    "Rebound Hyperbilirubinemia Risk Score": "rebound_hyperbilirubinemia",
}


def items(pairs: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    return [{"field": f, "value": v} for f, v in pairs]


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_no_dev_items_for_these_names() -> None:
    # The dev subset holds none of these names (frequency list only); if a later data drop
    # adds one, it must be scored here.
    assert not dev_names() & set(NAMES)


# --- Fosphenytoin Load -----------------------------------------------------------------------


def test_fosphenytoin_adult_status_epilepticus() -> None:
    # 70 kg × 20 mg PE/kg = 1400 mg PE; 1400 / 50 mg PE/mL = 28 mL; 1400 / 150 = 9.33 min.
    r = run(
        "fosphenytoin_load",
        weight=70,
        indication="status_epilepticus",
        dose_per_kg=20,
        pediatric=False,
    )
    assert r.value == 1400.0 and r.unit == "mg PE"
    assert r.extra["volume_ml"] == 28.0
    assert r.extra["min_infusion_minutes"] == 9.3
    assert r.extra["fosphenytoin_sodium_mg"] == 2100.0  # 1.5 mg sodium salt per mg PE


def test_fosphenytoin_pediatric_rate_is_per_kg() -> None:
    # 20 kg × 15 = 300 mg PE; rate min(150, 2 × 20 = 40) = 40 mg PE/min → 7.5 min.
    r = run(
        "fosphenytoin_load",
        weight=20,
        indication="status_epilepticus",
        dose_per_kg=15,
        pediatric=True,
    )
    assert r.value == 300.0 and r.extra["min_infusion_minutes"] == 7.5
    # Weight in pounds: 154.32 lb = 70.0 kg.
    r = run(
        "fosphenytoin_load",
        weight=[154.324, "lb"],
        indication="non_emergent",
        dose_per_kg=10,
        pediatric=False,
    )
    assert r.value == 700.0


def test_fosphenytoin_dose_outside_label_range_is_rejected() -> None:
    with pytest.raises(CalculatorInputError, match="15-20 mg PE/kg"):
        run(
            "fosphenytoin_load",
            weight=70,
            indication="status_epilepticus",
            dose_per_kg=10,
            pediatric=False,
        )
    with pytest.raises(CalculatorInputError, match="indication"):
        run("fosphenytoin_load", weight=70, indication="migraine", dose_per_kg=20, pediatric=False)
    with pytest.raises(CalculatorInputError, match="pediatric"):
        run("fosphenytoin_load", weight=70, indication="status_epilepticus", dose_per_kg=20)
    with pytest.raises(CalculatorInputError, match="weight"):
        run(
            "fosphenytoin_load",
            weight=[70, "furlongs"],
            indication="status_epilepticus",
            dose_per_kg=20,
            pediatric=False,
        )


def test_fosphenytoin_pediatric_non_emergent_range() -> None:
    # Review: the label's paediatric non-emergent load is 10-15 mg PE/kg (adults 10-20).
    # 20 kg × 15 = 300 mg PE is accepted; 20 mg PE/kg is rejected for a child.
    kw = {"weight": 20, "indication": "non_emergent", "pediatric": True}
    assert run("fosphenytoin_load", dose_per_kg=15, **kw).value == 300.0
    with pytest.raises(CalculatorInputError, match="10-15 mg PE/kg"):
        run("fosphenytoin_load", dose_per_kg=20, **kw)


def test_fosphenytoin_medmcp_item() -> None:
    inputs = items([("Weight", "80 kg"), ("Indication", "Status epilepticus")])
    assert score("Fosphenytoin Load", inputs, "1600 mg PE").status == "matched"
    inputs = items([("Weight (lbs)", "110"), ("Dose (mg PE/kg)", "15"), ("Age", "8 years")])
    # 110 lb = 49.9 kg × 15 = 748.4 mg PE.
    row = score("Fosphenytoin Load", inputs, "748.4")
    assert row.status == "matched", row


# --- Estimated ethanol / toxic alcohol concentration ---------------------------------------

ETOH = "ethanol_ingestion_level"


def test_ethanol_widmark_male() -> None:
    # 355 mL × 40% = 142 mL × 0.789 g/mL = 112.04 g; Vd 0.68 × 70 = 47.6 L;
    # 112.04 g / 47.6 L = 2.354 g/L = 235.4 mg/dL.
    r = run(
        ETOH, substance="ethanol", volume_ingested=355, percent_alcohol=40, weight=70, sex="male"
    )
    assert r.value == 235.4 and r.unit == "mg/dL"
    assert r.extra["mmol_per_l"] == 51.1  # 2354 mg/L / 46.07


def test_ethanol_widmark_female_and_given_vd() -> None:
    # 150 mL × 12% × 0.789 = 14.20 g; 0.55 × 60 = 33 L → 0.4303 g/L = 43.0 mg/dL.
    r = run(
        ETOH, substance="ethanol", volume_ingested=150, percent_alcohol=12, weight=60, sex="female"
    )
    assert r.value == 43.0
    # Methanol: 60 mL × 100% × 0.792 = 47.52 g; 0.6 × 80 = 48 L → 0.99 g/L = 99.0 mg/dL.
    r = run(
        ETOH,
        substance="methanol",
        volume_ingested=60,
        percent_alcohol=100,
        weight=80,
        volume_of_distribution=0.6,
    )
    assert r.value == 99.0
    # Ethylene glycol: 100 mL × 95% × 1.113 = 105.7 g; 0.6 × 70 = 42 L → 251.8 mg/dL.
    r = run(
        ETOH,
        substance="ethylene_glycol",
        volume_ingested=[0.1, "L"],
        percent_alcohol=95,
        weight=70,
        volume_of_distribution=0.6,
    )
    assert r.value == 251.8


def test_ethanol_missing_distribution_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="volume_of_distribution is required"):
        run(ETOH, substance="methanol", volume_ingested=60, percent_alcohol=100, weight=80)
    with pytest.raises(CalculatorInputError, match="sex is required"):
        run(ETOH, substance="ethanol", volume_ingested=60, percent_alcohol=40, weight=80)
    with pytest.raises(CalculatorInputError, match="percent_alcohol"):
        run(
            ETOH,
            substance="ethanol",
            volume_ingested=60,
            percent_alcohol=140,
            weight=80,
            sex="male",
        )
    with pytest.raises(CalculatorInputError, match="substance"):
        run(
            ETOH,
            substance="glycerol",
            volume_ingested=60,
            percent_alcohol=40,
            weight=80,
            sex="male",
        )


def test_ethanol_medmcp_items() -> None:
    name = "Estimated Ethanol (and Toxic Alcohol) Serum Concentration Based on Ingestion"
    # 12 fl oz = 354.88 mL × 40% × 0.789 = 112.0 g; / (0.68 × 70 L) = 235.3 mg/dL.
    inputs = items(
        [
            ("Amount ingested", "12 oz"),
            ("Alcohol by volume", "40%"),
            ("Weight", "70 kg"),
            ("Sex", "Male"),
        ]
    )
    row = score(name, inputs, "235.3 mg/dL")
    assert row.status == "matched", row
    # 80 proof = 40% by volume.
    inputs = items(
        [("Volume ingested", "355 mL"), ("Proof", "80"), ("Weight", "154.3 lb"), ("Gender", "male")]
    )
    row = score(name, inputs, "235.4")
    assert row.status == "matched", row


# --- HCT-CI -----------------------------------------------------------------------------------

NONE_PRESENT: dict[str, Any] = {
    "arrhythmia": False,
    "cardiac": False,
    "inflammatory_bowel_disease": False,
    "diabetes": False,
    "cerebrovascular_disease": False,
    "psychiatric_disturbance": False,
    "obesity": False,
    "infection": False,
    "rheumatologic": False,
    "peptic_ulcer": False,
    "renal_moderate_severe": False,
    "prior_solid_tumor": False,
    "heart_valve_disease": False,
    "hepatic": "none",
    "pulmonary": "none",
}


def hct(**changes: Any) -> Any:
    return run("hct_ci", **{**NONE_PRESENT, **changes})


def test_hct_ci_worked_example() -> None:
    # Diabetes (1) + mild hepatic (1) + moderate pulmonary (2) + prior solid tumour (3) = 7.
    r = hct(diabetes=True, hepatic="mild", pulmonary="moderate", prior_solid_tumor=True)
    assert r.value == 7
    assert r.interpretation.startswith("High risk")
    assert [s.points for s in r.steps if s.points] == [1, 3, 1, 2]


def test_hct_ci_risk_groups_and_weights() -> None:
    assert hct().value == 0 and hct().interpretation.startswith("Low risk")
    assert hct(arrhythmia=True, obesity=True).value == 2  # 1 + 1: intermediate
    assert hct(arrhythmia=True, obesity=True).extra["risk_group"] == "Intermediate risk"
    assert hct(rheumatologic=True, infection=True).value == 3  # 2 + 1: high
    assert hct(hepatic="moderate_severe").value == 3
    assert hct(pulmonary="severe").value == 3
    assert hct(heart_valve_disease=True, peptic_ulcer=True, renal_moderate_severe=True).value == 7
    # Comorbidity-age index (Sorror 2014): + 1 at age ≥ 40, reported beside the HCT-CI.
    assert hct(cardiac=True, age=40).extra["comorbidity_age_index"] == 2
    assert hct(cardiac=True, age=39).extra["comorbidity_age_index"] == 1


def test_hct_ci_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="hepatic"):
        hct(hepatic="cirrhotic-ish")
    bad = dict(NONE_PRESENT)
    del bad["pulmonary"]
    with pytest.raises(CalculatorInputError, match="pulmonary"):
        run("hct_ci", **bad)


def test_hct_ci_medmcp_item() -> None:
    name = "Hematopoietic Cell Transplantation-specific Comorbidity Index (HCT-CI)"
    inputs = items(
        [
            ("Arrhythmia", "Yes (atrial fibrillation)"),
            ("Cardiac", "No"),
            ("Diabetes", "Yes (on insulin)"),
            ("Hepatic", "Moderate/severe (cirrhosis)"),
            ("Pulmonary", "Moderate (FEV1 72%)"),
            ("Heart valve disease", "No"),
            ("Prior solid tumor", "No"),
        ]
    )
    # 1 + 1 + 3 + 2 = 7.
    assert score(name, inputs, "7").status == "matched"
    assert score(name, inputs, "High risk").status == "matched"
    assert score(name, items([("Obesity", "No"), ("Pulmonary", "None")]), "0").status == "matched"


# --- Rebound hyperbilirubinemia -----------------------------------------------------------------

RB = "rebound_hyperbilirubinemia"


def test_rebound_worked_example() -> None:
    # GA 37 wk (< 38: +15), phototherapy started at 2 days (−14), threshold 15, TSB 12 at
    # termination (−4 × 3 = −12): 15 − 14 − 12 + 50 = 39 → 17-19% band.
    r = run(
        RB,
        gestational_age=37,
        age_at_phototherapy_start=2,
        phototherapy_threshold=15,
        tsb_at_termination=12,
    )
    assert r.value == 39
    assert r.extra["risk"] == "17-19%"


def test_rebound_bands_and_units() -> None:
    # GA 39 (0), day 3 (−21), threshold 18 − TSB 13 (−20): 0 − 21 − 20 + 50 = 9 → 0.3%.
    r = run(
        RB,
        gestational_age=39,
        age_at_phototherapy_start=3,
        phototherapy_threshold=18,
        tsb_at_termination=13,
    )
    assert r.value == 9 and r.extra["risk"] == "0.3%"
    # Age given in hours (48 h = 2 d) and TSB in µmol/L (205.2 µmol/L = 12 mg/dL).
    r = run(
        RB,
        gestational_age=37,
        age_at_phototherapy_start=[48, "h"],
        phototherapy_threshold=15,
        tsb_at_termination=[205.2, "umol/L"],
    )
    assert r.value == 39
    # GA 36 (+15), day 1 (−7), TSB 1 mg/dL below threshold (−4): 54 → ≥ 50 band.
    r = run(
        RB,
        gestational_age=36,
        age_at_phototherapy_start=1,
        phototherapy_threshold=16,
        tsb_at_termination=15,
    )
    assert r.value == 54 and r.extra["risk"] == "41-49%"


def test_rebound_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="gestational_age"):
        run(
            RB,
            gestational_age=33,
            age_at_phototherapy_start=2,
            phototherapy_threshold=15,
            tsb_at_termination=12,
        )
    with pytest.raises(CalculatorInputError, match="age_at_phototherapy_start"):
        run(
            RB,
            gestational_age=38,
            age_at_phototherapy_start=20,
            phototherapy_threshold=15,
            tsb_at_termination=12,
        )
    with pytest.raises(CalculatorInputError, match="tsb_at_termination"):
        run(RB, gestational_age=38, age_at_phototherapy_start=2, phototherapy_threshold=15)


def test_rebound_medmcp_item() -> None:
    inputs = items(
        [
            ("Gestational age", "37 weeks"),
            ("Age at phototherapy initiation", "2 days"),
            ("AAP phototherapy threshold", "15 mg/dL"),
            ("TSB at phototherapy termination", "12 mg/dL"),
        ]
    )
    row = score("Rebound Hyperbilirubinemia Risk Score", inputs, "39")
    assert row.status == "matched", row
