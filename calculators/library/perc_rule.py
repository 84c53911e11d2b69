"""PERC rule for pulmonary embolism."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="perc_rule",
    name="PERC Rule for Pulmonary Embolism",
    synonyms=("PERC", "PERC rule", "Pulmonary Embolism Rule-out Criteria"),
    category="pulmonology",
    source="Kline JA, Mitchell AM, Kabrhel C, Richman PB, Courtney DM. Clinical criteria to "
    "prevent unnecessary diagnostic testing in emergency department patients with "
    "suspected pulmonary embolism. J Thromb Haemost. 2004;2(8):1247-1255.",
    doi="10.1111/j.1538-7836.2004.00790.x",
    pmid="15304025",
    output_type="integer",
    medcalc_id=48,
    description="Counts the eight PERC criteria; with none met and low gestalt, PE is ruled out "
    "without testing.",
)


class Inputs(QuantityInputs):
    """Inputs of the PERC rule."""

    age: float = quantity("age", "years", ge=0, le=120, description="Age (≥ 50 meets)")
    heart_rate: float = quantity(
        "rate", "/min", ge=20, le=300, description="Heart rate (≥ 100 meets)"
    )
    oxygen_saturation: float = quantity(
        "percent", "%", ge=30, le=100, description="SpO2 on room air (< 95% meets)"
    )
    unilateral_leg_swelling: bool = Field(description="Unilateral leg swelling")
    hemoptysis: bool = Field(description="Hemoptysis")
    recent_surgery_or_trauma: bool = Field(
        description="Surgery or trauma within 4 weeks requiring general anaesthesia"
    )
    prior_pe_or_dvt: bool = Field(description="Prior PE or DVT")
    hormone_use: bool = Field(
        description="Oral contraceptives, hormone replacement or estrogenic hormone use"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Count the PERC criteria met (0-8)."""
    s = Score()
    s.add("Age ≥ 50", inputs.age, 1 if inputs.age >= 50 else 0)
    s.add("Heart rate ≥ 100", inputs.heart_rate, 1 if inputs.heart_rate >= 100 else 0)
    s.add("SpO2 < 95%", inputs.oxygen_saturation, 1 if inputs.oxygen_saturation < 95 else 0)
    s.flag("Unilateral leg swelling", inputs.unilateral_leg_swelling, 1)
    s.flag("Hemoptysis", inputs.hemoptysis, 1)
    s.flag("Recent surgery or trauma", inputs.recent_surgery_or_trauma, 1)
    s.flag("Prior PE or DVT", inputs.prior_pe_or_dvt, 1)
    s.flag("Hormone use", inputs.hormone_use, 1)
    total = int(s.total)
    interp = (
        "No criteria met: with low pre-test probability PE is ruled out (< 2% risk)"
        if total == 0
        else f"{total} criteria met: PERC cannot rule out PE; consider D-dimer or imaging"
    )
    return CalcResult(calculator=META.id, value=total, interpretation=interp, steps=s.steps)


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs."""
    e = entities
    return {
        "age": mc.quantity(e, "age"),
        "heart_rate": mc.quantity(e, "Heart Rate or Pulse"),
        "oxygen_saturation": mc.quantity(e, "O₂ saturation percentage"),
        "unilateral_leg_swelling": mc.flag(e, "Unilateral Leg Swelling"),
        "hemoptysis": mc.flag(e, "Hemoptysis"),
        "recent_surgery_or_trauma": mc.flag(e, "Recent surgery or trauma"),
        "prior_pe_or_dvt": mc.flag(
            e,
            "Previously Documented Pulmonary Embolism",
            "Previously documented Deep Vein Thrombosis",
        ),
        "hormone_use": mc.flag(e, "Hormone use"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs ('Age ≥50': 'Yes (56 years)') → inputs."""
    m = kw.KeywordInputs(inputs)

    def num_or_flag(raw: Any, yes: float, no: float) -> float:
        text = str(raw)
        if "(" in text:
            return kw.parse_number(text[text.index("(") :])
        try:
            return kw.parse_number(raw)
        except AdapterError:
            return yes if kw.parse_yes(raw) else no

    return {
        "age": num_or_flag(m.find("age"), 50, 40),
        "heart_rate": num_or_flag(m.find("hr", "heart rate"), 100, 80),
        "oxygen_saturation": num_or_flag(m.find("sat", "o2"), 90, 98),
        "unilateral_leg_swelling": kw.parse_yes(m.find("leg swelling")),
        "hemoptysis": kw.parse_yes(m.find("hemoptysis")),
        "recent_surgery_or_trauma": kw.parse_yes(m.find("surgery")),
        "prior_pe_or_dvt": kw.parse_yes(m.find("prior", "previous")),
        "hormone_use": kw.parse_yes(m.find("hormone")),
    }
