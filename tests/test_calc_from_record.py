"""calculate_for_patient against values worked out by hand for real demo patients.

Each expected value is computed here from hand-written SQL on the demo database (a plain DuckDB
connection, not the engine) and the published formula typed out in the test; the tool is only
compared with it. Then missing inputs, overrides, bad input and the MCP tool.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import anyio
import pytest
from mcp import Client

from m3agent.calculators.ehr_sources import SOURCES, ehr_calculators
from m3agent.calculators.from_record import (
    calculate_for_patient,
    describe_sources,
)
from m3agent.calculators.registry import CALCULATORS, CalculatorInputError
from m3agent.tools.errors import M3AgentError, NotFoundError

import record_testkit
from record_testkit import age_at, gas_fio2, one

# --------------------------------------------------------------------------------------------
# Hand-written SQL helpers.
# --------------------------------------------------------------------------------------------


# The shared fixtures, bound here so that pytest finds them in this module.
con = record_testkit.con
calc = record_testkit.calc


def sex_of(con, subject: int) -> str:
    return one(con, "SELECT gender FROM mimiciv_hosp.patients WHERE subject_id = ?", subject)[0]


def latest_lab(con, subject: int, itemid: int, at: dt.datetime):
    """(value, charttime) of the latest non-null lab at or before ``at``."""
    return one(
        con,
        "SELECT valuenum, charttime FROM mimiciv_hosp.labevents WHERE subject_id = ? "
        "AND itemid = ? AND valuenum IS NOT NULL AND charttime <= ? "
        "ORDER BY charttime DESC, storetime DESC NULLS LAST, labevent_id DESC LIMIT 1",
        subject,
        itemid,
        at,
    )


def dischtime(con, hadm: int) -> dt.datetime:
    return one(con, "SELECT dischtime FROM mimiciv_hosp.admissions WHERE hadm_id = ?", hadm)[0]


def codes_before(con, subject: int, at: dt.datetime) -> list[tuple[str, int]]:
    """Every ICD code of the admissions that started at or before ``at``."""
    return con.execute(
        "SELECT d.icd_code, d.icd_version FROM mimiciv_hosp.diagnoses_icd d JOIN "
        "mimiciv_hosp.admissions a ON a.hadm_id = d.hadm_id WHERE d.subject_id = ? AND "
        "a.admittime <= ?",
        [subject, at],
    ).fetchall()


def any_code(codes, icd9=(), icd10=(), icd9_ranges=(), icd10_ranges=()) -> bool:
    """Prefix or SUBSTR-BETWEEN match, written as mimic-code's charlson.sql does."""
    for code, version in codes:
        pref, ranges = (icd9, icd9_ranges) if version == 9 else (icd10, icd10_ranges)
        if any(code.startswith(p) for p in pref):
            return True
        if any(lo <= code[: len(lo)] <= hi for lo, hi in ranges):
            return True
    return False


# --------------------------------------------------------------------------------------------
# Renal, anthropometric and chemistry calculators ("latest at or before at").
# --------------------------------------------------------------------------------------------


def test_ckd_epi_2021_from_latest_creatinine(con, calc):
    subject, hadm = 10002428, 23473524
    at = dischtime(con, hadm)
    scr, when = latest_lab(con, subject, 50912, at)
    age = age_at(con, subject, at)
    female = sex_of(con, subject) == "F"
    kappa, alpha = (0.7, -0.241) if female else (0.9, -0.302)
    expected = (
        142
        * min(scr / kappa, 1) ** alpha
        * max(scr / kappa, 1) ** -1.2
        * 0.9938**age
        * (1.012 if female else 1)
    )

    r = calc("CKD-EPI 2021", subject, hadm_id=hadm)
    assert r.status == "computed" and r.calculator == "ckd_epi_2021"
    assert r.result.value == pytest.approx(expected, abs=0.001)
    cr = next(p for p in r.inputs if p.input == "creatinine")
    assert (cr.table, cr.itemid, cr.raw_value, cr.origin) == (
        "mimiciv_hosp.labevents",
        50912,
        scr,
        "record",
    )
    assert cr.charttime == str(when) and cr.unit == "mg/dL"
    assert r.at == str(at) and "dischtime" in r.at_rule
    agep = next(p for p in r.inputs if p.input == "age")
    assert agep.value == age and "anchor_age" in agep.rule


def test_bmi_from_chartevents(con, calc):
    subject, stay = 10002428, 35479615
    at = one(con, "SELECT outtime FROM mimiciv_icu.icustays WHERE stay_id = ?", stay)[0]
    # Latest charted weight (kg items or the pound item), and height (cm, else inches).
    w_chart, w_time = one(
        con,
        "SELECT CASE WHEN itemid = 226531 THEN valuenum * 0.45359237 ELSE valuenum END, "
        "charttime FROM mimiciv_icu.chartevents WHERE subject_id = ? AND itemid IN "
        "(226512, 224639, 226531) AND valuenum > 0 AND charttime <= ? ORDER BY charttime "
        "DESC, itemid = 224639 DESC LIMIT 1",
        subject,
        at,
    )
    w_omr = one(
        con,
        "SELECT max(chartdate) FROM mimiciv_hosp.omr WHERE subject_id = ? AND "
        "result_name = 'Weight (Lbs)' AND chartdate <= ?",
        subject,
        at,
    )[0]
    assert w_omr is None or w_omr < w_time.date()  # so the chart value is the latest
    h_cm, h_time = one(
        con,
        "SELECT CASE WHEN itemid = 226707 THEN valuenum * 2.54 ELSE valuenum END, charttime "
        "FROM mimiciv_icu.chartevents WHERE subject_id = ? AND itemid IN (226730, 226707) "
        "AND valuenum > 0 AND charttime <= ? ORDER BY charttime DESC, itemid = 226730 DESC "
        "LIMIT 1",
        subject,
        at,
    )
    expected = w_chart / (h_cm / 100) ** 2

    r = calc("bmi", subject, stay_id=stay)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(expected, abs=0.001)
    w = next(p for p in r.inputs if p.input == "weight")
    assert w.table == "mimiciv_icu.chartevents" and w.charttime == str(w_time)
    assert w.value == pytest.approx(w_chart)


def test_bmi_from_omr_before_any_icu_stay(con, calc):
    subject, at = 10002495, "2141-01-01 00:00"
    lbs = one(
        con,
        "SELECT CAST(result_value AS DOUBLE), chartdate FROM mimiciv_hosp.omr WHERE "
        "subject_id = ? AND result_name = 'Weight (Lbs)' AND chartdate <= DATE "
        "'2141-01-01' ORDER BY chartdate DESC, seq_num DESC LIMIT 1",
        subject,
    )
    inches = one(
        con,
        "SELECT CAST(result_value AS DOUBLE) FROM mimiciv_hosp.omr WHERE "
        "subject_id = ? AND result_name = 'Height (Inches)' AND chartdate <= DATE "
        "'2141-01-01' ORDER BY chartdate DESC, seq_num DESC LIMIT 1",
        subject,
    )[0]
    expected = (lbs[0] * 0.45359237) / (inches * 2.54 / 100) ** 2

    r = calc("body mass index", subject, at=at)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(expected, abs=0.001)
    w = next(p for p in r.inputs if p.input == "weight")
    h = next(p for p in r.inputs if p.input == "height")
    assert (w.table, h.table) == ("mimiciv_hosp.omr", "mimiciv_hosp.omr")
    assert w.raw_unit == "lb" and w.charttime == str(lbs[1])
    assert w.value == pytest.approx(lbs[0] * 0.45359237, abs=1e-6)


def test_anion_gap_and_corrected_calcium(con, calc):
    subject, hadm = 10002428, 23473524
    at = dischtime(con, hadm)
    na, cl, hco3, ca, alb = (
        latest_lab(con, subject, i, at)[0] for i in (50983, 50902, 50882, 50893, 50862)
    )
    r = calc("anion_gap", subject, hadm_id=hadm)
    assert r.result.value == pytest.approx(na - (cl + hco3))
    r = calc("calcium_correction", subject, hadm_id=hadm)
    # Payne: corrected Ca = Ca + 0.8 × (4 − albumin).
    assert r.result.value == pytest.approx(ca + 0.8 * (4 - alb), abs=0.01)


def test_rows_sharing_a_charttime_resolve_to_the_one_stored_last(con, calc):
    # Patient 10014354 has two sodium results charted at 2150-05-29 08:59: 137 stored at
    # 13:19 and 135 stored at 13:15 (a correction is stored after what it corrects).
    subject, at = 10014354, dt.datetime(2150, 5, 29, 8, 59)
    rows = con.execute(
        "SELECT valuenum, storetime FROM mimiciv_hosp.labevents WHERE subject_id = ? AND "
        "itemid = 50983 AND charttime = ? AND valuenum IS NOT NULL ORDER BY storetime DESC",
        [subject, at],
    ).fetchall()
    assert len(rows) == 2 and rows[0][0] != rows[1][0]
    seen = set()
    for _ in range(5):
        r = calc("sodium_correction_hyperglycemia", subject, at=at.isoformat())
        na = next(p for p in r.inputs if p.input == "sodium")
        seen.add(na.raw_value)
    assert seen == {rows[0][0]}


def test_meld_na_from_labs_without_dialysis(con, calc):
    subject = 10005866
    at = one(
        con, "SELECT max(dischtime) FROM mimiciv_hosp.admissions WHERE subject_id = ?", subject
    )[0]
    cr, bili, inr, na = (latest_lab(con, subject, i, at)[0] for i in (50912, 50885, 51237, 50983))
    dialysis = con.execute(
        "SELECT count(*) FROM mimiciv_icu.procedureevents WHERE subject_id = ? AND itemid IN "
        "(225441, 225805, 225802, 225803, 225809) AND endtime >= ? AND starttime <= ?",
        [subject, at - dt.timedelta(days=7), at],
    ).fetchone()[0]
    assert dialysis == 0
    # UNOS MELD-Na (OPTN policy 9, 2016): bounds, MELD(i) rounded to the tenth × 10, Na term.
    c, b, i = min(max(cr, 1), 4), max(bili, 1), max(inr, 1)
    s = min(max(na, 125), 137)
    meld_i = (
        math.floor(
            (0.957 * math.log(c) + 0.378 * math.log(b) + 1.120 * math.log(i) + 0.643) * 10 + 0.5
        )
        / 10
        * 10
    )
    meld = meld_i + 1.32 * (137 - s) - 0.033 * meld_i * (137 - s) if meld_i > 11 else meld_i
    r = calc("meld_na", subject)
    assert r.status == "computed"
    assert r.result.value == math.floor(meld + 0.5)
    assert next(p for p in r.inputs if p.input == "dialysis").value is False


@pytest.mark.parametrize(
    ("subject", "ascites", "ascites_points"),
    [
        (10000032, "moderate", 3),  # ICD-9 54.91 paracentesis in the last admission
        (10005866, "slight", 2),  # K70.31 alcoholic cirrhosis with ascites coded, no drainage
    ],
)
def test_child_pugh_with_ascites_from_icd(con, calc, subject, ascites, ascites_points):
    hadm, at = one(
        con,
        "SELECT hadm_id, dischtime FROM mimiciv_hosp.admissions WHERE "
        "subject_id = ? ORDER BY admittime DESC LIMIT 1",
        subject,
    )
    bili, alb, inr = (latest_lab(con, subject, i, at)[0] for i in (50885, 50862, 51237))
    dx = [
        c
        for (c,) in con.execute(
            "SELECT icd_code FROM mimiciv_hosp.diagnoses_icd WHERE hadm_id = ?", [hadm]
        ).fetchall()
    ]
    px = [
        c
        for (c,) in con.execute(
            "SELECT icd_code FROM mimiciv_hosp.procedures_icd WHERE hadm_id = ?", [hadm]
        ).fetchall()
    ]
    drained = any(c == "5491" or c in ("0W9G3ZZ", "0W9G30Z") for c in px)
    coded = any(c.startswith(("7895", "R18", "K7011", "K7031", "K7151")) for c in dx)
    assert ({True: "moderate"}.get(drained) or ("slight" if coded else "absent")) == ascites
    enceph = (
        3
        if any(c in ("K7201", "K7211", "K7291") for c in dx)
        else (2 if any(c.startswith(("5722", "K7290", "K7682")) for c in dx) else 1)
    )
    # Pugh 1973: bilirubin < 2 / 2-3 / > 3 mg/dL; albumin > 3.5 / 2.8-3.5 / < 2.8 g/dL;
    # INR < 1.7 / 1.7-2.3 / > 2.3.
    pts = (1 if bili < 2 else 2 if bili <= 3 else 3) + (1 if alb > 3.5 else 2 if alb >= 2.8 else 3)
    pts += (1 if inr < 1.7 else 2 if inr <= 2.3 else 3) + ascites_points + enceph
    r = calc("child-pugh", subject)
    assert r.status == "computed" and r.result.value == pts
    a = next(p for p in r.inputs if p.input == "ascites")
    assert (
        a.value == ascites
        and a.code
        and a.table in ("mimiciv_hosp.procedures_icd", "mimiciv_hosp.diagnoses_icd")
    )


# --------------------------------------------------------------------------------------------
# Comorbidity scores from ICD codes.
# --------------------------------------------------------------------------------------------


def test_charlson_from_icd_codes(con, calc):
    subject = 10003400
    at = one(
        con, "SELECT max(dischtime) FROM mimiciv_hosp.admissions WHERE subject_id = ?", subject
    )[0]
    codes = codes_before(con, subject, at)
    age = age_at(con, subject, at)
    # Quan 2005 coding algorithms as in mimic-code comorbidity/charlson.sql; lymphoma and
    # leukemia apart (Deyo 1992); weights of the calculator's inputs (Charlson 1987).
    mi = any_code(codes, ("410", "412"), ("I21", "I22", "I252"))
    chf = any_code(
        codes,
        (
            "428",
            "39891",
            "40201",
            "40211",
            "40291",
            "40401",
            "40403",
            "40411",
            "40413",
            "40491",
            "40493",
        ),
        (
            "I43",
            "I50",
            "I099",
            "I110",
            "I130",
            "I132",
            "I255",
            "I420",
            "I425",
            "I426",
            "I427",
            "I428",
            "I429",
            "P290",
        ),
        icd9_ranges=[("4254", "4259")],
    )
    pvd = any_code(
        codes,
        ("440", "441", "0930", "4373", "4471", "5571", "5579", "V434"),
        (
            "I70",
            "I71",
            "I731",
            "I738",
            "I739",
            "I771",
            "I790",
            "I792",
            "K551",
            "K558",
            "K559",
            "Z958",
            "Z959",
        ),
        icd9_ranges=[("4431", "4439")],
    )
    cvd = any_code(
        codes,
        ("36234",),
        ("G45", "G46", "H340"),
        icd9_ranges=[("430", "438")],
        icd10_ranges=[("I60", "I69")],
    )
    dementia = any_code(
        codes, ("290", "2941", "3312"), ("F00", "F01", "F02", "F03", "G30", "F051", "G311")
    )
    copd = any_code(
        codes,
        ("4168", "4169", "5064", "5081", "5088"),
        ("I278", "I279", "J684", "J701", "J703"),
        icd9_ranges=[("490", "505")],
        icd10_ranges=[("J40", "J47"), ("J60", "J67")],
    )
    rheum = any_code(
        codes,
        ("725", "4465", "7100", "7101", "7102", "7103", "7104", "7140", "7141", "7142", "7148"),
        ("M05", "M06", "M32", "M33", "M34", "M315", "M351", "M353", "M360"),
    )
    pud = any_code(codes, ("531", "532", "533", "534"), ("K25", "K26", "K27", "K28"))
    mild_liver = any_code(
        codes,
        (
            "570",
            "571",
            "0706",
            "0709",
            "5733",
            "5734",
            "5738",
            "5739",
            "V427",
            "07022",
            "07023",
            "07032",
            "07033",
            "07044",
            "07054",
        ),
        (
            "B18",
            "K73",
            "K74",
            "K700",
            "K701",
            "K702",
            "K703",
            "K709",
            "K713",
            "K714",
            "K715",
            "K717",
            "K760",
            "K762",
            "K763",
            "K764",
            "K768",
            "K769",
            "Z944",
        ),
    )
    severe_liver = any_code(
        codes,
        ("4560", "4561", "4562"),
        ("I850", "I859", "I864", "I982", "K704", "K711", "K721", "K729", "K765", "K766", "K767"),
        icd9_ranges=[("5722", "5728")],
    )
    dm = any_code(
        codes,
        ("2500", "2501", "2502", "2503", "2508", "2509"),
        (
            "E100",
            "E101",
            "E106",
            "E108",
            "E109",
            "E110",
            "E111",
            "E116",
            "E118",
            "E119",
            "E120",
            "E121",
            "E126",
            "E128",
            "E129",
            "E130",
            "E131",
            "E136",
            "E138",
            "E139",
            "E140",
            "E141",
            "E146",
            "E148",
            "E149",
        ),
    )
    dm_cc = any_code(
        codes,
        ("2504", "2505", "2506", "2507"),
        (
            "E102",
            "E103",
            "E104",
            "E105",
            "E107",
            "E112",
            "E113",
            "E114",
            "E115",
            "E117",
            "E122",
            "E123",
            "E124",
            "E125",
            "E127",
            "E132",
            "E133",
            "E134",
            "E135",
            "E137",
            "E142",
            "E143",
            "E144",
            "E145",
            "E147",
        ),
    )
    plegia = any_code(
        codes,
        ("342", "343", "3341", "3440", "3441", "3442", "3443", "3444", "3445", "3446", "3449"),
        (
            "G81",
            "G82",
            "G041",
            "G114",
            "G801",
            "G802",
            "G830",
            "G831",
            "G832",
            "G833",
            "G834",
            "G839",
        ),
    )
    renal = any_code(
        codes,
        (
            "582",
            "585",
            "586",
            "V56",
            "5880",
            "V420",
            "V451",
            "40301",
            "40311",
            "40391",
            "40402",
            "40403",
            "40412",
            "40413",
            "40492",
            "40493",
        ),
        (
            "N18",
            "N19",
            "I120",
            "I131",
            "N032",
            "N033",
            "N034",
            "N035",
            "N036",
            "N037",
            "N052",
            "N053",
            "N054",
            "N055",
            "N056",
            "N057",
            "N250",
            "Z490",
            "Z491",
            "Z492",
            "Z940",
            "Z992",
        ),
        icd9_ranges=[("5830", "5837")],
    )
    lymphoma = any_code(
        codes,
        ("2386",),
        ("C88", "C90", "C96"),
        icd9_ranges=[("200", "203")],
        icd10_ranges=[("C81", "C85")],
    )
    leukemia = any_code(codes, (), (), icd9_ranges=[("204", "208")], icd10_ranges=[("C91", "C95")])
    solid = any_code(
        codes,
        (),
        ("C43",),
        icd9_ranges=[("140", "172"), ("1740", "1958")],
        icd10_ranges=[
            ("C00", "C26"),
            ("C30", "C34"),
            ("C37", "C41"),
            ("C45", "C58"),
            ("C60", "C76"),
        ],
    )
    metastatic = any_code(codes, ("196", "197", "198", "199"), ("C77", "C78", "C79", "C80"))
    aids = any_code(codes, ("042", "043", "044"), ("B20", "B21", "B22", "B24"))
    expected = 0 if age < 50 else 1 if age < 60 else 2 if age < 70 else 3 if age < 80 else 4
    expected += sum([mi, chf, pvd, cvd, dementia, copd, rheum, pud])
    expected += 3 if severe_liver else 1 if mild_liver else 0
    expected += 2 if dm_cc else 1 if dm else 0
    expected += 2 * plegia + 2 * renal + 2 * lymphoma + 2 * leukemia + 6 * aids
    expected += 6 if metastatic else 2 if solid else 0
    assert chf and renal and metastatic and lymphoma  # the case exercises several groups

    r = calc("charlson_comorbidity_index", subject)
    assert r.status == "computed" and r.result.value == expected
    tumour = next(p for p in r.inputs if p.input == "solid_tumor")
    assert tumour.value == "metastatic" and tumour.table == "mimiciv_hosp.diagnoses_icd"
    assert all(
        e.code[:3] in ("C77", "C78", "C79", "C80", "196", "197", "198", "199")
        for e in tumour.evidence
    )


def test_cha2ds2_vasc_from_icd_codes(con, calc):
    subject = 10002495
    at = one(
        con, "SELECT max(dischtime) FROM mimiciv_hosp.admissions WHERE subject_id = ?", subject
    )[0]
    codes = codes_before(con, subject, at)
    age = age_at(con, subject, at)
    chf = any_code(
        codes,
        (
            "428",
            "39891",
            "40201",
            "40211",
            "40291",
            "40401",
            "40403",
            "40411",
            "40413",
            "40491",
            "40493",
        ),
        (
            "I43",
            "I50",
            "I099",
            "I110",
            "I130",
            "I132",
            "I255",
            "I420",
            "I425",
            "I426",
            "I427",
            "I428",
            "I429",
            "P290",
        ),
        icd9_ranges=[("4254", "4259")],
    )
    htn = any_code(
        codes, ("401", "402", "403", "404", "405"), ("I10", "I11", "I12", "I13", "I15", "I16")
    )
    stroke = any_code(
        codes,
        ("430", "431", "432", "433", "434", "435", "436", "438", "444", "V1254"),
        ("I60", "I61", "I62", "I63", "I64", "I69", "Z8673", "G45", "I74"),
    )
    vascular = any_code(
        codes,
        ("410", "412", "440", "441", "0930", "4373", "4471", "5571", "5579", "V434"),
        (
            "I21",
            "I22",
            "I252",
            "I70",
            "I71",
            "I731",
            "I738",
            "I739",
            "I771",
            "I790",
            "I792",
            "K551",
            "K558",
            "K559",
            "Z958",
            "Z959",
        ),
        icd9_ranges=[("4431", "4439")],
    )
    dm = any_code(codes, ("250",), ("E08", "E09", "E10", "E11", "E13"))
    # Lip 2010: C, H, D, V, female sex 1 point each; A2 (≥ 75) and S2 2 points; A 65-74 1.
    expected = chf + htn + dm + vascular + 2 * stroke + (sex_of(con, subject) == "F")
    expected += 2 if age >= 75 else 1 if age >= 65 else 0

    r = calc("CHA2DS2-VASc", subject)
    assert r.status == "computed" and r.result.value == expected
    assert {p.input for p in r.inputs} == {
        "age",
        "sex",
        "chf",
        "hypertension",
        "stroke_tia_thromboembolism",
        "vascular_disease",
        "diabetes",
    }
    for p in r.inputs:
        if p.value is True:
            assert p.evidence and all(e.table == "mimiciv_hosp.diagnoses_icd" for e in p.evidence)


# --------------------------------------------------------------------------------------------
# ICU scores: SOFA in the first 24 h, bedside scores at the end of a stay.
# --------------------------------------------------------------------------------------------


def hand_sofa(con, subject: int, stay: int, bilirubin: float | None = None) -> int | None:
    """SOFA (Vincent 1996) for the first 24 h of ``stay``; None when bilirubin is absent."""
    t0 = one(con, "SELECT intime FROM mimiciv_icu.icustays WHERE stay_id = ?", stay)[0]
    t1 = t0 + dt.timedelta(hours=24)

    def lab(agg: str, itemid: int):
        return one(
            con,
            f"SELECT {agg}(valuenum) FROM mimiciv_hosp.labevents WHERE subject_id "
            f"= ? AND itemid = ? AND charttime BETWEEN ? AND ?",
            subject,
            itemid,
            t0,
            t1,
        )[0]

    # Respiration: every arterial gas with a FiO2 (same specimen, else charted ≤ 4 h before).
    gases = con.execute(
        "SELECT l.specimen_id, min(l.charttime), max(CASE WHEN itemid = 50821 THEN valuenum END), "
        "max(CASE WHEN itemid = 50818 THEN valuenum END), "
        "max(CASE WHEN itemid = 50816 THEN valuenum END) FROM mimiciv_hosp.labevents l WHERE "
        "subject_id = ? AND itemid IN (50821, 50818, 50816) AND charttime BETWEEN ? AND ? AND "
        "specimen_id IN (SELECT specimen_id FROM mimiciv_hosp.labevents WHERE itemid = 52033 "
        "AND value = 'ART.') GROUP BY 1",
        [subject, t0, t1],
    ).fetchall()
    resp = None
    for _spec, t, po2, pco2, fio2_lab in gases:
        # None also when the PaO2 is above the alveolar PO2: not drawn at that FiO2.
        fio2 = gas_fio2(con, subject, t, po2, pco2, fio2_lab)
        if fio2 is None:
            continue
        vent = (
            con.execute(
                "SELECT count(*) FROM mimiciv_icu.procedureevents WHERE subject_id = "
                "? AND itemid IN (225792, 225794) AND ? BETWEEN starttime AND "
                "endtime",
                [subject, t],
            ).fetchone()[0]
            > 0
        )
        pf = po2 / (fio2 / 100)
        pts = (
            4
            if pf < 100 and vent
            else 3
            if pf < 200 and vent
            else 2
            if pf < 300
            else 1
            if pf < 400
            else 0
        )
        resp = max(resp or 0, pts)
    assert resp is not None
    plt = lab("min", 51265)
    coag = 4 if plt < 20 else 3 if plt < 50 else 2 if plt < 100 else 1 if plt < 150 else 0
    bili = bilirubin if bilirubin is not None else lab("max", 50885)
    if bili is None:
        return None
    liver = 4 if bili >= 12 else 3 if bili >= 6 else 2 if bili >= 2 else 1 if bili >= 1.2 else 0
    mbp = one(
        con,
        "SELECT min(valuenum) FROM mimiciv_icu.chartevents WHERE subject_id = ? AND "
        "itemid IN (220181, 220052, 225312) AND valuenum > 0 AND valuenum < 300 AND "
        "charttime BETWEEN ? AND ?",
        subject,
        t0,
        t1,
    )[0]
    rates = dict(
        con.execute(
            "SELECT itemid, max(rate) FROM mimiciv_icu.inputevents WHERE subject_id = ? AND "
            "itemid IN (221662, 221653, 221289, 221906) AND starttime <= ? AND endtime >= ? "
            "GROUP BY 1",
            [subject, t1, t0],
        ).fetchall()
    )
    dop, dob = rates.get(221662, 0), rates.get(221653, 0)
    epi, nor = rates.get(221289, 0), rates.get(221906, 0)
    if dop > 15 or epi > 0.1 or nor > 0.1:
        cv = 4
    elif dop > 5 or epi > 0 or nor > 0:
        cv = 3
    elif dop > 0 or dob > 0:
        cv = 2
    else:
        cv = 1 if mbp < 70 else 0
    gcs = one(
        con,
        "SELECT min(e + v + m) FROM (SELECT charttime, "
        "max(CASE WHEN itemid = 220739 THEN valuenum END) e, "
        "max(CASE WHEN itemid = 223900 THEN valuenum END) v, "
        "max(CASE WHEN itemid = 223901 THEN valuenum END) m FROM "
        "mimiciv_icu.chartevents WHERE subject_id = ? AND itemid IN (220739, 223900, "
        "223901) AND charttime BETWEEN ? AND ? GROUP BY 1)",
        subject,
        t0,
        t1,
    )[0]
    cns = 4 if gcs < 6 else 3 if gcs < 10 else 2 if gcs < 13 else 1 if gcs < 15 else 0
    cr = lab("max", 50912)
    urine = one(
        con,
        "SELECT sum(CASE WHEN itemid = 227488 THEN -value ELSE value END) FROM "
        "mimiciv_icu.outputevents WHERE subject_id = ? AND itemid IN (226559, "
        "226560, 226561, 226584, 226563, 226564, 226565, 226567, 226557, 226558, "
        "227488, 227489) AND charttime > ? AND charttime <= ?",
        subject,
        t0,
        t1,
    )[0]
    renal = 4 if cr >= 5 else 3 if cr >= 3.5 else 2 if cr >= 2 else 1 if cr >= 1.2 else 0
    if urine is not None:
        renal = max(renal, 4 if urine < 200 else 3 if urine < 500 else 0)
    return resp + coag + liver + cv + cns + renal


@pytest.mark.parametrize(("subject", "stay"), [(10004235, 34100191), (10005817, 31316840)])
def test_sofa_first_24h_of_stay(con, calc, subject, stay):
    expected = hand_sofa(con, subject, stay)
    r = calc("SOFA", subject, stay_id=stay)
    assert r.status == "computed" and r.stay_id == stay
    assert r.result.value == expected
    intime = one(con, "SELECT intime FROM mimiciv_icu.icustays WHERE stay_id = ?", stay)[0]
    assert r.window_start == str(intime)
    assert r.window_end == str(intime + dt.timedelta(hours=24))
    for p in r.inputs:
        # Infusions and ventilation are intervals: they may start before the window.
        if p.charttime and p.table not in (
            "mimiciv_icu.procedureevents",
            "mimiciv_icu.inputevents",
        ):
            t = dt.datetime.fromisoformat(p.charttime)
            assert intime - dt.timedelta(hours=4) <= t <= intime + dt.timedelta(hours=24), p
    plt = next(p for p in r.inputs if p.input == "platelets")
    assert (
        plt.value
        == one(
            con,
            "SELECT min(valuenum) FROM mimiciv_hosp.labevents WHERE "
            "subject_id = ? AND itemid = 51265 AND charttime BETWEEN ? "
            "AND ?",
            subject,
            intime,
            intime + dt.timedelta(hours=24),
        )[0]
    )
    assert "lowest in the first 24 h" in plt.rule


def test_sofa_missing_bilirubin_then_override(con, calc):
    subject, stay = 10002428, 35479615
    assert hand_sofa(con, subject, stay) is None  # no bilirubin drawn in the first 24 h
    r = calc("sofa", subject, stay_id=stay)
    assert r.status == "missing_inputs" and r.result is None
    assert [m.input for m in r.missing] == ["bilirubin"]
    miss = r.missing[0]
    assert miss.unit == "mg/dL" and "umol/l" in miss.accepted_units
    assert "50885" in miss.looked_for and miss.reason
    assert {p.input for p in r.inputs} >= {"pao2", "platelets", "gcs", "creatinine"}

    # 20.5 µmol/L = 1.2 mg/dL (1 mg/dL = 17.1 µmol/L): liver 1 point.
    r2 = calc("sofa", subject, stay_id=stay, overrides={"bilirubin": [20.52, "umol/L"]})
    assert r2.status == "computed" and not r2.missing
    assert r2.result.value == hand_sofa(con, subject, stay, bilirubin=1.2)
    b = next(p for p in r2.inputs if p.input == "bilirubin")
    assert b.origin == "override" and b.value == [20.52, "umol/L"] and b.table is None


def test_qsofa_and_gcs_at_the_end_of_a_stay(con, calc):
    subject, stay = 10002428, 35479615
    at = one(con, "SELECT outtime FROM mimiciv_icu.icustays WHERE stay_id = ?", stay)[0]

    def latest(items: str, lo: float, hi: float) -> float:
        return one(
            con,
            f"SELECT valuenum FROM mimiciv_icu.chartevents WHERE subject_id = ? AND "
            f"itemid IN ({items}) AND valuenum > {lo} AND valuenum < {hi} AND "
            f"charttime <= ? ORDER BY charttime DESC LIMIT 1",
            subject,
            at,
        )[0]

    rr = latest("220210, 224690", 0, 70)
    sbp = latest("220179, 220050, 225309", 0, 400)
    e, v, m = one(
        con,
        "SELECT max(CASE WHEN itemid = 220739 THEN valuenum END), "
        "max(CASE WHEN itemid = 223900 THEN valuenum END), "
        "max(CASE WHEN itemid = 223901 THEN valuenum END) FROM "
        "mimiciv_icu.chartevents WHERE subject_id = ? AND itemid IN (220739, "
        "223900, 223901) AND charttime <= ? GROUP BY charttime HAVING count(*) "
        "= 3 ORDER BY charttime DESC LIMIT 1",
        subject,
        at,
    )
    expected = int(rr >= 22) + int(sbp <= 100) + int(e + v + m < 15)
    r = calc("qsofa", subject, stay_id=stay)
    assert r.status == "computed" and r.result.value == expected
    assert next(p for p in r.inputs if p.input == "respiratory_rate_22_or_more").value == (rr >= 22)
    g = calc("glasgow_coma_scale", subject, stay_id=stay)
    assert g.result.value == e + v + m
    assert [p.value for p in g.inputs] == [e, v, m]


# --------------------------------------------------------------------------------------------
# Missing inputs, old values, overrides.
# --------------------------------------------------------------------------------------------


def test_bedside_score_without_recent_vitals_lists_them_missing(calc):
    # The patient's last admission has no ICU stay: vital signs are years old at its end.
    r = calc("shock_index", 10002428)
    assert r.status == "missing_inputs" and r.result is None
    assert {m.input for m in r.missing} == {"heart_rate", "systolic_bp"}
    assert all("before 'at'" in m.reason for m in r.missing)
    assert r.missing[0].unit in ("/min", "mmHg")


def test_first_24h_score_without_icu_stay(calc):
    r = calc("sofa", 10002428, hadm_id=25797028)  # an admission without an ICU stay
    assert r.status == "missing_inputs" and r.stay_id is None
    assert "no ICU stay in admission 25797028" in r.missing[0].reason


def test_override_wins_over_the_record(con, calc):
    subject, hadm = 10002428, 23473524
    at = dischtime(con, hadm)
    age = age_at(con, subject, at)
    r = calc("ckd_epi_2021", subject, hadm_id=hadm, overrides={"creatinine": [88.4, "umol/L"]})
    # 88.4 µmol/L = 1.0 mg/dL; female: 142 × (1/0.7)^-1.2 × 0.9938^age × 1.012.
    assert r.result.value == pytest.approx(142 * (1 / 0.7) ** -1.2 * 0.9938**age * 1.012, abs=0.001)
    cr = next(p for p in r.inputs if p.input == "creatinine")
    assert cr.origin == "override" and "override" in cr.rule
    assert next(p for p in r.inputs if p.input == "age").origin == "record"


def test_inputs_not_in_the_record_keep_defaults_or_take_overrides(calc):
    # weight_basis is not in the record: the default (actual weight) is used and reported.
    r = calc("cockcroft_gault", 10002428, hadm_id=23473524)
    assert r.status == "computed" and "weight_basis" in r.not_from_record
    r2 = calc("cockcroft_gault", 10002428, hadm_id=23473524, overrides={"weight_basis": "ideal"})
    assert r2.status == "computed" and r2.result.value != r.result.value


# --------------------------------------------------------------------------------------------
# Bad input: clear errors, nothing half-computed.
# --------------------------------------------------------------------------------------------


def test_unknown_calculator_suggests_closest(calc):
    with pytest.raises(NotFoundError) as e:
        calc("chadsvasc", 10002428)
    assert "cha2ds2_vasc" in (e.value.hint or "")


def test_calculator_without_record_sources_names_those_with(calc):
    assert "heart_score" in CALCULATORS and "heart_score" not in SOURCES
    with pytest.raises(M3AgentError) as e:
        calc("heart_score", 10002428)
    assert "cannot be computed from the record" in e.value.message
    assert "sofa" in e.value.hint and "cha2ds2_vasc" in e.value.hint


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"subject_id": 1}, NotFoundError, "No patient with subject_id 1"),
        ({"subject_id": 10002428, "hadm_id": 1}, NotFoundError, "No admission with hadm_id 1"),
        ({"subject_id": 10002428, "hadm_id": 24181354}, M3AgentError, "does not belong to patient"),
        ({"subject_id": 10002428, "stay_id": 34100191}, M3AgentError, "does not belong to patient"),
        ({"subject_id": 10002428, "stay_id": 30000000}, NotFoundError, "No icu stay"),
        (
            {"subject_id": 10002428, "hadm_id": 28662225, "stay_id": 35479615},
            M3AgentError,
            "belongs to admission 23473524",
        ),
        ({"subject_id": 10002428, "at": "yesterday"}, M3AgentError, "ISO"),
        ({"subject_id": 10002428, "at": 5}, M3AgentError, "ISO"),
        (
            {"subject_id": 10002428, "hadm_id": 23473524, "at": "2150-01-01"},
            M3AgentError,
            "before admission 23473524 began",
        ),
        ({"subject_id": "10002428"}, M3AgentError, "positive integer"),
        ({"subject_id": True}, M3AgentError, "positive integer"),
        (
            {"subject_id": 10002428, "overrides": {"creatinin": 1.0}},
            CalculatorInputError,
            "not inputs of ckd_epi_2021",
        ),
        (
            {"subject_id": 10002428, "overrides": {"creatinine": -1}},
            CalculatorInputError,
            "creatinine",
        ),
        (
            {"subject_id": 10002428, "overrides": {"creatinine": [1, "mmHg"]}},
            CalculatorInputError,
            "mmHg",
        ),
        ({"subject_id": 10002428, "overrides": ["creatinine"]}, M3AgentError, "overrides must be"),
        ({"subject_id": 10002428, "dataset": "ehrsql"}, M3AgentError, "MIMIC-IV datasets"),
    ],
)
def test_bad_input_is_a_clear_error(calc, kwargs, error, text):
    with pytest.raises(error) as e:
        calc("ckd_epi_2021", **kwargs)
    assert text in str(e.value), str(e.value)


def test_every_mapped_input_is_a_real_input():
    assert len(ehr_calculators()) >= 25
    for cid, s in SOURCES.items():
        assert cid in CALCULATORS, cid
        fields = CALCULATORS[cid].inputs.model_fields
        assert set(s.inputs) <= set(fields), (cid, set(s.inputs) - set(fields))
        # Every required input is fed from the record (none is left to overrides only).
        required = {n for n, f in fields.items() if f.is_required()}
        assert required <= set(s.inputs), (cid, required - set(s.inputs))


def test_describe_sources_in_words():
    d = describe_sources("qSOFA")
    assert set(d) == {"altered_mentation", "respiratory_rate_22_or_more", "systolic_bp_100_or_less"}
    assert "≥ 22 /min" in d["respiratory_rate_22_or_more"]
    with pytest.raises(M3AgentError, match="no MIMIC-IV sources"):
        describe_sources("heart_score")


# --------------------------------------------------------------------------------------------
# The MCP tool, through the audited server.
# --------------------------------------------------------------------------------------------


def test_mcp_tool_computes_reports_missing_and_refuses(demo_db, engine, tmp_path):
    from m3agent.server.app import build_server
    from m3agent.server.settings import ServerSettings
    from m3agent.tools.sql.engine import EngineSettings

    audit = tmp_path / "a.jsonl"
    server = build_server(
        ServerSettings(
            engine=EngineSettings(db_paths={"mimic-iv-demo": demo_db}),
            audit_path=audit,
            identity="t",
        )
    )

    async def go():
        async with Client(server) as c:
            tools = {t.name: t for t in (await c.list_tools()).tools}
            ok = await c.call_tool(
                "calculate_for_patient", {"calculator": "cha2ds2_vasc", "subject_id": 10002495}
            )
            missing = await c.call_tool(
                "calculate_for_patient",
                {"calculator": "sofa", "subject_id": 10002428, "stay_id": 35479615},
            )
            fixed = await c.call_tool(
                "calculate_for_patient",
                {
                    "calculator": "sofa",
                    "subject_id": 10002428,
                    "stay_id": 35479615,
                    "overrides": {"bilirubin": 0.5},
                },
            )
            bad = await c.call_tool(
                "calculate_for_patient", {"calculator": "chads vasc", "subject_id": 10002495}
            )
            nobody = await c.call_tool(
                "calculate_for_patient", {"calculator": "sofa", "subject_id": 1}
            )
            return tools, ok, missing, fixed, bad, nobody

    tools, ok, missing, fixed, bad, nobody = anyio.run(go)
    tool = tools["calculate_for_patient"]
    assert tool.annotations.read_only_hint is True and tool.output_schema is not None
    assert {"calculator", "subject_id", "hadm_id", "stay_id", "at", "overrides", "dataset"} == set(
        tool.input_schema["properties"]
    )
    direct = calculate_for_patient("cha2ds2_vasc", 10002495, engine=engine)
    assert not ok.is_error
    assert ok.structured_content["status"] == "computed"
    assert ok.structured_content["result"]["value"] == direct.result.value
    assert ok.structured_content["inputs"][0]["origin"] == "record"
    assert missing.structured_content["status"] == "missing_inputs"
    assert missing.structured_content["result"] is None
    assert [m["input"] for m in missing.structured_content["missing"]] == ["bilirubin"]
    assert fixed.structured_content["status"] == "computed"
    assert bad.is_error and "cha2ds2_vasc" in bad.content[0].text
    assert nobody.is_error and "No patient" in nobody.content[0].text
    records = [json.loads(line) for line in audit.read_text().splitlines()]
    mine = [r for r in records if r.get("tool") == "calculate_for_patient"]
    assert len(mine) == 5
    assert [r["outcome"] for r in mine] == ["ok", "ok", "ok", "error", "error"]
    assert mine[2]["arguments"]["overrides"] == {"bilirubin": 0.5}
