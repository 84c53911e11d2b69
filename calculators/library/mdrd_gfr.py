"""Estimated GFR by the 4-variable MDRD Study equation (IDMS-traceable, 175)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._patient import Sex
from m3agent.calculators.library.ckd_epi_2021 import gfr_category

META = CalculatorMeta(
    id="mdrd_gfr",
    name="MDRD GFR Equation",
    synonyms=("MDRD", "MDRD eGFR", "Modification of Diet in Renal Disease equation"),
    category="renal",
    source="Levey AS, Coresh J, Greene T, et al. Using standardized serum creatinine values in "
    "the modification of diet in renal disease study equation for estimating glomerular "
    "filtration rate. Ann Intern Med. 2006;145(4):247-254.",
    doi="10.7326/0003-4819-145-4-200608150-00004",
    pmid="16908915",
    output_type="decimal",
    unit="mL/min/1.73 m²",
    medcalc_id=9,
    description="eGFR = 175 × Scr^-1.154 × age^-0.203 × 0.742 (female) × 1.212 (Black).",
)


class Inputs(QuantityInputs):
    """Inputs of the MDRD equation."""

    sex: Sex = Field(description="Sex")
    age: float = quantity("age", "years", ge=18, le=120, description="Age")
    creatinine: float = quantity(
        "creatinine", "mg/dL", ge=0.1, le=30, description="Serum creatinine (IDMS-traceable)"
    )
    black: bool = Field(
        False,
        description="Black race (the equation's 1.212 coefficient); "
        "the published tool asks it, non-Black if not given",
    )


def compute(inputs: Inputs) -> CalcResult:
    """EGFR (mL/min/1.73 m²) by the IDMS-traceable 4-variable MDRD equation."""
    # Constants from Levey 2006: 175 (IDMS), −1.154, −0.203, 0.742 female, 1.212 Black.
    sex_f = 0.742 if inputs.sex == "female" else 1.0
    race_f = 1.212 if inputs.black else 1.0
    egfr = 175 * inputs.creatinine**-1.154 * inputs.age**-0.203 * sex_f * race_f
    return CalcResult(
        calculator=META.id,
        value=round(egfr, 3),
        unit="mL/min/1.73 m²",
        interpretation=gfr_category(egfr),
        steps=[
            Step(label="Sex coefficient", value=sex_f),
            Step(label="Race coefficient", value=race_f),
            Step(
                label="eGFR",
                value=round(egfr, 3),
                detail="175 × Scr^-1.154 × age^-0.203 × sex × race",
            ),
        ],
        warnings=[
            "The race coefficient is no longer recommended (NKF-ASN Task Force 2021); "
            "prefer the 2021 CKD-EPI equation."
        ]
        if inputs.black
        else [],
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (race defaults to non-Black when not given)."""
    race = str(mc.get(entities, "Race", default="")).strip().lower()
    return {
        "sex": mc.sex(entities),
        "age": mc.quantity(entities, "age"),
        "creatinine": mc.quantity(entities, "creatinine"),
        "black": race in {"black", "african american", "black or african american"},
    }
