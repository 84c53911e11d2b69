"""Endotracheal tube depth (Chula formula) and lung-protective tidal volumes."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="ett_depth_tidal_volume",
    name="Endotracheal Tube (ETT) Depth and Tidal Volume Calculator",
    synonyms=("ETT depth", "Chula formula", "endotracheal tube depth"),
    category="critical care",
    source=(
        "Techanivate A, Kumwilaisak K, Samranrean S. Estimation of the proper length of "
        "orotracheal intubation by Chula formula. J Med Assoc Thai. 2008;91(2):193-8; tidal "
        "volume 6-8 mL/kg predicted body weight: ARDS Network. N Engl J Med. "
        "2000;342(18):1301-8."
    ),
    pmid="18389984",
    output_type="decimal",
    unit="cm",
    description="Oral ETT depth at the incisors = 4 + height (cm)/10, with 6-8 mL/kg tidal "
    "volumes from the ARDSNet predicted body weight.",
)


class Inputs(QuantityInputs):
    """Inputs of ETT depth and tidal volume."""

    height: float = quantity("height", "cm", ge=120, le=230, description="Height")
    sex: Literal["male", "female"] = Field(description="Sex (for predicted body weight)")


def compute(inputs: Inputs) -> CalcResult:
    """Depth = 4 + height/10 cm; PBW = 50 (men) or 45.5 (women) + 0.91 x (height - 152.4)."""
    i = inputs
    depth = 4 + i.height / 10
    pbw = (50.0 if i.sex == "male" else 45.5) + 0.91 * (i.height - 152.4)
    tv = {f"{k} mL/kg": round(k * pbw) for k in (6, 7, 8)}
    return CalcResult(
        calculator=META.id,
        value=round(depth, 1),
        unit="cm",
        interpretation=f"ETT at {depth:.1f} cm at the incisors; tidal volume "
        f"{tv['6 mL/kg']}-{tv['8 mL/kg']} mL (6-8 mL/kg PBW {pbw:.1f} kg)",
        steps=[
            Step(label="ETT depth", value=round(depth, 1), detail="4 + height/10"),
            Step(
                label="Predicted body weight",
                value=round(pbw, 1),
                detail="50/45.5 + 0.91 x (height cm - 152.4)",
            ),
        ],
        extra={"predicted_body_weight_kg": round(pbw, 1), "tidal_volumes_ml": tv},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ETT inputs → Inputs."""
    return {
        "height": mm.quantity(mm.get(inputs, r"height"), "cm"),
        "sex": mm.choose(mm.get(inputs, r"^sex|gender"), [(r"^f", "female"), (r"^m", "male")]),
    }
