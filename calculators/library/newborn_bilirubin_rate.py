"""Rate of rise of total serum bilirubin in a newborn."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="newborn_bilirubin_rate",
    name="Newborn Hyperbilirubinemia Rate of Rise",
    synonyms=("Bilirubin rate of rise", "TSB rate of rise"),
    category="pediatrics",
    source=(
        "Kemper AR, Newman TB, Slaughter JL, et al. Clinical Practice Guideline Revision: "
        "Management of Hyperbilirubinemia in the Newborn Infant 35 or More Weeks of Gestation. "
        "Pediatrics. 2022;150(3):e2022058859."
    ),
    doi="10.1542/peds.2022-058859",
    pmid="35927462",
    output_type="decimal",
    unit="mg/dL/h",
    description="Change in total serum bilirubin per hour; ≥0.3 mg/dL/h in the first 24 hours "
    "or ≥0.2 mg/dL/h thereafter suggests haemolysis.",
)


class Inputs(QuantityInputs):
    """Inputs of the bilirubin rate of rise."""

    first_tsb: float = quantity(
        "bilirubin", "mg/dL", ge=0, le=50, description="Earlier total serum bilirubin"
    )
    second_tsb: float = quantity(
        "bilirubin", "mg/dL", ge=0, le=50, description="Later total serum bilirubin"
    )
    hours_between: float = Field(gt=0, le=240, description="Hours between the two samples")
    age_hours_at_second: float = Field(
        ge=0, le=720, description="Infant age at the later sample [hours]"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Rate = (TSB2 - TSB1) / hours."""
    i = inputs
    rate = (i.second_tsb - i.first_tsb) / i.hours_between
    threshold = 0.3 if i.age_hours_at_second <= 24 else 0.2
    label = (
        "Rapid rise: suggests haemolysis; evaluate (AAP 2022)"
        if rate >= threshold
        else "Rate of rise below the haemolysis threshold"
    )
    return CalcResult(
        calculator=META.id,
        value=round(rate, 3),
        unit="mg/dL/h",
        interpretation=label,
        steps=[
            Step(label="Rate of rise", value=round(rate, 3), detail="(TSB2 - TSB1) / hours"),
            Step(
                label="Threshold", value=threshold, detail="0.3 if ≤24 h of age, else 0.2 mg/dL/h"
            ),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → Inputs."""
    return {
        "first_tsb": mm.quantity(mm.get(inputs, r"first|initial|previous"), "mg/dL"),
        "second_tsb": mm.quantity(mm.get(inputs, r"second|repeat|current"), "mg/dL"),
        "hours_between": mm.number(mm.get(inputs, r"hours between|time between|interval")),
        "age_hours_at_second": mm.number(mm.get(inputs, r"age")),
    }
