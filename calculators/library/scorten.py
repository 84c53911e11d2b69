"""SCORTEN: severity-of-illness score for toxic epidermal necrolysis."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="scorten",
    name="Severity-of-Illness Score for Toxic Epidermal Necrolysis (SCORTEN)",
    synonyms=("SCORTEN", "SCORTEN score"),
    category="dermatology",
    source="Bastuji-Garin S, Fouchard N, Bertocchi M, Roujeau JC, Revuz J, Wolkenstein P. "
    "SCORTEN: a severity-of-illness score for toxic epidermal necrolysis. J Invest Dermatol. "
    "2000;115(2):149-153.",
    doi="10.1046/j.1523-1747.2000.00061.x",
    pmid="10951229",
    output_type="integer",
    description="Seven risk factors within 24 h of admission, one point each (0-7), predicting "
    "mortality in SJS/TEN.",
)

# Mortality by SCORTEN (Bastuji-Garin 2000, as tabulated by MSD Manuals): 0-1 3.2%, 2 12.1%,
# 3 35.3%, 4 58.3%, ≥ 5 > 90%.
_MORTALITY = {0: "3.2%", 1: "3.2%", 2: "12.1%", 3: "35.3%", 4: "58.3%"}


class Inputs(QuantityInputs):
    """Inputs of SCORTEN (first 24 hours)."""

    age: float = quantity("age", "years", ge=0, le=120, description="Age (≥ 40: +1)")
    malignancy: bool = Field(description="Associated cancer or haematological malignancy (+1)")
    heart_rate: float = quantity("rate", "/min", ge=20, le=300, description="Heart rate (≥ 120)")
    bsa_detached: float = quantity(
        "percent", "%", ge=0, le=100, description="Body surface area detached (≥ 10%: +1)"
    )
    urea: float = quantity(
        "bun", "mmol/L", ge=0.3, le=110, description="Serum urea (> 10 mmol/L, BUN > 28 mg/dL)"
    )
    bicarbonate: float = quantity(
        "electrolyte", "mmol/L", ge=1, le=60, description="Serum bicarbonate (< 20 mmol/L: +1)"
    )
    glucose: float = quantity(
        "glucose", "mmol/L", ge=0.5, le=110, description="Serum glucose (> 14 mmol/L: +1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """One point per SCORTEN risk factor (Bastuji-Garin 2000)."""
    i = inputs
    s = Score()
    # Thresholds as in the Bastuji-Garin 2000 table reproduced by MSD Manuals and PMC4716394:
    # age ≥ 40, HR ≥ 120, detachment ≥ 10%, urea > 10 mmol/L, bicarbonate < 20, glucose > 14
    # mmol/L (252 mg/dL).
    s.add("Age ≥ 40 years", i.age, 1 if i.age >= 40 else 0)
    s.flag("Malignancy", i.malignancy, 1)
    s.add("Heart rate ≥ 120/min", i.heart_rate, 1 if i.heart_rate >= 120 else 0)
    s.add("BSA detached ≥ 10%", i.bsa_detached, 1 if i.bsa_detached >= 10 else 0)
    s.add("Urea > 10 mmol/L", round(i.urea, 2), 1 if i.urea > 10 else 0)
    s.add("Bicarbonate < 20 mmol/L", i.bicarbonate, 1 if i.bicarbonate < 20 else 0)
    s.add("Glucose > 14 mmol/L", round(i.glucose, 2), 1 if i.glucose > 14 else 0)
    total = int(s.total)
    mortality = _MORTALITY.get(total, "> 90%")
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"SCORTEN {total}: predicted mortality {mortality}.",
        steps=s.steps,
        extra={"mortality": mortality},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, HR, malignancy, BSA, urea/BUN, bicarbonate, glucose) → kwargs.

    A urea given in mg/dL is read as blood urea nitrogen (the US reporting of 'urea').
    """
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "malignancy": f.yes("cancer", "malignancy"),
        "heart_rate": f.quantity("heart rate", default_unit="/min"),
        "bsa_detached": f.quantity("bsa", "body surface", "detached", default_unit="%"),
        "urea": f.quantity("urea", "bun", default_unit="mg/dL"),
        "bicarbonate": f.quantity("bicarbonate", "hco3", default_unit="mmol/L"),
        "glucose": f.quantity("glucose", default_unit="mg/dL"),
    }
