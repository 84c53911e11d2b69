"""Tenecteplase (TNK) dosing for acute ischaemic stroke."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="tenecteplase_stroke",
    name="Tenecteplase (TNK) Dosing for Ischemic Stroke Calculator",
    synonyms=("Tenecteplase dosing for stroke", "TNK stroke dose"),
    category="dosage",
    source=(
        "0.25 mg/kg, maximum 25 mg, single IV bolus: Campbell BCV, Mitchell PJ, Churilov L, "
        "et al. Tenecteplase versus alteplase before thrombectomy for ischemic stroke "
        "(EXTEND-IA TNK). N Engl J Med. 2018;378(17):1573-82; reconstitution 50 mg in 10 mL "
        "(5 mg/mL): TNKase prescribing information."
    ),
    doi="10.1056/NEJMoa1716405",
    pmid="29694815",
    output_type="decimal",
    unit="mL",
    description="Weight-based tenecteplase dose for stroke (0.25 mg/kg, max 25 mg) as the "
    "volume of the 5 mg/mL reconstituted 50 mg vial, with the volume to discard.",
)

_MG_PER_KG, _MAX_MG, _MG_PER_ML, _VIAL_ML = 0.25, 25.0, 5.0, 10.0


class Inputs(QuantityInputs):
    """Inputs of TNK dosing."""

    weight: float = quantity("weight", "kg", ge=20, le=300, description="Body weight")


def compute(inputs: Inputs) -> CalcResult:
    """Dose = min(0.25 mg/kg, 25 mg); volume = dose / 5 mg/mL (drawn to 0.1 mL)."""
    dose = min(inputs.weight * _MG_PER_KG, _MAX_MG)
    volume = round(dose / _MG_PER_ML, 1)
    waste = round(_VIAL_ML - volume, 1)
    return CalcResult(
        calculator=META.id,
        value=volume,
        unit="mL",
        interpretation=f"Give {volume:.1f} mL ({volume * _MG_PER_ML:.1f} mg) IV bolus; "
        f"discard {waste:.1f} mL",
        steps=[
            Step(label="Dose", value=round(dose, 2), detail="0.25 mg/kg, max 25 mg"),
            Step(label="Volume", value=volume, detail="dose / 5 mg/mL, to 0.1 mL"),
        ],
        extra={"dose_mg": round(volume * _MG_PER_ML, 1), "waste_ml": waste},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc TNK inputs → Inputs."""
    return {"weight": mm.quantity(mm.get(inputs, r"weight"), "kg")}
