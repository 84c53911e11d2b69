"""Base excess from pH and PaCO2 (Van Slyke equation of Siggaard-Andersen)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="base_excess",
    name="Base Excess",
    synonyms=("Base deficit", "Base excess calculator", "BE"),
    category="critical care",
    source="Siggaard-Andersen O. An acid-base chart for arterial blood with normal and "
    "pathophysiological reference areas. Scand J Clin Lab Invest. 1971;27(3):239-245; "
    "equations as given by Weill Cornell's base-excess calculator "
    "(http://www-users.med.cornell.edu/~spon/picu/calc/basecalc.htm).",
    output_type="decimal",
    unit="mEq/L",
    description="HCO3 = 0.03 × PaCO2 × 10^(pH − 6.1); BE = 0.9287 × (HCO3 − 24.4 + "
    "14.83 × (pH − 7.4)).",
)

# Henderson-Hasselbalch constants: pK 6.1 and CO2 solubility 0.03 mmol/L/mmHg; Siggaard-Andersen
# coefficients 0.9287, 24.4 and 14.83 (Cornell page above, citing Siggaard-Andersen 1971).
_PK = 6.1
_CO2_SOLUBILITY = 0.03
_Z = 0.9287
_HCO3_AT_74 = 24.4
_BETA = 14.83


class Inputs(QuantityInputs):
    """Inputs of the base excess."""

    ph: float = Field(ge=6.5, le=8.0, description="Arterial pH")
    paco2: float = quantity("pressure", "mmHg", ge=5, le=200, description="PaCO2")


def compute(inputs: Inputs) -> CalcResult:
    """Base excess (mEq/L) from pH and PaCO2."""
    hco3 = _CO2_SOLUBILITY * inputs.paco2 * 10 ** (inputs.ph - _PK)
    be = _Z * (hco3 - _HCO3_AT_74 + _BETA * (inputs.ph - 7.4))
    # Normal base excess −2 to +2 mmol/L (barnardhealth.us acid-base summary).
    if be < -2:
        label = "base deficit: metabolic acidosis component"
    elif be > 2:
        label = "base excess: metabolic alkalosis component"
    else:
        label = "within −2 to +2 mEq/L"
    return CalcResult(
        calculator=META.id,
        value=round(be, 2),
        unit="mEq/L",
        interpretation=f"Base excess {be:.1f} mEq/L ({label}); calculated HCO3 {hco3:.1f} mEq/L.",
        steps=[
            Step(label="HCO3", value=round(hco3, 2), detail="0.03 × PaCO2 × 10^(pH − 6.1)"),
            Step(
                label="Base excess",
                value=round(be, 2),
                detail="0.9287 × (HCO3 − 24.4 + 14.83 × (pH − 7.4))",
            ),
        ],
        extra={"hco3": round(hco3, 2)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (pH, pCO2) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "ph": f.number("ph"),
        "paco2": f.quantity("pco2", "paco2", "co2", default_unit="mmHg"),
    }
