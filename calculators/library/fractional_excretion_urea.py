"""Fractional Excretion of Urea (FEUrea)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="fractional_excretion_urea",
    name="Fractional Excretion of Urea (FEUrea)",
    synonyms=("FEUrea", "FEUN", "fractional excretion of urea"),
    category="nephrology",
    source="Carvounis CP, Nisar S, Guro-Razuman S. Significance of the fractional excretion of "
    "urea in the differential diagnosis of acute renal failure. Kidney Int. "
    "2002;62(6):2223-9.",
    doi="10.1046/j.1523-1755.2002.00683.x",
    output_type="decimal",
    unit="%",
    description="Share of filtered urea excreted; ≤35% suggests prerenal AKI and stays valid "
    "on diuretics, unlike FENa.",
)


class Inputs(QuantityInputs):
    """Inputs of the FEUrea (serum and urine urea in the same kind of unit)."""

    serum_urea: float = quantity(
        "bun", "mg/dL", ge=1, le=300, description="Serum urea nitrogen (BUN) or serum urea"
    )
    serum_creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Serum creatinine"
    )
    urine_urea: float = quantity(
        "bun", "mg/dL", ge=1, le=5000, description="Urine urea nitrogen (or urine urea, same basis)"
    )
    urine_creatinine: float = quantity(
        "creatinine", "mg/dL", ge=1, le=1000, description="Urine creatinine"
    )


def compute(inputs: Inputs) -> CalcResult:
    """FEUrea (%) = (urine urea × serum Cr) / (serum urea × urine Cr) × 100."""
    fe = (
        (inputs.urine_urea * inputs.serum_creatinine)
        / (inputs.serum_urea * inputs.urine_creatinine)
        * 100
    )
    # Carvounis 2002: FEUrea ≤35% prerenal; >50% (in that study) with intrinsic renal AKI.
    if fe <= 35:
        label = "FEUrea ≤35%: suggests prerenal AKI"
    elif fe <= 50:
        label = "FEUrea 35–50%: indeterminate"
    else:
        label = "FEUrea >50%: suggests intrinsic renal AKI (e.g. ATN)"
    return CalcResult(
        calculator=META.id,
        value=round(fe, 2),
        unit="%",
        interpretation=label,
        steps=[
            Step(
                label="FEUrea",
                value=round(fe, 2),
                detail=f"({inputs.urine_urea:g} × {inputs.serum_creatinine:g}) / "
                f"({inputs.serum_urea:g} × {inputs.urine_creatinine:g}) × 100",
            )
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (BUN, serum Cr, urine urea, urine Cr) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "serum_urea": f.quantity("bun", "serum urea", exclude=("urine",)),
        "serum_creatinine": f.quantity("serum creatinine", "plasma creatinine"),
        "urine_urea": f.quantity("urine urea"),
        "urine_creatinine": f.quantity("urine creatinine"),
    }
