"""Licurse score: risk of hydronephrosis on renal ultrasonography in acute kidney injury."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library._medmcp_fields import Fields, norm, parse_yes
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="licurse_renal_ultrasound",
    name="Licurse Score for Renal Ultrasound",
    synonyms=("Licurse score", "Licurse risk stratification for renal ultrasonography in AKI"),
    category="renal",
    source="Licurse A, Kim MC, Dziura J, et al. Renal ultrasonography in the evaluation of acute "
    "kidney injury: developing a risk stratification framework. Arch Intern Med. "
    "2010;170(21):1900-1907 (items, points and risk groups as reproduced in the CambioCDS "
    "'Licurse Score for Renal Ultrasound' guideline).",
    output_type="integer",
    description="Adults with AKI: six one-point items (non-black race, recurrent UTI, diagnosis "
    "consistent with obstruction, no CHF, no sepsis/prerenal AKI/pressors/hypotension, no "
    "nephrotoxin exposure); ≤2 low, 3 medium, >3 high risk of hydronephrosis. A history of "
    "hydronephrosis places the patient in the high-risk group outright.",
)

# Risk of hydronephrosis (HN) on imaging and of HN requiring a stent or nephrostomy, by group
# (Licurse 2010, as tabulated by CambioCDS): ≤2 low 4.0% / 1.1%; 3 medium 6.8% / 0.5%;
# >3 high 20.9% / 4.9%.
RISKS: dict[str, tuple[str, str]] = {
    "Low": ("4.0%", "1.1%"),
    "Medium": ("6.8%", "0.5%"),
    "High": ("20.9%", "4.9%"),
}


class Inputs(CalcInputs):
    """Items of the Licurse score (each 'absence' item scores when the finding is absent)."""

    history_of_hydronephrosis: bool = Field(
        description="History of hydronephrosis (places the patient in the high-risk group)"
    )
    black_race: bool = Field(description="Black race (non-black race scores +1)")
    recurrent_uti: bool = Field(description="History of recurrent urinary tract infections (+1)")
    obstruction_diagnosis: bool = Field(
        description="Diagnosis consistent with possible obstruction (e.g. BPH, abdominal or "
        "pelvic cancer, neurogenic bladder, single functional kidney, nephrolithiasis) (+1)"
    )
    congestive_heart_failure: bool = Field(
        description="History of congestive heart failure (absence scores +1)"
    )
    sepsis_prerenal_pressors_hypotension: bool = Field(
        description="Sepsis or prerenal AKI, use of pressors, or hypotension (absence scores +1)"
    )
    nephrotoxic_exposure: bool = Field(
        description="Exposure to nephrotoxic medications before the AKI (absence scores +1)"
    )


def risk_group(total: int, history_of_hydronephrosis: bool) -> str:
    """Low (≤2), Medium (3) or High (>3, or any history of hydronephrosis)."""
    if history_of_hydronephrosis or total > 3:
        return "High"
    return "Medium" if total == 3 else "Low"


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the six items (0-6) and the risk group."""
    i = inputs
    s = Score()
    s.flag("Non-black race", not i.black_race, 1)
    s.flag("Recurrent UTI", i.recurrent_uti, 1)
    s.flag("Diagnosis consistent with possible obstruction", i.obstruction_diagnosis, 1)
    s.flag("No congestive heart failure", not i.congestive_heart_failure, 1)
    s.flag(
        "No sepsis, prerenal AKI, pressors or hypotension",
        not i.sepsis_prerenal_pressors_hypotension,
        1,
    )
    s.flag("No nephrotoxic medication exposure", not i.nephrotoxic_exposure, 1)
    total = int(s.total)
    group = risk_group(total, i.history_of_hydronephrosis)
    steps = [
        Step(
            label="History of hydronephrosis",
            value=i.history_of_hydronephrosis,
            detail="high-risk group regardless of score" if i.history_of_hydronephrosis else None,
        ),
        *s.steps,
    ]
    hn, hnri = RISKS[group]
    why = " (history of hydronephrosis)" if i.history_of_hydronephrosis and total <= 3 else ""
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{group} risk{why}: hydronephrosis on ultrasound {hn}, hydronephrosis "
        f"requiring intervention {hnri}",
        steps=steps,
        extra={"risk_group": group},
    )


def _absence_item(f: Fields, keys: tuple[str, ...]) -> bool:
    """Read an item the benchmark may phrase as the finding ('CHF') or its absence ('No CHF')."""
    field, value = f.raw(*keys)
    said = parse_yes(value, field=field)
    negated = norm(field).split()[:1] in (["no"], ["absence"], ["without"])
    return not said if negated else said


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (race as 'Black'/'Non-black' or a yes/no field)."""
    f = Fields(inputs, META.id)
    race_field, race = f.raw("race", "black")
    words = norm(race).split()
    if "non" in words or "nonblack" in words or "white" in words:
        black = False
    elif "black" in words and "race" in norm(race_field).split():
        black = True
    else:
        black = parse_yes(race, field=race_field)
    return {
        "history_of_hydronephrosis": f.yes("history of hydronephrosis", "hydronephrosis"),
        "black_race": black,
        "recurrent_uti": f.yes("recurrent", "urinary tract infection", "uti"),
        "obstruction_diagnosis": f.yes("obstruction"),
        "congestive_heart_failure": _absence_item(f, ("congestive heart failure", "chf")),
        "sepsis_prerenal_pressors_hypotension": _absence_item(
            f, ("sepsis", "prerenal", "pressors", "hypotension")
        ),
        "nephrotoxic_exposure": _absence_item(f, ("nephrotoxic",)),
    }
