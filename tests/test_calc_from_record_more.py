"""calculate_for_patient for the calculators added to ehr_sources after the first 44: red-cell
indices, acid-base and gas exchange, urine and ascitic indices, haemodynamics, ventilation,
pancreatitis and bedside scores.

As in test_calc_from_record.py, each expected value is worked out here from hand-written SQL on
the demo database (a plain DuckDB connection, not the engine) and the published formula typed
out in the test; the tool is only compared with it. Each calculator also has a demo patient
(or time) that lacks an input: the result then lists that input as missing.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from m3agent.calculators.ehr_sources import PAIRED_MAX_AGE_HOURS, SOURCES, Reference
from m3agent.calculators.from_record import (
    PatientCalculation,
    RecordValueError,
    describe_sources,
)
from m3agent.calculators.registry import CALCULATORS, CalculatorInputError

import record_testkit
from record_testkit import age_at, gas_fio2, one

NEW = (
    "albi_grade",
    "mentzer_index",
    "reticulocyte_production_index",
    "henderson_hasselbalch",
    "base_excess",
    "aa_gradient",
    "sf_ratio",
    "glasgow_imrie",
    "modified_marshall",
    "aims65",
    "revised_trauma_score",
    "fena",
    "fractional_excretion_urea",
    "ttkg",
    "urine_anion_gap",
    "saag",
    "systemic_vascular_resistance",
    "cardiac_power_output",
    "cerebral_perfusion_pressure",
    "static_compliance",
)

# --------------------------------------------------------------------------------------------
# Hand-written SQL helpers.
# --------------------------------------------------------------------------------------------


# The shared fixtures, bound here so that pytest finds them in this module.
con = record_testkit.con
calc = record_testkit.calc


_ARTERIAL = (
    "specimen_id IN (SELECT specimen_id FROM mimiciv_hosp.labevents WHERE itemid = 52033 "
    "AND value = 'ART.')"
)


def _latest(con, sql: str, params: list, what: str) -> tuple[float, dt.datetime]:
    rows = con.execute(sql + " ORDER BY charttime DESC, itemid LIMIT 2", params).fetchall()
    assert rows, f"no {what}"
    if len(rows) == 2 and rows[1][1:] == rows[0][1:]:
        # Two values of one item at the same time: the test would rest on the order of ties.
        assert rows[1][0] == rows[0][0], f"{what}: tied rows {rows}"
    return rows[0][0], rows[0][1]


def lab(
    con,
    subject: int,
    itemid: int,
    at: dt.datetime,
    *,
    hours: float | None = None,
    arterial: bool = False,
    bounds: tuple[float, float] = (0.0, 10_000.0),
) -> tuple[float, dt.datetime]:
    """(value, charttime) of the latest lab at or before ``at`` strictly inside ``bounds`` (the
    plausibility bounds of the feature), within ``hours`` before ``at`` when given."""
    sql = (
        "SELECT valuenum, charttime, itemid FROM mimiciv_hosp.labevents WHERE subject_id = ? "
        "AND itemid = ? AND valuenum > ? AND valuenum < ? AND charttime <= ?"
    )
    params: list = [subject, itemid, *bounds, at]
    if hours is not None:
        sql += " AND charttime >= ?"
        params.append(at - dt.timedelta(hours=hours))
    if arterial:
        sql += " AND " + _ARTERIAL
    return _latest(con, sql, params, f"lab {itemid}")


def chart(
    con,
    subject: int,
    items: tuple[int, ...],
    at: dt.datetime,
    bounds: tuple[float, float],
    hours: float = 24.0,
) -> tuple[float, dt.datetime]:
    """(value, charttime) of the latest charted value of ``items`` in the ``hours`` before
    ``at``, strictly inside ``bounds``."""
    marks = ", ".join("?" * len(items))
    sql = (
        f"SELECT valuenum, charttime, itemid FROM mimiciv_icu.chartevents WHERE subject_id = ? "
        f"AND itemid IN ({marks}) AND valuenum > ? AND valuenum < ? AND charttime <= ? AND "
        f"charttime >= ?"
    )
    params = [subject, *items, *bounds, at, at - dt.timedelta(hours=hours)]
    return _latest(con, sql, params, f"chart {items}")


def latest_gcs(con, subject: int, at: dt.datetime) -> tuple[int, dt.datetime]:
    """Total of the latest complete GCS charting (eye, verbal, motor at one time, in range) in
    the 24 h before ``at``."""
    e, v, m, t = one(
        con,
        "SELECT max(CASE WHEN itemid = 220739 THEN valuenum END) e, "
        "max(CASE WHEN itemid = 223900 THEN valuenum END) v, "
        "max(CASE WHEN itemid = 223901 THEN valuenum END) m, charttime FROM "
        "mimiciv_icu.chartevents WHERE subject_id = ? AND itemid IN (220739, 223900, 223901) "
        "AND charttime <= ? GROUP BY charttime HAVING e BETWEEN 1 AND 4 AND v BETWEEN 1 AND 5 "
        "AND m BETWEEN 1 AND 6 ORDER BY charttime DESC LIMIT 1",
        subject,
        at,
    )
    assert at - t <= dt.timedelta(hours=24)
    return int(e + v + m), t


def latest_gas(con, subject: int, at: dt.datetime) -> dict:
    """The latest arterial gas at or before ``at`` with a PaO2 and a FiO2 (its own 50816, else
    the latest charted 223835 in the 4 h before), whose PaO2 does not exceed the alveolar PO2
    of that FiO2 (a gas drawn at another FiO2)."""
    gases = con.execute(
        "SELECT specimen_id, min(charttime) t, max(CASE WHEN itemid = 50821 THEN valuenum END), "
        "max(CASE WHEN itemid = 50818 THEN valuenum END), "
        "max(CASE WHEN itemid = 50816 THEN valuenum END) FROM mimiciv_hosp.labevents WHERE "
        f"subject_id = ? AND itemid IN (50821, 50818, 50816) AND charttime <= ? AND {_ARTERIAL} "
        "GROUP BY 1 ORDER BY t DESC",
        [subject, at],
    ).fetchall()
    for _spec, t, po2, pco2, fio2_lab in gases:
        fio2 = gas_fio2(con, subject, t, po2, pco2, fio2_lab)
        if fio2 is None:
            continue
        return {"pao2": po2, "paco2": pco2, "fio2": fio2 / 100, "time": t}
    raise AssertionError("no arterial gas with a FiO2")


def outtime(con, stay: int) -> dt.datetime:
    return one(con, "SELECT outtime FROM mimiciv_icu.icustays WHERE stay_id = ?", stay)[0]


def last_discharge(con, subject: int) -> dt.datetime:
    return one(
        con, "SELECT max(dischtime) FROM mimiciv_hosp.admissions WHERE subject_id = ?", subject
    )[0]


def by_input(r: PatientCalculation, name: str):
    return next(p for p in r.inputs if p.input == name)


_SBP = (220179, 220050, 225309)
_MBP = (220181, 220052, 225312)
_RR = (220210, 224690)
_CO = (220088, 224842, 228369)
_H = PAIRED_MAX_AGE_HOURS

# --------------------------------------------------------------------------------------------
# Red cells and liver.
# --------------------------------------------------------------------------------------------


def test_albi_grade(con, calc):
    subject = 10005866
    at = last_discharge(con, subject)
    bili_mg, _ = lab(con, subject, 50885, at)
    alb_g_dl, _ = lab(con, subject, 50862, at)
    # Johnson 2015: ALBI = 0.66 × log10(bilirubin µmol/L) − 0.085 × albumin g/L; 1 mg/dL
    # bilirubin = 17.1 µmol/L; grade 1 ≤ −2.60 < grade 2 ≤ −1.39 < grade 3.
    score = 0.66 * math.log10(bili_mg * 17.1) - 0.085 * alb_g_dl * 10
    grade = 1 if score <= -2.60 else 2 if score <= -1.39 else 3
    r = calc("albi_grade", subject)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(score, abs=0.001)
    assert r.result.extra["grade"] == grade
    b = by_input(r, "bilirubin")
    assert (b.itemid, b.raw_value, b.unit) == (50885, bili_mg, "umol/L")
    assert b.value == pytest.approx(bili_mg * 17.1)


def test_mentzer_index(con, calc):
    subject = 10002428
    at = last_discharge(con, subject)
    mcv, t1 = lab(con, subject, 51250, at)
    rbc, t2 = lab(con, subject, 51279, at)
    assert t1 == t2  # the same blood count
    # Mentzer 1973: MCV (fL) / RBC (10⁶/µL); > 13 suggests iron deficiency, < 13 thalassaemia.
    r = calc("Mentzer Index", subject)
    assert r.status == "computed" and r.calculator == "mentzer_index"
    assert r.result.value == pytest.approx(mcv / rbc, abs=0.01)
    assert by_input(r, "rbc_count").raw_unit == "m/uL"


def test_reticulocyte_production_index_with_reference_hematocrit(con, calc):
    subject, at_text = 10002428, "2156-05-22 05:28:00"
    at = dt.datetime.fromisoformat(at_text)
    retic, t = lab(con, subject, 51283, at, hours=_H, bounds=(-0.001, 100))
    hct, _ = lab(con, subject, 51221, at, hours=_H, bounds=(0, 100))
    rbc, _ = lab(con, subject, 51279, at, hours=_H)
    # Hillman 1969 maturation days (UpToDate graphic 129992): Hct > 35%: 1; 26-35: 1.5;
    # 16-25: 2; ≤ 15: 2.5. Corrected % = retic × Hct / 45; RPI = corrected / days.
    days = 1.0 if hct > 35 else 1.5 if hct > 25 else 2.0 if hct > 15 else 2.5
    r = calc("RPI", subject, at=at_text)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(retic * hct / 45 / days, abs=0.001)
    assert r.result.extra["absolute_reticulocyte_count_per_ul"] == round(retic / 100 * rbc * 1e6)
    ref = by_input(r, "normal_hematocrit")
    assert ref.value == 45.0 and ref.table is None and not ref.evidence
    assert ref.rule.startswith("reference value, not from the record") and "129992" in ref.rule
    assert by_input(r, "reticulocyte_percent").charttime == str(t)

    # A patient-specific normal replaces the reference: 40% (e.g. a woman's normal).
    r40 = calc("RPI", subject, at=at_text, overrides={"normal_hematocrit": 40})
    assert r40.result.value == pytest.approx(retic * hct / 40 / days, abs=0.001)
    assert by_input(r40, "normal_hematocrit").origin == "override"


# --------------------------------------------------------------------------------------------
# Acid-base and gas exchange.
# --------------------------------------------------------------------------------------------


def test_henderson_hasselbalch_and_base_excess(con, calc):
    subject, at_text = 10002428, "2156-04-19 16:44:00"
    at = dt.datetime.fromisoformat(at_text)
    hco3, _ = lab(con, subject, 50882, at, hours=_H)
    paco2, t_gas = lab(con, subject, 50818, at, hours=_H, arterial=True)
    ph, t_ph = lab(con, subject, 50820, at, arterial=True, bounds=(6.0, 8.5))
    assert t_ph == t_gas  # pH and PaCO2 of the same gas
    # Henderson-Hasselbalch: pH = 6.1 + log10(HCO3 / (0.03 × PaCO2)).
    r = calc("henderson_hasselbalch", subject, at=at_text)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(6.1 + math.log10(hco3 / (0.03 * paco2)), abs=0.001)
    assert by_input(r, "paco2").itemid == 50818
    # Siggaard-Andersen (Cornell equations): HCO3 = 0.03 × PaCO2 × 10^(pH − 6.1);
    # BE = 0.9287 × (HCO3 − 24.4 + 14.83 × (pH − 7.4)).
    calc_hco3 = 0.03 * paco2 * 10 ** (ph - 6.1)
    be = 0.9287 * (calc_hco3 - 24.4 + 14.83 * (ph - 7.4))
    r = calc("base_excess", subject, at=at_text)
    assert r.status == "computed" and r.result.value == pytest.approx(be, abs=0.01)


def test_aa_gradient_from_the_latest_gas_at_sea_level(con, calc):
    subject, stay = 10004235, 34100191
    at = outtime(con, stay)
    g = latest_gas(con, subject, at)
    # Alveolar gas equation: PAO2 = FiO2 × (760 − 47) − PaCO2 / 0.8; A-a = PAO2 − PaO2.
    expected = g["fio2"] * (760 - 47) - g["paco2"] / 0.8 - g["pao2"]
    r = calc("aa_gradient", subject, stay_id=stay)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(expected, abs=0.1)
    co2 = by_input(r, "paco2")
    assert (co2.itemid, co2.value, co2.charttime) == (50818, g["paco2"], str(g["time"]))
    assert by_input(r, "atmospheric_pressure").value == 760.0
    assert by_input(r, "age").value == age_at(con, subject, at)
    # A gas older than the vitals' 24 h limit is used but flagged; a recent one is not.
    stale = (at - g["time"]).total_seconds() > 24 * 3600
    assert any("blood gas is from" in w for w in r.warnings) is stale
    fresh = calc("aa_gradient", subject, stay_id=stay, at=str(g["time"]))
    assert not any("blood gas is from" in w for w in fresh.warnings)


def test_sf_ratio_needs_spo2_and_fio2_within_4_hours(con, calc):
    subject, stay, at_text = 10002428, 38875437, "2156-04-20 00:00:00"
    at = dt.datetime.fromisoformat(at_text)
    spo2, _ = chart(con, subject, (220277,), at, (0, 100.001), hours=4)
    fio2, _ = chart(con, subject, (223835,), at, (20, 100.001), hours=4)
    # Rice 2007: S/F = SpO2 (%) / FiO2 (fraction).
    r = calc("S/F ratio", subject, stay_id=stay, at=at_text)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(spo2 / (fio2 / 100), abs=0.1)
    assert by_input(r, "fio2").value == pytest.approx(fio2 / 100)


# --------------------------------------------------------------------------------------------
# Pancreatitis.
# --------------------------------------------------------------------------------------------


def test_glasgow_imrie_worst_values_of_the_first_24h(con, calc):
    # An acute pancreatitis admission (ICD-9 577.0) with every criterion drawn in the first
    # 24 h of its ICU stay.
    subject, stay = 10020740, 35026312
    intime = one(con, "SELECT intime FROM mimiciv_icu.icustays WHERE stay_id = ?", stay)[0]
    end = intime + dt.timedelta(hours=24)

    def worst(agg: str, items: str, arterial: bool = False) -> float:
        return one(
            con,
            f"SELECT {agg}(valuenum) FROM mimiciv_hosp.labevents WHERE subject_id = ? AND "
            f"itemid IN ({items}) AND valuenum > 0 AND valuenum < 10000 AND charttime "
            f"BETWEEN ? AND ?" + (f" AND {_ARTERIAL}" if arterial else ""),
            subject,
            intime,
            end,
        )[0]

    pao2 = worst("min", "50821", arterial=True)
    wbc, ca, bun = worst("max", "51301, 51300"), worst("min", "50893"), worst("max", "51006")
    ldh, alb, glu = worst("max", "50954"), worst("min", "50862"), worst("max", "50931")
    age = age_at(con, subject, end)
    # Blamey 1984 (SI): PaO2 < 8 kPa (1 kPa = 7.50062 mmHg), age > 55, WBC > 15 × 10⁹/L,
    # calcium < 2 mmol/L (1 mmol/L = 4.008 mg/dL), urea > 16 mmol/L (BUN mg/dL × 0.357),
    # LDH > 600 U/L, albumin < 32 g/L, glucose > 10 mmol/L (1 mmol/L = 18.016 mg/dL).
    expected = sum(
        [
            pao2 / 7.50062 < 8,
            age > 55,
            wbc > 15,
            ca / 4.008 < 2,
            bun * 0.357 > 16,
            ldh > 600,
            alb * 10 < 32,
            glu / 18.016 > 10,
        ]
    )
    r = calc("Glasgow-Imrie", subject, stay_id=stay)
    assert r.status == "computed" and r.stay_id == stay
    assert r.window_start == str(intime) and r.window_end == str(end)
    assert r.result.value == expected
    p = by_input(r, "pao2")
    assert p.raw_value == pao2 and "lowest in the first 24 h" in p.rule
    assert by_input(r, "ldh").raw_value == ldh and by_input(r, "glucose").raw_value == glu
    assert any("48 h" in n for n in r.notes)


def test_modified_marshall_from_the_latest_gas_creatinine_and_pressure(con, calc):
    subject, stay = 10038992, 37127068
    at = outtime(con, stay)
    g = latest_gas(con, subject, at)
    cr, _ = lab(con, subject, 50912, at)
    sbp, _ = chart(con, subject, _SBP, at, (0, 400))
    assert sbp >= 90  # cardiovascular 0 whatever the pH and fluid response
    pf = g["pao2"] / g["fio2"]
    # Banks 2013 table 1: PaO2/FiO2 > 400: 0, 301-400: 1, 201-300: 2, 101-200: 3, ≤ 101: 4;
    # creatinine (mg/dL) < 1.4: 0, 1.4-1.8: 1, 1.9-3.6: 2, 3.6-4.9: 3, > 4.9: 4.
    resp = 0 if pf > 400 else 1 if pf > 300 else 2 if pf > 200 else 3 if pf > 101 else 4
    renal = 0 if cr < 1.4 else 1 if cr < 1.9 else 2 if cr < 3.6 else 3 if cr <= 4.9 else 4
    r = calc("Modified Marshall Score", subject, stay_id=stay)
    assert r.status == "computed"
    assert r.result.value == resp + renal
    assert r.result.extra["respiratory"] == resp and r.result.extra["renal"] == renal
    assert by_input(r, "fio2").value == pytest.approx(g["fio2"])


def test_modified_marshall_hypotension_needs_fluid_response(calc):
    # SBP 80 with pH 7.35: Banks 2013 scores 1 or 2 by the response to fluids, which the record
    # does not hold; the error names it, and the override completes the score.
    subject, stay = 10038992, 37127068
    with pytest.raises(RecordValueError, match="fluid_responsive is required") as e:
        calc("modified_marshall", subject, stay_id=stay, overrides={"systolic_bp": 80, "ph": 7.35})
    assert "creatinine = " in str(e.value)  # the record's values are named with it
    r = calc(
        "modified_marshall",
        subject,
        stay_id=stay,
        overrides={"systolic_bp": 80, "ph": 7.35, "fluid_responsive": False},
    )
    assert r.status == "computed" and r.result.extra["cardiovascular"] == 2


# --------------------------------------------------------------------------------------------
# Bedside scores from the latest charting.
# --------------------------------------------------------------------------------------------


def test_aims65_and_revised_trauma_score_with_a_low_gcs(con, calc):
    subject, stay = 10004720, 35009126
    at = outtime(con, stay)
    gcs, _ = latest_gcs(con, subject, at)
    assert gcs < 14
    alb, _ = lab(con, subject, 50862, at)
    inr, _ = lab(con, subject, 51237, at)
    sbp, _ = chart(con, subject, _SBP, at, (0, 400))
    rr, _ = chart(con, subject, _RR, at, (0, 70))
    age = age_at(con, subject, at)
    # Saltzman 2011: albumin < 3.0 g/dL, INR > 1.5, altered mentation (GCS < 14), SBP ≤ 90,
    # age ≥ 65: one point each.
    aims = (alb < 3.0) + (inr > 1.5) + (gcs < 14) + (sbp <= 90) + (age >= 65)
    r = calc("AIMS65", subject, stay_id=stay)
    assert r.status == "computed" and r.result.value == aims
    ams = by_input(r, "altered_mental_status")
    assert ams.value is True and "GCS < 14" in ams.detail
    # Champion 1989 coded values: GCS 13-15: 4, 9-12: 3, 6-8: 2, 4-5: 1, 3: 0; SBP > 89: 4,
    # 76-89: 3, 50-75: 2, 1-49: 1, 0: 0; RR 10-29: 4, > 29: 3, 6-9: 2, 1-5: 1, 0: 0.
    # RTS = 0.9368 GCSc + 0.7326 SBPc + 0.2908 RRc.
    g = 4 if gcs >= 13 else 3 if gcs >= 9 else 2 if gcs >= 6 else 1 if gcs >= 4 else 0
    s = 4 if sbp > 89 else 3 if sbp >= 76 else 2 if sbp >= 50 else 1 if sbp >= 1 else 0
    b = 3 if rr > 29 else 4 if rr >= 10 else 2 if rr >= 6 else 1 if rr >= 1 else 0
    r = calc("Revised Trauma Score", subject, stay_id=stay)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(0.9368 * g + 0.7326 * s + 0.2908 * b, abs=1e-4)
    assert by_input(r, "gcs").value == gcs


# --------------------------------------------------------------------------------------------
# Urine and ascitic fluid indices (values of the same day).
# --------------------------------------------------------------------------------------------


def test_fena_and_fractional_excretion_of_urea(con, calc):
    subject, at_text = 10003400, "2137-08-06 16:30:00"
    at = dt.datetime.fromisoformat(at_text)
    s_na, _ = lab(con, subject, 50983, at, hours=_H)
    s_cr, _ = lab(con, subject, 50912, at, hours=_H)
    s_un, _ = lab(con, subject, 51006, at, hours=_H)
    u_na, _ = lab(con, subject, 51100, at, hours=_H)
    u_cr, _ = lab(con, subject, 51082, at, hours=_H)
    u_un, _ = lab(con, subject, 51104, at, hours=_H)
    # Espinel 1976: FENa = (UNa × SCr) / (SNa × UCr) × 100; FEUrea likewise with urea
    # nitrogen (Carvounis 2002).
    r = calc("fena", subject, at=at_text)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(u_na * s_cr / (s_na * u_cr) * 100, abs=0.01)
    r = calc("fractional_excretion_urea", subject, at=at_text)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(u_un * s_cr / (s_un * u_cr) * 100, abs=0.01)


def test_ttkg_and_urine_anion_gap(con, calc):
    subject, at_text = 10014078, "2166-08-23 12:13:00"
    at = dt.datetime.fromisoformat(at_text)
    u_k, _ = lab(con, subject, 51097, at, hours=_H)
    s_k, _ = lab(con, subject, 50971, at, hours=_H)
    u_osm, _ = lab(con, subject, 51093, at, hours=_H)
    s_osm, _ = lab(con, subject, 50964, at, hours=_H)
    # West 1986: TTKG = (urine K / serum K) / (urine osm / serum osm).
    r = calc("ttkg", subject, at=at_text)
    assert r.status == "computed"
    assert r.result.value == pytest.approx((u_k / s_k) / (u_osm / s_osm), abs=0.01)

    subject, at_text = 10002428, "2156-04-14 11:08:00"
    at = dt.datetime.fromisoformat(at_text)
    u_na, _ = lab(con, subject, 51100, at, hours=_H)
    u_k, _ = lab(con, subject, 51097, at, hours=_H)
    u_cl, _ = lab(con, subject, 51078, at, hours=_H)
    # Urine anion gap = Na + K − Cl (Goldstein 1986).
    r = calc("urine_anion_gap", subject, at=at_text)
    assert r.status == "computed" and r.result.value == pytest.approx(u_na + u_k - u_cl)


def test_saag_same_day(con, calc):
    subject, at_text = 10007818, "2146-07-02 15:00:00"
    at = dt.datetime.fromisoformat(at_text)
    serum, _ = lab(con, subject, 50862, at, hours=_H)
    ascites, _ = lab(con, subject, 50835, at, hours=_H)
    # Runyon 1992: SAAG = serum albumin − ascitic albumin (g/dL); ≥ 1.1 portal hypertension.
    r = calc("SAAG", subject, at=at_text)
    assert r.status == "computed" and r.result.value == pytest.approx(serum - ascites)
    assert by_input(r, "ascites_albumin").itemid == 50835


# --------------------------------------------------------------------------------------------
# Haemodynamics and ventilation (ICU charting in the 24 h before 'at').
# --------------------------------------------------------------------------------------------


def test_systemic_vascular_resistance_and_cardiac_power(con, calc):
    subject, stay = 10038992, 37127068
    at = outtime(con, stay)
    mbp, _ = chart(con, subject, _MBP, at, (0, 300))
    cvp, _ = chart(con, subject, (220074,), at, (-20, 300))
    co, t_co = chart(con, subject, _CO, at, (0, 10_000))
    # SVR = 80 × (MAP − CVP) / CO (dyn·s·cm⁻⁵); CPO = MAP × CO / 451 (W, Fincke 2004).
    r = calc("SVR", subject, stay_id=stay)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(80 * (mbp - cvp) / co, abs=0.1)
    assert by_input(r, "cardiac_output").charttime == str(t_co)
    r = calc("cardiac_power_output", subject, stay_id=stay)
    assert r.result.value == pytest.approx(mbp * co / 451, abs=0.001)

    # A continuous cardiac output (224842) of another patient.
    subject, stay = 10004457, 31494479
    at = outtime(con, stay)
    mbp, _ = chart(con, subject, _MBP, at, (0, 300))
    co, _ = chart(con, subject, _CO, at, (0, 10_000))
    r = calc("CPO", subject, stay_id=stay)
    assert r.result.value == pytest.approx(mbp * co / 451, abs=0.001)
    assert by_input(r, "cardiac_output").itemid == 224842


def test_cerebral_perfusion_pressure(con, calc):
    subject, stay = 10025463, 38275267
    at = outtime(con, stay)
    mbp, _ = chart(con, subject, _MBP, at, (0, 300))
    icp, _ = chart(con, subject, (220765,), at, (-20, 300))
    # CPP = MAP − ICP (Brain Trauma Foundation, Carney 2017).
    r = calc("CPP", subject, stay_id=stay)
    assert r.status == "computed" and r.result.value == pytest.approx(mbp - icp)


def test_static_compliance(con, calc):
    subject, stay = 10018423, 30665396
    at = outtime(con, stay)
    vt, _ = chart(con, subject, (224685,), at, (0, 10_000))
    pplat, _ = chart(con, subject, (224696,), at, (0, 100.001))
    peep, _ = chart(con, subject, (220339, 224700), at, (-0.001, 100.001))
    # Hess 2014: Cstat = VT / (Pplat − PEEP), mL/cmH2O.
    r = calc("static_compliance", subject, stay_id=stay)
    assert r.status == "computed"
    assert r.result.value == pytest.approx(vt / (pplat - peep), abs=0.01)


# --------------------------------------------------------------------------------------------
# Missing inputs: each calculator for a patient or time that lacks one.
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("calculator", "subject", "kwargs", "missing"),
    [
        # 10015272 had bilirubin but never albumin.
        ("albi_grade", 10015272, {}, {"albumin"}),
        # Before the patient's first blood count.
        ("mentzer_index", 10002428, {"at": "2150-01-01"}, {"mcv", "rbc_count"}),
        # The only reticulocyte count is 659 days before the end of the last admission.
        ("reticulocyte_production_index", 10039708, {}, {"reticulocyte_percent"}),
        # The latest arterial PaCO2 is 7.8 days before 'at'.
        ("henderson_hasselbalch", 10004235, {}, {"paco2"}),
        # 10018501 never had albumin, an arterial gas, urine chemistry or a paracentesis; at
        # the end of its ICU stay (35446858) its serum chemistry is less than a day old.
        ("base_excess", 10018501, {}, {"ph", "paco2"}),
        ("aa_gradient", 10018501, {}, {"fio2", "pao2", "paco2"}),
        # The last FiO2 is charted 20 h before the end of the stay.
        ("sf_ratio", 10038992, {"stay_id": 37127068}, {"fio2"}),
        # No LDH drawn in the first 24 h of this stay.
        ("glasgow_imrie", 10020944, {"stay_id": 30757476}, {"ldh"}),
        ("modified_marshall", 10018501, {"stay_id": 35446858}, {"pao2", "fio2"}),
        # The last admission has no ICU stay: no GCS or vital signs within 24 h.
        ("aims65", 10002428, {}, {"altered_mental_status", "systolic_bp"}),
        ("revised_trauma_score", 10002428, {}, {"gcs", "systolic_bp", "respiratory_rate"}),
        # Urine chemistry 666 days before 'at'.
        ("fena", 10039708, {}, {"urine_sodium", "urine_creatinine"}),
        (
            "fractional_excretion_urea",
            10018501,
            {"stay_id": 35446858},
            {"urine_urea", "urine_creatinine"},
        ),
        (
            "ttkg",
            10018501,
            {"stay_id": 35446858},
            {"urine_potassium", "urine_osmolality", "serum_osmolality"},
        ),
        ("urine_anion_gap", 10018501, {}, {"urine_sodium", "urine_potassium", "urine_chloride"}),
        ("saag", 10018501, {}, {"serum_albumin", "ascites_albumin"}),
        # Central venous pressure but no cardiac output in the last 24 h of the stay.
        ("systemic_vascular_resistance", 10023117, {"stay_id": 30057454}, {"cardiac_output"}),
        ("cardiac_power_output", 10023117, {"stay_id": 30057454}, {"cardiac_output"}),
        ("cerebral_perfusion_pressure", 10038992, {"stay_id": 37127068}, {"intracranial_pressure"}),
        (
            "static_compliance",
            10023117,
            {"stay_id": 30057454},
            {"tidal_volume", "plateau_pressure", "peep"},
        ),
    ],
)
def test_missing_input_is_listed(calc, calculator, subject, kwargs, missing):
    r = calc(calculator, subject, **kwargs)
    assert r.status == "missing_inputs" and r.result is None
    required = {
        n for n, f in CALCULATORS[calculator].inputs.model_fields.items() if f.is_required()
    }
    assert {m.input for m in r.missing} & required == missing
    for m in r.missing:
        assert m.looked_for and m.reason and m.expected


def test_paired_values_older_than_a_day_are_not_used(calc):
    r = calc("fena", 10039708)
    urine = next(m for m in r.missing if m.input == "urine_sodium")
    assert "no older than 24 h" in urine.looked_for and "666.4 days" in urine.reason
    # The serum values of the same 'at' were found: only the old urine is missing.
    assert {p.input for p in r.inputs} == {"serum_sodium", "serum_creatinine"}


# --------------------------------------------------------------------------------------------
# Declarations and bad input.
# --------------------------------------------------------------------------------------------


def test_new_sources_are_declared_for_real_inputs():
    for cid in NEW:
        s = SOURCES[cid]
        fields = CALCULATORS[cid].inputs.model_fields
        required = {n for n, f in fields.items() if f.is_required()}
        assert required <= set(s.inputs) <= set(fields), cid
    paired = ("fena", "fractional_excretion_urea", "ttkg", "urine_anion_gap", "saag")
    for cid in (*paired, "reticulocyte_production_index", "henderson_hasselbalch"):
        uses = SOURCES[cid].inputs.values()
        assert all(
            u.max_age_hours == PAIRED_MAX_AGE_HOURS
            for u in uses
            if not isinstance(u.feature, Reference)
        ), cid
    assert SOURCES["glasgow_imrie"].window == "first_24h"
    d = describe_sources("reticulocyte_production_index")
    assert d["normal_hematocrit"] == "Normal hematocrit"


@pytest.mark.parametrize(
    ("overrides", "text"),
    [
        ({"normal_hematocrit": 10}, "normal_hematocrit"),
        ({"normal_hematocrit": [45, "mmHg"]}, "mmHg"),
        ({"normal_hct": 45}, "not inputs of reticulocyte_production_index"),
    ],
)
def test_bad_override_is_a_clear_error(calc, overrides, text):
    with pytest.raises(CalculatorInputError) as e:
        calc(
            "reticulocyte_production_index", 10002428, at="2156-05-22 05:28:00", overrides=overrides
        )
    assert text in str(e.value), str(e.value)
