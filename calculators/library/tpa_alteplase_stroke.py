"""Alteplase (tPA) dosing for acute ischaemic stroke."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="tpa_alteplase_stroke",
    name="tPA (Alteplase) Dosing for Ischemic Stroke Calculator",
    synonyms=("Alteplase dosing for stroke", "tPA stroke dose", "alteplase stroke dose"),
    category="dosage",
    source="The National Institute of Neurological Disorders and Stroke rt-PA Stroke Study "
    "Group. Tissue plasminogen activator for acute ischemic stroke. N Engl J Med. "
    "1995;333(24):1581-1587 (0.9 mg/kg, maximum 90 mg, 10% as a bolus over 1 minute and the "
    "rest infused over 60 minutes).",
    output_type="decimal",
    unit="mg",
    description="Total alteplase dose 0.9 mg/kg (max 90 mg): 10% IV bolus over 1 min, the "
    "remaining 90% infused over 60 min.",
)

# NINDS 1995 regimen.
_MG_PER_KG, _MAX_MG, _BOLUS_FRACTION = 0.9, 90.0, 0.10


class Inputs(QuantityInputs):
    """Inputs of alteplase stroke dosing."""

    weight: float = quantity("weight", "kg", ge=20, le=300, description="Body weight")


def compute(inputs: Inputs) -> CalcResult:
    """Total = min(0.9 mg/kg, 90 mg); bolus 10%; infusion 90% over 60 min."""
    total = min(inputs.weight * _MG_PER_KG, _MAX_MG)
    bolus = total * _BOLUS_FRACTION
    infusion = total - bolus
    return CalcResult(
        calculator=META.id,
        value=round(total, 1),
        unit="mg",
        interpretation=f"Total dose {total:.1f} mg: {bolus:.1f} mg IV bolus over 1 minute, then "
        f"{infusion:.1f} mg infused over 60 minutes.",
        steps=[
            Step(label="Total dose", value=round(total, 2), detail="0.9 mg/kg, max 90 mg"),
            Step(label="Bolus", value=round(bolus, 2), detail="10% over 1 min"),
            Step(label="Infusion", value=round(infusion, 2), detail="90% over 60 min"),
        ],
        extra={"bolus_mg": round(bolus, 1), "infusion_mg": round(infusion, 1)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc alteplase inputs (weight) → Inputs."""
    f = Fields(inputs, META.id)
    return {"weight": f.quantity("weight", default_unit="kg")}
