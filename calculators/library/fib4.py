"""Fibrosis-4 (FIB-4) index for liver fibrosis."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc

META = CalculatorMeta(
    id="fib4",
    name="Fibrosis-4 (FIB-4) Index for Liver Fibrosis",
    synonyms=("FIB-4", "FIB4", "Fibrosis-4 index"),
    category="hepatology",
    source="Sterling RK, Lissen E, Clumeck N, et al. Development of a simple noninvasive index to "
    "predict significant fibrosis in patients with HIV/HCV coinfection. Hepatology. "
    "2006;43(6):1317-1325.",
    doi="10.1002/hep.21178",
    pmid="16729309",
    output_type="decimal",
    medcalc_id=19,
    description="FIB-4 = age × AST / (platelets [10⁹/L] × √ALT); < 1.45 rules out, > 3.25 "
    "suggests advanced fibrosis.",
)


class Inputs(QuantityInputs):
    """Inputs of FIB-4."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    ast: float = quantity("enzyme", "U/L", ge=1, le=20000, description="AST")
    alt: float = quantity("enzyme", "U/L", ge=1, le=20000, description="ALT")
    platelets: float = quantity(
        "thousand_per_ul", "10^9/L", ge=1, le=2000, description="Platelet count"
    )


def compute(inputs: Inputs) -> CalcResult:
    """FIB-4 = (age × AST) / (platelets × √ALT)."""
    value = inputs.age * inputs.ast / (inputs.platelets * inputs.alt**0.5)
    # Cut-offs from Sterling 2006: < 1.45 (NPV 90%) and > 3.25 (PPV 65%) for Ishak 4-6.
    if value < 1.45:
        interp = "FIB-4 < 1.45: advanced fibrosis unlikely"
    elif value <= 3.25:
        interp = "FIB-4 1.45-3.25: indeterminate; consider elastography"
    else:
        interp = "FIB-4 > 3.25: advanced fibrosis (F3-F4) likely"
    return CalcResult(
        calculator=META.id,
        value=round(value, 3),
        interpretation=interp,
        steps=[
            Step(
                label="FIB-4", value=round(value, 3), detail="age × AST / (platelets 10⁹/L × √ALT)"
            )
        ],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (platelets given per µL or per L)."""
    return {
        "age": mc.quantity(entities, "age"),
        "ast": mc.quantity(entities, "Aspartate aminotransferase"),
        "alt": mc.quantity(entities, "Alanine aminotransferase"),
        "platelets": mc.quantity(entities, "Platelet count"),
    }
