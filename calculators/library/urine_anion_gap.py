"""Urine Anion Gap (UAG)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="urine_anion_gap",
    name="Urine Anion Gap",
    synonyms=("UAG", "urinary anion gap", "urine net charge"),
    category="nephrology",
    source="Batlle DC, et al. The use of the urinary anion gap in the diagnosis of "
    "hyperchloremic metabolic acidosis. N Engl J Med. 1988;318(10):594-9.",
    doi="10.1056/NEJM198803103181002",
    output_type="decimal",
    unit="mEq/L",
    description="Urine Na + K − Cl: an indirect measure of urinary ammonium in normal anion "
    "gap metabolic acidosis.",
)


class Inputs(QuantityInputs):
    """Inputs of the urine anion gap."""

    urine_sodium: float = quantity("electrolyte", "mEq/L", ge=0, le=400, description="Urine sodium")
    urine_potassium: float = quantity(
        "electrolyte", "mEq/L", ge=0, le=300, description="Urine potassium"
    )
    urine_chloride: float = quantity(
        "electrolyte", "mEq/L", ge=0, le=400, description="Urine chloride"
    )


def compute(inputs: Inputs) -> CalcResult:
    """UAG = urine Na + urine K − urine Cl."""
    uag = inputs.urine_sodium + inputs.urine_potassium - inputs.urine_chloride
    # Batlle 1988: in hyperchloraemic acidosis a negative UAG reflects high NH4+ excretion
    # (GI bicarbonate loss); a positive UAG reflects low NH4+ (distal RTA).
    if uag > 0:
        label = (
            "Urine anion gap positive: suggests low urinary NH4+ (renal tubular acidosis) "
            "in a normal anion gap acidosis"
        )
    else:
        label = (
            "Urine anion gap negative: suggests appropriate NH4+ excretion "
            "(e.g. GI bicarbonate loss)"
        )
    return CalcResult(
        calculator=META.id,
        value=round(uag, 1),
        unit="mEq/L",
        interpretation=label,
        steps=[
            Step(
                label="Urine anion gap",
                value=round(uag, 1),
                detail=f"{inputs.urine_sodium:g} + {inputs.urine_potassium:g} − "
                f"{inputs.urine_chloride:g}",
            )
        ],
        warnings=[
            "Unreliable with urine ketones or other unmeasured anions, volume depletion "
            "(urine Na <20) or urine pH >6.5."
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (urine Na, K, Cl) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "urine_sodium": f.quantity("urine sodium", "urine na"),
        "urine_potassium": f.quantity("urine potassium", "urine k"),
        "urine_chloride": f.quantity("urine chloride", "urine cl"),
    }
