"""Naloxone continuous infusion (drip) dosing."""

from __future__ import annotations

from typing import Any

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, Step, quantity
from m3agent.calculators.library import _medmcp_patterns as mm

META = CalculatorMeta(
    id="naloxone_drip",
    name="Naloxone Drip Dosing",
    synonyms=("Naloxone infusion", "naloxone continuous infusion"),
    category="toxicology",
    source=(
        "Goldfrank L, Weisman RS, Errick JK, Lo MW. A dosing nomogram for continuous infusion "
        "intravenous naloxone. Ann Emerg Med. 1986;15(5):566-70."
    ),
    doi="10.1016/s0196-0644(86)80994-5",
    pmid="3963537",
    output_type="decimal",
    unit="mg/h",
    description="Hourly infusion of two-thirds of the naloxone bolus that reversed respiratory "
    "depression; a half bolus may be repeated 15 minutes after starting.",
)


class Inputs(QuantityInputs):
    """Inputs of naloxone drip dosing."""

    bolus_dose: float = quantity(
        "dose_mg", "mg", ge=0.01, le=20, description="Effective (wake-up) naloxone bolus dose"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Rate (mg/h) = 2/3 x effective bolus; re-bolus ½ dose 15 min after starting."""
    rate = inputs.bolus_dose * 2 / 3
    return CalcResult(
        calculator=META.id,
        value=round(rate, 3),
        unit="mg/h",
        interpretation=f"Start {rate:.2f} mg/h; may give {inputs.bolus_dose / 2:g} mg "
        "15 minutes after starting the drip",
        steps=[
            Step(label="Infusion rate", value=round(rate, 3), detail="2/3 x bolus per hour"),
            Step(label="Re-bolus", value=inputs.bolus_dose / 2, detail="½ bolus at 15 min"),
        ],
        extra={"rebolus_mg": inputs.bolus_dose / 2},
    )


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc naloxone inputs → Inputs."""
    return {"bolus_dose": mm.quantity(mm.get(inputs, r"bolus"), "mg")}
