"""DOAC score: bleeding risk in atrial fibrillation on direct-acting oral anticoagulants."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._points import tally

META = CalculatorMeta(
    id="doac_score",
    name="Direct-Acting Oral Anticoagulants (DOAC) Score",
    synonyms=("DOAC score", "DOAC bleeding score"),
    category="hematology",
    source=(
        "Aggarwal R, Ruff CT, Virdone S, et al. Development and validation of the DOAC score: "
        "a novel bleeding risk prediction tool for patients with atrial fibrillation on "
        "direct-acting oral anticoagulants. Circulation. 2023;148(12):936-46."
    ),
    doi="10.1161/CIRCULATIONAHA.123.064556",
    pmid="37621213",
    output_type="integer",
    description="Ten-item score (age bands, renal function, underweight, stroke, diabetes, "
    "hypertension, antiplatelets, NSAIDs, bleeding history, liver disease; capped at 10) for "
    "1-year major bleeding on DOACs.",
)


class Inputs(CalcInputs):
    """Inputs of the DOAC score."""

    age: float = Field(ge=18, le=120, description="Age [years]")
    crcl: float = Field(ge=0, le=250, description="Creatinine clearance / eGFR [mL/min]")
    underweight: bool = Field(description="BMI < 18.5 kg/m²")
    stroke_tia_embolism: bool = Field(description="History of stroke, TIA or embolism")
    diabetes: bool = Field(description="Diabetes")
    hypertension: bool = Field(description="Hypertension")
    antiplatelet: Literal["none", "single", "dual"] = Field(
        description="Antiplatelet use: none, single agent (e.g. aspirin) or dual therapy"
    )
    nsaid: bool = Field(description="NSAID use")
    bleeding_history: bool = Field(description="History of bleeding")
    liver_disease: bool = Field(description="Liver disease")


def compute(inputs: Inputs) -> CalcResult:
    """Sum the DOAC score items (Aggarwal 2023)."""
    i = inputs
    age_pts = 0 if i.age < 65 else 2 if i.age < 70 else 3 if i.age < 75 else 4 if i.age < 80 else 5
    renal_pts = 0 if i.crcl > 60 else 1 if i.crcl >= 30 else 2
    steps, total = tally(
        [
            ("Age", i.age, age_pts),
            ("CrCl/eGFR", i.crcl, renal_pts),
            ("Underweight", i.underweight, 1 if i.underweight else 0),
            ("Stroke/TIA/embolism", i.stroke_tia_embolism, 1 if i.stroke_tia_embolism else 0),
            ("Diabetes", i.diabetes, 1 if i.diabetes else 0),
            ("Hypertension", i.hypertension, 1 if i.hypertension else 0),
            ("Antiplatelet", i.antiplatelet, {"none": 0, "single": 2, "dual": 3}[i.antiplatelet]),
            ("NSAID", i.nsaid, 1 if i.nsaid else 0),
            ("Bleeding history", i.bleeding_history, 3 if i.bleeding_history else 0),
            ("Liver disease", i.liver_disease, 2 if i.liver_disease else 0),
        ]
    )
    # Totals above 10 are assigned 10 (Aggarwal 2023).
    score = min(int(total), 10)
    label = (
        "Very low"
        if score <= 3
        else "Low"
        if score <= 5
        else "Moderate"
        if score <= 7
        else "High"
        if score <= 9
        else "Very high"
    )
    return CalcResult(
        calculator=META.id,
        value=score,
        interpretation=f"{label} 1-year major bleeding risk",
        steps=steps,
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc DOAC inputs → Inputs."""
    return {
        "age": mm.number(mm.get(inputs, r"^age")),
        "crcl": mm.number(mm.get(inputs, r"creatinine clearance|egfr|crcl")),
        "underweight": mm.yes(mm.get(inputs, r"underweight")),
        "stroke_tia_embolism": mm.yes(mm.get(inputs, r"stroke")),
        "diabetes": mm.yes(mm.get(inputs, r"diabetes")),
        "hypertension": mm.yes(mm.get(inputs, r"hypertension")),
        "antiplatelet": mm.choose(
            mm.get(inputs, r"antiplatelet"),
            [
                (r"dual|dapt|two", "dual"),
                (r"^no\b|^none", "none"),
                (r"^yes|aspirin|clopidogrel|single", "single"),
            ],
        ),
        "nsaid": mm.yes(mm.get(inputs, r"nsaid|nonsteroidal")),
        "bleeding_history": mm.yes(mm.get(inputs, r"bleeding")),
        "liver_disease": mm.yes(mm.get(inputs, r"liver")),
    }
