"""Static lung (respiratory system) compliance, Cstat."""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="static_compliance",
    name="Static Lung Compliance (Cstat) Calculation",
    synonyms=("Static compliance", "Cstat", "static respiratory system compliance"),
    category="pulmonology",
    source=(
        "Cstat = VT / (Pplat - PEEP): Hess DR. Respiratory mechanics in mechanically "
        "ventilated patients. Respir Care. 2014;59(11):1773-94."
    ),
    doi="10.4187/respcare.03410",
    pmid="25336536",
    output_type="decimal",
    unit="mL/cmH2O",
    description="Tidal volume divided by the driving pressure (plateau minus PEEP); normal "
    "50-100 mL/cmH2O.",
)


class Inputs(QuantityInputs):
    """Inputs of static compliance."""

    tidal_volume: float = quantity(
        "volume", "mL", ge=20, le=2000, description="Delivered (corrected) tidal volume"
    )
    plateau_pressure: float = quantity(
        "pressure", "cmH2O", ge=1, le=80, description="Plateau pressure"
    )
    peep: float = quantity("pressure", "cmH2O", ge=0, le=40, description="PEEP")

    @model_validator(mode="after")
    def _driving(self) -> Inputs:
        if self.plateau_pressure <= self.peep:
            raise ValueError(
                f"plateau pressure ({self.plateau_pressure}) must exceed PEEP ({self.peep})"
            )
        return self


def compute(inputs: Inputs) -> CalcResult:
    """Cstat = VT / (Pplat - PEEP)."""
    i = inputs
    dp = i.plateau_pressure - i.peep
    c = i.tidal_volume / dp
    label = (
        "Normal (50-100 mL/cmH2O)"
        if 50 <= c <= 100
        else "Reduced compliance"
        if c < 50
        else "Above the usual range"
    )
    return CalcResult(
        calculator=META.id,
        value=round(c, 2),
        unit="mL/cmH2O",
        interpretation=label,
        steps=[
            Step(label="Driving pressure", value=dp, detail="Pplat - PEEP"),
            Step(label="Cstat", value=round(c, 2), detail="VT / (Pplat - PEEP)"),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc Cstat inputs → Inputs."""
    return {
        "tidal_volume": mm.number(mm.get(inputs, r"tidal volume")),
        "plateau_pressure": mm.number(mm.get(inputs, r"plateau")),
        "peep": mm.number(mm.get(inputs, r"^peep")),
    }
