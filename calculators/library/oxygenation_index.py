"""Oxygenation index (OI)."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="oxygenation_index",
    name="Oxygenation Index",
    synonyms=("OI", "Oxygenation index (OI)"),
    category="critical care",
    source=(
        "Ortiz RM, Cilley RE, Bartlett RH. Extracorporeal membrane oxygenation in pediatric "
        "respiratory failure. Pediatr Clin North Am. 1987;34(1):39-46; PALICC severity bands: "
        "Pediatric Acute Lung Injury Consensus Conference Group. Pediatr Crit Care Med. "
        "2015;16(5):428-39."
    ),
    doi="10.1097/PCC.0000000000000350",
    pmid="25647235",
    output_type="decimal",
    description="OI = FiO2 (%) x mean airway pressure (cmH2O) / PaO2 (mmHg); higher is worse "
    "oxygenation.",
)


class Inputs(QuantityInputs):
    """Inputs of the oxygenation index."""

    fio2: float = quantity("fio2", "fraction", ge=0.21, le=1.0, description="FiO2")
    mean_airway_pressure: float = quantity(
        "pressure", "cmH2O", ge=1, le=60, description="Mean airway pressure"
    )
    pao2: float = quantity("pressure", "mmHg", ge=10, le=700, description="Arterial PaO2")


def compute(inputs: Inputs) -> CalcResult:
    """OI = FiO2 x 100 x MAP / PaO2."""
    i = inputs
    oi = i.fio2 * 100 * i.mean_airway_pressure / i.pao2
    # PALICC 2015: 4-8 mild, 8-16 moderate, ≥16 severe PARDS.
    label = (
        "Severe (≥16)"
        if oi >= 16
        else "Moderate (8-16)"
        if oi >= 8
        else "Mild (4-8)"
        if oi >= 4
        else "Below the PARDS range (<4)"
    )
    return CalcResult(
        calculator=META.id,
        value=round(oi, 2),
        interpretation=label,
        steps=[Step(label="OI", value=round(oi, 2), detail="FiO2 % x MAP / PaO2")],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc OI inputs → Inputs (FiO2 in %)."""
    fio2 = mm.number(mm.get(inputs, r"fio2"))
    return {
        "fio2": [fio2, "%"] if fio2 > 1 else fio2,
        "mean_airway_pressure": mm.number(mm.get(inputs, r"mean airway")),
        "pao2": mm.number(mm.get(inputs, r"pao2")),
    }
