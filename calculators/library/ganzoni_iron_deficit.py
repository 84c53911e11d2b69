"""Ganzoni equation: total iron deficit in iron deficiency anemia."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library._medmcp_fields import Fields

META = CalculatorMeta(
    id="ganzoni_iron_deficit",
    name="Ganzoni Equation for Iron Deficiency Anemia",
    synonyms=("Ganzoni equation", "Ganzoni formula", "total iron deficit", "iron deficit"),
    category="hematology",
    source="Ganzoni AM. Intravenous iron-dextran: therapeutic and experimental possibilities. "
    "Schweiz Med Wochenschr. 1970;100(7):301-303.",
    output_type="decimal",
    unit="mg",
    description="Total iron deficit (mg) = weight (kg) × (target − actual Hb, g/dL) × 2.4 + "
    "iron stores (500 mg from 35 kg up, 15 mg/kg below).",
)

# 2.4 = blood volume 7% of body weight (0.07 L/kg) × iron content of hemoglobin 0.34% × 10
# (g/dL → mg/L scaling) (Ganzoni 1970).
_FACTOR = 2.4


class Inputs(QuantityInputs):
    """Inputs of the Ganzoni equation."""

    weight: float = quantity("weight", "kg", ge=2, le=300, description="Body weight")
    target_hb: float = quantity("hemoglobin", "g/dL", ge=6, le=18, description="Target hemoglobin")
    actual_hb: float = quantity("hemoglobin", "g/dL", ge=1, le=18, description="Actual hemoglobin")
    iron_stores: float | None = quantity(
        "dose_mg",
        "mg",
        ge=0,
        le=2000,
        default=None,
        description="Iron stores to replete (Ganzoni: 500 mg from 35 kg, else 15 mg/kg)",
    )

    @model_validator(mode="after")
    def _target_above_actual(self) -> Inputs:
        if self.target_hb <= self.actual_hb:
            raise ValueError(
                f"target_hb ({self.target_hb:g} g/dL) must be above actual_hb "
                f"({self.actual_hb:g} g/dL) for an iron deficit"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Iron deficit = weight × ΔHb × 2.4 + stores (Ganzoni 1970)."""
    i = inputs
    hb_iron = i.weight * (i.target_hb - i.actual_hb) * _FACTOR
    if i.iron_stores is not None:
        stores, how = i.iron_stores, "as given"
    elif i.weight >= 35:
        stores, how = 500.0, "Ganzoni: 500 mg for body weight ≥ 35 kg"
    else:
        stores, how = 15 * i.weight, "Ganzoni: 15 mg/kg for body weight < 35 kg"
    total = hb_iron + stores
    return CalcResult(
        calculator=META.id,
        value=round(total, 1),
        unit="mg",
        interpretation=f"Total iron deficit {total:.0f} mg of elemental iron.",
        steps=[
            Step(
                label="Hemoglobin iron",
                value=round(hb_iron, 1),
                detail=f"{i.weight:g} kg × ({i.target_hb:g} − {i.actual_hb:g} g/dL) × 2.4, mg",
            ),
            Step(label="Iron stores", value=round(stores, 1), detail=how),
            Step(label="Total iron deficit", value=round(total, 1), detail="mg"),
        ],
        extra={"hemoglobin_iron_mg": round(hb_iron, 1), "iron_stores_mg": round(stores, 1)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (weight, target and actual Hb, iron stores) → kwargs."""
    f = Fields(inputs, META.id)
    out: dict[str, Any] = {
        "weight": f.quantity("weight", default_unit="kg"),
        "target_hb": f.quantity("target", default_unit="g/dL"),
        "actual_hb": f.quantity("actual", "current hemoglobin", default_unit="g/dL"),
    }
    if f.has("iron stores", "stores"):
        out["iron_stores"] = f.quantity("iron stores", "stores", default_unit="mg")
    return out
