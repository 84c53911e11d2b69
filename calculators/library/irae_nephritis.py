"""Immune-related nephritis grading (ASCO 2018)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _irae
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="irae_nephritis",
    name="Immune-Related Adverse Events for Renal Toxicities - Nephritis",
    synonyms=("irAE nephritis grade", "checkpoint inhibitor nephritis grading"),
    category="oncology",
    source=_irae.SOURCE,
    doi=_irae.DOI,
    pmid=_irae.PMID,
    output_type="text",
    description="Nephritis grade G1-G4 of immune checkpoint inhibitor therapy from the rise of "
    "creatinine over baseline, hospitalisation and dialysis.",
)


class Inputs(QuantityInputs):
    """Inputs of the nephritis grading."""

    baseline_creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=20, description="Baseline serum creatinine"
    )
    current_creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Current serum creatinine"
    )
    dialysis_indicated: bool = Field(description="Dialysis indicated (G4)")
    hospitalization_indicated: bool | None = Field(
        None, description="Hospitalisation indicated (G3)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Highest grade met: rise > 0.3 mg/dL or 1.5-2× G1; 2-3× G2; > 3× or > 4 mg/dL G3."""
    i = inputs
    ratio = i.current_creatinine / i.baseline_creatinine
    rise = i.current_creatinine - i.baseline_creatinine
    ratio_grade = 3 if ratio > 3 else 2 if ratio > 2 else 1 if ratio >= 1.5 else 0
    criteria = [
        ("Creatinine rise > 0.3 mg/dL", round(rise, 2), 1 if rise > 0.3 else 0),
        ("Creatinine × baseline", round(ratio, 2), ratio_grade),
        ("Creatinine > 4.0 mg/dL", i.current_creatinine, 3 if i.current_creatinine > 4 else 0),
        (
            "Hospitalisation indicated",
            i.hospitalization_indicated,
            3 if i.hospitalization_indicated else 0,
        ),
        ("Dialysis indicated", i.dialysis_indicated, 4 if i.dialysis_indicated else 0),
    ]
    return _irae.graded_result(
        META.id,
        "Nephritis",
        criteria,
        _irae.not_assessed(i.hospitalization_indicated, "Hospitalisation"),
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "baseline_creatinine": f.quantity("baseline creatinine", default_unit="mg/dL"),
        "current_creatinine": f.quantity("current creatinine", default_unit="mg/dL"),
        "dialysis_indicated": f.yes("dialysis"),
    }
    if f.has("hospitalization"):
        out["hospitalization_indicated"] = f.yes("hospitalization")
    return out
