"""RESP (Respiratory ECMO Survival Prediction) score."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="resp_score",
    name="RESP (Respiratory ECMO Survival Prediction) Score",
    synonyms=("RESP score", "Respiratory ECMO Survival Prediction score"),
    category="critical care",
    source=(
        "Schmidt M, Bailey M, Sheldrake J, et al. Predicting survival after extracorporeal "
        "membrane oxygenation for severe acute respiratory failure. The Respiratory "
        "Extracorporeal Membrane Oxygenation Survival Prediction (RESP) score. Am J Respir "
        "Crit Care Med. 2014;189(11):1374-82."
    ),
    doi="10.1164/rccm.201311-2023OC",
    pmid="24693864",
    output_type="integer",
    description="Pre-ECMO factors give -22 to 15 points; risk classes I-V predict in-hospital "
    "survival on ECMO for respiratory failure.",
)

Diagnosis = Literal[
    "viral pneumonia",
    "bacterial pneumonia",
    "asthma",
    "trauma and burn",
    "aspiration pneumonitis",
    "other acute respiratory diagnoses",
    "nonrespiratory and chronic respiratory diagnoses",
]
_DX = {
    "viral pneumonia": 3,
    "bacterial pneumonia": 3,
    "asthma": 11,
    "trauma and burn": 3,
    "aspiration pneumonitis": 5,
    "other acute respiratory diagnoses": 1,
    "nonrespiratory and chronic respiratory diagnoses": 0,
}


class Inputs(CalcInputs):
    """Inputs of the RESP score."""

    age: float = Field(ge=18, le=110, description="Age [years]")
    immunocompromised: bool = Field(description="Immunocompromised status")
    ventilation_hours: float = Field(
        ge=0, le=10000, description="Mechanical ventilation before ECMO [hours]"
    )
    diagnosis: Diagnosis = Field(description="Acute respiratory diagnosis group")
    cns_dysfunction: bool = Field(description="Central nervous system dysfunction")
    nonpulmonary_infection: bool = Field(description="Acute associated (nonpulmonary) infection")
    neuromuscular_blockade: bool = Field(description="Neuromuscular blockade before ECMO")
    nitric_oxide: bool = Field(description="Nitric oxide before ECMO")
    bicarbonate_infusion: bool = Field(description="Bicarbonate infusion before ECMO")
    cardiac_arrest: bool = Field(description="Cardiac arrest before ECMO")
    paco2_ge_75: bool = Field(description="PaCO2 ≥75 mmHg")
    pip_ge_42: bool = Field(description="Peak inspiratory pressure ≥42 cmH2O")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the RESP items (Schmidt 2014, Table 3)."""
    i = inputs
    age_pts = 0 if i.age < 50 else -2 if i.age < 60 else -3
    mv_pts = 3 if i.ventilation_hours < 48 else 1 if i.ventilation_hours <= 168 else 0
    steps, total = tally(
        [
            ("Age", i.age, age_pts),
            ("Immunocompromised", i.immunocompromised, -2 if i.immunocompromised else 0),
            ("Ventilation before ECMO (h)", i.ventilation_hours, mv_pts),
            ("Diagnosis", i.diagnosis, _DX[i.diagnosis]),
            ("CNS dysfunction", i.cns_dysfunction, -7 if i.cns_dysfunction else 0),
            (
                "Nonpulmonary infection",
                i.nonpulmonary_infection,
                -3 if i.nonpulmonary_infection else 0,
            ),
            (
                "Neuromuscular blockade",
                i.neuromuscular_blockade,
                1 if i.neuromuscular_blockade else 0,
            ),
            ("Nitric oxide", i.nitric_oxide, -1 if i.nitric_oxide else 0),
            ("Bicarbonate infusion", i.bicarbonate_infusion, -2 if i.bicarbonate_infusion else 0),
            ("Cardiac arrest", i.cardiac_arrest, -2 if i.cardiac_arrest else 0),
            ("PaCO2 ≥75 mmHg", i.paco2_ge_75, -1 if i.paco2_ge_75 else 0),
            ("PIP ≥42 cmH2O", i.pip_ge_42, -1 if i.pip_ge_42 else 0),
        ]
    )
    score = int(total)
    cls, surv = (
        ("I", 92)
        if score >= 6
        else ("II", 76)
        if score >= 3
        else ("III", 57)
        if score >= -1
        else ("IV", 33)
        if score >= -5
        else ("V", 18)
    )
    return CalcResult(
        calculator=META.id,
        value=score,
        interpretation=f"Risk class {cls}: in-hospital survival {surv}%",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc RESP inputs → Inputs."""
    hours = mm.opt(inputs, r"hours")
    if hours is None:
        hours = mm.choose(
            mm.get(inputs, r"ventilat"), [(r"< ?48", 24), (r"> ?7", 200), (r"48", 100)]
        )
    return {
        "age": mm.number(mm.get(inputs, r"^age")),
        "immunocompromised": mm.yes(mm.get(inputs, r"immuno")),
        "ventilation_hours": mm.number(hours),
        "diagnosis": mm.choose(
            mm.get(inputs, r"diagnos"),
            [
                (r"viral", "viral pneumonia"),
                (r"bacterial", "bacterial pneumonia"),
                (r"asthma", "asthma"),
                (r"trauma|burn", "trauma and burn"),
                (r"aspiration", "aspiration pneumonitis"),
                (
                    r"nonrespiratory|non-respiratory|chronic",
                    "nonrespiratory and chronic respiratory diagnoses",
                ),
                (r"other", "other acute respiratory diagnoses"),
            ],
        ),
        "cns_dysfunction": mm.yes(mm.get(inputs, r"cns|nervous")),
        "nonpulmonary_infection": mm.yes(mm.get(inputs, r"infection")),
        "neuromuscular_blockade": mm.yes(mm.get(inputs, r"neuromuscular")),
        "nitric_oxide": mm.yes(mm.get(inputs, r"nitric")),
        "bicarbonate_infusion": mm.yes(mm.get(inputs, r"bicarbonate")),
        "cardiac_arrest": mm.yes(mm.get(inputs, r"cardiac arrest")),
        "paco2_ge_75": mm.yes(mm.get(inputs, r"paco2")),
        "pip_ge_42": mm.yes(mm.get(inputs, r"peak|pip")),
    }
