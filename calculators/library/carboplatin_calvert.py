"""Carboplatin dose by the Calvert formula, with the GFR estimated by Cockcroft-Gault."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="carboplatin_calvert",
    name="Carboplatin AUC Dosing (Calvert)",
    synonyms=(
        "Calvert formula",
        "carboplatin dose",
        "carboplatin AUC dosing",
        "Calvert carboplatin dosing",
    ),
    category="oncology",
    source="Calvert AH, et al. Carboplatin dosage: prospective evaluation of a simple formula "
    "based on renal function. J Clin Oncol. 1989;7(11):1748-56. GFR by Cockcroft DW, "
    "Gault MH. Nephron. 1976;16(1):31-41.",
    doi="10.1200/JCO.1989.7.11.1748",
    output_type="decimal",
    unit="mg",
    description="Total carboplatin dose (mg) = target AUC × (GFR + 25), with the GFR estimated "
    "as the Cockcroft-Gault creatinine clearance.",
)


class Inputs(QuantityInputs):
    """Inputs of the Calvert carboplatin dose."""

    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    sex: Literal["male", "female"] = Field(description="Sex (Cockcroft-Gault × 0.85 if female)")
    weight: float = quantity(
        "weight", "kg", ge=20, le=300, description="Dosing weight (actual, ideal or adjusted)"
    )
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=20, description="Serum creatinine"
    )
    target_auc: float = Field(ge=1, le=10, description="Target AUC [mg/mL·min], usually 4–6")


def compute(inputs: Inputs) -> CalcResult:
    """Dose = AUC × (CrCl + 25); CrCl = (140 − age) × weight / (72 × SCr) [× 0.85 if female]."""
    crcl = (140 - inputs.age) * inputs.weight / (72 * inputs.creatinine)
    if inputs.sex == "female":
        crcl *= 0.85  # Cockcroft-Gault 1976: women ~15% lower
    # Calvert 1989: dose (mg) = target AUC × (GFR + 25); 25 mL/min is the non-renal clearance.
    dose = inputs.target_auc * (crcl + 25)
    warnings = []
    if crcl > 125:
        # US FDA (2010) advice to oncologists: cap the estimated GFR at 125 mL/min, i.e. a
        # maximum dose of target AUC × 150 mg.
        warnings.append(
            f"Estimated GFR {crcl:.0f} mL/min exceeds 125 mL/min: the FDA advises "
            f"capping the GFR at 125 (maximum dose {inputs.target_auc * 150:.0f} mg)."
        )
    return CalcResult(
        calculator=META.id,
        value=round(dose, 1),
        unit="mg",
        interpretation=f"Total carboplatin dose for target AUC {inputs.target_auc:g} mg/mL·min",
        steps=[
            Step(
                label="Cockcroft-Gault CrCl",
                value=round(crcl, 1),
                detail="(140 − age) × weight / (72 × SCr)"
                + (" × 0.85" if inputs.sex == "female" else "")
                + " [mL/min]",
            ),
            Step(
                label="Calvert dose",
                value=round(dose, 1),
                detail=f"{inputs.target_auc:g} × ({crcl:.1f} + 25) mg",
            ),
        ],
        warnings=warnings,
        extra={"gfr_ml_min": round(crcl, 1)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age, weight, creatinine, target AUC, gender) → Inputs kwargs."""
    f = Fields(inputs, META.id)
    return {
        "age": f.quantity("age", default_unit="years"),
        "sex": f.sex("gender", "sex"),
        "weight": f.quantity("weight", default_unit="kg"),
        "creatinine": f.quantity("creatinine", default_unit="mg/dL"),
        "target_auc": f.number("auc"),
    }
