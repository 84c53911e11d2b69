"""MedMCP-Calc one-task calculators (session 5, batch a): IBD and rheumatology instruments.

Covered: Montreal classification, Truelove and Witts, UCEIS, Mayo score (UC), Harvey-Bradshaw,
CDAI (Crohn's), ACR/EULAR 2010 RA criteria, age-adjusted ESR/CRP and SLEDAI-2K. None of these
names has a dev item, so each is checked with hand-worked examples, its ``from_medmcp`` adapter
on benchmark-style inputs, and bad inputs.
"""

from __future__ import annotations

from typing import Any

import pytest

from m3agent.calculators import medmcp_calc
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError, get_calculator

from calc_testkit import assert_name_resolves, dev_rows, items, medmcp, run

NAMES = {
    "Montreal Classification for Inflammatory Bowel Disease (IBD)": "montreal_ibd",
    "Truelove and Witts Severity Index for Ulcerative Colitis": "truelove_witts",
    "Ulcerative Colitis Endoscopic Index of Severity (UCEIS)": "uceis",
    "Mayo Score/Disease Activity Index (DAI) for Ulcerative Colitis": "mayo_uc_score",
    "Harvey-Bradshaw Index (HBI) for Crohn's Disease": "harvey_bradshaw",
    "Crohn's Disease Activity Index (CDAI)": "cdai_crohns",
    "ACR/EULAR 2010 Rheumatoid Arthritis Classification Criteria": "acr_eular_2010_ra",
    "Age-Adjusted ESR/CRP for Rheumatoid Arthritis": "age_adjusted_esr_crp",
    "Systemic Lupus Erythematosus Disease Activity Index 2000 (SLEDAI-2K)": "sledai_2k",
}


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_no_dev_items_for_these_names() -> None:
    rows = dev_rows(NAMES)
    # None of these names has a dev item (each is used by one task outside the dev split).
    assert rows == []


def test_score_answer_matches_a_synthetic_item() -> None:
    # The scorer path end to end: HBI 3 + 2 + 4 + 0 + 1 = 10 → "10".
    answer = {
        "order": 1,
        "name": "Harvey-Bradshaw Index (HBI) for Crohn's Disease",
        "inputs": items(
            **{
                "General well-being": "Very poor (3)",
                "Abdominal pain": "Moderate",
                "Number of liquid stools": "4",
                "Abdominal mass": "None",
                "Complications": "Arthralgia",
            }
        ),
        "final_answer": "10",
    }
    row = medmcp_calc.score_answer("synthetic", answer)
    assert row.status == "matched" and row.got == 10


# --- Montreal classification (Satsangi 2006) ---------------------------------------------


def test_montreal_crohns_code() -> None:
    # Age 25 → A2 (17-40); ileocolonic → L3 with upper GI disease → L3+L4; stricturing → B2,
    # perianal → B2p.
    r = run(
        "montreal_ibd",
        disease="crohns",
        age_at_diagnosis=25,
        location="ileocolonic",
        upper_gi_involvement=True,
        behavior="stricturing",
        perianal=True,
    )
    assert r.value == "A2 L3+L4 B2p"
    assert r.interpretation.startswith("Crohn's disease A2 L3+L4 B2p")


def test_montreal_age_boundaries() -> None:
    base = {"disease": "crohns", "location": "ileal", "behavior": "penetrating"}
    # A1 ≤ 16, A2 17-40, A3 > 40.
    assert run("montreal_ibd", age_at_diagnosis=16, **base).value == "A1 L1 B3"
    assert run("montreal_ibd", age_at_diagnosis=17, **base).value == "A2 L1 B3"
    assert run("montreal_ibd", age_at_diagnosis=40, **base).value == "A2 L1 B3"
    assert run("montreal_ibd", age_at_diagnosis=41, **base).value == "A3 L1 B3"
    # Isolated upper disease stays L4 (no double modifier).
    r = run(
        "montreal_ibd",
        disease="crohns",
        age_at_diagnosis=50,
        location="isolated_upper",
        upper_gi_involvement=True,
        behavior="non_stricturing_non_penetrating",
    )
    assert r.value == "A3 L4 B1"


def test_montreal_uc_and_adapter() -> None:
    r = run("montreal_ibd", disease="ulcerative_colitis", extent="left_sided", severity="severe")
    assert r.value == "E2 S3"
    r = medmcp(
        "montreal_ibd",
        items(
            **{
                "Disease": "Crohn's disease",
                "Age at diagnosis": "34 years",
                "Location": "Ileocolonic (L3)",
                "Upper GI involvement": "No",
                "Behavior": "Penetrating (B3)",
                "Perianal disease": "Yes (perianal fistula)",
            }
        ),
    )
    assert r.value == "A2 L3 B3p"
    r = medmcp(
        "montreal_ibd",
        items(**{"Disease type": "Ulcerative colitis", "Extent": "Extensive (pancolitis)"}),
    )
    assert r.value == "E3"


def test_montreal_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="behavior"):
        run("montreal_ibd", disease="crohns", age_at_diagnosis=30, location="ileal")
    with pytest.raises(CalculatorInputError, match="extent"):
        run("montreal_ibd", disease="ulcerative_colitis")
    with pytest.raises(CalculatorInputError, match="location"):
        run(
            "montreal_ibd",
            disease="crohns",
            age_at_diagnosis=30,
            location="jejunal",
            behavior="stricturing",
        )


# --- Truelove and Witts (NICE CG166 table) -----------------------------------------------


def test_truelove_witts_categories() -> None:
    # 8 bloody stools + pulse > 90 (one feature of systemic upset) → severe.
    r = run(
        "truelove_witts",
        bowel_movements=8,
        blood_in_stool="visible",
        fever=False,
        tachycardia=True,
        anemia=False,
        esr_above_30=False,
    )
    assert r.value == "Severe" and r.extra["systemic_upset_features"] == 1
    # 2 stools, small blood, no upset → mild.
    quiet = {"fever": False, "tachycardia": False, "anemia": False, "esr_above_30": False}
    assert (
        run("truelove_witts", bowel_movements=2, blood_in_stool="none_or_small", **quiet).value
        == "Mild"
    )
    # 5 stools → moderate; 7 visible-blood stools without upset → moderate with a warning.
    r = run("truelove_witts", bowel_movements=5, blood_in_stool="intermediate", **quiet)
    assert r.value == "Moderate"
    r = run("truelove_witts", bowel_movements=7, blood_in_stool="visible", **quiet)
    assert r.value == "Moderate" and r.warnings


def test_truelove_witts_adapter_and_bad_inputs() -> None:
    r = medmcp(
        "truelove_witts",
        items(
            **{
                "Bowel movements per day": "7",
                "Blood in stools": "Visible blood",
                "Temperature": "38.2 C",
                "Pulse rate": "88 bpm",
                "Hemoglobin": "11.5 g/dL",
                "ESR": "25 mm/h",
            }
        ),
    )
    # 7 stools, visible blood, T 38.2 > 37.8 → severe.
    assert r.value == "Severe"
    with pytest.raises(CalculatorInputError, match="blood_in_stool"):
        run(
            "truelove_witts",
            bowel_movements=3,
            blood_in_stool="lots",
            fever=False,
            tachycardia=False,
            anemia=False,
            esr_above_30=False,
        )
    with pytest.raises(CalculatorInputError, match="bowel_movements"):
        run(
            "truelove_witts",
            bowel_movements=-1,
            blood_in_stool="visible",
            fever=False,
            tachycardia=False,
            anemia=False,
            esr_above_30=False,
        )


# --- UCEIS (Travis 2012) -----------------------------------------------------------------


def test_uceis_worked_example_and_bands() -> None:
    # Patchy obliteration 1 + luminal mild 2 + superficial ulcer 2 = 5 → moderate.
    r = run(
        "uceis",
        vascular_pattern="patchy_obliteration",
        bleeding="luminal_mild",
        erosions_ulcers="superficial_ulcer",
    )
    assert r.value == 5 and r.interpretation.startswith("Moderate")
    assert [s.points for s in r.steps] == [1, 2, 2]
    # Normal 0 + mucosal 1 + none 0 = 1 → remission; maximum 2 + 3 + 3 = 8 → severe.
    assert (
        run("uceis", vascular_pattern="normal", bleeding="mucosal", erosions_ulcers="none").value
        == 1
    )
    r = run(
        "uceis",
        vascular_pattern="obliterated",
        bleeding="luminal_moderate_severe",
        erosions_ulcers="deep_ulcer",
    )
    assert r.value == 8 and r.extra["category"] == "Severe"


def test_uceis_adapter_and_bad_inputs() -> None:
    r = medmcp(
        "uceis",
        items(
            **{
                "Vascular pattern": "Obliterated",
                "Bleeding": "Mucosal",
                "Erosions and ulcers": "Erosions",
            }
        ),
    )
    assert r.value == 4  # 2 + 1 + 1
    with pytest.raises(CalculatorInputError, match="bleeding"):
        run("uceis", vascular_pattern="normal", bleeding="torrential", erosions_ulcers="none")
    with pytest.raises(CalculatorInputError, match="erosions_ulcers"):
        run("uceis", vascular_pattern="normal", bleeding="none")


# --- Mayo score (Schroeder 1987) ---------------------------------------------------------


def test_mayo_worked_example_and_remission_rule() -> None:
    # 2 + 2 + 2 + 2 = 8 → moderate (6-10).
    r = run("mayo_uc_score", stool_frequency=2, rectal_bleeding=2, endoscopy=2, physician_global=2)
    assert r.value == 8 and r.interpretation.startswith("Moderate activity")
    # 1 + 0 + 1 + 0 = 2, no subscore > 1 → remission; 2 + 0 + 0 + 0 = 2 is not remission.
    r = run("mayo_uc_score", stool_frequency=1, rectal_bleeding=0, endoscopy=1, physician_global=0)
    assert r.interpretation.startswith("Clinical remission")
    r = run("mayo_uc_score", stool_frequency=2, rectal_bleeding=0, endoscopy=0, physician_global=0)
    assert r.value == 2 and r.interpretation.startswith("Mild activity")
    r = run("mayo_uc_score", stool_frequency=3, rectal_bleeding=3, endoscopy=3, physician_global=2)
    assert r.value == 11 and r.extra["category"] == "Severe activity"


def test_mayo_adapter_and_bad_inputs() -> None:
    r = medmcp(
        "mayo_uc_score",
        items(
            **{
                "Stool frequency": "3-4 stools more than normal",
                "Rectal bleeding": "Obvious blood with stool most of the time",
                "Endoscopic findings": "3 (spontaneous bleeding, ulceration)",
                "Physician global assessment": "Moderate",
            }
        ),
    )
    assert r.value == 9  # 2 + 2 + 3 + 2
    with pytest.raises(CalculatorInputError, match="endoscopy"):
        run("mayo_uc_score", stool_frequency=1, rectal_bleeding=1, endoscopy=4, physician_global=1)
    with pytest.raises(CalculatorInputError, match="physician_global"):
        run("mayo_uc_score", stool_frequency=1, rectal_bleeding=1, endoscopy=1)


# --- Harvey-Bradshaw Index (Harvey & Bradshaw 1980) ---------------------------------------


def test_hbi_worked_example_and_bands() -> None:
    # Well-being poor 2 + pain mild 1 + 3 liquid stools + dubious mass 1 + uveitis 1 + abscess
    # 1 = 9 → moderate (8-16).
    r = run(
        "harvey_bradshaw",
        general_wellbeing=2,
        abdominal_pain=1,
        liquid_stools=3,
        abdominal_mass=1,
        uveitis=True,
        abscess=True,
    )
    assert r.value == 9 and r.interpretation.startswith("Moderate disease")
    base = {"general_wellbeing": 0, "abdominal_pain": 0, "abdominal_mass": 0}
    assert run("harvey_bradshaw", liquid_stools=4, **base).interpretation.startswith("Remission")
    assert run("harvey_bradshaw", liquid_stools=5, **base).interpretation.startswith("Mild")
    assert run("harvey_bradshaw", liquid_stools=17, **base).interpretation.startswith("Severe")


def test_hbi_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError, match="general_wellbeing"):
        run(
            "harvey_bradshaw",
            general_wellbeing=5,
            abdominal_pain=0,
            liquid_stools=0,
            abdominal_mass=0,
        )
    with pytest.raises(CalculatorInputError, match="liquid_stools"):
        run("harvey_bradshaw", general_wellbeing=1, abdominal_pain=0, abdominal_mass=0)
    with pytest.raises(AdapterError, match="mass"):
        get_calculator("harvey_bradshaw").module.from_medmcp(
            items(**{"General well-being": "Poor", "Abdominal pain": "None", "Liquid stools": 2})
        )


# --- CDAI (Best 1976) --------------------------------------------------------------------


def _cdai(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "liquid_stools_7d": 20,
        "abdominal_pain_7d": 10,
        "wellbeing_7d": 14,
        "arthritis_arthralgia": True,
        "iritis_uveitis": False,
        "skin_mouth_lesions": False,
        "perianal_disease": True,
        "other_fistula": False,
        "fever": False,
        "antidiarrheal": True,
        "abdominal_mass": "questionable",
        "sex": "male",
        "hematocrit": 40,
        "weight": 63,
        "standard_weight": 70,
    }
    base.update(over)
    return base


def test_cdai_worked_example() -> None:
    # 20×2 = 40; 10×5 = 50; 14×7 = 98; 2 complications ×20 = 40; antidiarrhoeal 30;
    # questionable mass 2×10 = 20; Hct 6×(47−40) = 42; weight 100×(1−63/70) = 10.
    # Total 40 + 50 + 98 + 40 + 30 + 20 + 42 + 10 = 330 → moderately to severely active.
    r = run("cdai_crohns", **_cdai())
    assert r.value == 330
    assert r.interpretation.startswith("Moderately to severely active")


def test_cdai_female_standard_and_bands() -> None:
    # Female Hct 42 (standard 42): 0; weight = standard: 0; no symptoms → 0 → remission.
    quiet = _cdai(
        liquid_stools_7d=0,
        abdominal_pain_7d=0,
        wellbeing_7d=0,
        arthritis_arthralgia=False,
        perianal_disease=False,
        antidiarrheal=False,
        abdominal_mass="none",
        sex="female",
        hematocrit=42,
        weight=60,
        standard_weight=60,
    )
    r = run("cdai_crohns", **quiet)
    assert r.value == 0 and r.interpretation.startswith("Asymptomatic remission")
    # Weight in lb is converted: 132.28 lb = 60.0 kg.
    r = run("cdai_crohns", **{**quiet, "weight": [132.277, "lb"]})
    assert r.value == pytest.approx(0, abs=0.1)


def test_cdai_adapter_and_bad_inputs() -> None:
    r = medmcp(
        "cdai_crohns",
        items(
            **{
                "Liquid stools (7 days)": "20",
                "Abdominal pain (sum of 7 days)": "10",
                "General well-being (sum of 7 days)": "14",
                "Complications": "Arthralgia; anal fistula (perianal)",
                "Antidiarrheal use": "Yes (loperamide)",
                "Abdominal mass": "Questionable",
                "Sex": "Male",
                "Hematocrit": "40 %",
                "Current weight": "63 kg",
                "Standard weight": "70 kg",
            }
        ),
    )
    assert r.value == 330
    with pytest.raises(CalculatorInputError, match="abdominal_mass"):
        run("cdai_crohns", **_cdai(abdominal_mass="huge"))
    with pytest.raises(CalculatorInputError, match="abdominal_pain_7d"):
        run("cdai_crohns", **_cdai(abdominal_pain_7d=22))
    with pytest.raises(CalculatorInputError, match="weight"):
        run("cdai_crohns", **_cdai(weight=[63, "stone"]))


# --- ACR/EULAR 2010 (Aletaha 2010, Table 3) ----------------------------------------------


def test_acr_eular_worked_example() -> None:
    # 4-10 small joints 3 + low-positive RF 2 + abnormal CRP 1 + ≥ 6 weeks 1 = 7 → definite RA.
    r = run(
        "acr_eular_2010_ra",
        joint_involvement="4_10_small",
        serology="low_positive",
        abnormal_acute_phase=True,
        duration_6_weeks_or_more=True,
    )
    assert r.value == 7 and r.interpretation.startswith("Definite RA")
    # 2-10 large joints 1 + high-positive 3 + normal 0 + ≥ 6 weeks 1 = 5 → not classified.
    r = run(
        "acr_eular_2010_ra",
        joint_involvement="2_10_large",
        serology="high_positive",
        abnormal_acute_phase=False,
        duration_6_weeks_or_more=True,
    )
    assert r.value == 5 and r.interpretation.startswith("Not classified")


def test_acr_eular_adapter_counts_and_bad_inputs() -> None:
    # 2 large + 10 small = 12 joints with ≥ 1 small → 5; negative serology 0; CRP 1; < 6 wk 0.
    r = medmcp(
        "acr_eular_2010_ra",
        items(
            **{
                "Number of large joints": "2",
                "Number of small joints": "10",
                "Serology": "Negative RF and negative ACPA",
                "Acute phase reactants (CRP/ESR)": "Yes (CRP 24 mg/L)",
                "Duration of symptoms ≥6 weeks": "No (3 weeks)",
            }
        ),
    )
    assert r.value == 6
    r = medmcp(
        "acr_eular_2010_ra",
        items(
            **{
                "Joint involvement": "1-3 small joints",
                "Serology": "High-positive RF or high-positive ACPA",
                "Abnormal CRP or ESR": "No",
                "Symptom duration ≥6 weeks": "Yes",
            }
        ),
    )
    assert r.value == 6  # 2 + 3 + 0 + 1
    with pytest.raises(CalculatorInputError, match="serology"):
        run(
            "acr_eular_2010_ra",
            joint_involvement="1_large",
            serology="borderline",
            abnormal_acute_phase=True,
            duration_6_weeks_or_more=True,
        )


# --- Age-adjusted ESR/CRP (Miller 1983; Wener 2000) --------------------------------------


def test_age_adjusted_esr_crp_worked_examples() -> None:
    # Woman 70: ESR (70 + 10)/2 = 40 mm/h; CRP 70/50 + 0.6 = 2.0 mg/dL.
    r = run("age_adjusted_esr_crp", age=70, sex="female", esr=45, crp=[15, "mg/L"])
    assert r.value == 40 and r.extra["crp_uln_mg_dl"] == 2.0
    assert "ESR 45 is elevated" in r.interpretation
    assert "CRP 1.5 mg/dL is within normal" in r.interpretation
    # Man 60: ESR 60/2 = 30; CRP 60/50 = 1.2 mg/dL.
    r = run("age_adjusted_esr_crp", age=60, sex="male")
    assert r.value == 30 and r.extra["crp_uln_mg_dl"] == 1.2


def test_age_adjusted_adapter_and_bad_inputs() -> None:
    r = medmcp("age_adjusted_esr_crp", items(Age="55 years", Sex="Female", ESR="38 mm/hr"))
    assert r.value == 32.5 and "elevated" in r.interpretation
    with pytest.raises(CalculatorInputError, match="age"):
        run("age_adjusted_esr_crp", age=10, sex="male")
    with pytest.raises(CalculatorInputError, match="sex"):
        run("age_adjusted_esr_crp", age=50, sex="other")
    with pytest.raises(CalculatorInputError, match="crp"):
        run("age_adjusted_esr_crp", age=50, sex="male", crp=[3, "mmol/L"])


# --- SLEDAI-2K (Gladman 2002) ------------------------------------------------------------


def _sledai(**present: bool) -> dict[str, bool]:
    mod = get_calculator("sledai_2k").module
    out = {name: False for name, _, _ in mod.DESCRIPTORS}
    out.update(present)
    return out


def test_sledai_worked_example() -> None:
    # Arthritis 4 + rash 2 + low complement 2 + increased DNA binding 2 + leukopenia 1 = 11
    # → high activity (> 10).
    r = run(
        "sledai_2k",
        **_sledai(
            arthritis=True,
            rash=True,
            low_complement=True,
            increased_dna_binding=True,
            leukopenia=True,
        ),
    )
    assert r.value == 11 and r.interpretation.startswith("High activity")
    assert run("sledai_2k", **_sledai()).interpretation.startswith("Remission")
    assert run("sledai_2k", **_sledai(proteinuria=True)).value == 4
    # Every descriptor: 8 × 8 + 6 × 4 + 7 × 2 + 3 × 1 = 105.
    mod = get_calculator("sledai_2k").module
    assert run("sledai_2k", **{n: True for n, _, _ in mod.DESCRIPTORS}).value == 105


def test_sledai_adapter_and_bad_inputs() -> None:
    r = medmcp(
        "sledai_2k",
        items(
            **{
                "Seizure": "No",
                "Proteinuria": "Yes (1.2 g/24h)",
                "Pyuria": "Yes",
                "Low complement": "Yes (low C3)",
                "Fever": "No",
            }
        ),
    )
    assert r.value == 10  # 4 + 4 + 2
    with pytest.raises(CalculatorInputError, match="seizure"):
        run("sledai_2k", **{k: v for k, v in _sledai().items() if k != "seizure"})
    with pytest.raises(CalculatorInputError, match="rash"):
        run("sledai_2k", **_sledai(rash="sometimes"))  # type: ignore[arg-type]
