"""Fosphenytoin loading dose in phenytoin sodium equivalents (mg PE), from the label."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import (
    CalcResult,
    CalculatorMeta,
    QuantityInputs,
    Step,
    quantity,
)
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="fosphenytoin_load",
    name="Fosphenytoin Load",
    synonyms=("Fosphenytoin loading dose", "Cerebyx loading dose", "Fosphenytoin dosing"),
    category="neurology",
    source="CEREBYX (fosphenytoin sodium injection) prescribing information, Pfizer "
    "(FDA label), sections 2.2-2.4: status epilepticus 15-20 mg PE/kg at ≤ 150 mg PE/min "
    "(adults) or ≤ 2 mg PE/kg/min (paediatric); non-emergent loading 10-20 mg PE/kg; "
    "supplied at 50 mg PE/mL.",
    output_type="decimal",
    unit="mg PE",
    description="Loading dose = weight × dose per kg (mg PE/kg) within the labelled range for "
    "the indication, with the volume at 50 mg PE/mL and the shortest labelled infusion time.",
)

# Labelled loading ranges in mg PE/kg (FDA label for Cerebyx / generic fosphenytoin):
# generalised convulsive status epilepticus 15-20; non-emergent loading 10-20.
DOSE_RANGES: dict[str, tuple[float, float]] = {
    "status_epilepticus": (15.0, 20.0),
    "non_emergent": (10.0, 20.0),
}
# Paediatric patients (label: birth to < 17 years) get 10-15 mg PE/kg for non-emergent loading
# (label section 2.4, pediatric dosing table); status epilepticus stays 15-20 mg PE/kg.
PEDIATRIC_NON_EMERGENT_RANGE = (10.0, 15.0)
PEDIATRIC_AGE_LIMIT = 17
# Maximum infusion rates (label boxed warning): adults 150 mg PE/min; paediatric patients
# 2 mg PE/kg/min or 150 mg PE/min, whichever is slower.
ADULT_MAX_RATE = 150.0
PEDIATRIC_MAX_RATE_PER_KG = 2.0
# Vials hold 50 mg PE/mL (label: 100 mg PE/2 mL and 500 mg PE/10 mL);
# 1.5 mg fosphenytoin sodium = 1 mg PE.
CONCENTRATION_MG_PE_PER_ML = 50.0
FOSPHENYTOIN_SODIUM_PER_PE = 1.5


class Inputs(QuantityInputs):
    """Inputs of the fosphenytoin loading dose."""

    weight: float = quantity("weight", "kg", ge=1, le=300, description="Body weight")
    indication: Literal["status_epilepticus", "non_emergent"] = Field(
        description="status_epilepticus (15-20 mg PE/kg) or non_emergent loading (10-20 mg PE/kg)"
    )
    dose_per_kg: float = Field(
        gt=0, le=20, description="Chosen loading dose in mg PE/kg (within the labelled range)"
    )
    pediatric: bool = Field(
        description="Paediatric patient, birth to < 17 years (rate ≤ 2 mg PE/kg/min or "
        "150 mg PE/min, the slower; non-emergent load 10-15 mg PE/kg)"
    )

    @model_validator(mode="after")
    def _labelled_range(self) -> Inputs:
        low, high = DOSE_RANGES[self.indication]
        who = ""
        if self.pediatric and self.indication == "non_emergent":
            low, high = PEDIATRIC_NON_EMERGENT_RANGE
            who = " in paediatric patients"
        if not low <= self.dose_per_kg <= high:
            raise ValueError(
                f"dose_per_kg: the label gives {low:g}-{high:g} mg PE/kg for "
                f"{self.indication}{who}, found {self.dose_per_kg:g}"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Dose (mg PE) = weight × mg PE/kg; volume and minimum infusion time from the label."""
    i = inputs
    dose = i.weight * i.dose_per_kg
    rate = ADULT_MAX_RATE
    if i.pediatric:
        rate = min(ADULT_MAX_RATE, PEDIATRIC_MAX_RATE_PER_KG * i.weight)
    minutes = dose / rate
    volume = dose / CONCENTRATION_MG_PE_PER_ML
    steps = [
        Step(
            label="Loading dose",
            value=round(dose, 1),
            detail=f"{i.weight:g} kg × {i.dose_per_kg:g} mg PE/kg",
        ),
        Step(label="Volume at 50 mg PE/mL", value=round(volume, 1), detail="mL"),
        Step(label="Maximum infusion rate", value=round(rate, 1), detail="mg PE/min"),
        Step(label="Shortest infusion time", value=round(minutes, 1), detail="minutes"),
    ]
    return CalcResult(
        calculator=META.id,
        value=round(dose, 1),
        unit="mg PE",
        interpretation=f"Load {dose:.0f} mg PE ({volume:.1f} mL of 50 mg PE/mL) IV over at "
        f"least {minutes:.1f} min (≤ {rate:.0f} mg PE/min); prescribe in mg PE.",
        steps=steps,
        warnings=["Monitor ECG, blood pressure and respiration during and after the infusion."],
        extra={
            "volume_ml": round(volume, 1),
            "min_infusion_minutes": round(minutes, 1),
            "fosphenytoin_sodium_mg": round(dose * FOSPHENYTOIN_SODIUM_PER_PE, 1),
        },
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → kwargs (weight, indication, mg PE/kg, adult vs paediatric)."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {"weight": f.quantity("weight", default_unit="kg")}
    indication = "status_epilepticus"
    if f.has("indication", "setting"):
        indication = str(
            f.option(
                "indication",
                "setting",
                options={
                    "status_epilepticus": ("status epilepticus", "emergent", "seizure"),
                    "non_emergent": ("non emergent", "nonemergent", "prophylaxis", "neurosurgery"),
                },
            )
        )
    out["indication"] = indication
    if f.has("pediatric", "paediatric", "child"):
        out["pediatric"] = f.yes("pediatric", "paediatric", "child")
    elif f.has("age"):
        out["pediatric"] = f.number("age") < PEDIATRIC_AGE_LIMIT
    else:
        out["pediatric"] = False
    # An item that names no dose per kg gets the top of the labelled range (20 mg PE/kg, the
    # usual status-epilepticus load; 15 for a paediatric non-emergent load); compute still
    # checks it against the indication.
    top = DOSE_RANGES[indication][1]
    if out["pediatric"] and indication == "non_emergent":
        top = PEDIATRIC_NON_EMERGENT_RANGE[1]
    out["dose_per_kg"] = (
        f.number("dose per kg", "mg pe kg", "dose")
        if f.has("dose per kg", "mg pe kg", "dose")
        else top
    )
    return out
