"""Predicates evaluated against PatientFacts: TrialGPT labels, provenance, missing-data policy."""

from __future__ import annotations

from datetime import datetime

import pytest
from pydantic import ValidationError

from m3agent.retrieval.trials.criteria import Criterion
from m3agent.retrieval.trials.labels import (
    CriterionResult,
    and3,
    evaluate_criterion,
    label_for,
    or3,
)
from m3agent.retrieval.trials.patient import Condition, FactEvidence, LabValue, PatientFacts
from m3agent.retrieval.trials.predicates import parse_criterion

T0 = datetime(2180, 5, 6, 22, 0)
T1 = datetime(2180, 5, 8, 6, 0)


@pytest.fixture
def mimic_patient() -> PatientFacts:
    """A MIMIC-IV-like patient: coded diagnoses (complete), labs with item ids and times."""
    return PatientFacts(
        patient_id="10000032",
        age_years=52,
        sex="F",
        conditions=[
            Condition(
                title="Type 2 diabetes mellitus without complications",
                code="E119",
                icd_version=10,
                time=T0,
            ),
            Condition(title="Unspecified essential hypertension", code="4019", icd_version=9),
        ],
        conditions_complete=True,
        labs={
            # (value, unit, time, itemid) tuples, as the lead's SQL side will produce them.
            "creatinine": [(2.4, "mg/dL", T1, 50912), (1.1, "mg/dL", T0, 50912)],
            "platelets": [(85, "K/uL", T1, 51265)],
            "bilirubin": [LabValue(value=2.0, unit="mg/dL", time=T1, itemid=50885, ref_high=1.5)],
            "ast": [(50, "IU/L", T1, 50878)],
        },
        evidence={
            "age": FactEvidence(source="patients.anchor_age"),
            "sex": FactEvidence(source="patients.gender"),
        },
        source="mimic-iv",
    )


def result(
    text: str, facts: PatientFacts, ctype: str = "inclusion", policy: str = "trialgpt"
) -> CriterionResult:
    parsed = parse_criterion(Criterion(type=ctype, index=0, text=text))  # type: ignore[arg-type]
    return evaluate_criterion(parsed, facts, policy=policy)  # type: ignore[arg-type]


def test_lab_threshold_with_provenance(mimic_patient: PatientFacts) -> None:
    r = result("creatinine > 2.0 mg/dL", mimic_patient, "inclusion")
    assert (r.label, r.method) == ("included", "computed")
    [ev] = r.evidence
    # The latest value by time is used, with its unit, time and item id.
    assert (ev.fact, ev.value, ev.unit, ev.time, ev.itemid) == (
        "lab:creatinine",
        2.4,
        "mg/dL",
        T1,
        50912,
    )
    assert result("creatinine > 2.0 mg/dL", mimic_patient, "exclusion").label == "excluded"
    assert (
        result("Serum creatinine > 250 µmol/L", mimic_patient, "exclusion").label == "not excluded"
    )  # 2.4 mg/dL = 212 µmol/L
    r = result("Platelet count < 100,000/mm3", mimic_patient, "exclusion")
    assert r.label == "excluded" and r.evidence[0].itemid == 51265


def test_uln_thresholds(mimic_patient: PatientFacts) -> None:
    r = result("bilirubin ≤ 1.5 x ULN", mimic_patient)
    assert r.label == "included"  # 2.0 / 1.5 = 1.33 × ULN
    assert "1.33 × ULN" in (r.evidence[0].note or "")
    r = result("AST ≤ 2.5 x ULN", mimic_patient)
    assert (r.label, r.method) == ("not enough information", "undetermined")
    assert "upper limit of normal" in r.explanation


def test_coded_diagnoses(mimic_patient: PatientFacts) -> None:
    r = result("History of diabetes mellitus", mimic_patient, "exclusion")
    assert r.label == "excluded"
    assert (r.evidence[0].code, r.evidence[0].icd_version) == ("E119", 10)
    # A complete coded list: no E10 code means no type 1 diabetes.
    r = result("Type 1 diabetes", mimic_patient, "exclusion")
    assert r.label == "not excluded" and not r.assumed
    assert "no code under type 1 diabetes mellitus" in (r.evidence[0].note or "")
    assert result("Asthma", mimic_patient, "inclusion").label == "not included"
    assert result("Clinical diagnosis of hypertension", mimic_patient).label == "included"
    # A modifier a code cannot confirm leaves the criterion open.
    r = result("Patients with uncontrolled hypertension.", mimic_patient, "exclusion")
    assert (r.label, r.method) == ("not enough information", "undetermined")
    assert "whether it is uncontrolled" in r.explanation
    icd9 = mimic_patient.model_copy(
        update={"conditions": [Condition(title="Diabetes type I", code="25001", icd_version=9)]}
    )
    assert result("Type 1 diabetes", icd9, "inclusion").label == "included"
    assert result("Type 2 diabetes", icd9, "inclusion").label == "not included"


def test_age_sex_and_not_applicable(mimic_patient: PatientFacts) -> None:
    assert result("Age 18 to 50 years", mimic_patient).label == "not included"
    r = result("Age ≥18 years", mimic_patient)
    assert r.label == "included" and r.evidence[0].source == "patients.anchor_age"
    assert result("Male and female", mimic_patient).label == "included"
    assert result("Women only", mimic_patient).label == "included"
    male = mimic_patient.model_copy(update={"sex": "male"})
    assert result("Women only", male).label == "not included"
    # A sex qualifier on other content: the other sex is outside the criterion.
    r = result("Female subjects diagnosed with asthma", male, "exclusion")
    assert r.label == "not applicable" and "concerns female patients" in r.explanation
    # Pregnancy does not apply to a male patient, in either criterion type.
    assert result("Pregnant or breastfeeding women", male, "exclusion").label == "not applicable"
    assert result("are not pregnant", male, "inclusion").label == "not applicable"


def test_missing_data_policy(mimic_patient: PatientFacts) -> None:
    r = result("Pregnant or breastfeeding women", mimic_patient, "exclusion", "strict")
    assert (r.label, r.method) == ("not enough information", "undetermined")
    r = result("Pregnant or breastfeeding women", mimic_patient, "exclusion", "trialgpt")
    assert (r.label, r.assumed) == ("not excluded", True)
    assert "assumed" in r.explanation
    r = result("are not pregnant", mimic_patient, "inclusion", "trialgpt")
    assert (r.label, r.assumed) == ("included", True)
    pregnant = mimic_patient.model_copy(update={"pregnant": True})
    r = result("are not pregnant", pregnant, "inclusion", "trialgpt")
    assert (r.label, r.assumed) == ("not included", False)
    # A lab the record lacks: exclusion taken as not met (trialgpt), unknown for inclusion.
    r = result("HbA1c ≥ 10%", mimic_patient, "exclusion", "trialgpt")
    assert (r.label, r.assumed) == ("not excluded", True)
    assert (
        result("HbA1c ≥ 10%", mimic_patient, "exclusion", "strict").label
        == "not enough information"
    )
    assert (
        result("HbA1c ≥ 7%", mimic_patient, "inclusion", "trialgpt").label
        == "not enough information"
    )
    # Age and sex are never assumed.
    unknown = PatientFacts(patient_id="x")
    assert (
        result("Age ≥18 years", unknown, "exclusion", "trialgpt").label == "not enough information"
    )


def test_text_patient_conditions() -> None:
    facts = PatientFacts(
        patient_id="p",
        age_years=58,
        sex="female",
        conditions=[
            Condition(title="diabetes", concept="diabetes", negated=True, sentence_ids=[4]),
            Condition(title="hypertension", concept="hypertension", sentence_ids=[3]),
            Condition(title="lung cancer", concept="lung_cancer", sentence_ids=[1]),
        ],
        sentences=["s0", "s1", "s2", "s3", "s4"],
    )
    r = result("Type 1 diabetes", facts, "inclusion")
    assert r.label == "not included" and r.sentence_ids == [4]  # "denies diabetes"
    r = result("Hypertension", facts, "inclusion")
    assert r.label == "included" and r.sentence_ids == [3]
    # A more specific condition satisfies a broader criterion ...
    assert result("History of malignancy", facts, "exclusion").label == "excluded"
    # ... but a broader one does not settle a narrower criterion.
    generic = facts.model_copy(
        update={"conditions": [Condition(title="diabetes", concept="diabetes")]}
    )
    r = result("Type 1 diabetes", generic, "inclusion")
    assert r.label == "not enough information"
    assert "whether it is type 1 diabetes mellitus" in r.explanation
    # Unmentioned: unknown for an inclusion criterion, assumed absent for an exclusion.
    assert result("Asthma", facts, "inclusion").label == "not enough information"
    assert result("Asthma", facts, "exclusion").label == "not excluded"
    assert result("Asthma", facts, "exclusion", "strict").label == "not enough information"


def test_partial_criteria_decided_by_their_parsed_part(mimic_patient: PatientFacts) -> None:
    # "all": a failed part decides, whatever the unparsed rest says.
    r = result(
        "Asthma requiring oral steroids within 6 months", mimic_patient, "exclusion", "strict"
    )
    assert r.label == "not excluded" and r.residual
    # "any": a met alternative decides.
    r = result(
        "Diabetes mellitus or other endocrine disease needing insulin",
        mimic_patient,
        "exclusion",
        "strict",
    )
    assert r.label == "excluded"
    r = result("Myocardial infarction in < 6 months", mimic_patient, "exclusion", "strict")
    assert r.label == "not excluded"  # no MI code at all


def test_bad_units_and_inputs(mimic_patient: PatientFacts) -> None:
    odd = mimic_patient.model_copy(update={"labs": {"creatinine": [LabValue(value=2.0, unit="%")]}})
    r = result("creatinine > 1.5 mg/dL", odd)
    assert r.label == "not enough information" and "not a unit of creatinine" in r.explanation
    with pytest.raises(ValidationError, match="1 to 4 items"):
        LabValue.model_validate((1.0, "mg/dL", None, 1, "extra"))
    with pytest.raises(ValidationError, match="expected sex"):
        PatientFacts(patient_id="x", sex="X")
    with pytest.raises(ValidationError, match="unknown lab concept"):
        PatientFacts(patient_id="x", labs={"troponin": [(1.0, "ng/mL")]})
    with pytest.raises(ValidationError):
        PatientFacts(patient_id="x", age_years=-1)


def test_latest_and_numbered_note() -> None:
    f = PatientFacts(
        patient_id="x",
        labs={"glucose": [(120, "mg/dL", T1), (300, "mg/dL", T0)]},
        sentences=["A.", "B."],
    )
    assert f.latest("glucose").value == 120  # type: ignore[union-attr]
    assert f.latest("sodium") is None
    untimed = PatientFacts(patient_id="x", labs={"glucose": [(120, "mg/dL"), (300, "mg/dL")]})
    assert untimed.latest("glucose").value == 300  # type: ignore[union-attr]
    assert f.numbered_note() == "0. A.\n1. B."


def test_three_valued_logic() -> None:
    assert and3([True, None]) is None and and3([False, None]) is False and and3([True]) is True
    assert or3([True, None]) is True and or3([False, None]) is None and or3([False]) is False
    assert or3([]) is None
    assert label_for("inclusion", True) == "included"
    assert label_for("exclusion", False) == "not excluded"
    assert label_for("exclusion", None) == "not enough information"
