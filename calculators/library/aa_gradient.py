"""Alveolar-arterial (A-a) oxygen gradient."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="aa_gradient",
    name="A-a O₂ Gradient",
    synonyms=(
        "A-a O2 Gradient",
        "A-a gradient",
        "Alveolar-arterial gradient",
        "alveolar-arterial oxygen gradient",
    ),
    category="pulmonology",
    source=(
        "Alveolar gas equation: PAO2 = FiO2 x (Patm - PH2O) - PaCO2/RQ (PH2O 47 mmHg, RQ 0.8); "
        "expected gradient (age/4) + 4: Mellemgaard K. The alveolar-arterial oxygen difference: "
        "its size and components in normal man. Acta Physiol Scand. 1966;67(1):10-20."
    ),
    pmid="5963295",
    output_type="decimal",
    unit="mmHg",
    description="Difference between alveolar (alveolar gas equation) and arterial oxygen "
    "tension; a raised gradient points to V/Q mismatch, shunt or diffusion limitation.",
)

_PH2O = 47.0  # water vapour pressure at 37 °C, mmHg
_RQ = 0.8  # respiratory quotient


class Inputs(QuantityInputs):
    """Inputs of the A-a gradient."""

    atmospheric_pressure: float = quantity(
        "pressure", "mmHg", ge=300, le=800, description="Atmospheric pressure (760 at sea level)"
    )
    fio2: float = quantity("fio2", "fraction", ge=0.21, le=1.0, description="FiO2")
    pao2: float = quantity("pressure", "mmHg", ge=10, le=700, description="Arterial PaO2")
    paco2: float = quantity("pressure", "mmHg", ge=5, le=200, description="Arterial PaCO2")
    age: float = Field(ge=0, le=120, description="Age [years] for the expected gradient")


def compute(inputs: Inputs) -> CalcResult:
    """A-a = FiO2 x (Patm - 47) - PaCO2/0.8 - PaO2."""
    i = inputs
    pao2_alv = i.fio2 * (i.atmospheric_pressure - _PH2O) - i.paco2 / _RQ
    grad = pao2_alv - i.pao2
    expected = i.age / 4 + 4
    label = (
        "Raised A-a gradient"
        if grad > expected
        else "A-a gradient within the expected range for age"
    )
    return CalcResult(
        calculator=META.id,
        value=round(grad, 1),
        unit="mmHg",
        interpretation=f"{label} (expected ≈ {expected:.1f} mmHg)",
        steps=[
            Step(
                label="Alveolar PAO2",
                value=round(pao2_alv, 1),
                detail="FiO2 x (Patm - 47) - PaCO2 / 0.8",
            ),
            Step(label="A-a gradient", value=round(grad, 1), detail="PAO2 - PaO2"),
            Step(label="Expected for age", value=round(expected, 1), detail="age/4 + 4"),
        ],
        extra={"alveolar_po2": round(pao2_alv, 1), "expected_gradient": round(expected, 1)},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc A-a gradient inputs → Inputs (FiO2 given in %)."""
    fio2 = mm.number(mm.get(inputs, r"fio2"))
    return {
        "atmospheric_pressure": mm.number(mm.get(inputs, r"atmospheric")),
        "fio2": [fio2, "%"] if fio2 > 1 else fio2,
        "pao2": mm.number(mm.get(inputs, r"pao2")),
        "paco2": mm.number(mm.get(inputs, r"paco2")),
        "age": mm.number(mm.get(inputs, r"\bage\b")),
    }
