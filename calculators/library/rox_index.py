"""ROX index for predicting intubation after high-flow nasal cannula (HFNC)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="rox_index",
    name="ROX Index for Intubation after HFNC",
    synonyms=("ROX index", "ROX score", "respiratory rate-oxygenation index"),
    category="pulmonology",
    source=(
        "Roca O, Caralt B, Messika J, et al. An index combining respiratory rate and "
        "oxygenation to predict outcome of nasal high-flow therapy. Am J Respir Crit Care Med. "
        "2019;199(11):1368-76."
    ),
    doi="10.1164/rccm.201803-0589OC",
    pmid="30576221",
    output_type="decimal",
    description="(SpO2/FiO2)/respiratory rate in patients on HFNC; ≥4.88 predicts success, "
    "low values predict the need for intubation.",
)


class Inputs(QuantityInputs):
    """Inputs of the ROX index."""

    spo2: float = Field(ge=40, le=100, description="SpO2 [%]")
    fio2: float = quantity("fio2", "fraction", ge=0.21, le=1.0, description="FiO2")
    respiratory_rate: float = quantity("rate", "/min", ge=1, le=80, description="Respiratory rate")


def compute(inputs: Inputs) -> CalcResult:
    """ROX = (SpO2 % / FiO2 fraction) / respiratory rate."""
    i = inputs
    rox = (i.spo2 / i.fio2) / i.respiratory_rate
    # Roca 2019: ≥4.88 at 2, 6 or 12 h → low risk; <2.85 (2 h), <3.47 (6 h), <3.85 (12 h)
    # → high risk of HFNC failure.
    if rox >= 4.88:
        label = "Low risk of HFNC failure (ROX ≥ 4.88)"
    elif rox < 3.85:
        label = (
            "High risk of HFNC failure; consider intubation (ROX < 3.85 at 12 h; "
            "thresholds 2.85 at 2 h, 3.47 at 6 h)"
        )
    else:
        label = "Indeterminate: reassess in 1-2 hours"
    return CalcResult(
        calculator=META.id,
        value=round(rox, 3),
        interpretation=label,
        steps=[
            Step(label="SpO2/FiO2", value=round(i.spo2 / i.fio2, 1)),
            Step(label="ROX", value=round(rox, 3), detail="(SpO2/FiO2)/RR"),
        ],
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc ROX inputs → Inputs (FiO2 in %)."""
    fio2 = mm.number(mm.get(inputs, r"fio2"))
    return {
        "spo2": mm.number(mm.get(inputs, r"spo2")),
        "fio2": [fio2, "%"] if fio2 > 1 else fio2,
        "respiratory_rate": mm.number(mm.get(inputs, r"respiratory rate")),
    }
