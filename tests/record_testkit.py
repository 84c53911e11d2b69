"""What the calculate_for_patient tests share (import as ``from record_testkit import ...``).

The ``con`` and ``calc`` fixtures (bind them in the test module, ``con = record_testkit.con``,
so that pytest finds them there) and the hand-written SQL helpers the expected values are
worked out with: a plain DuckDB connection on the demo database, never the engine.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from m3agent.calculators.from_record import PatientCalculation, calculate_for_patient


@pytest.fixture(scope="module")
def con(demo_db: Path, engine):
    # Same configuration as the engine's connection: DuckDB shares one instance per file.
    s = engine.settings
    c = duckdb.connect(
        str(demo_db), read_only=True, config={"memory_limit": s.memory_limit, "threads": s.threads}
    )
    yield c
    c.close()


@pytest.fixture
def calc(engine):
    def run(*args, **kwargs) -> PatientCalculation:
        return calculate_for_patient(*args, engine=engine, **kwargs)

    return run


def one(con, sql: str, *params):
    rows = con.execute(sql, list(params)).fetchall()
    assert rows, f"hand query found nothing: {sql} {params}"
    return rows[0]


def age_at(con, subject: int, at: dt.datetime) -> int:
    anchor_age, anchor_year = one(
        con,
        "SELECT anchor_age, anchor_year FROM mimiciv_hosp.patients WHERE subject_id = ?",
        subject,
    )
    return anchor_age + at.year - anchor_year


def clean_fio2(v):
    # mimic-code bg.sql: fractions 0.2-1 → percent; 1-20 are O2 flows (dropped); 20-100 percent.
    if v is None:
        return None
    if 0.2 < v <= 1:
        return v * 100
    return v if 20 <= v <= 100 else None


def gas_fio2(con, subject: int, t: dt.datetime, po2, pco2, fio2_lab) -> float | None:
    """FiO2 (%) of an arterial gas drawn at ``t``: its own 50816, else the latest charted 223835
    in the 4 h before; None when the gas has no PaO2 or no FiO2, or its PaO2 exceeds the
    alveolar PO2 of that FiO2 (a gas drawn at another FiO2)."""
    if po2 is None:
        return None
    fio2 = clean_fio2(fio2_lab)
    if fio2 is None:
        for (v,) in con.execute(
            "SELECT valuenum FROM mimiciv_icu.chartevents WHERE subject_id = ? AND itemid = "
            "223835 AND charttime BETWEEN ? AND ? AND valuenum IS NOT NULL ORDER BY "
            "charttime DESC",
            [subject, t - dt.timedelta(hours=4), t],
        ).fetchall():
            if clean_fio2(v) is not None:
                fio2 = clean_fio2(v)
                break
    if fio2 is None:
        return None
    if pco2 is not None and fio2 / 100 * 713 - pco2 / 0.8 - po2 < 0:
        return None
    return fio2
