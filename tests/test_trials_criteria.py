"""Splitting eligibility text into inclusion and exclusion criteria, on real examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from m3agent.retrieval.trials.criteria import (
    split_criteria,
    split_eligibility,
    split_sections,
    unescape_markdown,
)
from m3agent.retrieval.trials.ingest import load_trials


@pytest.fixture(scope="module")
def ctgov(shared_data: Path) -> dict[str, object]:
    return {t.nct_id: t for t in load_trials(shared_data / "trials/ctgov_v2_studies.jsonl").trials}


@pytest.fixture(scope="module")
def sigir(shared_data: Path) -> dict[str, object]:
    path = shared_data / "trials/sigir-subset/corpus.jsonl"
    return {t.nct_id: t for t in load_trials(path).trials}


def test_numbered_lists_with_sub_bullets(ctgov: dict) -> None:
    t = ctgov["NCT05923281"]
    inc, exc = split_eligibility(t.eligibility_text)
    texts = [c.text for c in inc]
    assert texts[0] == "Patients had to be age 18 years or older at written informed consent"
    assert texts[1] == "Patients with statin intolerant hypercholesterolemia"
    # Sub-bullets stay separate criteria and remember the lead-in they sit under.
    low = next(c for c in inc if c.text.startswith("Low risk for primary prevention"))
    assert low.text == "Low risk for primary prevention: LDL-C >=160 mg/dL"
    assert low.context is not None and low.context.startswith("Patients who apply any of")
    assert [c.index for c in inc] == list(range(len(inc)))
    assert all(c.type == "inclusion" for c in inc) and all(c.type == "exclusion" for c in exc)
    assert exc[1].text == (
        "Patients with type 1 diabetes and uncontrolled diabetes [HbA1c(NGSP) >= 10.0 % at "
        "Screening]"
    )
    assert len(exc) >= 21


def test_star_bullets() -> None:
    text = (
        "Inclusion Criteria:\n\n* Participants from birth to \\<18 years of age.\n* Male or "
        "female\n\nExclusion Criteria:\n\n* Body weight \\<2,500 g at screening\n* Acute kidney "
        "injury (i.e., acute renal failure)."
    )
    inc, exc = split_eligibility(text)
    assert [c.text for c in inc] == [
        "Participants from birth to <18 years of age.",
        "Male or female",
    ]
    assert [c.text for c in exc] == [
        "Body weight <2,500 g at screening",
        "Acute kidney injury (i.e., acute renal failure).",
    ]


def test_headings_run_into_one_line(ctgov: dict) -> None:
    inc, exc = split_eligibility(ctgov["NCT01892319"].eligibility_text)
    assert [c.text for c in inc][:2] == [
        "Informed consent obtained before any data collection",
        "Woman with a positive pregnancy test",
    ]
    assert len(inc) == 5
    assert [c.text for c in exc] == [
        "Women who have been pregnant for more than 16 weeks at baseline visit will be excluded "
        "from the study"
    ]


def test_short_and_sentence_headings(ctgov: dict) -> None:
    inc, exc = split_eligibility(ctgov["NCT02560883"].eligibility_text)
    assert [c.text for c in inc] == [
        "Patients with classic hairy cell leukemia",
        "Patients with the variant of hairy cell leukemia.",
    ]
    assert len(exc) == 1 and exc[0].text.startswith("Children are excluded")
    inc, exc = split_eligibility(ctgov["NCT04664634"].eligibility_text)
    assert inc[0].text.startswith("Age ≥22.")
    assert exc[0].text.startswith("History of aspiration pneumonia")


def test_group_headings_become_context(ctgov: dict) -> None:
    t = next(x for x in ctgov.values() if "Demographic characteristics" in x.eligibility_text)
    inc, _ = split_eligibility(t.eligibility_text)
    assert all("Demographic characteristics" != c.text.rstrip(":") for c in inc)
    demo = [c for c in inc if c.context == "Demographic characteristics"]
    assert [c.text for c in demo][:2] == [
        "Male or female patients",
        "Age ranging between 6 months and <16 years",
    ]


def test_trialgpt_format(sigir: dict) -> None:
    t = sigir["NCT01397994"]
    inc = split_criteria(t.inclusion_criteria, "inclusion")
    exc = split_criteria(t.exclusion_criteria, "exclusion")
    assert [c.text for c in inc][1:3] == ["Male and female", "Age 25 to 65 years"]
    assert len(inc) == 5
    assert exc[0].text == "Hypertension of > 170/100 mm of Hg"
    assert exc[-1].text == "Geographical inaccessibility for treatment or follow-up evaluations"
    assert len(exc) == 16


def test_run_in_numbers_are_split(sigir: dict) -> None:
    t = next(x for x in sigir.values() if "total hysterectomy" in x.exclusion_criteria)
    exc = [c.text for c in split_criteria(t.exclusion_criteria, "exclusion")]
    assert exc[0] == "are not married AND report never having had sexual intercourse"
    assert exc[1] == "have had a total hysterectomy"
    inc = [c.text for c in split_criteria(t.inclusion_criteria, "inclusion")]
    assert "are physically able to undergo routine cervical cancer screening" in inc
    assert "are able to provide informed consent" in inc


def test_sections_and_edge_cases() -> None:
    assert split_sections("Age 18 or older\nNo heart failure") == (
        "Age 18 or older\nNo heart failure",
        "",
    )
    inc, exc = split_sections(
        "Key Inclusion Criteria:\n- aaaaaa\nKey Exclusion Criteria:\n- bbbbbb\n\nOther "
        "protocol-defined inclusion/exclusion criteria may apply"
    )
    assert [c.text for c in split_criteria(inc, "inclusion")] == ["aaaaaa"]
    assert [c.text for c in split_criteria(exc, "exclusion")] == ["bbbbbb"]
    # An unbulleted line right under a bullet continues it (Markdown lazy continuation).
    crit = split_criteria("- Heart failure\n  NYHA class III or IV", "exclusion")
    assert [c.text for c in crit] == ["Heart failure NYHA class III or IV"]
    # Boilerplate and lines under 5 characters are dropped (as TrialGPT does).
    crit = split_criteria(
        "* ok\n* Further inclusion criteria apply.\n* Adults aged 18+", "inclusion"
    )
    assert [c.text for c in crit] == ["Adults aged 18+"]
    # A bulleted sentence that mentions criteria is a criterion, not a heading.
    inc, _ = split_eligibility("* Patient meets the inclusion criteria for trial entry")
    assert [c.text for c in inc] == ["Patient meets the inclusion criteria for trial entry"]


def test_unescape_markdown() -> None:
    assert unescape_markdown("TG \\<= 150 \\[x\\] 2\\*ULN") == "TG <= 150 [x] 2*ULN"
    assert unescape_markdown("plain\\ntext") == "plain\\ntext"
