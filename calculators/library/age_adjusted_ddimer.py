"""Age-adjusted D-dimer cut-off for excluding venous thromboembolism."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta, Step
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="age_adjusted_ddimer",
    name="Age-Adjusted D-dimer for Venous Thromboembolism (VTE)",
    synonyms=("Age-adjusted D-dimer", "age adjusted D-dimer cutoff"),
    category="hematology",
    source=(
        "Righini M, Van Es J, Den Exter PL, et al. Age-adjusted D-dimer cutoff levels to rule "
        "out pulmonary embolism: the ADJUST-PE study. JAMA. 2014;311(11):1117-24."
    ),
    doi="10.1001/jama.2014.2135",
    pmid="24643601",
    output_type="integer",
    unit="µg/L",
    description="D-dimer cut-off of age x 10 µg/L (FEU) over 50 years, raising specificity in "
    "older patients with non-high clinical probability of VTE.",
)


class Inputs(CalcInputs):
    """Inputs of the age-adjusted D-dimer cut-off."""

    age: float = Field(ge=18, le=120, description="Age [years]")
    unit_type: Literal["FEU", "DDU"] = Field(
        description="Assay reporting: fibrinogen-equivalent units (FEU) or D-dimer units (DDU)"
    )
    ddimer: float | None = Field(
        default=None, ge=0, le=100000, description="Measured D-dimer [µg/L] in the same unit type"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Cut-off = age x 10 µg/L FEU (age x 5 DDU) when age > 50, else 500 (250 DDU)."""
    i = inputs
    per_year, fixed = (10, 500) if i.unit_type == "FEU" else (5, 250)  # 1 DDU ≈ 0.5 FEU
    cutoff = i.age * per_year if i.age > 50 else fixed
    steps = [
        Step(
            label="Age-adjusted cut-off",
            value=cutoff,
            detail=f"age x {per_year} µg/L ({i.unit_type}) when age > 50, else {fixed}",
        )
    ]
    if i.ddimer is None:
        interp = f"Cut-off {cutoff:g} µg/L {i.unit_type}"
    elif i.ddimer > cutoff:
        interp = "VTE possible: D-dimer above the age-adjusted cut-off; image (CTPA or V/Q)"
    else:
        interp = "VTE excluded if clinical probability is not high: D-dimer below the cut-off"
    return CalcResult(
        calculator=META.id, value=round(cutoff), unit="µg/L", interpretation=interp, steps=steps
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs (D-dimer in µg/L = ng/mL)."""
    out: dict[str, Any] = {
        "age": mm.number(mm.get(inputs, r"^age")),
        "unit_type": mm.choose(mm.get(inputs, r"unit type"), [(r"feu", "FEU"), (r"ddu", "DDU")]),
    }
    level = mm.opt(inputs, r"d-?dimer level")
    if level is not None:
        out["ddimer"] = mm.number(level)
    return out
