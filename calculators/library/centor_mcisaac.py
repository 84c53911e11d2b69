"""Centor score modified by McIsaac for streptococcal pharyngitis."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="centor_mcisaac",
    name="Centor Score (Modified/McIsaac) for Strep Pharyngitis",
    synonyms=("Centor score", "McIsaac score", "Modified Centor", "Centor (McIsaac)"),
    category="infectious disease",
    source="McIsaac WJ, White D, Tannenbaum D, Low DE. A clinical score to reduce unnecessary "
    "antibiotic use in patients with sore throat. CMAJ. 1998;158(1):75-83.",
    pmid="9475915",
    output_type="integer",
    medcalc_id=20,
    description="Likelihood of group A streptococcal pharyngitis (Centor criteria with an age "
    "adjustment).",
)


class Inputs(QuantityInputs):
    """Inputs of the McIsaac score."""

    age: float = quantity(
        "age", "years", ge=3, le=120, description="Age (3-14: +1; 15-44: 0; ≥ 45: −1)"
    )
    temperature: float = quantity(
        "temperature", "°C", ge=30, le=45, description="Temperature (> 38 °C: +1)"
    )
    cough_absent: bool = Field(description="Absence of cough (+1)")
    tender_nodes: bool = Field(description="Tender/swollen anterior cervical lymph nodes (+1)")
    tonsillar_exudate: bool = Field(description="Exudate or swelling on tonsils (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Centor criteria plus the McIsaac age term (−1 to 5)."""
    s = Score()
    age_pts = 1 if inputs.age < 15 else 0 if inputs.age < 45 else -1
    s.add("Age", inputs.age, age_pts, "3-14: +1; 15-44: 0; ≥ 45: −1")
    s.add("Temperature > 38 °C", round(inputs.temperature, 2), 1 if inputs.temperature > 38 else 0)
    s.flag("Cough absent", inputs.cough_absent, 1)
    s.flag("Tender/swollen anterior cervical nodes", inputs.tender_nodes, 1)
    s.flag("Tonsillar exudate or swelling", inputs.tonsillar_exudate, 1)
    total = int(s.total)
    # Risk of streptococcal infection by score (McIsaac 1998 / 2004): ≤0 1-2.5%, 1 5-10%,
    # 2 11-17%, 3 28-35%, ≥4 51-53%.
    risk = {-1: "1-2.5%", 0: "1-2.5%", 1: "5-10%", 2: "11-17%", 3: "28-35%"}.get(total, "51-53%")
    action = (
        "no testing or antibiotics"
        if total <= 1
        else "rapid strep test / culture"
        if total <= 3
        else "test, consider empiric antibiotics"
    )
    return CalcResult(
        calculator=META.id,
        value=total,
        interpretation=f"{total} points: strep risk {risk}; {action}.",
        steps=s.steps,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    e = entities
    return {
        "age": mc.quantity(e, "age"),
        "temperature": mc.quantity(e, "Temperature"),
        "cough_absent": mc.flag(e, "Cough Absent"),
        "tender_nodes": mc.flag(e, "Tender/swollen anterior cervical lymph nodes"),
        "tonsillar_exudate": mc.flag(e, "Exudate or swelling on tonsils"),
    }
