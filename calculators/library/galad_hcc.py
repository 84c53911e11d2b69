"""GALAD model for hepatocellular carcinoma in chronic liver disease."""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="galad_hcc",
    name="GALAD Model for Hepatocellular Carcinoma (HCC)",
    synonyms=("GALAD", "GALAD score", "GALAD model"),
    category="hepatology",
    source="Johnson PJ, Pirrie SJ, Cox TF, et al. The detection of hepatocellular carcinoma "
    "using a prospectively developed and validated model based on serological biomarkers. "
    "Cancer Epidemiol Biomarkers Prev. 2014;23(1):144-53.",
    doi="10.1158/1055-9965.EPI-13-0870",
    output_type="decimal",
    description="Z = -10.08 + 0.09 × age + 1.67 × sex (male 1) + 2.34 × log10 AFP + 0.04 × "
    "AFP-L3% + 1.33 × log10 DCP; probability of HCC = e^Z / (1 + e^Z).",
)


class Inputs(CalcInputs):
    """Inputs of the GALAD model (Wako µTAS assays)."""

    sex: Literal["male", "female"] = Field(description="Sex (male counts 1)")
    age: float = Field(ge=18, le=120, description="Age [years]")
    afp_l3: float = Field(ge=0, le=100, description="AFP-L3, % of total AFP [%]")
    afp: float = Field(gt=0, le=1e7, description="Alpha-fetoprotein (AFP) [ng/mL]")
    dcp: float = Field(
        gt=0, le=1e7, description="Des-gamma-carboxy prothrombin (DCP, PIVKA-II) [ng/mL]"
    )


def compute(inputs: Inputs) -> CalcResult:
    """GALAD score and probability of concurrent HCC (Johnson 2014)."""
    # Coefficients of Johnson 2014, as given on MDCalc's GALAD page and the Bochum calculator.
    s = Score(-10.08)
    s.add("Age × 0.09", inputs.age, 0.09 * inputs.age)
    s.add("Male sex × 1.67", inputs.sex, 1.67 if inputs.sex == "male" else 0.0)
    s.add("2.34 × log10 AFP", inputs.afp, 2.34 * math.log10(inputs.afp))
    s.add("0.04 × AFP-L3 %", inputs.afp_l3, 0.04 * inputs.afp_l3)
    s.add("1.33 × log10 DCP", inputs.dcp, 1.33 * math.log10(inputs.dcp))
    z = s.total
    p = 1 / (1 + math.exp(-z))
    return CalcResult(
        calculator=META.id,
        value=round(z, 2),
        interpretation=f"GALAD score {z:.2f}: probability of concurrent HCC {100 * p:.2f}%",
        steps=s.steps,
        extra={"probability_hcc": p},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    return {
        "sex": f.sex("gender", "sex"),
        "age": f.number("age"),
        "afp_l3": f.number("afp l3", "l3"),
        "afp": f.number("alpha fetoprotein afp", "alpha fetoprotein", exclude=("l3",)),
        "dcp": f.number("carboxy", "dcp"),
    }
