"""Fomepizole dosing for ethylene glycol or methanol poisoning (weight-based)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_keywords as kw

META = CalculatorMeta(
    id="fomepizole_dosing",
    name="Fomepizole Dosing",
    synonyms=("Fomepizole dose", "Antizol dosing", "4-methylpyrazole dosing"),
    category="toxicology",
    source="Antizol (fomepizole) injection prescribing information: loading dose 15 mg/kg, then "
    "10 mg/kg every 12 hours for 4 doses, then 15 mg/kg every 12 hours; every 4 hours during "
    "hemodialysis. Brent J, McMartin K, Phillips S, et al. Fomepizole for the treatment of "
    "ethylene glycol poisoning. N Engl J Med. 1999;340(11):832-838.",
    output_type="decimal",
    unit="mg",
    description="Loading and maintenance doses of fomepizole from body weight.",
)

# Label doses (mg/kg), quoted in the Antizol labelling and poison-centre monographs (e.g.
# CIUSSS Capitale-Nationale antidote monograph; LHSC CCTC monograph).
LOADING_MG_PER_KG = 15.0
MAINTENANCE_MG_PER_KG = 10.0  # every 12 h for 4 doses
LATER_MG_PER_KG = 15.0  # every 12 h after the 4 maintenance doses (autoinduction)


class Inputs(QuantityInputs):
    """Inputs of fomepizole dosing."""

    weight: float = quantity("weight", "kg", ge=1, le=350, description="Body weight")
    on_hemodialysis: bool = Field(
        default=False, description="Receiving hemodialysis (doses every 4 hours during it)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Loading 15 mg/kg; 10 mg/kg q12h × 4; then 15 mg/kg q12h (q4h during dialysis)."""
    w = inputs.weight
    load = LOADING_MG_PER_KG * w
    maint = MAINTENANCE_MG_PER_KG * w
    later = LATER_MG_PER_KG * w
    interval = "every 4 hours during hemodialysis" if inputs.on_hemodialysis else "every 12 hours"
    return CalcResult(
        calculator=META.id,
        value=round(load, 1),
        unit="mg",
        interpretation=f"Loading dose {load:.0f} mg IV over 30 min; then {maint:.0f} mg "
        f"{interval} for 4 doses; then {later:.0f} mg {interval} until the toxic alcohol "
        "level is < 20 mg/dL and the patient is asymptomatic with normal pH",
        steps=[
            Step(label="Loading dose", value=round(load, 1), detail=f"15 mg/kg × {w:g} kg"),
            Step(
                label="Maintenance doses 1-4", value=round(maint, 1), detail=f"10 mg/kg, {interval}"
            ),
            Step(label="Doses 5 onward", value=round(later, 1), detail=f"15 mg/kg, {interval}"),
        ],
        extra={
            "loading_dose_mg": round(load, 1),
            "maintenance_dose_mg": round(maint, 1),
            "later_dose_mg": round(later, 1),
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (weight, optional hemodialysis) → kwargs."""
    m = kw.KeywordInputs(inputs)
    out: dict[str, Any] = {"weight": kw.parse_quantity(m.find("weight"), "kg")}
    hd = m.find("hemodialysis", "dialysis", default=None)
    if hd is not None:
        out["on_hemodialysis"] = kw.parse_yes(hd)
    return out
