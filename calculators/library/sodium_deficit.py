"""Sodium deficit in hyponatraemia."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm
from m3agent.calculators.library._patient import TBW_FRACTION

META = CalculatorMeta(
    id="sodium_deficit",
    name="Sodium Deficit in Hyponatremia",
    synonyms=("Sodium deficit", "Na deficit"),
    category="lab test",
    source=(
        "Sodium deficit = total body water x (desired - actual Na); TBW fractions 0.6 children "
        "and adult men, 0.5 adult women and elderly men, 0.45 elderly women: Adrogué HJ, "
        "Madias NE. Hyponatremia. N Engl J Med. 2000;342(21):1581-9."
    ),
    doi="10.1056/NEJM200005253422107",
    pmid="10824078",
    output_type="decimal",
    unit="mmol",
    description="Amount of sodium needed to raise serum sodium to a target, from total body "
    "water estimated by sex and age group.",
)


class Inputs(QuantityInputs):
    """Inputs of the sodium deficit."""

    sex: Literal["male", "female"] = Field(description="Sex")
    age_group: Literal["child", "adult", "elderly"] = Field(
        description="Age group: child, adult, elderly (≥65 years)"
    )
    weight: float = quantity("weight", "kg", ge=1, le=400, description="Body weight")
    sodium: float = quantity("electrolyte", "mmol/L", ge=90, le=160, description="Serum sodium")
    desired_sodium: float = quantity(
        "electrolyte", "mmol/L", ge=100, le=160, description="Desired serum sodium"
    )

    @model_validator(mode="after")
    def _target(self) -> Inputs:
        if self.desired_sodium <= self.sodium:
            raise ValueError(
                f"desired sodium ({self.desired_sodium}) must exceed the current "
                f"sodium ({self.sodium})"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Deficit (mmol) = TBW fraction x weight x (desired - actual)."""
    i = inputs
    frac = TBW_FRACTION[(i.age_group, i.sex)]
    tbw = frac * i.weight
    deficit = tbw * (i.desired_sodium - i.sodium)
    return CalcResult(
        calculator=META.id,
        value=round(deficit, 1),
        unit="mmol",
        interpretation=f"Sodium deficit {deficit:.0f} mEq; correct by no more than 8-10 mEq/L "
        "in 24 hours",
        steps=[
            Step(label="Total body water", value=round(tbw, 2), detail=f"{frac} x weight"),
            Step(
                label="Sodium deficit", value=round(deficit, 1), detail="TBW x (desired - actual)"
            ),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc sodium deficit inputs → Inputs."""
    return {
        "sex": mm.choose(mm.get(inputs, r"^sex|gender"), [(r"^f", "female"), (r"^m", "male")]),
        "age_group": mm.choose(
            mm.get(inputs, r"age"),
            [(r"child|pediatric", "child"), (r"elder|older", "elderly"), (r"adult", "adult")],
        ),
        "weight": mm.quantity(mm.get(inputs, r"weight"), "kg"),
        "sodium": mm.number(mm.get(inputs, r"^(serum )?sodium(?! desired)")),
        "desired_sodium": mm.number(mm.get(inputs, r"desired")),
    }
