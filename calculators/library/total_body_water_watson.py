"""Total body water by the Watson formula."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="total_body_water_watson",
    name="Total Body Water (Watson Formula)",
    synonyms=("Watson formula", "Total body water Watson"),
    category="physical",
    source=(
        "Watson PE, Watson ID, Batt RD. Total body water volumes for adult males and females "
        "estimated from simple anthropometric measurements. Am J Clin Nutr. 1980;33(1):27-39."
    ),
    doi="10.1093/ajcn/33.1.27",
    pmid="6986753",
    output_type="decimal",
    unit="L",
    description="Sex-specific regression of total body water on age, height and weight.",
)


class Inputs(QuantityInputs):
    """Inputs of the Watson formula."""

    sex: Literal["male", "female"] = Field(description="Sex")
    age: float = Field(ge=16, le=110, description="Age [years]")
    height: float = quantity("height", "cm", ge=100, le=250, description="Height")
    weight: float = quantity("weight", "kg", ge=20, le=300, description="Body weight")


def compute(inputs: Inputs) -> CalcResult:
    """Men 2.447 - 0.09516 age + 0.1074 H + 0.3362 W; women -2.097 + 0.1069 H + 0.2466 W."""
    i = inputs
    if i.sex == "male":
        tbw = 2.447 - 0.09516 * i.age + 0.1074 * i.height + 0.3362 * i.weight
        formula = "2.447 - 0.09516 x age + 0.1074 x height + 0.3362 x weight"
    else:
        tbw = -2.097 + 0.1069 * i.height + 0.2466 * i.weight
        formula = "-2.097 + 0.1069 x height + 0.2466 x weight"
    return CalcResult(
        calculator=META.id,
        value=round(tbw, 3),
        unit="L",
        interpretation=f"Total body water {tbw:.1f} L",
        steps=[Step(label="TBW", value=round(tbw, 3), detail=formula)],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Watson inputs → Inputs."""

    def qty(pattern: str, unit: str) -> list[Any]:
        value = mm.get(inputs, pattern)
        item = mm.find(inputs, pattern) or {}
        field_unit = re.search(r"\((kg|lb|lbs|cm|in)\)", str(item.get("field")))
        if isinstance(value, int | float) and field_unit:
            return [float(value), field_unit.group(1)]
        return mm.quantity(value, unit)

    return {
        "sex": mm.choose(mm.get(inputs, r"^sex|gender"), [(r"^f", "female"), (r"^m", "male")]),
        "age": mm.number(mm.get(inputs, r"^age")),
        "height": qty(r"height", "cm"),
        "weight": qty(r"weight", "kg"),
    }
