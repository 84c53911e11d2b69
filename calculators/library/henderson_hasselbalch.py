"""Henderson-Hasselbalch equation: expected pH from bicarbonate and PaCO2."""

from __future__ import annotations

import math
from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="henderson_hasselbalch",
    name="Henderson-Hasselbalch",
    synonyms=("Henderson-Hasselbalch equation", "Henderson Hasselbalch pH", "Expected pH"),
    category="critical care",
    source="Hasselbalch KA. Die Berechnung der Wasserstoffzahl des Blutes aus der freien und "
    "gebundenen Kohlensäure desselben. Biochem Z. 1917;78:112-144; constants pK 6.1 and CO2 "
    "solubility 0.03 as in Weill Cornell's calculator "
    "(http://www-users.med.cornell.edu/~spon/picu/calc/basecalc.htm).",
    output_type="decimal",
    description="pH = 6.1 + log10(HCO3 / (0.03 × PaCO2)).",
)

_PK = 6.1  # apparent pK of carbonic acid in plasma (Cornell page)
_CO2_SOLUBILITY = 0.03  # mmol/L per mmHg (Cornell page)


class Inputs(QuantityInputs):
    """Inputs of the Henderson-Hasselbalch equation."""

    bicarbonate: float = quantity(
        "electrolyte", "mEq/L", ge=1, le=80, description="Bicarbonate (HCO3)"
    )
    paco2: float = quantity("pressure", "mmHg", ge=5, le=200, description="PaCO2")


def compute(inputs: Inputs) -> CalcResult:
    """Expected pH = 6.1 + log10(HCO3 / (0.03 × PaCO2))."""
    dissolved = _CO2_SOLUBILITY * inputs.paco2
    ph = _PK + math.log10(inputs.bicarbonate / dissolved)
    label = (
        "acidaemia (< 7.35)"
        if ph < 7.35
        else "alkalaemia (> 7.45)"
        if ph > 7.45
        else ("normal (7.35-7.45)")
    )
    return CalcResult(
        calculator=META.id,
        value=round(ph, 3),
        interpretation=f"Expected pH {ph:.2f}: {label}.",
        steps=[
            Step(label="Dissolved CO2", value=round(dissolved, 3), detail="0.03 × PaCO2 [mmol/L]"),
            Step(label="pH", value=round(ph, 3), detail="6.1 + log10(HCO3 / dissolved CO2)"),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (bicarbonate, partial pressure of CO2) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "bicarbonate": f.quantity("bicarbonate", "hco3", default_unit="mEq/L"),
        "paco2": f.quantity("partial pressure", "pco2", "paco2", default_unit="mmHg"),
    }
