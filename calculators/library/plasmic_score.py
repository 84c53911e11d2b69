"""PLASMIC score: likelihood of severe ADAMTS13 deficiency (TTP) in thrombotic microangiopathy."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medmcp_fields as mf
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="plasmic_score",
    name="PLASMIC Score for TTP",
    synonyms=("PLASMIC", "PLASMIC score", "PLASMIC TTP score"),
    category="hematology",
    source="Bendapudi PK, Hurwitz S, Fry A, et al. Derivation and external validation of the "
    "PLASMIC score for rapid assessment of adults with thrombotic microangiopathies: a "
    "cohort study. Lancet Haematol. 2017;4(4):e157-e164.",
    output_type="integer",
    description="Seven one-point criteria (0-7) in adults with thrombotic microangiopathy; "
    "0-4 low, 5 intermediate, 6-7 high risk of severe ADAMTS13 deficiency.",
)


class Inputs(QuantityInputs):
    """Inputs of the PLASMIC score."""

    platelets: float = quantity(
        "thousand_per_ul", "10^3/uL", ge=0, le=2000, description="Platelet count (< 30: +1)"
    )
    hemolysis: bool = Field(
        description="Haemolysis: reticulocytes > 2.5%, undetectable haptoglobin or indirect "
        "bilirubin > 2 mg/dL (+1)"
    )
    active_cancer: bool = Field(description="Active cancer (its absence scores +1)")
    transplant_history: bool = Field(
        description="History of solid-organ or stem-cell transplant (its absence scores +1)"
    )
    mcv: float = quantity("cell_volume", "fL", ge=40, le=150, description="MCV (< 90 fL: +1)")
    inr: float = quantity("inr", "", ge=0.5, le=20, description="INR (< 1.5: +1)")
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Creatinine (< 2.0 mg/dL: +1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """One point per criterion (Bendapudi 2017)."""
    i = inputs
    s = Score()
    s.add("Platelets < 30 × 10³/µL", i.platelets, 1 if i.platelets < 30 else 0)
    s.flag("Haemolysis", i.hemolysis, 1)
    s.add("No active cancer", not i.active_cancer, 0 if i.active_cancer else 1)
    s.add(
        "No solid-organ or stem-cell transplant",
        not i.transplant_history,
        0 if i.transplant_history else 1,
    )
    s.add("MCV < 90 fL", i.mcv, 1 if i.mcv < 90 else 0)
    s.add("INR < 1.5", i.inr, 1 if i.inr < 1.5 else 0)
    s.add("Creatinine < 2.0 mg/dL", round(i.creatinine, 2), 1 if i.creatinine < 2.0 else 0)
    total = int(s.total)
    # Bendapudi 2017 risk groups: 0-4 low, 5 intermediate, 6-7 high.
    risk = "Low" if total <= 4 else "Intermediate" if total == 5 else "High"
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{risk} risk of severe ADAMTS13 deficiency (PLASMIC {total}; "
        "0-4 low, 5 intermediate, 6-7 high).",
        steps=s.steps,
        extra={"risk": risk},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (the cancer and transplant items may be phrased 'No ...')."""
    f = mf.Fields(inputs, META.id)

    def present(*keys: str) -> bool:
        field, value = f.raw(*keys)
        answer = mf.parse_yes(value, field=field)
        # 'No active cancer: Yes' means no cancer; 'Active cancer: Yes' means cancer.
        return not answer if mf.norm(field).startswith("no ") else answer

    return {
        "platelets": f.quantity("platelet", default_unit="10^3/uL"),
        "hemolysis": f.yes("hemolysis", "haemolysis", "lysis"),
        "active_cancer": present("cancer"),
        "transplant_history": present("transplant"),
        "mcv": f.number("mcv", "mean corpuscular"),
        "inr": f.number("inr"),
        "creatinine": f.quantity("creatinine", default_unit="mg/dL"),
    }
