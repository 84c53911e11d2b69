"""Maximum allowable blood loss (ABL) before transfusion."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_fields as mf

META = CalculatorMeta(
    id="max_allowable_blood_loss",
    name="Maximum Allowable Blood Loss (ABL) Without Transfusion",
    synonyms=("ABL", "allowable blood loss", "maximum allowable blood loss"),
    category="anesthesiology",
    source="Morgan GE, Mikhail MS. Clinical Anesthesiology. 2nd ed. Stamford: Appleton & "
    "Lange; 1996 (ABL = EBV × (Hi − Hf) / Hi and average blood volumes per kg, as reproduced "
    "by OpenAnesthesia-style references). Caveat from Gross JB. Estimating allowable blood "
    "loss: corrected for dilution. Anesthesiology. 1983;58(3):277-280.",
    output_type="decimal",
    unit="mL",
    description="ABL = EBV × (initial − final) / initial, on haematocrit or haemoglobin, with "
    "EBV = weight × average blood volume per kg for the age group and sex.",
)

Group = Literal["premature_neonate", "term_neonate", "infant", "adult_male", "adult_female"]

# Average blood volume, mL/kg (Morgan & Mikhail 1996): premature neonates 95, full-term
# neonates 85, infants 80, adult men 75, adult women 65.
BLOOD_VOLUME_ML_PER_KG = {
    "premature_neonate": 95,
    "term_neonate": 85,
    "infant": 80,
    "adult_male": 75,
    "adult_female": 65,
}


class Inputs(QuantityInputs):
    """Inputs of the ABL (give haematocrits or haemoglobins, one pair)."""

    group: Group = Field(
        description="premature_neonate, term_neonate, infant, adult_male or adult_female"
    )
    weight: float = quantity("weight", "kg", ge=0.3, le=350, description="Body weight")
    initial_hematocrit: float | None = Field(None, gt=0, le=80, description="Initial Hct, %")
    final_hematocrit: float | None = Field(
        None, gt=0, le=80, description="Lowest acceptable Hct, %"
    )
    initial_hemoglobin: float | None = quantity(
        "hemoglobin", "g/dL", ge=1, le=25, default=None, description="Initial haemoglobin"
    )
    final_hemoglobin: float | None = quantity(
        "hemoglobin", "g/dL", ge=1, le=25, default=None, description="Lowest acceptable Hb"
    )

    @model_validator(mode="after")
    def _one_pair(self) -> Inputs:
        hct = (self.initial_hematocrit, self.final_hematocrit)
        hb = (self.initial_hemoglobin, self.final_hemoglobin)
        full = [all(v is not None for v in p) for p in (hct, hb)]
        if sum(full) != 1:
            raise ValueError(
                "give exactly one pair: initial_hematocrit + final_hematocrit, or "
                "initial_hemoglobin + final_hemoglobin"
            )
        initial, final = hct if full[0] else hb
        if final >= initial:  # type: ignore[operator]
            raise ValueError(f"the final value ({final}) must be below the initial ({initial})")
        return self


def compute(inputs: Inputs) -> CalcResult:
    """ABL = EBV × (initial − final) / initial."""
    i = inputs
    per_kg = BLOOD_VOLUME_ML_PER_KG[i.group]
    ebv = i.weight * per_kg
    if i.initial_hematocrit is not None and i.final_hematocrit is not None:
        initial, final, what = i.initial_hematocrit, i.final_hematocrit, "Hct %"
    else:
        initial, final, what = (
            float(i.initial_hemoglobin or 0),
            float(i.final_hemoglobin or 0),
            "Hb",
        )
    abl = ebv * (initial - final) / initial
    return CalcResult(
        calculator=META.id,
        value=round(abl, 1),
        unit="mL",
        interpretation=f"Maximum allowable blood loss {abl:.0f} mL before transfusion should "
        "be considered.",
        steps=[
            Step(
                label="Estimated blood volume",
                value=round(ebv, 1),
                detail=f"{i.weight:g} kg × {per_kg} mL/kg",
            ),
            Step(
                label="ABL",
                value=round(abl, 1),
                detail=f"EBV × ({initial:g} − {final:g}) / {initial:g} ({what})",
            ),
        ],
        warnings=[
            "The estimate is inaccurate once losses exceed about 20% of blood volume (Gross 1983)."
        ],
        extra={"estimated_blood_volume_ml": round(ebv, 1)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (age group/sex, weight, initial and final Hct or Hb)."""
    f = mf.Fields(inputs, META.id)
    group_text = mf.norm(f.text("age", "patient", "category", "sex"))
    group = mf.match_option(
        group_text,
        {
            "premature_neonate": ("premature", "preterm"),
            "term_neonate": ("term neonate", "neonate", "newborn"),
            "infant": ("infant",),
            "adult_male": ("adult male", "male", "man", "men"),
            "adult_female": ("adult female", "female", "woman", "women"),
        },
        field=f"{META.id}: patient group",
    )
    out: dict[str, Any] = {"group": group, "weight": f.quantity("weight", default_unit="kg")}
    if f.has("hematocrit", "hct"):
        out["initial_hematocrit"] = f.number("initial hematocrit", "initial hct", "initial")
        out["final_hematocrit"] = f.number("final hematocrit", "final hct", "final", "target")
    else:
        out["initial_hemoglobin"] = f.quantity("initial", default_unit="g/dL")
        out["final_hemoglobin"] = f.quantity("final", "target", default_unit="g/dL")
    return out
