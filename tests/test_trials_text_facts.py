"""Facts read from free-text patient notes (TrialGPT's SIGIR patients)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from m3agent.retrieval.trials.text_facts import facts_from_text, split_sentences


@pytest.fixture(scope="module")
def queries(shared_data: Path) -> dict[str, str]:
    path = shared_data / "trials/sigir-subset/queries.jsonl"
    return {q["_id"]: q["text"] for q in map(json.loads, path.read_text().splitlines())}


def test_chest_pain_patient(queries: dict[str, str]) -> None:
    f = facts_from_text(queries["sigir-20141"], "sigir-20141")
    assert (f.age_years, f.sex, f.pregnant) == (58, "female", None)
    assert f.evidence["age"].sentence_ids == [0] and f.evidence["age"].text == "58-year-old"
    present = {c.concept for c in f.conditions if not c.negated}
    denied = {c.concept for c in f.conditions if c.negated}
    assert present == {"hypertension", "obesity"}
    # "She denies smoking, diabetes, hypercholesterolemia, or a family history of heart disease."
    assert denied == {"tobacco_use", "diabetes", "hypercholesterolemia"}
    htn = next(c for c in f.conditions if c.concept == "hypertension")
    assert htn.sentence_ids == [3]
    assert f.conditions_complete is False and f.source == "text"


def test_kawasaki_child_labs_with_units(queries: dict[str, str]) -> None:
    f = facts_from_text(queries["sigir-20144"])
    assert (f.age_years, f.sex, f.pregnant) == (2, "male", False)
    wbc = f.labs["wbc"][0]
    assert (wbc.value, wbc.unit) == (17580, "/mm3")  # "17,580/mm"
    alb = f.labs["albumin"][0]
    assert (alb.value, alb.unit, alb.unit_assumed) == (2.1, "g/dl", False)
    assert wbc.sentence_ids == alb.sentence_ids == [3]  # "Laboratory tests report ..."
    assert {c.concept for c in f.conditions} == {"anemia"}


def test_blood_pressure_and_units_assumed() -> None:
    f = facts_from_text(
        "A 40-year-old woman with no past medical history. Her blood pressure is 80/60. "
        "Creatinine 2.3 mg/dL, platelets 50,000 and hemoglobin of 8.5. HbA1c was 9.1%."
    )
    assert (f.labs["sbp"][0].value, f.labs["dbp"][0].value) == (80, 60)
    assert f.labs["sbp"][0].unit_assumed is True
    assert f.labs["creatinine"][0].unit == "mg/dl"
    plt = f.labs["platelets"][0]
    assert (plt.value, plt.unit, plt.unit_assumed) == (50000, "/ul", True)
    assert f.labs["hemoglobin"][0].unit_assumed is True
    assert f.labs["hba1c"][0].value == 9.1
    assert [s[:12] for s in f.sentences] == [
        "A 40-year-ol",
        "Her blood pr",
        "Creatinine 2",
        "HbA1c was 9.",
    ]


def test_negation_family_history_and_uncertainty() -> None:
    f = facts_from_text(
        "A 63-year-old man with type 2 diabetes. His father had lung cancer. No history of "
        "asthma. Chest x-ray to rule out pneumonia. He is a nonsmoker."
    )
    present = {c.concept for c in f.conditions if not c.negated}
    denied = {c.concept for c in f.conditions if c.negated}
    assert present == {"type2_diabetes"}
    assert denied == {"asthma", "tobacco_use"}


def test_pregnancy() -> None:
    f = facts_from_text("A 28-year-old woman at 32 weeks of gestation presents with headache.")
    assert f.pregnant is True and f.evidence["pregnant"].sentence_ids == [0]
    f = facts_from_text("A 30-year-old woman. Urine pregnancy test was negative.")
    assert f.pregnant is False
    f = facts_from_text("A 2-day-old girl born at 32 weeks of gestation.")
    assert f.pregnant is None and f.age_years == pytest.approx(2 / 365.25, abs=1e-4)
    f = facts_from_text("A 31-year-old woman who is breastfeeding her infant.")
    assert f.breastfeeding is True


def test_numbered_notes_keep_their_ids() -> None:
    note = "0. A 58-year-old woman.\n1. She has asthma.\n2. She denies smoking."
    assert split_sentences(note) == [
        "A 58-year-old woman.",
        "She has asthma.",
        "She denies smoking.",
    ]
    f = facts_from_text(note)
    assert f.numbered_note() == note
    assert next(c for c in f.conditions if c.concept == "asthma").sentence_ids == [1]
    # Abbreviations and decimals do not end sentences.
    assert split_sentences("Seen by Dr. Smith. Temp 38.5 C. Done.") == [
        "Seen by Dr. Smith.",
        "Temp 38.5 C.",
        "Done.",
    ]


def test_sex_from_pronouns_and_empty_note() -> None:
    assert facts_from_text("The patient reports that she has had a cough.").sex == "female"
    assert facts_from_text("Patient presents with cough.").sex is None
    with pytest.raises(ValueError, match="non-empty patient note"):
        facts_from_text("   ")


def test_every_sigir_query_reads(queries: dict[str, str]) -> None:
    facts = [facts_from_text(t, q) for q, t in queries.items()]
    assert len(facts) == 53
    assert sum(f.age_years is not None for f in facts) >= 50
    assert sum(f.sex is not None for f in facts) >= 50
