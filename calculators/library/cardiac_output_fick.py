"""Cardiac output by the Fick principle with an estimated oxygen consumption."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="cardiac_output_fick",
    name="Cardiac Output (Fick’s Formula)",
    synonyms=("Cardiac Output (Fick's Formula)", "Fick cardiac output", "Fick principle"),
    category="cardiology",
    source=(
        "Fick principle CO = VO2 / (13.4 x Hb x (SaO2 - SvO2)); assumed VO2 125 mL/min/m² "
        "(110 mL/min/m² at age ≥70): LaFarge CG, Miettinen OS. The estimation of oxygen "
        "consumption. Cardiovasc Res. 1970;4(1):23-30; BSA by Mosteller (N Engl J Med "
        "1987;317:1098)."
    ),
    doi="10.1093/cvr/4.1.23",
    pmid="5416840",
    output_type="decimal",
    unit="L/min",
    description="Cardiac output, cardiac index and stroke volume from the arteriovenous oxygen "
    "content difference and an assumed oxygen consumption.",
)


class Inputs(QuantityInputs):
    """Inputs of the Fick cardiac output."""

    weight: float = quantity("weight", "kg", ge=1, le=400, description="Body weight")
    height: float = quantity("height", "cm", ge=30, le=250, description="Height")
    sao2: float = Field(ge=20, le=100, description="Arterial oxygen saturation [%]")
    svo2: float = Field(ge=5, le=100, description="Mixed venous oxygen saturation [%]")
    hemoglobin: float = quantity("hemoglobin", "g/dL", ge=1, le=25, description="Hemoglobin")
    heart_rate: float = quantity("rate", "/min", ge=20, le=250, description="Heart rate")
    age_70_or_older: bool = Field(description="Age ≥70 years (VO2 110 instead of 125 mL/min/m²)")

    @model_validator(mode="after")
    def _saturations(self) -> Inputs:
        if self.svo2 >= self.sao2:
            raise ValueError(f"SvO2 ({self.svo2}) must be below SaO2 ({self.sao2})")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """CO (L/min) = VO2 (mL/min) / [13.4 x Hb (g/dL) x (SaO2 - SvO2)]."""
    i = inputs
    bsa = math.sqrt(i.height * i.weight / 3600)
    vo2 = (110 if i.age_70_or_older else 125) * bsa
    co = vo2 / (13.4 * i.hemoglobin * (i.sao2 - i.svo2) / 100)
    ci = co / bsa
    sv = co * 1000 / i.heart_rate
    return CalcResult(
        calculator=META.id,
        value=round(co, 3),
        unit="L/min",
        interpretation=f"Cardiac index {ci:.2f} L/min/m² (normal 2.5-4.0); stroke volume "
        f"{sv:.0f} mL",
        steps=[
            Step(label="BSA (Mosteller)", value=round(bsa, 3)),
            Step(label="Estimated VO2", value=round(vo2, 1), detail="mL/min"),
            Step(
                label="Cardiac output",
                value=round(co, 3),
                detail="VO2 / (13.4 x Hb x (SaO2 - SvO2))",
            ),
        ],
        extra={
            "cardiac_index": round(ci, 3),
            "stroke_volume_ml": round(sv, 1),
            "bsa": round(bsa, 3),
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Fick inputs → Inputs."""
    age = str(mm.get(inputs, r"^age"))
    return {
        "weight": mm.quantity(mm.get(inputs, r"weight"), "kg"),
        "height": mm.quantity(mm.get(inputs, r"height"), "cm"),
        "sao2": mm.number(mm.get(inputs, r"sao2")),
        "svo2": mm.number(mm.get(inputs, r"svo2")),
        "hemoglobin": mm.number(mm.get(inputs, r"hemoglobin|\bhb\b")),
        "heart_rate": mm.number(mm.get(inputs, r"heart rate|pulse")),
        "age_70_or_older": "≥70" in age.replace(" ", "")
        or ("<" not in age and mm.number(age) >= 70),
    }
