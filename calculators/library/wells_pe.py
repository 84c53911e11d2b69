"""Wells' criteria for pulmonary embolism."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcResult, CalculatorMeta, QuantityInputs, quantity
from m3agent.calculators.library import _medcalc_entities as mc
from m3agent.calculators.library import _medmcp_keywords as kw
from m3agent.calculators.library._adapter_errors import AdapterError
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="wells_pe",
    name="Wells' Criteria for Pulmonary Embolism",
    synonyms=("Wells PE", "Wells score for PE", "Wells criteria PE", "Wells' PE score"),
    category="pulmonology",
    source="Wells PS, Anderson DR, Rodger M, et al. Derivation of a simple clinical model to "
    "categorize patients probability of pulmonary embolism: increasing the models "
    "utility with the SimpliRED D-dimer. Thromb Haemost. 2000;83(3):416-420.",
    pmid="10744147",
    output_type="decimal",
    medcalc_id=8,
    description="Pre-test probability of pulmonary embolism (three-tier and two-tier readings).",
)


class Inputs(QuantityInputs):
    """Inputs of the Wells PE score."""

    dvt_signs: bool = Field(description="Clinical signs and symptoms of DVT (+3)")
    pe_most_likely: bool = Field(description="PE is the #1 diagnosis or equally likely (+3)")
    heart_rate: float = quantity(
        "rate", "/min", ge=20, le=300, description="Heart rate (> 100: +1.5)"
    )
    immobilization_or_surgery: bool = Field(
        description="Immobilization ≥ 3 days or surgery in the previous 4 weeks (+1.5)"
    )
    previous_pe_or_dvt: bool = Field(
        description="Previously, objectively diagnosed PE or DVT (+1.5)"
    )
    hemoptysis: bool = Field(description="Hemoptysis (+1)")
    malignancy: bool = Field(
        description="Malignancy with treatment within 6 months or palliative (+1)"
    )


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the Wells criteria (0-12.5)."""
    s = Score()
    s.flag("Clinical signs and symptoms of DVT", inputs.dvt_signs, 3)
    s.flag("PE is #1 diagnosis or equally likely", inputs.pe_most_likely, 3)
    s.add(
        "Heart rate > 100",
        inputs.heart_rate,
        1.5 if inputs.heart_rate > 100 else 0,
        "+1.5 if > 100 beats/min",
    )
    s.flag(
        "Immobilization ≥ 3 days or surgery within 4 weeks", inputs.immobilization_or_surgery, 1.5
    )
    s.flag("Previous PE or DVT", inputs.previous_pe_or_dvt, 1.5)
    s.flag("Hemoptysis", inputs.hemoptysis, 1)
    s.flag("Malignancy", inputs.malignancy, 1)
    total = s.total
    three = (
        "low risk (≈1.3% PE)"
        if total < 2
        else "moderate risk (≈16.2% PE)"
        if total <= 6
        else "high risk (≈40.6% PE)"
    )
    two = "PE unlikely (≤ 4)" if total <= 4 else "PE likely (> 4)"
    return CalcResult(
        calculator=META.id,
        value=s.value,
        interpretation=f"{total} points: {three}; two-tier: {two}.",
        steps=s.steps,
    )


def from_medcalc(entities: dict[str, Any]) -> dict[str, Any]:
    """MedCalc-Bench entities → inputs (unmentioned criteria are absent)."""
    return {
        "dvt_signs": mc.flag(entities, "Clinical signs and symptoms of Deep Vein Thrombosis"),
        "pe_most_likely": mc.flag(entities, "Pulmonary Embolism is #1 diagnosis OR equally likely"),
        "heart_rate": mc.quantity(entities, "Heart Rate or Pulse"),
        "immobilization_or_surgery": mc.flag(
            entities, "Immobilization for at least 3 days", "Surgery in the previous 4 weeks"
        ),
        "previous_pe_or_dvt": mc.flag(
            entities,
            "Previously Documented Pulmonary Embolism",
            "Previously documented Deep Vein Thrombosis",
        ),
        "hemoptysis": mc.flag(entities, "Hemoptysis"),
        "malignancy": mc.flag(entities, "Malignancy with treatment within 6 months or palliative"),
    }


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs → inputs (heart rate given as 'No (98 bpm)' or a number)."""
    m = kw.KeywordInputs(inputs)
    hr_raw = m.find("heart rate")
    try:
        hr = kw.parse_number(hr_raw)
    except AdapterError:
        hr = 101.0 if kw.parse_yes(hr_raw) else 60.0  # only the > 100 criterion is recorded
    return {
        "dvt_signs": kw.parse_yes(m.find("signs dvt", "dvt")),
        "pe_most_likely": kw.parse_yes(m.find("diagnosis")),
        "heart_rate": hr,
        "immobilization_or_surgery": kw.parse_yes(m.find("immobilization")),
        "previous_pe_or_dvt": kw.parse_yes(m.find("previous", "prior")),
        "hemoptysis": kw.parse_yes(m.find("hemoptysis")),
        "malignancy": kw.parse_yes(m.find("malignancy")),
    }
