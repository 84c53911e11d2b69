"""The ``calc`` command group: list, info, run, check-medcalc and check-medmcp."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from m3agent.calculators.cli import app, parse_assignments
from m3agent.calculators.registry import CalculatorInputError

runner = CliRunner()


def test_list_json_and_category_filter() -> None:
    res = runner.invoke(app, ["list", "--category", "renal", "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert {"cockcroft_gault", "ckd_epi_2021", "mdrd_gfr", "fena"} <= {r["id"] for r in rows}
    assert all(r["id"] for r in rows)
    assert runner.invoke(app, ["list"]).exit_code == 0
    assert runner.invoke(app, ["list", "--category", "astrology"]).exit_code == 2


def test_info_shows_units_ranges_and_source() -> None:
    res = runner.invoke(app, ["info", "Cockcroft-Gault", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    creat = next(i for i in data["inputs"] if i["name"] == "creatinine")
    assert creat["unit"] == "mg/dL" and creat["min"] == 0.1 and creat["max"] == 30
    assert "umol/l" in creat["accepted_units"]
    basis = next(i for i in data["inputs"] if i["name"] == "weight_basis")
    assert basis["choices"] == ["actual", "ideal", "adjusted", "bmi_adjusted"]
    assert data["doi"] == "10.1159/000180580"
    text = runner.invoke(app, ["info", "cockcroft_gault"]).stdout
    assert "Cockcroft DW" in text and "mg/dL" in text


def test_run_converts_units_and_prints_steps() -> None:
    # Woman 76, 176 lb (79.83 kg), 64 in, Cr 1.7, adjusted weight: IBW 54.70;
    # ABW 54.70 + 0.4 × 25.13 = 64.75; (140 − 76) × 64.75 × 0.85 / (72 × 1.7) = 28.78
    args = [
        "run",
        "cockcroft_gault",
        "sex=female",
        "age=76",
        "weight=176lb",
        "height=64in",
        "creatinine=1.7mg/dL",
        "weight_basis=adjusted",
    ]
    res = runner.invoke(app, [*args, "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["value"] == pytest.approx(28.78, abs=0.01) and data["unit"] == "mL/min"
    text = runner.invoke(app, args).stdout
    assert "Weight used" in text and "28.779" in text


def test_run_booleans_and_bad_input_exit_2() -> None:
    res = runner.invoke(
        app,
        [
            "run",
            "cha2ds2_vasc",
            "age=70",
            "sex=F",
            "chf=true",
            "hypertension=yes",
            "stroke_tia_thromboembolism=false",
            "vascular_disease=no",
            "diabetes=false",
            "--json",
        ],
    )
    assert res.exit_code == 0 and json.loads(res.stdout)["value"] == 4
    bad = runner.invoke(
        app, ["run", "cockcroft_gault", "sex=female", "age=12", "weight=70", "creatinine=1"]
    )
    assert bad.exit_code == 2
    assert "greater than or equal to 18" in bad.stderr and "Age [years]" in bad.stderr
    missing = runner.invoke(app, ["run", "bmi", "weight=70", "--json"])
    assert (
        missing.exit_code == 2 and "'height' is required" in json.loads(missing.stdout)["message"]
    )


def test_unknown_calculator_suggests_closest() -> None:
    res = runner.invoke(app, ["run", "cockroft"])
    assert res.exit_code == 2
    assert "Closest: cockcroft_gault" in res.stderr


def test_parse_assignments() -> None:
    assert parse_assignments(["a=1.4mg/dL", 'b=[1.4, "mg/dL"]']) == {
        "a": "1.4mg/dL",
        "b": [1.4, "mg/dL"],
    }
    with pytest.raises(CalculatorInputError, match="key=value"):
        parse_assignments(["creatinine"])


def test_check_medcalc_totals_last_and_json(shared_data: Path) -> None:
    dev = str(shared_data / "medcalc-bench" / "dev.csv")
    res = runner.invoke(app, ["check-medcalc", dev])
    assert res.exit_code == 0, res.output
    last = res.stdout.strip().splitlines()[-1]
    assert last.startswith("correct 296  erratum 72  wrong 0  not covered 0")
    data = json.loads(runner.invoke(app, ["check-medcalc", dev, "--json"]).stdout)
    assert data["totals"] == {
        "correct": 296,
        "erratum": 72,
        "wrong": 0,
        "not_covered": 0,
        "total": 368,
    }
    row = next(r for r in data["rows"] if r["row_number"] == 340)
    assert row["status"] == "erratum" and row["within_limits"] is False
    assert "MELD(i)" in row["erratum_reason"]


def test_check_medcalc_exit_codes(tmp_path: Path, shared_data: Path) -> None:
    assert runner.invoke(app, ["check-medcalc", str(tmp_path / "none.csv")]).exit_code == 2
    src = (shared_data / "medcalc-bench" / "dev.csv").read_text(encoding="utf-8")
    # Change one ground truth (MAP row 61: 100 → 150) so the row becomes wrong: exit 1.
    changed = src.replace(",100,95,105,", ",150,142.5,157.5,", 1)
    assert changed != src
    bad = tmp_path / "changed.csv"
    bad.write_text(changed, encoding="utf-8")
    res = runner.invoke(app, ["check-medcalc", str(bad), "--json"])
    assert res.exit_code == 1
    assert json.loads(res.stdout)["totals"]["wrong"] == 1


def test_check_medmcp_is_mounted(shared_data: Path) -> None:
    res = runner.invoke(app, ["check-medmcp", str(shared_data / "medmcp-calc" / "nope.jsonl")])
    assert res.exit_code == 2
