"""MedMCP-Calc one-task calculators (session 6, batch c): worked examples, adapters, bad inputs.

Covered: AJCC 8th-edition stage groups of glottic and supraglottic laryngeal cancer and major
salivary gland cancer (clinical and pathological), the Attia criteria for pharyngitis and the
Licurse score for renal ultrasound. None of these names has a MedMCP-Calc dev item, so the
checks are hand-worked examples from the sources (arithmetic in comments).
"""

from __future__ import annotations

import pytest

from m3agent.calculators import medmcp_calc
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.registry import CalculatorInputError

from calc_testkit import assert_name_resolves, dev_rows, medmcp, run
from calc_testkit import spaced_items as items

NAMES = {
    "Laryngeal Cancer: Glottis (Clinical)": "laryngeal_glottis_clinical",
    "Laryngeal Cancer: Glottis (Pathological)": "laryngeal_glottis_pathological",
    "Laryngeal Cancer: Supraglottis (Clinical)": "laryngeal_supraglottis_clinical",
    "Laryngeal Cancer: Supraglottis (Pathological)": "laryngeal_supraglottis_pathological",
    "Major Salivary Gland Cancer (Clinical)": "salivary_gland_clinical",
    "Major Salivary Gland Cancer TNM Staging (Pathological)": "salivary_gland_pathological",
    "Attia Criteria for Evaluation of Pharyngitis": "attia_pharyngitis",
    "Licurse Score for Renal Ultrasound": "licurse_renal_ultrasound",
}
LARYNX = [c for c in NAMES.values() if c.startswith("laryngeal")]
TNM = [*LARYNX, "salivary_gland_clinical", "salivary_gland_pathological"]


@pytest.mark.parametrize("name,calc_id", sorted(NAMES.items()))
def test_benchmark_name_resolves(name: str, calc_id: str) -> None:
    assert_name_resolves(name, calc_id)


def test_no_dev_items_for_these_names() -> None:
    # These names occur once in calculator_frequency.tsv but in no dev task.
    rows = dev_rows(NAMES)
    assert [(r.name, r.status) for r in rows] == []


# --- AJCC 8th-edition head-and-neck stage groups ---------------------------------------------
# Shared table (Radiopaedia, major salivary gland staging, 8th ed.): 0 Tis N0 M0; I T1 N0;
# II T2 N0; III T3 N0 or T0-T3 N1; IVA T4a N0-1 or T0-T4a N2; IVB any T N3 or T4b any N;
# IVC M1.


@pytest.mark.parametrize("calc_id", LARYNX)
@pytest.mark.parametrize(
    "t,n,m,stage",
    [
        ("Tis", "N0", "M0", "0"),
        ("T1", "N0", "M0", "I"),
        ("T2", "N0", "M0", "II"),
        ("T3", "N0", "M0", "III"),
        ("T1", "N1", "M0", "III"),  # T1-T3 N1 → III
        ("T3", "N1", "M0", "III"),
        ("T4a", "N0", "M0", "IVA"),  # T4a N0-N1 → IVA
        ("T4a", "N1", "M0", "IVA"),
        ("T1", "N2a", "M0", "IVA"),  # T1-T4a N2 → IVA
        ("T3", "N2c", "M0", "IVA"),
        ("T4a", "N2", "M0", "IVA"),
        ("T4b", "N0", "M0", "IVB"),  # T4b any N → IVB
        ("T2", "N3a", "M0", "IVB"),  # any T N3 → IVB
        ("T1", "N3b", "M0", "IVB"),
        ("T4a", "N3", "M0", "IVB"),
        ("T2", "N1", "M1", "IVC"),  # M1 → IVC
        ("Tis", "N3b", "M0", "IVB"),  # any T, N3
        ("Tis", "N0", "M1", "IVC"),
    ],
)
def test_larynx_stage_groups(calc_id: str, t: str, n: str, m: str, stage: str) -> None:
    r = run(calc_id, t=t, n=n, m=m)
    assert r.value == stage
    assert r.interpretation.startswith(f"Stage {stage} (")
    assert [s.label for s in r.steps] == ["T", "N", "M", "Stage group"]


@pytest.mark.parametrize(
    "calc_id", ["laryngeal_glottis_clinical", "laryngeal_glottis_pathological"]
)
def test_glottis_t1a_t1b_are_stage_i(calc_id: str) -> None:
    # Radiopaedia case "Glottic cancer - stage cT1a": tumour of one vocal cord with normal
    # mobility → T1a, stage I; both cords → T1b, also stage I (T1 N0 M0).
    assert run(calc_id, t="T1a", n="N0", m="M0").value == "I"
    assert run(calc_id, t="T1b", n="N0", m="M0").value == "I"
    assert run(calc_id, t="T1b", n="N1", m="M0").value == "III"


@pytest.mark.parametrize("calc_id", ["laryngeal_supraglottis_clinical", "salivary_gland_clinical"])
def test_t1a_is_not_a_category_outside_the_glottis(calc_id: str) -> None:
    with pytest.raises(CalculatorInputError) as e:
        run(calc_id, t="T1a", n="N0", m="M0")
    assert e.value.fields == ["t"]
    assert "T1a" in e.value.message


@pytest.mark.parametrize(
    "t,n,m,stage",
    [
        ("T1", "N0", "M0", "I"),  # ≤ 2 cm, no extraparenchymal extension
        ("T2", "N0", "M0", "II"),  # > 2 and ≤ 4 cm
        ("T3", "N0", "M0", "III"),  # > 4 cm or extraparenchymal extension
        ("T0", "N1", "M0", "III"),  # unknown primary with one small node: T0-T3 N1 → III
        ("T0", "N2b", "M0", "IVA"),  # T0-T4a N2 → IVA
        ("T4a", "N1", "M0", "IVA"),
        ("T4b", "N2a", "M0", "IVB"),
        ("T0", "N3a", "M0", "IVB"),
        ("T2", "N0", "M1", "IVC"),
    ],
)
@pytest.mark.parametrize("calc_id", ["salivary_gland_clinical", "salivary_gland_pathological"])
def test_salivary_stage_groups(calc_id: str, t: str, n: str, m: str, stage: str) -> None:
    assert run(calc_id, t=t, n=n, m=m).value == stage


def test_t0_is_not_a_larynx_category() -> None:
    # AJCC 8th edition removed T0 from the larynx chapter (otoscape.com "Larynx").
    with pytest.raises(CalculatorInputError) as e:
        run("laryngeal_glottis_clinical", t="T0", n="N1", m="M0")
    assert e.value.fields == ["t"]


@pytest.mark.parametrize("calc_id", TNM)
@pytest.mark.parametrize("n", ["N1", "N2b"])
def test_tis_with_nodes_has_no_stage(calc_id: str, n: str) -> None:
    # Stage 0 is Tis N0 M0 only; the table has no group for Tis N1/N2 M0.
    with pytest.raises(CalculatorInputError, match="Tis with"):
        run(calc_id, t="Tis", n=n, m="M0")


@pytest.mark.parametrize("calc_id", ["salivary_gland_clinical", "salivary_gland_pathological"])
def test_t0_n0_has_no_stage(calc_id: str) -> None:
    with pytest.raises(CalculatorInputError, match="T0 N0 M0"):
        run(calc_id, t="T0", n="N0", m="M0")


def test_clinical_and_pathological_n_definitions_differ() -> None:
    # A single ipsilateral node ≤ 3 cm with ENE is pN2a but cN3b (clinically overt ENE).
    c = run("laryngeal_supraglottis_clinical", t="T2", n="N2a", m="M0")
    p = run("laryngeal_supraglottis_pathological", t="T2", n="N2a", m="M0")
    assert c.value == p.value == "IVA"
    assert "ENE(+)" not in c.steps[1].detail
    assert "ENE(+)" in p.steps[1].detail
    assert c.extra["tnm"] == "cT2 cN2a M0"
    assert p.extra["tnm"] == "pT2 pN2a M0"


@pytest.mark.parametrize("calc_id", TNM)
def test_tnm_bad_inputs(calc_id: str) -> None:
    with pytest.raises(CalculatorInputError) as e:
        run(calc_id, t="T2", n="N0")
    assert e.value.fields == ["m"]
    assert "required" in e.value.message
    with pytest.raises(CalculatorInputError) as e:
        run(calc_id, t="T2", n="N4", m="M0")
    assert e.value.fields == ["n"]
    assert "N4" in e.value.message
    with pytest.raises(CalculatorInputError) as e:
        run(calc_id, t="T2", n="N0", m="MX")
    assert e.value.fields == ["m"]


def test_tnm_adapter_reads_prefixed_categories() -> None:
    r = medmcp(
        "laryngeal_glottis_pathological",
        items(
            Primary_tumor_T="pT3 (vocal cord fixation)",
            Regional_lymph_nodes_N="pN2a (single ipsilateral node 2 cm, ENE+)",
            Distant_metastasis_M="cM0 (none)",
        ),
    )
    # T3 with N2 → IVA.
    assert r.value == "IVA"
    assert medmcp_calc.matches_result(r.value, r.interpretation, "Stage IVA", r.unit)
    assert medmcp_calc.matches_result(r.value, r.interpretation, "IVA", r.unit)
    assert not medmcp_calc.matches_result(r.value, r.interpretation, "Stage IVB", r.unit)


def test_tnm_adapter_salivary_t0() -> None:
    r = medmcp(
        "salivary_gland_clinical",
        items(
            Primary_Tumor="T0 (no evidence of primary tumour)", Lymph_Nodes="N1", Metastasis="M0"
        ),
    )
    assert r.value == "III"


def test_tnm_adapter_errors() -> None:
    with pytest.raises(AdapterError, match="no input field matches"):
        medmcp("laryngeal_glottis_clinical", items(Primary_tumor="T1a", Distant_metastasis="M0"))
    with pytest.raises(AdapterError, match="expected a T category"):
        medmcp(
            "laryngeal_glottis_clinical",
            items(Primary_tumor="T5", Regional_lymph_nodes="N0", Distant_metastasis="M0"),
        )


# --- Attia criteria (Attia 2001; EBMcalc point table) ----------------------------------------


@pytest.mark.parametrize(
    "rash,nodes,tonsils,no_coryza,total,band",
    [
        (False, False, False, False, 0, "Low likelihood"),
        (True, False, False, False, 2, "Intermediate likelihood"),  # rash 2
        (False, True, True, True, 3, "Intermediate likelihood"),  # 1 + 1 + 1
        (True, True, True, False, 4, "Higher likelihood"),  # 2 + 1 + 1
        (True, True, True, True, 5, "Higher likelihood"),  # 2 + 1 + 1 + 1
        (False, True, False, False, 1, "Intermediate likelihood"),
    ],
)
def test_attia_worked_examples(
    rash: bool, nodes: bool, tonsils: bool, no_coryza: bool, total: int, band: str
) -> None:
    r = run(
        "attia_pharyngitis",
        scarlatiniform_rash=rash,
        cervical_node_swelling=nodes,
        tonsillar_swelling_or_exudate=tonsils,
        coryza_absent=no_coryza,
    )
    assert r.value == total
    assert r.interpretation.startswith(band)
    assert [s.points for s in r.steps] == [2 * rash, 1 * nodes, 1 * tonsils, 1 * no_coryza]
    assert r.steps[-1].total == total


def test_attia_adapter_reads_coryza_either_way() -> None:
    base = {
        "Scarlatiniform rash": "Yes (sandpaper rash on trunk)",
        "Cervical node swelling": "Yes",
        "Tonsillar swelling or exudate": "No",
    }
    present = [{"field": k, "value": v} for k, v in base.items()]
    r1 = medmcp("attia_pharyngitis", [*present, {"field": "No coryza", "value": "Yes"}])
    r2 = medmcp("attia_pharyngitis", [*present, {"field": "Coryza", "value": "No"}])
    r3 = medmcp("attia_pharyngitis", [*present, {"field": "Coryza", "value": "Yes (rhinorrhea)"}])
    # 2 (rash) + 1 (nodes) + 0 (tonsils) + 1 (no coryza) = 4; with coryza present 3.
    assert (r1.value, r2.value, r3.value) == (4, 4, 3)
    assert medmcp_calc.matches_result(r1.value, r1.interpretation, "Higher likelihood", None)
    assert medmcp_calc.matches_result(r3.value, r3.interpretation, "Intermediate Likelihood", None)


def test_attia_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run(
            "attia_pharyngitis",
            scarlatiniform_rash=True,
            cervical_node_swelling=True,
            tonsillar_swelling_or_exudate="maybe",
            coryza_absent=True,
        )
    assert e.value.fields == ["tonsillar_swelling_or_exudate"]
    with pytest.raises(CalculatorInputError) as e:
        run("attia_pharyngitis", scarlatiniform_rash=True)
    assert sorted(e.value.fields) == [
        "cervical_node_swelling",
        "coryza_absent",
        "tonsillar_swelling_or_exudate",
    ]
    with pytest.raises(AdapterError, match="expected a yes/no answer"):
        medmcp(
            "attia_pharyngitis",
            items(Scarlatiniform_rash="sometimes", Cervical_nodes="Yes", Tonsils="No", Coryza="No"),
        )


# --- Licurse score (Licurse 2010) -------------------------------------------------------------

LICURSE_NONE = {
    "history_of_hydronephrosis": False,
    "black_race": True,
    "recurrent_uti": False,
    "obstruction_diagnosis": False,
    "congestive_heart_failure": True,
    "sepsis_prerenal_pressors_hypotension": True,
    "nephrotoxic_exposure": True,
}


def test_licurse_zero_is_low_risk() -> None:
    r = run("licurse_renal_ultrasound", **LICURSE_NONE)
    # Every scoring item absent: 0 points → low risk (≤ 2): HN 4.0%, HN needing intervention 1.1%.
    assert r.value == 0
    assert r.interpretation.startswith("Low risk")
    assert "4.0%" in r.interpretation and "1.1%" in r.interpretation


def test_licurse_worked_example_high() -> None:
    # Non-black (+1), no CHF (+1), no sepsis/prerenal/pressors/hypotension (+1), no nephrotoxin
    # (+1), no recurrent UTI (0), no obstructive diagnosis (0): 4 > 3 → high risk (20.9%, 4.9%).
    r = run(
        "licurse_renal_ultrasound",
        **{
            **LICURSE_NONE,
            "black_race": False,
            "congestive_heart_failure": False,
            "sepsis_prerenal_pressors_hypotension": False,
            "nephrotoxic_exposure": False,
        },
    )
    assert r.value == 4
    assert r.interpretation.startswith("High risk")
    assert "20.9%" in r.interpretation
    assert r.steps[-1].total == 4


def test_licurse_boundaries() -> None:
    # 1 (non-black) + 1 (recurrent UTI) + 1 (obstruction diagnosis) = 3 → medium.
    three = {
        **LICURSE_NONE,
        "black_race": False,
        "recurrent_uti": True,
        "obstruction_diagnosis": True,
    }
    r = run("licurse_renal_ultrasound", **three)
    assert (r.value, r.extra["risk_group"]) == (3, "Medium")
    # 2 → low.
    r = run("licurse_renal_ultrasound", **{**three, "obstruction_diagnosis": False})
    assert (r.value, r.extra["risk_group"]) == (2, "Low")
    # A history of hydronephrosis places even a 0-point patient in the high-risk group.
    r = run("licurse_renal_ultrasound", **{**LICURSE_NONE, "history_of_hydronephrosis": True})
    assert (r.value, r.extra["risk_group"]) == (0, "High")
    assert r.interpretation.startswith("High risk (history of hydronephrosis)")


def test_licurse_adapter() -> None:
    r = medmcp(
        "licurse_renal_ultrasound",
        items(
            History_of_hydronephrosis="No",
            Race="Non-black",
            History_of_recurrent_UTIs="No",
            Diagnosis_consistent_with_possible_obstruction="Yes (BPH)",
            History_of_CHF="No",
            Sepsis_prerenal_AKI_pressors_or_hypotension="No",
            Exposure_to_nephrotoxic_medications="Yes (vancomycin)",
        ),
    )
    # 1 (non-black) + 0 + 1 (obstruction) + 1 (no CHF) + 1 (no sepsis) + 0 (nephrotoxin) = 4.
    assert r.value == 4
    assert medmcp_calc.matches_result(r.value, r.interpretation, "High risk", None)
    r = medmcp(
        "licurse_renal_ultrasound",
        items(
            History_of_hydronephrosis="No",
            Race="Black",
            Recurrent_UTI="No",
            Obstruction_diagnosis="No",
            No_congestive_heart_failure="Yes",
            No_sepsis_or_hypotension="No",
            No_nephrotoxic_exposure="No",
        ),
    )
    # Black (0) + 0 + 0 + no CHF (+1) + sepsis present (0) + nephrotoxin present (0) = 1 → low.
    assert (r.value, r.extra["risk_group"]) == (1, "Low")


def test_licurse_bad_inputs() -> None:
    with pytest.raises(CalculatorInputError) as e:
        run(
            "licurse_renal_ultrasound",
            **{k: v for k, v in LICURSE_NONE.items() if k != "black_race"},
        )
    assert e.value.fields == ["black_race"]
    with pytest.raises(AdapterError, match="no input field matches"):
        medmcp("licurse_renal_ultrasound", items(Race="Black"))
