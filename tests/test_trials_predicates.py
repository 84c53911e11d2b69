"""Parsing criteria into predicates: what is read, what is left over, what is refused."""

from __future__ import annotations

import pytest

from m3agent.retrieval.trials.criteria import Criterion
from m3agent.retrieval.trials.predicates import (
    AgePredicate,
    DiagnosisPredicate,
    LabPredicate,
    ParsedCriterion,
    PregnancyPredicate,
    SexPredicate,
    parse_criterion,
    structured_criteria,
)
from m3agent.retrieval.trials.trial import Trial


def parse(text: str, ctype: str = "inclusion") -> ParsedCriterion:
    return parse_criterion(Criterion(type=ctype, index=0, text=text))  # type: ignore[arg-type]


# (criterion, type, expected predicate descriptions, mode, fully computable)
GOOD = [
    ("creatinine > 2.0 mg/dL", "inclusion", ["serum creatinine > 2 mg/dl"], "all", True),
    ("eGFR < 30", "exclusion", ["eGFR < 30 ml/min/1.73m²"], "all", True),
    ("platelets < 100,000/µL", "exclusion", ["platelet count < 100 k/ul"], "all", True),
    ("Platelet count < 100,000/mm3", "exclusion", ["platelet count < 100 k/ul"], "all", True),
    ("HbA1c between 7% and 10%", "inclusion", ["HbA1c ≥ 7 % and ≤ 10 %"], "all", True),
    ("HbA1c 7.0-10.0%", "inclusion", ["HbA1c ≥ 7 % and ≤ 10 %"], "all", True),
    ("HbA1c ≥ 53 mmol/mol", "inclusion", ["HbA1c ≥ 7.00044 %"], "all", True),
    ("ANC ≥ 1500/mm3", "inclusion", ["absolute neutrophil count ≥ 1.5 k/ul"], "all", True),
    ("ANC ≥ 1.5 x 10^9/L", "inclusion", ["absolute neutrophil count ≥ 1.5 k/ul"], "all", True),
    ("bilirubin ≤ 1.5 x ULN", "inclusion", ["total bilirubin ≤ 1.5 × ULN"], "all", True),
    (
        "Total serum bilirubin ≤1.5x upper limit of normal (ULN)",
        "inclusion",
        ["total bilirubin ≤ 1.5 × ULN"],
        "all",
        True,
    ),
    (
        "Patients with an AST or ALT three times the upper limit at Screening",
        "exclusion",
        ["AST any of ALT ≥ 3 × ULN"],
        "all",
        True,
    ),
    ("AST/ALT ≤ 2.5 x ULN", "inclusion", ["AST all of ALT ≤ 2.5 × ULN"], "all", True),
    (
        "Severe renal impairment (Serum creatinine >3.0 mg/dl)",
        "exclusion",
        ["serum creatinine > 3 mg/dl"],
        "all",
        True,
    ),
    (
        "patients with severe renal disease (serum creatinine level of more than 250 micro mmol/L",
        "exclusion",
        ["serum creatinine > 2.82805 mg/dl"],
        "all",
        True,
    ),
    (
        "Patients with uncontrolled hypertension (SBP >= 160 mmHg or DBP >= 100 mmHg)",
        "exclusion",
        ["systolic blood pressure ≥ 160 mmhg", "diastolic blood pressure ≥ 100 mmhg"],
        "any",
        True,
    ),
    (
        "Adequate bone marrow function (WBC>3x10^9/l; Hb>9g/dl; platelets >100x10^9/l)",
        "inclusion",
        ["white blood cell count > 3 k/ul", "hemoglobin > 9 g/dl", "platelet count > 100 k/ul"],
        "all",
        True,
    ),
    (
        "Hypertension of > 170/100 mm of Hg",
        "exclusion",
        ["blood pressure > 170/100 mmHg"],
        "all",
        True,
    ),
    ("Body mass index (BMI) ≥ 30 kg/m2", "inclusion", ["body mass index ≥ 30 kg/m²"], "all", True),
    ("Age 25 to 65 years", "inclusion", ["age ≥ 25 y and age ≤ 65 y"], "all", True),
    ("Age ≥18 years", "inclusion", ["age ≥ 18 y"], "all", True),
    ("Age 18+", "inclusion", ["age ≥ 18 y"], "all", True),
    ("18 years of age or older", "inclusion", ["age ≥ 18 y"], "all", True),
    ("Less than 18 years of age", "exclusion", ["age < 18 y"], "all", True),
    ("Participant is under 18 years old.", "exclusion", ["age < 18 y"], "all", True),
    ("Ages 18-24 years (inclusive).", "inclusion", ["age ≥ 18 y and age ≤ 24 y"], "all", True),
    (
        "Age 6 months to less than 13 years of age (<13)",
        "inclusion",
        ["age ≥ 0.5 y and age < 13 y"],
        "all",
        True,
    ),
    (
        "Participants from birth to <18 years of age",
        "inclusion",
        ["age ≥ 0 y and age < 18 y"],
        "all",
        True,
    ),
    ("Male and female", "inclusion", ["sex: female or male"], "all", True),
    (
        "Patients of both sexes aged ≥ 18 years.",
        "inclusion",
        ["sex: female or male", "age ≥ 18 y"],
        "all",
        True,
    ),
    ("Woman ≥ 18 years old", "inclusion", ["sex: female", "age ≥ 18 y"], "all", True),
    ("Pregnant or breastfeeding women", "exclusion", ["pregnant", "breastfeeding"], "any", True),
    ("Pregnant and nursing women", "exclusion", ["pregnant", "breastfeeding"], "any", True),
    ("are not pregnant", "inclusion", ["not pregnant"], "any", True),
    ("Clinical diagnosis of hypertension", "inclusion", ["hypertension"], "all", True),
    ("IDDM (Type-1 diabetes mellitus)", "exclusion", ["type1 diabetes"], "any", True),
    ("Patients without systemic Lupus erythematosus", "exclusion", ["no sle"], "all", True),
    (
        "have not been previously diagnosed with cervical cancer",
        "inclusion",
        ["no cervical cancer"],
        "all",
        True,
    ),
    (
        "Heart failure or ejection fraction (EF) <30%.",
        "exclusion",
        ["heart failure", "left ventricular ejection fraction < 30 %"],
        "any",
        True,
    ),
    (
        "Patients with uncontrolled hypertension.",
        "exclusion",
        ["uncontrolled hypertension"],
        "all",
        True,
    ),
    (
        "Female subjects diagnosed with KD 12 years of age and older.",
        "exclusion",
        ["sex: female", "kawasaki disease", "age ≥ 12 y"],
        "all",
        True,
    ),
]


@pytest.mark.parametrize(("text", "ctype", "described", "mode", "computable"), GOOD)
def test_parse_good(
    text: str, ctype: str, described: list[str], mode: str, computable: bool
) -> None:
    p = parse(text, ctype)
    assert [x.describe() for x in p.predicates] == described
    assert p.mode == mode
    assert p.computable is computable, p.residual


# Criteria whose content is not (fully) computable: the leftover words must say why.
PARTIAL = [
    ("Myocardial infarction in < 6 months", "exclusion", ["myocardial infarction"], "6 months"),
    ("Term pregnancy", "inclusion", ["pregnant"], "Term"),
    ("Postmenopausal women", "exclusion", ["sex: female"], "Postmenopausal"),
    ("If female, using birth control", "inclusion", ["sex: female"], "using birth control"),
    (
        "Adults male or female over 18 year old undergoing emergency laparotomy.",
        "inclusion",
        ["sex: female or male", "age > 18 y"],
        "undergoing emergency laparotomy",
    ),
    ("Severe heart failure (NYHA IV).", "exclusion", ["severe heart failure"], "NYHA IV"),
    ("Known hypersensitivity to nicorandil", "exclusion", [], "hypersensitivity nicorandil"),
    # "within 6 months" is a duration, not an age.
    (
        "Stroke or myocardial infarction within the last 3 months.",
        "exclusion",
        ["stroke", "myocardial infarction"],
        "within last 3 months",
    ),
    # The threshold is relative to an age-adjusted norm: % is not a unit of eGFR.
    (
        "eGFR <80% of age adjusted normal renal function",
        "exclusion",
        [],
        "eGFR 80 adjusted normal renal function",
    ),
    # A QTc threshold read after "heart rate" is implausible as a heart rate: refused.
    (
        "corrected QT interval by heart rate (QTc) ≥ 470 ms",
        "exclusion",
        [],
        "corrected QT interval heart rate QTc 470 ms",
    ),
]


@pytest.mark.parametrize(("text", "ctype", "described", "residual"), PARTIAL)
def test_parse_partial(text: str, ctype: str, described: list[str], residual: str) -> None:
    p = parse(text, ctype)
    assert [x.describe() for x in p.predicates] == described
    assert p.residual == residual
    assert not p.computable


def test_notes_say_why_parts_were_refused() -> None:
    p = parse("eGFR <80% of age adjusted normal renal function", "exclusion")
    assert any("'%' is not a unit of egfr" in n for n in p.notes)
    p = parse("corrected QT interval by heart rate (QTc) ≥ 470 ms", "exclusion")
    assert any("plausible range" in n for n in p.notes)
    p = parse("Women planning to become pregnant during the study", "exclusion")
    assert not any(isinstance(x, PregnancyPredicate) for x in p.predicates)
    assert any("plan or wish" in n for n in p.notes)
    p = parse("Malignancy except adequately treated carcinoma of the cervix", "exclusion")
    assert [x.describe() for x in p.predicates] == ["cancer"]
    assert any("exception" in n for n in p.notes)
    p = parse("serum bilirubin <1.5x the institutional norm", "inclusion")
    assert p.predicates == [] and any("unrecognised reference" in n for n in p.notes)


def test_not_diseases_and_not_ages() -> None:
    # A screening test is not the disease; a nursing facility is not breastfeeding.
    assert parse("are able to undergo routine cervical cancer screening").predicates == []
    p = parse(
        "nosocomial pneumonia (<14 days after discharge from a nursing facility)", "exclusion"
    )
    assert [x.kind for x in p.predicates] == ["diagnosis"]
    # "patient's mother" does not make a sex criterion.
    p = parse("Exposure to hepatitis B in patient's mother", "exclusion")
    assert not any(isinstance(x, SexPredicate) for x in p.predicates)
    # Acronyms are case-sensitive: "all" is not acute lymphoblastic leukaemia.
    assert parse("all patients with asthma").predicates[0].describe() == "asthma"
    # Both sexes named apart: sex is not read.
    p = parse("5 or more drinks in 2 hours for males and 4 for females")
    assert not any(isinstance(x, SexPredicate) for x in p.predicates)


def test_predicate_fields() -> None:
    p = parse("Women ≥ 18 years old with type 2 diabetes and HbA1c > 7.5%", "inclusion")
    kinds = {type(x) for x in p.predicates}
    assert kinds == {SexPredicate, AgePredicate, DiagnosisPredicate, LabPredicate}
    sex = next(x for x in p.predicates if isinstance(x, SexPredicate))
    assert sex.qualifier is True and sex.allowed == ["female"]
    lab = next(x for x in p.predicates if isinstance(x, LabPredicate))
    assert (lab.concepts, lab.low, lab.low_inclusive, lab.unit) == (["hba1c"], 7.5, False, "%")
    age = next(x for x in p.predicates if isinstance(x, AgePredicate))
    assert (age.min_years, age.max_years) == (18, None)
    assert p.computable
    assert parse("Male and female").predicates[0].qualifier is False  # type: ignore[union-attr]


def test_structured_criteria() -> None:
    t = Trial(nct_id="NCT00000001", title="t", sex="FEMALE", min_age_years=18, max_age_years=65)
    out = structured_criteria(t)
    assert [p.criterion.text for p in out] == [
        "Registry age limits: age ≥ 18 y and age ≤ 65 y",
        "Registry sex: FEMALE",
    ]
    assert all(p.criterion.source == "structured" and p.computable for p in out)
    assert structured_criteria(Trial(nct_id="NCT00000002", title="t")) == []
