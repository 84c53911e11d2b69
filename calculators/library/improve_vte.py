"""IMPROVE risk score for venous thromboembolism in hospitalised medical patients."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from m3agent.calculators.base import CalcInputs, CalcResult, CalculatorMeta
from m3agent.calculators.library._medmcp_fields import Fields
from m3agent.calculators.library._points import Score

META = CalculatorMeta(
    id="improve_vte",
    name="IMPROVE Risk Score for Venous Thromboembolism (VTE)",
    synonyms=("IMPROVE VTE score", "IMPROVE VTE risk score", "IMPROVE associative VTE score"),
    category="hematology",
    source="Spyropoulos AC, Anderson FA Jr, FitzGerald G, et al. Predictive and associative "
    "models to identify hospitalized medical patients at risk for VTE. Chest. "
    "2011;140(3):706-714; risk bands (0-1 low, 2-3 moderate, ≥ 4 high) as tabulated in the "
    "ASH publication on post-discharge thromboprophylaxis (IMPROVE VTE risk factors, Table 2).",
    output_type="integer",
    description="Seven weighted risk factors (previous VTE 3; thrombophilia, lower-limb "
    "paralysis, cancer 2 each; immobilisation, ICU/CCU, age > 60 1 each).",
)

# (input, label, points) — Spyropoulos 2011.
_FACTORS = (
    ("previous_vte", "Previous VTE", 3),
    ("known_thrombophilia", "Known thrombophilia", 2),
    ("lower_limb_paralysis", "Current lower-limb paralysis", 2),
    ("current_cancer", "Current cancer", 2),
    ("immobilized_7_days", "Immobilised ≥ 7 days", 1),
    ("icu_ccu_stay", "ICU/CCU stay", 1),
    ("age_over_60", "Age > 60 years", 1),
)


class Inputs(CalcInputs):
    """Inputs of the IMPROVE VTE score."""

    previous_vte: bool = Field(description="Previous venous thromboembolism (+3)")
    known_thrombophilia: bool = Field(
        description="Congenital or acquired condition with excess thrombosis risk (+2)"
    )
    lower_limb_paralysis: bool = Field(description="Current lower-limb paralysis (+2)")
    current_cancer: bool = Field(
        description="Active cancer or cancer within 5 years, excluding non-melanoma skin (+2)"
    )
    immobilized_7_days: bool = Field(
        description="Immobilised (bed or chair) ≥ 7 days immediately before and during admission "
        "(+1)"
    )
    icu_ccu_stay: bool = Field(description="ICU or CCU stay (+1)")
    age_over_60: bool = Field(description="Age > 60 years (+1)")


def compute(inputs: Inputs) -> CalcResult:
    """Sum of the weighted factors (Spyropoulos 2011)."""
    s = Score()
    for name, label, points in _FACTORS:
        s.flag(label, bool(getattr(inputs, name)), points)
    total = int(s.total)
    if total <= 1:
        reading = "Low VTE risk (0-1)"
    elif total <= 3:
        reading = "Moderate VTE risk (2-3)"
    else:
        reading = "High VTE risk (≥ 4)"
    return CalcResult(calculator=META.id, value=total, interpretation=reading, steps=s.steps)


def from_medmcp(inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """MedMCP-Calc inputs (the seven yes/no factors) → kwargs."""
    f = Fields(inputs, META.id)
    return {
        "previous_vte": f.yes("previous vte", "prior vte"),
        "known_thrombophilia": f.yes("thrombophilia"),
        "lower_limb_paralysis": f.yes("paralysis"),
        "current_cancer": f.yes("cancer"),
        "immobilized_7_days": f.yes("immobili"),
        "icu_ccu_stay": f.yes("icu", "ccu"),
        "age_over_60": f.yes("age"),
    }
