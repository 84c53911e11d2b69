"""MedMCP-Calc one-task calculators (session 6, batch a): endocarditis, AR echo, PCDAI.

Covered: Duke criteria for infective endocarditis (modified, Li 2000), AR: Regurgitant Orifice
(PISA), AR: Quantification (Volumetric) and the Pediatric Crohn's Disease Activity Index. None
of these names has a dev item, so each is checked with hand-worked examples, its ``from_medmcp``
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
    "Duke Criteria for Infective Endocarditis": "duke_modified_ie",
    "AR: Regurgitant Orifice (PISA)": "ar_pisa",
    "AR: Quantification (Volumetric)": "ar_volumetric",
    "Pediatric Crohn’s Disease Activity Index (PCDAI)": "pcdai",
}


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_no_dev_items_for_these_names() -> None:
    rows = dev_rows(NAMES)
    # None of these names has a dev item (each is used by one task outside the dev split).
    assert rows == []


# --- Modified Duke criteria (Li 2000) --------------------------------------------------------

NO_DUKE = {
    "pathologic_microorganisms": False,
    "pathologic_lesions": False,
    "major_blood_culture": False,
    "major_endocardial_involvement": False,
    "minor_predisposition": False,
    "minor_fever": False,
    "minor_vascular": False,
    "minor_immunologic": False,
    "minor_microbiologic": False,
}


def duke(**present: bool) -> Any:
    return run("duke_modified_ie", **{**NO_DUKE, **present})


def test_duke_two_major_is_definite() -> None:
    # S. aureus in 2 cultures (major 1) + vegetation on TEE (major 2) → definite.
    r = duke(major_blood_culture=True, major_endocardial_involvement=True)
    assert r.value == "Definite IE"
    assert r.extra == {"major": 2, "minor": 0, "pathologic": False}


def test_duke_rule_boundaries() -> None:
    # 1 major + 3 minor → definite; 1 major + 2 minor → possible (1 major + ≥ 1 minor).
    assert (
        duke(
            major_blood_culture=True, minor_fever=True, minor_vascular=True, minor_immunologic=True
        ).value
        == "Definite IE"
    )
    assert duke(major_blood_culture=True, minor_fever=True).value == "Possible IE"
    # 5 minor → definite; 4 minor → possible (≥ 3 minor); 2 minor → rejected.
    five = {k: True for k in NO_DUKE if k.startswith("minor")}
    assert duke(**five).value == "Definite IE"
    assert duke(**{**five, "minor_microbiologic": False}).value == "Possible IE"
    assert duke(minor_fever=True, minor_predisposition=True).value == "Rejected IE"
    # 1 major alone → rejected; pathological criteria alone → definite.
    assert duke(major_endocardial_involvement=True).value == "Rejected IE"
    assert duke(pathologic_lesions=True).value == "Definite IE"
    # A firm alternate diagnosis rejects even with two major criteria.
    r = duke(major_blood_culture=True, major_endocardial_involvement=True, rejection_criteria=True)
    assert r.value == "Rejected IE"


def test_duke_medmcp_adapter_scores() -> None:
    inputs = items(
        **{
            "Microorganisms demonstrated by culture or histology": "No",
            "Pathologic lesions (vegetation or abscess with active endocarditis)": "No",
            "Blood culture positive for IE": "Yes (MSSA 3/3 bottles)",
            "Evidence of endocardial involvement": "No (TTE negative)",
            "Predisposition (heart condition or IV drug use)": "Yes (IVDU)",
            "Fever >38 °C": "Yes (38.9 C)",
            "Vascular phenomena": "Yes (septic pulmonary emboli)",
            "Immunologic phenomena": "No",
            "Microbiological evidence (not meeting major criterion)": "No",
        }
    )
    # 1 major + 3 minor → definite.
    row = score("Duke Criteria for Infective Endocarditis", inputs, "Definite IE")
    assert row.status == "matched", row
    assert (
        score("Duke Criteria for Infective Endocarditis", inputs, "Possible IE").status != "matched"
    )


def test_duke_bad_inputs() -> None:
    missing = dict(NO_DUKE)
    del missing["minor_fever"]
    with pytest.raises(CalculatorInputError) as e:
        run("duke_modified_ie", **missing)
    assert "minor_fever" in e.value.fields
    with pytest.raises(CalculatorInputError) as e:
        run("duke_modified_ie", **{**NO_DUKE, "minor_fever": "perhaps"})
    assert "minor_fever" in e.value.fields
    with pytest.raises(AdapterError, match="no input field matches"):
        get_calculator("duke_modified_ie").module.from_medmcp(
            items(**{"Blood culture positive": "Yes"})
        )


# --- AR: PISA (ASE 2017) ----------------------------------------------------------------


def test_ar_pisa_hand_worked() -> None:
    # r 0.6 cm, Va 40 cm/s, Vmax 450 cm/s: flow = 2π × 0.36 × 40 = 90.478 mL/s;
    # EROA = 90.478 / 450 = 0.2011 cm² → moderate-to-severe (0.20-0.29); RVol = 0.2011 × 200
    # = 40.2 mL → mild-to-moderate (30-44).
    r = run(
        "ar_pisa", pisa_radius=0.6, aliasing_velocity=40, peak_ar_velocity=[4.5, "m/s"], ar_vti=200
    )
    assert r.value == pytest.approx(2 * math.pi * 0.36 * 40 / 450, abs=1e-3)
    assert r.value == pytest.approx(0.201, abs=1e-3)
    assert r.interpretation.startswith("Moderate (moderate-to-severe) AR by EROA")
    assert r.extra["regurgitant_volume_ml"] == pytest.approx(40.2, abs=0.05)


def test_ar_pisa_grade_bounds() -> None:
    # EROA ≥ 0.30 severe: r 0.7, Va 40, Vmax 400 → 2π × 0.49 × 40 / 400 = 0.3079.
    r = run("ar_pisa", pisa_radius=0.7, aliasing_velocity=40, peak_ar_velocity=400)
    assert r.value == pytest.approx(0.308, abs=1e-3)
    assert r.interpretation.startswith("Severe AR")
    # EROA < 0.10 mild: r 0.3, Va 40, Vmax 450 → 2π × 0.09 × 40 / 450 = 0.0503.
    r = run("ar_pisa", pisa_radius=0.3, aliasing_velocity=40, peak_ar_velocity=450)
    assert r.interpretation.startswith("Mild AR")
    assert "regurgitant_volume_ml" not in r.extra


def test_ar_pisa_medmcp_and_bad_inputs() -> None:
    inputs = items(
        **{
            "PISA radius": "0.7 cm",
            "Aliasing velocity": "40 cm/s",
            "Peak AR velocity": "4 m/s",
        }
    )
    assert score("AR: Regurgitant Orifice (PISA)", inputs, "0.31 cm²").status == "matched"
    assert score("AR: Regurgitant Orifice (PISA)", inputs, "Severe").status == "matched"
    with pytest.raises(CalculatorInputError) as e:
        run("ar_pisa", pisa_radius=6, aliasing_velocity=40, peak_ar_velocity=400)
    assert "pisa_radius" in e.value.fields
    with pytest.raises(CalculatorInputError, match="aliasing_velocity: unit 'mmHg'"):
        run("ar_pisa", pisa_radius=0.5, aliasing_velocity=[40, "mmHg"], peak_ar_velocity=400)


# --- AR: volumetric (ASE 2017) --------------------------------------------------------------


def test_ar_volumetric_hand_worked() -> None:
    # LVOT 2.2 cm, VTI 30 cm: SV = π × 1.21 × 30 = 114.04 mL; mitral annulus 3.0 cm, VTI 10 cm:
    # SV = π × 2.25 × 10 = 70.69 mL; RVol = 43.35 mL (30-44 mild-to-moderate); RF = 43.35 /
    # 114.04 = 38.0 % (30-39); EROA = 43.35 / 200 = 0.217 cm² (0.20-0.29).
    r = run(
        "ar_volumetric",
        lvot_diameter=2.2,
        lvot_vti=30,
        mitral_annulus_diameter=[30, "mm"],
        mitral_vti=10,
        ar_vti=200,
    )
    assert r.value == pytest.approx(43.4, abs=0.05)
    assert r.extra["regurgitant_fraction_percent"] == pytest.approx(38.0, abs=0.05)
    assert r.extra["eroa_cm2"] == pytest.approx(0.217, abs=1e-3)
    assert r.interpretation.startswith("Moderate (mild-to-moderate) AR by regurgitant volume")


def test_ar_volumetric_severe_and_medmcp() -> None:
    # LVOT 2.4 cm, VTI 35: SV = π × 1.44 × 35 = 158.3 mL; MV 3.2 cm, VTI 8: π × 2.56 × 8 =
    # 64.3 mL; RVol = 94.0 mL (≥ 60 severe), RF = 59.4 % (≥ 50 severe).
    inputs = items(
        **{
            "LVOT diameter": "2.4 cm",
            "LVOT VTI": "35 cm",
            "Mitral annulus diameter": "3.2 cm",
            "Mitral VTI": "8 cm",
        }
    )
    row = score("AR: Quantification (Volumetric)", inputs, "94 mL")
    assert row.status == "matched", row
    assert score("AR: Quantification (Volumetric)", inputs, "Severe").status == "matched"


def test_ar_volumetric_bad_inputs() -> None:
    # Mitral inflow larger than LVOT flow: no aortic regurgitant volume.
    with pytest.raises(CalculatorInputError, match="must exceed"):
        run(
            "ar_volumetric",
            lvot_diameter=2.0,
            lvot_vti=20,
            mitral_annulus_diameter=3.0,
            mitral_vti=15,
        )
    with pytest.raises(CalculatorInputError) as e:
        run("ar_volumetric", lvot_diameter=2.0, lvot_vti=20, mitral_annulus_diameter=3.0)
    assert "mitral_vti" in e.value.fields


# --- PCDAI (Hyams 1991) ------------------------------------------------------------------

PCDAI_BASE: dict[str, Any] = {
    "abdominal_pain": "mild",
    "stools": "mild",
    "well_being": "none",
    "weight": "mild",
    "height": "none",
    "abdomen": "mild",
    "perirectal": "none",
    "extraintestinal_count": 0,
    "sex": "male",
    "age": 13,
    "hematocrit": 32,
    "esr": 35,
    "albumin": 3.2,
}


def test_pcdai_hand_worked() -> None:
    # Pain 5 + stools 5 + well-being 0 + HCT 32 % in a 13-year-old boy (30-34) 2.5 + ESR 35
    # (20-50) 2.5 + albumin 3.2 (3.1-3.4) 5 + weight 5 + height 0 + abdomen 5 + perirectal 0 +
    # EIM 0 = 30 → moderate (30-37.5).
    r = run("pcdai", **PCDAI_BASE)
    assert r.value == 30
    assert r.interpretation.startswith("Moderate")
    assert [s.points for s in r.steps] == [5, 5, 0, 2.5, 2.5, 5, 5, 0, 5, 0, 0]


def test_pcdai_lab_bands_and_categories() -> None:
    quiet = {k: "none" for k in ("abdominal_pain", "stools", "well_being", "weight")}
    quiet.update(height="none", abdomen="none", perirectal="none")
    base = {**PCDAI_BASE, **quiet, "hematocrit": 40, "esr": 10, "albumin": 4.0}
    assert run("pcdai", **base).value == 0
    assert run("pcdai", **base).interpretation.startswith("Remission")
    # Girl 16: HCT 33 → 2.5 (29-33), 28 → 5; boy 16: HCT 36 → 2.5 (32-36), 37 → 0.
    assert run("pcdai", **{**base, "sex": "female", "age": 16, "hematocrit": 33}).value == 2.5
    assert run("pcdai", **{**base, "sex": "female", "age": 16, "hematocrit": 28}).value == 5
    assert run("pcdai", **{**base, "age": 16, "hematocrit": 36}).value == 2.5
    assert run("pcdai", **{**base, "age": 16, "hematocrit": 37}).value == 0
    # Child 8: HCT 33 → 0, 27 → 5.
    assert run("pcdai", **{**base, "age": 8, "hematocrit": 33}).value == 0
    assert run("pcdai", **{**base, "age": 8, "hematocrit": 27}).value == 5
    # ESR 50 → 2.5, 51 → 5; albumin 3.0 → 10 (g/L accepted: 30 g/L).
    assert run("pcdai", **{**base, "esr": 50}).value == 2.5
    assert run("pcdai", **{**base, "esr": 51}).value == 5
    assert run("pcdai", **{**base, "albumin": [30, "g/L"]}).value == 10
    # EIM: one → 5, two → 10; 10 → mild band, 40 → severe.
    assert run("pcdai", **{**base, "extraintestinal_count": 1}).value == 5
    mild = run("pcdai", **{**base, "extraintestinal_count": 2})
    assert mild.value == 10 and mild.interpretation.startswith("Mild")
    severe = {**base, "abdominal_pain": "severe", "stools": "severe", "abdomen": "severe"}
    severe.update(perirectal="severe")
    assert run("pcdai", **severe).interpretation.startswith("Severe")


def test_pcdai_medmcp_adapter_scores() -> None:
    inputs = items(
        **{
            "Abdominal pain": "Mild - brief, does not interfere with activities",
            "Stools (per day)": "2-5 liquid stools",
            "Patient functioning, general well-being": "No limitation of activities, well",
            "Weight": "Involuntary weight stable, weight loss 1-9%",
            "Height": "Height velocity ≥-1 SD",
            "Abdomen": "Tenderness, or mass without tenderness",
            "Perirectal disease": "None, asymptomatic tags",
            "Extra-intestinal manifestations": "None",
            "Sex": "Male",
            "Age": "13 years",
            "Hematocrit": "32 %",
            "ESR": "35 mm/hr",
            "Albumin": "3.2 g/dL",
        }
    )
    row = score("Pediatric Crohn’s Disease Activity Index (PCDAI)", inputs, "30")
    assert row.status == "matched", row


def test_pcdai_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run("pcdai", **{**PCDAI_BASE, "stools": "lots"})
    assert "stools" in e.value.fields
    with pytest.raises(CalculatorInputError) as e:
        run("pcdai", **{**PCDAI_BASE, "age": 25})
    assert "age" in e.value.fields
    no_esr = {k: v for k, v in PCDAI_BASE.items() if k != "esr"}
    with pytest.raises(CalculatorInputError) as e:
        run("pcdai", **no_esr)
    assert "esr" in e.value.fields
