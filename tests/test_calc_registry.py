"""The registry holds the 55 MedCalc-Bench calculators, each complete and findable by name."""

from __future__ import annotations

import csv
import inspect
from pathlib import Path

import pytest

from m3agent.calculators import registry
from m3agent.calculators.base import CalcInputs, CalculatorMeta
from m3agent.calculators.medcalc_bench import calculators_by_medcalc_id
from m3agent.tools.errors import NotFoundError


@pytest.fixture(scope="module")
def medcalc_table(shared_data: Path) -> list[dict[str, str]]:
    with (shared_data / "medcalc-bench" / "calculators.tsv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_all_55_medcalc_bench_calculators_are_registered(
    medcalc_table: list[dict[str, str]],
) -> None:
    ours = calculators_by_medcalc_id()
    wanted = {int(r["calculator_id"]) for r in medcalc_table}
    assert len(wanted) == 55
    assert wanted == set(ours)
    ids = [c.meta.medcalc_id for c in registry.CALCULATORS.values() if c.meta.medcalc_id]
    assert len(ids) == len(set(ids)), "one calculator per MedCalc-Bench id"


def test_medcalc_bench_names_resolve(medcalc_table: list[dict[str, str]]) -> None:
    ours = calculators_by_medcalc_id()
    for r in medcalc_table:
        calc = registry.get_calculator(r["name"])
        assert calc.id == ours[int(r["calculator_id"])].id, r["name"]
        assert calc.meta.output_type in {"integer", "decimal", "date", "tuple"}


def test_each_module_keeps_the_contract() -> None:
    for calc in calculators_by_medcalc_id().values():
        assert isinstance(calc.meta, CalculatorMeta)
        assert issubclass(calc.inputs, CalcInputs)
        assert calc.meta.doi or calc.meta.pmid or len(calc.meta.source) > 40, calc.id
        assert callable(getattr(calc.module, "from_medcalc", None)), calc.id
        assert inspect.getdoc(calc.compute), f"{calc.id}.compute needs a docstring"
        for name, field in calc.inputs.model_fields.items():
            assert field.description, f"{calc.id}.{name} needs a description"


def test_medmcp_spellings_alias_to_ours() -> None:
    for name, cid in [
        ("CKD-EPI Equations for Glomerular Filtration Rate (GFR)", "ckd_epi_2021"),
        ("CHA₂DS₂-VASc Score for Atrial Fibrillation Stroke Risk", "cha2ds2_vasc"),
        ("Glasgow Coma Scale (GCS)", "glasgow_coma_scale"),
        ("Serum Osmolality/Osmolarity", "serum_osmolality"),
        ("PSI/PORT Score: Pneumonia Severity Index for CAP", "psi_port"),
        ("Calcium Correction for Hypoalbuminemia and Hyperalbuminemia", "calcium_correction"),
        ("Free Water Deficit in Hypernatremia", "free_water_deficit"),
        ("Serum Anion Gap", "anion_gap"),
        ("cockcroft-gault", "cockcroft_gault"),
        ("qtc bazett", "qtc_bazett"),
    ]:
        assert registry.get_calculator(name).id == cid


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(NotFoundError) as exc:
        registry.get_calculator("cockroft gault creatinine")
    assert "cockcroft_gault" in (exc.value.hint or "")


def test_compute_is_pure() -> None:
    calc = registry.get_calculator("apache_ii")
    inputs = {
        "age": 57,
        "temperature": 37.2,
        "mean_arterial_pressure": 112.67,
        "heart_rate": 73,
        "respiratory_rate": 27,
        "fio2": 0.32,
        "pao2": 57,
        "ph": 7.4,
        "sodium": 132.39,
        "potassium": 4.31,
        "creatinine": 3.67,
        "acute_renal_failure": False,
        "hematocrit": 32,
        "wbc": 12.476,
        "gcs": 15,
        "chronic_health": True,
        "admission_type": "elective_postoperative",
    }
    assert calc.run(inputs) == calc.run(dict(inputs))


@pytest.mark.parametrize(
    ("inputs", "field"),
    [
        ({"weight": "70 stone", "height": "170 cm"}, "weight"),
        ({"weight": "70 kg", "height": "tall"}, "height"),
        ({"weight": True, "height": "170 cm"}, "weight"),
    ],
)
def test_a_unit_error_names_its_field(inputs: dict, field: str) -> None:
    with pytest.raises(registry.CalculatorInputError) as e:
        registry.get_calculator("bmi").run(inputs)
    assert e.value.fields == [field]
    assert field in e.value.message
