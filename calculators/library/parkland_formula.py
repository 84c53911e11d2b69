"""Parkland formula for crystalloid resuscitation in burns."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="parkland_formula",
    name="Parkland Formula for Burns",
    synonyms=("Parkland formula", "Baxter formula", "Parkland burn formula"),
    category="critical care",
    source="Baxter CR, Shires T. Physiological response to crystalloid resuscitation of "
    "severe burns. Ann N Y Acad Sci. 1968;150(3):874-894.",
    output_type="decimal",
    unit="L",
    description="Lactated Ringer's over the first 24 h from the burn = 4 mL × weight (kg) × "
    "%TBSA burned; half in the first 8 h, half in the next 16 h.",
)

#: mL of crystalloid per kg per %TBSA over 24 h (Baxter & Shires 1968).
_ML_PER_KG_PER_PCT = 4.0


class Inputs(QuantityInputs):
    """Inputs of the Parkland formula."""

    weight: float = quantity("weight", "kg", ge=1, le=400, description="Body weight")
    tbsa_burned: float = quantity(
        "percent",
        "%",
        ge=0,
        le=100,
        description="Total body surface area burned (partial and full thickness)",
    )


def compute(inputs: Inputs) -> CalcResult:
    """24-h volume = 4 mL × kg × %TBSA; first 8 h = half (Baxter 1968)."""
    total_ml = _ML_PER_KG_PER_PCT * inputs.weight * inputs.tbsa_burned
    total_l = total_ml / 1000
    first8_l = total_l / 2
    return CalcResult(
        calculator=META.id,
        value=round(total_l, 3),
        unit="L",
        interpretation=f"{total_l:.1f} L in the first 24 h from the time of burn: "
        f"{first8_l:.1f} L in the first 8 h ({first8_l * 1000 / 8:.0f} mL/h), then "
        f"{first8_l:.1f} L over the next 16 h ({first8_l * 1000 / 16:.0f} mL/h).",
        steps=[
            Step(
                label="24-hour volume",
                value=round(total_ml),
                detail="4 mL × weight (kg) × %TBSA [mL]",
            ),
            Step(label="First 8 hours", value=round(first8_l * 1000), detail="half [mL]"),
            Step(label="Next 16 hours", value=round(first8_l * 1000), detail="half [mL]"),
        ],
        warnings=["Timing runs from the burn, not from arrival; titrate to urine output."],
        extra={"first_8h_l": round(first8_l, 3), "next_16h_l": round(first8_l, 3)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (weight, % body burned) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "weight": f.quantity("weight", default_unit="kg"),
        "tbsa_burned": f.quantity("burned", "burn", "tbsa", default_unit="%"),
    }
